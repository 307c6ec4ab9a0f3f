//! Signing in and out.

use super::messages;
use super::{Email, password, sessions, sessions::Session, throttle, tokens, users};
use crate::{AppState, Error, Result, audit::Entry, mail::outbox, request::RequestMeta};

/// The one answer for an unknown address and a wrong password.
fn wrong_credentials() -> Error {
    Error::invalid("", "The email or password is not right.")
}

/// Checks the credentials and, when they hold, starts a signed-in session
/// (with a new session id). Returns the user's id.
pub async fn log_in(
    state: &AppState,
    session: &Session,
    meta: &RequestMeta,
    email: &str,
    password_plain: &str,
) -> Result<i64> {
    let email = Email::parse(email)?;
    if password_plain.is_empty() {
        return Err(Error::invalid("password", "Enter your password."));
    }
    let config = &state.config;
    let attempt = throttle::begin_attempt(
        &state.redis,
        email.as_str(),
        meta.device.as_deref(),
        meta.ip,
        config.login_failures_per_ip,
    )
    .await?;
    let account = users::credentials(&state.db, &email).await?;
    if attempt.lock_started
        && let Some(account) = &account
    {
        // The owner learns that sign-ins from new devices now wait, and that
        // their own browsers are not affected.
        let mut conn = state.db.acquire().await?;
        let message = messages::sign_in_slowed(email.as_str(), &config.app_url);
        outbox::enqueue(&mut conn, &message).await?;
        tracing::warn!(
            user = account.id,
            "sign-in attempts for the account are slowed down"
        );
    }
    let matches = password::verify_blocking(
        password_plain,
        account.as_ref().map(|a| a.password_hash.clone()),
    )
    .await?;
    let Some(account) = account.filter(|_| matches) else {
        tracing::info!(email = %email, ip = %meta.ip, "sign-in failed");
        let mut conn = state.db.acquire().await?;
        Entry::new(None, "login.failed")
            .target(email.as_str())
            .record(&mut conn, meta)
            .await?;
        return Err(wrong_credentials());
    };
    if account.status != "active" {
        return Err(Error::invalid(
            "",
            "This account is deactivated. Contact the platform's support to reopen it.",
        ));
    }
    throttle::succeeded(
        &state.redis,
        email.as_str(),
        meta.device.as_deref(),
        meta.ip,
    )
    .await?;
    let mut tx = state.db.begin().await?;
    // A reset link mailed earlier is no longer needed, and must not outlive the sign-in.
    tokens::revoke(&mut tx, account.id, tokens::Purpose::ResetPassword).await?;
    Entry::new(Some(account.id), "login.succeeded")
        .target(format!("user:{}", account.id))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    sessions::sign_in(&state.db, session, account.id, meta).await?;
    crate::cart::adopt_visitor_cart(&state.db, session, account.id).await?;
    Ok(account.id)
}

/// Ends the session.
pub async fn log_out(state: &AppState, session: &Session, meta: &RequestMeta) -> Result<()> {
    let user = sessions::current_user(&state.db, &state.config, session).await?;
    sessions::sign_out(&state.db, session).await?;
    if let Some(user) = user {
        let mut conn = state.db.acquire().await?;
        Entry::new(Some(user.id), "logout")
            .target(format!("user:{}", user.id))
            .record(&mut conn, meta)
            .await?;
    }
    Ok(())
}
