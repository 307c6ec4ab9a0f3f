//! The built-in Stripe emulator: the part of Stripe's API Bazaar calls
//! (Checkout Sessions: create, retrieve, expire; refunds), with Stripe's
//! form-encoded requests, JSON shapes, error objects and `Idempotency-Key`
//! semantics; a hosted payment page that takes test cards; and webhooks
//! signed the way Stripe signs them, retried with backoff. State lives in
//! memory: it is for development and tests, never production.

mod page;

use std::{
    collections::HashMap,
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::Duration,
};

use axum::{
    Form, Json, Router,
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use chrono::Utc;
use http_body_util::Full;
use hyper_util::{client::legacy::Client, rt::TokioExecutor};
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::{net::TcpListener, sync::mpsc, task::JoinHandle};

/// How the emulator reaches the app.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Where events are posted, e.g. `http://127.0.0.1:3000/webhooks/stripe`.
    pub webhook_url: String,
    /// The secret events are signed with.
    pub webhook_secret: String,
    /// The first retry's delay; each retry waits twice as long, at most an hour.
    pub retry_base: Duration,
    /// Attempts per event before it is given up.
    pub max_attempts: u32,
}

/// A running emulator; it stops when dropped.
pub struct Emulator {
    base_url: String,
    tasks: Vec<JoinHandle<()>>,
}

impl Emulator {
    /// Serves on `addr` (port 0 picks a free one), with its webhook sender
    /// and the ticker that expires sessions past their time.
    pub async fn start(addr: SocketAddr, settings: Settings) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        let base_url = format!("http://{}", listener.local_addr()?);
        let (events, queue) = mpsc::unbounded_channel();
        let state = Shared {
            base_url: base_url.clone(),
            data: Arc::default(),
            events,
        };
        let router = Router::new()
            .route("/v1/checkout/sessions", post(create_session))
            .route("/v1/checkout/sessions/{id}", get(retrieve_session))
            .route("/v1/checkout/sessions/{id}/expire", post(expire_session))
            .route("/v1/refunds", post(create_refund))
            .route("/pay/{id}", get(payment_page).post(pay))
            .with_state(state.clone());
        let server = tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, router).await {
                tracing::error!(%error, "the Stripe emulator stopped");
            }
        });
        let sender = tokio::spawn(deliver(queue, settings));
        let ticker = tokio::spawn(expire_overdue(state));
        Ok(Self {
            base_url,
            tasks: vec![server, sender, ticker],
        })
    }

    /// `http://127.0.0.1:PORT`: the API base and the payment page's host.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

/// The handlers' shared state.
#[derive(Clone)]
struct Shared {
    base_url: String,
    data: Arc<Mutex<Data>>,
    events: mpsc::UnboundedSender<Value>,
}

#[derive(Default)]
struct Data {
    sessions: HashMap<String, Session>,
    /// Payment intent id → (amount paid, amount refunded).
    payments: HashMap<String, (i64, i64)>,
    /// Idempotency key → (request fingerprint, stored answer).
    answers: HashMap<String, (String, StatusCode, Value)>,
}

struct Session {
    object: Value,
    lines: Vec<Line>,
}

struct Line {
    name: String,
    quantity: i64,
    unit_amount: i64,
}

type Answer = (StatusCode, Value);

impl Shared {
    fn data(&self) -> std::sync::MutexGuard<'_, Data> {
        // A panic while holding the lock cannot leave the maps half-changed
        // in a way that matters to a test emulator.
        self.data
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Queues an event carrying the session as it is now.
    fn emit(&self, kind: &str, session: &Value) {
        let event = json!({
            "id": random_id("evt"),
            "object": "event",
            "api_version": stripe_shared::version::VERSION.to_string(),
            "created": Utc::now().timestamp(),
            "data": { "object": session },
            "livemode": false,
            "pending_webhooks": 1,
            "request": { "id": null, "idempotency_key": null },
            "type": kind,
        });
        let _ = self.events.send(event);
    }

    /// Closes an open session as expired and says so by webhook.
    fn expire(&self, data: &mut Data, id: &str) -> bool {
        let Some(session) = data.sessions.get_mut(id) else {
            return false;
        };
        if session.object["status"] != "open" {
            return false;
        }
        session.object["status"] = "expired".into();
        session.object["url"] = Value::Null;
        self.emit("checkout.session.expired", &session.object);
        true
    }
}

fn random_id(prefix: &str) -> String {
    format!("{prefix}_test_{}", hex::encode(rand::random::<[u8; 12]>()))
}

