-- Orders: one payment by a shopper, split into one store order per store,
-- with lines that keep what was bought at the price it was bought for.

-- The shipping address a customer used last, offered at the next checkout.
CREATE TABLE addresses (
    user_id     BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    line1       TEXT NOT NULL,
    line2       TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL,
    postal_code TEXT NOT NULL,
    country     TEXT NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    phone       TEXT NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE SEQUENCE order_numbers START 1000;

CREATE TABLE orders (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number      TEXT NOT NULL UNIQUE
                DEFAULT 'BZ-' || lpad(nextval('order_numbers')::text, 6, '0'),
    customer_id BIGINT NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    email       TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending_payment'
                CHECK (status IN ('pending_payment', 'paid', 'cancelled', 'expired')),
    -- The shipping address as it was at checkout.
    ship_name        TEXT NOT NULL,
    ship_line1       TEXT NOT NULL,
    ship_line2       TEXT NOT NULL DEFAULT '',
    ship_city        TEXT NOT NULL,
    ship_postal_code TEXT NOT NULL,
    ship_country     TEXT NOT NULL,
    ship_phone       TEXT NOT NULL,
    total       BIGINT NOT NULL CHECK (total >= 0),
    currency    TEXT NOT NULL DEFAULT 'eur',
    checkout_session_id TEXT UNIQUE,
    checkout_url        TEXT,
    payment_intent_id   TEXT,
    -- What the payment provider reported as paid, and why it was not accepted
    -- as it is when it differs from the total.
    amount_paid BIGINT,
    payment_problem TEXT,
    payment_failed_at TIMESTAMPTZ,
    -- Stock stays reserved until then; the sweeper expires the order after.
    expires_at  TIMESTAMPTZ NOT NULL,
    paid_at     TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX orders_customer_idx ON orders (customer_id, created_at DESC);
CREATE INDEX orders_pending_idx ON orders (expires_at) WHERE status = 'pending_payment';

CREATE TABLE store_orders (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id    BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    store_id    BIGINT NOT NULL REFERENCES stores (id) ON DELETE RESTRICT,
    -- `pending_payment` and `expired` follow the order before it is paid;
    -- sellers see their store orders from `paid` on.
    status      TEXT NOT NULL DEFAULT 'pending_payment'
                CHECK (status IN ('pending_payment', 'expired', 'paid', 'shipped',
                                  'delivered', 'cancelled', 'refunded')),
    subtotal    BIGINT NOT NULL CHECK (subtotal >= 0),
    -- Fixed when the order is paid: the platform's share in basis points,
    -- the fee it makes and what remains for the seller after refunds.
    fee_basis_points INT CHECK (fee_basis_points BETWEEN 0 AND 10000),
    platform_fee BIGINT CHECK (platform_fee >= 0),
    refunded    BIGINT NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= subtotal),
    seller_net  BIGINT,
    carrier     TEXT,
    tracking_number TEXT,
    paid_at     TIMESTAMPTZ,
    shipped_at  TIMESTAMPTZ,
    delivered_at TIMESTAMPTZ,
    cancelled_at TIMESTAMPTZ,
    refunded_at TIMESTAMPTZ,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (order_id, store_id)
);
CREATE INDEX store_orders_store_idx ON store_orders (store_id, status, id DESC);

CREATE TABLE order_lines (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_order_id BIGINT NOT NULL REFERENCES store_orders (id) ON DELETE CASCADE,
    -- No cascade: a product with orders is archived, never deleted.
    variant_id     BIGINT NOT NULL REFERENCES product_variants (id) ON DELETE RESTRICT,
    product_id     BIGINT NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
    title          TEXT NOT NULL,
    sku            TEXT NOT NULL,
    options        TEXT NOT NULL DEFAULT '',
    category       TEXT NOT NULL,
    unit_price     BIGINT NOT NULL CHECK (unit_price >= 0),
    quantity       INT NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    line_total     BIGINT NOT NULL CHECK (line_total = unit_price * quantity)
);
CREATE INDEX order_lines_store_order_idx ON order_lines (store_order_id);
CREATE INDEX order_lines_variant_idx ON order_lines (variant_id);
CREATE INDEX order_lines_product_idx ON order_lines (product_id);

-- Every Stripe event applied, so a redelivery changes nothing.
CREATE TABLE webhook_events (
    id          TEXT PRIMARY KEY,
    type        TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
