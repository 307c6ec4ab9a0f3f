//! Payment through Stripe Checkout: the client the app talks through, and the
//! built-in emulator it talks to when no Stripe key is configured. The same
//! code runs against both; only the base URL differs.

pub mod emulator;

use chrono::{DateTime, Utc};
use secrecy::{ExposeSecret, SecretString};
use stripe::{Client, ClientBuilder, IdempotencyKey, RequestStrategy, StripeError, StripeRequest};
use stripe_checkout::checkout_session::{
    CreateCheckoutSession, CreateCheckoutSessionLineItems, CreateCheckoutSessionLineItemsPriceData,
    ExpireCheckoutSession, ProductData, RetrieveCheckoutSession,
};
use stripe_core::refund::CreateRefund;
use stripe_shared::{
    CheckoutSession, CheckoutSessionLocale, CheckoutSessionMode, CheckoutSessionPaymentStatus,
    CheckoutSessionStatus,
};
use stripe_webhook::{EventObject, Webhook};
use texts::{Lang, Text, msg};

use crate::{Config, Error, Result, money::Money};

/// The key the app uses with its own emulator.
const EMULATOR_KEY: &str = "sk_test_bazaar_emulator";

/// The Stripe client with the secret webhooks are signed with.
#[derive(Clone)]
pub struct Payments {
    client: Client,
    webhook_secret: SecretString,
}

/// One line of what the shopper pays for.
#[derive(Clone, Debug)]
pub struct LineItem {
    pub name: String,
    pub unit_amount: Money,
    pub quantity: i32,
}

/// A Checkout Session to open for an order.
#[derive(Clone, Debug)]
pub struct NewCheckout<'a> {
    pub order_id: i64,
    pub order_number: &'a str,
    pub email: &'a str,
    pub lines: Vec<LineItem>,
    pub expires_at: DateTime<Utc>,
    pub success_url: String,
    pub cancel_url: String,
    /// The language of the payment page.
    pub lang: Lang,
}

/// Where a Checkout Session stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionStatus {
    Open,
    Complete,
    Expired,
}

/// What Bazaar needs to know of a Checkout Session.
#[derive(Clone, Debug)]
pub struct Session {
    pub id: String,
    /// The hosted payment page, while the session is open.
    pub url: Option<String>,
    pub status: SessionStatus,
    pub paid: bool,
    pub amount_total: i64,
    pub payment_intent: Option<String>,
    /// The order it pays for (`client_reference_id`).
    pub order_id: Option<i64>,
}

/// A verified webhook event, reduced to what Bazaar acts on.
#[derive(Clone, Debug)]
pub struct Event {
    pub id: String,
    pub kind: EventKind,
}

#[derive(Clone, Debug)]
pub enum EventKind {
    Completed(Session),
    Expired(Session),
    AsyncPaymentSucceeded(Session),
    AsyncPaymentFailed(Session),
    /// Any other event type, acknowledged and ignored.
    Other(String),
}

impl EventKind {
    /// The Checkout Session the event reports on, if any.
    pub fn session(&self) -> Option<&Session> {
        match self {
            Self::Completed(session)
            | Self::Expired(session)
            | Self::AsyncPaymentSucceeded(session)
            | Self::AsyncPaymentFailed(session) => Some(session),
            Self::Other(_) => None,
        }
    }
}

impl Payments {
    /// Stripe itself when a secret key is configured, otherwise the emulator
    /// at `STRIPE_API_URL` or the address `serve` starts it on.
    pub fn from_config(config: &Config) -> Result<Self> {
        // Other crates in the build enable a second TLS backend, so rustls
        // cannot pick one by itself; the first call here picks ring.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let key = config
            .stripe_secret_key
            .as_ref()
            .map_or(EMULATOR_KEY, |key| key.expose_secret());
        let mut builder = ClientBuilder::new(key)
            .request_strategy(RequestStrategy::ExponentialBackoff(3))
            .timeout(std::time::Duration::from_secs(15));
        if let Some(url) = api_url(config) {
            // The client appends `v1/…` to the base as it is.
            builder = builder.url(format!("{}/", url.trim_end_matches('/')));
        }
        let client = builder.build().map_err(Error::internal)?;
        Ok(Self {
            client,
            webhook_secret: config.stripe_webhook_secret.clone(),
        })
    }

