//! Receipts: numbered per store in the payment's transaction, with no gap
//! and no duplicate however many payments arrive at once; each keeps the
//! seller's details as they were when it was issued, and only the buyer and
//! the store's seller can read it.

use server::{
    Error,
    cart::{self, Owner},
    orders::{checkout, receipts},
    request::RequestMeta,
    seller::settings::{self, ReceiptDetails},
};
use sqlx::PgPool;

use crate::{
    checkout::{customer, pay, scope_of, shop, wait_for_status},
    support::qty,
};

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn fifty_payments_at_once_number_receipts_without_gap_or_duplicate(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    sqlx::query("UPDATE product_variants SET stock = 100 WHERE id = $1")
        .bind(shop.print)
        .execute(&db)
        .await
        .unwrap();
    let mut orders = Vec::new();
    for n in 0..50 {
        let buyer = customer(&db, &format!("buyer{n}@example.com")).await;
        cart::add(&db, Owner::User(buyer), shop.print, qty(1))
            .await
            .unwrap();
        let placed = checkout::place(
            &db,
            &shop.state.config,
            &checkout::Buyer::Customer(buyer),
            fixtures::address().into(),
        )
        .await
        .unwrap();
        let url = checkout::payment_url(&shop.state, buyer, &placed.number)
            .await
            .unwrap();
        orders.push((placed.number, url));
    }
    let payments: Vec<_> = orders
        .iter()
        .map(|(_, url)| {
            let url = url.clone();
            tokio::spawn(async move { pay(&url, "4242424242424242").await })
        })
        .collect();
    for payment in payments {
        payment.await.unwrap();
    }
    for (number, _) in &orders {
        wait_for_status(&db, number, "paid").await;
    }
    let mut numbers: Vec<i32> = sqlx::query_scalar(
        "SELECT so.receipt_number FROM store_orders so JOIN stores s ON s.id = so.store_id
         WHERE s.slug = 'beta'",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=50).collect::<Vec<i32>>());
    let issued: i32 = sqlx::query_scalar(
        "SELECT issued FROM receipt_sequences r JOIN stores s ON s.id = r.store_id WHERE s.slug = 'beta'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(issued, 50);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_receipt_keeps_the_sellers_details_and_only_buyer_and_seller_read_it(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    let (alpha, beta) = (scope_of(&db, "alpha").await, scope_of(&db, "beta").await);
    let meta = RequestMeta::system();
    let details = ReceiptDetails {
        legal_name: "Alpha Ceramics SARL".into(),
        address: "1 Rue Haute\n\n75001 Paris ".into(),
        vat_number: "fr 123 456 789 01".into(),
    };
    settings::save_receipt_details(&db, &meta, alpha, &details)
        .await
        .unwrap();
    let bad = ReceiptDetails {
        vat_number: "12".into(),
        ..details.clone()
    };
    assert!(matches!(
        settings::save_receipt_details(&db, &meta, alpha, &bad).await,
        Err(Error::Invalid(problems)) if problems[0].field == "vat_number"
    ));

    let buyer = customer(&db, "buyer@example.com").await;
    cart::add(&db, Owner::User(buyer), shop.mug, qty(2))
        .await
        .unwrap();
    let placed = checkout::place(
        &db,
        &shop.state.config,
        &checkout::Buyer::Customer(buyer),
        fixtures::address().into(),
    )
    .await
    .unwrap();
    let part: i64 = sqlx::query_scalar("SELECT id FROM store_orders WHERE order_id = $1")
        .bind(placed.order_id)
        .fetch_one(&db)
        .await
        .unwrap();
    // No receipt before the payment.
    assert!(matches!(
        receipts::for_customer(&db, buyer, &placed.number, part).await,
        Err(Error::NotFound)
    ));
    let url = checkout::payment_url(&shop.state, buyer, &placed.number)
        .await
        .unwrap();
    pay(&url, "4242424242424242").await;
    wait_for_status(&db, &placed.number, "paid").await;

    // Details changed after the payment do not reach this receipt.
    let renamed = ReceiptDetails {
        legal_name: "Someone Else Ltd".into(),
        ..details
    };
    settings::save_receipt_details(&db, &meta, alpha, &renamed)
        .await
        .unwrap();
    let receipt = receipts::for_customer(&db, buyer, &placed.number, part)
        .await
        .unwrap();
    assert_eq!(receipt.number, "000001");
    assert_eq!(receipt.seller.legal_name, "Alpha Ceramics SARL");
    assert_eq!(receipt.seller.address, ["1 Rue Haute", "75001 Paris"]);
    assert_eq!(receipt.seller.vat_number, "FR12345678901");
    assert_eq!(receipt.total.cents(), 2400);
    assert_eq!(receipt.total_vat().cents(), 400);
    assert_eq!(receipt.total_excluding_vat().cents(), 2000);
    assert!(receipts::pdf(&receipt).starts_with(b"%PDF-"));

    // The store's seller reads it; another store and another shopper do not.
    let seller_copy = receipts::for_store(&db, alpha.store_id(), part)
        .await
        .unwrap();
    assert_eq!(seller_copy.number, receipt.number);
    assert!(matches!(
        receipts::for_store(&db, beta.store_id(), part).await,
        Err(Error::NotFound)
    ));
    let stranger = customer(&db, "stranger@example.com").await;
    assert!(matches!(
        receipts::for_customer(&db, stranger, &placed.number, part).await,
        Err(Error::NotFound)
    ));
}
