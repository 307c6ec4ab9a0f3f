//! The category tree as the platform admin edits it, and the categories
//! sellers propose, which wait here for approval.

use serde_json::json;
use sqlx::PgConnection;

use crate::{AppState, Error, Result, audit::Entry, request::RequestMeta, storefront, text};
use texts::{Text, msg};

/// One category with its place in the tree.
#[derive(Clone, Debug)]
pub struct Node {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub name: String,
    pub slug: String,
    pub status: String,
    pub depth: i32,
    /// Products filed under this very category.
    pub products: i64,
    pub children: i64,
    /// The store that proposed it, while it waits or after it was rejected.
    pub proposed_by: Option<String>,
}

/// Every category that is approved or waiting, in tree order (a proposal
/// under another proposal follows it); rejected ones come last.
pub async fn tree(state: &AppState) -> Result<Vec<Node>> {
    Ok(sqlx::query_as!(
        Node,
        r#"WITH RECURSIVE tree AS (
             SELECT id, 0 AS depth, ARRAY[position, id::int] AS path
             FROM categories WHERE parent_id IS NULL
             UNION ALL
             SELECT c.id, t.depth + 1, t.path || ARRAY[c.position, c.id::int]
             FROM categories c JOIN tree t ON c.parent_id = t.id
           )
           SELECT c.id, c.parent_id, c.name, c.slug, c.status, t.depth AS "depth!",
                  (SELECT count(*) FROM products p WHERE p.category_id = c.id) AS "products!",
                  (SELECT count(*) FROM categories k WHERE k.parent_id = c.id) AS "children!",
                  CASE WHEN c.status <> 'approved' THEN s.name END AS proposed_by
           FROM tree t JOIN categories c ON c.id = t.id
           LEFT JOIN stores s ON s.id = c.proposed_by_store_id
           ORDER BY c.status = 'rejected', t.path"#
    )
    .fetch_all(&state.db)
    .await?)
}

/// A new approved category under `parent_id` (or at the top). Its address
/// comes from the name and must be free.
pub async fn create(
    state: &AppState,
    meta: &RequestMeta,
    admin: i64,
    name: &str,
    parent_id: Option<i64>,
) -> Result<i64> {
    let name = checked_name(name)?;
    let slug = text::slugify(&name).chars().take(60).collect::<String>();
    let slug = slug.trim_end_matches('-');
    let mut tx = state.db.begin().await?;
    if let Some(parent) = parent_id {
        approved(&mut tx, parent, "parent").await?;
    }
    let id = sqlx::query_scalar!(
        "INSERT INTO categories (parent_id, slug, name, status, position)
         VALUES ($1, $2, $3, 'approved',
                 (SELECT coalesce(max(position) + 1, 0) FROM categories WHERE parent_id IS NOT DISTINCT FROM $1))
         ON CONFLICT (slug) DO NOTHING RETURNING id",
        parent_id,
        slug,
        name
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| {
        Error::invalid(
            "name",
            Text::from(msg::PROBLEM_CATEGORY_ADDRESS_TAKEN).with("slug", slug),
        )
    })?;
    Entry::new(Some(admin), "category.created")
        .target(format!("category:{id}"))
        .metadata(json!({ "name": name, "parent_id": parent_id }))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    storefront::forget(state);
    Ok(id)
}

