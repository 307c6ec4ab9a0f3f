//! Creating an account and confirming its email address.

use fred::prelude::KeysInterface;
use texts::{Lang, msg};

use super::messages;
use super::{Email, Role, password, throttle, tokens, tokens::Purpose, users};
use crate::{
    AppState, Error, Problems, Result, UniqueRefusal, audit::Entry, mail::outbox,
    request::RequestMeta,
};

/// Wrong codes one address may receive in an hour.
const MAX_CODE_FAILURES_PER_HOUR: i64 = 20;

/// What a person types on the registration form.
#[derive(Clone, Debug, Default)]
pub struct Registration {
    pub email: String,
    pub password: String,
    pub name: String,
}

/// Creates an unverified customer account and mails a verification link
/// and code. A taken address gets the same answer (no enumeration) and its
/// owner a mail saying someone tried to register. Returns the address.
pub async fn register(state: &AppState, meta: &RequestMeta, input: &Registration) -> Result<Email> {
    let mut problems = Problems::default();
    let email = problems.check(Email::parse(&input.email))?;
    let name = users::check_name(&mut problems, &input.name);
    let email_text = email.as_ref().map(Email::as_str).unwrap_or_default();
    problems.check(password::check_new(&input.password, email_text))?;
    problems.finish()?;
    let email = email.expect("no problems means the address parsed");

    // Hashed whether or not the address is taken, so both answers take as long.
    let password_hash = password::hash_blocking(&input.password).await?;
    let app_url = &state.config.app_url;
    let mut tx = state.db.begin().await?;
    let created = sqlx::query_scalar!(
        "INSERT INTO users (email, name, password_hash, language) VALUES ($1, $2, $3, $4)
         ON CONFLICT (email) DO NOTHING RETURNING id",
        email.as_str() as _,
        name,
        password_hash,
        meta.lang.code(),
    )
    .fetch_optional(&mut *tx)
    .await?;
    match created {
        Some(user_id) => {
            users::grant_role(&mut tx, user_id, Role::Customer).await?;
            let issued =
                tokens::issue(&mut tx, user_id, Purpose::VerifyEmail, Some(email.as_str())).await?;
            let message = messages::verify_email(
                meta.lang,
                email.as_str(),
                &name,
                app_url,
                &issued.token,
                &issued.code,
            );
            outbox::enqueue(&mut tx, &message).await?;
            Entry::new(Some(user_id), "account.registered")
                .target(format!("user:{user_id}"))
                .record(&mut tx, meta)
                .await?;
        }
        None => {
            let lang = users::language_of(&mut *tx, email.as_str()).await?;
            outbox::enqueue(
                &mut tx,
                &messages::registration_attempt(lang, email.as_str(), app_url),
            )
            .await?;
            Entry::new(None, "account.registration_for_taken_email")
                .target(email.as_str())
                .record(&mut tx, meta)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(email)
}

/// Confirms the address the link was sent to. Returns the user's id.
pub async fn verify_link(state: &AppState, meta: &RequestMeta, token: &str) -> Result<i64> {
    let mut tx = state.db.begin().await?;
    let redeemed = tokens::redeem(&mut tx, Purpose::VerifyEmail, token).await?;
    let user_id = confirm(&mut tx, meta, redeemed).await?;
    tx.commit().await?;
    Ok(user_id)
}

/// Confirms `email` with the code from the mail. Wrong codes are counted even
/// though the answer is an error.
pub async fn verify_code(
    state: &AppState,
    meta: &RequestMeta,
    email: &str,
    code: &str,
) -> Result<i64> {
    let email = Email::parse(email)?;
    // Wrong codes also count per address, whatever token they were tried on,
    // so asking for new codes again and again gives no more guesses.
    let failures_key = format!("bazaar:verify-code-failures:{email}");
    let failures: Option<i64> = state.redis.next().get(&failures_key).await?;
    if failures.unwrap_or(0) >= MAX_CODE_FAILURES_PER_HOUR {
        let ttl: i64 = state.redis.next().ttl(&failures_key).await?;
        return Err(Error::TooManyRequests {
            retry_after_secs: ttl.max(1) as u64,
        });
    }
    let mut tx = state.db.begin().await?;
    match tokens::redeem_code(&mut tx, email.as_str(), code).await {
        Ok(redeemed) => {
            let user_id = confirm(&mut tx, meta, redeemed).await?;
            tx.commit().await?;
            Ok(user_id)
        }
        Err(error) => {
            tx.commit().await?;
            if matches!(error, Error::Invalid(_)) {
                let client = state.redis.next();
                let _: i64 = client.incr(&failures_key).await?;
                let _: () = client
                    .expire(&failures_key, 3600, Some(fred::types::ExpireOptions::NX))
                    .await?;
            }
            Err(error)
        }
    }
}

/// Marks the token's address verified, switching the account to it when it
/// is a new address (an email change).
async fn confirm(
    tx: &mut sqlx::PgConnection,
    meta: &RequestMeta,
    redeemed: tokens::Redeemed,
) -> Result<i64> {
    let user_id = redeemed.user_id;
    let new_email = redeemed.email.unwrap_or_default();
    let old_email = sqlx::query_scalar!(
        r#"SELECT email::text AS "email!" FROM users WHERE id = $1 AND status = 'active'"#,
        user_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| Error::invalid("", msg::PROBLEM_ACCOUNT_INACTIVE))?;
    let changed = !old_email.eq_ignore_ascii_case(&new_email);
    let updated = sqlx::query!(
        "UPDATE users SET email = $2, email_verified_at = now(), updated_at = now() WHERE id = $1",
        user_id,
        new_email as _,
    )
    .execute(&mut *tx)
    .await;
    updated.when_taken(|| Error::conflict(msg::PROBLEM_EMAIL_TAKEN_MEANWHILE))?;
    if changed {
        // A reset link mailed to the old address must not outlive it.
        tokens::revoke(tx, user_id, Purpose::ResetPassword).await?;
        let lang = users::language_of(&mut *tx, &new_email).await?;
        outbox::enqueue(tx, &messages::email_changed(lang, &old_email, &new_email)).await?;
    }
    Entry::new(
        Some(user_id),
        if changed {
            "account.email_changed"
        } else {
            "account.email_verified"
        },
    )
    .target(format!("user:{user_id}"))
    .metadata(serde_json::json!({ "email": new_email }))
    .record(tx, meta)
    .await?;
    Ok(user_id)
}

/// Sends a new verification mail to an unverified account, at most once a
/// minute per address. Answers the same whether the account exists or not.
pub async fn resend(state: &AppState, meta: &RequestMeta, email: &str) -> Result<()> {
    let email = Email::parse(email)?;
    if !throttle::first_in_a_while(&state.redis, "verify-resend", email.as_str()).await? {
        return Err(Error::TooManyRequests {
            retry_after_secs: throttle::COOLDOWN_SECS as u64,
        });
    }
    let mut tx = state.db.begin().await?;
    let user = sqlx::query!(
        "SELECT id, name, language FROM users
         WHERE email = $1 AND status = 'active' AND email_verified_at IS NULL",
        email.as_str() as _
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(user) = user {
        let issued =
            tokens::issue(&mut tx, user.id, Purpose::VerifyEmail, Some(email.as_str())).await?;
        let message = messages::verify_email(
            Lang::stored(&user.language),
            email.as_str(),
            &user.name,
            &state.config.app_url,
            &issued.token,
            &issued.code,
        );
        outbox::enqueue(&mut tx, &message).await?;
        Entry::new(Some(user.id), "account.verification_resent")
            .target(format!("user:{}", user.id))
            .record(&mut tx, meta)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}
