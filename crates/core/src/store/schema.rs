//! Append-only migrations tracked by SQLite's `user_version`, one SQL file per step in
//! `store/migrations/`. Never edit a released step: add one.

use rusqlite::Connection;

use crate::error::{Error, Result};

/// One step of the schema: its file under `store/migrations/` and the SQL it holds.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub file: &'static str,
    pub sql: &'static str,
}

macro_rules! step {
    ($name:literal) => {
        Migration { file: concat!($name, ".sql"), sql: include_str!(concat!("migrations/", $name, ".sql")) }
    };
}

/// Step N (1-based) brings the schema from version N-1 to N. A released file never changes
/// (`tests/migrations.rs` holds each one's checksum); a change to the schema is a new file.
pub const MIGRATIONS: &[Migration] = &[
    step!("0001_campaigns_and_clients"),
    step!("0002_settings_and_client_indexes"),
    step!("0003_subsidies"),
    step!("0004_undoable_imports_and_risk"),
    step!("0005_plans"),
    step!("0006_awards"),
    step!("0007_achievement_sources"),
    step!("0008_warnings"),
    step!("0009_plan_log_codes"),
    step!("0010_rule_set_events"),
    step!("0011_campaigns_teams_people"),
    step!("0012_ties_budgets_erosion_sources"),
    step!("0013_goals_kpis_skeleton"),
    step!("0014_kpi_tallies"),
    step!("0015_tally_people_and_spans"),
    step!("0016_service_standards"),
    step!("0017_fibre_preparation"),
    step!("0018_contacts_and_visits"),
    step!("0019_green_channel"),
    step!("0020_care_calendar"),
    step!("0021_visits_from_trackers"),
    step!("0022_loyalty_points"),
    step!("0023_client_search"),
    step!("0024_row_versions"),
    step!("0025_client_versions"),
    step!("0026_one_category_index"),
    step!("0027_indexes_built_after_commit"),
];

pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// The first version with a list of indexes to build after an import (step 27).
const INDEX_BUILDS_FROM: i64 = 27;

/// Applies the steps this database has not seen yet, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, LATEST)
}

/// Brings the schema to `target`; tests use it to build an older database.
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<()> {
    // The search index's triggers and its migration call these.
    super::search::register(conn)?;
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current > LATEST {
        return Err(Error::SchemaTooNew { found: current, known: LATEST });
    }
    if current >= INDEX_BUILDS_FROM && current < target.min(LATEST) {
        // A later step may change an index an import left to be built: build them first.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        super::index_builds::build(&tx, None)?;
        tx.commit()?;
    }
    for (index, step) in MIGRATIONS.iter().enumerate().skip(current as usize) {
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
        tx.execute_batch(step.sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

/// The schema as `sqlite_master` holds it: every table, index and trigger in name order, each
/// statement's lines trimmed and their inner spacing made single, so indentation never counts.
/// What `tests/schema.snapshot.sql` records, and what an upgraded file must match.
pub fn snapshot(conn: &Connection) -> Result<String> {
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>("type")?, r.get::<_, String>("name")?, r.get::<_, String>("tbl_name")?, r.get::<_, Option<String>>("sql")?))
    })?;
    let mut out = String::new();
    for row in rows {
        let (kind, name, table, sql) = row?;
        out.push_str(&format!("-- {kind} {name}"));
        if table != name {
            out.push_str(&format!(" on {table}"));
        }
        out.push('\n');
        let Some(sql) = sql else {
            // SQLite's own index behind a UNIQUE or PRIMARY KEY constraint has no statement.
            out.push_str("-- (made by SQLite)\n\n");
            continue;
        };
        let lines = sql.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty());
        for (i, line) in lines.enumerate() {
            // Inner lines are indented; the first and a closing bracket are not.
            let indent = if i == 0 {
                ""
            } else if line.starts_with(')') {
                "\n"
            } else {
                "\n    "
            };
            out.push_str(indent);
            out.push_str(&line);
        }
        out.push_str(";\n\n");
    }
    Ok(out)
}
