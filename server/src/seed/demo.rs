//! The demo marketplace: categories, three stores with about sixty products,
//! and the demo accounts. Running it again adds only what is missing.

use std::collections::HashSet;

use sqlx::PgPool;

use super::{Dice, placeholder};
use crate::{
    Error, Result,
    accounts::{Email, Role, two_step, users},
    media::{self, Storage},
    secrets::SecretsKey,
    text::{self, capitalise},
};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "demo-password";

/// The demo platform admin's authenticator key (base32): platform admins
/// need a second sign-in step, so the demo admin has one from the start.
/// Type it into an authenticator app to sign in as the admin.
pub const DEMO_ADMIN_TOTP_KEY: &str = "BAZAARDEMOADMINTOTPKEYFORLOCAL23";

/// The demo accounts, shown on the login page in development.
pub const DEMO_ACCOUNTS: &[(&str, &str)] = &[
    (
        "admin@example.com",
        "platform admin; its second step takes a code from an authenticator app \
         given the key BAZAARDEMOADMINTOTPKEYFORLOCAL23",
    ),
    ("seller@example.com", "owner of Northwind Knits"),
    ("seller2@example.com", "owner of Atelier Ceramica"),
    ("shopper@example.com", "customer"),
];

const CATEGORIES: &[(&str, &str, Option<&str>)] = &[
    ("clothing", "Clothing", None),
    ("tops", "Tops", Some("clothing")),
    ("knitwear", "Knitwear", Some("clothing")),
    ("home", "Home & Living", None),
    ("kitchen", "Kitchen", Some("home")),
    ("decor", "Decor", Some("home")),
    ("textiles", "Textiles", Some("home")),
    ("accessories", "Accessories", None),
    ("bags", "Bags", Some("accessories")),
    ("jewellery", "Jewellery", Some("accessories")),
    ("stationery", "Stationery", None),
    ("notebooks", "Notebooks", Some("stationery")),
    ("prints", "Art Prints", Some("stationery")),
];

/// How a product's variants differ.
#[derive(Clone, Copy)]
enum Options {
    Sizes,
    Colours,
    Formats,
    Single,
}

struct StoreSeed {
    slug: &'static str,
    name: &'static str,
    sku_prefix: &'static str,
    owner: (&'static str, &'static str),
    description: &'static str,
    /// (category, noun, material, base price in cents, options)
    lines: &'static [(&'static str, &'static str, &'static str, i64, Options)],
}

const STORES: &[StoreSeed] = &[
    StoreSeed {
        slug: "northwind-knits",
        name: "Northwind Knits",
        sku_prefix: "NWK",
        owner: ("seller@example.com", "Nora Lind"),
        description: "Knitwear and soft goods spun and sewn in a small coastal workshop.",
        lines: &[
            ("knitwear", "Jumper", "merino wool", 8900, Options::Sizes),
            ("knitwear", "Cardigan", "lambswool", 9900, Options::Sizes),
            ("knitwear", "Beanie", "alpaca", 2900, Options::Colours),
            ("tops", "T-Shirt", "organic cotton", 2900, Options::Sizes),
            ("tops", "Linen Shirt", "linen", 6400, Options::Sizes),
            ("textiles", "Throw Blanket", "wool", 11900, Options::Colours),
            ("bags", "Tote Bag", "waxed canvas", 4500, Options::Colours),
        ],
    },
    StoreSeed {
        slug: "atelier-ceramica",
        name: "Atelier Ceramica",
        sku_prefix: "ACE",
        owner: ("seller2@example.com", "Marco Bellini"),
        description: "Wheel-thrown stoneware and small-batch jewellery from a studio by the river.",
        lines: &[
            ("kitchen", "Mug", "stoneware", 2400, Options::Colours),
            (
                "kitchen",
                "Serving Bowl",
                "stoneware",
                4800,
                Options::Formats,
            ),
            ("kitchen", "Teapot", "porcelain", 7200, Options::Colours),
            ("decor", "Vase", "terracotta", 5600, Options::Formats),
            (
                "decor",
                "Candle Holder",
                "stoneware",
                1900,
                Options::Colours,
            ),
            ("jewellery", "Ring", "recycled silver", 6900, Options::Sizes),
            ("jewellery", "Pendant", "brass", 3900, Options::Single),
        ],
    },
    StoreSeed {
        slug: "paper-and-pine",
        name: "Paper & Pine",
        sku_prefix: "PNP",
        owner: ("seller3@example.com", "Ines Moreau"),
        description: "Notebooks, prints and desk things, printed with plant-based inks.",
        lines: &[
            (
                "notebooks",
                "Notebook",
                "recycled paper",
                1600,
                Options::Formats,
            ),
            (
                "notebooks",
                "Sketchbook",
                "cotton paper",
                2200,
                Options::Formats,
            ),
            (
                "notebooks",
                "Planner",
                "recycled paper",
                2800,
                Options::Colours,
            ),
            (
                "prints",
                "Art Print",
                "archival paper",
                3500,
                Options::Formats,
            ),
            ("prints", "Poster", "matte paper", 2500, Options::Formats),
            (
                "decor",
                "Wall Calendar",
                "recycled paper",
                1900,
                Options::Single,
            ),
            ("bags", "Pencil Case", "cork", 1500, Options::Colours),
        ],
    },
];