fn error(
    status: StatusCode,
    kind: &str,
    code: Option<&str>,
    message: String,
    param: Option<&str>,
) -> Answer {
    (
        status,
        json!({ "error": { "type": kind, "code": code, "message": message, "param": param } }),
    )
}

fn invalid(param: &str, message: impl Into<String>) -> Answer {
    error(
        StatusCode::BAD_REQUEST,
        "invalid_request_error",
        Some("parameter_invalid"),
        message.into(),
        Some(param),
    )
}

fn missing(kind: &str, id: &str) -> Answer {
    error(
        StatusCode::NOT_FOUND,
        "invalid_request_error",
        Some("resource_missing"),
        format!("No such {kind}: '{id}'"),
        Some("id"),
    )
}

/// Every API call carries a secret key, as with Stripe.
fn authorised(headers: &HeaderMap) -> Result<(), Answer> {
    let key = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .unwrap_or_default();
    if key.starts_with("sk_") && key.len() > 3 {
        Ok(())
    } else {
        Err(error(
            StatusCode::UNAUTHORIZED,
            "authentication_error",
            None,
            "Invalid API Key provided.".into(),
            None,
        ))
    }
}

/// Runs a POST once per `Idempotency-Key`: a repeat with the same request
/// gets the first answer again; with other parameters it is refused.
fn once(
    state: &Shared,
    headers: &HeaderMap,
    uri: &Uri,
    body: &Bytes,
    run: impl FnOnce(&mut Data) -> Answer,
) -> Response {
    if let Err(refused) = authorised(headers) {
        return respond(refused);
    }
    let mut data = state.data();
    let key = headers
        .get("idempotency-key")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let fingerprint = format!("POST {} {}", uri.path(), String::from_utf8_lossy(body));
    if let Some(key) = &key
        && let Some((first, status, answer)) = data.answers.get(key)
    {
        if *first != fingerprint {
            return respond(error(
                StatusCode::BAD_REQUEST,
                "idempotency_error",
                None,
                format!(
                    "Keys for idempotent requests can only be used with the same parameters they \
                     were first used with. Try using a key other than '{key}' if you meant to \
                     execute a different request."
                ),
                None,
            ));
        }
        let mut response = respond((*status, answer.clone()));
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
        return response;
    }
    let (status, answer) = run(&mut data);
    if let Some(key) = key {
        data.answers
            .insert(key, (fingerprint, status, answer.clone()));
    }
    respond((status, answer))
}

fn respond((status, body): Answer) -> Response {
    (status, Json(body)).into_response()
}

fn form<T: for<'de> Deserialize<'de>>(body: &Bytes) -> Result<T, Answer> {
    serde_qs::Config::new(5, false)
        .deserialize_bytes(body)
        .map_err(|problem| invalid("body", format!("Invalid request: {problem}")))
}

#[derive(Deserialize)]
struct NewSession {
    mode: Option<String>,
    success_url: Option<String>,
    cancel_url: Option<String>,
    customer_email: Option<String>,
    client_reference_id: Option<String>,
    expires_at: Option<i64>,
    #[serde(default)]
    metadata: HashMap<String, String>,
    #[serde(default)]
    line_items: Vec<NewLine>,
}

#[derive(Deserialize)]
struct NewLine {
    quantity: Option<i64>,
    price_data: Option<PriceData>,
}

#[derive(Deserialize)]
struct PriceData {
    currency: Option<String>,
    unit_amount: Option<i64>,
    product_data: Option<ProductData>,
}

#[derive(Deserialize)]
struct ProductData {
    name: Option<String>,
}

async fn create_session(
    State(state): State<Shared>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    once(&state, &headers, &uri, &body, |data| {
        let request: NewSession = match form(&body) {
            Ok(request) => request,
            Err(refused) => return refused,
        };
        match new_session(&state.base_url, request) {
            Ok(session) => {
                let object = session.object.clone();
                let id = object["id"].as_str().unwrap_or_default().to_owned();
                data.sessions.insert(id, session);
                (StatusCode::OK, object)
            }
            Err(refused) => refused,
        }
    })
}

