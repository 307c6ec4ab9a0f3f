//! A forgotten password: asking for a reset link and choosing a new
//! password with it, over `server::accounts::recovery`.

use leptos::prelude::*;

use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    super::forms,
    crate::{error::state, forms::ssr as form, session},
    server::accounts::recovery,
    texts::msg,
};

#[server]
pub async fn forgot_password(email: String) -> Result<Feedback, AppError> {
    let state = state()?;
    // The link goes out on its own after the answer.
    let outcome = recovery::request_reset(&state, &session::meta(), &email)
        .await
        .map(drop);
    form::answer(
        forms::FORGOT,
        outcome,
        &form::say(msg::FORGOT_SENT),
        &[("email", &email)],
    )
    .await
}

/// Whether a reset link can still be used.
#[server]
pub async fn check_reset_link(token: String) -> Result<bool, AppError> {
    let state = state()?;
    match recovery::check_link(&state, &token).await {
        Ok(()) => Ok(true),
        Err(server::Error::Invalid(_)) => Ok(false),
        Err(error) => Err(error.into()),
    }
}

#[server]
pub async fn reset_password(token: String, password: String) -> Result<Feedback, AppError> {
    let state = state()?;
    match recovery::reset(&state, &session::meta(), &token, &password).await {
        Ok(()) => {
            crate::i18n::redirect("/login?reset=done");
            Ok(Feedback::default())
        }
        Err(error) => form::refused(forms::RESET, error, &[]).await,
    }
}
