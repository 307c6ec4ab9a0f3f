//! The store's monthly statistics, ready to show: amounts as text, and the
//! cents beside them where a chart needs to measure.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    crate::{error::state, session},
    server::{
        money::Money,
        seller::stats::{self, BestSeller, Income, Month, Sales},
    },
};

/// One bar of a chart or row of a table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalesView {
    pub name: String,
    pub units: i64,
    pub revenue: String,
    pub revenue_cents: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BestSellerView {
    pub sales: SalesView,
    pub variants: Vec<SalesView>,
}

/// One income figure, and how it moved since the month before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub label: String,
    pub value: String,
    pub change: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatsView {
    /// `2026-11`, and `November 2026`.
    pub month: String,
    pub label: String,
    pub previous: String,
    /// `None` for the current month: the future has no figures.
    pub next: Option<String>,
    pub figures: Vec<Figure>,
    pub orders: i64,
    pub units: i64,
    pub categories: Vec<SalesView>,
    pub best_by_units: Vec<BestSellerView>,
    pub best_by_revenue: Vec<BestSellerView>,
    pub days: Vec<SalesView>,
    /// The months with sales, as (value, label), newest first.
    pub months: Vec<(String, String)>,
}

#[server]
pub async fn seller_stats(month: String) -> Result<StatsView, AppError> {
    let scope = session::store_scope().await?;
    let state = state()?;
    let time_zone = state.config.time_zone;
    let current = Month::current(time_zone);
    let month = Month::chosen(&month, current)?;
    let figures = stats::month(&state.db, scope, time_zone.name(), month).await?;
    Ok(StatsView {
        month: month.to_string(),
        label: month.label(),
        previous: month.previous().to_string(),
        next: (month < current).then(|| month.next().to_string()),
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
        months: figures
            .months_with_sales
            .into_iter()
            .map(|month| (month.to_string(), month.label()))
            .collect(),
    })
}

#[cfg(feature = "ssr")]
impl From<Sales> for SalesView {
    fn from(sales: Sales) -> Self {
        Self {
            name: sales.name,
            units: sales.units,
            revenue: sales.revenue.to_string(),
            revenue_cents: sales.revenue.cents(),
        }
    }
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
    let figure = |label: &str, now: Money, before: Money| Figure {
        label: label.to_owned(),
        value: now.to_string(),
        change: change(now.cents(), before.cents(), previous),
    };
    vec![
        figure("Gross sales", now.gross, before.gross),
        figure("Refunds", now.refunds, before.refunds),
        figure("Platform fees", now.fees, before.fees),
        figure("Net payout", now.net, before.net),
        figure("Average order", now.average_order(), before.average_order()),
    ]
}

/// `+12.5% on October 2026`, in words when there is nothing to compare.
#[cfg(feature = "ssr")]
fn change(now: i64, before: i64, previous: Month) -> String {
    let month = previous.label();
    match (now, before) {
        (now, before) if now == before => format!("same as {month}"),
        (_, 0) => format!("none in {month}"),
        (now, before) => {
            let percent = (now - before) as f64 * 100.0 / before.abs() as f64;
            format!("{percent:+.1}% on {month}")
        }
    }
}
