//! `/`: what is new across all stores.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::{
    api::catalog::{filters::Filters, products::list_products},
    components::{error_view::ErrorView, product_grid::ProductGrid},
};

/// How many new products the home page shows.
const NEW_PRODUCTS: usize = 12;

#[component]
pub fn HomePage() -> impl IntoView {
    let products = Resource::new(|| (), |_| list_products(Filters::default()));
    view! {
        <Title text="" />
        <Meta
            name="description"
            content="Bazaar brings independent stores together: browse, search and buy from many makers in one checkout."
        />
        <section class="hero">
            <div class="container">
                <h1>"Independent stores, one checkout"</h1>
                <p class="hero__lead">
                    "Knitwear, ceramics, paper goods and more, straight from the people who make them."
                </p>
                <a class="button button--primary" href="/products">"Browse all products"</a>
            </div>
        </section>
        <section class="container section" aria-labelledby="new-heading">
            <h2 id="new-heading">"New in"</h2>
            <Suspense fallback=|| view! { <p class="loading" role="status">"Loading products…"</p> }>
                {move || Suspend::new(async move {
                    match products.await {
                        Ok(listing) if listing.items.is_empty() => {
                            view! { <p class="empty">"No products yet. Check back soon."</p> }.into_any()
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
