//! The audit log: who did what to what, from where. Written in the same
//! transaction as the change it records.

use serde_json::Value;
use sqlx::{PgConnection, PgPool};

use crate::{Result, http::client::RequestMeta};

/// One entry, built up by the service that makes the change.
#[derive(Debug)]
pub struct Entry<'a> {
    pub actor: Option<i64>,
    pub action: &'a str,
    pub target: Option<String>,
    pub store: Option<i64>,
    pub metadata: Value,
}

impl<'a> Entry<'a> {
    pub fn new(actor: Option<i64>, action: &'a str) -> Self {
        Self {
            actor,
            action,
            target: None,
            store: None,
            metadata: Value::Object(Default::default()),
        }
    }

    pub fn target(mut self, target: impl Into<String>) -> Self {
        self.target = Some(target.into());
        self
    }

    pub fn store(mut self, store: i64) -> Self {
        self.store = Some(store);
        self
    }

    pub fn metadata(mut self, metadata: Value) -> Self {
        self.metadata = metadata;
        self
    }

    pub async fn record(self, conn: &mut PgConnection, meta: &RequestMeta) -> Result<()> {
        sqlx::query!(
            "INSERT INTO audit_log (actor_user_id, action, target, store_id, ip, user_agent, request_id, metadata)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            self.actor,
            self.action,
            self.target,
            self.store,
            meta.ip.to_string(),
            meta.user_agent,
            meta.request_id,
            self.metadata,
        )
        .execute(conn)
        .await?;
        Ok(())
    }
}

/// An entry as the admin pages list it.
#[derive(Debug)]
pub struct Recorded {
    pub id: i64,
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor_email: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub ip: Option<String>,
    pub request_id: Option<String>,
    pub metadata: Value,
}

/// The latest entries, newest first, optionally for one action.
pub async fn latest(db: &PgPool, action: Option<&str>, limit: i64) -> Result<Vec<Recorded>> {
    Ok(sqlx::query_as!(
        Recorded,
        r#"SELECT a.id, a.at, u.email::text AS actor_email, a.action, a.target, a.ip, a.request_id, a.metadata
           FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id
           WHERE $1::text IS NULL OR a.action = $1
           ORDER BY a.id DESC LIMIT $2"#,
        action,
        limit
    )
    .fetch_all(db)
    .await?)
}
