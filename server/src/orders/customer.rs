//! A customer's own orders: the list, one order with its part from each
//! store, and giving up an order that was not paid.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};

use super::{
    Address,
    payment::{Closing, close_unpaid, confirm_paid},
};
use crate::{
    AppState, Error, Result, cart::MAX_QUANTITY, money::Money, paging::Window,
    payments::SessionStatus,
};

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

/// A page of the customer's orders, newest first, and whether more follow.
pub async fn list(db: &PgPool, customer_id: i64, page: i64) -> Result<(Vec<OrderSummary>, bool)> {
    let window = Window::new(page, PAGE_SIZE);
    let rows = sqlx::query!(
        r#"SELECT o.number, o.status, o.created_at, o.total,
                  (SELECT coalesce(sum(l.quantity), 0) FROM order_lines l
                     JOIN store_orders so ON so.id = l.store_order_id WHERE so.order_id = o.id) AS "items!",
                  (SELECT count(*) FROM store_orders so WHERE so.order_id = o.id) AS "stores!"
           FROM orders o WHERE o.customer_id = $1
           ORDER BY o.created_at DESC, o.id DESC LIMIT $2 OFFSET $3"#,
        customer_id,
        // One more than the page shows, to know whether another follows.
        window.limit() + 1,
        window.offset()
    )
    .fetch_all(db)
    .await?;
    let more = rows.len() as i64 > PAGE_SIZE;
    let orders = rows
        .into_iter()
        .take(PAGE_SIZE as usize)
        .map(|row| OrderSummary {
            number: row.number,
            status: row.status,
            created_at: row.created_at,
            total: Money(row.total),
            items: row.items,
            stores: row.stores,
        })
        .collect();
    Ok((orders, more))
}

/// One line as it was bought.
#[derive(Clone, Debug)]
pub struct OrderLine {
    pub title: String,
    pub options: String,
    pub sku: String,
    pub category: String,
    pub unit_price: Money,
    pub quantity: i32,
    pub total: Money,
}

/// One store's part of an order.
#[derive(Clone, Debug)]
pub struct StorePart {
    pub id: i64,
    pub store_id: i64,
    pub store_name: String,
    pub store_slug: String,
    pub status: String,
    pub subtotal: Money,
    pub refunded: Money,
    pub platform_fee: Option<Money>,
    pub seller_net: Option<Money>,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub shipped_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub lines: Vec<OrderLine>,
}

/// An order with everything its pages and messages show.
#[derive(Clone, Debug)]
pub struct Order {
    pub id: i64,
    pub number: String,
    pub email: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
    pub address: Address,
    pub total: Money,
    pub payment_problem: Option<String>,
    pub parts: Vec<StorePart>,
}

impl Order {
    pub fn awaiting_payment(&self) -> bool {
        self.status == "pending_payment" && self.payment_problem.is_none()
    }
}

/// The order, with only `store_id`'s part when given (what its seller sees).
pub(crate) async fn load(
    conn: &mut PgConnection,
    order_id: i64,
    store_id: Option<i64>,
) -> Result<Order> {
    let row = sqlx::query!(
        "SELECT id, number, email, status, created_at, expires_at, paid_at, total, payment_problem,
                ship_name, ship_line1, ship_line2, ship_city, ship_postal_code, ship_country, ship_phone
         FROM orders WHERE id = $1",
        order_id
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound)?;
    let parts = sqlx::query!(
        "SELECT so.id, so.store_id, s.name, s.slug, so.status, so.subtotal, so.refunded, so.platform_fee,
                so.seller_net, so.carrier, so.tracking_number, so.shipped_at, so.delivered_at
         FROM store_orders so JOIN stores s ON s.id = so.store_id
         WHERE so.order_id = $1 AND ($2::bigint IS NULL OR so.store_id = $2)
         ORDER BY s.name, so.id",
        order_id,
        store_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut order = Order {
        id: row.id,
        number: row.number,
        email: row.email,
        status: row.status,
        created_at: row.created_at,
        expires_at: row.expires_at,
        paid_at: row.paid_at,
        address: Address {
            name: row.ship_name,
            line1: row.ship_line1,
            line2: row.ship_line2,
            city: row.ship_city,
            postal_code: row.ship_postal_code,
            country: row.ship_country,
            phone: row.ship_phone,
        },
        total: Money(row.total),
        payment_problem: row.payment_problem,
        parts: Vec::with_capacity(parts.len()),
    };
    for part in parts {
        let lines = sqlx::query!(
            "SELECT title, options, sku, category, unit_price, quantity, line_total
             FROM order_lines WHERE store_order_id = $1 ORDER BY id",
            part.id
        )
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|line| OrderLine {
            title: line.title,
            options: line.options,
            sku: line.sku,
            category: line.category,
            unit_price: Money(line.unit_price),
            quantity: line.quantity,
            total: Money(line.line_total),
        })
        .collect();
        order.parts.push(StorePart {
            id: part.id,
            store_id: part.store_id,
            store_name: part.name,
            store_slug: part.slug,
            status: part.status,
            subtotal: Money(part.subtotal),
            refunded: Money(part.refunded),
            platform_fee: part.platform_fee.map(Money),
            seller_net: part.seller_net.map(Money),
            carrier: part.carrier,
            tracking_number: part.tracking_number,
            shipped_at: part.shipped_at,
            delivered_at: part.delivered_at,
            lines,
        });
    }
    Ok(order)
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
            return Err(Error::Conflict(
                "This order was paid already, so it stays. A seller can cancel and refund it."
                    .into(),
            ));
        }
        if session.status == SessionStatus::Open {
            state.payments.expire(session_id).await?;
        }
    }
    if !close_unpaid(&mut tx, order.id, Closing::Cancelled).await? {
        return Err(Error::Conflict(
            "This order is no longer waiting for payment.".into(),
        ));
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
        i64::from(MAX_QUANTITY)
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
