-- Products in several languages: beside its English title and description,
-- the default, a product may have a French and a German one. Search matches
-- the words of every language a product has, each stemmed the way its
-- language forms words, accents folded as in `search`.

CREATE TABLE product_translations (
    product_id  BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    language    TEXT NOT NULL CHECK (language IN ('fr', 'de')),
    title       TEXT NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 140),
    -- Empty: the English description is shown.
    description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
    PRIMARY KEY (product_id, language)
);

CREATE FUNCTION stemmed_document(config regconfig, title TEXT, description TEXT)
RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector(config, unaccent(coalesce(title, ''))), 'A') ||
           setweight(to_tsvector(config, unaccent(coalesce(description, ''))), 'C')
$$;

ALTER TABLE products
    ADD COLUMN search_en TSVECTOR NOT NULL DEFAULT ''::tsvector,
    ADD COLUMN search_fr TSVECTOR NOT NULL DEFAULT ''::tsvector,
    ADD COLUMN search_de TSVECTOR NOT NULL DEFAULT ''::tsvector;
CREATE INDEX products_search_en_idx ON products USING GIN (search_en);
CREATE INDEX products_search_fr_idx ON products USING GIN (search_fr);
CREATE INDEX products_search_de_idx ON products USING GIN (search_de);

-- The product's own words, English, stemmed beside the unstemmed document.
CREATE OR REPLACE FUNCTION products_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
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
    NEW.search_en := stemmed_document('english', NEW.title, NEW.description);
    RETURN NEW;
END
$$;
UPDATE products SET search_en = stemmed_document('english', title, description);

-- A translation's words, stemmed in its language, on its product's row (so
-- the listing's triggers and caches follow it like any product change).
CREATE FUNCTION product_translations_search() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed product_translations;
    document tsvector := ''::tsvector;
BEGIN
    IF TG_OP = 'DELETE' THEN
        changed := OLD;
    ELSE
        changed := NEW;
        document := stemmed_document(
            CASE NEW.language WHEN 'fr' THEN 'french' ELSE 'german' END::regconfig,
            NEW.title, NEW.description);
    END IF;
    IF changed.language = 'fr' THEN
        UPDATE products SET search_fr = document, updated_at = now() WHERE id = changed.product_id;
    ELSE
        UPDATE products SET search_de = document, updated_at = now() WHERE id = changed.product_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER product_translations_search
    AFTER INSERT OR UPDATE OR DELETE ON product_translations
    FOR EACH ROW EXECUTE FUNCTION product_translations_search();
