//! Stores as the platform admin sees them: status, sales, and suspending a
//! store (its products leave the storefront; its sellers are told why).

use serde_json::json;
use sqlx::PgPool;

use super::PAGE_SIZE;
use crate::{
    AppState, Error, Result,
    audit::Entry,
    money::Money,
    paging::{Page, Window},
    request::RequestMeta,
    seller::StoreScope,
    storefront, text,
};
use texts::{Text, msg};

/// The store statuses an admin filters by.
pub const STATUSES: &[&str] = &["active", "suspended", "closed"];

/// What the store list shows: a search over name and address, a status.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub text: String,
    pub status: Option<String>,
    pub page: i64,
}

/// A store with its owner and what it has sold.
#[derive(Clone, Debug)]
pub struct StoreRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub status: String,
    pub status_reason: String,
    pub owner: Option<String>,
    pub products: i64,
    pub orders: i64,
    /// Paid sales and shipping less refunds, all time.
    pub sales: Money,
}

/// A page of stores, by name.
pub async fn list(db: &PgPool, filter: &Filter) -> Result<Page<StoreRow>> {
    let window = Window::new(filter.page, PAGE_SIZE);
    let status = filter
        .status
        .as_deref()
        .filter(|status| STATUSES.contains(status));
    let text = filter.text.trim();
    let rows = sqlx::query!(
        r#"SELECT s.id, s.slug, s.name, s.status, s.status_reason,
                  (SELECT u.email::text FROM store_members m JOIN users u ON u.id = m.user_id
                   WHERE m.store_id = s.id AND m.role = 'owner') AS owner,
                  (SELECT count(*) FROM products p WHERE p.store_id = s.id AND p.status <> 'archived') AS "products!",
                  (SELECT count(*) FROM store_orders so WHERE so.store_id = s.id AND so.paid_at IS NOT NULL) AS "orders!",
                  (SELECT coalesce(sum(so.subtotal + so.shipping - so.refunded), 0) FROM store_orders so
                   WHERE so.store_id = s.id AND so.paid_at IS NOT NULL)::bigint AS "sales!",
                  count(*) OVER () AS "total!"
           FROM stores s
           WHERE ($1 = '' OR s.name ILIKE $2 OR s.slug ILIKE $2)
             AND ($3::text IS NULL OR s.status = $3)
           ORDER BY lower(s.name), s.id
           LIMIT $4 OFFSET $5"#,
        text,
        text::contains_pattern(text),
        status,
        window.limit(),
        window.offset(),
    )
    .fetch_all(db)
    .await?;
    let total = rows.first().map_or(0, |row| row.total);
    let items = rows
        .into_iter()
        .map(|row| StoreRow {
            id: row.id,
            slug: row.slug,
            name: row.name,
            status: row.status,
            status_reason: row.status_reason,
            owner: row.owner,
            products: row.products,
            orders: row.orders,
            sales: Money::from_cents(row.sales),
        })
        .collect();
    Ok(window.page(items, total))
}

/// One store, and the scope its read-only product and order lists use.
pub async fn find(db: &PgPool, id: i64, admin: i64) -> Result<(StoreRow, StoreScope)> {
    let row = sqlx::query!(
        r#"SELECT s.id, s.slug, s.name, s.status, s.status_reason,
                  (SELECT u.email::text FROM store_members m JOIN users u ON u.id = m.user_id
                   WHERE m.store_id = s.id AND m.role = 'owner') AS owner,
                  (SELECT count(*) FROM products p WHERE p.store_id = s.id AND p.status <> 'archived') AS "products!",
                  (SELECT count(*) FROM store_orders so WHERE so.store_id = s.id AND so.paid_at IS NOT NULL) AS "orders!",
                  (SELECT coalesce(sum(so.subtotal + so.shipping - so.refunded), 0) FROM store_orders so
                   WHERE so.store_id = s.id AND so.paid_at IS NOT NULL)::bigint AS "sales!"
           FROM stores s WHERE s.id = $1"#,
        id
    )
    .fetch_optional(db)
    .await?
    .ok_or(Error::NotFound)?;
    let store = StoreRow {
        id: row.id,
        slug: row.slug,
        name: row.name,
        status: row.status,
        status_reason: row.status_reason,
        owner: row.owner,
        products: row.products,
        orders: row.orders,
        sales: Money::from_cents(row.sales),
    };
    Ok((store, StoreScope::inspected(id, admin)))
}

/// Suspends an active store, with the reason its sellers will read, or
/// reactivates a suspended one. The storefront's cached listings are
/// dropped so the change shows at once.
pub async fn set_suspended(
    state: &AppState,
    meta: &RequestMeta,
    admin: i64,
    store_id: i64,
    suspended: bool,
    reason: &str,
) -> Result<()> {
    let reason = reason.trim();
    if suspended {
        match reason.chars().count() {
            0 => {
                return Err(Error::invalid("reason", msg::PROBLEM_REASON_REQUIRED));
            }
            501.. => {
                return Err(Error::invalid(
                    "reason",
                    Text::from(msg::PROBLEM_TOO_LONG).with("max", 500),
                ));
            }
            _ => {}
        }
    }
    let (from, to, action) = if suspended {
        ("active", "suspended", "store.suspended")
    } else {
        ("suspended", "active", "store.reactivated")
    };
    let mut tx = state.db.begin().await?;
    let status = sqlx::query_scalar!(
        "SELECT status FROM stores WHERE id = $1 FOR UPDATE",
        store_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(Error::NotFound)?;
    if status != from {
        let message = if suspended {
            msg::PROBLEM_STORE_NOT_ACTIVE
        } else {
            msg::PROBLEM_STORE_NOT_SUSPENDED
        };
        return Err(Error::conflict(Text::from(message).with("status", status)));
    }
    sqlx::query!(
        "UPDATE stores SET status = $2, status_reason = $3, updated_at = now() WHERE id = $1",
        store_id,
        to,
        if suspended { reason } else { "" }
    )
    .execute(&mut *tx)
    .await?;
    Entry::new(Some(admin), action)
        .target(format!("store:{store_id}"))
        .store(store_id)
        .metadata(json!({ "reason": reason }))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    // Listings and the store filter show active stores only.
    storefront::forget(state);
    Ok(())
}
