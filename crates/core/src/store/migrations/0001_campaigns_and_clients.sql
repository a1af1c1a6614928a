-- Step 1: campaigns, organisation, clients and their contracts, campaign targets.

CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    theme TEXT NOT NULL DEFAULT '',
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('draft', 'active', 'closed')),
    subsidy_budget_fen INTEGER NOT NULL DEFAULT 0 CHECK (subsidy_budget_fen >= 0),
    goals TEXT NOT NULL DEFAULT '',
    demo_seed INTEGER,
    CHECK (end_date >= start_date)
);
CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    team_id INTEGER REFERENCES teams(id) ON DELETE SET NULL,
    is_account_manager INTEGER NOT NULL DEFAULT 1
);
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
);
CREATE INDEX clients_team ON clients(team_id);
CREATE INDEX clients_manager ON clients(account_manager_id);
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
);
CREATE INDEX contracts_client ON contracts(client_id);
CREATE TABLE campaign_targets (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    PRIMARY KEY (campaign_id, client_id)
) WITHOUT ROWID;
CREATE INDEX campaign_targets_client ON campaign_targets(client_id);
