-- A store's monthly statistics read its sales from these sums rather than
-- from every order line of the month. Triggers keep them in the same
-- transaction that pays a store order or writes its lines, so they always
-- agree with the orders.
--
-- Months and days are those of the platform's time zone, named here. When
-- the app's TIME_ZONE setting differs, it recomputes the sums in its zone
-- (`rebuild_sales`).
CREATE TABLE sales_time_zone (
    single BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (single),
    name   TEXT NOT NULL
);
INSERT INTO sales_time_zone (name) VALUES ('Europe/Paris');

-- Units and revenue of each variant a store sold in a month, named as its
-- lines name it (a product's category can change between sales).
CREATE TABLE monthly_sales (
    store_id   BIGINT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    month      DATE NOT NULL,
    product_id BIGINT NOT NULL,
    sku        TEXT NOT NULL,
    options    TEXT NOT NULL,
    category   TEXT NOT NULL,
    -- Lines keep the title a product had when sold; one names it.
    title      TEXT NOT NULL,
    units      BIGINT NOT NULL,
    revenue    BIGINT NOT NULL,
    PRIMARY KEY (store_id, month, product_id, sku, options, category)
);

-- Units and revenue of a store per day.
CREATE TABLE daily_sales (
    store_id BIGINT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    day      DATE NOT NULL,
    units    BIGINT NOT NULL,
    revenue  BIGINT NOT NULL,
    PRIMARY KEY (store_id, day)
);

-- Order lines of paid store orders; negative units and revenue take a line
-- back out of the sums.
CREATE TYPE sale AS (
    store_id   BIGINT,
    paid_at    TIMESTAMPTZ,
    product_id BIGINT,
    sku        TEXT,
    options    TEXT,
    category   TEXT,
    title      TEXT,
    units      BIGINT,
    revenue    BIGINT
);

CREATE FUNCTION record_sales(sales sale[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    zone TEXT;
BEGIN
    -- Shared, so a rebuild in another zone waits for this transaction.
    SELECT name INTO zone FROM sales_time_zone FOR SHARE;
    INSERT INTO monthly_sales AS m (store_id, month, product_id, sku, options, category,
                                    title, units, revenue)
    SELECT store_id, date_trunc('month', paid_at AT TIME ZONE zone)::date, product_id, sku,
           options, category, min(title), sum(units), sum(revenue)
    FROM unnest(sales)
    GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (store_id, month, product_id, sku, options, category) DO UPDATE
    SET title = least(m.title, excluded.title),
        units = m.units + excluded.units,
        revenue = m.revenue + excluded.revenue;

    INSERT INTO daily_sales AS d (store_id, day, units, revenue)
    SELECT store_id, (paid_at AT TIME ZONE zone)::date, sum(units), sum(revenue)
    FROM unnest(sales)
    GROUP BY 1, 2
    ON CONFLICT (store_id, day) DO UPDATE
    SET units = d.units + excluded.units,
        revenue = d.revenue + excluded.revenue;

    -- A month or day whose sales were all taken back had none.
    IF EXISTS (SELECT 1 FROM unnest(sales) WHERE units < 0) THEN
        DELETE FROM monthly_sales
        WHERE units = 0 AND store_id IN (SELECT store_id FROM unnest(sales) WHERE units < 0);
        DELETE FROM daily_sales
        WHERE units = 0 AND store_id IN (SELECT store_id FROM unnest(sales) WHERE units < 0);
    END IF;
END $$;

-- Lines written into a store order already paid (the demo data does this).
CREATE FUNCTION record_lines_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM record_sales(ARRAY(
        SELECT ROW(so.store_id, so.paid_at, l.product_id, l.sku, l.options, l.category,
                   l.title, l.quantity, l.line_total)::sale
        FROM added l JOIN store_orders so ON so.id = l.store_order_id
        WHERE so.paid_at IS NOT NULL));
    RETURN NULL;
END $$;
CREATE TRIGGER order_lines_added AFTER INSERT ON order_lines
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION record_lines_added();

-- Lines removed from a paid store order. A store order deleted with its
-- lines is taken out by `record_store_order_deleted` instead: by the time
-- its lines go, it no longer joins here.
CREATE FUNCTION record_lines_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM record_sales(ARRAY(
        SELECT ROW(so.store_id, so.paid_at, l.product_id, l.sku, l.options, l.category,
                   l.title, -l.quantity, -l.line_total)::sale
        FROM removed l JOIN store_orders so ON so.id = l.store_order_id
        WHERE so.paid_at IS NOT NULL));
    RETURN NULL;
END $$;
CREATE TRIGGER order_lines_removed AFTER DELETE ON order_lines
    REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION record_lines_removed();

-- A store order paid, or its payment time changed or cleared.
CREATE FUNCTION record_store_orders_paid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM record_sales(ARRAY(
        SELECT ROW(old_row.store_id, old_row.paid_at, l.product_id, l.sku, l.options, l.category,
                   l.title, -l.quantity, -l.line_total)::sale
        FROM before_update old_row JOIN after_update new_row USING (id)
        JOIN order_lines l ON l.store_order_id = old_row.id
        WHERE old_row.paid_at IS NOT NULL AND old_row.paid_at IS DISTINCT FROM new_row.paid_at
        UNION ALL
        SELECT ROW(new_row.store_id, new_row.paid_at, l.product_id, l.sku, l.options, l.category,
                   l.title, l.quantity, l.line_total)::sale
        FROM before_update old_row JOIN after_update new_row USING (id)
        JOIN order_lines l ON l.store_order_id = new_row.id
        WHERE new_row.paid_at IS NOT NULL AND new_row.paid_at IS DISTINCT FROM old_row.paid_at));
    RETURN NULL;
END $$;
CREATE TRIGGER store_orders_paid AFTER UPDATE ON store_orders
    REFERENCING OLD TABLE AS before_update NEW TABLE AS after_update
    FOR EACH STATEMENT EXECUTE FUNCTION record_store_orders_paid();

-- A paid store order deleted: its lines leave the sums while they still exist.
CREATE FUNCTION record_store_order_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM record_sales(ARRAY(
        SELECT ROW(OLD.store_id, OLD.paid_at, l.product_id, l.sku, l.options, l.category,
                   l.title, -l.quantity, -l.line_total)::sale
        FROM order_lines l WHERE l.store_order_id = OLD.id));
    RETURN OLD;
END $$;
CREATE TRIGGER store_order_deleted BEFORE DELETE ON store_orders
    FOR EACH ROW WHEN (OLD.paid_at IS NOT NULL)
    EXECUTE FUNCTION record_store_order_deleted();

-- Every sum recomputed from the orders, with months and days in `zone`.
CREATE FUNCTION rebuild_sales(zone TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- Waits for transactions recording sales in the previous zone.
    UPDATE sales_time_zone SET name = zone;
    DELETE FROM monthly_sales;
    DELETE FROM daily_sales;
    PERFORM record_sales(ARRAY(
        SELECT ROW(so.store_id, so.paid_at, l.product_id, l.sku, l.options, l.category,
                   l.title, l.quantity, l.line_total)::sale
        FROM store_orders so JOIN order_lines l ON l.store_order_id = so.id
        WHERE so.paid_at IS NOT NULL));
END $$;

SELECT rebuild_sales('Europe/Paris');
