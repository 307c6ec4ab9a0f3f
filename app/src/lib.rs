//! Bazaar's user interface: the document shell, the routes and their pages.
//! Pages call the thin server functions of `api`, which call `server`
//! services under `ssr`.

// Deeply nested view types exceed the default limit when components are not erased.
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod error;
mod escape;
pub mod forms;
pub mod i18n;
pub mod live;
pub mod pages;
mod passkey;
#[cfg(feature = "ssr")]
pub mod session;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::{
    Lazy, SsrMode,
    components::{Route, Router, Routes},
    path,
};

use crate::{
    components::layout::Layout,
    pages::{
        AccountRoute, AddressesRoute, AdminAreaRoute, AdminAuditRoute, AdminCategoriesRoute,
        AdminHomeRoute, AdminMailRoute, AdminOrderRoute, AdminOrdersRoute, AdminStoreRoute,
        AdminStoresRoute, AdminUserRoute, AdminUsersRoute, AdminVatRoute, ApiTokensRoute,
        CartRoute, CheckoutCancelRoute, CheckoutRoute, CheckoutSuccessRoute, DevMailRoute,
        ForgotPasswordRoute, GuestOrderRoute, GuestReceiptRoute, LoginRoute, OnboardingRoute,
        OrderRoute, OrdersRoute, ProductEditorRoute, ProductRoute, ReceiptRoute, RegisterRoute,
        ResetPasswordRoute, SecurityRoute, SellerAreaRoute, SellerHomeRoute, SellerOrderRoute,
        SellerOrdersRoute, SellerProductsRoute, SellerReceiptRoute, SellerSettingsRoute,
        SellerShippingRoute, SellerStatsRoute, SellerWebhooksRoute, VerifyEmailRoute,
        category::CategoryPage, home::HomePage, not_found::NotFound, products::ProductsPage,
        store::StorePage,
    },
};

/// The HTML document every page is rendered into on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    provide_request_nonce();
    view! {
        <!DOCTYPE html>
        <html lang=i18n::page_lang().code()>
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

/// Every page's `<title>`: its own text, then the site's name; the one
/// place titles are escaped (see `escape`).
fn page_title(title: String) -> String {
    escape::unescaped_element_text(if title.is_empty() {
        "Bazaar".to_owned()
    } else {
        format!("{title} · Bazaar")
    })
}

/// The application: every storefront page in the common layout.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Marks the document once hydrated, for tests and for styles that only
    // apply when the page is interactive; then fetches the product page.
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
        #[cfg(feature = "hydrate")]
        pages::prefetch_product_page();
    });
    let (is_routing, set_is_routing) = signal(false);
    let lang = i18n::page_lang();
    provide_context(lang);
    view! {
        <Title formatter=page_title />
        <Router base=lang.prefix() set_is_routing>
            <Layout is_routing>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/products") view=ProductsPage ssr=SsrMode::Async />
                    <Route path=path!("/c/:category") view=CategoryPage ssr=SsrMode::Async />
                    <Route path=path!("/s/:store") view=StorePage ssr=SsrMode::Async />
                    <Route path=path!("/p/:slug") view={Lazy::<ProductRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/cart") view={Lazy::<CartRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/checkout") view={Lazy::<CheckoutRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/checkout/success") view={Lazy::<CheckoutSuccessRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/checkout/cancel") view={Lazy::<CheckoutCancelRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/orders/:number") view={Lazy::<GuestOrderRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/orders/:number/receipts/:id") view={Lazy::<GuestReceiptRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/register") view={Lazy::<RegisterRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/login") view={Lazy::<LoginRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/verify-email") view={Lazy::<VerifyEmailRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/forgot-password") view={Lazy::<ForgotPasswordRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/reset-password") view={Lazy::<ResetPasswordRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account") view={Lazy::<AccountRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account/security") view={Lazy::<SecurityRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account/tokens") view={Lazy::<ApiTokensRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account/orders") view={Lazy::<OrdersRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account/addresses") view={Lazy::<AddressesRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account/orders/:number") view={Lazy::<OrderRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account/orders/:number/receipts/:id") view={Lazy::<ReceiptRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/seller") view={Lazy::<SellerHomeRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/seller/onboarding") view={Lazy::<OnboardingRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/seller/products") view={Lazy::<SellerProductsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/seller/products/new") view={Lazy::<ProductEditorRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/seller/products/:id") view={Lazy::<ProductEditorRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/seller/orders") view={Lazy::<SellerOrdersRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/seller/orders/:id") view={Lazy::<SellerOrderRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/seller/orders/:id/receipt") view={Lazy::<SellerReceiptRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/seller/stats") view={Lazy::<SellerStatsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/seller/settings") view={Lazy::<SellerSettingsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/seller/settings/webhooks") view={Lazy::<SellerWebhooksRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/seller/settings/shipping") view={Lazy::<SellerShippingRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/seller/*rest") view={Lazy::<SellerAreaRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin") view={Lazy::<AdminHomeRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/users") view={Lazy::<AdminUsersRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/users/:id") view={Lazy::<AdminUserRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/stores") view={Lazy::<AdminStoresRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/stores/:id") view={Lazy::<AdminStoreRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/categories") view={Lazy::<AdminCategoriesRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/orders") view={Lazy::<AdminOrdersRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/orders/:number") view={Lazy::<AdminOrderRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view={Lazy::<AdminAuditRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/mail") view={Lazy::<AdminMailRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/vat") view={Lazy::<AdminVatRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/*rest") view={Lazy::<AdminAreaRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/_dev/mail") view={Lazy::<DevMailRoute>::new()} ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
