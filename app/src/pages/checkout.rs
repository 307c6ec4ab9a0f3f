//! `/checkout`, `/checkout/success` and `/checkout/cancel`: the shipping
//! address and order summary, then the shopper's return from the payment page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::{
        cart::forms::SHIPPING,
        flash::take_flash,
        orders::{
            OrderView,
            checkout::{CheckoutView, PayOrder, PlaceOrder, checkout_details, checkout_result},
            customer::{CancelOrder, my_order},
            forms,
        },
    },
    components::{
        address::{AddressFields, CountrySelect},
        error_view::ErrorView,
        order::{OrderPart, ShippingAddress},
        shipping::{DeliverTo, ShippingActions, StoreShipping},
    },
    forms::{Feedback, Field, FormStatus, Submit, feedback},
    i18n::{msg, use_lang},
    live::use_live,
};

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let place = ServerAction::<PlaceOrder>::new();
    let shipping = ShippingActions::default();
    // Placing can change the cart's country, and with it the shipping shown.
    let details = Resource::new(
        move || (place.version().get(), shipping.version()),
        |_| checkout_details(),
    );
    let flash = Resource::new(|| (), |_| take_flash(forms::CHECKOUT.into()));
    let shipping_flash = Resource::new(|| (), |_| take_flash(SHIPPING.into()));
    let lang = use_lang();
    let loading = move || view! { <p class="loading">{lang.t(msg::LOADING_ORDER)}</p> };
    view! {
        <Title text=lang.t(msg::CHECKOUT) />
        <section class="container section stack">
            <h1>{lang.t(msg::CHECKOUT)}</h1>
            <Suspense fallback=loading>
                {move || Suspend::new(async move {
                    let flash = flash.await.ok().flatten();
                    let shipping_flash = shipping_flash.await.ok().flatten();
                    match details.await {
                        Ok(details) => {
                            let feedback = feedback(place.value(), flash);
                            view! { <CheckoutForm details feedback place shipping shipping_flash /> }.into_any()
                        }
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn CheckoutForm(
    details: CheckoutView,
    feedback: Signal<Feedback>,
    place: ServerAction<PlaceOrder>,
    shipping: ShippingActions,
    shipping_flash: Option<Feedback>,
) -> impl IntoView {
    let lang = use_lang();
    if details.cart.stores.is_empty() {
        return view! {
            <FormStatus feedback />
            <div class="empty">
                <p>{lang.t(msg::CART_EMPTY)}</p>
                <p><a href=lang.path("/products")>{lang.t(msg::BROWSE_PRODUCTS)}</a></p>
            </div>
        }
        .into_any();
    }
    if !details.verified {
        return view! {
            <p class="alert alert--warning">
                {lang.t(msg::CONFIRM_EMAIL_FIRST)} " "
                <a href=lang.path("/account")>{lang.t(msg::GO_TO_ACCOUNT)}</a>
            </p>
        }
        .into_any();
    }
    let guest = details.guest;
    let book = details.addresses.clone();
    let has_book = !book.is_empty();
    // A refused form comes back with the choice it was sent with.
    let picked = feedback
        .with_untracked(|f| f.value("address_id"))
        .or_else(|| book.first().map(|saved| saved.id.to_string()))
        .unwrap_or_else(|| "new".to_owned());
    let bill_elsewhere = feedback.with_untracked(|f| f.value("bill_elsewhere").is_some());
    // The country shipping is shown for; a refusal for another country
    // changed the cart's to it.
    let chosen_country = details
        .cart
        .country
        .clone()
        .or_else(|| feedback.with_untracked(|f| f.value("country")))
        .unwrap_or_default();
    let country = details.cart.country_name();
    let countries = details.cart.countries.clone();
    let cart = details.cart.clone();
    let total_label = lang.t(if details.cart.country.is_some() {
        msg::TOTAL_WITH_SHIPPING
    } else {
        msg::TOTAL_BEFORE_SHIPPING
    });
    let cart_problems = move || {
        feedback.with(|f| {
            f.problems
                .iter()
                .filter(|(field, _)| field == "cart")
                .map(|(_, message)| view! { <li>{message.clone()}</li> })
                .collect::<Vec<_>>()
        })
    };
    // With a saved address the new address's fields are hidden, so a
    // problem with its country shows above them.
    let saved_problem = move || {
        feedback.with(|f| {
            f.value("address_id")
                .filter(|id| id.parse::<i64>().is_ok())
                .and_then(|_| f.problem("country"))
        })
    };
    view! {
        <div class="checkout">
            <ActionForm action=place attr:class="stack card checkout-form" attr:aria-labelledby="address-heading">
                {guest.then(|| view! {
                    <h2>{lang.t(msg::YOUR_EMAIL)}</h2>
                    <p>
                        {lang.t(msg::GUEST_CHECKOUT)} " "
                        <a href=format!("{}?next={}", lang.path("/login"), lang.path("/checkout"))>{lang.t(msg::SIGN_IN)}</a>
                    </p>
                    <Field feedback name="email" label=lang.t(msg::EMAIL) kind="email" autocomplete="email" required=true
                        hint=lang.t(msg::EMAIL_HINT) />
                })}
                <h2 id="address-heading">{lang.t(msg::SHIPPING_ADDRESS)}</h2>
                <FormStatus feedback />
                {move || {
                    let problems = cart_problems();
                    (!problems.is_empty()).then(|| view! {
                        <div class="alert alert--error" role="alert">
                            <p>{lang.t(msg::CANNOT_BUY_AS_IS)}</p>
                            <ul>{problems}</ul>
                            <p><a href=lang.path("/cart")>{lang.t(msg::CHANGE_YOUR_CART)}</a></p>
                        </div>
                    })
                }}
                {move || saved_problem().map(|message| view! { <p class="alert alert--error" role="alert">{message}</p> })}
                {has_book.then(|| view! {
                    <fieldset class="address-choices stack">
                        <legend>{lang.t(msg::DELIVER_TO)}</legend>
                        {book.into_iter().map(|saved| {
                            let id = format!("address-{}", saved.id);
                            let label_for = id.clone();
                            let checked = picked == saved.id.to_string();
                            view! {
                                <div class="shipping-option">
                                    <input type="radio" id=id name="address_id" value=saved.id.to_string() checked=checked />
                                    <label for=label_for>
                                        {saved.summary}
                                        {saved.is_default.then(|| view! { <span class="muted">{format!(" {}", lang.t(msg::ADDRESS_DEFAULT))}</span> })}
                                    </label>
                                </div>
                            }
                        }).collect_view()}
                        <div class="shipping-option">
                            <input type="radio" id="address-new" name="address_id" value="new" checked=picked == "new" />
                            <label for="address-new">{lang.t(msg::A_NEW_ADDRESS)}</label>
                        </div>
                    </fieldset>
                })}
                <div class="new-address stack">
                    <AddressFields feedback countries=countries.clone() country=chosen_country required=!has_book />
                    {(!guest).then(|| view! {
                        <label class="choice" for="remember-address">
                            <input type="checkbox" id="remember-address" name="remember" value="on" checked />
                            <span>{lang.t(msg::KEEP_ADDRESS)}</span>
                        </label>
                    })}
                </div>
                <label class="choice" for="bill-elsewhere">
                    <input type="checkbox" id="bill-elsewhere" name="bill_elsewhere" value="on" checked=bill_elsewhere />
                    <span>{lang.t(msg::BILL_ELSEWHERE)}</span>
                </label>
                <fieldset class="billing-address stack">
                    <legend>{lang.t(msg::BILLING_ADDRESS)}</legend>
                    <Field feedback name="billing_name" label=lang.t(msg::BILLING_NAME) autocomplete="billing name" />
                    <Field feedback name="billing_line1" label=lang.t(msg::BILLING_LINE1) autocomplete="billing address-line1" />
                    <Field feedback name="billing_line2" label=lang.t(msg::BILLING_LINE2) autocomplete="billing address-line2" />
                    <div class="field-row">
                        <Field feedback name="billing_postal_code" label=lang.t(msg::BILLING_POSTAL_CODE) autocomplete="billing postal-code" />
                        <Field feedback name="billing_city" label=lang.t(msg::BILLING_CITY) autocomplete="billing address-level2" />
                    </div>
                    <CountrySelect feedback name="billing_country" label=lang.t(msg::BILLING_COUNTRY) countries=countries chosen=String::new() />
                </fieldset>
                {(!guest).then(|| view! {
                    <p class="muted">{lang.t_args(msg::CONFIRMATION_GOES_TO, &[("email", details.email.into())])}</p>
                })}
                <Submit label=lang.t(msg::PLACE_ORDER_AND_PAY) pending=place.pending().into() />
                <p class="muted">{lang.t(msg::PAY_ON_NEXT_PAGE)}</p>
            </ActionForm>
            <section class="card stack" aria-labelledby="summary-heading">
                <h2 id="summary-heading">{lang.t(msg::YOUR_ORDER)}</h2>
                <DeliverTo cart actions=shipping flash=shipping_flash />
                {(!details.cart.notices.is_empty()).then(|| view! {
                    <ul class="alert alert--warning">
                        {details.cart.notices.into_iter().map(|notice| view! { <li>{notice}</li> }).collect_view()}
                    </ul>
                })}
                {details.cart.stores.into_iter().map(|store| view! {
                    <h3>{lang.t_args(msg::FROM_STORE_NAMED, &[("store", store.name.clone().into())])}</h3>
                    <ul class="checkout-lines">
                        {store.lines.clone().into_iter().map(|line| view! {
                            <li class:cart-line--unavailable=!line.available>
                                <span>{format!("{} × {}", line.quantity, line.title)}
                                    {(!line.options.is_empty()).then(|| view! { <span class="muted">{format!(" · {}", line.options)}</span> })}
                                </span>
                                <span>{line.total}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                    <p class="cart-store__subtotal">{lang.t(msg::SUBTOTAL)} " " <strong>{store.subtotal.clone()}</strong></p>
                    <StoreShipping store country=country.clone() actions=shipping />
                }).collect_view()}
                <p class="cart-total">{total_label} " " <strong data-testid="checkout-total">{details.cart.total}</strong></p>
                {details.cart.vat.map(|vat| view! {
                    <p class="cart-total muted">{lang.t_args(msg::INCLUDES_VAT, &[("vat", vat.into())])}</p>
                })}
                <p><a href=lang.path("/cart")>{lang.t(msg::CHANGE_YOUR_CART)}</a></p>
            </section>
        </div>
    }
    .into_any()
}

#[component]
pub fn CheckoutSuccessPage() -> impl IntoView {
    let query = use_query_map();
    // The shopper's own orders are the only ones their stream reports.
    let paid = use_live(|change| change.kind == "order");
    let result = Resource::new(
        move || {
            (
                query.with(|q| q.get("session_id").unwrap_or_default()),
                paid.get(),
            )
        },
        |(session_id, _)| checkout_result(session_id),
    );
    let lang = use_lang();
    view! {
        <section class="container section stack">
            <Transition fallback=move || view! { <p class="loading">{lang.t(msg::CONFIRMING_PAYMENT)}</p> }>
                {move || Suspend::new(async move {
                    match result.await {
                        Ok(order) => view! { <Confirmation order /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Confirmation(order: OrderView) -> impl IntoView {
    let lang = use_lang();
    let paid = order.status == "paid";
    let number = [("number", order.number.clone().into())];
    let title = lang.t_args(
        if paid {
            msg::THANK_YOU_ORDER
        } else {
            msg::ORDER_NUMBER
        },
        &number,
    );
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        {if paid {
            view! {
                <p class="alert alert--success" data-testid="order-paid">
                    {lang.t_args(msg::PAYMENT_RECEIVED, &[("total", order.total.clone().into()), ("email", order.email.clone().into())])}
                </p>
            }.into_any()
        } else {
            view! {
                <p class="alert alert--warning" role="status" data-testid="payment-pending">
                    {lang.t(msg::PAYMENT_PENDING)}
                </p>
                <RefreshWithoutScript seconds=5 />
            }.into_any()
        }}
        <h2>{lang.t(msg::SHIPPING_TO)}</h2>
        <ShippingAddress address=order.address.clone() />
        {order.parts.into_iter().map(|part| {
            let receipt_href = format!("/account/orders/{}/receipts/{}", order.number, part.id);
            view! { <OrderPart part receipt_href /> }
        }).collect_view()}
        <p class="cart-total">{lang.t(msg::TOTAL)} " " <strong>{order.total}</strong></p>
        <p class="link-row">
            <a href=lang.path(&format!("/account/orders/{}", order.number))>{lang.t(msg::FOLLOW_ORDER)}</a>
            <a href=lang.path("/products")>{lang.t(msg::CONTINUE_SHOPPING)}</a>
        </p>
    }
}

/// Reloads the page every few seconds when JavaScript is off; hydrated, the
/// page follows its live updates instead. The `<noscript>` is written as
/// inner HTML because a browser running scripts reads its content as text,
/// which hydration would not find as elements.
#[component]
pub fn RefreshWithoutScript(seconds: u32) -> impl IntoView {
    let markup = format!(r#"<noscript><meta http-equiv="refresh" content="{seconds}"></noscript>"#);
    view! { <div hidden inner_html=markup></div> }
}

#[component]
pub fn CheckoutCancelPage() -> impl IntoView {
    let query = use_query_map();
    let order = Resource::new(
        move || query.with(|q| q.get("order").unwrap_or_default()),
        my_order,
    );
    let lang = use_lang();
    view! {
        <Title text=lang.t(msg::PAYMENT_NOT_COMPLETED) />
        <section class="container narrow section stack">
            <h1>{lang.t(msg::PAYMENT_NOT_COMPLETED)}</h1>
            <Suspense fallback=move || view! { <p class="loading">{lang.t(msg::LOADING_ORDER)}</p> }>
                {move || Suspend::new(async move {
                    match order.await {
                        Ok(order) => view! { <PayOrCancel order /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// For an order waiting for payment: pay now, or give it up and get the
/// items back in the cart.
#[component]
pub fn PayOrCancel(order: OrderView) -> impl IntoView {
    let pay = ServerAction::<PayOrder>::new();
    let cancel = ServerAction::<CancelOrder>::new();
    let flash = Resource::new(|| (), |_| take_flash(forms::PAY.into()));
    let lang = use_lang();
    if !order.awaiting_payment {
        return view! {
            <p>{lang.t_args(msg::NO_LONGER_AWAITING, &[("number", order.number.clone().into())])}</p>
            <p><a href=lang.path(&format!("/account/orders/{}", order.number))>{lang.t(msg::SEE_THE_ORDER)}</a></p>
        }
        .into_any();
    }
    let number = order.number.clone();
    let cancel_number = order.number.clone();
    view! {
        <p>
            {order.kept_until(lang)}
        </p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                // Both forms leave the same flash without JavaScript; it is shown once.
                let pay_feedback = feedback(pay.value(), flash);
                let cancel_feedback = feedback(cancel.value(), None);
                view! {
                    <FormStatus feedback=pay_feedback />
                    <FormStatus feedback=cancel_feedback />
                }
            })}
        </Suspense>
        <div class="toolbar">
            <ActionForm action=pay>
                <input type="hidden" name="number" value=number />
                <Submit label=lang.t(msg::PAY_NOW) pending=pay.pending().into() />
            </ActionForm>
            <ActionForm action=cancel>
                <input type="hidden" name="number" value=cancel_number />
                <Submit label=lang.t(msg::CANCEL_THE_ORDER) pending=cancel.pending().into() class="button" />
            </ActionForm>
        </div>
        <p class="muted">{lang.t(msg::CANCELLING_PUTS_BACK)}</p>
    }
    .into_any()
}
