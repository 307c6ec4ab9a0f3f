-- Carts: a visitor's is found by a random token kept in their session, a
-- signed-in person's by their id; the visitor's is merged into the person's
-- at sign-in.

CREATE TABLE carts (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     BIGINT UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    token       UUID UNIQUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((user_id IS NULL) <> (token IS NULL))
);

CREATE TABLE cart_items (
    cart_id     BIGINT NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
    variant_id  BIGINT NOT NULL REFERENCES product_variants (id) ON DELETE CASCADE,
    quantity    INT NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    -- The unit price when added, so the cart can say when it changed.
    added_price BIGINT NOT NULL CHECK (added_price >= 0),
    added_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (cart_id, variant_id)
);
CREATE INDEX cart_items_variant_idx ON cart_items (variant_id);
