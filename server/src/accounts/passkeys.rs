//! Passkeys (WebAuthn): registered with the password and a name, several per
//! account; used as the second step after the password, or alone to sign in
//! ("Sign in with a passkey"), where the authenticator verifies the person
//! (PIN or biometrics) so it stands for both steps.
//!
//! The relying party is `APP_URL`'s host and origin; browsers refuse an IP
//! address as relying party, so with such an `APP_URL` passkeys are not
//! offered ([`available`]). A ceremony's server state (its challenge) waits
//! in the session between the browser's two requests, so any node can finish
//! what another started, and it is taken out when the answer arrives: a
//! challenge is answered once. Credentials are checked by `webauthn_rp`; the
//! signature counter is enforced, so a cloned authenticator is refused.

use chrono::{DateTime, Utc};
use rand::Rng;
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use webauthn_rp::{
    AuthenticatedCredential, DiscoverableAuthentication16, DiscoverableAuthenticationServerState,
    DiscoverableCredentialRequestOptions, NonDiscoverableAuthentication16,
    NonDiscoverableAuthenticationServerState, NonDiscoverableCredentialRequestOptions,
    PublicKeyCredentialCreationOptions, Registration, RegistrationServerState,
    bin::{Decode as _, Encode as _},
    request::{
        AsciiDomain, Credentials as _, ExtensionInfo, PublicKeyCredentialDescriptor, RpId,
        auth::{AllowedCredentials, AuthenticationVerificationOptions},
        register::{
            CredProtect, PublicKeyCredentialUserEntity, RegistrationVerificationOptions,
            UserHandle16,
        },
    },
    response::{
        AuthTransports, CredentialId,
        register::{CompressedPubKey, DynamicState, StaticState},
    },
};

use super::{AuthUser, messages, profile::confirm_password, sessions, sessions::Session, users};
use crate::{AppState, Config, Error, Result, audit::Entry, mail::outbox, request::RequestMeta};
use texts::msg;

/// A credential's public key, as `webauthn_rp` encodes it.
type PublicKey = CompressedPubKey<[u8; 32], [u8; 32], [u8; 48], Vec<u8>>;
/// A credential's public key and fixed flags.
type StoredStatic = StaticState<PublicKey>;
/// A stored credential, ready to check an answer against.
type Credential<'a> = AuthenticatedCredential<'a, 'a, 16, PublicKey>;
const CEREMONY: &str = "passkey_ceremony";
const NAME_CHARS: usize = 60;

/// Who Bazaar is to authenticators: `APP_URL`'s host, and the origin its
/// pages are served from.
struct RelyingParty {
    id: RpId,
    origin: String,
}

impl RelyingParty {
    fn of(config: &Config) -> Result<Self> {
        let url = url::Url::parse(&config.app_url).map_err(Error::internal)?;
        let Some(url::Host::Domain(host)) = url.host() else {
            return Err(Error::conflict(msg::PROBLEM_PASSKEY_NEEDS_DOMAIN));
        };
        let id = AsciiDomain::try_from(host.to_owned()).map_err(Error::internal)?;
        Ok(Self {
            id: RpId::Domain(id),
            origin: url.origin().ascii_serialization(),
        })
    }

    fn origins(&self) -> [&str; 1] {
        [self.origin.as_str()]
    }
}

/// Whether passkeys can work with this `APP_URL` (not with an IP address).
pub fn available(config: &Config) -> bool {
    RelyingParty::of(config).is_ok()
}

/// A ceremony started for this session, waiting for the browser's answer.
#[derive(Serialize, Deserialize)]
enum Ceremony {
    Registration {
        user_id: i64,
        name: String,
        state: Vec<u8>,
    },
    SecondStep {
        user_id: i64,
        state: Vec<u8>,
    },
    SignIn {
        state: Vec<u8>,
    },
}

/// One of an account's passkeys, as its security page lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passkey {
    pub id: i64,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// The answer the browser sent does not hold; the reason goes to the log.
fn refused(error: impl std::fmt::Display) -> Error {
    tracing::info!(%error, "a passkey answer was refused");
    Error::invalid("passkey", msg::PROBLEM_PASSKEY_UNCHECKED)
}

fn expired() -> Error {
    Error::conflict(msg::PROBLEM_PASSKEY_TIMEOUT)
}

