//! A store's products as its sellers manage them: the list, one product with
//! its variants for editing, saving with optimistic concurrency, publishing
//! in bulk and deleting.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use texts::{Lang, Text, msg};

use super::{StoreScope, categories, lock_product};
use crate::{
    AppState, Error, Problems, Result, UniqueRefusal,
    audit::Entry,
    catalog::Sku,
    media,
    money::Money,
    paging::{Page, Window},
    request::RequestMeta,
    text,
    vat::TaxClass,
};

/// How many products a page of the seller's list shows.
pub const PAGE_SIZE: i64 = 20;
/// How many options (size, colour, …) a product's variants can differ in.
pub const MAX_OPTIONS: usize = 3;
const MAX_VARIANTS: usize = 100;
const MAX_ATTRIBUTES: usize = 20;
pub const MAX_STOCK: i32 = 1_000_000;
/// The longest title and description, in characters, in any language.
const MAX_TITLE: usize = 140;
const MAX_DESCRIPTION: usize = 20_000;

/// Where a product stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Draft,
    Published,
    Archived,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Draft, Status::Published, Status::Archived];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Published => "published",
            Status::Archived => "archived",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == value)
    }
}

/// A row of the seller's product list.
#[derive(Clone, Debug)]
pub struct Row {
    pub id: i64,
    pub title: String,
    pub slug: String,
    pub status: String,
    pub variants: i64,
    pub stock_total: i32,
    pub price_from: Option<Money>,
    pub price_to: Option<Money>,
    pub updated_at: DateTime<Utc>,
}

/// What the seller's list shows: a search over title, address and SKUs, and
/// a status.
#[derive(Clone, Debug)]
pub struct ListQuery {
    pub text: String,
    pub status: Option<Status>,
    pub page: i64,
    pub per_page: i64,
    /// Oldest first, so products added while a client pages through come
    /// after its pages (the API); otherwise most recently changed first.
    pub oldest_first: bool,
}

impl Default for ListQuery {
    fn default() -> Self {
        Self {
            text: String::new(),
            status: None,
            page: 1,
            per_page: PAGE_SIZE,
            oldest_first: false,
        }
    }
}

/// The store's products in the query's order.
pub async fn list(db: &PgPool, scope: StoreScope, query: &ListQuery) -> Result<Page<Row>> {
    let window = Window::new(query.page, query.per_page);
    let text = query.text.trim();
    let pattern = text::contains_pattern(text);
    let status = query.status.map(Status::as_str);
    let rows = sqlx::query!(
        r#"SELECT p.id, p.title, p.slug, p.status, p.stock_total, p.price_from, p.price_to, p.updated_at,
                  (SELECT count(*) FROM product_variants v WHERE v.product_id = p.id) AS "variants!",
                  count(*) OVER () AS "total!"
           FROM products p
           WHERE p.store_id = $1
             AND ($2::text IS NULL OR p.status = $2)
             AND ($3 = '' OR p.title ILIKE $4 OR p.slug ILIKE $4
                  OR EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id AND v.sku ILIKE $4))
           ORDER BY CASE WHEN $7 THEN p.id END ASC, p.updated_at DESC, p.id DESC
           LIMIT $5 OFFSET $6"#,
        scope.store_id(),
        status,
        text,
        pattern,
        window.limit(),
        window.offset(),
        query.oldest_first,
    )
    .fetch_all(db)
    .await?;
    let total = rows.first().map_or(0, |row| row.total);
    let items = rows
        .into_iter()
        .map(|row| Row {
            id: row.id,
            title: row.title,
            slug: row.slug,
            status: row.status,
            variants: row.variants,
            stock_total: row.stock_total,
            price_from: row.price_from.map(Money::from_cents),
            price_to: row.price_to.map(Money::from_cents),
            updated_at: row.updated_at,
        })
        .collect();
    Ok(window.page(items, total))
}

/// A variant as the edit form shows it.
#[derive(Clone, Debug)]
pub struct EditableVariant {
    pub id: i64,
    pub sku: String,
    /// One value per option name of the product, in the same order.
    pub values: Vec<String>,
    pub price: Money,
    pub compare_at_price: Option<Money>,
    pub stock: i32,
}

/// An image as the edit form shows it.
#[derive(Clone, Debug)]
pub struct EditableImage {
    pub id: i64,
    pub file_key: String,
    pub alt: String,
}

