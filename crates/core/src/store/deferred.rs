//! Deferring the stale markers for a bulk write. Every trigger on the tables an import writes
//! only marks derived figures stale (subsidy totals, KPI tallies). Fired once per row they make
//! each insert a multi-row statement, which SQLite journals page by page in case the statement
//! must be undone alone: that journal was most of a million-row import's time. A bulk write
//! drops them inside its transaction and marks everything stale once at the end, so a
//! rollback brings them back untouched and a commit leaves the schema exactly as it was.
//!
//! The CHECK constraints of these tables are skipped the same way (`ignore_check_constraints`):
//! SQLite builds a small temporary table for every `category IN (...)` a row is checked
//! against, a tenth of an import's time, and every value an import writes there is one of the
//! domain's own enums, checked before it is bound. The setting belongs to the connection, not
//! the transaction, so it is put back when the guard is dropped, however the import ends.

use rusqlite::{named_params, Connection};

use crate::error::Result;

/// The tables whose triggers are deferred.
const TABLES: [&str; 3] = ["clients", "contracts", "campaign_targets"];

/// The triggers a bulk write may defer: each only marks `subsidy_state` or `kpi_tally_state`
/// stale. A trigger on these tables that is not listed keeps firing (see the test below, which
/// fails when a new one appears, so that whoever adds it decides).
pub(crate) const STALE_MARKERS: [&str; 14] = [
    "targets_insert_stale",
    "targets_delete_stale",
    "kpi_targets_insert",
    "kpi_targets_delete",
    "clients_update_stale",
    "kpi_clients_update",
    "kpi_clients_delete",
    "kpi_clients_insert",
    "contracts_insert_stale",
    "contracts_delete_stale",
    "contracts_update_stale",
    "kpi_contracts_insert",
    "kpi_contracts_delete",
    "kpi_contracts_update",
];

/// Triggers dropped for a bulk write, to be created again by [`Deferred::restore`].
pub(crate) struct Deferred<'c> {
    conn: &'c Connection,
    triggers: Vec<String>,
    /// The page cache's size before, as `PRAGMA cache_size` gives it.
    cache: i64,
}

/// Drops the stale markers on the bulk-written tables, and the other triggers named in `also`
/// (whose work the caller then does itself). Call inside a transaction.
pub(crate) fn defer<'c>(conn: &'c Connection, also: &[&str]) -> Result<Deferred<'c>> {
    let cache: i64 = conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
    conn.pragma_update(None, "ignore_check_constraints", true)?;
    // From here on the guard puts the settings back, whatever fails next.
    let mut deferred = Deferred { conn, triggers: Vec::new(), cache };
    if cache < 0 {
        conn.pragma_update(None, "cache_size", cache / 2)?;
    }
    let mut stmt = conn.prepare(
        "SELECT name, sql FROM sqlite_schema
         WHERE type = 'trigger' AND tbl_name IN (SELECT value FROM json_each(:tables)) ORDER BY name",
    )?;
    let tables = serde_json::Value::from(TABLES.to_vec()).to_string();
    let found = stmt
        .query_map(named_params! { ":tables": tables }, |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (name, sql) in found.into_iter().filter(|(name, _)| STALE_MARKERS.contains(&name.as_str()) || also.contains(&name.as_str())) {
        // The name comes from the schema and is one of ours; quoting keeps it an identifier.
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
        deferred.triggers.push(sql);
    }
    drop(stmt);
    Ok(deferred)
}

impl Deferred<'_> {
    /// Creates the triggers again and marks every derived figure stale, which is what they
    /// would have done row by row.
    pub(crate) fn restore(&mut self) -> Result<()> {
        let conn = self.conn;
        for sql in std::mem::take(&mut self.triggers) {
            conn.execute_batch(&sql)?;
        }
        conn.pragma_update(None, "ignore_check_constraints", false)?;
        conn.execute_batch(
            "UPDATE subsidy_state SET fresh = 0 WHERE fresh = 1;
             UPDATE kpi_tally_state SET fresh = 0 WHERE fresh = 1;",
        )?;
        Ok(())
    }
}

impl Drop for Deferred<'_> {
    fn drop(&mut self) {
        // Nothing can be reported from a drop; a failure here leaves only the checks off on a
        // connection whose transaction is being rolled back.
        let _ = self.conn.pragma_update(None, "ignore_check_constraints", false);
        let _ = self.conn.pragma_update(None, "cache_size", self.cache);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn every_trigger_on_the_bulk_written_tables_is_a_known_stale_marker() {
        let store = Store::open_in_memory().expect("store");
        let mut stmt = store
            .conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name IN ('clients', 'contracts', 'campaign_targets')")
            .expect("query");
        let names: Vec<String> = stmt.query_map([], |r| r.get(0)).expect("rows").collect::<rusqlite::Result<_>>().expect("names");
        for name in &names {
            assert!(
                STALE_MARKERS.contains(&name.as_str()) || crate::store::search::TRIGGERS.contains(&name.as_str()),
                "trigger {name} fires on a table imports write in bulk: list it in STALE_MARKERS if it only marks figures \
                 stale, or make the import do its work as it does the search index's"
            );
        }
    }

    #[test]
    fn restore_brings_every_trigger_back_as_it_was() {
        let store = Store::open_in_memory().expect("store");
        let schema = |s: &Store| -> Vec<(String, String)> {
            let mut stmt = s.conn.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").expect("q");
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("rows").collect::<rusqlite::Result<_>>().expect("rows")
        };
        let before = schema(&store);
        let mut deferred = defer(&store.conn, &[]).expect("defer");
        assert!(schema(&store).len() < before.len(), "the stale markers are gone while the bulk write runs");
        deferred.restore().expect("restore");
        drop(deferred);
        assert_eq!(schema(&store), before, "the schema after a bulk write is the schema before it");
    }

    #[test]
    fn check_constraints_hold_again_however_the_bulk_write_ends() {
        let store = Store::open_in_memory().expect("store");
        let bad = "INSERT INTO clients (code, name, category, tier) VALUES ('X1', 'x', 'nonsense', 'A')";
        let cache = |s: &Store| -> i64 { s.conn.pragma_query_value(None, "cache_size", |r| r.get(0)).expect("cache") };
        let before = cache(&store);
        let deferred = defer(&store.conn, &[]).expect("defer");
        assert_eq!(cache(&store), before / 2, "a bulk write runs with half the page cache");
        drop(deferred);
        assert!(store.conn.execute(bad, []).is_err(), "a bulk write that failed before restore must not leave the checks off");
        assert_eq!(cache(&store), before, "nor the page cache halved");
    }
}
