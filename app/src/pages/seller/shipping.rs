//! `/seller/settings/shipping`: where the store delivers and what it
//! charges. Zones are sets of countries; each has one or more methods with
//! a price, an optional free-shipping threshold and a delivery estimate.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::{
        flash::take_flash,
        seller::{
            settings::forms,
            shipping::{
                AddShippingMethod, DeleteShippingMethod, DeleteShippingZone, SaveShippingZone,
                ShippingRates, ZoneView, shipping_page,
            },
        },
    },
    components::error_view::ErrorView,
    forms::{Feedback, Field, FormStatus, Submit, feedback},
};

/// The page's four forms; every answer reloads the zones.
#[derive(Clone, Copy)]
struct Actions {
    save_zone: ServerAction<SaveShippingZone>,
    delete_zone: ServerAction<DeleteShippingZone>,
    add_method: ServerAction<AddShippingMethod>,
    delete_method: ServerAction<DeleteShippingMethod>,
}

#[component]
pub fn SellerShippingPage() -> impl IntoView {
    let actions = Actions {
        save_zone: ServerAction::new(),
        delete_zone: ServerAction::new(),
        add_method: ServerAction::new(),
        delete_method: ServerAction::new(),
    };
    let page = Resource::new(
        move || {
            (
                actions.save_zone.version().get(),
                actions.delete_zone.version().get(),
                actions.add_method.version().get(),
                actions.delete_method.version().get(),
            )
        },
        |_| shipping_page(),
    );
    let flash = Resource::new(|| (), |_| take_flash(forms::SHIPPING.into()));
    let method_flash = Resource::new(|| (), |_| take_flash(forms::SHIPPING_METHOD.into()));
    view! {
        <Title text="Shipping · Seller admin" />
        <section class="container section stack">
            <h1>"Shipping"</h1>
            <p><a href="/seller/settings">"Back to the store settings"</a></p>
            <p>
                "A shopper sees, for their country, every method of every zone that lists it, the cheapest chosen first. "
                "Items of a store with no method for the shopper's country stay in their cart. "
                "Orders already placed keep the shipping they were placed with."
            </p>
            <Transition fallback=|| view! { <p class="loading">"Loading the shipping rates…"</p> }>
                {move || Suspend::new(async move {
                    let flash = flash.await.ok().flatten();
                    let method_flash = method_flash.await.ok().flatten();
                    let zone_feedback = feedback(
                        Signal::derive(move || {
                            actions.save_zone.value().get()
                                .or_else(|| actions.delete_zone.value().get())
                                .or_else(|| actions.delete_method.value().get())
                        }),
                        flash,
                    );
                    let method_feedback = feedback(actions.add_method.value(), method_flash);
                    match page.await {
                        Ok(page) => view! {
                            <Zones page zone_feedback method_feedback actions />
                        }
                            .into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Zones(
    page: ShippingRates,
    zone_feedback: Signal<Feedback>,
    method_feedback: Signal<Feedback>,
    actions: Actions,
) -> impl IntoView {
    let zones = page.zones.clone();
    let empty = zones.is_empty().then(|| view! {
        <p class="alert alert--warning">
            "No zones yet: shoppers cannot check out your items until you add one with a method."
        </p>
    });
    view! {
        <FormStatus feedback=zone_feedback />
        {empty}
        {zones.into_iter().map(|zone| {
            let countries = page.countries.clone();
            view! { <ZoneCard zone countries feedback=zone_feedback actions /> }
        }).collect_view()}
        {(!page.zones.is_empty()).then(|| view! {
            <MethodForm zones=page.zones.clone() feedback=method_feedback action=actions.add_method />
        })}
        <section class="stack card" aria-labelledby="zone-new-heading">
            <h2 id="zone-new-heading">"New zone"</h2>
            <ZoneForm zone=None countries=page.countries.clone() feedback=zone_feedback action=actions.save_zone />
        </section>
    }
}

#[component]
fn ZoneCard(
    zone: ZoneView,
    countries: Vec<(String, String)>,
    feedback: Signal<Feedback>,
    actions: Actions,
) -> impl IntoView {
    let heading = format!("zone-{}-heading", zone.id);
    let names: Vec<String> = countries
        .iter()
        .filter(|(code, _)| zone.countries.contains(code))
        .map(|(_, name)| name.clone())
        .collect();
    let labelled_by = heading.clone();
    let confirm_id = format!("zone-{}-confirm", zone.id);
    let confirm_for = confirm_id.clone();
    view! {
        <section class="stack card" aria-labelledby=labelled_by data-testid="shipping-zone">
            <h2 id=heading>{zone.name.clone()}</h2>
            <p>{format!("Delivers to {}.", names.join(", "))}</p>
            {if zone.methods.is_empty() {
                view! { <p class="alert alert--warning">"No method yet: this zone offers no shipping."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-label=format!("Methods of {}", zone.name)>
                        <table class="table">
                            <thead>
                                <tr>
                                    <th scope="col">"Method"</th>
                                    <th scope="col">"Price"</th>
                                    <th scope="col">"Free from"</th>
                                    <th scope="col">"Delivery"</th>
                                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                {zone.methods.iter().cloned().map(|method| view! {
                                    <tr>
                                        <td>{method.name.clone()}</td>
                                        <td>{method.price}</td>
                                        <td>{method.free_over.unwrap_or_else(|| "—".into())}</td>
                                        <td>{method.delivery}</td>
                                        <td>
                                            <ActionForm action=actions.delete_method>
                                                <input type="hidden" name="method_id" value=method.id.to_string() />
                                                <button class="button button--small" type="submit">
                                                    "Remove" <span class="visually-hidden">{format!(" {}", method.name)}</span>
                                                </button>
                                            </ActionForm>
                                        </td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <details>
                <summary>"Edit the zone" <span class="visually-hidden">{format!(" {}", zone.name)}</span></summary>
                <ZoneForm zone=Some(zone.clone()) countries feedback action=actions.save_zone />
            </details>
            <details>
                <summary>"Remove the zone" <span class="visually-hidden">{format!(" {}", zone.name)}</span></summary>
                <ActionForm action=actions.delete_zone attr:class="stack">
                    <input type="hidden" name="zone_id" value=zone.id.to_string() />
                    <label class="choice" for=confirm_for>
                        <input type="checkbox" id=confirm_id name="confirm" value="yes" required />
                        <span>{format!("Yes, remove {} and its methods", zone.name)}</span>
                    </label>
                    <button class="button button--danger button--small" type="submit">"Remove the zone"</button>
                </ActionForm>
            </details>
        </section>
    }
}

/// A zone's name and countries: a new zone's for `None`. Problems show on
/// the form that was sent, told apart by its zone.
#[component]
fn ZoneForm(
    zone: Option<ZoneView>,
    countries: Vec<(String, String)>,
    feedback: Signal<Feedback>,
    action: ServerAction<SaveShippingZone>,
) -> impl IntoView {
    let zone_id = zone
        .as_ref()
        .map(|zone| zone.id.to_string())
        .unwrap_or_default();
    let prefix = match &zone {
        Some(zone) => format!("zone-{}", zone.id),
        None => "zone-new".to_owned(),
    };
    let sent_here = {
        let zone_id = zone_id.clone();
        move || {
            feedback.with(|f| {
                f.value("zone_id").unwrap_or_default() == zone_id && !f.problems.is_empty()
            })
        }
    };
    let problem = move |field: &'static str| {
        let sent_here = sent_here.clone();
        move || {
            sent_here()
                .then(|| feedback.with(|f| f.problem(field)))
                .flatten()
        }
    };
    let name_problem = problem("name");
    let countries_problem = problem("countries");
    let name_id = format!("{prefix}-name");
    let name_error = format!("{prefix}-name-error");
    let countries_error = format!("{prefix}-countries-error");
    let chosen = zone
        .as_ref()
        .map(|zone| zone.countries.clone())
        .unwrap_or_default();
    let name = match &zone {
        Some(zone) => zone.name.clone(),
        // A refused new zone keeps the name typed.
        None => feedback.with_untracked(|f| {
            f.value("zone_id")
                .filter(String::is_empty)
                .and_then(|_| f.value("name"))
                .unwrap_or_default()
        }),
    };
    let label = if zone.is_some() {
        "Save the zone"
    } else {
        "Add the zone"
    };
    view! {
        <ActionForm action attr:class="stack">
            {zone.is_some().then(|| view! { <input type="hidden" name="zone_id" value=zone_id.clone() /> })}
            <div class="field" class:field--invalid={let p = name_problem.clone(); move || p().is_some()}>
                <label for=name_id.clone()>"Zone name"</label>
                <input
                    id=name_id
                    name="name"
                    class="input"
                    value=name
                    required
                    maxlength="60"
                    aria-invalid={let p = name_problem.clone(); move || p().is_some().then_some("true")}
                    aria-describedby={let (p, id) = (name_problem.clone(), name_error.clone()); move || p().map(|_| id.clone())}
                />
                {let (p, id) = (name_problem.clone(), name_error.clone()); move || p().map(|message| view! { <p class="field__error" id=id.clone()>{message}</p> })}
            </div>
            <fieldset class="country-choices" aria-describedby={let (p, id) = (countries_problem.clone(), countries_error.clone()); move || p().map(|_| id.clone())}>
                <legend>"Countries"</legend>
                {countries.into_iter().map(|(code, country)| {
                    let id = format!("{prefix}-country-{code}");
                    let label_for = id.clone();
                    let checked = chosen.contains(&code);
                    view! {
                        <label class="choice" for=label_for>
                            <input type="checkbox" id=id name="countries[]" value=code checked=checked />
                            <span>{country}</span>
                        </label>
                    }
                }).collect_view()}
                {let (p, id) = (countries_problem.clone(), countries_error.clone()); move || p().map(|message| view! { <p class="field__error" id=id.clone()>{message}</p> })}
            </fieldset>
            <Submit label pending=action.pending().into() class="button" />
        </ActionForm>
    }
}

/// Adds a method to the zone picked.
#[component]
fn MethodForm(
    zones: Vec<ZoneView>,
    feedback: Signal<Feedback>,
    action: ServerAction<AddShippingMethod>,
) -> impl IntoView {
    let picked = feedback
        .with_untracked(|f| f.value("zone_id"))
        .unwrap_or_default();
    view! {
        <ActionForm action attr:class="stack card" attr:aria-labelledby="method-new-heading">
            <h2 id="method-new-heading">"New method"</h2>
            <FormStatus feedback />
            <div class="field">
                <label for="method-zone_id">"Zone"</label>
                <select id="method-zone_id" name="zone_id" class="input" required>
                    {zones.into_iter().map(|zone| {
                        let selected = zone.id.to_string() == picked;
                        view! { <option value=zone.id.to_string() selected=selected>{zone.name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <Field feedback name="name" label="Name" hint="What shoppers pick, such as Colissimo or Express." required=true form="method" />
            <div class="field-row">
                <Field feedback name="price" label="Price (€)" input_mode="decimal" hint="0 for free." required=true form="method" />
                <Field feedback name="free_over" label="Free from (€, optional)" input_mode="decimal" hint="Free when the order from your store reaches this." form="method" />
            </div>
            <div class="field-row">
                <Field feedback name="min_days" label="Delivery from (days)" input_mode="numeric" value="2" required=true form="method" />
                <Field feedback name="max_days" label="Delivery up to (days)" input_mode="numeric" value="4" required=true form="method" />
            </div>
            <Submit label="Add the method" pending=action.pending().into() class="button" />
        </ActionForm>
    }
}