/// A product's title and description in a language besides English, its
/// default: shown to shoppers reading that language; an empty description
/// falls back to the English one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Translation {
    pub title: String,
    pub description: String,
}

/// The languages a product may be written in besides English.
pub fn translated_languages() -> impl Iterator<Item = Lang> {
    Lang::ALL.into_iter().filter(|lang| *lang != Lang::En)
}

/// The form's field name for a translation's `field`, such as `title_fr`.
pub fn translation_field(field: &str, lang: Lang) -> String {
    format!("{field}_{}", lang.code())
}

/// A product as its edit form shows it.
#[derive(Clone, Debug)]
pub struct Editable {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub category_id: i64,
    pub attributes: BTreeMap<String, String>,
    pub status: Status,
    pub tax_class: TaxClass,
    pub version: i32,
    pub option_names: Vec<String>,
    pub variants: Vec<EditableVariant>,
    pub images: Vec<EditableImage>,
    pub translations: BTreeMap<Lang, Translation>,
}

/// One product of the store, with its variants and images.
pub async fn get(db: &PgPool, scope: StoreScope, id: i64) -> Result<Editable> {
    let product = sqlx::query!(
        "SELECT id, slug, title, description, category_id, attributes, status, tax_class, version
         FROM products WHERE id = $1 AND store_id = $2",
        id,
        scope.store_id()
    )
    .fetch_optional(db)
    .await?
    .ok_or(Error::NotFound)?;
    let variants = sqlx::query!(
        "SELECT id, sku, options, price, compare_at_price, stock FROM product_variants
         WHERE product_id = $1 ORDER BY position, id",
        id
    )
    .fetch_all(db)
    .await?;
    let images = sqlx::query_as!(
        EditableImage,
        "SELECT id, file_key, alt FROM product_images WHERE product_id = $1 ORDER BY position, id",
        id
    )
    .fetch_all(db)
    .await?;
    let translations = sqlx::query!(
        "SELECT language, title, description FROM product_translations WHERE product_id = $1",
        id
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .filter_map(|row| {
        let lang = Lang::from_code(&row.language)?;
        let text = Translation {
            title: row.title,
            description: row.description,
        };
        Some((lang, text))
    })
    .collect();
    let options: Vec<BTreeMap<String, String>> = variants
        .iter()
        .map(|variant| serde_json::from_value(variant.options.clone()).unwrap_or_default())
        .collect();
    let mut option_names: Vec<String> = Vec::new();
    for name in options.iter().flat_map(BTreeMap::keys) {
        if !option_names.contains(name) {
            option_names.push(name.clone());
        }
    }
    Ok(Editable {
        id: product.id,
        slug: product.slug,
        title: product.title,
        description: product.description,
        category_id: product.category_id,
        attributes: serde_json::from_value(product.attributes).unwrap_or_default(),
        status: Status::parse(&product.status).unwrap_or(Status::Draft),
        tax_class: TaxClass::parse(&product.tax_class).unwrap_or_default(),
        version: product.version,
        variants: variants
            .into_iter()
            .zip(options)
            .map(|(variant, options)| EditableVariant {
                id: variant.id,
                sku: variant.sku,
                values: option_names
                    .iter()
                    .map(|name| options.get(name).cloned().unwrap_or_default())
                    .collect(),
                price: Money::from_cents(variant.price),
                compare_at_price: variant.compare_at_price.map(Money::from_cents),
                stock: variant.stock,
            })
            .collect(),
        option_names,
        images,
        translations,
    })
}

/// A variant row as typed into the form.
#[derive(Clone, Debug, Default)]
pub struct VariantInput {
    /// The variant's id when it exists already.
    pub id: Option<i64>,
    pub sku: String,
    pub values: Vec<String>,
    pub price: String,
    pub compare_at_price: String,
    pub stock: String,
    /// Ticked to delete an existing variant.
    pub remove: bool,
}

impl VariantInput {
    fn is_blank(&self) -> bool {
        self.id.is_none()
            && [&self.sku, &self.price, &self.compare_at_price, &self.stock]
                .iter()
                .all(|value| value.trim().is_empty())
            && self.values.iter().all(|value| value.trim().is_empty())
    }
}

/// A product as typed into the form.
#[derive(Clone, Debug, Default)]
pub struct ProductInput {
    pub title: String,
    /// Blank: made from the title.
    pub slug: String,
    pub description: String,
    pub category_id: String,
    /// A category to propose; the product is filed under it.
    pub new_category: String,
    /// `name: value` lines, such as `material: wool`.
    pub attributes: String,
    pub status: String,
    /// `standard` or `reduced`; empty for standard.
    pub tax_class: String,
    /// The version the form was read at; `None` for a new product.
    pub version: Option<i32>,
    pub option_names: Vec<String>,
    pub variants: Vec<VariantInput>,
    /// French and German title and description; both blank for none.
    pub translations: BTreeMap<Lang, Translation>,
}

/// The form's field name for one variant row's input.
pub fn variant_field(row: usize, field: &str) -> String {
    format!("variants[{row}][{field}]")
}

struct CheckedVariant {
    row: usize,
    id: Option<i64>,
    sku: Sku,
    options: serde_json::Value,
    price: Money,
    compare_at_price: Option<Money>,
    stock: i32,
}

struct Checked {
    title: String,
    slug: Option<String>,
    description: String,
    category_id: Option<i64>,
    new_category: Option<String>,
    attributes: serde_json::Value,
    status: Status,
    tax_class: TaxClass,
    keep: Vec<CheckedVariant>,
    remove: Vec<i64>,
    /// Each other language's text, `None` to have none.
    translations: Vec<(Lang, Option<Translation>)>,
}

fn too_long(max: usize) -> Text {
    Text::from(msg::PROBLEM_TOO_LONG).with("max", max)
}

fn check(input: &ProductInput) -> Result<Checked> {
    let mut problems = Problems::default();
    let title = input.title.trim().to_owned();
    match title.chars().count() {
        0 => problems.add("title", msg::PROBLEM_TITLE_REQUIRED),
        n if n > MAX_TITLE => problems.add("title", too_long(MAX_TITLE)),
        _ => {}
    }
    let slug = input.slug.trim().to_lowercase();
    let slug = if slug.is_empty() {
        None
    } else {
        if !text::is_slug(&slug, 120) {
            problems.add("slug", msg::PROBLEM_PRODUCT_SLUG);
        }
        Some(slug)
    };
    if input.description.chars().count() > MAX_DESCRIPTION {
        problems.add("description", too_long(MAX_DESCRIPTION));
    }
    let translations = translated_languages()
        .map(|lang| {
            let typed = input.translations.get(&lang).cloned().unwrap_or_default();
            (lang, check_translation(lang, typed, &mut problems))
        })
        .collect();
    let new_category = Some(input.new_category.trim().to_owned()).filter(|name| !name.is_empty());
    let category_id = input.category_id.trim().parse::<i64>().ok();
    if category_id.is_none() && new_category.is_none() {
        problems.add("category_id", msg::PROBLEM_CATEGORY_OR_PROPOSE);
    }
    let attributes = check_attributes(&input.attributes, &mut problems);
    let status = Status::parse(input.status.trim()).unwrap_or_else(|| {
        problems.add("status", msg::PROBLEM_PRODUCT_STATUS);
        Status::Draft
    });
    let tax_class = match input.tax_class.trim() {
        "" => TaxClass::Standard,
        typed => TaxClass::parse(typed).unwrap_or_else(|| {
            problems.add("tax_class", msg::PROBLEM_TAX_CLASS);
            TaxClass::Standard
        }),
    };
    let option_names: Vec<String> = input
        .option_names
        .iter()
        .map(|name| name.trim().to_owned())
        .collect();
    for (n, name) in option_names.iter().enumerate() {
        let field = format!("option_names[{n}]");
        if name.chars().count() > 30 {
            problems.add(field, Text::from(msg::PROBLEM_TOO_LONG).with("max", 30));
        } else if !name.is_empty()
            && option_names[..n]
                .iter()
                .any(|other| other.eq_ignore_ascii_case(name))
        {
            problems.add(field, msg::PROBLEM_OPTION_NAME_TWICE);
        }
    }
    if option_names.len() > MAX_OPTIONS {
        problems.add(
            "",
            Text::from(msg::PROBLEM_OPTIONS_MAX).with("max", MAX_OPTIONS),
        );
    }

    let mut keep = Vec::new();
    let mut remove = Vec::new();
    let mut skus = HashSet::new();
    let mut combinations = HashSet::new();
    for (row, variant) in input.variants.iter().enumerate() {
        if variant.is_blank() {
            continue;
        }
        if variant.remove {
            if let Some(id) = variant.id {
                remove.push(id);
            }
            continue;
        }
        let field = |name: &str| variant_field(row, name);
        let sku = match Sku::parse(&variant.sku) {
            Ok(sku) if !skus.insert(sku.clone()) => {
                problems.add(field("sku"), msg::PROBLEM_SKU_TWICE_PRODUCT);
                None
            }
            Ok(sku) => Some(sku),
            Err(problem) => {
                problems.add(field("sku"), problem);
                None
            }
        };
        let price = Money::parse(&variant.price);
        if price.is_none() {
            problems.add(field("price"), msg::PROBLEM_PRICE);
        }
        let compare_at_price = if variant.compare_at_price.trim().is_empty() {
            None
        } else {
            match Money::parse(&variant.compare_at_price) {
                Some(was) if price.is_some_and(|price| was <= price) => {
                    problems.add(field("compare_at_price"), msg::PROBLEM_COMPARE_AT_LOWER);
                    None
                }
                Some(was) => Some(was),
                None => {
                    problems.add(field("compare_at_price"), msg::PROBLEM_COMPARE_AT_FORMAT);
                    None
                }
            }
        };
        let stock = variant.stock.trim();
        let stock = if stock.is_empty() {
            Some(0)
        } else {
            stock
                .parse::<i32>()
                .ok()
                .filter(|n| (0..=MAX_STOCK).contains(n))
        };
        if stock.is_none() {
            problems.add(
                field("stock"),
                Text::from(msg::PROBLEM_NUMBER_RANGE).with("max", MAX_STOCK),
            );
        }
        let mut options = serde_json::Map::new();
        for (n, name) in option_names.iter().enumerate() {
            let value = variant.values.get(n).map_or("", |value| value.trim());
            let value_field = format!("variants[{row}][values][{n}]");
            if name.is_empty() {
                if !value.is_empty() {
                    problems.add(value_field, msg::PROBLEM_OPTION_UNNAMED);
                }
            } else if value.is_empty() {
                problems.add(
                    value_field,
                    Text::from(msg::PROBLEM_OPTION_VALUE).with("option", name.as_str()),
                );
            } else if value.chars().count() > 40 {
                problems.add(
                    value_field,
                    Text::from(msg::PROBLEM_TOO_LONG).with("max", 40),
                );
            } else {
                options.insert(name.clone(), json!(value));
            }
        }
        let combination = serde_json::Value::Object(options.clone()).to_string();
        if !combinations.insert(combination) {
            problems.add(field("sku"), msg::PROBLEM_VARIANTS_SAME_OPTIONS);
        }
        if let (Some(sku), Some(price), Some(stock)) = (sku, price, stock) {
            keep.push(CheckedVariant {
                row,
                id: variant.id,
                sku,
                options: serde_json::Value::Object(options),
                price,
                compare_at_price,
                stock,
            });
        }
    }
    if !input.variants.iter().any(|v| !v.is_blank() && !v.remove) {
        problems.add("variants", msg::PROBLEM_VARIANTS_NONE);
    }
    if keep.len() > MAX_VARIANTS {
        problems.add(
            "variants",
            Text::from(msg::PROBLEM_VARIANTS_MAX).with("max", MAX_VARIANTS),
        );
    }
    problems.finish()?;
    Ok(Checked {
        title,
        slug,
        description: input.description.clone(),
        category_id,
        new_category,
        attributes,
        status,
        tax_class,
        keep,
        remove,
        translations,
    })
}

/// A translation as typed: none when both fields are blank; a description
/// needs its title, since a product is listed by its title.
fn check_translation(
    lang: Lang,
    typed: Translation,
    problems: &mut Problems,
) -> Option<Translation> {
    let title = typed.title.trim().to_owned();
    let description = typed.description.trim_end().to_owned();
    match title.chars().count() {
        0 if !description.trim().is_empty() => problems.add(
            translation_field("title", lang),
            msg::PROBLEM_TRANSLATION_TITLE,
        ),
        n if n > MAX_TITLE => problems.add(translation_field("title", lang), too_long(MAX_TITLE)),
        _ => {}
    }
    if description.chars().count() > MAX_DESCRIPTION {
        problems.add(
            translation_field("description", lang),
            too_long(MAX_DESCRIPTION),
        );
    }
    (!title.is_empty()).then_some(Translation { title, description })
}

fn check_attributes(lines: &str, problems: &mut Problems) -> serde_json::Value {
    let mut attributes = serde_json::Map::new();
    for line in lines.lines().map(str::trim).filter(|line| !line.is_empty()) {
        let Some((name, value)) = line.split_once(':') else {
            problems.add(
                "attributes",
                Text::from(msg::PROBLEM_ATTRIBUTE_COLON).with("line", line),
            );
            continue;
        };
        let (name, value) = (name.trim().to_lowercase(), value.trim());
        if name.is_empty()
            || name.chars().count() > 40
            || value.is_empty()
            || value.chars().count() > 200
        {
            problems.add("attributes", msg::PROBLEM_ATTRIBUTE_PARTS);
        } else if attributes.insert(name.clone(), json!(value)).is_some() {
            problems.add(
                "attributes",
                Text::from(msg::PROBLEM_ATTRIBUTE_TWICE).with("name", name),
            );
        }
    }
    if attributes.len() > MAX_ATTRIBUTES {
        problems.add(
            "attributes",
            Text::from(msg::PROBLEM_ATTRIBUTES_MAX).with("max", MAX_ATTRIBUTES),
        );
    }
    serde_json::Value::Object(attributes)
}

/// Saves a new product (`id` is `None`) or changes one of the store's.
/// A product changed since the form read it is a conflict; a slug or SKU in
/// use elsewhere is a problem on that field. Returns the product's id.
pub async fn save(
    db: &PgPool,
    meta: &RequestMeta,
    scope: StoreScope,
    id: Option<i64>,
    input: &ProductInput,
) -> Result<i64> {
    let checked = check(input)?;
    let mut tx = db.begin().await?;
    let mut category_id = checked.category_id;
    if let Some(category) = category_id
        && !categories::is_choice(&mut tx, scope, category).await?
    {
        if checked.new_category.is_none() {
            return Err(Error::invalid(
                "category_id",
                msg::PROBLEM_CATEGORY_FROM_LIST,
            ));
        }
        category_id = None;
    }
    if let Some(name) = &checked.new_category {
        let proposed = categories::propose(&mut tx, scope, name, category_id).await?;
        category_id = Some(proposed);
    }
    let Some(category_id) = category_id else {
        return Err(Error::invalid(
            "category_id",
            msg::PROBLEM_CATEGORY_FROM_LIST,
        ));
    };
    let slug = match &checked.slug {
        Some(slug) => slug.clone(),
        None => free_slug(&mut tx, &checked.title, id).await?,
    };

    let product_id = match id {
        None => sqlx::query_scalar!(
            "INSERT INTO products (store_id, category_id, slug, title, description, attributes, status,
                                   tax_class, published_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $7 = 'published' THEN now() END)
             RETURNING id",
            scope.store_id(),
            category_id,
            slug,
            checked.title,
            checked.description,
            checked.attributes,
            checked.status.as_str(),
            checked.tax_class.as_str(),
        )
        .fetch_one(&mut *tx)
        .await
        .when_taken(slug_taken)?,
        Some(id) => {
            let current = lock_product(&mut tx, scope, id).await?;
            if input.version != Some(current.version) {
                return Err(Error::conflict(msg::PROBLEM_PRODUCT_STALE));
            }
            sqlx::query!(
                "UPDATE products SET category_id = $3, slug = $4, title = $5, description = $6,
                        attributes = $7, status = $8, tax_class = $9, version = version + 1,
                        updated_at = now(),
                        published_at = CASE WHEN $8 = 'published' THEN coalesce(published_at, now()) ELSE published_at END
                 WHERE id = $1 AND store_id = $2",
                id,
                scope.store_id(),
                category_id,
                slug,
                checked.title,
                checked.description,
                checked.attributes,
                checked.status.as_str(),
                checked.tax_class.as_str(),
            )
            .execute(&mut *tx)
            .await
            .when_taken(slug_taken)?;
            id
        }
    };
    save_variants(&mut tx, meta, scope, product_id, &checked).await?;
    save_translations(&mut tx, product_id, &checked.translations).await?;
    Entry::new(
        Some(scope.actor()),
        if id.is_some() {
            "product.updated"
        } else {
            "product.created"
        },
    )
    .target(format!("product:{product_id}"))
    .store(scope.store_id())
    .metadata(json!({ "slug": slug, "status": checked.status.as_str() }))
    .record(&mut tx, meta)
    .await?;
    tx.commit().await?;
    Ok(product_id)
}

