//! Sends the queued deliveries: claimed with `SKIP LOCKED` so any number of
//! nodes share the queue, posted with a 10-second limit, retried with a
//! growing wait for three days. Redirects are never followed, and outside
//! development an endpoint must resolve to public addresses only: checked
//! when the connection is made, so a name that changes its answer after
//! the endpoint was saved still cannot reach the platform's own network.

use std::{
    future::Future,
    io,
    net::{IpAddr, SocketAddr},
    pin::Pin,
    task::{Context, Poll},
    time::Duration,
};

use bytes::Bytes;
use chrono::{DateTime, Utc};
use http::{Request, Uri, header};
use http_body_util::Full;
use hyper_rustls::HttpsConnector;
use hyper_util::{
    client::legacy::{
        Client,
        connect::{HttpConnector, dns::Name},
    },
    rt::TokioExecutor,
};
use serde_json::{Value, json};
use sqlx::PgPool;
use uuid::Uuid;

use super::signature;
use crate::{Result, config::AppEnv};
use texts::{Lang, Msg, msg};

/// Deliveries claimed per round; other nodes take the rest.
const BATCH: i64 = 20;
/// How often the worker looks for due deliveries.
const POLL: Duration = Duration::from_secs(2);
/// How long an endpoint has to answer.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// A delivery still failing this long after its event is given up on.
pub const GIVE_UP_AFTER: Duration = Duration::from_secs(3 * 24 * 3600);
/// The longest wait between two attempts.
const MAX_BACKOFF_SECS: i64 = 6 * 3600;
/// Events and their deliveries are kept this long, for the delivery log;
/// every delivery is finished long before.
pub const KEEP_FOR: Duration = Duration::from_secs(30 * 24 * 3600);
/// How often the worker deletes what is older than [`KEEP_FOR`].
const PURGE_EVERY: Duration = Duration::from_secs(3600);

/// The HTTP client deliveries go through, with the address policy of the
/// environment.
#[derive(Clone)]
pub struct Sender {
    client: Client<HttpsConnector<HttpConnector<Resolver>>, Full<Bytes>>,
    allow_private: bool,
}

impl Sender {
    /// In development and tests endpoints may be plain `http` on this
    /// machine; in production only public `https` addresses are reached.
    pub fn new(env: AppEnv) -> Self {
        let allow_private = env != AppEnv::Prod;
        let mut http = HttpConnector::new_with_resolver(Resolver { allow_private });
        http.enforce_http(false);
        http.set_connect_timeout(Some(TIMEOUT));
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_webpki_roots()
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let client = Client::builder(TokioExecutor::new()).build(connector);
        Self {
            client,
            allow_private,
        }
    }

    /// Posts one delivery; `Ok` with the status when the endpoint answered
    /// 2xx, otherwise the status (if any) and what went wrong.
    async fn post(&self, due: &Due) -> Attempt {
        let failed = |status: Option<i32>, error: String| Attempt {
            status,
            error: Some(error),
        };
        let uri: Uri = match due.url.parse() {
            Ok(uri) => uri,
            Err(error) => return failed(None, format!("not a URL: {error}")),
        };
        if let Err(refusal) = acceptable_url(&due.url, self.allow_private) {
            return failed(None, Lang::En.t(refusal));
        }
        let body = Bytes::from(due.body());
        let request = Request::post(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::USER_AGENT, "Bazaar-Webhooks/1")
            .header("Bazaar-Event-Id", due.event_id.to_string())
            .header(
                "Bazaar-Signature",
                signature(&due.secret, Utc::now().timestamp(), &body),
            )
            .body(Full::new(body));
        let request = match request {
            Ok(request) => request,
            Err(error) => return failed(None, format!("not a URL: {error}")),
        };
        match tokio::time::timeout(TIMEOUT, self.client.request(request)).await {
            Err(_) => failed(None, format!("no answer within {} s", TIMEOUT.as_secs())),
            Ok(Err(error)) => failed(None, explain(&error)),
            Ok(Ok(response)) => {
                let status = response.status();
                let code = Some(i32::from(status.as_u16()));
                if status.is_success() {
                    Attempt {
                        status: code,
                        error: None,
                    }
                } else if status.is_redirection() {
                    failed(
                        code,
                        "answered with a redirect, which is not followed".into(),
                    )
                } else {
                    failed(code, format!("answered {status}"))
                }
            }
        }
    }
}

