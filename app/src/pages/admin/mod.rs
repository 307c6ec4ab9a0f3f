//! The platform admin under `/admin`.

pub mod audit;
pub mod categories;
pub mod home;
pub mod orders;
pub mod stores;
pub mod users;

use leptos::prelude::*;

use crate::{admin::admin_area, components::error_view::ErrorView};

/// Renders its children for platform admins only; anybody else gets the
/// error page and nothing of the admin page, whose data is not even asked
/// for.
#[component]
pub fn AdminOnly(children: ChildrenFn) -> impl IntoView {
    let allowed = Resource::new(|| (), |_| admin_area());
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    match allowed.await {
                        Ok(()) => children().into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The admin area's sections.
#[component]
pub fn AdminNav() -> impl IntoView {
    view! {
        <nav class="subnav" aria-label="Platform admin">
            <a href="/admin">"Dashboard"</a>
            <a href="/admin/users">"Users"</a>
            <a href="/admin/stores">"Stores"</a>
            <a href="/admin/categories">"Categories"</a>
            <a href="/admin/orders">"Orders"</a>
            <a href="/admin/audit">"Audit log"</a>
        </nav>
    }
}
