-- VAT. Prices are entered and shown including VAT; an order line stores
-- the rate of its delivery country and the VAT it holds, so later rate
-- changes never alter a placed order.

-- The rate per country and tax class, in basis points (2000 = 20 %), as
-- the platform admin keeps them. A country without a rate holds no VAT.
-- The defaults are the rates in force in 2026; docs/decisions.md names the
-- source.
CREATE TABLE vat_rates (
    country      TEXT NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    tax_class    TEXT NOT NULL CHECK (tax_class IN ('standard', 'reduced')),
    basis_points INT NOT NULL CHECK (basis_points BETWEEN 0 AND 10000),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (country, tax_class)
);
INSERT INTO vat_rates (country, tax_class, basis_points) VALUES
    ('BE', 'standard', 2100), ('BE', 'reduced', 600),
    ('DE', 'standard', 1900), ('DE', 'reduced', 700),
    ('ES', 'standard', 2100), ('ES', 'reduced', 1000),
    ('FR', 'standard', 2000), ('FR', 'reduced', 550),
    ('IT', 'standard', 2200), ('IT', 'reduced', 1000),
    ('NL', 'standard', 2100), ('NL', 'reduced', 900);

ALTER TABLE products
    ADD COLUMN tax_class TEXT NOT NULL DEFAULT 'standard' CHECK (tax_class IN ('standard', 'reduced'));

ALTER TABLE order_lines
    ADD COLUMN vat_rate INT NOT NULL DEFAULT 0 CHECK (vat_rate BETWEEN 0 AND 10000),
    ADD COLUMN vat BIGINT NOT NULL DEFAULT 0 CHECK (vat >= 0 AND vat <= line_total);

-- Shipping is taxed at the standard rate of the delivery country; `vat` is
-- all the VAT of the store order, its lines' and its shipping's.
ALTER TABLE store_orders
    ADD COLUMN shipping_vat_rate INT NOT NULL DEFAULT 0 CHECK (shipping_vat_rate BETWEEN 0 AND 10000),
    ADD COLUMN shipping_vat BIGINT NOT NULL DEFAULT 0 CHECK (shipping_vat >= 0 AND shipping_vat <= shipping),
    ADD COLUMN vat BIGINT NOT NULL DEFAULT 0 CHECK (vat >= 0);
