-- Step 18: a client's contacts beside the key person on its record, key persons flagged and
-- confirmed (完善客户基础管理) with their history (the record's own stays in key_person_changes);
-- the VIP account manager beside the account manager; and the visit system (visits recorded,
-- visits asked for on demand; the schedule itself is a rule).

ALTER TABLE clients ADD COLUMN vip_manager_id INTEGER REFERENCES people(id) ON DELETE SET NULL;

CREATE TABLE client_contacts (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (name <> ''),
    role TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    key_person INTEGER NOT NULL CHECK (key_person IN (0, 1)),
    confirmed_on TEXT
);
CREATE INDEX client_contacts_client ON client_contacts(client_id);

-- Each row is the contact as it stood after the change; no foreign key to the contact, so
-- the history outlives a removed one.
CREATE TABLE contact_changes (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('added', 'changed', 'confirmed', 'removed')),
    source TEXT NOT NULL CHECK (source IN ('form', 'import', 'tracker')),
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    phone TEXT NOT NULL,
    key_person INTEGER NOT NULL CHECK (key_person IN (0, 1)),
    confirmed_on TEXT,
    at TEXT NOT NULL,
    author TEXT NOT NULL
);
CREATE INDEX contact_changes_client ON contact_changes(client_id);

-- A confirmed key contact counts for the key-person KPI as a change of the record's key person does.
CREATE TRIGGER kpi_contact_changes_insert AFTER INSERT ON contact_changes WHEN NEW.key_person = 1
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'key_people' AND fresh = 1; END;
CREATE TRIGGER kpi_contact_changes_delete AFTER DELETE ON contact_changes WHEN OLD.key_person = 1
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'key_people' AND fresh = 1; END;

CREATE TABLE visit_requests (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    asked_on TEXT NOT NULL,
    due TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason <> ''),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX visit_requests_client ON visit_requests(campaign_id, client_id);

CREATE TABLE visits (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    visited_on TEXT NOT NULL,
    owner_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    met TEXT NOT NULL CHECK (met <> ''),
    needs TEXT NOT NULL DEFAULT '',
    competitors TEXT NOT NULL DEFAULT '',
    next_steps TEXT NOT NULL DEFAULT '',
    request_id INTEGER REFERENCES visit_requests(id) ON DELETE SET NULL,
    source TEXT NOT NULL CHECK (source IN ('form', 'tracker')),
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE INDEX visits_client_day ON visits(campaign_id, client_id, visited_on);
