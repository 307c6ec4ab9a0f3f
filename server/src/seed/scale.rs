//! A large synthetic catalog for benchmarks: `count` published products
//! spread over fifty stores, each with three variants, and a year of orders
//! for one busy store. Idempotent.

use sqlx::PgPool;

use super::demo::DEMO_PASSWORD;
use crate::{
    Result,
    accounts::{Email, Role, users},
};

/// The number of stores the synthetic catalog is spread over.
pub const STORES: i32 = 50;

/// Creates the stores and products that do not exist yet; returns how many
/// products were added. Categories come from the demo seed.
pub async fn run(db: &PgPool, count: i32) -> Result<u64> {
    let mut tx = db.begin().await?;
    sqlx::query!(
        "INSERT INTO stores (slug, name, description)
         SELECT 'scale-store-' || g, 'Scale Store ' || g, 'A store generated for benchmarks.'
         FROM generate_series(1, $1::int) g
         ON CONFLICT (slug) DO NOTHING",
        STORES
    )
    .execute(&mut *tx)
    .await?;
    let added = sqlx::query!(
        r#"
        WITH leaf_categories AS (
            SELECT id, row_number() OVER (ORDER BY id) - 1 AS n, count(*) OVER () AS total
            FROM categories c
            WHERE status = 'approved' AND NOT EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id)
        ),
        stores_numbered AS (
            SELECT id, row_number() OVER (ORDER BY id) - 1 AS n
            FROM stores WHERE slug LIKE 'scale-store-%'
        )
        INSERT INTO products (store_id, category_id, slug, title, description, attributes, status, published_at)
        SELECT s.id, c.id, 'scale-product-' || g,
               (ARRAY['Sturdy','Light','Vintage','Modern','Rustic','Soft'])[1 + g % 6] || ' ' ||
               (ARRAY['Oak','Linen','Cotton','Steel','Clay','Wool'])[1 + (g / 6) % 6] || ' ' ||
               (ARRAY['Chair','Shirt','Bowl','Lamp','Scarf','Notebook','Bag','Print'])[1 + (g / 36) % 8] || ' ' || g,
               'A generated product for load tests.',
               jsonb_build_object('material', (ARRAY['oak','linen','cotton','steel','clay','wool'])[1 + (g / 6) % 6]),
               'published', now() - make_interval(mins => g)
        FROM generate_series(1, $1::int) g
        JOIN stores_numbered s ON s.n = g % $2::int
        JOIN leaf_categories c ON c.n = g % c.total
        ON CONFLICT (slug) DO NOTHING
        "#,
        count,
        STORES,
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    sqlx::query!(
        "INSERT INTO product_variants (product_id, store_id, sku, options, price, stock, position)
         SELECT p.id, p.store_id, 'SCALE-' || p.id || '-' || v, jsonb_build_object('size', (ARRAY['S','M','L'])[v]),
                500 + (p.id * 37 + v * 100) % 20000, (p.id + v) % 25, v
         FROM products p CROSS JOIN generate_series(1, 3) v
         WHERE p.slug LIKE 'scale-product-%'
         ON CONFLICT (store_id, sku) DO NOTHING"
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(added)
}

/// The owner of the store that gets the synthetic order history.
pub const BUSY_SELLER: &str = "scale-seller@example.com";

/// Order lines per catalog product in the synthetic history.
pub const LINES_PER_PRODUCT: i32 = 20;

/// A year of paid orders for the first scale store, two lines each, about
/// `lines` lines in all; one in fifty refunded three days after payment.
/// Its owner is [`BUSY_SELLER`] with the demo password. Idempotent: returns
/// how many lines were added.
pub async fn orders(db: &PgPool, lines: i32, fee_basis_points: u32) -> Result<u64> {
    let owner = users::upsert_verified(
        db,
        &Email::parse(BUSY_SELLER)?,
        "Scale Seller",
        DEMO_PASSWORD,
        &[Role::Customer, Role::Seller],
        false,
    )
    .await?;
    let mut tx = db.begin().await?;
    let store: i64 = sqlx::query_scalar("SELECT id FROM stores WHERE slug = 'scale-store-1'")
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO store_members (store_id, user_id, role) VALUES ($1, $2, 'owner')
         ON CONFLICT DO NOTHING",
    )
    .bind(store)
    .bind(owner)
    .execute(&mut *tx)
    .await?;
    let done: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM orders WHERE checkout_session_id LIKE 'scale-%')",
    )
    .fetch_one(&mut *tx)
    .await?;
    if done {
        return Ok(0);
    }
    // Each order: two variants of the store, paid at a time spread over the
    // last year; the subtotal and fee follow from the catalog prices.
    sqlx::query(
        "CREATE TEMP TABLE scale_plan ON COMMIT DROP AS
         WITH variants AS (
             SELECT v.id, v.product_id, v.sku, v.price, p.title, c.name AS category,
                    -- As checkout writes them: `Size: M`.
                    coalesce((SELECT string_agg(upper(left(key, 1)) || substr(key, 2) || ': ' || value, ', ' ORDER BY key)
                              FROM jsonb_each_text(v.options)), '') AS options,
                    row_number() OVER (ORDER BY v.id) - 1 AS n
             FROM product_variants v JOIN products p ON p.id = v.product_id
             JOIN categories c ON c.id = p.category_id
             WHERE v.store_id = $1
         ),
         -- Which two variants each order takes, as plain numbers, so both
         -- joins below are equality joins on one column.
         picks AS (
             SELECT g, (g * 7) % total AS a_n, (g * 13 + 5) % total AS b_n
             FROM generate_series(1, $2) g, (SELECT count(*) AS total FROM variants) counted
         )
         SELECT picks.g AS g, a.id AS a_id, a.product_id AS a_product, a.sku AS a_sku, a.options AS a_options,
                a.price AS a_price, a.title AS a_title, a.category AS a_category, 1 + g % 3 AS a_quantity,
                b.id AS b_id, b.product_id AS b_product, b.sku AS b_sku, b.options AS b_options,
                b.price AS b_price, b.title AS b_title, b.category AS b_category,
                a.price * (1 + g % 3) + b.price AS subtotal,
                now() - make_interval(secs => (g::bigint * 31536000 / $2)::double precision) AS paid_at,
                g % 50 = 0 AS refunded
         FROM picks
         JOIN variants a ON a.n = picks.a_n
         JOIN variants b ON b.n = picks.b_n",
    )
    .bind(store)
    .bind(lines / 2)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO orders (customer_id, email, status, ship_name, ship_line1, ship_city,
                             ship_postal_code, ship_country, ship_phone, total, checkout_session_id,
                             amount_paid, expires_at, paid_at, created_at)
         SELECT $1, $2, 'paid', 'Scale Shopper', '1 Load Street', 'Lyon', '69001', 'FR',
                '+33 4 00 00 00 00', subtotal, 'scale-' || g, subtotal, paid_at, paid_at, paid_at
         FROM scale_plan",
    )
    .bind(owner)
    .bind(BUSY_SELLER)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO store_orders (order_id, store_id, status, subtotal, fee_basis_points,
                                   platform_fee, refunded, seller_net, paid_at, refunded_at)
         SELECT o.id, $1, CASE WHEN refunded THEN 'refunded' ELSE 'delivered' END, subtotal, $2,
                CASE WHEN refunded THEN 0 ELSE (subtotal * $2 + 5000) / 10000 END,
                CASE WHEN refunded THEN subtotal ELSE 0 END,
                CASE WHEN refunded THEN 0 ELSE subtotal - (subtotal * $2 + 5000) / 10000 END,
                plan.paid_at, CASE WHEN refunded THEN plan.paid_at + interval '3 days' END
         FROM scale_plan plan JOIN orders o ON o.checkout_session_id = 'scale-' || plan.g",
    )
    .bind(store)
    .bind(fee_basis_points as i32)
    .execute(&mut *tx)
    .await?;
    let added = sqlx::query(
        "INSERT INTO order_lines (store_order_id, variant_id, product_id, title, sku, options, category,
                                  unit_price, quantity, line_total)
         SELECT so.id, line.*
         FROM scale_plan plan
         JOIN orders o ON o.checkout_session_id = 'scale-' || plan.g
         JOIN store_orders so ON so.order_id = o.id,
         LATERAL (VALUES
             (a_id, a_product, a_title, a_sku, a_options, a_category, a_price, a_quantity, a_price * a_quantity),
             (b_id, b_product, b_title, b_sku, b_options, b_category, b_price, 1, b_price)
         ) AS line (variant_id, product_id, title, sku, options, category, unit_price, quantity, line_total)",
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(added)
}
