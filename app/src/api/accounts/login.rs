//! Signing in and out, and who the signed-in visitor is: thin wrappers over
//! `server::accounts::login` and the session.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    super::{forms, safe_next},
    crate::{error::state, forms::ssr as form, session},
    server::accounts::{Role, login},
};

/// The signed-in person, as the header and guards need them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub name: String,
    pub email: String,
    pub verified: bool,
    pub is_seller: bool,
    pub is_admin: bool,
    /// For a seller: paid orders of their stores nobody has opened yet.
    pub new_orders: i64,
}

/// The signed-in person, or `None`. When the session store is down the
/// visitor is shown as signed out rather than the page failing.
#[server]
pub async fn current_viewer() -> Result<Option<Viewer>, AppError> {
    let user = match session::user().await {
        Ok(user) => user,
        Err(AppError::Unavailable(_)) => None,
        Err(error) => return Err(error),
    };
    let Some(user) = user else {
        return Ok(None);
    };
    let is_seller = user.has_role(Role::Seller) && !user.stores.is_empty();
    let new_orders = if is_seller {
        let stores: Vec<i64> = user.stores.iter().map(|member| member.store_id).collect();
        server::seller::orders::unopened(&state()?.db, &stores).await?
    } else {
        0
    };
    Ok(Some(Viewer {
        is_seller,
        is_admin: user.has_role(Role::Admin),
        new_orders,
        name: user.name,
        email: user.email,
        verified: user.verified,
    }))
}

/// The demo accounts, listed on the sign-in page in local development only.
#[server]
pub async fn demo_accounts() -> Result<Vec<(String, String)>, AppError> {
    let state = state()?;
    if state.config.env != server::config::AppEnv::Dev {
        return Ok(Vec::new());
    }
    Ok(server::seed::demo::DEMO_ACCOUNTS
        .iter()
        .map(|(email, role)| ((*email).to_owned(), (*role).to_owned()))
        .collect())
}

#[server]
pub async fn log_in(email: String, password: String, next: String) -> Result<Feedback, AppError> {
    let state = state()?;
    let session = session::current().await?;
    let mut meta = session::meta();
    let device = meta
        .device
        .get_or_insert_with(server::accounts::throttle::new_device)
        .clone();
    match login::log_in(&state, &session, &meta, &email, &password).await {
        Ok(signed_in) => {
            session::remember_device(&state.config, &device);
            let next = safe_next(&next);
            if signed_in == login::SignIn::SecondStep {
                // The sign-in page asks for the code; `next` waits in its address.
                let next: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
                crate::i18n::redirect(&format!("/login?next={next}"));
            } else {
                crate::i18n::redirect(&next);
            }
            Ok(Feedback::default())
        }
        Err(error) => form::refused(forms::LOGIN, error, &[("email", &email)]).await,
    }
}

/// Whether this browser's password was right and a code is due.
#[server]
pub async fn second_step_due() -> Result<bool, AppError> {
    Ok(login::second_step_due(&session::current().await?).await?)
}

/// The second step of a sign-in: a code from the authenticator app or a
/// recovery code.
#[server]
pub async fn pass_second_step(code: String, next: String) -> Result<Feedback, AppError> {
    let state = state()?;
    let session = session::current().await?;
    match login::pass_second_step(&state, &session, &session::meta(), &code).await {
        Ok(_) => {
            crate::i18n::redirect(&safe_next(&next));
            Ok(Feedback::default())
        }
        Err(error) => form::refused(forms::SECOND_STEP, error, &[]).await,
    }
}

/// Leaves a sign-in waiting for its code, to sign in with another account.
#[server]
pub async fn cancel_second_step() -> Result<(), AppError> {
    login::cancel_second_step(&session::current().await?).await?;
    crate::i18n::redirect("/login");
    Ok(())
}

#[server]
pub async fn log_out() -> Result<(), AppError> {
    let state = state()?;
    let session = session::current().await?;
    login::log_out(&state, &session, &session::meta()).await?;
    crate::i18n::redirect("/");
    Ok(())
}
