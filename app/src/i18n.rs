//! The page's language: English at today's URLs, French under `/fr/…`,
//! German under `/de/…` (see `texts::Lang`). It is read once from the path
//! the page was loaded at, and the router runs under that prefix, so
//! following a link within the page keeps the language and the switcher's
//! links (outside it) load the other language's page afresh.

use leptos::prelude::*;
use leptos_meta::Link;
use leptos_router::hooks::use_location;
pub use texts::{FluentValue, Lang, Msg, msg};

/// The language of the page being rendered or hydrated: on the server the
/// request's path, in the browser the window's.
pub fn page_lang() -> Lang {
    #[cfg(feature = "ssr")]
    let path = use_context::<http::request::Parts>()
        .map(|parts| parts.uri.path().to_owned())
        .unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let path = window().location().pathname().unwrap_or_default();
    Lang::of_path(&path).0
}

/// The language a request on the server answers in: a page's is in its
/// path; a server function's is that of the page that called it (its
/// `Referer`), so a French page's forms and data come back in French.
#[cfg(feature = "ssr")]
pub fn request_lang() -> Lang {
    let Some(parts) = use_context::<http::request::Parts>() else {
        return Lang::En;
    };
    if !parts.uri.path().starts_with(SERVER_FN_PREFIX) {
        return Lang::of_path(parts.uri.path()).0;
    }
    parts
        .headers
        .get(http::header::REFERER)
        .and_then(|referer| referer.to_str().ok())
        .and_then(url_path)
        .map(|path| Lang::of_path(path).0)
        .unwrap_or_default()
}

/// Where the server functions are served (`leptos`' default prefix).
#[cfg(feature = "ssr")]
const SERVER_FN_PREFIX: &str = "/api/";

/// Sends the browser to `to` after a server function, in the language of
/// the page that called it: a path without a language prefix gets that
/// page's, so a French page's form lands on a French page. Other addresses
/// (the payment page) are left as they are.
#[cfg(feature = "ssr")]
pub fn redirect(to: &str) {
    let local = to.starts_with('/') && !to.starts_with("//");
    if local && Lang::of_path(to).0 == Lang::En {
        leptos_axum::redirect(&request_lang().path(to));
    } else {
        leptos_axum::redirect(to);
    }
}

/// The path of an absolute URL such as `https://shop.example/fr/cart?x=1`.
#[cfg(feature = "ssr")]
fn url_path(url: &str) -> Option<&str> {
    let after_scheme = url.split_once("://")?.1;
    let path = &after_scheme[after_scheme.find('/')?..];
    Some(path.split(['?', '#']).next().unwrap_or(path))
}

/// The language the app provides to every page.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The current page without its language prefix, with its query, such as
/// `/products?q=mug`.
fn unprefixed_page() -> impl Fn() -> String + Copy {
    let location = use_location();
    move || {
        let pathname = location.pathname.get();
        let (_, path) = Lang::of_path(&pathname);
        match location.search.get() {
            search if search.is_empty() => path.to_owned(),
            search => format!("{path}?{search}"),
        }
    }
}

/// The address of the switch to `lang` that comes back to `page`: the
/// server remembers the choice in a cookie, then redirects.
fn switch_href(lang: Lang, page: &str) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("to", lang.code())
        .append_pair("next", page)
        .finish();
    format!("/language?{query}")
}

/// Links to this page in each language, each named in its own language;
/// the current one is marked as such. `compact` shows the codes (`FR`), the
/// names staying in the links' text for assistive technology.
#[component]
pub fn LanguageSwitcher(
    /// Names the switcher apart from the page's other one.
    label: Msg,
    #[prop(optional)] compact: bool,
) -> impl IntoView {
    let lang = use_lang();
    let page = unprefixed_page();
    let text = move |other: Lang| {
        if compact {
            view! {
                {other.code().to_uppercase()}
                <span class="visually-hidden">{format!(" {}", other.name())}</span>
            }
            .into_any()
        } else {
            other.name().into_any()
        }
    };
    view! {
        <nav class="language-switcher" class:language-switcher--compact=compact aria-label=lang.t(label)>
            <ul>
                {Lang::ALL
                    .into_iter()
                    .map(|other| {
                        let link = if other == lang {
                            view! {
                                <a href=move || other.path(&page()) aria-current="page" lang=other.code()>
                                    {text(other)}
                                </a>
                            }
                                .into_any()
                        } else {
                            view! {
                                <a
                                    href=move || switch_href(other, &page())
                                    rel="external"
                                    hreflang=other.code()
                                    lang=other.code()
                                >
                                    {text(other)}
                                </a>
                            }
                                .into_any()
                        };
                        view! { <li>{link}</li> }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// `<link rel="alternate" hreflang>` to this page in every language, and
/// English as the default for any other, absolute as crawlers require.
#[component]
pub fn Alternates() -> impl IntoView {
    let page = unprefixed_page();
    let origin = crate::components::canonical::site_origin();
    let links = move || {
        let page = page();
        let mut links: Vec<(&'static str, String)> = Lang::ALL
            .into_iter()
            .map(|lang| (lang.code(), format!("{origin}{}", lang.path(&page))))
            .collect();
        links.push(("x-default", format!("{origin}{page}")));
        links
    };
    view! {
        {move || {
            links()
                .into_iter()
                .map(|(code, href)| view! { <Link rel="alternate" hreflang=code href=href /> })
                .collect_view()
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    #[test]
    fn the_caller_is_read_from_its_address() {
        assert_eq!(
            url_path("http://127.0.0.1:3000/fr/cart?x=1"),
            Some("/fr/cart")
        );
        assert_eq!(url_path("https://shop.example"), None);
        assert_eq!(url_path("not a url"), None);
    }

    #[test]
    fn the_switch_keeps_the_page_and_its_query() {
        assert_eq!(
            switch_href(Lang::Fr, "/products?q=mug & cup"),
            "/language?to=fr&next=%2Fproducts%3Fq%3Dmug+%26+cup"
        );
    }
}
