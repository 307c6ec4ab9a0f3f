//! Guest checkout: an order placed with an email address only, paid through
//! the emulator, read through the signed link of its mails, renewed (which
//! revokes the earlier links), throttled, and attached to the account that
//! later verifies its address.

use std::net::IpAddr;

use http::StatusCode;
use server::{
    Error,
    accounts::registration::{self, Registration},
    cart::{self, Owner},
    email::Email,
    orders::{
        Destination,
        checkout::{self, Buyer, Placed},
        customer as orders_of,
        guest::{self, CHECKOUTS_PER_EMAIL_HOUR, Opened},
        receipts,
    },
    request::RequestMeta,
};
use sqlx::PgPool;
use texts::Lang;
use uuid::Uuid;

use fixtures::address;

use crate::{
    checkout::{Shop, customer, pay, shop, wait_for_status},
    support::{qty, smtp::outbox_texts},
};

/// An address and an IP of this run alone: the checkout counters live in
/// the shared Redis for an hour.
fn fresh(name: &str) -> (String, IpAddr) {
    let run = Uuid::new_v4();
    let bytes = run.as_bytes();
    (
        format!("{name}-{}@example.com", run.simple()),
        IpAddr::from([10, bytes[0], bytes[1], bytes[2]]),
    )
}

fn guest(email: &str, ip: IpAddr) -> (Uuid, Buyer) {
    let cart = Uuid::new_v4();
    let buyer = Buyer::Guest {
        cart,
        email: Email::parse(email).unwrap(),
        ip,
    };
    (cart, buyer)
}

/// A guest's order of one mug and one print, checked out as the checkout
/// page does it: counted, placed and sent to the payment page.
async fn guest_buys(shop: &Shop, email: &str) -> (Placed, String) {
    let (cart, buyer) = guest(email, fresh("ip").1);
    for variant in [shop.mug, shop.print] {
        cart::add(&shop.state.db, Owner::Visitor(cart), variant, qty(1))
            .await
            .unwrap();
    }
    let checked_out = checkout::check_out(&shop.state, &buyer, address().into())
        .await
        .unwrap();
    (checked_out.order, checked_out.payment_url.unwrap())
}

