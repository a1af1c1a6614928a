-- Step 25: a version on each client, as team mode's clients carry, so the clients team mode
-- shows from a planner's own file say which state of the client they were read from. Every
-- change moves it on, whoever makes it and however (an import's update included), as step 24
-- does for plan items and warnings.

ALTER TABLE clients ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE TRIGGER clients_version AFTER UPDATE ON clients
    WHEN NEW.version = OLD.version
BEGIN
    UPDATE clients SET version = OLD.version + 1 WHERE id = NEW.id;
END;
