//! The messages about an order: the customer's confirmation, each store's
//! notice of a new order and the news of its part. The customer's are in
//! the language they checked out in, a store's in its staff member's. Links
//! are built from the configured `APP_URL`, never from a request's Host
//! header.

use texts::{Lang, msg};

use super::{
    Address,
    details::{Order, StorePart},
    guest,
};
use crate::{Config, mail::Message};

/// Where the buyer reads the order: in their account, or through the signed
/// link of a guest order.
fn order_link(config: &Config, order: &Order) -> String {
    let lang = order.language;
    if order.guest {
        guest::link(config, lang, &order.number, order.guest_link_version)
    } else {
        let path = lang.path(&format!("/account/orders/{}", order.number));
        format!("{}{path}", config.app_url)
    }
}

fn receipt_link(config: &Config, order: &Order, part: &StorePart) -> String {
    let (number, id) = (&order.number, part.id);
    let path = if order.guest {
        let key = guest::key(&config.secrets_key, number, order.guest_link_version);
        format!("/orders/{number}/receipts/{id}?key={key}")
    } else {
        format!("/account/orders/{number}/receipts/{id}")
    };
    format!("{}{}", config.app_url, order.language.path(&path))
}

fn with_lines(lang: Lang, mut message: Message, part: &StorePart) -> Message {
    for line in &part.lines {
        let item = if line.options.is_empty() {
            line.title.clone()
        } else {
            format!("{} ({})", line.title, line.options)
        };
        message = message.paragraph(lang.t_args(
            msg::MAIL_ORDER_LINE,
            &[
                ("quantity", line.quantity.into()),
                ("item", item.into()),
                ("unit", line.unit_price.localized(lang).into()),
                ("total", line.total.localized(lang).into()),
            ],
        ));
    }
    let method = ("method", part.shipping_method.clone().into());
    let price = ("price", part.shipping.localized(lang).into());
    let message = message.paragraph(match part.delivery(lang) {
        Some(days) => lang.t_args(
            msg::MAIL_ORDER_SHIPPING,
            &[method, ("delivery", days.into()), price],
        ),
        None => lang.t_args(msg::MAIL_ORDER_SHIPPING_NO_ESTIMATE, &[method, price]),
    });
    if part.vat.cents() > 0 {
        message.paragraph(lang.t_args(
            msg::MAIL_ORDER_VAT,
            &[("vat", part.vat.localized(lang).into())],
        ))
    } else {
        message
    }
}

fn ship_to(lang: Lang, message: Message, address: &Address) -> Message {
    let line2 = if address.line2.is_empty() {
        String::new()
    } else {
        format!(", {}", address.line2)
    };
    let written = format!(
        "{}, {}{line2}, {} {}, {}",
        address.name, address.line1, address.postal_code, address.city, address.country,
    );
    message.paragraph(lang.t_args(
        msg::MAIL_ORDER_SHIP_TO,
        &[
            ("address", written.into()),
            ("phone", address.phone.clone().into()),
        ],
    ))
}

fn number(order: &Order) -> (&'static str, texts::FluentValue<'static>) {
    ("number", order.number.clone().into())
}

fn store(part: &StorePart) -> (&'static str, texts::FluentValue<'static>) {
    ("store", part.store_name.clone().into())
}

pub fn order_confirmation(config: &Config, order: &Order) -> Message {
    let lang = order.language;
    let mut message = Message::new(
        &order.email,
        lang.t_args(msg::MAIL_ORDER_SUBJECT, &[number(order)]),
    )
    .paragraph(lang.t(msg::MAIL_HELLO))
    .paragraph(lang.t_args(
        msg::MAIL_ORDER_PAID,
        &[("total", order.total.localized(lang).into()), number(order)],
    ));
    for part in &order.parts {
        let total = (part.subtotal + part.shipping).localized(lang);
        message = message.paragraph(lang.t_args(
            msg::MAIL_ORDER_FROM,
            &[store(part), ("total", total.into())],
        ));
        message = with_lines(lang, message, part).link(
            lang.t_args(msg::MAIL_ORDER_RECEIPT, &[store(part)]),
            receipt_link(config, order, part),
        );
    }
    ship_to(lang, message, &order.address)
        .link(lang.t(msg::MAIL_ORDER_SEE), order_link(config, order))
}

