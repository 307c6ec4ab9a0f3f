//! `/orders/{number}?key=…` and `/orders/{number}/receipts/{id}?key=…`: a
//! guest's order and receipts, opened by the signed link of their mails.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::{
        flash::take_flash,
        orders::{
            OrderView, forms,
            guest::{GuestOrderView, PayGuestOrder, RenewGuestLink, guest_order},
            receipts::guest_receipt,
        },
    },
    components::{
        error_view::ErrorView,
        order::{OrderPart, ShippingAddress, StatusBadge},
        receipt::ReceiptDocument,
    },
    forms::{FormStatus, Submit, feedback},
    i18n::{msg, use_lang},
    pages::checkout::RefreshWithoutScript,
};

#[component]
pub fn GuestOrderPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let number = move || params.with(|p| p.get("number").unwrap_or_default());
    let key = move || query.with(|q| q.get("key").unwrap_or_default());
    let renewed = move || query.with(|q| q.get("renewed").is_some()) && key().is_empty();
    let session_id = move || query.with(|q| q.get("session_id"));
    // Back from the payment page, the order is looked at again every few
    // seconds until the bank's answer arrives.
    let checks = RwSignal::new(0u32);
    let order = Resource::new(
        move || (number(), key(), session_id(), checks.get()),
        |(number, key, session_id, _)| guest_order(number, key, session_id),
    );
    let lang = use_lang();
    view! {
        <section class="container section stack">
            {move || if renewed() {
                view! {
                    <Title text=lang.t(msg::LINK_SENT) />
                    <h1>{lang.t(msg::LINK_SENT)}</h1>
                    <p class="alert alert--success" role="status">
                        {lang.t_args(msg::LINK_SENT_BODY, &[("number", number().into())])}
                    </p>
                }.into_any()
            } else {
                view! {
                    <Transition fallback=move || view! { <p class="loading">{lang.t(msg::LOADING_ORDER)}</p> }>
                        {move || Suspend::new(async move {
                            match order.await {
                                Ok(GuestOrderView::Order(order)) => {
                                    let waiting = session_id().is_some() && order.awaiting_payment;
                                    if waiting {
                                        check_again(checks);
                                    }
                                    view! { <GuestOrder order=*order key=key() waiting /> }.into_any()
                                }
                                Ok(GuestOrderView::Expired) => view! { <ExpiredLink number=number() key=key() /> }.into_any(),
                                Err(error) => view! { <ErrorView error /> }.into_any(),
                            }
                        })}
                    </Transition>
                }.into_any()
            }}
        </section>
    }
}

/// Counts `checks` up in a few seconds, which loads the order again.
fn check_again(checks: RwSignal<u32>) {
    #[cfg(feature = "hydrate")]
    set_timeout(
        move || {
            checks.try_update(|n| *n += 1);
        },
        std::time::Duration::from_secs(3),
    );
    #[cfg(not(feature = "hydrate"))]
    let _ = checks;
}

