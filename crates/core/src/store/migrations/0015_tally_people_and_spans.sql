-- Step 15: two more dimensions for the KPI tallies, so the dashboard's award standings and
-- open warnings by age are read from a few thousand rows too, not from passes over a million
-- plan items and tens of thousands of warnings. A tally row can now belong to a person (plan
-- items by their owner) and stop counting on a day (`until`: a warning is open from the day it
-- was raised until the day it was closed; NULL, still open).

ALTER TABLE kpi_tallies ADD COLUMN person_id INTEGER;
ALTER TABLE kpi_tallies ADD COLUMN until TEXT;

-- Who owns an item decides whose standing it counts in.
CREATE TRIGGER kpi_plan_items_owner AFTER UPDATE OF owner_id ON plan_items
    WHEN OLD.owner_id IS NOT NEW.owner_id
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'plans' AND fresh = 1; END;

-- Tallies built before this step lack the new facts.
UPDATE kpi_tally_state SET fresh = 0;
