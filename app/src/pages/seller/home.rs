//! `/seller`: the seller admin's start page with the store's day and month,
//! what waits to ship and what runs low. Any other `/seller/…` path not
//! built yet answers after the same permission check.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{NewOrdersNotice, orders_changed};
use crate::{
    api::seller::{
        dashboard::{DashboardView, seller_dashboard},
        my_store,
    },
    components::error_view::ErrorView,
    error::AppError,
};

#[component]
pub fn SellerHomePage() -> impl IntoView {
    let changed = orders_changed();
    let dashboard = Resource::new(move || changed.get(), |_| seller_dashboard());
    let unopened = Signal::derive(move || {
        dashboard
            .get()
            .and_then(Result::ok)
            .map(|dashboard| dashboard.unopened)
    });
    view! {
        <Title text="Your store" />
        <section class="container section stack">
            <NewOrdersNotice unopened />
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match dashboard.await {
                        Ok(dashboard) => view! { <Dashboard dashboard /> }.into_any(),
                        Err(AppError::Forbidden) => view! { <NotASeller /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Dashboard(dashboard: DashboardView) -> impl IntoView {
    let store = dashboard.store;
    let more_low = dashboard.low_stock_total - dashboard.low_stock.len() as i64;
    view! {
        <h1>{store.name.clone()}</h1>
        {(dashboard.status == "suspended").then(|| view! {
            <div class="alert alert--warning" role="status" data-testid="store-suspended">
                <p><strong>"The platform suspended this store: shoppers cannot see or buy its products."</strong></p>
                <p>{format!("Reason: {}", dashboard.status_reason)}</p>
                <p>"Your orders stay here. Reply to the platform's team to have the store reactivated."</p>
            </div>
        })}
        {(dashboard.status == "closed").then(|| view! {
            <p class="alert alert--info" role="status">"This store is closed: its products are no longer shown. Its orders stay here."</p>
        })}
        <p>
            "You are the " {store.role.clone()} " of this store. Shoppers find it at "
            <a href=format!("/s/{}", store.slug)>{format!("/s/{}", store.slug)}</a> "."
        </p>
        <nav class="link-row" aria-label="Seller admin">
            <a href="/seller/products">"Products"</a>
            <a href="/seller/orders">
                "Orders"
                {(dashboard.unopened > 0).then(|| view! {
                    " " <span class="cart-badge">{dashboard.unopened}</span>
                    <span class="visually-hidden">" new"</span>
                })}
            </a>
            <a href="/seller/stats">"Statistics"</a>
            <a href="/seller/products/new">"Add a product"</a>
            <a href="/seller/settings">"Settings"</a>
            <a href="/account/tokens">"API tokens"</a>
        </nav>
        <dl class="figures">
            <div class="figure" data-testid="dashboard-today">
                <dt>"Sales today"</dt>
                <dd class="figure-value">{dashboard.today}</dd>
                <dd class="muted">{format!("{} orders", dashboard.today_orders)}</dd>
            </div>
            <div class="figure" data-testid="dashboard-month">
                <dt>"Sales this month"</dt>
                <dd class="figure-value">{dashboard.month}</dd>
                <dd class="muted">{format!("{} orders, {} net", dashboard.month_orders, dashboard.month_net)}</dd>
            </div>
            <div class="figure" data-testid="dashboard-to-ship">
                <dt>"Waiting to ship"</dt>
                <dd class="figure-value">{dashboard.to_ship}</dd>
                <dd><a href="/seller/orders?status=paid">"Orders to ship"</a></dd>
            </div>
        </dl>
        <section class="stack" aria-labelledby="low-stock-heading">
            <h2 id="low-stock-heading">"Low stock"</h2>
            <p class="muted">
                {format!("Variants with {} or fewer in stock. ", dashboard.low_stock_threshold)}
                <a href="/seller/settings">"Change the threshold"</a>
            </p>
            {if dashboard.low_stock.is_empty() {
                view! { <p class="empty">"Nothing is running low."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain stack" data-testid="low-stock">
                        {dashboard.low_stock.into_iter().map(|low| view! {
                            <li>
                                <a href=format!("/seller/products/{}", low.product_id)>{low.title}</a>
                                {format!(" · {} · {} left", low.sku, low.stock)}
                            </li>
                        }).collect_view()}
                    </ul>
                    {(more_low > 0).then(|| view! {
                        <p class="muted">{format!("And {more_low} more.")}</p>
                    })}
                }
                .into_any()
            }}
        </section>
    }
}

/// A signed-in person without a store: a 403 with the way forward.
#[component]
fn NotASeller() -> impl IntoView {
    view! {
        <ErrorView error=AppError::Forbidden />
        <p class="container">
            "The seller admin is for store owners and their staff. "
            <a href="/seller/onboarding">"Open your own store"</a>
            "."
        </p>
    }
}

/// `/seller/*`: pages still to come answer 404, but only to sellers.
#[component]
pub fn SellerAreaPage() -> impl IntoView {
    let store = Resource::new(|| (), |_| my_store());
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match store.await {
                    Ok(_) => view! { <ErrorView error=AppError::NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
