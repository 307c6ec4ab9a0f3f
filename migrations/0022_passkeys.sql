-- Passkeys (WebAuthn credentials): several per account, each with a name the
-- person chose. What the browser proves is checked against the public key
-- and flags kept here (encoded by webauthn_rp). `users.passkey_handle` is the
-- random user handle authenticators store, so a passkey sign-in names the
-- account without telling anything about it.
ALTER TABLE users ADD COLUMN passkey_handle BYTEA UNIQUE;

CREATE TABLE passkeys (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    credential_id  BYTEA NOT NULL UNIQUE,
    transports     SMALLINT NOT NULL,
    static_state   BYTEA NOT NULL,
    dynamic_state  BYTEA NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at   TIMESTAMPTZ
);
CREATE INDEX passkeys_user_idx ON passkeys (user_id);

-- Whether an account has a second sign-in step: an authenticator app
-- switched on, or a passkey.
CREATE FUNCTION has_second_step(account BIGINT) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM user_totp WHERE user_id = account AND enabled_at IS NOT NULL)
        OR EXISTS (SELECT 1 FROM passkeys WHERE user_id = account)
$$;
