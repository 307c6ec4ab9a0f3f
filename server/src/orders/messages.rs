//! The messages about an order: the customer's confirmation, each store's
//! notice of a new order and the news of its part. Links are built from the
//! configured `APP_URL`, never from a request's Host header.

use super::{
    Address,
    details::{Order, StorePart},
    guest,
};
use crate::{Config, mail::Message};

/// Where the buyer reads the order: in their account, or through the signed
/// link of a guest order.
fn order_link(config: &Config, order: &Order) -> String {
    if order.guest {
        guest::link(config, &order.number, order.guest_link_version)
    } else {
        format!("{}/account/orders/{}", config.app_url, order.number)
    }
}

fn receipt_link(config: &Config, order: &Order, part: &StorePart) -> String {
    let (app_url, number, id) = (&config.app_url, &order.number, part.id);
    if order.guest {
        let key = guest::key(&config.secrets_key, number, order.guest_link_version);
        format!("{app_url}/orders/{number}/receipts/{id}?key={key}")
    } else {
        format!("{app_url}/account/orders/{number}/receipts/{id}")
    }
}

fn with_lines(mut message: Message, part: &StorePart) -> Message {
    for line in &part.lines {
        let options = if line.options.is_empty() {
            String::new()
        } else {
            format!(" ({})", line.options)
        };
        message = message.paragraph(format!(
            "{} × {}{options}, {} each: {}",
            line.quantity, line.title, line.unit_price, line.total
        ));
    }
    let delivery = part
        .delivery
        .as_deref()
        .map(|days| format!(", {days}"))
        .unwrap_or_default();
    let message = message.paragraph(format!(
        "Shipping: {}{delivery}: {}",
        part.shipping_method, part.shipping
    ));
    if part.vat.cents() > 0 {
        message.paragraph(format!("Prices include VAT of {}.", part.vat))
    } else {
        message
    }
}

fn ship_to(message: Message, address: &Address) -> Message {
    let line2 = if address.line2.is_empty() {
        String::new()
    } else {
        format!(", {}", address.line2)
    };
    message.paragraph(format!(
        "Shipping to: {}, {}{line2}, {} {}, {} (phone {})",
        address.name,
        address.line1,
        address.postal_code,
        address.city,
        address.country,
        address.phone
    ))
}

pub fn order_confirmation(config: &Config, order: &Order) -> Message {
    let mut message = Message::new(&order.email, format!("Your order {}", order.number))
        .paragraph("Hello,")
        .paragraph(format!(
            "Thank you: we received your payment of {} for order {}. Each store \
             ships its part and we mail you when it is on its way.",
            order.total, order.number
        ));
    for part in &order.parts {
        message = message.paragraph(format!(
            "From {} ({}):",
            part.store_name,
            part.subtotal + part.shipping
        ));
        message = with_lines(message, part).link(
            format!("Receipt from {}", part.store_name),
            receipt_link(config, order, part),
        );
    }
    ship_to(message, &order.address).link("See your order", order_link(config, order))
}

pub fn store_order_received(to: &str, app_url: &str, order: &Order, part: &StorePart) -> Message {
    let message = Message::new(
        to,
        format!("New order {} for {}", order.number, part.store_name),
    )
    .paragraph("Hello,")
    .paragraph(format!(
        "Order {} was paid: {} for {}. Please ship it soon.",
        order.number,
        part.subtotal + part.shipping,
        part.store_name
    ));
    ship_to(with_lines(message, part), &order.address).link(
        "Open the order",
        format!("{app_url}/seller/orders/{}", part.id),
    )
}

/// A store order changed in a way the customer should hear about.
pub fn store_order_update(config: &Config, order: &Order, part: &StorePart) -> Message {
    let (subject, news) = match part.status.as_str() {
        "shipped" => (
            "is on its way",
            format!(
                "{} shipped your items with {}, tracking number {}.",
                part.store_name,
                part.carrier.as_deref().unwrap_or("a carrier"),
                part.tracking_number.as_deref().unwrap_or("not given")
            ),
        ),
        "delivered" => (
            "was delivered",
            format!("{} marked your items as delivered.", part.store_name),
        ),
        "cancelled" => (
            "was cancelled",
            format!(
                "{} cancelled its part of your order and refunded {} to your card.",
                part.store_name, part.refunded
            ),
        ),
        _ => (
            "was refunded",
            format!(
                "{} refunded {} to your card.",
                part.store_name, part.refunded
            ),
        ),
    };
    with_lines(
        Message::new(
            &order.email,
            format!("Your order {} {subject}", order.number),
        )
        .paragraph("Hello,")
        .paragraph(news),
        part,
    )
    .link("See your order", order_link(config, order))
}

/// A guest's new link to their order, after the earlier ones were revoked.
pub fn guest_link_renewed(to: &str, number: &str, link: &str) -> Message {
    Message::new(to, format!("A new link to your order {number}"))
        .paragraph("Hello,")
        .paragraph(format!(
            "Here is a new link to your order {number}. The links sent before no longer \
             open it. This one works for {} days.",
            super::guest::LINK_DAYS
        ))
        .link("See your order", link)
}
