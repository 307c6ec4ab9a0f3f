//! Forms that work the same with and without JavaScript.
//!
//! A form posts to a server function. Problems with the input come back
//! inside `Ok(Feedback)`, next to the input to show again. Hydrated, the
//! action's value carries the feedback; without JavaScript the browser is
//! redirected back to the form, so the feedback travels in the session as a
//! one-time flash that the page reads when it renders.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What a form shows after a submission.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    /// `(field, message)`; an empty field means the whole form.
    pub problems: Vec<(String, String)>,
    /// What the person typed, to fill the fields again (never passwords).
    pub values: Vec<(String, String)>,
    /// A confirmation once the submission succeeded.
    pub notice: Option<String>,
    /// A value shown in this answer only and never again, such as a new
    /// token's secret.
    pub reveal: Option<String>,
}

impl Feedback {
    pub fn notice(message: impl Into<String>) -> Self {
        Self {
            notice: Some(message.into()),
            ..Self::default()
        }
    }

    pub fn problem(&self, field: &str) -> Option<String> {
        self.problems
            .iter()
            .filter(|(name, _)| name == field)
            .map(|(_, message)| message.as_str())
            .reduce(|_, last| last)
            .map(str::to_owned)
    }

    pub fn value(&self, field: &str) -> Option<String> {
        self.values
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, value)| value.clone())
    }

    /// A problem with the whole form.
    pub fn form_problem(message: impl Into<String>) -> Self {
        Self {
            problems: vec![(String::new(), message.into())],
            ..Self::default()
        }
    }

    fn from_error(error: &AppError, lang: texts::Lang) -> Self {
        Self::form_problem(error.message(lang))
    }
}

/// The feedback a form shows: its action's last answer when sent by script,
/// otherwise the flash a plain form post left behind.
pub fn feedback(
    answer: impl Get<Value = Option<Result<Feedback, AppError>>> + Send + Sync + 'static,
    flash: Option<Feedback>,
) -> Signal<Feedback> {
    let lang = crate::i18n::use_lang();
    Signal::derive(move || match answer.get() {
        Some(Ok(feedback)) => feedback,
        Some(Err(error)) => Feedback::from_error(&error, lang),
        None => flash.clone().unwrap_or_default(),
    })
}

/// The secret an answer reveals (a new token, a signing secret), the one
/// time it is known, ready to copy.
#[component]
pub fn Revealed(feedback: Signal<Feedback>, label: &'static str) -> impl IntoView {
    move || {
        feedback.with(|f| f.reveal.clone()).map(|secret| {
            view! {
                <div class="card stack new-secret">
                    <label for="revealed-secret">{label}</label>
                    <input id="revealed-secret" class="input input--mono" readonly value=secret />
                </div>
            }
        })
    }
}

/// A labelled input with its problem shown next to it.
#[component]
pub fn Field(
    feedback: Signal<Feedback>,
    name: &'static str,
    #[prop(into)] label: Oco<'static, str>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "")] autocomplete: &'static str,
    #[prop(optional, into)] hint: Option<Oco<'static, str>>,
    #[prop(optional, into)] value: Option<String>,
    /// Checked by the browser before sending; may change, as for a field in
    /// a tab that is not showing, which the browser could not point at.
    #[prop(optional, into)]
    required: Signal<bool>,
    #[prop(optional)] input_mode: Option<&'static str>,
    /// Tells apart fields of the same name in several forms on one page.
    #[prop(optional)]
    form: Option<&'static str>,
) -> impl IntoView {
    let id = match form {
        Some(form) => format!("{form}-{name}"),
        None => format!("field-{name}"),
    };
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let problem = move || feedback.with(|f| f.problem(name));
    // Passwords are never sent back to the browser.
    let initial = if kind == "password" {
        None
    } else {
        feedback.with_untracked(|f| f.value(name)).or(value)
    };
    let has_hint = hint.is_some();
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if problem().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field--invalid=move || problem().is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id.clone()>{hint}</p> })}
            {if kind == "textarea" {
                view! {
                    <textarea
                        id=id.clone()
                        name=name
                        class="input"
                        rows="5"
                        required=move || required.get()
                        aria-invalid=move || problem().is_some().then_some("true")
                        aria-describedby=described_by.clone()
                    >
                        {crate::escape::unescaped_element_text(initial.clone().unwrap_or_default())}
                    </textarea>
                }
                    .into_any()
            } else {
                view! {
                    <input
                        id=id.clone()
                        name=name
                        type=kind
                        class="input"
                        value=initial.clone()
                        autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                        inputmode=input_mode
                        required=move || required.get()
                        aria-invalid=move || problem().is_some().then_some("true")
                        aria-describedby=described_by.clone()
                    />
                }
                    .into_any()
            }}
            {move || problem().map(|message| view! { <p class="field__error" id=error_id.clone()>{message}</p> })}
        </div>
    }
}

