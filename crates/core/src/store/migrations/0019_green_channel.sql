-- Step 19: the green channel (绿色通道): the campaign's service calendar (working hours per
-- weekday, holidays off and make-up days on; a campaign never given one reads the sample), and
-- key clients' requests with the deadlines promised at receipt, each status change logged.

CREATE TABLE service_calendars (
    campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
    updated_at TEXT NOT NULL
);

CREATE TABLE service_hours (
    campaign_id INTEGER NOT NULL REFERENCES service_calendars(campaign_id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute INTEGER NOT NULL,
    end_minute INTEGER NOT NULL,
    CHECK (0 <= start_minute AND start_minute < end_minute AND end_minute <= 1440),
    PRIMARY KEY (campaign_id, weekday)
) WITHOUT ROWID;

CREATE TABLE service_days (
    campaign_id INTEGER NOT NULL REFERENCES service_calendars(campaign_id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    working INTEGER NOT NULL CHECK (working IN (0, 1)),
    name TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (campaign_id, day)
) WITHOUT ROWID;

CREATE TABLE green_requests (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('fault', 'installation', 'change', 'complaint')),
    description TEXT NOT NULL CHECK (description <> ''),
    received_at TEXT NOT NULL,
    response_due TEXT NOT NULL,
    resolution_due TEXT NOT NULL,
    owner_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'resolved')),
    responded_at TEXT,
    resolved_at TEXT,
    resolution TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    CHECK (status <> 'resolved' OR (resolved_at IS NOT NULL AND resolution <> ''))
);
CREATE INDEX green_requests_campaign ON green_requests(campaign_id, received_at);
CREATE INDEX green_requests_client ON green_requests(client_id);

CREATE TABLE green_request_log (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES green_requests(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX green_request_log_request ON green_request_log(request_id);
