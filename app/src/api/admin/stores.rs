//! `/admin/stores`: every store with its status and sales; suspending and
//! reactivating; a store's products and orders, read-only.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::Listing;
use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    super::{admin, confirmed, forms},
    crate::{error::state, forms::ssr as form, session},
    server::dates,
    server::{
        admin::stores::{self, Filter, StoreRow},
        seller::{orders as store_orders, products},
    },
    texts::msg,
};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreView {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub status: String,
    pub status_reason: String,
    pub owner: String,
    pub products: i64,
    pub orders: i64,
    pub sales: String,
}

#[cfg(feature = "ssr")]
impl From<StoreRow> for StoreView {
    fn from(store: StoreRow) -> Self {
        Self {
            id: store.id,
            slug: store.slug,
            name: store.name,
            status: store.status,
            status_reason: store.status_reason,
            owner: store.owner.unwrap_or_default(),
            products: store.products,
            orders: store.orders,
            sales: store.sales.to_string(),
        }
    }
}

/// A product as the store page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreProduct {
    pub title: String,
    pub slug: String,
    pub status: String,
    pub stock: i64,
    pub price: String,
}

/// A paid store order as the store page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreOrder {
    pub number: String,
    pub status: String,
    pub paid: String,
    pub subtotal: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreDetail {
    pub store: StoreView,
    /// The most recently changed products and the latest orders.
    pub products: Vec<StoreProduct>,
    pub orders: Vec<StoreOrder>,
}

#[server]
pub async fn admin_stores(
    text: String,
    status: String,
    page: i64,
) -> Result<Listing<StoreView>, AppError> {
    admin().await?;
    let filter = Filter {
        text,
        status: (!status.is_empty()).then_some(status),
        page,
    };
    let page = stores::list(&state()?.db, &filter).await?;
    Ok(Listing::of(page, StoreView::from))
}

#[server]
pub async fn admin_store(id: i64) -> Result<StoreDetail, AppError> {
    let you = admin().await?.id;
    let db = &state()?.db;
    let (store, scope) = stores::find(db, id, you).await?;
    let listed = products::list(db, scope, &products::ListQuery::default()).await?;
    let (orders, _) = store_orders::list(db, scope, &store_orders::Filter::default()).await?;
    Ok(StoreDetail {
        store: store.into(),
        products: listed
            .items
            .into_iter()
            .map(|product| StoreProduct {
                title: product.title,
                slug: product.slug,
                status: product.status,
                stock: i64::from(product.stock_total),
                price: match (product.price_from, product.price_to) {
                    (Some(from), Some(to)) if from != to => format!("{from} – {to}"),
                    (Some(from), _) => from.to_string(),
                    _ => String::new(),
                },
            })
            .collect(),
        orders: orders
            .into_iter()
            .map(|order| StoreOrder {
                number: order.number,
                status: order.status,
                paid: order
                    .paid_at
                    .map(|at| dates::moment(at, crate::i18n::request_lang()))
                    .unwrap_or_default(),
                subtotal: order.subtotal.to_string(),
            })
            .collect(),
    })
}

/// Suspends the store (with a reason, after confirmation) or reactivates it.
#[server]
pub async fn admin_store_status(
    id: i64,
    suspend: bool,
    #[server(default)] reason: String,
    #[server(default)] confirm: Option<String>,
) -> Result<Feedback, AppError> {
    let you = admin().await?.id;
    let values = [("reason", reason.as_str())];
    if suspend && !confirmed(&confirm) {
        let error = server::Error::invalid("confirm", msg::PROBLEM_CONFIRM_SUSPEND);
        return form::refused(forms::STORE, error, &values).await;
    }
    let outcome =
        stores::set_suspended(&state()?, &session::meta(), you, id, suspend, &reason).await;
    let notice = if suspend {
        "The store is suspended; its products are no longer for sale."
    } else {
        "The store is active again; its products are back in the storefront."
    };
    form::answer(forms::STORE, outcome, notice, &values).await
}
