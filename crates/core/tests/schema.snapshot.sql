-- index achievement_log_campaign on achievement_log
CREATE INDEX achievement_log_campaign ON achievement_log(campaign_id, at);

-- index achievements_metric on achievements
CREATE INDEX achievements_metric ON achievements(campaign_id, metric, date);

-- index achievements_source on achievements
CREATE UNIQUE INDEX achievements_source ON achievements(source) WHERE source IS NOT NULL;

-- index campaign_goals_campaign on campaign_goals
CREATE INDEX campaign_goals_campaign ON campaign_goals(campaign_id, position);

-- index campaign_targets_client on campaign_targets
CREATE INDEX campaign_targets_client ON campaign_targets(client_id);

-- index campaign_teams_team on campaign_teams
CREATE INDEX campaign_teams_team ON campaign_teams(team_id);

-- index client_contacts_client on client_contacts
CREATE INDEX client_contacts_client ON client_contacts(client_id);

-- index client_subsidies_amount on client_subsidies
CREATE INDEX client_subsidies_amount ON client_subsidies(campaign_id, amount_fen);

-- index client_subsidies_client on client_subsidies
CREATE INDEX client_subsidies_client ON client_subsidies(client_id);

-- index clients_category_tier_code on clients
CREATE INDEX clients_category_tier_code ON clients(category, tier, code);

-- index clients_manager on clients
CREATE INDEX clients_manager ON clients(account_manager_id);

-- index clients_name on clients
CREATE INDEX clients_name ON clients(name);

-- index clients_team on clients
CREATE INDEX clients_team ON clients(team_id);

-- index contact_changes_client on contact_changes
CREATE INDEX contact_changes_client ON contact_changes(client_id);

-- index contracts_client on contracts
CREATE INDEX contracts_client ON contracts(client_id);

-- index fibre_preparation_log_client on fibre_preparation_log
CREATE INDEX fibre_preparation_log_client ON fibre_preparation_log(campaign_id, client_id);

-- index fibre_preparations_client on fibre_preparations
CREATE INDEX fibre_preparations_client ON fibre_preparations(client_id);

-- index green_request_log_request on green_request_log
CREATE INDEX green_request_log_request ON green_request_log(request_id);

-- index green_requests_campaign on green_requests
CREATE INDEX green_requests_campaign ON green_requests(campaign_id, received_at);

-- index green_requests_client on green_requests
CREATE INDEX green_requests_client ON green_requests(client_id);

-- index greetings_sent_batch on greetings_sent
CREATE INDEX greetings_sent_batch ON greetings_sent(batch);

-- index import_changes_batch on import_changes
CREATE INDEX import_changes_batch ON import_changes(batch_id);

-- index key_person_changes_day on key_person_changes
CREATE INDEX key_person_changes_day ON key_person_changes(changed_on);

-- index kpi_tallies_fact on kpi_tallies
CREATE INDEX kpi_tallies_fact ON kpi_tallies(campaign_id, fact, day);

-- index kpis_campaign on kpis
CREATE INDEX kpis_campaign ON kpis(campaign_id, position);

-- index kpis_goal on kpis
CREATE INDEX kpis_goal ON kpis(goal_id);

-- index kpis_part on kpis
CREATE INDEX kpis_part ON kpis(part_id);

-- index members_client on members
CREATE INDEX members_client ON members(client_id);

-- index plan_items_owner on plan_items
CREATE INDEX plan_items_owner ON plan_items(owner_id);

-- index plan_items_plan on plan_items
CREATE INDEX plan_items_plan ON plan_items(plan_id);

-- index plan_log_plan on plan_log
CREATE INDEX plan_log_plan ON plan_log(plan_id);

-- index plans_one_per_client on plans
CREATE UNIQUE INDEX plans_one_per_client ON plans(campaign_id, client_id) WHERE deleted_at IS NULL;

-- index point_redemptions_member on point_redemptions
CREATE INDEX point_redemptions_member ON point_redemptions(campaign_id, member_id);

-- index rate_overrides_contract on rate_overrides
CREATE INDEX rate_overrides_contract ON rate_overrides(contract_id);

-- index rule_sets_one_current on rule_sets
CREATE UNIQUE INDEX rule_sets_one_current ON rule_sets(campaign_id) WHERE kind = 'current';

-- index rule_sets_scenario_name on rule_sets
CREATE UNIQUE INDEX rule_sets_scenario_name ON rule_sets(campaign_id, name) WHERE kind = 'scenario';

-- index sqlite_autoindex_clients_1 on clients
-- (made by SQLite)

-- index sqlite_autoindex_contracts_1 on contracts
-- (made by SQLite)

-- index sqlite_autoindex_members_1 on members
-- (made by SQLite)

