-- Step 5: one client, one plan (一户一案): the campaign's item template, plans, their project team,
-- items, and the activity log of every change.

CREATE TABLE plan_template (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    PRIMARY KEY (campaign_id, position)
) WITHOUT ROWID;
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    goal TEXT NOT NULL DEFAULT '',
    deleted_at TEXT
);
CREATE UNIQUE INDEX plans_one_per_client ON plans(campaign_id, client_id) WHERE deleted_at IS NULL;
CREATE TABLE plan_members (
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (plan_id, person_id)
) WITHOUT ROWID;
CREATE TABLE plan_items (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    owner_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    due_date TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'done', 'blocked')),
    done_on TEXT,
    blocked_reason TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    deleted_at TEXT,
    CHECK ((status = 'done') = (done_on IS NOT NULL)),
    CHECK (status <> 'blocked' OR blocked_reason <> '')
);
CREATE INDEX plan_items_plan ON plan_items(plan_id);
CREATE INDEX plan_items_owner ON plan_items(owner_id);
CREATE TABLE plan_log (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    item_id INTEGER REFERENCES plan_items(id) ON DELETE SET NULL,
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    field TEXT NOT NULL,
    from_value TEXT NOT NULL DEFAULT '',
    to_value TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_log_plan ON plan_log(plan_id);
