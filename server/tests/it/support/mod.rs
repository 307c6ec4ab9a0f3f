//! Set-up the server's integration tests share, on top of the `fixtures`
//! crate: the machine routes behind the middleware, a request's metadata, a
//! two-store catalog and a test SMTP server.

pub mod smtp;

use std::net::{IpAddr, SocketAddr};

use axum::{Router, body::Body, extract::connect_info::MockConnectInfo};
use http::{Request, Response};
use http_body_util::BodyExt;
use server::{AppState, cart::Quantity, request::RequestMeta};
use sqlx::PgPool;
use tower::ServiceExt;

/// Machine routes plus `extra`, behind the full middleware stack, as if
/// every request came from `client`.
pub fn app(state: &AppState, extra: Router, client: [u8; 4]) -> Router {
    let router = server::http::routes(state.clone()).merge(extra);
    server::http::with_middleware(router, state)
        .layer(MockConnectInfo(SocketAddr::from((client, 40000))))
}

/// Sends one request through the router.
pub async fn send(app: &Router, request: Request<Body>) -> Response<Body> {
    app.clone()
        .oneshot(request)
        .await
        .expect("the router never fails")
}

pub fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).unwrap()
}

pub async fn body_text(response: Response<Body>) -> String {
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// A cart quantity the test knows is in range.
pub fn qty(count: i32) -> Quantity {
    Quantity::new(count).expect("a quantity from 1 to 99")
}

/// A request from a random client address.
pub fn meta() -> RequestMeta {
    RequestMeta {
        ip: IpAddr::from(fixtures::random_client()),
        user_agent: Some("integration test".into()),
        request_id: None,
        device: None,
        api_token: None,
        lang: texts::Lang::En,
    }
}

/// Two stores, Alpha (a blue mug, 3 in stock, €12) and Beta (a print, 10 in
/// stock, €25), in the category Home; returns the variant ids `(mug, print)`.
pub async fn alpha_and_beta(db: &PgPool) -> (i64, i64) {
    sqlx::raw_sql(
        "INSERT INTO categories (slug, name) VALUES ('home', 'Home');
         INSERT INTO stores (slug, name) VALUES ('alpha', 'Alpha'), ('beta', 'Beta');
         INSERT INTO products (store_id, category_id, slug, title, status, published_at) VALUES
           ((SELECT id FROM stores WHERE slug = 'alpha'), (SELECT id FROM categories), 'mug', 'Mug', 'published', now()),
           ((SELECT id FROM stores WHERE slug = 'beta'), (SELECT id FROM categories), 'print', 'Print', 'published', now());
         INSERT INTO product_variants (product_id, store_id, sku, options, price, stock) VALUES
           ((SELECT id FROM products WHERE slug = 'mug'), (SELECT id FROM stores WHERE slug = 'alpha'), 'MUG', '{\"colour\": \"blue\"}', 1200, 3),
           ((SELECT id FROM products WHERE slug = 'print'), (SELECT id FROM stores WHERE slug = 'beta'), 'PRINT', '{}', 2500, 10);",
    )
    .execute(db)
    .await
    .unwrap();
    let variant = |sku: &'static str| async move {
        sqlx::query_scalar::<_, i64>("SELECT id FROM product_variants WHERE sku = $1")
            .bind(sku)
            .fetch_one(db)
            .await
            .unwrap()
    };
    (variant("MUG").await, variant("PRINT").await)
}
