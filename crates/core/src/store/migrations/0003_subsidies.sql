-- Step 3: cross-subsidy rules with history and scenarios, per-contract overrides, and the derived
-- per-client and per-dimension totals (rebuilt whenever they are marked stale).

CREATE TABLE rule_sets (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('current', 'superseded', 'scenario', 'discarded')),
    name TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX rule_sets_one_current ON rule_sets(campaign_id) WHERE kind = 'current';
CREATE UNIQUE INDEX rule_sets_scenario_name ON rule_sets(campaign_id, name) WHERE kind = 'scenario';
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
CREATE TABLE uplift_rules (
    rule_set_id INTEGER NOT NULL REFERENCES rule_sets(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    term_over INTEGER NOT NULL,
    min_bp INTEGER NOT NULL,
    default_bp INTEGER NOT NULL,
    max_bp INTEGER NOT NULL,
    PRIMARY KEY (rule_set_id, position)
) WITHOUT ROWID;
CREATE TABLE rate_overrides (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
    rate_bp INTEGER NOT NULL,
    reason TEXT NOT NULL CHECK (reason <> ''),
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (campaign_id, contract_id)
) WITHOUT ROWID;
CREATE INDEX rate_overrides_contract ON rate_overrides(contract_id);
CREATE TABLE subsidy_state (
    campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
    fresh INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE client_subsidies (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    amount_fen INTEGER NOT NULL,
    contracts INTEGER NOT NULL,
    flagged INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, client_id)
) WITHOUT ROWID;
CREATE INDEX client_subsidies_amount ON client_subsidies(campaign_id, amount_fen);
CREATE INDEX client_subsidies_client ON client_subsidies(client_id);
CREATE TABLE subsidy_totals (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    dimension TEXT NOT NULL CHECK (dimension IN ('campaign', 'category', 'team')),
    key TEXT NOT NULL,
    amount_fen INTEGER NOT NULL,
    clients INTEGER NOT NULL,
    contracts INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, dimension, key)
) WITHOUT ROWID;
-- Anything a subsidy depends on marks every campaign's totals stale; they are rebuilt on
-- the next read, so derived figures can never silently disagree with their inputs.
CREATE TRIGGER contracts_insert_stale AFTER INSERT ON contracts BEGIN UPDATE subsidy_state SET fresh = 0; END;
CREATE TRIGGER contracts_delete_stale AFTER DELETE ON contracts BEGIN UPDATE subsidy_state SET fresh = 0; END;
CREATE TRIGGER contracts_update_stale AFTER UPDATE OF client_id, product_type, dec_fee_fen, term_months ON contracts
    BEGIN UPDATE subsidy_state SET fresh = 0; END;
CREATE TRIGGER clients_update_stale AFTER UPDATE OF category, team_id ON clients BEGIN UPDATE subsidy_state SET fresh = 0; END;
CREATE TRIGGER targets_insert_stale AFTER INSERT ON campaign_targets
    BEGIN UPDATE subsidy_state SET fresh = 0 WHERE campaign_id = NEW.campaign_id; END;
CREATE TRIGGER targets_delete_stale AFTER DELETE ON campaign_targets
    BEGIN UPDATE subsidy_state SET fresh = 0 WHERE campaign_id = OLD.campaign_id; END;
CREATE TRIGGER overrides_stale AFTER INSERT ON rate_overrides
    BEGIN UPDATE subsidy_state SET fresh = 0 WHERE campaign_id = NEW.campaign_id; END;
CREATE TRIGGER overrides_update_stale AFTER UPDATE ON rate_overrides
    BEGIN UPDATE subsidy_state SET fresh = 0 WHERE campaign_id = NEW.campaign_id; END;
CREATE TRIGGER overrides_delete_stale AFTER DELETE ON rate_overrides
    BEGIN UPDATE subsidy_state SET fresh = 0 WHERE campaign_id = OLD.campaign_id; END;
CREATE TRIGGER rule_sets_stale AFTER UPDATE OF kind ON rule_sets
    WHEN NEW.kind = 'current' OR OLD.kind = 'current'
    BEGIN UPDATE subsidy_state SET fresh = 0 WHERE campaign_id = NEW.campaign_id; END;
CREATE TRIGGER rule_sets_insert_stale AFTER INSERT ON rule_sets WHEN NEW.kind = 'current'
    BEGIN UPDATE subsidy_state SET fresh = 0 WHERE campaign_id = NEW.campaign_id; END;
