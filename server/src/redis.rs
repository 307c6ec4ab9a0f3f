//! The Redis connection pool, shared by sessions, rate limits and caches.

use std::time::Duration;

use fred::prelude::{Builder, ClientLike, Config as RedisConfig, Pool, ReconnectPolicy};
use secrecy::ExposeSecret;

use crate::Config;

/// Connects in the background and keeps reconnecting while Redis is away;
/// commands fail within two seconds meanwhile instead of queueing forever.
pub async fn pool(config: &Config) -> Result<Pool, fred::error::Error> {
    let redis_config = RedisConfig::from_url(config.redis_url.expose_secret())?;
    let pool = Builder::from_config(redis_config)
        .with_performance_config(|performance| {
            performance.default_command_timeout = Duration::from_secs(2);
        })
        .with_connection_config(|connection| {
            connection.connection_timeout = Duration::from_secs(2);
            connection.internal_command_timeout = Duration::from_secs(2);
            connection.max_command_attempts = 1;
            // A bound on memory, not on concurrency: while Redis is away
            // commands wait at most the command timeout, then answer 503.
            connection.max_command_buffer_len = 10_000;
        })
        .set_policy(ReconnectPolicy::new_exponential(0, 100, 5_000, 2))
        .build_pool(2)?;
    pool.connect();
    Ok(pool)
}
