-- Step 22: loyalty points (积分). Per campaign its scheme (a campaign never given one reads the
-- sample); members (a subscriber line, optionally a client's staff) with their spend and level
-- per billing period; each computed period's points per member, one wide row whose columns are
-- the ledger's kinds (a million members write a million rows, not five million); the pools the
-- 平均赠送 bonuses were worked from; redemptions; and which periods are locked.

CREATE TABLE point_schemes (
    campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
    scheme TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);

CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE CHECK (number <> ''),
    name TEXT NOT NULL DEFAULT '',
    joined_on TEXT NOT NULL,
    client_id INTEGER REFERENCES clients(id) ON DELETE SET NULL
);
CREATE INDEX members_client ON members(client_id);

CREATE TABLE member_periods (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    spend_fen INTEGER NOT NULL CHECK (spend_fen >= 0),
    -- The level the import gave, by its code; none: the scheme's thresholds decide.
    level TEXT,
    PRIMARY KEY (campaign_id, period, member_id)
) WITHOUT ROWID;

CREATE TABLE point_periods (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    computed_by TEXT NOT NULL,
    locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    PRIMARY KEY (campaign_id, period)
);

-- member_id without a foreign key: members are never removed, and checking a million rows'
-- members on every computation is a third of its time.
CREATE TABLE point_entries (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL,
    period TEXT NOT NULL,
    level TEXT NOT NULL,
    tenure_months INTEGER NOT NULL,
    spend_points INTEGER NOT NULL,
    -- The first month of the band whose one-off bonus this period granted.
    tenure_band INTEGER,
    tenure_bonus INTEGER NOT NULL DEFAULT 0,
    level_granted INTEGER NOT NULL DEFAULT 0 CHECK (level_granted IN (0, 1)),
    level_bonus INTEGER NOT NULL DEFAULT 0,
    reward_points INTEGER NOT NULL DEFAULT 0,
    rewards TEXT NOT NULL DEFAULT '',
    expired INTEGER NOT NULL DEFAULT 0,
    -- By period first: a period is written (and rewritten) as one run at the end of the table;
    -- a member's rows are found period by period through point_periods.
    PRIMARY KEY (campaign_id, period, member_id)
) WITHOUT ROWID;

CREATE TABLE point_pools (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('tenure', 'level')),
    key TEXT NOT NULL,
    qualifying INTEGER NOT NULL,
    spend_fen INTEGER NOT NULL,
    average_fen INTEGER NOT NULL,
    bonus_points INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, period, kind, key)
);

CREATE TABLE point_redemptions (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    points INTEGER NOT NULL CHECK (points > 0),
    reason TEXT NOT NULL CHECK (reason <> ''),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX point_redemptions_member ON point_redemptions(campaign_id, member_id);
