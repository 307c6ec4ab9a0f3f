//! The whole application (pages, server functions and middleware) as a
//! browser without JavaScript drives it: plain form posts and redirects, on
//! the test's own database and the local Redis. What the server's tests use
//! as well comes from the `fixtures` crate.

pub mod processes;

use std::net::SocketAddr;

use app::api::accounts::{api_tokens::CreateApiToken, login::LogIn};
use axum::{Router, body::Body, extract::connect_info::MockConnectInfo};
use fixtures::unique_email;
use http::{HeaderMap, Request, Response, StatusCode, header};
use http_body_util::BodyExt;
use leptos::{config::LeptosOptions, server_fn::ServerFn};
use server::{AppState, Config, accounts::Role};
use sqlx::{
    PgPool,
    postgres::{PgConnectOptions, PgPoolOptions},
};
use tower::ServiceExt;

pub const ORIGIN: &str = "http://127.0.0.1:3000";

/// The test configuration (`fixtures::config`) for this site at [`ORIGIN`],
/// without a rate limit, with `overrides` on top.
pub fn config(overrides: &[(&str, &str)]) -> Config {
    let site = [("APP_URL", ORIGIN), ("RATE_LIMIT_PER_MINUTE", "0")];
    fixtures::config(&[&site, overrides].concat())
}

/// The test's own database through a pool of its own: a page renders several
/// resources at once, each may want a connection, and the harness's shared
/// pool must not make them wait on other tests.
pub async fn database(connect: PgConnectOptions) -> PgPool {
    PgPoolOptions::new()
        .max_connections(16)
        .connect_with(connect)
        .await
        .expect("the test database accepts connections")
}

/// The whole application on `db`, as if every request came from one random
/// client address. What it logs is shown with the output of a failing test.
pub async fn app(db: PgPool, config: Config) -> (Router, AppState) {
    let _ = tracing_subscriber::fmt()
        .with_env_filter("info,sqlx=warn")
        .with_test_writer()
        .try_init();
    let state = fixtures::state(db, config).await;
    let options = LeptosOptions::builder().output_name("bazaar").build();
    let client = SocketAddr::from((fixtures::random_client(), 40000));
    let router = bazaar::serve::router(state.clone(), options).layer(MockConnectInfo(client));
    (router, state)
}

/// A browser with JavaScript off: follows nothing by itself, keeps cookies.
pub struct Browser {
    pub app: Router,
    /// Cookie values by name.
    pub cookies: std::collections::BTreeMap<String, String>,
}

impl Browser {
    pub fn new(app: Router) -> Self {
        Self {
            app,
            cookies: Default::default(),
        }
    }

    pub async fn send(&mut self, mut request: Request<Body>) -> (StatusCode, HeaderMap, String) {
        if !self.cookies.is_empty() {
            let cookie = self
                .cookies
                .iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect::<Vec<_>>()
                .join("; ");
            request
                .headers_mut()
                .insert(header::COOKIE, cookie.parse().unwrap());
        }
        let response: Response<Body> = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        for set in headers.get_all(header::SET_COOKIE) {
            let set = set.to_str().unwrap();
            let pair = set.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            if set.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (status, headers, String::from_utf8_lossy(&body).into_owned())
    }

    pub async fn get(&mut self, path: &str) -> (StatusCode, HeaderMap, String) {
        let request = Request::get(path)
            .header(header::ACCEPT, "text/html")
            .body(Body::empty())
            .unwrap();
        self.send(request).await
    }

    /// A plain HTML form post from `page` on this site.
    pub async fn post_form(
        &mut self,
        path: &str,
        page: &str,
        fields: &[(&str, &str)],
    ) -> (StatusCode, HeaderMap, String) {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let request = Request::post(path)
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ORIGIN, ORIGIN)
            .header("sec-fetch-site", "same-origin")
            .header(header::REFERER, format!("{ORIGIN}{page}"))
            .body(Body::from(body))
            .unwrap();
        self.send(request).await
    }
}

/// A server function called as the hydrated page calls it.
pub fn call(path: &str, fields: &[(&str, &str)]) -> Request<Body> {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    Request::post(path)
        .header(header::ACCEPT, "application/json")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, ORIGIN)
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body))
        .unwrap()
}