/// Whether deliveries may go to `url`, as far as can be told without
/// resolving it: what an endpoint is saved with, and checked again before
/// each delivery. `Err` says why not.
pub fn acceptable_url(url: &str, allow_private: bool) -> std::result::Result<(), Msg> {
    let uri: Uri = url.parse().map_err(|_| msg::PROBLEM_URL_FORMAT)?;
    let scheme_allowed = match uri.scheme_str() {
        Some("https") => true,
        Some("http") => allow_private,
        _ => false,
    };
    if !scheme_allowed {
        return Err(msg::PROBLEM_URL_HTTPS);
    }
    let Some(authority) = uri.authority() else {
        return Err(msg::PROBLEM_URL_FORMAT);
    };
    if authority.as_str().contains('@') {
        return Err(msg::PROBLEM_URL_CREDENTIALS);
    }
    let host = authority
        .host()
        .trim_start_matches('[')
        .trim_end_matches(']');
    if !allow_private {
        let private = match host.parse::<IpAddr>() {
            Ok(ip) => !is_public(ip),
            Err(_) => host == "localhost" || host.ends_with(".localhost"),
        };
        if private {
            return Err(msg::PROBLEM_URL_PRIVATE);
        }
    }
    Ok(())
}

/// Whether `ip` is an address of the public internet: not loopback,
/// private, link-local, shared, documentation, multicast or unspecified.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || a >= 240
                // Carrier-grade NAT, 100.64.0.0/10.
                || (a == 100 && (64..128).contains(&b)))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                // Unique local fc00::/7 and link-local fe80::/10.
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80)
        }
    }
}

/// Name resolution that refuses, outside development, a name with any
/// non-public address; the connection then goes to the addresses checked.
#[derive(Clone)]
struct Resolver {
    allow_private: bool,
}

impl tower_service::Service<Name> for Resolver {
    type Response = std::vec::IntoIter<SocketAddr>;
    type Error = io::Error;
    type Future = Pin<Box<dyn Future<Output = io::Result<Self::Response>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, name: Name) -> Self::Future {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let addresses: Vec<SocketAddr> =
                tokio::net::lookup_host((name.as_str(), 0)).await?.collect();
            if !allow_private && addresses.iter().any(|address| !is_public(address.ip())) {
                return Err(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    format!("refused: {name} resolves to a private or local address"),
                ));
            }
            Ok(addresses.into_iter())
        })
    }
}

/// An error with its causes, which is where the client says what failed.
fn explain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// A delivery claimed for sending, with its endpoint and event.
struct Due {
    id: i64,
    attempts: i32,
    url: String,
    secret: String,
    event_id: Uuid,
    kind: String,
    store_id: i64,
    data: Value,
    happened_at: DateTime<Utc>,
}

impl Due {
    /// The JSON receivers get; the same bytes on every attempt.
    fn body(&self) -> Vec<u8> {
        let event = json!({
            "id": self.event_id,
            "type": self.kind,
            "created_at": self.happened_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "store_id": self.store_id,
            "data": self.data,
        });
        serde_json::to_vec(&event).expect("JSON values serialise")
    }
}

struct Attempt {
    status: Option<i32>,
    error: Option<String>,
}

/// Sends every delivery that is due, a batch at a time and the batch's
/// deliveries side by side, until none is left. Returns how many were
/// delivered.
pub async fn deliver_due(db: &PgPool, sender: &Sender) -> Result<usize> {
    let mut delivered = 0;
    loop {
        // Claiming moves a delivery a minute ahead instead of holding a lock
        // while it is sent: a node that dies mid-send delays it by that
        // minute, and no transaction stays open across the network.
        let due = sqlx::query_as!(
            Due,
            r#"WITH claimed AS (
                   SELECT id FROM webhook_deliveries
                   WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
                   ORDER BY next_attempt_at, id
                   LIMIT $1
                   FOR UPDATE SKIP LOCKED)
               UPDATE webhook_deliveries d SET next_attempt_at = now() + interval '1 minute'
               FROM claimed, webhook_endpoints e, store_events ev
               WHERE d.id = claimed.id AND e.id = d.endpoint_id AND ev.id = d.event_id
               RETURNING d.id, d.attempts, e.url, e.secret, ev.id AS event_id, ev.kind,
                         ev.store_id, ev.data, ev.created_at AS happened_at"#,
            BATCH
        )
        .fetch_all(db)
        .await?;
        if due.is_empty() {
            return Ok(delivered);
        }
        let attempts = futures_util::future::join_all(due.iter().map(|due| sender.post(due))).await;
        for (due, attempt) in due.iter().zip(attempts) {
            if attempt.error.is_none() {
                delivered += 1;
            }
            record(db, due, &attempt).await?;
        }
    }
}

