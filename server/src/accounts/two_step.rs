//! Two-step sign-in: after the password, a code from an authenticator app
//! (TOTP, RFC 6238: HMAC-SHA1, six digits, 30-second steps, one step either
//! side accepted for clocks that drift) or one of ten single-use recovery
//! codes.
//!
//! The app's shared secret is sealed with `SECRETS_KEY` before it is stored
//! and only counts once the person has typed a first valid code from it. A
//! code is refused a second time within its window (the step of the last
//! accepted code is kept). Wrong codes are counted per account like wrong
//! passwords (five free, then growing waits) and audited.

use qrcode::{QrCode, render::svg};
use rand::{Rng, seq::IndexedRandom};
use sqlx::PgConnection;
use subtle::ConstantTimeEq;
use totp_rs::{Algorithm, TOTP};

use super::{AuthUser, messages, profile::confirm_password, sessions, throttle, users};
use crate::{AppState, Error, Result, audit::Entry, mail::outbox, request::RequestMeta};
use texts::msg;

const DIGITS: usize = 6;
const STEP_SECS: u64 = 30;
/// Steps accepted either side of the current one.
const SKEW: u8 = 1;
const SECRET_BYTES: usize = 20;
pub const RECOVERY_CODES: usize = 10;
/// Letters and digits that cannot be mistaken for one another.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
const ISSUER: &str = "Bazaar";

/// What the set-up page shows: the secret as text, the `otpauth://` address
/// an app reads, and that address as a QR code (an SVG document).
#[derive(Clone, Debug)]
pub struct Setup {
    pub secret: String,
    pub otpauth_url: String,
    pub qr_svg: String,
}

/// Whether an account has a second step, and how many recovery codes it
/// has left.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    /// Any second step: the authenticator app or a passkey.
    pub enabled: bool,
    /// The authenticator app is set up and switched on.
    pub authenticator_app: bool,
    pub recovery_codes_left: i64,
}

/// How a second step was passed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Passed {
    AuthenticatorCode,
    RecoveryCode { left: i64 },
}

/// An audit entry of `action` by the account on itself.
fn own_entry(user_id: i64, action: &str) -> Entry<'_> {
    Entry::new(Some(user_id), action).target(format!("user:{user_id}"))
}

/// A recovery code's stored digest, from its letters without the dash.
fn recovery_digest(state: &AppState, letters: &str) -> Vec<u8> {
    state.config.secrets_key.digest("recovery-code", letters)
}

fn sealed_for(user_id: i64) -> String {
    format!("totp:{user_id}")
}

fn totp(secret: Vec<u8>, email: &str) -> Result<TOTP> {
    TOTP::new(
        Algorithm::SHA1,
        DIGITS,
        SKEW,
        STEP_SECS,
        secret,
        Some(ISSUER.into()),
        email.into(),
    )
    .map_err(Error::internal)
}

fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}

/// The step of `code` among the steps around `now`, compared in constant
/// time; `None` when it is none of them.
fn matching_step(totp: &TOTP, code: &str, now: u64) -> Option<i64> {
    let current = now / STEP_SECS;
    (current.saturating_sub(u64::from(SKEW))..=current + u64::from(SKEW)).find_map(|step| {
        let expected = totp.generate(step * STEP_SECS);
        bool::from(expected.as_bytes().ct_eq(code.as_bytes())).then_some(step as i64)
    })
}

