//! The signed-in person's own account: name, email address and password,
//! and deactivating or deleting it, over `server::accounts::profile`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    super::forms,
    crate::{error::state, forms::ssr as form, session},
    server::accounts::profile,
    texts::msg,
};

/// The `/account` page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub name: String,
    pub email: String,
    pub verified: bool,
    pub owns_store: bool,
}

#[server]
pub async fn account() -> Result<AccountView, AppError> {
    let user = session::signed_in().await?;
    Ok(AccountView {
        owns_store: user.stores.iter().any(|s| s.role == "owner"),
        name: user.name,
        email: user.email,
        verified: user.verified,
    })
}

#[server]
pub async fn rename(name: String) -> Result<Feedback, AppError> {
    let state = state()?;
    let user = session::signed_in().await?;
    let outcome = profile::rename(&state, &session::meta(), &user, &name).await;
    form::answer(
        forms::PROFILE,
        outcome,
        &form::say(msg::NAME_SAVED),
        &[("name", &name)],
    )
    .await
}

#[server]
pub async fn change_email(
    new_email: String,
    current_password: String,
) -> Result<Feedback, AppError> {
    let state = state()?;
    let user = session::signed_in().await?;
    let outcome = profile::request_email_change(
        &state,
        &session::meta(),
        &user,
        &new_email,
        &current_password,
    )
    .await;
    form::answer(
        forms::EMAIL,
        outcome,
        &form::say(msg::EMAIL_CHANGE_SENT),
        &[("new_email", &new_email)],
    )
    .await
}

#[server]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<Feedback, AppError> {
    let state = state()?;
    let user = session::signed_in().await?;
    let session = session::current().await?;
    let outcome = profile::change_password(
        &state,
        &session,
        &session::meta(),
        &user,
        &current_password,
        &new_password,
    )
    .await;
    form::answer(
        forms::PASSWORD,
        outcome,
        &form::say(msg::PASSWORD_CHANGED),
        &[],
    )
    .await
}

#[server]
pub async fn deactivate_account(
    current_password: String,
    confirm: Option<String>,
) -> Result<Feedback, AppError> {
    if confirm.as_deref() != Some("yes") {
        let problem = server::Error::invalid("confirm", msg::PROBLEM_CONFIRM_TICK);
        return form::refused(forms::DEACTIVATE, problem, &[]).await;
    }
    let state = state()?;
    let user = session::signed_in().await?;
    let session = session::current().await?;
    match profile::deactivate(&state, &session, &session::meta(), &user, &current_password).await {
        Ok(()) => {
            crate::i18n::redirect("/?account=deactivated");
            Ok(Feedback::default())
        }
        Err(error) => form::refused(forms::DEACTIVATE, error, &[]).await,
    }
}

#[server]
pub async fn delete_account(
    current_password: String,
    confirm: Option<String>,
) -> Result<Feedback, AppError> {
    if confirm.as_deref() != Some("yes") {
        let problem = server::Error::invalid("confirm", msg::PROBLEM_CONFIRM_TICK);
        return form::refused(forms::DELETE, problem, &[]).await;
    }
    let state = state()?;
    let user = session::signed_in().await?;
    let session = session::current().await?;
    match profile::delete(&state, &session, &session::meta(), &user, &current_password).await {
        Ok(()) => {
            crate::i18n::redirect("/?account=deleted");
            Ok(Feedback::default())
        }
        Err(error) => form::refused(forms::DELETE, error, &[]).await,
    }
}
