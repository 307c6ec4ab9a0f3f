-- Outgoing webhooks: a store's endpoints, the events that happened to it
-- (`store_events`; `webhook_events` holds the payment provider's incoming ones) and
-- one delivery per event and subscribed endpoint. Events and deliveries are
-- written in the transaction of the change (an outbox); a worker sends them.
CREATE TABLE webhook_endpoints (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_id    BIGINT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    url         TEXT NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
    events      TEXT[] NOT NULL CHECK (cardinality(events) > 0),
    -- Kept as it is: every delivery is signed with it.
    secret      TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    rotated_at  TIMESTAMPTZ
);
CREATE INDEX webhook_endpoints_store_idx ON webhook_endpoints (store_id, id);

CREATE TABLE store_events (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    store_id    BIGINT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    data        JSONB NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE webhook_deliveries (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id         UUID NOT NULL REFERENCES store_events (id) ON DELETE CASCADE,
    endpoint_id      BIGINT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    attempts         INT NOT NULL DEFAULT 0,
    -- While a worker sends it, a minute ahead: a node that dies mid-send
    -- leaves the delivery to the others once that minute is over.
    next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_status      INT,
    last_error       TEXT,
    last_attempt_at  TIMESTAMPTZ,
    delivered_at     TIMESTAMPTZ,
    failed_at        TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (event_id, endpoint_id)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at)
    WHERE delivered_at IS NULL AND failed_at IS NULL;
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, id DESC);

-- Records an event of a store and queues it for each endpoint that listens
-- to its kind. The server's `webhooks::record` and the low-stock trigger
-- below both come here, so the fan-out has one home.
CREATE FUNCTION store_event(p_store_id BIGINT, p_kind TEXT, p_data JSONB) RETURNS UUID
LANGUAGE plpgsql AS $$
DECLARE
    event_id UUID;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM webhook_endpoints
                   WHERE store_id = p_store_id AND p_kind = ANY (events)) THEN
        RETURN NULL;
    END IF;
    INSERT INTO store_events (store_id, kind, data)
    VALUES (p_store_id, p_kind, p_data)
    RETURNING id INTO event_id;
    INSERT INTO webhook_deliveries (event_id, endpoint_id)
    SELECT event_id, id FROM webhook_endpoints
    WHERE store_id = p_store_id AND p_kind = ANY (events);
    RETURN event_id;
END
$$;

-- A variant's stock falling to the store's low-stock threshold or below
-- announces `product.low_stock`, whatever lowered it: a sale, the product
-- editor, the inventory API. Only the crossing announces, not each sale
-- below the line.
CREATE FUNCTION webhook_low_stock() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
    threshold INT;
BEGIN
    SELECT low_stock_threshold INTO threshold FROM stores WHERE id = NEW.store_id;
    IF OLD.stock > threshold AND NEW.stock <= threshold THEN
        PERFORM store_event(NEW.store_id, 'product.low_stock', jsonb_build_object(
            'product_id', NEW.product_id,
            'variant_id', NEW.id,
            'sku', NEW.sku,
            'stock', NEW.stock,
            'low_stock_threshold', threshold));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER product_variants_low_stock
    AFTER UPDATE OF stock ON product_variants
    FOR EACH ROW WHEN (NEW.stock < OLD.stock)
    EXECUTE FUNCTION webhook_low_stock();
