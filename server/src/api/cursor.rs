//! Cursors of paged lists: opaque to clients, they hold the moment the
//! first page was read, the page to read next and its size.

use axum::http::{HeaderMap, HeaderValue, header};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use std::time::Duration;

use super::problem::ApiError;

pub const DEFAULT_LIMIT: i64 = 20;
pub const MAX_LIMIT: i64 = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    #[serde(rename = "m")]
    pub moment: DateTime<Utc>,
    #[serde(rename = "p")]
    pub page: i64,
    #[serde(rename = "l")]
    pub limit: i64,
}

impl Cursor {
    /// The first page, or the one `cursor` points to. A cursor keeps the
    /// page size it was made with; `limit` is for the first page.
    pub fn start_or_continue(cursor: Option<&str>, limit: Option<i64>) -> Result<Self, ApiError> {
        let limit = limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(ApiError::bad_request(format!("limit is 1 to {MAX_LIMIT}.")));
        }
        match cursor {
            None => Ok(Self {
                moment: Utc::now(),
                page: 1,
                limit,
            }),
            Some(text) => Self::decode(text).ok_or_else(|| {
                ApiError::bad_request(
                    "This cursor is not one of ours: pass a next_cursor as it came.",
                )
            }),
        }
    }

    /// The moment rounded down to a whole multiple of `step`, so first
    /// pages asked for within those seconds are the same query and can be
    /// read once through a cache that keeps answers that long.
    pub fn rounded_down(self, step: Duration) -> Self {
        let step = step.as_secs().max(1) as i64;
        let seconds = self.moment.timestamp();
        Self {
            moment: DateTime::from_timestamp(seconds - seconds.rem_euclid(step), 0)
                .unwrap_or(self.moment),
            ..self
        }
    }

    pub fn next(self) -> Self {
        Self {
            page: self.page + 1,
            ..self
        }
    }

    pub fn encode(self) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(&self).unwrap_or_default())
    }

    fn decode(text: &str) -> Option<Self> {
        let cursor: Self = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(text).ok()?).ok()?;
        let sane = cursor.page >= 1
            && cursor.page <= crate::paging::LAST_PAGE
            && (1..=MAX_LIMIT).contains(&cursor.limit);
        sane.then_some(cursor)
    }
}

/// The query string of the next page's link: the request's own filters,
/// with the cursor in place of the page it asked for.
pub fn next_query(request_query: Option<&str>, next_cursor: &str) -> String {
    request_query
        .unwrap_or_default()
        .split('&')
        .filter(|pair| {
            !pair.is_empty() && !pair.starts_with("cursor=") && !pair.starts_with("limit=")
        })
        .chain(std::iter::once(format!("cursor={next_cursor}").as_str()))
        .collect::<Vec<_>>()
        .join("&")
}

/// The `Link: <…>; rel="next"` header of a list at `path` (under
/// `/api/v1`), when it has a next page.
pub fn next_link(
    app_url: &str,
    path: &str,
    request_query: Option<&str>,
    next_cursor: Option<&str>,
) -> HeaderMap {
    let mut headers = HeaderMap::new();
    if let Some(next) = next_cursor {
        let link = format!(
            "<{app_url}/api/v1{path}?{}>; rel=\"next\"",
            next_query(request_query, next)
        );
        if let Ok(link) = HeaderValue::try_from(link) {
            headers.insert(header::LINK, link);
        }
    }
    headers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_and_refuses_forgeries() {
        let first = Cursor::start_or_continue(None, Some(5)).unwrap();
        let next = first.next().encode();
        let read = Cursor::start_or_continue(Some(&next), None).unwrap();
        assert_eq!((read.page, read.limit, read.moment), (2, 5, first.moment));
        assert!(Cursor::start_or_continue(Some("nonsense"), None).is_err());
        assert!(Cursor::start_or_continue(None, Some(0)).is_err());
        assert!(Cursor::start_or_continue(None, Some(201)).is_err());
        let rounded = first.rounded_down(Duration::from_secs(5));
        assert!(rounded.moment <= first.moment);
        assert_eq!(rounded.moment.timestamp() % 5, 0);
        assert_eq!(rounded.rounded_down(Duration::from_secs(5)), rounded);
    }

    #[test]
    fn the_next_link_keeps_the_filters() {
        assert_eq!(
            next_query(Some("q=mug&limit=5&cursor=abc"), "def"),
            "q=mug&cursor=def"
        );
        assert_eq!(next_query(None, "def"), "cursor=def");
    }
}
