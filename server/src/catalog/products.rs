//! Published products as shoppers find them: listing with search, category
//! filter and pagination, and one product with its variants and images, each
//! in the shopper's language where the seller wrote one, in English otherwise.

use std::{collections::BTreeMap, sync::Arc, time::Duration};

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use texts::Lang;

use crate::{
    Error, Result,
    money::Money,
    paging::{Page, Window},
};

/// How many products a listing page shows.
pub const PAGE_SIZE: i64 = 24;

/// A product on a listing: enough for a card.
#[derive(Clone, Debug)]
pub struct ProductSummary {
    pub slug: String,
    pub title: String,
    /// The language the title is written in: the shopper's, or English
    /// when the product has no title in theirs.
    pub title_lang: Lang,
    pub store_name: String,
    pub store_slug: String,
    /// The cheapest variant's price.
    pub price_from: Money,
    /// Whether variants differ in price, so the card says "from".
    pub has_price_range: bool,
    pub in_stock: bool,
    pub image: Option<Image>,
}

/// An image of a product; its files are `{file_key}-{width}.webp`.
#[derive(Clone, Debug)]
pub struct Image {
    pub file_key: String,
    pub alt: String,
    pub width: i32,
    pub height: i32,
}

/// One purchasable version of a product.
#[derive(Clone, Debug)]
pub struct Variant {
    pub id: i64,
    pub sku: String,
    pub options: BTreeMap<String, String>,
    pub price: Money,
    pub compare_at_price: Option<Money>,
    pub stock: i32,
}

/// A product page's content.
#[derive(Clone, Debug)]
pub struct ProductDetail {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub description: String,
    /// The languages title and description are written in (see
    /// [`ProductSummary::title_lang`]).
    pub title_lang: Lang,
    pub description_lang: Lang,
    pub attributes: BTreeMap<String, String>,
    pub store_name: String,
    pub store_slug: String,
    pub category_name: String,
    pub category_slug: String,
    pub variants: Vec<Variant>,
    pub images: Vec<Image>,
}

/// The orders a listing can be sorted in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Sort {
    /// Best match first when searching, newest otherwise.
    #[default]
    Relevance,
    Newest,
    PriceLowToHigh,
    PriceHighToLow,
    BestSelling,
}

impl Sort {
    pub const ALL: [Sort; 5] = [
        Sort::Relevance,
        Sort::Newest,
        Sort::PriceLowToHigh,
        Sort::PriceHighToLow,
        Sort::BestSelling,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Relevance => "relevance",
            Self::Newest => "newest",
            Self::PriceLowToHigh => "price_asc",
            Self::PriceHighToLow => "price_desc",
            Self::BestSelling => "best_selling",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|sort| sort.as_str() == value)
    }
}

/// What a shopper asked the listing for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ProductQuery {
    /// Words to search for; each matches as a prefix, accents ignored, in
    /// every language a product is written in, each with its stemming.
    pub text: Option<String>,
    /// The shopper's language: titles are shown in it where the seller gave
    /// one, and matches in it rank first.
    pub lang: Lang,
    /// A category slug; its sub-categories are included.
    pub category: Option<String>,
    /// A store slug.
    pub store: Option<String>,
    /// Some variant costs at least this much…
    pub price_min: Option<Money>,
    /// …and some variant at most this much.
    pub price_max: Option<Money>,
    /// The `material` attribute, case ignored.
    pub material: Option<String>,
    /// Only products with stock left.
    pub in_stock: bool,
    pub sort: Sort,
    /// 1-based page number…
    pub page: i64,
    /// …of this many products.
    pub per_page: i64,
    /// Only products published by then: an API cursor's moment, so products
    /// published while a client pages through do not shift its pages.
    pub published_by: Option<DateTime<Utc>>,
}

impl Default for ProductQuery {
    fn default() -> Self {
        Self {
            text: None,
            lang: Lang::En,
            category: None,
            store: None,
            price_min: None,
            price_max: None,
            material: None,
            in_stock: false,
            sort: Sort::default(),
            page: 1,
            per_page: PAGE_SIZE,
            published_by: None,
        }
    }
}

/// Recent listing pages, shared by every request of this instance.
pub type ListingCache = moka::future::Cache<ProductQuery, Arc<Page<ProductSummary>>>;

/// Listings change when sellers edit, rarely compared with how often they
/// are read: a page may be up to this old.
pub const LISTING_TTL: Duration = Duration::from_secs(5);

pub fn listing_cache() -> ListingCache {
    moka::future::Cache::builder()
        .max_capacity(2_000)
        .time_to_live(LISTING_TTL)
        .build()
}

