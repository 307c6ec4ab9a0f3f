//! Product images on disk: each image is stored as WebP in a few widths under
//! a random name, so files can be cached forever and never collide.

use std::path::{Path, PathBuf};

use image::{DynamicImage, imageops::FilterType};
use rand::{Rng, distr::Alphanumeric};

use crate::{Error, Result};

/// The widths every image is stored in; the largest is capped at the original's.
pub const WIDTHS: [u32; 3] = [200, 480, 1200];

/// The URL path of one stored width of an image.
pub fn url(file_key: &str, width: u32) -> String {
    format!("/uploads/{file_key}-{width}.webp")
}

/// The smallest stored width that is at least `wanted` pixels wide.
pub fn width_for(wanted: u32) -> u32 {
    WIDTHS
        .into_iter()
        .find(|&width| width >= wanted)
        .unwrap_or(WIDTHS[WIDTHS.len() - 1])
}

/// An image written to disk.
#[derive(Clone, Debug)]
pub struct Stored {
    pub file_key: String,
    pub width: u32,
    pub height: u32,
}

/// Encodes `image` in every width and writes the files under `dir`. CPU-heavy:
/// call from `spawn_blocking`. Nothing is left behind when a write fails.
pub fn store(dir: &Path, image: &DynamicImage) -> Result<Stored> {
    std::fs::create_dir_all(dir).map_err(Error::internal)?;
    let file_key: String = rand::rng()
        .sample_iter(Alphanumeric)
        .take(24)
        .map(|c| (c as char).to_ascii_lowercase())
        .collect();
    let mut written: Vec<PathBuf> = Vec::new();
    let result = WIDTHS.iter().try_for_each(|&width| {
        let resized = if image.width() > width {
            image.resize(width, u32::MAX, FilterType::Lanczos3)
        } else {
            image.clone()
        };
        let path = dir.join(format!("{file_key}-{width}.webp"));
        let rgba = resized.to_rgba8();
        let encoded = encode_webp(&rgba)?;
        std::fs::write(&path, encoded).map_err(Error::internal)?;
        written.push(path);
        Ok(())
    });
    if let Err(error) = result {
        for path in written {
            let _ = std::fs::remove_file(path);
        }
        return Err(error);
    }
    Ok(Stored {
        file_key,
        width: image.width(),
        height: image.height(),
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

/// Deletes every stored width of the images `file_keys` (a few unlinks, fine
/// to call anywhere). A file already gone is fine; other failures are logged,
/// since the rows are gone already.
pub fn remove(dir: &Path, file_keys: &[String]) {
    for key in file_keys {
        for width in WIDTHS {
            let path = dir.join(format!("{key}-{width}.webp"));
            if let Err(error) = std::fs::remove_file(&path)
                && error.kind() != std::io::ErrorKind::NotFound
            {
                tracing::warn!(%error, path = %path.display(), "could not delete an image file");
            }
        }
    }
}
