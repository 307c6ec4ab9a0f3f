//! Opening a store: where a person stands before they can, and the form
//! that opens one, over `server::stores`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    crate::{error::state, forms::ssr as form, session},
    server::accounts::sessions,
};

/// Form names for the one-time feedback of plain form posts.
pub mod forms {
    pub const OPEN_STORE: &str = "open-store";
}

/// Where a person stands before opening a store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Onboarding {
    NeedsVerifiedEmail,
    Ready,
    HasStore,
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
    let input = server::stores::StoreDetails {
        name: name.clone(),
        slug: slug.clone(),
        description: description.clone(),
    };
    match server::stores::open(&state, &session::meta(), &user, &input).await {
        Ok(_) => {
            // A new role: the session gets a new id.
            sessions::rotate(&session::current().await?).await?;
            crate::i18n::redirect("/seller");
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
