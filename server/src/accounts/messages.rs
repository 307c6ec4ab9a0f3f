//! The messages about an account: verifying, resetting, signing in, changes
//! to it and the stores it joins, each in the language of the person it goes
//! to (see [`super::users::language_of`]). Links are built from the
//! configured `APP_URL`, never from a request's Host header, and lead to the
//! pages in that language.

use texts::{Lang, msg};

use super::tokens::EXPIRY_MINUTES;
use crate::mail::Message;

/// `path` on the site, in `lang`.
fn url(app_url: &str, lang: Lang, path: &str) -> String {
    format!("{app_url}{}", lang.path(path))
}

/// A message in `lang` that starts with a greeting.
fn message(lang: Lang, to: &str, subject: String) -> Message {
    Message::new(to, subject).paragraph(lang.t(msg::MAIL_HELLO))
}

/// Ends a message about a change to the account with what to do if the
/// owner did not make it.
fn not_you(message: Message, lang: Lang, app_url: &str) -> Message {
    message.paragraph(lang.t(msg::MAIL_NOT_YOU_RESET)).link(
        lang.t(msg::MAIL_RESET_PASSWORD),
        url(app_url, lang, "/forgot-password"),
    )
}

pub fn verify_email(
    lang: Lang,
    to: &str,
    name: &str,
    app_url: &str,
    token: &str,
    code: &str,
) -> Message {
    let greeting = if name.trim().is_empty() {
        lang.t(msg::MAIL_HELLO)
    } else {
        lang.t_args(
            msg::MAIL_HELLO_NAME,
            &[("name", name.trim().to_owned().into())],
        )
    };
    Message::new(to, lang.t(msg::MAIL_VERIFY_SUBJECT))
        .paragraph(greeting)
        .paragraph(lang.t(msg::MAIL_VERIFY_BODY))
        .link(
            lang.t(msg::MAIL_VERIFY_LINK),
            url(app_url, lang, &format!("/verify-email?token={token}")),
        )
        .paragraph(lang.t(msg::MAIL_VERIFY_CODE))
        .code(code)
        .paragraph(lang.t_args(
            msg::MAIL_VERIFY_EXPIRY,
            &[("minutes", EXPIRY_MINUTES.into())],
        ))
}

pub fn registration_attempt(lang: Lang, to: &str, app_url: &str) -> Message {
    message(lang, to, lang.t(msg::MAIL_TAKEN_SUBJECT))
        .paragraph(lang.t(msg::MAIL_TAKEN_BODY))
        .link(lang.t(msg::MAIL_SIGN_IN), url(app_url, lang, "/login"))
        .link(
            lang.t(msg::MAIL_RESET_PASSWORD),
            url(app_url, lang, "/forgot-password"),
        )
        .paragraph(lang.t(msg::MAIL_TAKEN_NOT_YOU))
}

pub fn password_reset(lang: Lang, to: &str, app_url: &str, token: &str) -> Message {
    message(lang, to, lang.t(msg::MAIL_RESET_SUBJECT))
        .paragraph(lang.t(msg::MAIL_RESET_BODY))
        .link(
            lang.t(msg::MAIL_RESET_LINK),
            url(app_url, lang, &format!("/reset-password?token={token}")),
        )
        .paragraph(lang.t_args(
            msg::MAIL_RESET_EXPIRY,
            &[("minutes", EXPIRY_MINUTES.into())],
        ))
}

pub fn sign_in_slowed(lang: Lang, to: &str, app_url: &str) -> Message {
    message(lang, to, lang.t(msg::MAIL_SLOWED_SUBJECT))
        .paragraph(lang.t(msg::MAIL_SLOWED_BODY))
        .paragraph(lang.t(msg::MAIL_SLOWED_ADVICE))
        .link(
            lang.t(msg::MAIL_RESET_PASSWORD),
            url(app_url, lang, "/forgot-password"),
        )
}

pub fn password_changed(lang: Lang, to: &str, app_url: &str) -> Message {
    let message = message(lang, to, lang.t(msg::MAIL_PASSWORD_CHANGED_SUBJECT))
        .paragraph(lang.t(msg::MAIL_PASSWORD_CHANGED_BODY));
    not_you(message, lang, app_url)
}

pub fn email_change_notice(lang: Lang, to: &str, new_email: &str) -> Message {
    message(lang, to, lang.t(msg::MAIL_EMAIL_CHANGING_SUBJECT))
        .paragraph(lang.t_args(
            msg::MAIL_EMAIL_CHANGING_BODY,
            &[("email", new_email.to_owned().into())],
        ))
        .paragraph(lang.t(msg::MAIL_EMAIL_CHANGING_ADVICE))
}