pub fn location(headers: &HeaderMap) -> String {
    headers
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

pub async fn verified_user(db: &PgPool, email: &str, roles: &[Role]) -> i64 {
    let email = server::accounts::Email::parse(email).unwrap();
    server::accounts::users::upsert_verified(
        db,
        &email,
        "Test Person",
        "a long test password",
        roles,
        false,
    )
    .await
    .unwrap()
}

pub async fn signed_in(app: &Router, email: &str) -> Browser {
    let mut browser = Browser::new(app.clone());
    let (status, headers, _) = browser
        .post_form(
            LogIn::PATH,
            "/login",
            &[
                ("email", email),
                ("password", "a long test password"),
                ("next", "/account"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::FOUND, "sign-in redirects");
    assert_eq!(location(&headers), "/account");
    browser
}

/// A multipart form post from `page`, one part per `(name, file name, bytes)`.
pub fn multipart(path: &str, page: &str, parts: &[(&str, Option<&str>, &[u8])]) -> Request<Body> {
    let boundary = "bazaar-test-boundary";
    let mut body = Vec::new();
    for (name, file_name, bytes) in parts {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"").as_bytes(),
        );
        if let Some(file_name) = file_name {
            body.extend(
                format!("; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream")
                    .as_bytes(),
            );
        }
        body.extend(b"\r\n\r\n");
        body.extend(*bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").as_bytes());
    Request::post(path)
        .header(header::ACCEPT, "text/html")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::CONTENT_LENGTH, body.len())
        .header(header::ORIGIN, ORIGIN)
        .header("sec-fetch-site", "same-origin")
        .header(header::REFERER, format!("{ORIGIN}{page}"))
        .body(Body::from(body))
        .unwrap()
}

/// A store `slug` (named like it, capitalised) owned by a new seller:
/// `(owner's email, store id)`.
pub async fn store_of_a_new_seller(db: &PgPool, slug: &str) -> (String, i64) {
    let email = unique_email(slug);
    let owner = verified_user(db, &email, &[Role::Customer, Role::Seller]).await;
    let store: i64 =
        sqlx::query_scalar("INSERT INTO stores (slug, name) VALUES ($1, initcap($1)) RETURNING id")
            .bind(slug)
            .fetch_one(db)
            .await
            .unwrap();
    sqlx::query("INSERT INTO store_members (store_id, user_id, role) VALUES ($1, $2, 'owner')")
        .bind(store)
        .bind(owner)
        .execute(db)
        .await
        .unwrap();
    (email, store)
}

/// A store `slug` (named like it, capitalised) owned by a new seller, with
/// one published product `title` (address `{slug}-item`, SKU `ITEM`, €20.00,
/// 9 in stock) in the category Home: `(owner's email, store id)`.
pub async fn store_with_one_product(db: &PgPool, slug: &str, title: &str) -> (String, i64) {
    let (email, store) = store_of_a_new_seller(db, slug).await;
    sqlx::query(
        "INSERT INTO categories (slug, name) VALUES ('home', 'Home') ON CONFLICT DO NOTHING",
    )
    .execute(db)
    .await
    .unwrap();
    let product: i64 = sqlx::query_scalar(
        "INSERT INTO products (store_id, category_id, slug, title, status, published_at)
         VALUES ($1, (SELECT id FROM categories WHERE slug = 'home'), $2, $3, 'published', now())
         RETURNING id",
    )
    .bind(store)
    .bind(format!("{slug}-item"))
    .bind(title)
    .fetch_one(db)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO product_variants (product_id, store_id, sku, price, stock)
         VALUES ($1, $2, 'ITEM', 2000, 9)",
    )
    .bind(product)
    .bind(store)
    .execute(db)
    .await
    .unwrap();
    (email, store)
}

pub use fixtures::{audited, audited_on};

/// Makes a token on `/account/tokens` as a plain form post and reads its
/// secret from the page it goes back to.
pub async fn api_token(browser: &mut Browser, scopes: &[&str]) -> String {
    let mut fields = vec![
        ("name", "Stock sync".to_owned()),
        ("expires", "30".to_owned()),
    ];
    for (n, scope) in scopes.iter().enumerate() {
        fields.push((
            ["scopes[0]", "scopes[1]", "scopes[2]"][n],
            (*scope).to_owned(),
        ));
    }
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, _) = browser
        .post_form(CreateApiToken::PATH, "/account/tokens", &fields)
        .await;
    assert_eq!(status, StatusCode::FOUND);
    let (_, _, page) = browser.get("/account/tokens").await;
    let at = page.find("value=\"bzr_").expect("the new secret is shown") + "value=\"".len();
    let secret = page[at..].split('"').next().unwrap().to_owned();
    let (_, _, again) = browser.get("/account/tokens").await;
    assert!(!again.contains(&secret), "the secret is shown once");
    secret
}
