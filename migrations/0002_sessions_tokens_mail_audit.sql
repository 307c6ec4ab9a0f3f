-- Account life cycle: signed-in sessions, one-time tokens, the email outbox
-- and the audit log.

-- A person works for at most one store; the seller admin takes it from the
-- session.
CREATE UNIQUE INDEX store_members_one_store_idx ON store_members (user_id);

-- One row per sign-in. The Redis session holds this row's id, so a person can
-- list their sessions and end any of them from another device.
CREATE TABLE user_sessions (
    id           UUID PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    ip           TEXT,
    user_agent   TEXT CHECK (length(user_agent) <= 500),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    ended_at     TIMESTAMPTZ
);
CREATE INDEX user_sessions_user_idx ON user_sessions (user_id) WHERE ended_at IS NULL;

-- Email verification and password reset. Only hashes are stored: a leaked
-- table gives nobody a usable link or code.
CREATE TABLE auth_tokens (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    token_hash BYTEA NOT NULL UNIQUE,
    -- The six-digit code a person can type instead of following the link.
    code_hash  BYTEA,
    -- The address being verified (a new address during an email change).
    email      CITEXT,
    attempts   INT NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    CHECK (purpose <> 'verify_email' OR (code_hash IS NOT NULL AND email IS NOT NULL))
);
CREATE INDEX auth_tokens_user_idx ON auth_tokens (user_id, purpose) WHERE used_at IS NULL;

-- Mail is written here in the same transaction as the change that caused it;
-- a worker delivers it, so an SMTP outage delays mail and loses none.
CREATE TABLE email_outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    to_address      TEXT NOT NULL,
    subject         TEXT NOT NULL,
    text_body       TEXT NOT NULL,
    html_body       TEXT NOT NULL,
    attempts        INT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error      TEXT,
    sent_at         TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX email_outbox_due_idx ON email_outbox (next_attempt_at) WHERE sent_at IS NULL;

CREATE TABLE audit_log (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    action        TEXT NOT NULL,
    target        TEXT,
    store_id      BIGINT REFERENCES stores (id) ON DELETE SET NULL,
    ip            TEXT,
    user_agent    TEXT,
    request_id    TEXT,
    metadata      JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, at DESC);
