//! Shipping in the cart and at checkout: where the cart goes, and for each
//! store the methods it offers there with the one that applies.

use leptos::prelude::*;

use crate::{
    api::cart::{CartView, PickShipping, ShipCartTo, ShippingView, StoreView},
    forms::{Feedback, FormStatus, feedback},
    i18n::{msg, use_lang},
};

/// The two shipping forms of the cart and checkout; the page reloads the
/// cart after either.
#[derive(Clone, Copy)]
pub struct ShippingActions {
    pub ship_to: ServerAction<ShipCartTo>,
    pub pick: ServerAction<PickShipping>,
}

impl Default for ShippingActions {
    fn default() -> Self {
        Self {
            ship_to: ServerAction::new(),
            pick: ServerAction::new(),
        }
    }
}

impl ShippingActions {
    /// Changes with each answer, so a resource can follow it.
    pub fn version(self) -> usize {
        self.ship_to.version().get() + self.pick.version().get()
    }
}

/// The "Deliver to" form: the country shipping is priced for. Both shipping
/// forms' answers show here; `flash` is what a plain form post left.
#[component]
pub fn DeliverTo(
    cart: CartView,
    actions: ShippingActions,
    flash: Option<Feedback>,
) -> impl IntoView {
    let chosen = cart.country.clone().unwrap_or_default();
    let answer = feedback(actions.ship_to.value(), flash);
    let picked = feedback(actions.pick.value(), None);
    let problem = move || answer.with(|f| f.problem("country"));
    let lang = use_lang();
    view! {
        <FormStatus feedback=answer />
        <FormStatus feedback=picked />
        <ActionForm action=actions.ship_to attr:class="deliver-to">
            <div class="field" class:field--invalid=move || problem().is_some()>
                <label for="deliver-to-country">{lang.t(msg::DELIVER_TO)}</label>
                <select
                    id="deliver-to-country"
                    name="country"
                    class="input"
                    autocomplete="country"
                    required
                    aria-invalid=move || problem().is_some().then_some("true")
                    aria-describedby=move || problem().map(|_| "deliver-to-country-error")
                >
                    <option value="">{lang.t(msg::CHOOSE_COUNTRY)}</option>
                    {cart.countries.into_iter().map(|(code, name)| {
                        let selected = code == chosen;
                        view! { <option value=code selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
                {move || problem().map(|message| view! {
                    <p class="field__error" id="deliver-to-country-error">{message}</p>
                })}
            </div>
            <button class="button" type="submit">{lang.t(msg::SHOW_SHIPPING)}</button>
        </ActionForm>
    }
}

/// One store's shipping: its method picker and total, or why there is none.
#[component]
pub fn StoreShipping(
    store: StoreView,
    country: Option<String>,
    actions: ShippingActions,
) -> impl IntoView {
    let lang = use_lang();
    match store.shipping {
        ShippingView::NoCountry => view! {
            <p class="muted">{lang.t(msg::CHOOSE_WHERE_TO_DELIVER)}</p>
        }
        .into_any(),
        ShippingView::NotDelivered => view! {
            <p class="alert alert--warning" data-testid="not-delivered">
                {lang.t_args(
                    msg::NOT_DELIVERED,
                    &[
                        ("store", store.name.clone().into()),
                        ("country", country.unwrap_or_else(|| lang.t(msg::THIS_COUNTRY)).into()),
                    ],
                )}
            </p>
        }
        .into_any(),
        ShippingView::Offered(options) => {
            let legend = lang.t_args(msg::SHIPPING_FROM, &[("store", store.name.clone().into())]);
            let store_id = store.id.to_string();
            view! {
                <ActionForm action=actions.pick attr:class="shipping-picker">
                    <input type="hidden" name="store_id" value=store_id />
                    <fieldset>
                        <legend>{legend}</legend>
                        {options.into_iter().map(|option| {
                            let id = format!("shipping-{}-{}", store.id, option.method_id);
                            view! {
                                <div class="shipping-option">
                                    <input
                                        type="radio"
                                        id=id.clone()
                                        name="method_id"
                                        value=option.method_id.to_string()
                                        checked=option.chosen
                                    />
                                    <label for=id>
                                        {option.name} <span class="muted">{format!(" · {}", option.delivery)}</span>
                                        <span class="shipping-option__price">{option.price}</span>
                                    </label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                    <button class="button" type="submit">{lang.t(msg::USE_THIS_SHIPPING)}</button>
                </ActionForm>
                <p class="cart-store__subtotal">
                    {lang.t(msg::STORE_TOTAL_WITH_SHIPPING)} " " <strong data-testid="store-total">{store.total}</strong>
                </p>
            }
            .into_any()
        }
    }
}
