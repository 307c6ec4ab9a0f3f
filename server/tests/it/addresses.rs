//! The address book and billing addresses: checkout keeps a new delivery
//! address (once), the first is the default, the shopper's own only; an
//! order keeps the billing address it was placed with.

use fixtures::address;
use server::{
    Error,
    cart::{self, Owner},
    orders::{Address, Destination, addresses, checkout, customer as orders_of},
};
use sqlx::PgPool;

use crate::{
    checkout::{customer, shop},
    support::qty,
};

fn at(line1: &str) -> Address {
    Address {
        line1: line1.into(),
        ..address()
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_book_keeps_each_address_once_with_one_default(db: PgPool) {
    let ada = customer(&db, "ada@example.com").await;
    let first = addresses::add(&db, ada, at("1 Rue Haute")).await.unwrap();
    assert_eq!(
        addresses::add(&db, ada, at("1 Rue Haute")).await.unwrap(),
        first,
        "the same address is kept once"
    );
    let second = addresses::add(&db, ada, at("2 Rue Basse")).await.unwrap();
    let defaults = |book: Vec<addresses::Saved>| -> Vec<(i64, bool)> {
        book.into_iter()
            .map(|saved| (saved.id, saved.is_default))
            .collect()
    };
    assert_eq!(
        defaults(addresses::list(&db, ada).await.unwrap()),
        [(first, true), (second, false)]
    );
    addresses::make_default(&db, ada, second).await.unwrap();
    assert_eq!(
        defaults(addresses::list(&db, ada).await.unwrap()),
        [(second, true), (first, false)]
    );
    // Removing the default makes the oldest left the default.
    addresses::remove(&db, ada, second).await.unwrap();
    assert_eq!(
        defaults(addresses::list(&db, ada).await.unwrap()),
        [(first, true)]
    );

    // Somebody else's address is not found, whatever the action.
    let bob = customer(&db, "bob@example.com").await;
    assert!(matches!(
        addresses::find(&db, bob, first).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        addresses::make_default(&db, bob, first).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        addresses::remove(&db, bob, first).await,
        Err(Error::NotFound)
    ));

    // A bad address is refused next to its fields; the book has a cap.
    let refused = addresses::add(
        &db,
        ada,
        Address {
            phone: "x".into(),
            ..address()
        },
    )
    .await;
    assert!(
        matches!(&refused, Err(Error::Invalid(p)) if p[0].field == "phone"),
        "{refused:?}"
    );
    for n in 1..addresses::MAX_ADDRESSES {
        addresses::add(&db, ada, at(&format!("{n} Rue Neuve")))
            .await
            .unwrap();
    }
    assert!(matches!(
        addresses::add(&db, ada, at("One too many")).await,
        Err(Error::Conflict(_))
    ));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn an_order_keeps_its_billing_address_and_checkout_remembers_the_delivery_one(db: PgPool) {
    let shop = shop(db.clone(), false).await;
    let buyer = customer(&db, "buyer@example.com").await;

    // Every problem of both addresses comes back at once, billing's named apart.
    cart::add(&db, Owner::User(buyer), shop.mug, qty(1))
        .await
        .unwrap();
    let refused = checkout::place(
        &db,
        &shop.state.config,
        &checkout::Buyer::Customer(buyer),
        Destination {
            delivery: Address {
                city: String::new(),
                ..address()
            },
            billing: Some(Address {
                postal_code: "7".into(),
                ..address()
            }),
            remember: true,
            ..Destination::default()
        },
    )
    .await;
    let Err(Error::Invalid(problems)) = refused else {
        panic!("expected problems, got {refused:?}");
    };
    let fields: Vec<_> = problems.iter().map(|p| p.field.to_string()).collect();
    assert_eq!(fields, ["city", "billing_postal_code"]);

    let billing = Address {
        name: "Ada Lovelace Ltd".into(),
        line1: "9 Rue du Commerce".into(),
        phone: "anything: billing has no phone".into(),
        ..address()
    };
    let placed = checkout::place(
        &db,
        &shop.state.config,
        &checkout::Buyer::Customer(buyer),
        Destination {
            delivery: address(),
            billing: Some(billing),
            remember: true,
            ..Destination::default()
        },
    )
    .await
    .unwrap();
    let order = orders_of::find(&db, buyer, &placed.number).await.unwrap();
    let kept = order.billing.expect("a billing address");
    assert_eq!(
        (kept.name.as_str(), kept.line1.as_str()),
        ("Ada Lovelace Ltd", "9 Rue du Commerce")
    );
    assert_eq!(kept.phone, "");
    let book = addresses::list(&db, buyer).await.unwrap();
    assert_eq!(book.len(), 1);
    assert!(book[0].is_default);

    // Not remembered when asked not to; billed to the delivery address by default.
    cart::add(&db, Owner::User(buyer), shop.print, qty(1))
        .await
        .unwrap();
    let placed = checkout::place(
        &db,
        &shop.state.config,
        &checkout::Buyer::Customer(buyer),
        Destination {
            delivery: at("3 Place Neuve"),
            billing: None,
            remember: false,
            ..Destination::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(addresses::list(&db, buyer).await.unwrap().len(), 1);
    let order = orders_of::find(&db, buyer, &placed.number).await.unwrap();
    assert_eq!(order.billing, None);
    assert_eq!(order.address.line1, "3 Place Neuve");
}
