//! A per-IP request limit kept in Redis, so every app instance shares the
//! same counters. Files that exist are never limited.

use std::{
    net::IpAddr,
    time::{SystemTime, UNIX_EPOCH},
};

use axum::{
    extract::{Request, State},
    http::{StatusCode, header},
    middleware::Next,
    response::Response,
};
use fred::prelude::{ClientLike, KeysInterface, Pool};

use super::errors::{error_response, is_machine_path, request_id};
use crate::{AppState, request::client_ip};

const WINDOW_SECS: u64 = 60;
/// Webhooks come from a payment provider's few addresses in bursts, and a
/// refused one is only delivered later: they get a larger budget of their own.
const WEBHOOK_FACTOR: u64 = 10;

/// Counts the request in the current minute for its client IP and answers 429
/// with `Retry-After` once the limit is passed. Every request is counted but
/// files that exist: asking for unknown files is answered with a small 404
/// and counted like a page. While Redis is unreachable requests go through
/// at once: an outage of the limiter must not take the shop down, nor make
/// each request wait for Redis's timeout.
pub async fn limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if is_static_asset(path) {
        let request_id = request_id(request.headers());
        let ip = client_ip(request.extensions());
        let response = next.run(request).await;
        if response.status() != StatusCode::NOT_FOUND {
            return response;
        }
        return match refusal(&state, ip, Bucket::Pages, &request_id, false).await {
            Some(refusal) => refusal,
            None => error_response(StatusCode::NOT_FOUND, &request_id, false),
        };
    }
    // An API request with a token is counted against the token's own budget
    // (see `api::auth`), which also counts the failures of bad tokens here.
    if carries_token(&request) {
        return next.run(request).await;
    }
    let bucket = if path.starts_with("/webhooks/") {
        Bucket::Webhooks
    } else {
        Bucket::Pages
    };
    let ip = client_ip(request.extensions());
    let request_id = request_id(request.headers());
    match refusal(&state, ip, bucket, &request_id, is_machine_path(path)).await {
        Some(refusal) => refusal,
        None => next.run(request).await,
    }
}

/// The counters a client has: pages and everything else, and webhooks.
#[derive(Clone, Copy)]
pub(crate) enum Bucket {
    Pages,
    Webhooks,
}

/// Counts one request of `ip`, and answers 429 when it is one too many.
pub(crate) async fn refusal(
    state: &AppState,
    ip: IpAddr,
    bucket: Bucket,
    request_id: &str,
    json: bool,
) -> Option<Response> {
    let per_minute = u64::from(state.config.rate_limit_per_minute);
    if per_minute == 0 {
        return None;
    }
    let (name, limit) = match bucket {
        Bucket::Pages => ("", per_minute),
        Bucket::Webhooks => (":webhooks", per_minute * WEBHOOK_FACTOR),
    };
    let spent = spend(&state.redis, &format!("bazaar:rate:{ip}{name}")).await?;
    if spent.count <= limit {
        return None;
    }
    tracing::warn!(%ip, count = spent.count, "rate limit reached");
    let mut response = error_response(StatusCode::TOO_MANY_REQUESTS, request_id, json);
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, spent.reset_secs.into());
    Some(response)
}

/// A budget's use in the current minute.
#[derive(Clone, Copy, Debug)]
pub struct Spent {
    /// Requests counted so far, this one included.
    pub count: u64,
    /// Seconds until the next minute's budget.
    pub reset_secs: u64,
}

/// Counts one request against the budget named `key` in the current minute.
/// `None` while Redis is unreachable: an outage of the limiter must not
/// refuse requests.
pub async fn spend(redis: &Pool, key: &str) -> Option<Spent> {
    if !redis.next().is_connected() {
        return None;
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    let window = now / WINDOW_SECS;
    match count(redis, &format!("{key}:{window}")).await {
        Ok(count) => Some(Spent {
            count,
            reset_secs: WINDOW_SECS - now % WINDOW_SECS,
        }),
        Err(error) => {
            tracing::warn!(%error, "rate limiter unavailable, letting the request through");
            None
        }
    }
}

async fn count(redis: &Pool, key: &str) -> Result<u64, fred::error::Error> {
    let pipeline = redis.next().pipeline();
    let _: () = pipeline.incr(key).await?;
    let _: () = pipeline.expire(key, WINDOW_SECS as i64 * 2, None).await?;
    let (count, _): (u64, i64) = pipeline.all().await?;
    Ok(count)
}

/// Whether `request` is an API request with a bearer token.
pub fn carries_token(request: &Request) -> bool {
    request.uri().path().starts_with("/api/v1/")
        && request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("Bearer "))
}

/// Files served as they are: the build's hashed bundle, uploads and public files.
pub fn is_static_asset(path: &str) -> bool {
    const PREFIXES: &[&str] = &["/pkg/", "/uploads/", "/assets/"];
    const FILES: &[&str] = &["/favicon.ico", "/favicon.svg"];
    PREFIXES.iter().any(|prefix| path.starts_with(prefix)) || FILES.contains(&path)
}
