//! Tokens for the integration API. A token acts for the account that made
//! it, within its scopes and, for a seller, for their store. The secret is
//! shown once; only its SHA-256 hash is kept (the secret is long and random,
//! so a slow hash would add nothing). Secrets start with `bzr_` and end with
//! a checksum, so secret scanners can spot a leaked one and a mistyped one
//! is refused without a database read.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::PgPool;

use super::{Permission, Role, messages, permissions, sessions::AuthUser, users};
use crate::{AppState, Error, Problems, Result, audit::Entry, mail::outbox, request::RequestMeta};
use texts::{Text, msg};

/// What every secret starts with.
pub const PREFIX: &str = "bzr_";
const RANDOM_LEN: usize = 32;
const CHECKSUM_LEN: usize = 6;
const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// The lifetimes a token can be given, in days; no expiry is the other choice.
pub const LIFETIMES_DAYS: [i64; 3] = [30, 90, 365];

/// What a token may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    CatalogRead,
    CatalogWrite,
    OrdersRead,
    OrdersWrite,
    StatsRead,
    /// Platform administration; only an admin's token may carry it.
    Admin,
}

impl Scope {
    pub const ALL: [Self; 6] = [
        Self::CatalogRead,
        Self::CatalogWrite,
        Self::OrdersRead,
        Self::OrdersWrite,
        Self::StatsRead,
        Self::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::CatalogRead => "catalog:read",
            Self::CatalogWrite => "catalog:write",
            Self::OrdersRead => "orders:read",
            Self::OrdersWrite => "orders:write",
            Self::StatsRead => "stats:read",
            Self::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|scope| scope.as_str() == text)
    }

    /// What a token with this scope may do, in words.
    pub fn allows(self) -> &'static str {
        match self {
            Self::CatalogRead => "Read your products, including drafts",
            Self::CatalogWrite => "Change your products, stock and images",
            Self::OrdersRead => "Read orders",
            Self::OrdersWrite => "Ship, deliver, cancel and refund your store's orders",
            Self::StatsRead => "Read your store's monthly statistics",
            Self::Admin => "Administer the platform: users, stores, the audit log",
        }
    }

    /// Scopes that act on a store's own data, so need one.
    pub fn needs_store(self) -> bool {
        matches!(
            self,
            Self::CatalogWrite | Self::OrdersWrite | Self::StatsRead
        )
    }
}

/// A token as its owner asks for it.
#[derive(Clone, Debug, Default)]
pub struct NewToken {
    pub name: String,
    pub scopes: Vec<String>,
    /// One of [`LIFETIMES_DAYS`], or `None` for no expiry.
    pub expires_in_days: Option<i64>,
}

/// A token just made: the only time its secret is known.
#[derive(Clone, Debug)]
pub struct Created {
    pub id: i64,
    pub secret: String,
}

/// A token as its owner's list shows it.
#[derive(Clone, Debug)]
pub struct TokenSummary {
    pub id: i64,
    pub name: String,
    pub scopes: Vec<String>,
    pub store_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub last_used_ip: Option<String>,
}

/// Who an API request acts for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    pub token_id: i64,
    pub user_id: i64,
    /// The store a seller's token acts for.
    pub store_id: Option<i64>,
    pub scopes: Vec<Scope>,
}

impl Caller {
    /// Whether the token carries `scope`.
    pub fn may(&self, scope: Scope) -> bool {
        self.scopes.contains(&scope)
    }
}

/// A new secret: the prefix, 32 random base62 characters and the checksum.
fn new_secret() -> String {
    let mut rng = rand::rng();
    let random: String = (0..RANDOM_LEN)
        .map(|_| char::from(BASE62[rng.random_range(0..BASE62.len())]))
        .collect();
    format!("{PREFIX}{random}{}", checksum(&random))
}

/// The CRC-32 of the random part in six base62 characters.
fn checksum(random: &str) -> String {
    let mut value = u64::from(crc32fast::hash(random.as_bytes()));
    let mut digits = [b'0'; CHECKSUM_LEN];
    for digit in digits.iter_mut().rev() {
        *digit = BASE62[(value % 62) as usize];
        value /= 62;
    }
    String::from_utf8_lossy(&digits).into_owned()
}