async fn record(db: &PgPool, due: &Due, attempt: &Attempt) -> Result<()> {
    match &attempt.error {
        None => {
            sqlx::query!(
                "UPDATE webhook_deliveries
                 SET delivered_at = now(), last_attempt_at = now(), attempts = attempts + 1,
                     last_status = $2, last_error = NULL
                 WHERE id = $1",
                due.id,
                attempt.status
            )
            .execute(db)
            .await?;
        }
        Some(error) => {
            let attempts = due.attempts + 1;
            let gave_up = sqlx::query_scalar!(
                r#"UPDATE webhook_deliveries d
                   SET attempts = attempts + 1, last_attempt_at = now(), last_status = $2,
                       last_error = $3, next_attempt_at = now() + make_interval(secs => $4),
                       failed_at = CASE WHEN ev.created_at <= now() - make_interval(secs => $5)
                                        THEN now() END
                   FROM store_events ev
                   WHERE d.id = $1 AND ev.id = d.event_id
                   RETURNING d.failed_at IS NOT NULL AS "gave_up!""#,
                due.id,
                attempt.status,
                error,
                backoff_secs(attempts) as f64,
                GIVE_UP_AFTER.as_secs_f64(),
            )
            .fetch_one(db)
            .await?;
            if gave_up {
                tracing::warn!(delivery = due.id, attempts, %error, "webhook not delivered; given up");
            } else {
                tracing::info!(delivery = due.id, attempts, %error, "webhook not delivered; will retry");
            }
        }
    }
    Ok(())
}

/// 30 s, 1 min, 2 min, … up to six hours: about twenty attempts in the
/// three days a delivery is tried.
fn backoff_secs(attempts: i32) -> i64 {
    let exponent = attempts.clamp(1, 16) as u32 - 1;
    (30_i64 << exponent).min(MAX_BACKOFF_SECS)
}

/// Deletes the events older than [`KEEP_FOR`] with their deliveries;
/// returns how many events went.
pub async fn purge_old(db: &PgPool) -> Result<u64> {
    let purged = sqlx::query!(
        "DELETE FROM store_events WHERE created_at < now() - make_interval(secs => $1)",
        KEEP_FOR.as_secs_f64()
    )
    .execute(db)
    .await?;
    Ok(purged.rows_affected())
}

/// Runs [`deliver_due`] every few seconds, and [`purge_old`] every hour, for
/// as long as the process lives.
pub fn spawn_worker(db: PgPool, sender: Sender) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(POLL);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut last_purge: Option<tokio::time::Instant> = None;
        loop {
            ticker.tick().await;
            if let Err(error) = deliver_due(&db, &sender).await {
                tracing::warn!(%error, "webhook round failed");
            }
            if last_purge.is_none_or(|at| at.elapsed() >= PURGE_EVERY) {
                last_purge = Some(tokio::time::Instant::now());
                if let Err(error) = purge_old(&db).await {
                    tracing::warn!(%error, "deleting old webhook events failed");
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_local_addresses_are_not_public() {
        for address in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(!is_public(address.parse().unwrap()), "{address}");
        }
        for address in ["93.184.216.34", "2606:4700::1111"] {
            assert!(is_public(address.parse().unwrap()), "{address}");
        }
    }

    #[test]
    fn production_endpoints_are_public_https_urls() {
        assert!(acceptable_url("https://hooks.example.com/bazaar", false).is_ok());
        for url in [
            "http://hooks.example.com/bazaar",
            "https://127.0.0.1/hook",
            "https://[::1]/hook",
            "https://localhost:8443/hook",
            "https://user:secret@hooks.example.com/",
            "ftp://hooks.example.com/",
            "hooks.example.com",
        ] {
            assert!(acceptable_url(url, false).is_err(), "{url}");
        }
        assert!(acceptable_url("http://127.0.0.1:4000/hook", true).is_ok());
    }

    #[test]
    fn the_wait_between_attempts_doubles_up_to_six_hours() {
        assert_eq!(backoff_secs(1), 30);
        assert_eq!(backoff_secs(2), 60);
        assert_eq!(backoff_secs(30), MAX_BACKOFF_SECS);
    }
}
