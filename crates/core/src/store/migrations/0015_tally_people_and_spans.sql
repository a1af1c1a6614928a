-- Step 15: the KPI tallies gain what the dashboard's award standings and open warnings need,
-- and keep their client groups, so that an edit to a plan or a warning rebuilds only its own
-- family of facts instead of regrouping a million clients first.
--
-- A tally row can now belong to a person (plan items by their owner) and stop counting on a day
-- (`until`: a warning is open from the day it was raised until the day it was closed; NULL,
-- still open).

ALTER TABLE kpi_tallies ADD COLUMN person_id INTEGER;
ALTER TABLE kpi_tallies ADD COLUMN until TEXT;

-- Each client's group for a campaign (team, industry, product-type bits), whether it is one of
-- the campaign's targets, and its high-risk and fibre flags: rebuilt with the `targets` family,
-- which every change to these inputs marks stale (the triggers of step 14, and below).
CREATE TABLE kpi_client_groups (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL,
    team_id INTEGER,
    industry TEXT NOT NULL,
    types INTEGER NOT NULL,
    risky INTEGER NOT NULL,
    fibre INTEGER NOT NULL,
    target INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, client_id)
) WITHOUT ROWID;

-- A new client has no group yet; one of its plans or warnings needs it.
CREATE TRIGGER kpi_clients_insert AFTER INSERT ON clients
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'targets' AND fresh = 1; END;

-- Who owns an item decides whose standing it counts in.
CREATE TRIGGER kpi_plan_items_owner AFTER UPDATE OF owner_id ON plan_items
    WHEN OLD.owner_id IS NOT NEW.owner_id
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'plans' AND fresh = 1; END;

-- Tallies built before this step lack the new facts and the kept groups.
UPDATE kpi_tally_state SET fresh = 0;
