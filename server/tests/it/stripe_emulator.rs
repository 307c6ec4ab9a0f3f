//! The built-in Stripe emulator, driven through the real async-stripe client
//! and plain HTTP the way a browser would: its objects deserialize, its
//! errors are Stripe's, idempotency keys hold, the payment page takes the
//! test cards, and its webhooks are signed so the app's check accepts them
//! and retried until the app takes them.

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU32, Ordering},
    },
    time::{Duration, Instant},
};

use axum::{
    Router,
    body::Bytes,
    extract::State,
    http::{HeaderMap, Method, Request, StatusCode},
    routing::post,
};
use http_body_util::{BodyExt, Full};
use server::payments::emulator::{Emulator, Settings};
use stripe::{Client, ClientBuilder, IdempotencyKey, RequestStrategy, StripeError, StripeRequest};
use stripe_checkout::checkout_session::{
    CreateCheckoutSession, CreateCheckoutSessionLineItems, CreateCheckoutSessionLineItemsPriceData,
    ExpireCheckoutSession, ProductData, RetrieveCheckoutSession,
};
use stripe_core::refund::CreateRefund;
use stripe_shared::{
    ApiErrors, ApiErrorsType, CheckoutSession, CheckoutSessionLocale, CheckoutSessionMode,
    CheckoutSessionPaymentStatus, CheckoutSessionStatus,
};
use stripe_types::Currency;
use stripe_webhook::{Event, EventObject, Webhook};

const SECRET: &str = "whsec_emulator_tests";
const KEY: &str = "sk_test_emulator_tests";
const SUCCESS_URL: &str = "https://shop.test/orders/7/paid?session={CHECKOUT_SESSION_ID}";
const CANCEL_URL: &str = "https://shop.test/checkout?cancelled=1";

/// One webhook request the stand-in app received.
#[derive(Clone)]
struct Delivery {
    payload: String,
    signature: String,
    answered: StatusCode,
    at: Instant,
}

/// A stand-in for the app's webhook route: records every delivery and
/// answers 500 to the first `failures` of them.
#[derive(Clone, Default)]
struct Hook {
    deliveries: Arc<Mutex<Vec<Delivery>>>,
    failures: Arc<AtomicU32>,
}

async fn receive(State(hook): State<Hook>, headers: HeaderMap, payload: String) -> StatusCode {
    let fail = hook
        .failures
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |left| {
            left.checked_sub(1)
        })
        .is_ok();
    let answered = if fail {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::OK
    };
    let signature = headers
        .get("stripe-signature")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(
        headers.get("content-type").unwrap(),
        "application/json",
        "events are JSON"
    );
    hook.deliveries.lock().unwrap().push(Delivery {
        payload,
        signature,
        answered,
        at: Instant::now(),
    });
    answered
}

impl Hook {
    fn all(&self) -> Vec<Delivery> {
        self.deliveries.lock().unwrap().clone()
    }

