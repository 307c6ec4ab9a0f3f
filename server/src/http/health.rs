//! Liveness and readiness probes.

use std::time::Duration;

use axum::{Json, extract::State, http::StatusCode};
use fred::prelude::ClientLike;
use serde::Serialize;

use crate::AppState;

/// How long a readiness probe waits for each backing service.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// The process is up and serving.
pub async fn healthz() -> &'static str {
    "ok"
}

/// The readiness report: each backing service and whether it answers.
#[derive(Serialize)]
pub struct Readiness {
    pub status: &'static str,
    pub database: &'static str,
    pub redis: &'static str,
}

/// 200 when PostgreSQL and Redis both answer and the node is not shutting
/// down, else 503 saying which (`draining`, or the service that did not).
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Readiness>) {
    let database = tokio::time::timeout(PROBE_TIMEOUT, sqlx::query("SELECT 1").execute(&state.db));
    let redis = tokio::time::timeout(PROBE_TIMEOUT, state.redis.ping::<String>(None));
    let (database, redis) = tokio::join!(database, redis);
    let database = if matches!(database, Ok(Ok(_))) {
        "ok"
    } else {
        "unavailable"
    };
    let redis = if matches!(redis, Ok(Ok(_))) {
        "ok"
    } else {
        "unavailable"
    };
    let draining = state.draining.is_on();
    let ready = !draining && database == "ok" && redis == "ok";
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let report = Readiness {
        status: match (ready, draining) {
            (true, _) => "ready",
            (false, true) => "draining",
            (false, false) => "unavailable",
        },
        database,
        redis,
    };
    (status, Json(report))
}
