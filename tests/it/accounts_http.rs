//! Account flows through the whole application (pages, server functions and
//! middleware) as a browser without JavaScript drives them: plain form posts
//! and redirects, on the test's own database and the local Redis.

use app::api::accounts::{login::LogIn, registration::Register};
use axum::body::Body;
use fixtures::unique_email;
use http::{Request, StatusCode, header};
use leptos::server_fn::ServerFn;
use server::accounts::Role;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use tower::ServiceExt;

use crate::support::{Browser, ORIGIN, app, config, database, location, signed_in, verified_user};

/// The session's `Set-Cookie` among the answer's cookies.
fn session_cookie<'a>(headers: &'a http::HeaderMap, prefix: &str) -> &'a str {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|value| value.to_str().unwrap())
        .find(|cookie| cookie.starts_with(prefix))
        .unwrap_or_else(|| panic!("a {prefix} cookie in {headers:?}"))
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_plain_form_sign_in_sets_a_hardened_cookie_and_opens_the_account(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[])).await;
    let email = unique_email("ada");
    verified_user(&db, &email, &[Role::Customer]).await;

    let mut browser = Browser::new(app.clone());
    let (status, headers, _) = browser
        .post_form(
            LogIn::PATH,
            "/login?next=/account/security",
            &[
                ("email", &email),
                ("password", "a long test password"),
                ("next", "/account/security"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::FOUND);
    assert_eq!(location(&headers), "/account/security");
    let cookie = session_cookie(&headers, "bazaar_session=");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/")
    );

    let (status, _, page) = browser.get("/account").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&email), "the account page shows the address");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn sign_in_never_redirects_off_site(_: PgPoolOptions, connect: PgConnectOptions) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[])).await;
    let email = unique_email("eve-target");
    verified_user(&db, &email, &[Role::Customer]).await;
    let mut browser = Browser::new(app);
    let (_, headers, _) = browser
        .post_form(
            LogIn::PATH,
            "/login",
            &[
                ("email", &email),
                ("password", "a long test password"),
                ("next", "//evil.example/x"),
            ],
        )
        .await;
    assert_eq!(location(&headers), "/account");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn over_https_the_cookie_is_secure_and_host_prefixed(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[("APP_URL", "https://bazaar.example")])).await;
    let email = unique_email("tls");
    verified_user(&db, &email, &[Role::Customer]).await;
    let mut browser = Browser::new(app);
    let request = Request::post(LogIn::PATH)
        .header(header::ACCEPT, "text/html")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(format!(
            "email={}&password=a+long+test+password&next=%2F",
            email.replace('@', "%40")
        )))
        .unwrap();
    let (status, headers, _) = browser.send(request).await;
    assert_eq!(status, StatusCode::FOUND);
    let cookie = session_cookie(&headers, "__Host-bazaar_session=");
    assert!(cookie.contains("Secure"));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_refused_plain_form_keeps_the_input_and_shows_the_problem_next_to_the_field(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (app, _) = app(db, config(&[])).await;
    let mut browser = Browser::new(app);
    let email = unique_email("short");
    let (status, headers, _) = browser
        .post_form(
            Register::PATH,
            "/register",
            &[("email", &email), ("password", "short"), ("name", "Grace")],
        )
        .await;
    assert_eq!(status, StatusCode::FOUND);
    // Back to the form (Leptos may leave an empty query on the way).
    assert!(location(&headers).starts_with(&format!("{ORIGIN}/register")));

    let (status, _, page) = browser.get("/register").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Use at least 10 characters."),
        "the problem is shown"
    );
    assert!(
        page.contains(&format!("value=\"{email}\"")),
        "the address is kept"
    );
    assert!(page.contains("value=\"Grace\""), "the name is kept");
    assert!(page.contains("aria-invalid=\"true\""));

    // Shown once: the flash is gone on the next visit.
    let (_, _, page) = browser.get("/register").await;
    assert!(!page.contains("Use at least 10 characters."));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_cross_site_form_post_is_refused(_: PgPoolOptions, connect: PgConnectOptions) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[])).await;
    let email = unique_email("csrf");
    verified_user(&db, &email, &[Role::Customer]).await;
    for (name, value) in [
        ("sec-fetch-site", "cross-site"),
        ("origin", "https://evil.example"),
    ] {
        let request = Request::post(LogIn::PATH)
            .header(header::ACCEPT, "text/html")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(name, value)
            .body(Body::from(
                "email=a%40example.com&password=whatever&next=%2F",
            ))
            .unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{name}: {value}");
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn anonymous_visitors_are_sent_to_sign_in_and_back(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (app, _) = app(db, config(&[])).await;
    let mut browser = Browser::new(app);
    for path in ["/account", "/account/security", "/seller", "/admin"] {
        let (status, headers, _) = browser.get(path).await;
        assert_eq!(status, StatusCode::FOUND, "{path}");
        let next: String = form_urlencoded::byte_serialize(path.as_bytes()).collect();
        assert_eq!(location(&headers), format!("/login?next={next}"));
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_customer_cannot_reach_the_seller_admin(_: PgPoolOptions, connect: PgConnectOptions) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[])).await;
    let email = unique_email("customer");
    verified_user(&db, &email, &[Role::Customer]).await;
    let mut browser = signed_in(&app, &email).await;
    for path in ["/seller", "/seller/products"] {
        let (status, _, page) = browser.get(path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        assert!(page.contains("Not allowed"));
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_seller_cannot_reach_the_admin_and_the_refusal_is_audited(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[])).await;
    let email = unique_email("seller");
    verified_user(&db, &email, &[Role::Customer, Role::Seller]).await;
    let mut browser = signed_in(&app, &email).await;
    for path in ["/admin", "/admin/users"] {
        let (status, _, _) = browser.get(path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
    }
    let refused: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log a JOIN users u ON u.id = a.actor_user_id
         WHERE a.action = 'admin.access_refused' AND u.email = $1",
    )
    .bind(&email)
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(refused, 2);

    let admin = unique_email("admin");
    verified_user(&db, &admin, &[Role::Customer, Role::Admin]).await;
    let mut admin_browser = signed_in(&app, &admin).await;
    let (status, _, page) = admin_browser.get("/admin").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("admin.access_refused"),
        "the admin sees the refusals"
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn signing_out_ends_the_session(_: PgPoolOptions, connect: PgConnectOptions) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[])).await;
    let email = unique_email("leaver");
    verified_user(&db, &email, &[Role::Customer]).await;
    let mut browser = signed_in(&app, &email).await;
    let old_cookies = browser.cookies.clone();
    let (status, headers, _) = browser
        .post_form(app::api::accounts::login::LogOut::PATH, "/account", &[])
        .await;
    assert_eq!(status, StatusCode::FOUND);
    assert_eq!(location(&headers), "/");
    // Even a copy of the old cookie no longer signs anyone in.
    browser.cookies = old_cookies;
    let (status, _, _) = browser.get("/account").await;
    assert_eq!(status, StatusCode::FOUND);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn pages_that_need_a_session_answer_503_while_redis_is_down(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (app, _) = app(db, config(&[("REDIS_URL", "redis://127.0.0.1:1")])).await;
    let mut browser = Browser::new(app);
    browser
        .cookies
        .insert("bazaar_session".into(), "AAAAAAAAAAAAAAAAAAAAAA".into());
    let (status, _, page) = browser.get("/account").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        page.contains("session store"),
        "the page names what is down"
    );
    // The storefront itself does not need a session.
    let (status, _, _) = browser.get("/healthz").await;
    assert_eq!(status, StatusCode::OK);
}