/// The problems that concern the whole form, and the success notice.
#[component]
pub fn FormStatus(feedback: Signal<Feedback>) -> impl IntoView {
    view! {
        <div aria-live="polite">
            {move || {
                feedback
                    .with(|f| f.problem(""))
                    .map(|message| view! { <p class="alert alert--error" role="alert">{message}</p> })
            }}
            {move || {
                feedback
                    .with(|f| f.notice.clone())
                    .map(|message| view! { <p class="alert alert--success">{message}</p> })
            }}
        </div>
    }
}

/// A submit button that says so while the request is under way.
#[component]
pub fn Submit(
    #[prop(into)] label: Oco<'static, str>,
    pending: Signal<bool>,
    #[prop(default = "button button--primary")] class: &'static str,
) -> impl IntoView {
    let waiting = crate::i18n::use_lang().t(crate::i18n::msg::PLEASE_WAIT);
    view! {
        <button class=class type="submit" aria-disabled=move || pending.get().then_some("true")>
            {move || if pending.get() { waiting.clone() } else { label.to_string() }}
        </button>
    }
}

#[cfg(feature = "ssr")]
pub mod ssr {
    //! The server side of forms: answering a submission and the flash.

    use super::Feedback;
    use crate::{error::AppError, session};

    fn flash_key(form: &str) -> String {
        format!("flash:{form}")
    }

    /// Whether the request is a plain HTML form post (JavaScript off).
    fn is_plain_form_post() -> bool {
        leptos::prelude::use_context::<http::request::Parts>().is_some_and(|parts| {
            parts
                .headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
        })
    }

    /// Keeps `feedback` for the page a plain form post is sent back to.
    pub async fn remember(form: &str, feedback: &Feedback) {
        if !is_plain_form_post() {
            return;
        }
        if let Ok(session) = session::current().await
            && let Err(error) = session.insert(&flash_key(form), feedback).await
        {
            tracing::warn!(%error, "could not keep the form's feedback");
        }
    }

    /// Takes (and so removes) the flash a plain form post left for `form`.
    /// Saved at once: a page streams, and the session layer may already have
    /// decided whether to save by the time the page's resources run, which
    /// would leave the flash to show again on the next visit.
    pub(crate) async fn take(form: &str) -> Option<Feedback> {
        let session = session::current().await.ok()?;
        let taken = session
            .remove::<Feedback>(&flash_key(form))
            .await
            .ok()
            .flatten()?;
        if let Err(error) = session.save().await {
            tracing::warn!(%error, "could not forget the form's feedback");
        }
        Some(taken)
    }

    /// The answer to a submission that succeeded with `message`.
    pub async fn done(form: &str, message: impl Into<String>) -> Result<Feedback, AppError> {
        let feedback = Feedback::notice(message);
        remember(form, &feedback).await;
        Ok(feedback)
    }

    /// The answer to a submission the service refused: problems a person can
    /// fix become feedback with their input kept; anything else is an error.
    pub async fn refused(
        form: &str,
        error: server::Error,
        values: &[(&str, &str)],
    ) -> Result<Feedback, AppError> {
        use server::Error as E;
        let lang = crate::i18n::request_lang();
        let problems = match error {
            E::Invalid(problems) => problems
                .into_iter()
                .map(|p| (p.field.into_owned(), p.message.say(lang)))
                .collect(),
            error @ (E::Conflict(_) | E::TooManyRequests { .. } | E::Unavailable(_)) => {
                vec![(String::new(), error.message(lang))]
            }
            other => return Err(other.into()),
        };
        let feedback = Feedback {
            problems,
            values: values
                .iter()
                .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
                .collect(),
            notice: None,
            reveal: None,
        };
        remember(form, &feedback).await;
        Ok(feedback)
    }

    /// `Ok` becomes `done`, `Err` becomes `refused`.
    /// A message in the language of the page that asked.
    pub fn say(message: crate::i18n::Msg) -> String {
        crate::i18n::request_lang().t(message)
    }

    pub async fn answer<T>(
        form: &str,
        outcome: server::Result<T>,
        message: &str,
        values: &[(&str, &str)],
    ) -> Result<Feedback, AppError> {
        match outcome {
            Ok(_) => done(form, message).await,
            Err(error) => refused(form, error, values).await,
        }
    }
}
