//! `/uploads/{file}`: stored images, streamed from storage (a folder or a
//! bucket) so any node serves what any node stored. Their names never get new
//! contents, so browsers and CDNs may keep them for good.

use axum::{
    body::Body,
    extract::{Path, State},
    response::{IntoResponse, Response},
};
use http::{HeaderMap, HeaderValue, StatusCode, header};

use crate::{AppState, Error, media::storage};

const IMMUTABLE: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");

pub async fn serve(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let object = match state.storage.get(&file).await {
        Ok(object) => object,
        Err(Error::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, file, "reading an upload failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let e_tag = object
        .e_tag
        .as_deref()
        .and_then(|e_tag| HeaderValue::from_str(e_tag).ok());
    let mut answer = HeaderMap::new();
    answer.insert(header::CACHE_CONTROL, IMMUTABLE);
    if let Some(e_tag) = e_tag {
        let current = headers
            .get_all(header::IF_NONE_MATCH)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .any(|tag| tag.trim() == "*" || tag.trim() == e_tag);
        answer.insert(header::ETAG, e_tag);
        if current {
            return (StatusCode::NOT_MODIFIED, answer).into_response();
        }
    }
    let content_type = object
        .content_type
        .as_deref()
        .and_then(|kept| HeaderValue::from_str(kept).ok())
        .unwrap_or_else(|| HeaderValue::from_static(storage::content_type(&file)));
    answer.insert(header::CONTENT_TYPE, content_type);
    answer.insert(header::CONTENT_LENGTH, HeaderValue::from(object.size));
    (answer, Body::from_stream(object.body)).into_response()
}
