//! Pages in French and German: the language of the path, its words, its way
//! of writing money, and links to the page in every language.

use http::StatusCode;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use app::api::accounts::registration::Register;
use fixtures::unique_email;
use leptos::server_fn::ServerFn;

use crate::support::{Browser, ORIGIN, app, config, database, store_with_one_product};

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_page_speaks_the_language_of_its_path(_: PgPoolOptions, connect: PgConnectOptions) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[])).await;
    store_with_one_product(&db, "lantern", "Brass lantern").await;
    let mut visitor = Browser::new(app);
    // The product costs 20 euros; `\u{a0}` is a no-break space.
    for (path, lang, all_products, price) in [
        ("/products", "en", "All products", "€20.00"),
        ("/fr/products", "fr", "Tous les produits", "20,00\u{a0}€"),
        ("/de/products", "de", "Alle Produkte", "20,00\u{a0}€"),
        ("/p/lantern-item", "en", "All products", "€20.00"),
        (
            "/fr/p/lantern-item",
            "fr",
            "Tous les produits",
            "20,00\u{a0}€",
        ),
        ("/de/p/lantern-item", "de", "Alle Produkte", "20,00\u{a0}€"),
    ] {
        let (status, _, page) = visitor.get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            page.contains(&format!(r#"<html lang="{lang}""#)),
            "{path} is in {lang}"
        );
        assert!(page.contains(all_products), "{path} says {all_products}");
        assert!(page.contains(price), "{path} shows {price}");
        let (_, unprefixed) = path.split_at(if lang == "en" { 0 } else { 3 });
        for (code, prefix) in [("en", ""), ("fr", "/fr"), ("de", "/de")] {
            let href = format!(r#"href="{ORIGIN}{prefix}{unprefixed}""#);
            let linked = page.split("<link").any(|link| {
                let link = link.split('>').next().unwrap_or_default();
                link.contains(r#"rel="alternate""#)
                    && link.contains(&format!(r#"hreflang="{code}""#))
                    && link.contains(&href)
            });
            assert!(linked, "{path} links to its {code} version");
        }
    }
}

/// A product is shown in the shopper's language where its seller wrote it,
/// and in English, marked `lang="en"`, where not.
#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_product_without_a_title_in_the_pages_language_shows_the_english_one_marked(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[])).await;
    store_with_one_product(&db, "lantern", "Brass lantern").await;
    sqlx::query(
        "INSERT INTO product_translations (product_id, language, title, description)
         SELECT id, 'fr', 'Lanterne en laiton', 'Elle éclaire le jardin.'
         FROM products WHERE slug = 'lantern-item'",
    )
    .execute(&db)
    .await
    .unwrap();
    let mut visitor = Browser::new(app);

    let (_, _, french) = visitor.get("/fr/p/lantern-item").await;
    assert!(french.contains("<h1>Lanterne en laiton</h1>"), "{french}");
    assert!(french.contains(r#"<html lang="fr""#));
    assert!(french.contains("Elle éclaire le jardin."));
    let (_, _, german) = visitor.get("/de/p/lantern-item").await;
    assert!(
        german.contains(r#"lang="en">Brass lantern</h1>"#),
        "{german}"
    );
    let (_, _, listing) = visitor.get("/de/products").await;
    assert!(
        listing.contains(r#"<span lang="en" class="product-card__title">Brass lantern</span>"#),
        "{listing}"
    );
    let (_, _, found) = visitor.get("/fr/products?q=lanternes").await;
    assert!(
        found.contains(r#"<span class="product-card__title">Lanterne en laiton</span>"#),
        "{found}"
    );
}

/// A refused form is answered in the language of the page it was sent from,
/// next to the field, with the input kept.
#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_refusal_speaks_the_language_of_the_page_it_came_from(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (app, _) = app(db, config(&[])).await;
    let mut visitor = Browser::new(app);
    let email = unique_email("court");
    visitor
        .post_form(
            Register::PATH,
            "/fr/register",
            &[("email", &email), ("password", "court"), ("name", "Grace")],
        )
        .await;
    let (_, _, page) = visitor.get("/fr/register").await;
    assert!(page.contains("10 caractères au moins."), "{page}");
    assert!(
        page.contains(&format!("value=\"{email}\"")),
        "the address is kept"
    );
}
