//! Outgoing webhooks: what happened to a store, told to the endpoints its
//! sellers registered. An event is recorded in the transaction of the change
//! (see `migrations/0015_webhooks.sql`, whose `store_event` fans it out to
//! the subscribed endpoints) and [`sender`] delivers it, signed the way
//! Stripe signs its own so the same verification code serves both.

pub mod sender;

use hmac::{Hmac, Mac};
use rand::RngCore;
use serde_json::Value;
use sha2::Sha256;
use sqlx::PgConnection;

use crate::{Result, money::Money};

/// What a store's endpoints can listen to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    OrderPaid,
    OrderCancelled,
    OrderRefunded,
    OrderDelivered,
    ProductLowStock,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::OrderPaid,
        Kind::OrderCancelled,
        Kind::OrderRefunded,
        Kind::OrderDelivered,
        Kind::ProductLowStock,
    ];

    /// The name receivers see in `type`, and endpoints store.
    pub fn name(self) -> &'static str {
        match self {
            Kind::OrderPaid => "order.paid",
            Kind::OrderCancelled => "order.cancelled",
            Kind::OrderRefunded => "order.refunded",
            Kind::OrderDelivered => "order.delivered",
            Kind::ProductLowStock => "product.low_stock",
        }
    }

    /// What it means, for the settings page.
    pub fn description(self) -> &'static str {
        match self {
            Kind::OrderPaid => "An order is paid",
            Kind::OrderCancelled => "You cancel an order",
            Kind::OrderRefunded => "You refund an order",
            Kind::OrderDelivered => "An order is marked delivered",
            Kind::ProductLowStock => "A variant's stock falls to the low-stock threshold",
        }
    }

    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.name() == name)
    }
}

/// The kind of the event a seller sends from the settings page to try an
/// endpoint; no endpoint subscribes to it.
pub const TEST_EVENT: &str = "webhook.test";

/// Records an event of a store within the caller's transaction, queued for
/// every endpoint of the store listening to `kind`.
pub async fn record(conn: &mut PgConnection, store_id: i64, kind: Kind, data: Value) -> Result<()> {
    sqlx::query_scalar!(
        "SELECT store_event($1, $2, $3)",
        store_id,
        kind.name(),
        data
    )
    .fetch_one(conn)
    .await?;
    Ok(())
}

/// Records `kind` for one store order, as it is now: receivers get its
/// identifiers and state, and read the rest from the API.
pub async fn record_order(conn: &mut PgConnection, kind: Kind, store_order_id: i64) -> Result<()> {
    sqlx::query_scalar!(
        "SELECT store_event(so.store_id, $2, jsonb_build_object(
                    'store_order_id', so.id, 'order_number', o.number, 'status', so.status,
                    'subtotal', so.subtotal, 'refunded', so.refunded, 'currency', $3::text,
                    'carrier', so.carrier, 'tracking_number', so.tracking_number))
         FROM store_orders so JOIN orders o ON o.id = so.order_id
         WHERE so.id = $1",
        store_order_id,
        kind.name(),
        Money::CURRENCY
    )
    .fetch_all(conn)
    .await?;
    Ok(())
}

/// Queues a test event for one endpoint, whatever it listens to.
pub async fn record_test(conn: &mut PgConnection, store_id: i64, endpoint_id: i64) -> Result<()> {
    sqlx::query!(
        "WITH event AS (
             INSERT INTO store_events (store_id, kind, data)
             VALUES ($1, $2, jsonb_build_object('endpoint_id', $3::bigint))
             RETURNING id)
         INSERT INTO webhook_deliveries (event_id, endpoint_id) SELECT id, $3 FROM event",
        store_id,
        TEST_EVENT,
        endpoint_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A new signing secret: recognisable by its prefix, 32 random bytes.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("whsec_{}", hex::encode(bytes))
}

/// The `Bazaar-Signature` header of `body` sent at `timestamp` (Unix
/// seconds): `t=…,v1=…`, the HMAC-SHA256 of `"{t}.{body}"` under the
/// endpoint's secret, in hex. Receivers compute the same and compare, and
/// refuse old timestamps so a captured delivery cannot be replayed.
pub fn signature(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!(
        "t={timestamp},v1={}",
        hex::encode(mac.finalize().into_bytes())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_the_hmac_of_the_timestamp_and_the_body() {
        // Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
        assert_eq!(
            signature("whsec_test", 1_700_000_000, br#"{"a":1}"#),
            "t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789"
        );
    }

    #[test]
    fn every_kind_reads_back_from_its_name() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.name()), Some(kind));
        }
        assert_eq!(Kind::parse(TEST_EVENT), None);
    }
}
