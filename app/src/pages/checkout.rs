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
    view! {
        <Title text="Checkout" />
        <section class="container section stack">
            <h1>"Checkout"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Loading your order…"</p> }>
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
    if details.cart.stores.is_empty() {
        return view! {
            <FormStatus feedback />
            <div class="empty">
                <p>"Your cart is empty."</p>
                <p><a href="/products">"Browse products"</a></p>
            </div>
        }
        .into_any();
    }
    if !details.verified {
        return view! {
            <p class="alert alert--warning">
                "Confirm your email address before checking out: we send your order confirmation there. "
                <a href="/account">"Go to your account"</a>
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
    let total_label = if details.cart.country.is_some() {
        "Total with shipping: "
    } else {
        "Total before shipping: "
    };
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
                    <h2>"Your email"</h2>
                    <p>
                        "Checking out as a guest. Have an account? "
                        <a href="/login?next=/checkout">"Sign in"</a>
                    </p>
                    <Field feedback name="email" label="Email" kind="email" autocomplete="email" required=true
                        hint="We send your order confirmation and a link to your order here." />
                })}
                <h2 id="address-heading">"Shipping address"</h2>
                <FormStatus feedback />
                {move || {
                    let problems = cart_problems();
                    (!problems.is_empty()).then(|| view! {
                        <div class="alert alert--error" role="alert">
                            <p>"Some items cannot be bought as they are:"</p>
                            <ul>{problems}</ul>
                            <p><a href="/cart">"Change your cart"</a></p>
                        </div>
                    })
                }}
                {move || saved_problem().map(|message| view! { <p class="alert alert--error" role="alert">{message}</p> })}
                {has_book.then(|| view! {
                    <fieldset class="address-choices stack">
                        <legend>"Deliver to"</legend>
                        {book.into_iter().map(|saved| {
                            let id = format!("address-{}", saved.id);
                            let label_for = id.clone();
                            let checked = picked == saved.id.to_string();
                            view! {
                                <div class="shipping-option">
                                    <input type="radio" id=id name="address_id" value=saved.id.to_string() checked=checked />
                                    <label for=label_for>
                                        {saved.summary}
                                        {saved.is_default.then(|| view! { <span class="muted">" (default)"</span> })}
                                    </label>
                                </div>
                            }
                        }).collect_view()}
                        <div class="shipping-option">
                            <input type="radio" id="address-new" name="address_id" value="new" checked=picked == "new" />
                            <label for="address-new">"A new address"</label>
                        </div>
                    </fieldset>
                })}
                <div class="new-address stack">
                    <AddressFields feedback countries=countries.clone() country=chosen_country required=!has_book />
                    {(!guest).then(|| view! {
                        <label class="choice" for="remember-address">
                            <input type="checkbox" id="remember-address" name="remember" value="on" checked />
                            <span>"Keep this address in my address book"</span>
                        </label>
                    })}
                </div>
                <label class="choice" for="bill-elsewhere">
                    <input type="checkbox" id="bill-elsewhere" name="bill_elsewhere" value="on" checked=bill_elsewhere />
                    <span>"Bill to another address"</span>
                </label>
                <fieldset class="billing-address stack">
                    <legend>"Billing address"</legend>
                    <Field feedback name="billing_name" label="Billing name" autocomplete="billing name" />
                    <Field feedback name="billing_line1" label="Billing street and number" autocomplete="billing address-line1" />
                    <Field feedback name="billing_line2" label="Billing apartment, floor (optional)" autocomplete="billing address-line2" />
                    <div class="field-row">
                        <Field feedback name="billing_postal_code" label="Billing postal code" autocomplete="billing postal-code" />
                        <Field feedback name="billing_city" label="Billing city" autocomplete="billing address-level2" />
                    </div>
                    <CountrySelect feedback name="billing_country" label="Billing country" countries=countries chosen=String::new() />
                </fieldset>
                {(!guest).then(|| view! { <p class="muted">{format!("The confirmation goes to {}.", details.email)}</p> })}
                <Submit label="Place order and pay" pending=place.pending().into() />
                <p class="muted">"You pay on the next page. Your items are held for 30 minutes."</p>
            </ActionForm>
            <section class="card stack" aria-labelledby="summary-heading">
                <h2 id="summary-heading">"Your order"</h2>
                <DeliverTo cart actions=shipping flash=shipping_flash />
                {(!details.cart.notices.is_empty()).then(|| view! {
                    <ul class="alert alert--warning">
                        {details.cart.notices.into_iter().map(|notice| view! { <li>{notice}</li> }).collect_view()}
                    </ul>
                })}
                {details.cart.stores.into_iter().map(|store| view! {
                    <h3>{format!("From {}", store.name)}</h3>
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
                    <p class="cart-store__subtotal">"Subtotal: " <strong>{store.subtotal.clone()}</strong></p>
                    <StoreShipping store country=country.clone() actions=shipping />
                }).collect_view()}
                <p class="cart-total">{total_label} <strong data-testid="checkout-total">{details.cart.total}</strong></p>
                {details.cart.vat.map(|vat| view! { <p class="cart-total muted">{format!("Includes VAT of {vat}")}</p> })}
                <p><a href="/cart">"Change your cart"</a></p>
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
    view! {
        <section class="container section stack">
            <Transition fallback=|| view! { <p class="loading">"Confirming your payment…"</p> }>
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
    let paid = order.status == "paid";
    let title = if paid {
        format!("Thank you: order {}", order.number)
    } else {
        format!("Order {}", order.number)
    };
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        {if paid {
            view! {
                <p class="alert alert--success" data-testid="order-paid">
                    {format!("Your payment of {} was received. A confirmation is on its way to {}.", order.total, order.email)}
                </p>
            }.into_any()
        } else {
            view! {
                <p class="alert alert--warning" role="status" data-testid="payment-pending">
                    "We are still waiting for your bank to confirm the payment. This page changes by itself once it does."
                </p>
                <RefreshWithoutScript seconds=5 />
            }.into_any()
        }}
        <h2>"Shipping to"</h2>
        <ShippingAddress address=order.address.clone() />
        {order.parts.into_iter().map(|part| {
            let receipt_href = format!("/account/orders/{}/receipts/{}", order.number, part.id);
            view! { <OrderPart part receipt_href /> }
        }).collect_view()}
        <p class="cart-total">"Total: " <strong>{order.total}</strong></p>
        <p class="link-row">
            <a href=format!("/account/orders/{}", order.number)>"Follow this order"</a>
            <a href="/products">"Continue shopping"</a>
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
    view! {
        <Title text="Payment not completed" />
        <section class="container narrow section stack">
            <h1>"Payment not completed"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Loading your order…"</p> }>
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
    if !order.awaiting_payment {
        return view! {
            <p>{format!("Order {} is no longer waiting for payment.", order.number)}</p>
            <p><a href=format!("/account/orders/{}", order.number)>"See the order"</a></p>
        }
        .into_any();
    }
    let number = order.number.clone();
    let cancel_number = order.number.clone();
    view! {
        <p>
            {format!("Order {} ({}) is kept until {} and its items are held for you until then.", order.number, order.total, order.pay_before)}
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
                <Submit label="Pay now" pending=pay.pending().into() />
            </ActionForm>
            <ActionForm action=cancel>
                <input type="hidden" name="number" value=cancel_number />
                <Submit label="Cancel the order" pending=cancel.pending().into() class="button" />
            </ActionForm>
        </div>
        <p class="muted">"Cancelling puts the items back in your cart."</p>
    }
    .into_any()
}
