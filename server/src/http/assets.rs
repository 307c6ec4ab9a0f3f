//! The browser bundle and stylesheet under `/pkg`, served from memory.
//!
//! Their names carry a hash of their contents, so a file never changes once
//! it exists: each is read from disk once, with its `.br` and `.gz` twins
//! when the build made them (`cargo leptos build --precompress`), and kept.
//! Reading files per request went through tokio's blocking pool for every
//! open and read, which cost more than the rest of the request together.
//! Without twins (debug builds) the compression layer compresses as it sends.

use std::{
    collections::HashMap,
    path::PathBuf,
    sync::{Arc, RwLock},
};

use axum::{
    Router,
    extract::{Path, State},
    response::{IntoResponse, Response},
    routing::get,
};
use bytes::Bytes;
use http::{HeaderMap, HeaderValue, StatusCode, header};

#[derive(Clone)]
struct Assets {
    dir: Arc<PathBuf>,
    loaded: Arc<RwLock<HashMap<String, Arc<Asset>>>>,
}

struct Asset {
    content_type: HeaderValue,
    plain: Bytes,
    brotli: Option<Bytes>,
    gzip: Option<Bytes>,
}

/// `/{file}` for the files of `dir`; nest it under `/pkg`.
pub fn routes(dir: PathBuf) -> Router {
    let assets = Assets {
        dir: Arc::new(dir),
        loaded: Arc::default(),
    };
    Router::new()
        .route("/{file}", get(serve))
        .with_state(assets)
}

async fn serve(
    State(assets): State<Assets>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(asset) = assets.get(&file).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let accepted = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    let (encoding, body) = match (&asset.brotli, &asset.gzip) {
        (Some(brotli), _) if accepts(accepted, "br") => (Some("br"), brotli.clone()),
        (_, Some(gzip)) if accepts(accepted, "gzip") => (Some("gzip"), gzip.clone()),
        _ => (None, asset.plain.clone()),
    };
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, asset.content_type.clone());
    if let Some(encoding) = encoding {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    if asset.brotli.is_some() || asset.gzip.is_some() {
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

impl Assets {
    async fn get(&self, file: &str) -> Option<Arc<Asset>> {
        if let Some(asset) = self.loaded.read().ok()?.get(file) {
            return Some(asset.clone());
        }
        // Names come from the build: anything else is not ours to read.
        let plain_name = file
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
            && !file.starts_with('.')
            && !file.ends_with(".br")
            && !file.ends_with(".gz");
        if !plain_name {
            return None;
        }
        let path = self.dir.join(file);
        let plain = tokio::fs::read(&path).await.ok()?;
        let twin = |extension: &str| {
            let mut twin = path.clone().into_os_string();
            twin.push(extension);
            tokio::fs::read(twin)
        };
        let asset = Arc::new(Asset {
            content_type: HeaderValue::from_static(content_type(file)),
            plain: plain.into(),
            brotli: twin(".br").await.ok().map(Bytes::from),
            gzip: twin(".gz").await.ok().map(Bytes::from),
        });
        self.loaded
            .write()
            .ok()?
            .insert(file.to_owned(), asset.clone());
        Some(asset)
    }
}

fn content_type(file: &str) -> &'static str {
    match file.rsplit('.').next() {
        Some("wasm") => "application/wasm",
        Some("js") => "text/javascript",
        Some("css") => "text/css",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

/// Whether an `Accept-Encoding` value allows `coding` (listed, and not with
/// `q=0`).
fn accepts(accepted: &str, coding: &str) -> bool {
    accepted.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        parts
            .next()
            .is_some_and(|name| name.eq_ignore_ascii_case(coding))
            && parts.all(|parameter| {
                parameter
                    .strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_none_or(|q| q > 0.0)
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::{Body, to_bytes};
    use tower::ServiceExt;

    #[test]
    fn accept_encoding_lists_codings_and_refuses_q_zero() {
        assert!(accepts("gzip, deflate, br, zstd", "br"));
        assert!(accepts("br;q=0.5, gzip", "br"));
        assert!(!accepts("gzip, br;q=0", "br"));
        assert!(!accepts("gzip", "br"));
        assert!(!accepts("", "gzip"));
    }

    async fn get(app: &Router, path: &str, accept: &str) -> Response {
        let request = http::Request::get(path)
            .header(header::ACCEPT_ENCODING, accept)
            .body(Body::empty())
            .unwrap();
        app.clone().oneshot(request).await.unwrap()
    }

    #[tokio::test]
    async fn files_are_sent_in_the_best_accepted_encoding_and_kept_in_memory() {
        let dir = std::env::temp_dir().join(format!("bazaar-assets-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("site.abc.css"), "plain").unwrap();
        std::fs::write(dir.join("site.abc.css.br"), "brotli").unwrap();
        std::fs::write(dir.join("site.abc.css.gz"), "gzip").unwrap();
        std::fs::write(dir.join("only.def.js"), "script").unwrap();
        let app = routes(dir.clone());

        let response = get(&app, "/site.abc.css", "gzip, br").await;
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(response.headers()[header::CONTENT_TYPE], "text/css");
        assert_eq!(response.headers()[header::VARY], "accept-encoding");
        assert_eq!(to_bytes(response.into_body(), 100).await.unwrap(), "brotli");
        let response = get(&app, "/site.abc.css", "gzip").await;
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");
        assert_eq!(to_bytes(response.into_body(), 100).await.unwrap(), "gzip");
        let response = get(&app, "/site.abc.css", "").await;
        assert!(!response.headers().contains_key(header::CONTENT_ENCODING));
        assert_eq!(to_bytes(response.into_body(), 100).await.unwrap(), "plain");

        // Without twins the file goes out as it is, for the compression layer.
        let response = get(&app, "/only.def.js", "br").await;
        assert!(!response.headers().contains_key(header::CONTENT_ENCODING));
        assert_eq!(response.headers()[header::CONTENT_TYPE], "text/javascript");

        // Kept: answered after the file is gone.
        std::fs::remove_dir_all(&dir).unwrap();
        let response = get(&app, "/site.abc.css", "").await;
        assert_eq!(to_bytes(response.into_body(), 100).await.unwrap(), "plain");

        for missing in ["/missing.css", "/site.abc.css.br", "/..", "/.hidden"] {
            assert_eq!(
                get(&app, missing, "").await.status(),
                StatusCode::NOT_FOUND,
                "{missing}"
            );
        }
    }
}
