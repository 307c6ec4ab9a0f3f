-- What shoppers can see and buy: a published product of an active store.
-- Listings, product pages, the sitemap, carts and checkout all ask this, so
-- suspending a store or unpublishing a product takes it out everywhere at
-- once. A plain SQL expression, so the planner inlines it.
CREATE FUNCTION for_sale(p products, s stores) RETURNS BOOLEAN
LANGUAGE sql IMMUTABLE
AS $$
    SELECT p.status = 'published' AND s.status = 'active'
$$;
