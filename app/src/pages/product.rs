//! `/p/{slug}`: one product with its pictures, variant picker, price and stock.

use leptos::{ev::MouseEvent, prelude::*};
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::{
        cart::{AddToCart, forms as cart_forms},
        catalog::products::{Picture, ProductView, VariantChoice, get_product, related_products},
        flash::take_flash,
    },
    components::{
        canonical::{Canonical, site_origin},
        error_view::ErrorView,
        layout::CartChanged,
        product_grid::ProductGrid,
    },
    forms::{Feedback, FormStatus, Submit, feedback},
    i18n::{Lang, msg, use_lang},
    live::use_live,
};

#[component]
pub fn ProductPage() -> impl IntoView {
    let params = use_params_map();
    let product = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_product,
    );
    let flash = Resource::new(|| (), |_| take_flash(cart_forms::ADD.into()));
    let lang = use_lang();
    view! {
        <Suspense fallback=move || view! { <p class="loading container" role="status">{lang.t(msg::LOADING_PRODUCT)}</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                match product.await {
                    Ok(product) => view! { <ProductDetail product flash /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProductDetail(product: ProductView, flash: Option<Feedback>) -> impl IntoView {
    let query = use_query_map();
    let requested = query
        .read_untracked()
        .get("variant")
        .and_then(|id| id.parse::<i64>().ok());
    // `?image=N` counts from 1, as the thumbnails' names do.
    let image = query
        .read_untracked()
        .get("image")
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|n| (1..=product.pictures.len()).contains(n))
        .map_or(0, |n| n - 1);
    // Follows the stock as other shoppers buy: the page asks for the product
    // again when its stream says the stock changed.
    let variants = RwSignal::new(product.variants.clone());
    follow_stock(product.id, product.slug.clone(), variants);
    let initial = requested
        .filter(|id| product.variants.iter().any(|v| v.id == *id))
        .or_else(|| product.variants.iter().find(|v| v.stock > 0).map(|v| v.id))
        .or_else(|| product.variants.first().map(|v| v.id));
    let selected = RwSignal::new(initial);
    // The variant a thumbnail's link keeps: the one in the address, or one
    // the shopper has picked since.
    let linked_variant = Signal::derive(move || {
        selected
            .get()
            .filter(|id| requested == Some(*id) || Some(*id) != initial)
    });
    let shown = RwSignal::new(image);
    let current = move || {
        let id = selected.get();
        variants.with(|variants| variants.iter().find(|v| Some(v.id) == id).cloned())
    };
    // Set once the page has hydrated: the picker then updates in place and
    // its "Show" button, needed only without JavaScript, goes away.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    let lang = use_lang();
    let page = lang.path(&format!("/p/{}", product.slug));
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
        <Canonical path=format!("/p/{}", product.slug) />
        <Meta property="og:type" content="product" />
        <Meta property="og:title" content=product.title.clone() />
        <Meta property="og:description" content=product.summary.clone() />
        <Meta property="og:url" content=format!("{}{page}", site_origin()) />
        {product.image_url.clone().map(|image| view! { <Meta property="og:image" content=image /> })}
        <script type="application/ld+json" inner_html=product.json_ld.clone()></script>
        <article class="container product">
            <nav class="breadcrumbs" aria-label=lang.t(msg::BREADCRUMBS)>
                <ol>
                    <li><a href=lang.path("/")>{lang.t(msg::HOME)}</a></li>
                    <li>
                        <a href=lang.path(&format!("/c/{}", product.category_slug))>{product.category_name.clone()}</a>
                    </li>
                    <li aria-current="page" lang=product.title_lang.clone()>{product.title.clone()}</li>
                </ol>
            </nav>
            <div class="product__layout">
                <Gallery pictures=product.pictures shown variant=linked_variant />
                <div class="product__summary">
                    <h1 lang=product.title_lang.clone()>{product.title.clone()}</h1>
                    <p class="product__store">
                        {lang.t(msg::SOLD_BY)} " "
                        <a href=lang.path(&format!("/s/{}", product.store_slug))>{product.store_name.clone()}</a>
                    </p>
                    <p class="product__price" data-testid="price" aria-live="polite">
                        {move || current().map(|v| v.price)}
                        {move || current().and_then(|v| v.compare_at_price).map(|was| view! {
                            " " <s class="muted"><span class="visually-hidden">{format!("{} ", lang.t(msg::WAS))}</span>{was}</s>
                        })}
                    </p>
                    <p class="product__stock" data-testid="stock" aria-live="polite">{move || current().map(|v| stock_text(lang, &v))}</p>
                    <form class="variant-picker" method="get">
                        <fieldset>
                            <legend>{lang.t(msg::CHOOSE_OPTION)}</legend>
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
                        // Keeps the picture shown without JavaScript when the form is sent.
                        {move || (shown.get() > 0).then(|| view! {
                            <input type="hidden" name="image" value=(shown.get() + 1).to_string() />
                        })}
                        <button class="button" type="submit" hidden=move || hydrated.get()>{lang.t(msg::SHOW_PRICE_AND_STOCK)}</button>
                    </form>
                    <p class="muted">{lang.t(msg::SKU)} " " <span>{move || current().map(|v| v.sku)}</span></p>
                    <AddToCartForm selected flash in_stock=Signal::derive(move || current().is_some_and(|v| v.stock > 0)) />
                </div>
            </div>
            <section class="product__description" aria-labelledby="description-heading">
                <h2 id="description-heading">{lang.t(msg::DESCRIPTION)}</h2>
                <div class="prose" lang=product.description_lang inner_html=product.description_html></div>
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
                            <h2 id="related-heading">{lang.t(msg::MORE_FROM_CATEGORY)}</h2>
                            <ProductGrid products />
                        </section>
                    })
                })}
            </Suspense>
        </article>
    }
}

