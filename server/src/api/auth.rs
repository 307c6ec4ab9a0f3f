//! Who an API request acts for: a bearer token, checked once per request
//! by [`authenticate`], which also spends the token's request budget and
//! names the token on the request's span and in its audit rows.

use axum::{
    extract::{FromRequestParts, Request, State},
    http::{HeaderValue, header, request::Parts},
    middleware::Next,
    response::{IntoResponse, Response},
};

use super::problem::ApiError;
use crate::{
    AppState, Error,
    accounts::api_tokens::{self, Caller, Scope},
    http::rate_limit::{self, Bucket},
    request::{RequestMeta, client_ip},
    seller::StoreScope,
};

/// Authenticates the bearer token a request carries, if any, and leaves the
/// [`Caller`] and the [`RequestMeta`] naming its token in the request's
/// extensions. A request without a token goes on as anonymous; a bad
/// token is refused, and counted against the client's per-IP budget.
pub async fn authenticate(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let mut meta = RequestMeta::new(request.headers(), request.extensions());
    let Some(authorization) = request.headers().get(header::AUTHORIZATION) else {
        request.extensions_mut().insert(meta);
        return next.run(request).await;
    };
    let secret = authorization
        .to_str()
        .ok()
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or_default()
        .to_owned();
    let caller = match api_tokens::authenticate(&state.db, &meta, &secret).await {
        Ok(caller) => caller,
        Err(error) => {
            let ip = client_ip(request.extensions());
            let request_id = meta.request_id.clone().unwrap_or_default();
            if let Some(refusal) =
                rate_limit::refusal(&state, ip, Bucket::Pages, &request_id, true).await
            {
                return refusal;
            }
            return ApiError::from(error).into_response();
        }
    };
    tracing::Span::current().record("api_token", caller.token_id);
    meta.api_token = Some(caller.token_id);
    let limit = u64::from(state.config.api_rate_limit_per_minute);
    let spent = if limit == 0 {
        None
    } else {
        // Named by the secret's hash, which is unique wherever Redis is shared.
        rate_limit::spend(
            &state.redis,
            &format!("bazaar:rate:api-token:{}", budget_name(&secret)),
        )
        .await
    };
    if let Some(spent) = spent
        && spent.count > limit
    {
        return ApiError::RateLimited {
            limit,
            retry_after: spent.reset_secs,
        }
        .into_response();
    }
    request.extensions_mut().insert(meta);
    request.extensions_mut().insert(caller);
    let mut response = next.run(request).await;
    if let Some(spent) = spent {
        let headers = response.headers_mut();
        headers.insert("ratelimit-limit", HeaderValue::from(limit));
        headers.insert(
            "ratelimit-remaining",
            HeaderValue::from(limit.saturating_sub(spent.count)),
        );
        headers.insert("ratelimit-reset", HeaderValue::from(spent.reset_secs));
    }
    response
}

/// A name for a token's budget that says nothing of its secret.
fn budget_name(secret: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(&Sha256::digest(secret.as_bytes())[..12])
}

/// The token of a request that needs one, and the scope it must carry.
pub struct Token(pub Caller);

impl Token {
    /// The caller, when its token carries `scope`.
    pub fn with(self, scope: Scope) -> Result<Caller, ApiError> {
        if self.0.may(scope) {
            Ok(self.0)
        } else {
            Err(ApiError::MissingScope(scope))
        }
    }

    /// The store a seller's token acts for, when it carries `scope`.
    pub fn store(self, scope: Scope) -> Result<StoreScope, ApiError> {
        Ok(StoreScope::of_token(&self.with(scope)?)?)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Token {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Caller>()
            .cloned()
            .map(Self)
            .ok_or(ApiError::Service(Error::Unauthorized))
    }
}

/// The request's [`RequestMeta`], naming its token when it has one.
pub struct Meta(pub RequestMeta);

impl<S: Send + Sync> FromRequestParts<S> for Meta {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(
            parts
                .extensions
                .get::<RequestMeta>()
                .cloned()
                .unwrap_or_else(|| RequestMeta::new(&parts.headers, &parts.extensions)),
        ))
    }
}
