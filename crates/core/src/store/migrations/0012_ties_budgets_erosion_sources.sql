-- Step 12: standings a planner can pay prizes on, and warnings an account manager can trust.
-- An award orders tied entrants by an ordered list of criteria (codes, as JSON) and says whether a
-- prize tier may be shared; the campaign has an incentive budget. An achievement may carry its
-- industry when it has no client (an 行业 column), and corrections and deletions are logged.
-- A tariff is also compared with the contract's baseline or its highest tariff in a window the
-- planner sets; a warning says which comparison raised it. Key-person changes say where they came from.

ALTER TABLE awards ADD COLUMN tie_breaks TEXT NOT NULL DEFAULT '["reached_first","more_clients","higher_amount"]';
ALTER TABLE awards ADD COLUMN shared_tiers INTEGER NOT NULL DEFAULT 0 CHECK (shared_tiers IN (0, 1));
ALTER TABLE campaigns ADD COLUMN incentive_budget_fen INTEGER CHECK (incentive_budget_fen IS NULL OR incentive_budget_fen >= 0);

ALTER TABLE achievements ADD COLUMN industry TEXT;
CREATE TABLE achievement_log (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    -- Not a foreign key: a deleted achievement keeps its log.
    achievement_id INTEGER NOT NULL,
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('corrected', 'deleted')),
    before TEXT NOT NULL,
    after TEXT
);
CREATE INDEX achievement_log_campaign ON achievement_log(campaign_id, at);

ALTER TABLE campaigns ADD COLUMN erosion_basis TEXT NOT NULL DEFAULT 'peak' CHECK (erosion_basis IN ('baseline', 'peak'));
ALTER TABLE campaigns ADD COLUMN erosion_window_months INTEGER NOT NULL DEFAULT 6 CHECK (erosion_window_months BETWEEN 1 AND 36);
ALTER TABLE warnings ADD COLUMN comparison TEXT NOT NULL DEFAULT 'previous' CHECK (comparison IN ('previous', 'baseline', 'peak'));

ALTER TABLE key_person_changes ADD COLUMN source TEXT NOT NULL DEFAULT 'form' CHECK (source IN ('form', 'import', 'tracker'));
