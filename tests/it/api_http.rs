//! The integration API from outside: the public catalog paged by cursor,
//! tokens made on `/account/tokens` and their scopes, the bulk stock update
//! with its all-or-nothing rule and tenant isolation, idempotent retries,
//! problem answers and the per-token limit.

use app::api::accounts::api_tokens::RevokeApiToken;
use axum::body::Body;
use http::{Request, StatusCode, header};
use leptos::server_fn::ServerFn;
use serde_json::{Value, json};
use server::accounts::Role;
use sqlx::{
    PgPool,
    postgres::{PgConnectOptions, PgPoolOptions},
};

use crate::{
    seller_stats_http::{PARIS, market, spring},
    support::{
        Browser, api_token, app, config, database, multipart, signed_in, store_with_one_product,
        verified_user,
    },
};

async fn call(
    browser: &mut Browser,
    method: &str,
    path: &str,
    token: Option<&str>,
    headers: &[(&str, &str)],
    body: Option<Value>,
) -> (StatusCode, http::HeaderMap, Value) {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let body = match body {
        Some(body) => {
            request = request.header(header::CONTENT_TYPE, "application/json");
            Body::from(body.to_string())
        }
        None => Body::empty(),
    };
    // Sent without the browser's cookies: the API never reads them.
    let mut client = Browser::new(browser.app.clone());
    let (status, headers, text) = client.send(request.body(body).unwrap()).await;
    let json = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, headers, json)
}

