//! Two-step sign-in through the pages, with JavaScript off: set up on
//! `/account/security` from the key the page shows, recovery codes shown
//! once, then a sign-in that is only complete after its second step.

use app::api::accounts::{
    login::{LogIn, PassSecondStep},
    two_step::{DisableTwoStep, EnableTwoStep},
};
use fixtures::unique_email;
use http::StatusCode;
use leptos::server_fn::ServerFn;
use server::accounts::{Role, two_step::current_code};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::support::{Browser, app, audited, config, database, location, signed_in, verified_user};

const SECURITY: &str = "/account/security";

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
        .post_form(EnableTwoStep::PATH, SECURITY, &[("code", "000000x")])
        .await;
    let (_, _, page) = owner.get(SECURITY).await;
    assert!(page.contains("That code is not right"), "{page}");
    assert!(page.contains(&key), "still being set up, with the same key");

    let code = current_code(&key, now()).unwrap();
    let (status, _, _) = owner
        .post_form(EnableTwoStep::PATH, SECURITY, &[("code", &code)])
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
