-- Step 14: what the KPI figures count, kept per campaign, so the dashboard reads every KPI of a
-- million targets and its weekly trend from a few hundred rows instead of a pass over them each.
--
-- A tally row says: from `day` on ('' = always), the clients of one group (team, industry and
-- the set of product types their contracts hold, a bit per type) add `amount` to `fact`. A
-- figure on a date is the sum of its facts' rows with `day` <= the date in the groups its scope
-- and team take in. Facts are refreshed by family (store/kpi_figures.rs) when stale; the triggers
-- below mark a family stale whenever a row it is computed from changes, by whatever writer; an
-- update that leaves the columns a family reads as they were (a client form saved with its team
-- and industry unchanged) keeps it fresh.

CREATE TABLE kpi_tallies (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    fact TEXT NOT NULL,
    team_id INTEGER,
    industry TEXT NOT NULL,
    types INTEGER NOT NULL,
    day TEXT NOT NULL,
    amount INTEGER NOT NULL
);
CREATE INDEX kpi_tallies_fact ON kpi_tallies(campaign_id, fact, day);

CREATE TABLE kpi_tally_state (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    family TEXT NOT NULL,
    fresh INTEGER NOT NULL DEFAULT 0 CHECK (fresh IN (0, 1)),
    PRIMARY KEY (campaign_id, family)
) WITHOUT ROWID;

-- Who is a target, their groups and high-risk flags feed every family.
CREATE TRIGGER kpi_clients_update AFTER UPDATE OF team_id, industry ON clients
    WHEN OLD.team_id IS NOT NEW.team_id OR OLD.industry IS NOT NEW.industry
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE fresh = 1; END;
CREATE TRIGGER kpi_clients_delete AFTER DELETE ON clients
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE fresh = 1; END;
CREATE TRIGGER kpi_contracts_insert AFTER INSERT ON contracts
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE fresh = 1; END;
CREATE TRIGGER kpi_contracts_delete AFTER DELETE ON contracts
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE fresh = 1; END;
CREATE TRIGGER kpi_contracts_update AFTER UPDATE OF client_id, product_type, monthly_fee_fen, end_date, fiber_to_premises ON contracts
    WHEN OLD.client_id IS NOT NEW.client_id OR OLD.product_type IS NOT NEW.product_type OR OLD.monthly_fee_fen IS NOT NEW.monthly_fee_fen
      OR OLD.end_date IS NOT NEW.end_date OR OLD.fiber_to_premises IS NOT NEW.fiber_to_premises
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE fresh = 1; END;
CREATE TRIGGER kpi_targets_insert AFTER INSERT ON campaign_targets
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id = NEW.campaign_id AND fresh = 1; END;
CREATE TRIGGER kpi_targets_delete AFTER DELETE ON campaign_targets
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id = OLD.campaign_id AND fresh = 1; END;
-- The risk thresholds and the key-person window start.
CREATE TRIGGER kpi_campaigns_update AFTER UPDATE OF start_date, end_date, expiry_window_days, high_spend_fen, high_price_fen ON campaigns
    WHEN OLD.start_date IS NOT NEW.start_date OR OLD.end_date IS NOT NEW.end_date OR OLD.expiry_window_days IS NOT NEW.expiry_window_days
      OR OLD.high_spend_fen IS NOT NEW.high_spend_fen OR OLD.high_price_fen IS NOT NEW.high_price_fen
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id = NEW.id AND fresh = 1; END;

