-- Step 17: fibre preparation for high-risk targets (strategy 4, 资源提前准备到位). A client
-- without a row is 待勘察 (to survey); each change is also logged.

CREATE TABLE fibre_preparations (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('to_survey', 'surveyed', 'scheduled', 'done', 'not_coverable')),
    reason TEXT NOT NULL DEFAULT '',
    surveyed_on TEXT,
    scheduled_on TEXT,
    done_on TEXT,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    CHECK (status <> 'not_coverable' OR reason <> ''),
    PRIMARY KEY (campaign_id, client_id)
) WITHOUT ROWID;
CREATE INDEX fibre_preparations_client ON fibre_preparations(client_id);

CREATE TABLE fibre_preparation_log (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX fibre_preparation_log_client ON fibre_preparation_log(campaign_id, client_id);
