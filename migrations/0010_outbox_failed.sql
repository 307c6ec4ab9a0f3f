-- Mail the outbox gave up on (see `MAX_ATTEMPTS` and `GIVE_UP_AFTER` in
-- server/src/mail/outbox.rs): the worker no longer tries it; platform admins
-- list it and may send it back to the queue.
ALTER TABLE email_outbox ADD COLUMN failed_at TIMESTAMPTZ;

DROP INDEX email_outbox_due_idx;
CREATE INDEX email_outbox_due_idx ON email_outbox (next_attempt_at)
    WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX email_outbox_failed_idx ON email_outbox (failed_at DESC)
    WHERE failed_at IS NOT NULL;