-- index sqlite_autoindex_metrics_1 on metrics
-- (made by SQLite)

-- index sqlite_autoindex_people_1 on people
-- (made by SQLite)

-- index sqlite_autoindex_point_periods_1 on point_periods
-- (made by SQLite)

-- index sqlite_autoindex_point_pools_1 on point_pools
-- (made by SQLite)

-- index sqlite_autoindex_switchboard_lines_1 on switchboard_lines
-- (made by SQLite)

-- index sqlite_autoindex_teams_1 on teams
-- (made by SQLite)

-- index strategy_parts_campaign on strategy_parts
CREATE INDEX strategy_parts_campaign ON strategy_parts(campaign_id, kind, position);

-- index switchboard_lines_client on switchboard_lines
CREATE INDEX switchboard_lines_client ON switchboard_lines(client_id);

-- index visit_requests_client on visit_requests
CREATE INDEX visit_requests_client ON visit_requests(campaign_id, client_id);

-- index visits_client_day on visits
CREATE INDEX visits_client_day ON visits(campaign_id, client_id, visited_on);

-- index visits_tracker_row on visits
CREATE UNIQUE INDEX visits_tracker_row ON visits(tracker_row) WHERE tracker_row IS NOT NULL;

-- index warnings_open on warnings
CREATE UNIQUE INDEX warnings_open ON warnings(campaign_id, contract_id, reason) WHERE status IN ('to_contact', 'contacted');

-- index warnings_owner on warnings
CREATE INDEX warnings_owner ON warnings(owner_id);

-- index warnings_raised on warnings
CREATE UNIQUE INDEX warnings_raised ON warnings(campaign_id, contract_id, reason, period);

-- index warnings_status on warnings
CREATE INDEX warnings_status ON warnings(campaign_id, status, raised_on);

-- table achievement_log
CREATE TABLE achievement_log (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    -- Not a foreign key: a deleted achievement keeps its log.
    achievement_id INTEGER NOT NULL,
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('corrected', 'deleted')),
    before TEXT NOT NULL,
    after TEXT
);

-- table achievements
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
    , source TEXT, industry TEXT);

-- table app_settings
CREATE TABLE app_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- table award_locks
CREATE TABLE award_locks (
    award_id INTEGER PRIMARY KEY REFERENCES awards(id) ON DELETE CASCADE,
    locked_at TEXT NOT NULL,
    locked_by TEXT NOT NULL,
    snapshot TEXT NOT NULL
);

-- table award_targets
CREATE TABLE award_targets (
    award_id INTEGER NOT NULL REFERENCES awards(id) ON DELETE CASCADE,
    scope TEXT NOT NULL CHECK (scope IN ('team', 'person')),
    entrant_id INTEGER NOT NULL,
    target INTEGER NOT NULL CHECK (target > 0),
    PRIMARY KEY (award_id, scope, entrant_id)
) WITHOUT ROWID;

-- table award_tiers
CREATE TABLE award_tiers (
    award_id INTEGER NOT NULL REFERENCES awards(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    places INTEGER NOT NULL CHECK (places > 0),
    honour TEXT NOT NULL DEFAULT '',
    amount_fen INTEGER,
    PRIMARY KEY (award_id, position)
) WITHOUT ROWID;

-- table award_weights
CREATE TABLE award_weights (
    award_id INTEGER NOT NULL REFERENCES awards(id) ON DELETE CASCADE,
    component TEXT NOT NULL,
    weight_bp INTEGER NOT NULL CHECK (weight_bp >= 0),
    PRIMARY KEY (award_id, component)
) WITHOUT ROWID;

-- table awards
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
    tie_break TEXT NOT NULL DEFAULT '', tie_breaks TEXT NOT NULL DEFAULT '["reached_first","more_clients","higher_amount"]', shared_tiers INTEGER NOT NULL DEFAULT 0 CHECK (shared_tiers IN (0, 1)),
    CHECK (kind = 'overall' OR metric IS NOT NULL)
);

-- table billing_snapshots
CREATE TABLE billing_snapshots (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    in_network INTEGER NOT NULL,
    tariff_fen INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, contract_id, period)
) WITHOUT ROWID;

-- table campaign_goals
CREATE TABLE campaign_goals (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);

-- table campaign_targets
CREATE TABLE campaign_targets (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    PRIMARY KEY (campaign_id, client_id)
) WITHOUT ROWID;

-- table campaign_teams
CREATE TABLE campaign_teams (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    PRIMARY KEY (campaign_id, team_id)
) WITHOUT ROWID;

