//! The marketplace's month in figures, counted by the same rules as a
//! store's statistics (see [`crate::seller::stats`]) over every store.

use chrono_tz::Tz;
use sqlx::PgPool;

use crate::{
    Result,
    seller::stats::{self, Income, Month, Sales},
};

#[derive(Clone, Debug)]
pub struct Dashboard {
    /// Every store's sales: gross is the marketplace's GMV, fees what the
    /// platform earned, net what the sellers keep.
    pub income: Income,
    pub previous: Income,
    pub new_users: i64,
    pub new_users_before: i64,
    pub new_stores: i64,
    pub new_stores_before: i64,
    /// Orders placed in the month by their status now, in the order orders
    /// go through them.
    pub orders_by_status: Vec<(String, i64)>,
    /// GMV and units of each day of the month.
    pub days: Vec<Sales>,
    /// The months with paid orders, newest first.
    pub months_with_sales: Vec<Month>,
    /// Mail given up on and not sent since, whatever the month.
    pub failed_mail: i64,
}

pub async fn month(db: &PgPool, time_zone: Tz, month: Month) -> Result<Dashboard> {
    // Independent reads, each on its own connection.
    let (
        (new_users, new_stores),
        (new_users_before, new_stores_before),
        orders_by_status,
        days,
        months_with_sales,
        income,
        previous,
        failed_mail,
    ) = tokio::try_join!(
        created(db, time_zone, month),
        created(db, time_zone, month.previous()),
        orders_by_status(db, time_zone, month),
        stats::days(db, None, month),
        months_with_sales(db, time_zone),
        stats::income(db, None, time_zone, month),
        stats::income(db, None, time_zone, month.previous()),
        super::mail::failed_count(db),
    )?;
    Ok(Dashboard {
        income,
        previous,
        new_users,
        new_users_before,
        new_stores,
        new_stores_before,
        orders_by_status,
        days,
        months_with_sales,
        failed_mail,
    })
}

/// Orders placed in `month` by their status now.
async fn orders_by_status(db: &PgPool, time_zone: Tz, month: Month) -> Result<Vec<(String, i64)>> {
    let (start, end) = month.span(time_zone);
    Ok(sqlx::query!(
        r#"SELECT s.status AS "status!", count(o.id) AS "orders!"
           FROM unnest(ARRAY['pending_payment', 'paid', 'cancelled', 'expired']) WITH ORDINALITY AS s (status, n)
           LEFT JOIN orders o ON o.status = s.status AND o.created_at >= $1 AND o.created_at < $2
           GROUP BY s.status, s.n ORDER BY s.n"#,
        start,
        end
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|row| (row.status, row.orders))
    .collect())
}

/// The months with paid orders, newest first.
async fn months_with_sales(db: &PgPool, time_zone: Tz) -> Result<Vec<Month>> {
    Ok(sqlx::query_scalar!(
        r#"WITH span AS (SELECT min(paid_at) AS first, max(paid_at) AS last FROM orders WHERE paid_at IS NOT NULL)
           SELECT m::date AS "month!"
           FROM span, generate_series(date_trunc('month', first AT TIME ZONE $1),
                                      date_trunc('month', last AT TIME ZONE $1),
                                      interval '1 month') m
           WHERE EXISTS (SELECT 1 FROM orders o
                         WHERE o.paid_at >= m AT TIME ZONE $1
                           AND o.paid_at < (m + interval '1 month') AT TIME ZONE $1)
           ORDER BY 1 DESC"#,
        time_zone.name()
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(Month)
    .collect())
}

/// Accounts and stores created in `month`.
async fn created(db: &PgPool, time_zone: Tz, month: Month) -> Result<(i64, i64)> {
    let (start, end) = month.span(time_zone);
    let row = sqlx::query!(
        r#"SELECT (SELECT count(*) FROM users WHERE created_at >= $1 AND created_at < $2) AS "users!",
                  (SELECT count(*) FROM stores WHERE created_at >= $1 AND created_at < $2) AS "stores!""#,
        start,
        end
    )
    .fetch_one(db)
    .await?;
    Ok((row.users, row.stores))
}
