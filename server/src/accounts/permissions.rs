//! What each role may do, named by codename and checked in this one place
//! by pages, server functions and routes alike.

use super::messages;
use super::{Role, sessions::AuthUser, throttle, users};
use crate::{AppState, Config, Error, Result, audit::Entry, mail::outbox, request::RequestMeta};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// Pay for an order.
    Checkout,
    /// Open a store and become its owner.
    OpenStore,
    /// Work in the seller admin of one's own store.
    ManageStore,
    /// Anything under `/admin`.
    AdministerPlatform,
}

impl Permission {
    pub fn codename(self) -> &'static str {
        match self {
            Self::Checkout => "order.checkout",
            Self::OpenStore => "store.open",
            Self::ManageStore => "store.manage",
            Self::AdministerPlatform => "platform.administer",
        }
    }
}

/// Whether `user` has `permission`.
pub fn allows(user: &AuthUser, permission: Permission) -> bool {
    match permission {
        Permission::Checkout | Permission::OpenStore => user.verified,
        Permission::ManageStore => user.has_role(Role::Seller) && !user.stores.is_empty(),
        Permission::AdministerPlatform => user.has_role(Role::Admin),
    }
}

/// Whether `user` must add a second sign-in step before using `permission`:
/// platform admins when the platform requires it (`REQUIRE_2FA_FOR_ADMINS`),
/// and the staff of a store whose owner requires it.
pub fn needs_second_step(config: &Config, user: &AuthUser, permission: Permission) -> bool {
    if user.two_step {
        return false;
    }
    match permission {
        Permission::AdministerPlatform => config.require_2fa_for_admins,
        Permission::ManageStore => user
            .stores
            .first()
            .is_some_and(|store| store.role == "staff" && store.staff_two_step_required),
        Permission::Checkout | Permission::OpenStore => false,
    }
}

/// The user when signed in and allowed; `Unauthorized` for anonymous
/// visitors, `SecondStepRequired` for one who must first add a second
/// sign-in step, `Forbidden` otherwise. Refused admin access is logged,
/// audited and, when repeated, reported to the platform admins by mail.
pub async fn require<'a>(
    state: &AppState,
    meta: &RequestMeta,
    user: Option<&'a AuthUser>,
    permission: Permission,
) -> Result<&'a AuthUser> {
    if let Some(user) = user
        && allows(user, permission)
    {
        if needs_second_step(&state.config, user, permission) {
            return Err(Error::SecondStepRequired);
        }
        return Ok(user);
    }
    if permission == Permission::AdministerPlatform {
        report_refused_admin_access(state, meta, user).await?;
    }
    match user {
        None => Err(Error::Unauthorized),
        Some(_) => Err(Error::Forbidden),
    }
}

async fn report_refused_admin_access(
    state: &AppState,
    meta: &RequestMeta,
    user: Option<&AuthUser>,
) -> Result<()> {
    let who = user.map_or_else(
        || format!("An anonymous visitor from {}", meta.ip),
        |u| format!("{} (user {})", u.email, u.id),
    );
    tracing::warn!(who, ip = %meta.ip, "admin access refused");
    // Counted before the transaction opens, so it never waits on Redis.
    let mut counts =
        vec![throttle::count_refused_admin_access(&state.redis, &format!("ip:{}", meta.ip)).await?];
    if let Some(user) = user {
        counts.push(
            throttle::count_refused_admin_access(&state.redis, &format!("user:{}", user.id))
                .await?,
        );
    }
    let mut tx = state.db.begin().await?;
    Entry::new(user.map(|u| u.id), "admin.access_refused")
        .target(meta.ip.to_string())
        .record(&mut tx, meta)
        .await?;
    let threshold = i64::from(state.config.admin_alert_threshold);
    // Exactly at the threshold: one alert per account or IP and hour.
    if let Some(&count) = counts.iter().find(|&&count| count == threshold) {
        let admins = sqlx::query_scalar!(
            r#"SELECT u.email::text AS "email!" FROM users u JOIN user_roles r ON r.user_id = u.id
               WHERE r.role = 'admin' AND u.status = 'active'"#
        )
        .fetch_all(&mut *tx)
        .await?;
        for admin in admins {
            let lang = users::language_of(&mut *tx, &admin).await?;
            let message = messages::admin_access_alert(lang, &admin, &who, count);
            outbox::enqueue(&mut tx, &message).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
