//! The seller admin's server functions.

pub mod orders;
pub mod products;
pub mod stats;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    crate::{accounts::forms, error::state, forms::ssr as form, session},
    server::accounts::{Permission, sessions},
};

/// The store a seller works for, as the seller pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreSummary {
    pub name: String,
    pub slug: String,
    pub role: String,
}

/// Where a person stands before opening a store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Onboarding {
    NeedsVerifiedEmail,
    Ready,
    HasStore,
}

#[server]
pub async fn my_store() -> Result<StoreSummary, AppError> {
    let user = session::require(Permission::ManageStore).await?;
    let store = user.stores.into_iter().next().ok_or(AppError::Forbidden)?;
    Ok(StoreSummary {
        name: store.name,
        slug: store.slug,
        role: store.role,
    })
}

#[server]
pub async fn onboarding_status() -> Result<Onboarding, AppError> {
    let user = session::signed_in().await?;
    Ok(if !user.stores.is_empty() {
        Onboarding::HasStore
    } else if user.verified {
        Onboarding::Ready
    } else {
        Onboarding::NeedsVerifiedEmail
    })
}

#[server]
pub async fn open_store(
    name: String,
    slug: String,
    description: String,
) -> Result<Feedback, AppError> {
    let state = state()?;
    let user = session::signed_in().await?;
    let input = server::stores::NewStore {
        name: name.clone(),
        slug: slug.clone(),
        description: description.clone(),
    };
    match server::stores::open(&state, &session::meta(), &user, &input).await {
        Ok(_) => {
            // A new role: the session gets a new id.
            sessions::rotate(&session::current().await?).await?;
            leptos_axum::redirect("/seller");
            Ok(Feedback::default())
        }
        Err(error) => {
            form::refused(
                forms::OPEN_STORE,
                error,
                &[
                    ("name", &name),
                    ("slug", &slug),
                    ("description", &description),
                ],
            )
            .await
        }
    }
}
