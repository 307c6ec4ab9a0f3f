//! Where uploaded files live: a folder on this machine or a bucket of any
//! S3-compatible service, behind one interface (`object_store`), so every
//! node of a cluster reads what any node wrote.

use std::{fmt, sync::Arc};

use bytes::Bytes;
use futures_util::{StreamExt, TryStreamExt, stream::BoxStream};
use object_store::{
    Attribute, Attributes, ObjectStore, ObjectStoreExt, PutOptions, PutPayload, RetryConfig,
    aws::AmazonS3Builder, local::LocalFileSystem, path::Path,
};
use secrecy::ExposeSecret;

use crate::{
    Error, Result,
    config::{StorageLocation, StorageSettings},
};

/// Cheap to clone.
#[derive(Clone)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
    /// Buckets keep each object's content type, so a CDN or the bucket itself
    /// can serve it; a folder has nowhere to keep it and does not need to.
    keeps_content_type: bool,
    url: String,
}

impl fmt::Debug for Storage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.url)
    }
}

/// An object being read.
pub struct Object {
    pub size: u64,
    /// Quoted, as HTTP wants it.
    pub e_tag: Option<String>,
    /// As kept by a bucket; folders keep none.
    pub content_type: Option<String>,
    pub body: BoxStream<'static, Result<Bytes>>,
}

impl Storage {
    /// Opens the storage `settings` name; a folder is created when missing.
    pub fn open(settings: &StorageSettings) -> Result<Self> {
        let (store, keeps_content_type): (Arc<dyn ObjectStore>, bool) = match &settings.location {
            StorageLocation::Folder(folder) => {
                std::fs::create_dir_all(folder).map_err(Error::internal)?;
                let store = LocalFileSystem::new_with_prefix(folder).map_err(Error::internal)?;
                (Arc::new(store), false)
            }
            StorageLocation::Bucket(bucket) => {
                // A page waits on these calls: a few quick retries, then
                // the error (a deletion is retried by its worker).
                let retry = RetryConfig {
                    max_retries: 3,
                    retry_timeout: std::time::Duration::from_secs(10),
                    ..RetryConfig::default()
                };
                let mut builder = AmazonS3Builder::new()
                    .with_retry(retry)
                    .with_bucket_name(bucket)
                    .with_region(&settings.s3_region)
                    .with_virtual_hosted_style_request(settings.s3_virtual_hosted);
                if let Some(endpoint) = &settings.s3_endpoint {
                    builder = builder
                        .with_endpoint(endpoint)
                        .with_allow_http(endpoint.starts_with("http://"));
                }
                if let Some(id) = &settings.s3_access_key_id {
                    builder = builder.with_access_key_id(id);
                }
                if let Some(secret) = &settings.s3_secret_access_key {
                    builder = builder.with_secret_access_key(secret.expose_secret());
                }
                (Arc::new(builder.build().map_err(Error::internal)?), true)
            }
        };
        Ok(Self {
            store,
            keeps_content_type,
            url: settings.url.clone(),
        })
    }

    /// Writes (or overwrites) the object `key`.
    pub async fn put(&self, key: &str, bytes: Bytes) -> Result<()> {
        let mut options = PutOptions::default();
        if self.keeps_content_type {
            options.attributes =
                Attributes::from_iter([(Attribute::ContentType, content_type(key))]);
        }
        self.store
            .put_opts(&path(key)?, PutPayload::from_bytes(bytes), options)
            .await
            .map_err(Error::internal)?;
        Ok(())
    }

    /// Opens the object `key` for streaming; a missing one is `NotFound`.
    pub async fn get(&self, key: &str) -> Result<Object> {
        match self.store.get(&path(key)?).await {
            Ok(result) => Ok(Object {
                size: result.meta.size,
                e_tag: result.meta.e_tag.as_deref().map(quoted),
                content_type: result
                    .attributes
                    .get(&Attribute::ContentType)
                    .map(|value| value.to_string()),
                body: result.into_stream().map_err(Error::internal).boxed(),
            }),
            Err(object_store::Error::NotFound { .. }) => Err(Error::NotFound),
            Err(error) => Err(Error::internal(error)),
        }
    }

    /// The whole object `key`, for copying; a missing one is `NotFound`.
    pub async fn read(&self, key: &str) -> Result<Bytes> {
        match self.store.get(&path(key)?).await {
            Ok(result) => result.bytes().await.map_err(Error::internal),
            Err(object_store::Error::NotFound { .. }) => Err(Error::NotFound),
            Err(error) => Err(Error::internal(error)),
        }
    }

    /// The size of the object `key`, or `None` when there is none.
    pub async fn size(&self, key: &str) -> Result<Option<u64>> {
        match self.store.head(&path(key)?).await {
            Ok(meta) => Ok(Some(meta.size)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(error) => Err(Error::internal(error)),
        }
    }

    /// Deletes the object `key`; one already gone is fine.
    pub async fn delete(&self, key: &str) -> Result<()> {
        match self.store.delete(&path(key)?).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(error) => Err(Error::internal(error)),
        }
    }

    /// Every object's key, in no particular order.
    pub fn keys(&self) -> BoxStream<'static, Result<String>> {
        self.store
            .list(None)
            .map(|meta| {
                meta.map(|meta| meta.location.to_string())
                    .map_err(Error::internal)
            })
            .boxed()
    }
}

/// What [`copy_all`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Copied {
    pub copied: usize,
    /// Already at the destination with the same size.
    pub skipped: usize,
}

/// Copies every object of `from` to `to`, skipping those `to` already holds
/// at the same size, so a copy that stopped half-way is finished by running
/// it again. Objects are read whole: images are a few hundred kilobytes.
pub async fn copy_all(from: &Storage, to: &Storage) -> Result<Copied> {
    let mut listing = from.store.list(None);
    let mut copied = Copied::default();
    while let Some(meta) = listing.try_next().await.map_err(Error::internal)? {
        let key = meta.location.to_string();
        if to.size(&key).await? == Some(meta.size) {
            copied.skipped += 1;
            continue;
        }
        to.put(&key, from.read(&key).await?).await?;
        copied.copied += 1;
    }
    Ok(copied)
}

/// Keys are single, plain file names (`abc-480.webp`): anything else is
/// refused before it reaches a folder or a bucket.
pub fn is_valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 128
        && !key.starts_with('.')
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Buckets quote their ETags, folders do not.
fn quoted(e_tag: &str) -> String {
    if e_tag.starts_with('"') || e_tag.starts_with("W/") {
        e_tag.to_owned()
    } else {
        format!("\"{e_tag}\"")
    }
}

fn path(key: &str) -> Result<Path> {
    if is_valid_key(key) {
        Ok(Path::from(key))
    } else {
        Err(Error::NotFound)
    }
}

/// The content type a file is served with, from its name.
pub fn content_type(key: &str) -> &'static str {
    mime_guess::from_path(key)
        .first_raw()
        .unwrap_or("application/octet-stream")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_plain_file_names() {
        assert!(is_valid_key("k3y-480.webp"));
        for key in [
            "",
            "../etc/passwd",
            "a/b.webp",
            ".hidden",
            "a b.webp",
            "%2e%2e",
        ] {
            assert!(!is_valid_key(key), "{key:?}");
        }
    }

    #[test]
    fn images_are_served_as_webp() {
        assert_eq!(content_type("abc-480.webp"), "image/webp");
        assert_eq!(content_type("abc"), "application/octet-stream");
    }
}
