//! `/admin/…`: the platform admin's users, roles, store suspensions and
//! audit log, for a token with the `admin` scope of an account that is
//! still an admin; the rules are `admin::users`, `admin::stores` and
//! `audit`, as on the admin pages.

use axum::{
    Json,
    extract::{RawQuery, State},
    http::{HeaderMap, StatusCode},
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{
    auth::{Meta, Token},
    cursor::{self, Cursor},
    problem::{ApiError, ApiJson, ApiPath, ApiQuery, Problem},
};
use crate::{
    AppState,
    accounts::{Role, api_tokens::Scope},
    admin::{stores, users},
    audit,
};

#[derive(Debug, Serialize, ToSchema)]
pub struct UserJson {
    pub id: i64,
    pub email: String,
    pub name: String,
    /// `active` or `deactivated`.
    pub status: String,
    pub verified: bool,
    /// `customer`, `seller`, `admin`.
    pub roles: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub store: Option<String>,
}

impl From<users::Account> for UserJson {
    fn from(account: users::Account) -> Self {
        Self {
            id: account.id,
            email: account.email,
            name: account.name,
            status: account.status,
            verified: account.verified,
            roles: account.roles,
            created_at: account.created_at,
            store: account.store,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserList {
    pub items: Vec<UserJson>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserFilters {
    /// Part of the email or name.
    pub q: Option<String>,
    /// `customer`, `seller` or `admin`.
    pub role: Option<String>,
    /// `active` or `deactivated`.
    pub status: Option<String>,
    #[param(minimum = 1, maximum = 200, default = 20)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

fn role(text: &str) -> Result<Role, ApiError> {
    Role::parse(text).ok_or_else(|| ApiError::bad_request("role is customer, seller or admin."))
}

/// Accounts, newest first.
#[utoipa::path(
    get, path = "/admin/users", tag = "admin",
    params(UserFilters),
    security(("token" = ["admin"])),
    responses(
        (status = 200, body = UserList, headers(("Link" = String, description = "The next page, `rel=\"next\"`"))),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn list_users(
    State(state): State<AppState>,
    token: Token,
    RawQuery(raw_query): RawQuery,
    ApiQuery(filters): ApiQuery<UserFilters>,
) -> Result<(HeaderMap, Json<UserList>), ApiError> {
    token.with(Scope::Admin)?;
    let cursor = Cursor::start_or_continue(filters.cursor.as_deref(), filters.limit)?;
    let filter = users::Filter {
        text: filters.q.unwrap_or_default(),
        role: filters.role.as_deref().map(role).transpose()?,
        status: filters.status,
        created_by: Some(cursor.moment),
        page: cursor.page,
        per_page: cursor.limit,
    };
    let page = users::list(&state.db, &filter).await?;
    let next_cursor = (page.page < page.page_count()).then(|| cursor.next().encode());
    let list = UserList {
        items: page.items.into_iter().map(UserJson::from).collect(),
        next_cursor,
    };
    let headers = cursor::next_link(
        &state.config.app_url,
        "/admin/users",
        raw_query.as_deref(),
        list.next_cursor.as_deref(),
    );
    Ok((headers, Json(list)))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RoleChange {
    /// `customer`, `seller` or `admin`.
    pub role: String,
    /// `true` grants it, `false` removes it.
    pub granted: bool,
}

/// Grants or removes a role. An admin cannot remove their own admin role,
/// and the last active admin keeps theirs.
#[utoipa::path(
    post, path = "/admin/users/{id}/roles", tag = "admin",
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    request_body = RoleChange,
    security(("token" = ["admin"])),
    responses(
        (status = 200, body = UserJson),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn change_role(
    State(state): State<AppState>,
    token: Token,
    Meta(meta): Meta,
    ApiPath(id): ApiPath<i64>,
    ApiJson(change): ApiJson<RoleChange>,
) -> Result<Json<UserJson>, ApiError> {
    let caller = token.with(Scope::Admin)?;
    let role = role(&change.role)?;
    users::set_role(&state.db, &meta, caller.user_id, id, role, change.granted).await?;
    Ok(Json(users::find(&state.db, id).await?.into()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct Suspension {
    /// `true` suspends the store, `false` reopens it.
    pub suspended: bool,
    /// Why, for the store's sellers; needed to suspend.
    #[serde(default)]
    pub reason: String,
}

/// Suspends a store (its products leave the shop at once) or reopens it.
#[utoipa::path(
    post, path = "/admin/stores/{id}/suspension", tag = "admin",
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    request_body = Suspension,
    security(("token" = ["admin"])),
    responses(
        (status = 204),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn suspend_store(
    State(state): State<AppState>,
    token: Token,
    Meta(meta): Meta,
    ApiPath(id): ApiPath<i64>,
    ApiJson(suspension): ApiJson<Suspension>,
) -> Result<StatusCode, ApiError> {
    let caller = token.with(Scope::Admin)?;
    stores::set_suspended(
        &state,
        &meta,
        caller.user_id,
        id,
        suspension.suspended,
        &suspension.reason,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_email: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub store: Option<String>,
    pub ip: Option<String>,
    pub request_id: Option<String>,
    #[schema(value_type = Object)]
    pub metadata: serde_json::Value,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditList {
    pub items: Vec<AuditEntry>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditFilters {
    /// Part of the actor's email.
    pub actor: Option<String>,
    /// An action, or its family such as `store.`.
    pub action: Option<String>,
    /// Part of the store's name or address.
    pub store: Option<String>,
    /// First day, in the platform's time zone.
    pub from: Option<NaiveDate>,
    /// Last day, included.
    pub to: Option<NaiveDate>,
    #[param(minimum = 1, maximum = 200, default = 20)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// The audit log, newest first.
#[utoipa::path(
    get, path = "/admin/audit", tag = "admin",
    params(AuditFilters),
    security(("token" = ["admin"])),
    responses(
        (status = 200, body = AuditList, headers(("Link" = String, description = "The next page, `rel=\"next\"`"))),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn audit_log(
    State(state): State<AppState>,
    token: Token,
    RawQuery(raw_query): RawQuery,
    ApiQuery(filters): ApiQuery<AuditFilters>,
) -> Result<(HeaderMap, Json<AuditList>), ApiError> {
    token.with(Scope::Admin)?;
    let cursor = Cursor::start_or_continue(filters.cursor.as_deref(), filters.limit)?;
    let filter = audit::Filter {
        actor: filters.actor.unwrap_or_default(),
        action: filters.action.unwrap_or_default(),
        store: filters.store.unwrap_or_default(),
        from: filters.from,
        to: filters.to,
        written_by: Some(cursor.moment),
        page: cursor.page,
        per_page: cursor.limit,
    };
    let page = audit::search(&state.db, state.config.time_zone.name(), &filter).await?;
    let next_cursor = (page.page < page.page_count()).then(|| cursor.next().encode());
    let list = AuditList {
        items: page
            .items
            .into_iter()
            .map(|entry| AuditEntry {
                id: entry.id,
                at: entry.at,
                actor_email: entry.actor_email,
                action: entry.action,
                target: entry.target,
                store: entry.store,
                ip: entry.ip,
                request_id: entry.request_id,
                metadata: entry.metadata,
            })
            .collect(),
        next_cursor,
    };
    let headers = cursor::next_link(
        &state.config.app_url,
        "/admin/audit",
        raw_query.as_deref(),
        list.next_cursor.as_deref(),
    );
    Ok((headers, Json(list)))
}
