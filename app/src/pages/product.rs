//! `/p/{slug}`: one product with its pictures, variant picker, price and stock.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    catalog::{ProductView, VariantChoice, get_product, related_products},
    components::{error_view::ErrorView, product_grid::ProductGrid},
};

#[component]
pub fn ProductPage() -> impl IntoView {
    let params = use_params_map();
    let product = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_product,
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading container" role="status">"Loading product…"</p> }>
            {move || Suspend::new(async move {
                match product.await {
                    Ok(product) => view! { <ProductDetail product /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProductDetail(product: ProductView) -> impl IntoView {
    let query = use_query_map();
    let requested = query
        .read_untracked()
        .get("variant")
        .and_then(|id| id.parse::<i64>().ok());
    let variants = StoredValue::new(product.variants.clone());
    let initial = requested
        .filter(|id| product.variants.iter().any(|v| v.id == *id))
        .or_else(|| product.variants.iter().find(|v| v.stock > 0).map(|v| v.id))
        .or_else(|| product.variants.first().map(|v| v.id));
    let selected = RwSignal::new(initial);
    let current = move || {
        let id = selected.get();
        variants.with_value(|variants| variants.iter().find(|v| Some(v.id) == id).cloned())
    };
    // Set once the page has hydrated: the picker then updates in place and
    // its "Show" button, needed only without JavaScript, goes away.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    let picture = product.pictures.first().cloned();
    let related = {
        let (category, slug) = (product.category_slug.clone(), product.slug.clone());
        Resource::new(
            move || (category.clone(), slug.clone()),
            |(category, slug)| related_products(category, slug),
        )
    };
    view! {
        <Title text=product.title.clone() />
        <Meta name="description" content=product.summary.clone() />
        <Link rel="canonical" href=product.url.clone() />
        <Meta property="og:type" content="product" />
        <Meta property="og:title" content=product.title.clone() />
        <Meta property="og:description" content=product.summary.clone() />
        <Meta property="og:url" content=product.url.clone() />
        {product.image_url.clone().map(|image| view! { <Meta property="og:image" content=image /> })}
        <script type="application/ld+json" inner_html=product.json_ld.clone()></script>
        <article class="container product">
            <nav class="breadcrumbs" aria-label="Breadcrumbs">
                <ol>
                    <li><a href="/">"Home"</a></li>
                    <li>
                        <a href=format!("/c/{}", product.category_slug)>{product.category_name.clone()}</a>
                    </li>
                    <li aria-current="page">{product.title.clone()}</li>
                </ol>
            </nav>
            <div class="product__layout">
                <div class="product__gallery">
                    {picture.map(|picture| view! {
                        <img
                            class="product__image"
                            src=picture.src
                            srcset=picture.srcset
                            sizes="(min-width: 60rem) 36rem, 95vw"
                            alt=picture.alt
                            width=picture.width
                            height=picture.height
                        />
                    })}
                </div>
                <div class="product__summary">
                    <h1>{product.title.clone()}</h1>
                    <p class="product__store">"Sold by " <a href=format!("/s/{}", product.store_slug)>{product.store_name.clone()}</a></p>
                    <p class="product__price" data-testid="price" aria-live="polite">
                        {move || current().map(|v| v.price)}
                        {move || current().and_then(|v| v.compare_at_price).map(|was| view! {
                            " " <s class="muted"><span class="visually-hidden">"was "</span>{was}</s>
                        })}
                    </p>
                    <p class="product__stock" data-testid="stock">{move || current().map(|v| stock_text(&v))}</p>
                    <form class="variant-picker" method="get">
                        <fieldset>
                            <legend>"Choose an option"</legend>
                            <div class="variant-picker__choices">
                                {product.variants.iter().map(|variant| {
                                    let id = variant.id;
                                    view! {
                                        <label class="choice">
                                            <input
                                                type="radio"
                                                name="variant"
                                                value=id.to_string()
                                                checked=move || selected.get() == Some(id)
                                                on:change=move |_| selected.set(Some(id))
                                            />
                                            <span>{variant.label.clone()}</span>
                                        </label>
                                    }
                                }).collect_view()}
                            </div>
                        </fieldset>
                        <button class="button" type="submit" hidden=move || hydrated.get()>"Show price and stock"</button>
                    </form>
                    <p class="muted">"SKU: " <span>{move || current().map(|v| v.sku)}</span></p>
                </div>
            </div>
            <section class="product__description" aria-labelledby="description-heading">
                <h2 id="description-heading">"Description"</h2>
                <div class="prose" inner_html=product.description_html></div>
                {(!product.attributes.is_empty()).then(|| view! {
                    <dl class="attributes">
                        {product.attributes.into_iter().map(|(name, value)| view! {
                            <dt>{name}</dt>
                            <dd>{value}</dd>
                        }).collect_view()}
                    </dl>
                })}
            </section>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let products = related.await.unwrap_or_default();
                    (!products.is_empty()).then(|| view! {
                        <section class="section" aria-labelledby="related-heading">
                            <h2 id="related-heading">"More from this category"</h2>
                            <ProductGrid products />
                        </section>
                    })
                })}
            </Suspense>
        </article>
    }
}

fn stock_text(variant: &VariantChoice) -> String {
    match variant.stock {
        0 => "Out of stock".into(),
        n @ 1..=5 => format!("Only {n} left"),
        _ => "In stock".into(),
    }
}
