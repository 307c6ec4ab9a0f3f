//! Guest orders: placed with an email address and no account, and read
//! through a signed link that the confirmation mail carries. A link names
//! the order, the order's link version and its expiry; renewing the link
//! bumps the version, which revokes every link sent before.

use std::net::IpAddr;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Duration, Utc};
use fred::prelude::{KeysInterface, Pool};
use sqlx::PgPool;
use texts::{Lang, msg};

use super::{
    details::{Order, load},
    messages,
};
use crate::{AppState, Config, Error, Result, email::Email, mail::outbox, secrets::SecretsKey};

/// How long a link opens its order.
pub const LINK_DAYS: i64 = 90;
/// Guest checkouts an email address may start within an hour, and a client
/// IP: enough for a shopper who corrects a typo or two, too few to test a
/// list of stolen cards through the payment page.
pub const CHECKOUTS_PER_EMAIL_HOUR: i64 = 5;
pub const CHECKOUTS_PER_IP_HOUR: i64 = 20;
const PURPOSE: &str = "guest-order";
const HOUR_SECS: i64 = 3600;
/// A renewed link is mailed at most once a minute per order.
const RENEW_COOLDOWN_SECS: i64 = 60;

/// The path of the order's page, `/orders/{number}?key=…`, with a key that
/// opens it for [`LINK_DAYS`] from now.
pub fn path(secrets: &SecretsKey, number: &str, version: i32) -> String {
    format!("/orders/{number}?key={}", key(secrets, number, version))
}

/// A key that opens the order and its receipts for [`LINK_DAYS`] from now.
pub fn key(secrets: &SecretsKey, number: &str, version: i32) -> String {
    let expires = (Utc::now() + Duration::days(LINK_DAYS)).timestamp();
    let signature =
        URL_SAFE_NO_PAD.encode(secrets.digest(PURPOSE, &signed(number, version, expires)));
    format!("{expires}.{version}.{signature}")
}

/// The order's page in `lang`, as a link to mail.
pub fn link(config: &Config, lang: Lang, number: &str, version: i32) -> String {
    format!(
        "{}{}",
        config.app_url,
        lang.path(&path(&config.secrets_key, number, version))
    )
}

fn signed(number: &str, version: i32, expires: i64) -> String {
    format!("{number}:{version}:{expires}")
}

/// What a key says, once its signature is checked.
struct Key {
    version: i32,
    expires: DateTime<Utc>,
}

fn read(secrets: &SecretsKey, number: &str, key: &str) -> Option<Key> {
    let mut parts = key.splitn(3, '.');
    let expires: i64 = parts.next()?.parse().ok()?;
    let version: i32 = parts.next()?.parse().ok()?;
    let signature = URL_SAFE_NO_PAD.decode(parts.next()?).ok()?;
    secrets
        .verifies(PURPOSE, &signed(number, version, expires), &signature)
        .then_some(Key {
            version,
            expires: DateTime::from_timestamp(expires, 0)?,
        })
}

/// What a link opens.
#[derive(Clone, Debug)]
pub enum Opened {
    Order(Box<Order>),
    /// The link is genuine and current but too old: its owner may have a
    /// new one mailed.
    Expired,
}

/// The id of the guest order `number` when `key` is a genuine link to it
/// that was not revoked; "not found" otherwise, whatever is wrong.
async fn order_id(
    db: &PgPool,
    secrets: &SecretsKey,
    number: &str,
    key: &str,
) -> Result<(i64, Key)> {
    let key = read(secrets, number, key).ok_or(Error::NotFound)?;
    let id = sqlx::query_scalar!(
        "SELECT id FROM orders WHERE number = $1 AND guest AND guest_link_version = $2",
        number,
        key.version
    )
    .fetch_optional(db)
    .await?
    .ok_or(Error::NotFound)?;
    Ok((id, key))
}

/// The guest order a link opens.
pub async fn open(db: &PgPool, secrets: &SecretsKey, number: &str, key: &str) -> Result<Opened> {
    let (id, key) = order_id(db, secrets, number, key).await?;
    if key.expires <= Utc::now() {
        return Ok(Opened::Expired);
    }
    let order = load(&mut *db.acquire().await?, id, None).await?;
    Ok(Opened::Order(Box::new(order)))
}

