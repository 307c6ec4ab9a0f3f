//! Checkout: the form's details, placing the order from the cart, paying
//! for it and the shopper's return from the payment page, over
//! `server::orders::checkout` and `payment`.

// A server function takes one argument per form field, which keeps the field
// names plain for forms that work without JavaScript; the client half that
// `#[server]` generates cannot carry an `allow` of its own.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::OrderView;
use crate::{api::cart::CartView, error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    super::forms,
    crate::{error::state, forms::ssr as form, session},
    server::{
        cart::Owner,
        email::Email,
        orders::{
            Address, Destination, addresses,
            checkout::{self, Buyer},
            customer, guest, payment,
        },
    },
    texts::msg,
};

/// What the checkout page needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutView {
    /// Nobody is signed in: the order is placed as a guest's.
    pub guest: bool,
    pub verified: bool,
    /// The signed-in shopper's address; empty for a guest.
    pub email: String,
    pub cart: CartView,
    /// The shopper's address book, the default first.
    pub addresses: Vec<SavedAddress>,
}

/// An address of the shopper's book, as checkout offers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedAddress {
    pub id: i64,
    pub summary: String,
    pub is_default: bool,
}

#[cfg(feature = "ssr")]
impl From<addresses::Saved> for SavedAddress {
    fn from(saved: addresses::Saved) -> Self {
        Self {
            id: saved.id,
            summary: saved.summary(),
            is_default: saved.is_default,
        }
    }
}

#[server]
pub async fn checkout_details() -> Result<CheckoutView, AppError> {
    let cart = crate::api::cart::my_cart().await?;
    let Some(user) = session::user().await? else {
        return Ok(CheckoutView {
            guest: true,
            verified: true,
            email: String::new(),
            cart,
            addresses: Vec::new(),
        });
    };
    let db = &state()?.db;
    Ok(CheckoutView {
        guest: false,
        verified: user.verified,
        cart,
        addresses: addresses::list(db, user.id)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
        email: user.email,
    })
}

/// The checkout form: a saved address (`address_id`) or a new one, and a
/// billing address when `bill_elsewhere` is ticked.
#[cfg(feature = "ssr")]
struct CheckoutForm {
    /// A saved address's id; empty or `new` for the typed one.
    address_id: String,
    delivery: Address,
    /// Keep the typed address in the address book.
    remember: bool,
    billing: Option<Address>,
}

#[cfg(feature = "ssr")]
impl CheckoutForm {
    /// What the shopper typed, to fill the form again.
    fn values(&self, email: &str) -> Vec<(&'static str, String)> {
        let (delivery, billing) = (&self.delivery, self.billing.clone().unwrap_or_default());
        let mut values = vec![
            ("email", email.to_owned()),
            ("address_id", self.address_id.clone()),
            ("name", delivery.name.clone()),
            ("line1", delivery.line1.clone()),
            ("line2", delivery.line2.clone()),
            ("city", delivery.city.clone()),
            ("postal_code", delivery.postal_code.clone()),
            ("country", delivery.country.clone()),
            ("phone", delivery.phone.clone()),
            ("billing_name", billing.name),
            ("billing_line1", billing.line1),
            ("billing_line2", billing.line2),
            ("billing_city", billing.city),
            ("billing_postal_code", billing.postal_code),
            ("billing_country", billing.country),
        ];
        if self.billing.is_some() {
            values.push(("bill_elsewhere", "on".to_owned()));
        }
        values
    }

    /// The delivery and billing addresses the form names: a saved address
    /// of a customer's book as the book has it, or the one typed.
    async fn destination(
        self,
        state: &server::AppState,
        buyer: &Buyer,
    ) -> server::Result<Destination> {
        let delivery = match (buyer, self.address_id.parse::<i64>()) {
            (Buyer::Customer(user_id), Ok(id)) => addresses::find(&state.db, *user_id, id).await?,
            _ => self.delivery,
        };
        Ok(Destination {
            delivery,
            billing: self.billing,
            remember: self.remember && self.address_id.parse::<i64>().is_err(),
            language: crate::i18n::request_lang(),
        })
    }
}

/// Places the order from the cart and sends the shopper to the payment page;
/// without an account, as a guest's order confirmed at `email`. Whatever is
/// wrong comes back next to its field, with the input kept.
#[server]
pub async fn place_order(
    #[server(default)] email: String,
    #[server(default)] address_id: String,
    #[server(default)] name: String,
    #[server(default)] line1: String,
    #[server(default)] line2: String,
    #[server(default)] city: String,
    #[server(default)] postal_code: String,
    #[server(default)] country: String,
    #[server(default)] phone: String,
    #[server(default)] remember: Option<String>,
    #[server(default)] bill_elsewhere: Option<String>,
    #[server(default)] billing_name: String,
    #[server(default)] billing_line1: String,
    #[server(default)] billing_line2: String,
    #[server(default)] billing_city: String,
    #[server(default)] billing_postal_code: String,
    #[server(default)] billing_country: String,
) -> Result<Feedback, AppError> {
    let state = state()?;
    let form = CheckoutForm {
        address_id,
        delivery: Address {
            name,
            line1,
            line2,
            city,
            postal_code,
            country,
            phone,
        },
        remember: remember.is_some(),
        billing: bill_elsewhere.is_some().then(|| Address {
            name: billing_name,
            line1: billing_line1,
            line2: billing_line2,
            city: billing_city,
            postal_code: billing_postal_code,
            country: billing_country,
            phone: String::new(),
        }),
    };
    let values = form.values(&email);
    let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let user = session::user().await?;
    let session = session::current().await?;
    let outcome = async {
        let buyer = match user {
            Some(user) => Buyer::Customer(user.id),
            None => guest_buyer(&session, &email).await?,
        };
        let destination = form.destination(&state, &buyer).await?;
        let checked_out = checkout::check_out(&state, &buyer, destination).await?;
        Ok::<_, server::Error>((buyer, checked_out))
    };
    let (buyer, checked_out) = match outcome.await {
        Ok(outcome) => outcome,
        Err(error) => return form::refused(forms::CHECKOUT, error, &values).await,
    };
    let number = &checked_out.order.number;
    match (checked_out.payment_url, buyer) {
        (Some(url), _) => crate::i18n::redirect(&url),
        (None, Buyer::Customer(_)) => {
            crate::i18n::redirect(&format!("/account/orders/{number}?payment=unavailable"));
        }
        (None, Buyer::Guest { .. }) => crate::i18n::redirect(&format!(
            "{}&payment=unavailable",
            guest::path(&state.config.secrets_key, number, 1)
        )),
    }
    Ok(Feedback::default())
}

/// A guest with this session's cart, confirmed at `email`.
#[cfg(feature = "ssr")]
async fn guest_buyer(session: &server::accounts::Session, email: &str) -> server::Result<Buyer> {
    let email = Email::parse(email)?;
    match Owner::of(session, None, false).await? {
        Some(Owner::Visitor(cart)) => Ok(Buyer::Guest {
            cart,
            email,
            ip: session::meta().ip,
        }),
        _ => Err(server::Error::invalid("cart", msg::PROBLEM_CART_EMPTY)),
    }
}

/// Sends the customer to the payment page of an order waiting for payment.
#[server]
pub async fn pay_order(number: String) -> Result<Feedback, AppError> {
    let user = session::signed_in().await?;
    match checkout::payment_url(&state()?, user.id, &number).await {
        Ok(url) => {
            crate::i18n::redirect(&url);
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