async fn try_sign_in(browser: &mut Browser, email: &str, password: &str) -> String {
    let (_, headers, _) = browser
        .post_form(
            LogIn::PATH,
            "/login",
            &[
                ("email", email),
                ("password", password),
                ("next", "/account"),
            ],
        )
        .await;
    location(&headers)
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_stranger_guessing_passwords_cannot_lock_the_owner_out_of_their_own_browser(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    // Every browser here comes from one address; the per-address limit has
    // tests of its own.
    let (app, _) = app(db.clone(), config(&[("LOGIN_FAILURES_PER_IP", "10000")])).await;
    let email = unique_email("owner");
    verified_user(&db, &email, &[Role::Customer]).await;
    let mut owner = signed_in(&app, &email).await;
    assert!(
        owner.cookies.contains_key("bazaar_device"),
        "signing in marks the browser as the owner's"
    );
    owner
        .post_form(app::api::accounts::login::LogOut::PATH, "/account", &[])
        .await;

    let mut stranger = Browser::new(app.clone());
    for _ in 0..110 {
        let landed = try_sign_in(&mut stranger, &email, "a wrong guess").await;
        assert_ne!(landed, "/account");
    }
    let mut new_device = Browser::new(app.clone());
    let landed = try_sign_in(&mut new_device, &email, "a long test password").await;
    assert_ne!(
        landed, "/account",
        "new devices wait, even with the password"
    );

    let landed = try_sign_in(&mut owner, &email, "a long test password").await;
    assert_eq!(landed, "/account", "the owner's own browser still gets in");

    let warnings: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM email_outbox WHERE to_address = $1 AND subject LIKE 'Someone is trying%'",
    )
    .bind(&email)
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(warnings, 1, "the owner is told once when the wait starts");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_reset_request_is_answered_before_the_address_is_looked_up(
    _: PgPoolOptions,
    _: PgConnectOptions,
) {
    // Nothing listens there: any lookup before the answer would fail it.
    let config = config(&[(
        "DATABASE_URL",
        "postgres://bazaar:bazaar@127.0.0.1:5499/none",
    )]);
    let unreachable = server::db::pool(&config).unwrap();
    let (app, _) = app(unreachable, config).await;
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("email", "someone@example.com")
        .finish();
    let request = Request::post(app::api::accounts::recovery::ForgotPassword::PATH)
        .header(header::ACCEPT, "application/json")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, ORIGIN)
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body))
        .unwrap();
    let (status, _, answer) = Browser::new(app).send(request).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert!(
        answer.contains("If an account uses that address"),
        "the same answer for every address, at once: {answer}"
    );
}