fn slug_taken() -> Error {
    Error::invalid("slug", msg::PROBLEM_PRODUCT_ADDRESS_TAKEN)
}

/// The title's slug, numbered when another product has it already.
async fn free_slug(conn: &mut PgConnection, title: &str, own_id: Option<i64>) -> Result<String> {
    let base: String = text::slugify(title).chars().take(110).collect();
    let base = match base.trim_end_matches('-') {
        "" => "product".to_owned(),
        base => base.to_owned(),
    };
    let taken: Vec<String> = sqlx::query_scalar!(
        "SELECT slug FROM products WHERE (slug = $1 OR slug LIKE $1 || '-%') AND id IS DISTINCT FROM $2",
        base,
        own_id
    )
    .fetch_all(conn)
    .await?;
    let taken: HashSet<String> = taken.into_iter().collect();
    let slug = std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(|slug| !taken.contains(slug))
        .expect("an unused number exists");
    Ok(slug)
}

async fn save_translations(
    conn: &mut PgConnection,
    product_id: i64,
    translations: &[(Lang, Option<Translation>)],
) -> Result<()> {
    for (lang, translation) in translations {
        match translation {
            Some(text) => {
                sqlx::query!(
                    "INSERT INTO product_translations (product_id, language, title, description)
                 VALUES ($1, $2, $3, $4)
                 ON CONFLICT (product_id, language) DO UPDATE
                 SET title = EXCLUDED.title, description = EXCLUDED.description
                 WHERE (product_translations.title, product_translations.description)
                       IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.description)",
                    product_id,
                    lang.code(),
                    text.title,
                    text.description,
                )
                .execute(&mut *conn)
                .await?
            }
            None => {
                sqlx::query!(
                    "DELETE FROM product_translations WHERE product_id = $1 AND language = $2",
                    product_id,
                    lang.code()
                )
                .execute(&mut *conn)
                .await?
            }
        };
    }
    Ok(())
}

