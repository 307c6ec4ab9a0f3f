-- The first answer to each API write sent with an Idempotency-Key, replayed
-- when the same key comes again within a day. A row without a status is a
-- request still running; its key is held until it ends.

CREATE TABLE api_idempotency (
    token_id     BIGINT NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
    key          TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_hash BYTEA NOT NULL,
    status       SMALLINT,
    content_type TEXT,
    body         BYTEA,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (token_id, key)
);

CREATE INDEX api_idempotency_created_idx ON api_idempotency (created_at);
