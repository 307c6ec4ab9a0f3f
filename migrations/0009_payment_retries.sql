-- Sweeping an unpaid order can fail for that order alone (the payment
-- provider is down, or no longer knows the order's session): each failure is
-- counted on the order, which the sweeper then leaves alone until its retry
-- time, so one bad order never holds up the others.
ALTER TABLE orders
    ADD COLUMN sweep_failures  INT NOT NULL DEFAULT 0,
    -- How many of those failures were Stripe answering "no such session";
    -- after a few the order is closed, since that session can never be paid.
    ADD COLUMN session_missing INT NOT NULL DEFAULT 0,
    ADD COLUMN sweep_retry_at  TIMESTAMPTZ;

-- Why an event was recorded without changing anything, e.g. a Checkout
-- Session no order of Bazaar's refers to.
ALTER TABLE webhook_events ADD COLUMN ignored TEXT;
