//! The platform admin under `/admin`.

pub mod audit;
pub mod categories;
pub mod home;
pub mod mail;
pub mod orders;
pub mod stores;
pub mod users;
pub mod vat;

use leptos::prelude::*;

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
            <a href="/admin/mail">"Failed mail"</a>
            <a href="/admin/vat">"VAT rates"</a>
        </nav>
    }
}
