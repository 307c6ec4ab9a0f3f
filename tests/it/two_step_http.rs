//! Two-step sign-in through the pages, with JavaScript off: set up on
//! `/account/security` from the key the page shows, recovery codes shown
//! once, then a sign-in that is only complete after its second step.

use app::api::{
    accounts::{
        login::{LogIn, PassSecondStep},
        two_step::{DisableTwoStep, EnableTwoStep},
    },
    admin::{AdminArea, users::AdminUserTwoStepReset},
    seller::settings::StoreMembers,
};
use fixtures::unique_email;
use http::StatusCode;
use leptos::server_fn::ServerFn;
use server::{
    AppState,
    accounts::{
        Role,
        two_step::{current_code, enrol_with_key},
    },
};
use sqlx::{
    PgPool,
    postgres::{PgConnectOptions, PgPoolOptions},
};

use crate::support::{
    Browser, app, audited, call, config, database, location, signed_in, store_of_a_new_seller,
    verified_user,
};

const SECURITY: &str = "/account/security";
/// Where a page sends a person who needs a second step, from `path`.
fn set_up_first(path: &str) -> String {
    let path: String = form_urlencoded::byte_serialize(path.as_bytes()).collect();
    format!("/account/security?second_step=required&next={path}#two-step")
}
/// An authenticator key (base32) the tests enrol accounts with.
const KEY: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

async fn enrol(state: &AppState, db: &PgPool, user: i64) {
    enrol_with_key(db, &state.config.secrets_key, user, KEY)
        .await
        .unwrap();
}