/// Starts adding a passkey named `name` to `user`'s account, after their
/// password: the options for `navigator.credentials.create()`, as JSON.
pub async fn start_registration(
    state: &AppState,
    session: &Session,
    user: &AuthUser,
    password: &str,
    name: &str,
) -> Result<String> {
    let rp = RelyingParty::of(&state.config)?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > NAME_CHARS {
        return Err(Error::invalid("name", msg::PROBLEM_PASSKEY_NAME));
    }
    confirm_password(state, user, password).await?;
    let handle = user_handle(&state.db, user.id).await?;
    let existing = sqlx::query!(
        "SELECT credential_id, transports FROM passkeys WHERE user_id = $1",
        user.id
    )
    .fetch_all(&state.db)
    .await?;
    let exclude = existing
        .into_iter()
        .map(|row| descriptor(row.credential_id, row.transports))
        .collect::<Result<Vec<_>>>()?;
    let username = user.email.as_str().try_into().map_err(Error::internal)?;
    let display_name = user.name.as_str().try_into().ok();
    let mut options = PublicKeyCredentialCreationOptions::passkey(
        &rp.id,
        PublicKeyCredentialUserEntity {
            name: username,
            id: &handle,
            display_name,
        },
        exclude,
    );
    // Asked for, not insisted on: many authenticators (phones' and
    // computers' own among them) lack `credProtect`, and a browser told to
    // enforce it refuses to create the passkey. Each sign-in by passkey
    // alone requires user verification anyway.
    options.extensions.cred_protect =
        CredProtect::UserVerificationRequired(ExtensionInfo::AllowDontEnforceValue);
    let (server, client) = options.start_ceremony().map_err(Error::internal)?;
    let ceremony = Ceremony::Registration {
        user_id: user.id,
        name: name.to_owned(),
        state: server.encode().map_err(Error::internal)?,
    };
    session.insert(CEREMONY, ceremony).await?;
    serde_json::to_string(&client).map_err(Error::internal)
}

/// Finishes adding a passkey with the browser's answer (the JSON of
/// `credential.toJSON()`); the owner is told by mail. Answers its name.
pub async fn finish_registration(
    state: &AppState,
    session: &Session,
    meta: &RequestMeta,
    user: &AuthUser,
    response: &str,
) -> Result<String> {
    let rp = RelyingParty::of(&state.config)?;
    let Some(Ceremony::Registration {
        user_id,
        name,
        state: server,
    }) = session.remove::<Ceremony>(CEREMONY).await?
    else {
        return Err(expired());
    };
    if user_id != user.id {
        return Err(expired());
    }
    let registration = Registration::from_json_relaxed(response.as_bytes()).map_err(refused)?;
    let server =
        RegistrationServerState::<16>::decode(server.as_slice()).map_err(Error::internal)?;
    let origins = rp.origins();
    let options = RegistrationVerificationOptions::<&str, &str> {
        allowed_origins: &origins,
        ..Default::default()
    };
    let credential = server
        .verify(&rp.id, &registration, &options)
        .map_err(refused)?;
    let (id, transports, _, static_state, dynamic_state, _) = credential.into_parts();
    let dynamic_state = infallible(dynamic_state.encode());
    let mut tx = state.db.begin().await?;
    let added = sqlx::query!(
        "INSERT INTO passkeys (user_id, name, credential_id, transports, static_state, dynamic_state)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (credential_id) DO NOTHING",
        user.id,
        name,
        infallible(id.encode()).as_ref(),
        i16::from(infallible(transports.encode())),
        infallible(static_state.encode()),
        dynamic_state.as_slice(),
    )
    .execute(&mut *tx)
    .await?;
    if added.rows_affected() == 0 {
        return Err(Error::conflict(msg::PROBLEM_PASSKEY_REGISTERED));
    }
    let lang = users::language_of(&mut *tx, &user.email).await?;
    outbox::enqueue(
        &mut tx,
        &messages::passkey_changed(lang, &user.email, &state.config.app_url, &name, true),
    )
    .await?;
    Entry::new(Some(user.id), "passkey.added")
        .target(format!("user:{}", user.id))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(name)
}

/// The account's passkeys, newest first.
pub async fn list(db: &PgPool, user_id: i64) -> Result<Vec<Passkey>> {
    Ok(sqlx::query_as!(
        Passkey,
        "SELECT id, name, created_at, last_used_at FROM passkeys
         WHERE user_id = $1 ORDER BY created_at DESC, id DESC",
        user_id
    )
    .fetch_all(db)
    .await?)
}

