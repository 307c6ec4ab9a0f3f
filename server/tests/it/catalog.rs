//! What shoppers find: only published products of active stores, searched by
//! prefix without regard to accents, filtered by category tree, paged stably.

use server::catalog::products::{ProductQuery, find_published, list_published};
use server::{Error, money::Money};
use sqlx::PgPool;
use texts::Lang;

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

fn slugs(page: &server::paging::Page<server::catalog::ProductSummary>) -> Vec<&str> {
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
            matches!(
                find_published(&db, hidden, Lang::En).await,
                Err(Error::NotFound)
            ),
            "{hidden} was found"
        );
    }
    let mug = find_published(&db, "mug", Lang::En).await.unwrap();
    assert_eq!(mug.store_name, "Open Shop");
    assert_eq!(mug.variants[0].price, Money::from_cents(1200));
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
        (Money::from_cents(900), true)
    );
    let single = page.items.iter().find(|p| p.slug == "single").unwrap();
    assert_eq!(
        (single.price_from, single.has_price_range),
        (Money::from_cents(700), false)
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

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn filters_narrow_the_listing_alone_and_together(db: PgPool) {
    let (open, _) = catalog(&db).await;
    sqlx::query("INSERT INTO stores (slug, name) VALUES ('other-shop', 'Other Shop')")
        .execute(&db)
        .await
        .unwrap();
    let other: i64 = sqlx::query_scalar("SELECT id FROM stores WHERE slug = 'other-shop'")
        .fetch_one(&db)
        .await
        .unwrap();
    product(
        &db,
        open,
        "kitchen",
        "cheap-mug",
        "Cheap Mug",
        "published",
        &[500],
    )
    .await;
    product(
        &db,
        open,
        "kitchen",
        "dear-jug",
        "Dear Jug",
        "published",
        &[4000, 6000],
    )
    .await;
    product(
        &db,
        other,
        "books",
        "cook-book",
        "Cook Book",
        "published",
        &[2500],
    )
    .await;
    product(
        &db,
        other,
        "kitchen",
        "wool-cosy",
        "Wool Cosy",
        "published",
        &[1500],
    )
    .await;
    sqlx::raw_sql(
        "UPDATE products SET attributes = '{\"material\": \"wool\"}' WHERE slug = 'wool-cosy';
         UPDATE product_variants SET stock = 0 WHERE sku = 'cheap-mug-0';
         UPDATE products SET units_sold = 40 WHERE slug = 'cook-book';
         UPDATE products SET units_sold = 7 WHERE slug = 'dear-jug';",
    )
    .execute(&db)
    .await
    .unwrap();
    let list = |query: ProductQuery| {
        let db = db.clone();
        async move {
            let page = list_published(&db, &query).await.unwrap();
            let mut found: Vec<String> = page.items.iter().map(|p| p.slug.clone()).collect();
            assert_eq!(page.total as usize, found.len());
            found.sort();
            found
        }
    };
    assert_eq!(
        list(ProductQuery {
            store: Some("other-shop".into()),
            ..Default::default()
        })
        .await,
        ["cook-book", "wool-cosy"]
    );
    // A product matches a price range when some variant's price is in it.
    assert_eq!(
        list(ProductQuery {
            price_min: Some(Money::from_cents(5000)),
            ..Default::default()
        })
        .await,
        ["dear-jug"]
    );
    assert_eq!(
        list(ProductQuery {
            price_max: Some(Money::from_cents(1500)),
            ..Default::default()
        })
        .await,
        ["cheap-mug", "wool-cosy"]
    );
    assert_eq!(
        list(ProductQuery {
            material: Some("WOOL".into()),
            ..Default::default()
        })
        .await,
        ["wool-cosy"]
    );
    assert!(
        !list(ProductQuery {
            in_stock: true,
            ..Default::default()
        })
        .await
        .contains(&"cheap-mug".to_owned())
    );
    assert_eq!(
        list(ProductQuery {
            category: Some("home".into()),
            store: Some("open-shop".into()),
            price_min: Some(Money::from_cents(1000)),
            in_stock: true,
            ..Default::default()
        })
        .await,
        ["dear-jug"]
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn listings_sort_by_price_and_sales_and_follow_variant_changes(db: PgPool) {
    use server::catalog::products::Sort;
    let (open, _) = catalog(&db).await;
    product(&db, open, "kitchen", "b", "B", "published", &[3000]).await;
    product(&db, open, "kitchen", "a", "A", "published", &[1000, 9000]).await;
    product(&db, open, "kitchen", "c", "C", "published", &[2000]).await;
    sqlx::query("UPDATE products SET units_sold = 9 WHERE slug = 'c'")
        .execute(&db)
        .await
        .unwrap();
    let order = |sort: Sort| {
        let db = db.clone();
        async move {
            let query = ProductQuery {
                sort,
                ..Default::default()
            };
            let page = list_published(&db, &query).await.unwrap();
            page.items
                .iter()
                .map(|p| p.slug.clone())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(order(Sort::PriceLowToHigh).await, ["a", "c", "b"]);
    assert_eq!(order(Sort::PriceHighToLow).await, ["b", "c", "a"]);
    assert_eq!(order(Sort::BestSelling).await[0], "c");
    // The summary follows the variants: the cheapest variant of A goes.
    sqlx::query("DELETE FROM product_variants WHERE sku = 'a-0'")
        .execute(&db)
        .await
        .unwrap();
    assert_eq!(order(Sort::PriceLowToHigh).await, ["c", "b", "a"]);
}

async fn translate(db: &PgPool, slug: &str, lang: &str, title: &str, description: &str) {
    sqlx::query(
        "INSERT INTO product_translations (product_id, language, title, description)
         VALUES ((SELECT id FROM products WHERE slug = $1), $2, $3, $4)",
    )
    .bind(slug)
    .bind(lang)
    .bind(title)
    .bind(description)
    .execute(db)
    .await
    .unwrap();
}

/// Every language a product is written in is searched with its own
/// stemming; matches in the shopper's language rank first; titles come in
/// the shopper's language where the seller wrote one, in English otherwise.
#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn products_are_found_and_shown_in_each_language_they_are_written_in(db: PgPool) {
    let (open, _) = catalog(&db).await;
    product(
        &db,
        open,
        "home",
        "wool-socks",
        "Wool socks",
        "published",
        &[1500],
    )
    .await;
    product(
        &db,
        open,
        "home",
        "sock-drawer",
        "Sock drawer",
        "published",
        &[4000],
    )
    .await;
    translate(
        &db,
        "wool-socks",
        "fr",
        "Chaussette en laine",
        "Tricotée à la main.",
    )
    .await;
    translate(&db, "wool-socks", "de", "Warme Socke", "").await;
    let search = |text: &str, lang: Lang| ProductQuery {
        text: Some(text.into()),
        lang,
        ..Default::default()
    };
    let found = |query: ProductQuery| {
        let db = db.clone();
        async move {
            let mut slugs: Vec<String> = list_published(&db, &query)
                .await
                .unwrap()
                .items
                .into_iter()
                .map(|p| p.slug)
                .collect();
            slugs.sort();
            slugs
        }
    };
    // Each language's stemming: the plural finds the singular and the other
    // way round, accents folded; a prefix of the singular would not.
    assert_eq!(found(search("chaussettes", Lang::Fr)).await, ["wool-socks"]);
    assert_eq!(found(search("tricotee", Lang::Fr)).await, ["wool-socks"]);
    assert_eq!(found(search("socken", Lang::De)).await, ["wool-socks"]);
    assert_eq!(
        found(search("socks", Lang::En)).await,
        ["sock-drawer", "wool-socks"]
    );
    // A shopper's words match every language, whichever they read in.
    assert_eq!(found(search("chaussettes", Lang::De)).await, ["wool-socks"]);

    // Matches in the shopper's language first.
    product(
        &db,
        open,
        "home",
        "oak-table",
        "Oak table",
        "published",
        &[9000],
    )
    .await;
    product(
        &db,
        open,
        "home",
        "low-bench",
        "Low bench",
        "published",
        &[7000],
    )
    .await;
    translate(&db, "low-bench", "fr", "Table basse", "").await;
    let ranked = |lang: Lang| {
        let db = db.clone();
        async move {
            let query = search("table", lang);
            let page = list_published(&db, &query).await.unwrap();
            page.items.into_iter().map(|p| p.slug).collect::<Vec<_>>()
        }
    };
    assert_eq!(ranked(Lang::Fr).await, ["low-bench", "oak-table"]);
    assert_eq!(ranked(Lang::En).await, ["oak-table", "low-bench"]);

    // Shown in the shopper's language, or in English, so marked.
    let listed = list_published(
        &db,
        &ProductQuery {
            lang: Lang::De,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let title = |slug: &str| {
        let card = listed.items.iter().find(|p| p.slug == slug).unwrap();
        (card.title.as_str(), card.title_lang)
    };
    assert_eq!(title("wool-socks"), ("Warme Socke", Lang::De));
    assert_eq!(title("sock-drawer"), ("Sock drawer", Lang::En));
    let page = find_published(&db, "wool-socks", Lang::Fr).await.unwrap();
    assert_eq!(
        (page.title.as_str(), page.title_lang, page.description_lang),
        ("Chaussette en laine", Lang::Fr, Lang::Fr)
    );
    let page = find_published(&db, "wool-socks", Lang::De).await.unwrap();
    assert_eq!(
        (page.title_lang, page.description_lang),
        (Lang::De, Lang::En)
    );
}
