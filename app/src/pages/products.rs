//! `/products`: every published product, searchable and filtered by
//! category, page by page. The query string holds the whole state, so a
//! listing can be shared and works without JavaScript.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::{
    catalog::{ProductListing, list_products},
    components::{error_view::ErrorView, product_grid::ProductGrid},
};

#[component]
pub fn ProductsPage() -> impl IntoView {
    let query = use_query_map();
    let filters = move || {
        let query = query.read();
        let text = query.get("q").filter(|q| !q.trim().is_empty());
        let category = query.get("category").filter(|c| !c.is_empty());
        let page = query
            .get("page")
            .and_then(|p| p.parse::<i64>().ok())
            .filter(|p| *p >= 1);
        (text, category, page)
    };
    let listing = Resource::new(filters, |(text, category, page)| {
        list_products(text, category, page)
    });
    // The document title is read again after the page's reactive scope is
    // gone, so this must not panic on a disposed query: `try_with` gives None.
    let heading = move || {
        let text = query
            .try_with(|query| query.get("q").filter(|q| !q.trim().is_empty()))
            .flatten();
        match text {
            Some(text) => format!("Results for “{text}”"),
            None => "All products".to_owned(),
        }
    };
    view! {
        <Title text=heading />
        <Meta name="description" content="Browse and search products from every store on Bazaar." />
        <section class="container section">
            <h1>{heading}</h1>
            <Suspense fallback=|| view! { <p class="loading" role="status">"Loading products…"</p> }>
                {move || Suspend::new(async move {
                    match listing.await {
                        Ok(listing) => view! { <Results listing filters=filters() /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Results(
    listing: ProductListing,
    filters: (Option<String>, Option<String>, Option<i64>),
) -> impl IntoView {
    let (text, category, _) = filters;
    if listing.items.is_empty() {
        return view! {
            <div class="empty">
                <p role="status">"No products match your search."</p>
                <p>"Try fewer or different words, or " <a href="/products">"browse everything"</a> "."</p>
            </div>
        }
        .into_any();
    }
    let page_link = move |page: i64| {
        let mut params = Vec::new();
        if let Some(text) = &text {
            params.push(format!("q={}", encode(text)));
        }
        if let Some(category) = &category {
            params.push(format!("category={}", encode(category)));
        }
        params.push(format!("page={page}"));
        format!("/products?{}", params.join("&"))
    };
    let count = match listing.total {
        1 => "1 product".to_owned(),
        n => format!("{n} products"),
    };
    let previous = (listing.page > 1).then(|| page_link(listing.page - 1));
    let next = (listing.page < listing.page_count).then(|| page_link(listing.page + 1));
    view! {
        <p class="result-count" role="status">{count}</p>
        <ProductGrid products=listing.items />
        <nav class="pagination" aria-label="Pages">
            {previous.map(|href| view! { <a class="button" href=href rel="prev">"Previous page"</a> })}
            <span>{format!("Page {} of {}", listing.page, listing.page_count)}</span>
            {next.map(|href| view! { <a class="button" href=href rel="next">"Next page"</a> })}
        </nav>
    }
    .into_any()
}

/// Percent-encodes a query-string value.
fn encode(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                encoded.push(byte as char)
            }
            b' ' => encoded.push('+'),
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}
