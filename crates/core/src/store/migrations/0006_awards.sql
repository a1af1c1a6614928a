-- Step 6: staff incentives: metrics, awards with tiers, targets and weights, achievements, and
-- locked results.

CREATE TABLE metrics (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (campaign_id, code)
);
CREATE TABLE awards (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('overall', 'single')),
    for_teams INTEGER NOT NULL DEFAULT 1,
    for_people INTEGER NOT NULL DEFAULT 1,
    metric TEXT,
    by_industry INTEGER NOT NULL DEFAULT 0,
    use_targets INTEGER NOT NULL DEFAULT 0,
    tie_break TEXT NOT NULL DEFAULT '',
    CHECK (kind = 'overall' OR metric IS NOT NULL)
);
CREATE TABLE award_tiers (
    award_id INTEGER NOT NULL REFERENCES awards(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    places INTEGER NOT NULL CHECK (places > 0),
    honour TEXT NOT NULL DEFAULT '',
    amount_fen INTEGER,
    PRIMARY KEY (award_id, position)
) WITHOUT ROWID;
CREATE TABLE award_targets (
    award_id INTEGER NOT NULL REFERENCES awards(id) ON DELETE CASCADE,
    scope TEXT NOT NULL CHECK (scope IN ('team', 'person')),
    entrant_id INTEGER NOT NULL,
    target INTEGER NOT NULL CHECK (target > 0),
    PRIMARY KEY (award_id, scope, entrant_id)
) WITHOUT ROWID;
CREATE TABLE award_weights (
    award_id INTEGER NOT NULL REFERENCES awards(id) ON DELETE CASCADE,
    component TEXT NOT NULL,
    weight_bp INTEGER NOT NULL CHECK (weight_bp >= 0),
    PRIMARY KEY (award_id, component)
) WITHOUT ROWID;
CREATE TABLE achievements (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    metric TEXT NOT NULL,
    team_id INTEGER REFERENCES teams(id) ON DELETE SET NULL,
    person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    quantity INTEGER NOT NULL DEFAULT 0,
    amount_fen INTEGER NOT NULL DEFAULT 0,
    client_id INTEGER REFERENCES clients(id) ON DELETE SET NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX achievements_metric ON achievements(campaign_id, metric, date);
CREATE TABLE award_locks (
    award_id INTEGER PRIMARY KEY REFERENCES awards(id) ON DELETE CASCADE,
    locked_at TEXT NOT NULL,
    locked_by TEXT NOT NULL,
    snapshot TEXT NOT NULL
);
