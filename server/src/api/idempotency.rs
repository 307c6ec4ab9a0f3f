//! `Idempotency-Key`: a write sent again with the same key (a retry after a
//! lost answer) is not made twice; its first answer is replayed for a day.
//! Keys live in PostgreSQL, so every node sees them, and belong to a token.

use axum::{
    body::{Body, Bytes, to_bytes},
    extract::{Request, State},
    http::{HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use sha2::{Digest, Sha256};

use super::problem::ApiError;
use crate::{AppState, accounts::api_tokens::Caller};

pub const HEADER: &str = "idempotency-key";
const MAX_KEY_LEN: usize = 255;

/// Runs a write with a key at most once per token and key; answers a repeat
/// with the stored answer and `Idempotent-Replayed: true`, the same key with
/// another request with 422, and one still running with 409. An answer of
/// 5xx is not kept, so the request can be retried with the same key.
pub async fn once(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let writes = matches!(
        *request.method(),
        Method::POST | Method::PATCH | Method::PUT | Method::DELETE
    );
    let Some(key) = request.headers().get(HEADER).filter(|_| writes) else {
        return next.run(request).await;
    };
    let Some(token) = request.extensions().get::<Caller>().map(|c| c.token_id) else {
        return next.run(request).await;
    };
    let key = match key.to_str().map(str::trim) {
        Ok(key) if !key.is_empty() && key.len() <= MAX_KEY_LEN => key.to_owned(),
        _ => {
            return ApiError::bad_request(format!(
                "Idempotency-Key must be 1 to {MAX_KEY_LEN} visible ASCII characters."
            ))
            .into_response();
        }
    };
    let (parts, body) = request.into_parts();
    let body = match to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(_) => {
            return ApiError::bad_request("The request body could not be read.").into_response();
        }
    };
    let hash = request_hash(
        &parts.method,
        parts.uri.path_and_query().map_or("", |p| p.as_str()),
        &body,
    );
    match claim(&state, token, &key, &hash).await {
        Ok(Claim::Ours) => {}
        Ok(Claim::Replay(response)) => return response,
        Err(error) => return error.into_response(),
    }
    let response = next.run(Request::from_parts(parts, Body::from(body))).await;
    match keep(&state, token, &key, response).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

fn request_hash(method: &Method, path: &str, body: &Bytes) -> Vec<u8> {
    let mut hash = Sha256::new();
    hash.update(method.as_str());
    hash.update([0]);
    hash.update(path);
    hash.update([0]);
    hash.update(body);
    hash.finalize().to_vec()
}

enum Claim {
    /// The key is new (or its day is over): this request runs.
    Ours,
    /// The key's stored answer.
    Replay(Response),
}

async fn claim(state: &AppState, token: i64, key: &str, hash: &[u8]) -> Result<Claim, ApiError> {
    // Answers are kept a day: a token's older ones go as it sends new keys.
    sqlx::query!(
        "DELETE FROM api_idempotency WHERE token_id = $1 AND created_at < now() - interval '24 hours'",
        token
    )
    .execute(&state.db)
    .await?;
    // A new key is taken; a key older than a day, or held longer than any
    // request runs (its request was cut off), is taken over as new.
    let taken = sqlx::query_scalar!(
        "INSERT INTO api_idempotency (token_id, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT (token_id, key) DO UPDATE
           SET request_hash = EXCLUDED.request_hash, status = NULL, content_type = NULL,
               body = NULL, created_at = now()
           WHERE api_idempotency.created_at < now() - interval '24 hours'
              OR (api_idempotency.status IS NULL AND api_idempotency.created_at < now() - interval '2 minutes')
         RETURNING true AS \"taken!\"",
        token,
        key,
        hash
    )
    .fetch_optional(&state.db)
    .await?
    .is_some();
    if taken {
        return Ok(Claim::Ours);
    }
    let stored = sqlx::query!(
        "SELECT request_hash, status, content_type, body FROM api_idempotency
         WHERE token_id = $1 AND key = $2",
        token,
        key
    )
    .fetch_optional(&state.db)
    .await?;
    let Some(stored) = stored else {
        // Released by a failed first request in between: the caller retries.
        return Err(ApiError::KeyInFlight);
    };
    if stored.request_hash != hash {
        return Err(ApiError::KeyReused);
    }
    let Some(status) = stored.status else {
        return Err(ApiError::KeyInFlight);
    };
    let mut response = Response::new(Body::from(stored.body.unwrap_or_default()));
    *response.status_mut() = StatusCode::from_u16(status as u16).unwrap_or(StatusCode::OK);
    let headers = response.headers_mut();
    if let Some(content_type) = stored
        .content_type
        .and_then(|v| HeaderValue::try_from(v).ok())
    {
        headers.insert(header::CONTENT_TYPE, content_type);
    }
    headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
    Ok(Claim::Replay(response))
}

/// Stores the answer for the key, or frees the key after a server error.
async fn keep(
    state: &AppState,
    token: i64,
    key: &str,
    response: Response,
) -> Result<Response, ApiError> {
    let status = response.status();
    if status.is_server_error() {
        sqlx::query!(
            "DELETE FROM api_idempotency WHERE token_id = $1 AND key = $2",
            token,
            key
        )
        .execute(&state.db)
        .await?;
        return Ok(response);
    }
    let (parts, body) = response.into_parts();
    let body = to_bytes(body, usize::MAX)
        .await
        .map_err(|error| ApiError::Service(crate::Error::internal(error)))?;
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    sqlx::query!(
        "UPDATE api_idempotency SET status = $3, content_type = $4, body = $5
         WHERE token_id = $1 AND key = $2",
        token,
        key,
        status.as_u16() as i16,
        content_type,
        body.as_ref(),
    )
    .execute(&state.db)
    .await?;
    Ok(Response::from_parts(parts, Body::from(body)))
}