async fn save_variants(
    conn: &mut PgConnection,
    meta: &RequestMeta,
    scope: StoreScope,
    product_id: i64,
    checked: &Checked,
) -> Result<()> {
    let existing: BTreeMap<i64, (String, i32)> = sqlx::query!(
        "SELECT id, sku, stock FROM product_variants WHERE product_id = $1 FOR UPDATE",
        product_id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|row| (row.id, (row.sku, row.stock)))
    .collect();
    for id in &checked.remove {
        if !existing.contains_key(id) {
            continue;
        }
        let removed = sqlx::query!("DELETE FROM product_variants WHERE id = $1", id)
            .execute(&mut *conn)
            .await;
        if let Err(sqlx::Error::Database(error)) = &removed
            && error.is_foreign_key_violation()
        {
            return Err(Error::conflict(
                Text::from(msg::PROBLEM_VARIANT_ORDERED).with("sku", existing[id].0.as_str()),
            ));
        }
        removed?;
    }
    // SKUs of removed or renamed variants are free again before any insert.
    for variant in checked.keep.iter().filter(|v| v.id.is_some()) {
        sqlx::query!(
            "UPDATE product_variants SET sku = 'renaming-' || id WHERE id = $1 AND product_id = $2",
            variant.id,
            product_id
        )
        .execute(&mut *conn)
        .await?;
    }
    for (position, variant) in checked.keep.iter().enumerate() {
        let sku_field = variant_field(variant.row, "sku");
        let saved = match variant.id {
            Some(id) => {
                if !existing.contains_key(&id) {
                    return Err(Error::NotFound);
                }
                sqlx::query_scalar!(
                    "UPDATE product_variants SET sku = $2, options = $3, price = $4, compare_at_price = $5,
                            stock = $6, position = $7, updated_at = now()
                     WHERE id = $1 RETURNING id",
                    id,
                    variant.sku.as_str(),
                    variant.options,
                    variant.price.cents(),
                    variant.compare_at_price.map(Money::cents),
                    variant.stock,
                    position as i32,
                )
                .fetch_one(&mut *conn)
                .await
            }
            None => {
                sqlx::query_scalar!(
                    "INSERT INTO product_variants (product_id, store_id, sku, options, price, compare_at_price, stock, position)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                    product_id,
                    scope.store_id(),
                    variant.sku.as_str(),
                    variant.options,
                    variant.price.cents(),
                    variant.compare_at_price.map(Money::cents),
                    variant.stock,
                    position as i32,
                )
                .fetch_one(&mut *conn)
                .await
            }
        };
        let variant_id = saved.when_taken(|| Error::invalid(sku_field, msg::PROBLEM_SKU_TAKEN))?;
        let before = variant
            .id
            .and_then(|id| existing.get(&id))
            .map_or(0, |(_, stock)| *stock);
        if before != variant.stock {
            Entry::new(Some(scope.actor()), "product.stock_adjusted")
                .target(format!("variant:{variant_id}"))
                .store(scope.store_id())
                .metadata(json!({
                    "product_id": product_id,
                    "sku": variant.sku.as_str(),
                    "from": before,
                    "to": variant.stock,
                }))
                .record(&mut *conn, meta)
                .await?;
        }
    }
    Ok(())
}

