//! Outgoing webhooks against the real database and a receiver over HTTP:
//! events are written with the change, delivered signed, retried after a
//! failure, never redirected, and kept from private addresses in production.

use std::{
    net::SocketAddr,
    sync::{Arc, Mutex},
};

use axum::{Router, http::HeaderMap, response::IntoResponse, routing::post};
use hmac::{Hmac, Mac};
use http::StatusCode;
use server::{
    config::AppEnv,
    request::RequestMeta,
    seller::{
        orders::{self as store_orders, Action},
        webhooks as endpoints,
    },
    webhooks::sender::{Sender, deliver_due, purge_old},
};
use sha2::Sha256;
use sqlx::PgPool;

use crate::checkout::{customer, pay, place_and_open, scope_of, shop, wait_for_status};

/// What a receiver was sent: its path, signature header and body.
type Received = Arc<Mutex<Vec<(String, String, String)>>>;

/// A receiver on this machine: `/hook` answers 500 the first time and 200
/// after, `/moved` redirects.
async fn receiver() -> (SocketAddr, Received) {
    let received: Received = Arc::default();
    let keep = |path: &'static str, received: Received| {
        move |headers: HeaderMap, body: String| {
            let received = received.clone();
            async move {
                let signature = headers
                    .get("bazaar-signature")
                    .map(|value| value.to_str().unwrap().to_owned())
                    .unwrap_or_default();
                let mut all = received.lock().unwrap();
                all.push((path.to_owned(), signature, body));
                let earlier = all.iter().filter(|(p, ..)| p == path).count() - 1;
                match (path, earlier) {
                    ("/moved", _) => (StatusCode::FOUND, [("location", "/hook")]).into_response(),
                    (_, 0) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
                    _ => StatusCode::OK.into_response(),
                }
            }
        }
    };
    let app = Router::new()
        .route("/hook", post(keep("/hook", received.clone())))
        .route("/moved", post(keep("/moved", received.clone())));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (addr, received)
}

/// Checks a `Bazaar-Signature` header the way a receiver would.
fn verifies(secret: &str, header: &str, body: &str) -> bool {
    let mut timestamp = None;
    let mut given = None;
    for part in header.split(',') {
        match part.split_once('=') {
            Some(("t", value)) => timestamp = Some(value.to_owned()),
            Some(("v1", value)) => given = hex::decode(value).ok(),
            _ => {}
        }
    }
    let (Some(timestamp), Some(given)) = (timestamp, given) else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.{body}").as_bytes());
    mac.verify_slice(&given).is_ok()
}

