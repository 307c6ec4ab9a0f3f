//! A receipt as a PDF: `/account/orders/{number}/receipts/{id}/pdf` for the
//! customer, `/orders/{number}/receipts/{id}/pdf?key=…` for a guest's signed
//! link, `/seller/orders/{id}/receipt/pdf` for the store's seller.

use axum::{
    extract::{Path, Query, State},
    response::{IntoResponse, Redirect, Response},
};
use http::{header, request::Parts};
use tower_sessions::Session;

use super::errors;
use crate::{
    AppState, Error, Result,
    accounts::sessions,
    orders::receipts::{self, Receipt},
    request::RequestMeta,
    seller::signed_in_seller,
};

pub async fn customer_pdf(
    State(state): State<AppState>,
    session: Session,
    Path((number, id)): Path<(String, i64)>,
    parts: Parts,
) -> Response {
    let receipt = async {
        let user = sessions::current_user(&state.db, &state.config, &session)
            .await?
            .ok_or(Error::Unauthorized)?;
        receipts::for_customer(&state.db, user.id, &number, id).await
    };
    answer(receipt.await, &format!("/account/orders/{number}"), &parts)
}

/// The signed link's key of a guest order.
#[derive(serde::Deserialize)]
pub struct GuestKey {
    #[serde(default)]
    key: String,
}

pub async fn guest_pdf(
    State(state): State<AppState>,
    Path((number, id)): Path<(String, i64)>,
    Query(GuestKey { key }): Query<GuestKey>,
    parts: Parts,
) -> Response {
    let receipt =
        receipts::for_guest(&state.db, &state.config.secrets_key, &number, &key, id).await;
    answer(receipt, &format!("/orders/{number}?key={key}"), &parts)
}

pub async fn seller_pdf(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    parts: Parts,
) -> Response {
    let receipt = async {
        let meta = RequestMeta::new(&parts.headers, &parts.extensions);
        let (_, scope) = signed_in_seller(&state, &session, &meta).await?;
        receipts::for_store(&state.db, scope.store_id(), id).await
    };
    answer(receipt.await, &format!("/seller/orders/{id}"), &parts)
}

/// The PDF, or the sign-in page that leads back to `page`, or the refusal.
fn answer(receipt: Result<Receipt>, page: &str, parts: &Parts) -> Response {
    match receipt {
        Ok(receipt) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", receipt.file_name()),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
            ],
            receipts::pdf(&receipt),
        )
            .into_response(),
        Err(Error::Unauthorized) => {
            let next: String = url::form_urlencoded::byte_serialize(page.as_bytes()).collect();
            Redirect::to(&format!("/login?next={next}")).into_response()
        }
        Err(error) => errors::refusal(error, &parts.headers),
    }
}
