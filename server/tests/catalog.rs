//! What shoppers find: only published products of active stores, searched by
//! prefix without regard to accents, filtered by category tree, paged stably.

use server::catalog::products::{ProductQuery, find_published, list_published};
use server::{Error, money::Money};
use sqlx::PgPool;

/// Two categories (one a child), one active and one suspended store.
async fn catalog(db: &PgPool) -> (i64, i64) {
    sqlx::raw_sql(
        "INSERT INTO categories (slug, name) VALUES ('home', 'Home');
         INSERT INTO categories (slug, name, parent_id) VALUES ('kitchen', 'Kitchen', (SELECT id FROM categories WHERE slug = 'home'));
         INSERT INTO categories (slug, name) VALUES ('books', 'Books');
         INSERT INTO stores (slug, name) VALUES ('open-shop', 'Open Shop');
         INSERT INTO stores (slug, name, status) VALUES ('shut-shop', 'Shut Shop', 'suspended');",
    )
    .execute(db)
    .await
    .unwrap();
    let open: i64 = sqlx::query_scalar("SELECT id FROM stores WHERE slug = 'open-shop'")
        .fetch_one(db)
        .await
        .unwrap();
    let shut: i64 = sqlx::query_scalar("SELECT id FROM stores WHERE slug = 'shut-shop'")
        .fetch_one(db)
        .await
        .unwrap();
    (open, shut)
}

async fn product(
    db: &PgPool,
    store: i64,
    category: &str,
    slug: &str,
    title: &str,
    status: &str,
    prices: &[i64],
) {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO products (store_id, category_id, slug, title, status, published_at)
         VALUES ($1, (SELECT id FROM categories WHERE slug = $2), $3, $4, $5, now()) RETURNING id",
    )
    .bind(store)
    .bind(category)
    .bind(slug)
    .bind(title)
    .bind(status)
    .fetch_one(db)
    .await
    .unwrap();
    for (n, price) in prices.iter().enumerate() {
        sqlx::query("INSERT INTO product_variants (product_id, store_id, sku, price, stock) VALUES ($1, $2, $3, $4, 5)")
            .bind(id)
            .bind(store)
            .bind(format!("{slug}-{n}"))
            .bind(price)
            .execute(db)
            .await
            .unwrap();
    }
}

