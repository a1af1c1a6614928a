-- Step 24: a version on each 一户一案 plan item, as team mode's items carry, so a change made
-- from a copy read earlier can be refused with the item as it is now instead of overwriting
-- someone else's. Every change to an item moves its version on, whoever makes it, plain SQL
-- included; the trigger does not fire itself again (recursive triggers are off), and its
-- condition stops it once the version has moved.

ALTER TABLE plan_items ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE TRIGGER plan_items_version AFTER UPDATE ON plan_items
    WHEN NEW.version = OLD.version
BEGIN
    UPDATE plan_items SET version = OLD.version + 1 WHERE id = NEW.id;
END;
