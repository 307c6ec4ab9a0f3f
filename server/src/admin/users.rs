//! Accounts as the platform admin manages them: find, grant and remove roles,
//! deactivate and reactivate, resend the verification mail.

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::PgPool;

use super::PAGE_SIZE;
use crate::{
    AppState, Error, Result,
    accounts::messages,
    accounts::{Role, registration, sessions, users},
    audit::Entry,
    mail::outbox,
    paging::{Page, Window},
    request::RequestMeta,
    text,
};
use texts::msg;

/// The account statuses an admin filters by.
pub const STATUSES: &[&str] = &["active", "deactivated"];

/// What the user list shows: a search over email and name, a role, a status.
#[derive(Clone, Debug)]
pub struct Filter {
    pub text: String,
    pub role: Option<Role>,
    pub status: Option<String>,
    /// Leaves out accounts made after this moment: an API cursor's.
    pub created_by: Option<DateTime<Utc>>,
    pub page: i64,
    pub per_page: i64,
}

impl Default for Filter {
    fn default() -> Self {
        Self {
            text: String::new(),
            role: None,
            status: None,
            created_by: None,
            page: 1,
            per_page: PAGE_SIZE,
        }
    }
}

/// One account in the list, and on its own page with its store.
#[derive(Clone, Debug)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub status: String,
    pub verified: bool,
    pub roles: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub store: Option<String>,
    pub open_sessions: i64,
    /// The account has a second sign-in step.
    pub two_step: bool,
}

/// A page of accounts, newest first.
pub async fn list(db: &PgPool, filter: &Filter) -> Result<Page<Account>> {
    let window = Window::new(filter.page, filter.per_page);
    let status = filter
        .status
        .as_deref()
        .filter(|status| STATUSES.contains(status));
    let text = filter.text.trim();
    let rows = sqlx::query!(
        r#"SELECT u.id, u.email::text AS "email!", u.name, u.status, u.email_verified_at IS NOT NULL AS "verified!",
                  u.created_at,
                  ARRAY(SELECT role FROM user_roles r WHERE r.user_id = u.id ORDER BY role) AS "roles!",
                  (SELECT s.name FROM store_members m JOIN stores s ON s.id = m.store_id WHERE m.user_id = u.id) AS store,
                  has_second_step(u.id) AS "two_step!",
                  count(*) OVER () AS "total!"
           FROM users u
           WHERE u.status <> 'deleted'
             AND ($1 = '' OR u.email ILIKE $2 OR u.name ILIKE $2)
             AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = $3))
             AND ($4::text IS NULL OR u.status = $4)
             AND ($7::timestamptz IS NULL OR u.created_at <= $7)
           ORDER BY u.created_at DESC, u.id DESC
           LIMIT $5 OFFSET $6"#,
        text,
        text::contains_pattern(text),
        filter.role.map(Role::as_str),
        status,
        window.limit(),
        window.offset(),
        filter.created_by,
    )
    .fetch_all(db)
    .await?;
    let total = rows.first().map_or(0, |row| row.total);
    let items = rows
        .into_iter()
        .map(|row| Account {
            id: row.id,
            email: row.email,
            name: row.name,
            status: row.status,
            verified: row.verified,
            roles: row.roles,
            created_at: row.created_at,
            store: row.store,
            open_sessions: 0,
            two_step: row.two_step,
        })
        .collect();
    Ok(window.page(items, total))
}

/// One account with its store and how many sessions it has open.
pub async fn find(db: &PgPool, id: i64) -> Result<Account> {
    let row = sqlx::query!(
        r#"SELECT u.id, u.email::text AS "email!", u.name, u.status, u.email_verified_at IS NOT NULL AS "verified!",
                  u.created_at,
                  ARRAY(SELECT role FROM user_roles r WHERE r.user_id = u.id ORDER BY role) AS "roles!",
                  (SELECT s.name FROM store_members m JOIN stores s ON s.id = m.store_id WHERE m.user_id = u.id) AS store,
                  (SELECT count(*) FROM user_sessions s WHERE s.user_id = u.id AND s.ended_at IS NULL) AS "open_sessions!",
                  has_second_step(u.id) AS "two_step!"
           FROM users u WHERE u.id = $1 AND u.status <> 'deleted'"#,
        id
    )
    .fetch_optional(db)
    .await?
    .ok_or(Error::NotFound)?;
    Ok(Account {
        id: row.id,
        email: row.email,
        name: row.name,
        status: row.status,
        verified: row.verified,
        roles: row.roles,
        created_at: row.created_at,
        store: row.store,
        open_sessions: row.open_sessions,
        two_step: row.two_step,
    })
}

