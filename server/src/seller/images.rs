//! Product images from sellers: checked by content, decoded and re-encoded
//! (which drops any metadata) off the async runtime, stored in every width.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use serde_json::json;
use sqlx::PgPool;

use super::{StoreScope, lock_product};
use crate::{AppState, Error, Result, audit::Entry, media, request::RequestMeta};
use texts::{Msg, Text, Value, msg};

/// The largest file a seller may upload.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// The most pixels an uploaded image may have.
pub const MAX_PIXELS: u64 = 40_000_000;
/// The most images one product may have.
pub const MAX_PER_PRODUCT: i64 = 12;

/// A file as it arrived in the upload form.
#[derive(Clone, Debug)]
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Decodes an uploaded file, accepting only JPEG, PNG and WebP as told by its
/// content (its name is ignored), within the size and pixel limits; problems
/// name the form's `field`. CPU-heavy.
pub fn decode(upload: &Upload, field: &'static str) -> Result<DynamicImage> {
    let name = match upload.name.trim() {
        "" => Value::from(msg::PROBLEM_IMAGE_UNNAMED),
        name => Value::from(name),
    };
    let refuse = |why: Msg| Error::invalid(field, Text::from(why).with("name", name.clone()));
    if upload.bytes.len() > MAX_BYTES {
        return Err(refuse(msg::PROBLEM_IMAGE_TOO_LARGE));
    }
    let format = image::guess_format(&upload.bytes)
        .ok()
        .filter(|format| {
            matches!(
                format,
                ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
            )
        })
        .ok_or_else(|| refuse(msg::PROBLEM_IMAGE_FORMAT))?;
    let reader = || ImageReader::with_format(Cursor::new(&upload.bytes), format);
    let (width, height) = reader()
        .into_dimensions()
        .map_err(|_| refuse(msg::PROBLEM_IMAGE_UNREADABLE))?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(refuse(msg::PROBLEM_IMAGE_TOO_MANY_PIXELS));
    }
    let mut reader = reader();
    let mut limits = Limits::default();
    limits.max_image_width = Some(width);
    limits.max_image_height = Some(height);
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|_| refuse(msg::PROBLEM_IMAGE_UNREADABLE))?;
    let orientation = decoder.orientation().ok();
    let mut image =
        DynamicImage::from_decoder(decoder).map_err(|_| refuse(msg::PROBLEM_IMAGE_UNREADABLE))?;
    if let Some(orientation) = orientation {
        image.apply_orientation(orientation);
    }
    Ok(image)
}

/// Adds `uploads` to one of the store's products, after its current images.
/// Every file is checked before any is stored: one bad file and none is added.
pub async fn add(
    state: &AppState,
    meta: &RequestMeta,
    scope: StoreScope,
    product_id: i64,
    uploads: Vec<Upload>,
) -> Result<usize> {
    let count = owned_image_count(&state.db, scope, product_id).await?;
    if uploads.is_empty() {
        return Err(Error::invalid("images", msg::PROBLEM_IMAGES_NONE));
    }
    if count + uploads.len() as i64 > MAX_PER_PRODUCT {
        return Err(Error::invalid(
            "images",
            Text::from(msg::PROBLEM_IMAGES_MAX)
                .with("max", MAX_PER_PRODUCT)
                .with("count", count),
        ));
    }
    let encoded = tokio::task::spawn_blocking(move || -> Result<Vec<media::Encoded>> {
        uploads
            .iter()
            .map(|upload| media::encode(&decode(upload, "images")?))
            .collect()
    })
    .await
    .map_err(Error::internal)??;
    let stored = media::store(&state.db, &state.storage, encoded).await?;
    if let Err(error) = insert(state, meta, scope, product_id, &stored).await {
        let keys: Vec<String> = stored.into_iter().map(|s| s.file_key).collect();
        media::forget(&state.db, &state.storage, &keys).await;
        return Err(error);
    }
    Ok(stored.len())
}

async fn insert(
    state: &AppState,
    meta: &RequestMeta,
    scope: StoreScope,
    product_id: i64,
    stored: &[media::Stored],
) -> Result<()> {
    let mut tx = state.db.begin().await?;
    // Two uploads at once must not both take the next positions.
    lock_product(&mut tx, scope, product_id).await?;
    let next = sqlx::query_scalar!(
        r#"SELECT coalesce(max(position) + 1, 0) AS "next!" FROM product_images WHERE product_id = $1"#,
        product_id
    )
    .fetch_one(&mut *tx)
    .await?;
    for (n, image) in stored.iter().enumerate() {
        sqlx::query!(
            "INSERT INTO product_images (product_id, file_key, width, height, position)
             VALUES ($1, $2, $3, $4, $5)",
            product_id,
            image.file_key,
            image.width as i32,
            image.height as i32,
            next + n as i32,
        )
        .execute(&mut *tx)
        .await?;
    }
    let keys: Vec<String> = stored.iter().map(|s| s.file_key.clone()).collect();
    media::deletions::cancel(&mut tx, &keys).await?;
    Entry::new(Some(scope.actor()), "product.images_added")
        .target(format!("product:{product_id}"))
        .store(scope.store_id())
        .metadata(json!({ "files": stored.iter().map(|s| &s.file_key).collect::<Vec<_>>() }))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(())
}

async fn owned_image_count(db: &PgPool, scope: StoreScope, product_id: i64) -> Result<i64> {
    let row = sqlx::query_scalar!(
        r#"SELECT (SELECT count(*) FROM product_images i WHERE i.product_id = p.id) AS "count!"
           FROM products p WHERE p.id = $1 AND p.store_id = $2"#,
        product_id,
        scope.store_id()
    )
    .fetch_optional(db)
    .await?;
    row.ok_or(Error::NotFound)
}

/// What a seller does to one image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Alt(String),
    MoveEarlier,
    MoveLater,
    Delete,
}

/// Changes one image of one of the store's products.
pub async fn change(
    state: &AppState,
    scope: StoreScope,
    product_id: i64,
    image_id: i64,
    change: Change,
) -> Result<()> {
    let mut tx = state.db.begin().await?;
    lock_product(&mut tx, scope, product_id).await?;
    let mut order: Vec<(i64, String)> = sqlx::query!(
        "SELECT id, file_key FROM product_images WHERE product_id = $1 ORDER BY position, id",
        product_id
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|row| (row.id, row.file_key))
    .collect();
    let index = order
        .iter()
        .position(|(id, _)| *id == image_id)
        .ok_or(Error::NotFound)?;
    match change {
        Change::Alt(alt) => {
            let alt = alt.trim();
            if alt.chars().count() > 300 {
                return Err(Error::invalid("", msg::PROBLEM_IMAGE_ALT));
            }
            sqlx::query!(
                "UPDATE product_images SET alt = $2 WHERE id = $1",
                image_id,
                alt
            )
            .execute(&mut *tx)
            .await?;
        }
        Change::MoveEarlier if index > 0 => order.swap(index, index - 1),
        Change::MoveLater if index + 1 < order.len() => order.swap(index, index + 1),
        Change::MoveEarlier | Change::MoveLater => {}
        Change::Delete => {
            sqlx::query!("DELETE FROM product_images WHERE id = $1", image_id)
                .execute(&mut *tx)
                .await?;
            let key = order.remove(index).1;
            media::deletions::schedule(&mut tx, std::slice::from_ref(&key)).await?;
        }
    }
    for (position, (id, _)) in order.iter().enumerate() {
        sqlx::query!(
            "UPDATE product_images SET position = $2 WHERE id = $1 AND position <> $2",
            id,
            position as i32
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
