//! Server functions for accounts: thin wrappers over `server::accounts`.

use leptos::prelude::*;

use super::{AccountView, MailView, SessionView, Viewer};
use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    super::{forms, safe_next},
    crate::{error::state, forms::ssr as form, session},
    server::accounts::{Role, login, profile, recovery, registration, sessions},
};

/// The signed-in person, or `None`. When the session store is down the
/// visitor is shown as signed out rather than the page failing.
#[server]
pub async fn current_viewer() -> Result<Option<Viewer>, AppError> {
    let user = match session::user().await {
        Ok(user) => user,
        Err(AppError::Unavailable(_)) => None,
        Err(error) => return Err(error),
    };
    Ok(user.map(|user| Viewer {
        is_seller: user.has_role(Role::Seller) && !user.stores.is_empty(),
        is_admin: user.has_role(Role::Admin),
        name: user.name,
        email: user.email,
        verified: user.verified,
    }))
}

/// The demo accounts, listed on the sign-in page in local development only.
#[server]
pub async fn demo_accounts() -> Result<Vec<(String, String)>, AppError> {
    let state = state()?;
    if state.config.env != server::config::AppEnv::Dev {
        return Ok(Vec::new());
    }
    Ok(server::seed::demo::DEMO_ACCOUNTS
        .iter()
        .map(|(email, role)| ((*email).to_owned(), (*role).to_owned()))
        .collect())
}

#[server]
pub async fn register(email: String, password: String, name: String) -> Result<Feedback, AppError> {
    let state = state()?;
    let input = registration::Registration {
        email: email.clone(),
        password,
        name: name.clone(),
    };
    match registration::register(&state, &session::meta(), &input).await {
        Ok(email) => {
            leptos_axum::redirect(&format!(
                "/verify-email?sent={}",
                form_urlencoded::byte_serialize(email.as_str().as_bytes()).collect::<String>()
            ));
            Ok(Feedback::default())
        }
        Err(error) => {
            form::refused(
                forms::REGISTER,
                error,
                &[("email", &email), ("name", &name)],
            )
            .await
        }
    }
}

/// Confirms the address of a mailed link. A button press, not the visit
/// itself: mail scanners that open links must not use them up.
#[server]
pub async fn verify_email_link(token: String) -> Result<Feedback, AppError> {
    let state = state()?;
    let outcome = registration::verify_link(&state, &session::meta(), &token).await;
    form::answer(
        forms::VERIFY_LINK,
        outcome,
        "Your email address is confirmed. Thank you!",
        &[],
    )
    .await
}

#[server]
pub async fn verify_email_code(email: String, code: String) -> Result<Feedback, AppError> {
    let state = state()?;
    let outcome = registration::verify_code(&state, &session::meta(), &email, &code).await;
    form::answer(
        forms::VERIFY,
        outcome,
        "Your email address is confirmed. Thank you!",
        &[("email", &email)],
    )
    .await
}

#[server]
pub async fn resend_verification(email: String) -> Result<Feedback, AppError> {
    let state = state()?;
    let outcome = registration::resend(&state, &session::meta(), &email).await;
    form::answer(
        forms::RESEND,
        outcome,
        "If that address still needs confirming, a new link and code are on their way.",
        &[("email", &email)],
    )
    .await
}

#[server]
pub async fn log_in(email: String, password: String, next: String) -> Result<Feedback, AppError> {
    let state = state()?;
    let session = session::current().await?;
    let mut meta = session::meta();
    let device = meta
        .device
        .get_or_insert_with(server::accounts::throttle::new_device)
        .clone();
    match login::log_in(&state, &session, &meta, &email, &password).await {
        Ok(_) => {
            session::remember_device(&state.config, &device);
            leptos_axum::redirect(&safe_next(&next));
            Ok(Feedback::default())
        }
        Err(error) => form::refused(forms::LOGIN, error, &[("email", &email)]).await,
    }
}

#[server]
pub async fn log_out() -> Result<(), AppError> {
    let state = state()?;
    let session = session::current().await?;
    login::log_out(&state, &session, &session::meta()).await?;
    leptos_axum::redirect("/");
    Ok(())
}

#[server]
pub async fn forgot_password(email: String) -> Result<Feedback, AppError> {
    let state = state()?;
    // The link goes out on its own after the answer.
    let outcome = recovery::request_reset(&state, &session::meta(), &email)
        .await
        .map(drop);
    form::answer(
        forms::FORGOT,
        outcome,
        "If an account uses that address, a link to choose a new password is on its way. It works for 30 minutes.",
        &[("email", &email)],
    )
    .await
}

/// Whether a reset link can still be used.
#[server]
pub async fn check_reset_link(token: String) -> Result<bool, AppError> {
    let state = state()?;
    match recovery::check_link(&state, &token).await {
        Ok(()) => Ok(true),
        Err(server::Error::Invalid(_)) => Ok(false),
        Err(error) => Err(error.into()),
    }
}

#[server]
pub async fn reset_password(token: String, password: String) -> Result<Feedback, AppError> {
    let state = state()?;
    match recovery::reset(&state, &session::meta(), &token, &password).await {
        Ok(()) => {
            leptos_axum::redirect("/login?reset=done");
            Ok(Feedback::default())
        }
        Err(error) => form::refused(forms::RESET, error, &[]).await,
    }
}

