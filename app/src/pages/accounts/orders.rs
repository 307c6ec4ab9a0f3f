//! `/account/orders` and `/account/orders/{number}`: what the customer
//! bought, each store's part with its status and tracking.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::orders::{
        OrderView,
        customer::{OrderList, my_order, my_orders},
    },
    components::{
        error_view::ErrorView,
        order::{OrderPart, ShippingAddress, StatusBadge},
        pagination::PageLinks,
    },
    live::use_live,
    pages::checkout::PayOrCancel,
};

/// A counter that moves when one of the shopper's orders changes: its
/// payment, or a store's part of it (shipped, delivered, refunded).
fn orders_changed() -> ReadSignal<u32> {
    use_live(|change| matches!(change.kind.as_str(), "order" | "store_order"))
}

#[component]
pub fn OrdersPage() -> impl IntoView {
    let query = use_query_map();
    let page = move || {
        query.with(|q| {
            q.get("page")
                .and_then(|p| p.parse::<i64>().ok())
                .unwrap_or(1)
        })
    };
    let changed = orders_changed();
    let list = Resource::new(move || (page(), changed.get()), |(page, _)| my_orders(page));
    view! {
        <Title text="Your orders" />
        <section class="container section stack">
            <h1>"Your orders"</h1>
            <p><a href="/account">"Back to your account"</a></p>
            <Transition fallback=|| view! { <p class="loading">"Loading your orders…"</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(list) => view! { <OrderTable list /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn OrderTable(list: OrderList) -> impl IntoView {
    if list.rows.is_empty() && list.page == 1 {
        return view! {
            <div class="empty">
                <p>"You have not ordered anything yet."</p>
                <p><a href="/products">"Browse products"</a></p>
            </div>
        }
        .into_any();
    }
    let previous = (list.page > 1).then(|| format!("/account/orders?page={}", list.page - 1));
    let next = list
        .more
        .then(|| format!("/account/orders?page={}", list.page + 1));
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="Your orders">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">"Order"</th>
                        <th scope="col">"Placed"</th>
                        <th scope="col">"Items"</th>
                        <th scope="col">"Total"</th>
                        <th scope="col">"Status"</th>
                    </tr>
                </thead>
                <tbody>
                    {list.rows.into_iter().map(|row| view! {
                        <tr data-testid="order-row">
                            <td><a href=format!("/account/orders/{}", row.number)>{row.number.clone()}</a></td>
                            <td>{row.placed}</td>
                            <td>{format!("{} from {} {}", row.items, row.stores, if row.stores == 1 { "store" } else { "stores" })}</td>
                            <td>{row.total}</td>
                            <td><StatusBadge status=row.status /></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {(previous.is_some() || next.is_some()).then(|| view! {
            <PageLinks previous next place=format!("Page {}", list.page) />
        })}
    }
    .into_any()
}

#[component]
pub fn OrderPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let changed = orders_changed();
    let order = Resource::new(
        move || {
            (
                params.with(|p| p.get("number").unwrap_or_default()),
                changed.get(),
            )
        },
        |(number, _)| my_order(number),
    );
    let payment_unavailable = move || query.with(|q| q.get("payment").is_some());
    view! {
        <section class="container section stack">
            <p><a href="/account/orders">"All your orders"</a></p>
            <Transition fallback=|| view! { <p class="loading">"Loading the order…"</p> }>
                {move || Suspend::new(async move {
                    match order.await {
                        Ok(order) => view! { <OrderDetails order payment_unavailable=payment_unavailable() /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn OrderDetails(order: OrderView, payment_unavailable: bool) -> impl IntoView {
    let title = format!("Order {}", order.number);
    let awaiting = order.awaiting_payment;
    view! {
        <Title text=title.clone() />
        <div class="page-heading">
            <h1>{title}</h1>
            <span data-testid="order-status"><StatusBadge status=order.status.clone() /></span>
        </div>
        <p class="muted">{format!("Placed {} · total {}", order.placed, order.total)}</p>
        {(awaiting && payment_unavailable).then(|| view! {
            <p class="alert alert--warning" role="status">
                "Your order is placed, but the payment page could not be opened just now. Try again below."
            </p>
        })}
        {awaiting.then(|| view! { <PayOrCancel order=order.clone() /> })}
        {order.payment_problem.clone().map(|_| view! {
            <p class="alert alert--warning" role="status">
                "We are checking the payment of this order and will contact you by email."
            </p>
        })}
        <h2>"Shipping to"</h2>
        <ShippingAddress address=order.address.clone() />
        {order.parts.into_iter().map(|part| {
            let receipt_href = format!("/account/orders/{}/receipts/{}", order.number, part.id);
            view! { <OrderPart part receipt_href /> }
        }).collect_view()}
        <p class="cart-total">"Total: " <strong>{order.total}</strong></p>
    }
}
