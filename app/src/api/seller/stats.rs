//! The store's monthly statistics, ready to show: amounts as text, and the
//! cents beside them where a chart needs to measure.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    components::charts::{Figure, MonthNav, SalesView},
    error::AppError,
};
#[cfg(feature = "ssr")]
use {
    crate::{error::state, session},
    server::seller::stats::{self, BestSeller, Income, Month},
};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BestSellerView {
    pub sales: SalesView,
    pub variants: Vec<SalesView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatsView {
    pub nav: MonthNav,
    pub figures: Vec<Figure>,
    pub orders: i64,
    pub units: i64,
    pub categories: Vec<SalesView>,
    pub best_by_units: Vec<BestSellerView>,
    pub best_by_revenue: Vec<BestSellerView>,
    pub days: Vec<SalesView>,
}

#[server]
pub async fn seller_stats(month: String) -> Result<StatsView, AppError> {
    let scope = session::store_scope().await?;
    let state = state()?;
    let time_zone = state.config.time_zone;
    let current = Month::current(time_zone);
    let month = Month::chosen(&month, current)?;
    let figures = stats::month(&state.db, scope, time_zone, month).await?;
    Ok(StatsView {
        nav: MonthNav::new(month, current, figures.months_with_sales),
        figures: income_figures(figures.income, figures.previous, month.previous()),
        orders: figures.income.orders,
        units: figures.categories.iter().map(|c| c.units).sum(),
        categories: figures.categories.into_iter().map(Into::into).collect(),
        best_by_units: figures.best_by_units.into_iter().map(Into::into).collect(),
        best_by_revenue: figures
            .best_by_revenue
            .into_iter()
            .map(Into::into)
            .collect(),
        days: figures.days.into_iter().map(Into::into).collect(),
    })
}

#[cfg(feature = "ssr")]
impl From<BestSeller> for BestSellerView {
    fn from(best: BestSeller) -> Self {
        Self {
            sales: best.sales.into(),
            variants: best.variants.into_iter().map(Into::into).collect(),
        }
    }
}

#[cfg(feature = "ssr")]
fn income_figures(now: Income, before: Income, previous: Month) -> Vec<Figure> {
    vec![
        Figure::money("Gross sales", now.gross, before.gross, previous),
        Figure::money("Shipping", now.shipping, before.shipping, previous),
        Figure::money("VAT collected", now.vat, before.vat, previous),
        Figure::money(
            "Sales excluding VAT",
            now.sales_excluding_vat(),
            before.sales_excluding_vat(),
            previous,
        ),
        Figure::money("Refunds", now.refunds, before.refunds, previous),
        Figure::money("Platform fees", now.fees, before.fees, previous),
        Figure::money("Net payout", now.net, before.net, previous),
        Figure::money(
            "Average order",
            now.average_order(),
            before.average_order(),
            previous,
        ),
    ]
}