    /// Opens a Checkout Session for an order. The idempotency key is the
    /// order's and the expiry's, so asking twice with the same expiry (a
    /// retried request, a double click) opens one session, while a later
    /// attempt, which asks for a later expiry, is not refused by Stripe for
    /// reusing a key with other parameters.
    pub async fn open_checkout(&self, checkout: &NewCheckout<'_>) -> Result<Session> {
        let lines = checkout
            .lines
            .iter()
            .map(|line| CreateCheckoutSessionLineItems {
                price_data: Some(CreateCheckoutSessionLineItemsPriceData {
                    product_data: Some(ProductData::new(line.name.clone())),
                    unit_amount: Some(line.unit_amount.cents()),
                    ..CreateCheckoutSessionLineItemsPriceData::new(stripe_types::Currency::EUR)
                }),
                quantity: Some(line.quantity.max(1).unsigned_abs().into()),
                ..CreateCheckoutSessionLineItems::new()
            })
            .collect::<Vec<_>>();
        let order_id = checkout.order_id.to_string();
        let session = CreateCheckoutSession::new()
            .mode(CheckoutSessionMode::Payment)
            .line_items(lines)
            .customer_email(checkout.email)
            .client_reference_id(order_id.as_str())
            .metadata([("order_number".to_owned(), checkout.order_number.to_owned())])
            .expires_at(checkout.expires_at.timestamp())
            .success_url(checkout.success_url.as_str())
            .cancel_url(checkout.cancel_url.as_str())
            .locale(match checkout.lang {
                Lang::En => CheckoutSessionLocale::En,
                Lang::Fr => CheckoutSessionLocale::Fr,
                Lang::De => CheckoutSessionLocale::De,
            })
            .customize()
            .request_strategy(idempotent(&format!(
                "checkout-order-{}-{}",
                checkout.order_id,
                checkout.expires_at.timestamp()
            ))?)
            .send(&self.client)
            .await
            .map_err(unavailable)?;
        Ok(session_of(&session))
    }

    pub async fn session(&self, id: &str) -> Result<Session> {
        // The id may come from a URL a shopper returned with; only a
        // session id's characters may go into the API path.
        if !is_checkout_session_id(id) {
            return Err(Error::NotFound);
        }
        let session = RetrieveCheckoutSession::new(id)
            .send(&self.client)
            .await
            .map_err(unavailable)?;
        Ok(session_of(&session))
    }

    /// A Checkout Session, or `None` when Stripe answers that it has no such
    /// session, which callers that can give up on one must tell apart from
    /// Stripe being unreachable.
    pub async fn find_session(&self, id: &str) -> Result<Option<Session>> {
        match RetrieveCheckoutSession::new(id).send(&self.client).await {
            Ok(session) => Ok(Some(session_of(&session))),
            Err(StripeError::Stripe(_, 404)) => Ok(None),
            Err(error) => Err(unavailable(error)),
        }
    }

    /// Ends an open session so it can no longer be paid.
    pub async fn expire(&self, id: &str) -> Result<()> {
        ExpireCheckoutSession::new(id)
            .send(&self.client)
            .await
            .map_err(unavailable)?;
        Ok(())
    }

    /// Refunds `amount` of a payment; `key` makes a retried refund refund once.
    pub async fn refund(&self, payment_intent: &str, amount: Money, key: &str) -> Result<String> {
        let refund = CreateRefund::new()
            .payment_intent(payment_intent)
            .amount(amount.cents())
            .customize()
            .request_strategy(idempotent(key)?)
            .send(&self.client)
            .await
            .map_err(refused_or_unavailable)?;
        Ok(refund.id.to_string())
    }

