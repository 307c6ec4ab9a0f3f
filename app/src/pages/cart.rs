//! `/cart`: what the shopper is about to buy, grouped by store, at today's
//! prices.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::{
        cart::{CartView, LineView, UpdateCartLine, forms, my_cart},
        flash::take_flash,
    },
    components::{
        error_view::ErrorView,
        layout::CartChanged,
        shipping::{DeliverTo, ShippingActions, StoreShipping},
    },
    forms::{Feedback, feedback},
    i18n::{msg, use_lang},
};

#[component]
pub fn CartPage() -> impl IntoView {
    let update = ServerAction::<UpdateCartLine>::new();
    let shipping = ShippingActions::default();
    let cart = Resource::new(
        move || (update.version().get(), shipping.version()),
        |_| my_cart(),
    );
    CartChanged::follow(update.version());
    let flash = Resource::new(|| (), |_| take_flash(forms::CART.into()));
    let shipping_flash = Resource::new(|| (), |_| take_flash(forms::SHIPPING.into()));
    let lang = use_lang();
    view! {
        <Title text=lang.t(msg::YOUR_CART) />
        <section class="container section stack">
            <h1>{lang.t(msg::YOUR_CART)}</h1>
            <Transition fallback=move || view! { <p class="loading">{lang.t(msg::LOADING_CART)}</p> }>
                {move || Suspend::new(async move {
                    let flash = flash.await.ok().flatten();
                    let feedback = feedback(update.value(), flash);
                    let shipping_flash = shipping_flash.await.ok().flatten();
                    match cart.await {
                        Ok(cart) => view! {
                            <CartContents cart feedback update shipping shipping_flash />
                        }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn CartContents(
    cart: CartView,
    feedback: Signal<Feedback>,
    update: ServerAction<UpdateCartLine>,
    shipping: ShippingActions,
    shipping_flash: Option<Feedback>,
) -> impl IntoView {
    let lang = use_lang();
    let status = view! {
        <div aria-live="polite">
            {move || feedback.with(|f| {
                f.problems.iter().map(|(_, message)| view! {
                    <p class="alert alert--error" role="alert">{message.clone()}</p>
                }).collect_view()
            })}
            {move || feedback.with(|f| f.notice.clone()).map(|message| view! {
                <p class="alert alert--success">{message}</p>
            })}
        </div>
    };
    if cart.stores.is_empty() {
        return view! {
            {status}
            <div class="empty">
                <p>{lang.t(msg::CART_EMPTY)}</p>
                <p><a href=lang.path("/products")>{lang.t(msg::BROWSE_PRODUCTS)}</a></p>
            </div>
        }
        .into_any();
    }
    let country = cart.country_name();
    let total_label = lang.t(if cart.country.is_some() {
        msg::TOTAL_WITH_SHIPPING
    } else {
        msg::TOTAL_BEFORE_SHIPPING
    });
    view! {
        {status}
        <DeliverTo cart=cart.clone() actions=shipping flash=shipping_flash />
        {(!cart.notices.is_empty()).then(|| view! {
            <div class="alert alert--warning" role="status">
                <p>{lang.t(msg::SINCE_YOU_ADDED)}</p>
                <ul>{cart.notices.into_iter().map(|notice| view! { <li>{notice}</li> }).collect_view()}</ul>
            </div>
        })}
        {cart.stores.into_iter().map(|store| {
            let heading = format!("store-{}", store.slug);
            let labelled_by = heading.clone();
            let country = country.clone();
            view! {
                <section class="card stack cart-store" aria-labelledby=labelled_by>
                    <h2 id=heading>
                        {lang.t(msg::FROM_STORE)} " "
                        <a href=lang.path(&format!("/s/{}", store.slug))>{store.name.clone()}</a>
                    </h2>
                    <ul class="cart-lines">
                        {store.lines.clone().into_iter().map(|line| view! { <CartLine line update /> }).collect_view()}
                    </ul>
                    <p class="cart-store__subtotal">{lang.t(msg::SUBTOTAL)} " " <strong>{store.subtotal.clone()}</strong></p>
                    <StoreShipping store country actions=shipping />
                </section>
            }
        }).collect_view()}
        <p class="cart-total">{total_label} " " <strong data-testid="cart-total">{cart.total}</strong></p>
        {cart.vat.map(|vat| view! {
            <p class="cart-total muted">{lang.t_args(msg::INCLUDES_VAT, &[("vat", vat.into())])}</p>
        })}
        <p><a class="button button--primary" href=lang.path("/checkout")>{lang.t(msg::GO_TO_CHECKOUT)}</a></p>
    }
    .into_any()
}

#[component]
fn CartLine(line: LineView, update: ServerAction<UpdateCartLine>) -> impl IntoView {
    let quantity_id = format!("quantity-{}", line.variant_id);
    let variant = line.variant_id.to_string();
    let remove_variant = variant.clone();
    let lang = use_lang();
    let quantity_label = lang.t_args(msg::QUANTITY_OF, &[("title", line.title.clone().into())]);
    let remove_label = format!(" {}", line.title);
    view! {
        <li class="cart-line" class:cart-line--unavailable=!line.available>
            {line.image.clone().map(|src| view! {
                <img src=src alt="" width="80" height="80" loading="lazy" />
            })}
            <div class="cart-line__details">
                <a href=lang.path(&format!("/p/{}", line.product_slug))>{line.title.clone()}</a>
                {(!line.options.is_empty()).then(|| view! { <p class="muted">{line.options.clone()}</p> })}
                <p class="muted">{lang.t_args(msg::EACH, &[("price", line.unit_price.clone().into())])}</p>
            </div>
            <ActionForm action=update attr:class="cart-line__quantity">
                <input type="hidden" name="variant_id" value=variant />
                <label for=quantity_id.clone()>{quantity_label}</label>
                <input
                    id=quantity_id.clone()
                    class="input"
                    type="number"
                    name="quantity"
                    min="1"
                    max="99"
                    inputmode="numeric"
                    value=line.quantity.to_string()
                />
                <button class="button" type="submit">{lang.t(msg::UPDATE)}</button>
            </ActionForm>
            <ActionForm action=update>
                <input type="hidden" name="variant_id" value=remove_variant />
                <input type="hidden" name="quantity" value="0" />
                <button class="button" type="submit">
                    {lang.t(msg::REMOVE)} <span class="visually-hidden">{remove_label}</span>
                </button>
            </ActionForm>
            <p class="cart-line__total">{line.total.clone()}</p>
        </li>
    }
}