/// Sets the status of several of the store's products at once; ids of other
/// stores are ignored. Returns how many changed.
pub async fn set_status(
    db: &PgPool,
    meta: &RequestMeta,
    scope: StoreScope,
    ids: &[i64],
    status: Status,
) -> Result<u64> {
    let mut tx = db.begin().await?;
    let changed: Vec<i64> = sqlx::query_scalar!(
        "UPDATE products SET status = $3, version = version + 1, updated_at = now(),
                published_at = CASE WHEN $3 = 'published' THEN coalesce(published_at, now()) ELSE published_at END
         WHERE store_id = $1 AND id = ANY($2) AND status <> $3
         RETURNING id",
        scope.store_id(),
        ids,
        status.as_str()
    )
    .fetch_all(&mut *tx)
    .await?;
    if !changed.is_empty() {
        Entry::new(Some(scope.actor()), "product.status_changed")
            .store(scope.store_id())
            .metadata(json!({ "products": changed, "status": status.as_str() }))
            .record(&mut tx, meta)
            .await?;
    }
    tx.commit().await?;
    Ok(changed.len() as u64)
}

/// What deleting a product did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Removal {
    Deleted,
    /// It has orders, which must keep pointing at it.
    Archived,
}

/// Deletes one of the store's products, or archives it when orders refer to
/// its variants. Image files of a deleted product go once the deletion is
/// committed.
pub async fn remove(
    state: &AppState,
    meta: &RequestMeta,
    scope: StoreScope,
    id: i64,
) -> Result<Removal> {
    let mut tx = state.db.begin().await?;
    let slug = lock_product(&mut tx, scope, id).await?.slug;
    let files: Vec<String> = sqlx::query_scalar!(
        "SELECT file_key FROM product_images WHERE product_id = $1",
        id
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut attempt = sqlx::Acquire::begin(&mut *tx).await?;
    let deleted = sqlx::query!("DELETE FROM products WHERE id = $1", id)
        .execute(&mut *attempt)
        .await;
    let removal = match deleted {
        Ok(_) => {
            attempt.commit().await?;
            media::deletions::schedule(&mut tx, &files).await?;
            Removal::Deleted
        }
        Err(sqlx::Error::Database(error)) if error.is_foreign_key_violation() => {
            attempt.rollback().await?;
            sqlx::query!(
                "UPDATE products SET status = 'archived', version = version + 1, updated_at = now() WHERE id = $1",
                id
            )
            .execute(&mut *tx)
            .await?;
            Removal::Archived
        }
        Err(error) => return Err(error.into()),
    };
    Entry::new(
        Some(scope.actor()),
        match removal {
            Removal::Deleted => "product.deleted",
            Removal::Archived => "product.archived",
        },
    )
    .target(format!("product:{id}"))
    .store(scope.store_id())
    .metadata(json!({ "slug": slug }))
    .record(&mut tx, meta)
    .await?;
    tx.commit().await?;
    Ok(removal)
}
