//! Shared set-up for integration tests: application state on the test's own
//! database (from `#[sqlx::test]`) and the local Redis.

pub mod smtp;

use std::{collections::HashMap, net::SocketAddr};

use axum::{Router, body::Body, extract::connect_info::MockConnectInfo};
use fred::prelude::ClientLike;
use http::{Request, Response};
use http_body_util::BodyExt;
use server::{AppState, Config};
use sqlx::PgPool;
use tower::ServiceExt;

/// A configuration for tests, with `overrides` on top of the local defaults.
pub fn config(overrides: &[(&str, &str)]) -> Config {
    let mut vars: HashMap<String, String> = HashMap::from([
        ("APP_ENV".into(), "test".into()),
        (
            "REDIS_URL".into(),
            std::env::var("REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into()),
        ),
    ]);
    for (name, value) in overrides {
        vars.insert(name.to_string(), value.to_string());
    }
    Config::from_lookup(|name| vars.get(name).cloned()).expect("test configuration is valid")
}

/// State on the test's database, with Redis as configured; waits (briefly)
/// for Redis so tests never race the client's background connection.
pub async fn state(db: PgPool, config: Config) -> AppState {
    let redis = server::redis::pool(&config)
        .await
        .expect("redis client builds");
    let _ = tokio::time::timeout(std::time::Duration::from_secs(2), redis.wait_for_connect()).await;
    AppState::new(config, db, redis)
}

/// Machine routes plus `extra`, behind the full middleware stack, as if
/// every request came from `client`.
pub fn app(state: &AppState, extra: Router, client: [u8; 4]) -> Router {
    let router = server::http::routes(state.clone()).merge(extra);
    server::http::with_middleware(router, state)
        .layer(MockConnectInfo(SocketAddr::from((client, 40000))))
}

/// Sends one request through the router.
pub async fn send(app: &Router, request: Request<Body>) -> Response<Body> {
    app.clone()
        .oneshot(request)
        .await
        .expect("the router never fails")
}

pub fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).unwrap()
}

pub async fn body_text(response: Response<Body>) -> String {
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// A random client address, so tests sharing Redis never share a rate-limit counter.
pub fn random_client() -> [u8; 4] {
    let n: u32 = rand::random();
    [10, (n >> 16) as u8, (n >> 8) as u8, n as u8]
}
