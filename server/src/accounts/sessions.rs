//! Signed-in sessions. The session itself (a 128-bit random id in an
//! HttpOnly cookie) lives in Redis through tower-sessions; each sign-in also
//! has a `user_sessions` row, so people can see and end their sessions, and
//! every request checks the user's `auth_epoch`, so a password change ends
//! every older session at its next request.
//!
//! Expiry is decided by that row, not by Redis: the Redis record and the
//! cookie live for the whole session lifetime, and the idle limit is checked
//! against `last_seen_at`. tower-sessions renews a record's TTL only when it
//! saves the record, and saving on every read would let parallel requests
//! overwrite each other's session data, so a TTL-based idle limit would end
//! busy sessions that happen not to change.

use chrono::{DateTime, Utc};
use fred::prelude::Pool;
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use tower_sessions::{
    Expiry, SessionManagerLayer,
    cookie::{SameSite, time},
};
use tower_sessions_redis_store::RedisStore;
use uuid::Uuid;

pub use tower_sessions::Session;

use super::Role;
use crate::{Config, Result, request::RequestMeta};

pub type SessionLayer = SessionManagerLayer<RedisStore<Pool>>;

/// The session cookie: `__Host-` prefixed and `Secure` over https.
pub fn layer(config: &Config, redis: Pool) -> SessionLayer {
    let https = config.is_https();
    SessionManagerLayer::new(RedisStore::new(redis))
        .with_name(if https {
            "__Host-bazaar_session"
        } else {
            "bazaar_session"
        })
        .with_secure(https)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::seconds(
            config.session_lifetime.as_secs() as i64,
        )))
}

/// The limits a signed-in session is checked against, in seconds as the
/// queries take them.
struct Limits {
    lifetime: f64,
    idle: f64,
    admin_idle: f64,
}

impl Limits {
    fn of(config: &Config) -> Self {
        Self {
            lifetime: config.session_lifetime.as_secs_f64(),
            idle: config.session_idle.as_secs_f64(),
            admin_idle: config.admin_session_idle.as_secs_f64(),
        }
    }
}

const SIGNED_IN: &str = "signed_in";

/// What the Redis session remembers about its sign-in.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct SignedIn {
    user_id: i64,
    session_id: Uuid,
    auth_epoch: i32,
}

/// A store the user works for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub store_id: i64,
    pub slug: String,
    pub name: String,
    pub role: String,
    /// The owner requires a second sign-in step of the store's staff.
    pub staff_two_step_required: bool,
}

/// The signed-in user of a request, checked against the database.
#[derive(Clone, Debug)]
pub struct AuthUser {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub verified: bool,
    pub roles: Vec<Role>,
    pub stores: Vec<Membership>,
    /// The account has a second sign-in step.
    pub two_step: bool,
    pub session_id: Uuid,
}

impl AuthUser {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// Begins a signed-in session for `user_id`: a new session id (the old one,
/// possibly known to someone else, stops working) and a `user_sessions` row.
pub async fn sign_in(
    db: &PgPool,
    session: &Session,
    user_id: i64,
    meta: &RequestMeta,
) -> Result<()> {
    let session_id = Uuid::new_v4();
    let auth_epoch = sqlx::query_scalar!(
        r#"WITH started AS (
             INSERT INTO user_sessions (id, user_id, ip, user_agent) VALUES ($1, $2, $3, $4)
           )
           SELECT auth_epoch FROM users WHERE id = $2"#,
        session_id,
        user_id,
        meta.ip.to_string(),
        meta.user_agent,
    )
    .fetch_one(db)
    .await?;
    session.cycle_id().await?;
    session
        .insert(
            SIGNED_IN,
            SignedIn {
                user_id,
                session_id,
                auth_epoch,
            },
        )
        .await?;
    Ok(())
}

/// Gives the session a new id, keeping its contents: after any change of
/// what the session may do (such as becoming a seller).
pub async fn rotate(session: &Session) -> Result<()> {
    session.cycle_id().await?;
    Ok(())
}

/// Ends this session: its row is closed and the Redis record deleted.
pub async fn sign_out(db: &PgPool, session: &Session) -> Result<()> {
    if let Some(signed_in) = session.get::<SignedIn>(SIGNED_IN).await? {
        end(db, signed_in.user_id, signed_in.session_id).await?;
    }
    session.flush().await?;
    Ok(())
}

