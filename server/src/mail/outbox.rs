//! The email outbox: messages are inserted in the transaction of the change
//! that caused them and delivered by a worker with retries, so an SMTP outage
//! delays mail and loses none. Mail that keeps failing is given up on and
//! shown to platform admins, who may send it back to the queue.

use std::time::Duration;

use lettre::{
    AsyncSmtpTransport, AsyncTransport, Tokio1Executor,
    message::{Mailbox, MultiPart},
};
use secrecy::ExposeSecret;
use sqlx::{PgConnection, PgPool};

use super::Message;
use crate::{Config, Error, Result};

/// Messages claimed per transaction; other instances take the rest.
const BATCH: i64 = 20;
/// How often the worker looks for due messages.
const POLL: Duration = Duration::from_secs(2);
/// The longest wait between two attempts at one message.
const MAX_BACKOFF_SECS: i64 = 3600;
/// Attempts before a message is given up on. With the backoff below, the
/// 20th comes about 13 hours after the first: an SMTP outage of a night is
/// ridden out, while an address the server refuses stops costing a round
/// every hour and reaches an admin the same day.
pub const MAX_ATTEMPTS: i32 = 20;
/// Mail older than this is given up on at its next failure, however few its
/// attempts (when the worker was stopped, say): its links, codes and news
/// are stale by then.
pub const GIVE_UP_AFTER: Duration = Duration::from_secs(3 * 24 * 3600);

/// Writes `message` to the outbox within the caller's transaction.
pub async fn enqueue(conn: &mut PgConnection, message: &Message) -> Result<()> {
    sqlx::query!(
        "INSERT INTO email_outbox (to_address, subject, text_body, html_body)
         VALUES ($1, $2, $3, $4)",
        message.to,
        message.subject,
        message.text(),
        message.html(),
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// How messages leave the outbox.
#[derive(Clone)]
pub enum Mailer {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    /// Messages stay in the outbox, readable at `/_dev/mail`.
    DevMailbox,
}

impl Mailer {
    pub fn from_config(config: &Config) -> Result<Self> {
        let Some(url) = &config.smtp_url else {
            return Ok(Self::DevMailbox);
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
            .map_err(|error| Error::internal(format!("SMTP_URL: {error}")))?
            .timeout(Some(Duration::from_secs(10)))
            .build();
        let from = config
            .mail_from
            .parse()
            .map_err(|error| Error::internal(format!("MAIL_FROM: {error}")))?;
        Ok(Self::Smtp { transport, from })
    }

    async fn send(&self, row: &OutboxRow) -> std::result::Result<(), String> {
        let Self::Smtp { transport, from } = self else {
            return Ok(());
        };
        let to: Mailbox = row
            .to_address
            .parse()
            .map_err(|e| format!("recipient: {e}"))?;
        // lettre's builders encode every header, so subjects and names cannot
        // inject headers of their own.
        let email = lettre::Message::builder()
            .from(from.clone())
            .to(to)
            .subject(row.subject.clone())
            .multipart(MultiPart::alternative_plain_html(
                row.text_body.clone(),
                row.html_body.clone(),
            ))
            .map_err(|e| format!("building: {e}"))?;
        transport
            .send(email)
            .await
            .map(drop)
            .map_err(|e| e.to_string())
    }
}

struct OutboxRow {
    id: i64,
    to_address: String,
    subject: String,
    text_body: String,
    html_body: String,
    attempts: i32,
}

/// Delivers the messages that are due, one batch per transaction, until none
/// is left. Returns how many were sent.
pub async fn deliver_due(db: &PgPool, mailer: &Mailer) -> Result<usize> {
    let mut sent = 0;
    loop {
        let mut tx = db.begin().await?;
        // Rows stay locked while they are sent; another instance skips them.
        let rows = sqlx::query_as!(
            OutboxRow,
            "SELECT id, to_address, subject, text_body, html_body, attempts
             FROM email_outbox
             WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
             ORDER BY next_attempt_at, id
             LIMIT $1
             FOR UPDATE SKIP LOCKED",
            BATCH
        )
        .fetch_all(&mut *tx)
        .await?;
        if rows.is_empty() {
            return Ok(sent);
        }
        let mut failed = false;
        // After a failure the rest of the batch is left untouched (and
        // unlocked at commit): the server is likely down.
        for row in &rows {
            match mailer.send(row).await {
                Ok(()) => {
                    sqlx::query!(
                        "UPDATE email_outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL
                         WHERE id = $1",
                        row.id
                    )
                    .execute(&mut *tx)
                    .await?;
                    sent += 1;
                }
                Err(error) => {
                    let attempts = row.attempts + 1;
                    let delay = backoff_secs(attempts);
                    let gave_up = sqlx::query_scalar!(
                        r#"UPDATE email_outbox
                           SET attempts = attempts + 1, last_error = $2,
                               next_attempt_at = now() + make_interval(secs => $3),
                               failed_at = CASE WHEN attempts + 1 >= $4
                                                  OR created_at <= now() - make_interval(secs => $5)
                                                THEN now() END
                           WHERE id = $1
                           RETURNING failed_at IS NOT NULL AS "gave_up!""#,
                        row.id,
                        error,
                        delay as f64,
                        MAX_ATTEMPTS,
                        GIVE_UP_AFTER.as_secs_f64(),
                    )
                    .fetch_one(&mut *tx)
                    .await?;
                    if gave_up {
                        tracing::error!(id = row.id, attempts, %error, "mail not sent; given up, an admin may retry it");
                    } else {
                        tracing::warn!(id = row.id, attempts, %error, "mail not sent; will retry");
                    }
                    failed = true;
                    break;
                }
            }
        }
        tx.commit().await?;
        if failed {
            return Ok(sent);
        }
    }
}

/// 30 s, 1 min, 2 min, … up to an hour.
fn backoff_secs(attempts: i32) -> i64 {
    let exponent = attempts.clamp(1, 16) as u32 - 1;
    (30_i64 << exponent).min(MAX_BACKOFF_SECS)
}

/// Runs [`deliver_due`] every few seconds for as long as the process lives.
pub fn spawn_worker(db: PgPool, mailer: Mailer) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(POLL);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            if let Err(error) = deliver_due(&db, &mailer).await {
                tracing::warn!(%error, "outbox round failed");
            }
        }
    })
}

/// A message as the dev mailbox lists it.
#[derive(Debug)]
pub struct StoredMessage {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub text_body: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub sent_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The latest messages, newest first.
pub async fn latest(db: &PgPool, limit: i64) -> Result<Vec<StoredMessage>> {
    Ok(sqlx::query_as!(
        StoredMessage,
        "SELECT id, to_address, subject, text_body, created_at, sent_at
         FROM email_outbox ORDER BY id DESC LIMIT $1",
        limit
    )
    .fetch_all(db)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::backoff_secs;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        assert_eq!(backoff_secs(1), 30);
        assert_eq!(backoff_secs(2), 60);
        assert_eq!(backoff_secs(3), 120);
        assert_eq!(backoff_secs(10), 3600);
        assert_eq!(backoff_secs(1000), 3600);
    }
}
