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
    sync::{Arc, Mutex, MutexGuard},
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
use hyper_util::{
    client::legacy::{Client, connect::HttpConnector},
    rt::TokioExecutor,
};
use serde::Deserialize;
use serde_json::{Value, json};
use texts::msg;
use tokio::{net::TcpListener, sync::mpsc, task::JoinHandle};

/// A day in seconds: the longest a session may stay open, and how long
/// Stripe (and so the emulator) keeps idempotency keys.
const DAY: i64 = 24 * 3600;
/// Retries never wait longer than this, as with Stripe.
const MAX_RETRY_DELAY: Duration = Duration::from_secs(3600);
/// How long the app may take to answer one delivery.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(10);

/// How the emulator reaches the app.
#[derive(Clone)]
pub struct Settings {
    /// Where events are posted, e.g. `http://127.0.0.1:3000/webhooks/stripe`.
    pub webhook_url: String,
    /// The secret events are signed with, shared with the app (`whsec_…`).
    pub webhook_secret: String,
    /// The first retry's delay; each retry waits twice as long, at most an hour.
    pub retry_base: Duration,
    /// Attempts per event before it is given up.
    pub max_attempts: u32,
}

impl Settings {
    /// Stripe-like delivery: first retry after a second, ten attempts.
    pub fn new(webhook_url: impl Into<String>, webhook_secret: impl Into<String>) -> Self {
        Self {
            webhook_url: webhook_url.into(),
            webhook_secret: webhook_secret.into(),
            retry_base: Duration::from_secs(1),
            max_attempts: 10,
        }
    }
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
            .fallback(unknown_route)
            .with_state(state.clone());
        let server = tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, router).await {
                tracing::error!(%error, "the Stripe emulator stopped");
            }
        });
        let sender = tokio::spawn(deliver(queue, settings));
        let ticker = tokio::spawn(tick(state));
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
    /// Payment intent id → what was paid and refunded.
    payments: HashMap<String, Payment>,
    /// Idempotency key → the first request with it and its answer.
    answers: HashMap<String, Stored>,
}

/// A Checkout Session: its Stripe object as last returned, and its lines
/// for the payment page (Stripe does not embed them in the object).
struct Session {
    object: Value,
    lines: Vec<Line>,
}

struct Line {
    name: String,
    description: Option<String>,
    quantity: i64,
    unit_amount: i64,
}

struct Payment {
    amount: i64,
    refunded: i64,
    currency: String,
}

struct Stored {
    fingerprint: String,
    answer: Answer,
    at: i64,
}

/// A status and the JSON body that goes with it.
type Answer = (StatusCode, Value);

/// What an API call comes to: `Err` when its parameters were refused before
/// anything ran, which Stripe does not remember under an idempotency key.
type Outcome = Result<Answer, Answer>;

impl Shared {
    fn data(&self) -> MutexGuard<'_, Data> {
        // A panic while holding the lock cannot leave the maps half-changed
        // in a way that matters to a test emulator.
        self.data
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Queues an event carrying the session as it is now. Callers hold the
    /// data lock, so events are queued in the order they happened.
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
        // The sender only stops with the emulator itself.
        let _ = self.events.send(event);
    }

    /// Closes an open session as expired and says so by webhook.
    fn expire(&self, session: &mut Session) {
        session.object["status"] = "expired".into();
        session.object["url"] = Value::Null;
        self.emit("checkout.session.expired", &session.object);
    }
}

fn random_id(prefix: &str) -> String {
    format!("{prefix}_test_{}", hex::encode(rand::random::<[u8; 12]>()))
}

fn error(status: StatusCode, kind: &str, code: Option<&str>, message: &str) -> Answer {
    (
        status,
        json!({ "error": { "type": kind, "code": code, "message": message, "param": null } }),
    )
}

/// A refused request parameter, named the way Stripe names it.
fn invalid(param: &str, code: Option<&str>, message: impl AsRef<str>) -> Answer {
    let (status, mut body) = error(
        StatusCode::BAD_REQUEST,
        "invalid_request_error",
        code,
        message.as_ref(),
    );
    body["error"]["param"] = param.into();
    (status, body)
}