fn slugs(page: &server::catalog::Page<server::catalog::ProductSummary>) -> Vec<&str> {
    page.items.iter().map(|p| p.slug.as_str()).collect()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn shoppers_see_only_published_products_of_active_stores(db: PgPool) {
    let (open, shut) = catalog(&db).await;
    product(&db, open, "kitchen", "mug", "Mug", "published", &[1200]).await;
    product(
        &db,
        open,
        "kitchen",
        "draft-mug",
        "Draft Mug",
        "draft",
        &[1200],
    )
    .await;
    product(
        &db,
        open,
        "kitchen",
        "old-mug",
        "Old Mug",
        "archived",
        &[1200],
    )
    .await;
    product(
        &db,
        shut,
        "kitchen",
        "hidden-mug",
        "Hidden Mug",
        "published",
        &[1200],
    )
    .await;

    let page = list_published(&db, &ProductQuery::default()).await.unwrap();
    assert_eq!(slugs(&page), ["mug"]);
    assert_eq!(page.total, 1);
    for hidden in ["draft-mug", "old-mug", "hidden-mug", "no-such"] {
        assert!(
            matches!(find_published(&db, hidden).await, Err(Error::NotFound)),
            "{hidden} was found"
        );
    }
    let mug = find_published(&db, "mug").await.unwrap();
    assert_eq!(mug.store_name, "Open Shop");
    assert_eq!(mug.variants[0].price, Money(1200));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn search_matches_word_prefixes_regardless_of_accents_and_case(db: PgPool) {
    let (open, _) = catalog(&db).await;
    product(
        &db,
        open,
        "kitchen",
        "creme-jug",
        "Crème Jug",
        "published",
        &[900],
    )
    .await;
    product(
        &db,
        open,
        "books",
        "cookbook",
        "Cookbook",
        "published",
        &[900],
    )
    .await;

    let search = |text: &str| ProductQuery {
        text: Some(text.into()),
        ..Default::default()
    };
    assert_eq!(
        slugs(&list_published(&db, &search("creme")).await.unwrap()),
        ["creme-jug"]
    );
    assert_eq!(
        slugs(&list_published(&db, &search("CRÈ")).await.unwrap()),
        ["creme-jug"]
    );
    assert_eq!(
        slugs(&list_published(&db, &search("cook")).await.unwrap()),
        ["cookbook"]
    );
    // The category and store names are searchable too.
    assert_eq!(
        list_published(&db, &search("kitchen")).await.unwrap().total,
        1
    );
    assert_eq!(
        list_published(&db, &search("open shop"))
            .await
            .unwrap()
            .total,
        2
    );
    // Punctuation in the query is not an error.
    assert_eq!(
        list_published(&db, &search("jug & | ! ' :*"))
            .await
            .unwrap()
            .total,
        1
    );
    assert_eq!(
        list_published(&db, &search("teapot")).await.unwrap().total,
        0
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_category_includes_its_sub_categories(db: PgPool) {
    let (open, _) = catalog(&db).await;
    product(&db, open, "kitchen", "mug", "Mug", "published", &[900]).await;
    product(&db, open, "home", "rug", "Rug", "published", &[900]).await;
    product(&db, open, "books", "novel", "Novel", "published", &[900]).await;

    let in_category = |slug: &str| ProductQuery {
        category: Some(slug.into()),
        ..Default::default()
    };
    let home = list_published(&db, &in_category("home")).await.unwrap();
    let mut home = slugs(&home);
    home.sort();
    assert_eq!(home, ["mug", "rug"]);
    assert_eq!(
        slugs(&list_published(&db, &in_category("kitchen")).await.unwrap()),
        ["mug"]
    );
    assert_eq!(
        list_published(&db, &in_category("nothing"))
            .await
            .unwrap()
            .total,
        0
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn pages_cover_every_product_exactly_once(db: PgPool) {
    let (open, _) = catalog(&db).await;
    for n in 0..30 {
        product(
            &db,
            open,
            "books",
            &format!("book-{n}"),
            &format!("Book {n}"),
            "published",
            &[500],
        )
        .await;
    }
    let first = list_published(
        &db,
        &ProductQuery {
            page: 1,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let second = list_published(
        &db,
        &ProductQuery {
            page: 2,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!((first.items.len(), second.items.len()), (24, 6));
    assert_eq!((first.total, first.page_count()), (30, 2));
    let mut all: Vec<&str> = slugs(&first).into_iter().chain(slugs(&second)).collect();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 30);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_card_shows_the_lowest_price_and_whether_others_cost_more(db: PgPool) {
    let (open, _) = catalog(&db).await;
    product(
        &db,
        open,
        "books",
        "range",
        "Range",
        "published",
        &[1500, 900, 2000],
    )
    .await;
    product(&db, open, "books", "single", "Single", "published", &[700]).await;
    let page = list_published(&db, &ProductQuery::default()).await.unwrap();
    let range = page.items.iter().find(|p| p.slug == "range").unwrap();
    assert_eq!(
        (range.price_from, range.has_price_range),
        (Money(900), true)
    );
    let single = page.items.iter().find(|p| p.slug == "single").unwrap();
    assert_eq!(
        (single.price_from, single.has_price_range),
        (Money(700), false)
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_database_refuses_negative_stock_and_duplicate_skus(db: PgPool) {
    let (open, _) = catalog(&db).await;
    product(&db, open, "books", "novel", "Novel", "published", &[500]).await;
    let negative = sqlx::query("UPDATE product_variants SET stock = stock - 6")
        .execute(&db)
        .await;
    assert!(negative.is_err(), "stock went below zero");
    let duplicate = sqlx::query(
        "INSERT INTO product_variants (product_id, store_id, sku, price) SELECT product_id, store_id, sku, 1 FROM product_variants",
    )
    .execute(&db)
    .await;
    assert!(duplicate.is_err(), "a SKU was repeated in one store");
    let shouting = sqlx::query("INSERT INTO users (email, password_hash) VALUES ('a@example.com', 'x'), ('A@EXAMPLE.COM', 'x')")
        .execute(&db)
        .await;
    assert!(
        shouting.is_err(),
        "an email differing only in case was accepted"
    );
}