-- table campaigns
CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    theme TEXT NOT NULL DEFAULT '',
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('draft', 'active', 'closed')),
    subsidy_budget_fen INTEGER NOT NULL DEFAULT 0 CHECK (subsidy_budget_fen >= 0),
    goals TEXT NOT NULL DEFAULT '',
    demo_seed INTEGER, expiry_window_days INTEGER NOT NULL DEFAULT 90, high_spend_fen INTEGER NOT NULL DEFAULT 500000, high_price_fen INTEGER NOT NULL DEFAULT 50000, tariff_drop_bp INTEGER NOT NULL DEFAULT 1000 CHECK (tariff_drop_bp BETWEEN 1 AND 10000), archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)), copied_from INTEGER REFERENCES campaigns(id) ON DELETE SET NULL, incentive_budget_fen INTEGER CHECK (incentive_budget_fen IS NULL OR incentive_budget_fen >= 0), erosion_basis TEXT NOT NULL DEFAULT 'peak' CHECK (erosion_basis IN ('baseline', 'peak')), erosion_window_months INTEGER NOT NULL DEFAULT 6 CHECK (erosion_window_months BETWEEN 1 AND 36),
    CHECK (end_date >= start_date)
);

-- table care_holidays
CREATE TABLE care_holidays (
    campaign_id INTEGER NOT NULL REFERENCES care_settings(campaign_id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (name <> ''),
    day TEXT NOT NULL,
    PRIMARY KEY (campaign_id, name, day)
) WITHOUT ROWID;

-- table care_settings
CREATE TABLE care_settings (
    campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
    new_within_days INTEGER NOT NULL CHECK (new_within_days BETWEEN 1 AND 3650),
    updated_at TEXT NOT NULL
);

-- table care_templates
CREATE TABLE care_templates (
    campaign_id INTEGER NOT NULL REFERENCES care_settings(campaign_id) ON DELETE CASCADE,
    holiday TEXT NOT NULL,
    text TEXT NOT NULL CHECK (text <> ''),
    PRIMARY KEY (campaign_id, holiday)
) WITHOUT ROWID;

-- table client_contacts
CREATE TABLE client_contacts (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (name <> ''),
    role TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    key_person INTEGER NOT NULL CHECK (key_person IN (0, 1)),
    confirmed_on TEXT
);

-- table client_search
CREATE VIRTUAL TABLE client_search USING fts5(
    pairs, chars,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0 categories ''L* M* N* P* S* C*'''
);

-- table client_search_config
CREATE TABLE 'client_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table client_search_data
CREATE TABLE 'client_search_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table client_search_docsize
CREATE TABLE 'client_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB, origin INTEGER);

-- table client_search_idx
CREATE TABLE 'client_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table client_search_queue
CREATE TABLE client_search_queue (id INTEGER PRIMARY KEY);

-- table client_subsidies
CREATE TABLE client_subsidies (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    amount_fen INTEGER NOT NULL,
    contracts INTEGER NOT NULL,
    flagged INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, client_id)
) WITHOUT ROWID;

-- table clients
CREATE TABLE clients (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('strategic', 'local_key', 'campus', 'sme')),
    tier TEXT NOT NULL CHECK (tier IN ('A', 'B', 'C')),
    industry TEXT NOT NULL DEFAULT '',
    district TEXT NOT NULL DEFAULT '',
    team_id INTEGER REFERENCES teams(id) ON DELETE SET NULL,
    account_manager_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    key_person TEXT NOT NULL DEFAULT '',
    key_person_phone TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
    , import_batch INTEGER, vip_manager_id INTEGER REFERENCES people(id) ON DELETE SET NULL, version INTEGER NOT NULL DEFAULT 1);

-- table contact_changes
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

-- table contracts
CREATE TABLE contracts (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    product_type TEXT NOT NULL CHECK (product_type IN ('fiber_only', 'bundle', 'broadband', 'mobile')),
    monthly_fee_fen INTEGER NOT NULL DEFAULT 0,
    dec_fee_fen INTEGER NOT NULL DEFAULT 0,
    term_months INTEGER NOT NULL DEFAULT 0 CHECK (term_months >= 0),
    end_date TEXT,
    fiber_to_premises INTEGER NOT NULL DEFAULT 0
    , import_batch INTEGER);

-- table fibre_preparation_log
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

-- table fibre_preparations
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

-- table green_request_log
CREATE TABLE green_request_log (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES green_requests(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);

-- table green_requests
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

-- table greetings_sent
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

-- table import_batches
CREATE TABLE import_batches (
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    campaign_id INTEGER REFERENCES campaigns(id) ON DELETE SET NULL,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    counts TEXT NOT NULL DEFAULT '{}',
    undone_at TEXT
);

-- table import_changes
CREATE TABLE import_changes (
    batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    entity TEXT NOT NULL CHECK (entity IN ('client', 'contract', 'target')),
    row_id INTEGER NOT NULL,
    previous TEXT
);

-- table indexes_to_build
CREATE TABLE indexes_to_build (
    name TEXT PRIMARY KEY,
    sql TEXT NOT NULL
) WITHOUT ROWID;

-- table key_person_changes
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
    , source TEXT NOT NULL DEFAULT 'form' CHECK (source IN ('form', 'import', 'tracker')));

-- table kpi_client_groups
CREATE TABLE kpi_client_groups (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL,
    team_id INTEGER,
    industry TEXT NOT NULL,
    types INTEGER NOT NULL,
    risky INTEGER NOT NULL,
    fibre INTEGER NOT NULL,
    target INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, client_id)
) WITHOUT ROWID;

-- table kpi_tallies
CREATE TABLE kpi_tallies (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    fact TEXT NOT NULL,
    team_id INTEGER,
    industry TEXT NOT NULL,
    types INTEGER NOT NULL,
    day TEXT NOT NULL,
    amount INTEGER NOT NULL
    , person_id INTEGER, until TEXT);

-- table kpi_tally_state
CREATE TABLE kpi_tally_state (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    family TEXT NOT NULL,
    fresh INTEGER NOT NULL DEFAULT 0 CHECK (fresh IN (0, 1)),
    PRIMARY KEY (campaign_id, family)
) WITHOUT ROWID;

-- table kpi_values
CREATE TABLE kpi_values (
    kpi_id INTEGER NOT NULL REFERENCES kpis(id) ON DELETE CASCADE,
    week_end TEXT NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (kpi_id, week_end)
) WITHOUT ROWID;

-- table kpis
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

-- table member_periods
CREATE TABLE member_periods (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    spend_fen INTEGER NOT NULL CHECK (spend_fen >= 0),
    -- The level the import gave, by its code; none: the scheme's thresholds decide.
    level TEXT,
    PRIMARY KEY (campaign_id, period, member_id)
) WITHOUT ROWID;

-- table members
CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE CHECK (number <> ''),
    name TEXT NOT NULL DEFAULT '',
    joined_on TEXT NOT NULL,
    client_id INTEGER REFERENCES clients(id) ON DELETE SET NULL
);

-- table metrics
CREATE TABLE metrics (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (campaign_id, code)
);

-- table org_log
CREATE TABLE org_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    -- A code of the core's (team_renamed, teams_merged, people_merged, client_reassigned, …);
    -- the core refuses a code it does not know when it reads the log back.
    action TEXT NOT NULL,
    -- What the action was about and its values, as JSON; read back into a typed entry.
    detail TEXT NOT NULL DEFAULT '{}'
);

-- table people
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    team_id INTEGER REFERENCES teams(id) ON DELETE SET NULL,
    import_batch INTEGER, role TEXT NOT NULL DEFAULT 'account_manager'
    CHECK (role IN ('account_manager', 'team_member', 'vip_account_manager')), active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)));

-- table plan_items
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
    deleted_at TEXT, version INTEGER NOT NULL DEFAULT 1,
    CHECK ((status = 'done') = (done_on IS NOT NULL)),
    CHECK (status <> 'blocked' OR blocked_reason <> '')
);

-- table plan_log
CREATE TABLE plan_log (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    item_id INTEGER REFERENCES plan_items(id) ON DELETE SET NULL,
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    field TEXT NOT NULL,
    from_value TEXT NOT NULL DEFAULT '',
    to_value TEXT NOT NULL DEFAULT ''
    , detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)));

-- table plan_members
CREATE TABLE plan_members (
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (plan_id, person_id)
) WITHOUT ROWID;

-- table plan_template
CREATE TABLE plan_template (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    PRIMARY KEY (campaign_id, position)
) WITHOUT ROWID;

-- table plans
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    goal TEXT NOT NULL DEFAULT '',
    deleted_at TEXT
);

-- table point_entries
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

-- table point_periods
CREATE TABLE point_periods (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    computed_by TEXT NOT NULL,
    locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    PRIMARY KEY (campaign_id, period)
);

-- table point_pools
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

-- table point_redemptions
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

-- table point_schemes
CREATE TABLE point_schemes (
    campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
    scheme TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);

-- table rate_overrides
CREATE TABLE rate_overrides (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
    rate_bp INTEGER NOT NULL,
    reason TEXT NOT NULL CHECK (reason <> ''),
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (campaign_id, contract_id)
) WITHOUT ROWID;

-- table rate_rules
CREATE TABLE rate_rules (
    rule_set_id INTEGER NOT NULL REFERENCES rule_sets(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    product_type TEXT NOT NULL CHECK (product_type IN ('fiber_only', 'bundle', 'broadband', 'mobile')),
    term_from INTEGER NOT NULL,
    term_to INTEGER,
    min_bp INTEGER NOT NULL,
    default_bp INTEGER NOT NULL,
    max_bp INTEGER NOT NULL,
    PRIMARY KEY (rule_set_id, position)
) WITHOUT ROWID;

-- table rule_sets
CREATE TABLE rule_sets (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('current', 'superseded', 'scenario', 'discarded')),
    name TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
    , event TEXT CHECK (event IN ('adopted_scenario', 'adopted')));

-- table service_calendars
CREATE TABLE service_calendars (
    campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
    updated_at TEXT NOT NULL
);

-- table service_days
CREATE TABLE service_days (
    campaign_id INTEGER NOT NULL REFERENCES service_calendars(campaign_id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    working INTEGER NOT NULL CHECK (working IN (0, 1)),
    name TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (campaign_id, day)
) WITHOUT ROWID;

-- table service_hours
CREATE TABLE service_hours (
    campaign_id INTEGER NOT NULL REFERENCES service_calendars(campaign_id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute INTEGER NOT NULL,
    end_minute INTEGER NOT NULL,
    CHECK (0 <= start_minute AND start_minute < end_minute AND end_minute <= 1440),
    PRIMARY KEY (campaign_id, weekday)
) WITHOUT ROWID;

-- table service_standards
CREATE TABLE service_standards (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    tier TEXT NOT NULL CHECK (tier IN ('A', 'B', 'C')),
    visit_every_months INTEGER NOT NULL CHECK (visit_every_months BETWEEN 1 AND 12),
    response_hours INTEGER NOT NULL CHECK (response_hours BETWEEN 1 AND 720),
    resolution_hours INTEGER NOT NULL CHECK (resolution_hours BETWEEN response_hours AND 720),
    dedicated_manager INTEGER NOT NULL CHECK (dedicated_manager IN (0, 1)),
    vip_manager INTEGER NOT NULL CHECK (vip_manager IN (0, 1)),
    key_person_confirm_days INTEGER NOT NULL CHECK (key_person_confirm_days BETWEEN 1 AND 730),
    entitlements TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (campaign_id, tier)
) WITHOUT ROWID;

-- table strategy_parts
CREATE TABLE strategy_parts (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('battle', 'workstream')),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    owner_team_id INTEGER REFERENCES teams(id) ON DELETE SET NULL,
    scope TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(scope))
);

-- table subsidy_state
CREATE TABLE subsidy_state (
    campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
    fresh INTEGER NOT NULL DEFAULT 0
);

-- table subsidy_totals
CREATE TABLE subsidy_totals (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    dimension TEXT NOT NULL CHECK (dimension IN ('campaign', 'category', 'team')),
    key TEXT NOT NULL,
    amount_fen INTEGER NOT NULL,
    clients INTEGER NOT NULL,
    contracts INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, dimension, key)
) WITHOUT ROWID;

-- table switchboard_lines
CREATE TABLE switchboard_lines (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    line TEXT NOT NULL CHECK (line <> ''),
    name TEXT NOT NULL DEFAULT '',
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    activated_on TEXT NOT NULL,
    UNIQUE (campaign_id, line)
);

-- table teams
CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
    , import_batch INTEGER, active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)));

-- table uplift_rules
CREATE TABLE uplift_rules (
    rule_set_id INTEGER NOT NULL REFERENCES rule_sets(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    term_over INTEGER NOT NULL,
    min_bp INTEGER NOT NULL,
    default_bp INTEGER NOT NULL,
    max_bp INTEGER NOT NULL,
    PRIMARY KEY (rule_set_id, position)
) WITHOUT ROWID;

-- table visit_requests
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

-- table visits
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
    , tracker_row TEXT);

-- table warning_log
CREATE TABLE warning_log (
    id INTEGER PRIMARY KEY,
    warning_id INTEGER NOT NULL REFERENCES warnings(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);

-- table warnings
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
    , owner_id INTEGER REFERENCES people(id) ON DELETE SET NULL, comparison TEXT NOT NULL DEFAULT 'previous' CHECK (comparison IN ('previous', 'baseline', 'peak')), version INTEGER NOT NULL DEFAULT 1);

-- trigger client_search_delete on clients
CREATE TRIGGER client_search_delete AFTER DELETE ON clients BEGIN
    INSERT OR IGNORE INTO client_search_queue (id) VALUES (OLD.id);
    END;

-- trigger client_search_insert on clients
CREATE TRIGGER client_search_insert AFTER INSERT ON clients BEGIN
    INSERT OR IGNORE INTO client_search_queue (id) VALUES (NEW.id);
    END;

-- trigger client_search_update on clients
CREATE TRIGGER client_search_update AFTER UPDATE OF id, code, name ON clients
    WHEN OLD.id IS NOT NEW.id OR OLD.code IS NOT NEW.code OR OLD.name IS NOT NEW.name
    BEGIN
    INSERT OR IGNORE INTO client_search_queue (id) VALUES (OLD.id);
    INSERT OR IGNORE INTO client_search_queue (id) VALUES (NEW.id);
    END;

-- trigger clients_update_stale on clients
CREATE TRIGGER clients_update_stale AFTER UPDATE OF category, team_id ON clients BEGIN UPDATE subsidy_state SET fresh = 0; END;

-- trigger clients_version on clients
CREATE TRIGGER clients_version AFTER UPDATE ON clients
    WHEN NEW.version = OLD.version
    AND (NEW.code IS NOT OLD.code OR NEW.name IS NOT OLD.name OR NEW.category IS NOT OLD.category
    OR NEW.tier IS NOT OLD.tier OR NEW.industry IS NOT OLD.industry OR NEW.district IS NOT OLD.district
    OR NEW.team_id IS NOT OLD.team_id OR NEW.account_manager_id IS NOT OLD.account_manager_id
    OR NEW.vip_manager_id IS NOT OLD.vip_manager_id OR NEW.key_person IS NOT OLD.key_person
    OR NEW.key_person_phone IS NOT OLD.key_person_phone OR NEW.notes IS NOT OLD.notes)
    BEGIN
    UPDATE clients SET version = OLD.version + 1 WHERE id = NEW.id;
    END;

-- trigger contracts_delete_stale on contracts
CREATE TRIGGER contracts_delete_stale AFTER DELETE ON contracts BEGIN UPDATE subsidy_state SET fresh = 0; END;

-- trigger contracts_insert_stale on contracts
CREATE TRIGGER contracts_insert_stale AFTER INSERT ON contracts BEGIN UPDATE subsidy_state SET fresh = 0; END;

-- trigger contracts_update_stale on contracts
CREATE TRIGGER contracts_update_stale AFTER UPDATE OF client_id, product_type, dec_fee_fen, term_months ON contracts
    BEGIN UPDATE subsidy_state SET fresh = 0; END;

-- trigger kpi_campaigns_update on campaigns
CREATE TRIGGER kpi_campaigns_update AFTER UPDATE OF start_date, end_date, expiry_window_days, high_spend_fen, high_price_fen ON campaigns
    WHEN OLD.start_date IS NOT NEW.start_date OR OLD.end_date IS NOT NEW.end_date OR OLD.expiry_window_days IS NOT NEW.expiry_window_days
    OR OLD.high_spend_fen IS NOT NEW.high_spend_fen OR OLD.high_price_fen IS NOT NEW.high_price_fen
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id = NEW.id AND fresh = 1; END;

-- trigger kpi_clients_delete on clients
CREATE TRIGGER kpi_clients_delete AFTER DELETE ON clients
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE fresh = 1; END;

-- trigger kpi_clients_insert on clients
CREATE TRIGGER kpi_clients_insert AFTER INSERT ON clients
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'targets' AND fresh = 1; END;

-- trigger kpi_clients_update on clients
CREATE TRIGGER kpi_clients_update AFTER UPDATE OF team_id, industry ON clients
    WHEN OLD.team_id IS NOT NEW.team_id OR OLD.industry IS NOT NEW.industry
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE fresh = 1; END;

-- trigger kpi_contact_changes_delete on contact_changes
CREATE TRIGGER kpi_contact_changes_delete AFTER DELETE ON contact_changes WHEN OLD.key_person = 1
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'key_people' AND fresh = 1; END;

-- trigger kpi_contact_changes_insert on contact_changes
CREATE TRIGGER kpi_contact_changes_insert AFTER INSERT ON contact_changes WHEN NEW.key_person = 1
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'key_people' AND fresh = 1; END;

-- trigger kpi_contracts_delete on contracts
CREATE TRIGGER kpi_contracts_delete AFTER DELETE ON contracts
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE fresh = 1; END;

-- trigger kpi_contracts_insert on contracts
CREATE TRIGGER kpi_contracts_insert AFTER INSERT ON contracts
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE fresh = 1; END;

-- trigger kpi_contracts_update on contracts
CREATE TRIGGER kpi_contracts_update AFTER UPDATE OF client_id, product_type, monthly_fee_fen, end_date, fiber_to_premises ON contracts
    WHEN OLD.client_id IS NOT NEW.client_id OR OLD.product_type IS NOT NEW.product_type OR OLD.monthly_fee_fen IS NOT NEW.monthly_fee_fen
    OR OLD.end_date IS NOT NEW.end_date OR OLD.fiber_to_premises IS NOT NEW.fiber_to_premises
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE fresh = 1; END;

-- trigger kpi_key_people_delete on key_person_changes
CREATE TRIGGER kpi_key_people_delete AFTER DELETE ON key_person_changes
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'key_people' AND fresh = 1; END;

-- trigger kpi_key_people_insert on key_person_changes
CREATE TRIGGER kpi_key_people_insert AFTER INSERT ON key_person_changes
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'key_people' AND fresh = 1; END;

-- trigger kpi_key_people_update on key_person_changes
CREATE TRIGGER kpi_key_people_update AFTER UPDATE OF client_id, changed_on ON key_person_changes
    WHEN OLD.client_id IS NOT NEW.client_id OR OLD.changed_on IS NOT NEW.changed_on
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'key_people' AND fresh = 1; END;

-- trigger kpi_plan_items_delete on plan_items
CREATE TRIGGER kpi_plan_items_delete AFTER DELETE ON plan_items
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'plans' AND fresh = 1; END;

-- trigger kpi_plan_items_insert on plan_items
CREATE TRIGGER kpi_plan_items_insert AFTER INSERT ON plan_items
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'plans' AND fresh = 1; END;

-- trigger kpi_plan_items_owner on plan_items
CREATE TRIGGER kpi_plan_items_owner AFTER UPDATE OF owner_id ON plan_items
    WHEN OLD.owner_id IS NOT NEW.owner_id
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'plans' AND fresh = 1; END;

-- trigger kpi_plan_items_update on plan_items
CREATE TRIGGER kpi_plan_items_update AFTER UPDATE OF plan_id, status, due_date, done_on, deleted_at ON plan_items
    WHEN OLD.plan_id IS NOT NEW.plan_id OR OLD.status IS NOT NEW.status OR OLD.due_date IS NOT NEW.due_date
    OR OLD.done_on IS NOT NEW.done_on OR OLD.deleted_at IS NOT NEW.deleted_at
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'plans' AND fresh = 1; END;

-- trigger kpi_plan_log_delete on plan_log
CREATE TRIGGER kpi_plan_log_delete AFTER DELETE ON plan_log WHEN OLD.field = 'plan'
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'plans' AND fresh = 1; END;

-- trigger kpi_plan_log_insert on plan_log
CREATE TRIGGER kpi_plan_log_insert AFTER INSERT ON plan_log WHEN NEW.field = 'plan'
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'plans' AND fresh = 1; END;

-- trigger kpi_plan_log_update on plan_log
CREATE TRIGGER kpi_plan_log_update AFTER UPDATE OF plan_id, at, field, to_value ON plan_log
    WHEN OLD.field = 'plan' OR NEW.field = 'plan'
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'plans' AND fresh = 1; END;

-- trigger kpi_plans_delete on plans
CREATE TRIGGER kpi_plans_delete AFTER DELETE ON plans
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id = OLD.campaign_id AND family = 'plans' AND fresh = 1; END;

-- trigger kpi_plans_insert on plans
CREATE TRIGGER kpi_plans_insert AFTER INSERT ON plans
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id = NEW.campaign_id AND family = 'plans' AND fresh = 1; END;

-- trigger kpi_plans_update on plans
CREATE TRIGGER kpi_plans_update AFTER UPDATE OF campaign_id, client_id, deleted_at ON plans
    WHEN OLD.campaign_id IS NOT NEW.campaign_id OR OLD.client_id IS NOT NEW.client_id OR OLD.deleted_at IS NOT NEW.deleted_at
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id IN (OLD.campaign_id, NEW.campaign_id) AND family = 'plans' AND fresh = 1; END;

-- trigger kpi_snapshots_delete on billing_snapshots
CREATE TRIGGER kpi_snapshots_delete AFTER DELETE ON billing_snapshots
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id = OLD.campaign_id AND family = 'snapshots' AND fresh = 1; END;

-- trigger kpi_snapshots_insert on billing_snapshots
CREATE TRIGGER kpi_snapshots_insert AFTER INSERT ON billing_snapshots
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id = NEW.campaign_id AND family = 'snapshots' AND fresh = 1; END;

-- trigger kpi_snapshots_update on billing_snapshots
CREATE TRIGGER kpi_snapshots_update AFTER UPDATE ON billing_snapshots
    WHEN OLD.in_network IS NOT NEW.in_network OR OLD.tariff_fen IS NOT NEW.tariff_fen
    OR OLD.campaign_id IS NOT NEW.campaign_id OR OLD.contract_id IS NOT NEW.contract_id OR OLD.period IS NOT NEW.period
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id IN (OLD.campaign_id, NEW.campaign_id) AND family = 'snapshots' AND fresh = 1; END;

-- trigger kpi_subsidies_delete on client_subsidies
CREATE TRIGGER kpi_subsidies_delete AFTER DELETE ON client_subsidies
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id = OLD.campaign_id AND family = 'subsidies' AND fresh = 1; END;

-- trigger kpi_subsidies_insert on client_subsidies
CREATE TRIGGER kpi_subsidies_insert AFTER INSERT ON client_subsidies
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id = NEW.campaign_id AND family = 'subsidies' AND fresh = 1; END;

-- trigger kpi_subsidies_update on client_subsidies
CREATE TRIGGER kpi_subsidies_update AFTER UPDATE OF campaign_id, client_id, amount_fen ON client_subsidies
    WHEN OLD.campaign_id IS NOT NEW.campaign_id OR OLD.client_id IS NOT NEW.client_id OR OLD.amount_fen IS NOT NEW.amount_fen
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id IN (OLD.campaign_id, NEW.campaign_id) AND family = 'subsidies' AND fresh = 1; END;

-- trigger kpi_targets_delete on campaign_targets
CREATE TRIGGER kpi_targets_delete AFTER DELETE ON campaign_targets
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id = OLD.campaign_id AND fresh = 1; END;

-- trigger kpi_targets_insert on campaign_targets
CREATE TRIGGER kpi_targets_insert AFTER INSERT ON campaign_targets
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id = NEW.campaign_id AND fresh = 1; END;

-- trigger kpi_warnings_delete on warnings
CREATE TRIGGER kpi_warnings_delete AFTER DELETE ON warnings
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id = OLD.campaign_id AND family = 'warnings' AND fresh = 1; END;

-- trigger kpi_warnings_insert on warnings
CREATE TRIGGER kpi_warnings_insert AFTER INSERT ON warnings
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id = NEW.campaign_id AND family = 'warnings' AND fresh = 1; END;

-- trigger kpi_warnings_update on warnings
CREATE TRIGGER kpi_warnings_update AFTER UPDATE OF campaign_id, contract_id, raised_on, status, closed_on ON warnings
    WHEN OLD.campaign_id IS NOT NEW.campaign_id OR OLD.contract_id IS NOT NEW.contract_id OR OLD.raised_on IS NOT NEW.raised_on
    OR OLD.status IS NOT NEW.status OR OLD.closed_on IS NOT NEW.closed_on
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id IN (OLD.campaign_id, NEW.campaign_id) AND family = 'warnings' AND fresh = 1; END;

-- trigger overrides_delete_stale on rate_overrides
CREATE TRIGGER overrides_delete_stale AFTER DELETE ON rate_overrides
    BEGIN UPDATE subsidy_state SET fresh = 0 WHERE campaign_id = OLD.campaign_id; END;

-- trigger overrides_stale on rate_overrides
CREATE TRIGGER overrides_stale AFTER INSERT ON rate_overrides
    BEGIN UPDATE subsidy_state SET fresh = 0 WHERE campaign_id = NEW.campaign_id; END;

-- trigger overrides_update_stale on rate_overrides
CREATE TRIGGER overrides_update_stale AFTER UPDATE ON rate_overrides
    BEGIN UPDATE subsidy_state SET fresh = 0 WHERE campaign_id = NEW.campaign_id; END;

-- trigger plan_items_version on plan_items
CREATE TRIGGER plan_items_version AFTER UPDATE ON plan_items
    WHEN NEW.version = OLD.version
    BEGIN
    UPDATE plan_items SET version = OLD.version + 1 WHERE id = NEW.id;
    END;

-- trigger rule_sets_insert_stale on rule_sets
CREATE TRIGGER rule_sets_insert_stale AFTER INSERT ON rule_sets WHEN NEW.kind = 'current'
    BEGIN UPDATE subsidy_state SET fresh = 0 WHERE campaign_id = NEW.campaign_id; END;

-- trigger rule_sets_stale on rule_sets
CREATE TRIGGER rule_sets_stale AFTER UPDATE OF kind ON rule_sets
    WHEN NEW.kind = 'current' OR OLD.kind = 'current'
    BEGIN UPDATE subsidy_state SET fresh = 0 WHERE campaign_id = NEW.campaign_id; END;

-- trigger targets_delete_stale on campaign_targets
CREATE TRIGGER targets_delete_stale AFTER DELETE ON campaign_targets
    BEGIN UPDATE subsidy_state SET fresh = 0 WHERE campaign_id = OLD.campaign_id; END;

-- trigger targets_insert_stale on campaign_targets
CREATE TRIGGER targets_insert_stale AFTER INSERT ON campaign_targets
    BEGIN UPDATE subsidy_state SET fresh = 0 WHERE campaign_id = NEW.campaign_id; END;

-- trigger warnings_version on warnings
CREATE TRIGGER warnings_version AFTER UPDATE ON warnings
    WHEN NEW.version = OLD.version
    BEGIN
    UPDATE warnings SET version = OLD.version + 1 WHERE id = NEW.id;
    END;

