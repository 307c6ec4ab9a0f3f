//! The request's session and signed-in user, for server functions.

use server::{
    accounts::{AuthUser, Permission, Session, permissions, sessions},
    request::RequestMeta,
    seller::StoreScope,
};

use crate::error::{AppError, state};

/// The session of the request being served.
pub async fn current() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|_| {
        tracing::error!("no session layer around the server functions");
        AppError::Internal
    })
}

/// Who sent the request, for the audit log and throttles, and the language
/// of the page it came from.
pub fn meta() -> RequestMeta {
    let meta = leptos::prelude::use_context::<http::request::Parts>()
        .map_or_else(RequestMeta::system, |parts| {
            RequestMeta::new(&parts.headers, &parts.extensions)
        });
    RequestMeta {
        lang: crate::i18n::request_lang(),
        ..meta
    }
}

/// Keeps (or renews) the browser's device cookie for a year, so later
/// sign-ins from it are not slowed down by a stranger's failures.
pub fn remember_device(config: &server::Config, device: &str) {
    use server::{accounts::throttle::DEVICE_SECS, request::DEVICE_COOKIE};
    let secure = if config.is_https() { "; Secure" } else { "" };
    let cookie = format!(
        "{DEVICE_COOKIE}={device}; Path=/; Max-Age={DEVICE_SECS}; HttpOnly; SameSite=Lax{secure}"
    );
    if let (Some(response), Ok(value)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&cookie),
    ) {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

/// The signed-in user, if any.
pub async fn user() -> Result<Option<AuthUser>, AppError> {
    let state = state()?;
    let session = current().await?;
    Ok(sessions::current_user(&state.db, &state.config, &session).await?)
}

/// The signed-in user with `permission`, or the error a page shows.
pub async fn require(permission: Permission) -> Result<AuthUser, AppError> {
    let state = state()?;
    let user = user().await?;
    Ok(
        permissions::require(&state, &meta(), user.as_ref(), permission)
            .await?
            .clone(),
    )
}

/// The signed-in user, whatever their roles.
pub async fn signed_in() -> Result<AuthUser, AppError> {
    user().await?.ok_or(AppError::Unauthorized)
}

/// The signed-in seller and the store they work for; every seller server
/// function starts here, so the store never comes from the request.
pub async fn seller() -> Result<(AuthUser, StoreScope), AppError> {
    Ok(server::seller::signed_in_seller(&state()?, &current().await?, &meta()).await?)
}

/// The store the signed-in seller works for.
pub async fn store_scope() -> Result<StoreScope, AppError> {
    Ok(seller().await?.1)
}
