//! The app process killed between the shopper's payment and Stripe's
//! webhook: once it is back, the order ends paid exactly once, its stock
//! taken once and one confirmation mailed.

use std::time::Duration;

use fixtures::unique_email;
use server::payments::emulator::{Emulator, Settings};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::support::{
    config, database,
    processes::{WEBHOOK_SECRET, answering, database_url, free_addr, order_to_pay, pay, serve},
    store_with_one_product, verified_user,
};

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_payment_made_while_the_app_is_down_is_applied_once_when_it_returns(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect.clone()).await;
    let database_url = database_url(&connect);
    let addr = free_addr();
    let app_url = format!("http://{addr}");
    // Stripe keeps retrying a webhook that found nobody: first after 200 ms,
    // then twice as long each time.
    let emulator = Emulator::start(
        "127.0.0.1:0".parse().unwrap(),
        Settings {
            webhook_url: format!("{app_url}/webhooks/stripe"),
            webhook_secret: WEBHOOK_SECRET.into(),
            retry_base: Duration::from_millis(200),
            max_attempts: 12,
        },
    )
    .await
    .unwrap();

    let (_, store) = store_with_one_product(&db, "survivor", "Sturdy lamp").await;
    let variant: i64 = sqlx::query_scalar("SELECT id FROM product_variants WHERE store_id = $1")
        .bind(store)
        .fetch_one(&db)
        .await
        .unwrap();
    let email = unique_email("crash");
    let customer = verified_user(&db, &email, &[server::accounts::Role::Customer]).await;

    let app = serve(&database_url, &addr, &app_url, emulator.base_url(), &[]);
    answering(&addr, "/healthz").await;

    // The shopper checks out through a node of the same configuration.
    let config = config(&[
        ("APP_URL", &app_url),
        ("STRIPE_API_URL", emulator.base_url()),
        ("STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET),
    ]);
    let state = fixtures::state(db.clone(), config).await;
    let (placed, payment_url) = order_to_pay(&state, customer, variant, 2).await;

    drop(app); // SIGKILL

    let paid = pay(&payment_url).await;
    assert!(paid.is_redirection(), "the emulator took the payment");

    let app = serve(&database_url, &addr, &app_url, emulator.base_url(), &[]);
    let mut status = String::new();
    for _ in 0..600 {
        status = sqlx::query_scalar("SELECT status FROM orders WHERE id = $1")
            .bind(placed.order_id)
            .fetch_one(&db)
            .await
            .unwrap();
        if status == "paid" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    drop(app);
    assert_eq!(
        status, "paid",
        "the retried webhook reached the restarted app"
    );

    let stock: i32 = sqlx::query_scalar("SELECT stock FROM product_variants WHERE id = $1")
        .bind(variant)
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(stock, 9 - 2, "the stock was taken once");
    let confirmations: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM email_outbox WHERE to_address = $1 AND subject = $2",
    )
    .bind(&email)
    .bind(format!("Your order {}", placed.number))
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(confirmations, 1, "one confirmation");
    let events: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM webhook_events WHERE type = 'checkout.session.completed'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(events, 1, "the payment was applied once");
}
