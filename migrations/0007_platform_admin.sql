-- Why an admin suspended a store; its sellers read it on their dashboard.
ALTER TABLE stores ADD COLUMN status_reason TEXT NOT NULL DEFAULT '' CHECK (length(status_reason) <= 500);

-- The audit log filtered by store or by action, newest first.
CREATE INDEX audit_log_store_idx ON audit_log (store_id, at DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, at DESC);

-- The platform's order search and dashboard.
CREATE INDEX orders_paid_idx ON orders (paid_at) WHERE paid_at IS NOT NULL;
CREATE INDEX orders_email_idx ON orders (lower(email));
CREATE INDEX users_created_idx ON users (created_at);

-- The stock at or below which the seller dashboard lists a variant.
ALTER TABLE stores ADD COLUMN low_stock_threshold INT NOT NULL DEFAULT 5
    CHECK (low_stock_threshold BETWEEN 0 AND 100000);
CREATE INDEX product_variants_stock_idx ON product_variants (store_id, stock);

-- A store's logo: a stored image's key, like product images.
ALTER TABLE stores ADD COLUMN logo_key TEXT CHECK (logo_key ~ '^[a-z0-9]{16,64}$');

-- Addresses a store used before; /s/{old_slug} sends shoppers on. A slug is
-- either a store's or a redirect's, never both (the service checks both).
CREATE TABLE store_slug_redirects (
    old_slug   TEXT PRIMARY KEY,
    store_id   BIGINT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
