//! The cart against the real database: never more than the stock, lines
//! grouped by store at today's prices, and changes since adding told once.

use server::{
    Error,
    cart::{self, Owner, Quantity},
};
use sqlx::PgPool;
use texts::Lang;
use uuid::Uuid;

use crate::support::{alpha_and_beta, qty};

fn visitor() -> Owner {
    Owner::Visitor(Uuid::new_v4())
}

fn quantity_problem(result: server::Result<()>) -> String {
    match result {
        Err(Error::Invalid(problems)) if problems[0].field == "quantity" => {
            problems[0].message.say(Lang::En)
        }
        other => panic!("expected a quantity problem, got {other:?}"),
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn adding_sums_quantities_up_to_the_stock(db: PgPool) {
    let (mug, _) = alpha_and_beta(&db).await;
    let owner = visitor();
    cart::add(&db, owner, mug, qty(2)).await.unwrap();
    assert_eq!(
        quantity_problem(cart::add(&db, owner, mug, qty(2)).await),
        "Only 3 left, and 2 are already in your cart."
    );
    cart::add(&db, owner, mug, qty(1)).await.unwrap();
    assert_eq!(cart::count(&db, owner).await.unwrap(), 3);
    quantity_problem(Quantity::new(0).map(drop));
    quantity_problem(cart::set_quantity(&db, owner, mug, Some(qty(4))).await);
    cart::set_quantity(&db, owner, mug, None).await.unwrap();
    assert_eq!(cart::count(&db, owner).await.unwrap(), 0);
    // Another visitor's cart is their own.
    assert_eq!(cart::count(&db, visitor()).await.unwrap(), 0);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn only_products_for_sale_can_be_added(db: PgPool) {
    let (mug, _) = alpha_and_beta(&db).await;
    sqlx::query("UPDATE products SET status = 'draft' WHERE slug = 'mug'")
        .execute(&db)
        .await
        .unwrap();
    assert!(matches!(
        cart::add(&db, visitor(), mug, qty(1)).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        cart::add(&db, visitor(), 999_999, qty(1)).await,
        Err(Error::NotFound)
    ));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_cart_is_grouped_by_store_at_todays_prices(db: PgPool) {
    let (mug, print) = alpha_and_beta(&db).await;
    let owner = visitor();
    cart::add(&db, owner, print, qty(2)).await.unwrap();
    cart::add(&db, owner, mug, qty(1)).await.unwrap();

    let view = cart::view(&db, owner).await.unwrap();
    let stores: Vec<_> = view.stores.iter().map(|s| s.store_name.as_str()).collect();
    assert_eq!(stores, ["Alpha", "Beta"]);
    assert_eq!(view.stores[0].subtotal.cents(), 1200);
    assert_eq!(view.stores[0].lines[0].options, "Colour: blue");
    assert_eq!(view.stores[1].subtotal.cents(), 5000);
    assert_eq!(view.total.cents(), 6200);
    assert!(view.notices.is_empty());

    sqlx::query("UPDATE product_variants SET price = 1500 WHERE sku = 'MUG'")
        .execute(&db)
        .await
        .unwrap();
    sqlx::query("UPDATE product_variants SET stock = 1 WHERE sku = 'PRINT'")
        .execute(&db)
        .await
        .unwrap();
    let view = cart::view(&db, owner).await.unwrap();
    let said = |notices: &[cart::Notice], lang| {
        notices
            .iter()
            .map(|notice| notice.say(lang))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        said(&view.notices, Lang::Fr)[0],
        "Le prix de Mug est passé de 12,00\u{a0}€ à 15,00\u{a0}€."
    );
    assert_eq!(
        said(&view.notices, Lang::En),
        [
            "The price of Mug changed from €12.00 to €15.00.",
            "Only 1 of Print left: lower the quantity to buy it."
        ]
    );
    assert_eq!(
        view.total.cents(),
        1500,
        "a line short of stock is not counted"
    );
    assert!(!view.stores[1].lines[0].available);

    let again = cart::view(&db, owner).await.unwrap();
    assert_eq!(
        said(&again.notices, Lang::En),
        ["Only 1 of Print left: lower the quantity to buy it."],
        "a price change is told once"
    );
}
