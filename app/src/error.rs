//! The error pages and server functions speak: serialisable, safe to show.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};
use texts::errors;

/// What went wrong, as a page or form can show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("{}", errors::NOT_FOUND)]
    NotFound,
    #[error("{}", errors::SIGN_IN)]
    Unauthorized,
    #[error("{}", errors::FORBIDDEN)]
    Forbidden,
    #[error("{}", errors::SECOND_STEP_REQUIRED)]
    SecondStepRequired,
    #[error("{}", .0.iter().map(|(_, message)| message.as_str()).collect::<Vec<_>>().join(" "))]
    Invalid(Vec<(String, String)>),
    #[error("{0}")]
    Conflict(String),
    #[error("{}", errors::TOO_MANY_REQUESTS)]
    TooManyRequests,
    #[error("{}", errors::unavailable(.0))]
    Unavailable(String),
    #[error("{}", errors::INTERNAL)]
    Internal,
    /// The request never reached the server, or its answer could not be read.
    #[error("{}", errors::NETWORK)]
    Network(String),
}

impl AppError {
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

#[cfg(feature = "ssr")]
impl From<server::Error> for AppError {
    fn from(error: server::Error) -> Self {
        use server::Error as E;
        match error {
            E::NotFound => Self::NotFound,
            E::Unauthorized => Self::Unauthorized,
            E::Forbidden => Self::Forbidden,
            E::SecondStepRequired => Self::SecondStepRequired,
            E::Invalid(problems) => Self::Invalid(
                problems
                    .into_iter()
                    .map(|p| (p.field.into_owned(), p.message))
                    .collect(),
            ),
            E::Conflict(message) => Self::Conflict(message),
            E::TooManyRequests { .. } => Self::TooManyRequests,
            E::Unavailable(what) => Self::Unavailable(what.into()),
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
