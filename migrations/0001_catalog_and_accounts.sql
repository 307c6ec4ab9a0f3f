-- Accounts, stores and the catalog: the tables the storefront and the seller
-- admin stand on. Every invariant the application relies on is a constraint.

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS citext;

CREATE TABLE users (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email             CITEXT NOT NULL UNIQUE CHECK (email ~ '^[^@\s]+@[^@\s]+$' AND length(email) <= 254),
    name              TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 100),
    password_hash     TEXT NOT NULL,
    email_verified_at TIMESTAMPTZ,
    status            TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated', 'deleted')),
    -- Bumped whenever every existing session of the user must end.
    auth_epoch        INT NOT NULL DEFAULT 0,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE user_roles (
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('customer', 'seller', 'admin')),
    granted_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, role)
);

CREATE TABLE stores (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 60),
    name        TEXT NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 80),
    description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('pending', 'active', 'suspended', 'closed')),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE store_members (
    store_id  BIGINT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    user_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('owner', 'staff')),
    joined_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (store_id, user_id)
);
CREATE INDEX store_members_user_idx ON store_members (user_id);

CREATE TABLE categories (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    parent_id   BIGINT REFERENCES categories (id) ON DELETE RESTRICT,
    slug        TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 60),
    name        TEXT NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 60),
    position    INT NOT NULL DEFAULT 0,
    -- Categories proposed by sellers wait for an admin before shoppers see them.
    status      TEXT NOT NULL DEFAULT 'approved' CHECK (status IN ('proposed', 'approved', 'rejected')),
    proposed_by_store_id BIGINT REFERENCES stores (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (parent_id IS DISTINCT FROM id)
);
CREATE INDEX categories_parent_idx ON categories (parent_id);

CREATE TABLE products (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_id    BIGINT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    category_id BIGINT NOT NULL REFERENCES categories (id) ON DELETE RESTRICT,
    slug        TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 120),
    title       TEXT NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 140),
    description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
    -- Free-form attributes such as {"material": "wool"}; always an object.
    attributes  JSONB NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
    status      TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
    -- Optimistic concurrency: every update bumps it and names the one it read.
    version     INT NOT NULL DEFAULT 1,
    search      TSVECTOR NOT NULL DEFAULT ''::tsvector,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);
CREATE INDEX products_store_idx ON products (store_id, status);
CREATE INDEX products_category_idx ON products (category_id) WHERE status = 'published';
CREATE INDEX products_published_idx ON products (published_at DESC, id DESC) WHERE status = 'published';
CREATE INDEX products_search_idx ON products USING GIN (search);

CREATE TABLE product_variants (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id  BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    -- Denormalised so a SKU can be unique per store with a plain constraint.
    store_id    BIGINT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    sku         TEXT NOT NULL CHECK (sku ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    -- Option values such as {"size": "M", "colour": "Blue"}.
    options     JSONB NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(options) = 'object'),
    price       BIGINT NOT NULL CHECK (price >= 0),
    compare_at_price BIGINT CHECK (compare_at_price IS NULL OR compare_at_price >= 0),
    stock       INT NOT NULL DEFAULT 0 CHECK (stock >= 0),
    position    INT NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (store_id, sku)
);
CREATE INDEX product_variants_product_idx ON product_variants (product_id, position);

CREATE TABLE product_images (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id  BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    -- Random file stem under UPLOAD_DIR; each size is `{key}-{width}.webp`.
    file_key    TEXT NOT NULL UNIQUE CHECK (file_key ~ '^[a-z0-9]{16,64}$'),
    alt         TEXT NOT NULL DEFAULT '' CHECK (length(alt) <= 300),
    width       INT NOT NULL CHECK (width > 0),
    height      INT NOT NULL CHECK (height > 0),
    position    INT NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX product_images_product_idx ON product_images (product_id, position);

-- The full-text document of a product: its own words weighted above those of
-- its category and store, accents folded so "creme" finds "crème".
CREATE FUNCTION products_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    category_name TEXT;
    store_name TEXT;
BEGIN
    SELECT name INTO category_name FROM categories WHERE id = NEW.category_id;
    SELECT name INTO store_name FROM stores WHERE id = NEW.store_id;
    NEW.search :=
        setweight(to_tsvector('simple', unaccent(coalesce(NEW.title, ''))), 'A') ||
        setweight(to_tsvector('simple', unaccent(coalesce(category_name, '') || ' ' || coalesce(store_name, ''))), 'B') ||
        setweight(to_tsvector('simple', unaccent(
            coalesce((SELECT string_agg(value, ' ') FROM jsonb_each_text(NEW.attributes)), ''))), 'B') ||
        setweight(to_tsvector('simple', unaccent(coalesce(NEW.description, ''))), 'C');
    RETURN NEW;
END
$$;

CREATE TRIGGER products_search_document
    BEFORE INSERT OR UPDATE OF title, description, attributes, category_id, store_id ON products
    FOR EACH ROW EXECUTE FUNCTION products_search_document();
