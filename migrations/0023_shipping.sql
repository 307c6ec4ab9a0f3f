-- Shipping rates per store: zones (sets of countries) with one or more
-- methods each; a shopper's country is offered every method of every zone
-- of the store that lists it.

CREATE TABLE shipping_zones (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_id   BIGINT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    countries  TEXT[] NOT NULL CHECK (cardinality(countries) > 0),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX shipping_zones_store_idx ON shipping_zones (store_id);

CREATE TABLE shipping_methods (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    zone_id   BIGINT NOT NULL REFERENCES shipping_zones (id) ON DELETE CASCADE,
    name      TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    price     BIGINT NOT NULL CHECK (price >= 0),
    -- Free when the store's subtotal reaches this amount.
    free_over BIGINT CHECK (free_over > 0),
    min_days  INT NOT NULL CHECK (min_days BETWEEN 0 AND 60),
    max_days  INT NOT NULL CHECK (max_days BETWEEN min_days AND 60)
);
CREATE INDEX shipping_methods_zone_idx ON shipping_methods (zone_id);

-- Every store starts with free standard shipping to every country Bazaar
-- delivers to (`shipping::COUNTRIES`), so a new store can sell before its
-- seller sets rates; the seller changes or replaces it in the shipping
-- settings. Stores that existed before rates get the same.
CREATE FUNCTION add_default_shipping(store BIGINT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    zone BIGINT;
BEGIN
    INSERT INTO shipping_zones (store_id, name, countries)
    VALUES (store, 'Europe', ARRAY['AT', 'BE', 'DE', 'DK', 'ES', 'FI', 'FR', 'GB', 'IE',
                                   'IT', 'LU', 'NL', 'PL', 'PT', 'SE'])
    RETURNING id INTO zone;
    INSERT INTO shipping_methods (zone_id, name, price, min_days, max_days)
    VALUES (zone, 'Standard', 0, 2, 5);
END $$;

CREATE FUNCTION store_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM add_default_shipping(NEW.id);
    RETURN NULL;
END $$;
CREATE TRIGGER store_default_shipping AFTER INSERT ON stores
    FOR EACH ROW EXECUTE FUNCTION store_added();

SELECT add_default_shipping(id) FROM stores;

-- Where the cart's shopper wants delivery, and the method picked per store;
-- without a pick the cheapest method applies.
ALTER TABLE carts ADD COLUMN ship_country TEXT CHECK (ship_country ~ '^[A-Z]{2}$');
CREATE TABLE cart_shipping (
    cart_id   BIGINT NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
    store_id  BIGINT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    method_id BIGINT NOT NULL REFERENCES shipping_methods (id) ON DELETE CASCADE,
    PRIMARY KEY (cart_id, store_id)
);
CREATE INDEX cart_shipping_method_idx ON cart_shipping (method_id);

-- A store order keeps the method and price it was placed with, so a later
-- change of rates never changes it. Shipping is refunded with the order;
-- the platform's fee is on the items only.
ALTER TABLE store_orders
    ADD COLUMN shipping BIGINT NOT NULL DEFAULT 0 CHECK (shipping >= 0),
    ADD COLUMN shipping_method TEXT NOT NULL DEFAULT '',
    ADD COLUMN shipping_min_days INT,
    ADD COLUMN shipping_max_days INT,
    DROP CONSTRAINT store_orders_check,
    ADD CONSTRAINT store_orders_refunded_check CHECK (refunded >= 0 AND refunded <= subtotal + shipping);
