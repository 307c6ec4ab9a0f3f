-- Every node keeps the storefront's listings and filter choices in memory.
-- A change to what they show notifies the channel `storefront_changed` when
-- its transaction commits, and each node's listener clears its caches. Stock
-- and sales counts move with every order and are left to the caches' short
-- lifetimes, except a product selling out or coming back.
CREATE FUNCTION notify_storefront_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('storefront_changed', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER stores_storefront_changed
    AFTER INSERT OR UPDATE OR DELETE ON stores
    FOR EACH STATEMENT EXECUTE FUNCTION notify_storefront_changed();

CREATE TRIGGER categories_storefront_changed
    AFTER INSERT OR UPDATE OR DELETE ON categories
    FOR EACH STATEMENT EXECUTE FUNCTION notify_storefront_changed();

CREATE TRIGGER product_images_storefront_changed
    AFTER INSERT OR UPDATE OR DELETE ON product_images
    FOR EACH STATEMENT EXECUTE FUNCTION notify_storefront_changed();

CREATE TRIGGER products_added_or_removed
    AFTER INSERT OR DELETE ON products
    FOR EACH STATEMENT EXECUTE FUNCTION notify_storefront_changed();

CREATE TRIGGER products_storefront_changed
    AFTER UPDATE ON products
    FOR EACH ROW
    WHEN (OLD.version <> NEW.version
          OR OLD.status <> NEW.status
          OR OLD.title <> NEW.title
          OR OLD.slug <> NEW.slug
          OR OLD.category_id <> NEW.category_id
          OR OLD.store_id <> NEW.store_id
          OR OLD.attributes <> NEW.attributes
          OR OLD.search <> NEW.search
          OR OLD.price_from IS DISTINCT FROM NEW.price_from
          OR OLD.price_to IS DISTINCT FROM NEW.price_to
          OR (OLD.stock_total > 0) <> (NEW.stock_total > 0))
    EXECUTE FUNCTION notify_storefront_changed();