    /// Checks a webhook's `Stripe-Signature` (five minutes' tolerance) and
    /// reads the event; anything forged, stale or malformed is refused.
    pub fn verify(&self, payload: &str, signature: &str) -> Result<Event> {
        let event =
            Webhook::construct_event(payload, signature, self.webhook_secret.expose_secret())
                .map_err(|error| {
                    Error::invalid(
                        "signature",
                        Text::from(msg::PROBLEM_SIGNATURE).with("reason", error.to_string()),
                    )
                })?;
        let kind = match event.data.object {
            EventObject::CheckoutSessionCompleted(session) => {
                EventKind::Completed(session_of(&session))
            }
            EventObject::CheckoutSessionExpired(session) => {
                EventKind::Expired(session_of(&session))
            }
            EventObject::CheckoutSessionAsyncPaymentSucceeded(session) => {
                EventKind::AsyncPaymentSucceeded(session_of(&session))
            }
            EventObject::CheckoutSessionAsyncPaymentFailed(session) => {
                EventKind::AsyncPaymentFailed(session_of(&session))
            }
            _ => EventKind::Other(event.type_.as_str().to_owned()),
        };
        Ok(Event {
            id: event.id.to_string(),
            kind,
        })
    }
}

/// Whether `id` has the shape of a Checkout Session id: `cs_` and then
/// letters, digits and underscores.
pub fn is_checkout_session_id(id: &str) -> bool {
    id.strip_prefix("cs_").is_some_and(|rest| {
        !rest.is_empty()
            && rest.len() <= 250
            && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    })
}

/// The Stripe API's address when it is not Stripe itself.
fn api_url(config: &Config) -> Option<String> {
    match (&config.stripe_api_url, &config.stripe_secret_key) {
        (Some(url), _) => Some(url.clone()),
        (None, Some(_)) => None,
        (None, None) => Some(format!("http://{}", config.stripe_emulator_addr)),
    }
}

/// The origin of the hosted payment page, which the checkout form redirects to.
pub fn payment_page_origin(config: &Config) -> String {
    api_url(config).unwrap_or_else(|| "https://checkout.stripe.com".into())
}

fn idempotent(key: &str) -> Result<RequestStrategy> {
    let key = IdempotencyKey::new(key).map_err(Error::internal)?;
    Ok(RequestStrategy::Idempotent(key))
}

/// Stripe's own refusals are logged in full; the shopper learns only that
/// payment is unavailable for now.
/// A refund the provider refuses (already refunded, a payment it does not
/// know) is a conflict to explain, not an outage to retry.
fn refused_or_unavailable(error: StripeError) -> Error {
    match &error {
        StripeError::Stripe(details, status) if (400..500).contains(status) && *status != 429 => {
            tracing::warn!(%error, "payment provider refused the refund");
            let reason = details.message.as_deref().unwrap_or("no reason given");
            Error::conflict(Text::from(msg::PROBLEM_REFUND_REFUSED).with("reason", reason))
        }
        _ => unavailable(error),
    }
}

fn unavailable(error: StripeError) -> Error {
    tracing::error!(%error, "payment provider call failed");
    Error::Unavailable(msg::PART_PAYMENTS)
}

fn session_of(session: &CheckoutSession) -> Session {
    Session {
        id: session.id.to_string(),
        url: session.url.clone(),
        status: match session.status {
            Some(CheckoutSessionStatus::Complete) => SessionStatus::Complete,
            Some(CheckoutSessionStatus::Expired) => SessionStatus::Expired,
            _ => SessionStatus::Open,
        },
        paid: matches!(
            session.payment_status,
            CheckoutSessionPaymentStatus::Paid | CheckoutSessionPaymentStatus::NoPaymentRequired
        ),
        amount_total: session.amount_total.unwrap_or(0),
        payment_intent: session
            .payment_intent
            .as_ref()
            .map(|intent| intent.id().to_string()),
        order_id: session
            .client_reference_id
            .as_deref()
            .and_then(|id| id.parse().ok()),
    }
}

#[cfg(test)]
mod tests {
    use super::is_checkout_session_id;

    #[test]
    fn only_checkout_session_ids_reach_the_api_path() {
        assert!(is_checkout_session_id("cs_test_a1B2c3"));
        for bad in [
            "",
            "cs_",
            "pi_123",
            "cs_../../v1/refunds",
            "cs_a?b=c",
            "cs_a%2Fb",
            "cs_a b",
        ] {
            assert!(!is_checkout_session_id(bad), "{bad}");
        }
    }
}
