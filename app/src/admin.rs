//! The platform admin's server functions (the management pages arrive with
//! their own issue; the overview and audit log are here).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    crate::{error::state, session},
    server::accounts::Permission,
};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub ip: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub users: i64,
    pub stores: i64,
    pub recent: Vec<AuditRow>,
}

/// Confirms the visitor is a platform admin (refusals are audited).
#[server]
pub async fn admin_area() -> Result<(), AppError> {
    session::require(Permission::AdministerPlatform)
        .await
        .map(drop)
}

#[server]
pub async fn admin_overview() -> Result<Overview, AppError> {
    session::require(Permission::AdministerPlatform).await?;
    let state = state()?;
    let (users, stores) = server::accounts::users::counts(&state.db).await?;
    let recent = server::audit::latest(&state.db, None, 20).await?;
    Ok(Overview {
        users,
        stores,
        recent: recent
            .into_iter()
            .map(|entry| AuditRow {
                at: entry.at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
                actor: entry.actor_email.unwrap_or_else(|| "—".into()),
                action: entry.action,
                target: entry.target.unwrap_or_default(),
                ip: entry.ip.unwrap_or_default(),
            })
            .collect(),
    })
}
