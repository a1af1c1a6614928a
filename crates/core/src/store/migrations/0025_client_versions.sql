-- Step 25: a version on each client, as team mode's clients carry, so the clients team mode
-- shows from a planner's own file say which state of the client they were read from. A change
-- moves it on, whoever makes it and however (an import's update included); an update that
-- leaves every column as it was (an unchanged file imported again) does not, so no one holding
-- the client is told it changed.

ALTER TABLE clients ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE TRIGGER clients_version AFTER UPDATE ON clients
    WHEN NEW.version = OLD.version
     AND (NEW.code IS NOT OLD.code OR NEW.name IS NOT OLD.name OR NEW.category IS NOT OLD.category
          OR NEW.tier IS NOT OLD.tier OR NEW.industry IS NOT OLD.industry OR NEW.district IS NOT OLD.district
          OR NEW.team_id IS NOT OLD.team_id OR NEW.account_manager_id IS NOT OLD.account_manager_id
          OR NEW.vip_manager_id IS NOT OLD.vip_manager_id OR NEW.key_person IS NOT OLD.key_person
          OR NEW.key_person_phone IS NOT OLD.key_person_phone OR NEW.notes IS NOT OLD.notes)
BEGIN
    UPDATE clients SET version = OLD.version + 1 WHERE id = NEW.id;
END;
