//! Accounts end to end, through the services as pages and server functions
//! call them: registration and verification with mail delivered to a real
//! SMTP server, sign-in and its throttle, sessions of other devices ended by
//! password changes, resets and deletion, refused admin access and stores.
//!
//! Each test has its own database; Redis is shared, so addresses and client
//! IPs are random. A "request" is a `Session` loaded by the id the previous
//! one saved, as the cookie would bring it.

use std::sync::Arc;

use axum::{Router, body::Body};
use http::{Request, header};

use fixtures::{roles, unique_email, user_id};
use fred::prelude::{KeysInterface, Pool};
use server::{
    AppState, Error,
    accounts::{
        AuthUser, Email, Permission, Role, Session, login, permissions, profile, recovery,
        registration::{self, Registration},
        sessions::{self, Membership},
        users,
    },
    admin,
    mail::outbox::{self, Mailer},
    request::RequestMeta,
    stores::{self, StoreDetails},
};
use sqlx::PgPool;
use texts::Lang;
use tower_sessions::{Expiry, cookie::time, session::Id};
use tower_sessions_redis_store::RedisStore;

use crate::support::{
    self,
    smtp::{self, TestSmtp},
};

const PASSWORD: &str = "copper kettle morning";
const NEW_PASSWORD: &str = "violet harbour lantern";

/// The application as one client sees it.
struct World {
    state: AppState,
    mailer: Mailer,
    meta: RequestMeta,
    store: Arc<RedisStore<Pool>>,
}

impl World {
    async fn new(db: PgPool, overrides: &[(&str, &str)]) -> Self {
        // Short, so test sessions do not linger in the shared Redis.
        let config = fixtures::config(&[&[("SESSION_IDLE_MINUTES", "10")], overrides].concat());
        let mailer = Mailer::from_config(&config).expect("the mailer builds");
        let state = fixtures::state(db, config).await;
        let store = Arc::new(RedisStore::new(state.redis.clone()));
        Self {
            state,
            mailer,
            meta: support::meta(),
            store,
        }
    }

    fn db(&self) -> &PgPool {
        &self.state.db
    }

    fn expiry() -> Option<Expiry> {
        // Short, so test sessions do not linger in the shared Redis.
        Some(Expiry::OnInactivity(time::Duration::minutes(10)))
    }

    /// The session of a request without a cookie.
    fn new_session(&self) -> Session {
        Session::new(None, self.store.clone(), Self::expiry())
    }

    /// The session of a request bringing the cookie `id`.
    fn resume(&self, id: Id) -> Session {
        Session::new(Some(id), self.store.clone(), Self::expiry())
    }

    /// Saves the session at the end of a request, as the session layer does,
    /// and returns the id its cookie now holds.
    async fn saved(&self, session: &Session) -> Id {
        session.save().await.expect("the session is saved");
        session.id().expect("a saved session has an id")
    }

    async fn current_user(&self, session: &Session) -> Option<AuthUser> {
        sessions::current_user(self.db(), &self.state.config, session)
            .await
            .expect("the session can be read")
    }

    /// Who a new request with the cookie `id` is signed in as.
    async fn user_of(&self, id: Id) -> Option<AuthUser> {
        self.current_user(&self.resume(id)).await
    }

    /// Signs in on a new device; returns its session cookie.
    async fn log_in(&self, email: &str, password: &str) -> Id {
        let session = self.new_session();
        login::log_in(&self.state, &session, &self.meta, email, password)
            .await
            .expect("signs in");
        self.saved(&session).await
    }

    /// One attempt on a new session, which must stay anonymous unless it succeeds.
    async fn try_log_in(&self, email: &str, password: &str) -> server::Result<login::SignIn> {
        let session = self.new_session();
        let result = login::log_in(&self.state, &session, &self.meta, email, password).await;
        if result.is_err() {
            assert!(self.current_user(&session).await.is_none());
        }
        result
    }

    async fn register(&self, email: &str, password: &str, name: &str) -> server::Result<Email> {
        let input = Registration {
            email: email.into(),
            password: password.into(),
            name: name.into(),
        };
        registration::register(&self.state, &self.meta, &input).await
    }

    /// One round of the outbox worker.
    async fn deliver(&self) -> usize {
        outbox::deliver_due(self.db(), &self.mailer)
            .await
            .expect("the outbox is readable")
    }

    /// Subjects and texts of the outbox messages to `to`, oldest first.
    async fn mail_to(&self, to: &str) -> Vec<(String, String)> {
        smtp::outbox_texts(self.db())
            .await
            .into_iter()
            .filter(|(address, _, _)| address == to)
            .map(|(_, subject, text)| (subject, text))
            .collect()
    }

    async fn subjects_to(&self, to: &str) -> Vec<String> {
        self.mail_to(to).await.into_iter().map(|(s, _)| s).collect()
    }
}

async fn verified_user(db: &PgPool, email: &str, name: &str, role: Role) -> i64 {
    users::upsert_verified(
        db,
        &Email::parse(email).unwrap(),
        name,
        PASSWORD,
        &[role],
        false,
    )
    .await
    .unwrap()
}

#[track_caller]
fn assert_invalid<T: std::fmt::Debug>(result: server::Result<T>, field: &str) {
    match result {
        Err(Error::Invalid(problems)) => assert!(
            problems.iter().any(|p| p.field == field),
            "{problems:?} do not concern {field:?}"
        ),
        other => panic!("expected a problem with {field:?}, got {other:?}"),
    }
}

/// A different, well-formed code.
fn other_code(code: &str) -> String {
    format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000)
}