fn new_session(base_url: &str, request: NewSession) -> Result<Session, Answer> {
    if request.mode.as_deref() != Some("payment") {
        return Err(invalid(
            "mode",
            "This emulator supports `mode=payment` only.",
        ));
    }
    let success_url = request
        .success_url
        .ok_or_else(|| invalid("success_url", "Missing required param: success_url."))?;
    let now = Utc::now().timestamp();
    let expires_at = request.expires_at.unwrap_or(now + 24 * 3600);
    if !(now + 30 * 60 - 5..=now + 24 * 3600).contains(&expires_at) {
        return Err(invalid(
            "expires_at",
            "The `expires_at` timestamp must be between 30 minutes and 24 hours from now.",
        ));
    }
    if request.line_items.is_empty() {
        return Err(invalid("line_items", "Missing required param: line_items."));
    }
    let mut lines = Vec::new();
    let mut currency = None;
    for (n, item) in request.line_items.into_iter().enumerate() {
        let param = |field: &str| format!("line_items[{n}][{field}]");
        let price = item.price_data.ok_or_else(|| {
            invalid(
                &param("price_data"),
                "Provide price_data for each line item.",
            )
        })?;
        let quantity = item
            .quantity
            .filter(|q| *q >= 1)
            .ok_or_else(|| invalid(&param("quantity"), "Quantity must be a positive integer."))?;
        let unit_amount = price.unit_amount.filter(|a| *a >= 0).ok_or_else(|| {
            invalid(
                &param("price_data][unit_amount"),
                "Provide a non-negative unit_amount.",
            )
        })?;
        let name = price
            .product_data
            .and_then(|product| product.name)
            .filter(|name| !name.trim().is_empty())
            .ok_or_else(|| {
                invalid(
                    &param("price_data][product_data][name"),
                    "Missing product name.",
                )
            })?;
        currency = currency.or(price.currency.map(|c| c.to_lowercase()));
        lines.push(Line {
            name,
            quantity,
            unit_amount,
        });
    }
    let total: i64 = lines
        .iter()
        .map(|line| line.quantity * line.unit_amount)
        .sum();
    let id = random_id("cs");
    let object = json!({
        "id": id,
        "object": "checkout.session",
        "amount_subtotal": total,
        "amount_total": total,
        "automatic_tax": { "enabled": false, "liability": null, "provider": null, "status": null },
        "cancel_url": request.cancel_url,
        "client_reference_id": request.client_reference_id,
        "created": now,
        "currency": currency.unwrap_or_else(|| "eur".into()),
        "custom_fields": [],
        "custom_text": {
            "after_submit": null, "shipping_address": null, "submit": null,
            "terms_of_service_acceptance": null
        },
        "customer_email": request.customer_email,
        "expires_at": expires_at,
        "livemode": false,
        "metadata": request.metadata,
        "mode": "payment",
        "payment_intent": null,
        "payment_method_types": ["card"],
        "payment_status": "unpaid",
        "shipping_options": [],
        "status": "open",
        "success_url": success_url,
        "url": format!("{base_url}/pay/{id}"),
    });
    Ok(Session { object, lines })
}

async fn retrieve_session(
    State(state): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if let Err(refused) = authorised(&headers) {
        return respond(refused);
    }
    let data = state.data();
    respond(match data.sessions.get(&id) {
        Some(session) => (StatusCode::OK, session.object.clone()),
        None => missing("checkout.session", &id),
    })
}

async fn expire_session(
    State(state): State<Shared>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    once(&state, &headers, &uri, &body, |data| {
        if !data.sessions.contains_key(&id) {
            return missing("checkout.session", &id);
        }
        if state.expire(data, &id) {
            (StatusCode::OK, data.sessions[&id].object.clone())
        } else {
            invalid(
                "session",
                "Only Checkout Sessions with a status in [\"open\"] can be expired.",
            )
        }
    })
}

#[derive(Deserialize)]
struct NewRefund {
    payment_intent: Option<String>,
    amount: Option<i64>,
    #[serde(default)]
    metadata: HashMap<String, String>,
}

async fn create_refund(
    State(state): State<Shared>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    once(&state, &headers, &uri, &body, |data| {
        let request: NewRefund = match form(&body) {
            Ok(request) => request,
            Err(refused) => return refused,
        };
        let Some(intent) = request.payment_intent else {
            return invalid("payment_intent", "Missing required param: payment_intent.");
        };
        let Some((paid, refunded)) = data.payments.get_mut(&intent) else {
            return missing("payment_intent", &intent);
        };
        let left = *paid - *refunded;
        if left == 0 {
            return error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                Some("charge_already_refunded"),
                format!("Charge for {intent} has already been refunded."),
                None,
            );
        }
        let amount = request.amount.unwrap_or(left);
        if amount <= 0 || amount > left {
            return error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                Some("amount_too_large"),
                format!(
                    "Refund amount ({amount}) is greater than unrefunded amount on charge ({left})."
                ),
                Some("amount"),
            );
        }
        *refunded += amount;
        (
            StatusCode::OK,
            json!({
                "id": random_id("re"),
                "object": "refund",
                "amount": amount,
                "created": Utc::now().timestamp(),
                "currency": "eur",
                "metadata": request.metadata,
                "payment_intent": intent,
                "status": "succeeded",
            }),
        )
    })
}

