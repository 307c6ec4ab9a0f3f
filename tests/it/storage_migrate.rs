//! `bazaar storage migrate`: a single node's folder copied to a bucket, safely
//! run twice.

use std::process::Command;

use axum::body::Bytes;
use fixtures::{S3Server, TempDir};
use server::media::Storage;

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