/// Removes one of `user`'s passkeys, with their password: every other
/// session of theirs ends and they are told by mail.
pub async fn remove(
    state: &AppState,
    meta: &RequestMeta,
    user: &AuthUser,
    passkey_id: i64,
    password: &str,
) -> Result<()> {
    confirm_password(state, user, password).await?;
    let mut tx = state.db.begin().await?;
    let name = sqlx::query_scalar!(
        "DELETE FROM passkeys WHERE id = $1 AND user_id = $2 RETURNING name",
        passkey_id,
        user.id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(Error::NotFound)?;
    sessions::end_others(&mut tx, user.id, Some(user.session_id)).await?;
    let lang = users::language_of(&mut *tx, &user.email).await?;
    outbox::enqueue(
        &mut tx,
        &messages::passkey_changed(lang, &user.email, &state.config.app_url, &name, false),
    )
    .await?;
    Entry::new(Some(user.id), "passkey.removed")
        .target(format!("user:{}", user.id))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Starts a sign-in with a passkey: for the second step of `user_id`'s
/// sign-in (one of their passkeys), or with `None` for a sign-in by passkey
/// alone (any passkey the browser holds for Bazaar). The options for
/// `navigator.credentials.get()`, as JSON.
pub async fn start_sign_in(
    state: &AppState,
    session: &Session,
    user_id: Option<i64>,
) -> Result<String> {
    let rp = RelyingParty::of(&state.config)?;
    let (ceremony, options) = match user_id {
        Some(user_id) => {
            let rows = sqlx::query!(
                "SELECT credential_id, transports FROM passkeys WHERE user_id = $1",
                user_id
            )
            .fetch_all(&state.db)
            .await?;
            let mut allowed = AllowedCredentials::with_capacity(rows.len());
            for row in rows {
                allowed.push(descriptor(row.credential_id, row.transports)?.into());
            }
            let request = NonDiscoverableCredentialRequestOptions::second_factor(&rp.id, allowed)
                .map_err(|_| Error::conflict(msg::PROBLEM_PASSKEY_NONE))?;
            let (server, client) = request.start_ceremony().map_err(Error::internal)?;
            let state = server.encode().map_err(Error::internal)?;
            (
                Ceremony::SecondStep { user_id, state },
                serde_json::to_string(&client),
            )
        }
        None => {
            let (server, client) = DiscoverableCredentialRequestOptions::passkey(&rp.id)
                .start_ceremony()
                .map_err(Error::internal)?;
            let state = server.encode().map_err(Error::internal)?;
            (Ceremony::SignIn { state }, serde_json::to_string(&client))
        }
    };
    session.insert(CEREMONY, ceremony).await?;
    options.map_err(Error::internal)
}

/// Whose passkey answered, and to which of [`start_sign_in`]'s ceremonies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answered {
    /// The second step of `user_id`'s sign-in.
    SecondStep { user_id: i64 },
    /// A sign-in by passkey alone, as the account the passkey names.
    SignIn { user_id: i64 },
}

/// Checks the browser's answer to [`start_sign_in`] and answers whose
/// passkey it was. The passkey's last use is recorded and audited.
pub async fn finish_sign_in(
    state: &AppState,
    session: &Session,
    meta: &RequestMeta,
    response: &str,
) -> Result<Answered> {
    let rp = RelyingParty::of(&state.config)?;
    let origins = rp.origins();
    let options = AuthenticationVerificationOptions::<&str, &str> {
        allowed_origins: &origins,
        ..Default::default()
    };
    let (passkey_id, answered, dynamic_state) = match session.remove::<Ceremony>(CEREMONY).await? {
        Some(Ceremony::SecondStep {
            user_id,
            state: server,
        }) => {
            let answer = NonDiscoverableAuthentication16::from_json_relaxed(response.as_bytes())
                .map_err(refused)?;
            let stored = stored(&state.db, answer.raw_id().as_ref()).await?;
            if stored.user_id != user_id {
                return Err(refused("a passkey of another account"));
            }
            let server = NonDiscoverableAuthenticationServerState::decode(server.as_slice())
                .map_err(Error::internal)?;
            let handle = UserHandle16::decode(stored.handle).unwrap_or_else(|never| match never {});
            let mut credential = stored.credential(&handle)?;
            let changed = server
                .verify(&rp.id, &answer, &mut credential, &options)
                .map_err(refused)?;
            let dynamic_state = changed.then(|| infallible(credential.dynamic_state().encode()));
            (stored.id, Answered::SecondStep { user_id }, dynamic_state)
        }
        Some(Ceremony::SignIn { state: server }) => {
            let answer = DiscoverableAuthentication16::from_json_relaxed(response.as_bytes())
                .map_err(refused)?;
            let stored = stored(&state.db, answer.raw_id().as_ref()).await?;
            let server = DiscoverableAuthenticationServerState::decode(server.as_slice())
                .map_err(Error::internal)?;
            let handle = UserHandle16::decode(stored.handle).unwrap_or_else(|never| match never {});
            let mut credential = stored.credential(&handle)?;
            let changed = server
                .verify(&rp.id, &answer, &mut credential, &options)
                .map_err(refused)?;
            let dynamic_state = changed.then(|| infallible(credential.dynamic_state().encode()));
            let user_id = stored.user_id;
            (stored.id, Answered::SignIn { user_id }, dynamic_state)
        }
        _ => return Err(expired()),
    };
    let (Answered::SecondStep { user_id } | Answered::SignIn { user_id }) = answered;
    let mut tx = state.db.begin().await?;
    sqlx::query!(
        "UPDATE passkeys SET last_used_at = now(), dynamic_state = coalesce($2, dynamic_state)
         WHERE id = $1",
        passkey_id,
        dynamic_state.map(|state| state.to_vec())
    )
    .execute(&mut *tx)
    .await?;
    Entry::new(Some(user_id), "passkey.used")
        .target(format!("user:{user_id}"))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(answered)
}

/// A passkey as stored, with its owner's user handle.
struct Stored {
    id: i64,
    user_id: i64,
    credential_id: Vec<u8>,
    handle: [u8; 16],
    static_state: Vec<u8>,
    dynamic_state: [u8; 7],
}

impl Stored {
    fn credential<'a>(&'a self, handle: &'a UserHandle16) -> Result<Credential<'a>> {
        let id = CredentialId::<&[u8]>::decode(self.credential_id.as_slice())
            .map_err(Error::internal)?;
        let static_state =
            StoredStatic::decode(self.static_state.as_slice()).map_err(Error::internal)?;
        let dynamic_state = DynamicState::decode(self.dynamic_state).map_err(Error::internal)?;
        AuthenticatedCredential::new(id, handle, static_state, dynamic_state)
            .map_err(Error::internal)
    }
}

/// The passkey with this credential id; an unknown one is refused like a
/// wrong answer.
async fn stored(db: &PgPool, credential_id: &[u8]) -> Result<Stored> {
    let row = sqlx::query!(
        r#"SELECT p.id, p.user_id, p.credential_id, p.static_state, p.dynamic_state,
                  u.passkey_handle AS "handle!"
           FROM passkeys p JOIN users u ON u.id = p.user_id
           WHERE p.credential_id = $1 AND u.status = 'active'"#,
        credential_id
    )
    .fetch_optional(db)
    .await?
    .ok_or_else(|| refused("an unknown passkey"))?;
    Ok(Stored {
        id: row.id,
        user_id: row.user_id,
        credential_id: row.credential_id,
        handle: row
            .handle
            .try_into()
            .map_err(|_| Error::internal("a user handle of another length"))?,
        static_state: row.static_state,
        dynamic_state: row
            .dynamic_state
            .try_into()
            .map_err(|_| Error::internal("a passkey state of another length"))?,
    })
}

/// The account's random user handle, made on its first passkey.
async fn user_handle(db: &PgPool, user_id: i64) -> Result<UserHandle16> {
    let fresh: [u8; 16] = rand::rng().random();
    let handle = sqlx::query_scalar!(
        r#"UPDATE users SET passkey_handle = coalesce(passkey_handle, $2) WHERE id = $1
           RETURNING passkey_handle AS "handle!""#,
        user_id,
        fresh.as_slice()
    )
    .fetch_one(db)
    .await?;
    let bytes: [u8; 16] = handle
        .try_into()
        .map_err(|_| Error::internal("a user handle of another length"))?;
    Ok(UserHandle16::decode(bytes).unwrap_or_else(|never| match never {}))
}

fn descriptor(
    credential_id: Vec<u8>,
    transports: i16,
) -> Result<PublicKeyCredentialDescriptor<Vec<u8>>> {
    Ok(PublicKeyCredentialDescriptor {
        id: CredentialId::<Vec<u8>>::decode(credential_id).map_err(Error::internal)?,
        transports: AuthTransports::decode(transports as u8).map_err(Error::internal)?,
    })
}

fn infallible<T>(result: std::result::Result<T, std::convert::Infallible>) -> T {
    result.unwrap_or_else(|never| match never {})
}
