//! A store's settings through the whole application: a new address keeps
//! the old one working, the logo is checked like product images, staff come
//! and go at the owner's word only, and closing takes the products away.

use app::api::seller::settings::{
    CloseStore, SaveLowStockThreshold, SaveStoreDetails, StoreMembers, UploadLogo,
};
use fixtures::{TempDir, png, unique_email};
use http::StatusCode;
use leptos::server_fn::ServerFn;
use server::{accounts::Role, media};
use sqlx::{
    PgPool,
    postgres::{PgConnectOptions, PgPoolOptions},
};

use crate::support::{
    self, app, audited, config, database, location, multipart, signed_in, store_with_one_product,
    verified_user,
};

const SETTINGS: &str = "/seller/settings";

/// A store `slug` with a teapot for sale.
async fn store(db: &PgPool, slug: &str) -> (String, i64) {
    store_with_one_product(db, slug, "Teapot").await
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_new_address_keeps_the_old_one_leading_to_the_store(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[])).await;
    let (owner, _) = store(&db, "kettle").await;
    let (other, spoon_id) = store(&db, "spoon").await;
    let mut browser = signed_in(&app, &owner).await;

    // Another store's address is refused, with what was typed kept.
    browser
        .post_form(
            SaveStoreDetails::PATH,
            SETTINGS,
            &[
                ("name", "Kettle & Co"),
                ("slug", "spoon"),
                ("description", ""),
            ],
        )
        .await;
    let (_, _, page) = browser.get(SETTINGS).await;
    assert!(page.contains("Another store already uses this address."));
    assert!(page.contains("Kettle &amp; Co"), "the name typed is kept");

    browser
        .post_form(
            SaveStoreDetails::PATH,
            SETTINGS,
            &[
                ("name", "Kettle & Co"),
                ("slug", "kettle-and-co"),
                ("description", "Tea things."),
            ],
        )
        .await;
    let (status, _, page) = browser.get(SETTINGS).await;
    assert!(page.contains("Saved."), "{status}: {page}");
    assert_eq!(audited(&db, "store.updated").await, 1);
    let mut shopper = support::Browser::new(app.clone());
    let (status, headers, _) = shopper.get("/s/kettle").await;
    assert_eq!(status, StatusCode::FOUND);
    assert_eq!(location(&headers), "/s/kettle-and-co");
    let (status, _, page) = shopper.get("/s/kettle-and-co").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Kettle &amp; Co") && page.contains("Tea things."));
    let (_, _, listing) = shopper.get("/products?q=co").await;
    assert!(listing.contains("Teapot"), "search knows the new name");

    // The old address stays this store's: another store cannot take it…
    let mut spoon = signed_in(&app, &other).await;
    spoon
        .post_form(
            SaveStoreDetails::PATH,
            SETTINGS,
            &[("name", "spoon"), ("slug", "kettle"), ("description", "")],
        )
        .await;
    let slug: String = sqlx::query_scalar("SELECT slug FROM stores WHERE id = $1")
        .bind(spoon_id)
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(slug, "spoon");
    // …but the store itself can go back to it.
    browser
        .post_form(
            SaveStoreDetails::PATH,
            SETTINGS,
            &[("name", "Kettle"), ("slug", "kettle"), ("description", "")],
        )
        .await;
    let (status, _, _) = shopper.get("/s/kettle").await;
    assert_eq!(status, StatusCode::OK);
    let (status, headers, _) = shopper.get("/s/kettle-and-co").await;
    assert_eq!(status, StatusCode::FOUND);
    assert_eq!(location(&headers), "/s/kettle");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_logo_and_threshold_are_checked(_: PgPoolOptions, connect: PgConnectOptions) {
    let db = database(connect).await;
    let uploads = TempDir::new();
    let (app, state) = app(
        db.clone(),
        config(&[("STORAGE_URL", &uploads.storage_url())]),
    )
    .await;
    let (owner, store_id) = store(&db, "kettle").await;
    let mut browser = signed_in(&app, &owner).await;
    let logo_key = || async {
        sqlx::query_scalar::<_, Option<String>>("SELECT logo_key FROM stores WHERE id = $1")
            .bind(store_id)
            .fetch_one(&db)
            .await
            .unwrap()
    };

    browser
        .send(multipart(
            UploadLogo::PATH,
            SETTINGS,
            &[("logo", Some("logo.png"), b"not an image at all")],
        ))
        .await;
    let (_, _, page) = browser.get(SETTINGS).await;
    assert!(page.contains("logo.png is not a JPEG, PNG or WebP image."));
    assert_eq!(logo_key().await, None);

    let (status, _, _) = browser
        .send(multipart(
            UploadLogo::PATH,
            SETTINGS,
            &[("logo", Some("logo.jpg"), &png(8, 8))],
        ))
        .await;
    assert_eq!(status, StatusCode::FOUND);
    let key = logo_key().await.expect("the logo is saved");
    assert!(uploads.join(format!("{key}-200.webp")).exists());
    let (_, _, page) = support::Browser::new(app.clone()).get("/s/kettle").await;
    assert!(
        page.contains(&format!("/uploads/{key}-200.webp")),
        "shown on the store page"
    );

    browser
        .send(multipart(
            UploadLogo::PATH,
            SETTINGS,
            &[("remove", None, b"yes")],
        ))
        .await;
    assert_eq!(logo_key().await, None);
    media::deletions::run_due(&state.db, &state.storage)
        .await
        .unwrap();
    assert!(
        !uploads.join(format!("{key}-200.webp")).exists(),
        "its files go"
    );

    browser
        .post_form(
            SaveLowStockThreshold::PATH,
            SETTINGS,
            &[("low_stock_threshold", "a few")],
        )
        .await;
    let (_, _, page) = browser.get(SETTINGS).await;
    assert!(page.contains("Enter a whole number from 0 to 100,000."));
    assert!(page.contains("a few"), "what was typed is kept");
    let (_, _, again) = browser.get(SETTINGS).await;
    assert!(
        !again.contains("Enter a whole number"),
        "the flash is gone after one showing"
    );
    let (saved, _, _) = browser
        .post_form(
            SaveLowStockThreshold::PATH,
            SETTINGS,
            &[("low_stock_threshold", "9")],
        )
        .await;
    let (status, _, home) = browser.get("/seller").await;
    assert!(
        home.contains("ITEM · 9 left"),
        "the dashboard follows the threshold (save {saved}, dashboard {status}): {home}"
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn only_the_owner_manages_people_and_closes_the_store(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[])).await;
    let (owner, store_id) = store(&db, "kettle").await;
    let (other_owner, _) = store(&db, "spoon").await;
    let helper = unique_email("helper");
    let helper_id = verified_user(&db, &helper, &[Role::Customer]).await;
    let mut browser = signed_in(&app, &owner).await;

    for (email, problem) in [
        (
            "nobody@example.com",
            "No active Bazaar account uses this address",
        ),
        (
            other_owner.as_str(),
            "This person already works for a store",
        ),
    ] {
        browser
            .post_form(StoreMembers::PATH, SETTINGS, &[("email", email)])
            .await;
        let (_, _, page) = browser.get(SETTINGS).await;
        assert!(page.contains(problem), "{email}");
    }
    browser
        .post_form(StoreMembers::PATH, SETTINGS, &[("email", &helper)])
        .await;
    let role: String =
        sqlx::query_scalar("SELECT role FROM store_members WHERE store_id = $1 AND user_id = $2")
            .bind(store_id)
            .bind(helper_id)
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(role, "staff");
    assert_eq!(audited(&db, "store.member_added").await, 1);

    // Staff work in the seller admin but manage no one and close nothing.
    let mut staff = signed_in(&app, &helper).await;
    let (status, _, _) = staff.get("/seller/products").await;
    assert_eq!(status, StatusCode::OK);
    staff
        .post_form(
            StoreMembers::PATH,
            SETTINGS,
            &[("remove", &helper_id.to_string())],
        )
        .await;
    staff
        .post_form(CloseStore::PATH, SETTINGS, &[("confirm", "yes")])
        .await;
    let (_, _, page) = staff.get(SETTINGS).await;
    assert!(page.contains("owner can do that."), "staff are told why");
    let (members, status): (i64, String) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM store_members WHERE store_id = $1), status FROM stores WHERE id = $1",
    )
    .bind(store_id)
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!((members, status.as_str()), (2, "active"));

    browser
        .post_form(
            StoreMembers::PATH,
            SETTINGS,
            &[("remove", &helper_id.to_string())],
        )
        .await;
    let (status, _, _) = staff.get("/seller/products").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "removed staff are out");
    assert_eq!(audited(&db, "store.member_removed").await, 1);

    // Closing needs the box ticked, then takes the products away.
    browser.post_form(CloseStore::PATH, SETTINGS, &[]).await;
    let (_, _, page) = browser.get(SETTINGS).await;
    assert!(page.contains("Tick the box to confirm"));
    browser
        .post_form(CloseStore::PATH, SETTINGS, &[("confirm", "yes")])
        .await;
    let (_, _, listing) = support::Browser::new(app.clone())
        .get("/products?q=teapot")
        .await;
    assert!(listing.contains("spoon-item") && !listing.contains("kettle-item"));
    let (_, _, home) = browser.get("/seller").await;
    assert!(home.contains("This store is closed"));
    assert_eq!(audited(&db, "store.closed").await, 1);
}
