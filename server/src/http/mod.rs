//! HTTP that is not a page: machine routes and the middleware stack every
//! response passes through.

pub mod assets;
pub mod body_limit;
pub mod errors;
pub mod events;
pub mod forwarded;
pub mod health;
pub mod language;
pub mod malformed;
pub mod metrics;
pub mod origin;
pub mod rate_limit;
pub mod receipts;
pub mod security_headers;
pub mod seller_stats;
pub mod sitemap;
pub mod uploads;
pub mod webhooks;

use axum::{
    Router, middleware,
    routing::{get, post},
};
use http::StatusCode;
use tower_http::{
    CompressionLevel,
    compression::CompressionLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    timeout::TimeoutLayer,
    trace::TraceLayer,
};

use crate::{AppState, request::REQUEST_ID};

/// Health, readiness, metrics, crawler files, payment webhooks, the
/// sellers' CSV export, uploaded images and live updates.
pub fn routes(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::render))
        .route("/robots.txt", get(sitemap::robots))
        .route("/language", get(language::switch))
        .route("/sitemap.xml", get(sitemap::sitemap))
        .route("/webhooks/stripe", post(webhooks::stripe))
        .route("/seller/stats.csv", get(seller_stats::csv))
        .route(
            "/account/orders/{number}/receipts/{id}/pdf",
            get(receipts::customer_pdf),
        )
        .route(
            "/orders/{number}/receipts/{id}/pdf",
            get(receipts::guest_pdf),
        )
        .route("/seller/orders/{id}/receipt/pdf", get(receipts::seller_pdf))
        .route("/uploads/{file}", get(uploads::serve))
        .route("/events", get(events::stream))
        .with_state(state)
}

/// Wraps a complete router (pages, server functions, machine routes, static
/// files) in the middleware every response needs. The last layer listed is
/// the outermost: a request passes them from the bottom of the list up.
pub fn with_middleware(router: Router, state: &AppState) -> Router {
    let config = &state.config;
    // Install the recorder before the first request is counted.
    metrics::handle();
    router
        .layer(middleware::from_fn_with_state(
            state.clone(),
            language::home,
        ))
        .layer(crate::accounts::sessions::layer(
            config,
            state.redis.clone(),
        ))
        .layer(middleware::from_fn(malformed::refuse_nul_bytes))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            rate_limit::limit,
        ))
        .layer(middleware::from_fn_with_state(
            config.trusted_proxies.clone(),
            forwarded::resolve,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), origin::check))
        .layer(middleware::from_fn(errors::catch_panic))
        .layer(middleware::from_fn_with_state(
            security_headers::Policy::new(config),
            security_headers::apply,
        ))
        .layer(middleware::from_fn_with_state(
            body_limit::Limits::new(config),
            body_limit::limit,
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            config.request_timeout,
        ))
        // Compressed as they are sent: brotli's default (11) costs
        // milliseconds per page; at 4 it is about as small as gzip's best
        // and many times faster. Hashed assets come precompressed.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .layer(middleware::from_fn(metrics::track))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(TraceLayer::new_for_http().make_span_with(errors::request_span))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}
