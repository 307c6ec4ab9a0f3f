//! How a page shows an error: a friendly message, the right HTTP status, and
//! the request id to quote to support.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Redirect, hooks::use_location};

use texts::msg;

use crate::{api::request::current_request_id, error::AppError, i18n::use_lang};

/// A whole-page error with the status it stands for.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    match error {
        AppError::Unauthorized => return view! { <SignInFirst /> }.into_any(),
        AppError::SecondStepRequired => return view! { <SecondStepFirst /> }.into_any(),
        _ => {}
    }
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = http::StatusCode::from_u16(error.status())
    {
        response.set_status(status);
    }
    let lang = use_lang();
    let heading = lang.t(match &error {
        AppError::NotFound => msg::ERROR_TITLE_NOT_FOUND,
        AppError::Unavailable(_) => msg::ERROR_TITLE_UNAVAILABLE,
        AppError::Forbidden | AppError::SecondStepRequired => msg::ERROR_TITLE_NOT_ALLOWED,
        AppError::Unauthorized => msg::ERROR_TITLE_SIGN_IN,
        _ => msg::ERROR_TITLE_OTHER,
    });
    let request_id = Resource::new(|| (), |_| current_request_id());
    view! {
        <Title text=heading.clone() />
        <section class="error-page container">
            <h1>{heading}</h1>
            <p>{error.message(lang)}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    request_id
                        .await
                        .ok()
                        .map(|id| {
                            view! {
                                <p class="muted">
                                    {lang.t(msg::ERROR_REQUEST_ID)} " " <code>{id}</code>
                                </p>
                            }
                        })
                })}
            </Suspense>
            <p>
                <a class="button" href=lang.path("/")>{lang.t(msg::ERROR_BACK_TO_SHOP)}</a>
            </p>
        </section>
    }
    .into_any()
}

/// Sends an anonymous visitor to sign in, and back here afterwards.
#[component]
fn SignInFirst() -> impl IntoView {
    let path = format!("/login?next={}", here());
    view! { <Redirect path /> }
}

/// Sends a person who needs a second sign-in step to set one up, with the
/// way back here.
#[component]
fn SecondStepFirst() -> impl IntoView {
    let path = format!(
        "/account/security?second_step=required&next={}#two-step",
        here()
    );
    view! { <Redirect path /> }
}

/// The page being shown, encoded for a query string.
fn here() -> String {
    let location = use_location();
    let (path, search) = (
        location.pathname.get_untracked(),
        location.search.get_untracked(),
    );
    // The router keeps the query without its `?`.
    let here = if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    };
    form_urlencoded::byte_serialize(here.as_bytes()).collect()
}
