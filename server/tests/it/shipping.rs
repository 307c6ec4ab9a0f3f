//! Shipping rates per store through the cart, checkout, the Stripe
//! emulator, refunds and the statistics: each store charges its own rates,
//! the payment is the order's total to the cent, and an order keeps the
//! shipping it was placed with.

use fixtures::address;
use server::{
    Error,
    cart::{self, Owner},
    orders::{Address, checkout, customer as orders_of},
    request::RequestMeta,
    seller::{
        StoreScope,
        orders::{self as store_orders, Action},
        shipping::{self, MethodInput, ZoneInput},
        stats::{self, Month},
    },
    shipping::Quote,
};
use sqlx::PgPool;

use crate::{
    checkout::{customer, pay, scope_of, session_id, session_json, shop, wait_for_status},
    support::qty,
};

/// Replaces the store's rates with one zone of `countries` and its methods:
/// `(name, price, free over)` in cents.
async fn only_zone(
    db: &PgPool,
    scope: StoreScope,
    countries: &[&str],
    methods: &[(&str, i64, Option<i64>)],
) {
    let meta = RequestMeta::system();
    for zone in shipping::zones(db, scope).await.unwrap() {
        shipping::delete_zone(db, &meta, scope, zone.id)
            .await
            .unwrap();
    }
    let zone = ZoneInput {
        name: countries.join(" and "),
        countries: countries.iter().map(|c| (*c).to_owned()).collect(),
    };
    let zone_id = shipping::save_zone(db, &meta, scope, None, &zone)
        .await
        .unwrap();
    let euros = |cents: i64| format!("{}.{:02}", cents / 100, cents % 100);
    for (name, price, free_over) in methods {
        let method = MethodInput {
            name: (*name).to_owned(),
            price: euros(*price),
            free_over: free_over.map(euros).unwrap_or_default(),
            min_days: "1".into(),
            max_days: "3".into(),
        };
        shipping::add_method(db, &meta, scope, zone_id, &method)
            .await
            .unwrap();
    }
}

fn to(country: &str) -> Address {
    Address {
        country: country.into(),
        ..address()
    }
}

