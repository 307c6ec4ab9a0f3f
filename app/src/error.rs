//! The error pages and server functions speak: serialisable, safe to show.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};
use texts::{Lang, msg};

/// What went wrong, as a page or form can show it. It reads in English
/// (for logs); [`AppError::message`] says it in the page's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    NotFound,
    Unauthorized,
    Forbidden,
    SecondStepRequired,
    Invalid(Vec<(String, String)>),
    Conflict(String),
    TooManyRequests,
    Unavailable(String),
    Internal,
    /// The request never reached the server, or its answer could not be read.
    Network(String),
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for AppError {}

impl AppError {
    /// What a person is told, in `lang`. A refused field or a conflict
    /// carries the server's own words.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::NotFound => lang.t(msg::ERROR_NOT_FOUND),
            Self::Unauthorized => lang.t(msg::ERROR_SIGN_IN),
            Self::Forbidden => lang.t(msg::ERROR_FORBIDDEN),
            Self::SecondStepRequired => lang.t(msg::ERROR_SECOND_STEP),
            Self::Invalid(problems) => problems
                .iter()
                .map(|(_, message)| message.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            Self::Conflict(message) => message.clone(),
            Self::TooManyRequests => lang.t(msg::ERROR_TOO_MANY_REQUESTS),
            Self::Unavailable(what) => lang.t_args(
                msg::ERROR_UNAVAILABLE_PART,
                &[("what", what.clone().into())],
            ),
            Self::Internal => lang.t(msg::ERROR_INTERNAL),
            Self::Network(_) => lang.t(msg::ERROR_NETWORK),
        }
    }

    /// The HTTP status a page showing this error answers with.
    pub fn status(&self) -> u16 {
        match self {
            Self::NotFound => 404,
            Self::Unauthorized => 401,
            Self::Forbidden | Self::SecondStepRequired => 403,
            Self::Invalid(_) => 422,
            Self::Conflict(_) => 409,
            Self::TooManyRequests => 429,
            Self::Unavailable(_) => 503,
            Self::Internal | Self::Network(_) => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        Self::Network(value.to_string())
    }
}

/// A service's error, its refusals said in the language of the page that
/// asked (see [`crate::i18n::request_lang`]).
#[cfg(feature = "ssr")]
impl From<server::Error> for AppError {
    fn from(error: server::Error) -> Self {
        use server::Error as E;
        let lang = crate::i18n::request_lang();
        match error {
            E::NotFound => Self::NotFound,
            E::Unauthorized => Self::Unauthorized,
            E::Forbidden => Self::Forbidden,
            E::SecondStepRequired => Self::SecondStepRequired,
            E::Invalid(problems) => Self::Invalid(
                problems
                    .into_iter()
                    .map(|p| (p.field.into_owned(), p.message.say(lang)))
                    .collect(),
            ),
            E::Conflict(text) => Self::Conflict(text.say(lang)),
            E::TooManyRequests { .. } => Self::TooManyRequests,
            E::Unavailable(what) => Self::Unavailable(lang.t(what)),
            E::Internal(source) => {
                tracing::error!(error = %source, "internal error");
                Self::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// The status a server function's error answer carries, read from the
    /// error it encoded: Leptos answers every error with 500, which would
    /// make a refusal look like a crash. `None` when the body is not one.
    pub fn status_of_server_fn_answer(body: &[u8]) -> Option<u16> {
        let error: Self = serde_json::from_slice(body).ok()?;
        Some(match error {
            // On the server this only means the request could not be read.
            Self::Network(_) => 400,
            other => other.status(),
        })
    }
}

/// The shared state of the server, for server functions.
#[cfg(feature = "ssr")]
pub fn state() -> Result<server::AppState, AppError> {
    leptos::prelude::use_context::<server::AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}
