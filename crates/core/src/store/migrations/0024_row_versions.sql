-- Step 24: a version on each 一户一案 plan item and each broadband warning, as team mode's rows
-- carry, so a change made from a copy read earlier can be refused with the row as it is now
-- instead of overwriting someone else's. Every change to a row moves its version on, whoever
-- makes it, plain SQL included; a trigger does not fire itself again (recursive triggers are
-- off), and its condition stops it once the version has moved.

ALTER TABLE plan_items ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE TRIGGER plan_items_version AFTER UPDATE ON plan_items
    WHEN NEW.version = OLD.version
BEGIN
    UPDATE plan_items SET version = OLD.version + 1 WHERE id = NEW.id;
END;

ALTER TABLE warnings ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE TRIGGER warnings_version AFTER UPDATE ON warnings
    WHEN NEW.version = OLD.version
BEGIN
    UPDATE warnings SET version = OLD.version + 1 WHERE id = NEW.id;
END;
