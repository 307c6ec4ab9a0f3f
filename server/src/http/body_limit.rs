//! The largest request body each path takes: small everywhere, larger for
//! the endpoints that receive image files.

use std::sync::{
    Arc,
    atomic::{AtomicBool, Ordering},
};

use axum::{
    body::{Body, HttpBody},
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::{StatusCode, header::CONTENT_LENGTH};
use http_body_util::{BodyExt, LengthLimitError};

use crate::Config;

/// The paths of the server functions sellers upload images to: product
/// images and the store's logo.
pub const IMAGE_UPLOAD_PATHS: [&str; 2] = ["/api/seller/images", "/api/seller/logo"];

/// Whether `path` takes image uploads: the seller pages' server functions
/// and the API's `/store/products/{id}/images`.
pub fn takes_images(path: &str) -> bool {
    IMAGE_UPLOAD_PATHS.contains(&path)
        || path
            .strip_prefix("/api/v1/store/products/")
            .and_then(|rest| rest.strip_suffix("/images"))
            .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    default: usize,
    upload: usize,
}

impl Limits {
    pub fn new(config: &Config) -> Self {
        Self {
            default: config.body_limit_bytes,
            upload: config.upload_body_limit_bytes,
        }
    }
}

/// Refuses a body announced too large at once and cuts off one that grows
/// too large while it is read.
pub async fn limit(State(limits): State<Limits>, request: Request, next: Next) -> Response {
    let max = if takes_images(request.uri().path()) {
        limits.upload
    } else {
        limits.default
    };
    let announced = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok())
        .or_else(|| request.body().size_hint().exact());
    if announced.is_some_and(|length| length > max as u64) {
        return too_large(max);
    }
    // A body sent in chunks is only found too large while a handler reads
    // it; whatever the handler then answers, the client is told 413.
    let cut_off = Arc::new(AtomicBool::new(false));
    let (parts, body) = request.into_parts();
    let body = Body::new(http_body_util::Limited::new(body, max).map_err({
        let cut_off = cut_off.clone();
        move |error| {
            if error.is::<LengthLimitError>() {
                cut_off.store(true, Ordering::Relaxed);
            }
            error
        }
    }));
    let response = next.run(Request::from_parts(parts, body)).await;
    if cut_off.load(Ordering::Relaxed) {
        return too_large(max);
    }
    response
}

fn too_large(max: usize) -> Response {
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("The request is larger than {} MB.", max / (1024 * 1024)),
    )
        .into_response()
}
