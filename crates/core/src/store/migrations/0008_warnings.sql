-- Step 8: broadband early warning: billing snapshots per contract and period, the warnings they
-- raise with their evidence and workflow, and key-person changes.

ALTER TABLE campaigns ADD COLUMN tariff_drop_bp INTEGER NOT NULL DEFAULT 1000 CHECK (tariff_drop_bp BETWEEN 1 AND 10000);
CREATE TABLE billing_snapshots (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    in_network INTEGER NOT NULL,
    tariff_fen INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, contract_id, period)
) WITHOUT ROWID;
CREATE TABLE warnings (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
    reason TEXT NOT NULL CHECK (reason IN ('left', 'downgrade')),
    period TEXT NOT NULL,
    previous_period TEXT NOT NULL,
    was_in_network INTEGER NOT NULL,
    was_tariff_fen INTEGER NOT NULL,
    in_network INTEGER NOT NULL,
    tariff_fen INTEGER NOT NULL,
    raised_on TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'to_contact' CHECK (status IN ('to_contact', 'contacted', 'retained', 'lost')),
    contacted_on TEXT,
    closed_on TEXT,
    note TEXT NOT NULL DEFAULT ''
);
-- The same snapshot raises a warning once; a contract has one open warning per reason.
CREATE UNIQUE INDEX warnings_raised ON warnings(campaign_id, contract_id, reason, period);
CREATE UNIQUE INDEX warnings_open ON warnings(campaign_id, contract_id, reason) WHERE status IN ('to_contact', 'contacted');
CREATE INDEX warnings_status ON warnings(campaign_id, status, raised_on);
CREATE TABLE warning_log (
    id INTEGER PRIMARY KEY,
    warning_id INTEGER NOT NULL REFERENCES warnings(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE key_person_changes (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    changed_on TEXT NOT NULL,
    old_name TEXT NOT NULL,
    old_phone TEXT NOT NULL,
    new_name TEXT NOT NULL,
    new_phone TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    author TEXT NOT NULL
);
CREATE INDEX key_person_changes_day ON key_person_changes(changed_on);