async fn payment_page(State(state): State<Shared>, Path(id): Path<String>) -> Response {
    let data = state.data();
    page::render(data.sessions.get(&id), None)
}

#[derive(Deserialize)]
struct Card {
    #[serde(default)]
    card_number: String,
}

/// Takes the payment form: the test cards pay, are declined, or lack funds.
async fn pay(
    State(state): State<Shared>,
    Path(id): Path<String>,
    Form(card): Form<Card>,
) -> Response {
    let mut data = state.data();
    let Some(session) = data.sessions.get_mut(&id) else {
        return page::render(None, None);
    };
    if session.object["status"] != "open" {
        return page::render(Some(session), None);
    }
    let number: String = card
        .card_number
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let refusal = match number.as_str() {
        "4242424242424242" => None,
        "4000000000000002" => Some((StatusCode::PAYMENT_REQUIRED, "Your card was declined.")),
        "4000000000009995" => Some((
            StatusCode::PAYMENT_REQUIRED,
            "Your card has insufficient funds.",
        )),
        _ => Some((
            StatusCode::UNPROCESSABLE_ENTITY,
            "Use one of the test cards listed below.",
        )),
    };
    if let Some((status, message)) = refusal {
        let mut response = page::render(Some(session), Some(message));
        *response.status_mut() = status;
        return response;
    }
    let intent = random_id("pi");
    let amount = session.object["amount_total"].as_i64().unwrap_or(0);
    session.object["status"] = "complete".into();
    session.object["payment_status"] = "paid".into();
    session.object["payment_intent"] = intent.clone().into();
    session.object["url"] = Value::Null;
    let success = session.object["success_url"]
        .as_str()
        .unwrap_or_default()
        .replace("{CHECKOUT_SESSION_ID}", &id);
    state.emit("checkout.session.completed", &session.object);
    data.payments.insert(intent, (amount, 0));
    Redirect::to(&success).into_response()
}

/// Sessions past their time expire, as Stripe's do.
async fn expire_overdue(state: Shared) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    loop {
        tick.tick().await;
        let now = Utc::now().timestamp();
        let mut data = state.data();
        let overdue: Vec<String> = data
            .sessions
            .iter()
            .filter(|(_, session)| {
                session.object["status"] == "open"
                    && session.object["expires_at"]
                        .as_i64()
                        .is_some_and(|at| at <= now)
            })
            .map(|(id, _)| id.clone())
            .collect();
        for id in overdue {
            state.expire(&mut data, &id);
        }
    }
}

/// Posts events in the order they happened; one that fails is retried in
/// the background with doubling delays while later events go on.
async fn deliver(mut queue: mpsc::UnboundedReceiver<Value>, settings: Settings) {
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let settings = Arc::new(settings);
    while let Some(event) = queue.recv().await {
        let payload = event.to_string();
        if post_event(&client, &settings, &payload).await {
            continue;
        }
        let (client, settings) = (client.clone(), settings.clone());
        tokio::spawn(async move {
            let mut delay = settings.retry_base;
            for attempt in 2..=settings.max_attempts {
                tokio::time::sleep(delay).await;
                if post_event(&client, &settings, &payload).await {
                    return;
                }
                tracing::debug!(attempt, "webhook delivery failed; retrying");
                delay = (delay * 2).min(Duration::from_secs(3600));
            }
            tracing::warn!(event = event["id"].as_str(), "gave up delivering a webhook");
        });
    }
}

async fn post_event(
    client: &Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>,
    settings: &Settings,
    payload: &str,
) -> bool {
    // Signed at each attempt, like Stripe, so a retry is never stale.
    let signature =
        stripe_webhook::Webhook::generate_test_header(payload, &settings.webhook_secret, None);
    let Ok(request) = http::Request::builder()
        .method(Method::POST)
        .uri(&settings.webhook_url)
        .header(header::CONTENT_TYPE, "application/json")
        .header("stripe-signature", signature)
        .body(Full::new(Bytes::from(payload.to_owned())))
    else {
        return false;
    };
    match tokio::time::timeout(Duration::from_secs(10), client.request(request)).await {
        Ok(Ok(response)) => response.status().is_success(),
        _ => false,
    }
}
