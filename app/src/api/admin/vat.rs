//! `/admin/vat`: the VAT rate of each country Bazaar delivers to, per tax
//! class, over `server::vat` and `server::admin::vat`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    super::{admin, forms},
    crate::{error::state, forms::ssr as form, session},
    server::{
        admin::vat as rates,
        shipping::COUNTRIES,
        vat::{self, TaxClass},
    },
};

/// One country's rates as the form shows them: percentages, empty for none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryVat {
    pub code: String,
    pub name: String,
    pub standard: String,
    pub reduced: String,
}

#[server]
pub async fn admin_vat_rates() -> Result<Vec<CountryVat>, AppError> {
    admin().await?;
    let table = vat::table(&state()?.db).await?;
    let percent = |code: &str, class: TaxClass| {
        table
            .get(code)
            .and_then(|rates| rates.get(class))
            .map(|rate| rate.to_string().trim_end_matches(" %").to_owned())
            .unwrap_or_default()
    };
    Ok(COUNTRIES
        .iter()
        .map(|(code, name)| CountryVat {
            code: (*code).to_owned(),
            name: (*name).to_owned(),
            standard: percent(code, TaxClass::Standard),
            reduced: percent(code, TaxClass::Reduced),
        })
        .collect())
}

/// Sets one country's two rates.
#[server]
pub async fn admin_set_vat(
    country: String,
    standard: String,
    reduced: String,
) -> Result<Feedback, AppError> {
    let you = admin().await?.id;
    let typed = [
        (TaxClass::Standard, standard.clone()),
        (TaxClass::Reduced, reduced.clone()),
    ];
    let outcome = rates::set_rates(&state()?.db, &session::meta(), you, &country, &typed).await;
    let name = server::shipping::country_name(&country).unwrap_or("the country");
    form::answer(
        forms::VAT,
        outcome,
        &format!("VAT rates of {name} saved. Orders already placed keep theirs."),
        &[
            ("country", &country),
            ("standard", &standard),
            ("reduced", &reduced),
        ],
    )
    .await
}