CREATE TRIGGER kpi_plans_insert AFTER INSERT ON plans
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id = NEW.campaign_id AND family = 'plans' AND fresh = 1; END;
CREATE TRIGGER kpi_plans_delete AFTER DELETE ON plans
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id = OLD.campaign_id AND family = 'plans' AND fresh = 1; END;
CREATE TRIGGER kpi_plans_update AFTER UPDATE OF campaign_id, client_id, deleted_at ON plans
    WHEN OLD.campaign_id IS NOT NEW.campaign_id OR OLD.client_id IS NOT NEW.client_id OR OLD.deleted_at IS NOT NEW.deleted_at
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id IN (OLD.campaign_id, NEW.campaign_id) AND family = 'plans' AND fresh = 1; END;
CREATE TRIGGER kpi_plan_log_insert AFTER INSERT ON plan_log WHEN NEW.field = 'plan'
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'plans' AND fresh = 1; END;
CREATE TRIGGER kpi_plan_log_delete AFTER DELETE ON plan_log WHEN OLD.field = 'plan'
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'plans' AND fresh = 1; END;
CREATE TRIGGER kpi_plan_log_update AFTER UPDATE OF plan_id, at, field, to_value ON plan_log
    WHEN OLD.field = 'plan' OR NEW.field = 'plan'
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'plans' AND fresh = 1; END;
CREATE TRIGGER kpi_plan_items_insert AFTER INSERT ON plan_items
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'plans' AND fresh = 1; END;
CREATE TRIGGER kpi_plan_items_delete AFTER DELETE ON plan_items
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'plans' AND fresh = 1; END;
CREATE TRIGGER kpi_plan_items_update AFTER UPDATE OF plan_id, status, due_date, done_on, deleted_at ON plan_items
    WHEN OLD.plan_id IS NOT NEW.plan_id OR OLD.status IS NOT NEW.status OR OLD.due_date IS NOT NEW.due_date
      OR OLD.done_on IS NOT NEW.done_on OR OLD.deleted_at IS NOT NEW.deleted_at
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'plans' AND fresh = 1; END;

CREATE TRIGGER kpi_warnings_insert AFTER INSERT ON warnings
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id = NEW.campaign_id AND family = 'warnings' AND fresh = 1; END;
CREATE TRIGGER kpi_warnings_delete AFTER DELETE ON warnings
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id = OLD.campaign_id AND family = 'warnings' AND fresh = 1; END;
CREATE TRIGGER kpi_warnings_update AFTER UPDATE OF campaign_id, contract_id, raised_on, status, closed_on ON warnings
    WHEN OLD.campaign_id IS NOT NEW.campaign_id OR OLD.contract_id IS NOT NEW.contract_id OR OLD.raised_on IS NOT NEW.raised_on
      OR OLD.status IS NOT NEW.status OR OLD.closed_on IS NOT NEW.closed_on
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id IN (OLD.campaign_id, NEW.campaign_id) AND family = 'warnings' AND fresh = 1; END;

CREATE TRIGGER kpi_snapshots_insert AFTER INSERT ON billing_snapshots
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id = NEW.campaign_id AND family = 'snapshots' AND fresh = 1; END;
CREATE TRIGGER kpi_snapshots_delete AFTER DELETE ON billing_snapshots
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id = OLD.campaign_id AND family = 'snapshots' AND fresh = 1; END;
CREATE TRIGGER kpi_snapshots_update AFTER UPDATE ON billing_snapshots
    WHEN OLD.in_network IS NOT NEW.in_network OR OLD.tariff_fen IS NOT NEW.tariff_fen
      OR OLD.campaign_id IS NOT NEW.campaign_id OR OLD.contract_id IS NOT NEW.contract_id OR OLD.period IS NOT NEW.period
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id IN (OLD.campaign_id, NEW.campaign_id) AND family = 'snapshots' AND fresh = 1; END;

CREATE TRIGGER kpi_key_people_insert AFTER INSERT ON key_person_changes
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'key_people' AND fresh = 1; END;
CREATE TRIGGER kpi_key_people_delete AFTER DELETE ON key_person_changes
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'key_people' AND fresh = 1; END;
CREATE TRIGGER kpi_key_people_update AFTER UPDATE OF client_id, changed_on ON key_person_changes
    WHEN OLD.client_id IS NOT NEW.client_id OR OLD.changed_on IS NOT NEW.changed_on
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE family = 'key_people' AND fresh = 1; END;

-- Subsidies are themselves derived lazily (subsidy_state); reading a subsidy figure refreshes
-- them first, and rewriting them marks this family stale.
CREATE TRIGGER kpi_subsidies_insert AFTER INSERT ON client_subsidies
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id = NEW.campaign_id AND family = 'subsidies' AND fresh = 1; END;
CREATE TRIGGER kpi_subsidies_delete AFTER DELETE ON client_subsidies
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id = OLD.campaign_id AND family = 'subsidies' AND fresh = 1; END;
CREATE TRIGGER kpi_subsidies_update AFTER UPDATE OF campaign_id, client_id, amount_fen ON client_subsidies
    WHEN OLD.campaign_id IS NOT NEW.campaign_id OR OLD.client_id IS NOT NEW.client_id OR OLD.amount_fen IS NOT NEW.amount_fen
    BEGIN UPDATE kpi_tally_state SET fresh = 0 WHERE campaign_id IN (OLD.campaign_id, NEW.campaign_id) AND family = 'subsidies' AND fresh = 1; END;
