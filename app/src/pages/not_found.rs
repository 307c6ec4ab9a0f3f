//! Any path no route matches.

use leptos::prelude::*;

use crate::{components::error_view::ErrorView, error::AppError};

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorView error=AppError::NotFound /> }
}
