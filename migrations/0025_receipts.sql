-- Receipts: what a store prints on them, and a sequence per store that
-- numbers each paid store order in the payment's transaction, so numbers
-- have no gap and no duplicate.

ALTER TABLE stores
    ADD COLUMN legal_name TEXT NOT NULL DEFAULT '' CHECK (length(legal_name) <= 120),
    ADD COLUMN legal_address TEXT NOT NULL DEFAULT '' CHECK (length(legal_address) <= 400),
    ADD COLUMN vat_number TEXT NOT NULL DEFAULT '' CHECK (length(vat_number) <= 20);

-- Kept apart from `stores`, whose changes clear every node's storefront
-- caches: a payment only moves its store's sequence.
CREATE TABLE receipt_sequences (
    store_id BIGINT PRIMARY KEY REFERENCES stores (id) ON DELETE CASCADE,
    issued   INT NOT NULL CHECK (issued > 0)
);

-- A receipt keeps the seller's details as they were when it was issued.
ALTER TABLE store_orders
    ADD COLUMN receipt_number INT CHECK (receipt_number > 0),
    ADD COLUMN seller_legal_name TEXT NOT NULL DEFAULT '',
    ADD COLUMN seller_address TEXT NOT NULL DEFAULT '',
    ADD COLUMN seller_vat_number TEXT NOT NULL DEFAULT '',
    ADD CONSTRAINT store_orders_receipt_number_key UNIQUE (store_id, receipt_number);

-- Store orders paid before receipts are numbered in the order they were paid.
UPDATE store_orders so SET receipt_number = numbered.n
FROM (SELECT id, row_number() OVER (PARTITION BY store_id ORDER BY paid_at, id) AS n
      FROM store_orders WHERE paid_at IS NOT NULL) numbered
WHERE so.id = numbered.id;
INSERT INTO receipt_sequences (store_id, issued)
SELECT store_id, max(receipt_number) FROM store_orders
WHERE receipt_number IS NOT NULL GROUP BY store_id;
