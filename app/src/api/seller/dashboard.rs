//! The seller's start page: today's and this month's sales, what is left
//! to ship and what is running out, from `server::seller::dashboard`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::StoreSummary;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{error::state, session};

/// A variant running out, as the dashboard lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LowStockView {
    pub product_id: i64,
    pub title: String,
    pub sku: String,
    pub stock: i32,
}

/// The seller's start page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardView {
    pub store: StoreSummary,
    pub status: String,
    pub status_reason: String,
    pub today: String,
    pub today_orders: i64,
    pub month: String,
    pub month_orders: i64,
    pub month_net: String,
    pub to_ship: i64,
    /// Paid orders nobody of the store has opened yet.
    pub unopened: i64,
    pub low_stock_threshold: i32,
    pub low_stock: Vec<LowStockView>,
    pub low_stock_total: i64,
}

#[server]
pub async fn seller_dashboard() -> Result<DashboardView, AppError> {
    let (user, scope) = session::seller().await?;
    let role = user
        .stores
        .first()
        .map(|s| s.role.clone())
        .unwrap_or_default();
    let state = state()?;
    let figures =
        server::seller::dashboard::dashboard(&state.db, scope, state.config.time_zone).await?;
    let unopened = server::seller::orders::unopened(&state.db, &[scope.store_id()]).await?;
    Ok(DashboardView {
        store: StoreSummary {
            name: figures.name,
            slug: figures.slug,
            role,
        },
        status: figures.status,
        status_reason: figures.status_reason,
        today: figures.today.to_string(),
        today_orders: figures.today_orders,
        month: figures.month.gross.to_string(),
        month_orders: figures.month.orders,
        month_net: figures.month.net.to_string(),
        to_ship: figures.to_ship,
        unopened,
        low_stock_threshold: figures.low_stock_threshold,
        low_stock_total: figures.low_stock_total,
        low_stock: figures
            .low_stock
            .into_iter()
            .map(|low| LowStockView {
                product_id: low.product_id,
                title: low.title,
                sku: low.sku,
                stock: low.stock,
            })
            .collect(),
    })
}
