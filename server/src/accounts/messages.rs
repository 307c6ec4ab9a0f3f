//! The messages about an account: verifying, resetting, signing in, changes
//! to it and the stores it joins. Links are built from the configured
//! `APP_URL`, never from a request's Host header.

use super::tokens::EXPIRY_MINUTES;
use crate::mail::Message;

fn greeting(name: &str) -> String {
    if name.trim().is_empty() {
        "Hello,".to_owned()
    } else {
        format!("Hello {},", name.trim())
    }
}

pub fn verify_email(to: &str, name: &str, app_url: &str, token: &str, code: &str) -> Message {
    Message::new(to, "Confirm your email address")
        .paragraph(greeting(name))
        .paragraph("Please confirm that this is your email address for Bazaar.")
        .link(
            "Confirm my email address",
            format!("{app_url}/verify-email?token={token}"),
        )
        .paragraph("Or enter this code on the confirmation page:")
        .code(code)
        .paragraph(format!(
            "The link and the code work once and for {EXPIRY_MINUTES} minutes. \
             If you did not ask for this, you can ignore this message."
        ))
}

pub fn registration_attempt(to: &str, app_url: &str) -> Message {
    Message::new(to, "Someone tried to register with your email")
        .paragraph("Hello,")
        .paragraph(
            "Someone tried to create a Bazaar account with this email address, \
             which already has one. If it was you, sign in instead; if you have \
             forgotten your password, you can choose a new one.",
        )
        .link("Sign in", format!("{app_url}/login"))
        .link("Reset my password", format!("{app_url}/forgot-password"))
        .paragraph("If it was not you, you need not do anything: your account is unchanged.")
}

pub fn password_reset(to: &str, app_url: &str, token: &str) -> Message {
    Message::new(to, "Reset your Bazaar password")
        .paragraph("Hello,")
        .paragraph("Someone asked to reset the password of your Bazaar account.")
        .link(
            "Choose a new password",
            format!("{app_url}/reset-password?token={token}"),
        )
        .paragraph(format!(
            "The link works once and for {EXPIRY_MINUTES} minutes. If you did not \
             ask for it, ignore this message: your password stays as it is."
        ))
}

pub fn sign_in_slowed(to: &str, app_url: &str) -> Message {
    Message::new(to, "Someone is trying to sign in to your Bazaar account")
        .paragraph("Hello,")
        .paragraph(
            "Several sign-ins to your Bazaar account just failed with a wrong \
             password, so sign-ins from new devices now have to wait a while. \
             Browsers you signed in with before are not affected.",
        )
        .paragraph(
            "If this was you, there is nothing to do. If it was not, your \
             password held; to be safe you can choose a new one:",
        )
        .link("Reset my password", format!("{app_url}/forgot-password"))
}

pub fn password_changed(to: &str, app_url: &str) -> Message {
    Message::new(to, "Your Bazaar password was changed")
        .paragraph("Hello,")
        .paragraph(
            "The password of your Bazaar account was just changed, and every \
             session signed in with the old one has ended.",
        )
        .paragraph("If this was not you, reset your password now:")
        .link("Reset my password", format!("{app_url}/forgot-password"))
}

pub fn email_change_notice(to: &str, new_email: &str) -> Message {
    Message::new(to, "Your Bazaar email address is changing")
        .paragraph("Hello,")
        .paragraph(format!(
            "Someone asked to change the email address of your Bazaar account to \
             {new_email}. The change happens once the new address is confirmed."
        ))
        .paragraph(
            "If this was not you, change your password at once: the request was \
             made from a signed-in session.",
        )
}

pub fn email_changed(to: &str, new_email: &str) -> Message {
    Message::new(to, "Your Bazaar email address was changed")
        .paragraph("Hello,")
        .paragraph(format!(
            "Your Bazaar account now uses {new_email}. Mail about your account and \
             orders goes there from now on."
        ))
}

