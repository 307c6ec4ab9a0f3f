//! API tokens against the real database: made once with their scopes, shown
//! once, and refused as soon as they are revoked, expire, or their owner can
//! no longer do what they were made for.

use server::{
    Error,
    accounts::{
        AuthUser, Role,
        api_tokens::{self, Caller, NewToken, Scope},
        sessions::Membership,
    },
};
use sqlx::PgPool;
use uuid::Uuid;

use crate::support::meta;

/// An account with `roles`, and a store it owns when it is a seller.
async fn account(db: &PgPool, email: &str, roles: &[Role]) -> AuthUser {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, name, email_verified_at)
         VALUES ($1, 'x', 'Token Owner', now()) RETURNING id",
    )
    .bind(email)
    .fetch_one(db)
    .await
    .unwrap();
    for role in roles {
        sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
            .bind(id)
            .bind(role.as_str())
            .execute(db)
            .await
            .unwrap();
    }
    let mut stores = Vec::new();
    if roles.contains(&Role::Seller) {
        let slug = format!("store-{id}");
        let store_id: i64 =
            sqlx::query_scalar("INSERT INTO stores (slug, name) VALUES ($1, $1) RETURNING id")
                .bind(&slug)
                .fetch_one(db)
                .await
                .unwrap();
        sqlx::query("INSERT INTO store_members (store_id, user_id, role) VALUES ($1, $2, 'owner')")
            .bind(store_id)
            .bind(id)
            .execute(db)
            .await
            .unwrap();
        stores.push(Membership {
            store_id,
            name: slug.clone(),
            slug,
            role: "owner".into(),
            staff_two_step_required: false,
        });
    }
    AuthUser {
        id,
        email: email.into(),
        name: "Token Owner".into(),
        verified: true,
        roles: roles.to_vec(),
        stores,
        two_step: false,
        session_id: Uuid::new_v4(),
    }
}

fn asking(name: &str, scopes: &[&str], days: Option<i64>) -> NewToken {
    NewToken {
        name: name.into(),
        scopes: scopes.iter().map(|s| s.to_string()).collect(),
        expires_in_days: days,
    }
}

fn fields(result: server::Result<api_tokens::Created>) -> Vec<String> {
    match result {
        Err(Error::Invalid(problems)) => {
            problems.into_iter().map(|p| p.field.into_owned()).collect()
        }
        other => panic!("expected problems, got {other:?}"),
    }
}

