//! A large synthetic catalog for benchmarks: `count` published products
//! spread over fifty stores, each with three variants. Idempotent.

use sqlx::PgPool;

use crate::Result;

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
