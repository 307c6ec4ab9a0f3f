//! `/admin`: the marketplace's month in figures and charts, and the latest
//! activity. Any other `/admin/…` path answers after the same check.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{AdminNav, audit};
use crate::{
    api::admin::{admin_area, dashboard::admin_dashboard},
    components::{
        charts::{BarChart, DayChart, Figures, MonthPicker, SalesTable},
        error_view::ErrorView,
        list_page::ListTable,
    },
    error::AppError,
    live::use_live,
};

#[component]
pub fn AdminHomePage() -> impl IntoView {
    let query = use_query_map();
    let month = move || query.with(|q| q.get("month").unwrap_or_default());
    // Admins are told of every order's payment, cancellation and expiry.
    let orders_changed = use_live(|change| change.kind == "order");
    let data = Resource::new(
        move || (month(), orders_changed.get()),
        |(month, _)| admin_dashboard(month),
    );
    // Shown with the data only: a refused visitor gets the error page alone.
    let header = move || {
        view! {
            <h1>"Platform admin"</h1>
            <AdminNav />
        }
    };
    view! {
        <Title text="Platform admin" />
        <section class="container section stack">
            <Transition fallback=|| view! { <p class="loading">"Loading the figures…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(data) => view! { {header()}
                            <FailedMail count=data.failed_mail />
                            <MonthPicker nav=data.nav.clone() path="/admin" />
                            <h2 data-testid="stats-month">{data.nav.label.clone()}</h2>
                            <Figures figures=data.figures />
                            <section class="stack" aria-labelledby="orders-by-status">
                                <h3 id="orders-by-status">"Orders placed this month, by status"</h3>
                                <BarChart
                                    label="Orders by status"
                                    bars=data.orders_by_status.iter().map(|(status, orders)| (status.clone(), *orders, format!("{orders} orders"))).collect()
                                />
                                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="orders-by-status">
                                    <table class="table">
                                        <thead><tr><th scope="col">"Status"</th><th scope="col">"Orders"</th></tr></thead>
                                        <tbody>
                                            {data.orders_by_status.into_iter().map(|(status, orders)| view! {
                                                <tr><th scope="row">{status}</th><td>{orders}</td></tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            </section>
                            <section class="stack" aria-labelledby="gmv-days">
                                <h3 id="gmv-days">"GMV by day"</h3>
                                <DayChart days=data.days.clone() />
                                <details>
                                    <summary>"GMV and units of every day"</summary>
                                    <SalesTable caption="GMV by day" first="Day" rows=data.days />
                                </details>
                            </section>
                            <h2 id="activity-heading">"Latest activity"</h2>
                            <ListTable rows=data.recent columns=audit::COLUMNS row=audit::entry labelled_by="activity-heading" />
                            <p><a href="/admin/audit">"The whole audit log"</a></p>
                        }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// How much mail the outbox gave up on, whatever the month, with the way
/// to the list.
#[component]
fn FailedMail(count: i64) -> impl IntoView {
    let text = match count {
        0 => "No mail failed: everything written was sent or is on its way.".to_owned(),
        1 => "1 message could not be sent.".to_owned(),
        n => format!("{n} messages could not be sent."),
    };
    let failed = count > 0;
    let class = if failed { "alert alert--error" } else { "" };
    view! {
        <section class="stack" aria-labelledby="failed-mail-heading">
            <h2 id="failed-mail-heading">"Mail"</h2>
            <p class=class data-testid="failed-mail">
                {text}
                {failed.then(|| view! { " " <a href="/admin/mail">"See the failed mail"</a> })}
            </p>
        </section>
    }
}

/// `/admin/*`: any other path answers 404, but only to admins.
#[component]
pub fn AdminAreaPage() -> impl IntoView {
    let allowed = Resource::new(|| (), |_| admin_area());
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let error = allowed.await.err().unwrap_or(AppError::NotFound);
                view! { <ErrorView error /> }
            })}
        </Suspense>
    }
}
