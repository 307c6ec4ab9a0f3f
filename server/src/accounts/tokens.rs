//! One-time tokens for email verification and password reset. The secret is
//! sent by mail; only its SHA-256 hash is stored.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use rand::Rng;
use sha2::{Digest, Sha256};
use sqlx::PgConnection;

use crate::{Error, Result};
use texts::msg;

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

/// Salted with its token's hash, so equal codes never hash alike.
fn code_digest(token_hash: &[u8], code: &str) -> Vec<u8> {
    let mut hasher = Sha256::new();
    hasher.update(token_hash);
    hasher.update(code.trim().as_bytes());
    hasher.finalize().to_vec()
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
    let token_hash = digest(&token);
    let code_hash = (purpose == Purpose::VerifyEmail).then(|| code_digest(&token_hash, &code));
    sqlx::query!(
        "INSERT INTO auth_tokens (user_id, purpose, token_hash, code_hash, email, expires_at)
         VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6))",
        user_id,
        purpose.as_str(),
        token_hash,
        code_hash,
        email as _,
        EXPIRY_MINUTES as i32,
    )
    .execute(&mut *conn)
    .await?;
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
    Error::invalid("", msg::PROBLEM_LINK_EXPIRED)
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

/// Uses up the live verification token for `email` whose code is `code`.
/// Wrong codes count against every live token for the address; a code stops
/// working after [`MAX_CODE_ATTEMPTS`] (its link, 256 random bits, does not).
pub async fn redeem_code(conn: &mut PgConnection, email: &str, code: &str) -> Result<Redeemed> {
    let code = code.trim();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::invalid("code", msg::PROBLEM_CODE_FORMAT));
    }
    // Usually one; more when someone else asked to move to this address too.
    let live = sqlx::query!(
        r#"SELECT id, token_hash, code_hash AS "code_hash!" FROM auth_tokens
           WHERE email = $1 AND purpose = 'verify_email' AND used_at IS NULL
             AND expires_at > now() AND attempts < $2
           FOR UPDATE"#,
        email as _,
        MAX_CODE_ATTEMPTS
    )
    .fetch_all(&mut *conn)
    .await?;
    if let Some(token) = live
        .iter()
        .find(|t| t.code_hash == code_digest(&t.token_hash, code))
    {
        return Ok(sqlx::query_as!(
            Redeemed,
            r#"UPDATE auth_tokens SET used_at = now() WHERE id = $1
               RETURNING user_id, email::text AS email"#,
            token.id
        )
        .fetch_one(conn)
        .await?);
    }
    let ids: Vec<i64> = live.iter().map(|t| t.id).collect();
    sqlx::query!(
        "UPDATE auth_tokens SET attempts = attempts + 1 WHERE id = ANY($1)",
        &ids
    )
    .execute(conn)
    .await?;
    Err(Error::invalid("code", msg::PROBLEM_CODE_WRONG))
}