#[component]
fn GuestOrder(order: OrderView, key: String, waiting: bool) -> impl IntoView {
    let lang = use_lang();
    let title = lang.t_args(
        msg::ORDER_NUMBER,
        &[("number", order.number.clone().into())],
    );
    let paid = order.status == "paid";
    let awaiting = order.awaiting_payment;
    let number = order.number.clone();
    view! {
        <Title text=title.clone() />
        <div class="page-heading">
            <h1>{title}</h1>
            <span data-testid="order-status"><StatusBadge status=order.status.clone() /></span>
        </div>
        <p class="muted">
            {lang.t_args(
                msg::GUEST_PLACED,
                &[
                    ("date", order.placed.clone().into()),
                    ("total", order.total.clone().into()),
                    ("email", order.email.clone().into()),
                ],
            )}
        </p>
        {paid.then(|| view! {
            <p class="alert alert--success" data-testid="order-paid">
                {lang.t_args(
                    msg::PAYMENT_RECEIVED,
                    &[("total", order.total.clone().into()), ("email", order.email.clone().into())],
                )}
            </p>
        })}
        {waiting.then(|| view! {
            <p class="alert alert--warning" role="status" data-testid="payment-pending">
                {lang.t(msg::PAYMENT_PENDING)}
            </p>
            <RefreshWithoutScript seconds=5 />
        })}
        {(awaiting && !waiting).then(|| view! { <PayGuestOrderForm order=order.clone() key=key.clone() /> })}
        {order.payment_problem.clone().map(|_| view! {
            <p class="alert alert--warning" role="status">{lang.t(msg::CHECKING_PAYMENT)}</p>
        })}
        <h2>{lang.t(msg::SHIPPING_TO)}</h2>
        <ShippingAddress address=order.address.clone() />
        {order.parts.into_iter().map(|part| {
            let receipt_href =
                lang.path(&format!("/orders/{}/receipts/{}?key={}", order.number, part.id, key));
            view! { <OrderPart part receipt_href /> }
        }).collect_view()}
        <p class="cart-total">{lang.t(msg::TOTAL)} " " <strong>{order.total}</strong></p>
        <section class="card stack" aria-labelledby="link-heading">
            <h2 id="link-heading">{lang.t(msg::THIS_PAGES_LINK)}</h2>
            <p>{lang.t(msg::LINK_WARNING)}</p>
            <RenewLinkForm number key label=lang.t(msg::SEND_NEW_LINK) />
            <p class="muted">
                {lang.t(msg::ACCOUNT_SHOWS_ALL)} " "
                <a href=lang.path("/register")>{lang.t(msg::CREATE_ONE)}</a> "."
            </p>
        </section>
    }
}

/// Pay now, for a guest order waiting for payment.
#[component]
fn PayGuestOrderForm(order: OrderView, key: String) -> impl IntoView {
    let pay = ServerAction::<PayGuestOrder>::new();
    let flash = Resource::new(|| (), |_| take_flash(forms::PAY.into()));
    let lang = use_lang();
    view! {
        <p>
            {order.kept_until(lang)}
        </p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                view! { <FormStatus feedback=feedback(pay.value(), flash) /> }
            })}
        </Suspense>
        <ActionForm action=pay>
            <input type="hidden" name="number" value=order.number />
            <input type="hidden" name="key" value=key />
            <Submit label=lang.t(msg::PAY_NOW) pending=pay.pending().into() />
        </ActionForm>
    }
}

#[component]
fn ExpiredLink(number: String, key: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t(msg::LINK_EXPIRED) />
        <h1>{lang.t(msg::LINK_EXPIRED_HEADING)}</h1>
        <p>{lang.t_args(msg::LINK_EXPIRED_BODY, &[("number", number.clone().into())])}</p>
        <RenewLinkForm number key label=lang.t(msg::MAIL_NEW_LINK) />
    }
}

#[component]
fn RenewLinkForm(number: String, key: String, #[prop(into)] label: String) -> impl IntoView {
    let renew = ServerAction::<RenewGuestLink>::new();
    let flash = Resource::new(|| (), |_| take_flash(forms::RENEW_LINK.into()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                view! { <FormStatus feedback=feedback(renew.value(), flash) /> }
            })}
        </Suspense>
        <ActionForm action=renew>
            <input type="hidden" name="number" value=number />
            <input type="hidden" name="key" value=key />
            <Submit label pending=renew.pending().into() class="button" />
        </ActionForm>
    }
}

#[component]
pub fn GuestReceiptPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let source = move || {
        (
            params.with(|p| p.get("number").unwrap_or_default()),
            query.with(|q| q.get("key").unwrap_or_default()),
            params.with(|p| {
                p.get("id")
                    .and_then(|id| id.parse::<i64>().ok())
                    .unwrap_or_default()
            }),
        )
    };
    let receipt = Resource::new(source, |(number, key, id)| guest_receipt(number, key, id));
    view! {
        <section class="container section stack">
            <Suspense fallback=|| view! { <p class="loading">"Loading the receipt…"</p> }>
                {move || Suspend::new(async move {
                    match receipt.await {
                        Ok(receipt) => {
                            let (number, key, _) = source();
                            let back = format!("/orders/{number}?key={key}");
                            view! { <ReceiptDocument receipt back back_label="Back to the order" /> }.into_any()
                        }
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