fn required(param: &str) -> Answer {
    invalid(
        param,
        Some("parameter_missing"),
        format!("Missing required param: {param}."),
    )
}

fn missing(status: StatusCode, kind: &str, id: &str, param: &str) -> Answer {
    let (status, mut body) = error(
        status,
        "invalid_request_error",
        Some("resource_missing"),
        &format!("No such {kind}: '{id}'"),
    );
    body["error"]["param"] = param.into();
    (status, body)
}

/// An optional integer parameter; Stripe sends them as decimal strings.
fn integer(value: Option<&str>, param: &str) -> Result<Option<i64>, Answer> {
    value
        .map(|text| {
            text.parse().map_err(|_| {
                invalid(
                    param,
                    Some("parameter_invalid_integer"),
                    format!("Invalid integer: {text}"),
                )
            })
        })
        .transpose()
}

/// Every API call carries a secret key, as with Stripe.
fn authorised(headers: &HeaderMap) -> Result<(), Answer> {
    let key = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .unwrap_or_default()
        .trim();
    let message = match key {
        "" => "You did not provide an API key. Provide it as `Authorization: Bearer sk_…`.",
        key if key.len() > 3 && key.starts_with("sk_") => return Ok(()),
        _ => "Invalid API Key provided.",
    };
    Err(error(
        StatusCode::UNAUTHORIZED,
        "authentication_error",
        None,
        message,
    ))
}

/// Runs a POST once per `Idempotency-Key`: a repeat with the same request
/// gets the first answer again; with other parameters it is refused.
fn once(
    state: &Shared,
    headers: &HeaderMap,
    uri: &Uri,
    body: &Bytes,
    run: impl FnOnce(&mut Data) -> Outcome,
) -> Response {
    if let Err(refused) = authorised(headers) {
        return respond(refused);
    }
    let key = headers
        .get("idempotency-key")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let fingerprint = format!("POST {} {}", uri.path(), String::from_utf8_lossy(body));
    // One lock for check, run and store, so two concurrent requests with a
    // key cannot both run.
    let mut data = state.data();
    if let Some(key) = &key
        && let Some(stored) = data.answers.get(key)
    {
        if stored.fingerprint != fingerprint {
            return respond(error(
                StatusCode::BAD_REQUEST,
                "idempotency_error",
                None,
                &format!(
                    "Keys for idempotent requests can only be used with the same parameters they \
                     were first used with. Try using a key other than '{key}' if you meant to \
                     execute a different request."
                ),
            ));
        }
        let mut response = respond(stored.answer.clone());
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
        return response;
    }
    match run(&mut data) {
        Ok(answer) => {
            if let Some(key) = key {
                let at = Utc::now().timestamp();
                let stored = Stored {
                    fingerprint,
                    answer: answer.clone(),
                    at,
                };
                data.answers.insert(key, stored);
            }
            respond(answer)
        }
        Err(refused) => respond(refused),
    }
}

fn respond((status, body): Answer) -> Response {
    (status, Json(body)).into_response()
}

fn form<T: for<'de> Deserialize<'de>>(body: &Bytes) -> Result<T, Answer> {
    // Not strict: clients may percent-encode the brackets of nested keys.
    serde_qs::Config::new(6, false)
        .deserialize_bytes(body)
        .map_err(|problem| {
            error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                None,
                &format!("Invalid request body: {problem}"),
            )
        })
}

async fn unknown_route(method: Method, uri: Uri) -> Response {
    respond(error(
        StatusCode::NOT_FOUND,
        "invalid_request_error",
        None,
        &format!("Unrecognized request URL ({method}: {}).", uri.path()),
    ))
}

// Numbers are taken as text and parsed by hand so that a bad one is
// reported with its parameter's name, as Stripe does.
#[derive(Deserialize)]
struct NewSession {
    mode: Option<String>,
    success_url: Option<String>,
    cancel_url: Option<String>,
    customer_email: Option<String>,
    client_reference_id: Option<String>,
    /// The language of the payment page, such as `fr`.
    locale: Option<String>,
    expires_at: Option<String>,
    #[serde(default)]
    metadata: HashMap<String, String>,
    #[serde(default)]
    line_items: Vec<NewLine>,
}

