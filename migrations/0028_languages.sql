-- The language a person reads Bazaar in: an account's mail goes out in it,
-- and an order's mail and pages in the one its buyer checked out in.

ALTER TABLE users
    ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr', 'de'));
ALTER TABLE orders
    ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr', 'de'));