const ADJECTIVES: &[&str] = &[
    "Classic", "Everyday", "Heritage", "Coastal", "Meadow", "Studio", "Harbour", "Alpine", "Ember",
];
const COLOURS: &[&str] = &["Oat", "Navy", "Sage", "Rust", "Charcoal", "Sand"];

/// What a run created, for the command's report.
#[derive(Debug, Default)]
pub struct Report {
    pub products_created: usize,
    pub products_kept: usize,
}

/// Seeds the demo marketplace; products that already exist are kept as they are.
pub async fn run(db: &PgPool, secrets_key: &SecretsKey, storage: &Storage) -> Result<Report> {
    seed_categories(db).await?;
    let admin = users::upsert_verified(
        db,
        &Email::parse("admin@example.com")?,
        "Ada Admin",
        DEMO_PASSWORD,
        &[Role::Customer, Role::Admin],
        false,
    )
    .await?;
    two_step::enrol_with_key(db, secrets_key, admin, DEMO_ADMIN_TOTP_KEY).await?;
    users::upsert_verified(
        db,
        &Email::parse("shopper@example.com")?,
        "Sam Shopper",
        DEMO_PASSWORD,
        &[Role::Customer],
        false,
    )
    .await?;
    let mut report = Report::default();
    let mut product_number = 0u64;
    for store in STORES {
        let (owner_email, owner_name) = store.owner;
        let owner = users::upsert_verified(
            db,
            &Email::parse(owner_email)?,
            owner_name,
            DEMO_PASSWORD,
            &[Role::Customer, Role::Seller],
            false,
        )
        .await?;
        let store_id = upsert_store(db, store, owner).await?;
        let mut titles = HashSet::new();
        for (line_number, line) in store.lines.iter().enumerate() {
            for round in 0..3u64 {
                product_number += 1;
                let mut dice = Dice::new(product_number);
                let material: Vec<String> = line.2.split(' ').map(capitalise).collect();
                let material = material.join(" ");
                let mut title = String::new();
                // Two lines can draw the same adjective; draw again until the title is new.
                while title.is_empty() || !titles.insert(title.clone()) {
                    title = format!("{} {material} {}", dice.pick(ADJECTIVES), line.1);
                }
                let sku_stem = format!("{}-{}{}", store.sku_prefix, line_number + 1, round + 1);
                let created = seed_product(
                    db,
                    storage,
                    store_id,
                    line,
                    &title,
                    &sku_stem,
                    product_number,
                    &mut dice,
                )
                .await?;
                if created {
                    report.products_created += 1;
                } else {
                    report.products_kept += 1;
                }
            }
        }
    }
    Ok(report)
}

async fn seed_categories(db: &PgPool) -> Result<()> {
    for (position, (slug, name, parent)) in CATEGORIES.iter().enumerate() {
        sqlx::query!(
            "INSERT INTO categories (parent_id, slug, name, position)
             VALUES ((SELECT id FROM categories WHERE slug = $1), $2, $3, $4)
             ON CONFLICT (slug) DO NOTHING",
            *parent,
            slug,
            name,
            position as i32
        )
        .execute(db)
        .await?;
    }
    Ok(())
}