#[derive(Deserialize)]
struct NewLine {
    quantity: Option<String>,
    price_data: Option<PriceData>,
}

#[derive(Deserialize)]
struct PriceData {
    currency: Option<String>,
    unit_amount: Option<String>,
    product_data: Option<ProductData>,
}

#[derive(Deserialize)]
struct ProductData {
    name: Option<String>,
    description: Option<String>,
}

async fn create_session(
    State(state): State<Shared>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    once(&state, &headers, &uri, &body, |data| {
        let session = new_session(&state.base_url, form(&body)?)?;
        let object = session.object.clone();
        let id = object["id"].as_str().unwrap_or_default().to_owned();
        data.sessions.insert(id, session);
        Ok((StatusCode::OK, object))
    })
}

fn new_session(base_url: &str, request: NewSession) -> Result<Session, Answer> {
    match request.mode.as_deref() {
        Some("payment") => {}
        None => return Err(required("mode")),
        Some(_) => {
            return Err(invalid(
                "mode",
                None,
                "This emulator supports `mode=payment` only.",
            ));
        }
    }
    let success_url = request.success_url.ok_or_else(|| required("success_url"))?;
    let now = Utc::now().timestamp();
    let expires_at = integer(request.expires_at.as_deref(), "expires_at")?.unwrap_or(now + DAY);
    // A few seconds' grace at the low end for the clock moving on between
    // the app computing "30 minutes from now" and this check.
    if !(now + 30 * 60 - 5..=now + DAY).contains(&expires_at) {
        return Err(invalid(
            "expires_at",
            None,
            "The `expires_at` timestamp must be between 30 minutes and 24 hours from now.",
        ));
    }
    if request.line_items.is_empty() {
        return Err(required("line_items"));
    }
    let mut lines = Vec::new();
    let mut currency: Option<String> = None;
    let mut total = 0_i64;
    for (n, item) in request.line_items.into_iter().enumerate() {
        let param = |field: &str| format!("line_items[{n}]{field}");
        let price = item
            .price_data
            .ok_or_else(|| required(&param("[price_data]")))?;
        let quantity = integer(item.quantity.as_deref(), &param("[quantity]"))?
            .ok_or_else(|| required(&param("[quantity]")))?;
        if quantity < 1 {
            return Err(invalid(
                &param("[quantity]"),
                None,
                "This value must be greater than or equal to 1.",
            ));
        }
        let amount_param = param("[price_data][unit_amount]");
        let unit_amount = integer(price.unit_amount.as_deref(), &amount_param)?
            .ok_or_else(|| required(&amount_param))?;
        if unit_amount < 0 {
            return Err(invalid(
                &amount_param,
                None,
                "This value must be greater than or equal to 0.",
            ));
        }
        let currency_param = param("[price_data][currency]");
        let line_currency = price
            .currency
            .map(|code| code.to_lowercase())
            .ok_or_else(|| required(&currency_param))?;
        if line_currency.len() != 3 || !line_currency.chars().all(|c| c.is_ascii_lowercase()) {
            return Err(invalid(
                &currency_param,
                None,
                format!("Invalid currency: {line_currency}."),
            ));
        }
        if currency.get_or_insert_with(|| line_currency.clone()) != &line_currency {
            return Err(invalid(
                &currency_param,
                None,
                "All line items must use the same currency.",
            ));
        }
        let name_param = param("[price_data][product_data][name]");
        let product = price
            .product_data
            .ok_or_else(|| required(&param("[price_data][product_data]")))?;
        let name = product.name.ok_or_else(|| required(&name_param))?;
        if name.trim().is_empty() {
            return Err(invalid(
                &name_param,
                Some("parameter_invalid_string_blank"),
                "The product name cannot be blank.",
            ));
        }
        total = quantity
            .checked_mul(unit_amount)
            .and_then(|amount| total.checked_add(amount))
            .ok_or_else(|| invalid(&amount_param, None, "The total amount is too large."))?;
        lines.push(Line {
            name,
            description: product.description.filter(|text| !text.trim().is_empty()),
            quantity,
            unit_amount,
        });
    }
    let id = random_id("cs");
    // Every field the async-stripe client requires is present; the rest of
    // Stripe's object is left out, which the client reads as `None`.
    let object = json!({
        "id": id,
        "object": "checkout.session",
        "amount_subtotal": total,
        "amount_total": total,
        "automatic_tax": { "enabled": false, "liability": null, "provider": null, "status": null },
        "cancel_url": request.cancel_url,
        "client_reference_id": request.client_reference_id,
        "created": now,
        "currency": currency,
        "custom_fields": [],
        "custom_text": {
            "after_submit": null, "shipping_address": null, "submit": null,
            "terms_of_service_acceptance": null
        },
        "customer": null,
        "customer_email": request.customer_email,
        "expires_at": expires_at,
        "livemode": false,
        "locale": request.locale,
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
        None => missing(StatusCode::NOT_FOUND, "checkout.session", &id, "id"),
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
        let Some(session) = data.sessions.get_mut(&id) else {
            return Ok(missing(
                StatusCode::NOT_FOUND,
                "checkout.session",
                &id,
                "id",
            ));
        };
        let status = session.object["status"].as_str().unwrap_or_default();
        if status != "open" {
            return Ok(error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                None,
                &format!(
                    "Only Checkout Sessions with a status in [\"open\"] can be expired. This \
                     Checkout Session has a status of \"{status}\"."
                ),
            ));
        }
        state.expire(session);
        Ok((StatusCode::OK, session.object.clone()))
    })
}

