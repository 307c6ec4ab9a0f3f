//! Users and their platform roles.

use sqlx::{PgExecutor, PgPool};
use texts::{Lang, Text, msg};

use super::{Email, password};
use crate::{Error, Result};

/// A platform role; permissions are derived from these.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Customer,
    Seller,
    Admin,
}

impl Role {
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "customer" => Some(Self::Customer),
            "seller" => Some(Self::Seller),
            "admin" => Some(Self::Admin),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Customer => "customer",
            Self::Seller => "seller",
            Self::Admin => "admin",
        }
    }
}

/// Creates a verified user with `roles`, or, when the email is taken, adds
/// the roles to the existing user and leaves the password alone unless
/// `reset_password` is set. Returns the user's id.
pub async fn upsert_verified(
    db: &PgPool,
    email: &Email,
    name: &str,
    password_plain: &str,
    roles: &[Role],
    reset_password: bool,
) -> Result<i64> {
    let password_plain = password_plain.to_owned();
    let password_hash = tokio::task::spawn_blocking(move || password::hash(&password_plain))
        .await
        .map_err(Error::internal)??;
    let mut tx = db.begin().await?;
    let id = sqlx::query_scalar!(
        r#"INSERT INTO users (email, name, password_hash, email_verified_at)
           VALUES ($1, $2, $3, now())
           ON CONFLICT (email) DO UPDATE SET
             password_hash = CASE WHEN $4 THEN EXCLUDED.password_hash ELSE users.password_hash END,
             auth_epoch = users.auth_epoch + CASE WHEN $4 THEN 1 ELSE 0 END,
             updated_at = now()
           RETURNING id"#,
        email.as_str() as _,
        name,
        password_hash,
        reset_password,
    )
    .fetch_one(&mut *tx)
    .await?;
    for role in roles {
        sqlx::query!(
            "INSERT INTO user_roles (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            id,
            role.as_str()
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// A display name: optional, trimmed, at most 100 characters.
pub fn check_name(problems: &mut crate::Problems, name: &str) -> String {
    let name = name.trim();
    if name.chars().count() > 100 {
        problems.add("name", Text::from(msg::PROBLEM_TOO_LONG).with("max", 100));
    }
    if name.chars().any(char::is_control) {
        problems.add("name", msg::PROBLEM_NAME_CHARACTERS);
    }
    name.to_owned()
}

/// Adds `role` to the user (no-op when they have it).
pub async fn grant_role(conn: &mut sqlx::PgConnection, user_id: i64, role: Role) -> Result<bool> {
    let granted = sqlx::query!(
        "INSERT INTO user_roles (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        user_id,
        role.as_str()
    )
    .execute(conn)
    .await?;
    Ok(granted.rows_affected() == 1)
}

/// What signing in needs to know about the account of an address.
#[derive(Debug)]
pub struct Credentials {
    pub id: i64,
    pub password_hash: String,
    pub status: String,
}

pub async fn credentials(db: &PgPool, email: &Email) -> Result<Option<Credentials>> {
    Ok(sqlx::query_as!(
        Credentials,
        "SELECT id, password_hash, status FROM users WHERE email = $1",
        email.as_str() as _
    )
    .fetch_optional(db)
    .await?)
}

/// The language mail to `email` is written in: that of the account using
/// the address, English when none does.
pub async fn language_of(conn: impl PgExecutor<'_>, email: &str) -> Result<Lang> {
    let code = sqlx::query_scalar!("SELECT language FROM users WHERE email = $1", email as _)
        .fetch_optional(conn)
        .await?;
    Ok(code
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default())
}

/// Keeps the language the user reads Bazaar in, for their mail.
pub async fn set_language(db: &PgPool, user_id: i64, lang: Lang) -> Result<()> {
    sqlx::query!(
        "UPDATE users SET language = $2 WHERE id = $1 AND language <> $2",
        user_id,
        lang.code()
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The user's password hash, to confirm sensitive changes.
pub async fn password_hash(db: &PgPool, user_id: i64) -> Result<String> {
    Ok(
        sqlx::query_scalar!("SELECT password_hash FROM users WHERE id = $1", user_id)
            .fetch_one(db)
            .await?,
    )
}

/// How many active accounts and stores the platform has.
pub async fn counts(db: &PgPool) -> Result<(i64, i64)> {
    let row = sqlx::query!(
        r#"SELECT (SELECT count(*) FROM users WHERE status = 'active') AS "users!",
                  (SELECT count(*) FROM stores) AS "stores!""#
    )
    .fetch_one(db)
    .await?;
    Ok((row.users, row.stores))
}

/// `bazaar create-admin`: creates or promotes the admin and audits it.
pub async fn create_admin(
    db: &PgPool,
    email: &Email,
    password_plain: &str,
    reset_password: bool,
) -> Result<i64> {
    let id = upsert_verified(
        db,
        email,
        "",
        password_plain,
        &[Role::Customer, Role::Admin],
        reset_password,
    )
    .await?;
    let mut conn = db.acquire().await?;
    crate::audit::Entry::new(None, "role.granted")
        .target(format!("user:{id}"))
        .metadata(serde_json::json!({ "role": "admin", "by": "bazaar create-admin" }))
        .record(&mut conn, &crate::request::RequestMeta::system())
        .await?;
    Ok(id)
}
