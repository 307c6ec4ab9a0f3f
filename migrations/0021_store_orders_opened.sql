-- When a member of the store first opened a paid store order in the seller
-- admin: the orders nobody has opened yet are the "new" ones counted in the
-- seller's navigation.
ALTER TABLE store_orders ADD COLUMN opened_at TIMESTAMPTZ;
CREATE INDEX store_orders_unopened_idx ON store_orders (store_id)
    WHERE status = 'paid' AND opened_at IS NULL;