#[derive(Deserialize)]
struct NewRefund {
    payment_intent: Option<String>,
    amount: Option<String>,
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
        let request: NewRefund = form(&body)?;
        let intent = request
            .payment_intent
            .ok_or_else(|| required("payment_intent"))?;
        let amount = integer(request.amount.as_deref(), "amount")?;
        if amount.is_some_and(|amount| amount < 1) {
            return Err(invalid(
                "amount",
                None,
                "This value must be greater than or equal to 1.",
            ));
        }
        let Some(payment) = data.payments.get_mut(&intent) else {
            return Ok(missing(
                StatusCode::BAD_REQUEST,
                "payment_intent",
                &intent,
                "payment_intent",
            ));
        };
        let left = payment.amount - payment.refunded;
        if left == 0 {
            return Ok(error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                Some("charge_already_refunded"),
                &format!("Charge for {intent} has already been refunded."),
            ));
        }
        let amount = amount.unwrap_or(left);
        if amount > left {
            let (status, mut body) = error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                Some("amount_too_large"),
                &format!(
                    "Refund amount ({amount}) is greater than unrefunded amount on charge ({left})."
                ),
            );
            body["error"]["param"] = "amount".into();
            return Ok((status, body));
        }
        payment.refunded += amount;
        Ok((
            StatusCode::OK,
            json!({
                "id": random_id("re"),
                "object": "refund",
                "amount": amount,
                "balance_transaction": null,
                "charge": null,
                "created": Utc::now().timestamp(),
                "currency": payment.currency,
                "metadata": request.metadata,
                "payment_intent": intent,
                "reason": null,
                "receipt_number": null,
                "status": "succeeded",
            }),
        ))
    })
}

async fn payment_page(State(state): State<Shared>, Path(id): Path<String>) -> Response {
    let data = state.data();
    page::render(data.sessions.get(&id), None)
}

