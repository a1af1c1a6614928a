//! Append-only migrations tracked by SQLite's `user_version`. Never edit a released step: add one.

use rusqlite::Connection;

use crate::error::{Error, Result};

/// Step N (1-based) brings the schema from version N-1 to N.
pub const MIGRATIONS: &[&str] = &[
    // 1: campaigns, organisation, clients and their contracts, campaign targets.
    r#"
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
    "#,
    // 2: preferences that must survive a restart (the UI language), and indexes for the
    // client table's sorted pages.
    r#"
    CREATE TABLE app_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX clients_name ON clients(name);
    CREATE INDEX clients_category_tier ON clients(category, tier);
    "#,
    // 3: cross-subsidy rules with history and scenarios, per-contract overrides, and the
    // derived per-client and per-dimension totals (rebuilt whenever they are marked stale).
    r#"
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
    "#,
    // 4: client imports that can be undone, and the campaign's high-risk thresholds.
    r#"
    ALTER TABLE campaigns ADD COLUMN expiry_window_days INTEGER NOT NULL DEFAULT 90;
    ALTER TABLE campaigns ADD COLUMN high_spend_fen INTEGER NOT NULL DEFAULT 500000;
    ALTER TABLE campaigns ADD COLUMN high_price_fen INTEGER NOT NULL DEFAULT 50000;
    CREATE TABLE import_batches (
        id INTEGER PRIMARY KEY,
        file TEXT NOT NULL,
        campaign_id INTEGER REFERENCES campaigns(id) ON DELETE SET NULL,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        counts TEXT NOT NULL DEFAULT '{}',
        undone_at TEXT
    );
    ALTER TABLE clients ADD COLUMN import_batch INTEGER;
    ALTER TABLE contracts ADD COLUMN import_batch INTEGER;
    ALTER TABLE teams ADD COLUMN import_batch INTEGER;
    ALTER TABLE people ADD COLUMN import_batch INTEGER;
    -- No index on import_batch: an undo may scan, but every imported row would pay for one.
    -- Category and tier filters walk this in code order and stop after one page.
    CREATE INDEX clients_category_tier_code ON clients(category, tier, code);
    -- What an import changed that was there before (previous values as JSON), and the
    -- targets it added: enough to undo it.
    CREATE TABLE import_changes (
        batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
        entity TEXT NOT NULL CHECK (entity IN ('client', 'contract', 'target')),
        row_id INTEGER NOT NULL,
        previous TEXT
    );
    CREATE INDEX import_changes_batch ON import_changes(batch_id);
    "#,
    // 5: one client, one plan (一户一案): the campaign's item template, plans, their project
    // team, items, and the activity log of every change.
    r#"
    CREATE TABLE plan_template (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        PRIMARY KEY (campaign_id, position)
    ) WITHOUT ROWID;
    CREATE TABLE plans (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        goal TEXT NOT NULL DEFAULT '',
        deleted_at TEXT
    );
    CREATE UNIQUE INDEX plans_one_per_client ON plans(campaign_id, client_id) WHERE deleted_at IS NULL;
    CREATE TABLE plan_members (
        plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        PRIMARY KEY (plan_id, person_id)
    ) WITHOUT ROWID;
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
        deleted_at TEXT,
        CHECK ((status = 'done') = (done_on IS NOT NULL)),
        CHECK (status <> 'blocked' OR blocked_reason <> '')
    );
    CREATE INDEX plan_items_plan ON plan_items(plan_id);
    CREATE INDEX plan_items_owner ON plan_items(owner_id);
    CREATE TABLE plan_log (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        item_id INTEGER REFERENCES plan_items(id) ON DELETE SET NULL,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        field TEXT NOT NULL,
        from_value TEXT NOT NULL DEFAULT '',
        to_value TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX plan_log_plan ON plan_log(plan_id);
    "#,
    // 6: staff incentives: metrics, awards with tiers, targets and weights, achievements, and
    // locked results.
    r#"
    CREATE TABLE metrics (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        code TEXT NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (campaign_id, code)
    );
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
        tie_break TEXT NOT NULL DEFAULT '',
        CHECK (kind = 'overall' OR metric IS NOT NULL)
    );
    CREATE TABLE award_tiers (
        award_id INTEGER NOT NULL REFERENCES awards(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        places INTEGER NOT NULL CHECK (places > 0),
        honour TEXT NOT NULL DEFAULT '',
        amount_fen INTEGER,
        PRIMARY KEY (award_id, position)
    ) WITHOUT ROWID;
    CREATE TABLE award_targets (
        award_id INTEGER NOT NULL REFERENCES awards(id) ON DELETE CASCADE,
        scope TEXT NOT NULL CHECK (scope IN ('team', 'person')),
        entrant_id INTEGER NOT NULL,
        target INTEGER NOT NULL CHECK (target > 0),
        PRIMARY KEY (award_id, scope, entrant_id)
    ) WITHOUT ROWID;
    CREATE TABLE award_weights (
        award_id INTEGER NOT NULL REFERENCES awards(id) ON DELETE CASCADE,
        component TEXT NOT NULL,
        weight_bp INTEGER NOT NULL CHECK (weight_bp >= 0),
        PRIMARY KEY (award_id, component)
    ) WITHOUT ROWID;
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
    );
    CREATE INDEX achievements_metric ON achievements(campaign_id, metric, date);
    CREATE TABLE award_locks (
        award_id INTEGER PRIMARY KEY REFERENCES awards(id) ON DELETE CASCADE,
        locked_at TEXT NOT NULL,
        locked_by TEXT NOT NULL,
        snapshot TEXT NOT NULL
    );
    "#,
    // 7: achievements added from a returned tracker remember which tracker row they came from,
    // so applying the same file twice adds nothing.
    r#"
    ALTER TABLE achievements ADD COLUMN source TEXT;
    CREATE UNIQUE INDEX achievements_source ON achievements(source) WHERE source IS NOT NULL;
    "#,
    // 8: broadband early warning: billing snapshots per contract and period, the warnings they
    // raise with their evidence and workflow, and key-person changes.
    r#"
    ALTER TABLE campaigns ADD COLUMN tariff_drop_bp INTEGER NOT NULL DEFAULT 1000 CHECK (tariff_drop_bp BETWEEN 1 AND 10000);
    CREATE TABLE billing_snapshots (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        period TEXT NOT NULL,
        in_network INTEGER NOT NULL,
        tariff_fen INTEGER NOT NULL,
        PRIMARY KEY (campaign_id, contract_id, period)
    ) WITHOUT ROWID;
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
    );
    -- The same snapshot raises a warning once; a contract has one open warning per reason.
    CREATE UNIQUE INDEX warnings_raised ON warnings(campaign_id, contract_id, reason, period);
    CREATE UNIQUE INDEX warnings_open ON warnings(campaign_id, contract_id, reason) WHERE status IN ('to_contact', 'contacted');
    CREATE INDEX warnings_status ON warnings(campaign_id, status, raised_on);
    CREATE TABLE warning_log (
        id INTEGER PRIMARY KEY,
        warning_id INTEGER NOT NULL REFERENCES warnings(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        from_status TEXT NOT NULL,
        to_status TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    );
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
    );
    CREATE INDEX key_person_changes_day ON key_person_changes(changed_on);
    "#,
];

pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// Applies the steps this database has not seen yet, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, LATEST)
}

/// Brings the schema to `target`; tests use it to build an older database.
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<()> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current > LATEST {
        return Err(Error::SchemaTooNew { found: current, known: LATEST });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let version = index as i64 + 1;
        if version > target {
            break;
        }
        // IMMEDIATE, then look again: two programs opening an old file at once must not both
        // apply the same step; the second waits, sees the step done, and moves on.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let now: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if now >= version {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}
