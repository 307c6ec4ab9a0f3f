//! Turning failures into answers: a panic becomes a 500 page (or JSON on
//! machine routes) that carries the request id, never a dropped connection.

use std::panic::AssertUnwindSafe;

use axum::{
    Json,
    extract::Request,
    http::{HeaderMap, StatusCode, header},
    middleware::Next,
    response::{Html, IntoResponse, Response},
};
use futures_util::FutureExt;
use texts::{Lang, msg};
use tracing::Span;

use crate::error::ErrorBody;
use crate::request::REQUEST_ID;

/// The tracing span of one request, carrying its id.
pub fn request_span(request: &Request) -> Span {
    let request_id = request_id(request.headers());
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        %request_id,
        api_token = tracing::field::Empty,
    )
}

/// The id `SetRequestIdLayer` gave this request.
pub fn request_id(headers: &HeaderMap) -> String {
    headers
        .get(REQUEST_ID)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("-")
        .to_owned()
}

/// Catches a panic in any handler below and answers 500.
pub async fn catch_panic(request: Request, next: Next) -> Response {
    let request_id = request_id(request.headers());
    let wants_json = is_machine_path(request.uri().path());
    match AssertUnwindSafe(next.run(request)).catch_unwind().await {
        Ok(response) => response,
        Err(panic) => {
            let detail = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            tracing::error!(panic = %detail, "request handler panicked");
            error_response(StatusCode::INTERNAL_SERVER_ERROR, &request_id, wants_json)
        }
    }
}

/// Paths answered with JSON rather than HTML pages.
pub fn is_machine_path(path: &str) -> bool {
    ["/api/", "/webhooks/", "/healthz", "/readyz", "/metrics"]
        .iter()
        .any(|prefix| path.starts_with(prefix))
}

/// A service's refusal on a route both people and programs follow (a file
/// download): JSON when the client asks for it, the error page otherwise.
pub fn refusal(error: crate::Error, headers: &HeaderMap) -> Response {
    let wants_json = headers
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.contains("application/json"));
    if wants_json {
        return error.into_response();
    }
    let request_id = request_id(headers);
    match &error {
        crate::Error::Internal(source) => {
            tracing::error!(error = %source, "internal error");
            error_response(error.status(), &request_id, false)
        }
        _ => error_page(error.status(), &error.message(Lang::En), &request_id),
    }
}

/// A generic failure answer: a small HTML page for people, JSON for machines.
pub fn error_response(status: StatusCode, request_id: &str, json: bool) -> Response {
    let message = Lang::En.t(match status {
        StatusCode::BAD_REQUEST => msg::ERROR_BAD_REQUEST,
        StatusCode::NOT_FOUND => msg::ERROR_NOT_FOUND,
        StatusCode::FORBIDDEN => msg::ERROR_FORBIDDEN,
        StatusCode::TOO_MANY_REQUESTS => msg::ERROR_TOO_MANY_REQUESTS,
        StatusCode::SERVICE_UNAVAILABLE => msg::ERROR_UNAVAILABLE,
        _ => msg::ERROR_INTERNAL,
    });
    if json {
        let code = status
            .canonical_reason()
            .unwrap_or("error")
            .to_lowercase()
            .replace(' ', "_");
        return (
            status,
            Json(ErrorBody {
                code: &code,
                message,
            }),
        )
            .into_response();
    }
    error_page(status, &message, request_id)
}

/// The small HTML error page of routes outside the Leptos app.
fn error_page(status: StatusCode, message: &str, request_id: &str) -> Response {
    let title = status.canonical_reason().unwrap_or("Error");
    let page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Bazaar</title></head><body><main>\
         <h1>{title}</h1><p>{message}</p>\
         <p>Request id: <code>{request_id}</code></p><p><a href=\"/\">Back to the shop</a></p>\
         </main></body></html>",
        message = html_escape(message),
        request_id = html_escape(request_id),
    );
    let mut response = (status, Html(page)).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        "no-store".parse().expect("valid header"),
    );
    response
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
