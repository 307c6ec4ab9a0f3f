//! Uploaded files in a folder and in an S3-compatible bucket (moto), through
//! the one storage interface; images served from either; and image files that
//! go only with committed changes, retried when the storage refuses.

use bytes::Bytes;
use fixtures::{S3Server, TempDir};
use futures_util::TryStreamExt;
use http::{StatusCode, header};
use http_body_util::BodyExt;
use server::{
    AppState, Error,
    media::{self, Storage, deletions, storage},
};
use sqlx::PgPool;

use crate::support::{app, get, send};

/// What every storage must do, on `storage`.
async fn exercise(storage: &Storage) {
    let bytes = Bytes::from(vec![7u8; 300_000]);
    storage.put("k1-480.webp", bytes.clone()).await.unwrap();

    let object = storage.get("k1-480.webp").await.unwrap();
    assert_eq!(object.size, 300_000);
    assert!(
        object
            .e_tag
            .as_deref()
            .is_some_and(|tag| tag.starts_with('"'))
    );
    let chunks: Vec<Bytes> = object.body.try_collect().await.unwrap();
    assert_eq!(chunks.concat(), bytes);
    assert_eq!(storage.size("k1-480.webp").await.unwrap(), Some(300_000));
    assert_eq!(storage.read("k1-480.webp").await.unwrap(), bytes);
    let keys: Vec<String> = storage.keys().try_collect().await.unwrap();
    assert_eq!(keys, ["k1-480.webp"]);

    assert!(matches!(
        storage.get("missing-480.webp").await,
        Err(Error::NotFound)
    ));
    assert_eq!(storage.size("missing-480.webp").await.unwrap(), None);
    assert!(matches!(
        storage.get("../k1-480.webp").await,
        Err(Error::NotFound)
    ));

    storage.delete("k1-480.webp").await.unwrap();
    storage
        .delete("k1-480.webp")
        .await
        .expect("deleting what is gone is fine");
    assert!(matches!(
        storage.get("k1-480.webp").await,
        Err(Error::NotFound)
    ));
}

#[tokio::test]
async fn a_folder_stores_streams_and_deletes_files() {
    let dir = TempDir::new();
    exercise(&fixtures::storage(&dir)).await;
}

#[tokio::test]
async fn an_s3_bucket_stores_streams_and_deletes_objects_keeping_their_content_type() {
    let s3 = S3Server::start().await;
    let storage = Storage::open(&fixtures::config(&s3.settings()).storage).unwrap();
    exercise(&storage).await;

    // A bucket (or a CDN in front of it) serves objects itself, so each
    // keeps its content type.
    storage
        .put("k2-200.webp", Bytes::from_static(b"RIFF"))
        .await
        .unwrap();
    let object = storage.get("k2-200.webp").await.unwrap();
    assert_eq!(object.content_type.as_deref(), Some("image/webp"));
}

