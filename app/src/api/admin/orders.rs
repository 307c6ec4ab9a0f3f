//! `/admin/orders`: orders across every store, read-only.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::Listing;
use crate::{api::orders::OrderView, error::AppError};
#[cfg(feature = "ssr")]
use {
    super::admin,
    crate::error::state,
    server::admin::orders::{self, Filter},
    server::dates,
};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRowView {
    pub number: String,
    pub email: String,
    pub status: String,
    pub placed: String,
    pub total: String,
    pub stores: String,
}

#[server]
pub async fn admin_orders(
    text: String,
    status: String,
    page: i64,
) -> Result<Listing<OrderRowView>, AppError> {
    admin().await?;
    let filter = Filter {
        text,
        status: (!status.is_empty()).then_some(status),
        page,
    };
    let page = orders::list(&state()?.db, &filter).await?;
    Ok(Listing::of(page, |order| OrderRowView {
        number: order.number,
        email: order.email,
        status: order.status,
        placed: dates::moment(order.created_at, crate::i18n::request_lang()),
        total: order.total.to_string(),
        stores: order.stores.join(", "),
    }))
}

#[server]
pub async fn admin_order(number: String) -> Result<OrderView, AppError> {
    admin().await?;
    Ok(orders::find(&state()?.db, &number).await?.into())
}
