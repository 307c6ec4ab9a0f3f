-- Guest checkout: an order placed with an email address only. Its buyer
-- reads it through a signed link that names the order's link version, so
-- bumping the version revokes every link sent so far.

ALTER TABLE orders
    ALTER COLUMN customer_id DROP NOT NULL,
    ADD COLUMN guest BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN guest_link_version INT NOT NULL DEFAULT 1 CHECK (guest_link_version > 0),
    -- When a new link was last mailed: at most one a minute.
    ADD COLUMN guest_link_renewed_at TIMESTAMPTZ,
    ADD CONSTRAINT orders_buyer_check CHECK (guest OR customer_id IS NOT NULL);
CREATE INDEX orders_guest_email_idx ON orders (lower(email)) WHERE customer_id IS NULL;

-- A verified address owns its orders: the guest orders placed with it join
-- the account that verifies it, however the address came to be verified.
CREATE FUNCTION attach_guest_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE orders SET customer_id = NEW.id, updated_at = now()
    WHERE customer_id IS NULL AND lower(email) = lower(NEW.email::text);
    RETURN NULL;
END
$$;
CREATE TRIGGER users_attach_guest_orders
    AFTER INSERT OR UPDATE OF email, email_verified_at ON users
    FOR EACH ROW WHEN (NEW.email_verified_at IS NOT NULL AND NEW.status = 'active')
    EXECUTE FUNCTION attach_guest_orders();
