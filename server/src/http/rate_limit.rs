//! A per-IP request limit kept in Redis, so every app instance shares the
//! same counters. Static assets are never limited.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::{
    extract::{Request, State},
    http::{StatusCode, header},
    middleware::Next,
    response::Response,
};
use fred::prelude::{KeysInterface, Pool};

use super::{
    client::client_ip,
    errors::{error_response, is_machine_path, request_id},
};
use crate::AppState;

const WINDOW_SECS: u64 = 60;

/// Counts the request in the current minute for its client IP and answers 429
/// with `Retry-After` once the limit is passed. If Redis is unreachable the
/// request goes through: an outage of the limiter must not take the shop down.
/// Webhooks are signed and must never be turned away, so they are not counted.
pub async fn limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let limit = state.config.rate_limit_per_minute;
    let path = request.uri().path();
    if limit == 0 || is_static_asset(path) || path.starts_with("/webhooks/") {
        return next.run(request).await;
    }
    let ip = client_ip(request.extensions());
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    let window = now / WINDOW_SECS;
    match count(&state.redis, &format!("bazaar:rate:{ip}:{window}")).await {
        Ok(count) if count > u64::from(limit) => {
            let retry_after = WINDOW_SECS - now % WINDOW_SECS;
            tracing::warn!(%ip, count, "rate limit reached");
            let json = is_machine_path(request.uri().path());
            let mut response = error_response(
                StatusCode::TOO_MANY_REQUESTS,
                &request_id(request.headers()),
                json,
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, retry_after.into());
            response
        }
        Ok(_) => next.run(request).await,
        Err(error) => {
            tracing::warn!(%error, "rate limiter unavailable, letting the request through");
            next.run(request).await
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

/// Files served as they are: the build's hashed bundle, uploads and public files.
pub fn is_static_asset(path: &str) -> bool {
    const PREFIXES: &[&str] = &["/pkg/", "/uploads/", "/assets/"];
    const FILES: &[&str] = &["/favicon.ico", "/favicon.svg"];
    PREFIXES.iter().any(|prefix| path.starts_with(prefix)) || FILES.contains(&path)
}