/// The guest order a live link opens; an expired link is refused.
pub async fn find(db: &PgPool, secrets: &SecretsKey, number: &str, key: &str) -> Result<Order> {
    match open(db, secrets, number, key).await? {
        Opened::Order(order) => Ok(*order),
        Opened::Expired => Err(Error::conflict(msg::PROBLEM_GUEST_LINK_EXPIRED)),
    }
}

/// Revokes every link to the order and mails a new one to the order's
/// address. A link that was expired, but neither forged nor revoked, may
/// ask too: the mail goes only to the address the order was placed with.
pub async fn renew(state: &AppState, number: &str, key: &str) -> Result<()> {
    let (id, key) = order_id(&state.db, &state.config.secrets_key, number, key).await?;
    let mut tx = state.db.begin().await?;
    let order = sqlx::query!(
        r#"SELECT email, language,
                  coalesce(guest_link_renewed_at > now() - make_interval(secs => $2), false)
                  AS "too_soon!"
           FROM orders WHERE id = $1 AND guest_link_version = $3 FOR UPDATE"#,
        id,
        RENEW_COOLDOWN_SECS as f64,
        key.version
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(Error::NotFound)?;
    if order.too_soon {
        return Err(Error::TooManyRequests {
            retry_after_secs: RENEW_COOLDOWN_SECS as u64,
        });
    }
    let version = sqlx::query_scalar!(
        "UPDATE orders SET guest_link_version = guest_link_version + 1,
                           guest_link_renewed_at = now(), updated_at = now()
         WHERE id = $1 RETURNING guest_link_version",
        id
    )
    .fetch_one(&mut *tx)
    .await?;
    let lang = Lang::stored(&order.language);
    let message = messages::guest_link_renewed(
        lang,
        &order.email,
        number,
        &link(&state.config, lang, number, version),
    );
    outbox::enqueue(&mut tx, &message).await?;
    tx.commit().await?;
    Ok(())
}

/// Counts a guest checkout for its email address and client IP within the
/// hour, and refuses it once either has started too many.
pub async fn admit(redis: &Pool, email: &Email, ip: IpAddr) -> Result<()> {
    let client = redis.next();
    for (key, limit) in [
        (
            format!("bazaar:guest-checkout:email:{email}"),
            CHECKOUTS_PER_EMAIL_HOUR,
        ),
        (
            format!("bazaar:guest-checkout:ip:{ip}"),
            CHECKOUTS_PER_IP_HOUR,
        ),
    ] {
        let count: i64 = client.incr(&key).await?;
        let _: () = client
            .expire(&key, HOUR_SECS, Some(fred::types::ExpireOptions::NX))
            .await?;
        if count > limit {
            let wait: i64 = client.ttl(&key).await?;
            return Err(Error::TooManyRequests {
                retry_after_secs: wait.clamp(1, HOUR_SECS) as u64,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_of(path: &str) -> &str {
        path.split_once("?key=").unwrap().1
    }

    #[test]
    fn a_link_reads_back_only_for_its_order() {
        let secrets = SecretsKey::local();
        let path = path(&secrets, "BZ-001000", 3);
        assert!(path.starts_with("/orders/BZ-001000?key="));
        let key = read(&secrets, "BZ-001000", key_of(&path)).unwrap();
        assert_eq!(key.version, 3);
        assert!(key.expires > Utc::now() + Duration::days(LINK_DAYS - 1));
        assert!(read(&secrets, "BZ-001001", key_of(&path)).is_none());
    }

    #[test]
    fn an_altered_key_does_not_read() {
        let secrets = SecretsKey::local();
        let path = path(&secrets, "BZ-001000", 1);
        let (expires, rest) = key_of(&path).split_once('.').unwrap();
        let later: i64 = expires.parse::<i64>().unwrap() + 86_400;
        assert!(read(&secrets, "BZ-001000", &format!("{later}.{rest}")).is_none());
        let bumped = key_of(&path).replacen(".1.", ".2.", 1);
        assert!(read(&secrets, "BZ-001000", &bumped).is_none());
        for junk in ["", "1.2", "x.1.abc", "1.x.abc", "1.1.!!"] {
            assert!(read(&secrets, "BZ-001000", junk).is_none(), "{junk:?}");
        }
    }
}
