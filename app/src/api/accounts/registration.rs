//! Opening an account and confirming its email address, by link or by code:
//! thin wrappers over `server::accounts::registration`.

use leptos::prelude::*;

use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    super::forms,
    crate::{error::state, forms::ssr as form, session},
    server::accounts::registration,
    texts::msg,
};

#[server]
pub async fn register(email: String, password: String, name: String) -> Result<Feedback, AppError> {
    let state = state()?;
    let input = registration::Registration {
        email: email.clone(),
        password,
        name: name.clone(),
    };
    match registration::register(&state, &session::meta(), &input).await {
        Ok(email) => {
            crate::i18n::redirect(&format!(
                "/verify-email?sent={}",
                form_urlencoded::byte_serialize(email.as_str().as_bytes()).collect::<String>()
            ));
            Ok(Feedback::default())
        }
        Err(error) => {
            form::refused(
                forms::REGISTER,
                error,
                &[("email", &email), ("name", &name)],
            )
            .await
        }
    }
}

/// Confirms the address of a mailed link. A button press, not the visit
/// itself: mail scanners that open links must not use them up.
#[server]
pub async fn verify_email_link(token: String) -> Result<Feedback, AppError> {
    let state = state()?;
    let outcome = registration::verify_link(&state, &session::meta(), &token).await;
    form::answer(
        forms::VERIFY_LINK,
        outcome,
        &form::say(msg::EMAIL_CONFIRMED),
        &[],
    )
    .await
}

#[server]
pub async fn verify_email_code(email: String, code: String) -> Result<Feedback, AppError> {
    let state = state()?;
    let outcome = registration::verify_code(&state, &session::meta(), &email, &code).await;
    form::answer(
        forms::VERIFY,
        outcome,
        &form::say(msg::EMAIL_CONFIRMED),
        &[("email", &email)],
    )
    .await
}

#[server]
pub async fn resend_verification(email: String) -> Result<Feedback, AppError> {
    let state = state()?;
    let outcome = registration::resend(&state, &session::meta(), &email).await;
    form::answer(
        forms::RESEND,
        outcome,
        &form::say(msg::VERIFY_RESENT),
        &[("email", &email)],
    )
    .await
}
