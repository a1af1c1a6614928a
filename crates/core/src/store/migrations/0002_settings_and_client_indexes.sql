-- Step 2: preferences that must survive a restart (the UI language), and indexes for the client
-- table's sorted pages.

CREATE TABLE app_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX clients_name ON clients(name);
CREATE INDEX clients_category_tier ON clients(category, tier);
