//! `/seller`: the seller admin's start page. Any other `/seller/…` path not
//! built yet answers after the same permission check.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{components::error_view::ErrorView, error::AppError, seller::my_store};

#[component]
pub fn SellerHomePage() -> impl IntoView {
    let store = Resource::new(|| (), |_| my_store());
    view! {
        <Title text="Your store" />
        <section class="container section stack">
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match store.await {
                        Ok(store) => view! {
                            <h1>{store.name.clone()}</h1>
                            <p>
                                "You are the " {store.role.clone()} " of this store. Shoppers find it at "
                                <a href=format!("/s/{}", store.slug)>{format!("/s/{}", store.slug)}</a> "."
                            </p>
                            <nav class="link-row" aria-label="Seller admin">
                                <a href="/seller/products">"Products"</a>
                                <a href="/seller/orders">"Orders"</a>
                                <a href="/seller/stats">"Statistics"</a>
                                <a href="/seller/products/new">"Add a product"</a>
                            </nav>
                        }
                            .into_any(),
                        Err(AppError::Forbidden) => view! { <NotASeller /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
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
