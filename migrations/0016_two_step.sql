-- Two-step sign-in. An authenticator app's shared secret is sealed with
-- SECRETS_KEY (the application opens it to check codes); it counts once
-- `enabled_at` is set, after the person typed a first valid code.
-- `last_used_step` is the 30-second step of the last code accepted, so a
-- code cannot be used twice. Recovery codes are kept as keyed digests and
-- each works once.
CREATE TABLE user_totp (
    user_id        BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    sealed_secret  BYTEA NOT NULL,
    enabled_at     TIMESTAMPTZ,
    last_used_step BIGINT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE recovery_codes (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    digest  BYTEA NOT NULL,
    used_at TIMESTAMPTZ,
    PRIMARY KEY (user_id, digest)
);
