//! A paged list as the admin and seller pages show one: the search form
//! above it, then a count, a table of rows and the page links, or a note
//! when nothing is there.

use leptos::{children::ViewFnOnce, prelude::*};
use leptos_router::{components::Form, params::ParamsMap};

use crate::components::pagination::Pagination;

/// The page a list's query asks for; the first when it names none.
pub fn page_number(query: &ParamsMap) -> i64 {
    query
        .get("page")
        .and_then(|page| page.parse().ok())
        .unwrap_or(1)
}

/// A plain GET form over the page's own address, so a search works with
/// and without JavaScript; `children` are its fields.
#[component]
pub fn ListFilters(label: &'static str, children: Children) -> impl IntoView {
    view! {
        <Form method="get" action="" attr:class="toolbar" attr:role="search" attr:aria-label=label>
            {children()}
            <button class="button" type="submit">"Show"</button>
        </Form>
    }
}

/// What a filtered list says when nothing matches, with the way back to
/// the whole list.
#[component]
pub fn NoMatch(
    message: &'static str,
    all_href: &'static str,
    all_label: &'static str,
) -> impl IntoView {
    view! {
        <div class="empty">
            <p>{message}</p>
            <p><a href=all_href>{all_label}</a></p>
        </div>
    }
}

/// Where a list's other pages are: the list's path and the query
/// parameters its filters keep.
#[derive(Clone, Copy, Debug)]
pub struct Pages {
    pub path: &'static str,
    pub keys: &'static [&'static str],
    pub page: i64,
    pub page_count: i64,
}

/// The rows as a table under the `columns`' headers, each row drawn by
/// `row`, then the links to the other `pages`; with no rows, `empty`
/// instead. The headers named in `hidden` are read by screen readers only
/// (a column of checkboxes or buttons). The element `labelled_by` names the
/// table: the `count` (a paragraph above it, or with `caption` its
/// caption), or without a count something the page already shows.
#[component]
pub fn ListTable<T, R, V>(
    rows: Vec<T>,
    columns: &'static [&'static str],
    #[prop(optional)] hidden: &'static [&'static str],
    row: R,
    labelled_by: &'static str,
    #[prop(optional)] count: Option<String>,
    #[prop(optional)] caption: bool,
    #[prop(optional)] pages: Option<Pages>,
    #[prop(optional, into)] empty: Option<ViewFnOnce>,
) -> impl IntoView
where
    T: 'static,
    R: Fn(T) -> V + 'static,
    V: IntoView + 'static,
{
    if rows.is_empty()
        && let Some(empty) = empty
    {
        return empty.run().into_any();
    }
    let (count_above, count_caption) = match count {
        Some(count) if caption => (
            None,
            Some(view! { <caption id=labelled_by>{count}</caption> }),
        ),
        count => (
            count.map(|count| view! { <p id=labelled_by>{count}</p> }),
            None,
        ),
    };
    view! {
        {count_above}
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby=labelled_by>
            <table class="table">
                {count_caption}
                <thead>
                    <tr>
                        {columns.iter().map(|&label| {
                            view! {
                                <th scope="col">
                                    {if hidden.contains(&label) {
                                        view! { <span class="visually-hidden">{label}</span> }.into_any()
                                    } else {
                                        label.into_any()
                                    }}
                                </th>
                            }
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>{rows.into_iter().map(row).collect_view()}</tbody>
            </table>
        </div>
        {pages.map(|pages| view! {
            <Pagination path=pages.path keys=pages.keys page=pages.page page_count=pages.page_count />
        })}
    }
    .into_any()
}
