//! `/account/addresses`: the shopper's address book, over
//! `server::orders::addresses`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{api::orders::checkout::SavedAddress, error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    super::forms,
    crate::{api::cart::countries, error::state, forms::ssr as form, session},
    server::orders::{Address, addresses},
    texts::msg,
};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressBook {
    /// The default first.
    pub addresses: Vec<SavedAddress>,
    /// Every country Bazaar delivers to: ISO code and name.
    pub countries: Vec<(String, String)>,
}

#[server]
pub async fn my_addresses() -> Result<AddressBook, AppError> {
    let user = session::signed_in().await?;
    Ok(AddressBook {
        addresses: addresses::list(&state()?.db, user.id)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
        countries: countries(),
    })
}

#[server]
pub async fn add_address(
    name: String,
    line1: String,
    #[server(default)] line2: String,
    city: String,
    postal_code: String,
    country: String,
    phone: String,
) -> Result<Feedback, AppError> {
    let user = session::signed_in().await?;
    let values = [
        ("name", name.as_str()),
        ("line1", line1.as_str()),
        ("line2", line2.as_str()),
        ("city", city.as_str()),
        ("postal_code", postal_code.as_str()),
        ("country", country.as_str()),
        ("phone", phone.as_str()),
    ];
    let address = Address {
        name: name.clone(),
        line1: line1.clone(),
        line2: line2.clone(),
        city: city.clone(),
        postal_code: postal_code.clone(),
        country: country.clone(),
        phone: phone.clone(),
    };
    let outcome = addresses::add(&state()?.db, user.id, address).await;
    form::answer(
        forms::ADDRESSES,
        outcome,
        &form::say(msg::ADDRESS_ADDED),
        &values,
    )
    .await
}

/// Makes an address the default (`default`) or removes it (`remove`).
#[server]
pub async fn change_address(id: i64, action: String) -> Result<Feedback, AppError> {
    let user = session::signed_in().await?;
    let db = &state()?.db;
    if action == "remove" {
        let outcome = addresses::remove(db, user.id, id).await;
        return form::answer(
            forms::ADDRESSES,
            outcome,
            &form::say(msg::ADDRESS_REMOVED),
            &[],
        )
        .await;
    }
    let outcome = addresses::make_default(db, user.id, id).await;
    form::answer(
        forms::ADDRESSES,
        outcome,
        &form::say(msg::ADDRESS_DEFAULT_CHANGED),
        &[],
    )
    .await
}
