//! Bazaar's user interface: the document shell, the routes and their pages.
//! Pages call thin server functions, which call `server` services under `ssr`.

// Deeply nested view types exceed the default limit when components are not erased.
#![recursion_limit = "256"]

pub mod accounts;
pub mod admin;
pub mod cart;
pub mod catalog;
pub mod components;
pub mod error;
pub mod forms;
pub mod orders;
pub mod pages;
pub mod seller;
#[cfg(feature = "ssr")]
pub mod session;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

use crate::{
    components::layout::Layout,
    pages::{
        accounts::{
            account::AccountPage,
            forgot_password::ForgotPasswordPage,
            login::LoginPage,
            orders::{OrderPage, OrdersPage},
            register::RegisterPage,
            reset_password::ResetPasswordPage,
            security::SecurityPage,
            verify_email::VerifyEmailPage,
        },
        admin::{
            audit::AdminAuditPage,
            categories::AdminCategoriesPage,
            home::{AdminAreaPage, AdminHomePage},
            orders::{AdminOrderPage, AdminOrdersPage},
            stores::{AdminStorePage, AdminStoresPage},
            users::{AdminUserPage, AdminUsersPage},
        },
        cart::CartPage,
        category::CategoryPage,
        checkout::{CheckoutCancelPage, CheckoutPage, CheckoutSuccessPage},
        dev_mail::DevMailPage,
        home::HomePage,
        not_found::NotFound,
        product::ProductPage,
        products::ProductsPage,
        seller::{
            home::{SellerAreaPage, SellerHomePage},
            onboarding::OnboardingPage,
            orders::{SellerOrderPage, SellerOrdersPage},
            product_editor::ProductEditorPage,
            products::SellerProductsPage,
            settings::SellerSettingsPage,
            stats::SellerStatsPage,
        },
        store::StorePage,
    },
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
                    <Route path=path!("/c/:category") view=CategoryPage ssr=SsrMode::Async />
                    <Route path=path!("/s/:store") view=StorePage ssr=SsrMode::Async />
                    <Route path=path!("/p/:slug") view=ProductPage ssr=SsrMode::Async />
                    <Route path=path!("/cart") view=CartPage ssr=SsrMode::Async />
                    <Route path=path!("/checkout") view=CheckoutPage ssr=SsrMode::Async />
                    <Route path=path!("/checkout/success") view=CheckoutSuccessPage ssr=SsrMode::Async />
                    <Route path=path!("/checkout/cancel") view=CheckoutCancelPage ssr=SsrMode::Async />
                    <Route path=path!("/register") view=RegisterPage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/verify-email") view=VerifyEmailPage ssr=SsrMode::Async />
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/reset-password") view=ResetPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/account/security") view=SecurityPage ssr=SsrMode::Async />
                    <Route path=path!("/account/orders") view=OrdersPage ssr=SsrMode::Async />
                    <Route path=path!("/account/orders/:number") view=OrderPage ssr=SsrMode::Async />
                    <Route path=path!("/seller") view=SellerHomePage ssr=SsrMode::Async />
                    <Route path=path!("/seller/onboarding") view=OnboardingPage ssr=SsrMode::Async />
                    <Route path=path!("/seller/products") view=SellerProductsPage ssr=SsrMode::Async />
                    <Route path=path!("/seller/products/new") view=ProductEditorPage ssr=SsrMode::Async />
                    <Route path=path!("/seller/products/:id") view=ProductEditorPage ssr=SsrMode::Async />
                    <Route path=path!("/seller/orders") view=SellerOrdersPage ssr=SsrMode::Async />
                    <Route path=path!("/seller/orders/:id") view=SellerOrderPage ssr=SsrMode::Async />
                    <Route path=path!("/seller/stats") view=SellerStatsPage ssr=SsrMode::Async />
                    <Route path=path!("/seller/settings") view=SellerSettingsPage ssr=SsrMode::Async />
                    <Route path=path!("/seller/*rest") view=SellerAreaPage ssr=SsrMode::Async />
                    <Route path=path!("/admin") view=AdminHomePage ssr=SsrMode::Async />
                    <Route path=path!("/admin/users") view=AdminUsersPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/users/:id") view=AdminUserPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/stores") view=AdminStoresPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/stores/:id") view=AdminStorePage ssr=SsrMode::Async />
                    <Route path=path!("/admin/categories") view=AdminCategoriesPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/orders") view=AdminOrdersPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/orders/:number") view=AdminOrderPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view=AdminAuditPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/*rest") view=AdminAreaPage ssr=SsrMode::Async />
                    <Route path=path!("/_dev/mail") view=DevMailPage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
