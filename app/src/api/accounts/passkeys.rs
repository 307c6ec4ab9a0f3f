//! Passkeys on `/account/security` and at sign-in, over
//! `server::accounts::passkeys` and `server::accounts::login`.
//!
//! A ceremony takes two calls: the first answers the options the browser
//! hands to `navigator.credentials`, the second sends back what the
//! authenticator answered. Both need a script, so only hydrated pages offer
//! passkeys.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    super::forms,
    crate::{error::state, forms::ssr as form, session},
    server::accounts::{login, passkeys, sessions},
    texts::msg,
};

/// One of the person's passkeys.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeyView {
    pub id: i64,
    pub name: String,
    pub added: String,
    /// When it last signed in, or `None` when never.
    pub last_used: Option<String>,
}

/// The person's passkeys, and whether this site can offer them at all
/// (not when it is reached by an IP address).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeysView {
    pub available: bool,
    pub passkeys: Vec<PasskeyView>,
}

#[server]
pub async fn passkeys_state() -> Result<PasskeysView, AppError> {
    let state = state()?;
    let user = session::signed_in().await?;
    let day = |at: chrono::DateTime<chrono::Utc>| at.format("%-d %b %Y").to_string();
    let passkeys = passkeys::list(&state.db, user.id)
        .await?
        .into_iter()
        .map(|passkey| PasskeyView {
            id: passkey.id,
            name: passkey.name,
            added: day(passkey.created_at),
            last_used: passkey.last_used_at.map(day),
        })
        .collect();
    Ok(PasskeysView {
        available: passkeys::available(&state.config),
        passkeys,
    })
}

/// Whether the sign-in page may offer passkeys.
#[server]
pub async fn passkeys_available() -> Result<bool, AppError> {
    Ok(passkeys::available(&state()?.config))
}

/// Starts adding a passkey: the options for the browser, or the problems
/// with the name or the password.
#[server]
pub async fn start_passkey_registration(
    name: String,
    current_password: String,
) -> Result<Result<String, Feedback>, AppError> {
    let state = state()?;
    let user = session::signed_in().await?;
    let session = session::current().await?;
    match passkeys::start_registration(&state, &session, &user, &current_password, &name).await {
        Ok(options) => Ok(Ok(options)),
        Err(error) => form::refused(forms::PASSKEY, error, &[("name", &name)])
            .await
            .map(Err),
    }
}

/// Finishes adding a passkey with the authenticator's answer.
#[server]
pub async fn finish_passkey_registration(response: String) -> Result<Feedback, AppError> {
    let state = state()?;
    let user = session::signed_in().await?;
    let session = session::current().await?;
    match passkeys::finish_registration(&state, &session, &session::meta(), &user, &response).await
    {
        Ok(name) => {
            sessions::rotate(&session).await?;
            form::done(
                forms::PASSKEY,
                crate::i18n::request_lang()
                    .t_args(msg::PASSKEY_ADDED, &[("name", name.clone().into())]),
            )
            .await
        }
        Err(error) => form::refused(forms::PASSKEY, error, &[]).await,
    }
}

#[server]
pub async fn remove_passkey(id: i64, current_password: String) -> Result<Feedback, AppError> {
    let state = state()?;
    let user = session::signed_in().await?;
    let outcome = passkeys::remove(&state, &session::meta(), &user, id, &current_password).await;
    if outcome.is_ok() {
        sessions::rotate(&session::current().await?).await?;
    }
    form::answer(
        forms::PASSKEY,
        outcome,
        &form::say(msg::PASSKEY_REMOVED),
        &[],
    )
    .await
}

/// Starts a sign-in with a passkey alone, or, when a password was right
/// and its second step is due, the second step with one of that account's
/// passkeys.
#[server]
pub async fn start_passkey_sign_in() -> Result<String, AppError> {
    let state = state()?;
    let session = session::current().await?;
    let options = if login::second_step_due(&session).await? {
        login::start_passkey_second_step(&state, &session).await?
    } else {
        login::start_passkey_sign_in(&state, &session).await?
    };
    Ok(options)
}

/// Finishes what [`start_passkey_sign_in`] started; the page then goes on
/// to `next`.
#[server]
pub async fn finish_passkey_sign_in(response: String) -> Result<Feedback, AppError> {
    let state = state()?;
    let session = session::current().await?;
    let meta = session::meta();
    let outcome = if login::second_step_due(&session).await? {
        login::pass_second_step_with_passkey(&state, &session, &meta, &response).await
    } else {
        login::log_in_with_passkey(&state, &session, &meta, &response).await
    };
    match outcome {
        Ok(_) => Ok(Feedback::default()),
        Err(error) => form::refused(forms::LOGIN, error, &[]).await,
    }
}
