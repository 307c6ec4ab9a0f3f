//! Passkeys against the database and Redis, answered by a software
//! authenticator that signs as a browser's would (ES256, `none` attestation,
//! the JSON of `credential.toJSON()`): added with the password, used alone
//! and as the second step, each challenge once, a cloned authenticator
//! refused, removed with the password.

use std::sync::Arc;

use base64::{Engine as _, engine::general_purpose::URL_SAFE_NO_PAD as B64};
use fixtures::{audited, unique_email};
use p256::ecdsa::{DerSignature, SigningKey, signature::Signer as _};
use serde_json::{Value, json};
use server::{
    AppState, Error,
    accounts::{
        AuthUser, Email, Role, Session,
        login::{self, SignIn},
        passkeys, sessions, two_step, users,
    },
};
use sha2::{Digest as _, Sha256};
use sqlx::PgPool;
use tower_sessions::{Expiry, cookie::time};
use tower_sessions_redis_store::RedisStore;

use crate::support::{meta, smtp::outbox_texts};

const PASSWORD: &str = "a long enough password";
const ORIGIN: &str = "http://localhost:3100";

/// A passkey on a device: its key pair, its credential id, the account's
/// user handle it keeps, and its signature counter.
#[derive(Clone)]
struct Authenticator {
    key: SigningKey,
    credential_id: Vec<u8>,
    user_handle: Vec<u8>,
    counter: u32,
}

impl Authenticator {
    fn new(seed: u8) -> Self {
        Self {
            key: SigningKey::from_bytes(&[seed; 32].into()).unwrap(),
            credential_id: vec![seed; 32],
            user_handle: Vec::new(),
            counter: 0,
        }
    }

    /// Answers `navigator.credentials.create()` with these options.
    fn create(&mut self, options: &str) -> String {
        let options: Value = serde_json::from_str(options).unwrap();
        self.user_handle = B64.decode(options["user"]["id"].as_str().unwrap()).unwrap();
        let rp_id = options["rp"]["id"].as_str().unwrap();
        let point = self.key.verifying_key().to_encoded_point(false);
        // COSE_Key: kty EC2, alg ES256, crv P-256, x, y.
        let mut cose = vec![0xA5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20];
        cose.extend_from_slice(point.x().unwrap());
        cose.extend_from_slice(&[0x22, 0x58, 0x20]);
        cose.extend_from_slice(point.y().unwrap());
        let mut data = Sha256::digest(rp_id.as_bytes()).to_vec();
        data.push(0x45); // user present, user verified, credential data follows
        data.extend_from_slice(&self.counter.to_be_bytes());
        data.extend_from_slice(&[0; 16]);
        data.extend_from_slice(&(self.credential_id.len() as u16).to_be_bytes());
        data.extend_from_slice(&self.credential_id);
        data.extend_from_slice(&cose);
        // CBOR {"fmt": "none", "attStmt": {}, "authData": data}
        let mut attestation = vec![0xA3, 0x63];
        attestation.extend_from_slice(b"fmt");
        attestation.push(0x64);
        attestation.extend_from_slice(b"none");
        attestation.push(0x67);
        attestation.extend_from_slice(b"attStmt");
        attestation.push(0xA0);
        attestation.push(0x68);
        attestation.extend_from_slice(b"authData");
        // A byte string of under 256 bytes, with its length in one byte.
        attestation.push(0x58);
        attestation.push(u8::try_from(data.len()).unwrap());
        attestation.extend_from_slice(&data);
        let client_data = client_data("webauthn.create", &options["challenge"]);
        json!({
            "id": B64.encode(&self.credential_id),
            "rawId": B64.encode(&self.credential_id),
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "response": {
                "clientDataJSON": B64.encode(client_data),
                "attestationObject": B64.encode(attestation),
                "transports": ["internal"],
            },
            "clientExtensionResults": {},
        })
        .to_string()
    }

