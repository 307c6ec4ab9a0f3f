//! The choices a listing's filters offer: categories, stores and materials.

use std::{sync::Arc, time::Duration};

use sqlx::PgPool;

use crate::{Error, Result};

/// The filter choices, shared by every listing request of this instance:
/// they change only when categories, stores or materials do.
pub type FacetsCache = moka::future::Cache<(), Arc<Facets>>;

/// How long the filter choices may be out of date.
const FACETS_TTL: Duration = Duration::from_secs(30);

pub fn facets_cache() -> FacetsCache {
    moka::future::Cache::builder()
        .max_capacity(1)
        .time_to_live(FACETS_TTL)
        .build()
}

/// [`facets`] through the cache; concurrent misses share one read.
pub async fn facets_cached(db: &PgPool, cache: &FacetsCache) -> Result<Arc<Facets>> {
    cache
        .try_get_with((), async { facets(db).await.map(Arc::new) })
        .await
        .map_err(Error::shared)
}

/// A category with its depth in the tree, for an indented list.
#[derive(Clone, Debug)]
pub struct CategoryChoice {
    pub slug: String,
    pub name: String,
    pub depth: i32,
}

#[derive(Clone, Debug)]
pub struct StoreChoice {
    pub slug: String,
    pub name: String,
}

#[derive(Clone, Debug)]
pub struct Facets {
    pub categories: Vec<CategoryChoice>,
    pub stores: Vec<StoreChoice>,
    pub materials: Vec<String>,
}

/// Approved categories in tree order, active stores by name, and the
/// materials of published products.
pub async fn facets(db: &PgPool) -> Result<Facets> {
    let categories = sqlx::query_as!(
        CategoryChoice,
        r#"WITH RECURSIVE tree AS (
             SELECT id, slug, name, 0 AS depth, ARRAY[position, id::int] AS path
             FROM categories WHERE parent_id IS NULL AND status = 'approved'
             UNION ALL
             SELECT c.id, c.slug, c.name, t.depth + 1, t.path || ARRAY[c.position, c.id::int]
             FROM categories c JOIN tree t ON c.parent_id = t.id WHERE c.status = 'approved'
           )
           SELECT slug AS "slug!", name AS "name!", depth AS "depth!" FROM tree ORDER BY path"#
    )
    .fetch_all(db)
    .await?;
    let stores = sqlx::query_as!(
        StoreChoice,
        "SELECT slug, name FROM stores WHERE status = 'active' ORDER BY name"
    )
    .fetch_all(db)
    .await?;
    let materials = sqlx::query_scalar!(
        r#"SELECT DISTINCT initcap(p.attributes ->> 'material') AS "material!"
           FROM products p JOIN stores s ON s.id = p.store_id
           WHERE for_sale(p, s) AND p.attributes ? 'material'
           ORDER BY 1"#
    )
    .fetch_all(db)
    .await?;
    Ok(Facets {
        categories,
        stores,
        materials,
    })
}
