//! `/admin/audit`: who did what, from where, filtered by actor, action,
//! store and days.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::AdminNav;
use crate::{
    api::admin::{
        Listing,
        audit::{AuditRow, admin_audit},
    },
    components::{
        error_view::ErrorView,
        list_page::{ListFilters, ListTable, NoMatch, Pages, page_number},
    },
    error::AppError,
};

const FILTERS: &[&str] = &["actor", "action", "store", "from", "to"];

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let query = use_query_map();
    let value = move |key: &'static str| move || query.with(|q| q.get(key).unwrap_or_default());
    let read = move || {
        query.with(|q| {
            let text = |key| q.get(key).unwrap_or_default();
            (
                [
                    text("actor"),
                    text("action"),
                    text("store"),
                    text("from"),
                    text("to"),
                ],
                page_number(q),
            )
        })
    };
    let list = Resource::new(read, |([actor, action, store, from, to], page)| {
        admin_audit(actor, action, store, from, to, page)
    });
    // Shown with the data only: a refused visitor gets the error page alone.
    let header = move || {
        view! {
            <h1>"Audit log"</h1>
            <AdminNav />
            <ListFilters label="Filter the audit log">
                <div class="field">
                    <label for="audit-actor">"Actor email"</label>
                    <input id="audit-actor" class="input" type="search" name="actor" value=value("actor") />
                </div>
                <div class="field">
                    <label for="audit-action">"Action"</label>
                    <input id="audit-action" class="input" type="search" name="action" value=value("action")
                        aria-describedby="audit-action-hint" />
                    <p class="field__hint" id="audit-action-hint">"Like store.suspended, or store for the family"</p>
                </div>
                <div class="field">
                    <label for="audit-store">"Store"</label>
                    <input id="audit-store" class="input" type="search" name="store" value=value("store") />
                </div>
                <div class="field">
                    <label for="audit-from">"From"</label>
                    <input id="audit-from" class="input" type="date" name="from" value=value("from") />
                </div>
                <div class="field">
                    <label for="audit-to">"To"</label>
                    <input id="audit-to" class="input" type="date" name="to" value=value("to") />
                </div>
            </ListFilters>
        }
    };
    view! {
        <Title text="Audit log · Platform admin" />
        <section class="container section stack">
            <Transition fallback=|| view! { <p class="loading">"Loading entries…"</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(list) => view! { {header()} <AuditTable list /> }.into_any(),
                        Err(AppError::Invalid(problems)) => view! {
                            {header()}
                            <div class="alert alert--error" role="alert">
                                {problems.into_iter().map(|(field, message)| view! {
                                    <p>{format!("{}: {message}", if field == "from" { "From" } else { "To" })}</p>
                                }).collect_view()}
                            </div>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn AuditTable(list: Listing<AuditRow>) -> impl IntoView {
    view! {
        <ListTable
            rows=list.rows
            columns=COLUMNS
            row=entry
            count=format!("{} entries", list.total)
            labelled_by="audit-count"
            pages=Pages { path: "/admin/audit", keys: FILTERS, page: list.page, page_count: list.page_count }
            empty=|| view! { <NoMatch message="No entry matches." all_href="/admin/audit" all_label="Show every entry" /> }
        />
    }
}

/// The columns of the audit log's table.
pub const COLUMNS: &[&str] = &["When", "Who", "Action", "Target", "Store", "Request"];

/// One audit entry as a table row; the request's details behind a
/// disclosure.
pub fn entry(row: AuditRow) -> impl IntoView {
    view! {
        <tr data-testid="audit-row">
            <td>{row.at}</td>
            <td>{row.actor}</td>
            <td><code>{row.action}</code></td>
            <td>{row.target}</td>
            <td>{row.store}</td>
            <td>
                <details>
                    <summary>{row.ip}</summary>
                    <dl class="details">
                        <dt>"User agent"</dt><dd>{row.user_agent}</dd>
                        <dt>"Request id"</dt><dd><code>{row.request_id}</code></dd>
                        {(!row.metadata.is_empty()).then(|| view! {
                            <dt>"Details"</dt><dd><code>{row.metadata.clone()}</code></dd>
                        })}
                    </dl>
                </details>
            </td>
        </tr>
    }
}
