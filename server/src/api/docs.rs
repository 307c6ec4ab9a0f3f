//! `/api/docs`: the OpenAPI document as a page for people, made on the
//! server once at start-up, so it works offline and under the site's CSP.

use serde_json::Value;

use crate::catalog::markdown::to_safe_html;

/// `value` as HTML text or attribute value.
fn text(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The whole page.
pub fn page(document: &utoipa::openapi::OpenApi) -> String {
    let document = serde_json::to_value(document).unwrap_or_default();
    let str_at = |value: &Value, pointer: &str| {
        value
            .pointer(pointer)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let mut html = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Bazaar API reference</title><link rel=\"stylesheet\" href=\"/api/docs.css\"></head><body><main>",
    );
    html += &format!(
        "<h1>{}</h1>{}<p>The machine-readable document: <a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a>. \
         Make a token on <a href=\"/account/tokens\">your API tokens page</a>. <a href=\"/\">Back to Bazaar</a></p>",
        text(&str_at(&document, "/info/title")),
        to_safe_html(&str_at(&document, "/info/description")),
    );
    html += "<h2>Endpoints</h2>";
    if let Some(paths) = document.pointer("/paths").and_then(Value::as_object) {
        for (path, item) in paths {
            let Some(methods) = item.as_object() else {
                continue;
            };
            for (method, operation) in methods {
                html += &endpoint(method, path, operation);
            }
        }
    }
    html += "<h2>Schemas</h2>";
    if let Some(schemas) = document
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    {
        for (name, schema) in schemas {
            html += &format!(
                "<section><h3 id=\"schema-{0}\">{0}</h3><pre tabindex=\"0\">{1}</pre></section>",
                text(name),
                text(&serde_json::to_string_pretty(schema).unwrap_or_default()),
            );
        }
    }
    html + "</main></body></html>"
}

fn endpoint(method: &str, path: &str, operation: &Value) -> String {
    let field = |name: &str| {
        operation
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or_default()
    };
    let mut html = format!(
        "<section class=\"endpoint\"><h3><span class=\"method\">{}</span> <code>/api/v1{}</code></h3>{}",
        text(&method.to_uppercase()),
        text(path),
        to_safe_html(&format!("{}\n\n{}", field("summary"), field("description"))),
    );
    if let Some(security) = operation.get("security").and_then(Value::as_array) {
        let scopes: Vec<String> = security
            .iter()
            .filter_map(|s| s.get("token"))
            .filter_map(Value::as_array)
            .flatten()
            .filter_map(Value::as_str)
            .map(text)
            .collect();
        html += &format!(
            "<p>Needs a token with <code>{}</code>.</p>",
            scopes.join("</code>, <code>")
        );
    }
    if let Some(parameters) = operation.get("parameters").and_then(Value::as_array) {
        html += "<table><caption>Parameters</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">In</th><th scope=\"col\">Description</th></tr></thead><tbody>";
        for parameter in parameters {
            let get = |name: &str| {
                parameter
                    .get(name)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
            };
            html += &format!(
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                text(get("name")),
                text(get("in")),
                text(get("description")),
            );
        }
        html += "</tbody></table>";
    }
    if let Some(body) = operation
        .pointer("/requestBody/content/application~1json/schema/$ref")
        .and_then(Value::as_str)
    {
        html += &format!("<p>Body: {}</p>", schema_link(body));
    }
    if let Some(responses) = operation.get("responses").and_then(Value::as_object) {
        html += "<ul class=\"responses\">";
        for (status, response) in responses {
            let schema = response
                .get("content")
                .and_then(Value::as_object)
                .and_then(|content| content.values().next())
                .and_then(|media| {
                    media
                        .pointer("/schema/$ref")
                        .or_else(|| media.pointer("/schema/items/$ref"))
                })
                .and_then(Value::as_str)
                .map(schema_link)
                .unwrap_or_default();
            html += &format!("<li><strong>{}</strong> {}</li>", text(status), schema);
        }
        html += "</ul>";
    }
    html + "</section>"
}

fn schema_link(reference: &str) -> String {
    let name = reference.rsplit('/').next().unwrap_or_default();
    format!("<a href=\"#schema-{0}\">{0}</a>", text(name))
}

/// The page's own small stylesheet (the site's CSP allows no inline styles).
pub const STYLESHEET: &str = "\
body{font-family:system-ui,sans-serif;line-height:1.5;color:#1d2521;background:#fff;margin:0}\
main{max-width:60rem;margin:0 auto;padding:1rem}\
a{color:#0b5c46}a:focus-visible,pre:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}\
code,pre{font-family:ui-monospace,monospace}\
pre{background:#f3f5f4;padding:.75rem;overflow:auto;border-radius:4px}\
.endpoint{border-top:1px solid #c9d1cd;padding-top:.5rem}\
.method{display:inline-block;min-width:4.5rem;font-weight:700}\
table{border-collapse:collapse}td,th{border:1px solid #c9d1cd;padding:.25rem .5rem;text-align:left}\
caption{text-align:left;font-weight:600}";