/// [`list_published`] through the cache. Requests arriving while a page is
/// being read wait for that one read instead of each running the query.
pub async fn list_published_cached(
    db: &PgPool,
    cache: &ListingCache,
    query: &ProductQuery,
) -> Result<Arc<Page<ProductSummary>>> {
    cache
        .try_get_with_by_ref(query, async {
            list_published(db, query).await.map(Arc::new)
        })
        .await
        .map_err(Error::shared)
}

/// Published products of active stores matching `query`, in its order; ties
/// are broken by publication time and id, so pages never overlap.
pub async fn list_published(db: &PgPool, query: &ProductQuery) -> Result<Page<ProductSummary>> {
    let window = Window::new(query.page, query.per_page);
    let blank_to_none = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let text = blank_to_none(&query.text);
    let rows = sqlx::query!(
        r#"
        WITH RECURSIVE wanted_categories AS (
            SELECT id FROM categories WHERE slug = $2 AND status = 'approved'
            UNION ALL
            SELECT c.id FROM categories c JOIN wanted_categories w ON c.parent_id = w.id
        ),
        -- Each word as a prefix: as typed, and stemmed in each language.
        words AS (
            SELECT string_agg(quote_literal(lexeme) || ':*', ' & ') AS terms
            FROM unnest(to_tsvector('simple', unaccent(coalesce($1, ''))))
        ),
        search AS (
            SELECT to_tsquery('simple', terms) AS plain, to_tsquery('english', terms) AS en,
                   to_tsquery('french', terms) AS fr, to_tsquery('german', terms) AS de
            FROM words
        ),
        matches AS (
            SELECT p.id, p.published_at, p.price_from, p.units_sold,
                   CASE WHEN $1::text IS NULL THEN 0 ELSE
                     -- Matches in the shopper's language rank first.
                     ts_rank(p.search, search.plain)
                     + ts_rank(p.search_en, search.en) * CASE WHEN $12 = 'en' THEN 10 ELSE 1 END
                     + ts_rank(p.search_fr, search.fr) * CASE WHEN $12 = 'fr' THEN 10 ELSE 1 END
                     + ts_rank(p.search_de, search.de) * CASE WHEN $12 = 'de' THEN 10 ELSE 1 END
                   END AS rank
            FROM products p
            JOIN stores s ON s.id = p.store_id
            CROSS JOIN search
            WHERE for_sale(p, s)
              AND p.price_from IS NOT NULL
              AND ($1::text IS NULL OR p.search @@ search.plain OR p.search_en @@ search.en
                   OR p.search_fr @@ search.fr OR p.search_de @@ search.de)
              AND ($2::text IS NULL OR p.category_id IN (SELECT id FROM wanted_categories))
              AND ($3::text IS NULL OR s.slug = $3)
              AND ($4::bigint IS NULL OR p.price_to >= $4)
              AND ($5::bigint IS NULL OR p.price_from <= $5)
              AND ($6::text IS NULL OR lower(p.attributes ->> 'material') = lower($6))
              AND (NOT $7 OR p.stock_total > 0)
              AND ($11::timestamptz IS NULL OR p.published_at <= $11)
        ),
        -- Rank and count every match, but join the details for one page only.
        page AS (
            SELECT m.*, count(*) OVER () AS total
            FROM matches m
            ORDER BY
              CASE WHEN $8 = 'price_asc' THEN m.price_from END ASC,
              CASE WHEN $8 = 'price_desc' THEN m.price_from END DESC,
              CASE WHEN $8 = 'best_selling' THEN m.units_sold END DESC,
              CASE WHEN $8 = 'relevance' THEN m.rank END DESC,
              m.published_at DESC NULLS LAST, m.id DESC
            LIMIT $9 OFFSET $10
        )
        SELECT p.slug, coalesce(t.title, p.title) AS "title!",
               CASE WHEN t.title IS NULL THEN 'en' ELSE t.language END AS "title_lang!",
               s.name AS store_name, s.slug AS store_slug,
               p.price_from AS "price_from!", p.price_to AS "price_to!", p.stock_total,
               i.file_key AS "image_key?", i.alt AS "image_alt?", i.width AS "image_width?", i.height AS "image_height?",
               page.total AS "total!"
        FROM page
        JOIN products p ON p.id = page.id
        JOIN stores s ON s.id = p.store_id
        LEFT JOIN product_translations t ON t.product_id = p.id AND t.language = $12
        LEFT JOIN LATERAL (
            SELECT file_key, alt, width, height FROM product_images
            WHERE product_id = p.id ORDER BY position, id LIMIT 1
        ) i ON true
        ORDER BY
          CASE WHEN $8 = 'price_asc' THEN page.price_from END ASC,
          CASE WHEN $8 = 'price_desc' THEN page.price_from END DESC,
          CASE WHEN $8 = 'best_selling' THEN page.units_sold END DESC,
          CASE WHEN $8 = 'relevance' THEN page.rank END DESC,
          page.published_at DESC NULLS LAST, page.id DESC
        "#,
        text,
        blank_to_none(&query.category),
        blank_to_none(&query.store),
        query.price_min.map(Money::cents),
        query.price_max.map(Money::cents),
        blank_to_none(&query.material),
        query.in_stock,
        query.sort.as_str(),
        window.limit(),
        window.offset(),
        query.published_by,
        query.lang.code(),
    )
    .fetch_all(db)
    .await?;
    let total = rows.first().map_or(0, |row| row.total);
    let items = rows
        .into_iter()
        .map(|row| ProductSummary {
            slug: row.slug,
            title: row.title,
            title_lang: Lang::stored(&row.title_lang),
            store_name: row.store_name,
            store_slug: row.store_slug,
            price_from: Money::from_cents(row.price_from),
            has_price_range: row.price_to != row.price_from,
            in_stock: row.stock_total > 0,
            image: row.image_key.map(|file_key| Image {
                file_key,
                alt: row.image_alt.unwrap_or_default(),
                width: row.image_width.unwrap_or(1),
                height: row.image_height.unwrap_or(1),
            }),
        })
        .collect();
    Ok(window.page(items, total))
}

