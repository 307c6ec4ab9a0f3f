//! Product images and store logos: each image is stored as WebP in a few
//! widths under a random name, so files can be cached forever and never
//! collide, in the storage `STORAGE_URL` names.

pub mod deletions;
pub mod storage;

use std::sync::OnceLock;

use bytes::Bytes;
use image::{DynamicImage, imageops::FilterType};
use rand::{Rng, distr::Alphanumeric};
use sqlx::PgPool;

pub use storage::Storage;

use crate::{Error, Result};

/// The widths every image is stored in; the largest is capped at the original's.
pub const WIDTHS: [u32; 3] = [200, 480, 1200];

/// Where pages link images: `ASSET_BASE_URL` (a CDN or the bucket) when set,
/// else this site's `/uploads`. One value for the whole process.
static ASSET_BASE: OnceLock<Option<String>> = OnceLock::new();

/// Sets where images are linked; the first call wins (every state built in
/// one process reads the same configuration).
pub fn link_assets_at(base: Option<&str>) {
    let _ = ASSET_BASE.set(base.map(|base| base.trim_end_matches('/').to_owned()));
}

/// The name of one stored width of an image.
pub fn file_name(file_key: &str, width: u32) -> String {
    format!("{file_key}-{width}.webp")
}

/// The URL of one stored width of an image, as pages link it.
pub fn url(file_key: &str, width: u32) -> String {
    let name = file_name(file_key, width);
    match ASSET_BASE.get().and_then(Option::as_deref) {
        Some(base) => format!("{base}/{name}"),
        None => format!("/uploads/{name}"),
    }
}

/// The same URL made absolute for readers elsewhere (the API, feeds).
pub fn absolute_url(app_url: &str, file_key: &str, width: u32) -> String {
    let url = url(file_key, width);
    if url.starts_with('/') {
        format!("{app_url}{url}")
    } else {
        url
    }
}

/// The smallest stored width that is at least `wanted` pixels wide.
pub fn width_for(wanted: u32) -> u32 {
    WIDTHS
        .into_iter()
        .find(|&width| width >= wanted)
        .unwrap_or(WIDTHS[WIDTHS.len() - 1])
}

/// An image in storage.
#[derive(Clone, Debug)]
pub struct Stored {
    pub file_key: String,
    pub width: u32,
    pub height: u32,
}

/// An image encoded in every width, not yet stored.
pub struct Encoded {
    image: Stored,
    files: Vec<(String, Bytes)>,
}

/// Encodes `image` in every width under a new random key. CPU-heavy: call
/// from `spawn_blocking`.
pub fn encode(image: &DynamicImage) -> Result<Encoded> {
    let file_key: String = rand::rng()
        .sample_iter(Alphanumeric)
        .take(24)
        .map(|c| (c as char).to_ascii_lowercase())
        .collect();
    let files = WIDTHS
        .iter()
        .map(|&width| {
            let resized = if image.width() > width {
                image.resize(width, u32::MAX, FilterType::Lanczos3)
            } else {
                image.clone()
            };
            let encoded = encode_webp(&resized.to_rgba8())?;
            Ok((file_name(&file_key, width), Bytes::from(encoded)))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Encoded {
        image: Stored {
            file_key,
            width: image.width(),
            height: image.height(),
        },
        files,
    })
}

fn encode_webp(rgba: &image::RgbaImage) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut bytes)
        .encode(
            rgba.as_raw(),
            rgba.width(),
            rgba.height(),
            image::ExtendedColorType::Rgba8,
        )
        .map_err(Error::internal)?;
    Ok(bytes)
}

/// Writes `images` to storage. Each is first booked for deletion an hour
/// from now, which saving it in the database cancels
/// ([`deletions::cancel`]): files that never get their row, because a write
/// failed or the node died, are deleted all the same. When a write fails,
/// whatever was written goes at once.
pub async fn store(db: &PgPool, storage: &Storage, images: Vec<Encoded>) -> Result<Vec<Stored>> {
    let keys: Vec<String> = images.iter().map(|i| i.image.file_key.clone()).collect();
    deletions::book(db, &keys).await?;
    let mut stored = Vec::with_capacity(images.len());
    for encoded in images {
        for (name, bytes) in encoded.files {
            if let Err(error) = storage.put(&name, bytes).await {
                forget(db, storage, &keys).await;
                return Err(error);
            }
        }
        stored.push(encoded.image);
    }
    Ok(stored)
}

/// Deletes the files of images that were stored but not saved, now; what
/// cannot be deleted now stays booked for the worker.
pub async fn forget(db: &PgPool, storage: &Storage, keys: &[String]) {
    if let Err(error) = deletions::delete_now(db, storage, keys).await {
        tracing::warn!(%error, "could not delete unsaved image files; the worker will");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_link_to_this_site_by_default() {
        // No test in this crate sets an asset base.
        assert_eq!(url("abc", 480), "/uploads/abc-480.webp");
        assert_eq!(
            absolute_url("https://bazaar.example", "abc", 200),
            "https://bazaar.example/uploads/abc-200.webp"
        );
    }
}
