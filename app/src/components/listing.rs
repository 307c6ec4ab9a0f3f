//! A product listing with its filter form, active-filter chips, result
//! count and pages. The query string holds the whole state: without
//! JavaScript the form is a plain GET form; hydrated, the router follows it
//! without a full reload.

use leptos::prelude::*;
use leptos_router::{components::Form, hooks::use_query_map};

use crate::{
    api::catalog::{
        facets::{FacetsView, listing_facets},
        filters::{Filters, SORTS},
        products::{ProductListing, list_products},
    },
    components::{error_view::ErrorView, pagination::PageLinks, product_grid::ProductGrid},
};

/// The listing at `base`, where `fixed` names the filter the path already
/// sets (`"category"`, `"store"` or nothing) to `fixed_value`.
#[component]
pub fn Listing(
    base: String,
    #[prop(default = "")] fixed: &'static str,
    #[prop(optional, into)] fixed_value: String,
) -> impl IntoView {
    let query = use_query_map();
    let filters = {
        let fixed_value = fixed_value.clone();
        Memo::new(move |_| {
            let mut filters = Filters::from_query(&query.read());
            match fixed {
                "category" => filters.category = fixed_value.clone(),
                "store" => filters.store = fixed_value.clone(),
                _ => {}
            }
            filters
        })
    };
    let listing = Resource::new(move || filters.get(), list_products);
    let facets = Resource::new(|| (), |_| listing_facets());
    let base = StoredValue::new(base);
    view! {
        <div class="listing">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let facets = facets.await.unwrap_or_default();
                    // Drawn again whenever the filters change (a chip removed, the
                    // back button), so the form always shows what is applied.
                    view! { <FilterForm base=base.get_value() fixed filters=filters.get() facets /> }
                })}
            </Suspense>
            <div class="listing__results">
                <Transition fallback=|| view! { <p class="loading" role="status">"Loading products…"</p> }>
                    {move || Suspend::new(async move {
                        let facets = facets.await.unwrap_or_default();
                        match listing.await {
                            Ok(listing) => view! {
                                <Chips base=base.get_value() fixed filters=filters.get() facets />
                                <Results base=base.get_value() fixed filters=filters.get() listing />
                            }
                                .into_any(),
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                        }
                    })}
                </Transition>
            </div>
        </div>
    }
}

