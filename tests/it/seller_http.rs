//! The seller admin through the whole application: one store's owner cannot
//! read or change another store's products through pages or server
//! functions, and only the image upload takes large bodies.

use app::api::seller::{
    images::UploadImages,
    product_editor::SaveProduct,
    products::{BulkStatus, DeleteProduct},
};
use fixtures::{TempDir, png};
use http::StatusCode;
use leptos::server_fn::ServerFn;
use sqlx::{
    PgPool,
    postgres::{PgConnectOptions, PgPoolOptions},
};

use crate::support::{Browser, app, config, database, multipart, signed_in, store_of_a_new_seller};

/// A store owned by a new seller; returns the owner's email and one product
/// with one variant: `(email, product, variant)`.
async fn store_with_product(db: &PgPool, slug: &str) -> (String, i64, i64) {
    let (email, store) = store_of_a_new_seller(db, slug).await;
    let product: i64 = sqlx::query_scalar(
        "INSERT INTO products (store_id, category_id, slug, title, status, published_at)
         VALUES ($1, (SELECT id FROM categories WHERE slug = 'home'), $2, 'Original', 'published', now())
         RETURNING id",
    )
    .bind(store)
    .bind(format!("{slug}-thing"))
    .fetch_one(db)
    .await
    .unwrap();
    let variant: i64 = sqlx::query_scalar(
        "INSERT INTO product_variants (product_id, store_id, sku, price, stock)
         VALUES ($1, $2, 'THING', 1000, 4) RETURNING id",
    )
    .bind(product)
    .bind(store)
    .fetch_one(db)
    .await
    .unwrap();
    (email, product, variant)
}

async fn home_category(db: &PgPool) -> i64 {
    sqlx::query_scalar("INSERT INTO categories (slug, name) VALUES ('home', 'Home') RETURNING id")
        .fetch_one(db)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn another_stores_product_cannot_be_read_or_changed(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let category = home_category(&db).await;
    let uploads = TempDir::new();
    let (app, _) = app(
        db.clone(),
        config(&[("STORAGE_URL", &uploads.storage_url())]),
    )
    .await;
    let (intruder, own_product, own_variant) = store_with_product(&db, "first-shop").await;
    let (_, theirs, their_variant) = store_with_product(&db, "second-shop").await;
    let mut browser: Browser = signed_in(&app, &intruder).await;

    let (status, _, _) = browser
        .get(&format!("/seller/products/{own_product}"))
        .await;
    assert_eq!(status, StatusCode::OK, "the owner opens their own product");
    let (status, _, page) = browser.get(&format!("/seller/products/{theirs}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!page.contains("Original"), "nothing of the product leaks");

    // Everything an owner can do to a product works on their own…
    edit_everything(&mut browser, own_product, own_variant, category).await;
    let (title, status): (String, String) =
        sqlx::query_as("SELECT title, status FROM products WHERE id = $1")
            .bind(own_product)
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!((title.as_str(), status.as_str()), ("Taken over", "draft"));
    let images: i64 =
        sqlx::query_scalar("SELECT count(*) FROM product_images WHERE product_id = $1")
            .bind(own_product)
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(images, 1);
    delete(&mut browser, own_product).await;
    let gone: i64 = sqlx::query_scalar("SELECT count(*) FROM products WHERE id = $1")
        .bind(own_product)
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(gone, 0);

    // …and nothing on another store's.
    edit_everything(&mut browser, theirs, their_variant, category).await;
    delete(&mut browser, theirs).await;
    let (title, status, version): (String, String, i32) =
        sqlx::query_as("SELECT title, status, version FROM products WHERE id = $1")
            .bind(theirs)
            .fetch_one(&db)
            .await
            .expect("the product still exists");
    assert_eq!(
        (title.as_str(), status.as_str(), version),
        ("Original", "published", 1)
    );
    let (price, stock): (i64, i32) =
        sqlx::query_as("SELECT price, stock FROM product_variants WHERE id = $1")
            .bind(their_variant)
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!((price, stock), (1000, 4));
    let images: i64 =
        sqlx::query_scalar("SELECT count(*) FROM product_images WHERE product_id = $1")
            .bind(theirs)
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(images, 0);
}

/// Saves new details, sets the status to draft in bulk and uploads an image.
async fn edit_everything(browser: &mut Browser, product: i64, variant: i64, category: i64) {
    let editor = format!("/seller/products/{product}");
    let (id, variant, category) = (
        product.to_string(),
        variant.to_string(),
        category.to_string(),
    );
    browser
        .post_form(
            SaveProduct::PATH,
            &editor,
            &[
                ("id", &id),
                ("version", "1"),
                ("title", "Taken over"),
                ("slug", ""),
                ("description", ""),
                ("category_id", &category),
                ("new_category", ""),
                ("attributes", ""),
                ("status", "published"),
                ("variants[0][id]", &variant),
                ("variants[0][sku]", "THING"),
                ("variants[0][price]", "0.01"),
                ("variants[0][stock]", "999"),
            ],
        )
        .await;
    browser
        .post_form(
            BulkStatus::PATH,
            "/seller/products",
            &[("ids[]", &id), ("status", "draft")],
        )
        .await;
    browser
        .send(multipart(
            UploadImages::PATH,
            &editor,
            &[
                ("product_id", None, id.as_bytes()),
                ("images", Some("photo.png"), &png(8, 8)),
            ],
        ))
        .await;
}

async fn delete(browser: &mut Browser, product: i64) {
    let id = product.to_string();
    browser
        .post_form(
            DeleteProduct::PATH,
            &format!("/seller/products/{id}"),
            &[("id", &id), ("confirm", "yes")],
        )
        .await;
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn only_the_image_upload_takes_large_bodies(_: PgPoolOptions, connect: PgConnectOptions) {
    let db = database(connect).await;
    home_category(&db).await;
    let uploads = TempDir::new();
    let (app, _) = app(
        db.clone(),
        config(&[("STORAGE_URL", &uploads.storage_url())]),
    )
    .await;
    let (seller, product, _) = store_with_product(&db, "big-shop").await;
    let mut browser = signed_in(&app, &seller).await;
    let editor = format!("/seller/products/{product}");
    let id = product.to_string();

    // 3 MB: over the limit of ordinary forms, under the upload's.
    let big = vec![b'x'; 3 * 1024 * 1024];
    let (status, _, _) = browser
        .send(multipart(
            UploadImages::PATH,
            &editor,
            &[
                ("product_id", None, id.as_bytes()),
                ("images", Some("big.png"), &big),
            ],
        ))
        .await;
    assert_eq!(status, StatusCode::FOUND, "refused by content, not by size");
    let (_, _, page) = browser.get(&editor).await;
    assert!(
        page.contains("big.png is not a JPEG, PNG or WebP image."),
        "the problem is shown"
    );

    let (status, _, _) = browser
        .send(multipart(
            UploadImages::PATH,
            &editor,
            &[
                ("product_id", None, id.as_bytes()),
                ("images", Some("leaf.jpg"), &png(8, 8)),
            ],
        ))
        .await;
    assert_eq!(status, StatusCode::FOUND);
    let (_, _, page) = browser.get(&editor).await;
    assert!(page.contains("1 image added."));
    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM product_images WHERE product_id = $1")
            .bind(product)
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(stored, 1);

    let big_text = "x".repeat(3 * 1024 * 1024);
    let (status, _, _) = browser
        .post_form(SaveProduct::PATH, &editor, &[("title", &big_text)])
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}
