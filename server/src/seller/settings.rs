//! A store's settings: its details and address (the old address keeps
//! leading to it), logo, low-stock threshold, members, and closing it. The
//! owner alone manages members and closes the store.

use serde_json::json;
use sqlx::PgPool;

use super::{StoreScope, images};
use crate::{
    AppState, Error, Result, UniqueRefusal,
    accounts::messages,
    accounts::{Email, Role, users},
    audit::Entry,
    mail::outbox,
    media,
    request::RequestMeta,
    storefront,
    stores::{StoreDetails, slug_taken, slug_taken_error},
};
use texts::{Text, msg};

#[derive(Clone, Debug)]
pub struct Settings {
    pub details: StoreDetails,
    pub status: String,
    pub logo_key: Option<String>,
    pub low_stock_threshold: i32,
    pub members: Vec<Member>,
    /// Staff must have a second sign-in step to work in the store.
    pub staff_two_step_required: bool,
    pub receipts: ReceiptDetails,
}

/// Who the store's receipts name as the seller.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReceiptDetails {
    /// The company or person selling; receipts use the store's name until
    /// it is set.
    pub legal_name: String,
    /// The postal address, one line per line.
    pub address: String,
    /// Such as FR12345678901; optional.
    pub vat_number: String,
}

impl ReceiptDetails {
    /// Trimmed and checked, with a problem for every field that is wrong.
    fn checked(&self) -> Result<Self> {
        let mut problems = crate::Problems::default();
        let legal_name = self.legal_name.trim().to_owned();
        if legal_name.chars().count() > 120 {
            problems.add(
                "legal_name",
                Text::from(msg::PROBLEM_TOO_LONG).with("max", 120),
            );
        }
        let lines: Vec<&str> = self
            .address
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect();
        let address = lines.join("\n");
        if lines.len() > 6 || address.chars().count() > 400 {
            problems.add("address", msg::PROBLEM_ADDRESS_LINES);
        }
        let vat_number: String = self
            .vat_number
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_uppercase();
        let well_formed = vat_number.len() <= 16
            && vat_number.chars().take(2).all(|c| c.is_ascii_uppercase())
            && vat_number
                .chars()
                .skip(2)
                .all(|c| c.is_ascii_alphanumeric())
            && vat_number.len() >= 4;
        if !vat_number.is_empty() && !well_formed {
            problems.add("vat_number", msg::PROBLEM_VAT_NUMBER);
        }
        problems.finish()?;
        Ok(Self {
            legal_name,
            address,
            vat_number,
        })
    }
}

#[derive(Clone, Debug)]
pub struct Member {
    pub user_id: i64,
    pub email: String,
    pub name: String,
    /// `owner` or `staff`.
    pub role: String,
    /// The member has a second sign-in step.
    pub two_step: bool,
}

pub async fn get(db: &PgPool, scope: StoreScope) -> Result<Settings> {
    let store = sqlx::query!(
        "SELECT name, slug, description, status, logo_key, low_stock_threshold, staff_two_step_required,
                legal_name, legal_address, vat_number
         FROM stores WHERE id = $1",
        scope.store_id()
    )
    .fetch_optional(db)
    .await?
    .ok_or(Error::NotFound)?;
    let members = sqlx::query_as!(
        Member,
        r#"SELECT u.id AS user_id, u.email::text AS "email!", u.name, m.role,
                  has_second_step(u.id) AS "two_step!"
           FROM store_members m JOIN users u ON u.id = m.user_id
           WHERE m.store_id = $1 ORDER BY m.role = 'staff', m.joined_at, u.id"#,
        scope.store_id()
    )
    .fetch_all(db)
    .await?;
    Ok(Settings {
        details: StoreDetails {
            name: store.name,
            slug: store.slug,
            description: store.description,
        },
        status: store.status,
        logo_key: store.logo_key,
        low_stock_threshold: store.low_stock_threshold,
        members,
        staff_two_step_required: store.staff_two_step_required,
        receipts: ReceiptDetails {
            legal_name: store.legal_name,
            address: store.legal_address,
            vat_number: store.vat_number,
        },
    })
}

