//! An order with everything its pages and messages show: its part from
//! each store and the lines as they were bought, loaded in one place for the
//! customer, the seller, the admin and the mail.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::Address;
use texts::Lang;

use crate::{Error, Result, money::Money, shipping::delivery_estimate, vat::Rate};

/// One line as it was bought.
#[derive(Clone, Debug)]
pub struct OrderLine {
    pub title: String,
    pub options: String,
    pub sku: String,
    pub category: String,
    pub unit_price: Money,
    pub quantity: i32,
    pub total: Money,
    /// The VAT rate of the delivery country and what the total holds of it.
    pub vat_rate: Rate,
    pub vat: Money,
}

/// One store's part of an order.
#[derive(Clone, Debug)]
pub struct StorePart {
    pub id: i64,
    pub store_id: i64,
    pub store_name: String,
    pub store_slug: String,
    pub status: String,
    pub subtotal: Money,
    pub shipping: Money,
    /// The shipping method as named when the order was placed.
    pub shipping_method: String,
    /// How long the method said delivery takes, in days: at least, at most.
    pub delivery_days: Option<(i32, i32)>,
    pub shipping_vat_rate: Rate,
    pub shipping_vat: Money,
    /// All the VAT of the part: its lines' and its shipping's.
    pub vat: Money,
    /// Its store's receipt number, from payment on.
    pub receipt_number: Option<i32>,
    pub refunded: Money,
    pub platform_fee: Option<Money>,
    pub seller_net: Option<Money>,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub shipped_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub lines: Vec<OrderLine>,
}

impl StorePart {
    /// How long delivery takes, such as "2–4 days", in `lang`.
    pub fn delivery(&self, lang: Lang) -> Option<String> {
        self.delivery_days
            .map(|(min, max)| delivery_estimate(lang, min, max))
    }
}

/// An order with everything its pages and messages show.
#[derive(Clone, Debug)]
pub struct Order {
    pub id: i64,
    pub number: String,
    pub email: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
    pub address: Address,
    /// `None`: billed to the delivery address.
    pub billing: Option<Address>,
    pub total: Money,
    pub payment_problem: Option<String>,
    /// Placed without an account, and read through a signed link of this
    /// version (see `guest`).
    pub guest: bool,
    pub guest_link_version: i32,
    /// The language its buyer checked out in: its mail is written in it.
    pub language: Lang,
    pub parts: Vec<StorePart>,
}

impl Order {
    pub fn awaiting_payment(&self) -> bool {
        self.status == "pending_payment" && self.payment_problem.is_none()
    }
}

/// The order, with only `store_id`'s part when given (what its seller sees).
pub(crate) async fn load(
    conn: &mut PgConnection,
    order_id: i64,
    store_id: Option<i64>,
) -> Result<Order> {
    let row = sqlx::query!(
        "SELECT id, number, email, status, created_at, expires_at, paid_at, total, payment_problem,
                guest, guest_link_version, language, ship_name, ship_line1, ship_line2, ship_city, ship_postal_code, ship_country, ship_phone,
                bill_name, bill_line1, bill_line2, bill_city, bill_postal_code, bill_country
         FROM orders WHERE id = $1",
        order_id
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound)?;
    let parts = sqlx::query!(
        "SELECT so.id, so.store_id, s.name, s.slug, so.status, so.subtotal, so.shipping,
                so.shipping_method, so.shipping_min_days, so.shipping_max_days, so.shipping_vat_rate,
                so.shipping_vat, so.vat, so.receipt_number, so.refunded, so.platform_fee,
                so.seller_net, so.carrier, so.tracking_number, so.shipped_at, so.delivered_at
         FROM store_orders so JOIN stores s ON s.id = so.store_id
         WHERE so.order_id = $1 AND ($2::bigint IS NULL OR so.store_id = $2)
         ORDER BY s.name, so.id",
        order_id,
        store_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut order = Order {
        id: row.id,
        number: row.number,
        email: row.email,
        status: row.status,
        created_at: row.created_at,
        expires_at: row.expires_at,
        paid_at: row.paid_at,
        address: Address {
            name: row.ship_name,
            line1: row.ship_line1,
            line2: row.ship_line2,
            city: row.ship_city,
            postal_code: row.ship_postal_code,
            country: row.ship_country,
            phone: row.ship_phone,
        },
        billing: match (
            row.bill_name,
            row.bill_line1,
            row.bill_city,
            row.bill_postal_code,
            row.bill_country,
        ) {
            (Some(name), Some(line1), Some(city), Some(postal_code), Some(country)) => {
                Some(Address {
                    name,
                    line1,
                    line2: row.bill_line2.unwrap_or_default(),
                    city,
                    postal_code,
                    country,
                    phone: String::new(),
                })
            }
            _ => None,
        },
        total: Money::from_cents(row.total),
        payment_problem: row.payment_problem,
        guest: row.guest,
        guest_link_version: row.guest_link_version,
        language: Lang::stored(&row.language),
        parts: Vec::with_capacity(parts.len()),
    };
    for part in parts {
        let lines = sqlx::query!(
            "SELECT title, options, sku, category, unit_price, quantity, line_total, vat_rate, vat
             FROM order_lines WHERE store_order_id = $1 ORDER BY id",
            part.id
        )
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|line| OrderLine {
            title: line.title,
            options: line.options,
            sku: line.sku,
            category: line.category,
            unit_price: Money::from_cents(line.unit_price),
            quantity: line.quantity,
            total: Money::from_cents(line.line_total),
            vat_rate: Rate::from_basis_points(line.vat_rate).unwrap_or_default(),
            vat: Money::from_cents(line.vat),
        })
        .collect();
        order.parts.push(StorePart {
            id: part.id,
            store_id: part.store_id,
            store_name: part.name,
            store_slug: part.slug,
            status: part.status,
            subtotal: Money::from_cents(part.subtotal),
            shipping: Money::from_cents(part.shipping),
            shipping_method: part.shipping_method,
            delivery_days: part.shipping_min_days.zip(part.shipping_max_days),
            shipping_vat_rate: Rate::from_basis_points(part.shipping_vat_rate).unwrap_or_default(),
            shipping_vat: Money::from_cents(part.shipping_vat),
            vat: Money::from_cents(part.vat),
            receipt_number: part.receipt_number,
            refunded: Money::from_cents(part.refunded),
            platform_fee: part.platform_fee.map(Money::from_cents),
            seller_net: part.seller_net.map(Money::from_cents),
            carrier: part.carrier,
            tracking_number: part.tracking_number,
            shipped_at: part.shipped_at,
            delivered_at: part.delivered_at,
            lines,
        });
    }
    Ok(order)
}