    /// Answers `navigator.credentials.get()` with these options.
    fn get(&mut self, options: &str) -> String {
        let options: Value = serde_json::from_str(options).unwrap();
        self.counter += 1;
        let mut data = Sha256::digest(options["rpId"].as_str().unwrap().as_bytes()).to_vec();
        data.push(0x05); // user present, user verified
        data.extend_from_slice(&self.counter.to_be_bytes());
        let client_data = client_data("webauthn.get", &options["challenge"]);
        let mut signed = data.clone();
        signed.extend_from_slice(&Sha256::digest(client_data.as_bytes()));
        let signature: DerSignature = self.key.sign(&signed);
        json!({
            "id": B64.encode(&self.credential_id),
            "rawId": B64.encode(&self.credential_id),
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "response": {
                "clientDataJSON": B64.encode(client_data),
                "authenticatorData": B64.encode(data),
                "signature": B64.encode(signature.as_bytes()),
                "userHandle": B64.encode(&self.user_handle),
            },
            "clientExtensionResults": {},
        })
        .to_string()
    }
}

fn client_data(kind: &str, challenge: &Value) -> String {
    json!({ "type": kind, "challenge": challenge, "origin": ORIGIN, "crossOrigin": false })
        .to_string()
}

async fn state(db: PgPool, app_url: &str) -> AppState {
    fixtures::state(db, fixtures::config(&[("APP_URL", app_url)])).await
}

fn new_session(state: &AppState) -> Session {
    let store = Arc::new(RedisStore::new(state.redis.clone()));
    Session::new(
        None,
        store,
        Some(Expiry::OnInactivity(time::Duration::minutes(10))),
    )
}

/// A new account, signed in on `session`.
async fn signed_in(state: &AppState, session: &Session) -> AuthUser {
    let email = unique_email("passkey");
    let id = users::upsert_verified(
        &state.db,
        &Email::parse(&email).unwrap(),
        "Robin",
        PASSWORD,
        &[Role::Customer],
        false,
    )
    .await
    .unwrap();
    sessions::sign_in(&state.db, session, id, &meta())
        .await
        .unwrap();
    sessions::current_user(&state.db, &state.config, session)
        .await
        .unwrap()
        .unwrap()
}

async fn add(state: &AppState, session: &Session, user: &AuthUser, device: &mut Authenticator) {
    let options = passkeys::start_registration(state, session, user, PASSWORD, "Laptop")
        .await
        .unwrap();
    let answer = device.create(&options);
    passkeys::finish_registration(state, session, &meta(), user, &answer)
        .await
        .unwrap();
}