    /// Waits (up to ten seconds) until `count` deliveries were accepted.
    async fn accepted(&self, count: usize) -> Vec<Delivery> {
        for _ in 0..500 {
            let accepted: Vec<_> = self
                .all()
                .into_iter()
                .filter(|delivery| delivery.answered.is_success())
                .collect();
            if accepted.len() >= count {
                return accepted;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!(
            "expected {count} accepted deliveries, got {}",
            self.all().len()
        );
    }
}

/// An emulator posting to a `Hook` of its own, and a client for it.
struct Harness {
    emulator: Emulator,
    client: Client,
    hook: Hook,
}

async fn harness(failures: u32, max_attempts: u32) -> Harness {
    // Other crates in the build enable a second TLS backend, so rustls
    // cannot pick one by itself.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let hook = Hook::default();
    hook.failures.store(failures, Ordering::SeqCst);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let webhook_url = format!("http://{}/webhooks/stripe", listener.local_addr().unwrap());
    let app = Router::new()
        .route("/webhooks/stripe", post(receive))
        .with_state(hook.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let emulator = Emulator::start(
        "127.0.0.1:0".parse().unwrap(),
        Settings {
            retry_base: Duration::from_millis(50),
            max_attempts,
            ..Settings::new(webhook_url, SECRET)
        },
    )
    .await
    .unwrap();
    let client = client(&emulator, KEY);
    Harness {
        emulator,
        client,
        hook,
    }
}

fn client(emulator: &Emulator, key: &str) -> Client {
    ClientBuilder::new(key)
        .url(emulator.base_url())
        .build()
        .unwrap()
}

/// A mug (12.50 × 2) and a print (25.00) for order 7: 50.00 EUR.
fn order_checkout() -> CreateCheckoutSession {
    let line = |name: &str, description: Option<&str>, cents: i64, quantity: u64| {
        CreateCheckoutSessionLineItems {
            price_data: Some(CreateCheckoutSessionLineItemsPriceData {
                product_data: Some(ProductData {
                    description: description.map(str::to_owned),
                    ..ProductData::new(name)
                }),
                unit_amount: Some(cents),
                ..CreateCheckoutSessionLineItemsPriceData::new(Currency::EUR)
            }),
            quantity: Some(quantity),
            ..CreateCheckoutSessionLineItems::new()
        }
    };
    CreateCheckoutSession::new()
        .mode(CheckoutSessionMode::Payment)
        .line_items(vec![
            line("Mug <blue>", Some("Stoneware & glaze"), 1250, 2),
            line("Print", None, 2500, 1),
        ])
        .customer_email("ada@example.com")
        .client_reference_id("7")
        .metadata([("order_number".to_owned(), "BZ-0007".to_owned())])
        .expires_at(chrono::Utc::now().timestamp() + 3600)
        .success_url(SUCCESS_URL)
        .cancel_url(CANCEL_URL)
}

async fn open_session(client: &Client) -> CheckoutSession {
    order_checkout().send(client).await.unwrap()
}

/// Stripe's error object behind a failed call, and its HTTP status.
fn stripe_error(result: Result<impl std::fmt::Debug, StripeError>) -> (ApiErrors, u16) {
    match result {
        Err(StripeError::Stripe(error, status)) => (*error, status),
        other => panic!("expected a Stripe error, got {other:?}"),
    }
}

fn code(error: &ApiErrors) -> Option<&str> {
    error.code.as_ref().map(|code| code.as_str())
}

/// A plain HTTP request: status, headers and body text.
async fn http(
    method: Method,
    url: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (StatusCode, HeaderMap, String) {
    let client = fixtures::http_client();
    let mut request = Request::builder().method(method).uri(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request
        .body(Full::new(Bytes::from(body.to_owned())))
        .unwrap();
    let response = client.request(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let body = body.collect().await.unwrap().to_bytes();
    (
        parts.status,
        parts.headers,
        String::from_utf8(body.to_vec()).unwrap(),
    )
}

/// Posts the payment page's form with `card`, as a browser would.
async fn pay(session: &CheckoutSession, card: &str) -> (StatusCode, HeaderMap, String) {
    let card: String = card.replace(' ', "+");
    http(
        Method::POST,
        session.url.as_deref().expect("an open session has a URL"),
        &[("content-type", "application/x-www-form-urlencoded")],
        &format!("card_number={card}&expiry=&cvc="),
    )
    .await
}

/// A raw API call with the test key, form-encoded like Stripe's clients.
async fn api(
    harness: &Harness,
    method: Method,
    path: &str,
    extra: &[(&str, &str)],
    form: &str,
) -> (StatusCode, HeaderMap, serde_json::Value) {
    let auth = format!("Bearer {KEY}");
    let mut headers = vec![
        ("authorization", auth.as_str()),
        ("content-type", "application/x-www-form-urlencoded"),
    ];
    headers.extend_from_slice(extra);
    let url = format!("{}{path}", harness.emulator.base_url());
    let (status, headers, body) = http(method, &url, &headers, form).await;
    (status, headers, serde_json::from_str(&body).unwrap())
}

fn verified(delivery: &Delivery) -> Event {
    Webhook::construct_event(&delivery.payload, &delivery.signature, SECRET)
        .expect("the app's signature check accepts the event")
}

#[tokio::test]
async fn a_created_session_reads_back_as_created() {
    let harness = harness(0, 3).await;
    let created = open_session(&harness.client).await;

    let id = created.id.as_str();
    assert!(id.starts_with("cs_test_"), "{id}");
    assert_eq!(
        created.url.as_deref(),
        Some(format!("{}/pay/{id}", harness.emulator.base_url()).as_str())
    );
    assert_eq!(created.status, Some(CheckoutSessionStatus::Open));
    assert_eq!(created.payment_status, CheckoutSessionPaymentStatus::Unpaid);
    assert_eq!(created.mode, CheckoutSessionMode::Payment);
    assert_eq!(created.amount_subtotal, Some(5000));
    assert_eq!(created.amount_total, Some(5000));
    assert_eq!(created.currency, Some(Currency::EUR));
    assert_eq!(created.client_reference_id.as_deref(), Some("7"));
    assert_eq!(created.customer_email.as_deref(), Some("ada@example.com"));
    assert_eq!(created.success_url.as_deref(), Some(SUCCESS_URL));
    assert_eq!(created.cancel_url.as_deref(), Some(CANCEL_URL));
    assert_eq!(created.payment_method_types, ["card"]);
    assert!(created.payment_intent.is_none());
    assert!(!created.livemode);
    assert_eq!(
        created.metadata,
        Some(HashMap::from([("order_number".into(), "BZ-0007".into())]))
    );
    assert!((created.expires_at - created.created - 3600).abs() <= 2);

    let read = RetrieveCheckoutSession::new(id)
        .send(&harness.client)
        .await
        .unwrap();
    assert_eq!(read.id, created.id);
    assert_eq!(read.amount_total, Some(5000));
    assert_eq!(read.metadata, created.metadata);
    assert_eq!(read.client_reference_id.as_deref(), Some("7"));
    assert_eq!(read.expires_at, created.expires_at);

    let (error, status) = stripe_error(
        RetrieveCheckoutSession::new("cs_test_nope")
            .send(&harness.client)
            .await,
    );
    assert_eq!(status, 404);
    assert_eq!(error.type_, ApiErrorsType::InvalidRequestError);
    assert_eq!(code(&error), Some("resource_missing"));
    assert_eq!(
        error.message.as_deref(),
        Some("No such checkout.session: 'cs_test_nope'")
    );
}

#[tokio::test]
async fn refused_parameters_are_named() {
    let harness = harness(0, 3).await;
    // Stripe takes an expiry from 30 minutes to 24 hours ahead.
    let now = chrono::Utc::now().timestamp();
    for expires_at in [now + 60, now + 29 * 60, now + 24 * 3600 + 60] {
        let (error, status) = stripe_error(
            order_checkout()
                .expires_at(expires_at)
                .send(&harness.client)
                .await,
        );
        assert_eq!((status, error.param.as_deref()), (400, Some("expires_at")));
        assert_eq!(error.type_, ApiErrorsType::InvalidRequestError);
    }

    let line = |n: u32, currency: &str, amount: &str, name: &str, quantity: &str| {
        let mut fields = vec![
            format!("line_items[{n}][price_data][unit_amount]={amount}"),
            format!("line_items[{n}][quantity]={quantity}"),
        ];
        if !currency.is_empty() {
            fields.push(format!("line_items[{n}][price_data][currency]={currency}"));
        }
        if !name.is_empty() {
            fields.push(format!(
                "line_items[{n}][price_data][product_data][name]={name}"
            ));
        }
        fields.join("&")
    };
    let mug = line(0, "eur", "1250", "Mug", "2");
    let head = "mode=payment&success_url=https%3A%2F%2Fshop.test%2Fok";
    let cases = [
        (format!("success_url=x&{mug}"), "mode"),
        (format!("mode=payment&{mug}"), "success_url"),
        (
            format!("{head}&{}", line(0, "eur", "1250", "", "1")),
            "line_items[0][price_data][product_data]",
        ),
        (
            format!("{head}&{}", line(0, "eur", "1250", "Mug", "0")),
            "line_items[0][quantity]",
        ),
        (
            format!("{head}&{}", line(0, "eur", "12.50", "Mug", "1")),
            "line_items[0][price_data][unit_amount]",
        ),
        (
            format!("{head}&{mug}&{}", line(1, "", "100", "Pen", "1")),
            "line_items[1][price_data][currency]",
        ),
        (
            format!("{head}&{mug}&{}", line(1, "usd", "100", "Pen", "1")),
            "line_items[1][price_data][currency]",
        ),
        (head.to_owned(), "line_items"),
    ];
    for (form, param) in cases {
        let (status, _, body) =
            api(&harness, Method::POST, "/v1/checkout/sessions", &[], &form).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{form}: {body}");
        assert_eq!(body["error"]["type"], "invalid_request_error", "{body}");
        assert_eq!(body["error"]["param"], param, "{form}: {body}");
    }

    let (status, _, body) = api(&harness, Method::GET, "/v1/customers", &[], "").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body["error"]["message"],
        "Unrecognized request URL (GET: /v1/customers)."
    );
}

#[tokio::test]
async fn an_idempotency_key_creates_once() {
    let harness = harness(0, 3).await;
    let keyed = |key: &str| RequestStrategy::Idempotent(IdempotencyKey::new(key).unwrap());
    // The same parameters byte for byte, so one expiry for every request.
    let expires_at = chrono::Utc::now().timestamp() + 3600;
    let first = order_checkout()
        .expires_at(expires_at)
        .customize()
        .request_strategy(keyed("order-7"))
        .send(&harness.client)
        .await
        .unwrap();
    let again = order_checkout()
        .expires_at(expires_at)
        .customize()
        .request_strategy(keyed("order-7"))
        .send(&harness.client)
        .await
        .unwrap();
    assert_eq!(again.id, first.id);

    let (error, status) = stripe_error(
        order_checkout()
            .expires_at(expires_at)
            .client_reference_id("8")
            .customize()
            .request_strategy(keyed("order-7"))
            .send(&harness.client)
            .await,
    );
    assert_eq!(status, 400);
    assert_eq!(error.type_, ApiErrorsType::IdempotencyError);

    // A replay says so; a request refused for its parameters is not
    // remembered, so the key still serves a corrected request.
    let form = "mode=payment&success_url=https%3A%2F%2Fshop.test%2Fok&line_items[0][price_data][currency]=usd&line_items[0][price_data][unit_amount]=900&line_items[0][price_data][product_data][name]=Cap&line_items[0][quantity]=1";
    let key = [("idempotency-key", "raw-1")];
    let path = "/v1/checkout/sessions";
    let (status, _, _) = api(&harness, Method::POST, path, &key, "mode=payment").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, headers, created) = api(&harness, Method::POST, path, &key, form).await;
    assert_eq!(status, StatusCode::OK, "{created}");
    assert!(headers.get("idempotent-replayed").is_none());
    let (status, headers, replayed) = api(&harness, Method::POST, path, &key, form).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers.get("idempotent-replayed").unwrap(), "true");
    assert_eq!(replayed, created);
    assert_eq!(created["currency"], "usd");
    assert_eq!(created["amount_total"], 900);
}

#[tokio::test]
async fn the_payment_page_shows_the_order_escaped() {
    let harness = harness(0, 3).await;
    let session = open_session(&harness.client).await;
    let (status, headers, page) = http(Method::GET, session.url.as_deref().unwrap(), &[], "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    for expected in [
        "<html lang=\"en\">",
        "<title>Pay Bazaar — test mode</title>",
        "Mug &lt;blue&gt;",
        "Stoneware &amp; glaze",
        "€25.00",
        "€50.00",
        "ada@example.com",
        "<label for=\"card_number\">",
        "4242 4242 4242 4242",
        "href=\"https://shop.test/checkout?cancelled=1\"",
    ] {
        assert!(page.contains(expected), "{expected} missing from {page}");
    }
    assert!(!page.contains("Mug <blue>"));
    assert!(!page.contains("<script"));

    let unknown = format!("{}/pay/cs_test_nope", harness.emulator.base_url());
    let (status, _, _) = http(Method::GET, &unknown, &[], "").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// The page speaks the session's `locale`, as Stripe's does.
#[tokio::test]
async fn the_payment_page_speaks_the_sessions_language() {
    let harness = harness(0, 3).await;
    let session = order_checkout()
        .locale(CheckoutSessionLocale::Fr)
        .send(&harness.client)
        .await
        .unwrap();
    let (_, _, page) = http(Method::GET, session.url.as_deref().unwrap(), &[], "").await;
    for expected in [
        "<html lang=\"fr\">",
        "<title>Payer Bazaar — mode test</title>",
        "Numéro de carte",
        "50,00\u{a0}€",
        "Annuler et revenir",
    ] {
        assert!(page.contains(expected), "{expected} missing from {page}");
    }
    let (status, _, page) = pay(&session, "4000 0000 0000 0002").await;
    assert_eq!(status, StatusCode::PAYMENT_REQUIRED);
    assert!(page.contains("Votre carte a été refusée."), "{page}");
}

#[tokio::test]
async fn paying_redirects_marks_paid_and_sends_a_signed_event() {
    let harness = harness(0, 3).await;
    let session = open_session(&harness.client).await;
    let id = session.id.as_str();

    let (status, headers, _) = pay(&session, "4242 4242 4242 4242").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        headers["location"],
        format!("https://shop.test/orders/7/paid?session={id}").as_str()
    );

    let paid = RetrieveCheckoutSession::new(id)
        .send(&harness.client)
        .await
        .unwrap();
    assert_eq!(paid.status, Some(CheckoutSessionStatus::Complete));
    assert_eq!(paid.payment_status, CheckoutSessionPaymentStatus::Paid);
    assert!(paid.url.is_none());
    let intent = paid.payment_intent.as_ref().unwrap().id().to_string();
    assert!(intent.starts_with("pi_"), "{intent}");

    let deliveries = harness.hook.accepted(1).await;
    assert_eq!(deliveries.len(), 1);
    let event = verified(&deliveries[0]);
    assert!(event.id.as_str().starts_with("evt_"));
    assert_eq!(event.type_.as_str(), "checkout.session.completed");
    assert!(!event.livemode);
    let EventObject::CheckoutSessionCompleted(completed) = event.data.object else {
        panic!("not a completed session");
    };
    assert_eq!(completed.id.as_str(), id);
    assert_eq!(completed.payment_status, CheckoutSessionPaymentStatus::Paid);
    assert_eq!(completed.amount_total, Some(5000));
    assert_eq!(completed.client_reference_id.as_deref(), Some("7"));
    assert_eq!(
        completed.payment_intent.as_ref().unwrap().id().as_str(),
        intent
    );
    assert!(
        Webhook::construct_event(
            &deliveries[0].payload,
            &deliveries[0].signature,
            "whsec_other"
        )
        .is_err(),
        "another secret does not verify"
    );

    // A paid session cannot be paid again.
    let page = format!("{}/pay/{id}", harness.emulator.base_url());
    let (status, _, body) = http(
        Method::POST,
        &page,
        &[("content-type", "application/x-www-form-urlencoded")],
        "card_number=4242424242424242",
    )
    .await;
    assert_eq!(status, StatusCode::GONE);
    assert!(body.contains("already been paid"), "{body}");
    assert!(body.contains(CANCEL_URL.replace('&', "&amp;").as_str()));
}

#[tokio::test]
async fn refused_cards_leave_the_session_payable() {
    let harness = harness(0, 3).await;
    let session = open_session(&harness.client).await;
    let cases = [
        (
            "4000 0000 0000 0002",
            StatusCode::PAYMENT_REQUIRED,
            "Your card was declined.",
        ),
        (
            "4000000000009995",
            StatusCode::PAYMENT_REQUIRED,
            "Your card has insufficient funds.",
        ),
        (
            "1234 5678",
            StatusCode::UNPROCESSABLE_ENTITY,
            "Use one of the test cards listed below.",
        ),
    ];
    for (card, expected, message) in cases {
        let (status, headers, page) = pay(&session, card).await;
        assert_eq!(status, expected, "{card}");
        assert!(headers.get("location").is_none());
        assert!(page.contains(message), "{card}: {page}");
        assert!(page.contains("aria-invalid=\"true\""));
    }
    let read = RetrieveCheckoutSession::new(session.id.as_str())
        .send(&harness.client)
        .await
        .unwrap();
    assert_eq!(read.status, Some(CheckoutSessionStatus::Open));
    assert_eq!(read.payment_status, CheckoutSessionPaymentStatus::Unpaid);

    let (status, _, _) = pay(&session, "4242424242424242").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn expiring_closes_the_session_and_events_keep_their_order() {
    let harness = harness(0, 3).await;
    let first = open_session(&harness.client).await;
    let second = open_session(&harness.client).await;

    let expired = ExpireCheckoutSession::new(first.id.as_str())
        .send(&harness.client)
        .await
        .unwrap();
    assert_eq!(expired.status, Some(CheckoutSessionStatus::Expired));
    assert!(expired.url.is_none());
    let (status, _, _) = pay(&second, "4242424242424242").await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    let (error, status) = stripe_error(
        ExpireCheckoutSession::new(first.id.as_str())
            .send(&harness.client)
            .await,
    );
    assert_eq!(status, 400);
    assert!(
        error
            .message
            .as_deref()
            .unwrap()
            .starts_with("Only Checkout Sessions with a status in [\"open\"] can be expired"),
        "{:?}",
        error.message
    );
    let (status, _, page) = pay(&first, "4242424242424242").await;
    assert_eq!(status, StatusCode::GONE);
    assert!(page.contains("expired"), "{page}");

    let deliveries = harness.hook.accepted(2).await;
    let events: Vec<_> = deliveries.iter().map(verified).collect();
    match (&events[0].data.object, &events[1].data.object) {
        (
            EventObject::CheckoutSessionExpired(expired),
            EventObject::CheckoutSessionCompleted(completed),
        ) => {
            assert_eq!(expired.id, first.id);
            assert_eq!(expired.status, Some(CheckoutSessionStatus::Expired));
            assert_eq!(completed.id, second.id);
        }
        _ => panic!(
            "expected expired then completed, got {} then {}",
            events[0].type_.as_str(),
            events[1].type_.as_str()
        ),
    }
}

#[tokio::test]
async fn refunds_stop_at_the_amount_paid() {
    let harness = harness(0, 3).await;
    let session = open_session(&harness.client).await;
    let (status, _, _) = pay(&session, "4242424242424242").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let intent = RetrieveCheckoutSession::new(session.id.as_str())
        .send(&harness.client)
        .await
        .unwrap()
        .payment_intent
        .unwrap()
        .id()
        .to_string();

    let refund = CreateRefund::new()
        .payment_intent(intent.as_str())
        .amount(1000)
        .metadata([("reason".to_owned(), "broken mug".to_owned())])
        .send(&harness.client)
        .await
        .unwrap();
    assert!(refund.id.as_str().starts_with("re_"));
    assert_eq!(refund.amount, 1000);
    assert_eq!(refund.currency, Currency::EUR);
    assert_eq!(refund.status.as_deref(), Some("succeeded"));
    assert_eq!(
        refund.payment_intent.as_ref().unwrap().id().as_str(),
        intent
    );
    assert_eq!(
        refund.metadata.unwrap().get("reason").map(String::as_str),
        Some("broken mug")
    );

    let (error, status) = stripe_error(
        CreateRefund::new()
            .payment_intent(intent.as_str())
            .amount(4001)
            .send(&harness.client)
            .await,
    );
    assert_eq!((status, code(&error)), (400, Some("amount_too_large")));

    let rest = CreateRefund::new()
        .payment_intent(intent.as_str())
        .send(&harness.client)
        .await
        .unwrap();
    assert_eq!(rest.amount, 4000);

    let (error, _) = stripe_error(
        CreateRefund::new()
            .payment_intent(intent.as_str())
            .send(&harness.client)
            .await,
    );
    assert_eq!(code(&error), Some("charge_already_refunded"));
    let (error, _) = stripe_error(
        CreateRefund::new()
            .payment_intent("pi_test_unknown")
            .send(&harness.client)
            .await,
    );
    assert_eq!(code(&error), Some("resource_missing"));
    assert_eq!(error.param.as_deref(), Some("payment_intent"));
}

#[tokio::test]
async fn a_failing_webhook_is_retried_with_backoff() {
    let harness = harness(2, 5).await;
    let session = open_session(&harness.client).await;
    pay(&session, "4242424242424242").await;

    harness.hook.accepted(1).await;
    let attempts = harness.hook.all();
    let answers: Vec<_> = attempts.iter().map(|attempt| attempt.answered).collect();
    assert_eq!(
        answers,
        [
            StatusCode::INTERNAL_SERVER_ERROR,
            StatusCode::INTERNAL_SERVER_ERROR,
            StatusCode::OK
        ]
    );
    let ids: Vec<_> = attempts
        .iter()
        .map(|attempt| verified(attempt).id.to_string())
        .collect();
    assert!(ids.iter().all(|id| *id == ids[0]), "one event: {ids:?}");
    // 50 ms, then twice that.
    assert!(attempts[1].at - attempts[0].at >= Duration::from_millis(50));
    assert!(attempts[2].at - attempts[1].at >= Duration::from_millis(100));

    // Nothing more once the app took it.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(harness.hook.all().len(), 3);
}

#[tokio::test]
async fn delivery_gives_up_after_max_attempts() {
    let harness = harness(u32::MAX, 3).await;
    let session = open_session(&harness.client).await;
    pay(&session, "4242424242424242").await;
    // 50 + 100 ms of backoff, with room to spare for a fourth that must not come.
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(harness.hook.all().len(), 3);
}

#[tokio::test]
async fn a_wrong_key_is_refused() {
    let harness = harness(0, 3).await;
    let wrong = client(&harness.emulator, "pk_test_publishable");
    let (error, status) = stripe_error(order_checkout().send(&wrong).await);
    assert_eq!(status, 401);
    assert_eq!(
        error.type_,
        ApiErrorsType::Unknown("authentication_error".into())
    );

    let url = format!(
        "{}/v1/checkout/sessions/cs_test_x",
        harness.emulator.base_url()
    );
    let (status, _, body) = http(Method::GET, &url, &[], "").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["error"]["type"], "authentication_error");
}