/// Grants `role` to the account, or removes it. An admin cannot remove
/// their own admin role (another admin has to), and the last active admin
/// keeps theirs, so the platform is never left without one.
pub async fn set_role(
    db: &PgPool,
    meta: &RequestMeta,
    admin: i64,
    user_id: i64,
    role: Role,
    granted: bool,
) -> Result<()> {
    if !granted && role == Role::Admin && user_id == admin {
        return Err(Error::conflict(msg::PROBLEM_OWN_ADMIN_ROLE));
    }
    let mut tx = db.begin().await?;
    if !granted && role == Role::Admin {
        keep_an_admin(&mut tx, user_id).await?;
    }
    lock_account(&mut tx, user_id).await?;
    let changed = if granted {
        users::grant_role(&mut tx, user_id, role).await?
    } else {
        sqlx::query!(
            "DELETE FROM user_roles WHERE user_id = $1 AND role = $2",
            user_id,
            role.as_str()
        )
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0
    };
    if changed {
        let action = if granted {
            "role.granted"
        } else {
            "role.revoked"
        };
        Entry::new(Some(admin), action)
            .target(format!("user:{user_id}"))
            .metadata(json!({ "role": role.as_str() }))
            .record(&mut tx, meta)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Deactivates the account (every session ends at its next request, it
/// cannot sign in, and its owner is told by mail) or reactivates it. Admins
/// cannot deactivate themselves, nor anybody when that would leave no active
/// admin.
pub async fn set_active(
    db: &PgPool,
    meta: &RequestMeta,
    admin: i64,
    user_id: i64,
    active: bool,
) -> Result<()> {
    if !active && user_id == admin {
        return Err(Error::conflict(msg::PROBLEM_OWN_DEACTIVATE));
    }
    let mut tx = db.begin().await?;
    if !active {
        keep_an_admin(&mut tx, user_id).await?;
    }
    let (status, email) = lock_account(&mut tx, user_id).await?;
    let wanted = if active { "active" } else { "deactivated" };
    if status != wanted {
        sqlx::query!(
            "UPDATE users SET status = $2, auth_epoch = auth_epoch + 1, updated_at = now() WHERE id = $1",
            user_id,
            wanted
        )
        .execute(&mut *tx)
        .await?;
        sessions::end_others(&mut tx, user_id, None).await?;
        if !active {
            let lang = users::language_of(&mut *tx, &email).await?;
            outbox::enqueue(&mut tx, &messages::account_deactivated(lang, &email)).await?;
        }
        let action = if active {
            "user.reactivated"
        } else {
            "user.deactivated"
        };
        Entry::new(Some(admin), action)
            .target(format!("user:{user_id}"))
            .record(&mut tx, meta)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Sends the account a new verification mail (the same once-a-minute limit
/// as when its owner asks).
pub async fn resend_verification(
    state: &AppState,
    meta: &RequestMeta,
    admin: i64,
    user_id: i64,
) -> Result<()> {
    let account = find(&state.db, user_id).await?;
    if account.verified {
        return Err(Error::conflict(msg::PROBLEM_EMAIL_CONFIRMED));
    }
    if account.status != "active" {
        return Err(Error::conflict(msg::PROBLEM_REACTIVATE_FIRST));
    }
    registration::resend(state, meta, &account.email).await?;
    let mut conn = state.db.acquire().await?;
    Entry::new(Some(admin), "user.verification_resent")
        .target(format!("user:{user_id}"))
        .record(&mut conn, meta)
        .await
}

/// Refuses a change to `user_id` when no other active admin would remain.
/// The admins' rows stay locked until the transaction ends, so two admins
/// removing each other at the same moment cannot both succeed.
async fn keep_an_admin(conn: &mut sqlx::PgConnection, user_id: i64) -> Result<()> {
    // Locked in one order; a change committed meanwhile is seen once the
    // lock is granted.
    let admins = sqlx::query!(
        "SELECT u.id, u.status FROM users u
         JOIN user_roles r ON r.user_id = u.id AND r.role = 'admin'
         ORDER BY u.id FOR UPDATE OF u, r",
    )
    .fetch_all(conn)
    .await?;
    let others = admins
        .iter()
        .filter(|admin| admin.id != user_id && admin.status == "active")
        .count();
    if others == 0 {
        return Err(Error::conflict(msg::PROBLEM_LAST_ADMIN));
    }
    Ok(())
}

/// Locks the account's row for the transaction; its status and email.
async fn lock_account(conn: &mut sqlx::PgConnection, user_id: i64) -> Result<(String, String)> {
    let row = sqlx::query!(
        r#"SELECT status, email::text AS "email!" FROM users
           WHERE id = $1 AND status <> 'deleted' FOR UPDATE"#,
        user_id
    )
    .fetch_optional(conn)
    .await?
    .ok_or(Error::NotFound)?;
    Ok((row.status, row.email))
}
