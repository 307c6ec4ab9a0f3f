//! Checkout: the form's details, placing the order from the cart, paying
//! for it and the shopper's return from the payment page, over
//! `server::orders::checkout` and `payment`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::OrderView;
use crate::{api::cart::CartView, error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    super::forms,
    crate::{error::state, forms::ssr as form, session},
    server::orders::{Address, checkout, customer, payment},
};

/// What the checkout page needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutView {
    pub verified: bool,
    pub email: String,
    pub cart: CartView,
    /// The address used last time, to fill the form.
    pub address: Option<AddressFields>,
}

/// The checkout form's address fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressFields {
    pub name: String,
    pub line1: String,
    pub line2: String,
    pub city: String,
    pub postal_code: String,
    pub country: String,
    pub phone: String,
}

#[cfg(feature = "ssr")]
impl From<Address> for AddressFields {
    fn from(address: Address) -> Self {
        let Address {
            name,
            line1,
            line2,
            city,
            postal_code,
            country,
            phone,
        } = address;
        Self {
            name,
            line1,
            line2,
            city,
            postal_code,
            country,
            phone,
        }
    }
}

#[server]
pub async fn checkout_details() -> Result<CheckoutView, AppError> {
    let user = session::signed_in().await?;
    let db = &state()?.db;
    Ok(CheckoutView {
        verified: user.verified,
        cart: crate::api::cart::my_cart().await?,
        address: checkout::saved_address(db, user.id).await?.map(Into::into),
        email: user.email,
    })
}

/// Places the order from the cart and sends the shopper to the payment page.
/// Whatever is wrong comes back next to its field, with the input kept.
#[server]
pub async fn place_order(
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
    let checked_out = match checkout::check_out(&state()?, user.id, address).await {
        Ok(checked_out) => checked_out,
        Err(error) => return form::refused(forms::CHECKOUT, error, &values).await,
    };
    match checked_out.payment_url {
        Some(url) => leptos_axum::redirect(&url),
        None => leptos_axum::redirect(&format!(
            "/account/orders/{}?payment=unavailable",
            checked_out.order.number
        )),
    }
    Ok(Feedback::default())
}

/// Sends the customer to the payment page of an order waiting for payment.
#[server]
pub async fn pay_order(number: String) -> Result<Feedback, AppError> {
    let user = session::signed_in().await?;
    match checkout::payment_url(&state()?, user.id, &number).await {
        Ok(url) => {
            leptos_axum::redirect(&url);
            Ok(Feedback::default())
        }
        Err(error) => form::refused(forms::PAY, error, &[]).await,
    }
}

/// The shopper's return from the payment page: the payment is confirmed
/// from Stripe right away, whether or not its webhook came first.
#[server]
pub async fn checkout_result(session_id: String) -> Result<OrderView, AppError> {
    let user = session::signed_in().await?;
    let state = state()?;
    let number = payment::reconcile(&state, user.id, &session_id).await?;
    Ok(customer::find(&state.db, user.id, &number).await?.into())
}
