//! A store's public face on the storefront, and where a store that changed
//! its address went.

use sqlx::PgPool;

use crate::{Error, Result};

/// A store's public face.
#[derive(Clone, Debug)]
pub struct StoreFront {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub logo_key: Option<String>,
}

/// An active store by slug, or `NotFound`.
pub async fn active(db: &PgPool, slug: &str) -> Result<StoreFront> {
    sqlx::query_as!(
        StoreFront,
        "SELECT slug, name, description, logo_key FROM stores WHERE slug = $1 AND status = 'active'",
        slug
    )
    .fetch_optional(db)
    .await?
    .ok_or(Error::NotFound)
}

/// The address an active store moved to from `old_slug`, if it did.
pub async fn moved(db: &PgPool, old_slug: &str) -> Result<Option<String>> {
    Ok(sqlx::query_scalar!(
        "SELECT s.slug FROM store_slug_redirects r JOIN stores s ON s.id = r.store_id
         WHERE r.old_slug = $1 AND s.status = 'active'",
        old_slug
    )
    .fetch_optional(db)
    .await?)
}
