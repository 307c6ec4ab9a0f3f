//! Two-step sign-in on `/account/security`, over
//! `server::accounts::two_step`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    super::forms,
    crate::{error::state, forms::ssr as form, session},
    server::accounts::{sessions, two_step},
    texts::msg,
};

/// Where the person's two-step sign-in stands; while the authenticator app
/// is not on, the secret being set up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoStepView {
    /// Any second step: the authenticator app or a passkey.
    pub enabled: bool,
    pub authenticator_app: bool,
    pub recovery_codes_left: i64,
    pub setup: Option<SetupView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupView {
    /// The shared secret in base32, for apps that cannot scan.
    pub secret: String,
    /// The `otpauth://` address as a QR code, an SVG made on the server.
    pub qr_svg: String,
}

#[server]
pub async fn two_step_state() -> Result<TwoStepView, AppError> {
    let state = state()?;
    let user = session::signed_in().await?;
    let status = two_step::status(&state.db, user.id).await?;
    let setup = if status.authenticator_app {
        None
    } else {
        let setup = two_step::setup(&state, &user).await?;
        Some(SetupView {
            secret: setup.secret,
            qr_svg: setup.qr_svg,
        })
    };
    Ok(TwoStepView {
        enabled: status.enabled,
        authenticator_app: status.authenticator_app,
        recovery_codes_left: status.recovery_codes_left,
        setup,
    })
}

/// The recovery codes, shown once, one per line.
#[cfg(feature = "ssr")]
async fn reveal_codes(form_name: &str, notice: &str, codes: Vec<String>) -> Feedback {
    let feedback = Feedback {
        reveal: Some(codes.join("\n")),
        ..Feedback::notice(notice)
    };
    form::remember(form_name, &feedback).await;
    feedback
}

#[server]
pub async fn enable_two_step(code: String, current_password: String) -> Result<Feedback, AppError> {
    let state = state()?;
    let user = session::signed_in().await?;
    match two_step::enable(&state, &session::meta(), &user, &current_password, &code).await {
        Ok(codes) => {
            sessions::rotate(&session::current().await?).await?;
            Ok(reveal_codes(forms::TWO_STEP, &form::say(msg::TWO_STEP_TURNED_ON), codes).await)
        }
        Err(error) => form::refused(forms::TWO_STEP, error, &[("code", &code)]).await,
    }
}

#[server]
pub async fn new_recovery_codes(current_password: String) -> Result<Feedback, AppError> {
    let state = state()?;
    let user = session::signed_in().await?;
    match two_step::regenerate_recovery_codes(&state, &session::meta(), &user, &current_password)
        .await
    {
        Ok(codes) => Ok(reveal_codes(
            forms::TWO_STEP,
            &form::say(msg::RECOVERY_CODES_RENEWED),
            codes,
        )
        .await),
        Err(error) => form::refused(forms::TWO_STEP, error, &[]).await,
    }
}

#[server]
pub async fn disable_two_step(current_password: String) -> Result<Feedback, AppError> {
    let state = state()?;
    let user = session::signed_in().await?;
    let outcome = two_step::disable(&state, &session::meta(), &user, &current_password).await;
    if outcome.is_ok() {
        sessions::rotate(&session::current().await?).await?;
    }
    form::answer(
        forms::TWO_STEP,
        outcome,
        &form::say(msg::TWO_STEP_TURNED_OFF),
        &[],
    )
    .await
}
