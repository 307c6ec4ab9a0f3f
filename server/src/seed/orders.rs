//! Demo orders: a few months of the demo shopper's purchases across the demo
//! stores, paid, shipped, delivered and some refunded, so the seller's order
//! pages and statistics have something to show. Written straight into the
//! tables (no payment happened), with the fees the checkout would fix.

use chrono::{Duration, Utc};
use sqlx::PgPool;

use super::Dice;
use crate::{Result, orders::platform_fee};

/// Orders created on an empty order book.
const ORDERS: u64 = 60;
/// Spread over this many days before today.
const DAYS: i64 = 120;

/// Creates the demo orders unless there are orders already.
pub async fn seed(db: &PgPool, fee_basis_points: u32) -> Result<usize> {
    let any = sqlx::query_scalar!(r#"SELECT EXISTS (SELECT 1 FROM orders) AS "any!""#)
        .fetch_one(db)
        .await?;
    if any {
        return Ok(0);
    }
    let fee_basis_points = i32::try_from(fee_basis_points).unwrap_or(1000);
    let customer = sqlx::query_scalar!("SELECT id FROM users WHERE email = 'shopper@example.com'")
        .fetch_one(db)
        .await?;
    let variants = sqlx::query!(
        "SELECT v.id, v.product_id, v.store_id, v.sku, v.options, v.price, p.title, c.name AS category
         FROM product_variants v JOIN products p ON p.id = v.product_id
         JOIN categories c ON c.id = p.category_id
         JOIN stores s ON s.id = p.store_id
         WHERE p.status = 'published' AND s.slug IN ('northwind-knits', 'atelier-ceramica', 'paper-and-pine')
         ORDER BY v.id"
    )
    .fetch_all(db)
    .await?;
    if variants.is_empty() {
        return Ok(0);
    }
    let mut tx = db.begin().await?;
    for n in 0..ORDERS {
        let mut dice = Dice::new(10_000 + n);
        let age_days =
            DAYS * i64::try_from(ORDERS - n).unwrap_or(0) / i64::try_from(ORDERS).unwrap_or(1);
        let placed =
            Utc::now() - Duration::days(age_days) - Duration::minutes(dice.below(600) as i64);
        let mut chosen: Vec<_> = (0..=dice.below(3)).map(|_| dice.pick(&variants)).collect();
        chosen.sort_by_key(|variant| (variant.store_id, variant.id));
        chosen.dedup_by_key(|variant| variant.id);
        let quantities: Vec<i32> = chosen.iter().map(|_| 1 + dice.below(3) as i32).collect();
        let total: i64 = chosen
            .iter()
            .zip(&quantities)
            .map(|(variant, quantity)| variant.price * i64::from(*quantity))
            .sum();
        let order = sqlx::query_scalar!(
            "INSERT INTO orders (customer_id, email, status, ship_name, ship_line1, ship_city,
                                 ship_postal_code, ship_country, ship_phone, total, amount_paid,
                                 payment_intent_id, expires_at, paid_at, created_at, updated_at)
             VALUES ($1, 'shopper@example.com', 'paid', 'Sam Shopper', '4 Harbour Lane', 'Bristol',
                     'BS1 4DJ', 'GB', '+44 117 496 0000', $2, $2, 'pi_demo_' || $3::text,
                     $4::timestamptz + interval '30 minutes', $4::timestamptz + interval '2 minutes', $4, $4)
             RETURNING id",
            customer,
            total,
            n.to_string(),
            placed
        )
        .fetch_one(&mut *tx)
        .await?;
        let mut index = 0;
        while index < chosen.len() {
            let store_id = chosen[index].store_id;
            let end = chosen[index..]
                .iter()
                .position(|variant| variant.store_id != store_id)
                .map_or(chosen.len(), |offset| index + offset);
            let subtotal: i64 = (index..end)
                .map(|i| chosen[i].price * i64::from(quantities[i]))
                .sum();
            let fee = platform_fee(subtotal, fee_basis_points);
            // Older orders got further: delivered, some refunded; recent ones wait to ship.
            let status = match (age_days, dice.below(10)) {
                (_, 0) if age_days > 7 => "refunded",
                (0..=3, _) => "paid",
                (4..=10, _) => "shipped",
                _ => "delivered",
            };
            let (refunded, kept_fee) = if status == "refunded" {
                (subtotal, 0)
            } else {
                (0, fee)
            };
            let store_order = sqlx::query_scalar!(
                "INSERT INTO store_orders (order_id, store_id, status, subtotal, fee_basis_points,
                        platform_fee, refunded, seller_net, carrier, tracking_number,
                        paid_at, shipped_at, delivered_at, refunded_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $4::bigint - $7::bigint - $6::bigint,
                         CASE WHEN $3::text <> 'paid' THEN 'Royal Mail' END,
                         CASE WHEN $3::text <> 'paid' THEN 'RM' || $1::bigint::text || 'GB' END,
                         $8::timestamptz + interval '2 minutes',
                         CASE WHEN $3::text <> 'paid' THEN $8::timestamptz + interval '1 day' END,
                         CASE WHEN $3::text IN ('delivered', 'refunded') THEN $8::timestamptz + interval '4 days' END,
                         CASE WHEN $3::text = 'refunded' THEN $8::timestamptz + interval '6 days' END,
                         $8)
                 RETURNING id",
                order,
                store_id,
                status,
                subtotal,
                fee_basis_points,
                kept_fee,
                refunded,
                placed
            )
            .fetch_one(&mut *tx)
            .await?;
            for i in index..end {
                let variant = chosen[i];
                sqlx::query!(
                    "INSERT INTO order_lines (store_order_id, variant_id, product_id, title, sku, options,
                                              category, unit_price, quantity, line_total)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8::bigint * $9::int)",
                    store_order,
                    variant.id,
                    variant.product_id,
                    variant.title,
                    variant.sku,
                    crate::cart::options_label(variant.options.clone()),
                    variant.category,
                    variant.price,
                    quantities[i],
                )
                .execute(&mut *tx)
                .await?;
                if status != "refunded" {
                    sqlx::query!(
                        "UPDATE products SET units_sold = units_sold + $2 WHERE id = $1",
                        variant.product_id,
                        quantities[i]
                    )
                    .execute(&mut *tx)
                    .await?;
                }
            }
            index = end;
        }
    }
    // Receipts numbered in the order the demo orders were paid, as payments
    // number them.
    sqlx::query!(
        "UPDATE store_orders so SET receipt_number = coalesce(r.issued, 0) + numbered.n
         FROM (SELECT id, store_id,
                      row_number() OVER (PARTITION BY store_id ORDER BY paid_at, id)::int AS n
               FROM store_orders WHERE paid_at IS NOT NULL AND receipt_number IS NULL) numbered
         LEFT JOIN receipt_sequences r ON r.store_id = numbered.store_id
         WHERE so.id = numbered.id"
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "INSERT INTO receipt_sequences AS r (store_id, issued)
         SELECT store_id, max(receipt_number) FROM store_orders
         WHERE receipt_number IS NOT NULL GROUP BY store_id
         ON CONFLICT (store_id) DO UPDATE SET issued = excluded.issued"
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(ORDERS as usize)
}
