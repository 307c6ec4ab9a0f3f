//! The demo and benchmark data.

use fixtures::TempDir;
use server::{
    accounts::password,
    catalog::products::{ProductQuery, list_published},
    secrets::SecretsKey,
    seed,
};
use sqlx::PgPool;

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_demo_seed_builds_a_browsable_marketplace_and_is_idempotent(db: PgPool) {
    let uploads = TempDir::new();
    let storage = fixtures::storage(&uploads);
    let first = seed::demo::run(&db, &SecretsKey::local(), &storage)
        .await
        .unwrap();
    assert_eq!((first.products_created, first.products_kept), (63, 0));
    let second = seed::demo::run(&db, &SecretsKey::local(), &storage)
        .await
        .unwrap();
    assert_eq!((second.products_created, second.products_kept), (0, 63));

    let listing = list_published(&db, &ProductQuery::default()).await.unwrap();
    assert_eq!(listing.total, 63);
    let card = &listing.items[0];
    let image = card
        .image
        .as_ref()
        .expect("every demo product has a picture");
    for width in server::media::WIDTHS {
        let file = uploads.join(format!("{}-{width}.webp", image.file_key));
        assert!(file.exists(), "{} missing", file.display());
    }
    let stores: i64 = sqlx::query_scalar("SELECT count(*) FROM stores")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(stores, 3);
    // Every paid demo order has its store's receipt number, 1 to n, and the
    // store's sequence goes on from n.
    let gaps: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM stores s
         WHERE (SELECT coalesce(max(receipt_number), 0) FROM store_orders WHERE store_id = s.id)
            <> (SELECT count(*) FROM store_orders WHERE store_id = s.id AND paid_at IS NOT NULL)
            OR (SELECT coalesce(max(issued), 0) FROM receipt_sequences WHERE store_id = s.id)
            <> (SELECT count(*) FROM store_orders WHERE store_id = s.id AND paid_at IS NOT NULL)
            OR EXISTS (SELECT 1 FROM store_orders
                       WHERE store_id = s.id AND paid_at IS NOT NULL AND receipt_number IS NULL)",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(gaps, 0, "receipt numbers run without gap in every store");

    // The demo admin has a second step, from the key the login page names.
    let (admin, sealed): (i64, Vec<u8>) = sqlx::query_as(
        "SELECT u.id, t.sealed_secret FROM users u JOIN user_totp t ON t.user_id = u.id
         WHERE u.email = 'admin@example.com' AND t.enabled_at IS NOT NULL",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    let secret = SecretsKey::local()
        .open(&format!("totp:{admin}"), &sealed)
        .unwrap();
    let key = seed::demo::DEMO_ADMIN_TOTP_KEY;
    assert_eq!(
        secret,
        totp_rs::Secret::Encoded(key.into()).to_bytes().unwrap()
    );
    assert!(seed::demo::DEMO_ACCOUNTS[0].1.contains(key));

    // Months of orders, once: the figures of every store order add up.
    assert_eq!(seed::orders::seed(&db, 1000).await.unwrap(), 60);
    assert_eq!(seed::orders::seed(&db, 1000).await.unwrap(), 0);
    let (statuses, unbalanced): (i64, i64) = sqlx::query_as(
        "SELECT count(DISTINCT so.status),
                count(*) FILTER (WHERE so.subtotal <> (SELECT sum(line_total) FROM order_lines WHERE store_order_id = so.id)
                                    OR so.seller_net <> so.subtotal - so.refunded - so.platform_fee)
         FROM store_orders so",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!((statuses, unbalanced), (4, 0));

    for email in [
        "admin@example.com",
        "seller@example.com",
        "seller2@example.com",
        "shopper@example.com",
    ] {
        let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE email = $1")
            .bind(email)
            .fetch_one(&db)
            .await
            .unwrap();
        assert!(
            password::verify(seed::demo::DEMO_PASSWORD, &hash),
            "{email} cannot sign in"
        );
    }
    let admins: Vec<String> = sqlx::query_scalar(
        "SELECT u.email::text FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.role = 'admin'",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(admins, ["admin@example.com"]);
    let owner: String = sqlx::query_scalar(
        "SELECT u.email::text FROM store_members m JOIN users u ON u.id = m.user_id
         JOIN stores s ON s.id = m.store_id WHERE s.slug = 'northwind-knits' AND m.role = 'owner'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(owner, "seller@example.com");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_scale_seed_adds_the_requested_products_once(db: PgPool) {
    let uploads = TempDir::new();
    seed::demo::run(&db, &SecretsKey::local(), &fixtures::storage(&uploads))
        .await
        .unwrap();
    assert_eq!(seed::scale::run(&db, 500).await.unwrap(), 500);
    assert_eq!(seed::scale::run(&db, 500).await.unwrap(), 0);
    let listing = list_published(&db, &ProductQuery::default()).await.unwrap();
    assert_eq!(listing.total, 563);
    let variants: i64 =
        sqlx::query_scalar("SELECT count(*) FROM product_variants v JOIN products p ON p.id = v.product_id WHERE p.slug LIKE 'scale-product-%'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(variants, 1500);

    // A year of orders for the busy store: two lines each, made once.
    assert_eq!(seed::scale::orders(&db, 1000, 1000).await.unwrap(), 1000);
    assert_eq!(seed::scale::orders(&db, 1000, 1000).await.unwrap(), 0);
}
