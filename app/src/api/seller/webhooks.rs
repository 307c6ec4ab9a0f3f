//! `/seller/settings/webhooks`: the store's webhook endpoints, their signing
//! secrets (shown once) and the delivery log, over `server::seller::webhooks`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    super::settings::forms,
    crate::{api::to_the_minute, error::state, forms::ssr as form, session},
    server::{seller::webhooks, webhooks::Kind},
    texts::msg,
};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndpointView {
    pub id: i64,
    pub url: String,
    pub events: Vec<String>,
    /// The secret's last characters.
    pub secret_hint: String,
    pub created: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryView {
    pub id: i64,
    pub url: String,
    pub kind: String,
    pub event_id: String,
    /// `delivered`, `failed` (given up) or `pending`.
    pub state: String,
    pub attempts: i32,
    /// The status code, or what went wrong when there was none.
    pub last_response: Option<String>,
    pub last_attempt: Option<String>,
    /// When a pending delivery is tried next.
    pub next_attempt: Option<String>,
}

/// An event an endpoint may listen to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventChoice {
    pub name: String,
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhooksView {
    pub endpoints: Vec<EndpointView>,
    pub deliveries: Vec<DeliveryView>,
    pub events: Vec<EventChoice>,
    /// Only the owner adds, rotates and removes endpoints.
    pub is_owner: bool,
}

#[server]
pub async fn webhooks_page() -> Result<WebhooksView, AppError> {
    let scope = session::store_scope().await?;
    let state = state()?;
    let endpoints = webhooks::endpoints(&state, scope)
        .await?
        .into_iter()
        .map(|endpoint| EndpointView {
            id: endpoint.id,
            url: endpoint.url,
            events: endpoint.events,
            secret_hint: endpoint.secret_hint,
            created: to_the_minute(endpoint.created_at),
        })
        .collect();
    let deliveries = webhooks::deliveries(&state, scope)
        .await?
        .into_iter()
        .map(|delivery| {
            let state = delivery.state();
            DeliveryView {
                id: delivery.id,
                state: state.to_owned(),
                url: delivery.url,
                kind: delivery.kind,
                event_id: delivery.event_id.to_string(),
                attempts: delivery.attempts,
                last_response: match (delivery.last_status, delivery.last_error) {
                    (Some(status), _) => Some(status.to_string()),
                    (None, error) => error,
                },
                last_attempt: delivery.last_attempt_at.map(to_the_minute),
                next_attempt: (state == "pending").then(|| to_the_minute(delivery.next_attempt_at)),
            }
        })
        .collect();
    let events = Kind::ALL
        .into_iter()
        .map(|kind| EventChoice {
            name: kind.name().to_owned(),
            description: kind.description().to_owned(),
        })
        .collect();
    Ok(WebhooksView {
        endpoints,
        deliveries,
        events,
        is_owner: scope.require_owner().is_ok(),
    })
}

#[server]
pub async fn add_webhook(
    url: String,
    #[server(default)] events: Vec<String>,
) -> Result<Feedback, AppError> {
    let scope = session::store_scope().await?;
    let state = state()?;
    match webhooks::add(&state, &session::meta(), scope, &url, &events).await {
        Ok((_, secret)) => {
            let feedback = Feedback {
                reveal: Some(secret),
                ..Feedback::notice(
                    "Endpoint added. Copy its signing secret now: it is not shown again.",
                )
            };
            form::remember(forms::WEBHOOKS, &feedback).await;
            Ok(feedback)
        }
        Err(error) => form::refused(forms::WEBHOOKS, error, &[("url", &url)]).await,
    }
}

/// Rotates an endpoint's secret (`rotate`) or removes it (`remove`), once
/// the box is ticked; or queues a test event for it (`test`), which needs
/// no confirmation.
#[server]
pub async fn change_webhook(
    id: i64,
    action: String,
    #[server(default)] confirm: Option<String>,
) -> Result<Feedback, AppError> {
    let scope = session::store_scope().await?;
    let state = state()?;
    let meta = session::meta();
    if action != "test" && confirm.is_none() {
        let error = server::Error::invalid("", msg::PROBLEM_CONFIRM_TICK);
        return form::refused(forms::WEBHOOKS, error, &[]).await;
    }
    match action.as_str() {
        "rotate" => match webhooks::rotate_secret(&state, &meta, scope, id).await {
            Ok(secret) => {
                let feedback = Feedback {
                    reveal: Some(secret),
                    ..Feedback::notice(
                        "New signing secret made; deliveries are signed with it from now on. Copy it now: it is not shown again.",
                    )
                };
                form::remember(forms::WEBHOOKS, &feedback).await;
                Ok(feedback)
            }
            Err(error) => form::refused(forms::WEBHOOKS, error, &[]).await,
        },
        "remove" => {
            let outcome = webhooks::remove(&state, &meta, scope, id).await;
            form::answer(forms::WEBHOOKS, outcome, "Endpoint removed.", &[]).await
        }
        _ => {
            let outcome = webhooks::send_test(&state, scope, id).await;
            form::answer(
                forms::WEBHOOKS,
                outcome,
                "Test event queued: reload in a few seconds to see it in the delivery log.",
                &[],
            )
            .await
        }
    }
}
