//! A customer's own orders: the list, one order with its part from each
//! store, and giving up an order that was not paid.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use super::{
    details::{Order, load},
    payment::{Closing, close_unpaid, confirm_paid},
};
use crate::{
    AppState, Error, Result, cart::Quantity, money::Money, paging::Window, payments::SessionStatus,
};
use texts::msg;

/// Orders per page of the list.
pub const PAGE_SIZE: i64 = 20;

/// One row of the customer's order list.
#[derive(Clone, Debug)]
pub struct OrderSummary {
    pub number: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub total: Money,
    pub items: i64,
    pub stores: i64,
}

/// A page of the customer's orders placed by `placed_by` (all when `None`),
/// newest first, and whether more follow.
pub async fn list(
    db: &PgPool,
    customer_id: i64,
    window: Window,
    placed_by: Option<DateTime<Utc>>,
) -> Result<(Vec<OrderSummary>, bool)> {
    let rows = sqlx::query!(
        r#"SELECT o.number, o.status, o.created_at, o.total,
                  (SELECT coalesce(sum(l.quantity), 0) FROM order_lines l
                     JOIN store_orders so ON so.id = l.store_order_id WHERE so.order_id = o.id) AS "items!",
                  (SELECT count(*) FROM store_orders so WHERE so.order_id = o.id) AS "stores!"
           FROM orders o WHERE o.customer_id = $1
             AND ($4::timestamptz IS NULL OR o.created_at <= $4)
           ORDER BY o.created_at DESC, o.id DESC LIMIT $2 OFFSET $3"#,
        customer_id,
        // One more than the page shows, to know whether another follows.
        window.limit() + 1,
        window.offset(),
        placed_by,
    )
    .fetch_all(db)
    .await?;
    let more = rows.len() as i64 > window.limit();
    let orders = rows
        .into_iter()
        .take(window.limit() as usize)
        .map(|row| OrderSummary {
            number: row.number,
            status: row.status,
            created_at: row.created_at,
            total: Money::from_cents(row.total),
            items: row.items,
            stores: row.stores,
        })
        .collect();
    Ok((orders, more))
}

/// One of the customer's orders by number; anybody else's is "not found".
pub async fn find(db: &PgPool, customer_id: i64, number: &str) -> Result<Order> {
    let mut conn = db.acquire().await?;
    let order_id = sqlx::query_scalar!(
        "SELECT id FROM orders WHERE number = $1 AND customer_id = $2",
        number,
        customer_id
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound)?;
    load(&mut conn, order_id, None).await
}

/// Gives up an order waiting for payment: its payment page is closed, its
/// stock released and its items put back in the cart.
pub async fn cancel_unpaid(state: &AppState, customer_id: i64, number: &str) -> Result<()> {
    let mut tx = state.db.begin().await?;
    let order = sqlx::query!(
        "SELECT id, checkout_session_id FROM orders
         WHERE number = $1 AND customer_id = $2 FOR UPDATE",
        number,
        customer_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(Error::NotFound)?;
    if let Some(session_id) = &order.checkout_session_id {
        let session = state.payments.session(session_id).await?;
        if session.paid {
            confirm_paid(&mut tx, &state.config, &session).await?;
            tx.commit().await?;
            return Err(Error::conflict(msg::PROBLEM_ORDER_PAID_STAYS));
        }
        if session.status == SessionStatus::Open {
            state.payments.expire(session_id).await?;
        }
    }
    if !close_unpaid(&mut tx, order.id, Closing::Cancelled).await? {
        return Err(Error::conflict(msg::PROBLEM_ORDER_NOT_AWAITING));
    }
    sqlx::query!(
        "INSERT INTO carts (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING",
        customer_id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "INSERT INTO cart_items (cart_id, variant_id, quantity, added_price)
         SELECT c.id, l.variant_id, LEAST(sum(l.quantity), $3), max(l.unit_price)
         FROM order_lines l JOIN store_orders so ON so.id = l.store_order_id
         JOIN carts c ON c.user_id = $2
         WHERE so.order_id = $1
         GROUP BY c.id, l.variant_id
         ON CONFLICT (cart_id, variant_id)
         DO UPDATE SET quantity = LEAST(cart_items.quantity + EXCLUDED.quantity, $3)",
        order.id,
        customer_id,
        i64::from(Quantity::MAX)
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
