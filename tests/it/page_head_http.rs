//! What pages put in their `<head>`: text from shoppers and sellers (a
//! search, a product title, a store name) is escaped there as everywhere,
//! and canonical links are absolute.

use fixtures::unique_email;
use http::StatusCode;
use server::accounts::Role;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::support::{
    Browser, ORIGIN, app, config, database, signed_in, store_with_one_product, verified_user,
};

/// Markup that would end the title and redirect the visitor, and markup
/// that would end an attribute and open a script.
/// Short enough for a store's name.
const HOSTILE: &str =
    r#"</title><meta http-equiv="refresh" content="0;url=//e.x">"><script>a()</script>"#;

fn assert_escaped(page: &str, where_: &str) {
    let at = page.find(r#"<meta http-equiv="refresh" content="0;url=//e.x"#);
    assert!(
        at.is_none(),
        "{where_}: a meta refresh got into the page: {}",
        &page[at.unwrap_or(0).saturating_sub(300)..(at.unwrap_or(0) + 200).min(page.len())]
    );
    assert!(
        !page.contains("<script>a()"),
        "{where_}: a script element got into the page"
    );
    let head = page.split("</head>").next().unwrap_or_default();
    assert!(
        head.contains("&lt;/title&gt;"),
        "{where_}: the text is in the head, escaped: {head}"
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn hostile_text_in_titles_and_descriptions_stays_text(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[])).await;
    let (seller, store) = store_with_one_product(&db, "harbour", HOSTILE).await;
    sqlx::query("UPDATE stores SET name = $2, description = $2 WHERE id = $1")
        .bind(store)
        .bind(HOSTILE)
        .execute(&db)
        .await
        .unwrap();
    sqlx::query("UPDATE products SET description = $2 WHERE store_id = $1")
        .bind(store)
        .bind(HOSTILE)
        .execute(&db)
        .await
        .unwrap();
    let product: i64 = sqlx::query_scalar("SELECT id FROM products WHERE store_id = $1")
        .bind(store)
        .fetch_one(&db)
        .await
        .unwrap();

    let mut visitor = Browser::new(app.clone());
    let search = format!(
        "/products?q={}",
        form_urlencoded::byte_serialize(HOSTILE.as_bytes()).collect::<String>()
    );
    for path in [search.as_str(), "/p/harbour-item", "/s/harbour"] {
        let (status, _, page) = visitor.get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_escaped(&page, path);
    }

    let mut seller = signed_in(&app, &seller).await;
    let editor = format!("/seller/products/{product}");
    let (status, _, page) = seller.get(&editor).await;
    assert_eq!(status, StatusCode::OK);
    assert_escaped(&page, &editor);

    let admin = unique_email("admin");
    verified_user(&db, &admin, &[Role::Customer, Role::Admin]).await;
    let mut admin = signed_in(&app, &admin).await;
    let store_page = format!("/admin/stores/{store}");
    let (status, _, page) = admin.get(&store_page).await;
    assert_eq!(status, StatusCode::OK);
    assert_escaped(&page, &store_page);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn canonical_links_are_absolute(_: PgPoolOptions, connect: PgConnectOptions) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[])).await;
    store_with_one_product(&db, "lantern", "Brass lantern").await;
    let mut visitor = Browser::new(app);
    for (path, canonical) in [
        ("/products?q=brass", "/products"),
        ("/c/home", "/c/home"),
        ("/s/lantern", "/s/lantern"),
        ("/p/lantern-item", "/p/lantern-item"),
    ] {
        let (status, _, page) = visitor.get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let link = format!(r#"<link href="{ORIGIN}{canonical}" rel="canonical">"#);
        let head = page.split("</head>").next().unwrap_or_default();
        assert!(head.contains(&link), "{path} has {link}: {head}");
    }
}
