//! The canonical link of a listing page, absolute as crawlers require.

use leptos::prelude::*;
use leptos_meta::Link;

/// `<link rel="canonical">` to `path` (unprefixed) in the page's language on
/// this site's public origin.
#[component]
pub fn Canonical(#[prop(into)] path: String) -> impl IntoView {
    let path = crate::i18n::use_lang().path(&path);
    view! { <Link rel="canonical" href=format!("{}{path}", site_origin()) /> }
}

/// The public origin: the configured `APP_URL` on the server, the page's
/// own origin in the browser (they are the same for a visitor).
pub fn site_origin() -> String {
    #[cfg(feature = "ssr")]
    let origin = use_context::<server::AppState>()
        .map(|state| state.config.app_url.clone())
        .unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let origin = window().location().origin().unwrap_or_default();
    origin
}