/// The signed-in user, or `None` for an anonymous session or one that has
/// ended (idle, too old, ended elsewhere, password changed, account closed),
/// which is cleared on the way. Admins go idle sooner than everyone else.
pub async fn current_user(
    db: &PgPool,
    config: &Config,
    session: &Session,
) -> Result<Option<AuthUser>> {
    let Some(signed_in) = session.get::<SignedIn>(SIGNED_IN).await? else {
        return Ok(None);
    };
    let limits = Limits::of(config);
    let row = sqlx::query!(
        r#"SELECT u.email::text AS "email!", u.name, u.email_verified_at IS NOT NULL AS "verified!",
                  u.status = 'active' AND u.auth_epoch = $3
                    AND session_open(s, $4, $5, $6) AS "valid!",
                  s.last_seen_at < now() - interval '1 minute' AS "stale!",
                  ARRAY(SELECT role FROM user_roles r WHERE r.user_id = u.id ORDER BY role) AS "roles!",
                  COALESCE((SELECT jsonb_agg(jsonb_build_object(
                              'store_id', st.id, 'slug', st.slug, 'name', st.name, 'role', m.role,
                              'staff_two_step_required', st.staff_two_step_required)
                              ORDER BY st.id)
                            FROM store_members m JOIN stores st ON st.id = m.store_id
                            WHERE m.user_id = u.id), '[]') AS "stores!",
                  has_second_step(u.id) AS "two_step!"
           FROM users u JOIN user_sessions s ON s.user_id = u.id AND s.id = $2
           WHERE u.id = $1"#,
        signed_in.user_id,
        signed_in.session_id,
        signed_in.auth_epoch,
        limits.lifetime,
        limits.idle,
        limits.admin_idle,
    )
    .fetch_optional(db)
    .await?;
    let Some(row) = row.filter(|row| row.valid) else {
        end(db, signed_in.user_id, signed_in.session_id).await?;
        session.flush().await?;
        return Ok(None);
    };
    if row.stale {
        sqlx::query!(
            "UPDATE user_sessions SET last_seen_at = now() WHERE id = $1",
            signed_in.session_id
        )
        .execute(db)
        .await?;
    }
    Ok(Some(AuthUser {
        id: signed_in.user_id,
        email: row.email,
        name: row.name,
        verified: row.verified,
        roles: row.roles.iter().filter_map(|r| Role::parse(r)).collect(),
        stores: serde_json::from_value(row.stores).map_err(crate::Error::internal)?,
        two_step: row.two_step,
        session_id: signed_in.session_id,
    }))
}

async fn end(db: &PgPool, user_id: i64, session_id: Uuid) -> Result<()> {
    sqlx::query!(
        "UPDATE user_sessions SET ended_at = now() WHERE id = $1 AND user_id = $2 AND ended_at IS NULL",
        session_id,
        user_id
    )
    .execute(db)
    .await?;
    Ok(())
}

/// A sign-in as the security page lists it.
#[derive(Clone, Debug)]
pub struct SessionSummary {
    pub id: Uuid,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

/// The user's open sessions (see `session_open` in the migrations), most
/// recently used first.
pub async fn list(db: &PgPool, config: &Config, user_id: i64) -> Result<Vec<SessionSummary>> {
    let limits = Limits::of(config);
    Ok(sqlx::query_as!(
        SessionSummary,
        "SELECT s.id, s.ip, s.user_agent, s.created_at, s.last_seen_at FROM user_sessions s
         WHERE s.user_id = $1 AND session_open(s, $2, $3, $4)
         ORDER BY s.last_seen_at DESC",
        user_id,
        limits.lifetime,
        limits.idle,
        limits.admin_idle,
    )
    .fetch_all(db)
    .await?)
}

/// Ends one of the user's own sessions; it is refused at its next request.
pub async fn end_one(db: &PgPool, user_id: i64, session_id: Uuid) -> Result<()> {
    end(db, user_id, session_id).await
}

/// Ends every session of the user but `keep`.
pub async fn end_others(
    conn: &mut sqlx::PgConnection,
    user_id: i64,
    keep: Option<Uuid>,
) -> Result<()> {
    sqlx::query!(
        "UPDATE user_sessions SET ended_at = now()
         WHERE user_id = $1 AND ended_at IS NULL AND id IS DISTINCT FROM $2",
        user_id,
        keep
    )
    .execute(conn)
    .await?;
    Ok(())
}
