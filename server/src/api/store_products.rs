//! `/store/products`: the token's store's own products, drafts included,
//! with their variants and images; made, changed, published and deleted by
//! the seller pages' rules (`seller::products`). A product carries an ETag
//! from its version; a change sent with `If-Match` is refused with 412 when
//! somebody changed the product since.

use std::collections::BTreeMap;

use axum::{
    Json,
    extract::{Multipart, RawQuery, State, multipart::MultipartRejection},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::{Deserialize, Serialize};
use texts::{Lang, msg};
use utoipa::{IntoParams, ToSchema};

use super::{
    auth::{Meta, Token},
    catalog::Amount,
    cursor::{self, Cursor},
    problem::{ApiError, ApiJson, ApiPath, ApiQuery, Problem},
};
use crate::{
    AppState,
    accounts::api_tokens::Scope,
    media,
    money::Money,
    seller::{
        images::{self, Change},
        products::{self, Editable, ListQuery, ProductInput, Removal, Status, VariantInput},
    },
};

#[derive(Debug, Serialize, ToSchema)]
pub struct StoreProductRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    /// `draft`, `published` or `archived`.
    pub status: String,
    pub variants: i64,
    pub stock_total: i32,
    pub price_from: Option<Amount>,
    pub price_to: Option<Amount>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StoreProductList {
    pub items: Vec<StoreProductRow>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StoreProductFilters {
    /// Part of the title, address or a SKU.
    pub q: Option<String>,
    /// `draft`, `published` or `archived`.
    pub status: Option<String>,
    #[param(minimum = 1, maximum = 200, default = 20)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

fn status(text: &str) -> Result<Status, ApiError> {
    Status::parse(text)
        .ok_or_else(|| ApiError::bad_request("status is draft, published or archived."))
}

/// The store's products, oldest first: products added while a client pages
/// through come after the pages it has read.
#[utoipa::path(
    get, path = "/store/products", tag = "store products",
    params(StoreProductFilters),
    security(("token" = ["catalog:read"])),
    responses(
        (status = 200, body = StoreProductList, headers(("Link" = String, description = "The next page, `rel=\"next\"`"))),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn list(
    State(state): State<AppState>,
    token: Token,
    RawQuery(raw_query): RawQuery,
    ApiQuery(filters): ApiQuery<StoreProductFilters>,
) -> Result<(HeaderMap, Json<StoreProductList>), ApiError> {
    let scope = token.store(Scope::CatalogRead)?;
    let cursor = Cursor::start_or_continue(filters.cursor.as_deref(), filters.limit)?;
    let query = ListQuery {
        text: filters.q.unwrap_or_default(),
        status: filters.status.as_deref().map(status).transpose()?,
        page: cursor.page,
        per_page: cursor.limit,
        oldest_first: true,
    };
    let page = products::list(&state.db, scope, &query).await?;
    let next_cursor = (page.page < page.page_count()).then(|| cursor.next().encode());
    let list = StoreProductList {
        items: page
            .items
            .into_iter()
            .map(|row| StoreProductRow {
                id: row.id,
                slug: row.slug,
                title: row.title,
                status: row.status,
                variants: row.variants,
                stock_total: row.stock_total,
                price_from: row.price_from.map(Amount::from),
                price_to: row.price_to.map(Amount::from),
            })
            .collect(),
        next_cursor,
    };
    let headers = cursor::next_link(
        &state.config.app_url,
        "/store/products",
        raw_query.as_deref(),
        list.next_cursor.as_deref(),
    );
    Ok((headers, Json(list)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StoreVariant {
    pub id: i64,
    pub sku: String,
    pub options: BTreeMap<String, String>,
    pub price: Amount,
    pub compare_at_price: Option<Amount>,
    pub stock: i32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StoreImage {
    pub id: i64,
    pub url: String,
    pub alt: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StoreProduct {
    pub id: i64,
    pub slug: String,
    pub title: String,
    /// Markdown.
    pub description: String,
    pub category_id: i64,
    pub attributes: BTreeMap<String, String>,
    pub status: String,
    /// `standard` or `reduced`: which of the delivery country's VAT rates applies.
    pub tax_class: String,
    /// Grows with every change; the ETag is `"{version}"`.
    pub version: i32,
    pub variants: Vec<StoreVariant>,
    pub images: Vec<StoreImage>,
    /// The title and description in French (`fr`) and German (`de`), where
    /// the seller wrote them; shoppers reading another language see the
    /// English ones.
    pub translations: BTreeMap<String, ProductTranslation>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProductTranslation {
    pub title: String,
    /// Markdown; empty: the English description is shown.
    #[serde(default)]
    pub description: String,
}

/// The product with its ETag.
fn answer(state: &AppState, status: StatusCode, product: Editable) -> Response {
    let etag = HeaderValue::try_from(format!("\"{}\"", product.version)).ok();
    let largest = media::WIDTHS[media::WIDTHS.len() - 1];
    let body = StoreProduct {
        id: product.id,
        slug: product.slug,
        title: product.title,
        description: product.description,
        category_id: product.category_id,
        attributes: product.attributes,
        status: product.status.as_str().to_owned(),
        tax_class: product.tax_class.as_str().to_owned(),
        version: product.version,
        variants: product
            .variants
            .into_iter()
            .map(|v| StoreVariant {
                id: v.id,
                sku: v.sku,
                options: product
                    .option_names
                    .iter()
                    .cloned()
                    .zip(v.values)
                    .filter(|(_, value)| !value.is_empty())
                    .collect(),
                price: v.price.into(),
                compare_at_price: v.compare_at_price.map(Amount::from),
                stock: v.stock,
            })
            .collect(),
        images: product
            .images
            .into_iter()
            .map(|image| StoreImage {
                id: image.id,
                url: media::absolute_url(&state.config.app_url, &image.file_key, largest),
                alt: image.alt,
            })
            .collect(),
        translations: product
            .translations
            .into_iter()
            .map(|(lang, text)| {
                let text = ProductTranslation {
                    title: text.title,
                    description: text.description,
                };
                (lang.code().to_owned(), text)
            })
            .collect(),
    };
    let mut headers = HeaderMap::new();
    if let Some(etag) = etag {
        headers.insert(header::ETAG, etag);
    }
    (status, headers, Json(body)).into_response()
}

/// One of the store's products; another store's is not found.
#[utoipa::path(
    get, path = "/store/products/{id}", tag = "store products",
    params(("id" = i64, Path)),
    security(("token" = ["catalog:read"])),
    responses(
        (status = 200, body = StoreProduct, headers(("ETag" = String))),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn get(
    State(state): State<AppState>,
    token: Token,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let scope = token.store(Scope::CatalogRead)?;
    let product = products::get(&state.db, scope, id).await?;
    Ok(answer(&state, StatusCode::OK, product))
}

/// A product as a client sends it: all of it, variants included. Variants
/// with an `id` are changed, without one added; existing variants left out
/// are deleted.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({
    "title": "Blue mug", "category_id": 3, "status": "published",
    "attributes": { "material": "stoneware" },
    "variants": [{ "sku": "MUG-BLUE", "options": { "size": "L" }, "price": 1250, "stock": 12 }]
}))]
pub struct ProductWrite {
    pub title: String,
    /// Left out: made from the title.
    #[serde(default)]
    pub slug: String,
    /// Markdown.
    #[serde(default)]
    pub description: String,
    pub category_id: i64,
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    /// `draft` (the default), `published` or `archived`.
    #[serde(default)]
    pub status: Option<String>,
    /// `standard` (the default) or `reduced`.
    #[serde(default)]
    pub tax_class: Option<String>,
    pub variants: Vec<VariantWrite>,
    /// The title and description in French (`fr`) and German (`de`); a
    /// language left out has none.
    #[serde(default)]
    pub translations: BTreeMap<String, ProductTranslation>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct VariantWrite {
    pub id: Option<i64>,
    pub sku: String,
    /// Option name to value, such as `{"size": "M"}`; at most three names per product.
    #[serde(default)]
    pub options: BTreeMap<String, String>,
    /// In cents.
    pub price: i64,
    pub compare_at_price: Option<i64>,
    pub stock: i64,
}

impl ProductWrite {
    /// The form input the seller pages send, so the same checks apply;
    /// `existing` variants not sent are marked for deletion.
    fn input(self, version: Option<i32>, existing: &[i64]) -> Result<ProductInput, ApiError> {
        let mut translations = BTreeMap::new();
        for (code, text) in self.translations {
            let lang = Lang::from_code(&code)
                .filter(|lang| products::translated_languages().any(|other| other == *lang))
                .ok_or_else(|| {
                    ApiError::bad_request(format!(
                        "Translations are in \"fr\" or \"de\", not {code:?}: the product's own title and description are English."
                    ))
                })?;
            let text = products::Translation {
                title: text.title,
                description: text.description,
            };
            translations.insert(lang, text);
        }
        let mut option_names: Vec<String> = Vec::new();
        for name in self.variants.iter().flat_map(|v| v.options.keys()) {
            if !option_names.contains(name) {
                option_names.push(name.clone());
            }
        }
        let sent: Vec<i64> = self.variants.iter().filter_map(|v| v.id).collect();
        let mut variants: Vec<VariantInput> = self
            .variants
            .into_iter()
            .map(|v| VariantInput {
                id: v.id,
                values: option_names
                    .iter()
                    .map(|name| v.options.get(name).cloned().unwrap_or_default())
                    .collect(),
                sku: v.sku,
                price: Money::from_cents(v.price).decimal(),
                compare_at_price: v
                    .compare_at_price
                    .map(|cents| Money::from_cents(cents).decimal())
                    .unwrap_or_default(),
                stock: v.stock.to_string(),
                remove: false,
            })
            .collect();
        variants.extend(
            existing
                .iter()
                .filter(|id| !sent.contains(id))
                .map(|id| VariantInput {
                    id: Some(*id),
                    remove: true,
                    ..VariantInput::default()
                }),
        );
        Ok(ProductInput {
            title: self.title,
            slug: self.slug,
            description: self.description,
            category_id: self.category_id.to_string(),
            new_category: String::new(),
            attributes: self
                .attributes
                .iter()
                .map(|(name, value)| format!("{name}: {value}"))
                .collect::<Vec<_>>()
                .join("\n"),
            status: self.status.unwrap_or_else(|| "draft".into()),
            tax_class: self.tax_class.unwrap_or_default(),
            version,
            option_names,
            variants,
            translations,
        })
    }
}

/// Adds a product to the store.
#[utoipa::path(
    post, path = "/store/products", tag = "store products",
    params(("Idempotency-Key" = Option<String>, Header)),
    request_body = ProductWrite,
    security(("token" = ["catalog:write"])),
    responses(
        (status = 201, body = StoreProduct, headers(("ETag" = String))),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn create(
    State(state): State<AppState>,
    token: Token,
    Meta(meta): Meta,
    ApiJson(product): ApiJson<ProductWrite>,
) -> Result<Response, ApiError> {
    let scope = token.store(Scope::CatalogWrite)?;
    let id = products::save(&state.db, &meta, scope, None, &product.input(None, &[])?).await?;
    let saved = products::get(&state.db, scope, id).await?;
    Ok(answer(&state, StatusCode::CREATED, saved))
}

/// The version an `If-Match` header names, if it is sent.
fn if_match(headers: &HeaderMap) -> Result<Option<i32>, ApiError> {
    let Some(value) = headers.get(header::IF_MATCH) else {
        return Ok(None);
    };
    value
        .to_str()
        .ok()
        .map(|v| v.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|v| v.parse().ok())
        .map(Some)
        .ok_or_else(|| ApiError::bad_request("If-Match is an ETag of this product, such as \"4\"."))
}

/// Replaces a product: every field as sent.
#[utoipa::path(
    put, path = "/store/products/{id}", tag = "store products",
    params(("id" = i64, Path), ("If-Match" = Option<String>, Header, description = "The ETag read; refused with 412 when the product changed since")),
    request_body = ProductWrite,
    security(("token" = ["catalog:write"])),
    responses(
        (status = 200, body = StoreProduct, headers(("ETag" = String))),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "A variant that was ordered cannot be removed"),
        (status = 412, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn update(
    State(state): State<AppState>,
    token: Token,
    Meta(meta): Meta,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
    ApiJson(product): ApiJson<ProductWrite>,
) -> Result<Response, ApiError> {
    let scope = token.store(Scope::CatalogWrite)?;
    let current = products::get(&state.db, scope, id).await?;
    let version = match if_match(&headers)? {
        Some(version) if version != current.version => return Err(ApiError::Stale),
        _ => current.version,
    };
    let existing: Vec<i64> = current.variants.iter().map(|v| v.id).collect();
    products::save(
        &state.db,
        &meta,
        scope,
        Some(id),
        &product.input(Some(version), &existing)?,
    )
    .await?;
    let saved = products::get(&state.db, scope, id).await?;
    Ok(answer(&state, StatusCode::OK, saved))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Deleted {
    /// `deleted`, or `archived` for a product with orders, which keep pointing at it.
    pub result: &'static str,
}

/// Deletes a product, or archives it when it has orders.
#[utoipa::path(
    delete, path = "/store/products/{id}", tag = "store products",
    params(("id" = i64, Path)),
    security(("token" = ["catalog:write"])),
    responses(
        (status = 200, body = Deleted),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn delete(
    State(state): State<AppState>,
    token: Token,
    Meta(meta): Meta,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Deleted>, ApiError> {
    let scope = token.store(Scope::CatalogWrite)?;
    let result = match products::remove(&state, &meta, scope, id).await? {
        Removal::Deleted => "deleted",
        Removal::Archived => "archived",
    };
    Ok(Json(Deleted { result }))
}

async fn set_status(
    state: &AppState,
    token: Token,
    meta: &crate::request::RequestMeta,
    id: i64,
    status: Status,
) -> Result<Response, ApiError> {
    let scope = token.store(Scope::CatalogWrite)?;
    products::get(&state.db, scope, id).await?;
    products::set_status(&state.db, meta, scope, &[id], status).await?;
    let product = products::get(&state.db, scope, id).await?;
    Ok(answer(state, StatusCode::OK, product))
}

/// Puts a product on sale.
#[utoipa::path(
    post, path = "/store/products/{id}/publish", tag = "store products",
    params(("id" = i64, Path)),
    security(("token" = ["catalog:write"])),
    responses(
        (status = 200, body = StoreProduct),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn publish(
    State(state): State<AppState>,
    token: Token,
    Meta(meta): Meta,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    set_status(&state, token, &meta, id, Status::Published).await
}

/// Takes a product off sale, back to draft.
#[utoipa::path(
    post, path = "/store/products/{id}/unpublish", tag = "store products",
    params(("id" = i64, Path)),
    security(("token" = ["catalog:write"])),
    responses(
        (status = 200, body = StoreProduct),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn unpublish(
    State(state): State<AppState>,
    token: Token,
    Meta(meta): Meta,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    set_status(&state, token, &meta, id, Status::Draft).await
}

/// The parts of an image upload.
#[derive(Debug, ToSchema)]
pub struct ImageUpload {
    /// JPEG, PNG or WebP files, up to 10 MB and 40 megapixels each; at most
    /// twelve images per product.
    #[schema(value_type = Vec<String>, format = Binary)]
    pub images: Vec<Vec<u8>>,
}

/// Adds images to a product, after its others: every file is checked first,
/// and one bad file adds none.
#[utoipa::path(
    post, path = "/store/products/{id}/images", tag = "store products",
    params(("id" = i64, Path)),
    request_body(content = ImageUpload, content_type = "multipart/form-data"),
    security(("token" = ["catalog:write"])),
    responses(
        (status = 201, body = StoreProduct),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn add_images(
    State(state): State<AppState>,
    token: Token,
    Meta(meta): Meta,
    ApiPath(id): ApiPath<i64>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let scope = token.store(Scope::CatalogWrite)?;
    let mut multipart = multipart.map_err(|rejection| ApiError::Malformed {
        status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
        detail: rejection.body_text(),
    })?;
    let cut_off = |_| ApiError::bad_request("The upload was cut off or is not valid multipart.");
    let mut uploads = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(cut_off)? {
        if field.name() == Some("images") {
            let name = field.file_name().unwrap_or_default().to_owned();
            let bytes = field.bytes().await.map_err(cut_off)?;
            uploads.push(images::Upload {
                name,
                bytes: bytes.to_vec(),
            });
        }
    }
    images::add(&state, &meta, scope, id, uploads).await?;
    let product = products::get(&state.db, scope, id).await?;
    Ok(answer(&state, StatusCode::CREATED, product))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ImageChange {
    /// The new description, for people who cannot see the image.
    pub alt: Option<String>,
    /// `earlier` or `later`: one place in the product's order.
    #[serde(rename = "move")]
    pub move_to: Option<String>,
}

/// Describes an image again, or moves it one place.
#[utoipa::path(
    patch, path = "/store/products/{id}/images/{image_id}", tag = "store products",
    params(("id" = i64, Path), ("image_id" = i64, Path)),
    request_body = ImageChange,
    security(("token" = ["catalog:write"])),
    responses(
        (status = 200, body = StoreProduct),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn change_image(
    State(state): State<AppState>,
    token: Token,
    ApiPath((id, image_id)): ApiPath<(i64, i64)>,
    ApiJson(change): ApiJson<ImageChange>,
) -> Result<Response, ApiError> {
    let scope = token.store(Scope::CatalogWrite)?;
    let change = match (change.alt, change.move_to.as_deref()) {
        (Some(alt), None) => Change::Alt(alt),
        (None, Some("earlier")) => Change::MoveEarlier,
        (None, Some("later")) => Change::MoveLater,
        _ => {
            return Err(crate::Error::invalid("", msg::PROBLEM_IMAGE_CHANGE).into());
        }
    };
    images::change(&state, scope, id, image_id, change).await?;
    let product = products::get(&state.db, scope, id).await?;
    Ok(answer(&state, StatusCode::OK, product))
}

/// Deletes one image of a product.
#[utoipa::path(
    delete, path = "/store/products/{id}/images/{image_id}", tag = "store products",
    params(("id" = i64, Path), ("image_id" = i64, Path)),
    security(("token" = ["catalog:write"])),
    responses(
        (status = 200, body = StoreProduct),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn delete_image(
    State(state): State<AppState>,
    token: Token,
    ApiPath((id, image_id)): ApiPath<(i64, i64)>,
) -> Result<Response, ApiError> {
    let scope = token.store(Scope::CatalogWrite)?;
    images::change(&state, scope, id, image_id, Change::Delete).await?;
    let product = products::get(&state.db, scope, id).await?;
    Ok(answer(&state, StatusCode::OK, product))
}
