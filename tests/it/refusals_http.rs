//! How refusals and unreadable requests are answered: with their own
//! status (never a 500 that looks like a crash), the same body shape, and
//! the site's error page where a person is looking.

use app::api::{
    admin::users::AdminUsers,
    orders::customer::MyOrder,
    seller::product_editor::{ProductEditor, SaveProduct},
};
use axum::body::Body;
use fixtures::unique_email;
use http::{Request, StatusCode, header};
use leptos::server_fn::ServerFn;
use server::accounts::Role;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::support::{
    Browser, ORIGIN, app, call, config, database, signed_in, store_with_one_product, verified_user,
};

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn refused_server_functions_answer_their_own_status(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[])).await;
    let (_, other_store) = store_with_one_product(&db, "elsewhere", "Their lamp").await;
    let (seller, _) = store_with_one_product(&db, "ours", "Our lamp").await;
    let their_product: i64 = sqlx::query_scalar("SELECT id FROM products WHERE store_id = $1")
        .bind(other_store)
        .fetch_one(&db)
        .await
        .unwrap();

    let mut seller = signed_in(&app, &seller).await;
    let (status, _, body) = seller
        .send(call(
            ProductEditor::PATH,
            &[("id", &their_product.to_string())],
        ))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "another store's product");
    assert_eq!(body, r#""NotFound""#);

    let (status, _, body) = seller
        .send(call(MyOrder::PATH, &[("number", "BZ-NOT-YOURS")]))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "an order that is not theirs");
    assert_eq!(body, r#""NotFound""#);

    let (status, _, body) = seller
        .send(call(
            AdminUsers::PATH,
            &[("text", ""), ("role", ""), ("status", ""), ("page", "1")],
        ))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "an admin function");
    assert_eq!(body, r#""Forbidden""#);

    let mut anonymous = Browser::new(app.clone());
    let (status, _, _) = anonymous
        .send(call(MyOrder::PATH, &[("number", "BZ-1")]))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "signed out");

    let (status, _, body) = seller.send(call(SaveProduct::PATH, &[("title", "")])).await;
    assert!(
        status.is_client_error(),
        "a form the server cannot read is the client's fault: {status} {body}"
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_chunked_body_over_the_limit_answers_413(_: PgPoolOptions, connect: PgConnectOptions) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[])).await;
    let (seller, _) = store_with_one_product(&db, "chunky", "Chunky lamp").await;
    let mut seller = signed_in(&app, &seller).await;
    // 16 MB in 1 MB chunks, with no Content-Length announcing it.
    let chunks = (0..16).map(|_| Ok::<_, std::io::Error>(vec![b'a'; 1024 * 1024]));
    let request = Request::post(SaveProduct::PATH)
        .header(header::ACCEPT, "application/json")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, ORIGIN)
        .header("sec-fetch-site", "same-origin")
        .body(Body::from_stream(futures_util::stream::iter(chunks)))
        .unwrap();
    let (status, _, _) = seller.send(request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_nul_byte_in_the_address_is_bad_input(_: PgPoolOptions, connect: PgConnectOptions) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[])).await;
    let customer = unique_email("nul");
    verified_user(&db, &customer, &[Role::Customer]).await;
    let mut customer = signed_in(&app, &customer).await;
    for path in [
        "/p/%00",
        "/products?q=%00",
        "/account/orders/%00",
        "/s/a%00b",
    ] {
        let (status, _, page) = customer.get(path).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
        assert!(page.contains("could not be understood"), "{path}: {page}");
    }
    let (status, _, _) = customer.get("/products?q=wool").await;
    assert_eq!(status, StatusCode::OK, "ordinary searches still work");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_csv_export_shows_a_person_the_error_page(_: PgPoolOptions, connect: PgConnectOptions) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[])).await;
    let customer = unique_email("no-store");
    verified_user(&db, &customer, &[Role::Customer]).await;
    let mut customer = signed_in(&app, &customer).await;

    let (status, headers, page) = customer.get("/seller/stats.csv").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html"),
        "a browser gets a page"
    );
    assert!(page.contains("<h1>Forbidden</h1>"), "{page}");

    let request = Request::get("/seller/stats.csv")
        .header(header::ACCEPT, "application/json")
        .body(Body::empty())
        .unwrap();
    let (status, headers, body) = customer.send(request).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    assert!(body.contains(r#""code":"forbidden""#), "{body}");
}
