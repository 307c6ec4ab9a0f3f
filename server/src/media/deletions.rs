//! Deleting image files once nothing uses them, through `image_deletions`: a
//! row is written in the transaction that stops using an image, so files go
//! only when that change is committed, and a worker on every node deletes
//! what is due, retrying what the storage refuses.

use std::time::Duration;

use sqlx::{PgConnection, PgPool};

use super::{Storage, WIDTHS, file_name};
use crate::Result;

/// How often each node looks for due deletions.
const POLL: Duration = Duration::from_secs(5);
/// The most deletions one node takes at a time.
const BATCH: i64 = 50;

/// Books `keys` for deletion an hour from now, before their files are
/// written; saving the images cancels it.
pub async fn book(db: &PgPool, keys: &[String]) -> Result<()> {
    sqlx::query!(
        "INSERT INTO image_deletions (file_key, due_at)
         SELECT key, now() + interval '1 hour' FROM unnest($1::text[]) AS key
         ON CONFLICT (file_key) DO NOTHING",
        keys
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Cancels the booked deletion of `keys`, in the transaction that saves them.
pub async fn cancel(tx: &mut PgConnection, keys: &[String]) -> Result<()> {
    sqlx::query!("DELETE FROM image_deletions WHERE file_key = ANY($1)", keys)
        .execute(tx)
        .await?;
    Ok(())
}

/// Deletes the files of `keys` once the transaction `tx`, which stops using
/// them, commits.
pub async fn schedule(tx: &mut PgConnection, keys: &[String]) -> Result<()> {
    sqlx::query!(
        "INSERT INTO image_deletions (file_key)
         SELECT key FROM unnest($1::text[]) AS key
         ON CONFLICT (file_key) DO UPDATE SET due_at = now()",
        keys
    )
    .execute(tx)
    .await?;
    Ok(())
}

/// Deletes the files of `keys` now and their rows; a key whose files could
/// not all be deleted stays, due again later.
pub async fn delete_now(db: &PgPool, storage: &Storage, keys: &[String]) -> Result<()> {
    let mut first_error = None;
    for key in keys {
        if let Err(error) = delete_one(db, storage, key).await {
            first_error.get_or_insert(error);
        }
    }
    first_error.map_or(Ok(()), Err)
}

/// Deletes what is due, up to a batch; returns how many images' files went.
/// Each taken row is leased for a minute, so a node that dies mid-way only
/// delays it and two nodes never take the same row.
pub async fn run_due(db: &PgPool, storage: &Storage) -> Result<usize> {
    let keys = sqlx::query_scalar!(
        "UPDATE image_deletions SET due_at = now() + interval '1 minute'
         WHERE file_key IN (
             SELECT file_key FROM image_deletions WHERE due_at <= now()
             ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING file_key",
        BATCH
    )
    .fetch_all(db)
    .await?;
    let mut deleted = 0;
    for key in &keys {
        if delete_one(db, storage, key).await.is_ok() {
            deleted += 1;
        }
    }
    Ok(deleted)
}

/// Deletes every width of one image, then its row; on failure the row is
/// due again after a wait that doubles from 30 s up to 6 h.
async fn delete_one(db: &PgPool, storage: &Storage, key: &str) -> Result<()> {
    let mut result = Ok(());
    for width in WIDTHS {
        result = storage.delete(&file_name(key, width)).await;
        if result.is_err() {
            break;
        }
    }
    match result {
        Ok(()) => {
            sqlx::query!("DELETE FROM image_deletions WHERE file_key = $1", key)
                .execute(db)
                .await?;
            Ok(())
        }
        Err(error) => {
            tracing::warn!(%error, key, "could not delete an image's files; will retry");
            sqlx::query!(
                "UPDATE image_deletions
                 SET attempts = attempts + 1, last_error = $2,
                     due_at = now() + least(interval '30 seconds' * power(2, attempts), interval '6 hours')
                 WHERE file_key = $1",
                key,
                error.to_string()
            )
            .execute(db)
            .await?;
            Err(error)
        }
    }
}

/// Runs [`run_due`] every few seconds, on every node.
pub fn spawn_worker(db: PgPool, storage: Storage) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(POLL);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            if let Err(error) = run_due(&db, &storage).await {
                tracing::warn!(%error, "image deletion round failed");
            }
        }
    })
}
