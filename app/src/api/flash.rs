//! The one-time feedback a plain form post leaves in the session, taken by
//! the page it redirects back to (see `crate::forms`).

use leptos::prelude::*;

use crate::{error::AppError, forms::Feedback};

/// Takes (and so removes) the flash a plain form post left for `form`.
#[server]
pub async fn take_flash(form: String) -> Result<Option<Feedback>, AppError> {
    Ok(crate::forms::ssr::take(&form).await)
}
