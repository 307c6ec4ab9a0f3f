//! VAT at checkout: each line holds the VAT of its delivery country's rate
//! for the product's class, worked out per line and stored with the order,
//! so a rate changed later leaves placed orders as they were.

use server::{
    admin::vat as rates,
    cart::{self, Owner},
    orders::{Address, checkout, customer as orders_of},
    request::RequestMeta,
    vat::TaxClass,
};
use sqlx::PgPool;

use crate::{
    checkout::{customer, shop},
    support::qty,
};

fn to(country: &str) -> Address {
    Address {
        country: country.into(),
        ..fixtures::address()
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn each_line_holds_its_countrys_vat_and_keeps_it_when_rates_change(db: PgPool) {
    let shop = shop(db.clone(), false).await;
    // The print is a reduced-rate product: 5.5 % in France.
    sqlx::query("UPDATE products SET tax_class = 'reduced' WHERE id = (SELECT product_id FROM product_variants WHERE id = $1)")
        .bind(shop.print)
        .execute(&db)
        .await
        .unwrap();
    let buyer = customer(&db, "buyer@example.com").await;
    let owner = Owner::User(buyer);
    cart::add(&db, owner, shop.mug, qty(2)).await.unwrap();
    cart::add(&db, owner, shop.print, qty(1)).await.unwrap();
    cart::ship_to(&db, owner, "FR").await.unwrap();
    // €24.00 at 20 % holds €4.00; €25.00 at 5.5 % holds €1.30 (1.303…).
    let view = cart::view(&db, owner).await.unwrap();
    assert_eq!(view.vat.cents(), 400 + 130);

    let placed = checkout::place(
        &db,
        &shop.state.config,
        &checkout::Buyer::Customer(buyer),
        to("FR").into(),
    )
    .await
    .unwrap();
    let lines: Vec<(i32, i64)> = sqlx::query_as(
        "SELECT l.vat_rate, l.vat FROM order_lines l JOIN store_orders so ON so.id = l.store_order_id
         WHERE so.order_id = $1 ORDER BY l.id",
    )
    .bind(placed.order_id)
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(lines, [(2000, 400), (550, 130)]);

    rates::set_rates(
        &db,
        &RequestMeta::system(),
        buyer,
        "FR",
        &[
            (TaxClass::Standard, "25".into()),
            (TaxClass::Reduced, "".into()),
        ],
    )
    .await
    .unwrap();
    let order = orders_of::find(&db, buyer, &placed.number).await.unwrap();
    let vat: Vec<i64> = order.parts.iter().map(|part| part.vat.cents()).collect();
    assert_eq!(vat, [400, 130], "placed orders keep their rates");
    assert_eq!(order.parts[0].lines[0].vat_rate.to_string(), "20 %");

    // The new rates apply from now on; a class without a rate holds none.
    cart::add(&db, owner, shop.mug, qty(1)).await.unwrap();
    cart::add(&db, owner, shop.print, qty(1)).await.unwrap();
    assert_eq!(cart::view(&db, owner).await.unwrap().vat.cents(), 240);
    // A country without rates holds none either.
    cart::ship_to(&db, owner, "LU").await.unwrap();
    assert_eq!(cart::view(&db, owner).await.unwrap().vat.cents(), 0);

    // A typo is refused next to its field, and nothing changes.
    let refused = rates::set_rates(
        &db,
        &RequestMeta::system(),
        buyer,
        "FR",
        &[
            (TaxClass::Standard, "2O".into()),
            (TaxClass::Reduced, "5.5".into()),
        ],
    )
    .await;
    assert!(
        matches!(&refused, Err(server::Error::Invalid(p)) if p[0].field == "standard"),
        "{refused:?}"
    );
    cart::ship_to(&db, owner, "FR").await.unwrap();
    assert_eq!(cart::view(&db, owner).await.unwrap().vat.cents(), 240);
}
