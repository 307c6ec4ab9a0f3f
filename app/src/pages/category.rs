//! `/c/{category}`: the listing of one category and its sub-categories.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::{
    api::catalog::facets::category_title,
    components::{canonical::Canonical, error_view::ErrorView, listing::Listing},
    i18n::{msg, use_lang},
};

#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("category").unwrap_or_default();
    let name = Resource::new(slug, category_title);
    let lang = use_lang();
    view! {
        <section class="container section">
            <Suspense fallback=move || view! { <p class="loading" role="status">{lang.t(msg::LOADING)}</p> }>
                {move || Suspend::new(async move {
                    let slug = slug();
                    match name.await {
                        Ok(name) => view! {
                            <Title text=name.clone() />
                            <Meta name="description" content=lang.t_args(msg::CATEGORY_DESCRIPTION, &[("category", name.clone().into())]) />
                            <Meta property="og:title" content=format!("{name} · Bazaar") />
                            <Canonical path=format!("/c/{slug}") />
                            <h1>{name}</h1>
                            <Listing base=format!("/c/{slug}") fixed="category" fixed_value=slug />
                        }
                            .into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
