//! `/admin/mail`: mail the outbox gave up on, and sending a message again.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::Listing;
use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    super::{admin, forms},
    crate::{error::state, forms::ssr as form, session},
    server::admin::mail,
    server::dates,
};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedMailView {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub attempts: i32,
    pub last_error: String,
    pub written: String,
    pub failed: String,
}

#[server]
pub async fn admin_failed_mail(page: i64) -> Result<Listing<FailedMailView>, AppError> {
    admin().await?;
    let page = mail::failed(&state()?.db, page).await?;
    Ok(Listing::of(page, |message| FailedMailView {
        id: message.id,
        to: message.to_address,
        subject: message.subject,
        attempts: message.attempts,
        last_error: message.last_error.unwrap_or_default(),
        written: dates::moment(message.created_at, crate::i18n::request_lang()),
        failed: dates::moment(message.failed_at, crate::i18n::request_lang()),
    }))
}

/// Puts a failed message back in the queue.
#[server]
pub async fn admin_mail_retry(id: i64) -> Result<Feedback, AppError> {
    let you = admin().await?.id;
    let outcome = mail::retry(&state()?.db, &session::meta(), you, id).await;
    form::answer(
        forms::MAIL,
        outcome,
        "The message is queued again; the outbox sends it within seconds.",
        &[],
    )
    .await
}