async fn make_all_due(db: &PgPool) {
    sqlx::query("UPDATE webhook_deliveries SET next_attempt_at = now() WHERE delivered_at IS NULL")
        .execute(db)
        .await
        .unwrap();
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn store_events_reach_their_endpoints_signed_and_a_failed_delivery_is_retried(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    let (alpha, beta) = (scope_of(&db, "alpha").await, scope_of(&db, "beta").await);
    let meta = RequestMeta::system();
    let (addr, received) = receiver().await;
    let events = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    let (hook, secret) = endpoints::add(
        &shop.state,
        &meta,
        alpha,
        &format!("http://{addr}/hook"),
        &events(&["order.paid", "order.delivered", "product.low_stock"]),
    )
    .await
    .unwrap();
    assert!(secret.starts_with("whsec_") && secret.ends_with(&hook.secret_hint[3..]));
    endpoints::add(
        &shop.state,
        &meta,
        alpha,
        &format!("http://{addr}/moved"),
        &events(&["order.paid"]),
    )
    .await
    .unwrap();
    // Beta listens only to cancellations, and none happens.
    endpoints::add(
        &shop.state,
        &meta,
        beta,
        &format!("http://{addr}/hook"),
        &events(&["order.cancelled"]),
    )
    .await
    .unwrap();
    // The mug has 3 in stock; a threshold of 2 makes the sale cross it.
    sqlx::query("UPDATE stores SET low_stock_threshold = 2 WHERE slug = 'alpha'")
        .execute(&db)
        .await
        .unwrap();

    let buyer = customer(&db, "buyer@example.com").await;
    let (placed, url) = place_and_open(&shop, buyer, &[(shop.mug, 1), (shop.print, 1)]).await;
    pay(&url, "4242424242424242").await;
    wait_for_status(&db, &placed.number, "paid").await;
    let (orders, _) = store_orders::list(&db, alpha, &Default::default())
        .await
        .unwrap();
    let ship = Action::Ship {
        carrier: "La Poste".into(),
        tracking_number: "6A12345678901".into(),
    };
    store_orders::act(&shop.state, alpha, orders[0].id, ship, &meta)
        .await
        .unwrap();
    store_orders::act(
        &shop.state,
        alpha,
        orders[0].id,
        Action::MarkDelivered,
        &meta,
    )
    .await
    .unwrap();

    let sender = Sender::new(AppEnv::Test);
    // The first round: /hook fails once, /moved redirects.
    deliver_due(&db, &sender).await.unwrap();
    make_all_due(&db).await;
    deliver_due(&db, &sender).await.unwrap();

    let received = received.lock().unwrap().clone();
    let mut kinds: Vec<String> = received
        .iter()
        .filter(|(path, ..)| path == "/hook")
        .map(|(_, signature, body)| {
            assert!(
                verifies(&secret, signature, body),
                "signed: {signature} {body}"
            );
            let event: serde_json::Value = serde_json::from_str(body).unwrap();
            assert_eq!(event["store_id"], alpha.store_id(), "{body}");
            event["type"].as_str().unwrap().to_owned()
        })
        .collect();
    kinds.sort();
    kinds.dedup();
    assert_eq!(
        kinds,
        ["order.delivered", "order.paid", "product.low_stock"]
    );
    let paid: serde_json::Value = received
        .iter()
        .map(|(_, _, body)| serde_json::from_str::<serde_json::Value>(body).unwrap())
        .find(|event| event["type"] == "order.paid")
        .unwrap();
    assert_eq!(paid["data"]["order_number"], placed.number.as_str());
    assert_eq!(paid["data"]["subtotal"], 1200);
    assert_eq!(paid["data"]["currency"], "EUR");

    let log = endpoints::deliveries(&shop.state, alpha).await.unwrap();
    assert_eq!(log.len(), 4, "three events to /hook, one to /moved");
    let retried = log
        .iter()
        .filter(|d| d.url.ends_with("/hook") && d.attempts == 2)
        .count();
    assert_eq!(retried, 1, "exactly one delivery needed a second attempt");
    for delivery in log.iter().filter(|d| d.url.ends_with("/hook")) {
        assert_eq!(delivery.state(), "delivered");
        assert_eq!(delivery.last_status, Some(200));
    }
    let moved = log.iter().find(|d| d.url.ends_with("/moved")).unwrap();
    assert_eq!(moved.state(), "pending");
    assert_eq!(moved.last_status, Some(302));
    assert!(moved.last_error.as_deref().unwrap().contains("redirect"));
    assert_eq!(
        received
            .iter()
            .filter(|(path, ..)| path == "/moved")
            .count(),
        2,
        "the redirect is never followed"
    );
    assert!(
        endpoints::deliveries(&shop.state, beta)
            .await
            .unwrap()
            .is_empty()
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn in_production_a_name_resolving_to_a_private_address_is_refused_at_send_time(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    let alpha = scope_of(&db, "alpha").await;
    let (addr, received) = receiver().await;
    // This machine's own name resolves to itself, as a name an attacker
    // controls might after the endpoint was saved.
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    let host = host.trim();
    let local = tokio::net::lookup_host((host, 0))
        .await
        .unwrap()
        .all(|a| a.ip().is_loopback());
    assert!(
        local,
        "this test needs the machine's name to resolve to loopback"
    );
    for url in [
        format!("https://{host}:{}/hook", addr.port()),
        format!("https://127.0.0.1:{}/hook", addr.port()),
    ] {
        sqlx::query(
            "INSERT INTO webhook_endpoints (store_id, url, events, secret) VALUES ($1, $2, '{order.paid}', 'whsec_x')",
        )
        .bind(alpha.store_id())
        .bind(url)
        .execute(&db)
        .await
        .unwrap();
    }
    sqlx::query("SELECT store_event($1, 'order.paid', '{}')")
        .bind(alpha.store_id())
        .execute(&db)
        .await
        .unwrap();

    deliver_due(&db, &Sender::new(AppEnv::Prod)).await.unwrap();

    assert!(
        received.lock().unwrap().is_empty(),
        "nothing reached the receiver"
    );
    let log = endpoints::deliveries(&shop.state, alpha).await.unwrap();
    assert_eq!(log.len(), 2);
    for delivery in log {
        let error = delivery.last_error.clone().unwrap_or_default();
        assert!(
            error.contains("private or local address") || error.contains("public internet"),
            "{}: {error}",
            delivery.url
        );
        assert_eq!(delivery.state(), "pending");
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn only_the_owner_manages_endpoints_and_bad_input_is_named_by_field(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    let alpha = scope_of(&db, "alpha").await;
    let meta = RequestMeta::system();
    let refused = endpoints::add(
        &shop.state,
        &meta,
        alpha,
        "ftp://example.com",
        &["order.nothing".into()],
    )
    .await
    .unwrap_err();
    let fields: Vec<_> = match refused {
        server::Error::Invalid(problems) => {
            problems.into_iter().map(|p| p.field.into_owned()).collect()
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(fields, ["url", "events"]);

    let (endpoint, first) = endpoints::add(
        &shop.state,
        &meta,
        alpha,
        "http://127.0.0.1:9/hook",
        &["order.paid".into()],
    )
    .await
    .unwrap();
    let second = endpoints::rotate_secret(&shop.state, &meta, alpha, endpoint.id)
        .await
        .unwrap();
    assert_ne!(first, second);
    let stored: String = sqlx::query_scalar("SELECT secret FROM webhook_endpoints WHERE id = $1")
        .bind(endpoint.id)
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(stored, second);

    // Another store's endpoint is not found; a member who is not the owner
    // is refused.
    let beta = scope_of(&db, "beta").await;
    assert!(matches!(
        endpoints::rotate_secret(&shop.state, &meta, beta, endpoint.id).await,
        Err(server::Error::NotFound)
    ));
    assert!(matches!(
        endpoints::send_test(&shop.state, beta, endpoint.id).await,
        Err(server::Error::NotFound)
    ));
    let member = fixtures::member_scope(alpha.actor(), alpha.store_id());
    assert!(matches!(
        endpoints::remove(&shop.state, &meta, member, endpoint.id).await,
        Err(server::Error::Conflict(_))
    ));

    endpoints::send_test(&shop.state, alpha, endpoint.id)
        .await
        .unwrap();
    let log = endpoints::deliveries(&shop.state, alpha).await.unwrap();
    assert_eq!(log[0].kind, "webhook.test");
    endpoints::remove(&shop.state, &meta, alpha, endpoint.id)
        .await
        .unwrap();
    assert!(
        endpoints::endpoints(&shop.state, alpha)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        endpoints::deliveries(&shop.state, alpha)
            .await
            .unwrap()
            .is_empty()
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn events_older_than_thirty_days_leave_with_their_deliveries(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    let alpha = scope_of(&db, "alpha").await;
    endpoints::add(
        &shop.state,
        &RequestMeta::system(),
        alpha,
        "http://127.0.0.1:9/hook",
        &["order.paid".into()],
    )
    .await
    .unwrap();
    let mut events = Vec::new();
    for age in ["31 days", "29 days"] {
        let event: uuid::Uuid = sqlx::query_scalar("SELECT store_event($1, 'order.paid', '{}')")
            .bind(alpha.store_id())
            .fetch_one(&db)
            .await
            .unwrap();
        sqlx::query("UPDATE store_events SET created_at = now() - $2::interval WHERE id = $1")
            .bind(event)
            .bind(age)
            .execute(&db)
            .await
            .unwrap();
        events.push(event);
    }

    assert_eq!(purge_old(&db).await.unwrap(), 1);
    let left: Vec<uuid::Uuid> = sqlx::query_scalar("SELECT id FROM store_events")
        .fetch_all(&db)
        .await
        .unwrap();
    assert_eq!(left, [events[1]], "the 29-day-old event stays");
    let deliveries: i64 = sqlx::query_scalar("SELECT count(*) FROM webhook_deliveries")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(deliveries, 1, "the old event's delivery went with it");
}
