//! The seller admin's server functions.

pub mod orders;
pub mod products;
pub mod settings;
pub mod stats;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    crate::{api::accounts::forms, error::state, forms::ssr as form, session},
    server::accounts::{Permission, sessions},
};

/// The store a seller works for, as the seller pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreSummary {
    pub name: String,
    pub slug: String,
    pub role: String,
}

/// Where a person stands before opening a store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Onboarding {
    NeedsVerifiedEmail,
    Ready,
    HasStore,
}

#[server]
pub async fn my_store() -> Result<StoreSummary, AppError> {
    let user = session::require(Permission::ManageStore).await?;
    let store = user.stores.into_iter().next().ok_or(AppError::Forbidden)?;
    Ok(StoreSummary {
        name: store.name,
        slug: store.slug,
        role: store.role,
    })
}

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
    pub low_stock_threshold: i32,
    pub low_stock: Vec<LowStockView>,
    pub low_stock_total: i64,
}

#[server]
pub async fn seller_dashboard() -> Result<DashboardView, AppError> {
    let user = session::require(Permission::ManageStore).await?;
    let scope = server::seller::StoreScope::of(&user)?;
    let role = user
        .stores
        .first()
        .map(|s| s.role.clone())
        .unwrap_or_default();
    let state = state()?;
    let figures =
        server::seller::dashboard::dashboard(&state.db, scope, state.config.time_zone).await?;
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

#[server]
pub async fn onboarding_status() -> Result<Onboarding, AppError> {
    let user = session::signed_in().await?;
    Ok(if !user.stores.is_empty() {
        Onboarding::HasStore
    } else if user.verified {
        Onboarding::Ready
    } else {
        Onboarding::NeedsVerifiedEmail
    })
}

#[server]
pub async fn open_store(
    name: String,
    slug: String,
    description: String,
) -> Result<Feedback, AppError> {
    let state = state()?;
    let user = session::signed_in().await?;
    let input = server::stores::StoreDetails {
        name: name.clone(),
        slug: slug.clone(),
        description: description.clone(),
    };
    match server::stores::open(&state, &session::meta(), &user, &input).await {
        Ok(_) => {
            // A new role: the session gets a new id.
            sessions::rotate(&session::current().await?).await?;
            leptos_axum::redirect("/seller");
            Ok(Feedback::default())
        }
        Err(error) => {
            form::refused(
                forms::OPEN_STORE,
                error,
                &[
                    ("name", &name),
                    ("slug", &slug),
                    ("description", &description),
                ],
            )
            .await
        }
    }
}
