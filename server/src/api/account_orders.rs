//! `/account/orders`: the orders of the token's owner as a customer, as
//! `/account/orders` shows them (`orders::customer`).

use axum::{
    Json,
    extract::{RawQuery, State},
    http::HeaderMap,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{
    auth::Token,
    catalog::Amount,
    cursor::{self, Cursor},
    problem::{ApiError, ApiPath, ApiQuery, Problem},
    store_orders::{OrderLineJson, ShipTo},
};
use crate::{AppState, accounts::api_tokens::Scope, orders::customer, paging::Window};

#[derive(Debug, Serialize, ToSchema)]
pub struct CustomerOrderRow {
    pub number: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub total: Amount,
    pub items: i64,
    /// How many stores it was bought from.
    pub stores: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CustomerOrderList {
    pub items: Vec<CustomerOrderRow>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    #[param(minimum = 1, maximum = 200, default = 20)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// Your orders, newest first; orders placed after the first page was read
/// wait for the next listing.
#[utoipa::path(
    get, path = "/account/orders", tag = "account",
    params(Paging),
    security(("token" = ["orders:read"])),
    responses(
        (status = 200, body = CustomerOrderList, headers(("Link" = String, description = "The next page, `rel=\"next\"`"))),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn list(
    State(state): State<AppState>,
    token: Token,
    RawQuery(raw_query): RawQuery,
    ApiQuery(paging): ApiQuery<Paging>,
) -> Result<(HeaderMap, Json<CustomerOrderList>), ApiError> {
    let caller = token.with(Scope::OrdersRead)?;
    let cursor = Cursor::start_or_continue(paging.cursor.as_deref(), paging.limit)?;
    let window = Window::new(cursor.page, cursor.limit);
    let (rows, more) =
        customer::list(&state.db, caller.user_id, window, Some(cursor.moment)).await?;
    let list = CustomerOrderList {
        items: rows
            .into_iter()
            .map(|row| CustomerOrderRow {
                number: row.number,
                status: row.status,
                created_at: row.created_at,
                total: row.total.into(),
                items: row.items,
                stores: row.stores,
            })
            .collect(),
        next_cursor: more.then(|| cursor.next().encode()),
    };
    let headers = cursor::next_link(
        &state.config.app_url,
        "/account/orders",
        raw_query.as_deref(),
        list.next_cursor.as_deref(),
    );
    Ok((headers, Json(list)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CustomerStorePart {
    pub store: String,
    pub status: String,
    pub subtotal: Amount,
    pub shipping: Amount,
    /// The shipping method picked, as named then.
    pub shipping_method: String,
    pub refunded: Amount,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub lines: Vec<OrderLineJson>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CustomerOrder {
    pub number: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
    pub total: Amount,
    pub ship_to: ShipTo,
    pub parts: Vec<CustomerStorePart>,
}

/// One of your orders by its number; anybody else's is not found.
#[utoipa::path(
    get, path = "/account/orders/{number}", tag = "account",
    params(("number" = String, Path)),
    security(("token" = ["orders:read"])),
    responses(
        (status = 200, body = CustomerOrder),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn get(
    State(state): State<AppState>,
    token: Token,
    ApiPath(number): ApiPath<String>,
) -> Result<Json<CustomerOrder>, ApiError> {
    let caller = token.with(Scope::OrdersRead)?;
    let order = customer::find(&state.db, caller.user_id, &number).await?;
    Ok(Json(CustomerOrder {
        number: order.number,
        status: order.status,
        created_at: order.created_at,
        paid_at: order.paid_at,
        total: order.total.into(),
        ship_to: ShipTo::from(order.address),
        parts: order
            .parts
            .into_iter()
            .map(|part| CustomerStorePart {
                store: part.store_name,
                status: part.status,
                subtotal: part.subtotal.into(),
                shipping: part.shipping.into(),
                shipping_method: part.shipping_method,
                refunded: part.refunded.into(),
                carrier: part.carrier,
                tracking_number: part.tracking_number,
                lines: part.lines.into_iter().map(OrderLineJson::from).collect(),
            })
            .collect(),
    }))
}
