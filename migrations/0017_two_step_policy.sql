-- A store owner can require a second sign-in step of the store's staff.
ALTER TABLE stores ADD COLUMN staff_two_step_required BOOLEAN NOT NULL DEFAULT false;
