//! A grid of product cards, used by the home page and every listing.

use leptos::prelude::*;

use crate::{
    api::catalog::products::ProductCard,
    i18n::{msg, use_lang},
};

/// Product cards in a responsive grid. `sizes` follows the grid's columns
/// (two on phones, three on tablets, four on wide screens) so a phone picks
/// the smaller stored width; a phone's first row loads eagerly, and its first
/// picture, the largest thing a phone shows, before other images.
#[component]
pub fn ProductGrid(products: Vec<ProductCard>) -> impl IntoView {
    view! {
        <ul class="product-grid">
            {products
                .into_iter()
                .enumerate()
                .map(|(index, product)| view! { <ProductCardView product position=index /> })
                .collect_view()}
        </ul>
    }
}

#[component]
fn ProductCardView(product: ProductCard, position: usize) -> impl IntoView {
    let lang = use_lang();
    let href = lang.path(&format!("/p/{}", product.slug));
    view! {
        <li class="card product-card">
            <a class="product-card__link" href=href>
                {match product.picture {
                    Some(picture) => {
                        view! {
                            <img
                                class="product-card__image"
                                src=picture.src
                                srcset=picture.srcset
                                sizes="(min-width: 60rem) 17rem, (min-width: 40rem) 31vw, calc(50vw - 1.5rem)"
                                alt=""
                                width=picture.width
                                height=picture.height
                                loading=if position < 2 { "eager" } else { "lazy" }
                                fetchpriority=if position == 0 { "high" } else { "auto" }
                            />
                        }
                            .into_any()
                    }
                    None => view! { <div class="product-card__image product-card__image--empty"></div> }.into_any(),
                }}
                <span class="product-card__title" lang=product.title_lang>{product.title}</span>
            </a>
            <span class="product-card__store">{product.store_name}</span>
            <span class="product-card__price">
                {product.price_is_from.then(|| format!("{} ", lang.t(msg::PRICE_FROM_PREFIX)))}
                {product.price}
            </span>
            {(!product.in_stock).then(|| view! { <span class="badge badge--muted">{lang.t(msg::SOLD_OUT)}</span> })}
        </li>
    }
}