/// The notice to one of the store's staff, in `lang`, theirs.
pub fn store_order_received(
    lang: Lang,
    to: &str,
    app_url: &str,
    order: &Order,
    part: &StorePart,
) -> Message {
    let total = (part.subtotal + part.shipping).localized(lang);
    let message = Message::new(
        to,
        lang.t_args(msg::MAIL_STORE_ORDER_SUBJECT, &[number(order), store(part)]),
    )
    .paragraph(lang.t(msg::MAIL_HELLO))
    .paragraph(lang.t_args(
        msg::MAIL_STORE_ORDER_BODY,
        &[number(order), ("total", total.into()), store(part)],
    ));
    ship_to(lang, with_lines(lang, message, part), &order.address).link(
        lang.t(msg::MAIL_STORE_ORDER_OPEN),
        format!(
            "{app_url}{}",
            lang.path(&format!("/seller/orders/{}", part.id))
        ),
    )
}

/// A store order changed in a way the customer should hear about.
pub fn store_order_update(config: &Config, order: &Order, part: &StorePart) -> Message {
    let lang = order.language;
    let refunded = ("refunded", part.refunded.localized(lang).into());
    let (subject, news) = match part.status.as_str() {
        "shipped" => {
            let carrier = part
                .carrier
                .clone()
                .unwrap_or_else(|| lang.t(msg::MAIL_ORDER_CARRIER_UNKNOWN));
            let tracking = part
                .tracking_number
                .clone()
                .unwrap_or_else(|| lang.t(msg::MAIL_ORDER_TRACKING_UNKNOWN));
            (
                msg::MAIL_ORDER_SHIPPED_SUBJECT,
                lang.t_args(
                    msg::MAIL_ORDER_SHIPPED_BODY,
                    &[
                        store(part),
                        ("carrier", carrier.into()),
                        ("tracking", tracking.into()),
                    ],
                ),
            )
        }
        "delivered" => (
            msg::MAIL_ORDER_DELIVERED_SUBJECT,
            lang.t_args(msg::MAIL_ORDER_DELIVERED_BODY, &[store(part)]),
        ),
        "cancelled" => (
            msg::MAIL_ORDER_CANCELLED_SUBJECT,
            lang.t_args(msg::MAIL_ORDER_CANCELLED_BODY, &[store(part), refunded]),
        ),
        _ => (
            msg::MAIL_ORDER_REFUNDED_SUBJECT,
            lang.t_args(msg::MAIL_ORDER_REFUNDED_BODY, &[store(part), refunded]),
        ),
    };
    let message = Message::new(&order.email, lang.t_args(subject, &[number(order)]))
        .paragraph(lang.t(msg::MAIL_HELLO))
        .paragraph(news);
    with_lines(lang, message, part).link(lang.t(msg::MAIL_ORDER_SEE), order_link(config, order))
}

/// A guest's new link to their order, after the earlier ones were revoked.
pub fn guest_link_renewed(lang: Lang, to: &str, number: &str, link: &str) -> Message {
    Message::new(
        to,
        lang.t_args(
            msg::MAIL_GUEST_LINK_SUBJECT,
            &[("number", number.to_owned().into())],
        ),
    )
    .paragraph(lang.t(msg::MAIL_HELLO))
    .paragraph(lang.t_args(
        msg::MAIL_GUEST_LINK_BODY,
        &[
            ("number", number.to_owned().into()),
            ("days", guest::LINK_DAYS.into()),
        ],
    ))
    .link(lang.t(msg::MAIL_ORDER_SEE), link)
}
