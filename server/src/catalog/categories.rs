//! Categories as shoppers browse them.

use sqlx::PgPool;

use crate::{Error, Result};

/// An approved category's name by slug, or `NotFound`.
pub async fn approved_name(db: &PgPool, slug: &str) -> Result<String> {
    sqlx::query_scalar!(
        "SELECT name FROM categories WHERE slug = $1 AND status = 'approved'",
        slug
    )
    .fetch_optional(db)
    .await?
    .ok_or(Error::NotFound)
}