pub fn account_deactivated(to: &str) -> Message {
    Message::new(to, "Your Bazaar account was deactivated")
        .paragraph("Hello,")
        .paragraph(
            "Your Bazaar account was deactivated and every session ended. Write \
             to the platform's support if you want it back.",
        )
}

pub fn added_to_store(to: &str, app_url: &str, store: &str) -> Message {
    Message::new(to, format!("You now work for {store} on Bazaar"))
        .paragraph("Hello,")
        .paragraph(format!(
            "The owner of {store} added you to the store as staff: you can manage its \
             products and orders from the seller admin."
        ))
        .link("Open the seller admin", format!("{app_url}/seller"))
        .paragraph("If you did not expect this, ask the store's owner to remove you.")
}

pub fn admin_access_alert(to: &str, who: &str, count: i64) -> Message {
    Message::new(to, "Repeated refused admin access")
        .paragraph("Hello,")
        .paragraph(format!(
            "{who} was refused access to the admin area {count} times within an \
             hour. The audit log has every attempt."
        ))
}

pub fn api_token_created(to: &str, app_url: &str, name: &str) -> Message {
    Message::new(to, "A new API token for your Bazaar account")
        .paragraph("Hello,")
        .paragraph(format!(
            "An API token called \u{201c}{name}\u{201d} was just made for your Bazaar \
             account. Programs holding it can act for you within its scopes."
        ))
        .paragraph("If this was not you, revoke it and change your password:")
        .link("Your API tokens", format!("{app_url}/account/tokens"))
}

pub fn two_step_changed(to: &str, app_url: &str, on: bool) -> Message {
    let (subject, what) = if on {
        (
            "Two-step sign-in is on",
            "Two-step sign-in was just turned on for your Bazaar account: \
             signing in now also asks for a code from your authenticator app.",
        )
    } else {
        (
            "Two-step sign-in is off",
            "Two-step sign-in was just turned off for your Bazaar account: \
             a password alone now signs in.",
        )
    };
    Message::new(to, subject)
        .paragraph("Hello,")
        .paragraph(what)
        .paragraph("If this was not you, reset your password now:")
        .link("Reset my password", format!("{app_url}/forgot-password"))
}

pub fn passkey_changed(to: &str, app_url: &str, name: &str, added: bool) -> Message {
    let (subject, what) = if added {
        (
            "A passkey was added",
            format!(
                "The passkey “{name}” was just added to your Bazaar account: it can now sign you in."
            ),
        )
    } else {
        (
            "A passkey was removed",
            format!(
                "The passkey “{name}” was just removed from your Bazaar account and no longer signs you in."
            ),
        )
    };
    Message::new(to, subject)
        .paragraph("Hello,")
        .paragraph(what)
        .paragraph("If this was not you, reset your password now:")
        .link("Reset my password", format!("{app_url}/forgot-password"))
}

pub fn two_step_reset(to: &str, app_url: &str) -> Message {
    Message::new(to, "Two-step sign-in was reset")
        .paragraph("Hello,")
        .paragraph(
            "A Bazaar platform admin turned off two-step sign-in for your account, \
             as is done for someone who lost their authenticator app and recovery codes. \
             You were signed out everywhere; your password alone now signs in. \
             Set up two-step sign-in again on your security page.",
        )
        .link(
            "Open my security page",
            format!("{app_url}/account/security"),
        )
        .paragraph("If you did not ask for this, reset your password now:")
        .link("Reset my password", format!("{app_url}/forgot-password"))
}

pub fn recovery_code_used(to: &str, app_url: &str, left: i64) -> Message {
    Message::new(to, "A recovery code was used")
        .paragraph("Hello,")
        .paragraph(format!(
            "Someone just signed in to your Bazaar account with one of its \
             recovery codes; {left} unused codes are left. If you lost your \
             authenticator app, set it up again and make new codes."
        ))
        .paragraph("If this was not you, reset your password now:")
        .link("Reset my password", format!("{app_url}/forgot-password"))
}
