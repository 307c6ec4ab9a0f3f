//! A store's orders: its part of every paid order, and what its seller does
//! with it. Each action is allowed only from the statuses it makes sense
//! in, is audited, and tells the customer by mail.

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::{PgConnection, PgPool};

use super::StoreScope;
use crate::{
    AppState, Error, Result,
    audit::Entry,
    mail::outbox,
    money::Money,
    orders::messages,
    orders::{
        details::{Order, load},
        platform_fee, release_stock,
    },
    paging::Window,
    request::RequestMeta,
    webhooks::{self, Kind},
};
use texts::{Msg, Text, msg};

/// Store orders per page of the list.
pub const PAGE_SIZE: i64 = 20;

/// The statuses a seller filters by, in the order orders go through them.
pub const STATUSES: &[&str] = &["paid", "shipped", "delivered", "cancelled", "refunded"];

/// One row of the store's order list.
#[derive(Clone, Debug)]
pub struct StoreOrderSummary {
    pub id: i64,
    pub number: String,
    pub status: String,
    pub paid_at: Option<DateTime<Utc>>,
    pub customer_name: String,
    pub items: i64,
    pub subtotal: Money,
    /// Whether a member of the store has opened it.
    pub opened: bool,
}

/// What the list shows: a status, a search by order number, the days paid,
/// a page.
#[derive(Clone, Debug)]
pub struct Filter {
    pub status: Option<String>,
    pub number: String,
    /// Paid at or after…
    pub paid_from: Option<DateTime<Utc>>,
    /// …and before.
    pub paid_before: Option<DateTime<Utc>>,
    /// Leaves out orders paid after this moment: an API cursor's, so orders
    /// paid while a client pages through do not shift its pages.
    pub paid_by: Option<DateTime<Utc>>,
    pub page: i64,
    pub per_page: i64,
}

impl Default for Filter {
    fn default() -> Self {
        Self {
            status: None,
            number: String::new(),
            paid_from: None,
            paid_before: None,
            paid_by: None,
            page: 1,
            per_page: PAGE_SIZE,
        }
    }
}

/// A page of the store's paid orders, newest first, and how many match.
pub async fn list(
    db: &PgPool,
    scope: StoreScope,
    filter: &Filter,
) -> Result<(Vec<StoreOrderSummary>, i64)> {
    let status = filter
        .status
        .as_deref()
        .filter(|status| STATUSES.contains(status));
    let number = filter.number.trim().to_uppercase();
    let window = Window::new(filter.page, filter.per_page);
    let rows = sqlx::query!(
        r#"SELECT so.id, o.number, so.status, so.paid_at, o.ship_name, so.subtotal,
                  so.opened_at IS NOT NULL AS "opened!",
                  (SELECT coalesce(sum(quantity), 0) FROM order_lines WHERE store_order_id = so.id) AS "items!",
                  count(*) OVER () AS "matching!"
           FROM store_orders so JOIN orders o ON o.id = so.order_id
           WHERE so.store_id = $1
             AND so.status NOT IN ('pending_payment', 'expired')
             AND ($2::text IS NULL OR so.status = $2)
             AND ($3 = '' OR o.number LIKE '%' || $3 || '%')
             AND ($6::timestamptz IS NULL OR so.paid_at >= $6)
             AND ($7::timestamptz IS NULL OR so.paid_at < $7)
             AND ($8::timestamptz IS NULL OR so.paid_at IS NULL OR so.paid_at <= $8)
           ORDER BY so.paid_at DESC NULLS LAST, so.id DESC
           LIMIT $4 OFFSET $5"#,
        scope.store_id(),
        status,
        number,
        window.limit(),
        window.offset(),
        filter.paid_from,
        filter.paid_before,
        filter.paid_by,
    )
    .fetch_all(db)
    .await?;
    let matching = rows.first().map_or(0, |row| row.matching);
    let orders = rows
        .into_iter()
        .map(|row| StoreOrderSummary {
            id: row.id,
            number: row.number,
            status: row.status,
            paid_at: row.paid_at,
            customer_name: row.ship_name,
            items: row.items,
            subtotal: Money::from_cents(row.subtotal),
            opened: row.opened,
        })
        .collect();
    Ok((orders, matching))
}

