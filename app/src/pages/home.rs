//! `/`: what is new across all stores.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::{
    api::catalog::{filters::Filters, products::list_products},
    components::{error_view::ErrorView, product_grid::ProductGrid},
    i18n::{msg, use_lang},
};

/// How many new products the home page shows.
const NEW_PRODUCTS: usize = 12;

#[component]
pub fn HomePage() -> impl IntoView {
    let products = Resource::new(|| (), |_| list_products(Filters::default()));
    let lang = use_lang();
    view! {
        <Title text="" />
        <Meta name="description" content=lang.t(msg::HOME_DESCRIPTION) />
        <section class="hero">
            <div class="container">
                <h1>{lang.t(msg::HOME_TITLE)}</h1>
                <p class="hero__lead">{lang.t(msg::HOME_LEAD)}</p>
                <a class="button button--primary" href=lang.path("/products")>
                    {lang.t(msg::BROWSE_ALL_PRODUCTS)}
                </a>
            </div>
        </section>
        <section class="container section" aria-labelledby="new-heading">
            <h2 id="new-heading">{lang.t(msg::NEW_IN)}</h2>
            <Suspense fallback=move || view! { <p class="loading" role="status">{lang.t(msg::LOADING_PRODUCTS)}</p> }>
                {move || Suspend::new(async move {
                    match products.await {
                        Ok(listing) if listing.items.is_empty() => {
                            view! { <p class="empty">{lang.t(msg::NO_PRODUCTS_YET)}</p> }.into_any()
                        }
                        Ok(listing) => {
                            let newest = listing.items.into_iter().take(NEW_PRODUCTS).collect();
                            view! { <ProductGrid products=newest /> }.into_any()
                        }
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
