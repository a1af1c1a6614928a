-- Step 11: campaigns a planner runs for real, and the organisation kept by hand.
-- A campaign can be archived (kept, out of the way) and names its participating teams. Teams and
-- people can be deactivated rather than deleted, so past work keeps its names; a person has a
-- role instead of a yes/no "account manager" flag. A warning remembers who owns it, so reassigning
-- a client moves the open ones and leaves closed ones with who handled them. Changes to the
-- organisation (merges, renames, reassignments) are logged as codes and values.

ALTER TABLE campaigns ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1));
-- The campaign a new period was copied from, if any.
ALTER TABLE campaigns ADD COLUMN copied_from INTEGER REFERENCES campaigns(id) ON DELETE SET NULL;

CREATE TABLE campaign_teams (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    PRIMARY KEY (campaign_id, team_id)
) WITHOUT ROWID;
CREATE INDEX campaign_teams_team ON campaign_teams(team_id);
-- Until now a campaign's teams were those of its target clients.
INSERT INTO campaign_teams (campaign_id, team_id)
SELECT DISTINCT ct.campaign_id, c.team_id FROM campaign_targets ct JOIN clients c ON c.id = ct.client_id
WHERE c.team_id IS NOT NULL;

ALTER TABLE teams ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));

ALTER TABLE people ADD COLUMN role TEXT NOT NULL DEFAULT 'account_manager'
    CHECK (role IN ('account_manager', 'team_member', 'vip_account_manager'));
UPDATE people SET role = 'team_member' WHERE is_account_manager = 0;
ALTER TABLE people DROP COLUMN is_account_manager;
ALTER TABLE people ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));

ALTER TABLE warnings ADD COLUMN owner_id INTEGER REFERENCES people(id) ON DELETE SET NULL;
UPDATE warnings SET owner_id = (
    SELECT c.account_manager_id FROM contracts k JOIN clients c ON c.id = k.client_id WHERE k.id = warnings.contract_id
);
CREATE INDEX warnings_owner ON warnings(owner_id);

CREATE TABLE org_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    -- A code of the core's (team_renamed, teams_merged, people_merged, client_reassigned, …);
    -- the core refuses a code it does not know when it reads the log back.
    action TEXT NOT NULL,
    -- What the action was about and its values, as JSON; read back into a typed entry.
    detail TEXT NOT NULL DEFAULT '{}'
);
