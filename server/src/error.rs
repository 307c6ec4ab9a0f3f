//! The one error type of Bazaar's services, and how machine routes answer it.

use std::borrow::Cow;

use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Serialize;
use texts::{Lang, Msg, Text, msg};

/// What can go wrong in a service, in terms a caller can act on. Refusals
/// carry a [`Text`], said in the language of whoever asked; the `Display`
/// form, for logs, is English.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,
    #[error("you need to sign in")]
    Unauthorized,
    #[error("you are not allowed to do that")]
    Forbidden,
    /// Allowed, but only once the account has a second sign-in step.
    #[error("two-step sign-in is required")]
    SecondStepRequired,
    /// Input that breaks a rule, with a message for each field concerned.
    #[error("{}", self.message(Lang::En))]
    Invalid(Vec<Problem>),
    #[error("{}", .0.say(Lang::En))]
    Conflict(Text),
    #[error("{}", self.message(Lang::En))]
    TooManyRequests { retry_after_secs: u64 },
    /// A backing service (database, Redis, payment provider) is unreachable;
    /// the message names it.
    #[error("{} is unavailable", Lang::En.t(*.0))]
    Unavailable(Msg),
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// One broken rule: the input field it concerns (empty for the whole form)
/// and what to do about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub field: Cow<'static, str>,
    pub message: Text,
}

/// Collects every problem of a form before answering, so a person sees all
/// of them at once.
#[derive(Debug, Default)]
pub struct Problems(Vec<Problem>);

impl Problems {
    /// Keeps the value of `result`, or records its problems; any other error
    /// is passed on.
    pub fn check<T>(&mut self, result: Result<T>) -> Result<Option<T>> {
        match result {
            Ok(value) => Ok(Some(value)),
            Err(Error::Invalid(problems)) => {
                self.0.extend(problems);
                Ok(None)
            }
            Err(other) => Err(other),
        }
    }

    pub fn add(&mut self, field: impl Into<Cow<'static, str>>, message: impl Into<Text>) {
        self.0.push(Problem {
            field: field.into(),
            message: message.into(),
        });
    }

    /// `Ok` when nothing was recorded.
    pub fn finish(self) -> Result<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(self.0))
        }
    }
}

/// The result of a service call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A validation failure tied to one input field.
    pub fn invalid(field: impl Into<Cow<'static, str>>, message: impl Into<Text>) -> Self {
        Self::Invalid(vec![Problem {
            field: field.into(),
            message: message.into(),
        }])
    }

    /// Any unexpected failure; its detail is logged, never shown.
    pub fn internal(error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self::Internal(error.into())
    }

    /// The error of a computation several callers waited for (a cache
    /// fill): each gets its own copy of what they can act on.
    pub fn shared(error: std::sync::Arc<Self>) -> Self {
        match &*error {
            Self::NotFound => Self::NotFound,
            Self::Unavailable(what) => Self::Unavailable(*what),
            Self::Conflict(text) => Self::Conflict(text.clone()),
            Self::Invalid(problems) => Self::Invalid(problems.clone()),
            other => Self::internal(other.to_string()),
        }
    }

    /// A conflict: a rule the current state of things refuses.
    pub fn conflict(message: impl Into<Text>) -> Self {
        Self::Conflict(message.into())
    }

    /// What a person is told, in their language: the same words as the
    /// app's error views.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::NotFound => lang.t(msg::ERROR_NOT_FOUND),
            Self::Unauthorized => lang.t(msg::ERROR_SIGN_IN),
            Self::Forbidden => lang.t(msg::ERROR_FORBIDDEN),
            Self::SecondStepRequired => lang.t(msg::ERROR_SECOND_STEP),
            Self::Unavailable(what) => lang.t_args(
                msg::ERROR_UNAVAILABLE_PART,
                &[("what", lang.t(*what).into())],
            ),
            Self::Internal(_) => lang.t(msg::ERROR_INTERNAL),
            Self::Invalid(problems) => problems
                .iter()
                .map(|problem| problem.message.say(lang))
                .collect::<Vec<_>>()
                .join(" "),
            Self::Conflict(text) => text.say(lang),
            Self::TooManyRequests { retry_after_secs } => {
                let text = match retry_after_secs {
                    0..=89 => Text::from(msg::PROBLEM_WAIT_SECONDS)
                        .with("seconds", (*retry_after_secs).max(1)),
                    _ => Text::from(msg::PROBLEM_WAIT_MINUTES)
                        .with("minutes", retry_after_secs.div_ceil(60)),
                };
                text.say(lang)
            }
        }
    }

    /// A stable machine-readable code for clients.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotFound => "not_found",
            Self::Unauthorized => "unauthorized",
            Self::Forbidden => "forbidden",
            Self::SecondStepRequired => "second_step_required",
            Self::Invalid(_) => "invalid",
            Self::Conflict(_) => "conflict",
            Self::TooManyRequests { .. } => "too_many_requests",
            Self::Unavailable(_) => "unavailable",
            Self::Internal(_) => "internal",
        }
    }

    /// The HTTP status this error answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden | Self::SecondStepRequired => StatusCode::FORBIDDEN,
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<sqlx::Error> for Error {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::RowNotFound => Self::NotFound,
            sqlx::Error::PoolTimedOut
            | sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::PoolClosed => {
                tracing::warn!(%error, "database unreachable");
                Self::Unavailable(msg::PART_DATABASE)
            }
            // Text PostgreSQL cannot store (a NUL byte) is bad input, not a
            // fault: 22021 is character_not_in_repertoire.
            sqlx::Error::Database(database) if database.code().as_deref() == Some("22021") => {
                Self::invalid("", msg::PROBLEM_FORBIDDEN_CHARACTER)
            }
            other => Self::internal(other),
        }
    }
}

/// A write that a unique constraint may refuse, as when two people take the
/// same address at the same moment: the refusal becomes the error `taken`
/// makes (a problem next to a field, or a conflict), any other failure the
/// usual one.
pub trait UniqueRefusal<T> {
    fn when_taken(self, taken: impl FnOnce() -> Error) -> Result<T>;
}

impl<T> UniqueRefusal<T> for std::result::Result<T, sqlx::Error> {
    fn when_taken(self, taken: impl FnOnce() -> Error) -> Result<T> {
        self.map_err(|error| match &error {
            sqlx::Error::Database(database) if database.is_unique_violation() => taken(),
            _ => error.into(),
        })
    }
}

impl From<tower_sessions::session::Error> for Error {
    fn from(error: tower_sessions::session::Error) -> Self {
        tracing::warn!(%error, "session store unreachable");
        Self::Unavailable(msg::PART_SESSION_STORE)
    }
}

impl From<fred::error::Error> for Error {
    fn from(error: fred::error::Error) -> Self {
        tracing::warn!(%error, "redis unreachable");
        Self::Unavailable(msg::PART_SESSION_STORE)
    }
}

/// The JSON body of an error answer on machine routes.
#[derive(Serialize)]
pub struct ErrorBody<'a> {
    pub code: &'a str,
    pub message: String,
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        if let Self::Internal(source) = &self {
            tracing::error!(error = %source, "internal error");
        }
        let status = self.status();
        let body = ErrorBody {
            code: self.code(),
            message: self.to_string(),
        };
        let mut response = (status, Json(body)).into_response();
        if let Self::TooManyRequests { retry_after_secs } = self {
            response
                .headers_mut()
                .insert(http::header::RETRY_AFTER, retry_after_secs.into());
        }
        response
    }
}
