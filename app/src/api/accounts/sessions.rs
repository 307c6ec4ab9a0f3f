//! The open sessions of the signed-in person on `/account/security`, and
//! ending one, over `server::accounts::sessions`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    crate::{api::to_the_minute, error::state, session},
    server::accounts::sessions,
};

/// One open session on `/account/security`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub id: String,
    pub device: String,
    pub ip: String,
    pub signed_in: String,
    pub last_seen: String,
    pub current: bool,
}

#[server]
pub async fn sessions() -> Result<Vec<SessionView>, AppError> {
    let state = state()?;
    let user = session::signed_in().await?;
    let list = sessions::list(&state.db, &state.config, user.id).await?;
    Ok(list
        .into_iter()
        .map(|s| SessionView {
            current: s.id == user.session_id,
            id: s.id.to_string(),
            device: s
                .user_agent
                .as_deref()
                .map_or_else(|| "Unknown device".to_owned(), describe_device),
            ip: s.ip.unwrap_or_default(),
            signed_in: to_the_minute(s.created_at),
            last_seen: to_the_minute(s.last_seen_at),
        })
        .collect())
}

#[server]
pub async fn end_session(id: String) -> Result<(), AppError> {
    let state = state()?;
    let user = session::signed_in().await?;
    let id = id.parse().map_err(|_| AppError::NotFound)?;
    sessions::end_one(&state.db, user.id, id).await?;
    Ok(())
}

/// "Firefox on Linux" from a user agent string, good enough to recognise a device.
#[cfg(feature = "ssr")]
fn describe_device(user_agent: &str) -> String {
    let browser = [
        ("Edg/", "Edge"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .into_iter()
    .find(|(needle, _)| user_agent.contains(needle))
    .map_or("A browser", |(_, name)| name);
    let system = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS", "macOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(needle, _)| user_agent.contains(needle))
    .map_or("an unknown system", |(_, name)| name);
    format!("{browser} on {system}")
}