async fn method_id(db: &PgPool, name: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM shipping_methods WHERE name = $1")
        .bind(name)
        .fetch_one(db)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn each_store_charges_its_own_rates_and_stripe_charges_the_order_total(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    let (alpha, beta) = (scope_of(&db, "alpha").await, scope_of(&db, "beta").await);
    // Alpha: Colissimo €4.90, free from €30; Express €9.90. Beta keeps the
    // free standard shipping every store starts with.
    only_zone(
        &db,
        alpha,
        &["FR", "BE"],
        &[("Colissimo", 490, Some(3000)), ("Express", 990, None)],
    )
    .await;
    let buyer = customer(&db, "buyer@example.com").await;
    let owner = Owner::User(buyer);
    cart::add(&db, owner, shop.mug, qty(2)).await.unwrap();
    cart::add(&db, owner, shop.print, qty(1)).await.unwrap();

    // No country yet: no shipping, and the total is the items'.
    let view = cart::view(&db, owner).await.unwrap();
    assert_eq!(view.country, None);
    assert!(
        view.stores
            .iter()
            .all(|store| store.shipping == Quote::NoCountry)
    );
    assert_eq!(view.total.cents(), 2 * 1200 + 2500);

    cart::ship_to(&db, owner, "fr").await.unwrap();
    let view = cart::view(&db, owner).await.unwrap();
    assert_eq!(view.country.as_deref(), Some("FR"));
    let alpha_part = &view.stores[0];
    assert_eq!(alpha_part.store_name, "Alpha");
    let chosen = alpha_part.shipping.chosen().unwrap();
    assert_eq!(
        (chosen.method.name.as_str(), chosen.price.cents()),
        ("Colissimo", 490),
        "the cheapest"
    );
    assert_eq!(view.total.cents(), 2400 + 490 + 2500);

    // Another store's method cannot be picked for Alpha.
    let standard = sqlx::query_scalar::<_, i64>(
        "SELECT m.id FROM shipping_methods m JOIN shipping_zones z ON z.id = m.zone_id
         WHERE z.store_id = $1",
    )
    .bind(beta.store_id())
    .fetch_one(&db)
    .await
    .unwrap();
    assert!(matches!(
        cart::pick_shipping(&db, owner, alpha.store_id(), standard).await,
        Err(Error::NotFound)
    ));
    let express = method_id(&db, "Express").await;
    cart::pick_shipping(&db, owner, alpha.store_id(), express)
        .await
        .unwrap();
    let view = cart::view(&db, owner).await.unwrap();
    assert_eq!(view.stores[0].shipping_price().cents(), 990);
    assert_eq!(view.total.cents(), 2400 + 990 + 2500);

    let placed = checkout::place(
        &db,
        &shop.state.config,
        &checkout::Buyer::Customer(buyer),
        address().into(),
    )
    .await
    .unwrap();
    let parts: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT subtotal, shipping, shipping_method FROM store_orders WHERE order_id = $1 ORDER BY store_id",
    )
    .bind(placed.order_id)
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(
        parts,
        [
            (2400, 990, "Express".to_owned()),
            (2500, 0, "Standard".to_owned())
        ]
    );
    let order = orders_of::find(&db, buyer, &placed.number).await.unwrap();
    assert_eq!(order.total.cents(), 2400 + 990 + 2500);
    // Shipping holds VAT at France's standard rate, as the items do:
    // €9.90 holds €1.65, €24.00 holds €4.00.
    assert_eq!(order.parts[0].shipping_vat.cents(), 165);
    assert_eq!(order.parts[0].vat.cents(), 400 + 165);

    // The payment page charges exactly the order's total.
    let url = checkout::payment_url(&shop.state, buyer, &placed.number)
        .await
        .unwrap();
    let session = session_json(&shop, &session_id(&url)).await;
    assert_eq!(session["amount_total"].as_i64(), Some(order.total.cents()));

    // Rates changing after the order leave it as it was placed.
    only_zone(&db, alpha, &["FR"], &[("Express", 1990, None)]).await;
    let again = orders_of::find(&db, buyer, &placed.number).await.unwrap();
    assert_eq!(again.total, order.total);
    assert_eq!(again.parts[0].shipping.cents(), 990);
    assert_eq!(again.parts[0].shipping_method, "Express");

    pay(&url, "4242424242424242").await;
    wait_for_status(&db, &placed.number, "paid").await;
    let net: i64 = sqlx::query_scalar(
        "SELECT seller_net FROM store_orders WHERE order_id = $1 AND store_id = $2",
    )
    .bind(placed.order_id)
    .bind(alpha.store_id())
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(net, 2400 + 990 - 240, "the fee is on the items only");

    let month = Month::current(shop.state.config.time_zone);
    let income = stats::income(&db, Some(alpha), shop.state.config.time_zone, month)
        .await
        .unwrap();
    assert_eq!(
        (
            income.gross.cents(),
            income.shipping.cents(),
            income.net.cents()
        ),
        (2400, 990, 3150)
    );
    assert_eq!(
        (income.vat.cents(), income.sales_excluding_vat().cents()),
        (565, 2400 + 990 - 565)
    );
    let lines = stats::lines(&db, alpha, shop.state.config.time_zone, month)
        .await
        .unwrap();
    // The CSV's columns add up to the page's figures, to the cent.
    assert_eq!(
        lines.iter().map(|line| line.shipping).sum::<i64>(),
        income.shipping.cents()
    );
    assert_eq!(
        lines
            .iter()
            .map(|line| line.vat + line.shipping_vat)
            .sum::<i64>(),
        income.vat.cents()
    );
    assert_eq!(
        lines.iter().map(|line| line.line_total).sum::<i64>(),
        income.gross.cents()
    );
    let csv = String::from_utf8(stats::csv(&lines).unwrap()).unwrap();
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .contains(",vat_rate,vat,fee,shipping,shipping_vat,refund,"),
        "{csv}"
    );
    assert!(csv.contains(",9.90,1.65,"), "shipping and its VAT: {csv}");
    assert!(
        csv.contains(",24.00,20.00,4.00,"),
        "the line, its rate and VAT: {csv}"
    );

    // Cancelling Alpha's part refunds the shipping too.
    let alpha_order = store_orders::list(&db, alpha, &Default::default())
        .await
        .unwrap()
        .0[0]
        .id;
    store_orders::act(
        &shop.state,
        alpha,
        alpha_order,
        Action::Cancel,
        &RequestMeta::system(),
    )
    .await
    .unwrap();
    let refunded: i64 = sqlx::query_scalar("SELECT refunded FROM store_orders WHERE id = $1")
        .bind(alpha_order)
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(refunded, 2400 + 990);
    let income = stats::income(&db, Some(alpha), shop.state.config.time_zone, month)
        .await
        .unwrap();
    assert_eq!(
        (
            income.refunds.cents(),
            income.fees.cents(),
            income.net.cents()
        ),
        (3390, 0, 0)
    );
    assert_eq!(
        (income.vat.cents(), income.sales_excluding_vat().cents()),
        (0, 0)
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_store_that_does_not_deliver_keeps_its_items_in_the_cart(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    let alpha = scope_of(&db, "alpha").await;
    only_zone(&db, alpha, &["FR"], &[("Colissimo", 490, None)]).await;

    // To Germany only Beta delivers: its print is ordered, the mug stays.
    let buyer = customer(&db, "buyer@example.com").await;
    let owner = Owner::User(buyer);
    cart::add(&db, owner, shop.mug, qty(1)).await.unwrap();
    cart::add(&db, owner, shop.print, qty(1)).await.unwrap();
    cart::ship_to(&db, owner, "DE").await.unwrap();
    let view = cart::view(&db, owner).await.unwrap();
    assert_eq!(view.stores[0].shipping, Quote::NotDelivered);
    assert_eq!(view.total.cents(), 2500, "only what can be delivered");
    let placed = checkout::place(
        &db,
        &shop.state.config,
        &checkout::Buyer::Customer(buyer),
        to("DE").into(),
    )
    .await
    .unwrap();
    let order = orders_of::find(&db, buyer, &placed.number).await.unwrap();
    assert_eq!(order.parts.len(), 1);
    assert_eq!(order.parts[0].store_name, "Beta");
    assert_eq!(order.total.cents(), 2500);
    let left = cart::view(&db, owner).await.unwrap();
    assert_eq!(left.stores.len(), 1);
    assert_eq!(left.stores[0].lines[0].variant_id, shop.mug);

    // Nothing to deliver: refused next to the country, the cart kept.
    let refused = checkout::place(
        &db,
        &shop.state.config,
        &checkout::Buyer::Customer(buyer),
        to("DE").into(),
    )
    .await;
    let Err(Error::Invalid(problems)) = refused else {
        panic!("expected a problem, got {refused:?}");
    };
    assert_eq!(problems[0].field, "country");
    assert_eq!(cart::count(&db, owner).await.unwrap(), 1);

    // Shipping shown for France, address in Germany: the shopper sees the
    // German shipping first, then places.
    cart::ship_to(&db, owner, "FR").await.unwrap();
    cart::add(&db, owner, shop.print, qty(1)).await.unwrap();
    let refused = checkout::place(
        &db,
        &shop.state.config,
        &checkout::Buyer::Customer(buyer),
        to("DE").into(),
    )
    .await;
    assert!(
        matches!(&refused, Err(Error::Invalid(problems)) if problems[0].field == "country"),
        "{refused:?}"
    );
    let view = cart::view(&db, owner).await.unwrap();
    assert_eq!(view.country.as_deref(), Some("DE"));
    checkout::place(
        &db,
        &shop.state.config,
        &checkout::Buyer::Customer(buyer),
        to("DE").into(),
    )
    .await
    .unwrap();
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn every_new_store_ships_free_to_every_country_until_its_seller_sets_rates(db: PgPool) {
    let shop = shop(db.clone(), false).await;
    let zones = shipping::zones(&db, scope_of(&db, "alpha").await)
        .await
        .unwrap();
    assert_eq!(zones.len(), 1);
    let countries: Vec<&str> = server::shipping::COUNTRIES
        .iter()
        .map(|(code, _)| *code)
        .collect();
    assert_eq!(
        zones[0].countries, countries,
        "the trigger's list is Bazaar's"
    );
    assert_eq!(zones[0].methods.len(), 1);
    assert_eq!(zones[0].methods[0].price.cents(), 0);
    drop(shop);
}
