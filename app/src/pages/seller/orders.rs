//! `/seller/orders` and `/seller/orders/{id}`: the store's part of each
//! paid order, and shipping, delivering, cancelling or refunding it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{NewOrdersNotice, orders_changed};
use crate::{
    api::{
        flash::take_flash,
        orders::{OrderView, status_label},
        seller::orders::{
            StoreOrderAction, StoreOrderList, StoreOrderRow, forms, seller_order, seller_orders,
        },
    },
    components::{
        error_view::ErrorView,
        list_page::{ListFilters, ListTable, NoMatch, Pages, page_number},
        order::{OrderPart, ShippingAddress, StatusBadge},
    },
    error::AppError,
    forms::{Feedback, Field, FormStatus, Submit, feedback},
};

#[component]
pub fn SellerOrdersPage() -> impl IntoView {
    let query = use_query_map();
    let read = move || {
        query.with(|q| {
            (
                q.get("status").unwrap_or_default(),
                q.get("number").unwrap_or_default(),
                page_number(q),
            )
        })
    };
    let changed = orders_changed();
    let list = Resource::new(
        move || (read(), changed.get()),
        |((status, number, page), _)| seller_orders(status, number, page),
    );
    let unopened =
        Signal::derive(move || list.get().and_then(Result::ok).map(|list| list.unopened));
    view! {
        <Title text="Orders · Seller admin" />
        <section class="container section stack">
            <h1>"Orders"</h1>
            <p><a href="/seller">"Back to your store"</a></p>
            <NewOrdersNotice unopened />
            <ListFilters label="Find orders">
                <div class="field">
                    <label for="orders-status">"Status"</label>
                    <select id="orders-status" class="input" name="status">
                        <option value="">"Any status"</option>
                        {["paid", "shipped", "delivered", "cancelled", "refunded"].into_iter().map(|value| view! {
                            <option value=value selected=move || read().0 == value>{status_label(crate::i18n::use_lang(), value)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="orders-number">"Order number"</label>
                    <input id="orders-number" class="input" type="search" name="number" value=move || read().1 />
                </div>
            </ListFilters>
            <Transition fallback=|| view! { <p class="loading">"Loading orders…"</p> }>
                {move || Suspend::new(async move {
                    let filtered = { let (status, number, _) = read(); !status.is_empty() || !number.is_empty() };
                    match list.await {
                        Ok(list) => view! { <OrderTable list filtered /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn OrderTable(list: StoreOrderList, filtered: bool) -> impl IntoView {
    let empty = move || {
        if filtered {
            view! { <NoMatch message="No orders match." all_href="/seller/orders" all_label="Show all orders" /> }
                .into_any()
        } else {
            view! { <div class="empty"><p>"No orders yet. Paid orders appear here."</p></div> }
                .into_any()
        }
    };
    view! {
        <ListTable
            rows=list.rows
            columns=&["Order", "Paid", "Customer", "Items", "Subtotal", "Status"]
            count=format!("{} orders", list.total)
            labelled_by="orders-count"
            pages=Pages { path: "/seller/orders", keys: &["status", "number"], page: list.page, page_count: list.page_count }
            empty
            row=|row: StoreOrderRow| view! {
                <tr data-testid="seller-order-row">
                    <td>
                        <a href=format!("/seller/orders/{}", row.id)>{row.number.clone()}</a>
                        {row.new.then(|| view! { " " <span class="badge badge--new">"New"</span> })}
                    </td>
                    <td>{row.paid}</td>
                    <td>{row.customer}</td>
                    <td>{row.items}</td>
                    <td>{row.subtotal}</td>
                    <td><StatusBadge status=row.status /></td>
                </tr>
            }
        />
    }
}

#[component]
pub fn SellerOrderPage() -> impl IntoView {
    let params = use_params_map();
    let act = ServerAction::<StoreOrderAction>::new();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let changed = orders_changed();
    let order = Resource::new(
        move || (id(), act.version().get(), changed.get()),
        |(id, _, _)| async move {
            match id {
                Some(id) => seller_order(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let flash = Resource::new(|| (), |_| take_flash(forms::ACTION.into()));
    view! {
        <section class="container section stack">
            <p><a href="/seller/orders">"All orders"</a></p>
            <Transition fallback=|| view! { <p class="loading">"Loading the order…"</p> }>
                {move || Suspend::new(async move {
                    let flash = flash.await.ok().flatten();
                    match order.await {
                        Ok(order) => {
                            let feedback = feedback(act.value(), flash);
                            let id = id().unwrap_or_default();
                            view! { <StoreOrder order id feedback act /> }.into_any()
                        }
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn StoreOrder(
    order: OrderView,
    id: i64,
    feedback: Signal<Feedback>,
    act: ServerAction<StoreOrderAction>,
) -> impl IntoView {
    let title = format!("Order {}", order.number);
    let Some(part) = order.parts.first().cloned() else {
        return view! { <ErrorView error=AppError::NotFound /> }.into_any();
    };
    let status = part.status.clone();
    view! {
        <Title text=format!("{title} · Seller admin") />
        <div class="page-heading">
            <h1>{title}</h1>
            <span data-testid="order-status"><StatusBadge status=status.clone() /></span>
        </div>
        <p class="muted">{format!("Placed {} by {}", order.placed, order.email)}</p>
        {order.payment_problem.clone().map(|problem| view! {
            <p class="alert alert--warning" role="status">{problem}</p>
        })}
        <FormStatus feedback />
        <Actions status id feedback act />
        <h2>"Ship to"</h2>
        <ShippingAddress address=order.address />
        <OrderPart part money=true receipt_href=format!("/seller/orders/{id}/receipt") />
    }
    .into_any()
}

/// The actions the store order's status allows, and only those.
#[component]
fn Actions(
    status: String,
    id: i64,
    feedback: Signal<Feedback>,
    act: ServerAction<StoreOrderAction>,
) -> impl IntoView {
    let pending: Signal<bool> = act.pending().into();
    let hidden = move |action: &'static str| {
        view! {
            <input type="hidden" name="id" value=id.to_string() />
            <input type="hidden" name="action" value=action />
        }
    };
    let give_back = move |action: &'static str, label: &'static str| {
        let problem = move || feedback.with(|f| f.problem("confirm"));
        view! {
            <ActionForm action=act attr:class="stack card" attr:aria-labelledby=format!("{action}-heading")>
                <h2 id=format!("{action}-heading")>{label}</h2>
                {hidden(action)}
                <div class="field" class:field--invalid=move || problem().is_some()>
                    <label>
                        <input type="checkbox" name="confirm" value="yes" />
                        " I understand the customer is refunded in full and the stock is put back"
                    </label>
                    {move || problem().map(|message| view! { <p class="field__error">{message}</p> })}
                </div>
                <Submit label=label pending class="button button--danger" />
            </ActionForm>
        }
    };
    match status.as_str() {
        "paid" => view! {
            <ActionForm action=act attr:class="stack card" attr:aria-labelledby="ship-heading">
                <h2 id="ship-heading">"Ship"</h2>
                {hidden("ship")}
                <Field feedback name="carrier" label="Carrier" required=true />
                <Field feedback name="tracking_number" label="Tracking number" required=true />
                <Submit label="Ship" pending />
            </ActionForm>
            {give_back("cancel", "Cancel and refund")}
        }
        .into_any(),
        "shipped" => view! {
            <ActionForm action=act attr:class="card">
                {hidden("deliver")}
                <Submit label="Mark delivered" pending />
            </ActionForm>
            {give_back("refund", "Refund")}
        }
        .into_any(),
        "delivered" => give_back("refund", "Refund").into_any(),
        _ => {
            view! { <p class="muted">"This order is closed: nothing more can be done with it."</p> }
                .into_any()
        }
    }
}
