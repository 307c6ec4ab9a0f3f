//! A guest's order, read through the signed link its mails carry: paying
//! for it, and renewing the link (which revokes the earlier ones), over
//! `server::orders::guest`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::OrderView;
use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    super::forms,
    crate::{error::state, forms::ssr as form},
    server::orders::{
        checkout,
        guest::{self, Opened},
        payment,
    },
};

/// What a guest's link opens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GuestOrderView {
    Order(Box<OrderView>),
    /// The link is too old; its owner may have a new one mailed.
    Expired,
}

/// The guest order `key` opens; back from the payment page (`session_id`),
/// the payment is confirmed from Stripe first.
#[server]
pub async fn guest_order(
    number: String,
    key: String,
    #[server(default)] session_id: Option<String>,
) -> Result<GuestOrderView, AppError> {
    let state = state()?;
    let secrets = &state.config.secrets_key;
    let order = match guest::open(&state.db, secrets, &number, &key).await? {
        Opened::Order(order) => order,
        Opened::Expired => return Ok(GuestOrderView::Expired),
    };
    if let Some(session_id) = session_id.filter(|id| !id.is_empty()) {
        payment::reconcile_guest(&state, order.id, &session_id).await?;
        let order = guest::find(&state.db, secrets, &number, &key).await?;
        return Ok(GuestOrderView::Order(Box::new(order.into())));
    }
    Ok(GuestOrderView::Order(Box::new((*order).into())))
}

/// Sends the guest to the payment page of their order waiting for payment.
#[server]
pub async fn pay_guest_order(number: String, key: String) -> Result<Feedback, AppError> {
    match checkout::guest_payment_url(&state()?, &number, &key).await {
        Ok(url) => {
            crate::i18n::redirect(&url);
            Ok(Feedback::default())
        }
        Err(error) => form::refused(forms::PAY, error, &[]).await,
    }
}

/// Mails a new link to the order's address; every earlier link, this one
/// included, stops opening the order.
#[server]
pub async fn renew_guest_link(number: String, key: String) -> Result<Feedback, AppError> {
    match guest::renew(&state()?, &number, &key).await {
        Ok(()) => {
            crate::i18n::redirect(&format!("/orders/{number}?renewed=1"));
            Ok(Feedback::default())
        }
        Err(error) => form::refused(forms::RENEW_LINK, error, &[]).await,
    }
}