/// Whether `secret` has the form of one of ours, checksum included.
fn well_formed(secret: &str) -> bool {
    let Some(body) = secret.strip_prefix(PREFIX) else {
        return false;
    };
    body.len() == RANDOM_LEN + CHECKSUM_LEN
        && body.bytes().all(|b| b.is_ascii_alphanumeric())
        && checksum(&body[..RANDOM_LEN]) == body[RANDOM_LEN..]
}

fn digest(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

/// Makes a token for `user`; a seller's acts for their store. The owner is
/// mailed, and the creation audited.
pub async fn create(
    state: &AppState,
    meta: &RequestMeta,
    user: &AuthUser,
    input: &NewToken,
) -> Result<Created> {
    let mut problems = Problems::default();
    let name = input.name.trim();
    match name.chars().count() {
        0 => problems.add("name", msg::PROBLEM_TOKEN_NAME),
        81.. => problems.add("name", Text::from(msg::PROBLEM_TOO_LONG).with("max", 80)),
        _ => {}
    }
    let mut scopes = Vec::new();
    for text in &input.scopes {
        match Scope::parse(text.trim()) {
            Some(scope) if !scopes.contains(&scope) => scopes.push(scope),
            Some(_) => {}
            None => problems.add(
                "scopes",
                Text::from(msg::PROBLEM_TOKEN_SCOPE_UNKNOWN).with("scope", text.as_str()),
            ),
        }
    }
    scopes.sort();
    if input.scopes.is_empty() {
        problems.add("scopes", msg::PROBLEM_TOKEN_SCOPE_NONE);
    }
    if scopes.contains(&Scope::Admin) && !user.has_role(Role::Admin) {
        problems.add("scopes", msg::PROBLEM_TOKEN_ADMIN_SCOPE);
    }
    let config = &state.config;
    if scopes.contains(&Scope::Admin)
        && user.has_role(Role::Admin)
        && permissions::needs_second_step(config, user, Permission::AdministerPlatform)
        || scopes.iter().any(|scope| scope.needs_store())
            && permissions::needs_second_step(config, user, Permission::ManageStore)
    {
        problems.add("scopes", msg::PROBLEM_TOKEN_NEEDS_TWO_STEP);
    }
    let store_id = user
        .has_role(Role::Seller)
        .then(|| user.stores.first().map(|store| store.store_id))
        .flatten();
    if store_id.is_none() && scopes.iter().any(|scope| scope.needs_store()) {
        problems.add("scopes", msg::PROBLEM_TOKEN_NEEDS_STORE);
    }
    if let Some(days) = input.expires_in_days
        && !LIFETIMES_DAYS.contains(&days)
    {
        problems.add("expires_in_days", msg::PROBLEM_TOKEN_EXPIRY);
    }
    problems.finish()?;

    let secret = new_secret();
    let expires_at = input
        .expires_in_days
        .map(|days| Utc::now() + Duration::days(days));
    let scope_names: Vec<&str> = scopes.iter().map(|scope| scope.as_str()).collect();
    let mut tx = state.db.begin().await?;
    let id = sqlx::query_scalar!(
        "INSERT INTO api_tokens (user_id, store_id, name, scopes, secret_hash, auth_epoch, expires_at)
         SELECT id, $2, $3, $4, $5, auth_epoch, $6 FROM users WHERE id = $1
         RETURNING id",
        user.id,
        store_id,
        name,
        &scope_names as &[&str],
        digest(&secret),
        expires_at,
    )
    .fetch_one(&mut *tx)
    .await?;
    Entry::new(Some(user.id), "api_token.created")
        .target(format!("api_token:{id}"))
        .metadata(json!({ "name": name, "scopes": scope_names, "store_id": store_id }))
        .record(&mut tx, meta)
        .await?;
    let lang = users::language_of(&mut *tx, &user.email).await?;
    outbox::enqueue(
        &mut tx,
        &messages::api_token_created(lang, &user.email, &state.config.app_url, name),
    )
    .await?;
    tx.commit().await?;
    Ok(Created { id, secret })
}

/// The user's tokens not revoked, newest first; expired ones included, so
/// their owner sees why they stopped.
pub async fn list(db: &PgPool, user_id: i64) -> Result<Vec<TokenSummary>> {
    Ok(sqlx::query_as!(
        TokenSummary,
        r#"SELECT t.id, t.name, t.scopes, s.name AS "store_name?", t.created_at, t.expires_at,
                  t.last_used_at, t.last_used_ip
           FROM api_tokens t LEFT JOIN stores s ON s.id = t.store_id
           WHERE t.user_id = $1 AND t.revoked_at IS NULL
           ORDER BY t.created_at DESC, t.id DESC"#,
        user_id
    )
    .fetch_all(db)
    .await?)
}

/// Revokes one of the user's own tokens; it stops working at once. Anybody
/// else's token is "not found".
pub async fn revoke(db: &PgPool, meta: &RequestMeta, user_id: i64, token_id: i64) -> Result<()> {
    let mut tx = db.begin().await?;
    let name = sqlx::query_scalar!(
        "UPDATE api_tokens SET revoked_at = now()
         WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING name",
        token_id,
        user_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(Error::NotFound)?;
    Entry::new(Some(user_id), "api_token.revoked")
        .target(format!("api_token:{token_id}"))
        .metadata(json!({ "name": name }))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The caller a request's bearer `secret` stands for, or `Unauthorized`
/// when it is unknown, revoked, expired, or its owner can no longer do what
/// it was made for. A first use from a new address is audited.
pub async fn authenticate(db: &PgPool, meta: &RequestMeta, secret: &str) -> Result<Caller> {
    if !well_formed(secret) {
        return Err(Error::Unauthorized);
    }
    let row = sqlx::query!(
        r#"SELECT t.id, t.user_id, t.store_id, t.scopes, t.last_used_ip,
                  t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute' AS "stale!"
           FROM api_tokens t JOIN users u ON u.id = t.user_id
           WHERE t.secret_hash = $1
             AND t.revoked_at IS NULL
             AND (t.expires_at IS NULL OR t.expires_at > now())
             AND u.status = 'active' AND u.auth_epoch = t.auth_epoch
             AND (t.store_id IS NULL OR (
                   EXISTS (SELECT 1 FROM store_members m WHERE m.store_id = t.store_id AND m.user_id = t.user_id)
                   AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = t.user_id AND r.role = 'seller')))
             AND (NOT 'admin' = ANY (t.scopes)
                  OR EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = t.user_id AND r.role = 'admin'))"#,
        digest(secret)
    )
    .fetch_optional(db)
    .await?
    .ok_or(Error::Unauthorized)?;
    let ip = meta.ip.to_string();
    let new_ip = row.last_used_ip.as_deref() != Some(ip.as_str());
    if new_ip || row.stale {
        let mut tx = db.begin().await?;
        sqlx::query!(
            "UPDATE api_tokens SET last_used_at = now(), last_used_ip = $2 WHERE id = $1",
            row.id,
            ip
        )
        .execute(&mut *tx)
        .await?;
        if new_ip {
            Entry::new(Some(row.user_id), "api_token.new_address")
                .target(format!("api_token:{}", row.id))
                .record(&mut tx, meta)
                .await?;
        }
        tx.commit().await?;
    }
    Ok(Caller {
        token_id: row.id,
        user_id: row.user_id,
        store_id: row.store_id,
        scopes: row.scopes.iter().filter_map(|s| Scope::parse(s)).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_carry_a_prefix_and_a_checksum() {
        let secret = new_secret();
        assert!(secret.starts_with(PREFIX));
        assert_eq!(secret.len(), PREFIX.len() + RANDOM_LEN + CHECKSUM_LEN);
        assert!(well_formed(&secret));
        // One character changed in the random part fails the checksum.
        let mut typo = secret.clone().into_bytes();
        typo[PREFIX.len()] = if typo[PREFIX.len()] == b'a' {
            b'b'
        } else {
            b'a'
        };
        assert!(!well_formed(&String::from_utf8(typo).unwrap()));
        assert!(!well_formed(&secret[PREFIX.len()..]));
        assert!(!well_formed("bzr_short"));
        assert_ne!(new_secret(), secret);
    }

    #[test]
    fn scopes_read_back_as_written() {
        for scope in Scope::ALL {
            assert_eq!(Scope::parse(scope.as_str()), Some(scope));
        }
        assert_eq!(Scope::parse("catalog"), None);
    }
}
