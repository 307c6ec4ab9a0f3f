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
    i18n::{Lang, msg, use_lang},
};

/// The listing at `base` (unprefixed: its links and form keep the page's
/// language), where `fixed` names the filter the path already
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
    let lang = use_lang();
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
                <Transition fallback=move || view! { <p class="loading" role="status">{lang.t(msg::LOADING_PRODUCTS)}</p> }>
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
    let lang = use_lang();
    let active = match filters.active(fixed).len() {
        0 => String::new(),
        n => lang.t_args(msg::FILTERS_ACTIVE, &[("count", n.into())]),
    };
    // The router's form adds the page's language prefix to `base` itself.
    // Phones see the results first: the form folds away behind "Filters"
    // (a native disclosure, no script needed). Wide screens show it beside
    // the results and hide the toggle (style/main.css).
    view! {
        <details class="filters-disclosure">
            <summary class="filters-disclosure__toggle">
                {lang.t(msg::FILTERS)} " " <span class="filters-disclosure__count">{active}</span>
            </summary>
            <Form method="GET" action=base attr:class="filters stack" attr:aria-label=lang.t(msg::FILTER_PRODUCTS)>
                <h2 class="filters__title">{lang.t(msg::FILTER)}</h2>
                <div class="field">
                    <label for="filter-q">{lang.t(msg::WORDS)}</label>
                    <input id="filter-q" class="input" type="search" name="q" value=filters.q.clone() />
                </div>
                {(fixed != "category").then(|| view! {
                    <div class="field">
                        <label for="filter-category">{lang.t(msg::CATEGORY)}</label>
                        <select id="filter-category" class="input" name="category">
                            <option value="">{lang.t(msg::ALL_CATEGORIES)}</option>
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
                        <label for="filter-store">{lang.t(msg::STORE)}</label>
                        <select id="filter-store" class="input" name="store">
                            <option value="">{lang.t(msg::ALL_STORES)}</option>
                            {facets.stores.iter().map(|(slug, name)| view! {
                                <option value=slug.clone() selected=selected(&filters.store, slug)>{name.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                })}
                <div class="field">
                    <label for="filter-material">{lang.t(msg::MATERIAL)}</label>
                    <select id="filter-material" class="input" name="material">
                        <option value="">{lang.t(msg::ANY_MATERIAL)}</option>
                        {facets.materials.iter().map(|material| view! {
                            <option value=material.clone() selected=filters.material.eq_ignore_ascii_case(material)>{material.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <fieldset class="filters__price">
                    <legend>{lang.t(msg::PRICE_EUROS)}</legend>
                    <div class="cluster">
                        <div class="field">
                            <label for="filter-price-min">{lang.t(msg::PRICE_FROM)}</label>
                            <input id="filter-price-min" class="input" name="price_min" inputmode="decimal" size="6" value=filters.price_min.clone() />
                        </div>
                        <div class="field">
                            <label for="filter-price-max">{lang.t(msg::PRICE_TO)}</label>
                            <input id="filter-price-max" class="input" name="price_max" inputmode="decimal" size="6" value=filters.price_max.clone() />
                        </div>
                    </div>
                </fieldset>
                <div class="choice">
                    <input id="filter-in-stock" type="checkbox" name="in_stock" value="1" checked=filters.in_stock />
                    <label for="filter-in-stock">{lang.t(msg::IN_STOCK_ONLY)}</label>
                </div>
                <div class="field">
                    <label for="filter-sort">{lang.t(msg::SORT_BY)}</label>
                    <select id="filter-sort" class="input" name="sort">
                        {SORTS.iter().map(|value| view! {
                            <option value=*value selected=selected(&filters.sort, value) || (filters.sort.is_empty() && *value == "relevance")>
                                {sort_label(lang, value)}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <button class="button button--primary" type="submit">{lang.t(msg::APPLY_FILTERS)}</button>
            </Form>
        </details>
    }
}

/// How a sort order reads in the form.
fn sort_label(lang: Lang, sort: &str) -> String {
    lang.t(match sort {
        "newest" => msg::SORT_NEWEST,
        "price_asc" => msg::SORT_PRICE_ASC,
        "price_desc" => msg::SORT_PRICE_DESC,
        "best_selling" => msg::SORT_BEST_SELLING,
        _ => msg::SORT_RELEVANCE,
    })
}

/// The active filters, each a link that removes it.
#[component]
fn Chips(base: String, fixed: &'static str, filters: Filters, facets: FacetsView) -> impl IntoView {
    let lang = use_lang();
    let base = lang.path(&base);
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
                "price_min" => lang.t_args(
                    msg::CHIP_FROM,
                    &[("price", filters.price_min.clone().into())],
                ),
                "price_max" => lang.t_args(
                    msg::CHIP_UP_TO,
                    &[("price", filters.price_max.clone().into())],
                ),
                _ => lang.t(msg::CHIP_IN_STOCK),
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
            <ul class="chips" aria-label=lang.t(msg::ACTIVE_FILTERS)>
                {chips.into_iter().map(|(label, href)| view! {
                    <li>
                        <a class="chip" href=href>
                            {label} <span aria-hidden="true">" ×"</span>
                            <span class="visually-hidden">{format!(" {}", lang.t(msg::REMOVE_FILTER))}</span>
                        </a>
                    </li>
                }).collect_view()}
                <li><a class="chip chip--clear" href=clear_all>{lang.t(msg::CLEAR_ALL)}</a></li>
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
    let lang = use_lang();
    if listing.items.is_empty() {
        return view! {
            <div class="empty">
                <p role="status">{lang.t(msg::NO_MATCH)}</p>
                <p>
                    {lang.t(msg::NO_MATCH_HINT)} " "
                    <a href=lang.path("/products")>{lang.t(msg::BROWSE_EVERYTHING)}</a> "."
                </p>
            </div>
        }
        .into_any();
    }
    let base = lang.path(&base);
    let page_link = |page: i64| format!("{base}{}", filters.on_page(page).query_string(fixed));
    let count = lang.t_args(msg::PRODUCT_COUNT, &[("count", listing.total.into())]);
    let previous = (listing.page > 1).then(|| page_link(listing.page - 1));
    let next = (listing.page < listing.page_count).then(|| page_link(listing.page + 1));
    view! {
        <p class="result-count" role="status">{count}</p>
        <ProductGrid products=listing.items />
        <PageLinks
            previous
            next
            place=lang.t_args(msg::PAGE_OF, &[("page", listing.page.into()), ("pages", listing.page_count.into())])
        />
    }
    .into_any()
}
