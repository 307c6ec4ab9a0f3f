//! Checkout, payment and store orders against the real database and the
//! Stripe emulator over HTTP: stock is never oversold, every payment report
//! is applied once, and each seller reaches only its own store orders.

use std::{net::SocketAddr, time::Duration};

use axum::body::{Body, Bytes};
use fixtures::{address, owner_scope};
use http::{Request, StatusCode};
use http_body_util::{BodyExt, Full};
use server::{
    AppState, Error,
    cart::{self, Owner, Quantity},
    orders::{
        Address,
        checkout::{self, Placed},
        customer, payment,
    },
    payments::emulator::{Emulator, Settings},
    request::RequestMeta,
    seller::{
        StoreScope,
        orders::{self as store_orders, Action},
    },
};
use sqlx::PgPool;
use stripe_webhook::Webhook;
use texts::Lang;

use crate::support::{self, qty};

const SECRET: &str = "whsec_checkout_tests";

/// The app's machine routes served over TCP (so the emulator can post its
/// webhooks) and an emulator of its own.
pub(crate) struct Shop {
    pub(crate) state: AppState,
    emulator: Emulator,
    pub(crate) mug: i64,
    pub(crate) print: i64,
}

/// Two stores, Alpha (a mug, 3 in stock, €12) and Beta (a print, 10 in
/// stock, €25), each with an owner. With `webhooks_reach_app` false the
/// emulator's webhooks go nowhere, as when the app is down.
pub(crate) async fn shop(db: PgPool, webhooks_reach_app: bool) -> Shop {
    let (mug, print) = support::alpha_and_beta(&db).await;
    sqlx::raw_sql(
        "INSERT INTO users (email, password_hash, name, email_verified_at) VALUES
           ('alpha@example.com', 'x', 'Alpha owner', now()), ('beta@example.com', 'x', 'Beta owner', now());
         INSERT INTO store_members (store_id, user_id, role) VALUES
           ((SELECT id FROM stores WHERE slug = 'alpha'), (SELECT id FROM users WHERE email = 'alpha@example.com'), 'owner'),
           ((SELECT id FROM stores WHERE slug = 'beta'), (SELECT id FROM users WHERE email = 'beta@example.com'), 'owner');",
    )
    .execute(&db)
    .await
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let app_addr = listener.local_addr().unwrap();
    let webhook_url = if webhooks_reach_app {
        format!("http://{app_addr}/webhooks/stripe")
    } else {
        "http://127.0.0.1:9/webhooks/stripe".to_owned()
    };
    let emulator = Emulator::start(
        "127.0.0.1:0".parse().unwrap(),
        Settings {
            webhook_url,
            webhook_secret: SECRET.into(),
            retry_base: Duration::from_millis(100),
            max_attempts: 5,
        },
    )
    .await
    .unwrap();
    let config = fixtures::config(&[
        ("APP_URL", &format!("http://{app_addr}")),
        ("STRIPE_API_URL", emulator.base_url()),
        ("STRIPE_WEBHOOK_SECRET", SECRET),
        ("RATE_LIMIT_PER_MINUTE", "0"),
    ]);
    let state = fixtures::state(db.clone(), config).await;
    let app = support::app(&state, axum::Router::new(), [127, 0, 0, 1]);
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    Shop {
        state,
        emulator,
        mug,
        print,
    }
}

pub(crate) async fn customer(db: &PgPool, email: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, name, email_verified_at) VALUES ($1, 'x', 'Shopper', now()) RETURNING id",
    )
    .bind(email)
    .fetch_one(db)
    .await
    .unwrap()
}

async fn place(shop: &Shop, customer: i64, lines: &[(i64, i32)]) -> server::Result<Placed> {
    for (variant, quantity) in lines {
        cart::add(
            &shop.state.db,
            Owner::User(customer),
            *variant,
            qty(*quantity),
        )
        .await
        .unwrap();
    }
    checkout::place(
        &shop.state.db,
        &shop.state.config,
        &checkout::Buyer::Customer(customer),
        address().into(),
    )
    .await
}

async fn stock(db: &PgPool, variant: i64) -> i32 {
    sqlx::query_scalar("SELECT stock FROM product_variants WHERE id = $1")
        .bind(variant)
        .fetch_one(db)
        .await
        .unwrap()
}

async fn status(db: &PgPool, number: &str) -> String {
    sqlx::query_scalar("SELECT status FROM orders WHERE number = $1")
        .bind(number)
        .fetch_one(db)
        .await
        .unwrap()
}

