//! `/admin/users`: finding accounts, their roles and status.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::Listing;
use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    super::{admin, confirmed, forms},
    crate::{error::state, forms::ssr as form, session},
    server::dates,
    server::{
        accounts::{Role, two_step},
        admin::users::{self, Account, Filter},
    },
    texts::msg,
};

/// The roles an admin grants and removes, in the order pages list them.
pub const ROLES: [&str; 3] = ["customer", "seller", "admin"];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub status: String,
    pub verified: bool,
    pub roles: Vec<String>,
    pub joined: String,
    pub store: Option<String>,
    pub open_sessions: i64,
    pub two_step: bool,
    /// The admin looking at their own account.
    pub is_you: bool,
}

#[cfg(feature = "ssr")]
fn view_of(account: Account, you: i64) -> UserView {
    UserView {
        is_you: account.id == you,
        id: account.id,
        email: account.email,
        name: account.name,
        status: account.status,
        verified: account.verified,
        roles: account.roles,
        joined: dates::moment(account.created_at, crate::i18n::request_lang()),
        store: account.store,
        open_sessions: account.open_sessions,
        two_step: account.two_step,
    }
}

#[server]
pub async fn admin_users(
    text: String,
    role: String,
    status: String,
    page: i64,
) -> Result<Listing<UserView>, AppError> {
    let you = admin().await?.id;
    let filter = Filter {
        text,
        role: Role::parse(&role),
        status: (!status.is_empty()).then_some(status),
        page,
        ..Filter::default()
    };
    let page = users::list(&state()?.db, &filter).await?;
    Ok(Listing::of(page, |account| view_of(account, you)))
}

#[server]
pub async fn admin_user(id: i64) -> Result<UserView, AppError> {
    let you = admin().await?.id;
    Ok(view_of(users::find(&state()?.db, id).await?, you))
}

/// Grants or removes a role; removing one needs the confirmation ticked.
#[server]
pub async fn admin_user_role(
    id: i64,
    role: String,
    grant: bool,
    #[server(default)] confirm: Option<String>,
) -> Result<Feedback, AppError> {
    let you = admin().await?.id;
    let role = Role::parse(&role).ok_or(AppError::NotFound)?;
    if !grant && !confirmed(&confirm) {
        let error = server::Error::invalid(
            format!("confirm-{}", role.as_str()),
            msg::PROBLEM_CONFIRM_REMOVE_ROLE,
        );
        return form::refused(forms::USER, error, &[]).await;
    }
    let state = state()?;
    let outcome = users::set_role(&state.db, &session::meta(), you, id, role, grant).await;
    let notice = if grant {
        format!("The {} role was granted.", role.as_str())
    } else {
        format!("The {} role was removed.", role.as_str())
    };
    form::answer(forms::USER, outcome, &notice, &[]).await
}

/// Deactivates (after confirmation) or reactivates the account.
#[server]
pub async fn admin_user_status(
    id: i64,
    active: bool,
    #[server(default)] confirm: Option<String>,
) -> Result<Feedback, AppError> {
    let you = admin().await?.id;
    if !active && !confirmed(&confirm) {
        let error = server::Error::invalid("confirm-deactivate", msg::PROBLEM_CONFIRM_DEACTIVATE);
        return form::refused(forms::USER, error, &[]).await;
    }
    let state = state()?;
    let outcome = users::set_active(&state.db, &session::meta(), you, id, active).await;
    let notice = if active {
        "The account is active again."
    } else {
        "The account is deactivated and signed out everywhere."
    };
    form::answer(forms::USER, outcome, notice, &[]).await
}

#[server]
pub async fn admin_user_resend(id: i64) -> Result<Feedback, AppError> {
    let you = admin().await?.id;
    let outcome = users::resend_verification(&state()?, &session::meta(), you, id).await;
    form::answer(
        forms::USER,
        outcome,
        "A new verification mail is on its way.",
        &[],
    )
    .await
}

/// Turns off the two-step sign-in of a person locked out of it, after the
/// confirmation is ticked.
#[server]
pub async fn admin_user_two_step_reset(
    id: i64,
    #[server(default)] confirm: Option<String>,
) -> Result<Feedback, AppError> {
    let you = admin().await?.id;
    if !confirmed(&confirm) {
        let error = server::Error::invalid("confirm-two-step", msg::PROBLEM_CONFIRM_RESET_TWO_STEP);
        return form::refused(forms::USER, error, &[]).await;
    }
    let outcome = two_step::reset_by_admin(&state()?, &session::meta(), you, id).await;
    form::answer(
        forms::USER,
        outcome,
        "Two-step sign-in is off for this account; its owner was told by mail.",
        &[],
    )
    .await
}
