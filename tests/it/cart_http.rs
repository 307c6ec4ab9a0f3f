//! The cart through the whole application without JavaScript: a visitor's
//! cart lives in their session and joins their own cart when they sign in.

use app::api::{accounts::login::LogIn, cart::AddToCart};
use fixtures::unique_email;
use http::StatusCode;
use leptos::server_fn::ServerFn;
use server::{
    accounts::Role,
    cart::{self, Owner},
};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::support::{Browser, app, config, database, location, verified_user};

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_visitors_cart_joins_theirs_at_sign_in_within_the_stock(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[])).await;
    sqlx::raw_sql(
        "INSERT INTO categories (slug, name) VALUES ('home', 'Home');
         INSERT INTO stores (slug, name) VALUES ('alpha', 'Alpha');
         INSERT INTO products (store_id, category_id, slug, title, status, published_at)
           VALUES ((SELECT id FROM stores), (SELECT id FROM categories), 'mug', 'Blue mug', 'published', now());
         INSERT INTO product_variants (product_id, store_id, sku, price, stock)
           VALUES ((SELECT id FROM products), (SELECT id FROM stores), 'MUG', 1200, 3);",
    )
    .execute(&db)
    .await
    .unwrap();
    let mug: i64 = sqlx::query_scalar("SELECT id FROM product_variants WHERE sku = 'MUG'")
        .fetch_one(&db)
        .await
        .unwrap();
    let email = unique_email("shopper");
    let user = verified_user(&db, &email, &[Role::Customer]).await;
    cart::add(&db, Owner::User(user), mug, cart::Quantity::new(2).unwrap())
        .await
        .unwrap();

    let mut browser = Browser::new(app.clone());
    let (_, _, page) = browser.get("/cart").await;
    assert!(page.contains("Your cart is empty."));
    let variant = mug.to_string();
    let (status, _, _) = browser
        .post_form(
            AddToCart::PATH,
            "/p/mug",
            &[("variant_id", &variant), ("quantity", "2")],
        )
        .await;
    assert_eq!(status, StatusCode::FOUND);
    let (_, _, page) = browser.get("/p/mug").await;
    assert!(
        page.contains("Added to your cart."),
        "the product page says so"
    );
    let (_, _, page) = browser.get("/cart").await;
    assert!(
        page.contains("Blue mug") && page.contains("€24.00"),
        "the visitor's cart"
    );

    let (status, headers, _) = browser
        .post_form(
            LogIn::PATH,
            "/login",
            &[
                ("email", &email),
                ("password", "a long test password"),
                ("next", "/cart"),
            ],
        )
        .await;
    assert_eq!(
        (status, location(&headers).as_str()),
        (StatusCode::FOUND, "/cart")
    );
    assert_eq!(
        cart::count(&db, Owner::User(user)).await.unwrap(),
        3,
        "2 + 2, capped by the stock of 3"
    );
    let visitor_carts: i64 =
        sqlx::query_scalar("SELECT count(*) FROM carts WHERE token IS NOT NULL")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(visitor_carts, 0);
    let (_, _, page) = browser.get("/cart").await;
    assert!(
        page.contains("€36.00"),
        "the signed-in cart shows the merged lines"
    );
}
