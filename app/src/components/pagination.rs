//! Previous and next links under a paged list.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::i18n::{msg, use_lang};

/// Links to the pages around `page`, keeping the list's filters (the query
/// parameters named in `keys`); nothing when everything fits on one page.
#[component]
pub fn Pagination(
    path: &'static str,
    keys: &'static [&'static str],
    page: i64,
    page_count: i64,
) -> impl IntoView {
    let query = use_query_map();
    let href = move |page: i64| {
        query.with_untracked(|q| {
            let mut url = form_urlencoded::Serializer::new(String::new());
            for key in keys {
                if let Some(value) = q.get(key).filter(|v| !v.is_empty()) {
                    url.append_pair(key, &value);
                }
            }
            url.append_pair("page", &page.to_string());
            format!("{path}?{}", url.finish())
        })
    };
    let previous = (page > 1).then(|| href(page - 1));
    let next = (page < page_count).then(|| href(page + 1));
    (page_count > 1).then(|| {
        let place = use_lang().t_args(
            msg::PAGE_OF,
            &[("page", page.into()), ("pages", page_count.into())],
        );
        view! { <PageLinks previous next place /> }
    })
}

/// The pages' navigation: a link to the `previous` and `next` page where
/// there is one, and where the reader is (`place`).
#[component]
pub fn PageLinks(previous: Option<String>, next: Option<String>, place: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <nav class="pagination" aria-label=lang.t(msg::PAGES)>
            {previous.map(|href| view! { <a class="button" href=href rel="prev">{lang.t(msg::PREVIOUS_PAGE)}</a> })}
            <span>{place}</span>
            {next.map(|href| view! { <a class="button" href=href rel="next">{lang.t(msg::NEXT_PAGE)}</a> })}
        </nav>
    }
}
