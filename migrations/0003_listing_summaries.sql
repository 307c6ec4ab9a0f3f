-- What a listing filters and sorts on, kept on the product row so a listing
-- reads one table: the price range and total stock of its variants
-- (maintained by a trigger) and the units sold (kept by paid orders).

ALTER TABLE products
    ADD COLUMN price_from  BIGINT,
    ADD COLUMN price_to    BIGINT,
    ADD COLUMN stock_total INT NOT NULL DEFAULT 0,
    ADD COLUMN units_sold  INT NOT NULL DEFAULT 0 CHECK (units_sold >= 0);

CREATE FUNCTION products_refresh_variant_summary(product BIGINT) RETURNS void
LANGUAGE sql AS $$
    UPDATE products p
    SET price_from = v.price_from, price_to = v.price_to, stock_total = v.stock_total
    FROM (
        SELECT min(price) AS price_from, max(price) AS price_to,
               coalesce(sum(stock), 0)::int AS stock_total
        FROM product_variants WHERE product_id = product
    ) v
    WHERE p.id = product;
$$;

CREATE FUNCTION product_variants_summary() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM products_refresh_variant_summary(OLD.product_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.product_id <> OLD.product_id) THEN
        PERFORM products_refresh_variant_summary(NEW.product_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER product_variants_summary
    AFTER INSERT OR UPDATE OF price, stock, product_id OR DELETE ON product_variants
    FOR EACH ROW EXECUTE FUNCTION product_variants_summary();

SELECT products_refresh_variant_summary(id) FROM products;

-- A product without variants (price_from NULL) is never listed.
CREATE INDEX products_listing_price_idx ON products (price_from, id) WHERE status = 'published';
CREATE INDEX products_listing_sold_idx ON products (units_sold DESC, id DESC) WHERE status = 'published';
CREATE INDEX products_material_idx ON products (lower(attributes ->> 'material')) WHERE status = 'published';
