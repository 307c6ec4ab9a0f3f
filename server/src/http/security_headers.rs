//! Security headers on every response, including a Content Security Policy
//! whose per-request nonce the pages stamp on their own scripts.

use std::sync::Arc;

use axum::{
    extract::{Request, State},
    http::{HeaderValue, header},
    middleware::Next,
    response::Response,
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use rand::RngCore;

use crate::Config;

/// The nonce of one request's CSP, found in the request's extensions.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

impl CspNonce {
    fn generate() -> Self {
        let mut bytes = [0u8; 16];
        rand::rng().fill_bytes(&mut bytes);
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }
}

/// What differs between deployments.
#[derive(Clone)]
pub struct Policy {
    hsts: bool,
    /// Forms may also lead to the payment page: checkout redirects there.
    form_action: String,
    /// Images may also come from `ASSET_BASE_URL`'s origin.
    img_src: String,
}

impl Policy {
    pub fn new(config: &Config) -> Arc<Self> {
        Arc::new(Self {
            hsts: config.is_https(),
            form_action: format!("'self' {}", crate::payments::payment_page_origin(config)),
            img_src: match config.asset_base_url.as_deref().map(origin) {
                Some(assets) => format!("'self' data: {assets}"),
                None => "'self' data:".to_owned(),
            },
        })
    }
}

/// `scheme://host[:port]` of an absolute URL.
fn origin(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |at| at + 3);
    url[after_scheme..]
        .find('/')
        .map_or(url, |end| &url[..after_scheme + end])
}

/// Sets the headers after the handler ran, keeping any CSP it chose itself.
pub async fn apply(
    State(policy): State<Arc<Policy>>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = CspNonce::generate();
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src {img_src}; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action {form_action}; frame-ancestors 'none'",
        nonce = nonce.0,
        form_action = policy.form_action,
        img_src = policy.img_src,
    );
    if let Ok(value) = HeaderValue::from_str(&csp) {
        headers
            .entry(header::CONTENT_SECURITY_POLICY)
            .or_insert(value);
    }
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (
            header::HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        ),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if policy.hsts {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::origin;

    #[test]
    fn the_origin_of_an_asset_address() {
        assert_eq!(
            origin("https://cdn.example.com/bazaar/img"),
            "https://cdn.example.com"
        );
        assert_eq!(origin("http://127.0.0.1:9000"), "http://127.0.0.1:9000");
    }
}
