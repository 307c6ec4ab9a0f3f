//! Requests no browser sends: a NUL byte in the path or query string is
//! refused as bad input before any handler passes it to the database.

use axum::{extract::Request, middleware::Next, response::Response};
use http::StatusCode;

use super::errors::{error_response, is_machine_path, request_id};

/// Answers 400 to a request whose target holds an encoded NUL byte.
pub async fn refuse_nul_bytes(request: Request, next: Next) -> Response {
    let target = request
        .uri()
        .path_and_query()
        .map(|target| target.as_str())
        .unwrap_or_default();
    if target.contains("%00") {
        let path = request.uri().path();
        return error_response(
            StatusCode::BAD_REQUEST,
            &request_id(request.headers()),
            is_machine_path(path),
        );
    }
    next.run(request).await
}
