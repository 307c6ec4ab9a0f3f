//! The seller's start page: how the store stands today and this month, what
//! waits to be shipped, and what is about to run out.

use chrono::{Days, Utc};
use chrono_tz::Tz;
use sqlx::PgPool;

use super::{
    StoreScope,
    stats::{self, Income, Month},
};
use crate::{Error, Result, money::Money};

/// Low-stock variants the dashboard lists at most.
pub const LOW_STOCK_SHOWN: i64 = 20;

#[derive(Clone, Debug)]
pub struct Dashboard {
    pub name: String,
    pub slug: String,
    pub status: String,
    /// Why an admin suspended the store.
    pub status_reason: String,
    /// Sales paid today, and how many store orders they make.
    pub today: Money,
    pub today_orders: i64,
    pub month: Income,
    /// Store orders paid and not yet shipped.
    pub to_ship: i64,
    pub low_stock_threshold: i32,
    /// Variants of products on sale or in preparation at or below the
    /// threshold, fewest first.
    pub low_stock: Vec<LowStock>,
    /// How many variants are low in all, when more than are listed.
    pub low_stock_total: i64,
}

#[derive(Clone, Debug)]
pub struct LowStock {
    pub product_id: i64,
    pub title: String,
    pub sku: String,
    pub stock: i32,
}

pub async fn dashboard(db: &PgPool, scope: StoreScope, time_zone: Tz) -> Result<Dashboard> {
    let store = sqlx::query!(
        r#"SELECT name, slug, status, status_reason, low_stock_threshold,
                  (SELECT count(*) FROM store_orders WHERE store_id = s.id AND status = 'paid') AS "to_ship!"
           FROM stores s WHERE id = $1"#,
        scope.store_id()
    )
    .fetch_optional(db)
    .await?
    .ok_or(Error::NotFound)?;
    let low = sqlx::query!(
        r#"SELECT p.id, p.title, v.sku, v.stock, count(*) OVER () AS "total!"
           FROM product_variants v JOIN products p ON p.id = v.product_id
           WHERE v.store_id = $1 AND v.stock <= $2 AND p.status <> 'archived'
           ORDER BY v.stock, p.title, v.sku
           LIMIT $3"#,
        scope.store_id(),
        store.low_stock_threshold,
        LOW_STOCK_SHOWN
    )
    .fetch_all(db)
    .await?;
    let today = Utc::now().with_timezone(&time_zone).date_naive();
    let sold_today = sqlx::query!(
        r#"SELECT count(*) AS "orders!", coalesce(sum(subtotal), 0)::bigint AS "gross!"
           FROM store_orders
           WHERE store_id = $1 AND paid_at >= $2 AND paid_at < $3"#,
        scope.store_id(),
        stats::start_of_day(today, time_zone),
        stats::start_of_day(today + Days::new(1), time_zone)
    )
    .fetch_one(db)
    .await?;
    let month = stats::income(db, Some(scope), time_zone, Month::current(time_zone)).await?;
    Ok(Dashboard {
        name: store.name,
        slug: store.slug,
        status: store.status,
        status_reason: store.status_reason,
        today: Money::from_cents(sold_today.gross),
        today_orders: sold_today.orders,
        month,
        to_ship: store.to_ship,
        low_stock_threshold: store.low_stock_threshold,
        low_stock_total: low.first().map_or(0, |row| row.total),
        low_stock: low
            .into_iter()
            .map(|row| LowStock {
                product_id: row.id,
                title: row.title,
                sku: row.sku,
                stock: row.stock,
            })
            .collect(),
    })
}