async fn count(db: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db).await.unwrap()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_token_is_shown_once_and_acts_for_its_owner_within_its_scopes(db: PgPool) {
    let state = fixtures::state(db.clone(), fixtures::config(&[])).await;
    let seller = account(&db, "seller@example.com", &[Role::Customer, Role::Seller]).await;
    let from = meta();
    let created = api_tokens::create(
        &state,
        &from,
        &seller,
        &asking(
            "Stock sync",
            &["catalog:write", "catalog:read", "catalog:write"],
            Some(90),
        ),
    )
    .await
    .unwrap();
    assert!(created.secret.starts_with(api_tokens::PREFIX));
    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM api_tokens t WHERE t::text LIKE '%' || $1 || '%'")
            .bind(&created.secret[api_tokens::PREFIX.len()..])
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(stored, 0, "only a hash of the secret is kept");

    let caller = api_tokens::authenticate(&db, &from, &created.secret)
        .await
        .unwrap();
    assert_eq!(
        caller,
        Caller {
            token_id: created.id,
            user_id: seller.id,
            store_id: Some(seller.stores[0].store_id),
            scopes: vec![Scope::CatalogRead, Scope::CatalogWrite],
        }
    );
    assert!(caller.may(Scope::CatalogWrite) && !caller.may(Scope::OrdersWrite));
    api_tokens::authenticate(&db, &from, &created.secret)
        .await
        .unwrap();
    let listed = api_tokens::list(&db, seller.id).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].name, "Stock sync");
    assert_eq!(listed[0].scopes, ["catalog:read", "catalog:write"]);
    assert_eq!(listed[0].last_used_ip, Some(from.ip.to_string()));
    assert!(listed[0].expires_at.is_some());
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM audit_log WHERE action = 'api_token.created'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM audit_log WHERE action = 'api_token.new_address'"
        )
        .await,
        1,
        "the first use from an address is audited, the next ones are not"
    );
    api_tokens::authenticate(&db, &meta(), &created.secret)
        .await
        .unwrap();
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM audit_log WHERE action = 'api_token.new_address'"
        )
        .await,
        2
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM email_outbox WHERE to_address = 'seller@example.com'
               AND subject = 'A new API token for your Bazaar account'"
        )
        .await,
        1
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_token_asks_only_for_what_its_owner_may_do(db: PgPool) {
    let state = fixtures::state(db.clone(), fixtures::config(&[])).await;
    let customer = account(&db, "customer@example.com", &[Role::Customer]).await;
    let admin = account(&db, "admin@example.com", &[Role::Customer, Role::Admin]).await;
    let create = |user: AuthUser, input: NewToken| {
        let state = state.clone();
        async move { api_tokens::create(&state, &meta(), &user, &input).await }
    };
    assert_eq!(
        fields(create(customer.clone(), asking("", &[], Some(7))).await),
        ["name", "scopes", "expires_in_days"]
    );
    assert_eq!(
        fields(create(customer.clone(), asking("x", &["admin"], None)).await),
        ["scopes"]
    );
    assert_eq!(
        fields(create(customer.clone(), asking("x", &["orders:write"], None)).await),
        ["scopes"],
        "a customer has no store to write"
    );
    assert_eq!(
        fields(create(customer.clone(), asking("x", &["everything"], None)).await),
        ["scopes"]
    );
    let mine = create(
        customer.clone(),
        asking("My orders", &["orders:read"], None),
    )
    .await
    .unwrap();
    let caller = api_tokens::authenticate(&db, &meta(), &mine.secret)
        .await
        .unwrap();
    assert_eq!(
        (caller.store_id, caller.scopes),
        (None, vec![Scope::OrdersRead])
    );
    let platform = create(admin, asking("Back office", &["admin"], Some(30)))
        .await
        .unwrap();
    assert!(
        api_tokens::authenticate(&db, &meta(), &platform.secret)
            .await
            .is_ok()
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_token_stops_at_once_when_revoked_expired_or_its_owner_changes(db: PgPool) {
    let state = fixtures::state(db.clone(), fixtures::config(&[])).await;
    let seller = account(&db, "seller@example.com", &[Role::Customer, Role::Seller]).await;
    let admin = account(&db, "admin@example.com", &[Role::Customer, Role::Admin]).await;
    let new = |user: &AuthUser, scopes: &[&str]| {
        let (state, user, input) = (state.clone(), user.clone(), asking("t", scopes, None));
        async move {
            api_tokens::create(&state, &meta(), &user, &input)
                .await
                .unwrap()
        }
    };
    let refused = |secret: String| {
        let db = db.clone();
        async move {
            matches!(
                api_tokens::authenticate(&db, &meta(), &secret).await,
                Err(Error::Unauthorized)
            )
        }
    };

    // Revoked: by its owner only; anybody else's is "not found".
    let revoked = new(&seller, &["catalog:read"]).await;
    assert!(matches!(
        api_tokens::revoke(&db, &meta(), admin.id, revoked.id).await,
        Err(Error::NotFound)
    ));
    api_tokens::revoke(&db, &meta(), seller.id, revoked.id)
        .await
        .unwrap();
    assert!(refused(revoked.secret).await);
    assert!(api_tokens::list(&db, seller.id).await.unwrap().is_empty());

    // Expired.
    let expired = new(&seller, &["catalog:read"]).await;
    sqlx::query("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1")
        .bind(expired.id)
        .execute(&db)
        .await
        .unwrap();
    assert!(refused(expired.secret).await);

    // The seller leaves the store: the store's token stops.
    let store_token = new(&seller, &["catalog:write"]).await;
    sqlx::query("DELETE FROM store_members WHERE user_id = $1")
        .bind(seller.id)
        .execute(&db)
        .await
        .unwrap();
    assert!(refused(store_token.secret).await);

    // The admin loses the role: the admin token stops.
    let admin_token = new(&admin, &["admin"]).await;
    sqlx::query("DELETE FROM user_roles WHERE user_id = $1 AND role = 'admin'")
        .bind(admin.id)
        .execute(&db)
        .await
        .unwrap();
    assert!(refused(admin_token.secret).await);

    // A password change or reset, deactivation or deletion moves the epoch.
    let customer = account(&db, "customer@example.com", &[Role::Customer]).await;
    let before_reset = new(&customer, &["orders:read"]).await;
    assert!(!refused(before_reset.secret.clone()).await);
    sqlx::query("UPDATE users SET auth_epoch = auth_epoch + 1 WHERE id = $1")
        .bind(customer.id)
        .execute(&db)
        .await
        .unwrap();
    assert!(refused(before_reset.secret).await);

    // Unknown, or not ours at all.
    let unknown = new(&customer, &["orders:read"]).await.secret;
    sqlx::query("DELETE FROM api_tokens")
        .execute(&db)
        .await
        .unwrap();
    assert!(refused(unknown).await);
    assert!(refused("bzr_notatoken".into()).await);
    assert!(refused(String::new()).await);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_token_cannot_skip_a_required_second_step(db: PgPool) {
    let config = fixtures::config(&[("REQUIRE_2FA_FOR_ADMINS", "true")]);
    let state = fixtures::state(db.clone(), config).await;
    let mut admin = account(&db, "admin@example.com", &[Role::Customer, Role::Admin]).await;
    let admin_token = asking("Reports", &["admin"], Some(30));
    let refused = api_tokens::create(&state, &meta(), &admin, &admin_token).await;
    assert_eq!(fields(refused), ["scopes"]);

    let mut staff = account(&db, "staff@example.com", &[Role::Customer, Role::Seller]).await;
    staff.stores[0].role = "staff".into();
    staff.stores[0].staff_two_step_required = true;
    let store_token = asking("Stock sync", &["catalog:write"], Some(30));
    let refused = api_tokens::create(&state, &meta(), &staff, &store_token).await;
    assert_eq!(fields(refused), ["scopes"]);

    // With a second step, both are made.
    admin.two_step = true;
    staff.two_step = true;
    api_tokens::create(&state, &meta(), &admin, &admin_token)
        .await
        .unwrap();
    api_tokens::create(&state, &meta(), &staff, &store_token)
        .await
        .unwrap();
}
