//! `bazaar storage migrate`: a single node's folder copied to a bucket, safely
//! run twice; and images linked at `ASSET_BASE_URL`, which a whole process
//! reads once, so it is tried on a `bazaar serve` of its own.

use std::process::Command;

use axum::body::Bytes;
use fixtures::{S3Server, TempDir};
use http::{Request, header};
use http_body_util::{BodyExt, Full};
use server::media::Storage;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::support::{
    database,
    processes::{answering, database_url, free_addr, serve},
    store_with_one_product,
};

fn migrate(folder: &TempDir, s3: &S3Server) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_bazaar"))
        .args(["storage", "migrate", "--to", "s3://bazaar-test"])
        .env("APP_ENV", "test")
        .env("STORAGE_URL", folder.storage_url())
        .envs(
            s3.settings()
                .into_iter()
                .filter(|(name, _)| *name != "STORAGE_URL"),
        )
        .env("RUST_LOG", "warn")
        .output()
        .expect("the bazaar binary runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[tokio::test]
async fn a_folder_is_copied_to_a_bucket_and_a_second_run_copies_nothing() {
    let folder = TempDir::new();
    let files = fixtures::storage(&folder);
    for key in ["a1-200.webp", "a1-480.webp"] {
        files.put(key, Bytes::from(key)).await.unwrap();
    }
    let s3 = S3Server::start().await;

    let first = migrate(&folder, &s3);
    assert!(first.contains("2 files copied, 0 already there"), "{first}");
    assert!(first.contains("STORAGE_URL=s3://bazaar-test"), "{first}");
    let again = migrate(&folder, &s3);
    assert!(again.contains("0 files copied, 2 already there"), "{again}");

    let bucket = Storage::open(&fixtures::config(&s3.settings()).storage).unwrap();
    assert_eq!(
        bucket.read("a1-480.webp").await.unwrap(),
        Bytes::from("a1-480.webp")
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn pages_link_images_at_the_asset_base_and_allow_them(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect.clone()).await;
    let (_, store) = store_with_one_product(&db, "cdn", "Linked lamp").await;
    sqlx::query(
        "INSERT INTO product_images (product_id, file_key, width, height)
         SELECT id, 'linkedlamp0000000', 1600, 1200 FROM products WHERE store_id = $1",
    )
    .bind(store)
    .execute(&db)
    .await
    .unwrap();
    let node = free_addr();
    let _node = serve(
        &database_url(&connect),
        &node,
        &format!("http://{node}"),
        "http://127.0.0.1:9",
        &[("ASSET_BASE_URL", "https://cdn.bazaar.example/images/")],
    );
    answering(&node, "/readyz").await;

    let response = fixtures::http_client()
        .request(
            Request::get(format!("http://{node}/p/cdn-item"))
                .body(Full::<Bytes>::default())
                .unwrap(),
        )
        .await
        .unwrap();
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    let page = response.into_body().collect().await.unwrap().to_bytes();
    let page = String::from_utf8_lossy(&page);
    assert!(
        page.contains("src=\"https://cdn.bazaar.example/images/linkedlamp0000000-480.webp\""),
        "{page}"
    );
    assert!(
        page.contains("content=\"https://cdn.bazaar.example/images/linkedlamp0000000-1200.webp\"")
    );
    assert!(!page.contains("/uploads/"));
    assert!(
        csp.contains("img-src 'self' data: https://cdn.bazaar.example;"),
        "{csp}"
    );
}