/// The main picture and, for two or more, a thumbnail of each. Without
/// JavaScript a thumbnail links to `?image=N`, which renders that picture
/// as the main one; hydrated, it swaps the main picture in place.
#[component]
fn Gallery(
    pictures: Vec<Picture>,
    /// The index of the main picture.
    shown: RwSignal<usize>,
    /// The variant the thumbnails' links keep in the address.
    variant: Signal<Option<i64>>,
) -> impl IntoView {
    let count = pictures.len();
    let lang = use_lang();
    let thumbnails = (count > 1).then(|| {
        let items = pictures
            .iter()
            .enumerate()
            .map(|(index, picture)| {
                let number = index + 1;
                let place = [("number", number.into()), ("count", count.into())];
                let name = match picture.alt.trim() {
                    "" => lang.t_args(msg::SHOW_IMAGE, &place),
                    alt => lang.t_args(
                        msg::SHOW_IMAGE_NAMED,
                        &[place[0].clone(), place[1].clone(), ("alt", alt.to_owned().into())],
                    ),
                };
                view! {
                    <li>
                        // The listener sits on the link itself (Leptos does not
                        // delegate events here), so the default is prevented
                        // before the router's handler on `window` sees the click.
                        <a
                            class="product__thumbnail"
                            href=move || image_href(variant.get(), number)
                            aria-current=move || (shown.get() == index).then_some("true")
                            on:click=move |ev: MouseEvent| {
                                if opens_elsewhere(&ev) {
                                    return;
                                }
                                ev.prevent_default();
                                shown.set(index);
                            }
                        >
                            <img
                                src=picture.src.clone()
                                srcset=picture.srcset.clone()
                                sizes="5rem"
                                alt=""
                                width=picture.width
                                height=picture.height
                            />
                            <span class="visually-hidden">{name}</span>
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="product__thumbnails" aria-label=lang.t(msg::PRODUCT_IMAGES)>{items}</ul> }
    });
    let pictures = StoredValue::new(pictures);
    let main = Memo::new(move |_| {
        pictures.with_value(|pictures| pictures.get(shown.get()).or(pictures.first()).cloned())
    });
    view! {
        <div class="product__gallery">
            {(count > 0).then(|| view! {
                <img
                    class="product__image"
                    src=move || main.with(|p| p.as_ref().map(|p| p.src.clone()))
                    srcset=move || main.with(|p| p.as_ref().map(|p| p.srcset.clone()))
                    sizes="(min-width: 60rem) 36rem, 95vw"
                    fetchpriority="high"
                    alt=move || main.with(|p| p.as_ref().map(|p| p.alt.clone()))
                    width=move || main.with(|p| p.as_ref().map(|p| p.width))
                    height=move || main.with(|p| p.as_ref().map(|p| p.height))
                />
            })}
            {thumbnails}
        </div>
    }
}

/// The address of the product page showing picture `number` (from 1).
fn image_href(variant: Option<i64>, number: usize) -> String {
    match variant {
        Some(id) => format!("?variant={id}&image={number}"),
        None => format!("?image={number}"),
    }
}

/// Whether a click asks for a new tab or window, which the browser handles.
fn opens_elsewhere(ev: &MouseEvent) -> bool {
    ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key()
}

fn stock_text(lang: Lang, variant: &VariantChoice) -> String {
    match variant.stock {
        0 => lang.t(msg::SOLD_OUT),
        n @ 1..=5 => lang.t_args(msg::ONLY_LEFT, &[("count", n.into())]),
        _ => lang.t(msg::IN_STOCK),
    }
}

/// Refreshes `variants` (their stock) when the live stream reports a change
/// of this product's stock.
fn follow_stock(product_id: i64, slug: String, variants: RwSignal<Vec<VariantChoice>>) {
    let changed = use_live(move |change| change.kind == "stock" && change.subject_id == product_id);
    Effect::new(move |seen: Option<u32>| {
        let now = changed.get();
        if seen.is_some_and(|seen| seen != now) {
            let slug = slug.clone();
            leptos::task::spawn_local(async move {
                if let Ok(product) = get_product(slug).await {
                    variants.set(product.variants);
                }
            });
        }
        now
    });
}

/// Quantity and "Add to cart" for the chosen variant.
#[component]
fn AddToCartForm(
    selected: RwSignal<Option<i64>>,
    in_stock: Signal<bool>,
    flash: Option<Feedback>,
) -> impl IntoView {
    let add = ServerAction::<AddToCart>::new();
    let feedback = feedback(add.value(), flash);
    CartChanged::follow(add.version());
    let problem = move || feedback.with(|f| f.problem("quantity"));
    let lang = use_lang();
    view! {
        <ActionForm action=add attr:class="add-to-cart">
            <FormStatus feedback />
            {move || feedback.with(|f| f.notice.is_some()).then(|| view! {
                <p><a href=lang.path("/cart")>{lang.t(msg::VIEW_YOUR_CART)}</a></p>
            })}
            <input type="hidden" name="variant_id" value=move || selected.get().map(|id| id.to_string()) />
            <div class="field" class:field--invalid=move || problem().is_some()>
                <label for="add-quantity">{lang.t(msg::QUANTITY)}</label>
                <input
                    id="add-quantity"
                    class="input"
                    type="number"
                    name="quantity"
                    min="1"
                    max="99"
                    inputmode="numeric"
                    value=feedback.with_untracked(|f| f.value("quantity")).unwrap_or_else(|| "1".into())
                    aria-invalid=move || problem().is_some().then_some("true")
                    aria-describedby=move || problem().is_some().then_some("add-quantity-error")
                />
                {move || problem().map(|message| view! { <p class="field__error" id="add-quantity-error">{message}</p> })}
            </div>
            {move || if in_stock.get() {
                view! { <Submit label=lang.t(msg::ADD_TO_CART) pending=add.pending().into() /> }.into_any()
            } else {
                view! { <p class="muted">{lang.t(msg::OPTION_SOLD_OUT)}</p> }.into_any()
            }}
        </ActionForm>
    }
}