/// A code as typed, without spaces or dashes, in lower case.
fn normalised(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

fn wrong_code() -> Error {
    Error::invalid("code", msg::PROBLEM_TWO_STEP_CODE)
}

pub async fn status(db: &sqlx::PgPool, user_id: i64) -> Result<Status> {
    let row = sqlx::query!(
        r#"SELECT has_second_step($1) AS "enabled!",
                  EXISTS (SELECT 1 FROM user_totp WHERE user_id = $1 AND enabled_at IS NOT NULL)
                      AS "authenticator_app!",
                  (SELECT count(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL) AS "left!""#,
        user_id
    )
    .fetch_one(db)
    .await?;
    Ok(Status {
        enabled: row.enabled,
        authenticator_app: row.authenticator_app,
        recovery_codes_left: row.left,
    })
}

/// The secret being set up for `user`: the one from an earlier visit to the
/// set-up page while it is not confirmed, else a new one.
pub async fn setup(state: &AppState, user: &AuthUser) -> Result<Setup> {
    let key = &state.config.secrets_key;
    let existing = sqlx::query!(
        "SELECT sealed_secret, enabled_at IS NOT NULL AS \"enabled!\" FROM user_totp WHERE user_id = $1",
        user.id
    )
    .fetch_optional(&state.db)
    .await?;
    let secret = match existing {
        Some(row) if row.enabled => {
            return Err(Error::conflict(msg::PROBLEM_TWO_STEP_ALREADY_ON));
        }
        Some(row) => key.open(&sealed_for(user.id), &row.sealed_secret)?,
        None => {
            let secret = rand::rng().random::<[u8; SECRET_BYTES]>().to_vec();
            let sealed = key.seal(&sealed_for(user.id), &secret)?;
            sqlx::query!(
                "INSERT INTO user_totp (user_id, sealed_secret) VALUES ($1, $2)
                 ON CONFLICT (user_id) DO NOTHING",
                user.id,
                sealed
            )
            .execute(&state.db)
            .await?;
            // Two first visits at once: the stored secret wins.
            let stored = sqlx::query_scalar!(
                "SELECT sealed_secret FROM user_totp WHERE user_id = $1",
                user.id
            )
            .fetch_one(&state.db)
            .await?;
            key.open(&sealed_for(user.id), &stored)?
        }
    };
    let totp = totp(secret, &user.email)?;
    let otpauth_url = totp.get_url();
    let qr_svg = QrCode::new(otpauth_url.as_bytes())
        .map_err(Error::internal)?
        .render::<svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    Ok(Setup {
        secret: totp.get_secret_base32(),
        otpauth_url,
        qr_svg,
    })
}

/// Counts an attempt at a code for the account of `email`, refusing it
/// while the account waits after too many wrong ones.
async fn begin_attempt(state: &AppState, meta: &RequestMeta, email: &str) -> Result<String> {
    let counter = format!("two-step:{email}");
    throttle::begin_attempt(
        &state.redis,
        &counter,
        None,
        meta.ip,
        state.config.login_failures_per_ip,
    )
    .await?;
    Ok(counter)
}

/// Checks `code` against the secret of `user_id` and marks its step used;
/// `Ok(false)` when it is wrong or was used already.
async fn accept_code(
    conn: &mut PgConnection,
    state: &AppState,
    user_id: i64,
    email: &str,
    code: &str,
    must_be_enabled: bool,
) -> Result<bool> {
    let Some(row) = sqlx::query!(
        "SELECT sealed_secret, enabled_at IS NOT NULL AS \"enabled!\" FROM user_totp WHERE user_id = $1 FOR UPDATE",
        user_id
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(false);
    };
    if row.enabled != must_be_enabled {
        return Ok(false);
    }
    let secret = state
        .config
        .secrets_key
        .open(&sealed_for(user_id), &row.sealed_secret)?;
    let Some(step) = matching_step(&totp(secret, email)?, code, now_secs()) else {
        return Ok(false);
    };
    let fresh = sqlx::query!(
        "UPDATE user_totp SET last_used_step = $2
         WHERE user_id = $1 AND (last_used_step IS NULL OR last_used_step < $2)",
        user_id,
        step
    )
    .execute(&mut *conn)
    .await?;
    Ok(fresh.rows_affected() == 1)
}

/// New recovery codes for `user_id` in place of the old ones, as the person
/// is shown them (`xxxxx-xxxxx`).
async fn replace_recovery_codes(
    conn: &mut PgConnection,
    state: &AppState,
    user_id: i64,
) -> Result<Vec<String>> {
    sqlx::query!("DELETE FROM recovery_codes WHERE user_id = $1", user_id)
        .execute(&mut *conn)
        .await?;
    let letters: Vec<String> = {
        let mut rng = rand::rng();
        (0..RECOVERY_CODES)
            .map(|_| {
                (0..10)
                    .map(|_| {
                        *RECOVERY_ALPHABET
                            .choose(&mut rng)
                            .expect("a non-empty alphabet") as char
                    })
                    .collect()
            })
            .collect()
    };
    let mut codes = Vec::with_capacity(RECOVERY_CODES);
    for letters in letters {
        let digest = recovery_digest(state, &letters);
        sqlx::query!(
            "INSERT INTO recovery_codes (user_id, digest) VALUES ($1, $2)",
            user_id,
            digest
        )
        .execute(&mut *conn)
        .await?;
        codes.push(format!("{}-{}", &letters[..5], &letters[5..]));
    }
    Ok(codes)
}

/// Turns two-step sign-in on, with the password, once `code` comes from
/// the secret being set up; answers the recovery codes, which are shown
/// this once.
pub async fn enable(
    state: &AppState,
    meta: &RequestMeta,
    user: &AuthUser,
    password: &str,
    code: &str,
) -> Result<Vec<String>> {
    confirm_password(state, user, password).await?;
    let counter = begin_attempt(state, meta, &user.email).await?;
    let code = normalised(code);
    let mut tx = state.db.begin().await?;
    if !accept_code(&mut tx, state, user.id, &user.email, &code, false).await? {
        drop(tx);
        own_entry(user.id, "two_step.code_refused")
            .record(&mut *state.db.acquire().await?, meta)
            .await?;
        return Err(Error::invalid("code", msg::PROBLEM_TWO_STEP_SETUP_CODE));
    }
    sqlx::query!(
        "UPDATE user_totp SET enabled_at = now() WHERE user_id = $1",
        user.id
    )
    .execute(&mut *tx)
    .await?;
    let codes = replace_recovery_codes(&mut tx, state, user.id).await?;
    let lang = users::language_of(&mut *tx, &user.email).await?;
    outbox::enqueue(
        &mut tx,
        &messages::two_step_changed(lang, &user.email, &state.config.app_url, true),
    )
    .await?;
    own_entry(user.id, "two_step.enabled")
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    throttle::succeeded(&state.redis, &counter, None, meta.ip).await?;
    Ok(codes)
}

/// The second step of a sign-in for `user_id`, whose password was right:
/// a code from the app, or an unused recovery code (the owner is told).
pub async fn pass(
    state: &AppState,
    meta: &RequestMeta,
    user_id: i64,
    email: &str,
    code: &str,
) -> Result<Passed> {
    let counter = begin_attempt(state, meta, email).await?;
    let code = normalised(code);
    let mut tx = state.db.begin().await?;
    let passed = if code.len() == DIGITS && code.bytes().all(|b| b.is_ascii_digit()) {
        accept_code(&mut tx, state, user_id, email, &code, true)
            .await?
            .then_some(Passed::AuthenticatorCode)
    } else {
        let digest = recovery_digest(state, &code);
        let used = sqlx::query!(
            "UPDATE recovery_codes SET used_at = now()
             WHERE user_id = $1 AND digest = $2 AND used_at IS NULL",
            user_id,
            digest
        )
        .execute(&mut *tx)
        .await?;
        if used.rows_affected() == 1 {
            let left = sqlx::query_scalar!(
                r#"SELECT count(*) AS "left!" FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL"#,
                user_id
            )
            .fetch_one(&mut *tx)
            .await?;
            let lang = users::language_of(&mut *tx, email).await?;
            outbox::enqueue(
                &mut tx,
                &messages::recovery_code_used(lang, email, &state.config.app_url, left),
            )
            .await?;
            Some(Passed::RecoveryCode { left })
        } else {
            None
        }
    };
    let (action, outcome) = match passed {
        Some(Passed::AuthenticatorCode) => ("two_step.passed", Ok(Passed::AuthenticatorCode)),
        Some(recovery @ Passed::RecoveryCode { .. }) => {
            ("two_step.recovery_code_used", Ok(recovery))
        }
        None => ("two_step.code_refused", Err(wrong_code())),
    };
    own_entry(user_id, action).record(&mut tx, meta).await?;
    tx.commit().await?;
    if outcome.is_ok() {
        throttle::succeeded(&state.redis, &counter, None, meta.ip).await?;
    }
    outcome
}

/// New recovery codes in place of the old ones, with the password.
pub async fn regenerate_recovery_codes(
    state: &AppState,
    meta: &RequestMeta,
    user: &AuthUser,
    password: &str,
) -> Result<Vec<String>> {
    confirm_password(state, user, password).await?;
    if !status(&state.db, user.id).await?.enabled {
        return Err(Error::conflict(msg::PROBLEM_TWO_STEP_OFF));
    }
    let mut tx = state.db.begin().await?;
    let codes = replace_recovery_codes(&mut tx, state, user.id).await?;
    own_entry(user.id, "two_step.recovery_codes_replaced")
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(codes)
}

/// Turns two-step sign-in off, with the password: the app's secret and the
/// recovery codes are forgotten, and every other session ends.
pub async fn disable(
    state: &AppState,
    meta: &RequestMeta,
    user: &AuthUser,
    password: &str,
) -> Result<()> {
    confirm_password(state, user, password).await?;
    let mut tx = state.db.begin().await?;
    forget(&mut tx, user.id).await?;
    sessions::end_others(&mut tx, user.id, Some(user.session_id)).await?;
    let lang = users::language_of(&mut *tx, &user.email).await?;
    outbox::enqueue(
        &mut tx,
        &messages::two_step_changed(lang, &user.email, &state.config.app_url, false),
    )
    .await?;
    own_entry(user.id, "two_step.disabled")
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Turns two-step sign-in off for a person who lost both their app and
/// their recovery codes, at a platform admin's hand: every session of theirs
/// ends and they are told by mail. Admins turn their own off on their
/// security page, with their password.
pub async fn reset_by_admin(
    state: &AppState,
    meta: &RequestMeta,
    admin: i64,
    user_id: i64,
) -> Result<()> {
    if admin == user_id {
        return Err(Error::conflict(msg::PROBLEM_TWO_STEP_OWN));
    }
    let mut tx = state.db.begin().await?;
    let email = sqlx::query_scalar!(
        r#"SELECT email::text AS "email!" FROM users WHERE id = $1 AND status <> 'deleted' FOR UPDATE"#,
        user_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(Error::NotFound)?;
    if !forget(&mut tx, user_id).await? {
        return Err(Error::conflict(msg::PROBLEM_TWO_STEP_NONE));
    }
    sessions::end_others(&mut tx, user_id, None).await?;
    let lang = users::language_of(&mut *tx, &email).await?;
    outbox::enqueue(
        &mut tx,
        &messages::two_step_reset(lang, &email, &state.config.app_url),
    )
    .await?;
    Entry::new(Some(admin), "two_step.reset")
        .target(format!("user:{user_id}"))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Removes the account's authenticator secret, recovery codes and passkeys;
/// whether it had a second step.
async fn forget(conn: &mut PgConnection, user_id: i64) -> Result<bool> {
    let removed = sqlx::query!("DELETE FROM user_totp WHERE user_id = $1", user_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query!("DELETE FROM recovery_codes WHERE user_id = $1", user_id)
        .execute(&mut *conn)
        .await?;
    let passkeys = sqlx::query!("DELETE FROM passkeys WHERE user_id = $1", user_id)
        .execute(&mut *conn)
        .await?;
    Ok(removed.rows_affected() + passkeys.rows_affected() > 0)
}

/// Turns two-step sign-in on with a known authenticator key (base32), for
/// the demo's accounts: it replaces a secret still being set up; an account
/// whose two-step sign-in is on keeps its own.
pub async fn enrol_with_key(
    db: &sqlx::PgPool,
    key: &crate::secrets::SecretsKey,
    user_id: i64,
    secret_base32: &str,
) -> Result<()> {
    let secret = totp_rs::Secret::Encoded(secret_base32.to_owned())
        .to_bytes()
        .map_err(|error| Error::internal(format!("{error:?}")))?;
    let sealed = key.seal(&sealed_for(user_id), &secret)?;
    sqlx::query!(
        "INSERT INTO user_totp (user_id, sealed_secret, enabled_at) VALUES ($1, $2, now())
         ON CONFLICT (user_id) DO UPDATE SET sealed_secret = EXCLUDED.sealed_secret, enabled_at = now()
         WHERE user_totp.enabled_at IS NULL",
        user_id,
        sealed
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The current code of a secret, for tests and the demo's printed secret.
pub fn current_code(secret_base32: &str, at_secs: u64) -> Option<String> {
    let secret = totp_rs::Secret::Encoded(secret_base32.to_owned())
        .to_bytes()
        .ok()?;
    Some(totp(secret, "").ok()?.generate(at_secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(secret: &[u8]) -> TOTP {
        totp(secret.to_vec(), "someone@example.com").unwrap()
    }

    #[test]
    fn codes_of_the_rfc_6238_sha1_vectors() {
        // RFC 6238, appendix B, truncated to six digits.
        let totp = app(b"12345678901234567890");
        assert_eq!(totp.generate(59), "287082");
        assert_eq!(totp.generate(1_111_111_109), "081804");
        assert_eq!(totp.generate(2_000_000_000), "279037");
    }

    #[test]
    fn one_step_either_side_is_accepted_and_no_further() {
        let totp = app(b"12345678901234567890");
        let now = 1_111_111_109;
        let step = (now / STEP_SECS) as i64;
        for (offset, expected) in [
            (-30i64, Some(step - 1)),
            (0, Some(step)),
            (30, Some(step + 1)),
        ] {
            let code = totp.generate((now as i64 + offset) as u64);
            assert_eq!(matching_step(&totp, &code, now), expected, "{offset}");
        }
        for offset in [-60i64, 60] {
            let code = totp.generate((now as i64 + offset) as u64);
            assert_eq!(matching_step(&totp, &code, now), None, "{offset}");
        }
    }

    #[test]
    fn typed_codes_lose_spaces_dashes_and_case() {
        assert_eq!(normalised(" 123 456 "), "123456");
        assert_eq!(normalised("ABCDE-fghjk"), "abcdefghjk");
    }

    #[test]
    fn the_current_code_reads_a_base32_secret() {
        // "12345678901234567890" in base32.
        let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        assert_eq!(current_code(secret, 59).as_deref(), Some("287082"));
    }
}