async fn state_on(db: PgPool, settings: &[(&str, &str)]) -> AppState {
    fixtures::state(db, fixtures::config(settings)).await
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn images_are_served_from_a_bucket_with_their_type_etag_and_lasting_cache(db: PgPool) {
    let s3 = S3Server::start().await;
    let state = state_on(db, &s3.settings()).await;
    let image = tokio::task::spawn_blocking(|| {
        let png = fixtures::png(640, 480);
        media::encode(&image::load_from_memory(&png).unwrap()).unwrap()
    })
    .await
    .unwrap();
    let stored = media::store(&state.db, &state.storage, vec![image])
        .await
        .unwrap();
    let key = &stored[0].file_key;
    let app = app(&state, axum::Router::new(), fixtures::random_client());

    let path = media::url(key, 480);
    let response = send(&app, get(&path)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "image/webp");
    assert_eq!(
        response.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    let e_tag = response.headers()[header::ETAG].clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(&body[..4], b"RIFF", "a WebP file");

    let again = send(
        &app,
        http::Request::get(&path)
            .header(header::IF_NONE_MATCH, e_tag)
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

    let missing = send(&app, get("/uploads/nothere-480.webp")).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

/// Stores one small image in `state`'s storage; returns its key.
async fn stored_image(state: &AppState) -> String {
    let image = tokio::task::spawn_blocking(|| {
        media::encode(&image::DynamicImage::new_rgb8(4, 4)).unwrap()
    })
    .await
    .unwrap();
    let stored = media::store(&state.db, &state.storage, vec![image])
        .await
        .unwrap();
    stored[0].file_key.clone()
}

async fn file_count(storage: &Storage) -> usize {
    storage.keys().try_collect::<Vec<_>>().await.unwrap().len()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn files_go_only_when_the_change_that_drops_them_commits(db: PgPool) {
    let uploads = TempDir::new();
    let state = state_on(db, &[("STORAGE_URL", &uploads.storage_url())]).await;
    let key = stored_image(&state).await;
    let mut tx = state.db.begin().await.unwrap();
    deletions::cancel(&mut tx, std::slice::from_ref(&key))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    // A change that rolls back deletes nothing.
    let mut tx = state.db.begin().await.unwrap();
    deletions::schedule(&mut tx, std::slice::from_ref(&key))
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    assert_eq!(
        deletions::run_due(&state.db, &state.storage).await.unwrap(),
        0
    );
    assert_eq!(file_count(&state.storage).await, 3);

    // One that commits deletes every width.
    let mut tx = state.db.begin().await.unwrap();
    deletions::schedule(&mut tx, std::slice::from_ref(&key))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        deletions::run_due(&state.db, &state.storage).await.unwrap(),
        1
    );
    assert_eq!(file_count(&state.storage).await, 0);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn files_stored_but_never_saved_are_deleted_after_the_hour(db: PgPool) {
    let uploads = TempDir::new();
    let state = state_on(db, &[("STORAGE_URL", &uploads.storage_url())]).await;
    // As if the node died between writing the files and saving the image.
    stored_image(&state).await;
    assert_eq!(
        deletions::run_due(&state.db, &state.storage).await.unwrap(),
        0
    );
    assert_eq!(file_count(&state.storage).await, 3);

    sqlx::query("UPDATE image_deletions SET due_at = now() - interval '1 second'")
        .execute(&state.db)
        .await
        .unwrap();
    assert_eq!(
        deletions::run_due(&state.db, &state.storage).await.unwrap(),
        1
    );
    assert_eq!(file_count(&state.storage).await, 0);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_deletion_the_storage_refuses_is_retried_later(db: PgPool) {
    let s3 = S3Server::start().await;
    let state = state_on(db, &s3.settings()).await;
    let key = stored_image(&state).await;
    let mut tx = state.db.begin().await.unwrap();
    deletions::schedule(&mut tx, std::slice::from_ref(&key))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    drop(s3);
    assert_eq!(
        deletions::run_due(&state.db, &state.storage).await.unwrap(),
        0
    );
    let (attempts, later, error): (i32, bool, Option<String>) = sqlx::query_as(
        "SELECT attempts, due_at > now(), last_error FROM image_deletions WHERE file_key = $1",
    )
    .bind(&key)
    .fetch_one(&state.db)
    .await
    .unwrap();
    assert_eq!(attempts, 1);
    assert!(later, "due again after a wait");
    assert!(error.is_some());
}

#[tokio::test]
async fn copying_a_folder_to_a_bucket_can_be_run_again() {
    let dir = TempDir::new();
    let folder = fixtures::storage(&dir);
    for key in ["a-200.webp", "b-200.webp", "c-200.webp"] {
        folder.put(key, Bytes::from(key)).await.unwrap();
    }
    let s3 = S3Server::start().await;
    let bucket = Storage::open(&fixtures::config(&s3.settings()).storage).unwrap();
    bucket
        .put("a-200.webp", Bytes::from("a-200.webp"))
        .await
        .unwrap();

    let first = storage::copy_all(&folder, &bucket).await.unwrap();
    assert_eq!((first.copied, first.skipped), (2, 1));
    let again = storage::copy_all(&folder, &bucket).await.unwrap();
    assert_eq!((again.copied, again.skipped), (0, 3));
    assert_eq!(
        bucket.read("c-200.webp").await.unwrap(),
        Bytes::from("c-200.webp")
    );
}
