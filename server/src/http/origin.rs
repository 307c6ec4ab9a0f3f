//! Cross-site request forgery defence: a state-changing request must come
//! from Bazaar's own pages (Fetch Metadata first, then the Origin header,
//! then the Referer).

use axum::{
    extract::{Request, State},
    http::{Method, StatusCode, header},
    middleware::Next,
    response::Response,
};

use super::errors::{error_response, is_machine_path, request_id};
use crate::AppState;

/// Paths called by other servers, which authenticate by signature or by a
/// bearer token instead; the API never takes a cookie as a credential, so a
/// forged request from a browser carries nothing that would let it write.
const EXEMPT_PREFIXES: &[&str] = &["/webhooks/", "/api/v1/"];

/// Refuses unsafe methods sent from another site.
pub async fn check(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if is_safe(request.method())
        || EXEMPT_PREFIXES
            .iter()
            .any(|p| request.uri().path().starts_with(p))
    {
        return next.run(request).await;
    }
    let headers = request.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let referer = headers.get(header::REFERER).and_then(|v| v.to_str().ok());
    let app_url = &state.config.app_url;
    let allowed = match (fetch_site, origin, referer) {
        (Some(site), _, _) => site == "same-origin" || site == "none",
        (None, Some(origin), _) => origin == app_url,
        (None, None, Some(referer)) => {
            referer == app_url || referer.starts_with(&format!("{app_url}/"))
        }
        // No browser sends an unsafe request without any of the three.
        (None, None, None) => false,
    };
    if allowed {
        return next.run(request).await;
    }
    tracing::warn!(?fetch_site, ?origin, ?referer, "cross-site request refused");
    let json = is_machine_path(request.uri().path());
    error_response(StatusCode::FORBIDDEN, &request_id(headers), json)
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}
