//! One-time tokens for email verification and password reset. The secret is
//! sent by mail; only its SHA-256 hash is stored.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use rand::Rng;
use sha2::{Digest, Sha256};
use sqlx::PgConnection;

use crate::{Error, Result};

/// How long a link or code stays valid.
pub const EXPIRY_MINUTES: i64 = 30;
/// Wrong codes allowed per verification mail before it stops working.
pub const MAX_CODE_ATTEMPTS: i32 = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::VerifyEmail => "verify_email",
            Self::ResetPassword => "reset_password",
        }
    }
}

/// 256 random bits, URL-safe.
fn new_secret() -> String {
    URL_SAFE_NO_PAD.encode(rand::rng().random::<[u8; 32]>())
}

fn new_code() -> String {
    format!("{:06}", rand::rng().random_range(0..1_000_000))
}

fn digest(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

/// The code is only usable together with its token row, which caps guesses.
fn code_digest(token_id: i64, code: &str) -> Vec<u8> {
    digest(&format!("{token_id}:{}", code.trim()))
}

/// What a verification mail carries.
pub struct Issued {
    pub token: String,
    pub code: String,
}

/// Issues a token for `purpose`, ending every unused one of the same purpose
/// (a newer mail always supersedes the older ones).
pub async fn issue(
    conn: &mut PgConnection,
    user_id: i64,
    purpose: Purpose,
    email: Option<&str>,
) -> Result<Issued> {
    revoke(conn, user_id, purpose).await?;
    let token = new_secret();
    let code = new_code();
    let id = sqlx::query_scalar!(
        "INSERT INTO auth_tokens (user_id, purpose, token_hash, email, expires_at)
         VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))
         RETURNING id",
        user_id,
        purpose.as_str(),
        digest(&token),
        email as _,
        EXPIRY_MINUTES as i32,
    )
    .fetch_one(&mut *conn)
    .await?;
    if purpose == Purpose::VerifyEmail {
        sqlx::query!(
            "UPDATE auth_tokens SET code_hash = $2 WHERE id = $1",
            id,
            code_digest(id, &code)
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(Issued { token, code })
}

/// Ends every unused token of `purpose` for the user.
pub async fn revoke(conn: &mut PgConnection, user_id: i64, purpose: Purpose) -> Result<()> {
    sqlx::query!(
        "UPDATE auth_tokens SET used_at = now()
         WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL",
        user_id,
        purpose.as_str()
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A token that was valid and is now used up.
#[derive(Debug)]
pub struct Redeemed {
    pub user_id: i64,
    pub email: Option<String>,
}

fn expired_link() -> Error {
    Error::invalid(
        "token",
        "This link has expired or was already used. Ask for a new one.",
    )
}

/// Uses up the token whose secret is `token`.
pub async fn redeem(conn: &mut PgConnection, purpose: Purpose, token: &str) -> Result<Redeemed> {
    sqlx::query_as!(
        Redeemed,
        r#"UPDATE auth_tokens SET used_at = now()
           WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
           RETURNING user_id, email::text AS email"#,
        digest(token.trim()),
        purpose.as_str()
    )
    .fetch_optional(conn)
    .await?
    .ok_or_else(expired_link)
}

/// The token whose secret is `token` if it could still be redeemed, without
/// using it up.
pub async fn peek(conn: &mut PgConnection, purpose: Purpose, token: &str) -> Result<Redeemed> {
    sqlx::query_as!(
        Redeemed,
        r#"SELECT user_id, email::text AS email FROM auth_tokens
           WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()"#,
        digest(token.trim()),
        purpose.as_str()
    )
    .fetch_optional(conn)
    .await?
    .ok_or_else(expired_link)
}

/// Uses up the live verification token of the account `email` when `code`
/// matches it; each wrong code counts, and the token dies after
/// [`MAX_CODE_ATTEMPTS`].
pub async fn redeem_code(conn: &mut PgConnection, email: &str, code: &str) -> Result<Redeemed> {
    let wrong = || Error::invalid("code", "That code is not right, or it has expired.");
    let code = code.trim();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::invalid(
            "code",
            "Enter the 6-digit code from the email.",
        ));
    }
    let Some(row) = sqlx::query!(
        r#"SELECT t.id, t.code_hash AS "code_hash!", t.attempts
           FROM auth_tokens t
           WHERE t.email = $1 AND t.purpose = 'verify_email'
             AND t.used_at IS NULL AND t.expires_at > now()
           ORDER BY t.id DESC LIMIT 1
           FOR UPDATE"#,
        email as _
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Err(wrong());
    };
    if row.attempts >= MAX_CODE_ATTEMPTS {
        return Err(wrong());
    }
    if row.code_hash != code_digest(row.id, code) {
        sqlx::query!(
            "UPDATE auth_tokens SET attempts = attempts + 1 WHERE id = $1",
            row.id
        )
        .execute(&mut *conn)
        .await?;
        return Err(wrong());
    }
    Ok(sqlx::query_as!(
        Redeemed,
        r#"UPDATE auth_tokens SET used_at = now() WHERE id = $1
           RETURNING user_id, email::text AS email"#,
        row.id
    )
    .fetch_one(conn)
    .await?)
}