async fn upsert_store(db: &PgPool, store: &StoreSeed, owner: i64) -> Result<i64> {
    let mut tx = db.begin().await?;
    let id = sqlx::query_scalar!(
        "INSERT INTO stores (slug, name, description) VALUES ($1, $2, $3)
         ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug
         RETURNING id",
        store.slug,
        store.name,
        store.description
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        "INSERT INTO store_members (store_id, user_id, role) VALUES ($1, $2, 'owner') ON CONFLICT DO NOTHING",
        id,
        owner
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Creates one product with its variants and pictures, unless its slug exists.
#[allow(clippy::too_many_arguments)]
async fn seed_product(
    db: &PgPool,
    storage: &Storage,
    store_id: i64,
    line: &(&str, &str, &str, i64, Options),
    title: &str,
    sku_stem: &str,
    number: u64,
    dice: &mut Dice,
) -> Result<bool> {
    let (category, noun, material, base_price, options) = *line;
    let slug = text::slugify(title);
    let exists = sqlx::query_scalar!(
        "SELECT EXISTS (SELECT 1 FROM products WHERE slug = $1)",
        slug
    )
    .fetch_one(db)
    .await?
    .unwrap_or(false);
    if exists {
        return Ok(false);
    }

    let picture_count = picture_count(options);
    // Later views draw from seeds past every product number, so no picture
    // repeats another product's.
    let encoded = tokio::task::spawn_blocking(move || {
        (0..picture_count)
            .map(|view| media::encode(&placeholder::picture(number + 1000 * view)))
            .collect::<Result<Vec<_>>>()
    })
    .await
    .map_err(Error::internal)??;
    let stored = media::store(db, storage, encoded).await?;
    let keys: Vec<String> = stored.iter().map(|s| s.file_key.clone()).collect();

    let description = format!(
        "A {noun_lower} made from **{material}**, finished by hand.\n\n\
         - Made in small batches\n- Ships in plastic-free packaging\n- Care: see the label\n",
        noun_lower = noun.to_lowercase()
    );
    let attributes = serde_json::json!({ "material": material });
    let price = base_price + dice.below(8) as i64 * 100;
    let days_ago = dice.below(120) as f64;

    let mut tx = db.begin().await?;
    let product_id = sqlx::query_scalar!(
        "INSERT INTO products (store_id, category_id, slug, title, description, attributes, status, published_at, created_at)
         VALUES ($1, (SELECT id FROM categories WHERE slug = $2), $3, $4, $5, $6, 'published',
                 now() - make_interval(days => $7::float8::int), now() - make_interval(days => $7::float8::int))
         RETURNING id",
        store_id,
        category,
        slug,
        title,
        description,
        attributes,
        days_ago,
    )
    .fetch_one(&mut *tx)
    .await?;

    for (position, (label, option_values, extra)) in
        variant_options(options, dice).into_iter().enumerate()
    {
        let stock = match dice.below(10) {
            0 => 0,
            1 => 1 + dice.below(3) as i32,
            _ => 5 + dice.below(40) as i32,
        };
        let compare_at = (dice.below(6) == 0).then_some(price + extra + 1000);
        sqlx::query!(
            "INSERT INTO product_variants (product_id, store_id, sku, options, price, compare_at_price, stock, position)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            product_id,
            store_id,
            format!("{sku_stem}-{label}"),
            option_values,
            price + extra,
            compare_at,
            stock,
            position as i32,
        )
        .execute(&mut *tx)
        .await?;
    }

    // Inserted in order: a product's pictures are shown by position, then id.
    for (view, stored) in stored.iter().enumerate() {
        let alt = match view {
            0 => format!("{title}, {material}"),
            1 => format!("{title}, seen from the back"),
            _ => format!("{title}, close-up of the {material}"),
        };
        sqlx::query!(
            "INSERT INTO product_images (product_id, file_key, alt, width, height) VALUES ($1, $2, $3, $4, $5)",
            product_id,
            stored.file_key,
            alt,
            stored.width as i32,
            stored.height as i32,
        )
        .execute(&mut *tx)
        .await?;
    }
    media::deletions::cancel(&mut tx, &keys).await?;
    tx.commit().await?;
    Ok(true)
}

/// How many pictures a product gets: clothing and rings are shown from three
/// sides, things in colours from two, the rest in one, so the demo has
/// galleries of every size.
fn picture_count(options: Options) -> u64 {
    match options {
        Options::Sizes => 3,
        Options::Colours => 2,
        Options::Formats | Options::Single => 1,
    }
}

/// Each variant's SKU suffix, option values and price difference in cents.
fn variant_options(options: Options, dice: &mut Dice) -> Vec<(String, serde_json::Value, i64)> {
    match options {
        Options::Sizes => ["S", "M", "L", "XL"]
            .iter()
            .enumerate()
            .map(|(i, size)| {
                (
                    size.to_string(),
                    serde_json::json!({ "size": size }),
                    if i == 3 { 500 } else { 0 },
                )
            })
            .collect(),
        Options::Colours => {
            let first = dice.below(COLOURS.len() as u64) as usize;
            (0..3)
                .map(|i| {
                    let colour = COLOURS[(first + i) % COLOURS.len()];
                    (
                        colour.to_uppercase(),
                        serde_json::json!({ "colour": colour }),
                        0,
                    )
                })
                .collect()
        }
        Options::Formats => [("A5", 0), ("A4", 800), ("A3", 1600)]
            .iter()
            .map(|(format, extra)| {
                (
                    format.to_string(),
                    serde_json::json!({ "format": format }),
                    *extra,
                )
            })
            .collect(),
        Options::Single => vec![("ONE".into(), serde_json::json!({}), 0)],
    }
}
