//! Categories as a seller picks them: the approved tree plus the ones the
//! store proposed itself, which shoppers see once an admin approves them.

use sqlx::{PgConnection, PgPool};

use super::StoreScope;
use crate::{Error, Result, text};
use texts::{Text, msg};

/// A category a seller may file a product under.
#[derive(Clone, Debug)]
pub struct Choice {
    pub id: i64,
    pub name: String,
    pub depth: i32,
    /// Proposed by this store and not yet approved.
    pub proposed: bool,
}

/// Approved categories and the store's own proposals, in tree order.
pub async fn choices(db: &PgPool, scope: StoreScope) -> Result<Vec<Choice>> {
    let choices = sqlx::query_as!(
        Choice,
        r#"WITH RECURSIVE visible AS (
             SELECT id, parent_id, name, position, status FROM categories
             WHERE status = 'approved' OR (status = 'proposed' AND proposed_by_store_id = $1)
           ), tree AS (
             SELECT id, name, status, 0 AS depth, ARRAY[position, id::int] AS path
             FROM visible WHERE parent_id IS NULL
             UNION ALL
             SELECT v.id, v.name, v.status, t.depth + 1, t.path || ARRAY[v.position, v.id::int]
             FROM visible v JOIN tree t ON v.parent_id = t.id
           )
           SELECT id AS "id!", name AS "name!", depth AS "depth!", status = 'proposed' AS "proposed!"
           FROM tree ORDER BY path"#,
        scope.store_id()
    )
    .fetch_all(db)
    .await?;
    Ok(choices)
}

/// Whether the store may file a product under `category_id`.
pub async fn is_choice(
    conn: &mut PgConnection,
    scope: StoreScope,
    category_id: i64,
) -> Result<bool> {
    let found = sqlx::query_scalar!(
        "SELECT EXISTS (SELECT 1 FROM categories WHERE id = $1
           AND (status = 'approved' OR (status = 'proposed' AND proposed_by_store_id = $2)))",
        category_id,
        scope.store_id()
    )
    .fetch_one(conn)
    .await?;
    Ok(found.unwrap_or(false))
}

/// Proposes a category named `name` under `parent_id`; a proposal of the same
/// name by the same store under the same parent is reused. Returns its id.
pub async fn propose(
    conn: &mut PgConnection,
    scope: StoreScope,
    name: &str,
    parent_id: Option<i64>,
) -> Result<i64> {
    let name = name.trim();
    if name.chars().count() > 60 {
        return Err(Error::invalid(
            "new_category",
            Text::from(msg::PROBLEM_TOO_LONG).with("max", 60),
        ));
    }
    let base = text::slugify(name);
    if base.is_empty() {
        return Err(Error::invalid(
            "new_category",
            msg::PROBLEM_NEW_CATEGORY_LETTER,
        ));
    }
    if let Some(id) = sqlx::query_scalar!(
        "SELECT id FROM categories WHERE lower(name) = lower($1)
           AND parent_id IS NOT DISTINCT FROM $2
           AND (status = 'approved' OR proposed_by_store_id = $3)",
        name,
        parent_id,
        scope.store_id()
    )
    .fetch_optional(&mut *conn)
    .await?
    {
        return Ok(id);
    }
    // Slugs are global: another store may have proposed the same name.
    for attempt in 1..=20 {
        let slug = if attempt == 1 {
            base.clone()
        } else {
            format!("{base}-{attempt}")
        };
        let slug: String = slug.chars().take(60).collect();
        let id = sqlx::query_scalar!(
            "INSERT INTO categories (parent_id, slug, name, status, proposed_by_store_id)
             VALUES ($1, $2, $3, 'proposed', $4) ON CONFLICT (slug) DO NOTHING RETURNING id",
            parent_id,
            slug.trim_end_matches('-'),
            name,
            scope.store_id()
        )
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(id) = id {
            return Ok(id);
        }
    }
    Err(Error::conflict(msg::PROBLEM_CATEGORY_NO_ADDRESS))
}