/// A published product of an active store, in `lang` where the seller
/// wrote it, or `NotFound`.
pub async fn find_published(db: &PgPool, slug: &str, lang: Lang) -> Result<ProductDetail> {
    find(db, Some(slug), None, lang).await
}

/// [`find_published`] by the product's id.
pub async fn find_published_by_id(db: &PgPool, id: i64, lang: Lang) -> Result<ProductDetail> {
    find(db, None, Some(id), lang).await
}

async fn find(
    db: &PgPool,
    slug: Option<&str>,
    id: Option<i64>,
    lang: Lang,
) -> Result<ProductDetail> {
    let product = sqlx::query!(
        r#"
        SELECT p.id, p.slug, coalesce(t.title, p.title) AS "title!",
               CASE WHEN t.title IS NULL THEN 'en' ELSE t.language END AS "title_lang!",
               CASE WHEN coalesce(t.description, '') = '' THEN p.description
                    ELSE t.description END AS "description!",
               CASE WHEN coalesce(t.description, '') = '' THEN 'en'
                    ELSE t.language END AS "description_lang!",
               p.attributes, s.name AS store_name, s.slug AS store_slug,
               c.name AS category_name, c.slug AS category_slug
        FROM products p
        JOIN stores s ON s.id = p.store_id
        JOIN categories c ON c.id = p.category_id
        LEFT JOIN product_translations t ON t.product_id = p.id AND t.language = $3
        WHERE ($1::text IS NULL OR p.slug = $1) AND ($2::bigint IS NULL OR p.id = $2)
          AND for_sale(p, s)
        "#,
        slug,
        id,
        lang.code()
    )
    .fetch_optional(db)
    .await?
    .ok_or(Error::NotFound)?;

    let variants = sqlx::query!(
        "SELECT id, sku, options, price, compare_at_price, stock FROM product_variants
         WHERE product_id = $1 ORDER BY position, id",
        product.id
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|row| Variant {
        id: row.id,
        sku: row.sku,
        options: string_map(row.options),
        price: Money::from_cents(row.price),
        compare_at_price: row.compare_at_price.map(Money::from_cents),
        stock: row.stock,
    })
    .collect();

    let images = sqlx::query_as!(
        Image,
        "SELECT file_key, alt, width, height FROM product_images
         WHERE product_id = $1 ORDER BY position, id",
        product.id
    )
    .fetch_all(db)
    .await?;

    Ok(ProductDetail {
        id: product.id,
        slug: product.slug,
        title: product.title,
        description: product.description,
        title_lang: Lang::stored(&product.title_lang),
        description_lang: Lang::stored(&product.description_lang),
        attributes: string_map(product.attributes),
        store_name: product.store_name,
        store_slug: product.store_slug,
        category_name: product.category_name,
        category_slug: product.category_slug,
        variants,
        images,
    })
}

/// A JSON object of strings (the shape the schema enforces) as a sorted map.
fn string_map(value: serde_json::Value) -> BTreeMap<String, String> {
    match value {
        serde_json::Value::Object(map) => map
            .into_iter()
            .map(|(key, value)| match value {
                serde_json::Value::String(text) => (key, text),
                other => (key, other.to_string()),
            })
            .collect(),
        _ => BTreeMap::new(),
    }
}
