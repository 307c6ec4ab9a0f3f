//! The seller's orders: server functions for the list, one order, and what
//! the seller does with it.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{api::orders::OrderView, error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    crate::{error::state, forms::ssr as form, session},
    server::dates,
    server::seller::orders::{self, Action, Filter},
    texts::msg,
};

/// Form names for the one-time feedback of plain form posts.
pub mod forms {
    pub const ACTION: &str = "seller-order";
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreOrderRow {
    pub id: i64,
    pub number: String,
    pub status: String,
    pub paid: String,
    pub customer: String,
    pub items: i64,
    pub subtotal: String,
    /// Paid and not yet opened by anyone of the store.
    pub new: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreOrderList {
    pub rows: Vec<StoreOrderRow>,
    pub total: i64,
    pub page: i64,
    pub page_count: i64,
    pub statuses: Vec<String>,
    /// The store's paid orders nobody has opened yet, on any page.
    pub unopened: i64,
}

#[server]
pub async fn seller_orders(
    status: String,
    number: String,
    page: i64,
) -> Result<StoreOrderList, AppError> {
    let scope = session::store_scope().await?;
    let page = page.max(1);
    let filter = Filter {
        status: (!status.is_empty()).then_some(status),
        number,
        page,
        ..Filter::default()
    };
    let db = &state()?.db;
    let (rows, total) = orders::list(db, scope, &filter).await?;
    let unopened = orders::unopened(db, &[scope.store_id()]).await?;
    Ok(StoreOrderList {
        rows: rows
            .into_iter()
            .map(|row| StoreOrderRow {
                new: row.status == "paid" && !row.opened,
                id: row.id,
                number: row.number,
                status: row.status,
                paid: row
                    .paid_at
                    .map(|at| dates::moment(at, crate::i18n::request_lang()))
                    .unwrap_or_default(),
                customer: row.customer_name,
                items: row.items,
                subtotal: row.subtotal.to_string(),
            })
            .collect(),
        total,
        page,
        page_count: (total + orders::PAGE_SIZE - 1) / orders::PAGE_SIZE,
        statuses: orders::STATUSES.iter().map(|s| (*s).to_owned()).collect(),
        unopened,
    })
}

#[server]
pub async fn seller_order(id: i64) -> Result<OrderView, AppError> {
    let scope = session::store_scope().await?;
    let db = &state()?.db;
    let order = orders::find(db, scope, id).await?;
    orders::mark_opened(db, scope, id).await?;
    Ok(order.into())
}

/// Ships, marks delivered, cancels or refunds one of the store's orders.
/// Giving money back needs the confirmation box ticked.
#[server]
pub async fn store_order_action(
    id: i64,
    action: String,
    #[server(default)] carrier: String,
    #[server(default)] tracking_number: String,
    #[server(default)] confirm: Option<String>,
) -> Result<Feedback, AppError> {
    let scope = session::store_scope().await?;
    let values = [
        ("carrier", carrier.as_str()),
        ("tracking_number", tracking_number.as_str()),
    ];
    let (action, notice) = match action.as_str() {
        "ship" => (
            Action::Ship {
                carrier: carrier.clone(),
                tracking_number: tracking_number.clone(),
            },
            "Marked as shipped; the customer was emailed.",
        ),
        "deliver" => (
            Action::MarkDelivered,
            "Marked as delivered; the customer was emailed.",
        ),
        "cancel" => (Action::Cancel, "Cancelled and refunded; the stock is back."),
        "refund" => (Action::Refund, "Refunded; the stock is back."),
        _ => return Err(AppError::NotFound),
    };
    if matches!(action, Action::Cancel | Action::Refund) && confirm.as_deref() != Some("yes") {
        let error = server::Error::invalid("confirm", msg::PROBLEM_CONFIRM_REFUND);
        return form::refused(forms::ACTION, error, &values).await;
    }
    let outcome = orders::act(&state()?, scope, id, action, &session::meta()).await;
    form::answer(forms::ACTION, outcome, notice, &values).await
}
