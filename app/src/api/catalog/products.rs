//! Products as the storefront shows them: listings, the product page and
//! its neighbours, each loaded by one `server::catalog::products` call.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::filters::Filters;
use crate::error::AppError;

/// A stored picture in the widths the browser may choose from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picture {
    pub src: String,
    pub srcset: String,
    pub alt: String,
    pub width: i32,
    pub height: i32,
}

/// A product on a listing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductCard {
    pub slug: String,
    pub title: String,
    /// The title's language when it is not the page's (no title in the
    /// shopper's language: the English one), for its `lang` attribute.
    pub title_lang: Option<String>,
    pub store_name: String,
    /// The lowest price, formatted.
    pub price: String,
    /// Whether other variants cost more.
    pub price_is_from: bool,
    pub in_stock: bool,
    pub picture: Option<Picture>,
}

/// One page of products and where it sits in the whole result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductListing {
    pub items: Vec<ProductCard>,
    pub total: i64,
    pub page: i64,
    pub page_count: i64,
}

/// A choice on the product page's variant picker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantChoice {
    pub id: i64,
    pub label: String,
    pub sku: String,
    pub price: String,
    pub compare_at_price: Option<String>,
    pub stock: i32,
}

/// Everything the product page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductView {
    pub id: i64,
    pub slug: String,
    pub title: String,
    /// The title's and the description's language when it is not the
    /// page's, for their `lang` attributes.
    pub title_lang: Option<String>,
    pub description_lang: Option<String>,
    /// Sanitised HTML rendered from the seller's Markdown.
    pub description_html: String,
    pub summary: String,
    pub store_name: String,
    pub store_slug: String,
    pub category_name: String,
    pub category_slug: String,
    /// (label, value) pairs such as ("Material", "wool").
    pub attributes: Vec<(String, String)>,
    pub variants: Vec<VariantChoice>,
    pub pictures: Vec<Picture>,
    /// The page's absolute URL, for the canonical link and sharing.
    pub url: String,
    /// The first picture's absolute URL, for sharing.
    pub image_url: Option<String>,
    /// schema.org `Product` with its offers, safe to put in a script element.
    pub json_ld: String,
}

/// Published products matching the filters. Unreadable prices and unknown
/// sort orders are ignored rather than refused: a listing always answers.
#[server]
pub async fn list_products(filters: Filters) -> Result<ProductListing, AppError> {
    use server::{
        catalog::products::{ProductQuery, Sort, list_published_cached},
        money::Money,
    };
    let state = crate::error::state()?;
    let text = |value: &str| (!value.is_empty()).then(|| value.to_owned());
    let lang = crate::i18n::request_lang();
    let query = ProductQuery {
        text: text(&filters.q),
        lang,
        category: text(&filters.category),
        store: text(&filters.store),
        material: text(&filters.material),
        price_min: Money::parse(&filters.price_min),
        price_max: Money::parse(&filters.price_max),
        in_stock: filters.in_stock,
        sort: Sort::parse(&filters.sort).unwrap_or_default(),
        page: filters.page,
        ..ProductQuery::default()
    };
    let page = list_published_cached(&state.db, &state.listings, &query).await?;
    Ok(ProductListing {
        page: page.page,
        page_count: page.page_count(),
        total: page.total,
        items: page
            .items
            .iter()
            .cloned()
            .map(|product| views::card(product, lang))
            .collect(),
    })
}

/// A few other products of the same category, for a product page.
#[server]
pub async fn related_products(
    category: String,
    exclude: String,
) -> Result<Vec<ProductCard>, AppError> {
    use server::catalog::products::{ProductQuery, list_published_cached};
    let state = crate::error::state()?;
    let lang = crate::i18n::request_lang();
    let query = ProductQuery {
        category: Some(category),
        lang,
        page: 1,
        ..ProductQuery::default()
    };
    let page = list_published_cached(&state.db, &state.listings, &query).await?;
    Ok(page
        .items
        .iter()
        .filter(|product| product.slug != exclude)
        .take(4)
        .cloned()
        .map(|product| views::card(product, lang))
        .collect())
}

