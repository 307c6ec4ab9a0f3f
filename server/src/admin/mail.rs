//! Mail the outbox gave up on (see [`crate::mail::outbox::MAX_ATTEMPTS`]):
//! the platform admin lists it and sends a message back to the queue.

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::PgPool;

use super::PAGE_SIZE;
use crate::{
    Error, Result,
    audit::Entry,
    paging::{Page, Window},
    request::RequestMeta,
};
use texts::msg;

/// A message that was given up on.
#[derive(Clone, Debug)]
pub struct FailedMail {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub failed_at: DateTime<Utc>,
}

/// How many messages are given up on and not sent since.
pub async fn failed_count(db: &PgPool) -> Result<i64> {
    Ok(sqlx::query_scalar!(
        r#"SELECT count(*) AS "count!" FROM email_outbox
           WHERE failed_at IS NOT NULL AND sent_at IS NULL"#
    )
    .fetch_one(db)
    .await?)
}

/// A page of failed messages, most recently given up on first.
pub async fn failed(db: &PgPool, page: i64) -> Result<Page<FailedMail>> {
    let window = Window::new(page, PAGE_SIZE);
    let rows = sqlx::query!(
        r#"SELECT id, to_address, subject, attempts, last_error, created_at,
                  failed_at AS "failed_at!", count(*) OVER () AS "total!"
           FROM email_outbox
           WHERE failed_at IS NOT NULL AND sent_at IS NULL
           ORDER BY failed_at DESC, id DESC
           LIMIT $1 OFFSET $2"#,
        window.limit(),
        window.offset(),
    )
    .fetch_all(db)
    .await?;
    let total = rows.first().map_or(0, |row| row.total);
    let items = rows
        .into_iter()
        .map(|row| FailedMail {
            id: row.id,
            to_address: row.to_address,
            subject: row.subject,
            attempts: row.attempts,
            last_error: row.last_error,
            created_at: row.created_at,
            failed_at: row.failed_at,
        })
        .collect();
    Ok(window.page(items, total))
}

/// Puts a failed message back in the queue, due now with its attempts
/// counted from zero, so it gets the whole series of retries again.
pub async fn retry(db: &PgPool, meta: &RequestMeta, admin: i64, id: i64) -> Result<()> {
    let mut tx = db.begin().await?;
    let message = sqlx::query!(
        "SELECT subject, attempts, failed_at IS NOT NULL AND sent_at IS NULL AS \"failed!\"
         FROM email_outbox WHERE id = $1 FOR UPDATE",
        id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(Error::NotFound)?;
    if !message.failed {
        return Err(Error::conflict(msg::PROBLEM_MAIL_NOT_FAILED));
    }
    sqlx::query!(
        "UPDATE email_outbox SET failed_at = NULL, attempts = 0, next_attempt_at = now()
         WHERE id = $1",
        id
    )
    .execute(&mut *tx)
    .await?;
    // The recipient stays out of the log: deleting their account erases
    // their mail, and this entry would outlive it.
    Entry::new(Some(admin), "mail.retried")
        .target(format!("mail:{id}"))
        .metadata(json!({ "subject": message.subject, "attempts": message.attempts }))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(())
}
