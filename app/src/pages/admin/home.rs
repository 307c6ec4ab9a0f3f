//! `/admin`: counts and the latest audit entries. Any other `/admin/…` path
//! not built yet answers after the same permission check.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    admin::{admin_area, admin_overview},
    components::error_view::ErrorView,
    error::AppError,
};

#[component]
pub fn AdminHomePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| admin_overview());
    view! {
        <Title text="Platform admin" />
        <section class="container section stack">
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(data) => view! {
                            <h1>"Platform admin"</h1>
                            <p>{format!("{} active accounts, {} stores.", data.users, data.stores)}</p>
                            <h2 id="activity-heading">"Latest activity"</h2>
                            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="activity-heading">
                                <table class="table">
                                    <thead>
                                        <tr><th scope="col">"When"</th><th scope="col">"Who"</th><th scope="col">"Action"</th><th scope="col">"Target"</th><th scope="col">"IP"</th></tr>
                                    </thead>
                                    <tbody>
                                        {data.recent.into_iter().map(|row| view! {
                                            <tr><td>{row.at}</td><td>{row.actor}</td><td><code>{row.action}</code></td><td>{row.target}</td><td>{row.ip}</td></tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// `/admin/*`: pages still to come answer 404, but only to admins.
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
