//! Every node keeps recent listings and the filter choices in memory
//! (`AppState::listings`, `AppState::facets`). A change to what they show
//! notifies the PostgreSQL channel [`CHANNEL`] when its transaction commits
//! (triggers in the migrations, so no write path can forget), and each
//! node's listener clears its caches. The node that made a change clears its
//! own at once as well, so its next page shows it.

use std::time::Duration;

use sqlx::postgres::PgListener;

use crate::AppState;

pub const CHANNEL: &str = "storefront_changed";

/// Clears this node's storefront caches.
pub fn forget(state: &AppState) {
    state.listings.invalidate_all();
    state.facets.invalidate_all();
}

/// Listens for storefront changes for as long as the process runs, on a
/// connection of its own from the pool. A lost connection clears the caches
/// too, since a change may have gone unheard, and the listener connects
/// again after a pause.
pub fn spawn_listener(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if let Err(error) = listen(&state).await {
                tracing::warn!(%error, "storefront change listener lost its connection");
            }
            forget(&state);
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    })
}

async fn listen(state: &AppState) -> sqlx::Result<()> {
    let mut listener = PgListener::connect_with(&state.db).await?;
    listener.listen(CHANNEL).await?;
    // Whatever changed before the channel was heard.
    forget(state);
    // `None`: the connection was lost.
    while listener.try_recv().await?.is_some() {
        forget(state);
    }
    Ok(())
}
