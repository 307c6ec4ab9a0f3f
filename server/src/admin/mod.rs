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

/// Rows per page of every admin list.
pub const PAGE_SIZE: i64 = 25;

/// The last page any admin list goes to: beyond it nothing is listed, and
/// the offset cannot overflow.
pub const LAST_PAGE: i64 = 1_000_000;

/// The offset of `page` (1-based; anything lower is the first).
pub(crate) fn offset(page: i64) -> i64 {
    (page.clamp(1, LAST_PAGE) - 1) * PAGE_SIZE
}
