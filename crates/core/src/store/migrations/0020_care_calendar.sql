-- Step 20: 移动维挽's care calendar: per campaign the "new" window, holidays with their dates
-- and greeting templates (a campaign never given its own reads the sample), switchboard (总机)
-- lines from imports, and every greeting sent, so a line never gets the same one twice.

CREATE TABLE care_settings (
    campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
    new_within_days INTEGER NOT NULL CHECK (new_within_days BETWEEN 1 AND 3650),
    updated_at TEXT NOT NULL
);

CREATE TABLE care_holidays (
    campaign_id INTEGER NOT NULL REFERENCES care_settings(campaign_id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (name <> ''),
    day TEXT NOT NULL,
    PRIMARY KEY (campaign_id, name, day)
) WITHOUT ROWID;

CREATE TABLE care_templates (
    campaign_id INTEGER NOT NULL REFERENCES care_settings(campaign_id) ON DELETE CASCADE,
    holiday TEXT NOT NULL,
    text TEXT NOT NULL CHECK (text <> ''),
    PRIMARY KEY (campaign_id, holiday)
) WITHOUT ROWID;

CREATE TABLE switchboard_lines (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    line TEXT NOT NULL CHECK (line <> ''),
    name TEXT NOT NULL DEFAULT '',
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    activated_on TEXT NOT NULL,
    UNIQUE (campaign_id, line)
);
CREATE INDEX switchboard_lines_client ON switchboard_lines(client_id);

CREATE TABLE greetings_sent (
    line_id INTEGER NOT NULL REFERENCES switchboard_lines(id) ON DELETE CASCADE,
    holiday TEXT NOT NULL,
    year INTEGER NOT NULL,
    batch INTEGER NOT NULL,
    text TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    sent_by TEXT NOT NULL,
    PRIMARY KEY (line_id, holiday, year)
) WITHOUT ROWID;
CREATE INDEX greetings_sent_batch ON greetings_sent(batch);
