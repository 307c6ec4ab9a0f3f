-- What open pages are told as it happens (`/events`). Triggers write a row in
-- the transaction of the change and notify the channel `live_events` with
-- `kind:id`, so an event exists only for a change that committed, and every
-- node hears of it. The row says who may see it; a node reads it before
-- sending. Rows older than a few minutes are purged: a page that reconnects
-- later refetches what it shows.
CREATE TABLE live_events (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        TEXT NOT NULL,
    -- The order, store order, product or user the event is about.
    subject_id  BIGINT NOT NULL,
    -- Who may see it besides platform admins: this person, this store's
    -- members, or everyone.
    user_id     BIGINT,
    store_id    BIGINT,
    public      BOOLEAN NOT NULL DEFAULT false,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX live_events_created_idx ON live_events (created_at);

CREATE FUNCTION live_event(kind TEXT, subject_id BIGINT, user_id BIGINT, store_id BIGINT, public BOOLEAN)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    new_id BIGINT;
BEGIN
    INSERT INTO live_events (kind, subject_id, user_id, store_id, public)
    VALUES (kind, subject_id, user_id, store_id, public)
    RETURNING id INTO new_id;
    PERFORM pg_notify('live_events', kind || ':' || new_id);
END
$$;

-- A customer's order: paid, cancelled, expired.
CREATE FUNCTION live_order_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM live_event('order', NEW.id, NEW.customer_id, NULL, false);
    RETURN NULL;
END
$$;
CREATE TRIGGER orders_live
    AFTER UPDATE ON orders
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION live_order_changed();

-- One store's part of an order: paid, shipped (with its tracking number),
-- delivered, refunded; seen by the customer and by the store.
CREATE FUNCTION live_store_order_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM live_event('store_order', NEW.id,
                       (SELECT customer_id FROM orders WHERE id = NEW.order_id), NEW.store_id, false);
    RETURN NULL;
END
$$;
CREATE TRIGGER store_orders_live
    AFTER UPDATE ON store_orders
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status
                       OR OLD.tracking_number IS DISTINCT FROM NEW.tracking_number
                       OR OLD.refunded IS DISTINCT FROM NEW.refunded)
    EXECUTE FUNCTION live_store_order_changed();

-- A product's stock, for its page: "only N left", "sold out".
CREATE FUNCTION live_stock_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM live_event('stock', NEW.product_id, NULL, NULL, true);
    RETURN NULL;
END
$$;
CREATE TRIGGER product_variants_live
    AFTER UPDATE ON product_variants
    FOR EACH ROW WHEN (OLD.stock IS DISTINCT FROM NEW.stock)
    EXECUTE FUNCTION live_stock_changed();

-- A sign-in ended (signed out, ended from another device) or every sign-in
-- of an account (password changed or reset, account closed): that person's
-- streams check their session again and close.
CREATE FUNCTION live_session_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM live_event('session', NEW.user_id, NEW.user_id, NULL, false);
    RETURN NULL;
END
$$;
CREATE TRIGGER user_sessions_live
    AFTER UPDATE ON user_sessions
    FOR EACH ROW WHEN (OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL)
    EXECUTE FUNCTION live_session_ended();

CREATE FUNCTION live_account_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM live_event('session', NEW.id, NEW.id, NULL, false);
    RETURN NULL;
END
$$;
CREATE TRIGGER users_live
    AFTER UPDATE ON users
    FOR EACH ROW WHEN (OLD.auth_epoch IS DISTINCT FROM NEW.auth_epoch
                       OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION live_account_changed();
