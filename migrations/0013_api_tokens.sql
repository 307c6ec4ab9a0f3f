-- Tokens for the integration API. Only a hash of the secret is kept; the
-- secret is shown once. A token acts for its owner, within its scopes and,
-- for a seller, for one store; it stops working when revoked, expired, or
-- when the owner's `auth_epoch` moves on (password changed or reset,
-- account deactivated or deleted).
CREATE TABLE api_tokens (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    store_id     BIGINT REFERENCES stores (id) ON DELETE CASCADE,
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    scopes       TEXT[] NOT NULL CHECK (cardinality(scopes) > 0),
    secret_hash  BYTEA NOT NULL UNIQUE,
    auth_epoch   INT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ,
    last_used_at TIMESTAMPTZ,
    last_used_ip TEXT,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id, created_at DESC);
