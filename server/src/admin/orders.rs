//! Orders across every store, read-only: search and one order in full.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use super::PAGE_SIZE;
use crate::{
    Error, Result,
    money::Money,
    orders::details::{Order, load},
    paging::{Page, Window},
    text,
};

/// The order statuses an admin filters by.
pub const STATUSES: &[&str] = &["pending_payment", "paid", "cancelled", "expired"];

/// What the order search takes: part of a number or of the customer's email,
/// a status.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub text: String,
    pub status: Option<String>,
    pub page: i64,
}

/// One order in the list.
#[derive(Clone, Debug)]
pub struct OrderRow {
    pub number: String,
    pub email: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub total: Money,
    pub stores: Vec<String>,
}

/// A page of orders, newest first.
pub async fn list(db: &PgPool, filter: &Filter) -> Result<Page<OrderRow>> {
    let window = Window::new(filter.page, PAGE_SIZE);
    let status = filter
        .status
        .as_deref()
        .filter(|status| STATUSES.contains(status));
    let text = filter.text.trim();
    let rows = sqlx::query!(
        r#"SELECT o.number, o.email, o.status, o.created_at, o.total,
                  ARRAY(SELECT s.name FROM store_orders so JOIN stores s ON s.id = so.store_id
                        WHERE so.order_id = o.id ORDER BY s.name) AS "stores!",
                  count(*) OVER () AS "total_count!"
           FROM orders o
           WHERE ($1 = '' OR o.number ILIKE $2 OR lower(o.email) LIKE lower($2))
             AND ($3::text IS NULL OR o.status = $3)
           ORDER BY o.created_at DESC, o.id DESC
           LIMIT $4 OFFSET $5"#,
        text,
        text::contains_pattern(text),
        status,
        window.limit(),
        window.offset(),
    )
    .fetch_all(db)
    .await?;
    let total = rows.first().map_or(0, |row| row.total_count);
    let items = rows
        .into_iter()
        .map(|row| OrderRow {
            number: row.number,
            email: row.email,
            status: row.status,
            created_at: row.created_at,
            total: Money::from_cents(row.total),
            stores: row.stores,
        })
        .collect();
    Ok(window.page(items, total))
}

/// One order by number, with every store's part.
pub async fn find(db: &PgPool, number: &str) -> Result<Order> {
    let mut conn = db.acquire().await?;
    let id = sqlx::query_scalar!("SELECT id FROM orders WHERE number = $1", number)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound)?;
    load(&mut conn, id, None).await
}
