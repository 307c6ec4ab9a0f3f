//! Bazaar's user interface: the document shell, the routes and their pages.
//! Pages call thin server functions, which call `server` services under `ssr`.

// Deeply nested view types exceed the default limit when components are not erased.
#![recursion_limit = "256"]

pub mod catalog;
pub mod components;
pub mod error;
pub mod pages;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

use crate::{
    components::layout::Layout,
    pages::{home::HomePage, not_found::NotFound, product::ProductPage, products::ProductsPage},
};

/// The HTML document every page is rendered into on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    provide_request_nonce();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#1f4d3a" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <leptos_meta::HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Hands the nonce of this request's Content Security Policy (chosen by the
/// security-headers middleware) to Leptos, which stamps it on its scripts.
#[cfg(feature = "ssr")]
fn provide_request_nonce() {
    use server::http::security_headers::CspNonce;
    let nonce = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(nonce)) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
}

/// The application: every storefront page in the common layout.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Marks the document once hydrated, for tests and for styles that only
    // apply when the page is interactive.
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Title formatter=|title: String| {
            if title.is_empty() { "Bazaar".to_owned() } else { format!("{title} · Bazaar") }
        } />
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/products") view=ProductsPage ssr=SsrMode::Async />
                    <Route path=path!("/p/:slug") view=ProductPage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
