//! `/s/{store}`: a store's page, with its products and the same filters.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{components::Redirect, hooks::use_params_map};

use crate::{
    api::catalog::facets::{StoreLookup, store_front},
    components::{canonical::Canonical, error_view::ErrorView, listing::Listing},
};

#[component]
pub fn StorePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("store").unwrap_or_default();
    let store = Resource::new(slug, store_front);
    view! {
        <section class="container section">
            <Suspense fallback=|| view! { <p class="loading" role="status">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match store.await {
                        Ok(StoreLookup::Moved(slug)) => view! { <Redirect path=format!("/s/{slug}") /> }.into_any(),
                        Ok(StoreLookup::Found(store)) => view! {
                            <Title text=store.name.clone() />
                            <Meta name="description" content=store.summary.clone() />
                            <Meta property="og:title" content=format!("{} · Bazaar", store.name) />
                            <Canonical path=format!("/s/{}", store.slug) />
                            <header class="store-header stack">
                                {store.logo.clone().map(|src| view! {
                                    <img class="store-logo" src=src alt="" width="96" height="96" />
                                })}
                                <h1>{store.name.clone()}</h1>
                                <div class="prose" inner_html=store.description_html.clone()></div>
                            </header>
                            <Listing base=format!("/s/{}", store.slug) fixed="store" fixed_value=store.slug.clone() />
                        }
                            .into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
