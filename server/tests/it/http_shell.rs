//! The HTTP shell every response passes through: probes, metrics, security
//! headers, request ids, rate limits, CSRF defence and panic handling.

use axum::{Router, body::Body, routing::get as get_route, routing::post};
use fixtures::{config, random_client, state};
use http::{Request, StatusCode, header};
use sqlx::PgPool;

use crate::support::*;

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn healthz_answers_while_the_process_runs(db: PgPool) {
    let state = state(db, config(&[])).await;
    let response = send(
        &app(&state, Router::new(), random_client()),
        get("/healthz"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(body_text(response).await, "ok");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn readyz_is_ready_when_postgres_and_redis_answer(db: PgPool) {
    let state = state(db, config(&[])).await;
    let app = app(&state, Router::new(), random_client());
    // The Redis client connects in the background; give it a moment.
    let mut response = send(&app, get("/readyz")).await;
    for _ in 0..20 {
        if response.status() == StatusCode::OK {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        response = send(&app, get("/readyz")).await;
    }
    assert_eq!(response.status(), StatusCode::OK);
    let body: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
    assert_eq!(
        body,
        serde_json::json!({ "status": "ready", "database": "ok", "redis": "ok" })
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn readyz_names_redis_when_redis_is_down(db: PgPool) {
    // Nothing listens on this port: Redis is "down".
    let state = state(db, config(&[("REDIS_URL", "redis://127.0.0.1:6390")])).await;
    let response = send(&app(&state, Router::new(), random_client()), get("/readyz")).await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
    assert_eq!(body["redis"], "unavailable");
    assert_eq!(body["database"], "ok");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn readyz_names_the_database_when_postgres_is_down(db: PgPool) {
    drop(db);
    let config = config(&[(
        "DATABASE_URL",
        "postgres://bazaar:bazaar@127.0.0.1:5499/none",
    )]);
    let down = server::db::pool(&config).unwrap();
    let state = state(down, config).await;
    let response = send(&app(&state, Router::new(), random_client()), get("/readyz")).await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
    assert_eq!(body["database"], "unavailable");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn metrics_count_requests_by_route_pattern_and_status(db: PgPool) {
    let state = state(db, config(&[])).await;
    let extra = Router::new().route("/things/{id}", get_route(|| async { "thing" }));
    let app = app(&state, extra, random_client());
    send(&app, get("/things/41")).await;
    send(&app, get("/things/42")).await;
    let metrics = body_text(send(&app, get("/metrics")).await).await;
    let line = metrics
        .lines()
        .find(|line| {
            line.starts_with("http_requests_total") && line.contains("route=\"/things/{id}\"")
        })
        .expect("a counter for the route pattern");
    assert!(line.contains("status=\"200\""), "{line}");
    assert!(metrics.contains("http_request_duration_seconds_bucket"));
    assert!(metrics.contains("db_pool_max_connections"));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn metrics_are_served_only_to_the_scraper_holding_the_token(db: PgPool) {
    let state = state(db, config(&[("METRICS_TOKEN", "scrape-me")])).await;
    let app = app(&state, Router::new(), random_client());
    let with_token = |token: &str| {
        Request::get("/metrics")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap()
    };

    let refused = send(&app, get("/metrics")).await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert!(body_text(refused).await.is_empty(), "nothing is shown");
    let wrong = send(&app, with_token("scrape-you")).await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);

    let scraped = send(&app, with_token("scrape-me")).await;
    assert_eq!(scraped.status(), StatusCode::OK);
    assert!(body_text(scraped).await.contains("db_pool_max_connections"));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn every_response_carries_security_headers_and_a_request_id(db: PgPool) {
    let state = state(db, config(&[])).await;
    let response = send(
        &app(&state, Router::new(), random_client()),
        get("/healthz"),
    )
    .await;
    let headers = response.headers();
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"));
    assert!(csp.contains("'nonce-"));
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(
        headers[header::REFERRER_POLICY],
        "strict-origin-when-cross-origin"
    );
    assert!(headers.contains_key("permissions-policy"));
    assert!(
        !headers.contains_key(header::STRICT_TRANSPORT_SECURITY),
        "no HSTS over http"
    );
    assert_eq!(headers["x-request-id"].len(), 36);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn hsts_is_sent_when_the_public_url_is_https(db: PgPool) {
    let state = state(db, config(&[("APP_URL", "https://bazaar.example")])).await;
    let response = send(
        &app(&state, Router::new(), random_client()),
        get("/healthz"),
    )
    .await;
    assert!(
        response
            .headers()
            .contains_key(header::STRICT_TRANSPORT_SECURITY)
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_request_id_sent_by_the_client_is_echoed(db: PgPool) {
    let state = state(db, config(&[])).await;
    let request = Request::get("/healthz")
        .header("x-request-id", "trace-me-123")
        .body(Body::empty())
        .unwrap();
    let response = send(&app(&state, Router::new(), random_client()), request).await;
    assert_eq!(response.headers()["x-request-id"], "trace-me-123");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_rate_limit_answers_429_with_retry_after_but_spares_static_files(db: PgPool) {
    let state = state(db, config(&[("RATE_LIMIT_PER_MINUTE", "3")])).await;
    let extra = Router::new().route("/pkg/{file}", get_route(|| async { "bundle" }));
    let app = app(&state, extra, random_client());
    for _ in 0..3 {
        assert_eq!(send(&app, get("/healthz")).await.status(), StatusCode::OK);
    }
    let limited = send(&app, get("/healthz")).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = limited.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after));
    let body: serde_json::Value = serde_json::from_str(&body_text(limited).await).unwrap();
    assert_eq!(body["code"], "too_many_requests");
    assert_eq!(
        send(&app, get("/pkg/bazaar.js")).await.status(),
        StatusCode::OK
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn behind_a_trusted_balancer_each_forwarded_client_has_its_own_budget(db: PgPool) {
    let balancer = random_client();
    let balancer_ip = std::net::Ipv4Addr::from(balancer).to_string();
    let state = state(
        db,
        config(&[
            ("RATE_LIMIT_PER_MINUTE", "2"),
            ("TRUSTED_PROXIES", &balancer_ip),
        ]),
    )
    .await;
    let app = app(&state, Router::new(), balancer);
    let from = |client: &str| {
        http::Request::get("/healthz")
            .header("x-forwarded-for", client)
            .body(axum::body::Body::empty())
            .unwrap()
    };
    let [_, a, b, c] = balancer;
    let first = format!("2001:db8::1:{a:x}:{b:x}:{c:x}");
    let second = format!("2001:db8::2:{a:x}:{b:x}:{c:x}");
    for _ in 0..2 {
        assert_eq!(send(&app, from(&first)).await.status(), StatusCode::OK);
    }
    assert_eq!(
        send(&app, from(&first)).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        send(&app, from(&second)).await.status(),
        StatusCode::OK,
        "another client behind the same balancer is not held back"
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn unknown_files_and_webhooks_are_counted_and_unknown_files_get_a_small_404(db: PgPool) {
    let state = state(db, config(&[("RATE_LIMIT_PER_MINUTE", "2")])).await;
    let extra = Router::new()
        .route("/pkg/bazaar.js", get_route(|| async { "bundle" }))
        .fallback(|| async {
            (
                StatusCode::NOT_FOUND,
                "<html>the whole site's 404 page</html>",
            )
        });
    let files = app(&state, extra, random_client());
    let missing = send(&files, get("/assets/missing.png")).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let page = body_text(missing).await;
    assert!(!page.contains("the whole site's 404 page"), "{page}");
    assert!(page.contains("We could not find that page."), "{page}");
    assert_eq!(
        send(&files, get("/uploads/missing.webp")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        send(&files, get("/pkg/missing.wasm")).await.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the third unknown file is one too many"
    );
    for _ in 0..5 {
        assert_eq!(
            send(&files, get("/pkg/bazaar.js")).await.status(),
            StatusCode::OK,
            "files that exist are never counted"
        );
    }

    // Webhooks have a budget of their own, ten times larger.
    let webhooks = app(&state, Router::new(), random_client());
    let post = || {
        Request::post("/webhooks/stripe")
            .body(Body::empty())
            .unwrap()
    };
    for _ in 0..20 {
        assert_eq!(
            send(&webhooks, post()).await.status(),
            StatusCode::BAD_REQUEST
        );
    }
    assert_eq!(
        send(&webhooks, post()).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn requests_go_through_while_redis_is_down(db: PgPool) {
    let state = state(
        db,
        config(&[
            ("RATE_LIMIT_PER_MINUTE", "1"),
            ("REDIS_URL", "redis://127.0.0.1:6390"),
        ]),
    )
    .await;
    let app = app(&state, Router::new(), random_client());
    for _ in 0..3 {
        assert_eq!(send(&app, get("/healthz")).await.status(), StatusCode::OK);
    }
    assert_eq!(
        send(&app, get("/readyz")).await.status(),
        StatusCode::SERVICE_UNAVAILABLE,
        "readiness still tells the truth"
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_rate_limit_counts_each_client_separately(db: PgPool) {
    let state = state(db, config(&[("RATE_LIMIT_PER_MINUTE", "1")])).await;
    let first = app(&state, Router::new(), random_client());
    let second = app(&state, Router::new(), random_client());
    assert_eq!(send(&first, get("/healthz")).await.status(), StatusCode::OK);
    assert_eq!(
        send(&first, get("/healthz")).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        send(&second, get("/healthz")).await.status(),
        StatusCode::OK
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_cross_site_form_post_is_refused(db: PgPool) {
    let state = state(db, config(&[])).await;
    let extra = Router::new().route("/things", post(|| async { "changed" }));
    let app = app(&state, extra, random_client());
    let cross_site = Request::post("/things")
        .header("sec-fetch-site", "cross-site")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, cross_site).await.status(), StatusCode::FORBIDDEN);
    let foreign_origin = Request::post("/things")
        .header("origin", "https://evil.example")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        send(&app, foreign_origin).await.status(),
        StatusCode::FORBIDDEN
    );
    let same_origin = Request::post("/things")
        .header("sec-fetch-site", "same-origin")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, same_origin).await.status(), StatusCode::OK);
    let own_origin = Request::post("/things")
        .header("origin", "http://127.0.0.1:3000")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, own_origin).await.status(), StatusCode::OK);
    let own_referer = Request::post("/things")
        .header("referer", "http://127.0.0.1:3000/account")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, own_referer).await.status(), StatusCode::OK);
    // A look-alike host is not this site.
    let foreign_referer = Request::post("/things")
        .header("referer", "http://127.0.0.1:3000.evil.example/")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        send(&app, foreign_referer).await.status(),
        StatusCode::FORBIDDEN
    );
    let anonymous = Request::post("/things").body(Body::empty()).unwrap();
    assert_eq!(send(&app, anonymous).await.status(), StatusCode::FORBIDDEN);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_panicking_handler_becomes_a_500_page_with_the_request_id(db: PgPool) {
    let state = state(db, config(&[])).await;
    let extra = Router::new().route(
        "/boom",
        get_route(|| async {
            if true {
                panic!("deliberate");
            }
            "unreachable"
        }),
    );
    let app = app(&state, extra, random_client());
    let request = Request::get("/boom")
        .header("x-request-id", "req-boom")
        .body(Body::empty())
        .unwrap();
    let response = send(&app, request).await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let page = body_text(response).await;
    assert!(page.contains("Something went wrong"));
    assert!(page.contains("req-boom"));
    // The server is still there for the next request.
    assert_eq!(send(&app, get("/healthz")).await.status(), StatusCode::OK);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn robots_and_sitemap_list_only_public_pages_with_absolute_urls(db: PgPool) {
    sqlx::raw_sql(
        "INSERT INTO categories (slug, name) VALUES ('mugs', 'Mugs');
         INSERT INTO stores (slug, name) VALUES ('open-shop', 'Open Shop');
         INSERT INTO stores (slug, name, status) VALUES ('shut-shop', 'Shut Shop', 'suspended');
         INSERT INTO products (store_id, category_id, slug, title, status)
           SELECT s.id, c.id, p.slug, p.slug, p.status FROM stores s, categories c,
             (VALUES ('open-shop', 'shown-mug', 'published'), ('open-shop', 'draft-mug', 'draft'),
                     ('shut-shop', 'hidden-mug', 'published')) AS p(store, slug, status)
           WHERE s.slug = p.store;
         INSERT INTO product_variants (product_id, store_id, sku, price, stock)
           SELECT id, store_id, slug, 1000, 1 FROM products;",
    )
    .execute(&db)
    .await
    .unwrap();
    let state = state(db, config(&[])).await;
    let app = app(&state, Router::new(), random_client());
    let robots = body_text(send(&app, get("/robots.txt")).await).await;
    assert!(robots.contains("Disallow: /admin"));
    assert!(robots.contains("Sitemap: http://127.0.0.1:3000/sitemap.xml"));
    let response = send(&app, get("/sitemap.xml")).await;
    assert_eq!(response.status(), StatusCode::OK);
    let xml = body_text(response).await;
    for shown in [
        "/p/shown-mug<",
        "/c/mugs<",
        "/s/open-shop<",
        "<loc>http://127.0.0.1:3000/products</loc>",
    ] {
        assert!(xml.contains(shown), "{shown} missing");
    }
    for hidden in ["draft-mug", "hidden-mug", "shut-shop"] {
        assert!(!xml.contains(hidden), "{hidden} listed");
    }
    // Every page in every language, each naming the others.
    assert!(xml.contains("<loc>http://127.0.0.1:3000/fr/p/shown-mug</loc>"));
    assert!(xml.contains("<loc>http://127.0.0.1:3000/de/</loc>"));
    assert!(xml.contains(
        r#"<xhtml:link rel="alternate" hreflang="de" href="http://127.0.0.1:3000/de/c/mugs"/>"#
    ));
    assert!(robots.contains("Disallow: /fr/account"));
    assert!(robots.contains("Disallow: /de/checkout"));
}

fn home_with(headers: &[(&str, &str)]) -> Request<Body> {
    let mut request = Request::get("/");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.body(Body::empty()).unwrap()
}

fn set_cookie(response: &http::Response<Body>) -> Option<&str> {
    response
        .headers()
        .get(header::SET_COOKIE)
        .map(|value| value.to_str().unwrap())
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_first_visit_follows_the_browser_language_and_the_cookie_wins_after(db: PgPool) {
    let state = state(db, config(&[])).await;
    let home = Router::new().route("/", get_route(|| async { "home" }));
    let app = app(&state, home, random_client());

    let first = send(
        &app,
        home_with(&[("accept-language", "fr-FR,fr;q=0.9,en;q=0.5")]),
    )
    .await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    assert_eq!(first.headers()[header::LOCATION], "/fr/");
    assert!(set_cookie(&first).unwrap().starts_with("bazaar_lang=fr;"));

    // A language Bazaar does not speak gets English, remembered too.
    let spanish = send(&app, home_with(&[("accept-language", "es-ES,es")])).await;
    assert_eq!(spanish.status(), StatusCode::OK);
    assert!(set_cookie(&spanish).unwrap().starts_with("bazaar_lang=en;"));

    // Once chosen, the cookie wins over the browser, and is not set again.
    let chosen = send(
        &app,
        home_with(&[("accept-language", "fr"), ("cookie", "bazaar_lang=en")]),
    )
    .await;
    assert_eq!(chosen.status(), StatusCode::OK);
    assert_eq!(set_cookie(&chosen), None);
    let german = send(
        &app,
        home_with(&[("accept-language", "fr"), ("cookie", "bazaar_lang=de")]),
    )
    .await;
    assert_eq!(german.headers()[header::LOCATION], "/de/");

    // Other pages are served in the language their path names.
    let products = send(
        &app,
        Request::get("/products")
            .header("accept-language", "fr")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_ne!(products.status(), StatusCode::SEE_OTHER);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_switcher_remembers_the_language_and_keeps_the_page(db: PgPool) {
    let state = state(db, config(&[])).await;
    let app = app(&state, Router::new(), random_client());
    let switched = send(&app, get("/language?to=de&next=%2Ffr%2Fproducts%3Fq%3Dmug")).await;
    assert_eq!(switched.status(), StatusCode::SEE_OTHER);
    assert_eq!(switched.headers()[header::LOCATION], "/de/products?q=mug");
    assert!(
        set_cookie(&switched)
            .unwrap()
            .starts_with("bazaar_lang=de;")
    );
    let english = send(&app, get("/language?to=en&next=%2Fde%2F")).await;
    assert_eq!(english.headers()[header::LOCATION], "/");
    // Never off the site.
    let away = send(&app, get("/language?to=fr&next=%2F%2Fevil.example")).await;
    assert_eq!(away.headers()[header::LOCATION], "/fr/");
}

/// What a `MakeWriter` wrote, shared with the test.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn json_logs_are_one_object_per_line_carrying_the_request_id(db: PgPool) {
    use tracing_subscriber::prelude::*;

    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::registry()
        .with(server::telemetry::json_layer(move || writer.clone()))
        .with(tracing_subscriber::filter::LevelFilter::DEBUG);
    // The test's runtime runs on this thread, so the request's events land here.
    let _logging = tracing::subscriber::set_default(subscriber);

    let state = state(db, config(&[])).await;
    let request = Request::get("/healthz")
        .header("x-request-id", "req-json-logs")
        .body(Body::empty())
        .unwrap();
    let response = send(&app(&state, Router::new(), random_client()), request).await;
    assert_eq!(response.status(), StatusCode::OK);
    tracing::warn!(attempts = 3, "mail not sent;\nwill retry");

    let written = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<serde_json::Value> = written
        .lines()
        .map(|line| {
            serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("not one JSON object: {line}: {e}"))
        })
        .collect();
    for line in &lines {
        for field in ["timestamp", "level", "target"] {
            assert!(line.get(field).is_some(), "no {field} in {line}");
        }
    }
    let in_request: Vec<_> = lines
        .iter()
        .filter(|line| line["span"]["name"] == "request")
        .collect();
    assert!(!in_request.is_empty(), "{written}");
    for line in in_request {
        assert_eq!(line["span"]["request_id"], "req-json-logs", "{line}");
        assert_eq!(line["span"]["path"], "/healthz", "{line}");
        assert_eq!(line["span"]["method"], "GET", "{line}");
    }
    let ours = lines.last().unwrap();
    assert_eq!(ours["level"], "WARN");
    assert_eq!(
        ours["message"], "mail not sent;\nwill retry",
        "a newline stays inside the string"
    );
    assert_eq!(ours["attempts"], 3, "fields sit beside the message");
    assert!(ours.get("span").is_none(), "outside any request");
}
