//! Signing in and out. With two-step sign-in on, a right password only
//! opens the second step: the session remembers whose password it was for
//! five minutes and is signed in once a code passes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::messages;
use super::{
    Email, passkeys, passkeys::Answered, password, sessions, sessions::Session, throttle, tokens,
    two_step, users,
};
use crate::{AppState, Error, Result, audit::Entry, mail::outbox, request::RequestMeta};
use texts::msg;

/// How long a right password waits for its second step.
const SECOND_STEP_MINUTES: i64 = 5;
const SECOND_STEP: &str = "second_step";

/// A sign-in whose password was right, waiting for its second step. It lives
/// under its own session key: nothing that reads the signed-in user sees it.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct PendingSecondStep {
    user_id: i64,
    email: String,
    since: DateTime<Utc>,
}

/// Where a sign-in stands after the password.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignIn {
    /// Signed in, as this user.
    Done(i64),
    /// The password was right; a code must follow ([`pass_second_step`]).
    SecondStep,
}

/// The one answer for an unknown address and a wrong password.
fn wrong_credentials() -> Error {
    Error::invalid("", msg::PROBLEM_LOGIN_WRONG)
}

/// Checks the credentials and, when they hold, starts a signed-in session
/// (with a new session id), or the second step when the account has one.
pub async fn log_in(
    state: &AppState,
    session: &Session,
    meta: &RequestMeta,
    email: &str,
    password_plain: &str,
) -> Result<SignIn> {
    let email = Email::parse(email)?;
    if password_plain.is_empty() {
        return Err(Error::invalid("password", msg::PROBLEM_PASSWORD_REQUIRED));
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
        let lang = users::language_of(&mut *conn, email.as_str()).await?;
        let message = messages::sign_in_slowed(lang, email.as_str(), &config.app_url);
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
        return Err(Error::invalid("", msg::PROBLEM_ACCOUNT_DEACTIVATED));
    }
    throttle::succeeded(
        &state.redis,
        email.as_str(),
        meta.device.as_deref(),
        meta.ip,
    )
    .await?;
    if two_step::status(&state.db, account.id).await?.enabled {
        session
            .insert(
                SECOND_STEP,
                PendingSecondStep {
                    user_id: account.id,
                    email: email.as_str().to_owned(),
                    since: Utc::now(),
                },
            )
            .await?;
        return Ok(SignIn::SecondStep);
    }
    finish(state, session, meta, account.id).await?;
    Ok(SignIn::Done(account.id))
}

/// Whether this session's password was right and its second step is due.
pub async fn second_step_due(session: &Session) -> Result<bool> {
    Ok(pending(session).await?.is_some())
}

async fn pending(session: &Session) -> Result<Option<PendingSecondStep>> {
    let pending = session.get::<PendingSecondStep>(SECOND_STEP).await?;
    Ok(pending.filter(|p| Utc::now() - p.since < chrono::Duration::minutes(SECOND_STEP_MINUTES)))
}

/// The second step: a code from the authenticator app or a recovery code.
/// When it passes, the session is signed in.
pub async fn pass_second_step(
    state: &AppState,
    session: &Session,
    meta: &RequestMeta,
    code: &str,
) -> Result<i64> {
    let Some(pending) = pending(session).await? else {
        session.remove_value(SECOND_STEP).await?;
        return Err(second_step_expired());
    };
    two_step::pass(state, meta, pending.user_id, &pending.email, code).await?;
    finish(state, session, meta, pending.user_id).await?;
    Ok(pending.user_id)
}

/// Starts the second step with one of the account's passkeys: the options
/// for the browser, as JSON.
pub async fn start_passkey_second_step(state: &AppState, session: &Session) -> Result<String> {
    let pending = pending(session).await?.ok_or_else(second_step_expired)?;
    passkeys::start_sign_in(state, session, Some(pending.user_id)).await
}

/// The second step passed with a passkey: the session is signed in.
pub async fn pass_second_step_with_passkey(
    state: &AppState,
    session: &Session,
    meta: &RequestMeta,
    response: &str,
) -> Result<i64> {
    let pending = pending(session).await?.ok_or_else(second_step_expired)?;
    let answered = passkeys::finish_sign_in(state, session, meta, response).await?;
    if answered
        != (Answered::SecondStep {
            user_id: pending.user_id,
        })
    {
        return Err(second_step_expired());
    }
    finish(state, session, meta, pending.user_id).await?;
    Ok(pending.user_id)
}

/// Starts a sign-in by passkey alone: the options for the browser, as JSON.
pub async fn start_passkey_sign_in(state: &AppState, session: &Session) -> Result<String> {
    passkeys::start_sign_in(state, session, None).await
}

/// Signs in with a passkey alone: the authenticator verified its owner
/// (PIN or biometrics), which stands for both steps.
pub async fn log_in_with_passkey(
    state: &AppState,
    session: &Session,
    meta: &RequestMeta,
    response: &str,
) -> Result<i64> {
    let Answered::SignIn { user_id } =
        passkeys::finish_sign_in(state, session, meta, response).await?
    else {
        return Err(second_step_expired());
    };
    finish(state, session, meta, user_id).await?;
    Ok(user_id)
}

fn second_step_expired() -> Error {
    Error::conflict(msg::PROBLEM_REAUTH_EXPIRED)
}

/// Forgets a sign-in waiting for its second step ("use another account").
pub async fn cancel_second_step(session: &Session) -> Result<()> {
    session.remove_value(SECOND_STEP).await?;
    Ok(())
}

/// What every successful sign-in does, after its last step.
async fn finish(
    state: &AppState,
    session: &Session,
    meta: &RequestMeta,
    user_id: i64,
) -> Result<()> {
    // A second step an earlier attempt left waiting is over too.
    session.remove_value(SECOND_STEP).await?;
    let mut tx = state.db.begin().await?;
    // A reset link mailed earlier is no longer needed, and must not outlive the sign-in.
    tokens::revoke(&mut tx, user_id, tokens::Purpose::ResetPassword).await?;
    Entry::new(Some(user_id), "login.succeeded")
        .target(format!("user:{user_id}"))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    sessions::sign_in(&state.db, session, user_id, meta).await?;
    crate::cart::adopt_visitor_cart(&state.db, session, user_id).await?;
    Ok(())
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
