//! Accounts created from the command line.

use fixtures::{roles, user_id};
use server::accounts::{Email, Role, password, users};
use sqlx::PgPool;

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn create_admin_promotes_an_existing_account_without_touching_its_password(db: PgPool) {
    let email = Email::parse("Owner@Example.com").unwrap();
    let id = users::upsert_verified(
        &db,
        &email,
        "Owner",
        "first-password",
        &[Role::Customer],
        false,
    )
    .await
    .unwrap();
    let again = users::upsert_verified(&db, &email, "", "other-password", &[Role::Admin], false)
        .await
        .unwrap();
    assert_eq!(id, again);
    let owner = user_id(&db, "owner@example.com").await;
    assert_eq!(roles(&db, owner).await, ["admin", "customer"]);
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(&db)
        .await
        .unwrap();
    assert!(password::verify("first-password", &hash));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn resetting_the_password_ends_existing_sessions(db: PgPool) {
    let email = Email::parse("admin@example.com").unwrap();
    let id = users::upsert_verified(&db, &email, "", "first-password", &[Role::Admin], false)
        .await
        .unwrap();
    users::upsert_verified(&db, &email, "", "second-password", &[Role::Admin], true)
        .await
        .unwrap();
    let (hash, epoch): (String, i32) =
        sqlx::query_as("SELECT password_hash, auth_epoch FROM users WHERE id = $1")
            .bind(id)
            .fetch_one(&db)
            .await
            .unwrap();
    assert!(password::verify("second-password", &hash));
    assert_eq!(epoch, 1);
}
