//! Live updates for open pages. Triggers write a row in `live_events` in the
//! transaction of a change and notify the channel [`CHANNEL`] when it commits
//! (migration 0020), so nothing is told of a change that rolled back. Each
//! node listens on one connection, reads the row (which says who may see it)
//! and hands it to its [`Hub`]; each open stream (`/events`) passes on what
//! its viewer may see.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use serde::Serialize;
use sqlx::{PgPool, postgres::PgListener};
use tokio::sync::broadcast;

use crate::Result;

pub const CHANNEL: &str = "live_events";
/// The kind of event that tells a person's streams to check that their
/// sign-in still holds; never sent to a page.
pub const SESSION: &str = "session";
/// How far back a reconnecting page may ask for what it missed.
const REPLAY_MINUTES: i32 = 5;

/// What a page is told: what changed, by kind (`order`, `store_order`,
/// `stock`) and id; the page fetches the rest through its usual routes.
#[derive(Clone, Debug, Serialize)]
pub struct LiveEvent {
    pub id: i64,
    pub kind: String,
    pub subject_id: i64,
    #[serde(skip)]
    pub user_id: Option<i64>,
    #[serde(skip)]
    pub store_id: Option<i64>,
    #[serde(skip)]
    pub public: bool,
}

/// The person a stream is open for.
#[derive(Clone, Debug)]
pub struct Viewer {
    pub user_id: i64,
    pub stores: Vec<i64>,
    pub admin: bool,
}

impl LiveEvent {
    /// Whether `viewer` may be told of it: everyone of a public event, the
    /// person or the store it names, and platform admins of every change.
    pub fn visible_to(&self, viewer: &Viewer) -> bool {
        if self.kind == SESSION {
            return false;
        }
        self.public
            || viewer.admin
            || self.user_id == Some(viewer.user_id)
            || self
                .store_id
                .is_some_and(|store| viewer.stores.contains(&store))
    }

    /// Whether it asks `viewer`'s streams to check their sign-in.
    pub fn ends_sessions_of(&self, viewer: &Viewer) -> bool {
        self.kind == SESSION && self.user_id == Some(viewer.user_id)
    }
}

/// This node's open streams and the events they share. Cheap to clone.
#[derive(Clone)]
pub struct Hub {
    sender: broadcast::Sender<Arc<LiveEvent>>,
    open: Arc<Mutex<HashMap<String, u32>>>,
}

impl Default for Hub {
    fn default() -> Self {
        // A stream that falls this far behind is told to refetch.
        let (sender, _) = broadcast::channel(1024);
        Self {
            sender,
            open: Arc::default(),
        }
    }
}

impl Hub {
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<LiveEvent>> {
        self.sender.subscribe()
    }

    fn publish(&self, event: LiveEvent) {
        // No stream open: nobody to tell.
        let _ = self.sender.send(Arc::new(event));
    }

    /// Counts one more stream against each key (its session, its address),
    /// or refuses it when a key is at its limit. The stream is counted until
    /// the returned value drops.
    pub fn admit(&self, limits: &[(String, u32)]) -> Option<Admission> {
        let mut open = self
            .open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if limits
            .iter()
            .any(|(key, limit)| open.get(key).copied().unwrap_or(0) >= *limit)
        {
            return None;
        }
        for (key, _) in limits {
            *open.entry(key.clone()).or_default() += 1;
        }
        metrics::gauge!("live_streams_open").increment(1.0);
        Some(Admission {
            open: self.open.clone(),
            keys: limits.iter().map(|(key, _)| key.clone()).collect(),
        })
    }
}

/// One open stream, counted while it lives.
pub struct Admission {
    open: Arc<Mutex<HashMap<String, u32>>>,
    keys: Vec<String>,
}

impl Drop for Admission {
    fn drop(&mut self) {
        let mut open = self
            .open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for key in &self.keys {
            if let Some(count) = open.get_mut(key) {
                *count -= 1;
                if *count == 0 {
                    open.remove(key);
                }
            }
        }
        metrics::gauge!("live_streams_open").decrement(1.0);
    }
}

