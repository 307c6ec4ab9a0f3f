//! The store's webhook endpoints, from the settings page: where events go,
//! which ones, the signing secret (shown once, rotated on demand) and what
//! became of the latest deliveries. Only the owner changes them, as with
//! the store's members: an endpoint receives the store's orders.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::StoreScope;
use crate::{
    AppState, Error, Problems, Result,
    audit::Entry,
    config::AppEnv,
    request::RequestMeta,
    webhooks::{self, Kind, sender::acceptable_url},
};
use texts::{Text, msg};

/// Endpoints one store may have.
pub const MAX_ENDPOINTS: i64 = 10;
/// Deliveries the log shows.
const LOG_LENGTH: i64 = 30;

/// An endpoint as the settings page lists it; the secret shows only as its
/// last characters, enough to tell which one a receiver holds.
#[derive(Clone, Debug)]
pub struct Endpoint {
    pub id: i64,
    pub url: String,
    pub events: Vec<String>,
    pub secret_hint: String,
    pub created_at: DateTime<Utc>,
    pub rotated_at: Option<DateTime<Utc>>,
}

/// One delivery of the log, newest first.
#[derive(Clone, Debug)]
pub struct Delivery {
    pub id: i64,
    pub url: String,
    pub kind: String,
    pub event_id: uuid::Uuid,
    pub attempts: i32,
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub next_attempt_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub failed_at: Option<DateTime<Utc>>,
}

impl Delivery {
    /// Delivered, given up, or still being tried.
    pub fn state(&self) -> &'static str {
        if self.delivered_at.is_some() {
            "delivered"
        } else if self.failed_at.is_some() {
            "failed"
        } else {
            "pending"
        }
    }
}

/// The store's endpoints, oldest first.
pub async fn endpoints(state: &AppState, scope: StoreScope) -> Result<Vec<Endpoint>> {
    Ok(sqlx::query_as!(
        Endpoint,
        r#"SELECT id, url, events, '…' || right(secret, 4) AS "secret_hint!", created_at, rotated_at
           FROM webhook_endpoints WHERE store_id = $1 ORDER BY id"#,
        scope.store_id()
    )
    .fetch_all(&state.db)
    .await?)
}

/// The latest deliveries to the store's endpoints.
pub async fn deliveries(state: &AppState, scope: StoreScope) -> Result<Vec<Delivery>> {
    Ok(sqlx::query_as!(
        Delivery,
        "SELECT d.id, e.url, ev.kind, ev.id AS event_id, d.attempts, d.last_status, d.last_error,
                d.last_attempt_at, d.next_attempt_at, d.delivered_at, d.failed_at
         FROM webhook_deliveries d
         JOIN webhook_endpoints e ON e.id = d.endpoint_id
         JOIN store_events ev ON ev.id = d.event_id
         WHERE e.store_id = $1
         ORDER BY d.id DESC
         LIMIT $2",
        scope.store_id(),
        LOG_LENGTH
    )
    .fetch_all(&state.db)
    .await?)
}

