//! The signed-in person's API tokens on `/account/tokens`: making one (its
//! secret is shown once), listing and revoking them, over
//! `server::accounts::api_tokens`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    super::forms,
    crate::{api::to_the_minute, error::state, forms::ssr as form, session},
    server::accounts::{Role, api_tokens},
    texts::msg,
};

/// One token in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenView {
    pub id: i64,
    pub name: String,
    pub scopes: Vec<String>,
    pub store: Option<String>,
    pub created: String,
    /// `None`: it never expires.
    pub expires: Option<String>,
    pub expired: bool,
    /// When and from where it was last used.
    pub last_used: Option<String>,
}

/// A scope the person may give a token, with what it allows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopeChoice {
    pub name: String,
    pub allows: String,
}

/// The `/account/tokens` page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokensView {
    pub tokens: Vec<TokenView>,
    pub scopes: Vec<ScopeChoice>,
    /// The store a seller's token acts for.
    pub store: Option<String>,
    pub lifetimes_days: Vec<i64>,
}

#[server]
pub async fn api_tokens_page() -> Result<TokensView, AppError> {
    let state = state()?;
    let user = session::signed_in().await?;
    let store = if user.has_role(Role::Seller) {
        user.stores.first().map(|m| m.name.clone())
    } else {
        None
    };
    let now = chrono::Utc::now();
    let tokens = api_tokens::list(&state.db, user.id)
        .await?
        .into_iter()
        .map(|t| TokenView {
            id: t.id,
            name: t.name,
            scopes: t.scopes,
            store: t.store_name,
            created: to_the_minute(t.created_at),
            expires: t.expires_at.map(to_the_minute),
            expired: t.expires_at.is_some_and(|at| at <= now),
            last_used: t.last_used_at.map(|at| match t.last_used_ip {
                Some(ip) => format!("{} from {ip}", to_the_minute(at)),
                None => to_the_minute(at),
            }),
        })
        .collect();
    let scopes = api_tokens::Scope::ALL
        .into_iter()
        .filter(|scope| user.has_role(Role::Admin) || *scope != api_tokens::Scope::Admin)
        .filter(|scope| store.is_some() || !scope.needs_store())
        .map(|scope| ScopeChoice {
            name: scope.as_str().to_owned(),
            allows: scope.allows().to_owned(),
        })
        .collect();
    Ok(TokensView {
        tokens,
        scopes,
        store,
        lifetimes_days: api_tokens::LIFETIMES_DAYS.to_vec(),
    })
}

/// `expires` is a number of days or `never`.
#[server]
pub async fn create_api_token(
    name: String,
    #[server(default)] scopes: Vec<String>,
    expires: String,
) -> Result<Feedback, AppError> {
    let state = state()?;
    let user = session::signed_in().await?;
    let input = api_tokens::NewToken {
        name: name.clone(),
        scopes,
        expires_in_days: match expires.as_str() {
            "never" => None,
            days => Some(days.parse().unwrap_or(0)),
        },
    };
    match api_tokens::create(&state, &session::meta(), &user, &input).await {
        Ok(created) => {
            let feedback = Feedback {
                reveal: Some(created.secret),
                ..Feedback::notice("Token created. Copy it now: it is not shown again.")
            };
            form::remember(forms::API_TOKEN, &feedback).await;
            Ok(feedback)
        }
        Err(error) => {
            form::refused(
                forms::API_TOKEN,
                error,
                &[("name", &name), ("expires", &expires)],
            )
            .await
        }
    }
}

#[server]
pub async fn revoke_api_token(
    id: i64,
    #[server(default)] confirm: Option<String>,
) -> Result<Feedback, AppError> {
    let state = state()?;
    let user = session::signed_in().await?;
    if confirm.is_none() {
        return form::refused(
            forms::API_TOKEN,
            server::Error::invalid("", msg::PROBLEM_TOKEN_CONFIRM_REVOKE),
            &[],
        )
        .await;
    }
    let outcome = api_tokens::revoke(&state.db, &session::meta(), user.id, id).await;
    form::answer(
        forms::API_TOKEN,
        outcome,
        "Token revoked: it no longer works.",
        &[],
    )
    .await
}