/// The key of the last link to `path` in the mails to `to`.
async fn mailed_key(db: &PgPool, to: &str, path: &str) -> String {
    let texts = outbox_texts(db).await;
    let (_, _, text) = texts
        .iter()
        .rev()
        .find(|(address, _, text)| address == to && text.contains(path))
        .unwrap_or_else(|| panic!("no mail to {to} links to {path}: {texts:#?}"));
    let marker = format!("{path}?key=");
    let start = text.find(&marker).unwrap() + marker.len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        .collect()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_guest_pays_and_reads_the_order_and_receipts_through_the_mailed_link(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    let (email, _) = fresh("guest");
    let (placed, url) = guest_buys(&shop, &format!(" {} ", email.to_uppercase())).await;
    let (customer_id, stored, is_guest): (Option<i64>, String, bool) =
        sqlx::query_as("SELECT customer_id, email, guest FROM orders WHERE id = $1")
            .bind(placed.order_id)
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!((customer_id, stored, is_guest), (None, email.clone(), true));

    let (paid, location) = pay(&url, "4242 4242 4242 4242").await;
    assert_eq!(paid, StatusCode::SEE_OTHER);
    // The guest comes back to their order's own signed page.
    let back = location.unwrap();
    let page = format!(
        "{}/orders/{}?key=",
        shop.state.config.app_url, placed.number
    );
    assert!(back.starts_with(&page), "{back}");
    assert!(back.contains("&session_id="), "{back}");
    wait_for_status(&db, &placed.number, "paid").await;

    let path = format!("/orders/{}", placed.number);
    let key = mailed_key(&db, &email, &path).await;
    let secrets = &shop.state.config.secrets_key;
    let Opened::Order(order) = guest::open(&db, secrets, &placed.number, &key)
        .await
        .unwrap()
    else {
        panic!("a fresh link opens the order");
    };
    assert_eq!(order.status, "paid");
    assert_eq!(order.parts.len(), 2);
    // The mail links each store's receipt with a key of its own.
    let part = order.parts[0].id;
    let receipt_key = mailed_key(
        &db,
        &email,
        &format!("/orders/{}/receipts/{part}", placed.number),
    )
    .await;
    let receipt = receipts::for_guest(&db, secrets, &placed.number, &receipt_key, part)
        .await
        .unwrap();
    assert_eq!(receipt.order_number, placed.number);

    // A key opens only its own order, and only as signed.
    let (other, _) = guest_buys(&shop, &fresh("other").0).await;
    assert!(matches!(
        guest::open(&db, secrets, &other.number, &key).await,
        Err(Error::NotFound)
    ));
    let mut forged = key.clone();
    forged.pop();
    forged.push(if key.ends_with('A') { 'B' } else { 'A' });
    assert!(matches!(
        guest::open(&db, secrets, &placed.number, &forged).await,
        Err(Error::NotFound)
    ));
    // Another store's part is not on this order's receipts.
    assert!(matches!(
        receipts::for_guest(&db, secrets, &placed.number, &key, part + 1_000).await,
        Err(Error::NotFound)
    ));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn renewing_the_link_revokes_the_earlier_ones_and_mails_a_new_one(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    let (email, _) = fresh("guest");
    let (placed, url) = guest_buys(&shop, &email).await;
    pay(&url, "4242 4242 4242 4242").await;
    wait_for_status(&db, &placed.number, "paid").await;
    let path = format!("/orders/{}", placed.number);
    let first = mailed_key(&db, &email, &path).await;
    let secrets = &shop.state.config.secrets_key;

    guest::renew(&shop.state, &placed.number, &first)
        .await
        .unwrap();
    assert!(matches!(
        guest::open(&db, secrets, &placed.number, &first).await,
        Err(Error::NotFound)
    ));
    let texts = outbox_texts(&db).await;
    assert!(
        texts.iter().any(
            |(_, subject, _)| subject == &format!("A new link to your order {}", placed.number)
        )
    );
    let second = mailed_key(&db, &email, &path).await;
    assert_ne!(first, second);
    assert!(matches!(
        guest::open(&db, secrets, &placed.number, &second).await,
        Ok(Opened::Order(_))
    ));
    // A revoked link cannot ask for another, and a new one waits a minute.
    assert!(matches!(
        guest::renew(&shop.state, &placed.number, &first).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        guest::renew(&shop.state, &placed.number, &second).await,
        Err(Error::TooManyRequests { .. })
    ));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn guest_orders_join_the_account_that_verifies_their_address(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    let (email, _) = fresh("later");
    let (first, url) = guest_buys(&shop, &email).await;
    pay(&url, "4242 4242 4242 4242").await;
    wait_for_status(&db, &first.number, "paid").await;
    let (unrelated, _) = guest_buys(&shop, &fresh("someone-else").0).await;

    let meta = RequestMeta::system();
    let registration = Registration {
        email: email.to_uppercase(),
        password: "a long enough password".into(),
        name: "Later".into(),
    };
    registration::register(&shop.state, &meta, &registration)
        .await
        .unwrap();
    let user_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(&email)
        .fetch_one(&db)
        .await
        .unwrap();
    // Registering is not enough: the address must be proven first.
    assert!(matches!(
        orders_of::find(&db, user_id, &first.number).await,
        Err(Error::NotFound)
    ));
    let texts = outbox_texts(&db).await;
    let (_, _, text) = texts
        .iter()
        .rev()
        .find(|(to, _, text)| to == &email && text.contains("/verify-email?token="))
        .unwrap();
    let token = crate::support::smtp::link_token(text, "/verify-email").unwrap();
    registration::verify_link(&shop.state, &meta, &token)
        .await
        .unwrap();

    let order = orders_of::find(&db, user_id, &first.number).await.unwrap();
    assert_eq!(order.status, "paid");
    assert!(matches!(
        orders_of::find(&db, user_id, &unrelated.number).await,
        Err(Error::NotFound)
    ));
    // The guest link keeps working for the order's buyer.
    let key = mailed_key(&db, &email, &format!("/orders/{}", first.number)).await;
    assert!(matches!(
        guest::open(&db, &shop.state.config.secrets_key, &first.number, &key).await,
        Ok(Opened::Order(_))
    ));

    // A guest order with the address of a verified account joins it at once.
    let (second, _) = guest_buys(&shop, &email).await;
    assert!(orders_of::find(&db, user_id, &second.number).await.is_ok());
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn guest_checkout_keeps_the_stock_and_unpaid_rules(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    // The guest puts all three mugs in the cart; then two are sold elsewhere.
    let (email, ip) = fresh("greedy");
    let (cart, buyer) = guest(&email, ip);
    cart::add(&db, Owner::Visitor(cart), shop.mug, qty(3))
        .await
        .unwrap();
    sqlx::query("UPDATE product_variants SET stock = 1 WHERE id = $1")
        .bind(shop.mug)
        .execute(&db)
        .await
        .unwrap();
    let refused = checkout::place(&db, &shop.state.config, &buyer, address().into()).await;
    assert!(
        matches!(&refused, Err(Error::Invalid(problems)) if problems[0].message.say(Lang::En).contains("Only 1")),
        "{refused:?}"
    );
    assert_eq!(cart::count(&db, Owner::Visitor(cart)).await.unwrap(), 3);

    // An address may hold three unpaid orders, as a customer may.
    cart::set_quantity(&db, Owner::Visitor(cart), shop.mug, None)
        .await
        .unwrap();
    for _ in 0..checkout::MAX_UNPAID_ORDERS {
        cart::add(&db, Owner::Visitor(cart), shop.print, qty(1))
            .await
            .unwrap();
        checkout::place(&db, &shop.state.config, &buyer, address().into())
            .await
            .unwrap();
    }
    cart::add(&db, Owner::Visitor(cart), shop.print, qty(1))
        .await
        .unwrap();
    assert!(matches!(
        checkout::place(&db, &shop.state.config, &buyer, address().into()).await,
        Err(Error::Conflict(_))
    ));
    // Once an account verifies the address, the orders are its and count
    // against it too.
    let customer = customer(&db, &email).await;
    cart::add(&db, Owner::User(customer), shop.print, qty(1))
        .await
        .unwrap();
    assert!(matches!(
        checkout::place(
            &db,
            &shop.state.config,
            &Buyer::Customer(customer),
            address().into(),
        )
        .await,
        Err(Error::Conflict(_))
    ));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn guest_checkouts_are_throttled_per_email_and_per_ip(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    let redis = &shop.state.redis;
    let (email, ip) = fresh("throttled");
    let email = Email::parse(&email).unwrap();
    for _ in 0..CHECKOUTS_PER_EMAIL_HOUR {
        guest::admit(redis, &email, ip).await.unwrap();
    }
    assert!(matches!(
        guest::admit(redis, &email, ip).await,
        Err(Error::TooManyRequests { retry_after_secs }) if retry_after_secs > 0
    ));
    // From the same IP, other addresses go on until the IP's own limit.
    let mut refused_at = None;
    for n in 0..guest::CHECKOUTS_PER_IP_HOUR {
        let other = Email::parse(&fresh(&format!("other{n}")).0).unwrap();
        if guest::admit(redis, &other, ip).await.is_err() {
            refused_at = Some(n);
            break;
        }
    }
    // The first address's admitted checkouts counted against the IP too.
    assert_eq!(
        refused_at,
        Some(guest::CHECKOUTS_PER_IP_HOUR - CHECKOUTS_PER_EMAIL_HOUR)
    );
}

/// A guest who checks out on a French page comes back to the French order
/// page and is mailed in French, money written the French way.
#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_guest_checking_out_in_french_is_answered_in_french(db: PgPool) {
    let shop = shop(db.clone(), true).await;
    let (email, ip) = fresh("francais");
    let (cart, buyer) = guest(&email, ip);
    cart::add(&db, Owner::Visitor(cart), shop.print, qty(1))
        .await
        .unwrap();
    let destination = Destination {
        language: Lang::Fr,
        ..address().into()
    };
    let checked_out = checkout::check_out(&shop.state, &buyer, destination)
        .await
        .unwrap();
    let number = checked_out.order.number;
    let (_, location) = pay(&checked_out.payment_url.unwrap(), "4242 4242 4242 4242").await;
    let back = location.unwrap();
    let page = format!("{}/fr/orders/{number}?key=", shop.state.config.app_url);
    assert!(back.starts_with(&page), "{back}");
    wait_for_status(&db, &number, "paid").await;

    let texts = outbox_texts(&db).await;
    let (_, subject, text) = texts
        .iter()
        .find(|(to, _, _)| *to == email)
        .expect("the confirmation is mailed");
    assert_eq!(*subject, format!("Votre commande {number}"));
    assert!(
        text.contains("Merci : nous avons reçu votre paiement de"),
        "{text}"
    );
    assert!(
        text.contains("25,00\u{a0}€") || text.contains("25,00 €"),
        "{text}"
    );
    assert!(
        text.contains(&format!("/fr/orders/{number}?key=")),
        "{text}"
    );
}
