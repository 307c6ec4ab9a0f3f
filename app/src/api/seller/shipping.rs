//! `/seller/settings/shipping`: the store's shipping zones and methods, over
//! `server::seller::shipping`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    super::settings::forms,
    crate::{api::cart::countries, error::state, forms::ssr as form, session},
    server::seller::shipping::{self, MethodInput, ZoneInput},
    texts::msg,
};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MethodView {
    pub id: i64,
    pub name: String,
    pub price: String,
    /// The subtotal from which it is free, if any.
    pub free_over: Option<String>,
    /// Such as "2–4 days".
    pub delivery: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneView {
    pub id: i64,
    pub name: String,
    /// ISO codes.
    pub countries: Vec<String>,
    pub methods: Vec<MethodView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShippingRates {
    pub zones: Vec<ZoneView>,
    /// Every country Bazaar delivers to: ISO code and name.
    pub countries: Vec<(String, String)>,
}

#[server]
pub async fn shipping_page() -> Result<ShippingRates, AppError> {
    let scope = session::store_scope().await?;
    let zones = shipping::zones(&state()?.db, scope)
        .await?
        .into_iter()
        .map(|zone| ZoneView {
            id: zone.id,
            name: zone.name,
            countries: zone.countries,
            methods: zone
                .methods
                .into_iter()
                .map(|method| MethodView {
                    delivery: method.delivery(crate::i18n::request_lang()),
                    id: method.id,
                    name: method.name,
                    price: method.price.to_string(),
                    free_over: method.free_over.map(|amount| amount.to_string()),
                })
                .collect(),
        })
        .collect();
    Ok(ShippingRates {
        zones,
        countries: countries(),
    })
}

/// Adds a zone, or with `zone_id` renames one and sets its countries.
#[server]
pub async fn save_shipping_zone(
    #[server(default)] zone_id: Option<i64>,
    name: String,
    #[server(default)] countries: Vec<String>,
) -> Result<Feedback, AppError> {
    let scope = session::store_scope().await?;
    let input = ZoneInput {
        name: name.clone(),
        countries,
    };
    let outcome = shipping::save_zone(&state()?.db, &session::meta(), scope, zone_id, &input).await;
    let notice = if zone_id.is_some() {
        "Zone saved."
    } else {
        "Zone added: give it a shipping method."
    };
    let zone = zone_id.map(|id| id.to_string()).unwrap_or_default();
    form::answer(
        forms::SHIPPING,
        outcome,
        notice,
        &[("zone_id", &zone), ("name", &name)],
    )
    .await
}

/// Removes a zone and its methods once the box is ticked.
#[server]
pub async fn delete_shipping_zone(
    zone_id: i64,
    #[server(default)] confirm: Option<String>,
) -> Result<Feedback, AppError> {
    let scope = session::store_scope().await?;
    if confirm.is_none() {
        let error = server::Error::invalid("", msg::PROBLEM_CONFIRM_TICK);
        return form::refused(forms::SHIPPING, error, &[]).await;
    }
    let outcome = shipping::delete_zone(&state()?.db, &session::meta(), scope, zone_id).await;
    form::answer(forms::SHIPPING, outcome, "Zone removed.", &[]).await
}

#[server]
pub async fn add_shipping_method(
    zone_id: i64,
    name: String,
    price: String,
    #[server(default)] free_over: String,
    min_days: String,
    max_days: String,
) -> Result<Feedback, AppError> {
    let scope = session::store_scope().await?;
    let input = MethodInput {
        name: name.clone(),
        price: price.clone(),
        free_over: free_over.clone(),
        min_days: min_days.clone(),
        max_days: max_days.clone(),
    };
    let outcome =
        shipping::add_method(&state()?.db, &session::meta(), scope, zone_id, &input).await;
    let values = [
        ("zone_id", zone_id.to_string()),
        ("name", name),
        ("price", price),
        ("free_over", free_over),
        ("min_days", min_days),
        ("max_days", max_days),
    ];
    let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    form::answer(forms::SHIPPING_METHOD, outcome, "Method added.", &values).await
}

#[server]
pub async fn delete_shipping_method(method_id: i64) -> Result<Feedback, AppError> {
    let scope = session::store_scope().await?;
    let outcome = shipping::delete_method(&state()?.db, &session::meta(), scope, method_id).await;
    form::answer(forms::SHIPPING, outcome, "Method removed.", &[]).await
}