async fn stock(db: &PgPool, store: i64, sku: &str) -> i32 {
    sqlx::query_scalar("SELECT stock FROM product_variants WHERE store_id = $1 AND sku = $2")
        .bind(store)
        .bind(sku)
        .fetch_one(db)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_catalog_pages_by_cursor_and_later_products_do_not_shift_the_pages(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    store_with_one_product(&db, "alpha", "Alpha mug").await;
    store_with_one_product(&db, "beta", "Beta mug").await;
    // Published a while ago: a listing starts at the last few seconds' mark.
    sqlx::query("UPDATE products SET published_at = now() - interval '1 minute'")
        .execute(&db)
        .await
        .unwrap();
    let (app, _) = app(db.clone(), config(&[])).await;
    let mut client = Browser::new(app);

    let (status, headers, first) = call(
        &mut client,
        "GET",
        "/api/v1/products?q=mug&limit=1",
        None,
        &[],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(first["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        first["items"][0]["price_from"],
        json!({ "amount": 2000, "currency": "EUR" })
    );
    let cursor = first["next_cursor"].as_str().unwrap().to_owned();
    let link = headers[header::LINK].to_str().unwrap();
    assert!(
        link.contains("q=mug") && link.contains(&cursor) && link.ends_with("rel=\"next\""),
        "{link}"
    );

    // A product published now is newer than the first page's moment.
    store_with_one_product(&db, "gamma", "Gamma mug").await;
    let (_, _, second) = call(
        &mut client,
        "GET",
        &format!("/api/v1/products?q=mug&cursor={cursor}"),
        None,
        &[],
        None,
    )
    .await;
    let seen = [&first, &second].map(|page| page["items"][0]["slug"].as_str().unwrap().to_owned());
    let mut seen = seen.to_vec();
    seen.sort();
    assert_eq!(seen, ["alpha-item", "beta-item"]);
    assert!(second["next_cursor"].is_null());

    let (status, _, product) = call(
        &mut client,
        "GET",
        "/api/v1/products/alpha-item",
        None,
        &[],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(product["variants"][0]["sku"], "ITEM");
    assert_eq!(product["store"]["slug"], "alpha");
    let id = product["id"].as_i64().unwrap();
    let (_, _, by_id) = call(
        &mut client,
        "GET",
        &format!("/api/v1/products/{id}"),
        None,
        &[],
        None,
    )
    .await;
    assert_eq!(by_id["slug"], "alpha-item");

    let (status, headers, problem) = call(
        &mut client,
        "GET",
        "/api/v1/products/nothing-here",
        None,
        &[],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(headers[header::CONTENT_TYPE], "application/problem+json");
    assert_eq!(problem["code"], "not_found");
    for bad in [
        "limit=0",
        "limit=201",
        "cursor=forged",
        "sort=cheapest",
        "price_min=abc",
    ] {
        let (status, _, problem) = call(
            &mut client,
            "GET",
            &format!("/api/v1/products?{bad}"),
            None,
            &[],
            None,
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(problem["code"], "malformed", "{bad}");
    }

    let (_, _, categories) = call(&mut client, "GET", "/api/v1/categories", None, &[], None).await;
    assert_eq!(categories[0]["slug"], "home");
    let (_, _, store) = call(&mut client, "GET", "/api/v1/stores/beta", None, &[], None).await;
    assert_eq!(store["name"], "Beta");
    let (status, _, document) =
        call(&mut client, "GET", "/api/v1/openapi.json", None, &[], None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(document["paths"]["/inventory"]["patch"].is_object());
    let (status, _, page) = client.get("/api/docs").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("/api/v1/inventory"));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn bulk_stock_is_all_or_nothing_and_reaches_only_the_tokens_store(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (alpha_owner, alpha) = store_with_one_product(&db, "alpha", "Alpha mug").await;
    let (_, beta) = store_with_one_product(&db, "beta", "Beta mug").await;
    let (app, _) = app(db.clone(), config(&[])).await;
    let mut seller = signed_in(&app, &alpha_owner).await;
    let writer = api_token(&mut seller, &["catalog:write"]).await;
    let reader = api_token(&mut seller, &["catalog:read"]).await;

    // One unknown SKU and one going below zero refuse the whole update.
    let refused = json!({ "items": [
        { "sku": "ITEM", "stock": 4 },
        { "sku": "NOPE", "stock": 1 },
        { "sku": "ITEM2", "adjust": -1 },
    ]});
    let (status, _, problem) = call(
        &mut seller,
        "PATCH",
        "/api/v1/inventory",
        Some(&writer),
        &[],
        Some(refused),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["items[1].sku", "items[2].sku"]);
    assert_eq!(stock(&db, alpha, "ITEM").await, 9);

    // The same refusal asked for in German: the codes stay, the words change.
    let (status, headers, problem) = call(
        &mut seller,
        "PATCH",
        "/api/v1/inventory",
        Some(&writer),
        &[("accept-language", "de-DE,de;q=0.9,en;q=0.5")],
        Some(json!({ "items": [{ "sku": "NOPE", "stock": 1 }] })),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(headers["content-language"], "de");
    assert_eq!(problem["code"], "invalid");
    assert_eq!(problem["detail"], "Einige Felder sind ungültig.");
    assert_eq!(
        problem["errors"][0]["message"],
        "Ihr Shop hat keine Variante mit der Artikelnummer NOPE."
    );

    let (status, _, levels) = call(
        &mut seller,
        "PATCH",
        "/api/v1/inventory",
        Some(&writer),
        &[],
        Some(json!({ "items": [{ "sku": "ITEM", "adjust": -2 }] })),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{levels}");
    assert_eq!(levels["items"], json!([{ "sku": "ITEM", "stock": 7 }]));
    assert_eq!(stock(&db, alpha, "ITEM").await, 7);
    assert_eq!(
        stock(&db, beta, "ITEM").await,
        9,
        "the other store's SKU of the same name is untouched"
    );
    let token_in_audit: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'inventory.updated' AND metadata ? 'api_token_id'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(token_in_audit, 1);

    // Scopes, missing and bad tokens.
    let one = Some(json!({ "items": [{ "sku": "ITEM", "stock": 1 }] }));
    let (status, _, problem) = call(
        &mut seller,
        "PATCH",
        "/api/v1/inventory",
        Some(&reader),
        &[],
        one.clone(),
    )
    .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("missing_scope"))
    );
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("catalog:write")
    );
    let (status, headers, _) = call(
        &mut seller,
        "PATCH",
        "/api/v1/inventory",
        None,
        &[],
        one.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(headers[header::WWW_AUTHENTICATE], "Bearer");
    let (status, _, _) = call(
        &mut seller,
        "PATCH",
        "/api/v1/inventory",
        Some("bzr_nonsense"),
        &[],
        one.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // Bodies that cannot be read.
    let request = |content_type: &str, body: &str| {
        Request::patch("/api/v1/inventory")
            .header(header::AUTHORIZATION, format!("Bearer {writer}"))
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body.to_owned()))
            .unwrap()
    };
    let mut client = Browser::new(app.clone());
    for (content_type, body, expected) in [
        ("text/plain", "{}", StatusCode::UNSUPPORTED_MEDIA_TYPE),
        ("application/json", "{\"items\": [", StatusCode::BAD_REQUEST),
        (
            "application/json",
            "{\"items\": 5}",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let (status, headers, _) = client.send(request(content_type, body)).await;
        assert_eq!(status, expected, "{body}");
        assert_eq!(headers[header::CONTENT_TYPE], "application/problem+json");
    }

    // Revoked: refused at once.
    let id: i64 = sqlx::query_scalar("SELECT id FROM api_tokens WHERE scopes = '{catalog:write}'")
        .fetch_one(&db)
        .await
        .unwrap();
    let id = id.to_string();
    let (status, _, _) = seller
        .post_form(
            RevokeApiToken::PATH,
            "/account/tokens",
            &[("id", &id), ("confirm", "yes")],
        )
        .await;
    assert_eq!(status, StatusCode::FOUND);
    let (status, _, _) = call(
        &mut seller,
        "PATCH",
        "/api/v1/inventory",
        Some(&writer),
        &[],
        one,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_retried_write_with_its_key_is_made_once(_: PgPoolOptions, connect: PgConnectOptions) {
    let db = database(connect).await;
    let (owner, store) = store_with_one_product(&db, "alpha", "Alpha mug").await;
    let (app, _) = app(db.clone(), config(&[])).await;
    let mut seller = signed_in(&app, &owner).await;
    let writer = api_token(&mut seller, &["catalog:write"]).await;
    let take_one = json!({ "items": [{ "sku": "ITEM", "adjust": -1 }] });
    let key = [("Idempotency-Key", "order-1234")];

    let (first, _, body) = call(
        &mut seller,
        "PATCH",
        "/api/v1/inventory",
        Some(&writer),
        &key,
        Some(take_one.clone()),
    )
    .await;
    let (again, headers, replayed) = call(
        &mut seller,
        "PATCH",
        "/api/v1/inventory",
        Some(&writer),
        &key,
        Some(take_one.clone()),
    )
    .await;
    assert_eq!((first, again), (StatusCode::OK, StatusCode::OK));
    assert_eq!(headers["idempotent-replayed"], "true");
    assert_eq!(body, replayed);
    assert_eq!(stock(&db, store, "ITEM").await, 8, "made once");

    let (status, _, problem) = call(
        &mut seller,
        "PATCH",
        "/api/v1/inventory",
        Some(&writer),
        &key,
        Some(json!({ "items": [{ "sku": "ITEM", "adjust": -5 }] })),
    )
    .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("idempotency_key_reused")
        )
    );

    // Two at once with a new key: one runs; the other is told to retry
    // (409) or, if the first has ended, gets its answer again.
    let concurrent = [("Idempotency-Key", "order-5678")];
    let mut a = Browser::new(app.clone());
    let mut b = Browser::new(app.clone());
    let (one, two) = tokio::join!(
        call(
            &mut a,
            "PATCH",
            "/api/v1/inventory",
            Some(&writer),
            &concurrent,
            Some(take_one.clone())
        ),
        call(
            &mut b,
            "PATCH",
            "/api/v1/inventory",
            Some(&writer),
            &concurrent,
            Some(take_one.clone())
        ),
    );
    let statuses = [one.0, two.0];
    assert!(statuses.contains(&StatusCode::OK), "{statuses:?}");
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::OK || *s == StatusCode::CONFLICT),
        "{statuses:?}"
    );
    assert_eq!(stock(&db, store, "ITEM").await, 7, "made once");

    // A day later the answers are gone, once the token sends a new key.
    sqlx::query("UPDATE api_idempotency SET created_at = now() - interval '25 hours'")
        .execute(&db)
        .await
        .unwrap();
    let later = [("Idempotency-Key", "order-9999")];
    call(
        &mut seller,
        "PATCH",
        "/api/v1/inventory",
        Some(&writer),
        &later,
        Some(take_one),
    )
    .await;
    let keys: Vec<String> = sqlx::query_scalar("SELECT key FROM api_idempotency")
        .fetch_all(&db)
        .await
        .unwrap();
    assert_eq!(keys, ["order-9999"]);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn each_token_has_its_own_request_budget(_: PgPoolOptions, connect: PgConnectOptions) {
    let db = database(connect).await;
    let (owner, _) = store_with_one_product(&db, "alpha", "Alpha mug").await;
    let (app, _) = app(db.clone(), config(&[("API_RATE_LIMIT_PER_MINUTE", "2")])).await;
    let mut seller = signed_in(&app, &owner).await;
    let first = api_token(&mut seller, &["catalog:read"]).await;
    let second = api_token(&mut seller, &["catalog:read"]).await;
    // Five requests fall in at most two minutes of two each: one is refused.
    let mut statuses = Vec::new();
    for _ in 0..5 {
        let (status, headers, _) = call(
            &mut seller,
            "GET",
            "/api/v1/categories",
            Some(&first),
            &[],
            None,
        )
        .await;
        statuses.push(status);
        if status == StatusCode::TOO_MANY_REQUESTS {
            assert!(headers.contains_key(header::RETRY_AFTER));
            assert_eq!(headers["ratelimit-limit"], "2");
        }
    }
    assert_eq!(statuses[0], StatusCode::OK);
    assert!(
        statuses.contains(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    let (status, _, _) = call(
        &mut seller,
        "GET",
        "/api/v1/categories",
        Some(&second),
        &[],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "another token's budget is its own");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_store_token_reads_and_ships_its_orders_and_reads_its_month(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let market = market(&db).await;
    spring(&db).await;
    let (app, _) = app(db.clone(), config(&[("TIME_ZONE", PARIS.name())])).await;
    let mut alpha = signed_in(&app, &market.alpha_owner).await;
    let token = api_token(&mut alpha, &["orders:read", "orders:write", "stats:read"]).await;
    let beta_order: i64 = sqlx::query_scalar(
        "SELECT so.id FROM store_orders so JOIN stores s ON s.id = so.store_id WHERE s.slug = 'beta'",
    )
    .fetch_one(&db)
    .await
    .unwrap();

    // Every order of the store, two at a time by the Link header, none of
    // Beta's.
    let mut seen = Vec::new();
    let mut path = "/api/v1/store/orders?limit=2".to_owned();
    loop {
        let (status, headers, page) = call(&mut alpha, "GET", &path, Some(&token), &[], None).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["id"].as_i64().unwrap()),
        );
        let Some(cursor) = page["next_cursor"].as_str() else {
            assert!(
                headers.get(header::LINK).is_none(),
                "no link after the last page"
            );
            break;
        };
        let link = headers[header::LINK].to_str().unwrap();
        let target = link
            .strip_prefix('<')
            .and_then(|rest| rest.split_once(">; rel=\"next\""))
            .map(|(url, _)| url)
            .unwrap_or_else(|| panic!("{link}"));
        assert!(target.contains(cursor), "{link}");
        path = target[target.find("/api/v1/").unwrap()..].to_owned();
    }
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!((seen.len(), unique.len()), (5, 5));
    assert!(!seen.contains(&beta_order));
    let (status, _, _) = call(
        &mut alpha,
        "GET",
        &format!("/api/v1/store/orders/{beta_order}"),
        Some(&token),
        &[],
        None,
    )
    .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "another store's order is not found"
    );
    let (status, _, _) = call(
        &mut alpha,
        "POST",
        &format!("/api/v1/store/orders/{beta_order}/deliver"),
        Some(&token),
        &[],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The paid one ships once; shipping it again is a conflict.
    let (_, _, paid) = call(
        &mut alpha,
        "GET",
        "/api/v1/store/orders?status=paid",
        Some(&token),
        &[],
        None,
    )
    .await;
    let id = paid["items"][0]["id"].as_i64().unwrap();
    let number = paid["items"][0]["number"].as_str().unwrap();
    let (_, _, found) = call(
        &mut alpha,
        "GET",
        &format!("/api/v1/store/orders?number={number}"),
        Some(&token),
        &[],
        None,
    )
    .await;
    let found: Vec<i64> = found["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect();
    assert_eq!(found, [id], "found by its number");
    let shipment = json!({ "carrier": "La Poste", "tracking_number": "6A123" });
    let ship = format!("/api/v1/store/orders/{id}/ship");
    let (status, _, order) = call(
        &mut alpha,
        "POST",
        &ship,
        Some(&token),
        &[],
        Some(shipment.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{order}");
    assert_eq!(
        (order["status"].as_str(), order["carrier"].as_str()),
        (Some("shipped"), Some("La Poste"))
    );
    let (status, _, problem) =
        call(&mut alpha, "POST", &ship, Some(&token), &[], Some(shipment)).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (StatusCode::CONFLICT, Some("conflict"))
    );
    let (status, _, problem) = call(
        &mut alpha,
        "POST",
        &ship,
        Some(&token),
        &[],
        Some(json!({ "carrier": "", "tracking_number": "" })),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        problem["errors"].as_array().unwrap().len(),
        2,
        "every bad field at once"
    );

    // The month as the statistics page counts it, and the same CSV.
    let (status, _, month) = call(
        &mut alpha,
        "GET",
        "/api/v1/store/stats/2025-03",
        Some(&token),
        &[],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{month}");
    let income = &month["income"];
    let cents = |field: &str| income[field]["amount"].as_i64().unwrap();
    assert_eq!(
        (cents("gross"), cents("fees"), cents("net")),
        (10266, 1026, 9240)
    );
    assert_eq!(income["orders"], 3);
    let (status, _, csv) = call(
        &mut alpha,
        "GET",
        "/api/v1/store/stats/2025-03/csv",
        Some(&token),
        &[],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, _, page_csv) = alpha.get("/seller/stats.csv?month=2025-03").await;
    assert_eq!(csv, Value::String(page_csv));
    for month in ["2999-01", "2025-13"] {
        let (status, _, _) = call(
            &mut alpha,
            "GET",
            &format!("/api/v1/store/stats/{month}"),
            Some(&token),
            &[],
            None,
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{month}");
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_store_token_keeps_the_catalog_with_the_pages_rules(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (alpha_owner, _) = store_with_one_product(&db, "alpha", "Alpha mug").await;
    let (_, beta) = store_with_one_product(&db, "beta", "Beta mug").await;
    let beta_product: i64 = sqlx::query_scalar("SELECT id FROM products WHERE store_id = $1")
        .bind(beta)
        .fetch_one(&db)
        .await
        .unwrap();
    let home: i64 = sqlx::query_scalar("SELECT id FROM categories WHERE slug = 'home'")
        .fetch_one(&db)
        .await
        .unwrap();
    let uploads = fixtures::files::TempDir::new();
    let (app, _) = app(
        db.clone(),
        config(&[("STORAGE_URL", &uploads.storage_url())]),
    )
    .await;
    let mut alpha = signed_in(&app, &alpha_owner).await;
    let secret = api_token(&mut alpha, &["catalog:read", "catalog:write"]).await;
    let token = Some(secret.as_str());

    let scarf = json!({
        "title": "Wool scarf",
        "category_id": home,
        "attributes": { "material": "wool" },
        "variants": [
            { "sku": "SCARF-S", "options": { "size": "S" }, "price": 3000, "stock": 5 },
            { "sku": "SCARF-M", "options": { "size": "M" }, "price": 3250, "stock": 2 },
        ],
    });
    let (status, headers, created) = call(
        &mut alpha,
        "POST",
        "/api/v1/store/products",
        token,
        &[],
        Some(scarf),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["status"], "draft");
    assert_eq!(created["variants"][1]["options"], json!({ "size": "M" }));
    let id = created["id"].as_i64().unwrap();
    let etag = headers[header::ETAG].to_str().unwrap().to_owned();
    let path = format!("/api/v1/store/products/{id}");

    // The same checks as the page: every bad field at once.
    let bad = json!({ "title": "", "category_id": home, "variants": [{ "sku": "no spaces", "price": -1, "stock": 1 }] });
    let (status, _, problem) = call(
        &mut alpha,
        "POST",
        "/api/v1/store/products",
        token,
        &[],
        Some(bad),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        problem["errors"].as_array().unwrap().len() >= 3,
        "{problem}"
    );

    // A change from the ETag read; then the same ETag is stale.
    let smaller = json!({
        "title": "Wool scarf",
        "category_id": home,
        "status": "published",
        "variants": [{ "id": created["variants"][0]["id"], "sku": "SCARF-S", "options": { "size": "S" }, "price": 2800, "stock": 5 }],
    });
    let if_match = [("If-Match", etag.as_str())];
    let (status, _, updated) = call(
        &mut alpha,
        "PUT",
        &path,
        token,
        &if_match,
        Some(smaller.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(
        updated["variants"].as_array().unwrap().len(),
        1,
        "a variant left out is deleted"
    );
    assert_eq!(updated["variants"][0]["price"]["amount"], 2800);
    let (status, _, problem) = call(
        &mut alpha,
        "PUT",
        &path,
        token,
        &if_match,
        Some(smaller.clone()),
    )
    .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (StatusCode::PRECONDITION_FAILED, Some("stale"))
    );
    let (_, _, public) = call(
        &mut alpha,
        "GET",
        "/api/v1/products/wool-scarf",
        None,
        &[],
        None,
    )
    .await;
    assert_eq!(
        public["variants"][0]["price"]["amount"], 2800,
        "the shop shows it at once"
    );

    let (status, _, unpublished) = call(
        &mut alpha,
        "POST",
        &format!("{path}/unpublish"),
        token,
        &[],
        None,
    )
    .await;
    assert_eq!(
        (status, unpublished["status"].as_str()),
        (StatusCode::OK, Some("draft"))
    );
    let (status, _, _) = call(
        &mut alpha,
        "GET",
        "/api/v1/products/wool-scarf",
        None,
        &[],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a draft is not for sale");

    // Images: the page's checks, one bad file adds none.
    let upload = |files: &[(&str, Vec<u8>)]| {
        let mut request = multipart(
            &format!("{path}/images"),
            "/",
            &files
                .iter()
                .map(|(name, bytes)| ("images", Some(*name), bytes.as_slice()))
                .collect::<Vec<_>>(),
        );
        let headers = request.headers_mut();
        for name in [header::ORIGIN, header::REFERER] {
            headers.remove(name);
        }
        headers.remove("sec-fetch-site");
        headers.insert(
            header::AUTHORIZATION,
            format!("Bearer {secret}").parse().unwrap(),
        );
        request
    };
    let mut client = Browser::new(app.clone());
    let (status, _, body) = client
        .send(upload(&[
            ("front.png", fixtures::png(8, 8)),
            ("notes.txt", b"hello".to_vec()),
        ]))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("notes.txt is not a JPEG, PNG or WebP image."));
    let (status, _, body) = client
        .send(upload(&[("front.png", fixtures::png(8, 8))]))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let with_image: Value = serde_json::from_str(&body).unwrap();
    let image = with_image["images"][0]["id"].as_i64().unwrap();
    assert!(
        with_image["images"][0]["url"]
            .as_str()
            .unwrap()
            .ends_with(".webp")
    );
    let (status, _, described) = call(
        &mut alpha,
        "PATCH",
        &format!("{path}/images/{image}"),
        token,
        &[],
        Some(json!({ "alt": "A wool scarf, folded" })),
    )
    .await;
    assert_eq!(
        (status, described["images"][0]["alt"].as_str()),
        (StatusCode::OK, Some("A wool scarf, folded"))
    );
    let (status, _, without) = call(
        &mut alpha,
        "DELETE",
        &format!("{path}/images/{image}"),
        token,
        &[],
        None,
    )
    .await;
    assert_eq!(
        (status, without["images"].as_array().map(Vec::len)),
        (StatusCode::OK, Some(0))
    );

    // Oldest first, drafts included, nothing of Beta's.
    let (_, _, first) = call(
        &mut alpha,
        "GET",
        "/api/v1/store/products?limit=1",
        token,
        &[],
        None,
    )
    .await;
    assert_eq!(first["items"][0]["slug"], "alpha-item");
    let cursor = first["next_cursor"].as_str().unwrap();
    let (_, _, second) = call(
        &mut alpha,
        "GET",
        &format!("/api/v1/store/products?cursor={cursor}"),
        token,
        &[],
        None,
    )
    .await;
    assert_eq!(second["items"][0]["id"], id);
    assert!(second["next_cursor"].is_null());

    // Another store's product is not found, whatever the method.
    let theirs = format!("/api/v1/store/products/{beta_product}");
    for (method, body) in [("GET", None), ("PUT", Some(smaller)), ("DELETE", None)] {
        let (status, _, _) = call(&mut alpha, method, &theirs, token, &[], body).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method}");
    }
    let (status, _, _) = call(
        &mut alpha,
        "POST",
        &format!("{theirs}/publish"),
        token,
        &[],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, _, deleted) = call(&mut alpha, "DELETE", &path, token, &[], None).await;
    assert_eq!(
        (status, deleted["result"].as_str()),
        (StatusCode::OK, Some("deleted"))
    );
    let (status, _, _) = call(&mut alpha, "GET", &path, token, &[], None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn customers_read_their_orders_and_admins_administer(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (_, alpha) = store_with_one_product(&db, "alpha", "Alpha mug").await;
    let (app, _) = app(db.clone(), config(&[])).await;

    let shopper = fixtures::unique_email("shopper");
    let shopper_id = verified_user(&db, &shopper, &[Role::Customer]).await;
    let mut customer = signed_in(&app, &shopper).await;
    let reader = api_token(&mut customer, &["orders:read"]).await;
    let (status, _, orders) = call(
        &mut customer,
        "GET",
        "/api/v1/account/orders",
        Some(&reader),
        &[],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(orders["items"], json!([]));
    let (status, _, _) = call(
        &mut customer,
        "GET",
        "/api/v1/account/orders/BZ-NOPE",
        Some(&reader),
        &[],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = call(
        &mut customer,
        "GET",
        "/api/v1/store/orders",
        Some(&reader),
        &[],
        None,
    )
    .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "a customer's token has no store"
    );

    let boss = fixtures::unique_email("boss");
    verified_user(&db, &boss, &[Role::Customer, Role::Admin]).await;
    let mut admin = signed_in(&app, &boss).await;
    let admin_token = api_token(&mut admin, &["admin"]).await;
    let other = api_token(&mut admin, &["orders:read"]).await;
    let (status, _, problem) = call(
        &mut admin,
        "GET",
        "/api/v1/admin/users",
        Some(&other),
        &[],
        None,
    )
    .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("missing_scope"))
    );

    let (status, _, listed) = call(
        &mut admin,
        "GET",
        &format!("/api/v1/admin/users?q={shopper}"),
        Some(&admin_token),
        &[],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed["items"][0]["id"], shopper_id);
    let roles = format!("/api/v1/admin/users/{shopper_id}/roles");
    let (status, _, user) = call(
        &mut admin,
        "POST",
        &roles,
        Some(&admin_token),
        &[],
        Some(json!({ "role": "seller", "granted": true })),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{user}");
    assert!(user["roles"].as_array().unwrap().contains(&json!("seller")));

    let suspension = format!("/api/v1/admin/stores/{alpha}/suspension");
    let (status, _, problem) = call(
        &mut admin,
        "POST",
        &suspension,
        Some(&admin_token),
        &[],
        Some(json!({ "suspended": true })),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "reason");
    let (status, _, _) = call(
        &mut admin,
        "POST",
        &suspension,
        Some(&admin_token),
        &[],
        Some(json!({ "suspended": true, "reason": "Counterfeit goods reported." })),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _, _) = call(&mut admin, "GET", "/api/v1/stores/alpha", None, &[], None).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "a suspended store leaves the shop"
    );

    let (_, _, log) = call(
        &mut admin,
        "GET",
        "/api/v1/admin/audit?action=role.granted",
        Some(&admin_token),
        &[],
        None,
    )
    .await;
    let entry = &log["items"][0];
    assert_eq!(entry["target"], format!("user:{shopper_id}"));
    assert!(entry["metadata"]["api_token_id"].is_i64(), "{entry}");
}
