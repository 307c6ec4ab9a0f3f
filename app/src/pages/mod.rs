//! One module per page, named after its URL.
//!
//! The storefront's listings are in the browser bundle every visitor loads.
//! The other pages are grouped in areas (the product page, cart and
//! checkout, accounts, the seller admin, the platform admin, the dev
//! mailbox), each a part of the bundle of its own, fetched the first time
//! one of its pages is shown: a shopper browsing the catalog never
//! downloads the seller admin. The server renders every page as usual.

pub mod accounts;
pub mod admin;
pub mod cart;
pub mod category;
pub mod checkout;
pub mod dev_mail;
pub mod home;
pub mod not_found;
pub mod orders;
pub mod product;
pub mod products;
pub mod seller;
pub mod store;

/// An area of pages loaded on demand: `$area` (a `#[lazy]` function, split
/// into its own part of the bundle by `cargo leptos build --split`) renders
/// any of its pages, and each `$route` is the router's handle on one page.
/// A route loads its area before hydration reaches it, so the page hydrates
/// against the server's HTML at once.
macro_rules! lazy_area {
    ($area:ident, $preload:ident, $pages:ident { $($route:ident => $page:ident),* $(,)? }) => {
        #[derive(Clone, Copy)]
        pub enum $pages {
            $($route),*
        }

        #[leptos::lazy]
        fn $area(page: $pages) -> leptos::prelude::AnyView {
            use leptos::prelude::IntoAny;
            match page {
                $($pages::$route => leptos::view! { <$page /> }.into_any()),*
            }
        }

        $(
            pub struct $route;

            impl leptos_router::LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn preload() {
                    #[cfg(feature = "hydrate")]
                    $preload().await;
                }

                async fn view(_: Self) -> leptos::prelude::AnyView {
                    $area($pages::$route).await
                }
            }
        )*
    };
}

use accounts::{
    account::AccountPage,
    addresses::AddressesPage,
    api_tokens::ApiTokensPage,
    forgot_password::ForgotPasswordPage,
    login::LoginPage,
    orders::{OrderPage, OrdersPage},
    receipt::ReceiptPage,
    register::RegisterPage,
    reset_password::ResetPasswordPage,
    security::SecurityPage,
    verify_email::VerifyEmailPage,
};
use admin::{
    audit::AdminAuditPage,
    categories::AdminCategoriesPage,
    home::{AdminAreaPage, AdminHomePage},
    mail::AdminMailPage,
    orders::{AdminOrderPage, AdminOrdersPage},
    stores::{AdminStorePage, AdminStoresPage},
    users::{AdminUserPage, AdminUsersPage},
    vat::AdminVatPage,
};
use cart::CartPage;
use checkout::{CheckoutCancelPage, CheckoutPage, CheckoutSuccessPage};
use dev_mail::DevMailPage;
use orders::{GuestOrderPage, GuestReceiptPage};
use product::ProductPage;
use seller::{
    home::{SellerAreaPage, SellerHomePage},
    onboarding::OnboardingPage,
    orders::{SellerOrderPage, SellerOrdersPage},
    product_editor::ProductEditorPage,
    products::SellerProductsPage,
    receipt::SellerReceiptPage,
    settings::SellerSettingsPage,
    shipping::SellerShippingPage,
    stats::SellerStatsPage,
    webhooks::SellerWebhooksPage,
};

lazy_area!(product_area, __preload_product_area, ProductPages {
    ProductRoute => ProductPage,
});

/// Fetches the product page's part of the bundle once the browser is idle.
/// Nearly every storefront page links to products, so following one then
/// does not wait for a download, while the first page hydrates without it.
#[cfg(feature = "hydrate")]
pub fn prefetch_product_page() {
    leptos::prelude::request_idle_callback(|| {
        leptos::task::spawn_local(__preload_product_area());
    });
}

lazy_area!(checkout_area, __preload_checkout_area, CheckoutPages {
    CartRoute => CartPage,
    CheckoutRoute => CheckoutPage,
    CheckoutSuccessRoute => CheckoutSuccessPage,
    CheckoutCancelRoute => CheckoutCancelPage,
    GuestOrderRoute => GuestOrderPage,
    GuestReceiptRoute => GuestReceiptPage,
});

lazy_area!(account_area, __preload_account_area, AccountPages {
    RegisterRoute => RegisterPage,
    LoginRoute => LoginPage,
    VerifyEmailRoute => VerifyEmailPage,
    ForgotPasswordRoute => ForgotPasswordPage,
    ResetPasswordRoute => ResetPasswordPage,
    AccountRoute => AccountPage,
    SecurityRoute => SecurityPage,
    ApiTokensRoute => ApiTokensPage,
    OrdersRoute => OrdersPage,
    AddressesRoute => AddressesPage,
    OrderRoute => OrderPage,
    ReceiptRoute => ReceiptPage,
});

lazy_area!(seller_area, __preload_seller_area, SellerPages {
    SellerHomeRoute => SellerHomePage,
    OnboardingRoute => OnboardingPage,
    SellerProductsRoute => SellerProductsPage,
    ProductEditorRoute => ProductEditorPage,
    SellerOrdersRoute => SellerOrdersPage,
    SellerOrderRoute => SellerOrderPage,
    SellerReceiptRoute => SellerReceiptPage,
    SellerStatsRoute => SellerStatsPage,
    SellerSettingsRoute => SellerSettingsPage,
    SellerWebhooksRoute => SellerWebhooksPage,
    SellerShippingRoute => SellerShippingPage,
    SellerAreaRoute => SellerAreaPage,
});

lazy_area!(admin_area, __preload_admin_area, AdminPages {
    AdminHomeRoute => AdminHomePage,
    AdminUsersRoute => AdminUsersPage,
    AdminUserRoute => AdminUserPage,
    AdminStoresRoute => AdminStoresPage,
    AdminStoreRoute => AdminStorePage,
    AdminCategoriesRoute => AdminCategoriesPage,
    AdminOrdersRoute => AdminOrdersPage,
    AdminOrderRoute => AdminOrderPage,
    AdminAuditRoute => AdminAuditPage,
    AdminMailRoute => AdminMailPage,
    AdminVatRoute => AdminVatPage,
    AdminAreaRoute => AdminAreaPage,
});

lazy_area!(dev_area, __preload_dev_area, DevPages {
    DevMailRoute => DevMailPage,
});
