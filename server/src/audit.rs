//! The audit log: who did what to what, from where. Written in the same
//! transaction as the change it records.

use serde_json::Value;
use sqlx::{PgConnection, PgPool};

use crate::{
    Result,
    paging::{Page, Window},
    request::RequestMeta,
    text,
};

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

    pub async fn record(mut self, conn: &mut PgConnection, meta: &RequestMeta) -> Result<()> {
        if let Some(token) = meta.api_token {
            match &mut self.metadata {
                Value::Object(map) => {
                    map.insert("api_token_id".into(), token.into());
                }
                other => *other = serde_json::json!({ "api_token_id": token }),
            }
        }
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
    pub store: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
    pub metadata: Value,
}

/// Entries per page of the audit log.
pub const PAGE_SIZE: i64 = 50;

/// What the audit log page filters by. Dates are whole days in the
/// platform's time zone, both included.
#[derive(Clone, Debug)]
pub struct Filter {
    /// Part of the actor's email.
    pub actor: String,
    /// An action, or its family such as `store.` or `role`.
    pub action: String,
    /// Part of the store's name or address.
    pub store: String,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    /// Leaves out entries written after this moment: an API cursor's.
    pub written_by: Option<chrono::DateTime<chrono::Utc>>,
    pub page: i64,
    pub per_page: i64,
}

impl Default for Filter {
    fn default() -> Self {
        Self {
            actor: String::new(),
            action: String::new(),
            store: String::new(),
            from: None,
            to: None,
            written_by: None,
            page: 1,
            per_page: PAGE_SIZE,
        }
    }
}

/// A page of entries matching `filter`, newest first.
pub async fn search(db: &PgPool, time_zone: &str, filter: &Filter) -> Result<Page<Recorded>> {
    let window = Window::new(filter.page, filter.per_page);
    let action = filter.action.trim();
    let rows = sqlx::query!(
        r#"SELECT a.id, a.at, u.email::text AS actor_email, a.action, a.target, s.name AS "store?",
                  a.ip, a.user_agent, a.request_id, a.metadata, count(*) OVER () AS "total!"
           FROM audit_log a
           LEFT JOIN users u ON u.id = a.actor_user_id
           LEFT JOIN stores s ON s.id = a.store_id
           WHERE ($1 = '' OR u.email ILIKE $2)
             AND ($3 = '' OR a.action = $3 OR starts_with(a.action, $4))
             AND ($5 = '' OR s.name ILIKE $6 OR s.slug ILIKE $6)
             AND ($7::date IS NULL OR a.at >= ($7::date)::timestamp AT TIME ZONE $9)
             AND ($8::date IS NULL OR a.at < ($8::date + 1)::timestamp AT TIME ZONE $9)
             AND ($12::timestamptz IS NULL OR a.at <= $12)
           ORDER BY a.id DESC
           LIMIT $10 OFFSET $11"#,
        filter.actor.trim(),
        text::contains_pattern(&filter.actor),
        action,
        format!("{}.", action.trim_end_matches('.')),
        filter.store.trim(),
        text::contains_pattern(&filter.store),
        filter.from,
        filter.to,
        time_zone,
        window.limit(),
        window.offset(),
        filter.written_by,
    )
    .fetch_all(db)
    .await?;
    let total = rows.first().map_or(0, |row| row.total);
    let items = rows
        .into_iter()
        .map(|row| Recorded {
            id: row.id,
            at: row.at,
            actor_email: row.actor_email,
            action: row.action,
            target: row.target,
            store: row.store,
            ip: row.ip,
            user_agent: row.user_agent,
            request_id: row.request_id,
            metadata: row.metadata,
        })
        .collect();
    Ok(window.page(items, total))
}

/// The latest entries, newest first, optionally for one action.
pub async fn latest(db: &PgPool, action: Option<&str>, limit: i64) -> Result<Vec<Recorded>> {
    Ok(sqlx::query_as!(
        Recorded,
        r#"SELECT a.id, a.at, u.email::text AS actor_email, a.action, a.target, s.name AS "store?",
                  a.ip, a.user_agent, a.request_id, a.metadata
           FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id
           LEFT JOIN stores s ON s.id = a.store_id
           WHERE $1::text IS NULL OR a.action = $1
           ORDER BY a.id DESC LIMIT $2"#,
        action,
        limit
    )
    .fetch_all(db)
    .await?)
}
