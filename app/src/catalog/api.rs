//! Server functions of the storefront catalog: each reads its input, calls
//! one `server::catalog` service and maps the result to a view.

use leptos::prelude::*;

use super::{
    CategoryLink, FacetsView, Filters, ProductCard, ProductListing, ProductView, StoreLookup,
};
use crate::error::AppError;

/// The categories in the header's navigation.
#[server]
pub async fn navigation_categories() -> Result<Vec<CategoryLink>, AppError> {
    let state = crate::error::state()?;
    // The top of the tree the filter form offers, from the same cache.
    let facets = server::catalog::facets::facets_cached(&state.db, &state.facets).await?;
    Ok(facets
        .categories
        .iter()
        .filter(|c| c.depth == 0)
        .map(|c| CategoryLink {
            slug: c.slug.clone(),
            name: c.name.clone(),
        })
        .collect())
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
    let query = ProductQuery {
        text: text(&filters.q),
        category: text(&filters.category),
        store: text(&filters.store),
        material: text(&filters.material),
        price_min: Money::parse(&filters.price_min),
        price_max: Money::parse(&filters.price_max),
        in_stock: filters.in_stock,
        sort: Sort::parse(&filters.sort).unwrap_or_default(),
        page: filters.page,
    };
    let page = list_published_cached(&state.db, &state.listings, &query).await?;
    Ok(ProductListing {
        page: page.page,
        page_count: page.page_count(),
        total: page.total,
        items: page.items.iter().cloned().map(views::card).collect(),
    })
}

/// The choices the filter form offers.
#[server]
pub async fn listing_facets() -> Result<FacetsView, AppError> {
    let state = crate::error::state()?;
    let facets = server::catalog::facets::facets_cached(&state.db, &state.facets).await?;
    Ok(FacetsView {
        categories: facets
            .categories
            .iter()
            .map(|c| (c.slug.clone(), c.name.clone(), c.depth))
            .collect(),
        stores: facets
            .stores
            .iter()
            .map(|s| (s.slug.clone(), s.name.clone()))
            .collect(),
        materials: facets.materials.clone(),
    })
}

/// An active store's header, where a store moved from its former address,
/// or not found.
#[server]
pub async fn store_front(slug: String) -> Result<StoreLookup, AppError> {
    use super::StoreView;
    use server::{
        Error,
        catalog::{facets, markdown},
        media,
    };
    let state = crate::error::state()?;
    let store = match facets::store_front(&state.db, &slug).await {
        Err(Error::NotFound) => {
            return match facets::moved_store(&state.db, &slug).await? {
                Some(moved) => Ok(StoreLookup::Moved(moved)),
                None => Err(AppError::NotFound),
            };
        }
        found => found?,
    };
    Ok(StoreLookup::Found(StoreView {
        summary: markdown::summary(&store.description, 160),
        description_html: markdown::to_safe_html(&store.description),
        logo: store
            .logo_key
            .map(|key| media::url(&key, media::width_for(200))),
        slug: store.slug,
        name: store.name,
    }))
}

/// An approved category's name, or not found.
#[server]
pub async fn category_title(slug: String) -> Result<String, AppError> {
    let state = crate::error::state()?;
    Ok(server::catalog::facets::category_name(&state.db, &slug).await?)
}

/// A few other products of the same category, for a product page.
#[server]
pub async fn related_products(
    category: String,
    exclude: String,
) -> Result<Vec<ProductCard>, AppError> {
    use server::catalog::products::{ProductQuery, list_published_cached};
    let state = crate::error::state()?;
    let query = ProductQuery {
        category: Some(category),
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
        .map(views::card)
        .collect())
}

/// A published product by its slug.
#[server]
pub async fn get_product(slug: String) -> Result<ProductView, AppError> {
    let state = crate::error::state()?;
    let product = server::catalog::products::find_published(&state.db, &slug).await?;
    Ok(views::product(product, &state.config.app_url))
}

/// Conversions from domain values to the views pages render.
#[cfg(feature = "ssr")]
mod views {
    use server::money::Money;

    use server::{
        catalog::{Image, ProductDetail, ProductSummary, markdown},
        media,
    };

    use crate::catalog::{Picture, ProductCard, ProductView, VariantChoice};

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

    pub fn card(product: ProductSummary) -> ProductCard {
        ProductCard {
            slug: product.slug,
            title: product.title,
            store_name: product.store_name,
            price: product.price_from.to_string(),
            price_is_from: product.has_price_range,
            in_stock: product.in_stock,
            picture: product.image.map(picture),
        }
    }

    pub fn product(product: ProductDetail, app_url: &str) -> ProductView {
        let url = format!("{app_url}/p/{}", product.slug);
        let image_url = product.images.first().map(|image| {
            format!(
                "{app_url}{}",
                media::url(&image.file_key, media::width_for(1200))
            )
        });
        let json_ld = json_ld(&product, &url, image_url.as_deref());
        ProductView {
            url,
            image_url,
            json_ld,
            summary: markdown::summary(&product.description, 160),
            description_html: markdown::to_safe_html(&product.description),
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
                        "Standard".into()
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
                    price: variant.price.to_string(),
                    compare_at_price: variant.compare_at_price.map(|price| price.to_string()),
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
                    "price": format!("{}.{:02}", variant.price.0 / 100, variant.price.0 % 100),
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
