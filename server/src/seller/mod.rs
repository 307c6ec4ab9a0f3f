//! The seller admin: a store's own catalog. Every function takes a
//! [`StoreScope`], made from the signed-in member and never from the request,
//! and reaches only rows of that store; another store's id is "not found".

pub mod categories;
pub mod dashboard;
pub mod images;
pub mod inventory;
pub mod orders;
pub mod products;
pub mod settings;
pub mod shipping;
pub mod stats;
pub mod webhooks;

use sqlx::PgConnection;

use crate::{
    AppState, Error, Result,
    accounts::{
        Permission,
        api_tokens::Caller,
        permissions,
        sessions::{self, AuthUser, Session},
    },
    request::RequestMeta,
};
use texts::msg;

/// The signed-in seller of a request and the store they act for: the one
/// way from a session to a [`StoreScope`], for the seller pages' server
/// functions and the CSV export alike. Refusals are audited as any other.
pub async fn signed_in_seller(
    state: &AppState,
    session: &Session,
    meta: &RequestMeta,
) -> Result<(AuthUser, StoreScope)> {
    let user = sessions::current_user(&state.db, &state.config, session).await?;
    let user = permissions::require(state, meta, user.as_ref(), Permission::ManageStore).await?;
    let scope = StoreScope::of(user)?;
    Ok((user.clone(), scope))
}

/// The store a seller acts for, and who acts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoreScope {
    store_id: i64,
    actor: i64,
    owner: bool,
}

impl StoreScope {
    /// The store `user` is a member of; forbidden for anybody else.
    pub fn of(user: &AuthUser) -> Result<Self> {
        let membership = user.stores.first().ok_or(Error::Forbidden)?;
        Ok(Self {
            store_id: membership.store_id,
            actor: user.id,
            owner: membership.role == "owner",
        })
    }

    /// The store an API token acts for. Authenticating it checked that its
    /// owner is still a seller and a member; a token without a store is
    /// forbidden. Owner-only changes are never made through a token.
    pub fn of_token(caller: &Caller) -> Result<Self> {
        Ok(Self {
            store_id: caller.store_id.ok_or(Error::Forbidden)?,
            actor: caller.user_id,
            owner: false,
        })
    }

    /// A platform admin reading `store_id`'s products and orders; only the
    /// admin's read-only store pages make one.
    pub(crate) fn inspected(store_id: i64, admin: i64) -> Self {
        Self {
            store_id,
            actor: admin,
            owner: false,
        }
    }

    pub fn store_id(self) -> i64 {
        self.store_id
    }

    pub fn actor(self) -> i64 {
        self.actor
    }

    /// Only the owner closes the store and manages its members.
    pub fn require_owner(self) -> Result<Self> {
        if self.owner {
            Ok(self)
        } else {
            Err(Error::conflict(msg::PROBLEM_OWNER_ONLY))
        }
    }
}

/// A product of the store, locked until the transaction ends so concurrent
/// changes to it queue up.
pub(crate) struct LockedProduct {
    pub slug: String,
    pub version: i32,
}

/// Locks one of the store's products; another store's is "not found".
pub(crate) async fn lock_product(
    conn: &mut PgConnection,
    scope: StoreScope,
    product_id: i64,
) -> Result<LockedProduct> {
    sqlx::query_as!(
        LockedProduct,
        "SELECT slug, version FROM products WHERE id = $1 AND store_id = $2 FOR UPDATE",
        product_id,
        scope.store_id()
    )
    .fetch_optional(conn)
    .await?
    .ok_or(Error::NotFound)
}