fn refused(result: server::Result<i64>) {
    assert!(
        matches!(result, Err(Error::Invalid(_))),
        "refused as a wrong answer: {result:?}"
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_passkey_added_with_the_password_signs_in_alone_once_per_challenge(db: PgPool) {
    let state = state(db.clone(), ORIGIN).await;
    let session = new_session(&state);
    let user = signed_in(&state, &session).await;
    let mut laptop = Authenticator::new(7);

    let wrong = passkeys::start_registration(&state, &session, &user, "not it", "Laptop").await;
    assert!(matches!(wrong, Err(Error::Invalid(_))), "{wrong:?}");
    let unnamed = passkeys::start_registration(&state, &session, &user, PASSWORD, " ").await;
    assert!(matches!(unnamed, Err(Error::Invalid(_))), "{unnamed:?}");
    let options = passkeys::start_registration(&state, &session, &user, PASSWORD, "Laptop")
        .await
        .unwrap();
    let created: Value = serde_json::from_str(&options).unwrap();
    assert_eq!(created["rp"]["id"], "localhost");
    assert_eq!(created["authenticatorSelection"]["residentKey"], "required");
    // Browsers refuse to create a passkey with an enforced policy on an
    // authenticator without `credProtect`.
    assert_eq!(
        created["extensions"]["enforceCredentialProtectionPolicy"],
        false
    );
    let answer = laptop.create(&options);
    let name = passkeys::finish_registration(&state, &session, &meta(), &user, &answer)
        .await
        .unwrap();
    assert_eq!(name, "Laptop");
    // Its challenge is spent: the same answer again finds no ceremony.
    let again = passkeys::finish_registration(&state, &session, &meta(), &user, &answer).await;
    assert!(matches!(again, Err(Error::Conflict(_))), "{again:?}");

    let listed = passkeys::list(&db, user.id).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].name, "Laptop");
    assert!(listed[0].last_used_at.is_none());
    let status = two_step::status(&db, user.id).await.unwrap();
    assert!(status.enabled && !status.authenticator_app, "{status:?}");
    assert_eq!(audited(&db, "passkey.added").await, 1);
    let mail = outbox_texts(&db).await;
    assert!(mail.iter().any(|(to, subject, text)| to == &user.email
        && subject == "A passkey was added"
        && text.contains("“Laptop”")));

    // Alone, on a new device: the passkey names the account.
    let device = new_session(&state);
    let options = login::start_passkey_sign_in(&state, &device).await.unwrap();
    let requested: Value = serde_json::from_str(&options).unwrap();
    assert_eq!(requested["userVerification"], "required");
    assert_eq!(requested["allowCredentials"], json!([]));
    let answer = laptop.get(&options);
    let signed_in_as = login::log_in_with_passkey(&state, &device, &meta(), &answer)
        .await
        .unwrap();
    assert_eq!(signed_in_as, user.id);
    let current = sessions::current_user(&db, &state.config, &device)
        .await
        .unwrap();
    assert_eq!(current.map(|user| user.id), Some(user.id));
    assert!(
        passkeys::list(&db, user.id).await.unwrap()[0]
            .last_used_at
            .is_some()
    );
    assert_eq!(audited(&db, "passkey.used").await, 1);

    // A recorded answer replayed against a new challenge is refused.
    let replay = new_session(&state);
    login::start_passkey_sign_in(&state, &replay).await.unwrap();
    refused(login::log_in_with_passkey(&state, &replay, &meta(), &answer).await);
    assert!(
        sessions::current_user(&db, &state.config, &replay)
            .await
            .unwrap()
            .is_none()
    );

    // A copy of the authenticator behind the real one's counter is a clone.
    let mut clone = laptop.clone();
    clone.counter = 0;
    let cloned = new_session(&state);
    let options = login::start_passkey_sign_in(&state, &cloned).await.unwrap();
    refused(login::log_in_with_passkey(&state, &cloned, &meta(), &clone.get(&options)).await);

    // An unknown passkey is refused the same way.
    let mut stranger = Authenticator::new(9);
    stranger.user_handle = vec![1; 16];
    let unknown = new_session(&state);
    let options = login::start_passkey_sign_in(&state, &unknown)
        .await
        .unwrap();
    refused(login::log_in_with_passkey(&state, &unknown, &meta(), &stranger.get(&options)).await);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_passkey_passes_the_second_step_of_its_own_account_only(db: PgPool) {
    let state = state(db.clone(), ORIGIN).await;
    let first = new_session(&state);
    let user = signed_in(&state, &first).await;
    let mut laptop = Authenticator::new(3);
    add(&state, &first, &user, &mut laptop).await;
    let other_session = new_session(&state);
    let other = signed_in(&state, &other_session).await;
    let mut theirs = Authenticator::new(4);
    add(&state, &other_session, &other, &mut theirs).await;

    // Another account's passkey does not pass this account's second step.
    let device = new_session(&state);
    let step = login::log_in(&state, &device, &meta(), &user.email, PASSWORD)
        .await
        .unwrap();
    assert_eq!(step, SignIn::SecondStep);
    let options = login::start_passkey_second_step(&state, &device)
        .await
        .unwrap();
    let requested: Value = serde_json::from_str(&options).unwrap();
    assert_eq!(
        requested["allowCredentials"][0]["id"],
        B64.encode(&laptop.credential_id)
    );
    refused(
        login::pass_second_step_with_passkey(&state, &device, &meta(), &theirs.get(&options)).await,
    );
    assert!(
        sessions::current_user(&db, &state.config, &device)
            .await
            .unwrap()
            .is_none()
    );

    // An answer to a second step's challenge is no sign-in by passkey alone
    // once that step is abandoned: the password came before it.
    let abandoned = new_session(&state);
    login::log_in(&state, &abandoned, &meta(), &user.email, PASSWORD)
        .await
        .unwrap();
    let options = login::start_passkey_second_step(&state, &abandoned)
        .await
        .unwrap();
    login::cancel_second_step(&abandoned).await.unwrap();
    let alone =
        login::log_in_with_passkey(&state, &abandoned, &meta(), &laptop.get(&options)).await;
    assert!(matches!(alone, Err(Error::Conflict(_))), "{alone:?}");
    assert!(
        sessions::current_user(&db, &state.config, &abandoned)
            .await
            .unwrap()
            .is_none()
    );

    let options = login::start_passkey_second_step(&state, &device)
        .await
        .unwrap();
    let passed =
        login::pass_second_step_with_passkey(&state, &device, &meta(), &laptop.get(&options))
            .await
            .unwrap();
    assert_eq!(passed, user.id);
    let current = sessions::current_user(&db, &state.config, &device)
        .await
        .unwrap();
    assert_eq!(current.map(|user| user.id), Some(user.id));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn removing_a_passkey_needs_the_password_and_ends_other_sessions(db: PgPool) {
    let state = state(db.clone(), ORIGIN).await;
    let session = new_session(&state);
    let user = signed_in(&state, &session).await;
    let mut laptop = Authenticator::new(5);
    add(&state, &session, &user, &mut laptop).await;
    let elsewhere = new_session(&state);
    let options = login::start_passkey_sign_in(&state, &elsewhere)
        .await
        .unwrap();
    login::log_in_with_passkey(&state, &elsewhere, &meta(), &laptop.get(&options))
        .await
        .unwrap();
    let id = passkeys::list(&db, user.id).await.unwrap()[0].id;

    let wrong = passkeys::remove(&state, &meta(), &user, id, "not it").await;
    assert!(matches!(wrong, Err(Error::Invalid(_))), "{wrong:?}");
    passkeys::remove(&state, &meta(), &user, id, PASSWORD)
        .await
        .unwrap();
    assert!(passkeys::list(&db, user.id).await.unwrap().is_empty());
    assert!(!two_step::status(&db, user.id).await.unwrap().enabled);
    assert!(
        sessions::current_user(&db, &state.config, &elsewhere)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        sessions::current_user(&db, &state.config, &session)
            .await
            .unwrap()
            .is_some()
    );
    assert_eq!(audited(&db, "passkey.removed").await, 1);
    assert!(
        outbox_texts(&db)
            .await
            .iter()
            .any(|(_, subject, _)| subject == "A passkey was removed")
    );

    // Gone: it signs in no more.
    let later = new_session(&state);
    let options = login::start_passkey_sign_in(&state, &later).await.unwrap();
    refused(login::log_in_with_passkey(&state, &later, &meta(), &laptop.get(&options)).await);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn passkeys_are_not_offered_when_the_site_is_an_ip_address(db: PgPool) {
    let state = state(db, "http://127.0.0.1:3000").await;
    assert!(!passkeys::available(&state.config));
    let session = new_session(&state);
    let user = signed_in(&state, &session).await;
    let refused = passkeys::start_registration(&state, &session, &user, PASSWORD, "Laptop").await;
    assert!(matches!(refused, Err(Error::Conflict(_))), "{refused:?}");
}
