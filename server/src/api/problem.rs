//! Errors as `application/problem+json` (RFC 9457): a stable `code`, a
//! human `detail`, and for invalid input every bad field at once.

use axum::{
    Json,
    extract::{
        FromRequest, FromRequestParts, Request,
        rejection::{JsonRejection, QueryRejection},
    },
    http::{HeaderValue, StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
};
use serde::{Serialize, de::DeserializeOwned};
use utoipa::ToSchema;

use texts::{Lang, Text, msg};

use crate::{Error, accounts::api_tokens::Scope};

tokio::task_local! {
    /// The language a request's `Accept-Language` asks for: problems'
    /// `detail` and field messages are written in it.
    static LANG: Lang;
}

/// Answers the request in the language its `Accept-Language` prefers
/// (English when it names none Bazaar speaks); the `code`s stay the same.
pub async fn in_readers_language(request: Request, next: axum::middleware::Next) -> Response {
    let lang = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .map(Lang::negotiate)
        .unwrap_or_default();
    LANG.scope(lang, next.run(request)).await
}

fn readers_language() -> Lang {
    LANG.try_with(|lang| *lang).unwrap_or_default()
}

/// What went wrong with a request.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "about:blank", "title": "Unprocessable Content", "status": 422,
    "code": "invalid", "detail": "Some fields are not valid.",
    "errors": [{ "field": "items[0].sku", "code": "invalid", "message": "Your store has no variant with SKU MUG-9." }]
}))]
pub struct Problem {
    /// Always `about:blank`: `code` tells problems apart.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: String,
    pub status: u16,
    /// Stable, for programs: `invalid`, `not_found`, `missing_scope`, …
    pub code: &'static str,
    /// For people.
    pub detail: String,
    /// Every invalid field, for `code: invalid`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// One invalid field of a request.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldError {
    /// The field's path in the request, such as `items[3].sku`; empty for the whole request.
    pub field: String,
    pub code: &'static str,
    pub message: String,
}

/// An API request's failure; every handler answers `Result<_, ApiError>`.
#[derive(Debug)]
pub enum ApiError {
    /// A domain service's refusal.
    Service(Error),
    /// The token lacks the scope an endpoint needs.
    MissingScope(Scope),
    /// `If-Match` names a version that is no longer current.
    Stale,
    /// The request itself cannot be read.
    Malformed { status: StatusCode, detail: String },
    /// An `Idempotency-Key` sent again with another request.
    KeyReused,
    /// An `Idempotency-Key` whose first request is still running.
    KeyInFlight,
    /// Over the token's request budget.
    RateLimited { limit: u64, retry_after: u64 },
}

impl From<Error> for ApiError {
    fn from(error: Error) -> Self {
        Self::Service(error)
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        Self::Service(error.into())
    }
}

impl ApiError {
    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::Malformed {
            status: StatusCode::BAD_REQUEST,
            detail: detail.into(),
        }
    }

    fn problem(&self, lang: Lang) -> Problem {
        let say = |text: Text| text.say(lang);
        let (status, code, detail, errors) = match self {
            Self::Service(Error::Invalid(problems)) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                lang.t(msg::API_INVALID),
                problems
                    .iter()
                    .map(|p| FieldError {
                        field: p.field.to_string(),
                        code: "invalid",
                        message: p.message.say(lang),
                    })
                    .collect(),
            ),
            Self::Service(Error::Unauthorized) => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                lang.t(msg::API_UNAUTHORIZED),
                Vec::new(),
            ),
            Self::Service(error) => (
                error.status(),
                error.code(),
                error.message(lang),
                Vec::new(),
            ),
            Self::MissingScope(scope) => (
                StatusCode::FORBIDDEN,
                "missing_scope",
                say(Text::from(msg::API_MISSING_SCOPE).with("scope", scope.as_str())),
                Vec::new(),
            ),
            Self::Stale => (
                StatusCode::PRECONDITION_FAILED,
                "stale",
                lang.t(msg::API_STALE),
                Vec::new(),
            ),
            // The parser's own words, in English: they name the spot it
            // could not read.
            Self::Malformed { status, detail } => {
                (*status, "malformed", detail.clone(), Vec::new())
            }
            Self::KeyReused => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency_key_reused",
                lang.t(msg::API_KEY_REUSED),
                Vec::new(),
            ),
            Self::KeyInFlight => (
                StatusCode::CONFLICT,
                "idempotency_key_in_use",
                lang.t(msg::API_KEY_IN_FLIGHT),
                Vec::new(),
            ),
            Self::RateLimited { limit, .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                say(Text::from(msg::API_RATE_LIMITED).with("limit", *limit)),
                Vec::new(),
            ),
        };
        Problem {
            kind: "about:blank",
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            code,
            detail,
            errors,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Self::Service(Error::Internal(error)) = &self {
            tracing::error!(%error, "API request failed");
        }
        let lang = readers_language();
        let problem = self.problem(lang);
        let status =
            StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, Json(problem)).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        headers.insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(lang.code()),
        );
        match self {
            Self::Service(Error::Unauthorized) => {
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            Self::Service(Error::TooManyRequests { retry_after_secs }) => {
                headers.insert(header::RETRY_AFTER, retry_after_secs.into());
            }
            Self::RateLimited { limit, retry_after } => {
                headers.insert(header::RETRY_AFTER, retry_after.into());
                headers.insert("ratelimit-limit", limit.into());
                headers.insert("ratelimit-remaining", 0.into());
                headers.insert("ratelimit-reset", retry_after.into());
            }
            Self::KeyInFlight => {
                headers.insert(header::RETRY_AFTER, 1.into());
            }
            _ => {}
        }
        response
    }
}

/// A JSON body whose rejections are problems: 415 without a JSON content
/// type, 400 for malformed JSON, 422 for JSON of the wrong shape.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(ApiError::Malformed {
                status: match &rejection {
                    JsonRejection::MissingJsonContentType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    JsonRejection::JsonDataError(_) => StatusCode::UNPROCESSABLE_ENTITY,
                    JsonRejection::BytesRejection(_) => StatusCode::PAYLOAD_TOO_LARGE,
                    _ => StatusCode::BAD_REQUEST,
                },
                detail: rejection.body_text(),
            }),
        }
    }
}

/// Query parameters whose rejection is a 400 problem.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| Self(value))
            .map_err(|rejection: QueryRejection| ApiError::bad_request(rejection.body_text()))
    }
}

/// Path parameters whose rejection is a 404 problem: a path that does not
/// parse names nothing.
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| Self(value))
            .map_err(|_| ApiError::Service(Error::NotFound))
    }
}