/// Saves what receipts name as the seller. Receipts issued from now on
/// name it; those issued keep what they said.
pub async fn save_receipt_details(
    db: &PgPool,
    meta: &RequestMeta,
    scope: StoreScope,
    input: &ReceiptDetails,
) -> Result<()> {
    let details = input.checked()?;
    let mut tx = db.begin().await?;
    sqlx::query!(
        "UPDATE stores SET legal_name = $2, legal_address = $3, vat_number = $4, updated_at = now()
         WHERE id = $1",
        scope.store_id(),
        details.legal_name,
        details.address,
        details.vat_number
    )
    .execute(&mut *tx)
    .await?;
    Entry::new(Some(scope.actor()), "store.receipt_details_changed")
        .target(format!("store:{}", scope.store_id()))
        .store(scope.store_id())
        .metadata(json!({ "legal_name": details.legal_name, "vat_number": details.vat_number }))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Saves the name, address and description. A new address keeps the old one
/// leading to the store; an address another store uses or used is refused.
pub async fn save_details(
    state: &AppState,
    meta: &RequestMeta,
    scope: StoreScope,
    input: &StoreDetails,
) -> Result<()> {
    let details = input.checked()?;
    let mut tx = state.db.begin().await?;
    let old_slug = sqlx::query_scalar!(
        "SELECT slug FROM stores WHERE id = $1 FOR UPDATE",
        scope.store_id()
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(Error::NotFound)?;
    if details.slug != old_slug {
        if slug_taken(&mut tx, &details.slug, Some(scope.store_id())).await? {
            return Err(slug_taken_error());
        }
        // Taking back one of its own former addresses.
        sqlx::query!(
            "DELETE FROM store_slug_redirects WHERE old_slug = $1",
            details.slug
        )
        .execute(&mut *tx)
        .await?;
        sqlx::query!(
            "INSERT INTO store_slug_redirects (old_slug, store_id) VALUES ($1, $2)",
            old_slug,
            scope.store_id()
        )
        .execute(&mut *tx)
        .await?;
    }
    let saved = sqlx::query!(
        "UPDATE stores SET name = $2, slug = $3, description = $4, updated_at = now() WHERE id = $1",
        scope.store_id(),
        details.name,
        details.slug,
        details.description
    )
    .execute(&mut *tx)
    .await;
    // Another store took the address at the same moment.
    saved.when_taken(slug_taken_error)?;
    // The search document holds the store's name.
    sqlx::query!(
        "UPDATE products SET store_id = store_id WHERE store_id = $1",
        scope.store_id()
    )
    .execute(&mut *tx)
    .await?;
    Entry::new(Some(scope.actor()), "store.updated")
        .target(format!("store:{}", scope.store_id()))
        .store(scope.store_id())
        .metadata(json!({ "name": details.name, "slug": details.slug, "old_slug": old_slug }))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    storefront::forget(state);
    Ok(())
}

/// The stock at or below which a variant shows as running low.
pub async fn set_low_stock_threshold(
    db: &PgPool,
    meta: &RequestMeta,
    scope: StoreScope,
    threshold: &str,
) -> Result<()> {
    let threshold = threshold
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|n| (0..=100_000).contains(n))
        .ok_or_else(|| {
            Error::invalid(
                "low_stock_threshold",
                Text::from(msg::PROBLEM_NUMBER_RANGE).with("max", 100_000),
            )
        })?;
    let mut tx = db.begin().await?;
    sqlx::query!(
        "UPDATE stores SET low_stock_threshold = $2, updated_at = now() WHERE id = $1",
        scope.store_id(),
        threshold
    )
    .execute(&mut *tx)
    .await?;
    Entry::new(Some(scope.actor()), "store.low_stock_threshold_changed")
        .target(format!("store:{}", scope.store_id()))
        .store(scope.store_id())
        .metadata(json!({ "threshold": threshold }))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Requires a second sign-in step of the store's staff, or stops requiring
/// it. Staff without one are sent to set it up at their next seller page.
/// Owner only.
pub async fn set_staff_two_step(
    db: &PgPool,
    meta: &RequestMeta,
    scope: StoreScope,
    required: bool,
) -> Result<()> {
    let scope = scope.require_owner()?;
    let mut tx = db.begin().await?;
    let changed = sqlx::query!(
        "UPDATE stores SET staff_two_step_required = $2, updated_at = now()
         WHERE id = $1 AND staff_two_step_required <> $2",
        scope.store_id(),
        required
    )
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() > 0 {
        Entry::new(Some(scope.actor()), "store.staff_two_step_changed")
            .target(format!("store:{}", scope.store_id()))
            .store(scope.store_id())
            .metadata(json!({ "required": required }))
            .record(&mut tx, meta)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Replaces the store's logo with `upload` (checked like product images), or
/// removes it when `upload` is `None`. The old files go once the change is
/// committed.
pub async fn set_logo(
    state: &AppState,
    meta: &RequestMeta,
    scope: StoreScope,
    upload: Option<images::Upload>,
) -> Result<()> {
    let new_key = match upload {
        Some(upload) => {
            let encoded = tokio::task::spawn_blocking(move || {
                media::encode(&images::decode(&upload, "logo")?)
            })
            .await
            .map_err(Error::internal)??;
            let stored = media::store(&state.db, &state.storage, vec![encoded]).await?;
            stored.into_iter().next().map(|stored| stored.file_key)
        }
        None => None,
    };
    let new_keys: Vec<String> = new_key.iter().cloned().collect();
    let saved = async {
        let mut tx = state.db.begin().await?;
        let old_key = sqlx::query_scalar!(
            "SELECT logo_key FROM stores WHERE id = $1 FOR UPDATE",
            scope.store_id()
        )
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query!(
            "UPDATE stores SET logo_key = $2, updated_at = now() WHERE id = $1",
            scope.store_id(),
            new_key
        )
        .execute(&mut *tx)
        .await?;
        media::deletions::cancel(&mut tx, &new_keys).await?;
        media::deletions::schedule(&mut tx, &old_key.into_iter().collect::<Vec<_>>()).await?;
        let action = if new_key.is_some() {
            "store.logo_changed"
        } else {
            "store.logo_removed"
        };
        Entry::new(Some(scope.actor()), action)
            .target(format!("store:{}", scope.store_id()))
            .store(scope.store_id())
            .record(&mut tx, meta)
            .await?;
        tx.commit().await?;
        Ok::<_, Error>(())
    }
    .await;
    if saved.is_err() {
        media::forget(&state.db, &state.storage, &new_keys).await;
    }
    saved
}

/// Adds the person with `email`, who must already have an account and no
/// store of their own, as staff, and tells them by mail. Owner only.
pub async fn add_staff(
    db: &PgPool,
    meta: &RequestMeta,
    scope: StoreScope,
    email: &str,
    app_url: &str,
) -> Result<()> {
    let scope = scope.require_owner()?;
    let email =
        Email::parse(email).map_err(|_| Error::invalid("email", msg::PROBLEM_STAFF_EMAIL))?;
    let mut tx = db.begin().await?;
    let user = sqlx::query!(
        "SELECT id, EXISTS (SELECT 1 FROM store_members m WHERE m.user_id = u.id) AS \"in_a_store!\"
         FROM users u WHERE email = $1 AND status = 'active' FOR UPDATE",
        email.as_str() as _
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| Error::invalid("email", msg::PROBLEM_STAFF_UNKNOWN))?;
    if user.in_a_store {
        return Err(works_elsewhere());
    }
    let joined = sqlx::query!(
        "INSERT INTO store_members (store_id, user_id, role) VALUES ($1, $2, 'staff')",
        scope.store_id(),
        user.id
    )
    .execute(&mut *tx)
    .await;
    // Another store added them at the same moment.
    joined.when_taken(works_elsewhere)?;
    users::grant_role(&mut tx, user.id, Role::Seller).await?;
    let store = sqlx::query_scalar!("SELECT name FROM stores WHERE id = $1", scope.store_id())
        .fetch_one(&mut *tx)
        .await?;
    let lang = users::language_of(&mut *tx, email.as_str()).await?;
    outbox::enqueue(
        &mut tx,
        &messages::added_to_store(lang, email.as_str(), app_url, &store),
    )
    .await?;
    Entry::new(Some(scope.actor()), "store.member_added")
        .target(format!("user:{}", user.id))
        .store(scope.store_id())
        .metadata(json!({ "role": "staff" }))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(())
}

fn works_elsewhere() -> Error {
    Error::invalid("email", msg::PROBLEM_STAFF_TAKEN)
}

/// Removes a staff member (never the owner). Owner only.
pub async fn remove_staff(
    db: &PgPool,
    meta: &RequestMeta,
    scope: StoreScope,
    user_id: i64,
) -> Result<()> {
    let scope = scope.require_owner()?;
    let mut tx = db.begin().await?;
    let removed = sqlx::query!(
        "DELETE FROM store_members WHERE store_id = $1 AND user_id = $2 AND role = 'staff'",
        scope.store_id(),
        user_id
    )
    .execute(&mut *tx)
    .await?;
    if removed.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    sqlx::query!(
        "DELETE FROM user_roles WHERE user_id = $1 AND role = 'seller'",
        user_id
    )
    .execute(&mut *tx)
    .await?;
    Entry::new(Some(scope.actor()), "store.member_removed")
        .target(format!("user:{user_id}"))
        .store(scope.store_id())
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Closes the store for good: its products leave the storefront; its orders
/// stay for the customers and the sellers. Owner only.
pub async fn close(state: &AppState, meta: &RequestMeta, scope: StoreScope) -> Result<()> {
    let scope = scope.require_owner()?;
    let mut tx = state.db.begin().await?;
    let closed = sqlx::query!(
        "UPDATE stores SET status = 'closed', updated_at = now() WHERE id = $1 AND status <> 'closed'",
        scope.store_id()
    )
    .execute(&mut *tx)
    .await?;
    if closed.rows_affected() == 0 {
        return Err(Error::conflict(msg::PROBLEM_STORE_CLOSED_ALREADY));
    }
    Entry::new(Some(scope.actor()), "store.closed")
        .target(format!("store:{}", scope.store_id()))
        .store(scope.store_id())
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    storefront::forget(state);
    Ok(())
}