fn between<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let from = page
        .find(start)
        .unwrap_or_else(|| panic!("{start} in {page}"))
        + start.len();
    let to = page[from..].find(end).unwrap() + from;
    &page[from..to]
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_sign_in_with_two_steps_is_complete_only_after_the_code(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[])).await;
    let email = unique_email("two-step");
    verified_user(&db, &email, &[Role::Customer]).await;
    let mut owner = signed_in(&app, &email).await;

    let (status, _, page) = owner.get(SECURITY).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<svg"), "the QR code is drawn on the server");
    let key = between(&page, "<code class=\"secret-key\">", "</code>").to_owned();

    owner
        .post_form(
            EnableTwoStep::PATH,
            SECURITY,
            &[
                ("code", "000000x"),
                ("current_password", "a long test password"),
            ],
        )
        .await;
    let (_, _, page) = owner.get(SECURITY).await;
    assert!(page.contains("That code is not right"), "{page}");
    assert!(page.contains(&key), "still being set up, with the same key");

    let code = current_code(&key, now()).unwrap();
    let (status, _, _) = owner
        .post_form(
            EnableTwoStep::PATH,
            SECURITY,
            &[
                ("code", &code),
                ("current_password", "a long test password"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::FOUND);
    let (_, _, page) = owner.get(SECURITY).await;
    assert!(page.contains("Your recovery codes"), "{page}");
    let codes: Vec<String> = page
        .split("<li><code>")
        .skip(1)
        .map(|rest| rest[..rest.find("</code>").unwrap()].to_owned())
        .filter(|code| code.len() == 11)
        .collect();
    assert_eq!(codes.len(), 10, "{page}");
    let (_, _, page) = owner.get(SECURITY).await;
    assert!(!page.contains(&codes[0]), "the codes are shown once");
    assert!(page.contains("10 unused recovery codes left"));

    // A right password alone does not sign in.
    let mut browser = Browser::new(app.clone());
    let (status, headers, _) = browser
        .post_form(
            LogIn::PATH,
            "/login",
            &[
                ("email", &email),
                ("password", "a long test password"),
                ("next", "/account/orders"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::FOUND);
    assert_eq!(location(&headers), "/login?next=%2Faccount%2Forders");
    let (status, _, _) = browser.get("/account").await;
    assert_eq!(status, StatusCode::FOUND, "not signed in between the steps");
    let (_, _, page) = browser.get("/login?next=%2Faccount%2Forders").await;
    assert!(page.contains("Two-step sign-in"), "{page}");

    browser
        .post_form(
            PassSecondStep::PATH,
            "/login",
            &[("code", "abcde-fghjk"), ("next", "/account/orders")],
        )
        .await;
    let (_, _, page) = browser.get("/login?next=%2Faccount%2Forders").await;
    assert!(page.contains("That code is not right"), "{page}");
    let (status, _, _) = browser.get("/account").await;
    assert_eq!(status, StatusCode::FOUND);

    let (status, headers, _) = browser
        .post_form(
            PassSecondStep::PATH,
            "/login",
            &[("code", &codes[0]), ("next", "/account/orders")],
        )
        .await;
    assert_eq!(status, StatusCode::FOUND);
    assert_eq!(
        location(&headers),
        "/account/orders",
        "the next page survives both steps"
    );
    let (status, _, _) = browser.get("/account").await;
    assert_eq!(status, StatusCode::OK, "signed in after the second step");
    assert_eq!(audited(&db, "two_step.recovery_code_used").await, 1);

    let (status, _, _) = browser
        .post_form(
            DisableTwoStep::PATH,
            SECURITY,
            &[("current_password", "a long test password")],
        )
        .await;
    assert_eq!(status, StatusCode::FOUND);
    let (_, _, page) = browser.get(SECURITY).await;
    assert!(page.contains("Two-step sign-in is off."), "{page}");
    let (status, _, _) = owner.get("/account").await;
    assert_eq!(
        status,
        StatusCode::FOUND,
        "turning it off ends the other sessions"
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn an_admin_without_a_second_step_is_sent_to_set_one_up(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (app, state) = app(db.clone(), config(&[("REQUIRE_2FA_FOR_ADMINS", "true")])).await;
    let email = unique_email("admin");
    let admin = verified_user(&db, &email, &[Role::Customer, Role::Admin]).await;
    let mut browser = signed_in(&app, &email).await;

    let (status, headers, _) = browser.get("/admin/users").await;
    assert_eq!(status, StatusCode::FOUND);
    assert_eq!(location(&headers), set_up_first("/admin/users"));
    let (_, _, page) = browser.get(&set_up_first("/admin/users")).await;
    assert!(page.contains("needs two-step sign-in"), "{page}");
    let (status, _, body) = browser.send(call(AdminArea::PATH, &[])).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "admin functions refuse too");
    assert_eq!(body, r#""SecondStepRequired""#);
    let (status, _, _) = browser.get("/account/orders").await;
    assert_eq!(status, StatusCode::OK, "the rest of the site still answers");

    // Once the account has a second step, the same session gets in.
    enrol(&state, &db, admin).await;
    let (_, _, page) = browser.get(&set_up_first("/admin/users")).await;
    assert!(
        page.contains(r#"<a href="/admin/users">Continue where you were</a>"#),
        "{page}"
    );
    let (status, headers, _) = browser.get("/admin/users").await;
    assert_eq!(status, StatusCode::OK, "{}", location(&headers));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn an_owner_requires_a_second_step_of_the_staff(_: PgPoolOptions, connect: PgConnectOptions) {
    let db = database(connect).await;
    let (app, state) = app(db.clone(), config(&[])).await;
    let (owner_email, store) = store_of_a_new_seller(&db, "strict").await;
    let staff_email = unique_email("staff");
    let staff = verified_user(&db, &staff_email, &[Role::Customer, Role::Seller]).await;
    sqlx::query("INSERT INTO store_members (store_id, user_id, role) VALUES ($1, $2, 'staff')")
        .bind(store)
        .bind(staff)
        .execute(&db)
        .await
        .unwrap();
    let mut owner = signed_in(&app, &owner_email).await;
    let mut helper = signed_in(&app, &staff_email).await;
    let (status, _, _) = helper.get("/seller/products").await;
    assert_eq!(status, StatusCode::OK, "not required yet");

    // Staff cannot change the rule; the owner can.
    helper
        .post_form(
            StoreMembers::PATH,
            "/seller/settings",
            &[("staff_two_step", "true")],
        )
        .await;
    assert_eq!(audited(&db, "store.staff_two_step_changed").await, 0);
    let (status, _, _) = owner
        .post_form(
            StoreMembers::PATH,
            "/seller/settings",
            &[("staff_two_step", "true")],
        )
        .await;
    assert_eq!(status, StatusCode::FOUND);
    let (_, _, page) = owner.get("/seller/settings").await;
    assert!(page.contains("Staff now need two-step sign-in"), "{page}");
    assert!(
        page.contains("two-step sign-in off"),
        "the owner sees who has it"
    );
    assert_eq!(audited(&db, "store.staff_two_step_changed").await, 1);

    let (status, headers, _) = helper.get("/seller/products").await;
    assert_eq!(status, StatusCode::FOUND);
    assert_eq!(location(&headers), set_up_first("/seller/products"));
    let (status, _, _) = owner.get("/seller/products").await;
    assert_eq!(status, StatusCode::OK, "the rule is for staff");
    enrol(&state, &db, staff).await;
    let (status, _, _) = helper.get("/seller/products").await;
    assert_eq!(status, StatusCode::OK);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn an_admin_resets_the_second_step_of_a_locked_out_person(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (app, state) = app(db.clone(), config(&[])).await;
    let admin_email = unique_email("admin");
    verified_user(&db, &admin_email, &[Role::Customer, Role::Admin]).await;
    let email = unique_email("locked-out");
    let person = verified_user(&db, &email, &[Role::Customer]).await;
    let mut elsewhere = signed_in(&app, &email).await;
    enrol(&state, &db, person).await;
    let mut admin = signed_in(&app, &admin_email).await;
    let page_of_person = format!("/admin/users/{person}");

    let (_, _, page) = admin.get(&format!("/admin/users?q={email}")).await;
    assert!(page.contains("<th scope=\"col\">Two-step</th>"), "{page}");
    let (_, _, page) = admin.get(&page_of_person).await;
    assert!(page.contains("Reset two-step sign-in"), "{page}");

    let id = person.to_string();
    admin
        .post_form(AdminUserTwoStepReset::PATH, &page_of_person, &[("id", &id)])
        .await;
    let (_, _, page) = admin.get(&page_of_person).await;
    assert!(page.contains("Tick the box to confirm"), "{page}");
    assert_eq!(audited(&db, "two_step.reset").await, 0);

    let (status, _, _) = admin
        .post_form(
            AdminUserTwoStepReset::PATH,
            &page_of_person,
            &[("id", &id), ("confirm", "yes")],
        )
        .await;
    assert_eq!(status, StatusCode::FOUND);
    let (_, _, page) = admin.get(&page_of_person).await;
    assert!(
        page.contains("Two-step sign-in is off for this account"),
        "{page}"
    );
    assert_eq!(audited(&db, "two_step.reset").await, 1);
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM user_totp WHERE user_id = $1")
        .bind(person)
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(left, 0);
    let mailed: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM email_outbox WHERE to_address = $1 AND subject = 'Two-step sign-in was reset'",
    )
    .bind(&email)
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(mailed, 1);
    let (status, _, _) = elsewhere.get("/account").await;
    assert_eq!(status, StatusCode::FOUND, "their sessions ended");
    // Their password alone signs in again.
    signed_in(&app, &email).await;
}