async fn is_verified(db: &PgPool, id: i64) -> bool {
    sqlx::query_scalar("SELECT email_verified_at IS NOT NULL FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(db)
        .await
        .unwrap()
}

/// Actor and target of each audit entry of `action`, oldest first.
async fn audit(db: &PgPool, action: &str) -> Vec<(Option<i64>, Option<String>)> {
    sqlx::query_as("SELECT actor_user_id, target FROM audit_log WHERE action = $1 ORDER BY id")
        .bind(action)
        .fetch_all(db)
        .await
        .unwrap()
}

async fn password_is(db: &PgPool, id: i64, password: &str) -> bool {
    let hash = users::password_hash(db, id).await.unwrap();
    server::accounts::password::verify(password, &hash)
}

/// Makes new accounts take ids no other test uses: some throttles count by
/// user id in the shared Redis.
async fn ids_of_their_own(db: &PgPool) {
    let first_id = 1_000_000 + i64::from(rand::random::<u32>());
    sqlx::raw_sql(&format!(
        "ALTER TABLE users ALTER COLUMN id RESTART WITH {first_id}"
    ))
    .execute(db)
    .await
    .unwrap();
}

// ---------------------------------------------------------------------------
// Registration and verification

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_code_mailed_over_smtp_confirms_a_new_account(db: PgPool) {
    let smtp = TestSmtp::start();
    let world = World::new(db, &[("SMTP_URL", &smtp.url())]).await;
    let email = unique_email("ada");

    let answer = world
        .register(&format!("  {}  ", email.to_uppercase()), PASSWORD, "Ada")
        .await
        .expect("registers");
    assert_eq!(answer.as_str(), email);
    let id = user_id(world.db(), &email).await;
    assert!(!is_verified(world.db(), id).await);
    assert_eq!(roles(world.db(), id).await, ["customer"]);
    assert_eq!(
        audit(world.db(), "account.registered").await,
        [(Some(id), Some(format!("user:{id}")))]
    );

    assert_eq!(world.deliver().await, 1);
    let received = smtp.messages();
    assert_eq!(received.len(), 1, "{received:#?}");
    let mail = &received[0];
    assert_eq!(mail.to, std::slice::from_ref(&email));
    assert!(mail.header("To").unwrap().contains(&email), "{}", mail.data);
    assert!(
        mail.data.contains("Subject: Confirm your email address"),
        "{}",
        mail.data
    );
    let text = mail.text().expect("a plain-text part");
    let code = smtp::verification_code(&text).expect("a code in the mail");
    // What arrived is what the outbox holds, and the outbox knows it went.
    let outbox = smtp::outbox_texts(world.db()).await;
    assert_eq!(text.trim_end(), outbox[0].2.trim_end());
    assert_eq!(smtp::verification_code(&outbox[0].2), Some(code.clone()));
    assert_eq!(
        smtp::verification_token(&text),
        smtp::verification_token(&outbox[0].2)
    );
    let (sent, attempts): (bool, i32) =
        sqlx::query_as("SELECT sent_at IS NOT NULL, attempts FROM email_outbox")
            .fetch_one(world.db())
            .await
            .unwrap();
    assert_eq!((sent, attempts), (true, 1));

    let confirmed =
        registration::verify_code(&world.state, &world.meta, &email.to_uppercase(), &code)
            .await
            .expect("the mailed code confirms the address");
    assert_eq!(confirmed, id);
    assert!(is_verified(world.db(), id).await);
    assert_eq!(audit(world.db(), "account.email_verified").await.len(), 1);
    // The code works once.
    assert_invalid(
        registration::verify_code(&world.state, &world.meta, &email, &code).await,
        "code",
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_link_in_the_mail_confirms_a_new_account(db: PgPool) {
    let smtp = TestSmtp::start();
    let world = World::new(db, &[("SMTP_URL", &smtp.url())]).await;
    let email = unique_email("bo");
    world
        .register(&email, PASSWORD, "")
        .await
        .expect("registers");
    let id = user_id(world.db(), &email).await;

    assert_eq!(world.deliver().await, 1);
    let received = smtp.messages_to(&email);
    assert_eq!(received.len(), 1);
    let text = received[0].text().expect("a plain-text part");
    let token = smtp::verification_token(&text).expect("a verification link in the mail");
    let code = smtp::verification_code(&text).expect("a code in the mail");

    let confirmed = registration::verify_link(&world.state, &world.meta, &token)
        .await
        .expect("the mailed link confirms the address");
    assert_eq!(confirmed, id);
    assert!(is_verified(world.db(), id).await);
    // Link and code are one token: both are used up now.
    assert_invalid(
        registration::verify_link(&world.state, &world.meta, &token).await,
        "",
    );
    assert_invalid(
        registration::verify_code(&world.state, &world.meta, &email, &code).await,
        "code",
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn registering_a_taken_address_answers_the_same_and_warns_its_owner(db: PgPool) {
    let smtp = TestSmtp::start();
    let world = World::new(db, &[("SMTP_URL", &smtp.url())]).await;
    let email = unique_email("owner");
    let id = verified_user(world.db(), &email, "Owner", Role::Customer).await;

    // The answer a new address gets: Ok with the normalised address.
    let answer = world
        .register(&email.to_uppercase(), "another fine passphrase", "Mallory")
        .await
        .expect("the same answer as for a new address");
    assert_eq!(answer, Email::parse(&email).unwrap());

    // The account is untouched and no verification was issued.
    let (count, name, epoch): (i64, String, i32) =
        sqlx::query_as("SELECT count(*) OVER (), name, auth_epoch FROM users WHERE email = $1")
            .bind(&email)
            .fetch_one(world.db())
            .await
            .unwrap();
    assert_eq!((count, name.as_str(), epoch), (1, "Owner", 0));
    assert!(password_is(world.db(), id, PASSWORD).await);
    let tokens: i64 = sqlx::query_scalar("SELECT count(*) FROM auth_tokens")
        .fetch_one(world.db())
        .await
        .unwrap();
    assert_eq!(tokens, 0);
    assert_eq!(
        audit(world.db(), "account.registration_for_taken_email").await,
        [(None, Some(email.clone()))]
    );

    assert_eq!(world.deliver().await, 1);
    let received = smtp.messages_to(&email);
    assert_eq!(received.len(), 1);
    assert_eq!(
        received[0].header("Subject").as_deref(),
        Some("Someone tried to register with your email")
    );
    let text = received[0].text().unwrap();
    // The plain-text part arrived whole, as the outbox holds it.
    assert_eq!(text.trim_end(), world.mail_to(&email).await[0].1.trim_end());
    assert!(text.contains("/forgot-password"), "{text}");
    assert!(smtp::verification_token(&text).is_none());
    assert!(smtp::verification_code(&text).is_none());
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn new_passwords_must_follow_the_rules(db: PgPool) {
    let world = World::new(db, &[]).await;
    let email = unique_email("dee");
    for password in ["too short", email.to_uppercase().as_str(), "1234567890"] {
        let result = world.register(&email, password, "Dee").await;
        assert_invalid(result, "password");
    }
    let (users, mails): (i64, i64) =
        sqlx::query_as("SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM email_outbox)")
            .fetch_one(world.db())
            .await
            .unwrap();
    assert_eq!((users, mails), (0, 0));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn five_wrong_codes_end_the_code(db: PgPool) {
    let world = World::new(db, &[]).await;
    let verify = |email: String, code: String| {
        let world = &world;
        async move { registration::verify_code(&world.state, &world.meta, &email, &code).await }
    };

    // Four wrong codes (and a malformed one, which does not count) leave it working.
    let patient = unique_email("patient");
    world
        .register(&patient, PASSWORD, "")
        .await
        .expect("registers");
    let code = smtp::verification_code(&world.mail_to(&patient).await[0].1).unwrap();
    assert_invalid(verify(patient.clone(), "12a456".into()).await, "code");
    for _ in 0..4 {
        assert_invalid(verify(patient.clone(), other_code(&code)).await, "code");
    }
    let id = verify(patient.clone(), code)
        .await
        .expect("the fifth try is still allowed");
    assert!(is_verified(world.db(), id).await);

    // The fifth wrong code ends it: the right one is refused afterwards.
    let guesser = unique_email("guesser");
    world
        .register(&guesser, PASSWORD, "")
        .await
        .expect("registers");
    let id = user_id(world.db(), &guesser).await;
    let code = smtp::verification_code(&world.mail_to(&guesser).await[0].1).unwrap();
    for _ in 0..5 {
        assert_invalid(verify(guesser.clone(), other_code(&code)).await, "code");
    }
    assert_invalid(verify(guesser.clone(), code).await, "code");
    assert!(!is_verified(world.db(), id).await);
    let attempts: i32 = sqlx::query_scalar("SELECT attempts FROM auth_tokens WHERE user_id = $1")
        .bind(id)
        .fetch_one(world.db())
        .await
        .unwrap();
    assert_eq!(attempts, 5);
}

// ---------------------------------------------------------------------------
// Signing in

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_wrong_password_and_an_unknown_address_get_the_same_answer(db: PgPool) {
    let world = World::new(db, &[]).await;
    let email = unique_email("eve");
    verified_user(world.db(), &email, "", Role::Customer).await;

    let wrong_password = world
        .try_log_in(&email, "not my password")
        .await
        .unwrap_err();
    let unknown = world
        .try_log_in(&unique_email("nobody"), PASSWORD)
        .await
        .unwrap_err();
    assert!(
        matches!(&wrong_password, Error::Invalid(p) if p.len() == 1 && p[0].field.is_empty()),
        "{wrong_password:?}"
    );
    assert_eq!(format!("{wrong_password:?}"), format!("{unknown:?}"));
    assert_eq!(wrong_password.to_string(), unknown.to_string());
    assert_eq!(wrong_password.status(), unknown.status());
    assert_eq!(audit(world.db(), "login.failed").await.len(), 2);
    // The right password works: the answer was not about the account.
    world.log_in(&email, PASSWORD).await;
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn five_failures_in_a_row_refuse_even_the_right_password(db: PgPool) {
    let world = World::new(db, &[]).await;
    let email = unique_email("fay");
    verified_user(world.db(), &email, "", Role::Customer).await;

    // Four failures are forgiven by a success, which clears the count.
    for _ in 0..4 {
        assert_invalid(world.try_log_in(&email, "not my password").await, "");
    }
    world.log_in(&email, PASSWORD).await;

    for _ in 0..5 {
        assert_invalid(world.try_log_in(&email, "not my password").await, "");
    }
    match world.try_log_in(&email, PASSWORD).await {
        Err(Error::TooManyRequests { retry_after_secs }) => {
            assert!((1..=15).contains(&retry_after_secs), "{retry_after_secs}");
        }
        other => panic!("expected to wait, got {other:?}"),
    }

    // The wait is the account's: another one signs in from the same client.
    let other = unique_email("gus");
    verified_user(world.db(), &other, "", Role::Customer).await;
    world.log_in(&other, PASSWORD).await;
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_burst_of_parallel_attempts_cannot_slip_past_the_wait(db: PgPool) {
    let world = World::new(db, &[]).await;
    let email = unique_email("ivy");
    verified_user(world.db(), &email, "", Role::Customer).await;
    // Counted before the password is checked: of eight at once, four are
    // free, one opens the wait and goes ahead, the other three must wait.
    let attempts = (0..8).map(|_| world.try_log_in(&email, "not my password"));
    let answers = futures_util::future::join_all(attempts).await;
    let waited = answers
        .iter()
        .filter(|answer| matches!(answer, Err(Error::TooManyRequests { .. })))
        .count();
    assert_eq!(waited, 3, "{answers:?}");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn changing_the_password_signs_out_the_other_devices(db: PgPool) {
    let world = World::new(db, &[]).await;
    let email = unique_email("hal");
    let id = verified_user(world.db(), &email, "Hal", Role::Customer).await;
    let laptop = world.log_in(&email, PASSWORD).await;
    let phone = world.log_in(&email, PASSWORD).await;
    assert!(world.user_of(phone).await.is_some());

    let session = world.resume(laptop);
    let user = world.current_user(&session).await.expect("signed in");
    assert_eq!(user.id, id);
    assert_invalid(
        profile::change_password(
            &world.state,
            &session,
            &world.meta,
            &user,
            "not my password",
            NEW_PASSWORD,
        )
        .await,
        "current_password",
    );
    assert!(
        world.user_of(phone).await.is_some(),
        "a refused change ends nothing"
    );

    profile::change_password(
        &world.state,
        &session,
        &world.meta,
        &user,
        PASSWORD,
        NEW_PASSWORD,
    )
    .await
    .expect("changes the password");
    let laptop_now = world.saved(&session).await;
    assert_ne!(laptop_now, laptop, "the session id changes");

    // The laptop goes on, the phone is signed out, the old laptop cookie is dead.
    let still = world
        .user_of(laptop_now)
        .await
        .expect("the laptop stays signed in");
    assert_eq!(still.id, id);
    assert!(world.user_of(phone).await.is_none());
    assert!(world.user_of(laptop).await.is_none());
    let open = sessions::list(world.db(), &world.state.config, id)
        .await
        .unwrap();
    assert_eq!(
        open.iter().map(|s| s.id).collect::<Vec<_>>(),
        [still.session_id]
    );

    assert_invalid(world.try_log_in(&email, PASSWORD).await, "");
    world.log_in(&email, NEW_PASSWORD).await;
    assert_eq!(
        world.subjects_to(&email).await,
        ["Your Bazaar password was changed"]
    );
    assert_eq!(audit(world.db(), "password.changed").await.len(), 1);
}

// ---------------------------------------------------------------------------
// Password reset

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_reset_link_works_once_and_ends_every_session(db: PgPool) {
    let smtp = TestSmtp::start();
    let world = World::new(db, &[("SMTP_URL", &smtp.url())]).await;
    let email = unique_email("ida");
    let id = verified_user(world.db(), &email, "", Role::Customer).await;
    let phone = world.log_in(&email, PASSWORD).await;

    recovery::request_reset(&world.state, &world.meta, &email.to_uppercase())
        .await
        .unwrap()
        .finished()
        .await;
    assert_eq!(world.deliver().await, 1);
    let received = smtp.messages_to(&email);
    assert_eq!(received.len(), 1);
    assert_eq!(
        received[0].header("Subject").as_deref(),
        Some("Reset your Bazaar password")
    );
    let token = smtp::reset_token(&received[0].text().unwrap()).expect("a reset link");
    recovery::check_link(&world.state, &token)
        .await
        .expect("the link is good");

    // A refused password does not use the link up.
    assert_invalid(
        recovery::reset(&world.state, &world.meta, &token, "1234567890").await,
        "password",
    );
    recovery::check_link(&world.state, &token)
        .await
        .expect("still good");
    assert!(world.user_of(phone).await.is_some());

    recovery::reset(&world.state, &world.meta, &token, NEW_PASSWORD)
        .await
        .expect("resets");
    assert!(world.user_of(phone).await.is_none(), "every session ends");
    assert!(password_is(world.db(), id, NEW_PASSWORD).await);
    assert_invalid(
        recovery::reset(&world.state, &world.meta, &token, "yet another passphrase").await,
        "",
    );
    assert_invalid(recovery::check_link(&world.state, &token).await, "");
    assert!(password_is(world.db(), id, NEW_PASSWORD).await);

    assert_eq!(
        world.subjects_to(&email).await,
        [
            "Reset your Bazaar password",
            "Your Bazaar password was changed"
        ]
    );
    assert_eq!(world.deliver().await, 1);
    assert_eq!(smtp.messages_to(&email).len(), 2);
    assert_eq!(audit(world.db(), "password.reset").await.len(), 1);
    assert_invalid(world.try_log_in(&email, PASSWORD).await, "");
    world.log_in(&email, NEW_PASSWORD).await;
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn an_expired_reset_link_is_refused(db: PgPool) {
    let world = World::new(db, &[]).await;
    let email = unique_email("jo");
    let id = verified_user(world.db(), &email, "", Role::Customer).await;
    recovery::request_reset(&world.state, &world.meta, &email)
        .await
        .unwrap()
        .finished()
        .await;
    let token = smtp::reset_token(&world.mail_to(&email).await[0].1).expect("a reset link");
    recovery::check_link(&world.state, &token)
        .await
        .expect("fresh");

    sqlx::query(
        "UPDATE auth_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1",
    )
    .bind(id)
    .execute(world.db())
    .await
    .unwrap();
    assert_invalid(recovery::check_link(&world.state, &token).await, "");
    assert_invalid(
        recovery::reset(&world.state, &world.meta, &token, NEW_PASSWORD).await,
        "",
    );
    assert!(password_is(world.db(), id, PASSWORD).await);
    assert_eq!(
        world.subjects_to(&email).await,
        ["Reset your Bazaar password"]
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_newer_reset_mail_supersedes_the_older_one(db: PgPool) {
    let world = World::new(db, &[]).await;
    let reset_mails = |email: String| {
        let world = &world;
        async move {
            world
                .mail_to(&email)
                .await
                .iter()
                .filter_map(|(_, text)| smtp::reset_token(text))
                .collect::<Vec<_>>()
        }
    };

    // An unknown address gets the same answer and no mail.
    let nobody = unique_email("nobody");
    recovery::request_reset(&world.state, &world.meta, &nobody)
        .await
        .unwrap()
        .finished()
        .await;
    assert!(smtp::outbox_texts(world.db()).await.is_empty());

    let email = unique_email("kim");
    let id = verified_user(world.db(), &email, "", Role::Customer).await;
    recovery::request_reset(&world.state, &world.meta, &email)
        .await
        .unwrap()
        .finished()
        .await;
    // Asking again within the minute sends nothing more.
    recovery::request_reset(&world.state, &world.meta, &email)
        .await
        .unwrap()
        .finished()
        .await;
    let first = reset_mails(email.clone()).await;
    assert_eq!(first.len(), 1);

    // A minute later (the cooldown gone), a new mail.
    let _: i64 = world
        .state
        .redis
        .next()
        .del(format!("bazaar:reset-request:{email}"))
        .await
        .unwrap();
    recovery::request_reset(&world.state, &world.meta, &email)
        .await
        .unwrap()
        .finished()
        .await;
    let both = reset_mails(email.clone()).await;
    assert_eq!(both.len(), 2);
    let (older, newer) = (&both[0], &both[1]);
    assert_ne!(older, newer);

    assert_invalid(recovery::check_link(&world.state, older).await, "");
    assert_invalid(
        recovery::reset(&world.state, &world.meta, older, NEW_PASSWORD).await,
        "",
    );
    assert!(password_is(world.db(), id, PASSWORD).await);
    recovery::reset(&world.state, &world.meta, newer, NEW_PASSWORD)
        .await
        .expect("the newer link works");
    assert!(password_is(world.db(), id, NEW_PASSWORD).await);
}

// ---------------------------------------------------------------------------
// The outbox

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn mail_waits_in_the_outbox_while_smtp_is_down(db: PgPool) {
    let port = smtp::free_port();
    let world = World::new(db, &[("SMTP_URL", &smtp::smtp_url(port))]).await;
    let email = unique_email("lou");
    verified_user(world.db(), &email, "", Role::Customer).await;
    recovery::request_reset(&world.state, &world.meta, &email)
        .await
        .unwrap()
        .finished()
        .await;

    let row = |db: PgPool| async move {
        sqlx::query_as::<_, (bool, i32, bool, bool)>(
            "SELECT sent_at IS NOT NULL, attempts, last_error IS NOT NULL, next_attempt_at > now()
             FROM email_outbox",
        )
        .fetch_one(&db)
        .await
        .unwrap()
    };
    assert_eq!(world.deliver().await, 0);
    // Not sent, counted, the error kept, retried later.
    assert_eq!(row(world.db().clone()).await, (false, 1, true, true));
    // Before it is due again, a round leaves it alone.
    assert_eq!(world.deliver().await, 0);
    assert_eq!(row(world.db().clone()).await, (false, 1, true, true));

    let smtp = TestSmtp::start_on(port);
    sqlx::query("UPDATE email_outbox SET next_attempt_at = now()")
        .execute(world.db())
        .await
        .unwrap();
    assert_eq!(world.deliver().await, 1);
    assert_eq!(row(world.db().clone()).await, (true, 2, false, false));

    let received = smtp.messages();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].to, std::slice::from_ref(&email));
    let token = smtp::reset_token(&received[0].text().unwrap()).expect("a reset link");
    assert_eq!(
        Some(&token),
        smtp::reset_token(&world.mail_to(&email).await[0].1).as_ref()
    );
    recovery::reset(&world.state, &world.meta, &token, NEW_PASSWORD)
        .await
        .expect("the late mail's link works");
}

/// The outbox row of the one message to `to`: attempts, whether it was
/// given up on, and its last error.
async fn outbox_row(db: &PgPool, to: &str) -> (i32, bool, Option<String>) {
    sqlx::query_as(
        "SELECT attempts, failed_at IS NOT NULL, last_error FROM email_outbox WHERE to_address = $1",
    )
    .bind(to)
    .fetch_one(db)
    .await
    .unwrap()
}

/// Makes every waiting message due, as if its backoff had passed.
async fn backoff_passes(db: &PgPool) {
    sqlx::query("UPDATE email_outbox SET next_attempt_at = now()")
        .execute(db)
        .await
        .unwrap();
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn mail_the_server_always_refuses_is_given_up_after_the_last_attempt(db: PgPool) {
    let smtp = TestSmtp::refusing();
    let world = World::new(db, &[("SMTP_URL", &smtp.url())]).await;
    let email = unique_email("ghost");
    verified_user(world.db(), &email, "", Role::Customer).await;
    recovery::request_reset(&world.state, &world.meta, &email)
        .await
        .unwrap()
        .finished()
        .await;

    for attempt in 1..outbox::MAX_ATTEMPTS {
        assert_eq!(world.deliver().await, 0);
        let (attempts, failed, _) = outbox_row(world.db(), &email).await;
        assert_eq!((attempts, failed), (attempt, false), "retried later");
        backoff_passes(world.db()).await;
    }
    assert_eq!(world.deliver().await, 0);
    let (attempts, failed, error) = outbox_row(world.db(), &email).await;
    assert_eq!((attempts, failed), (outbox::MAX_ATTEMPTS, true));
    assert!(
        error.as_deref().unwrap_or_default().contains("550"),
        "{error:?}"
    );
    assert_eq!(smtp.refused().len(), outbox::MAX_ATTEMPTS as usize);

    // Given up: however long one waits, it is not tried again.
    backoff_passes(world.db()).await;
    assert_eq!(world.deliver().await, 0);
    assert_eq!(smtp.refused().len(), outbox::MAX_ATTEMPTS as usize);
    assert_eq!(outbox_row(world.db(), &email).await.0, outbox::MAX_ATTEMPTS);

    // Platform admins see it.
    assert_eq!(admin::mail::failed_count(world.db()).await.unwrap(), 1);
    let listed = admin::mail::failed(world.db(), 1).await.unwrap();
    assert_eq!(listed.total, 1);
    let message = &listed.items[0];
    assert_eq!(message.to_address, email);
    assert_eq!(message.subject, "Reset your Bazaar password");
    assert_eq!(message.attempts, outbox::MAX_ATTEMPTS);
    assert_eq!(message.last_error, error);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn mail_older_than_three_days_is_given_up_at_its_next_failure(db: PgPool) {
    let smtp = TestSmtp::refusing();
    let world = World::new(db, &[("SMTP_URL", &smtp.url())]).await;
    let email = unique_email("late");
    verified_user(world.db(), &email, "", Role::Customer).await;
    recovery::request_reset(&world.state, &world.meta, &email)
        .await
        .unwrap()
        .finished()
        .await;
    // Written three days and a minute ago, never tried (the worker was stopped).
    sqlx::query("UPDATE email_outbox SET created_at = now() - interval '3 days 1 minute'")
        .execute(world.db())
        .await
        .unwrap();

    assert_eq!(world.deliver().await, 0);
    assert_eq!(outbox_row(world.db(), &email).await.0, 1, "tried once more");
    assert!(outbox_row(world.db(), &email).await.1, "and given up");
    assert_eq!(smtp.refused().len(), 1);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn an_admins_retry_makes_failed_mail_due_again_with_its_attempts_reset(db: PgPool) {
    let refusing = TestSmtp::refusing();
    let world = World::new(db, &[("SMTP_URL", &refusing.url())]).await;
    let email = unique_email("rue");
    verified_user(world.db(), &email, "", Role::Customer).await;
    let admin_id = verified_user(world.db(), &unique_email("admin"), "", Role::Admin).await;
    recovery::request_reset(&world.state, &world.meta, &email)
        .await
        .unwrap()
        .finished()
        .await;
    // One attempt from the limit, then the last one fails.
    sqlx::query("UPDATE email_outbox SET attempts = $1")
        .bind(outbox::MAX_ATTEMPTS - 1)
        .execute(world.db())
        .await
        .unwrap();
    world.deliver().await;
    assert!(outbox_row(world.db(), &email).await.1);
    let id: i64 = sqlx::query_scalar("SELECT id FROM email_outbox")
        .fetch_one(world.db())
        .await
        .unwrap();

    admin::mail::retry(world.db(), &world.meta, admin_id, id)
        .await
        .expect("queues it again");
    let (attempts, failed, _) = outbox_row(world.db(), &email).await;
    assert_eq!((attempts, failed), (0, false));
    let due: bool = sqlx::query_scalar("SELECT next_attempt_at <= now() FROM email_outbox")
        .fetch_one(world.db())
        .await
        .unwrap();
    assert!(due);
    assert_eq!(admin::mail::failed_count(world.db()).await.unwrap(), 0);
    assert_eq!(
        audit(world.db(), "mail.retried").await,
        [(Some(admin_id), Some(format!("mail:{id}")))]
    );
    assert!(matches!(
        admin::mail::retry(world.db(), &world.meta, admin_id, id).await,
        Err(Error::Conflict(_))
    ));
    assert!(matches!(
        admin::mail::retry(world.db(), &world.meta, admin_id, id + 1).await,
        Err(Error::NotFound)
    ));

    // Once the mail server takes it, the next round sends it.
    let smtp = TestSmtp::start();
    let mailer = Mailer::from_config(&fixtures::config(&[("SMTP_URL", &smtp.url())])).unwrap();
    let sent = outbox::deliver_due(world.db(), &mailer).await.unwrap();
    let (attempts, _, last_error) = outbox_row(world.db(), &email).await;
    assert_eq!(sent, 1, "the last attempt's error: {last_error:?}");
    assert_eq!(smtp.messages_to(&email).len(), 1);
    assert_eq!(attempts, 1);
}

// ---------------------------------------------------------------------------
// Permissions and stores

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn refused_admin_access_is_audited_and_repeats_alert_the_admins(db: PgPool) {
    let smtp = TestSmtp::start();
    let world = World::new(
        db,
        &[("SMTP_URL", &smtp.url()), ("ADMIN_ALERT_THRESHOLD", "2")],
    )
    .await;
    // Refusals are counted in the shared Redis by user id.
    ids_of_their_own(world.db()).await;
    let admin_email = unique_email("admin");
    verified_user(world.db(), &admin_email, "", Role::Admin).await;
    let customer_email = unique_email("mo");
    verified_user(world.db(), &customer_email, "Mo", Role::Customer).await;

    let admin = world
        .user_of(world.log_in(&admin_email, PASSWORD).await)
        .await
        .unwrap();
    let allowed = permissions::require(
        &world.state,
        &world.meta,
        Some(&admin),
        Permission::AdministerPlatform,
    )
    .await
    .expect("an admin may administer");
    assert_eq!(allowed.id, admin.id);

    let customer = world
        .user_of(world.log_in(&customer_email, PASSWORD).await)
        .await
        .unwrap();
    let refuse = || {
        permissions::require(
            &world.state,
            &world.meta,
            Some(&customer),
            Permission::AdministerPlatform,
        )
    };
    let alerts = || async {
        world
            .mail_to(&admin_email)
            .await
            .into_iter()
            .filter(|(subject, _)| subject == "Repeated refused admin access")
            .map(|(_, text)| text)
            .collect::<Vec<_>>()
    };
    let ip = world.meta.ip.to_string();

    assert!(matches!(refuse().await, Err(Error::Forbidden)));
    assert_eq!(
        audit(world.db(), "admin.access_refused").await,
        [(Some(customer.id), Some(ip.clone()))]
    );
    assert!(alerts().await.is_empty());

    assert!(matches!(refuse().await, Err(Error::Forbidden)));
    assert_eq!(audit(world.db(), "admin.access_refused").await.len(), 2);
    let sent = alerts().await;
    assert_eq!(sent.len(), 1, "one alert at the threshold");
    assert!(
        sent[0].contains(&customer_email) && sent[0].contains("2 times"),
        "{}",
        sent[0]
    );

    assert!(matches!(refuse().await, Err(Error::Forbidden)));
    assert_eq!(audit(world.db(), "admin.access_refused").await.len(), 3);
    assert_eq!(alerts().await.len(), 1, "no second alert within the hour");

    assert_eq!(world.deliver().await, 1);
    let received = smtp.messages_to(&admin_email);
    assert_eq!(received.len(), 1);
    assert_eq!(
        received[0].header("Subject").as_deref(),
        Some("Repeated refused admin access")
    );

    // Anonymous visitors are asked to sign in, and audited too.
    let visitor = support::meta();
    assert!(matches!(
        permissions::require(&world.state, &visitor, None, Permission::AdministerPlatform).await,
        Err(Error::Unauthorized)
    ));
    assert_eq!(
        audit(world.db(), "admin.access_refused").await.last(),
        Some(&(None, Some(visitor.ip.to_string())))
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn only_a_confirmed_address_may_open_a_store(db: PgPool) {
    let world = World::new(db, &[]).await;
    let email = unique_email("nia");
    let id = verified_user(world.db(), &email, "Nia", Role::Customer).await;
    sqlx::query("UPDATE users SET email_verified_at = NULL WHERE id = $1")
        .bind(id)
        .execute(world.db())
        .await
        .unwrap();
    let cookie = world.log_in(&email, PASSWORD).await;
    let shop = StoreDetails {
        name: " Corner Shop ".into(),
        slug: "Corner-Shop".into(),
        description: "Odds and ends.".into(),
    };

    let user = world.user_of(cookie).await.unwrap();
    assert!(!user.verified);
    assert!(matches!(
        permissions::require(
            &world.state,
            &world.meta,
            Some(&user),
            Permission::OpenStore
        )
        .await,
        Err(Error::Forbidden)
    ));
    assert!(matches!(
        stores::open(&world.state, &world.meta, &user, &shop).await,
        Err(Error::Conflict(_))
    ));
    let stores_count: i64 = sqlx::query_scalar("SELECT count(*) FROM stores")
        .fetch_one(world.db())
        .await
        .unwrap();
    assert_eq!(stores_count, 0);
    assert_eq!(roles(world.db(), id).await, ["customer"]);

    // Once the address is confirmed, the next request may open one.
    sqlx::query("UPDATE users SET email_verified_at = now() WHERE id = $1")
        .bind(id)
        .execute(world.db())
        .await
        .unwrap();
    let user = world.user_of(cookie).await.unwrap();
    assert!(user.verified);
    permissions::require(
        &world.state,
        &world.meta,
        Some(&user),
        Permission::OpenStore,
    )
    .await
    .expect("allowed");
    let store_id = stores::open(&world.state, &world.meta, &user, &shop)
        .await
        .expect("opens the store");

    let store: (String, String, String, String) =
        sqlx::query_as("SELECT slug, name, description, status FROM stores WHERE id = $1")
            .bind(store_id)
            .fetch_one(world.db())
            .await
            .unwrap();
    assert_eq!(
        store,
        (
            "corner-shop".into(),
            "Corner Shop".into(),
            "Odds and ends.".into(),
            "active".into()
        )
    );
    let members: Vec<(i64, String)> =
        sqlx::query_as("SELECT user_id, role FROM store_members WHERE store_id = $1")
            .bind(store_id)
            .fetch_all(world.db())
            .await
            .unwrap();
    assert_eq!(members, [(id, "owner".to_owned())]);
    assert_eq!(roles(world.db(), id).await, ["customer", "seller"]);
    let created: (Option<i64>, Option<String>, Option<i64>, serde_json::Value) = sqlx::query_as(
        "SELECT actor_user_id, target, store_id, metadata FROM audit_log WHERE action = 'store.created'",
    )
    .fetch_one(world.db())
    .await
    .unwrap();
    assert_eq!(
        created,
        (
            Some(id),
            Some(format!("store:{store_id}")),
            Some(store_id),
            serde_json::json!({ "slug": "corner-shop", "name": "Corner Shop" })
        )
    );
    assert_eq!(
        audit(world.db(), "role.granted").await,
        [(Some(id), Some(format!("user:{id}")))]
    );

    // The next request knows the seller and the store.
    let user = world.user_of(cookie).await.unwrap();
    assert!(user.has_role(Role::Seller));
    assert_eq!(
        user.stores,
        [Membership {
            store_id,
            slug: "corner-shop".into(),
            name: "Corner Shop".into(),
            role: "owner".into(),
            staff_two_step_required: false,
        }]
    );
    assert!(permissions::allows(&user, Permission::ManageStore));
    let second = StoreDetails {
        name: "Second".into(),
        slug: "second".into(),
        description: String::new(),
    };
    assert!(matches!(
        stores::open(&world.state, &world.meta, &user, &second).await,
        Err(Error::Conflict(_))
    ));
    // An owner cannot delete the account.
    assert!(matches!(
        profile::delete(
            &world.state,
            &world.resume(cookie),
            &world.meta,
            &user,
            PASSWORD
        )
        .await,
        Err(Error::Conflict(_))
    ));
}

// ---------------------------------------------------------------------------
// One's own account and sessions

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn renaming_changes_the_name_the_next_request_sees_and_is_audited(db: PgPool) {
    let world = World::new(db, &[]).await;
    let email = unique_email("kai");
    let id = verified_user(world.db(), &email, "Kai", Role::Customer).await;
    let cookie = world.log_in(&email, PASSWORD).await;
    let user = world.user_of(cookie).await.unwrap();

    assert_invalid(
        profile::rename(&world.state, &world.meta, &user, "Kai\u{7}").await,
        "name",
    );
    assert_invalid(
        profile::rename(&world.state, &world.meta, &user, &"k".repeat(101)).await,
        "name",
    );
    assert_eq!(world.user_of(cookie).await.unwrap().name, "Kai");
    assert!(audit(world.db(), "account.renamed").await.is_empty());

    profile::rename(&world.state, &world.meta, &user, "  Kai Nakamura ")
        .await
        .expect("renames");
    assert_eq!(world.user_of(cookie).await.unwrap().name, "Kai Nakamura");
    assert_eq!(
        audit(world.db(), "account.renamed").await,
        [(Some(id), Some(format!("user:{id}")))]
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_new_address_counts_once_confirmed_and_both_addresses_are_told(db: PgPool) {
    let world = World::new(db, &[]).await;
    // The request is throttled by user id in the shared Redis.
    ids_of_their_own(world.db()).await;
    let (old, new) = (unique_email("lea"), unique_email("lea-new"));
    let id = verified_user(world.db(), &old, "Lea", Role::Customer).await;
    let cookie = world.log_in(&old, PASSWORD).await;
    let user = world.user_of(cookie).await.unwrap();
    let request = |address: String, password: &'static str| {
        let (world, user) = (&world, &user);
        async move {
            profile::request_email_change(&world.state, &world.meta, user, &address, password).await
        }
    };

    assert_invalid(
        request(new.clone(), "not my password").await,
        "current_password",
    );
    assert_invalid(request(old.clone(), PASSWORD).await, "new_email");
    assert_invalid(
        request("not an address".into(), PASSWORD).await,
        "new_email",
    );
    assert!(world.mail_to(&new).await.is_empty());

    let requested = request(new.clone(), PASSWORD)
        .await
        .expect("mails the new address");
    assert_eq!(requested.as_str(), new);
    // Nothing changes until the new address is confirmed.
    assert_eq!(world.user_of(cookie).await.unwrap().email, old);
    assert_eq!(
        world.subjects_to(&old).await,
        ["Your Bazaar email address is changing"]
    );
    let mail = world.mail_to(&new).await;
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].0, "Confirm your email address");
    assert!(matches!(
        request(unique_email("lea-other"), PASSWORD).await,
        Err(Error::TooManyRequests { .. })
    ));

    let token = smtp::verification_token(&mail[0].1).expect("a confirmation link");
    registration::verify_link(&world.state, &world.meta, &token)
        .await
        .expect("the link confirms the new address");
    let now = world.user_of(cookie).await.expect("the session goes on");
    assert_eq!((now.email.as_str(), now.verified), (new.as_str(), true));
    assert_eq!(
        world.subjects_to(&old).await,
        [
            "Your Bazaar email address is changing",
            "Your Bazaar email address was changed"
        ]
    );
    assert_invalid(world.try_log_in(&old, PASSWORD).await, "");
    world.log_in(&new, PASSWORD).await;
    assert_eq!(
        audit(world.db(), "account.email_change_requested").await,
        [(Some(id), Some(format!("user:{id}")))]
    );
    assert_eq!(
        audit(world.db(), "account.email_changed").await,
        [(Some(id), Some(format!("user:{id}")))]
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn deactivating_ones_own_account_needs_the_password_and_ends_every_session(db: PgPool) {
    let world = World::new(db, &[]).await;
    let email = unique_email("max");
    let id = verified_user(world.db(), &email, "Max", Role::Customer).await;
    let laptop = world.log_in(&email, PASSWORD).await;
    let phone = world.log_in(&email, PASSWORD).await;
    let session = world.resume(laptop);
    let user = world.current_user(&session).await.unwrap();

    assert_invalid(
        profile::deactivate(
            &world.state,
            &session,
            &world.meta,
            &user,
            "not my password",
        )
        .await,
        "current_password",
    );
    assert!(
        world.user_of(phone).await.is_some(),
        "a refused deactivation changes nothing"
    );

    profile::deactivate(&world.state, &session, &world.meta, &user, PASSWORD)
        .await
        .expect("deactivates");
    assert!(session.id().is_none(), "the session is flushed");
    assert!(world.user_of(laptop).await.is_none());
    assert!(world.user_of(phone).await.is_none());
    let status: String = sqlx::query_scalar("SELECT status FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(world.db())
        .await
        .unwrap();
    assert_eq!(status, "deactivated");
    let open = sessions::list(world.db(), &world.state.config, id)
        .await
        .unwrap();
    assert!(open.is_empty(), "{open:?}");
    assert_invalid(world.try_log_in(&email, PASSWORD).await, "");
    assert_eq!(
        world.subjects_to(&email).await,
        ["Your Bazaar account was deactivated"]
    );
    assert_eq!(
        audit(world.db(), "account.deactivated").await,
        [(Some(id), Some(format!("user:{id}")))]
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn ending_one_session_from_the_list_signs_out_only_that_device(db: PgPool) {
    let world = World::new(db, &[]).await;
    let email = unique_email("noa");
    let id = verified_user(world.db(), &email, "", Role::Customer).await;
    let laptop = world.log_in(&email, PASSWORD).await;
    let phone = world.log_in(&email, PASSWORD).await;
    let someone_else = unique_email("oda");
    verified_user(world.db(), &someone_else, "", Role::Customer).await;
    let theirs = world.log_in(&someone_else, PASSWORD).await;

    let user = world.user_of(laptop).await.unwrap();
    let phone_session = world.user_of(phone).await.unwrap().session_id;
    let listed = |world: &World| {
        let db = world.db().clone();
        let config = world.state.config.clone();
        async move {
            let mut ids: Vec<_> = sessions::list(&db, &config, id)
                .await
                .unwrap()
                .into_iter()
                .map(|s| s.id)
                .collect();
            ids.sort();
            ids
        }
    };
    let mut both = vec![user.session_id, phone_session];
    both.sort();
    assert_eq!(listed(&world).await, both);

    // Another person's session is not one's own to end.
    let their_session = world.user_of(theirs).await.unwrap().session_id;
    sessions::end_one(world.db(), id, their_session)
        .await
        .unwrap();
    assert!(world.user_of(theirs).await.is_some());

    sessions::end_one(world.db(), id, phone_session)
        .await
        .unwrap();
    assert!(
        world.user_of(phone).await.is_none(),
        "the phone is signed out"
    );
    assert_eq!(
        world.user_of(laptop).await.map(|u| u.session_id),
        Some(user.session_id),
        "the laptop goes on"
    );
    assert_eq!(listed(&world).await, [user.session_id]);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_session_ends_at_its_lifetime_however_busy_it_is(db: PgPool) {
    let world = World::new(db, &[("SESSION_LIFETIME_MINUTES", "60")]).await;
    let email = unique_email("pia");
    let id = verified_user(world.db(), &email, "", Role::Customer).await;
    let cookie = world.log_in(&email, PASSWORD).await;
    // Moves the sign-in back in time; the session was used a moment ago.
    let started_ago = |minutes: i32| {
        sqlx::query(
            "UPDATE user_sessions SET created_at = now() - make_interval(mins => $2), last_seen_at = now()
             WHERE user_id = $1",
        )
        .bind(id)
        .bind(minutes)
        .execute(world.db())
    };

    started_ago(59).await.unwrap();
    assert!(
        world.user_of(cookie).await.is_some(),
        "59 minutes is within the hour"
    );

    started_ago(61).await.unwrap();
    assert!(world.user_of(cookie).await.is_none());
    let ended: bool =
        sqlx::query_scalar("SELECT ended_at IS NOT NULL FROM user_sessions WHERE user_id = $1")
            .bind(id)
            .fetch_one(world.db())
            .await
            .unwrap();
    assert!(ended, "the session's row is closed");
    let in_redis: i64 = world
        .state
        .redis
        .next()
        .exists(cookie.to_string())
        .await
        .unwrap();
    assert_eq!(in_redis, 0, "the Redis session is cleared");
    assert!(
        sessions::list(world.db(), &world.state.config, id)
            .await
            .unwrap()
            .is_empty()
    );
}

// ---------------------------------------------------------------------------
// Deleting an account

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn deleting_an_account_anonymises_it_and_ends_every_session(db: PgPool) {
    let world = World::new(db, &[]).await;
    let email = unique_email("ola");
    let id = verified_user(world.db(), &email, "Ola Nordmann", Role::Customer).await;
    let laptop = world.log_in(&email, PASSWORD).await;
    let phone = world.log_in(&email, PASSWORD).await;
    recovery::request_reset(&world.state, &world.meta, &email)
        .await
        .unwrap()
        .finished()
        .await;
    let pending_reset = smtp::reset_token(&world.mail_to(&email).await[0].1).unwrap();

    let session = world.resume(laptop);
    let user = world.current_user(&session).await.unwrap();
    assert_invalid(
        profile::delete(
            &world.state,
            &session,
            &world.meta,
            &user,
            "not my password",
        )
        .await,
        "current_password",
    );
    assert!(
        world.user_of(phone).await.is_some(),
        "a refused deletion changes nothing"
    );

    profile::delete(&world.state, &session, &world.meta, &user, PASSWORD)
        .await
        .expect("deletes");
    assert!(session.id().is_none(), "the session is flushed");

    let row: (String, String, String, bool, String) = sqlx::query_as(
        "SELECT email::text, name, password_hash, email_verified_at IS NOT NULL, status FROM users WHERE id = $1",
    )
    .bind(id)
    .fetch_one(world.db())
    .await
    .unwrap();
    assert_eq!(
        row,
        (
            format!("deleted-{id}@deleted.invalid"),
            String::new(),
            "!".to_owned(),
            false,
            "deleted".to_owned()
        )
    );
    assert!(roles(world.db(), id).await.is_empty());
    let (tokens, sessions_total, sessions_left): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM auth_tokens WHERE user_id = $1),
                (SELECT count(*) FROM user_sessions WHERE user_id = $1),
                (SELECT count(*) FROM user_sessions WHERE user_id = $1
                   AND (ended_at IS NULL OR ip IS NOT NULL OR user_agent IS NOT NULL))",
    )
    .bind(id)
    .fetch_one(world.db())
    .await
    .unwrap();
    assert_eq!((tokens, sessions_total, sessions_left), (0, 2, 0));

    assert!(world.user_of(laptop).await.is_none());
    assert!(world.user_of(phone).await.is_none());
    assert_invalid(world.try_log_in(&email, PASSWORD).await, "");
    assert_invalid(
        recovery::reset(&world.state, &world.meta, &pending_reset, NEW_PASSWORD).await,
        "",
    );
    let with_old_address: i64 = sqlx::query_scalar("SELECT count(*) FROM users WHERE email = $1")
        .bind(&email)
        .fetch_one(world.db())
        .await
        .unwrap();
    assert_eq!(with_old_address, 0);
    assert_eq!(
        audit(world.db(), "account.deleted").await,
        [(Some(id), Some(format!("user:{id}")))]
    );
}

/// Repro of a service bug (see the report): "each person runs at most one
/// store" is only checked against the `AuthUser` loaded at the start of the
/// request, and nothing in the database enforces it, so two concurrent
/// requests (a double submit) both open a store.
#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn two_concurrent_requests_cannot_open_two_stores(db: PgPool) {
    let world = World::new(db, &[]).await;
    let email = unique_email("pat");
    let id = verified_user(world.db(), &email, "", Role::Customer).await;
    let user = world
        .user_of(world.log_in(&email, PASSWORD).await)
        .await
        .unwrap();
    let shop = |slug: &str| StoreDetails {
        name: slug.into(),
        slug: slug.into(),
        description: String::new(),
    };
    let (first, second) = (shop("first-shop"), shop("second-shop"));
    let (a, b) = tokio::join!(
        stores::open(&world.state, &world.meta, &user, &first),
        stores::open(&world.state, &world.meta, &user, &second),
    );
    let owned: i64 = sqlx::query_scalar("SELECT count(*) FROM store_members WHERE user_id = $1")
        .bind(id)
        .fetch_one(world.db())
        .await
        .unwrap();
    assert_eq!(owned, 1, "both opened: {a:?} {b:?}");
}

/// Mail is written in the account's language: the one of the page it was
/// registered from, then the one its owner switches to, whatever page later
/// asks for the mail.
#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn mail_is_written_in_the_accounts_language(db: PgPool) {
    let mut world = World::new(db, &[]).await;
    let email = unique_email("langue");
    world.meta.lang = Lang::Fr;
    world.register(&email, PASSWORD, "Camille").await.unwrap();
    let (subject, text) = world.mail_to(&email).await.remove(0);
    assert_eq!(subject, "Confirmez votre adresse e-mail");
    assert!(text.contains("Bonjour Camille,"), "{text}");
    assert!(text.contains("/fr/verify-email?token="), "{text}");

    world.meta.lang = Lang::En;
    let other = unique_email("sprache");
    verified_user(world.db(), &other, "Kim", Role::Customer).await;
    let cookie = world.log_in(&other, PASSWORD).await;
    let app = support::app(&world.state, Router::new(), fixtures::random_client());
    let switched = support::send(
        &app,
        Request::get("/language?to=de&next=%2Faccount")
            .header(header::COOKIE, format!("bazaar_session={cookie}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(switched.headers()[header::LOCATION], "/de/account");
    recovery::request_reset(&world.state, &world.meta, &other)
        .await
        .unwrap()
        .finished()
        .await;
    let (subject, text) = world.mail_to(&other).await.pop().unwrap();
    assert_eq!(subject, "Setzen Sie Ihr Bazaar-Passwort zurück");
    assert!(text.contains("/de/reset-password?token="), "{text}");
}