#[component]
fn FilterForm(
    base: String,
    fixed: &'static str,
    filters: Filters,
    facets: FacetsView,
) -> impl IntoView {
    let selected = |current: &str, value: &str| current == value;
    let active = match filters.active(fixed).len() {
        0 => String::new(),
        n => format!("{n} active"),
    };
    // Phones see the results first: the form folds away behind "Filters"
    // (a native disclosure, no script needed). Wide screens show it beside
    // the results and hide the toggle (style/main.css).
    view! {
        <details class="filters-disclosure">
            <summary class="filters-disclosure__toggle">
                "Filters" <span class="filters-disclosure__count">{active}</span>
            </summary>
            <Form method="GET" action=base attr:class="filters stack" attr:aria-label="Filter products">
                <h2 class="filters__title">"Filter"</h2>
                <div class="field">
                    <label for="filter-q">"Words"</label>
                    <input id="filter-q" class="input" type="search" name="q" value=filters.q.clone() />
                </div>
                {(fixed != "category").then(|| view! {
                    <div class="field">
                        <label for="filter-category">"Category"</label>
                        <select id="filter-category" class="input" name="category">
                            <option value="">"All categories"</option>
                            {facets.categories.iter().map(|(slug, name, depth)| view! {
                                <option value=slug.clone() selected=selected(&filters.category, slug)>
                                    {format!("{}{name}", "— ".repeat(*depth as usize))}
                                </option>
                            }).collect_view()}
                        </select>
                    </div>
                })}
                {(fixed != "store").then(|| view! {
                    <div class="field">
                        <label for="filter-store">"Store"</label>
                        <select id="filter-store" class="input" name="store">
                            <option value="">"All stores"</option>
                            {facets.stores.iter().map(|(slug, name)| view! {
                                <option value=slug.clone() selected=selected(&filters.store, slug)>{name.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                })}
                <div class="field">
                    <label for="filter-material">"Material"</label>
                    <select id="filter-material" class="input" name="material">
                        <option value="">"Any material"</option>
                        {facets.materials.iter().map(|material| view! {
                            <option value=material.clone() selected=filters.material.eq_ignore_ascii_case(material)>{material.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <fieldset class="filters__price">
                    <legend>"Price (€)"</legend>
                    <div class="cluster">
                        <div class="field">
                            <label for="filter-price-min">"From"</label>
                            <input id="filter-price-min" class="input" name="price_min" inputmode="decimal" size="6" value=filters.price_min.clone() />
                        </div>
                        <div class="field">
                            <label for="filter-price-max">"To"</label>
                            <input id="filter-price-max" class="input" name="price_max" inputmode="decimal" size="6" value=filters.price_max.clone() />
                        </div>
                    </div>
                </fieldset>
                <div class="choice">
                    <input id="filter-in-stock" type="checkbox" name="in_stock" value="1" checked=filters.in_stock />
                    <label for="filter-in-stock">"In stock only"</label>
                </div>
                <div class="field">
                    <label for="filter-sort">"Sort by"</label>
                    <select id="filter-sort" class="input" name="sort">
                        {SORTS.iter().map(|(value, label)| view! {
                            <option value=*value selected=selected(&filters.sort, value) || (filters.sort.is_empty() && *value == "relevance")>{*label}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button class="button button--primary" type="submit">"Apply filters"</button>
            </Form>
        </details>
    }
}

/// The active filters, each a link that removes it.
#[component]
fn Chips(base: String, fixed: &'static str, filters: Filters, facets: FacetsView) -> impl IntoView {
    let name_of = |list: &[(String, String)], slug: &str| {
        list.iter()
            .find(|(s, _)| s == slug)
            .map_or_else(|| slug.to_owned(), |(_, n)| n.clone())
    };
    let categories: Vec<(String, String)> = facets
        .categories
        .iter()
        .map(|(slug, name, _)| (slug.clone(), name.clone()))
        .collect();
    let chips: Vec<(String, String)> = filters
        .active(fixed)
        .into_iter()
        .map(|key| {
            let label = match key {
                "q" => format!("“{}”", filters.q),
                "category" => name_of(&categories, &filters.category),
                "store" => name_of(&facets.stores, &filters.store),
                "material" => filters.material.clone(),
                "price_min" => format!("From €{}", filters.price_min),
                "price_max" => format!("Up to €{}", filters.price_max),
                _ => "In stock".to_owned(),
            };
            let href = format!("{base}{}", filters.without(key).query_string(fixed));
            (label, href)
        })
        .collect();
    (!chips.is_empty()).then(|| {
        let clear_all = format!(
            "{base}{}",
            Filters {
                sort: filters.sort.clone(),
                ..Filters::default()
            }
            .query_string(fixed)
        );
        view! {
            <ul class="chips" aria-label="Active filters">
                {chips.into_iter().map(|(label, href)| view! {
                    <li>
                        <a class="chip" href=href>
                            {label} <span aria-hidden="true">" ×"</span>
                            <span class="visually-hidden">" (remove this filter)"</span>
                        </a>
                    </li>
                }).collect_view()}
                <li><a class="chip chip--clear" href=clear_all>"Clear all"</a></li>
            </ul>
        }
    })
}

#[component]
fn Results(
    base: String,
    fixed: &'static str,
    filters: Filters,
    listing: ProductListing,
) -> impl IntoView {
    if listing.items.is_empty() {
        return view! {
            <div class="empty">
                <p role="status">"No products match your search."</p>
                <p>"Try fewer or different words, remove a filter, or " <a href="/products">"browse everything"</a> "."</p>
            </div>
        }
        .into_any();
    }
    let page_link = |page: i64| format!("{base}{}", filters.on_page(page).query_string(fixed));
    let count = match listing.total {
        1 => "1 product".to_owned(),
        n => format!("{n} products"),
    };
    let previous = (listing.page > 1).then(|| page_link(listing.page - 1));
    let next = (listing.page < listing.page_count).then(|| page_link(listing.page + 1));
    view! {
        <p class="result-count" role="status">{count}</p>
        <ProductGrid products=listing.items />
        <PageLinks previous next place=format!("Page {} of {}", listing.page, listing.page_count) />
    }
    .into_any()
}
