//! Sign-in attempts counted in Redis, per account and per client IP, so
//! every app instance shares the counts. After five failures an account
//! waits, twice as long after each further attempt; at most 100 failures
//! per account and hour are ever accepted (ASVS 5.0, 6.3.1).

use std::net::IpAddr;

use fred::prelude::{Expiration, KeysInterface, Pool};

use crate::{Error, Result};

const HOUR_SECS: i64 = 3600;
const FREE_FAILURES: i64 = 5;
const FIRST_DELAY_SECS: i64 = 15;
const MAX_DELAY_SECS: i64 = 15 * 60;
const MAX_FAILURES_PER_ACCOUNT: i64 = 100;

fn failures_key(email: &str) -> String {
    format!("bazaar:login:failures:{email}")
}

fn wait_key(email: &str) -> String {
    format!("bazaar:login:wait:{email}")
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

/// Counts a sign-in attempt for the address typed (whether or not it has an
/// account) and for the IP before the password is checked, so a burst of
/// parallel attempts cannot slip past the limits. From the fifth attempt on,
/// each attempt opens a wait that the next one must respect; the first
/// attempt to claim the wait goes ahead, the others are refused.
pub async fn begin_attempt(redis: &Pool, email: &str, ip: IpAddr, per_ip: u32) -> Result<()> {
    let client = redis.next();
    let attempts: i64 = client.incr(failures_key(email)).await?;
    let _: () = client
        .expire(
            failures_key(email),
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
        return Err(refuse(client.ttl(failures_key(email)).await?));
    }
    if from_ip > i64::from(per_ip) {
        return Err(refuse(client.ttl(ip_key(ip)).await?));
    }
    let delay = delay_secs(attempts);
    if delay > 0 {
        let claimed: Option<String> = client
            .set(
                wait_key(email),
                1,
                Some(Expiration::EX(delay)),
                Some(fred::types::SetOptions::NX),
                false,
            )
            .await?;
        if claimed.is_none() {
            return Err(refuse(client.ttl(wait_key(email)).await?));
        }
    }
    Ok(())
}

/// Forgets the account's attempts after a successful sign-in; the IP's
/// count keeps only failures.
pub async fn succeeded(redis: &Pool, email: &str, ip: IpAddr) -> Result<()> {
    let client = redis.next();
    let _: i64 = client
        .del(vec![failures_key(email), wait_key(email)])
        .await?;
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
