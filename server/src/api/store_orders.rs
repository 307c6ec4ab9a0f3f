//! `/store/orders`: the token's store's paid orders, and shipping,
//! delivering, cancelling and refunding them with the seller pages' rules
//! (`seller::orders`).

use axum::{
    Json,
    extract::{RawQuery, State},
    response::IntoResponse,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{
    auth::{Meta, Token},
    catalog::Amount,
    cursor::{self, Cursor},
    problem::{ApiError, ApiJson, ApiPath, ApiQuery, Problem},
};
use crate::{
    AppState,
    accounts::api_tokens::Scope,
    orders::details::Order,
    seller::orders::{self, Action, Filter, STATUSES},
};

#[derive(Debug, Serialize, ToSchema)]
pub struct StoreOrderRow {
    /// The store order's id, for the other order endpoints.
    pub id: i64,
    pub number: String,
    /// `paid`, `shipped`, `delivered`, `cancelled` or `refunded`.
    pub status: String,
    pub paid_at: Option<DateTime<Utc>>,
    pub customer_name: String,
    pub items: i64,
    pub subtotal: Amount,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StoreOrderList {
    pub items: Vec<StoreOrderRow>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrderFilters {
    /// `paid`, `shipped`, `delivered`, `cancelled` or `refunded`.
    pub status: Option<String>,
    /// Orders whose number contains this, such as `BZ-001042` or `1042`.
    pub number: Option<String>,
    /// Paid at or after this moment (RFC 3339).
    pub paid_from: Option<DateTime<Utc>>,
    /// Paid before this moment (RFC 3339).
    pub paid_before: Option<DateTime<Utc>>,
    #[param(minimum = 1, maximum = 200, default = 20)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// The store's paid orders, newest first. Orders paid after the first page
/// was read wait for the next listing.
#[utoipa::path(
    get, path = "/store/orders", tag = "store orders",
    params(OrderFilters),
    security(("token" = ["orders:read"])),
    responses(
        (status = 200, body = StoreOrderList),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn list(
    State(state): State<AppState>,
    token: Token,
    RawQuery(raw_query): RawQuery,
    ApiQuery(filters): ApiQuery<OrderFilters>,
) -> Result<impl IntoResponse, ApiError> {
    let scope = token.store(Scope::OrdersRead)?;
    if let Some(status) = &filters.status
        && !STATUSES.contains(&status.as_str())
    {
        return Err(ApiError::bad_request(format!(
            "status is one of {}.",
            STATUSES.join(", ")
        )));
    }
    let cursor = Cursor::start_or_continue(filters.cursor.as_deref(), filters.limit)?;
    let filter = Filter {
        status: filters.status,
        number: filters.number.unwrap_or_default(),
        paid_from: filters.paid_from,
        paid_before: filters.paid_before,
        paid_by: Some(cursor.moment),
        page: cursor.page,
        per_page: cursor.limit,
    };
    let (rows, matching) = orders::list(&state.db, scope, &filter).await?;
    let next_cursor = (cursor.page * cursor.limit < matching).then(|| cursor.next().encode());
    let headers = cursor::next_link(
        &state.config.app_url,
        "/store/orders",
        raw_query.as_deref(),
        next_cursor.as_deref(),
    );
    let list = StoreOrderList {
        items: rows
            .into_iter()
            .map(|row| StoreOrderRow {
                id: row.id,
                number: row.number,
                status: row.status,
                paid_at: row.paid_at,
                customer_name: row.customer_name,
                items: row.items,
                subtotal: row.subtotal.into(),
            })
            .collect(),
        next_cursor,
    };
    Ok((headers, Json(list)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrderLineJson {
    pub title: String,
    /// Such as `Size: M`.
    pub options: String,
    pub sku: String,
    pub unit_price: Amount,
    pub quantity: i32,
    pub total: Amount,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ShipTo {
    pub name: String,
    pub line1: String,
    pub line2: String,
    pub city: String,
    pub postal_code: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub phone: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StoreOrder {
    pub id: i64,
    pub number: String,
    pub status: String,
    pub paid_at: Option<DateTime<Utc>>,
    pub ship_to: ShipTo,
    pub subtotal: Amount,
    pub shipping: Amount,
    /// The shipping method the shopper picked, as named then.
    pub shipping_method: String,
    pub refunded: Amount,
    pub platform_fee: Option<Amount>,
    pub seller_net: Option<Amount>,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub shipped_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub lines: Vec<OrderLineJson>,
}

impl From<crate::orders::Address> for ShipTo {
    fn from(address: crate::orders::Address) -> Self {
        Self {
            name: address.name,
            line1: address.line1,
            line2: address.line2,
            city: address.city,
            postal_code: address.postal_code,
            country: address.country,
            phone: address.phone,
        }
    }
}

impl From<crate::orders::details::OrderLine> for OrderLineJson {
    fn from(line: crate::orders::details::OrderLine) -> Self {
        Self {
            title: line.title,
            options: line.options,
            sku: line.sku,
            unit_price: line.unit_price.into(),
            quantity: line.quantity,
            total: line.total.into(),
        }
    }
}

impl StoreOrder {
    /// The store's part of `order` (a seller's order has only theirs).
    fn new(order: Order) -> Result<Self, ApiError> {
        let part = order
            .parts
            .into_iter()
            .next()
            .ok_or(ApiError::Service(crate::Error::NotFound))?;
        Ok(Self {
            id: part.id,
            number: order.number,
            status: part.status,
            paid_at: order.paid_at,
            ship_to: ShipTo::from(order.address),
            subtotal: part.subtotal.into(),
            shipping: part.shipping.into(),
            shipping_method: part.shipping_method,
            refunded: part.refunded.into(),
            platform_fee: part.platform_fee.map(Amount::from),
            seller_net: part.seller_net.map(Amount::from),
            carrier: part.carrier,
            tracking_number: part.tracking_number,
            shipped_at: part.shipped_at,
            delivered_at: part.delivered_at,
            lines: part.lines.into_iter().map(OrderLineJson::from).collect(),
        })
    }
}

/// One of the store's orders; another store's is not found.
#[utoipa::path(
    get, path = "/store/orders/{id}", tag = "store orders",
    params(("id" = i64, Path, description = "The store order's id")),
    security(("token" = ["orders:read"])),
    responses(
        (status = 200, body = StoreOrder),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn get(
    State(state): State<AppState>,
    token: Token,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<StoreOrder>, ApiError> {
    let scope = token.store(Scope::OrdersRead)?;
    Ok(Json(StoreOrder::new(
        orders::find(&state.db, scope, id).await?,
    )?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct Shipment {
    pub carrier: String,
    pub tracking_number: String,
}

async fn act(
    state: &AppState,
    token: Token,
    meta: &crate::request::RequestMeta,
    id: i64,
    action: Action,
) -> Result<Json<StoreOrder>, ApiError> {
    let scope = token.store(Scope::OrdersWrite)?;
    let order = orders::act(state, scope, id, action, meta).await?;
    Ok(Json(StoreOrder::new(order)?))
}

/// Ships a paid order: carrier and tracking number; the customer is told.
#[utoipa::path(
    post, path = "/store/orders/{id}/ship", tag = "store orders",
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    request_body = Shipment,
    security(("token" = ["orders:write"])),
    responses(
        (status = 200, body = StoreOrder),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Not paid, or already shipped"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn ship(
    State(state): State<AppState>,
    token: Token,
    Meta(meta): Meta,
    ApiPath(id): ApiPath<i64>,
    ApiJson(shipment): ApiJson<Shipment>,
) -> Result<Json<StoreOrder>, ApiError> {
    let action = Action::Ship {
        carrier: shipment.carrier,
        tracking_number: shipment.tracking_number,
    };
    act(&state, token, &meta, id, action).await
}

/// Marks a shipped order delivered.
#[utoipa::path(
    post, path = "/store/orders/{id}/deliver", tag = "store orders",
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    security(("token" = ["orders:write"])),
    responses(
        (status = 200, body = StoreOrder),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn deliver(
    State(state): State<AppState>,
    token: Token,
    Meta(meta): Meta,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<StoreOrder>, ApiError> {
    act(&state, token, &meta, id, Action::MarkDelivered).await
}

/// Cancels a paid order before shipping: refunded in full, stock put back.
#[utoipa::path(
    post, path = "/store/orders/{id}/cancel", tag = "store orders",
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    security(("token" = ["orders:write"])),
    responses(
        (status = 200, body = StoreOrder),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn cancel(
    State(state): State<AppState>,
    token: Token,
    Meta(meta): Meta,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<StoreOrder>, ApiError> {
    act(&state, token, &meta, id, Action::Cancel).await
}

/// Refunds a shipped or delivered order in full, for goods that came back.
#[utoipa::path(
    post, path = "/store/orders/{id}/refund", tag = "store orders",
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    security(("token" = ["orders:write"])),
    responses(
        (status = 200, body = StoreOrder),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn refund(
    State(state): State<AppState>,
    token: Token,
    Meta(meta): Meta,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<StoreOrder>, ApiError> {
    act(&state, token, &meta, id, Action::Refund).await
}
