//! What the server knows of the request that rendered a page, for the page
//! to show: the id a person quotes to support when something went wrong.

use leptos::prelude::*;

use crate::error::AppError;

/// The id the server gave the request that rendered this page.
#[server]
pub async fn current_request_id() -> Result<String, AppError> {
    let parts = use_context::<http::request::Parts>().ok_or(AppError::Internal)?;
    Ok(server::http::errors::request_id(&parts.headers))
}
