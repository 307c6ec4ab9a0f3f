//! Orders: what the pages show of one and of its parts (the same views serve
//! customers, sellers and admins), checkout, and a customer's own orders.

pub mod checkout;
pub mod customer;
pub mod guest;
pub mod receipts;

use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use server::{dates, orders::details::Order, shipping};

use crate::i18n::{Lang, msg};

/// Form names for the one-time feedback of plain form posts.
pub mod forms {
    pub const CHECKOUT: &str = "checkout";
    pub const PAY: &str = "order-pay";
    pub const RENEW_LINK: &str = "guest-link";
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineView {
    pub title: String,
    pub options: String,
    pub sku: String,
    pub unit_price: String,
    pub quantity: i32,
    pub total: String,
}

/// One store's part of an order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartView {
    pub id: i64,
    pub store_name: String,
    pub store_slug: String,
    pub status: String,
    pub subtotal: String,
    pub shipping: String,
    /// The method and how long it takes, such as "Colissimo, 2–4 days".
    pub shipping_method: String,
    /// The VAT the part's prices hold.
    pub vat: String,
    /// The store's receipt number, once paid.
    pub receipt_number: Option<String>,
    /// Empty when nothing was refunded.
    pub refunded: Option<String>,
    pub platform_fee: Option<String>,
    pub seller_net: Option<String>,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub lines: Vec<LineView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderView {
    pub number: String,
    pub status: String,
    pub placed: String,
    pub total: String,
    pub email: String,
    /// The shipping address, one line per entry.
    pub address: Vec<String>,
    pub awaiting_payment: bool,
    /// When the order stops waiting for payment and gives its stock back.
    pub pay_before: String,
    pub payment_problem: Option<String>,
    pub parts: Vec<PartView>,
}

/// The order as the page that asked shows it: amounts and delivery times in
/// its language.
#[cfg(feature = "ssr")]
impl From<Order> for OrderView {
    fn from(order: Order) -> Self {
        let lang = crate::i18n::request_lang();
        let money = |amount: server::money::Money| amount.localized(lang);
        let address = &order.address;
        let country = shipping::country_name(&address.country).unwrap_or(address.country.as_str());
        Self {
            awaiting_payment: order.awaiting_payment(),
            number: order.number,
            status: order.status,
            placed: dates::moment(order.created_at, lang),
            pay_before: dates::moment(order.expires_at, lang),
            total: money(order.total),
            email: order.email,
            address: [
                address.name.clone(),
                address.line1.clone(),
                address.line2.clone(),
                format!("{} {}", address.postal_code, address.city),
                country.to_owned(),
                address.phone.clone(),
            ]
            .into_iter()
            .filter(|line| !line.is_empty())
            .collect(),
            payment_problem: order.payment_problem,
            parts: order
                .parts
                .into_iter()
                .map(|part| PartView {
                    shipping_method: match part.delivery(lang) {
                        Some(days) => format!("{}, {days}", part.shipping_method),
                        None => part.shipping_method.clone(),
                    },
                    id: part.id,
                    store_name: part.store_name,
                    store_slug: part.store_slug,
                    status: part.status,
                    subtotal: money(part.subtotal),
                    shipping: money(part.shipping),
                    vat: money(part.vat),
                    receipt_number: part.receipt_number.map(|number| format!("{number:06}")),
                    refunded: (part.refunded.cents() > 0).then(|| money(part.refunded)),
                    platform_fee: part.platform_fee.map(money),
                    seller_net: part.seller_net.map(money),
                    carrier: part.carrier,
                    tracking_number: part.tracking_number,
                    lines: part
                        .lines
                        .into_iter()
                        .map(|line| LineView {
                            title: line.title,
                            options: line.options,
                            sku: line.sku,
                            unit_price: money(line.unit_price),
                            quantity: line.quantity,
                            total: money(line.total),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

impl OrderView {
    /// How long an order waiting for payment keeps its items, in `lang`.
    pub fn kept_until(&self, lang: Lang) -> String {
        lang.t_args(
            msg::KEPT_UNTIL,
            &[
                ("number", self.number.clone().into()),
                ("total", self.total.clone().into()),
                ("date", self.pay_before.clone().into()),
            ],
        )
    }
}

/// A status as people read it.
pub fn status_label(lang: Lang, status: &str) -> String {
    lang.t(match status {
        "pending_payment" => msg::STATUS_PENDING_PAYMENT,
        "paid" => msg::STATUS_PAID,
        "shipped" => msg::STATUS_SHIPPED,
        "delivered" => msg::STATUS_DELIVERED,
        "cancelled" => msg::STATUS_CANCELLED,
        "refunded" => msg::STATUS_REFUNDED,
        "expired" => msg::STATUS_EXPIRED,
        _ => msg::STATUS_UNKNOWN,
    })
}