/// How many paid orders of these stores no member has opened yet.
pub async fn unopened(db: &PgPool, store_ids: &[i64]) -> Result<i64> {
    Ok(sqlx::query_scalar!(
        r#"SELECT count(*) AS "count!" FROM store_orders
           WHERE store_id = ANY($1) AND status = 'paid' AND opened_at IS NULL"#,
        store_ids
    )
    .fetch_one(db)
    .await?)
}

/// Records that a member of the store opened the order, the first time.
pub async fn mark_opened(db: &PgPool, scope: StoreScope, store_order_id: i64) -> Result<()> {
    sqlx::query!(
        "UPDATE store_orders SET opened_at = now()
         WHERE id = $1 AND store_id = $2 AND opened_at IS NULL AND status <> 'pending_payment'",
        store_order_id,
        scope.store_id()
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The order with only this store's part; another store's is "not found".
pub async fn find(db: &PgPool, scope: StoreScope, store_order_id: i64) -> Result<Order> {
    let mut conn = db.acquire().await?;
    let order_id = visible_order(&mut conn, scope, store_order_id).await?;
    load(&mut conn, order_id, Some(scope.store_id())).await
}

/// The order of one of the store's store orders that was paid.
async fn visible_order(
    conn: &mut PgConnection,
    scope: StoreScope,
    store_order_id: i64,
) -> Result<i64> {
    sqlx::query_scalar!(
        "SELECT order_id FROM store_orders WHERE id = $1 AND store_id = $2
           AND status NOT IN ('pending_payment', 'expired')",
        store_order_id,
        scope.store_id()
    )
    .fetch_optional(conn)
    .await?
    .ok_or(Error::NotFound)
}

/// What a seller does with a store order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Ship {
        carrier: String,
        tracking_number: String,
    },
    MarkDelivered,
    /// Before shipping: refunds it all and puts the stock back.
    Cancel,
    /// After shipping: the same, for goods that come back.
    Refund,
}

impl Action {
    fn name(&self) -> &'static str {
        match self {
            Self::Ship { .. } => "shipped",
            Self::MarkDelivered => "delivered",
            Self::Cancel => "cancelled",
            Self::Refund => "refunded",
        }
    }

    /// The statuses it may start from.
    fn allowed_from(&self) -> &'static [&'static str] {
        match self {
            Self::Ship { .. } | Self::Cancel => &["paid"],
            Self::MarkDelivered => &["shipped"],
            Self::Refund => &["shipped", "delivered"],
        }
    }
}

fn checked_text(field: &'static str, value: &str, required: Msg) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::invalid(field, required));
    }
    if value.chars().count() > 60 || value.chars().any(char::is_control) {
        return Err(Error::invalid(
            field,
            Text::from(msg::PROBLEM_TOO_LONG).with("max", 60),
        ));
    }
    Ok(value.to_owned())
}

