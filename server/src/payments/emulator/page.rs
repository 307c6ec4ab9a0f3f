//! The emulator's hosted payment page: one standalone HTML document, no
//! scripts or external files, that takes a test card, in the language the
//! Checkout Session was opened with (its `locale`), as Stripe's page is.

use axum::{
    http::StatusCode,
    response::{Html, IntoResponse, Response},
};
use texts::{Lang, Msg, msg};

use super::Session;
use crate::money::Money;

const STYLE: &str = "body{font:1rem/1.5 system-ui,sans-serif;color:#1b2420;background:#f4f6f5;margin:0}\
main{max-width:32rem;margin:2rem auto;background:#fff;padding:1.5rem;border:1px solid #6b7770;border-radius:.5rem}\
label{display:block;font-weight:600;margin-top:1rem}input{font:inherit;width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #6b7770;border-radius:.25rem}\
button{font:inherit;margin-top:1.25rem;padding:.6rem 1.2rem;background:#1f4d3a;color:#fff;border:0;border-radius:.25rem;cursor:pointer}\
:focus-visible{outline:3px solid #0b1f17;outline-offset:2px}a{color:#1f4d3a}\
.error{color:#b3261e;font-weight:600}table{width:100%;border-collapse:collapse}td,th{text-align:left;padding:.25rem 0}\
.muted{color:#4f5a54}";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// An amount as the page's language writes it; a currency other than the
/// euro (the only one Bazaar charges in) by its code.
fn money(lang: Lang, cents: i64, currency: &str) -> String {
    if currency.eq_ignore_ascii_case("eur") {
        return Money::from_cents(cents).localized(lang);
    }
    format!(
        "{}.{:02} {}",
        cents / 100,
        cents % 100,
        currency.to_uppercase()
    )
}

fn document(lang: Lang, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style></head><body><main>{body}</main></body></html>",
        lang = lang.code(),
        title = escape(title),
    )
}

/// The page for `session`, with `problem` shown next to the card number.
pub(super) fn render(session: Option<&Session>, problem: Option<Msg>) -> Response {
    let Some(session) = session else {
        let lang = Lang::En;
        let title = lang.t(msg::PAYMENT_PAGE_NOT_FOUND_TITLE);
        let body = format!(
            "<h1>{}</h1><p>{}</p>",
            escape(&title),
            escape(&lang.t(msg::PAYMENT_PAGE_NOT_FOUND))
        );
        return (StatusCode::NOT_FOUND, Html(document(lang, &title, &body))).into_response();
    };
    let object = &session.object;
    let lang = object["locale"]
        .as_str()
        .and_then(Lang::from_code)
        .unwrap_or_default();
    let t = |message: Msg| escape(&lang.t(message));
    let text = |field: &str| escape(object[field].as_str().unwrap_or_default());
    let back = text("cancel_url");
    let back_link = if back.is_empty() {
        String::new()
    } else {
        format!(
            "<p><a href=\"{back}\">{}</a></p>",
            t(msg::PAYMENT_PAGE_CANCEL)
        )
    };
    if object["status"] != "open" {
        let why = if object["status"] == "complete" {
            t(msg::PAYMENT_PAGE_ALREADY_PAID)
        } else {
            t(msg::PAYMENT_PAGE_EXPIRED)
        };
        let body = format!(
            "<h1>{}</h1><p>{why}</p>{back_link}",
            t(msg::PAYMENT_PAGE_CLOSED)
        );
        let title = lang.t(msg::PAYMENT_PAGE_CLOSED_TITLE);
        return (StatusCode::GONE, Html(document(lang, &title, &body))).into_response();
    }
    let currency = object["currency"].as_str().unwrap_or("eur");
    let rows: String = session
        .lines
        .iter()
        .map(|line| {
            let description = line
                .description
                .as_deref()
                .map(|text| format!("<br><span class=\"muted\">{}</span>", escape(text)))
                .unwrap_or_default();
            format!(
                "<tr><td>{} × {}{description}</td><td>{}</td></tr>",
                line.quantity,
                escape(&line.name),
                money(lang, line.quantity * line.unit_amount, currency)
            )
        })
        .collect();
    let total = money(lang, object["amount_total"].as_i64().unwrap_or(0), currency);
    let (invalid, error) = match problem {
        Some(problem) => (
            " aria-invalid=\"true\" aria-describedby=\"card-error\"",
            format!(
                "<p class=\"error\" id=\"card-error\" role=\"alert\">{}</p>",
                t(problem)
            ),
        ),
        None => ("", String::new()),
    };
    let title = lang.t(msg::PAYMENT_PAGE_TITLE);
    let paying_as = lang.t_args(
        msg::PAYMENT_PAGE_PAYING_AS,
        &[(
            "email",
            object["customer_email"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
                .into(),
        )],
    );
    let pay = lang.t_args(msg::PAYMENT_PAGE_PAY, &[("total", total.clone().into())]);
    let body = format!(
        "<h1>{heading}</h1>\
         <table><caption class=\"muted\">{paying_as}</caption>\
         <thead><tr><th scope=\"col\">{item}</th><th scope=\"col\">{amount}</th></tr></thead>\
         <tbody>{rows}</tbody><tfoot><tr><th scope=\"row\">{total_label}</th><td><strong>{total}</strong></td></tr></tfoot></table>\
         <form method=\"post\">\
         <label for=\"card_number\">{card_number}</label>\
         <input id=\"card_number\" name=\"card_number\" inputmode=\"numeric\" autocomplete=\"cc-number\" required{invalid}>{error}\
         <label for=\"expiry\">{expiry}</label><input id=\"expiry\" name=\"expiry\" autocomplete=\"cc-exp\">\
         <label for=\"cvc\">{cvc}</label><input id=\"cvc\" name=\"cvc\" inputmode=\"numeric\" autocomplete=\"cc-csc\">\
         <button type=\"submit\">{pay}</button></form>\
         <p class=\"muted\">{test_cards}</p>{back_link}",
        heading = escape(&title),
        paying_as = escape(&paying_as),
        item = t(msg::PAYMENT_PAGE_ITEM),
        amount = t(msg::PAYMENT_PAGE_AMOUNT),
        total_label = t(msg::PAYMENT_PAGE_TOTAL),
        total = escape(&total),
        card_number = t(msg::PAYMENT_PAGE_CARD_NUMBER),
        expiry = t(msg::PAYMENT_PAGE_EXPIRY),
        cvc = t(msg::PAYMENT_PAGE_CVC),
        pay = escape(&pay),
        test_cards = t(msg::PAYMENT_PAGE_TEST_CARDS),
    );
    Html(document(lang, &title, &body)).into_response()
}
