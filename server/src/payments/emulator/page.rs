//! The emulator's hosted payment page: one standalone HTML document, no
//! scripts or external files, that takes a test card.

use axum::{
    http::StatusCode,
    response::{Html, IntoResponse, Response},
};

use super::Session;

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

fn money(cents: i64, currency: &str) -> String {
    format!(
        "{}.{:02} {}",
        cents / 100,
        cents % 100,
        currency.to_uppercase()
    )
}

fn document(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style></head><body><main>{body}</main></body></html>"
    )
}

/// The page for `session`, with `problem` shown next to the card number.
pub(super) fn render(session: Option<&Session>, problem: Option<&str>) -> Response {
    let Some(session) = session else {
        let body = "<h1>Payment page not found</h1><p>This payment page does not exist.</p>";
        return (
            StatusCode::NOT_FOUND,
            Html(document("Payment page not found", body)),
        )
            .into_response();
    };
    let object = &session.object;
    let text = |field: &str| escape(object[field].as_str().unwrap_or_default());
    let back = text("cancel_url");
    let back_link = if back.is_empty() {
        String::new()
    } else {
        format!("<p><a href=\"{back}\">Cancel and go back</a></p>")
    };
    if object["status"] != "open" {
        let why = if object["status"] == "complete" {
            "This order has already been paid."
        } else {
            "This payment session has expired: it can no longer be paid."
        };
        let body = format!("<h1>This payment page is closed</h1><p>{why}</p>{back_link}");
        return (
            StatusCode::GONE,
            Html(document("Payment page closed", &body)),
        )
            .into_response();
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
                money(line.quantity * line.unit_amount, currency)
            )
        })
        .collect();
    let total = money(object["amount_total"].as_i64().unwrap_or(0), currency);
    let (invalid, error) = match problem {
        Some(problem) => (
            " aria-invalid=\"true\" aria-describedby=\"card-error\"",
            format!(
                "<p class=\"error\" id=\"card-error\" role=\"alert\">{}</p>",
                escape(problem)
            ),
        ),
        None => ("", String::new()),
    };
    let body = format!(
        "<h1>Pay Bazaar — test mode</h1>\
         <table><caption class=\"muted\">Paying as {email}</caption>\
         <thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Amount</th></tr></thead>\
         <tbody>{rows}</tbody><tfoot><tr><th scope=\"row\">Total</th><td><strong>{total}</strong></td></tr></tfoot></table>\
         <form method=\"post\">\
         <label for=\"card_number\">Card number</label>\
         <input id=\"card_number\" name=\"card_number\" inputmode=\"numeric\" autocomplete=\"cc-number\" required{invalid}>{error}\
         <label for=\"expiry\">Expiry (MM/YY)</label><input id=\"expiry\" name=\"expiry\" autocomplete=\"cc-exp\">\
         <label for=\"cvc\">CVC</label><input id=\"cvc\" name=\"cvc\" inputmode=\"numeric\" autocomplete=\"cc-csc\">\
         <button type=\"submit\">Pay {total}</button></form>\
         <p class=\"muted\">Test cards: 4242 4242 4242 4242 pays; 4000 0000 0000 0002 is declined; \
         4000 0000 0000 9995 has insufficient funds; 4000 0000 0000 5555 pays a few seconds later, \
         as a bank debit does. Any expiry and CVC.</p>{back_link}",
        email = text("customer_email"),
    );
    Html(document("Pay Bazaar — test mode", &body)).into_response()
}
