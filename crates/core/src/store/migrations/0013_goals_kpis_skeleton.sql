-- Step 13: the campaign's goals become measurable and its strategy skeleton becomes data.
-- A goal (活动目的) and a battle or workstream (攻坚战 / 服务维挽专题) each hold KPIs; a KPI names a
-- metric from the catalogue (domain/kpi.rs) with its parameter as JSON, a target in the metric's
-- unit and whether higher is better. A battle's scope is a rule (JSON), never a list of clients.
-- A KPI whose source lies outside Rampart is entered by hand, one value per week.

CREATE TABLE campaign_goals (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX campaign_goals_campaign ON campaign_goals(campaign_id, position);

CREATE TABLE strategy_parts (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('battle', 'workstream')),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    owner_team_id INTEGER REFERENCES teams(id) ON DELETE SET NULL,
    scope TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(scope))
);
CREATE INDEX strategy_parts_campaign ON strategy_parts(campaign_id, kind, position);

CREATE TABLE kpis (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    goal_id INTEGER REFERENCES campaign_goals(id) ON DELETE CASCADE,
    part_id INTEGER REFERENCES strategy_parts(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    metric TEXT NOT NULL,
    parameter TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(parameter)),
    target REAL NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    higher_is_better INTEGER NOT NULL DEFAULT 1 CHECK (higher_is_better IN (0, 1)),
    -- A KPI belongs to exactly one goal or one battle/workstream.
    CHECK ((goal_id IS NULL) <> (part_id IS NULL))
);
CREATE INDEX kpis_campaign ON kpis(campaign_id, position);
CREATE INDEX kpis_goal ON kpis(goal_id);
CREATE INDEX kpis_part ON kpis(part_id);

CREATE TABLE kpi_values (
    kpi_id INTEGER NOT NULL REFERENCES kpis(id) ON DELETE CASCADE,
    week_end TEXT NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (kpi_id, week_end)
) WITHOUT ROWID;
