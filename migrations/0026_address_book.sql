-- A shopper's address book: several delivery addresses, one of them the
-- default that checkout offers first; and an order's billing address when
-- it differs from the delivery address.

ALTER TABLE addresses DROP CONSTRAINT addresses_pkey;
ALTER TABLE addresses
    ADD COLUMN id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ADD COLUMN is_default BOOLEAN NOT NULL DEFAULT false;
-- The one address each shopper had becomes their default.
UPDATE addresses SET is_default = true;
CREATE UNIQUE INDEX addresses_one_default_idx ON addresses (user_id) WHERE is_default;
CREATE INDEX addresses_user_idx ON addresses (user_id, id);

-- NULL: billed to the delivery address.
ALTER TABLE orders
    ADD COLUMN bill_name        TEXT,
    ADD COLUMN bill_line1       TEXT,
    ADD COLUMN bill_line2       TEXT,
    ADD COLUMN bill_city        TEXT,
    ADD COLUMN bill_postal_code TEXT,
    ADD COLUMN bill_country     TEXT,
    ADD CONSTRAINT orders_billing_check CHECK (
        (bill_name IS NULL) = (bill_line1 IS NULL) AND (bill_name IS NULL) = (bill_city IS NULL)
        AND (bill_name IS NULL) = (bill_postal_code IS NULL) AND (bill_name IS NULL) = (bill_country IS NULL));