/// Waits (up to ten seconds) for a webhook to bring the order to `wanted`.
pub(crate) async fn wait_for_status(db: &PgPool, number: &str, wanted: &str) {
    for _ in 0..100 {
        if status(db, number).await == wanted {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "order {number} never became {wanted}: {}",
        status(db, number).await
    );
}

async fn mail_count(db: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM email_outbox")
        .fetch_one(db)
        .await
        .unwrap()
}

/// Places the order and opens its payment page.
pub(crate) async fn place_and_open(
    shop: &Shop,
    customer: i64,
    lines: &[(i64, i32)],
) -> (Placed, String) {
    let placed = place(shop, customer, lines).await.unwrap();
    let url = checkout::payment_url(&shop.state, customer, &placed.number)
        .await
        .unwrap();
    (placed, url)
}

/// Posts the emulator's payment form with `card`; answers the status and
/// the redirect target.
pub(crate) async fn pay(payment_url: &str, card: &str) -> (StatusCode, Option<String>) {
    let client = fixtures::http_client();
    let body = format!(
        "card_number={}&expiry=12%2F34&cvc=123",
        card.replace(' ', "")
    );
    let request = Request::post(payment_url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Full::new(Bytes::from(body)))
        .unwrap();
    let response = client.request(request).await.unwrap();
    let location = response
        .headers()
        .get("location")
        .map(|value| value.to_str().unwrap().to_owned());
    (response.status(), location)
}

/// The session's id, from its payment page address.
pub(crate) fn session_id(payment_url: &str) -> String {
    payment_url.rsplit('/').next().unwrap().to_owned()
}

/// The session as Stripe's JSON, to build events of our own.
pub(crate) async fn session_json(shop: &Shop, id: &str) -> serde_json::Value {
    let client = fixtures::http_client();
    let request = Request::get(format!(
        "{}/v1/checkout/sessions/{id}",
        shop.emulator.base_url()
    ))
    .header("authorization", "Bearer sk_test_checkout")
    .body(Full::new(Bytes::new()))
    .unwrap();
    let response = client.request(request).await.unwrap();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    serde_json::from_slice(&body).unwrap()
}

fn event(id: &str, kind: &str, session: serde_json::Value) -> String {
    serde_json::json!({
        "id": id,
        "object": "event",
        "api_version": stripe_shared::version::VERSION.to_string(),
        "created": chrono::Utc::now().timestamp(),
        "data": { "object": session },
        "livemode": false,
        "pending_webhooks": 1,
        "request": { "id": null, "idempotency_key": null },
        "type": kind,
    })
    .to_string()
}

async fn post_webhook(shop: &Shop, payload: &str, signature: Option<String>) -> StatusCode {
    let app = support::app(&shop.state, axum::Router::new(), fixtures::random_client());
    let mut request = Request::post("/webhooks/stripe").header("content-type", "application/json");
    if let Some(signature) = signature {
        request = request.header("stripe-signature", signature);
    }
    support::send(&app, request.body(Body::from(payload.to_owned())).unwrap())
        .await
        .status()
}

/// Posts `payload` signed with the app's secret, as Stripe would.
async fn post_signed(shop: &Shop, payload: &str) -> StatusCode {
    let signature = Webhook::generate_test_header(payload, SECRET, None);
    post_webhook(shop, payload, Some(signature)).await
}

pub(crate) async fn scope_of(db: &PgPool, store: &str) -> StoreScope {
    let (store_id, user_id): (i64, i64) = sqlx::query_as(
        "SELECT m.store_id, m.user_id FROM store_members m JOIN stores s ON s.id = m.store_id WHERE s.slug = $1",
    )
    .bind(store)
    .fetch_one(db)
    .await
    .unwrap();
    owner_scope(user_id, store_id)
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn two_hundred_shoppers_never_oversell_ten_items(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    sqlx::query("UPDATE product_variants SET stock = 10 WHERE id = $1")
        .bind(shop.print)
        .execute(&db)
        .await
        .unwrap();
    let mut shoppers = Vec::new();
    for n in 0..200 {
        let id = customer(&db, &format!("crowd{n}@example.com")).await;
        cart::add(&db, Owner::User(id), shop.print, qty(1))
            .await
            .unwrap();
        shoppers.push(id);
    }
    let attempts = shoppers.into_iter().map(|id| {
        let (db, config) = (db.clone(), shop.state.config.clone());
        tokio::spawn(async move {
            checkout::place(
                &db,
                &config,
                &checkout::Buyer::Customer(id),
                address().into(),
            )
            .await
        })
    });
    let results = futures_util::future::join_all(attempts).await;
    let placed = results.iter().filter(|r| matches!(r, Ok(Ok(_)))).count();
    let sold_out = results
        .iter()
        .filter(|r| matches!(r, Ok(Err(Error::Invalid(problems))) if problems[0].message.say(Lang::En) == "Print is sold out."))
        .count();
    assert_eq!((placed, sold_out), (10, 190));
    assert_eq!(stock(&db, shop.print).await, 0);
    let reserved: i64 = sqlx::query_scalar("SELECT sum(quantity) FROM order_lines")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(reserved, 10);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_short_line_refuses_the_whole_order_and_says_how_many_are_left(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    let buyer = customer(&db, "short@example.com").await;
    cart::add(&db, Owner::User(buyer), shop.mug, qty(3))
        .await
        .unwrap();
    cart::add(&db, Owner::User(buyer), shop.print, qty(2))
        .await
        .unwrap();
    // Someone else bought one mug in the meantime.
    sqlx::query("UPDATE product_variants SET stock = 2 WHERE id = $1")
        .bind(shop.mug)
        .execute(&db)
        .await
        .unwrap();
    let error = checkout::place(
        &db,
        &shop.state.config,
        &checkout::Buyer::Customer(buyer),
        address().into(),
    )
    .await
    .unwrap_err();
    let Error::Invalid(problems) = error else {
        panic!("expected problems, got {error:?}");
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].message.say(Lang::En),
        "Only 2 of Mug left: you asked for 3."
    );
    let orders: i64 = sqlx::query_scalar("SELECT count(*) FROM orders")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(orders, 0, "nothing is written");
    assert_eq!(
        (stock(&db, shop.mug).await, stock(&db, shop.print).await),
        (2, 10)
    );
    assert_eq!(cart::count(&db, Owner::User(buyer)).await.unwrap(), 5);

    let bad_address = Address {
        phone: "x".into(),
        ..address()
    };
    let refused = checkout::place(
        &db,
        &shop.state.config,
        &checkout::Buyer::Customer(buyer),
        bad_address.into(),
    )
    .await;
    assert!(matches!(refused, Err(Error::Invalid(p)) if p[0].field == "phone"));
    let empty = customer(&db, "empty@example.com").await;
    let refused = checkout::place(
        &db,
        &shop.state.config,
        &checkout::Buyer::Customer(empty),
        address().into(),
    )
    .await;
    assert!(
        matches!(refused, Err(Error::Invalid(p)) if p[0].message.say(Lang::En) == "Your cart is empty.")
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn an_unverified_customer_cannot_place_an_order_and_keeps_the_cart(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    let buyer = customer(&db, "unverified@example.com").await;
    sqlx::query("UPDATE users SET email_verified_at = NULL WHERE id = $1")
        .bind(buyer)
        .execute(&db)
        .await
        .unwrap();
    let refused = place(&shop, buyer, &[(shop.mug, 1)]).await;
    assert!(
        matches!(&refused, Err(Error::Invalid(p)) if p[0].message.say(Lang::En).starts_with("Confirm your email address")),
        "{refused:?}"
    );
    assert_eq!(cart::count(&db, Owner::User(buyer)).await.unwrap(), 1);
    assert_eq!(stock(&db, shop.mug).await, 3, "nothing reserved");
    let orders: i64 = sqlx::query_scalar("SELECT count(*) FROM orders")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(orders, 0);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn paying_on_the_emulator_pays_both_stores_once(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    let buyer = customer(&db, "buyer@example.com").await;
    let placed = place(&shop, buyer, &[(shop.mug, 2), (shop.print, 1)])
        .await
        .unwrap();
    assert_eq!(status(&db, &placed.number).await, "pending_payment");
    assert_eq!(
        (stock(&db, shop.mug).await, stock(&db, shop.print).await),
        (1, 9),
        "reserved at checkout"
    );
    assert_eq!(cart::count(&db, Owner::User(buyer)).await.unwrap(), 0);
    let url = checkout::payment_url(&shop.state, buyer, &placed.number)
        .await
        .unwrap();
    // Asking again gives the same payment page, not a second session.
    assert_eq!(
        checkout::payment_url(&shop.state, buyer, &placed.number)
            .await
            .unwrap(),
        url
    );
    let stranger = customer(&db, "stranger@example.com").await;
    assert!(matches!(
        checkout::payment_url(&shop.state, stranger, &placed.number).await,
        Err(Error::NotFound)
    ));

    let (declined, _) = pay(&url, "4000 0000 0000 0002").await;
    assert_eq!(declined, StatusCode::PAYMENT_REQUIRED);
    assert_eq!(status(&db, &placed.number).await, "pending_payment");

    let (paid, location) = pay(&url, "4242 4242 4242 4242").await;
    assert_eq!(paid, StatusCode::SEE_OTHER);
    let session = session_id(&url);
    assert_eq!(
        location.unwrap(),
        format!(
            "{}/checkout/success?session_id={session}",
            shop.state.config.app_url
        )
    );
    wait_for_status(&db, &placed.number, "paid").await;

    let parts: Vec<(String, i64, i64, i64)> = sqlx::query_as(
        "SELECT so.status, so.subtotal, so.platform_fee, so.seller_net FROM store_orders so
         JOIN stores s ON s.id = so.store_id ORDER BY s.slug",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(
        parts,
        [
            ("paid".to_owned(), 2400, 240, 2160),
            ("paid".to_owned(), 2500, 250, 2250)
        ]
    );
    let sold: Vec<i32> = sqlx::query_scalar("SELECT units_sold FROM products ORDER BY slug")
        .fetch_all(&db)
        .await
        .unwrap();
    assert_eq!(sold, [2, 1]);
    let recipients: Vec<String> =
        sqlx::query_scalar("SELECT to_address FROM email_outbox ORDER BY to_address")
            .fetch_all(&db)
            .await
            .unwrap();
    assert_eq!(
        recipients,
        [
            "alpha@example.com".to_owned(),
            "beta@example.com".to_owned(),
            "buyer@example.com".to_owned(),
        ]
    );

    // The shopper's return confirms again: nothing changes.
    let number = payment::reconcile(&shop.state, buyer, &session)
        .await
        .unwrap();
    assert_eq!(number, placed.number);
    assert_eq!(mail_count(&db).await, 3);
    assert!(matches!(
        payment::reconcile(&shop.state, stranger, &session).await,
        Err(Error::NotFound)
    ));
    let order = customer::find(&db, buyer, &placed.number).await.unwrap();
    assert_eq!(order.parts.len(), 2);
    assert_eq!(order.total.cents(), 4900);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn forged_stale_or_replayed_webhooks_change_nothing(db: PgPool) {
    // The emulator's own deliveries go nowhere: this test sends the events.
    let shop = shop(db.clone(), false).await;
    let buyer = customer(&db, "buyer@example.com").await;
    let (placed, url) = place_and_open(&shop, buyer, &[(shop.mug, 1)]).await;
    pay(&url, "4242424242424242").await;
    let session = session_json(&shop, &session_id(&url)).await;
    let payload = event(
        "evt_test_paid",
        "checkout.session.completed",
        session.clone(),
    );
    let now = chrono::Utc::now().timestamp();

    assert_eq!(
        post_webhook(&shop, &payload, None).await,
        StatusCode::BAD_REQUEST
    );
    let forged = Webhook::generate_test_header(&payload, "whsec_someone_else", None);
    assert_eq!(
        post_webhook(&shop, &payload, Some(forged)).await,
        StatusCode::BAD_REQUEST
    );
    let stale = Webhook::generate_test_header(&payload, SECRET, Some(now - 301));
    assert_eq!(
        post_webhook(&shop, &payload, Some(stale)).await,
        StatusCode::BAD_REQUEST
    );
    let tampered = payload.replace("\"amount_total\":1200", "\"amount_total\":1");
    assert_ne!(tampered, payload);
    let signed_original = Webhook::generate_test_header(&payload, SECRET, None);
    assert_eq!(
        post_webhook(&shop, &tampered, Some(signed_original.clone())).await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(status(&db, &placed.number).await, "pending_payment");
    assert_eq!(mail_count(&db).await, 0);

    assert_eq!(
        post_webhook(&shop, &payload, Some(signed_original)).await,
        StatusCode::OK
    );
    assert_eq!(status(&db, &placed.number).await, "paid");
    assert_eq!(mail_count(&db).await, 2);
    assert_eq!(post_signed(&shop, &payload).await, StatusCode::OK);
    assert_eq!(mail_count(&db).await, 2, "applied once");

    // An expiry reported after the payment leaves the order paid.
    let mut expired = session;
    expired["status"] = "expired".into();
    let late = event("evt_test_late_expiry", "checkout.session.expired", expired);
    assert_eq!(post_signed(&shop, &late).await, StatusCode::OK);
    assert_eq!(status(&db, &placed.number).await, "paid");
    assert_eq!(stock(&db, shop.mug).await, 2);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_paid_amount_that_differs_from_the_total_is_flagged(db: PgPool) {
    let shop = shop(db.clone(), false).await;
    let buyer = customer(&db, "buyer@example.com").await;
    let (_, url) = place_and_open(&shop, buyer, &[(shop.print, 1)]).await;
    pay(&url, "4242424242424242").await;
    let mut session = session_json(&shop, &session_id(&url)).await;
    session["amount_total"] = 100.into();
    let payload = event("evt_test_short", "checkout.session.completed", session);
    assert_eq!(post_signed(&shop, &payload).await, StatusCode::OK);
    let (status, problem): (String, Option<String>) =
        sqlx::query_as("SELECT status, payment_problem FROM orders")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(status, "pending_payment");
    assert_eq!(problem.unwrap(), "Paid €1.00 for an order of €25.00.");
    // Flagged orders keep their stock for the platform to settle.
    shop_sweeps_after_expiry(&shop).await;
    assert_eq!(stock(&db, shop.print).await, 9);
}

async fn shop_sweeps_after_expiry(shop: &Shop) -> usize {
    sqlx::query("UPDATE orders SET expires_at = now() - interval '2 minutes'")
        .execute(&shop.state.db)
        .await
        .unwrap();
    payment::sweep(&shop.state).await.unwrap()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn expiry_gives_the_stock_back(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    let buyer = customer(&db, "buyer@example.com").await;
    let (expiring, url) = place_and_open(&shop, buyer, &[(shop.mug, 2)]).await;
    assert_eq!(stock(&db, shop.mug).await, 1);
    shop.state.payments.expire(&session_id(&url)).await.unwrap();
    wait_for_status(&db, &expiring.number, "expired").await;
    assert_eq!(stock(&db, shop.mug).await, 3);
    assert!(matches!(
        checkout::payment_url(&shop.state, buyer, &expiring.number).await,
        Err(Error::Conflict(_))
    ));

    // Left unpaid past its expiry, with or without a payment page: swept.
    let (with_page, url) = place_and_open(&shop, buyer, &[(shop.mug, 1)]).await;
    let without_page = place(&shop, buyer, &[(shop.print, 4)]).await.unwrap();
    assert_eq!(shop_sweeps_after_expiry(&shop).await, 2);
    assert_eq!(status(&db, &with_page.number).await, "expired");
    assert_eq!(status(&db, &without_page.number).await, "expired");
    assert_eq!(
        (stock(&db, shop.mug).await, stock(&db, shop.print).await),
        (3, 10)
    );
    // The payment page closed with it.
    let (closed, _) = pay(&url, "4242424242424242").await;
    assert!(closed.is_client_error(), "{closed}");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_payment_whose_webhook_never_came_is_confirmed_on_return(db: PgPool) {
    let shop = shop(db.clone(), false).await;
    let buyer = customer(&db, "buyer@example.com").await;
    let (placed, url) = place_and_open(&shop, buyer, &[(shop.mug, 1)]).await;
    pay(&url, "4242424242424242").await;
    assert_eq!(status(&db, &placed.number).await, "pending_payment");
    payment::reconcile(&shop.state, buyer, &session_id(&url))
        .await
        .unwrap();
    assert_eq!(status(&db, &placed.number).await, "paid");
    // Or by the sweeper, when the shopper never came back either.
    let (other, url) = place_and_open(&shop, buyer, &[(shop.print, 1)]).await;
    pay(&url, "4242424242424242").await;
    shop_sweeps_after_expiry(&shop).await;
    assert_eq!(status(&db, &other.number).await, "paid");
    assert_eq!(stock(&db, shop.print).await, 9);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_shopper_who_gives_up_gets_the_items_back_in_the_cart(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    let buyer = customer(&db, "buyer@example.com").await;
    let (placed, url) = place_and_open(&shop, buyer, &[(shop.mug, 2)]).await;
    customer::cancel_unpaid(&shop.state, buyer, &placed.number)
        .await
        .unwrap();
    assert_eq!(status(&db, &placed.number).await, "cancelled");
    assert_eq!(stock(&db, shop.mug).await, 3);
    assert_eq!(cart::count(&db, Owner::User(buyer)).await.unwrap(), 2);
    let (closed, _) = pay(&url, "4242424242424242").await;
    assert!(closed.is_client_error(), "{closed}");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn sellers_ship_and_refund_only_their_own_store_orders(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    let buyer = customer(&db, "buyer@example.com").await;
    let placed = place(&shop, buyer, &[(shop.mug, 2), (shop.print, 1)])
        .await
        .unwrap();
    let url = checkout::payment_url(&shop.state, buyer, &placed.number)
        .await
        .unwrap();
    pay(&url, "4242424242424242").await;
    wait_for_status(&db, &placed.number, "paid").await;
    let (alpha, beta) = (scope_of(&db, "alpha").await, scope_of(&db, "beta").await);
    let meta = RequestMeta::system();
    let (alpha_orders, count) = store_orders::list(&db, alpha, &Default::default())
        .await
        .unwrap();
    assert_eq!(count, 1);
    let alpha_order = alpha_orders[0].id;
    assert_eq!(alpha_orders[0].subtotal.cents(), 2400);

    // Beta neither sees nor touches Alpha's part.
    assert!(matches!(
        store_orders::find(&db, beta, alpha_order).await,
        Err(Error::NotFound)
    ));
    for action in [Action::MarkDelivered, Action::Cancel, Action::Refund] {
        assert!(matches!(
            store_orders::act(&shop.state, beta, alpha_order, action, &meta).await,
            Err(Error::NotFound)
        ));
    }
    // New until someone of Alpha opens it; Beta opening it changes nothing.
    assert_eq!(
        store_orders::unopened(&db, &[alpha.store_id()])
            .await
            .unwrap(),
        1
    );
    assert!(!alpha_orders[0].opened);
    store_orders::mark_opened(&db, beta, alpha_order)
        .await
        .unwrap();
    assert_eq!(
        store_orders::unopened(&db, &[alpha.store_id()])
            .await
            .unwrap(),
        1
    );
    store_orders::mark_opened(&db, alpha, alpha_order)
        .await
        .unwrap();
    assert_eq!(
        store_orders::unopened(&db, &[alpha.store_id()])
            .await
            .unwrap(),
        0
    );
    let (alpha_orders, _) = store_orders::list(&db, alpha, &Default::default())
        .await
        .unwrap();
    assert!(alpha_orders[0].opened);

    let seen = store_orders::find(&db, alpha, alpha_order).await.unwrap();
    assert_eq!(seen.parts.len(), 1, "only Alpha's part");
    assert_eq!(seen.parts[0].store_name, "Alpha");

    let blank = Action::Ship {
        carrier: " ".into(),
        tracking_number: String::new(),
    };
    let Err(Error::Invalid(problems)) =
        store_orders::act(&shop.state, alpha, alpha_order, blank, &meta).await
    else {
        panic!("expected problems");
    };
    let fields: Vec<_> = problems.iter().map(|p| p.field.as_ref()).collect();
    assert_eq!(fields, ["carrier", "tracking_number"]);
    assert!(matches!(
        store_orders::act(
            &shop.state,
            alpha,
            alpha_order,
            Action::MarkDelivered,
            &meta
        )
        .await,
        Err(Error::Conflict(_))
    ));
    let ship = Action::Ship {
        carrier: "La Poste".into(),
        tracking_number: "6A12345678901".into(),
    };
    let shipped = store_orders::act(&shop.state, alpha, alpha_order, ship.clone(), &meta)
        .await
        .unwrap();
    assert_eq!(shipped.parts[0].status, "shipped");
    assert_eq!(
        shipped.parts[0].tracking_number.as_deref(),
        Some("6A12345678901")
    );
    assert!(matches!(
        store_orders::act(&shop.state, alpha, alpha_order, ship, &meta).await,
        Err(Error::Conflict(_))
    ));
    assert!(matches!(
        store_orders::act(&shop.state, alpha, alpha_order, Action::Cancel, &meta).await,
        Err(Error::Conflict(_))
    ));

    let refunded = store_orders::act(&shop.state, alpha, alpha_order, Action::Refund, &meta)
        .await
        .unwrap();
    let part = &refunded.parts[0];
    assert_eq!(part.status, "refunded");
    assert_eq!(part.refunded.cents(), 2400);
    assert_eq!(
        (
            part.platform_fee.unwrap().cents(),
            part.seller_net.unwrap().cents()
        ),
        (0, 0)
    );
    assert_eq!(stock(&db, shop.mug).await, 3, "stock back on the shelf");
    // Beta's part is untouched.
    let beta_net: i64 = sqlx::query_scalar("SELECT seller_net FROM store_orders WHERE id <> $1")
        .bind(alpha_order)
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(beta_net, 2250);
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action LIKE 'store_order.%' ORDER BY id",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(actions, ["store_order.shipped", "store_order.refunded"]);
    let customer_mail: Vec<String> =
        sqlx::query_scalar("SELECT subject FROM email_outbox WHERE to_address = $1 ORDER BY id")
            .bind("buyer@example.com")
            .fetch_all(&db)
            .await
            .unwrap();
    assert_eq!(
        customer_mail,
        [
            format!("Your order {}", placed.number),
            format!("Your order {} is on its way", placed.number),
            format!("Your order {} was refunded", placed.number),
        ]
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_customer_is_mailed_when_a_seller_marks_delivered_or_cancels(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    let buyer = customer(&db, "buyer@example.com").await;
    let (placed, url) = place_and_open(&shop, buyer, &[(shop.mug, 1), (shop.print, 2)]).await;
    pay(&url, "4242424242424242").await;
    wait_for_status(&db, &placed.number, "paid").await;
    let (alpha, beta) = (scope_of(&db, "alpha").await, scope_of(&db, "beta").await);
    let meta = RequestMeta::system();
    let store_order = |scope: StoreScope| {
        let db = db.clone();
        async move {
            let (orders, _) = store_orders::list(&db, scope, &Default::default())
                .await
                .unwrap();
            orders[0].id
        }
    };
    let (alpha_order, beta_order) = (store_order(alpha).await, store_order(beta).await);

    let ship = Action::Ship {
        carrier: "La Poste".into(),
        tracking_number: "6A12345678901".into(),
    };
    store_orders::act(&shop.state, alpha, alpha_order, ship, &meta)
        .await
        .unwrap();
    let delivered = store_orders::act(
        &shop.state,
        alpha,
        alpha_order,
        Action::MarkDelivered,
        &meta,
    )
    .await
    .unwrap();
    assert_eq!(delivered.parts[0].status, "delivered");
    let cancelled = store_orders::act(&shop.state, beta, beta_order, Action::Cancel, &meta)
        .await
        .unwrap();
    assert_eq!(cancelled.parts[0].status, "cancelled");
    assert_eq!(cancelled.parts[0].refunded.cents(), 5000);
    assert_eq!(stock(&db, shop.print).await, 10, "the prints are back");

    let customer_mail: Vec<(String, String)> = sqlx::query_as(
        "SELECT subject, text_body FROM email_outbox WHERE to_address = $1 ORDER BY id",
    )
    .bind("buyer@example.com")
    .fetch_all(&db)
    .await
    .unwrap();
    let subjects: Vec<&str> = customer_mail.iter().map(|(s, _)| s.as_str()).collect();
    let number = &placed.number;
    assert_eq!(
        subjects,
        [
            format!("Your order {number}"),
            format!("Your order {number} is on its way"),
            format!("Your order {number} was delivered"),
            format!("Your order {number} was cancelled"),
        ]
    );
    let (delivered_text, cancelled_text) = (&customer_mail[2].1, &customer_mail[3].1);
    assert!(
        delivered_text.contains("Alpha marked your items as delivered."),
        "{delivered_text}"
    );
    assert!(
        cancelled_text
            .contains("Beta cancelled its part of your order and refunded €50.00 to your card."),
        "{cancelled_text}"
    );
    for text in [delivered_text, cancelled_text] {
        assert!(
            text.contains(&format!("/account/orders/{number}")),
            "a link to the order: {text}"
        );
    }
    // Each seller's mail is about its own part only.
    assert!(!delivered_text.contains("Print") && !cancelled_text.contains("Mug"));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_payment_reported_before_its_order_is_visible_is_applied_on_retry(db: PgPool) {
    let shop = shop(db.clone(), false).await;
    let buyer = customer(&db, "buyer@example.com").await;
    let (placed, url) = place_and_open(&shop, buyer, &[(shop.mug, 1)]).await;
    pay(&url, "4242424242424242").await;
    let session = session_json(&shop, &session_id(&url)).await;

    // As the event would read if it overtook the order's commit: neither
    // its reference nor its session id finds an order yet.
    let mut early = session.clone();
    early["id"] = "cs_test_not_yet_committed".into();
    early["client_reference_id"] = "999999".into();
    let payload = event("evt_test_early", "checkout.session.completed", early);
    assert_eq!(
        post_signed(&shop, &payload).await,
        StatusCode::CONFLICT,
        "an error makes Stripe deliver it again"
    );
    let remembered: i64 = sqlx::query_scalar("SELECT count(*) FROM webhook_events")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(remembered, 0, "a refused event is not marked as applied");

    // The retry carries the same event id and now finds the order.
    let payload = event("evt_test_early", "checkout.session.completed", session);
    assert_eq!(post_signed(&shop, &payload).await, StatusCode::OK);
    assert_eq!(status(&db, &placed.number).await, "paid");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_payment_that_settles_later_keeps_the_order_waiting_until_it_does(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    let buyer = customer(&db, "buyer@example.com").await;
    let placed = place(&shop, buyer, &[(shop.mug, 1)]).await.unwrap();
    let url = checkout::payment_url(&shop.state, buyer, &placed.number)
        .await
        .unwrap();
    let (answer, _) = pay(&url, "4000 0000 0000 5555").await;
    assert_eq!(answer, StatusCode::SEE_OTHER);
    // Completed but unpaid: the shopper's return confirms nothing yet.
    let session = session_json(&shop, url.rsplit('/').next().unwrap()).await;
    assert_eq!(session["status"], "complete");
    assert_eq!(session["payment_status"], "unpaid");
    let session_id = session["id"].as_str().unwrap();
    payment::reconcile(&shop.state, buyer, session_id)
        .await
        .unwrap();
    assert_eq!(status(&db, &placed.number).await, "pending_payment");

    wait_for_status(&db, &placed.number, "paid").await;
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_failed_delayed_payment_closes_the_order_and_returns_the_stock(db: PgPool) {
    let shop = shop(db.clone(), false).await;
    let buyer = customer(&db, "buyer@example.com").await;
    let (placed, url) = place_and_open(&shop, buyer, &[(shop.mug, 2)]).await;
    assert_eq!(stock(&db, shop.mug).await, 1);

    // A bank debit: the session completes unpaid, then the debit fails.
    let mut session = session_json(&shop, &session_id(&url)).await;
    session["status"] = "complete".into();
    session["payment_status"] = "unpaid".into();
    for (id, kind) in [
        ("evt_test_debit_started", "checkout.session.completed"),
        (
            "evt_test_debit_failed",
            "checkout.session.async_payment_failed",
        ),
    ] {
        let payload = event(id, kind, session.clone());
        assert_eq!(post_signed(&shop, &payload).await, StatusCode::OK, "{kind}");
        if kind == "checkout.session.completed" {
            assert_eq!(status(&db, &placed.number).await, "pending_payment");
        }
    }
    assert_eq!(status(&db, &placed.number).await, "cancelled");
    assert_eq!(stock(&db, shop.mug).await, 3);
    let failed_at: Option<chrono::DateTime<chrono::Utc>> =
        sqlx::query_scalar("SELECT payment_failed_at FROM orders WHERE number = $1")
            .bind(&placed.number)
            .fetch_one(&db)
            .await
            .unwrap();
    assert!(failed_at.is_some());
    let parts: Vec<String> = sqlx::query_scalar(
        "SELECT s.status FROM store_orders s JOIN orders o ON o.id = s.order_id WHERE o.number = $1",
    )
    .bind(&placed.number)
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(parts, ["cancelled"]);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn what_is_charged_comes_from_the_catalog_not_the_client(db: PgPool) {
    let shop = shop(db.clone(), false).await;
    let buyer = customer(&db, "buyer@example.com").await;
    let owner = Owner::User(buyer);
    for quantity in [-1, 0, i32::MAX, i32::MIN] {
        let refused = Quantity::new(quantity);
        assert!(
            matches!(&refused, Err(Error::Invalid(problems)) if problems[0].field == "quantity"),
            "{quantity}: {refused:?}"
        );
        // As the cart page's form sends it.
        let refused = match Quantity::parse_line(&quantity.to_string()) {
            Ok(line) => cart::set_quantity(&shop.state.db, owner, shop.print, line).await,
            Err(error) => Err(error),
        };
        assert!(refused.is_err(), "{quantity}: {refused:?}");
    }
    // A price remembered in the cart (or changed there) is only a notice:
    // the order and the session are priced from the catalog.
    cart::add(&shop.state.db, owner, shop.print, qty(2))
        .await
        .unwrap();
    sqlx::query("UPDATE cart_items SET added_price = 1")
        .execute(&db)
        .await
        .unwrap();
    let placed = checkout::place(
        &shop.state.db,
        &shop.state.config,
        &checkout::Buyer::Customer(buyer),
        address().into(),
    )
    .await
    .unwrap();
    let url = checkout::payment_url(&shop.state, buyer, &placed.number)
        .await
        .unwrap();
    let session = session_json(&shop, &session_id(&url)).await;
    assert_eq!(session["amount_total"], 5000);
    let total: i64 = sqlx::query_scalar("SELECT total FROM orders WHERE number = $1")
        .bind(&placed.number)
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(total, 5000);
}

/// Lets the sweeper try orders it put off after a failure, as if their
/// retry time had come.
async fn retry_time_comes(db: &PgPool) {
    sqlx::query("UPDATE orders SET sweep_retry_at = now() - interval '1 second'")
        .execute(db)
        .await
        .unwrap();
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_session_stripe_forgot_does_not_keep_other_orders_from_expiring(db: PgPool) {
    let shop = shop(db.clone(), false).await;
    let buyer = customer(&db, "buyer@example.com").await;
    let (with_page, _) = place_and_open(&shop, buyer, &[(shop.mug, 1)]).await;
    let without_page = place(&shop, buyer, &[(shop.print, 2)]).await.unwrap();
    // As after a restart of the emulator, which keeps its sessions in memory.
    let other = customer(&db, "other@example.com").await;
    let (forgotten, _) = place_and_open(&shop, other, &[(shop.print, 3)]).await;
    sqlx::query("UPDATE orders SET checkout_session_id = 'cs_test_forgotten' WHERE number = $1")
        .bind(&forgotten.number)
        .execute(&db)
        .await
        .unwrap();
    sqlx::query("UPDATE orders SET expires_at = now() - interval '2 minutes'")
        .execute(&db)
        .await
        .unwrap();

    assert_eq!(payment::sweep(&shop.state).await.unwrap(), 2);
    assert_eq!(status(&db, &with_page.number).await, "expired");
    assert_eq!(status(&db, &without_page.number).await, "expired");
    assert_eq!(status(&db, &forgotten.number).await, "pending_payment");
    assert_eq!(stock(&db, shop.mug).await, 3);
    assert_eq!(
        stock(&db, shop.print).await,
        7,
        "the forgotten order's stock"
    );
    // Put off until its retry time, not picked again at once.
    assert_eq!(payment::sweep(&shop.state).await.unwrap(), 0);

    for attempt in 2..payment::SESSION_MISSING_LIMIT {
        retry_time_comes(&db).await;
        assert_eq!(payment::sweep(&shop.state).await.unwrap(), 0, "{attempt}");
        assert_eq!(status(&db, &forgotten.number).await, "pending_payment");
    }
    retry_time_comes(&db).await;
    assert_eq!(payment::sweep(&shop.state).await.unwrap(), 1);
    assert_eq!(status(&db, &forgotten.number).await, "expired");
    assert_eq!(stock(&db, shop.print).await, 10);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn pay_now_after_a_payment_outage_opens_a_session_and_extends_the_reservation(db: PgPool) {
    let shop = shop(db.clone(), false).await;
    let buyer = customer(&db, "buyer@example.com").await;
    // Placed a minute ago while Stripe was unreachable: no session yet.
    let placed = place(&shop, buyer, &[(shop.mug, 2)]).await.unwrap();
    sqlx::query("UPDATE orders SET expires_at = expires_at - interval '1 minute'")
        .execute(&db)
        .await
        .unwrap();
    let expiry = || {
        sqlx::query_scalar::<_, chrono::DateTime<chrono::Utc>>(
            "SELECT expires_at FROM orders WHERE number = $1",
        )
        .bind(&placed.number)
        .fetch_one(&db)
    };
    let placed_expiry = expiry().await.unwrap();

    let url = checkout::payment_url(&shop.state, buyer, &placed.number)
        .await
        .unwrap();
    let session = session_json(&shop, &session_id(&url)).await;
    let session_expiry = session["expires_at"].as_i64().unwrap();
    assert!(session_expiry >= chrono::Utc::now().timestamp() + 30 * 60 - 5);
    let order_expiry = expiry().await.unwrap();
    assert!(order_expiry > placed_expiry, "the reservation is extended");
    assert_eq!(order_expiry.timestamp(), session_expiry);
    assert_eq!(stock(&db, shop.mug).await, 1, "the stock is still held");
    assert_eq!(
        checkout::payment_url(&shop.state, buyer, &placed.number)
            .await
            .unwrap(),
        url
    );
    let (paid, _) = pay(&url, "4242424242424242").await;
    assert_eq!(paid, StatusCode::SEE_OTHER);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_session_replaced_after_a_lost_answer_expires_without_closing_the_order(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    let buyer = customer(&db, "buyer@example.com").await;
    let (placed, first) = place_and_open(&shop, buyer, &[(shop.mug, 1)]).await;
    // Stripe opened the session but its answer never came back; the
    // shopper tries again a minute later.
    sqlx::query(
        "UPDATE orders SET checkout_session_id = NULL, checkout_url = NULL,
                           expires_at = expires_at - interval '1 minute'",
    )
    .execute(&db)
    .await
    .unwrap();
    // Not within the same second, which would ask for the same session.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let second = checkout::payment_url(&shop.state, buyer, &placed.number)
        .await
        .unwrap();
    assert_ne!(second, first);

    shop.state
        .payments
        .expire(&session_id(&first))
        .await
        .unwrap();
    let applied = || {
        sqlx::query_scalar::<_, i64>(
            "SELECT count(*) FROM webhook_events WHERE type = 'checkout.session.expired'",
        )
        .fetch_one(&db)
    };
    for _ in 0..100 {
        if applied().await.unwrap() == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(applied().await.unwrap(), 1, "the expiry was delivered");
    assert_eq!(status(&db, &placed.number).await, "pending_payment");
    assert_eq!(stock(&db, shop.mug).await, 2);
    pay(&second, "4242424242424242").await;
    wait_for_status(&db, &placed.number, "paid").await;
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_shopper_cannot_hold_more_than_three_unpaid_orders(db: PgPool) {
    let shop = shop(db.clone(), false).await;
    let buyer = customer(&db, "hoarder@example.com").await;
    let mut orders = Vec::new();
    for _ in 0..checkout::MAX_UNPAID_ORDERS {
        orders.push(place(&shop, buyer, &[(shop.print, 1)]).await.unwrap());
    }
    let refused = place(&shop, buyer, &[(shop.print, 1)]).await;
    let Err(Error::Conflict(message)) = refused else {
        panic!("expected a conflict, got {refused:?}");
    };
    let message = message.say(Lang::En);
    assert!(message.contains("pay or cancel"), "{message}");
    assert_eq!(stock(&db, shop.print).await, 7, "nothing more is held");
    assert_eq!(cart::count(&db, Owner::User(buyer)).await.unwrap(), 1);

    // Others shop as usual.
    let other = customer(&db, "other@example.com").await;
    place(&shop, other, &[(shop.mug, 1)]).await.unwrap();
    // An order past its expiry no longer counts, nor one given up.
    sqlx::query("UPDATE orders SET expires_at = now() - interval '1 second' WHERE number = $1")
        .bind(&orders[0].number)
        .execute(&db)
        .await
        .unwrap();
    place(&shop, buyer, &[]).await.unwrap();
    customer::cancel_unpaid(&shop.state, buyer, &orders[1].number)
        .await
        .unwrap();
    place(&shop, buyer, &[]).await.unwrap();
    assert!(matches!(
        place(&shop, buyer, &[(shop.print, 1)]).await,
        Err(Error::Conflict(_))
    ));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn an_event_for_a_session_no_order_refers_to_is_acknowledged_and_changes_nothing(db: PgPool) {
    let shop = shop(db.clone(), false).await;
    let buyer = customer(&db, "buyer@example.com").await;
    let (placed, url) = place_and_open(&shop, buyer, &[(shop.mug, 1)]).await;
    pay(&url, "4242424242424242").await;
    let session = session_json(&shop, &session_id(&url)).await;

    // A payment link or another application on the same Stripe account.
    let mut foreign = session.clone();
    foreign["id"] = "cs_test_not_bazaars".into();
    foreign["client_reference_id"] = serde_json::Value::Null;
    for (id, kind) in [
        ("evt_test_foreign_paid", "checkout.session.completed"),
        ("evt_test_foreign_expired", "checkout.session.expired"),
    ] {
        let payload = event(id, kind, foreign.clone());
        assert_eq!(post_signed(&shop, &payload).await, StatusCode::OK, "{kind}");
        assert_eq!(post_signed(&shop, &payload).await, StatusCode::OK, "{kind}");
    }
    assert_eq!(status(&db, &placed.number).await, "pending_payment");
    assert_eq!(stock(&db, shop.mug).await, 2);
    assert_eq!(mail_count(&db).await, 0);
    let recorded: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT id, ignored FROM webhook_events ORDER BY id")
            .fetch_all(&db)
            .await
            .unwrap();
    assert_eq!(recorded.len(), 2);
    assert!(recorded.iter().all(|(_, ignored)| ignored.is_some()));

    // The order's own session is still applied.
    let payload = event("evt_test_ours", "checkout.session.completed", session);
    assert_eq!(post_signed(&shop, &payload).await, StatusCode::OK);
    assert_eq!(status(&db, &placed.number).await, "paid");
}