/// The events after `after` of the last few minutes, oldest first, for a
/// page that reconnects with `Last-Event-ID`.
pub async fn since(db: &PgPool, after: i64) -> Result<Vec<LiveEvent>> {
    Ok(sqlx::query_as!(
        LiveEvent,
        "SELECT id, kind, subject_id, user_id, store_id, public FROM live_events
         WHERE id > $1 AND created_at > now() - make_interval(mins => $2)
         ORDER BY id LIMIT 500",
        after,
        REPLAY_MINUTES
    )
    .fetch_all(db)
    .await?)
}

/// Listens for events for as long as the process runs, on a connection of
/// its own, connecting again after a pause when it is lost (pages refetch
/// when their stream reconnects, so nothing is lost for them); and deletes
/// events too old to be replayed.
pub fn spawn_listener(db: PgPool, hub: Hub) -> tokio::task::JoinHandle<()> {
    tokio::spawn(purge_old(db.clone()));
    tokio::spawn(async move {
        loop {
            if let Err(error) = listen(&db, &hub).await {
                tracing::warn!(%error, "live event listener lost its connection");
            }
            metrics::counter!("live_listener_reconnects_total").increment(1);
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    })
}

async fn listen(db: &PgPool, hub: &Hub) -> Result<()> {
    let mut listener = PgListener::connect_with(db).await?;
    listener.listen(CHANNEL).await?;
    // `None`: the connection was lost.
    while let Some(notification) = listener.try_recv().await? {
        let Some(id) = notification
            .payload()
            .split_once(':')
            .and_then(|(_, id)| id.parse::<i64>().ok())
        else {
            continue;
        };
        let event = sqlx::query_as!(
            LiveEvent,
            "SELECT id, kind, subject_id, user_id, store_id, public FROM live_events WHERE id = $1",
            id
        )
        .fetch_optional(db)
        .await?;
        if let Some(event) = event {
            hub.publish(event);
        }
    }
    Ok(())
}

async fn purge_old(db: PgPool) {
    let mut ticker = tokio::time::interval(Duration::from_secs(60));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        let purged = sqlx::query!(
            "DELETE FROM live_events WHERE created_at < now() - make_interval(mins => $1)",
            REPLAY_MINUTES * 2
        )
        .execute(&db)
        .await;
        if let Err(error) = purged {
            tracing::warn!(%error, "deleting old live events failed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: &str, user_id: Option<i64>, store_id: Option<i64>, public: bool) -> LiveEvent {
        LiveEvent {
            id: 1,
            kind: kind.into(),
            subject_id: 9,
            user_id,
            store_id,
            public,
        }
    }

    #[test]
    fn each_event_reaches_only_whom_it_names() {
        let customer = Viewer {
            user_id: 7,
            stores: vec![],
            admin: false,
        };
        let seller = Viewer {
            user_id: 8,
            stores: vec![3],
            admin: false,
        };
        let admin = Viewer {
            user_id: 1,
            stores: vec![],
            admin: true,
        };
        let their_order = event("store_order", Some(7), Some(3), false);
        assert!(their_order.visible_to(&customer) && their_order.visible_to(&seller));
        let someone_elses = event("store_order", Some(6), Some(4), false);
        assert!(!someone_elses.visible_to(&customer) && !someone_elses.visible_to(&seller));
        assert!(someone_elses.visible_to(&admin));
        assert!(event("stock", None, None, true).visible_to(&customer));

        let signed_out = event(SESSION, Some(7), None, false);
        assert!(signed_out.ends_sessions_of(&customer));
        assert!(!signed_out.ends_sessions_of(&admin));
        assert!(!signed_out.visible_to(&admin), "never sent to a page");
    }

    #[test]
    fn a_stream_is_refused_past_a_limit_and_counted_until_it_ends() {
        let hub = Hub::default();
        let limits = [("session:a".to_owned(), 2), ("ip:x".to_owned(), 3)];
        let first = hub.admit(&limits).unwrap();
        let _second = hub.admit(&limits).unwrap();
        assert!(hub.admit(&limits).is_none());
        drop(first);
        assert!(hub.admit(&limits).is_some());
    }
}
