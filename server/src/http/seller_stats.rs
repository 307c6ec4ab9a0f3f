//! `/seller/stats.csv?month=YYYY-MM`: the month's order lines of the
//! signed-in seller's own store, as a spreadsheet opens them.

use axum::{
    extract::{Query, State},
    response::{IntoResponse, Redirect, Response},
};
use http::{header, request::Parts};
use serde::Deserialize;
use tower_sessions::Session;

use super::errors;
use crate::{
    AppState, Error, Result,
    request::RequestMeta,
    seller::{
        signed_in_seller,
        stats::{self, Month},
    },
};

#[derive(Deserialize)]
pub struct MonthQuery {
    #[serde(default)]
    month: String,
}

pub async fn csv(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<MonthQuery>,
    parts: Parts,
) -> Response {
    match export(&state, &session, &query.month, &parts).await {
        Ok(response) => response,
        Err(Error::Unauthorized) => {
            // Back to the statistics after signing in; a month is digits
            // and a dash, safe in a URL as it is.
            let month = Month::parse(&query.month)
                .map(|month| format!("%3Fmonth%3D{month}"))
                .unwrap_or_default();
            Redirect::to(&format!("/login?next=%2Fseller%2Fstats{month}")).into_response()
        }
        Err(error) => errors::refusal(error, &parts.headers),
    }
}

async fn export(
    state: &AppState,
    session: &Session,
    month: &str,
    parts: &Parts,
) -> Result<Response> {
    let meta = RequestMeta::new(&parts.headers, &parts.extensions);
    let (user, scope) = signed_in_seller(state, session, &meta).await?;
    let time_zone = state.config.time_zone;
    let current = Month::current(time_zone);
    let month = Month::chosen(month, current)?;
    let lines = stats::lines(&state.db, scope, time_zone, month).await?;
    let body = stats::csv(&lines)?;
    let store = &user.stores[0].slug;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{store}-{month}.csv\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}