/// Moves everything the user's sessions know about time `minutes` back: the
/// sign-in and last use in the database, and the Redis record's remaining
/// life (gone once that runs out).
async fn time_passes(
    db: &sqlx::PgPool,
    redis: &fred::prelude::Pool,
    browser: &Browser,
    minutes: i64,
) {
    use fred::prelude::KeysInterface;
    sqlx::query(
        "UPDATE user_sessions SET created_at = created_at - make_interval(mins => $1),
                                  last_seen_at = last_seen_at - make_interval(mins => $1)",
    )
    .bind(minutes as i32)
    .execute(db)
    .await
    .unwrap();
    let key = browser.cookies["bazaar_session"].clone();
    let left: i64 = redis.pttl(&key).await.unwrap();
    if left > minutes * 60_000 {
        let _: bool = redis
            .pexpire(&key, left - minutes * 60_000, None)
            .await
            .unwrap();
    } else {
        let _: i64 = redis.del(&key).await.unwrap();
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_session_left_idle_ends_one_in_use_goes_on_and_admins_idle_sooner(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let limits = [
        ("SESSION_IDLE_MINUTES", "60"),
        ("ADMIN_SESSION_IDLE_MINUTES", "30"),
        ("SESSION_LIFETIME_MINUTES", "240"),
    ];
    let (app, state) = app(db.clone(), config(&limits)).await;
    let signed_out = |headers: &http::HeaderMap, path: &str| {
        let next: String = form_urlencoded::byte_serialize(path.as_bytes()).collect();
        location(headers) == format!("/login?next={next}")
    };

    let admin_email = unique_email("admin");
    verified_user(&db, &admin_email, &[Role::Admin]).await;
    let mut admin = signed_in(&app, &admin_email).await;
    for _ in 0..5 {
        time_passes(&db, &state.redis, &admin, 9).await;
        let (status, _, _) = admin.get("/admin").await;
        assert_eq!(status, StatusCode::OK, "an admin at work stays signed in");
    }
    time_passes(&db, &state.redis, &admin, 31).await;
    let (_, headers, _) = admin.get("/admin").await;
    assert!(
        signed_out(&headers, "/admin"),
        "31 idle minutes end an admin's session"
    );

    let email = unique_email("customer");
    verified_user(&db, &email, &[Role::Customer]).await;
    let mut customer = signed_in(&app, &email).await;
    time_passes(&db, &state.redis, &customer, 45).await;
    let (status, _, _) = customer.get("/account").await;
    assert_eq!(
        status,
        StatusCode::OK,
        "45 idle minutes are within a customer's hour"
    );
    time_passes(&db, &state.redis, &customer, 61).await;
    let (_, headers, _) = customer.get("/account").await;
    assert!(signed_out(&headers, "/account"), "61 idle minutes end it");
    let open: i64 = sqlx::query_scalar("SELECT count(*) FROM user_sessions WHERE ended_at IS NULL")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(open, 0, "both sign-ins are closed");
}
