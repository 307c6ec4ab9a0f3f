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
    i18n::{msg, use_lang},
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
    let lang = use_lang();
    view! {
        <Title text=lang.t(msg::YOUR_ORDERS) />
        <section class="container section stack">
            <h1>{lang.t(msg::YOUR_ORDERS)}</h1>
            <p><a href=lang.path("/account")>{lang.t(msg::BACK_TO_ACCOUNT)}</a></p>
            <Transition fallback=move || view! { <p class="loading">{lang.t(msg::LOADING_ORDERS)}</p> }>
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
    let lang = use_lang();
    if list.rows.is_empty() && list.page == 1 {
        return view! {
            <div class="empty">
                <p>{lang.t(msg::NO_ORDERS_YET)}</p>
                <p><a href=lang.path("/products")>{lang.t(msg::BROWSE_PRODUCTS)}</a></p>
            </div>
        }
        .into_any();
    }
    let page = |page: i64| lang.path(&format!("/account/orders?page={page}"));
    let previous = (list.page > 1).then(|| page(list.page - 1));
    let next = list.more.then(|| page(list.page + 1));
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=lang.t(msg::YOUR_ORDERS)>
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">{lang.t(msg::COLUMN_ORDER)}</th>
                        <th scope="col">{lang.t(msg::COLUMN_PLACED)}</th>
                        <th scope="col">{lang.t(msg::COLUMN_ITEMS)}</th>
                        <th scope="col">{lang.t(msg::COLUMN_TOTAL)}</th>
                        <th scope="col">{lang.t(msg::COLUMN_STATUS)}</th>
                    </tr>
                </thead>
                <tbody>
                    {list.rows.into_iter().map(|row| view! {
                        <tr data-testid="order-row">
                            <td><a href=lang.path(&format!("/account/orders/{}", row.number))>{row.number.clone()}</a></td>
                            <td>{row.placed}</td>
                            <td>
                                {lang.t_args(
                                    msg::ITEMS_FROM_STORES,
                                    &[("items", row.items.into()), ("stores", row.stores.into())],
                                )}
                            </td>
                            <td>{row.total}</td>
                            <td><StatusBadge status=row.status /></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {(previous.is_some() || next.is_some()).then(|| view! {
            <PageLinks previous next place=lang.t_args(msg::PAGE_NUMBER, &[("page", list.page.into())]) />
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
    let lang = use_lang();
    view! {
        <section class="container section stack">
            <p><a href=lang.path("/account/orders")>{lang.t(msg::ALL_YOUR_ORDERS)}</a></p>
            <Transition fallback=move || view! { <p class="loading">{lang.t(msg::LOADING_ORDER)}</p> }>
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
    let lang = use_lang();
    let title = lang.t_args(
        msg::ORDER_NUMBER,
        &[("number", order.number.clone().into())],
    );
    let awaiting = order.awaiting_payment;
    view! {
        <Title text=title.clone() />
        <div class="page-heading">
            <h1>{title}</h1>
            <span data-testid="order-status"><StatusBadge status=order.status.clone() /></span>
        </div>
        <p class="muted">
            {lang.t_args(
                msg::PLACED_WITH_TOTAL,
                &[("date", order.placed.clone().into()), ("total", order.total.clone().into())],
            )}
        </p>
        {(awaiting && payment_unavailable).then(|| view! {
            <p class="alert alert--warning" role="status">{lang.t(msg::PAYMENT_PAGE_UNAVAILABLE)}</p>
        })}
        {awaiting.then(|| view! { <PayOrCancel order=order.clone() /> })}
        {order.payment_problem.clone().map(|_| view! {
            <p class="alert alert--warning" role="status">{lang.t(msg::CHECKING_PAYMENT)}</p>
        })}
        <h2>{lang.t(msg::SHIPPING_TO)}</h2>
        <ShippingAddress address=order.address.clone() />
        {order.parts.into_iter().map(|part| {
            let receipt_href =
                lang.path(&format!("/account/orders/{}/receipts/{}", order.number, part.id));
            view! { <OrderPart part receipt_href /> }
        }).collect_view()}
        <p class="cart-total">{lang.t(msg::TOTAL)} " " <strong>{order.total}</strong></p>
    }
}
