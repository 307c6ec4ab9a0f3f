//! The platform admin's server functions. Each one starts by checking the
//! visitor is an admin; refusals are audited.

pub mod audit;
pub mod categories;
pub mod dashboard;
pub mod mail;
pub mod orders;
pub mod stores;
pub mod users;
pub mod vat;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    crate::session,
    server::accounts::{AuthUser, Permission},
};

/// Form names for the one-time feedback of plain form posts.
pub mod forms {
    pub const USER: &str = "admin-user";
    pub const STORE: &str = "admin-store";
    pub const CATEGORIES: &str = "admin-categories";
    pub const MAIL: &str = "admin-mail";
    pub const VAT: &str = "admin-vat";
}

/// One page of an admin list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing<T> {
    pub rows: Vec<T>,
    pub total: i64,
    pub page: i64,
    pub page_count: i64,
}

#[cfg(feature = "ssr")]
impl<T> Listing<T> {
    pub fn of<S>(page: server::paging::Page<S>, row: impl FnMut(S) -> T) -> Self {
        Self {
            total: page.total,
            page: page.page,
            page_count: page.page_count(),
            rows: page.items.into_iter().map(row).collect(),
        }
    }
}

/// The signed-in admin, or the error the page shows.
#[cfg(feature = "ssr")]
pub(crate) async fn admin() -> Result<AuthUser, AppError> {
    session::require(Permission::AdministerPlatform).await
}

/// Confirms the visitor is a platform admin (refusals are audited).
#[server]
pub async fn admin_area() -> Result<(), AppError> {
    admin().await.map(drop)
}

/// `"on"`, `"yes"`: the confirmation box of a destructive action was ticked.
#[cfg(feature = "ssr")]
pub(crate) fn confirmed(confirm: &Option<String>) -> bool {
    confirm.as_deref().is_some_and(|value| !value.is_empty())
}
