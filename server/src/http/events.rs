//! `/events`: one stream of server-sent events per open page of a signed-in
//! person, carrying the changes they may see (`live`). A comment every 20 s
//! keeps it open through proxies; `Last-Event-ID` replays what a reconnecting
//! page missed in the last minutes; a stream that falls behind is told to
//! `resync` (refetch). It ends within a moment of the sign-in ending, and
//! when the node begins to drain (the page reconnects to another node).

use std::{collections::VecDeque, convert::Infallible, sync::Arc, time::Duration};

use axum::{
    extract::State,
    response::{
        IntoResponse, Response,
        sse::{Event, KeepAlive, Sse},
    },
};
use futures_util::stream;
use http::{HeaderMap, HeaderValue, StatusCode, header, request::Parts};
use tokio::sync::broadcast::{Receiver, error::RecvError};
use tower_sessions::Session;

use crate::{
    AppState,
    accounts::{Role, sessions},
    live::{Admission, LiveEvent, Viewer, since},
    request::client_ip,
};

pub async fn stream(State(state): State<AppState>, session: Session, parts: Parts) -> Response {
    let user = match sessions::current_user(&state.db, &state.config, &session).await {
        Ok(Some(user)) => user,
        Ok(None) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(error) => {
            tracing::warn!(%error, "opening a live stream failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let viewer = Viewer {
        user_id: user.id,
        stores: user.stores.iter().map(|member| member.store_id).collect(),
        admin: user.roles.contains(&Role::Admin),
    };
    let limits = [
        (
            format!("session:{}", user.session_id),
            state.config.live_streams_per_session,
        ),
        (
            format!("ip:{}", client_ip(&parts.extensions)),
            state.config.live_streams_per_ip,
        ),
    ];
    let Some(admission) = state.live.admit(&limits) else {
        return (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, HeaderValue::from_static("30"))],
            "Too many live pages are open; close some and reload.",
        )
            .into_response();
    };
    // Subscribed before reading what was missed, so nothing falls between.
    let receiver = state.live.subscribe();
    let missed = match last_event_id(&parts.headers) {
        Some(after) => since(&state.db, after).await.unwrap_or_default(),
        None => Vec::new(),
    };
    let open = Open {
        state,
        session,
        viewer,
        receiver,
        missed: missed.into_iter().map(Arc::new).collect(),
        _admission: admission,
    };
    Sse::new(stream::unfold(open, next))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(20)))
        .into_response()
}

fn last_event_id(headers: &HeaderMap) -> Option<i64> {
    headers
        .get("last-event-id")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse().ok())
}

struct Open {
    state: AppState,
    session: Session,
    viewer: Viewer,
    receiver: Receiver<Arc<LiveEvent>>,
    missed: VecDeque<Arc<LiveEvent>>,
    _admission: Admission,
}

/// The stream's next event, or its end.
async fn next(mut open: Open) -> Option<(Result<Event, Infallible>, Open)> {
    loop {
        let event = match open.missed.pop_front() {
            Some(event) => event,
            None => {
                let received = tokio::select! {
                    received = open.receiver.recv() => received,
                    // A stopping node lets its streams go, so that pages
                    // reconnect through the balancer to another node.
                    () = drained(&open.state) => return None,
                };
                match received {
                    Ok(event) => event,
                    Err(RecvError::Lagged(_)) => {
                        return Some((Ok(Event::default().event("resync").data("{}")), open));
                    }
                    Err(RecvError::Closed) => return None,
                }
            }
        };
        if event.ends_sessions_of(&open.viewer) {
            let still = sessions::current_user(&open.state.db, &open.state.config, &open.session)
                .await
                .ok()
                .flatten()
                .is_some();
            if !still {
                return None;
            }
        } else if event.visible_to(&open.viewer) {
            metrics::counter!("live_events_sent_total").increment(1);
            let sse = Event::default()
                .id(event.id.to_string())
                .event(&event.kind)
                .json_data(&*event)
                .unwrap_or_else(|_| Event::default().event("resync").data("{}"));
            return Some((Ok(sse), open));
        }
    }
}

/// Completes once this node begins to drain.
async fn drained(state: &AppState) {
    while !state.draining.is_on() {
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}
