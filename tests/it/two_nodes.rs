//! Two `bazaar serve` nodes on one database and one Redis, paying through
//! one `bazaar stripe-emulator` process, used in turn as a load balancer
//! would use them: a sign-in on one node holds on the other, and a sign-out
//! through the other ends it on both; a change shows on the other node at
//! once; a payment whose webhook reaches the other node settles the order
//! exactly once; an image uploaded through one is served by the other from
//! the shared bucket.

use std::time::Duration;

use app::api::accounts::login::{LogIn, LogOut};
use axum::body::Bytes;
use fixtures::{S3Server, http_client, unique_email};
use http::{HeaderMap, Request, StatusCode, header};
use http_body_util::{BodyExt, Full};
use leptos::server_fn::ServerFn;
use server::accounts::Role;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::support::{
    api_token, app, config, database, multipart,
    processes::{
        WEBHOOK_SECRET, answering, balancer, database_url, free_addr, listening, order_to_pay, pay,
        serve, stripe_emulator,
    },
    signed_in, store_with_one_product, verified_user,
};

async fn send(request: Request<Full<Bytes>>) -> (StatusCode, HeaderMap, String) {
    let response = http_client().request(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let body = body.collect().await.unwrap().to_bytes();
    (
        parts.status,
        parts.headers,
        String::from_utf8_lossy(&body).into_owned(),
    )
}

async fn page(node: &str, path: &str, cookies: &str) -> (StatusCode, String) {
    let request = Request::get(format!("http://{node}{path}"))
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, cookies)
        .body(Full::default())
        .unwrap();
    let (status, _, body) = send(request).await;
    (status, body)
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn two_nodes_behind_one_address_behave_as_one(_: PgPoolOptions, connect: PgConnectOptions) {
    let db = database(connect.clone()).await;
    let database_url = database_url(&connect);
    let (node_a, node_b, emulator_addr) = (free_addr(), free_addr(), free_addr());
    // The site's address is the balancer's; this one sends webhooks to B.
    let site = format!("http://{node_a}");
    let emulator_url = format!("http://{emulator_addr}");
    let _emulator = stripe_emulator(&database_url, &emulator_addr, &format!("http://{node_b}"));
    let _a = serve(&database_url, &node_a, &site, &emulator_url, &[]);
    let _b = serve(&database_url, &node_b, &site, &emulator_url, &[]);
    listening(&emulator_addr).await;
    answering(&node_a, "/healthz").await;
    answering(&node_b, "/healthz").await;

    let (_, store) = store_with_one_product(&db, "twin", "Sturdy lamp").await;
    let email = unique_email("twin");
    let customer = verified_user(&db, &email, &[Role::Customer]).await;

    // Signed in on A, known on B: the session lives in Redis.
    let form = form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("email", email.as_str()),
            ("password", "a long test password"),
            ("next", "/account"),
        ])
        .finish();
    let sign_in = Request::post(format!("http://{node_a}{}", LogIn::PATH))
        .header(header::ACCEPT, "text/html")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, &site)
        .header("sec-fetch-site", "same-origin")
        .header(header::REFERER, format!("{site}/login"))
        .body(Full::from(form))
        .unwrap();
    let (status, headers, _) = send(sign_in).await;
    assert_eq!(status, StatusCode::FOUND, "signed in on A");
    let cookies = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|set| set.to_str().unwrap().split(';').next().unwrap().to_owned())
        .collect::<Vec<_>>()
        .join("; ");
    let (status, account) = page(&node_b, "/account", &cookies).await;
    assert_eq!(status, StatusCode::OK, "B knows the session");
    assert!(account.contains(&email));

    // B lists the store in its cached filters; a rename shows there well
    // before the filters' thirty seconds are up.
    let (_, listing) = page(&node_b, "/products", "").await;
    assert!(listing.contains(">Twin<"), "{listing}");
    sqlx::query("UPDATE stores SET name = 'Twin Lights' WHERE id = $1")
        .bind(store)
        .execute(&db)
        .await
        .unwrap();
    let mut renamed = false;
    for _ in 0..100 {
        let (_, listing) = page(&node_b, "/products", "").await;
        if listing.contains(">Twin Lights<") {
            renamed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(renamed, "B's cached filters follow the change");

    // An order paid on the shared emulator, its webhook answered by B.
    let variant: i64 = sqlx::query_scalar("SELECT id FROM product_variants WHERE store_id = $1")
        .bind(store)
        .fetch_one(&db)
        .await
        .unwrap();
    let state = fixtures::state(
        db.clone(),
        config(&[
            ("APP_URL", &site),
            ("STRIPE_API_URL", &emulator_url),
            ("STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET),
        ]),
    )
    .await;
    let (placed, payment_url) = order_to_pay(&state, customer, variant, 1).await;
    let status = pay(&payment_url).await;
    assert!(status.is_redirection(), "the emulator took the payment");
    let mut status = String::new();
    for _ in 0..300 {
        status = sqlx::query_scalar("SELECT status FROM orders WHERE id = $1")
            .bind(placed.order_id)
            .fetch_one(&db)
            .await
            .unwrap();
        if status == "paid" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, "paid", "B applied the payment");
    let events: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM webhook_events WHERE type = 'checkout.session.completed'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(events, 1);

    // Signed out through B, the session is over on A too.
    let sign_out = Request::post(format!("http://{node_b}{}", LogOut::PATH))
        .header(header::ACCEPT, "text/html")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, &cookies)
        .header(header::ORIGIN, &site)
        .header("sec-fetch-site", "same-origin")
        .header(header::REFERER, format!("{site}/account"))
        .body(Full::default())
        .unwrap();
    let (status, _, _) = send(sign_out).await;
    assert_eq!(status, StatusCode::FOUND, "signed out on B");
    let (status, account) = page(&node_a, "/account", &cookies).await;
    assert!(
        status.is_redirection() && !account.contains(&email),
        "A no longer knows the session: {status}"
    );
}

/// What a node's `/metrics` says about requests for `route`.
async fn served(node: &str, route: &str) -> bool {
    let (_, metrics) = page(node, "/metrics", "").await;
    metrics.lines().any(|line| {
        line.starts_with("http_requests_total") && line.contains(&format!("route=\"{route}\""))
    })
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_node_stopped_behind_the_balancer_fails_no_request(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let database_url = database_url(&connect);
    let (node_a, node_b, site) = (free_addr(), free_addr(), free_addr());
    let site_url = format!("http://{site}");
    // No payment in this test: an address nothing answers.
    let no_payments = "http://127.0.0.1:9";
    let drain = [("SHUTDOWN_DRAIN_SECS", "2")];
    let _a = serve(&database_url, &node_a, &site_url, no_payments, &drain);
    let mut b = serve(&database_url, &node_b, &site_url, no_payments, &drain);
    answering(&node_a, "/readyz").await;
    answering(&node_b, "/readyz").await;
    let config = fixtures::TempDir::new();
    let _balancer = balancer(&site, &[&node_a, &node_b], &config);
    answering(&site, "/robots.txt").await;

    // Taking turns, both nodes serve.
    for _ in 0..20 {
        let (status, _) = page(&site, "/robots.txt", "").await;
        assert_eq!(status, StatusCode::OK);
    }
    assert!(served(&node_a, "/robots.txt").await && served(&node_b, "/robots.txt").await);

    // B is told to stop while requests keep coming: not one fails.
    b.terminate();
    let mut failed = 0;
    for _ in 0..100 {
        let (status, _) = page(&site, "/robots.txt", "").await;
        if status != StatusCode::OK {
            failed += 1;
        }
        if b.has_exited() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(failed, 0, "requests failed while B stopped");
    for _ in 0..100 {
        if b.has_exited() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(b.has_exited(), "B stopped once drained");
    for _ in 0..10 {
        let (status, _) = page(&site, "/robots.txt", "").await;
        assert_eq!(status, StatusCode::OK, "A serves alone");
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn an_image_uploaded_through_one_node_is_served_by_the_other(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect.clone()).await;
    let database_url = database_url(&connect);
    let s3 = S3Server::start().await;
    let storage = s3.settings();
    let (node_a, node_b) = (free_addr(), free_addr());
    let site = format!("http://{node_a}");
    let no_payments = "http://127.0.0.1:9";
    let _a = serve(&database_url, &node_a, &site, no_payments, &storage);
    let _b = serve(&database_url, &node_b, &site, no_payments, &storage);
    answering(&node_a, "/readyz").await;
    answering(&node_b, "/readyz").await;

    let (owner, store) = store_with_one_product(&db, "lumen", "Lumen lamp").await;
    let product: i64 = sqlx::query_scalar("SELECT id FROM products WHERE store_id = $1")
        .bind(store)
        .fetch_one(&db)
        .await
        .unwrap();
    let (app, _) = app(db.clone(), config(&storage)).await;
    let secret = api_token(&mut signed_in(&app, &owner).await, &["catalog:write"]).await;

    let upload = multipart(
        &format!("http://{node_a}/api/v1/store/products/{product}/images"),
        "/",
        &[("images", Some("lamp.png"), &fixtures::png(640, 480))],
    );
    let (parts, body) = upload.into_parts();
    let body = body.collect().await.unwrap().to_bytes();
    let mut upload = Request::from_parts(parts, Full::new(body));
    upload.headers_mut().insert(
        header::AUTHORIZATION,
        format!("Bearer {secret}").parse().unwrap(),
    );
    let (status, _, answer) = send(upload).await;
    assert!(status.is_success(), "A took the upload: {answer}");

    let (status, product_page) = page(&node_b, "/p/lumen-item", "").await;
    assert_eq!(status, StatusCode::OK);
    let at = product_page.find("/uploads/").expect("B shows the image");
    let image = product_page[at..].split(['"', ' ']).next().unwrap();
    let (status, headers, _) = send(
        Request::get(format!("http://{node_b}{image}"))
            .body(Full::default())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "B serves {image}");
    assert_eq!(headers[header::CONTENT_TYPE], "image/webp");

    // B lists the lamp from its cache; unpublished through A, it is gone
    // from B's listing within a second.
    let (_, listing) = page(&node_b, "/products", "").await;
    assert!(listing.contains("Lumen lamp"));
    let mut unpublish = Request::post(format!(
        "http://{node_a}/api/v1/store/products/{product}/unpublish"
    ))
    .body(Full::default())
    .unwrap();
    unpublish.headers_mut().insert(
        header::AUTHORIZATION,
        format!("Bearer {secret}").parse().unwrap(),
    );
    let (status, _, answer) = send(unpublish).await;
    assert!(status.is_success(), "A unpublished: {answer}");
    let mut hidden = false;
    for _ in 0..10 {
        let (_, listing) = page(&node_b, "/products", "").await;
        if !listing.contains("Lumen lamp") {
            hidden = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(hidden, "B's listing dropped the lamp within a second");
}