/// Applies `action` to one of the store's orders and answers the order as it
/// is afterwards. A refund goes through the payment provider first, with a
/// key of its own so a retried request refunds once.
pub async fn act(
    state: &AppState,
    scope: StoreScope,
    store_order_id: i64,
    action: Action,
    meta: &RequestMeta,
) -> Result<Order> {
    let action = match action {
        Action::Ship {
            carrier,
            tracking_number,
        } => {
            let mut problems = crate::Problems::default();
            let carrier = problems.check(checked_text(
                "carrier",
                &carrier,
                msg::PROBLEM_CARRIER_REQUIRED,
            ))?;
            let tracking = problems.check(checked_text(
                "tracking_number",
                &tracking_number,
                msg::PROBLEM_TRACKING_REQUIRED,
            ))?;
            problems.finish()?;
            Action::Ship {
                carrier: carrier.unwrap_or_default(),
                tracking_number: tracking.unwrap_or_default(),
            }
        }
        other => other,
    };
    let mut tx = state.db.begin().await?;
    let order_id = visible_order(&mut tx, scope, store_order_id).await?;
    let current = sqlx::query!(
        "SELECT so.status, so.subtotal, so.shipping, so.refunded, so.fee_basis_points,
                o.payment_intent_id, o.number
         FROM store_orders so JOIN orders o ON o.id = so.order_id WHERE so.id = $1
         FOR UPDATE OF so",
        store_order_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if !action.allowed_from().contains(&current.status.as_str()) {
        return Err(Error::conflict(
            Text::from(msg::PROBLEM_ORDER_TRANSITION)
                .with("status", current.status)
                .with("action", action.name()),
        ));
    }
    let mut metadata = json!({ "order": current.number, "from": current.status });
    match &action {
        Action::Ship {
            carrier,
            tracking_number,
        } => {
            sqlx::query!(
                "UPDATE store_orders SET status = 'shipped', carrier = $2, tracking_number = $3,
                        shipped_at = now(), updated_at = now() WHERE id = $1",
                store_order_id,
                carrier,
                tracking_number
            )
            .execute(&mut *tx)
            .await?;
            metadata["carrier"] = json!(carrier);
            metadata["tracking_number"] = json!(tracking_number);
        }
        Action::MarkDelivered => {
            sqlx::query!(
                "UPDATE store_orders SET status = 'delivered', delivered_at = now(), updated_at = now()
                 WHERE id = $1",
                store_order_id
            )
            .execute(&mut *tx)
            .await?;
        }
        Action::Cancel | Action::Refund => {
            // Shipping is given back with the items.
            let amount = current.subtotal + current.shipping - current.refunded;
            let payment_intent = current
                .payment_intent_id
                .as_deref()
                .ok_or_else(|| Error::internal("a paid order without a payment intent"))?;
            let refund_id = if amount > 0 {
                let key = format!("refund-store-order-{store_order_id}");
                Some(
                    state
                        .payments
                        .refund(payment_intent, Money::from_cents(amount), &key)
                        .await?,
                )
            } else {
                None
            };
            // The platform keeps no fee on money given back.
            let kept = current.subtotal + current.shipping - current.refunded - amount;
            let fee = platform_fee(kept, current.fee_basis_points.unwrap_or(0));
            sqlx::query!(
                "UPDATE store_orders SET status = $2, refunded = refunded + $3, platform_fee = $4,
                        seller_net = $5, refunded_at = now(),
                        cancelled_at = CASE WHEN $2 = 'cancelled' THEN now() ELSE cancelled_at END,
                        updated_at = now()
                 WHERE id = $1",
                store_order_id,
                action.name(),
                amount,
                fee,
                kept - fee
            )
            .execute(&mut *tx)
            .await?;
            release_stock(&mut tx, order_id, Some(store_order_id)).await?;
            sqlx::query!(
                "UPDATE products p SET units_sold = GREATEST(p.units_sold - l.quantity, 0)
                 FROM (SELECT product_id, sum(quantity)::int AS quantity FROM order_lines
                       WHERE store_order_id = $1 GROUP BY product_id) l
                 WHERE p.id = l.product_id",
                store_order_id
            )
            .execute(&mut *tx)
            .await?;
            metadata["refunded"] = json!(amount);
            metadata["refund"] = json!(refund_id);
        }
    }
    let event = match action {
        Action::Ship { .. } => None,
        Action::MarkDelivered => Some(Kind::OrderDelivered),
        Action::Cancel => Some(Kind::OrderCancelled),
        Action::Refund => Some(Kind::OrderRefunded),
    };
    if let Some(kind) = event {
        webhooks::record_order(&mut tx, kind, store_order_id).await?;
    }
    Entry::new(
        Some(scope.actor()),
        &format!("store_order.{}", action.name()),
    )
    .target(format!("store_order:{store_order_id}"))
    .store(scope.store_id())
    .metadata(metadata)
    .record(&mut tx, meta)
    .await?;
    let order = load(&mut tx, order_id, Some(scope.store_id())).await?;
    if let Some(part) = order.parts.first() {
        let message = messages::store_order_update(&state.config, &order, part);
        outbox::enqueue(&mut tx, &message).await?;
    }
    tx.commit().await?;
    Ok(order)
}