/// Adds an endpoint listening to `events`; answers it with its signing
/// secret, which is never shown again.
pub async fn add(
    state: &AppState,
    meta: &RequestMeta,
    scope: StoreScope,
    url: &str,
    events: &[String],
) -> Result<(Endpoint, String)> {
    let scope = scope.require_owner()?;
    let url = url.trim();
    let mut problems = Problems::default();
    if url.chars().count() > 2000 {
        problems.add("url", Text::from(msg::PROBLEM_TOO_LONG).with("max", 2_000));
    } else if let Err(refusal) = acceptable_url(url, state.config.env != AppEnv::Prod) {
        problems.add("url", refusal);
    }
    let mut kinds: Vec<&str> = Vec::new();
    for event in events {
        match Kind::parse(event) {
            Some(kind) if !kinds.contains(&kind.name()) => kinds.push(kind.name()),
            Some(_) => {}
            None => problems.add("events", msg::PROBLEM_EVENTS_LIST),
        }
    }
    if events.is_empty() {
        problems.add("events", msg::PROBLEM_EVENTS_NONE);
    }
    problems.finish()?;
    let secret = webhooks::new_secret();
    let mut tx = state.db.begin().await?;
    // Serialises adds of one store, so the limit holds under concurrency.
    sqlx::query!(
        "SELECT id FROM stores WHERE id = $1 FOR UPDATE",
        scope.store_id()
    )
    .fetch_one(&mut *tx)
    .await?;
    let count = sqlx::query_scalar!(
        r#"SELECT count(*) AS "count!" FROM webhook_endpoints WHERE store_id = $1"#,
        scope.store_id()
    )
    .fetch_one(&mut *tx)
    .await?;
    if count >= MAX_ENDPOINTS {
        return Err(Error::conflict(
            Text::from(msg::PROBLEM_ENDPOINTS_MAX).with("max", MAX_ENDPOINTS),
        ));
    }
    let kinds: Vec<String> = kinds.into_iter().map(str::to_owned).collect();
    let endpoint = sqlx::query_as!(
        Endpoint,
        r#"INSERT INTO webhook_endpoints (store_id, url, events, secret)
           VALUES ($1, $2, $3, $4)
           RETURNING id, url, events, '…' || right(secret, 4) AS "secret_hint!", created_at, rotated_at"#,
        scope.store_id(),
        url,
        &kinds,
        secret
    )
    .fetch_one(&mut *tx)
    .await?;
    Entry::new(Some(scope.actor()), "webhook.endpoint_added")
        .target(format!("webhook_endpoint:{}", endpoint.id))
        .store(scope.store_id())
        .metadata(json!({ "url": url, "events": kinds }))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok((endpoint, secret))
}

/// Gives an endpoint a new signing secret, answered once. Deliveries from
/// now on, retries included, are signed with it.
pub async fn rotate_secret(
    state: &AppState,
    meta: &RequestMeta,
    scope: StoreScope,
    endpoint_id: i64,
) -> Result<String> {
    let scope = scope.require_owner()?;
    let secret = webhooks::new_secret();
    let mut tx = state.db.begin().await?;
    let rotated = sqlx::query!(
        "UPDATE webhook_endpoints SET secret = $3, rotated_at = now() WHERE id = $1 AND store_id = $2",
        endpoint_id,
        scope.store_id(),
        secret
    )
    .execute(&mut *tx)
    .await?;
    if rotated.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    Entry::new(Some(scope.actor()), "webhook.secret_rotated")
        .target(format!("webhook_endpoint:{endpoint_id}"))
        .store(scope.store_id())
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(secret)
}

/// Removes an endpoint with its deliveries, sent or not.
pub async fn remove(
    state: &AppState,
    meta: &RequestMeta,
    scope: StoreScope,
    endpoint_id: i64,
) -> Result<()> {
    let scope = scope.require_owner()?;
    let mut tx = state.db.begin().await?;
    let url = sqlx::query_scalar!(
        "DELETE FROM webhook_endpoints WHERE id = $1 AND store_id = $2 RETURNING url",
        endpoint_id,
        scope.store_id()
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(Error::NotFound)?;
    Entry::new(Some(scope.actor()), "webhook.endpoint_removed")
        .target(format!("webhook_endpoint:{endpoint_id}"))
        .store(scope.store_id())
        .metadata(json!({ "url": url }))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Queues a `webhook.test` event for one endpoint; the worker sends it
/// within seconds and the log shows how it went.
pub async fn send_test(state: &AppState, scope: StoreScope, endpoint_id: i64) -> Result<()> {
    let mut tx = state.db.begin().await?;
    let exists = sqlx::query_scalar!(
        "SELECT id FROM webhook_endpoints WHERE id = $1 AND store_id = $2",
        endpoint_id,
        scope.store_id()
    )
    .fetch_optional(&mut *tx)
    .await?;
    if exists.is_none() {
        return Err(Error::NotFound);
    }
    webhooks::record_test(&mut tx, scope.store_id(), endpoint_id).await?;
    tx.commit().await?;
    Ok(())
}
