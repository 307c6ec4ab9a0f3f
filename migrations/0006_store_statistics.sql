-- Monthly statistics read a store's orders by the time they were paid and
-- by the time they were refunded.
CREATE INDEX store_orders_store_paid_idx ON store_orders (store_id, paid_at) WHERE paid_at IS NOT NULL;
CREATE INDEX store_orders_store_refunded_idx ON store_orders (store_id, refunded_at) WHERE refunded_at IS NOT NULL;
