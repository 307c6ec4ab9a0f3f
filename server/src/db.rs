//! The PostgreSQL pool and the embedded migrations.

use std::time::Duration;

use secrecy::ExposeSecret;
use sqlx::{
    PgPool,
    postgres::{PgConnectOptions, PgPoolOptions},
};

use crate::Config;

/// Migrations compiled into the binary from `migrations/`.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

/// Builds the pool without connecting, so the app starts (and answers 503)
/// while the database is down, and recovers by itself when it returns.
pub fn pool(config: &Config) -> Result<PgPool, sqlx::Error> {
    let options: PgConnectOptions = config.database_url.expose_secret().parse()?;
    Ok(pool_options(config.database_max_connections).connect_lazy_with(options))
}

/// The pool settings every Bazaar process uses.
pub fn pool_options(max_connections: u32) -> PgPoolOptions {
    PgPoolOptions::new()
        .max_connections(max_connections)
        .min_connections(0)
        // A request waits at most this long for a connection before answering 503.
        .acquire_timeout(Duration::from_secs(3))
        .idle_timeout(Duration::from_secs(10 * 60))
        .max_lifetime(Duration::from_secs(30 * 60))
        // Catches connections the server closed while it was down.
        .test_before_acquire(true)
}

/// Applies every pending migration as the schema's owner
/// (`DATABASE_MIGRATE_URL`), then lets the serving role read and write the
/// rows of every table, and nothing more. Without an owner's URL the
/// serving pool migrates.
pub async fn migrate(config: &Config, serving: &PgPool) -> Result<(), sqlx::migrate::MigrateError> {
    let Some(owner_url) = &config.database_migrate_url else {
        return MIGRATOR.run(serving).await;
    };
    let options: PgConnectOptions = owner_url.expose_secret().parse()?;
    let owner = PgPoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    MIGRATOR.run(&owner).await?;
    let serving_role: PgConnectOptions = config.database_url.expose_secret().parse()?;
    grant_serving_role(&owner, serving_role.get_username()).await?;
    owner.close().await;
    Ok(())
}

/// Gives `role` the rights the app needs to serve: rows of every table and
/// the sequences behind their ids; no DDL, no new databases.
pub async fn grant_serving_role(owner: &PgPool, role: &str) -> Result<(), sqlx::Error> {
    // A role name cannot be a bind parameter; quoting it as an identifier
    // keeps it one name whatever it holds.
    let role = format!("\"{}\"", role.replace('"', "\"\""));
    // One query string runs as one transaction, holding the lock to its end:
    // nodes starting together would otherwise grant on the same tables at
    // once, which PostgreSQL refuses ("tuple concurrently updated").
    let script = format!(
        "SELECT pg_advisory_xact_lock(hashtext('bazaar grant serving role'));
         GRANT USAGE ON SCHEMA public TO {role};
         GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
         GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {role};"
    );
    sqlx::raw_sql(&script).execute(owner).await?;
    Ok(())
}
