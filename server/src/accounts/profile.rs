//! What signed-in people change about their own account.

use super::messages;
use super::{
    Email, password, sessions, sessions::AuthUser, sessions::Session, throttle, tokens,
    tokens::Purpose, users,
};
use crate::{AppState, Error, Problems, Result, audit::Entry, mail::outbox, request::RequestMeta};
use texts::msg;

/// Refuses a sensitive change unless `current` is the account's password.
pub(crate) async fn confirm_password(
    state: &AppState,
    user: &AuthUser,
    current: &str,
) -> Result<()> {
    let stored = users::password_hash(&state.db, user.id).await?;
    if password::verify_blocking(current, Some(stored)).await? {
        Ok(())
    } else {
        Err(Error::invalid(
            "current_password",
            msg::PROBLEM_PASSWORD_CURRENT,
        ))
    }
}

pub async fn rename(
    state: &AppState,
    meta: &RequestMeta,
    user: &AuthUser,
    name: &str,
) -> Result<()> {
    let mut problems = Problems::default();
    let name = users::check_name(&mut problems, name);
    problems.finish()?;
    let mut tx = state.db.begin().await?;
    sqlx::query!(
        "UPDATE users SET name = $2, updated_at = now() WHERE id = $1",
        user.id,
        name
    )
    .execute(&mut *tx)
    .await?;
    Entry::new(Some(user.id), "account.renamed")
        .target(format!("user:{}", user.id))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Mails a verification link and code to the new address and a notice to
/// the current one; the account switches once the new address is confirmed.
pub async fn request_email_change(
    state: &AppState,
    meta: &RequestMeta,
    user: &AuthUser,
    new_email: &str,
    current_password: &str,
) -> Result<Email> {
    let mut problems = Problems::default();
    let new_email = problems.check(Email::parse(new_email))?;
    if new_email.as_ref().is_some_and(|e| e.as_str() == user.email) {
        problems.add("new_email", msg::PROBLEM_EMAIL_SAME);
    }
    problems
        .finish()
        .map_err(|error| rename_field(error, "email", "new_email"))?;
    let new_email = new_email.expect("no problems means the address parsed");
    confirm_password(state, user, current_password).await?;
    if !throttle::first_in_a_while(&state.redis, "email-change", &user.id.to_string()).await? {
        return Err(Error::TooManyRequests {
            retry_after_secs: throttle::COOLDOWN_SECS as u64,
        });
    }

    let mut tx = state.db.begin().await?;
    let issued = tokens::issue(
        &mut tx,
        user.id,
        Purpose::VerifyEmail,
        Some(new_email.as_str()),
    )
    .await?;
    let lang = users::language_of(&mut *tx, &user.email).await?;
    let verify = messages::verify_email(
        lang,
        new_email.as_str(),
        &user.name,
        &state.config.app_url,
        &issued.token,
        &issued.code,
    );
    outbox::enqueue(&mut tx, &verify).await?;
    outbox::enqueue(
        &mut tx,
        &messages::email_change_notice(lang, &user.email, new_email.as_str()),
    )
    .await?;
    Entry::new(Some(user.id), "account.email_change_requested")
        .target(format!("user:{}", user.id))
        .metadata(serde_json::json!({ "new_email": new_email.as_str() }))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(new_email)
}

fn rename_field(error: Error, from: &'static str, to: &'static str) -> Error {
    match error {
        Error::Invalid(mut problems) => {
            for problem in &mut problems {
                if problem.field == from {
                    problem.field = to.into();
                }
            }
            Error::Invalid(problems)
        }
        other => other,
    }
}

/// Changes the password; every other session ends, this one goes on with a
/// new id.
pub async fn change_password(
    state: &AppState,
    session: &Session,
    meta: &RequestMeta,
    user: &AuthUser,
    current: &str,
    new_password: &str,
) -> Result<()> {
    confirm_password(state, user, current).await?;
    password::check_new(new_password, &user.email)
        .map_err(|error| rename_field(error, "password", "new_password"))?;
    if current == new_password {
        return Err(Error::invalid("new_password", msg::PROBLEM_PASSWORD_SAME));
    }
    let password_hash = password::hash_blocking(new_password).await?;
    let mut tx = state.db.begin().await?;
    sqlx::query!(
        "UPDATE users SET password_hash = $2, auth_epoch = auth_epoch + 1, updated_at = now() WHERE id = $1",
        user.id,
        password_hash
    )
    .execute(&mut *tx)
    .await?;
    sessions::end_others(&mut tx, user.id, None).await?;
    let lang = users::language_of(&mut *tx, &user.email).await?;
    outbox::enqueue(
        &mut tx,
        &messages::password_changed(lang, &user.email, &state.config.app_url),
    )
    .await?;
    Entry::new(Some(user.id), "password.changed")
        .target(format!("user:{}", user.id))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    sessions::sign_in(&state.db, session, user.id, meta).await
}

/// Closes the account until an admin reopens it; every session ends.
pub async fn deactivate(
    state: &AppState,
    session: &Session,
    meta: &RequestMeta,
    user: &AuthUser,
    current: &str,
) -> Result<()> {
    confirm_password(state, user, current).await?;
    let mut tx = state.db.begin().await?;
    sqlx::query!(
        "UPDATE users SET status = 'deactivated', auth_epoch = auth_epoch + 1, updated_at = now() WHERE id = $1",
        user.id
    )
    .execute(&mut *tx)
    .await?;
    sessions::end_others(&mut tx, user.id, None).await?;
    let lang = users::language_of(&mut *tx, &user.email).await?;
    outbox::enqueue(&mut tx, &messages::account_deactivated(lang, &user.email)).await?;
    Entry::new(Some(user.id), "account.deactivated")
        .target(format!("user:{}", user.id))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    session.flush().await?;
    Ok(())
}

/// Erases the person's data: the row stays (orders refer to it) with the
/// address, name and password replaced; roles, tokens, mail to them and the
/// network details of their sessions and audit entries go; every session
/// ends. Refused while they own a store.
pub async fn delete(
    state: &AppState,
    session: &Session,
    meta: &RequestMeta,
    user: &AuthUser,
    current: &str,
) -> Result<()> {
    confirm_password(state, user, current).await?;
    if user.stores.iter().any(|store| store.role == "owner") {
        return Err(Error::conflict(msg::PROBLEM_OWNER_CANNOT_DELETE));
    }
    let mut tx = state.db.begin().await?;
    sqlx::query!(
        "UPDATE users
         SET email = 'deleted-' || id || '@deleted.invalid', name = '', password_hash = '!',
             email_verified_at = NULL, status = 'deleted', auth_epoch = auth_epoch + 1, updated_at = now()
         WHERE id = $1",
        user.id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!("DELETE FROM user_roles WHERE user_id = $1", user.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query!("DELETE FROM store_members WHERE user_id = $1", user.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query!("DELETE FROM auth_tokens WHERE user_id = $1", user.id)
        .execute(&mut *tx)
        .await?;
    sessions::end_others(&mut tx, user.id, None).await?;
    sqlx::query!(
        "UPDATE user_sessions SET ip = NULL, user_agent = NULL WHERE user_id = $1",
        user.id
    )
    .execute(&mut *tx)
    .await?;
    // Mail to the address (with the name in it) goes too, sent or not.
    sqlx::query!("DELETE FROM email_outbox WHERE to_address = $1", user.email)
        .execute(&mut *tx)
        .await?;
    // The audit log keeps what happened, not who the person was.
    sqlx::query!(
        "UPDATE audit_log SET ip = NULL, user_agent = NULL,
             metadata = metadata - 'email' - 'new_email',
             target = CASE WHEN lower(target) = lower($2) THEN 'user:' || $1 ELSE target END
         WHERE actor_user_id = $1 OR lower(target) = lower($2)",
        user.id,
        user.email
    )
    .execute(&mut *tx)
    .await?;
    Entry::new(Some(user.id), "account.deleted")
        .target(format!("user:{}", user.id))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    session.flush().await?;
    Ok(())
}
