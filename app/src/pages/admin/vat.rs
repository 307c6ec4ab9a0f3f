//! `/admin/vat`: the VAT rates checkout applies, one form per country with
//! its standard and reduced rate.

use leptos::prelude::*;
use leptos_meta::Title;

use super::AdminNav;
use crate::{
    api::{
        admin::{
            forms,
            vat::{AdminSetVat, CountryVat, admin_vat_rates},
        },
        flash::take_flash,
    },
    components::error_view::ErrorView,
    forms::{Feedback, FormStatus, feedback},
};

#[component]
pub fn AdminVatPage() -> impl IntoView {
    let save = ServerAction::<AdminSetVat>::new();
    let rates = Resource::new(move || save.version().get(), |_| admin_vat_rates());
    let flash = Resource::new(|| (), |_| take_flash(forms::VAT.into()));
    view! {
        <Title text="VAT rates · Platform admin" />
        <section class="container section stack">
            <Transition fallback=|| view! { <p class="loading">"Loading the VAT rates…"</p> }>
                {move || Suspend::new(async move {
                    let flash = flash.await.ok().flatten();
                    match rates.await {
                        Ok(rates) => {
                            let feedback = feedback(save.value(), flash);
                            view! {
                                <h1>"VAT rates"</h1>
                                <AdminNav />
                                <p>
                                    "Prices include VAT. Checkout applies the delivery country's rate of each product's class, \
                                     and the standard rate to shipping; a country without a rate is charged none. \
                                     Orders already placed keep the rates they were placed with."
                                </p>
                                <FormStatus feedback />
                                <div class="vat-rates">
                                    {rates.into_iter().map(|country| view! { <CountryForm country feedback save /> }).collect_view()}
                                </div>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn CountryForm(
    country: CountryVat,
    feedback: Signal<Feedback>,
    save: ServerAction<AdminSetVat>,
) -> impl IntoView {
    // A refused answer's problems and typed values belong to the form of
    // the country it names.
    let refused_here = feedback.with_untracked(|f| {
        f.value("country").as_deref() == Some(country.code.as_str()) && !f.problems.is_empty()
    });
    let heading = format!("vat-{}-heading", country.code);
    let labelled_by = heading.clone();
    view! {
        <ActionForm action=save attr:class="card stack vat-country" attr:aria-labelledby=labelled_by>
            <h2 id=heading>{country.name.clone()}</h2>
            <input type="hidden" name="country" value=country.code.clone() />
            <div class="field-row">
                <RateField code=country.code.clone() class="standard" label="Standard (%)" saved=country.standard feedback refused_here />
                <RateField code=country.code.clone() class="reduced" label="Reduced (%)" saved=country.reduced feedback refused_here />
            </div>
            <button class="button" type="submit">
                "Save" <span class="visually-hidden">{format!(" the rates of {}", country.name)}</span>
            </button>
        </ActionForm>
    }
}

/// One rate's percentage, with its problem when this country's form was refused.
#[component]
fn RateField(
    code: String,
    class: &'static str,
    label: &'static str,
    saved: String,
    feedback: Signal<Feedback>,
    refused_here: bool,
) -> impl IntoView {
    let id = format!("vat-{code}-{class}");
    let error_id = format!("{id}-error");
    let problem = Memo::new(move |_| feedback.with(|f| f.problem(class)).filter(|_| refused_here));
    let value = refused_here
        .then(|| feedback.with_untracked(|f| f.value(class)))
        .flatten()
        .unwrap_or(saved);
    let described = error_id.clone();
    view! {
        <div class="field" class:field--invalid=move || problem.get().is_some()>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=class
                class="input"
                inputmode="decimal"
                value=value
                aria-invalid=move || problem.get().is_some().then_some("true")
                aria-describedby=move || problem.get().map(|_| described.clone())
            />
            {move || problem.get().map(|message| view! { <p class="field__error" id=error_id.clone()>{message}</p> })}
        </div>
    }
}
