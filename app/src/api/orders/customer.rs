//! A customer's own orders: the list, one order, and giving up an unpaid
//! one, over `server::orders::customer`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::OrderView;
use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    super::forms,
    crate::{error::state, forms::ssr as form, session},
    server::dates,
    server::orders::customer,
};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRow {
    pub number: String,
    pub status: String,
    pub placed: String,
    pub total: String,
    pub items: i64,
    pub stores: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderList {
    pub rows: Vec<OrderRow>,
    pub page: i64,
    pub more: bool,
}

#[server]
pub async fn my_orders(page: i64) -> Result<OrderList, AppError> {
    let user = session::signed_in().await?;
    let page = page.max(1);
    let (rows, more) = customer::list(
        &state()?.db,
        user.id,
        server::paging::Window::new(page, customer::PAGE_SIZE),
        None,
    )
    .await?;
    let lang = crate::i18n::request_lang();
    Ok(OrderList {
        rows: rows
            .into_iter()
            .map(|row| OrderRow {
                number: row.number,
                status: row.status,
                placed: dates::moment(row.created_at, lang),
                total: row.total.localized(lang),
                items: row.items,
                stores: row.stores,
            })
            .collect(),
        page,
        more,
    })
}

#[server]
pub async fn my_order(number: String) -> Result<OrderView, AppError> {
    let user = session::signed_in().await?;
    Ok(customer::find(&state()?.db, user.id, &number).await?.into())
}

/// Gives up an unpaid order; its items go back to the cart.
#[server]
pub async fn cancel_order(number: String) -> Result<Feedback, AppError> {
    let user = session::signed_in().await?;
    match customer::cancel_unpaid(&state()?, user.id, &number).await {
        Ok(()) => {
            crate::i18n::redirect("/cart");
            Ok(Feedback::notice(
                "Order cancelled: its items are back in your cart.",
            ))
        }
        Err(error) => form::refused(forms::PAY, error, &[]).await,
    }
}
