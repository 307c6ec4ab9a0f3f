//! The platform admin: users, stores, categories, orders, the audit log,
//! failed mail and the marketplace's figures. Every change takes the acting
//! admin's id and writes its audit entry in the same transaction; the caller
//! has checked `Permission::AdministerPlatform`.

pub mod categories;
pub mod dashboard;
pub mod mail;
pub mod orders;
pub mod stores;
pub mod users;
pub mod vat;

/// Rows per page of every admin list.
pub const PAGE_SIZE: i64 = 25;
