//! Forgotten passwords: a mailed single-use link to choose a new one.

use super::messages;
use super::{Email, password, sessions, throttle, tokens, tokens::Purpose, users};
use crate::{AppState, Result, audit::Entry, mail::outbox, request::RequestMeta};

/// Mails a reset link when an active account has this address. The answer
/// is the same either way; repeated asks within a minute send nothing more.
///
/// Looking the address up and writing the mail happen after the answer, so
/// its timing cannot tell a registered address from an unknown one.
pub async fn request_reset(state: &AppState, meta: &RequestMeta, email: &str) -> Result<Sending> {
    let email = Email::parse(email)?;
    if !throttle::first_in_a_while(&state.redis, "reset-request", email.as_str()).await? {
        return Ok(Sending(tokio::spawn(async {})));
    }
    let (state, meta) = (state.clone(), meta.clone());
    Ok(Sending(tokio::spawn(async move {
        if let Err(error) = mail_reset_link(&state, &meta, &email).await {
            tracing::error!(%error, "a password reset link could not be prepared");
        }
    })))
}

/// The reset link of a request, being prepared after the answer.
#[must_use = "dropping it lets the link go out on its own"]
pub struct Sending(tokio::task::JoinHandle<()>);

impl Sending {
    /// Waits until the link is in the outbox (or the address was unknown).
    pub async fn finished(self) {
        let _ = self.0.await;
    }
}

async fn mail_reset_link(state: &AppState, meta: &RequestMeta, email: &Email) -> Result<()> {
    let mut tx = state.db.begin().await?;
    let user_id = sqlx::query_scalar!(
        "SELECT id FROM users WHERE email = $1 AND status = 'active'",
        email.as_str() as _
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(user_id) = user_id {
        let issued = tokens::issue(&mut tx, user_id, Purpose::ResetPassword, None).await?;
        let lang = users::language_of(&mut *tx, email.as_str()).await?;
        let message =
            messages::password_reset(lang, email.as_str(), &state.config.app_url, &issued.token);
        outbox::enqueue(&mut tx, &message).await?;
        Entry::new(Some(user_id), "password.reset_requested")
            .target(format!("user:{user_id}"))
            .record(&mut tx, meta)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Whether a reset link can still be used, for the page that asks for the
/// new password.
pub async fn check_link(state: &AppState, token: &str) -> Result<()> {
    let mut conn = state.db.acquire().await?;
    tokens::peek(&mut conn, Purpose::ResetPassword, token)
        .await
        .map(drop)
}

/// Sets the new password, ends every session of the account and mails a
/// notice. The link is used up only when the new password is accepted.
pub async fn reset(
    state: &AppState,
    meta: &RequestMeta,
    token: &str,
    new_password: &str,
) -> Result<()> {
    let mut conn = state.db.acquire().await?;
    let pending = tokens::peek(&mut conn, Purpose::ResetPassword, token).await?;
    drop(conn);
    let email: String = sqlx::query_scalar!(
        r#"SELECT email::text AS "email!" FROM users WHERE id = $1"#,
        pending.user_id
    )
    .fetch_one(&state.db)
    .await?;
    password::check_new(new_password, &email)?;
    let password_hash = password::hash_blocking(new_password).await?;

    let mut tx = state.db.begin().await?;
    let redeemed = tokens::redeem(&mut tx, Purpose::ResetPassword, token).await?;
    sqlx::query!(
        "UPDATE users SET password_hash = $2, auth_epoch = auth_epoch + 1, updated_at = now() WHERE id = $1",
        redeemed.user_id,
        password_hash
    )
    .execute(&mut *tx)
    .await?;
    sessions::end_others(&mut tx, redeemed.user_id, None).await?;
    let lang = users::language_of(&mut *tx, &email).await?;
    outbox::enqueue(
        &mut tx,
        &messages::password_changed(lang, &email, &state.config.app_url),
    )
    .await?;
    Entry::new(Some(redeemed.user_id), "password.reset")
        .target(format!("user:{}", redeemed.user_id))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(())
}
