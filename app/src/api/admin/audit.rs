//! `/admin/audit`: the audit log, filtered.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::Listing;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    super::admin,
    crate::error::state,
    server::audit::{self, Filter, Recorded},
    texts::msg,
};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub store: String,
    pub ip: String,
    pub user_agent: String,
    pub request_id: String,
    /// The entry's details as compact JSON; empty when there are none.
    pub metadata: String,
}

#[cfg(feature = "ssr")]
impl From<Recorded> for AuditRow {
    fn from(entry: Recorded) -> Self {
        let metadata = match &entry.metadata {
            serde_json::Value::Object(map) if map.is_empty() => String::new(),
            other => other.to_string(),
        };
        Self {
            at: entry.at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
            actor: entry.actor_email.unwrap_or_else(|| "—".into()),
            action: entry.action,
            target: entry.target.unwrap_or_default(),
            store: entry.store.unwrap_or_default(),
            ip: entry.ip.unwrap_or_default(),
            user_agent: entry.user_agent.unwrap_or_default(),
            request_id: entry.request_id.unwrap_or_default(),
            metadata,
        }
    }
}

/// The entries matching the filters; `from` and `to` are `YYYY-MM-DD` days
/// (a malformed one is a problem shown next to its field).
#[server]
pub async fn admin_audit(
    actor: String,
    action: String,
    store: String,
    from: String,
    to: String,
    page: i64,
) -> Result<Listing<AuditRow>, AppError> {
    admin().await?;
    let state = state()?;
    let mut problems = server::Problems::default();
    let mut day = |field: &'static str, text: &str| {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let parsed = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
        if parsed.is_none() {
            problems.add(field, msg::PROBLEM_DATE);
        }
        parsed
    };
    let filter = Filter {
        from: day("from", &from),
        to: day("to", &to),
        actor,
        action,
        store,
        page,
        ..Filter::default()
    };
    problems.finish()?;
    let page = audit::search(&state.db, state.config.time_zone.name(), &filter).await?;
    Ok(Listing::of(page, AuditRow::from))
}
