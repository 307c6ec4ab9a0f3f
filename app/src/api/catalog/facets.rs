//! What the storefront offers to browse by: the category navigation, the
//! filter form's choices, category titles and store fronts, from
//! `server::catalog::facets`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// A link in the category navigation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryLink {
    pub slug: String,
    pub name: String,
}

/// The choices of a listing's filter form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetsView {
    /// `(slug, name, depth)` in tree order.
    pub categories: Vec<(String, String, i32)>,
    /// `(slug, name)`.
    pub stores: Vec<(String, String)>,
    pub materials: Vec<String>,
}

/// What a store address leads to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StoreLookup {
    Found(StoreView),
    /// The store's current address, reached from a former one.
    Moved(String),
}

/// A store's page header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreView {
    pub slug: String,
    pub name: String,
    pub description_html: String,
    pub summary: String,
    /// The logo's URL, when the store has one.
    pub logo: Option<String>,
}

/// The categories in the header's navigation.
#[server]
pub async fn navigation_categories() -> Result<Vec<CategoryLink>, AppError> {
    let state = crate::error::state()?;
    // The top of the tree the filter form offers, from the same cache.
    let facets = server::catalog::facets::facets_cached(&state.db, &state.facets).await?;
    Ok(facets
        .categories
        .iter()
        .filter(|c| c.depth == 0)
        .map(|c| CategoryLink {
            slug: c.slug.clone(),
            name: c.name.clone(),
        })
        .collect())
}

/// The choices the filter form offers.
#[server]
pub async fn listing_facets() -> Result<FacetsView, AppError> {
    let state = crate::error::state()?;
    let facets = server::catalog::facets::facets_cached(&state.db, &state.facets).await?;
    Ok(FacetsView {
        categories: facets
            .categories
            .iter()
            .map(|c| (c.slug.clone(), c.name.clone(), c.depth))
            .collect(),
        stores: facets
            .stores
            .iter()
            .map(|s| (s.slug.clone(), s.name.clone()))
            .collect(),
        materials: facets.materials.clone(),
    })
}

/// An active store's header, where a store moved from its former address,
/// or not found.
#[server]
pub async fn store_front(slug: String) -> Result<StoreLookup, AppError> {
    use server::{Error, catalog::markdown, media, stores::front};
    let state = crate::error::state()?;
    let store = match front::active(&state.db, &slug).await {
        Err(Error::NotFound) => {
            return match front::moved(&state.db, &slug).await? {
                Some(moved) => Ok(StoreLookup::Moved(moved)),
                None => Err(AppError::NotFound),
            };
        }
        found => found?,
    };
    Ok(StoreLookup::Found(StoreView {
        summary: markdown::summary(&store.description, 160),
        description_html: markdown::to_safe_html(&store.description),
        logo: store
            .logo_key
            .map(|key| media::url(&key, media::width_for(200))),
        slug: store.slug,
        name: store.name,
    }))
}

/// An approved category's name, or not found.
#[server]
pub async fn category_title(slug: String) -> Result<String, AppError> {
    let state = crate::error::state()?;
    Ok(server::catalog::categories::approved_name(&state.db, &slug).await?)
}
