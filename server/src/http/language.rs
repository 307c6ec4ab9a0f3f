//! Which language a visitor gets (see `texts::Lang`): the first visit to `/`
//! follows the browser's `Accept-Language` once and remembers the result in
//! a cookie, which wins from then on; the switcher's `/language?to=fr&next=…`
//! changes the cookie and goes to the page in that language.

use axum::{
    extract::{Query, Request, State},
    http::{HeaderMap, HeaderValue, header},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use texts::Lang;

use crate::{
    AppState, Result,
    accounts::{Session, sessions, users},
    request::cookie,
};

/// The cookie that keeps the visitor's language.
pub const LANG_COOKIE: &str = "bazaar_lang";
const YEAR_SECS: u64 = 365 * 24 * 3600;

fn remember(lang: Lang, https: bool) -> HeaderValue {
    let secure = if https { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age={YEAR_SECS}; SameSite=Lax{secure}",
        lang.code()
    ))
    .expect("a cookie of ASCII")
}

/// Sends a visit to `/` to the remembered language's home page; the first
/// visit, without the cookie, to the language its browser prefers, which is
/// remembered. Every other path is served in the language it names.
pub async fn home(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.uri().path() != "/" || request.method() != axum::http::Method::GET {
        return next.run(request).await;
    }
    let headers = request.headers();
    let remembered = cookie(headers, LANG_COOKIE).and_then(|code| Lang::from_code(&code));
    let lang = remembered.unwrap_or_else(|| Lang::negotiate(&accept_language(headers)));
    let mut response = if lang == Lang::En {
        next.run(request).await
    } else {
        let query = request
            .uri()
            .query()
            .map(|q| format!("?{q}"))
            .unwrap_or_default();
        Redirect::to(&format!("{}/{query}", lang.prefix())).into_response()
    };
    if remembered.is_none() {
        response
            .headers_mut()
            .append(header::SET_COOKIE, remember(lang, state.config.is_https()));
    }
    // Caches must keep one answer per language.
    response.headers_mut().append(
        header::VARY,
        HeaderValue::from_static("Cookie, Accept-Language"),
    );
    response
}

fn accept_language(headers: &HeaderMap) -> String {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

#[derive(Deserialize)]
pub struct Switch {
    to: String,
    #[serde(default)]
    next: String,
}

/// The language switcher: remembers `to` and goes to `next` (a path of this
/// site, without a language prefix) in that language. A signed-in person's
/// account keeps it too, for their mail.
pub async fn switch(
    State(state): State<AppState>,
    session: Session,
    Query(switch): Query<Switch>,
) -> Response {
    let lang = Lang::from_code(&switch.to).unwrap_or_default();
    if let Err(error) = remember_on_account(&state, &session, lang).await {
        // The page still changes language; only the mail keeps the old one.
        tracing::warn!(%error, "could not keep the account's language");
    }
    let next = local_path(&switch.next).unwrap_or("/");
    let (_, unprefixed) = Lang::of_path(next);
    let mut response = Redirect::to(&lang.path(unprefixed)).into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, remember(lang, state.config.is_https()));
    response
}

async fn remember_on_account(state: &AppState, session: &Session, lang: Lang) -> Result<()> {
    if let Some(user) = sessions::current_user(&state.db, &state.config, session).await? {
        users::set_language(&state.db, user.id, lang).await?;
    }
    Ok(())
}

/// `path` if it stays on this site: a path from the root, never `//host`
/// or `/\host`, which browsers read as another site.
fn local_path(path: &str) -> Option<&str> {
    let rest = path.strip_prefix('/')?;
    (!rest.starts_with('/') && !rest.starts_with('\\')).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_paths_of_this_site_are_followed() {
        assert_eq!(local_path("/products?q=mug"), Some("/products?q=mug"));
        assert_eq!(local_path("/"), Some("/"));
        for elsewhere in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "",
        ] {
            assert_eq!(local_path(elsewhere), None, "{elsewhere}");
        }
    }
}