#[server]
pub async fn account() -> Result<AccountView, AppError> {
    let user = session::signed_in().await?;
    Ok(AccountView {
        owns_store: user.stores.iter().any(|s| s.role == "owner"),
        name: user.name,
        email: user.email,
        verified: user.verified,
    })
}

#[server]
pub async fn rename(name: String) -> Result<Feedback, AppError> {
    let state = state()?;
    let user = session::signed_in().await?;
    let outcome = profile::rename(&state, &session::meta(), &user, &name).await;
    form::answer(
        forms::PROFILE,
        outcome,
        "Your name is saved.",
        &[("name", &name)],
    )
    .await
}

#[server]
pub async fn change_email(
    new_email: String,
    current_password: String,
) -> Result<Feedback, AppError> {
    let state = state()?;
    let user = session::signed_in().await?;
    let outcome = profile::request_email_change(
        &state,
        &session::meta(),
        &user,
        &new_email,
        &current_password,
    )
    .await;
    form::answer(
        forms::EMAIL,
        outcome,
        "Check the new address: the change happens once you confirm it there.",
        &[("new_email", &new_email)],
    )
    .await
}

#[server]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<Feedback, AppError> {
    let state = state()?;
    let user = session::signed_in().await?;
    let session = session::current().await?;
    let outcome = profile::change_password(
        &state,
        &session,
        &session::meta(),
        &user,
        &current_password,
        &new_password,
    )
    .await;
    form::answer(
        forms::PASSWORD,
        outcome,
        "Your password is changed. Every other session has ended.",
        &[],
    )
    .await
}

#[server]
pub async fn sessions() -> Result<Vec<SessionView>, AppError> {
    let state = state()?;
    let user = session::signed_in().await?;
    let list = sessions::list(&state.db, &state.config, user.id).await?;
    Ok(list
        .into_iter()
        .map(|s| SessionView {
            current: s.id == user.session_id,
            id: s.id.to_string(),
            device: s
                .user_agent
                .as_deref()
                .map_or_else(|| "Unknown device".to_owned(), describe_device),
            ip: s.ip.unwrap_or_default(),
            signed_in: s.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            last_seen: s.last_seen_at.format("%Y-%m-%d %H:%M UTC").to_string(),
        })
        .collect())
}

#[server]
pub async fn end_session(id: String) -> Result<(), AppError> {
    let state = state()?;
    let user = session::signed_in().await?;
    let id = id.parse().map_err(|_| AppError::NotFound)?;
    sessions::end_one(&state.db, user.id, id).await?;
    Ok(())
}

#[server]
pub async fn deactivate_account(
    current_password: String,
    confirm: Option<String>,
) -> Result<Feedback, AppError> {
    if confirm.as_deref() != Some("yes") {
        let problem = server::Error::invalid("confirm", "Tick the box to confirm.");
        return form::refused(forms::DEACTIVATE, problem, &[]).await;
    }
    let state = state()?;
    let user = session::signed_in().await?;
    let session = session::current().await?;
    match profile::deactivate(&state, &session, &session::meta(), &user, &current_password).await {
        Ok(()) => {
            leptos_axum::redirect("/?account=deactivated");
            Ok(Feedback::default())
        }
        Err(error) => form::refused(forms::DEACTIVATE, error, &[]).await,
    }
}

#[server]
pub async fn delete_account(
    current_password: String,
    confirm: Option<String>,
) -> Result<Feedback, AppError> {
    if confirm.as_deref() != Some("yes") {
        let problem = server::Error::invalid("confirm", "Tick the box to confirm.");
        return form::refused(forms::DELETE, problem, &[]).await;
    }
    let state = state()?;
    let user = session::signed_in().await?;
    let session = session::current().await?;
    match profile::delete(&state, &session, &session::meta(), &user, &current_password).await {
        Ok(()) => {
            leptos_axum::redirect("/?account=deleted");
            Ok(Feedback::default())
        }
        Err(error) => form::refused(forms::DELETE, error, &[]).await,
    }
}

/// The dev mailbox; not found unless mail stays local.
#[server]
pub async fn dev_mailbox() -> Result<Vec<MailView>, AppError> {
    let state = state()?;
    if !state.config.uses_dev_mailbox() {
        return Err(AppError::NotFound);
    }
    let messages = server::mail::outbox::latest(&state.db, 50).await?;
    Ok(messages
        .into_iter()
        .map(|m| MailView {
            id: m.id,
            to: m.to_address,
            subject: m.subject,
            text: m.text_body,
            at: m.created_at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
            sent: m.sent_at.is_some(),
        })
        .collect())
}

/// "Firefox on Linux" from a user agent string, good enough to recognise a device.
#[cfg(feature = "ssr")]
fn describe_device(user_agent: &str) -> String {
    let browser = [
        ("Edg/", "Edge"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .into_iter()
    .find(|(needle, _)| user_agent.contains(needle))
    .map_or("A browser", |(_, name)| name);
    let system = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS", "macOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(needle, _)| user_agent.contains(needle))
    .map_or("an unknown system", |(_, name)| name);
    format!("{browser} on {system}")
}
