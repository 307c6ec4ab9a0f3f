//! Sign-in attempts counted in Redis, per account and per client IP, so
//! every app instance shares the counts. After five failures an account
//! waits, twice as long after each further attempt; at most 100 failures
//! per account and hour are ever accepted (ASVS 5.0, 6.3.1).
//!
//! A browser the account signed in from before (a known device, told by a
//! long-lived cookie) is counted apart: a stranger's failures slow down
//! sign-ins from new devices, never the owner's own browser.

use std::net::IpAddr;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use fred::prelude::{Expiration, KeysInterface, Pool, SetsInterface};
use rand::Rng;
use sha2::{Digest, Sha256};

use crate::{Error, Result};

const HOUR_SECS: i64 = 3600;
const FREE_FAILURES: i64 = 5;
const FIRST_DELAY_SECS: i64 = 15;
const MAX_DELAY_SECS: i64 = 15 * 60;
const MAX_FAILURES_PER_ACCOUNT: i64 = 100;
/// How long a browser stays known to an account after its last sign-in.
pub const DEVICE_SECS: i64 = 365 * 24 * 3600;

/// A new device cookie's value: 256 random bits, URL-safe.
pub fn new_device() -> String {
    URL_SAFE_NO_PAD.encode(rand::rng().random::<[u8; 32]>())
}

/// Whose failures an attempt counts against: the account as a whole, or
/// one known device of it.
fn counter(email: &str, device: Option<&str>) -> String {
    match device {
        None => email.to_owned(),
        Some(device) => format!("{email}:device:{}", device_digest(device)),
    }
}

fn device_digest(device: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(device.as_bytes()))
}

fn devices_key(email: &str) -> String {
    format!("bazaar:login:devices:{email}")
}

fn failures_key(counter: &str) -> String {
    format!("bazaar:login:failures:{counter}")
}

fn wait_key(counter: &str) -> String {
    format!("bazaar:login:wait:{counter}")
}

fn ip_key(ip: IpAddr) -> String {
    format!("bazaar:login:ip:{ip}")
}

/// The wait the `failures`-th attempt in a row opens.
fn delay_secs(failures: i64) -> i64 {
    if failures < FREE_FAILURES {
        return 0;
    }
    let doublings = (failures - FREE_FAILURES).min(20) as u32;
    (FIRST_DELAY_SECS << doublings).min(MAX_DELAY_SECS)
}

/// What counting an attempt found.
#[derive(Debug, PartialEq, Eq)]
pub struct Attempt {
    /// This attempt is the one that made the account wait: the owner is
    /// told, once.
    pub lock_started: bool,
}

/// Counts a sign-in attempt for the address typed (whether or not it has an
/// account) and for the IP before the password is checked, so a burst of
/// parallel attempts cannot slip past the limits. From the fifth attempt on,
/// each attempt opens a wait that the next one must respect; the first
/// attempt to claim the wait goes ahead, the others are refused. `device` is
/// the browser's device cookie: when the account signed in from it before,
/// the attempt is counted for that device alone.
pub async fn begin_attempt(
    redis: &Pool,
    email: &str,
    device: Option<&str>,
    ip: IpAddr,
    per_ip: u32,
) -> Result<Attempt> {
    let client = redis.next();
    let known = match device {
        Some(device) => {
            client
                .sismember(devices_key(email), device_digest(device))
                .await?
        }
        None => false,
    };
    let counter = counter(email, device.filter(|_| known));
    let attempts: i64 = client.incr(failures_key(&counter)).await?;
    let _: () = client
        .expire(
            failures_key(&counter),
            HOUR_SECS,
            Some(fred::types::ExpireOptions::NX),
        )
        .await?;
    let from_ip: i64 = client.incr(ip_key(ip)).await?;
    let _: () = client
        .expire(ip_key(ip), HOUR_SECS, Some(fred::types::ExpireOptions::NX))
        .await?;
    let refuse = |secs: i64| Error::TooManyRequests {
        retry_after_secs: secs.max(1) as u64,
    };
    if attempts > MAX_FAILURES_PER_ACCOUNT {
        return Err(refuse(client.ttl(failures_key(&counter)).await?));
    }
    if from_ip > i64::from(per_ip) {
        return Err(refuse(client.ttl(ip_key(ip)).await?));
    }
    let delay = delay_secs(attempts);
    if delay > 0 {
        let claimed: Option<String> = client
            .set(
                wait_key(&counter),
                1,
                Some(Expiration::EX(delay)),
                Some(fred::types::SetOptions::NX),
                false,
            )
            .await?;
        if claimed.is_none() {
            return Err(refuse(client.ttl(wait_key(&counter)).await?));
        }
    }
    Ok(Attempt {
        lock_started: !known && attempts == FREE_FAILURES,
    })
}

/// Forgets the attempts counted for this sign-in after it succeeded, and
/// remembers `device` (when the browser has one) as one of the account's
/// own; the IP's count keeps only failures.
pub async fn succeeded(redis: &Pool, email: &str, device: Option<&str>, ip: IpAddr) -> Result<()> {
    let client = redis.next();
    let mut counters = vec![counter(email, None)];
    if let Some(device) = device {
        counters.push(counter(email, Some(device)));
        let _: i64 = client
            .sadd(devices_key(email), device_digest(device))
            .await?;
        let _: () = client.expire(devices_key(email), DEVICE_SECS, None).await?;
    }
    let keys: Vec<String> = counters
        .iter()
        .flat_map(|counter| [failures_key(counter), wait_key(counter)])
        .collect();
    let _: i64 = client.del(keys).await?;
    let _: i64 = client.decr(ip_key(ip)).await?;
    Ok(())
}

/// Seconds between two mails (or requests that send one) of a kind for one
/// address or account.
pub const COOLDOWN_SECS: i64 = 60;

/// Claims the once-a-minute slot of `what` for `key`: `false` while an
/// earlier claim is under a minute old.
pub async fn first_in_a_while(redis: &Pool, what: &str, key: &str) -> Result<bool> {
    let claimed: Option<String> = redis
        .next()
        .set(
            format!("bazaar:{what}:{key}"),
            1,
            Some(Expiration::EX(COOLDOWN_SECS)),
            Some(fred::types::SetOptions::NX),
            false,
        )
        .await?;
    Ok(claimed.is_some())
}

/// Counts a refused admin access by `key` (an account or an IP) within the
/// hour and returns the count.
pub async fn count_refused_admin_access(redis: &Pool, key: &str) -> Result<i64> {
    let key = format!("bazaar:admin-refused:{key}");
    let client = redis.next();
    let count: i64 = client.incr(&key).await?;
    let _: () = client
        .expire(&key, HOUR_SECS, Some(fred::types::ExpireOptions::NX))
        .await?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::delay_secs;

    #[test]
    fn waits_start_after_five_failures_and_double() {
        assert_eq!(delay_secs(4), 0);
        assert_eq!(delay_secs(5), 15);
        assert_eq!(delay_secs(6), 30);
        assert_eq!(delay_secs(7), 60);
        assert_eq!(delay_secs(12), 900);
        assert_eq!(delay_secs(99), 900);
    }
}
