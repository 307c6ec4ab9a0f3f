//! `/admin/orders` and `/admin/orders/{number}`: every store's orders,
//! read-only.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::AdminNav;
use crate::{
    api::{
        admin::{
            Listing,
            orders::{OrderRowView, admin_order, admin_orders},
        },
        orders::{OrderView, status_label},
    },
    components::{
        error_view::ErrorView,
        list_page::{ListFilters, ListTable, NoMatch, Pages, page_number},
        order::{OrderPart, ShippingAddress, StatusBadge},
    },
};

const FILTERS: &[&str] = &["q", "status"];

#[component]
pub fn AdminOrdersPage() -> impl IntoView {
    let query = use_query_map();
    let read = move || {
        query.with(|q| {
            (
                q.get("q").unwrap_or_default(),
                q.get("status").unwrap_or_default(),
                page_number(q),
            )
        })
    };
    let list = Resource::new(read, |(text, status, page)| {
        admin_orders(text, status, page)
    });
    // Shown with the data only: a refused visitor gets the error page alone.
    let header = move || {
        view! {
            <h1>"Orders"</h1>
            <AdminNav />
            <ListFilters label="Find orders">
                <div class="field">
                    <label for="orders-q">"Order number or email"</label>
                    <input id="orders-q" class="input" type="search" name="q" value=move || read().0 />
                </div>
                <div class="field">
                    <label for="orders-status">"Status"</label>
                    <select id="orders-status" class="input" name="status">
                        <option value="">"Any status"</option>
                        {["pending_payment", "paid", "cancelled", "expired"].into_iter().map(|status| view! {
                            <option value=status selected=move || read().1 == status>{status_label(crate::i18n::use_lang(), status)}</option>
                        }).collect_view()}
                    </select>
                </div>
            </ListFilters>
        }
    };
    view! {
        <Title text="Orders · Platform admin" />
        <section class="container section stack">
            <Transition fallback=|| view! { <p class="loading">"Loading orders…"</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(list) => view! { {header()} <OrderTable list /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn OrderTable(list: Listing<OrderRowView>) -> impl IntoView {
    view! {
        <ListTable
            rows=list.rows
            columns=&["Order", "Placed", "Customer", "Stores", "Total", "Status"]
            count=format!("{} orders", list.total)
            labelled_by="orders-count"
            pages=Pages { path: "/admin/orders", keys: FILTERS, page: list.page, page_count: list.page_count }
            empty=|| view! { <NoMatch message="No order matches." all_href="/admin/orders" all_label="Show every order" /> }
            row=|order: OrderRowView| view! {
                <tr data-testid="order-row">
                    <td><a href=format!("/admin/orders/{}", order.number)>{order.number.clone()}</a></td>
                    <td>{order.placed}</td>
                    <td>{order.email}</td>
                    <td>{order.stores}</td>
                    <td>{order.total}</td>
                    <td><StatusBadge status=order.status /></td>
                </tr>
            }
        />
    }
}

#[component]
pub fn AdminOrderPage() -> impl IntoView {
    let params = use_params_map();
    let order = Resource::new(
        move || params.with(|p| p.get("number").unwrap_or_default()),
        admin_order,
    );
    view! {
        <section class="container section stack">
            <p><a href="/admin/orders">"All orders"</a></p>
            <Suspense fallback=|| view! { <p class="loading">"Loading the order…"</p> }>
                {move || Suspend::new(async move {
                    match order.await {
                        Ok(order) => view! { <Order order /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Order(order: OrderView) -> impl IntoView {
    let title = format!("Order {}", order.number);
    view! {
        <Title text=format!("{title} · Platform admin") />
        <div class="page-heading">
            <h1>{title}</h1>
            <span data-testid="order-status"><StatusBadge status=order.status.clone() /></span>
        </div>
        <p class="muted">{format!("Placed {} by {} · total {}", order.placed, order.email, order.total)}</p>
        {order.payment_problem.clone().map(|problem| view! {
            <p class="alert alert--warning" role="status">{problem}</p>
        })}
        <h2>"Shipping to"</h2>
        <ShippingAddress address=order.address.clone() />
        {order.parts.into_iter().map(|part| view! { <OrderPart part money=true /> }).collect_view()}
    }
}