/// Renames a category; its address stays, so links keep working.
pub async fn rename(
    state: &AppState,
    meta: &RequestMeta,
    admin: i64,
    id: i64,
    name: &str,
) -> Result<()> {
    let name = checked_name(name)?;
    let mut tx = state.db.begin().await?;
    let old = sqlx::query_scalar!("SELECT name FROM categories WHERE id = $1 FOR UPDATE", id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(Error::NotFound)?;
    sqlx::query!("UPDATE categories SET name = $2 WHERE id = $1", id, name)
        .execute(&mut *tx)
        .await?;
    // The search document holds the category's name.
    sqlx::query!(
        "UPDATE products SET category_id = category_id WHERE category_id = $1",
        id
    )
    .execute(&mut *tx)
    .await?;
    Entry::new(Some(admin), "category.renamed")
        .target(format!("category:{id}"))
        .metadata(json!({ "from": old, "to": name }))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    storefront::forget(state);
    Ok(())
}

/// Moves a category (with everything under it) under `parent_id`, or to the
/// top. A category cannot go under itself or one of its own descendants.
pub async fn move_to(
    state: &AppState,
    meta: &RequestMeta,
    admin: i64,
    id: i64,
    parent_id: Option<i64>,
) -> Result<()> {
    let mut tx = state.db.begin().await?;
    // Tree changes queue up, so two moves cannot build a cycle between them.
    sqlx::query!("LOCK TABLE categories IN SHARE ROW EXCLUSIVE MODE")
        .execute(&mut *tx)
        .await?;
    let old_parent = sqlx::query_scalar!("SELECT parent_id FROM categories WHERE id = $1", id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(Error::NotFound)?;
    if let Some(parent) = parent_id {
        approved(&mut tx, parent, "parent").await?;
        let inside = sqlx::query_scalar!(
            r#"WITH RECURSIVE below AS (
                 SELECT id FROM categories WHERE id = $1
                 UNION ALL
                 SELECT c.id FROM categories c JOIN below b ON c.parent_id = b.id
               )
               SELECT EXISTS (SELECT 1 FROM below WHERE id = $2) AS "inside!""#,
            id,
            parent
        )
        .fetch_one(&mut *tx)
        .await?;
        if inside {
            return Err(Error::invalid("parent", msg::PROBLEM_CATEGORY_UNDER_ITSELF));
        }
    }
    if old_parent == parent_id {
        return Ok(());
    }
    sqlx::query!(
        "UPDATE categories SET parent_id = $2,
           position = (SELECT coalesce(max(position) + 1, 0) FROM categories WHERE parent_id IS NOT DISTINCT FROM $2)
         WHERE id = $1",
        id,
        parent_id
    )
    .execute(&mut *tx)
    .await?;
    Entry::new(Some(admin), "category.moved")
        .target(format!("category:{id}"))
        .metadata(json!({ "from": old_parent, "to": parent_id }))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    storefront::forget(state);
    Ok(())
}

/// Deletes a category that has no sub-categories and no products.
pub async fn delete(state: &AppState, meta: &RequestMeta, admin: i64, id: i64) -> Result<()> {
    let mut tx = state.db.begin().await?;
    let row = sqlx::query!(
        r#"SELECT name,
                  EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id) AS "has_children!",
                  EXISTS (SELECT 1 FROM products p WHERE p.category_id = c.id) AS "has_products!"
           FROM categories c WHERE id = $1 FOR UPDATE"#,
        id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(Error::NotFound)?;
    if row.has_children || row.has_products {
        let has = if row.has_children {
            "children"
        } else {
            "products"
        };
        return Err(Error::conflict(
            Text::from(msg::PROBLEM_CATEGORY_NOT_EMPTY)
                .with("name", row.name)
                .with("has", has),
        ));
    }
    sqlx::query!("DELETE FROM categories WHERE id = $1", id)
        .execute(&mut *tx)
        .await?;
    Entry::new(Some(admin), "category.deleted")
        .target(format!("category:{id}"))
        .metadata(json!({ "name": row.name }))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    storefront::forget(state);
    Ok(())
}

/// Approves a category a seller proposed (shoppers see it from now on) or
/// rejects it (sellers can no longer choose it; products already filed
/// under it keep it until their seller picks another).
pub async fn review(
    state: &AppState,
    meta: &RequestMeta,
    admin: i64,
    id: i64,
    approve: bool,
) -> Result<()> {
    let mut tx = state.db.begin().await?;
    let row = sqlx::query!(
        "SELECT status, parent_id FROM categories WHERE id = $1 FOR UPDATE",
        id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(Error::NotFound)?;
    if row.status != "proposed" {
        return Err(Error::conflict(
            Text::from(msg::PROBLEM_CATEGORY_REVIEWED).with("status", row.status),
        ));
    }
    if approve && let Some(parent) = row.parent_id {
        // Held until the end, so the parent cannot be rejected meanwhile.
        let parent_status = sqlx::query_scalar!(
            "SELECT status FROM categories WHERE id = $1 FOR SHARE",
            parent
        )
        .fetch_one(&mut *tx)
        .await?;
        if parent_status != "approved" {
            return Err(Error::conflict(msg::PROBLEM_CATEGORY_PARENT_FIRST));
        }
    }
    let (status, action) = if approve {
        ("approved", "category.approved")
    } else {
        ("rejected", "category.rejected")
    };
    sqlx::query!(
        "UPDATE categories SET status = $2 WHERE id = $1",
        id,
        status
    )
    .execute(&mut *tx)
    .await?;
    Entry::new(Some(admin), action)
        .target(format!("category:{id}"))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    storefront::forget(state);
    Ok(())
}

fn checked_name(name: &str) -> Result<String> {
    let name = name.trim();
    match name.chars().count() {
        0 => Err(Error::invalid("name", msg::PROBLEM_CATEGORY_NAME)),
        61.. => Err(Error::invalid(
            "name",
            Text::from(msg::PROBLEM_TOO_LONG).with("max", 60),
        )),
        _ if text::slugify(name).is_empty() => {
            Err(Error::invalid("name", msg::PROBLEM_CATEGORY_NAME_LETTER))
        }
        _ => Ok(name.to_owned()),
    }
}

/// Refuses a `field` that names a category that does not exist or is not
/// approved.
async fn approved(conn: &mut PgConnection, id: i64, field: &'static str) -> Result<()> {
    let status = sqlx::query_scalar!("SELECT status FROM categories WHERE id = $1", id)
        .fetch_optional(conn)
        .await?;
    match status.as_deref() {
        Some("approved") => Ok(()),
        _ => Err(Error::invalid(field, msg::PROBLEM_CATEGORY_APPROVED)),
    }
}
