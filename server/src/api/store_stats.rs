//! `/store/stats/{month}`: a month's figures of the token's store, the same
//! as `/seller/stats` shows (`seller::stats`), as JSON or as the CSV export.

use axum::{
    Json,
    extract::State,
    http::header,
    response::{IntoResponse, Response},
};
use serde::Serialize;
use utoipa::ToSchema;

use super::{
    auth::Token,
    catalog::Amount,
    problem::{ApiError, ApiPath, Problem},
};
use crate::{
    AppState,
    accounts::api_tokens::Scope,
    seller::stats::{self, BestSeller, Income, Month, Sales},
};

#[derive(Debug, Serialize, ToSchema)]
pub struct IncomeJson {
    /// What shoppers paid for the store's items.
    pub gross: Amount,
    /// What shoppers paid for the store's shipping.
    pub shipping: Amount,
    /// The VAT held in what was paid, less the VAT of refunds.
    pub vat: Amount,
    pub refunds: Amount,
    /// The platform's fees, less those returned with refunds.
    pub fees: Amount,
    /// gross + shipping − refunds − fees.
    pub net: Amount,
    /// Store orders paid.
    pub orders: i64,
}

impl From<Income> for IncomeJson {
    fn from(income: Income) -> Self {
        Self {
            gross: income.gross.into(),
            shipping: income.shipping.into(),
            vat: income.vat.into(),
            refunds: income.refunds.into(),
            fees: income.fees.into(),
            net: income.net.into(),
            orders: income.orders,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SalesJson {
    pub name: String,
    pub units: i64,
    pub revenue: Amount,
}

impl From<Sales> for SalesJson {
    fn from(sales: Sales) -> Self {
        Self {
            name: sales.name,
            units: sales.units,
            revenue: sales.revenue.into(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BestSellerJson {
    pub product_id: i64,
    pub sales: SalesJson,
    pub variants: Vec<SalesJson>,
}

impl From<BestSeller> for BestSellerJson {
    fn from(best: BestSeller) -> Self {
        Self {
            product_id: best.product_id,
            sales: best.sales.into(),
            variants: best.variants.into_iter().map(SalesJson::from).collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MonthStatsJson {
    /// `YYYY-MM`, in the platform's time zone.
    pub month: String,
    pub income: IncomeJson,
    pub previous_month: IncomeJson,
    /// Units sold per category, most first.
    pub categories: Vec<SalesJson>,
    pub best_by_units: Vec<BestSellerJson>,
    pub best_by_revenue: Vec<BestSellerJson>,
    /// One entry per day, named by its number.
    pub days: Vec<SalesJson>,
}

/// The month (`YYYY-MM`, not in the future) a request names.
fn month(state: &AppState, text: &str) -> Result<Month, ApiError> {
    Ok(Month::chosen(text, Month::current(state.config.time_zone))?)
}

/// A month's figures, to the cent as the statistics page shows them.
#[utoipa::path(
    get, path = "/store/stats/{month}", tag = "store statistics",
    params(("month" = String, Path, description = "`YYYY-MM`")),
    security(("token" = ["stats:read"])),
    responses(
        (status = 200, body = MonthStatsJson),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "Not a month, or one to come"),
    ),
)]
pub async fn month_stats(
    State(state): State<AppState>,
    token: Token,
    ApiPath(text): ApiPath<String>,
) -> Result<Json<MonthStatsJson>, ApiError> {
    let scope = token.store(Scope::StatsRead)?;
    let month = month(&state, &text)?;
    let figures = stats::month(&state.db, scope, state.config.time_zone, month).await?;
    let list = |sales: Vec<Sales>| sales.into_iter().map(SalesJson::from).collect();
    let best = |best: Vec<BestSeller>| best.into_iter().map(BestSellerJson::from).collect();
    Ok(Json(MonthStatsJson {
        month: figures.month.to_string(),
        income: figures.income.into(),
        previous_month: figures.previous.into(),
        categories: list(figures.categories),
        best_by_units: best(figures.best_by_units),
        best_by_revenue: best(figures.best_by_revenue),
        days: list(figures.days),
    }))
}

/// A month's order lines as CSV, the same file as the statistics page's export.
#[utoipa::path(
    get, path = "/store/stats/{month}/csv", tag = "store statistics",
    params(("month" = String, Path, description = "`YYYY-MM`")),
    security(("token" = ["stats:read"])),
    responses(
        (status = 200, content_type = "text/csv", body = String),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn month_csv(
    State(state): State<AppState>,
    token: Token,
    ApiPath(text): ApiPath<String>,
) -> Result<Response, ApiError> {
    let scope = token.store(Scope::StatsRead)?;
    let month = month(&state, &text)?;
    let lines = stats::lines(&state.db, scope, state.config.time_zone, month).await?;
    let body = stats::csv(&lines)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{month}.csv\""),
            ),
        ],
        body,
    )
        .into_response())
}
