//! `POST /webhooks/stripe`: Stripe's reports of what happened to a payment.
//! Only a correctly signed, fresh event is read; each is applied once.

use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
};

use crate::{
    AppState, Error,
    orders::payment::{Applied, apply_event},
};

/// Answers 2xx once the event is applied (or was before, or is for a
/// session that is not Bazaar's), 400 for anything forged, stale or
/// malformed, 409 for a session of an order not visible yet, and 5xx when
/// applying failed: Stripe delivers those again later.
pub async fn stripe(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let signature = headers
        .get("stripe-signature")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let Ok(payload) = std::str::from_utf8(&body) else {
        return StatusCode::BAD_REQUEST;
    };
    let event = match state.payments.verify(payload, signature) {
        Ok(event) => event,
        Err(error) => {
            tracing::warn!(%error, "refused a Stripe webhook");
            return StatusCode::BAD_REQUEST;
        }
    };
    match apply_event(&state.db, &state.config, &event).await {
        Ok(Applied::Applied | Applied::Ignored) => StatusCode::OK,
        Ok(Applied::Duplicate) => {
            tracing::info!(
                event = event.id,
                "a Stripe event came again; already applied"
            );
            StatusCode::OK
        }
        Err(Error::NotFound) => {
            tracing::warn!(event = event.id, "a Stripe event for an unknown order");
            StatusCode::CONFLICT
        }
        Err(error) => {
            tracing::error!(event = event.id, %error, "applying a Stripe event failed");
            StatusCode::SERVICE_UNAVAILABLE
        }
    }
}
