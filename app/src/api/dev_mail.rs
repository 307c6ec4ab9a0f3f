//! The dev mailbox at `/_dev/mail`: mail that stays local in development,
//! readable in the browser. Not found anywhere else.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::state;

/// A message in the dev mailbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailView {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub at: String,
    pub sent: bool,
}

/// The dev mailbox; not found unless mail stays local.
#[server]
pub async fn dev_mailbox() -> Result<Vec<MailView>, AppError> {
    let state = state()?;
    if !state.config.uses_dev_mailbox() {
        return Err(AppError::NotFound);
    }
    let messages = server::mail::outbox::latest(&state.db, 50).await?;
    Ok(messages
        .into_iter()
        .map(|m| MailView {
            id: m.id,
            to: m.to_address,
            subject: m.subject,
            text: m.text_body,
            at: m.created_at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
            sent: m.sent_at.is_some(),
        })
        .collect())
}
