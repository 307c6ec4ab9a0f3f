//! `/products`: every published product, searchable and filtered.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::{
    components::{canonical::Canonical, listing::Listing},
    i18n::{msg, use_lang},
};

#[component]
pub fn ProductsPage() -> impl IntoView {
    let query = use_query_map();
    let lang = use_lang();
    // The document title is read again after the page's reactive scope is
    // gone, so this must not panic on a disposed query: `try_with` gives None.
    let heading = move || {
        let text = query
            .try_with(|query| query.get("q").filter(|q| !q.trim().is_empty()))
            .flatten();
        match text {
            Some(text) => lang.t_args(msg::RESULTS_FOR, &[("words", text.into())]),
            None => lang.t(msg::ALL_PRODUCTS),
        }
    };
    view! {
        <Title text=heading />
        <Meta name="description" content=lang.t(msg::ALL_PRODUCTS_DESCRIPTION) />
        <Meta property="og:title" content=format!("{} · Bazaar", lang.t(msg::ALL_PRODUCTS)) />
        <Canonical path="/products" />
        <section class="container section">
            <h1>{heading}</h1>
            <Listing base="/products".to_owned() />
        </section>
    }
}
