//! The public catalog: what `/products`, `/p/{slug}`, the category menu and
//! the store pages show, with no token needed.

use std::collections::BTreeMap;

use axum::{
    Json,
    extract::{Path, RawQuery, State},
    response::IntoResponse,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{
    cursor::{self, Cursor},
    problem::{ApiError, ApiQuery, Problem},
};
use crate::{
    AppState,
    catalog::{
        facets,
        products::{self, ProductQuery, Sort},
    },
    media,
    money::Money,
    stores::front,
};

/// An amount in the platform currency.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({ "amount": 1250, "currency": "EUR" }))]
pub struct Amount {
    /// In minor units (cents).
    pub amount: i64,
    /// ISO 4217.
    pub currency: &'static str,
}

impl From<Money> for Amount {
    fn from(money: Money) -> Self {
        Self {
            amount: money.cents(),
            currency: Money::CURRENCY,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImageJson {
    /// The largest rendition, absolute.
    pub url: String,
    /// For people who cannot see it.
    pub alt: String,
    pub width: i32,
    pub height: i32,
}

impl ImageJson {
    fn new(app_url: &str, image: products::Image) -> Self {
        let largest = media::WIDTHS[media::WIDTHS.len() - 1];
        Self {
            url: media::absolute_url(app_url, &image.file_key, largest),
            alt: image.alt,
            width: image.width,
            height: image.height,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StoreRef {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProductSummary {
    pub slug: String,
    pub title: String,
    /// The product page, absolute.
    pub url: String,
    pub store: StoreRef,
    /// The cheapest variant's price.
    pub price_from: Amount,
    /// Whether variants differ in price.
    pub has_price_range: bool,
    pub in_stock: bool,
    pub image: Option<ImageJson>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProductList {
    pub items: Vec<ProductSummary>,
    /// Pass as `cursor` for the next page; absent on the last.
    pub next_cursor: Option<String>,
}

/// The filters of `/products`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProductFilters {
    /// Words to search for; each matches as a prefix, accents ignored.
    pub q: Option<String>,
    /// A category slug; its sub-categories are included.
    pub category: Option<String>,
    /// A store slug.
    pub store: Option<String>,
    /// Some variant costs at least this many cents…
    #[param(minimum = 0)]
    pub price_min: Option<i64>,
    /// …and some variant at most this many.
    #[param(minimum = 0)]
    pub price_max: Option<i64>,
    /// The `material` attribute, case ignored.
    pub material: Option<String>,
    /// Only products with stock left.
    #[serde(default)]
    pub in_stock: bool,
    /// `relevance` (best match when searching, newest otherwise), `newest`,
    /// `price_asc`, `price_desc` or `best_selling`.
    pub sort: Option<String>,
    /// Products per page, 1 to 200.
    #[param(minimum = 1, maximum = 200, default = 20)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// Published products of active stores, as `/products` lists them. Pages are
/// cut at the moment of the first one, rounded down to five seconds:
/// products published later appear when a client starts again, never in
/// the middle of its pages.
#[utoipa::path(
    get, path = "/products", tag = "catalog",
    params(ProductFilters),
    responses(
        (status = 200, body = ProductList, headers(("Link" = String, description = "The next page, `rel=\"next\"`"))),
        (status = 400, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn list_products(
    State(state): State<AppState>,
    RawQuery(raw_query): RawQuery,
    ApiQuery(filters): ApiQuery<ProductFilters>,
) -> Result<impl IntoResponse, ApiError> {
    let sort = match filters.sort.as_deref() {
        None => Sort::default(),
        Some(name) => Sort::parse(name)
            .ok_or_else(|| ApiError::bad_request(format!("There is no sort called {name:?}.")))?,
    };
    let cursor = Cursor::start_or_continue(filters.cursor.as_deref(), filters.limit)?
        .rounded_down(products::LISTING_TTL);
    let price = |cents: Option<i64>| -> Result<Option<Money>, ApiError> {
        match cents {
            Some(cents) if cents < 0 => Err(ApiError::bad_request("Prices are 0 or more cents.")),
            cents => Ok(cents.map(Money::from_cents)),
        }
    };
    let query = ProductQuery {
        text: filters.q,
        category: filters.category,
        store: filters.store,
        price_min: price(filters.price_min)?,
        price_max: price(filters.price_max)?,
        material: filters.material,
        in_stock: filters.in_stock,
        sort,
        page: cursor.page,
        per_page: cursor.limit,
        published_by: Some(cursor.moment),
        // The API speaks English; a product's other languages are the
        // storefront's for now.
        lang: texts::Lang::En,
    };
    let page = products::list_published_cached(&state.db, &state.listings, &query).await?;
    let app_url = &state.config.app_url;
    let next_cursor = (page.page < page.page_count()).then(|| cursor.next().encode());
    let list = ProductList {
        items: page
            .items
            .iter()
            .cloned()
            .map(|p| ProductSummary {
                url: format!("{app_url}/p/{}", p.slug),
                slug: p.slug,
                title: p.title,
                store: StoreRef {
                    slug: p.store_slug,
                    name: p.store_name,
                },
                price_from: p.price_from.into(),
                has_price_range: p.has_price_range,
                in_stock: p.in_stock,
                image: p.image.map(|image| ImageJson::new(app_url, image)),
            })
            .collect(),
        next_cursor,
    };
    let headers = cursor::next_link(
        app_url,
        "/products",
        raw_query.as_deref(),
        list.next_cursor.as_deref(),
    );
    Ok((headers, Json(list)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VariantJson {
    pub id: i64,
    pub sku: String,
    /// Option name to value, such as `{"size": "M"}`.
    pub options: BTreeMap<String, String>,
    pub price: Amount,
    /// The price before a reduction, when there is one.
    pub compare_at_price: Option<Amount>,
    pub stock: i32,
    pub in_stock: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryRef {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Product {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub url: String,
    /// Markdown.
    pub description: String,
    pub attributes: BTreeMap<String, String>,
    pub store: StoreRef,
    pub category: CategoryRef,
    pub variants: Vec<VariantJson>,
    pub images: Vec<ImageJson>,
}

/// One published product by its slug or its numeric id.
#[utoipa::path(
    get, path = "/products/{product}", tag = "catalog",
    params(("product" = String, Path, description = "The product's slug or id")),
    responses(
        (status = 200, body = Product),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn get_product(
    State(state): State<AppState>,
    Path(product): Path<String>,
) -> Result<Json<Product>, ApiError> {
    let found = match product.parse::<i64>() {
        Ok(id) => products::find_published_by_id(&state.db, id, texts::Lang::En).await?,
        Err(_) => products::find_published(&state.db, &product, texts::Lang::En).await?,
    };
    let app_url = &state.config.app_url;
    Ok(Json(Product {
        id: found.id,
        url: format!("{app_url}/p/{}", found.slug),
        slug: found.slug,
        title: found.title,
        description: found.description,
        attributes: found.attributes,
        store: StoreRef {
            slug: found.store_slug,
            name: found.store_name,
        },
        category: CategoryRef {
            slug: found.category_slug,
            name: found.category_name,
        },
        variants: found
            .variants
            .into_iter()
            .map(|v| VariantJson {
                id: v.id,
                sku: v.sku,
                options: v.options,
                price: v.price.into(),
                compare_at_price: v.compare_at_price.map(Amount::from),
                in_stock: v.stock > 0,
                stock: v.stock,
            })
            .collect(),
        images: found
            .images
            .into_iter()
            .map(|image| ImageJson::new(app_url, image))
            .collect(),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(no_recursion)]
pub struct Category {
    pub slug: String,
    pub name: String,
    pub children: Vec<Category>,
}

/// The approved categories as a tree, in menu order.
#[utoipa::path(
    get, path = "/categories", tag = "catalog",
    responses((status = 200, body = Vec<Category>)),
)]
pub async fn categories(State(state): State<AppState>) -> Result<Json<Vec<Category>>, ApiError> {
    let flat = facets::facets(&state.db).await?.categories;
    // Tree order with depths: each category follows its parent.
    let mut roots: Vec<Category> = Vec::new();
    for choice in flat {
        let category = Category {
            slug: choice.slug,
            name: choice.name,
            children: Vec::new(),
        };
        place(&mut roots, choice.depth, category);
    }
    Ok(Json(roots))
}

/// Puts `category` last among the categories `depth` levels down the
/// last branch of `siblings`.
fn place(siblings: &mut Vec<Category>, depth: i32, category: Category) {
    match siblings.last_mut() {
        Some(parent) if depth > 0 => place(&mut parent.children, depth - 1, category),
        _ => siblings.push(category),
    }
}

/// The active stores, by name.
#[utoipa::path(
    get, path = "/stores", tag = "catalog",
    responses((status = 200, body = Vec<StoreRef>)),
)]
pub async fn stores(State(state): State<AppState>) -> Result<Json<Vec<StoreRef>>, ApiError> {
    let stores = facets::facets(&state.db).await?.stores;
    Ok(Json(
        stores
            .into_iter()
            .map(|s| StoreRef {
                slug: s.slug,
                name: s.name,
            })
            .collect(),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Store {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub url: String,
    pub logo: Option<String>,
}

/// One active store.
#[utoipa::path(
    get, path = "/stores/{slug}", tag = "catalog",
    params(("slug" = String, Path)),
    responses(
        (status = 200, body = Store),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn store(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<Store>, ApiError> {
    let store = front::active(&state.db, &slug).await?;
    let app_url = &state.config.app_url;
    Ok(Json(Store {
        url: format!("{app_url}/s/{}", store.slug),
        logo: store
            .logo_key
            .map(|key| media::absolute_url(app_url, &key, media::WIDTHS[0])),
        slug: store.slug,
        name: store.name,
        description: store.description,
    }))
}
