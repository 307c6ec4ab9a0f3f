//! The platform admin through the whole application, as a browser without
//! JavaScript drives it: only admins get in (and refusals are audited),
//! every change is audited, and suspending a store, changing roles,
//! deactivating an account, editing the category tree and sending failed
//! mail again do what they say.

use app::api::admin::{
    categories::AdminCategory,
    mail::AdminMailRetry,
    stores::AdminStoreStatus,
    users::{AdminUserRole, AdminUserStatus},
};
use fixtures::{roles, unique_email};
use http::StatusCode;
use leptos::server_fn::ServerFn;
use server::accounts::Role;
use sqlx::{
    PgPool,
    postgres::{PgConnectOptions, PgPoolOptions},
};

use crate::support::{
    Browser, ORIGIN, app, audited_on, config, database, location, signed_in,
    store_with_one_product, verified_user,
};

/// A store `slug` with a lamp for sale.
async fn store(db: &PgPool, slug: &str) -> (String, i64) {
    store_with_one_product(db, slug, &format!("Lamp from {slug}")).await
}

async fn admin(db: &PgPool) -> (String, i64) {
    let email = unique_email("admin");
    let id = verified_user(db, &email, &[Role::Customer, Role::Admin]).await;
    (email, id)
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn only_admins_get_in_and_refusals_are_audited(_: PgPoolOptions, connect: PgConnectOptions) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[])).await;
    let (seller, store_id) = store(&db, "lumen").await;
    let customer = unique_email("customer");
    let customer_id = verified_user(&db, &customer, &[Role::Customer]).await;
    let (admin_email, _) = admin(&db).await;

    let mut visitor = Browser::new(app.clone());
    for path in ["/admin", "/admin/users", "/admin/stores", "/admin/audit"] {
        let (status, _, page) = visitor.get(path).await;
        assert_ne!(status, StatusCode::OK, "{path} is not for visitors");
        assert!(!page.contains(&seller), "{path} leaks nothing");
    }
    let mut someone = signed_in(&app, &customer).await;
    for path in [
        "/admin".to_owned(),
        "/admin/users".into(),
        format!("/admin/users/{customer_id}"),
        format!("/admin/stores/{store_id}"),
        "/admin/categories".into(),
        "/admin/orders".into(),
        "/admin/audit".into(),
    ] {
        let (status, _, page) = someone.get(&path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        assert!(!page.contains(&seller), "{path} leaks nothing");
    }
    // Server functions refuse as the pages do, and change nothing.
    someone
        .post_form(
            AdminStoreStatus::PATH,
            "/admin/stores",
            &[
                ("id", &store_id.to_string()),
                ("suspend", "true"),
                ("reason", "taken over"),
                ("confirm", "yes"),
            ],
        )
        .await;
    someone
        .post_form(
            AdminUserRole::PATH,
            "/admin/users",
            &[
                ("id", &customer_id.to_string()),
                ("role", "admin"),
                ("grant", "true"),
            ],
        )
        .await;
    let status: String = sqlx::query_scalar("SELECT status FROM stores WHERE id = $1")
        .bind(store_id)
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(status, "active");
    assert_eq!(roles(&db, customer_id).await, ["customer"]);
    let refused: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'admin.access_refused' AND actor_user_id = $1",
    )
    .bind(customer_id)
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(
        refused, 9,
        "every refused page and call is in the audit log"
    );

    // The admin sees those refusals in the audit log, filtered by action.
    let mut admin = signed_in(&app, &admin_email).await;
    let (status, _, page) = admin.get("/admin/audit?action=admin.access_refused").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&customer), "the refused account is named");
    assert!(page.contains("admin.access_refused"));
    let (_, _, page) = admin.get("/admin/audit?action=store.").await;
    assert!(page.contains("No entry matches."));
    let (status, _, page) = admin.get("/admin/audit?from=yesterday").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Enter a date like"),
        "a bad date is explained"
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_suspended_store_leaves_the_storefront_until_reactivated(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[])).await;
    let (seller, store_id) = store(&db, "lumen").await;
    store(&db, "other").await;
    let (admin_email, _) = admin(&db).await;
    let mut admin = signed_in(&app, &admin_email).await;
    let mut shopper = Browser::new(app.clone());
    let page_of = format!("/admin/stores/{store_id}");
    let id = store_id.to_string();

    let (_, _, listing) = shopper.get("/products?q=lamp").await;
    assert!(listing.contains("Lamp from lumen") && listing.contains("Lamp from other"));
    let (_, _, stores) = admin.get("/admin/stores?status=active").await;
    assert!(stores.contains("Lumen") && stores.contains("Other"));

    // Without the confirmation, or without a reason, nothing happens and the
    // reason typed is kept.
    admin
        .post_form(
            AdminStoreStatus::PATH,
            &page_of,
            &[("id", &id), ("suspend", "true"), ("reason", "Counterfeits")],
        )
        .await;
    let (_, _, page) = admin.get(&page_of).await;
    assert!(page.contains("Tick the box to confirm"));
    assert!(page.contains("Counterfeits"), "the reason typed is kept");
    admin
        .post_form(
            AdminStoreStatus::PATH,
            &page_of,
            &[
                ("id", &id),
                ("suspend", "true"),
                ("reason", " "),
                ("confirm", "yes"),
            ],
        )
        .await;
    let (_, _, page) = admin.get(&page_of).await;
    assert!(page.contains("Say why"));
    assert_eq!(
        audited_on(&db, "store.suspended", &format!("store:{id}")).await,
        0
    );

    admin
        .post_form(
            AdminStoreStatus::PATH,
            &page_of,
            &[
                ("id", &id),
                ("suspend", "true"),
                ("reason", "Counterfeit lamps reported"),
                ("confirm", "yes"),
            ],
        )
        .await;
    let (_, _, page) = admin.get(&page_of).await;
    assert!(page.contains("The store is suspended"));
    assert_eq!(
        audited_on(&db, "store.suspended", &format!("store:{id}")).await,
        1
    );
    let (_, _, listing) = shopper.get("/products?q=lamp").await;
    assert!(!listing.contains("Lamp from lumen"), "its products vanish");
    assert!(listing.contains("Lamp from other"), "other stores stay");
    let (status, _, _) = shopper.get("/p/lumen-item").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = shopper.get("/s/lumen").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let mut owner = signed_in(&app, &seller).await;
    let (_, _, home) = owner.get("/seller").await;
    assert!(home.contains("The platform suspended this store"));
    assert!(
        home.contains("Counterfeit lamps reported"),
        "the seller sees why"
    );

    // Suspending twice is a conflict that explains itself.
    admin
        .post_form(
            AdminStoreStatus::PATH,
            &page_of,
            &[
                ("id", &id),
                ("suspend", "true"),
                ("reason", "Again"),
                ("confirm", "yes"),
            ],
        )
        .await;
    let (_, _, page) = admin.get(&page_of).await;
    assert!(page.contains("Only active stores can be suspended; this one is suspended."));

    admin
        .post_form(
            AdminStoreStatus::PATH,
            &page_of,
            &[("id", &id), ("suspend", "false")],
        )
        .await;
    assert_eq!(
        audited_on(&db, "store.reactivated", &format!("store:{id}")).await,
        1
    );
    let (_, _, listing) = shopper.get("/products?q=lamp").await;
    assert!(listing.contains("Lamp from lumen"), "its products are back");
    let (_, _, home) = owner.get("/seller").await;
    assert!(!home.contains("The platform suspended this store"));
    let (_, _, log) = admin.get("/admin/audit?store=lumen&action=store").await;
    assert!(log.contains("store.suspended") && log.contains("store.reactivated"));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn roles_and_account_status_change_with_confirmation(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[])).await;
    let person = unique_email("person");
    let person_id = verified_user(&db, &person, &[Role::Customer]).await;
    let (admin_email, admin_id) = admin(&db).await;
    let mut admin = signed_in(&app, &admin_email).await;
    let page_of = format!("/admin/users/{person_id}");
    let id = person_id.to_string();

    let rows = |page: &str| page.matches(r#"data-testid="user-row""#).count();
    let (_, _, list) = admin.get("/admin/users?q=person-").await;
    assert!(list.contains(&person));
    assert_eq!(rows(&list), 1, "the search filters");
    let (_, _, list) = admin.get("/admin/users?role=admin").await;
    assert_eq!(rows(&list), 1);
    assert!(!list.contains(&person));

    admin
        .post_form(
            AdminUserRole::PATH,
            &page_of,
            &[("id", &id), ("role", "seller"), ("grant", "true")],
        )
        .await;
    assert_eq!(roles(&db, person_id).await, ["customer", "seller"]);
    assert_eq!(
        audited_on(&db, "role.granted", &format!("user:{id}")).await,
        1
    );

    // Removing needs the box ticked.
    admin
        .post_form(
            AdminUserRole::PATH,
            &page_of,
            &[("id", &id), ("role", "seller"), ("grant", "false")],
        )
        .await;
    assert_eq!(roles(&db, person_id).await, ["customer", "seller"]);
    admin
        .post_form(
            AdminUserRole::PATH,
            &page_of,
            &[
                ("id", &id),
                ("role", "seller"),
                ("grant", "false"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(roles(&db, person_id).await, ["customer"]);
    assert_eq!(
        audited_on(&db, "role.revoked", &format!("user:{id}")).await,
        1
    );

    // An admin cannot remove their own admin role, nor deactivate themselves.
    let own = admin_id.to_string();
    admin
        .post_form(
            AdminUserRole::PATH,
            &format!("/admin/users/{own}"),
            &[
                ("id", &own),
                ("role", "admin"),
                ("grant", "false"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(roles(&db, admin_id).await, ["admin", "customer"]);
    let (_, _, page) = admin.get(&format!("/admin/users/{own}")).await;
    assert!(page.contains("You cannot remove your own admin role"));
    admin
        .post_form(
            AdminUserStatus::PATH,
            &format!("/admin/users/{own}"),
            &[("id", &own), ("active", "false"), ("confirm", "yes")],
        )
        .await;
    let (status, _, _) = admin.get("/admin").await;
    assert_eq!(status, StatusCode::OK, "still signed in");

    // Deactivating ends the person's sessions and stops them signing in.
    let mut signed = signed_in(&app, &person).await;
    let (status, _, _) = signed.get("/account").await;
    assert_eq!(status, StatusCode::OK);
    admin
        .post_form(
            AdminUserStatus::PATH,
            &page_of,
            &[("id", &id), ("active", "false"), ("confirm", "yes")],
        )
        .await;
    let (status, headers, _) = signed.get("/account").await;
    assert_eq!(status, StatusCode::FOUND, "signed out");
    assert_eq!(location(&headers), "/login?next=%2Faccount");
    let (status, headers, _) = Browser::new(app.clone())
        .post_form(
            app::api::accounts::login::LogIn::PATH,
            "/login",
            &[
                ("email", &person),
                ("password", "a long test password"),
                ("next", "/account"),
            ],
        )
        .await;
    assert_ne!(
        (status, location(&headers).as_str()),
        (StatusCode::FOUND, "/account"),
        "a deactivated account cannot sign in"
    );
    assert_eq!(
        audited_on(&db, "user.deactivated", &format!("user:{id}")).await,
        1
    );
    admin
        .post_form(
            AdminUserStatus::PATH,
            &page_of,
            &[("id", &id), ("active", "true")],
        )
        .await;
    signed_in(&app, &person).await;
    assert_eq!(
        audited_on(&db, "user.reactivated", &format!("user:{id}")).await,
        1
    );

    // The platform keeps an active admin: with one admin only, nobody can
    // take their role away or deactivate them (the service's own rule,
    // whoever asks).
    let meta = server::request::RequestMeta::system();
    let last = server::admin::users::set_active(&db, &meta, person_id, admin_id, false).await;
    assert!(matches!(last, Err(server::Error::Conflict(_))), "{last:?}");
    let last =
        server::admin::users::set_role(&db, &meta, person_id, admin_id, Role::Admin, false).await;
    assert!(matches!(last, Err(server::Error::Conflict(_))), "{last:?}");
    assert_eq!(roles(&db, admin_id).await, ["admin", "customer"]);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_category_tree_is_edited_and_proposals_reviewed(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[])).await;
    let (_, store_id) = store(&db, "lumen").await;
    let (admin_email, _) = admin(&db).await;
    let mut admin = signed_in(&app, &admin_email).await;
    let page = "/admin/categories";
    let id_of = |slug: &'static str| {
        let db = db.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT id FROM categories WHERE slug = $1")
                .bind(slug)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };

    let home = id_of("home").await.to_string();
    admin
        .post_form(
            AdminCategory::PATH,
            page,
            &[
                ("change", "create"),
                ("name", "Lighting"),
                ("parent", &home),
            ],
        )
        .await;
    admin
        .post_form(
            AdminCategory::PATH,
            page,
            &[("change", "create"), ("name", "Garden")],
        )
        .await;
    let lighting = id_of("lighting").await.to_string();
    let garden = id_of("garden").await.to_string();
    assert_eq!(
        audited_on(&db, "category.created", &format!("category:{lighting}")).await,
        1
    );

    // A taken address is explained next to the name, with the name kept.
    admin
        .post_form(
            AdminCategory::PATH,
            page,
            &[("change", "create"), ("name", "Garden!")],
        )
        .await;
    let (_, _, html) = admin.get(page).await;
    assert!(html.contains("Another category already uses the address /c/garden"));
    assert!(html.contains("Garden!"), "the name typed is kept");

    // Moving Home under its own child is refused; moving Garden under Home
    // is not.
    admin
        .post_form(
            AdminCategory::PATH,
            page,
            &[("change", "move"), ("id", &home), ("parent", &lighting)],
        )
        .await;
    let parent: Option<i64> =
        sqlx::query_scalar("SELECT parent_id FROM categories WHERE slug = 'home'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(parent, None);
    admin
        .post_form(
            AdminCategory::PATH,
            page,
            &[("change", "move"), ("id", &garden), ("parent", &home)],
        )
        .await;
    let parent: Option<i64> =
        sqlx::query_scalar("SELECT parent_id FROM categories WHERE slug = 'garden'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(parent.map(|p| p.to_string()), Some(home.clone()));

    // Renaming keeps the address and renames it in search.
    admin
        .post_form(
            AdminCategory::PATH,
            page,
            &[
                ("change", "rename"),
                ("id", &home),
                ("name", "Home & living"),
            ],
        )
        .await;
    let (_, _, listing) = Browser::new(app.clone()).get("/products?q=living").await;
    assert!(
        listing.contains("Lamp from lumen"),
        "products are found by the new name"
    );

    // Only an empty category goes, and only when confirmed.
    admin
        .post_form(
            AdminCategory::PATH,
            page,
            &[("change", "delete"), ("id", &home), ("confirm", "yes")],
        )
        .await;
    admin
        .post_form(
            AdminCategory::PATH,
            page,
            &[("change", "delete"), ("id", &lighting)],
        )
        .await;
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM categories")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(left, 3);
    admin
        .post_form(
            AdminCategory::PATH,
            page,
            &[("change", "delete"), ("id", &lighting), ("confirm", "yes")],
        )
        .await;
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM categories")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(left, 2);

    // A seller's proposal waits, then is approved and shows in the filters.
    sqlx::query(
        "INSERT INTO categories (slug, name, status, proposed_by_store_id)
         VALUES ('lamps', 'Lamps', 'proposed', $1)",
    )
    .bind(store_id)
    .execute(&db)
    .await
    .unwrap();
    let lamps = id_of("lamps").await.to_string();
    let (_, _, html) = admin.get(page).await;
    assert!(html.contains("Approve “Lamps”"));
    let (status, _, _) = Browser::new(app.clone()).get("/c/lamps").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "not for shoppers yet");
    admin
        .post_form(
            AdminCategory::PATH,
            page,
            &[("change", "approve"), ("id", &lamps)],
        )
        .await;
    let (status, _, _) = Browser::new(app.clone()).get("/c/lamps").await;
    assert_eq!(status, StatusCode::OK, "shoppers see it once approved");
    assert_eq!(
        audited_on(&db, "category.approved", &format!("category:{lamps}")).await,
        1
    );
    admin
        .post_form(
            AdminCategory::PATH,
            page,
            &[("change", "reject"), ("id", &lamps)],
        )
        .await;
    let status: String = sqlx::query_scalar("SELECT status FROM categories WHERE slug = 'lamps'")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(
        status, "approved",
        "an approved category cannot be rejected"
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn failed_mail_is_listed_for_admins_only_and_sent_again_on_request(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (app, _) = app(db.clone(), config(&[])).await;
    let recipient = unique_email("unreachable");
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO email_outbox (to_address, subject, text_body, html_body, attempts, last_error, failed_at)
         VALUES ($1, 'Your order B-1 was delivered', 'text', '<p>html</p>', 20,
                 'permanent error (550): Mailbox unavailable', now())
         RETURNING id",
    )
    .bind(&recipient)
    .fetch_one(&db)
    .await
    .unwrap();
    let row = || async {
        sqlx::query_as::<_, (i32, bool, bool)>(
            "SELECT attempts, failed_at IS NOT NULL, next_attempt_at <= now() FROM email_outbox WHERE id = $1",
        )
        .bind(id)
        .fetch_one(&db)
        .await
        .unwrap()
    };
    let retry = [("id", id.to_string())];
    let retry: Vec<(&str, &str)> = retry.iter().map(|(k, v)| (*k, v.as_str())).collect();

    let customer = unique_email("customer");
    verified_user(&db, &customer, &[Role::Customer]).await;
    let mut someone = signed_in(&app, &customer).await;
    let (status, _, page) = someone.get("/admin/mail").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!page.contains(&recipient), "the page leaks nothing");
    someone
        .post_form(AdminMailRetry::PATH, "/admin/mail", &retry)
        .await;
    assert_eq!(
        row().await,
        (20, true, true),
        "a refused retry changes nothing"
    );
    assert_eq!(
        audited_on(&db, "mail.retried", &format!("mail:{id}")).await,
        0
    );

    let (admin_email, _) = admin(&db).await;
    let mut admin = signed_in(&app, &admin_email).await;
    let (status, _, page) = admin.get("/admin").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("1 message could not be sent."),
        "the dashboard counts it"
    );
    assert!(page.contains(r#"href="/admin/mail""#));
    let (status, _, page) = admin.get("/admin/mail").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.matches(r#"data-testid="failed-mail-row""#).count(), 1);
    for shown in [
        recipient.as_str(),
        "Your order B-1 was delivered",
        "permanent error (550): Mailbox unavailable",
        "<td>20</td>",
        "<caption",
    ] {
        assert!(page.contains(shown), "the list shows {shown}");
    }

    let (status, headers, _) = admin
        .post_form(AdminMailRetry::PATH, "/admin/mail", &retry)
        .await;
    assert_eq!(status, StatusCode::FOUND);
    assert!(
        location(&headers).starts_with(&format!("{ORIGIN}/admin/mail")),
        "back to the list"
    );
    assert_eq!(row().await.0, 0, "its attempts start over");
    assert!(!row().await.1, "no longer failed");
    assert!(row().await.2, "and due now");
    assert_eq!(
        audited_on(&db, "mail.retried", &format!("mail:{id}")).await,
        1
    );
    let (_, _, page) = admin.get("/admin/mail").await;
    assert!(
        page.contains("The message is queued again"),
        "the flash says so"
    );
    assert!(page.contains("No failed mail"));
    let (_, _, page) = admin.get("/admin").await;
    assert!(page.contains("No mail failed"));
}
