//! The category tree shoppers browse by.

use sqlx::PgPool;

use crate::Result;

/// An approved category.
#[derive(Clone, Debug)]
pub struct Category {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub slug: String,
    pub name: String,
}

/// The top of the tree, for the storefront's navigation.
pub async fn top_level(db: &PgPool) -> Result<Vec<Category>> {
    let categories = sqlx::query_as!(
        Category,
        "SELECT id, parent_id, slug, name FROM categories
         WHERE parent_id IS NULL AND status = 'approved'
         ORDER BY position, name"
    )
    .fetch_all(db)
    .await?;
    Ok(categories)
}