/// The test card of a payment that settles later, as a bank debit does: the
/// session completes unpaid, and `checkout.session.async_payment_succeeded`
/// follows after [`SETTLING`].
const SETTLES_LATER: &str = "4000000000005555";
const SETTLING: Duration = Duration::from_secs(4);

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
        "4242424242424242" | SETTLES_LATER => None,
        "4000000000000002" => Some((StatusCode::PAYMENT_REQUIRED, msg::PAYMENT_PAGE_DECLINED)),
        "4000000000009995" => Some((
            StatusCode::PAYMENT_REQUIRED,
            msg::PAYMENT_PAGE_INSUFFICIENT_FUNDS,
        )),
        _ => Some((
            StatusCode::UNPROCESSABLE_ENTITY,
            msg::PAYMENT_PAGE_UNKNOWN_CARD,
        )),
    };
    if let Some((status, message)) = refusal {
        let mut response = page::render(Some(session), Some(message));
        *response.status_mut() = status;
        return response;
    }
    let intent = random_id("pi");
    let payment = Payment {
        amount: session.object["amount_total"].as_i64().unwrap_or(0),
        refunded: 0,
        currency: session.object["currency"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    };
    let settles_later = number == SETTLES_LATER;
    session.object["status"] = "complete".into();
    session.object["payment_status"] = if settles_later { "unpaid" } else { "paid" }.into();
    session.object["payment_intent"] = intent.clone().into();
    session.object["url"] = Value::Null;
    let success = session.object["success_url"]
        .as_str()
        .unwrap_or_default()
        .replace("{CHECKOUT_SESSION_ID}", &id);
    state.emit("checkout.session.completed", &session.object);
    if settles_later {
        tokio::spawn(settle(state.clone(), id, intent, payment));
    } else {
        data.payments.insert(intent, payment);
    }
    Redirect::to(&success).into_response()
}

/// The money of a payment that settles later arrives.
async fn settle(state: Shared, session_id: String, intent: String, payment: Payment) {
    tokio::time::sleep(SETTLING).await;
    let mut data = state.data();
    if let Some(session) = data.sessions.get_mut(&session_id) {
        session.object["payment_status"] = "paid".into();
        state.emit("checkout.session.async_payment_succeeded", &session.object);
    }
    data.payments.insert(intent, payment);
}

/// Once a second: sessions past their time expire, as Stripe's do, and
/// idempotency keys older than a day are forgotten.
async fn tick(state: Shared) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        tick.tick().await;
        let now = Utc::now().timestamp();
        let mut data = state.data();
        let overdue = data.sessions.values_mut().filter(|session| {
            session.object["status"] == "open"
                && session.object["expires_at"]
                    .as_i64()
                    .is_some_and(|at| at <= now)
        });
        for session in overdue {
            state.expire(session);
        }
        data.answers.retain(|_, stored| stored.at > now - DAY);
    }
}

type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// Makes each event's first attempt in the order events happened; one that
/// fails is retried by a task of its own, so later events are not held up.
async fn deliver(mut queue: mpsc::UnboundedReceiver<Value>, settings: Settings) {
    let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();
    let settings = Arc::new(settings);
    while let Some(event) = queue.recv().await {
        let payload = event.to_string();
        if post_event(&client, &settings, &payload).await {
            continue;
        }
        let (client, settings) = (client.clone(), settings.clone());
        tokio::spawn(async move {
            let mut delay = settings.retry_base.min(MAX_RETRY_DELAY);
            for attempt in 2..=settings.max_attempts {
                tokio::time::sleep(delay).await;
                if post_event(&client, &settings, &payload).await {
                    return;
                }
                tracing::debug!(attempt, "webhook delivery failed; retrying");
                delay = (delay * 2).min(MAX_RETRY_DELAY);
            }
            tracing::warn!(
                event = event["id"].as_str(),
                kind = event["type"].as_str(),
                attempts = settings.max_attempts.max(1),
                "gave up delivering a webhook"
            );
        });
    }
}

/// One attempt: true when the app answered 2xx in time.
async fn post_event(client: &HttpClient, settings: &Settings, payload: &str) -> bool {
    // Signed at each attempt, like Stripe, so a late retry is not refused
    // as stale by the app's timestamp tolerance.
    let signature =
        stripe_webhook::Webhook::generate_test_header(payload, &settings.webhook_secret, None);
    let request = http::Request::builder()
        .method(Method::POST)
        .uri(&settings.webhook_url)
        .header(header::CONTENT_TYPE, "application/json")
        .header("stripe-signature", signature)
        .body(Full::new(Bytes::from(payload.to_owned())));
    let request = match request {
        Ok(request) => request,
        Err(error) => {
            tracing::warn!(%error, url = settings.webhook_url, "bad webhook URL");
            return false;
        }
    };
    match tokio::time::timeout(DELIVERY_TIMEOUT, client.request(request)).await {
        Ok(Ok(response)) => response.status().is_success(),
        Ok(Err(error)) => {
            tracing::debug!(%error, "webhook delivery failed");
            false
        }
        Err(_) => false,
    }
}
