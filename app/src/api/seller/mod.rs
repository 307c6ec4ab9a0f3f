//! The seller admin: the store a seller works for, and one module per part
//! of its admin. The store always comes from the session, never the request.

pub mod dashboard;
pub mod images;
pub mod onboarding;
pub mod orders;
pub mod product_editor;
pub mod products;
pub mod settings;
pub mod shipping;
pub mod stats;
pub mod webhooks;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::session;

/// The store a seller works for, as the seller pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreSummary {
    pub name: String,
    pub slug: String,
    pub role: String,
}

#[server]
pub async fn my_store() -> Result<StoreSummary, AppError> {
    let (user, _) = session::seller().await?;
    let store = user.stores.into_iter().next().ok_or(AppError::Forbidden)?;
    Ok(StoreSummary {
        name: store.name,
        slug: store.slug,
        role: store.role,
    })
}
