//! The fields of a delivery address, as checkout and the address book ask
//! for them.

use leptos::prelude::*;

use crate::{
    forms::{Feedback, Field},
    i18n::{msg, use_lang},
};

/// Name, street, city, country and phone; `required` when nothing else can
/// stand in for them.
#[component]
pub fn AddressFields(
    feedback: Signal<Feedback>,
    countries: Vec<(String, String)>,
    /// The country chosen at first.
    country: String,
    required: bool,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Field feedback name="name" label=lang.t(msg::FULL_NAME) autocomplete="name" required />
        <Field feedback name="line1" label=lang.t(msg::STREET) autocomplete="address-line1" required />
        <Field feedback name="line2" label=lang.t(msg::APARTMENT) autocomplete="address-line2" />
        <div class="field-row">
            <Field feedback name="postal_code" label=lang.t(msg::POSTAL_CODE) autocomplete="postal-code" required />
            <Field feedback name="city" label=lang.t(msg::CITY) autocomplete="address-level2" required />
        </div>
        <CountrySelect feedback name="country" label=lang.t(msg::COUNTRY) countries chosen=country required />
        <Field feedback name="phone" label=lang.t(msg::PHONE_FOR_CARRIER) kind="tel" autocomplete="tel" required />
    }
}

/// A country select with its problem shown next to it; a refused form
/// keeps the country sent.
#[component]
pub fn CountrySelect(
    feedback: Signal<Feedback>,
    name: &'static str,
    #[prop(into)] label: Oco<'static, str>,
    countries: Vec<(String, String)>,
    chosen: String,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let problem = move || feedback.with(|f| f.problem(name));
    let chosen = feedback
        .with_untracked(|f| f.value(name))
        .filter(|sent| !sent.is_empty())
        .unwrap_or(chosen);
    let described = error_id.clone();
    view! {
        <div class="field" class:field--invalid=move || problem().is_some()>
            <label for=id.clone()>{label}</label>
            <select
                id=id
                name=name
                class="input"
                autocomplete=if name == "country" { "country" } else { "billing country" }
                required=required
                aria-invalid=move || problem().is_some().then_some("true")
                aria-describedby=move || problem().map(|_| described.clone())
            >
                <option value="">{use_lang().t(msg::CHOOSE_COUNTRY)}</option>
                {countries.into_iter().map(|(code, country)| {
                    let selected = code == chosen;
                    view! { <option value=code selected=selected>{country}</option> }
                }).collect_view()}
            </select>
            {move || problem().map(|message| view! { <p class="field__error" id=error_id.clone()>{message}</p> })}
        </div>
    }
}