pub fn email_changed(lang: Lang, to: &str, new_email: &str) -> Message {
    message(lang, to, lang.t(msg::MAIL_EMAIL_CHANGED_SUBJECT)).paragraph(lang.t_args(
        msg::MAIL_EMAIL_CHANGED_BODY,
        &[("email", new_email.to_owned().into())],
    ))
}

pub fn account_deactivated(lang: Lang, to: &str) -> Message {
    message(lang, to, lang.t(msg::MAIL_DEACTIVATED_SUBJECT))
        .paragraph(lang.t(msg::MAIL_DEACTIVATED_BODY))
}

pub fn added_to_store(lang: Lang, to: &str, app_url: &str, store: &str) -> Message {
    let store = [("store", store.to_owned().into())];
    message(lang, to, lang.t_args(msg::MAIL_STAFF_SUBJECT, &store))
        .paragraph(lang.t_args(msg::MAIL_STAFF_BODY, &store))
        .link(lang.t(msg::MAIL_STAFF_LINK), url(app_url, lang, "/seller"))
        .paragraph(lang.t(msg::MAIL_STAFF_UNEXPECTED))
}

pub fn admin_access_alert(lang: Lang, to: &str, who: &str, count: i64) -> Message {
    message(lang, to, lang.t(msg::MAIL_ADMIN_ALERT_SUBJECT)).paragraph(lang.t_args(
        msg::MAIL_ADMIN_ALERT_BODY,
        &[("who", who.to_owned().into()), ("count", count.into())],
    ))
}

pub fn api_token_created(lang: Lang, to: &str, app_url: &str, name: &str) -> Message {
    message(lang, to, lang.t(msg::MAIL_TOKEN_SUBJECT))
        .paragraph(lang.t_args(msg::MAIL_TOKEN_BODY, &[("name", name.to_owned().into())]))
        .paragraph(lang.t(msg::MAIL_TOKEN_ADVICE))
        .link(
            lang.t(msg::MAIL_TOKEN_LINK),
            url(app_url, lang, "/account/tokens"),
        )
}

pub fn two_step_changed(lang: Lang, to: &str, app_url: &str, on: bool) -> Message {
    let (subject, what) = if on {
        (msg::MAIL_TWO_STEP_ON_SUBJECT, msg::MAIL_TWO_STEP_ON_BODY)
    } else {
        (msg::MAIL_TWO_STEP_OFF_SUBJECT, msg::MAIL_TWO_STEP_OFF_BODY)
    };
    let message = message(lang, to, lang.t(subject)).paragraph(lang.t(what));
    not_you(message, lang, app_url)
}

pub fn passkey_changed(lang: Lang, to: &str, app_url: &str, name: &str, added: bool) -> Message {
    let (subject, what) = if added {
        (
            msg::MAIL_PASSKEY_ADDED_SUBJECT,
            msg::MAIL_PASSKEY_ADDED_BODY,
        )
    } else {
        (
            msg::MAIL_PASSKEY_REMOVED_SUBJECT,
            msg::MAIL_PASSKEY_REMOVED_BODY,
        )
    };
    let message = message(lang, to, lang.t(subject))
        .paragraph(lang.t_args(what, &[("name", name.to_owned().into())]));
    not_you(message, lang, app_url)
}

pub fn two_step_reset(lang: Lang, to: &str, app_url: &str) -> Message {
    message(lang, to, lang.t(msg::MAIL_TWO_STEP_RESET_SUBJECT))
        .paragraph(lang.t(msg::MAIL_TWO_STEP_RESET_BODY))
        .link(
            lang.t(msg::MAIL_TWO_STEP_RESET_LINK),
            url(app_url, lang, "/account/security"),
        )
        .paragraph(lang.t(msg::MAIL_TWO_STEP_RESET_ADVICE))
        .link(
            lang.t(msg::MAIL_RESET_PASSWORD),
            url(app_url, lang, "/forgot-password"),
        )
}

pub fn recovery_code_used(lang: Lang, to: &str, app_url: &str, left: i64) -> Message {
    let message = message(lang, to, lang.t(msg::MAIL_RECOVERY_USED_SUBJECT))
        .paragraph(lang.t_args(msg::MAIL_RECOVERY_USED_BODY, &[("left", left.into())]));
    not_you(message, lang, app_url)
}
