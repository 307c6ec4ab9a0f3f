//! Failed sign-ins counted in Redis, per account and per client IP, so
//! every app instance shares the counts. After five failures an account
//! waits, twice as long after each further one; at most 100 failures per
//! account and hour are ever accepted (ASVS 5.0, 6.3.1).

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

/// The wait after the `failures`-th failure in a row.
fn delay_secs(failures: i64) -> i64 {
    if failures < FREE_FAILURES {
        return 0;
    }
    let doublings = (failures - FREE_FAILURES).min(20) as u32;
    (FIRST_DELAY_SECS << doublings).min(MAX_DELAY_SECS)
}

/// Refuses a sign-in attempt while the account (by the address typed, whether
/// or not it exists) or the IP has to wait.
pub async fn check(redis: &Pool, email: &str, ip: IpAddr, per_ip: u32) -> Result<()> {
    let client = redis.next();
    let wait: i64 = client.ttl(wait_key(email)).await?;
    if wait > 0 {
        return Err(Error::TooManyRequests {
            retry_after_secs: wait as u64,
        });
    }
    for (key, limit) in [
        (failures_key(email), MAX_FAILURES_PER_ACCOUNT),
        (ip_key(ip), i64::from(per_ip)),
    ] {
        let count: Option<i64> = client.get(&key).await?;
        if count.unwrap_or(0) >= limit {
            let ttl: i64 = client.ttl(&key).await?;
            return Err(Error::TooManyRequests {
                retry_after_secs: ttl.max(1) as u64,
            });
        }
    }
    Ok(())
}

/// Counts a failed attempt and starts the account's wait when due.
pub async fn record_failure(redis: &Pool, email: &str, ip: IpAddr) -> Result<()> {
    let client = redis.next();
    let failures: i64 = client.incr(failures_key(email)).await?;
    let _: () = client
        .expire(
            failures_key(email),
            HOUR_SECS,
            Some(fred::types::ExpireOptions::NX),
        )
        .await?;
    let _: i64 = client.incr(ip_key(ip)).await?;
    let _: () = client
        .expire(ip_key(ip), HOUR_SECS, Some(fred::types::ExpireOptions::NX))
        .await?;
    let delay = delay_secs(failures);
    if delay > 0 {
        let _: () = client
            .set(wait_key(email), 1, Some(Expiration::EX(delay)), None, false)
            .await?;
    }
    Ok(())
}

/// Forgets the account's failures after a successful sign-in.
pub async fn clear(redis: &Pool, email: &str) -> Result<()> {
    let _: i64 = redis
        .next()
        .del(vec![failures_key(email), wait_key(email)])
        .await?;
    Ok(())
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
