//! Two-step sign-in against the database and Redis: set up with an
//! authenticator code, pass with a code once, with a recovery code once,
//! throttled and audited, turned off with the password.

use fixtures::{audited, unique_email};
use server::{
    AppState, Error,
    accounts::{
        AuthUser, Email, Role,
        two_step::{self, Passed},
        users,
    },
};
use sqlx::PgPool;
use uuid::Uuid;

use crate::support::{meta, smtp::outbox_texts};

const PASSWORD: &str = "a long enough password";

async fn account(state: &AppState) -> AuthUser {
    let email = unique_email("two-step");
    let id = users::upsert_verified(
        &state.db,
        &Email::parse(&email).unwrap(),
        "",
        PASSWORD,
        &[Role::Customer],
        false,
    )
    .await
    .unwrap();
    AuthUser {
        id,
        email,
        name: String::new(),
        verified: true,
        roles: vec![Role::Customer],
        stores: vec![],
        two_step: false,
        session_id: Uuid::new_v4(),
    }
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn code_now(secret: &str) -> String {
    two_step::current_code(secret, now()).unwrap()
}

/// A six-digit code that is none of the three the app accepts now.
fn wrong_code(secret: &str) -> String {
    let accepted: Vec<String> = [now() - 30, now(), now() + 30]
        .into_iter()
        .map(|at| two_step::current_code(secret, at).unwrap())
        .collect();
    (0..)
        .map(|n: u32| format!("{:06}", n * 7919 % 1_000_000))
        .find(|code| !accepted.contains(code))
        .unwrap()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn set_up_with_a_code_then_each_code_works_once(db: PgPool) {
    let state = fixtures::state(db.clone(), fixtures::config(&[])).await;
    let user = account(&state).await;
    let meta = meta();

    let setup = two_step::setup(&state, &user).await.unwrap();
    assert!(setup.otpauth_url.starts_with("otpauth://totp/Bazaar:"));
    assert!(
        setup
            .otpauth_url
            .contains(&format!("secret={}", setup.secret))
    );
    assert!(setup.qr_svg.contains("<svg"));
    let again = two_step::setup(&state, &user).await.unwrap();
    assert_eq!(
        again.secret, setup.secret,
        "a second visit shows the same secret"
    );
    let sealed: Vec<u8> =
        sqlx::query_scalar("SELECT sealed_secret FROM user_totp WHERE user_id = $1")
            .bind(user.id)
            .fetch_one(&db)
            .await
            .unwrap();
    assert!(
        !String::from_utf8_lossy(&sealed).contains(&setup.secret),
        "the secret is stored sealed"
    );
    assert!(!two_step::status(&db, user.id).await.unwrap().enabled);

    let refused =
        two_step::enable(&state, &meta, &user, PASSWORD, &wrong_code(&setup.secret)).await;
    assert!(matches!(refused, Err(Error::Invalid(_))), "{refused:?}");
    assert!(!two_step::status(&db, user.id).await.unwrap().enabled);
    assert_eq!(audited(&db, "two_step.code_refused").await, 1);

    let first = code_now(&setup.secret);
    let without_password = two_step::enable(&state, &meta, &user, "not the password", &first).await;
    assert!(
        matches!(&without_password, Err(Error::Invalid(problems)) if problems[0].field == "current_password"),
        "{without_password:?}"
    );
    let codes = two_step::enable(&state, &meta, &user, PASSWORD, &first)
        .await
        .unwrap();
    assert_eq!(codes.len(), two_step::RECOVERY_CODES);
    assert!(
        codes
            .iter()
            .all(|code| code.len() == 11 && code.as_bytes()[5] == b'-')
    );
    assert_eq!(
        two_step::status(&db, user.id).await.unwrap(),
        two_step::Status {
            enabled: true,
            authenticator_app: true,
            recovery_codes_left: 10
        }
    );
    assert!(matches!(
        two_step::setup(&state, &user).await,
        Err(Error::Conflict(_))
    ));

    // The code that turned it on was used: it does not sign in again.
    let replayed = two_step::pass(&state, &meta, user.id, &user.email, &first).await;
    assert!(matches!(replayed, Err(Error::Invalid(_))), "{replayed:?}");

    let recovery = codes[3].to_uppercase().replace('-', " ");
    assert_eq!(
        two_step::pass(&state, &meta, user.id, &user.email, &recovery)
            .await
            .unwrap(),
        Passed::RecoveryCode { left: 9 }
    );
    let reused = two_step::pass(&state, &meta, user.id, &user.email, &codes[3]).await;
    assert!(
        matches!(reused, Err(Error::Invalid(_))),
        "a recovery code works once"
    );
    assert_eq!(audited(&db, "two_step.recovery_code_used").await, 1);

    let subjects: Vec<String> = outbox_texts(&db)
        .await
        .into_iter()
        .filter(|(to, _, _)| *to == user.email)
        .map(|(_, subject, _)| subject)
        .collect();
    assert_eq!(
        subjects,
        ["Two-step sign-in is on", "A recovery code was used"]
    );

    let wrong_password = two_step::disable(&state, &meta, &user, "not the password").await;
    assert!(matches!(wrong_password, Err(Error::Invalid(_))));
    assert!(two_step::status(&db, user.id).await.unwrap().enabled);
    two_step::disable(&state, &meta, &user, PASSWORD)
        .await
        .unwrap();
    assert_eq!(
        two_step::status(&db, user.id).await.unwrap(),
        two_step::Status {
            enabled: false,
            authenticator_app: false,
            recovery_codes_left: 0
        }
    );
    assert_eq!(audited(&db, "two_step.disabled").await, 1);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn wrong_codes_make_the_account_wait(db: PgPool) {
    let state = fixtures::state(db.clone(), fixtures::config(&[])).await;
    let user = account(&state).await;
    let meta = meta();
    let setup = two_step::setup(&state, &user).await.unwrap();
    two_step::enable(&state, &meta, &user, PASSWORD, &code_now(&setup.secret))
        .await
        .unwrap();
    let wrong = wrong_code(&setup.secret);
    for attempt in 1..=5 {
        let refused = two_step::pass(&state, &meta, user.id, &user.email, &wrong).await;
        assert!(
            matches!(refused, Err(Error::Invalid(_))),
            "attempt {attempt}: {refused:?}"
        );
    }
    // The fifth opened a wait: the sixth is refused before its code is
    // looked at.
    let waiting = two_step::pass(&state, &meta, user.id, &user.email, &wrong).await;
    assert!(
        matches!(waiting, Err(Error::TooManyRequests { .. })),
        "{waiting:?}"
    );
    assert_eq!(audited(&db, "two_step.code_refused").await, 5);
}