/// A published product by its slug.
#[server]
pub async fn get_product(slug: String) -> Result<ProductView, AppError> {
    let state = crate::error::state()?;
    let lang = crate::i18n::request_lang();
    let product = server::catalog::products::find_published(&state.db, &slug, lang).await?;
    Ok(views::product(product, &state.config.app_url, lang))
}

/// Conversions from domain values to the views pages render.
#[cfg(feature = "ssr")]
mod views {
    use server::{
        catalog::{Image, ProductDetail, ProductSummary, markdown},
        media,
        money::Money,
    };

    use super::{Picture, ProductCard, ProductView, VariantChoice};
    use crate::i18n::{Lang, msg};

    pub fn picture(image: Image) -> Picture {
        let srcset = media::WIDTHS
            .iter()
            .filter(|&&width| width <= image.width as u32 || width == media::WIDTHS[0])
            .map(|&width| format!("{} {width}w", media::url(&image.file_key, width)))
            .collect::<Vec<_>>()
            .join(", ");
        Picture {
            src: media::url(&image.file_key, media::width_for(480)),
            srcset,
            alt: image.alt,
            width: image.width,
            height: image.height,
        }
    }

    /// `lang` attribute of a text written in `written` on a page in `page`.
    fn unless_page(written: Lang, page: Lang) -> Option<String> {
        (written != page).then(|| written.code().to_owned())
    }

    pub fn card(product: ProductSummary, lang: Lang) -> ProductCard {
        ProductCard {
            slug: product.slug,
            title: product.title,
            title_lang: unless_page(product.title_lang, lang),
            store_name: product.store_name,
            price: product.price_from.localized(lang),
            price_is_from: product.has_price_range,
            in_stock: product.in_stock,
            picture: product.image.map(picture),
        }
    }

    pub fn product(product: ProductDetail, app_url: &str, lang: Lang) -> ProductView {
        let url = format!("{app_url}{}", lang.path(&format!("/p/{}", product.slug)));
        let image_url = product
            .images
            .first()
            .map(|image| media::absolute_url(app_url, &image.file_key, media::width_for(1200)));
        let json_ld = json_ld(&product, &url, image_url.as_deref());
        ProductView {
            id: product.id,
            url,
            image_url,
            json_ld,
            summary: markdown::summary(&product.description, 160),
            description_html: markdown::to_safe_html(&product.description),
            title_lang: unless_page(product.title_lang, lang),
            description_lang: unless_page(product.description_lang, lang),
            slug: product.slug,
            title: product.title,
            store_name: product.store_name,
            store_slug: product.store_slug,
            category_name: product.category_name,
            category_slug: product.category_slug,
            attributes: product
                .attributes
                .into_iter()
                .map(|(name, value)| (server::text::capitalise(&name), value))
                .collect(),
            variants: product
                .variants
                .into_iter()
                .map(|variant| VariantChoice {
                    label: if variant.options.is_empty() {
                        lang.t(msg::VARIANT_STANDARD)
                    } else {
                        variant
                            .options
                            .values()
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(" / ")
                    },
                    id: variant.id,
                    sku: variant.sku,
                    price: variant.price.localized(lang),
                    compare_at_price: variant.compare_at_price.map(|price| price.localized(lang)),
                    stock: variant.stock,
                })
                .collect(),
            pictures: product.images.into_iter().map(picture).collect(),
        }
    }

    /// schema.org `Product` with one offer per variant. `<` is escaped so the
    /// JSON can never close its script element.
    fn json_ld(product: &ProductDetail, url: &str, image: Option<&str>) -> String {
        let offers: Vec<_> = product
            .variants
            .iter()
            .map(|variant| {
                serde_json::json!({
                    "@type": "Offer",
                    "sku": variant.sku,
                    "price": variant.price.decimal(),
                    "priceCurrency": Money::CURRENCY,
                    "availability": if variant.stock > 0 {
                        "https://schema.org/InStock"
                    } else {
                        "https://schema.org/OutOfStock"
                    },
                    "url": url,
                })
            })
            .collect();
        let document = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Product",
            "name": product.title,
            "description": markdown::summary(&product.description, 300),
            "image": image,
            "brand": { "@type": "Brand", "name": product.store_name },
            "category": product.category_name,
            "offers": offers,
        });
        document.to_string().replace('<', "\\u003c")
    }
}
