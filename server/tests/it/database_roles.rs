//! The server's database role reads and writes rows and nothing more: the
//! schema belongs to the role that migrates.

use sqlx::{
    PgPool,
    postgres::{PgConnectOptions, PgPoolOptions},
};

/// The rows-only role `scripts/services.sh` creates.
const SERVING_ROLE: (&str, &str) = ("bazaar_app", "bazaar_app");

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_serving_role_uses_rows_but_cannot_change_the_schema(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let owner = PgPool::connect_with(connect.clone()).await.unwrap();
    server::db::grant_serving_role(&owner, SERVING_ROLE.0)
        .await
        .unwrap();
    let serving = PgPoolOptions::new()
        .max_connections(1)
        .connect_with(connect.username(SERVING_ROLE.0).password(SERVING_ROLE.1))
        .await
        .expect("the serving role signs in (scripts/services.sh creates it)");

    sqlx::query("INSERT INTO categories (slug, name) VALUES ('lamps', 'Lamps')")
        .execute(&serving)
        .await
        .expect("writes rows, taking ids from the sequences");
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM categories")
        .fetch_one(&serving)
        .await
        .unwrap();
    assert_eq!(count, 1);

    for ddl in [
        "DROP TABLE orders",
        "ALTER TABLE users ADD COLUMN note TEXT",
        "TRUNCATE audit_log",
        "CREATE TABLE loot (id INT)",
        "CREATE DATABASE loot",
    ] {
        let refused = sqlx::query(ddl).execute(&serving).await.unwrap_err();
        let code = refused
            .as_database_error()
            .and_then(|error| error.code())
            .map(|code| code.into_owned());
        assert_eq!(code.as_deref(), Some("42501"), "{ddl}: {refused}");
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn nodes_starting_together_grant_the_serving_role_in_turn(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let owner = PgPool::connect_with(connect).await.unwrap();
    let mut starts = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let owner = owner.clone();
        starts.spawn(async move { server::db::grant_serving_role(&owner, SERVING_ROLE.0).await });
    }
    while let Some(granted) = starts.join_next().await {
        granted
            .unwrap()
            .expect("every node grants without a conflict");
    }
}

#[sqlx::test(migrations = false)]
async fn nodes_starting_together_apply_each_migration_once(db: PgPool) {
    let config = fixtures::config(&[]);
    let mut starts = tokio::task::JoinSet::new();
    for _ in 0..4 {
        let (config, db) = (config.clone(), db.clone());
        starts.spawn(async move { server::db::migrate(&config, &db).await });
    }
    while let Some(started) = starts.join_next().await {
        started.unwrap().expect("every node starts");
    }
    let (applied, versions): (i64, i64) =
        sqlx::query_as("SELECT count(*), count(DISTINCT version) FROM _sqlx_migrations")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(applied, server::db::MIGRATOR.iter().count() as i64);
    assert_eq!(versions, applied, "each migration ran once");
}
