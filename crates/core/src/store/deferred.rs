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
//!
//! A table still empty when the bulk write begins (a first import) has its secondary indexes
//! dropped too and built again after its commit (`index_builds.rs`): keeping five indexes of a
//! million clients in step row by row cost more than twice what sorting each once does
//! (measured: 2.8 s of client rows against 1.1 s of rows and 1.3 s of index builds). Only an
//! empty table, where a rebuild covers nothing but what was written; a small import into a
//! large table keeps them.

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

/// Triggers on these tables that a bulk write leaves firing: a client's version moves on with
/// every change, an import's included, and an import changes few existing clients.
#[cfg(test)]
const KEPT_FIRING: [&str; 1] = ["clients_version"];

/// Triggers dropped for a bulk write, to be created again by [`Deferred::restore`].
pub(crate) struct Deferred<'c> {
    conn: &'c Connection,
    triggers: Vec<String>,
    /// Indexes dropped for the write: name and statement.
    indexes: Vec<(String, String)>,
    /// The page cache's size before, as `PRAGMA cache_size` gives it.
    cache: i64,
}

/// Drops the stale markers on the bulk-written tables, and the other triggers named in `also`
/// (whose work the caller then does itself). Call inside a transaction.
pub(crate) fn defer<'c>(conn: &'c Connection, also: &[&str], indexes: Indexes) -> Result<Deferred<'c>> {
    let cache: i64 = conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
    conn.pragma_update(None, "ignore_check_constraints", true)?;
    // From here on the guard puts the settings back, whatever fails next.
    let mut deferred = Deferred { conn, triggers: Vec::new(), indexes: Vec::new(), cache };
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
    for table in TABLES.into_iter().filter(|_| indexes == Indexes::AfterCommit) {
        if !conn.query_row(&format!("SELECT EXISTS (SELECT 1 FROM \"{table}\")"), [], |r| r.get(0))? {
            deferred.indexes.extend(drop_indexes(conn, table)?);
        }
    }
    Ok(deferred)
}

/// When the indexes of a table still empty are built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Indexes {
    /// Kept in step as rows are written.
    InStep,
    /// Dropped, and listed by [`Deferred::restore`] to be built once after the commit.
    AfterCommit,
}

/// Drops a table's own indexes and returns their names and definitions. Unique ones stay (those
/// of UNIQUE constraints cannot be dropped, and a unique index built after the commit could
/// find a duplicate the import should have been refused for): the write checks against them.
fn drop_indexes(conn: &Connection, table: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = :table AND sql IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM pragma_index_list(:table) l WHERE l.name = sqlite_schema.name AND l.\"unique\")
         ORDER BY name",
    )?;
    let found = stmt
        .query_map(named_params! { ":table": table }, |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut dropped = Vec::with_capacity(found.len());
    for (name, sql) in found {
        conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
        dropped.push((name, sql));
    }
    Ok(dropped)
}

impl Deferred<'_> {
    /// Creates the triggers again, lists the dropped indexes to be built after the commit, and
    /// marks every derived figure stale, which is what the triggers would have done row by row.
    pub(crate) fn restore(&mut self) -> Result<()> {
        let conn = self.conn;
        for sql in std::mem::take(&mut self.triggers) {
            conn.execute_batch(&sql)?;
        }
        super::index_builds::leave(conn, &std::mem::take(&mut self.indexes))?;
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
                STALE_MARKERS.contains(&name.as_str())
                    || crate::store::search::TRIGGERS.contains(&name.as_str())
                    || KEPT_FIRING.contains(&name.as_str()),
                "trigger {name} fires on a table imports write in bulk: list it in STALE_MARKERS if it only marks figures \
                 stale, or make the import do its work as it does the search index's"
            );
        }
    }

    /// Every trigger and index of the database, by name.
    fn schema(store: &Store) -> Vec<(String, String)> {
        let mut stmt = store
            .conn
            .prepare("SELECT name, sql FROM sqlite_schema WHERE type IN ('trigger', 'index') AND sql IS NOT NULL ORDER BY name")
            .expect("q");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("rows").collect::<rusqlite::Result<_>>().expect("rows")
    }

    fn indexes_of(store: &Store, table: &str) -> i64 {
        store
            .conn
            .query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL", [table], |r| {
                r.get(0)
            })
            .expect("count")
    }

    #[test]
    fn restore_brings_every_trigger_and_index_back_as_it_was() {
        let store = Store::open_in_memory().expect("store");
        let before = schema(&store);
        assert!(indexes_of(&store, "clients") >= 4, "clients have their secondary indexes to begin with");
        let mut deferred = defer(&store.conn, &[], Indexes::AfterCommit).expect("defer");
        assert!(schema(&store).len() < before.len(), "the stale markers are gone while the bulk write runs");
        assert_eq!(indexes_of(&store, "clients"), 0, "an empty table's indexes are built after its rows");
        store.conn.execute("INSERT INTO clients (code, name, category, tier) VALUES ('X1', '甲', 'sme', 'A')", []).expect("a row");
        deferred.restore().expect("restore");
        drop(deferred);
        assert_eq!(indexes_of(&store, "clients"), 0, "the indexes are listed to be built once the write commits");
        assert!(super::super::index_builds::waiting(&store.conn).expect("waiting"), "and wait in the list");
        store.catch_up().expect("the steps after the commit");
        assert_eq!(schema(&store), before, "the schema after a bulk write and its catching up is the schema before it");
        let used: String =
            store.conn.query_row("EXPLAIN QUERY PLAN SELECT id FROM clients WHERE name = '甲'", [], |r| r.get(3)).expect("plan");
        assert!(used.contains("clients_name"), "the rebuilt index serves queries: {used}");
    }

    #[test]
    fn a_table_with_rows_keeps_its_indexes_and_in_step_keeps_them_all() {
        let store = Store::open_in_memory().expect("store");
        store.conn.execute("INSERT INTO clients (code, name, category, tier) VALUES ('X1', '甲', 'sme', 'A')", []).expect("a row");
        let clients = indexes_of(&store, "clients");
        let deferred = defer(&store.conn, &[], Indexes::AfterCommit).expect("defer");
        assert_eq!(indexes_of(&store, "clients"), clients, "a rebuild would cover rows the write never touched");
        assert_eq!(indexes_of(&store, "contracts"), 0, "while the empty contracts table's are built at the end");
        drop(deferred);
        let store = Store::open_in_memory().expect("store");
        let before = schema(&store);
        let deferred = defer(&store.conn, &[], Indexes::InStep).expect("defer");
        assert_eq!(indexes_of(&store, "clients"), clients, "in step keeps every index");
        drop(deferred);
        assert!(schema(&store).len() < before.len(), "(only the triggers were dropped)");
    }

    #[test]
    fn a_unique_index_is_never_left_for_after_the_commit() {
        let store = Store::open_in_memory().expect("store");
        // A unique index built after the commit could find a duplicate the import let through.
        store.conn.execute_batch("CREATE UNIQUE INDEX clients_unique_name ON clients(name)").expect("a unique index");
        let mut deferred = defer(&store.conn, &[], Indexes::AfterCommit).expect("defer");
        let kept: bool = store
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'clients_unique_name')", [], |r| r.get(0))
            .expect("look");
        assert!(kept, "a unique index stays in step with the rows, checking each as it is written");
        assert_eq!(indexes_of(&store, "clients"), 1, "while the plain ones are dropped");
        deferred.restore().expect("restore");
    }

    #[test]
    fn a_bulk_write_rolled_back_leaves_every_index_and_trigger() {
        let store = Store::open_in_memory().expect("store");
        let before = schema(&store);
        store.conn.execute_batch("BEGIN").expect("begin");
        let mut deferred = defer(&store.conn, &[], Indexes::AfterCommit).expect("defer");
        store.conn.execute("INSERT INTO clients (code, name, category, tier) VALUES ('X1', '甲', 'sme', 'A')", []).expect("a row");
        deferred.restore().expect("restore");
        drop(deferred);
        assert!(super::super::index_builds::waiting(&store.conn).expect("waiting"), "the indexes were listed");
        store.conn.execute_batch("ROLLBACK").expect("rollback");
        assert_eq!(schema(&store), before, "a failed import's rollback brings back what it dropped");
        assert!(!super::super::index_builds::waiting(&store.conn).expect("waiting"), "and takes its list of indexes to build with it");
    }

    #[test]
    fn check_constraints_hold_again_however_the_bulk_write_ends() {
        let store = Store::open_in_memory().expect("store");
        let bad = "INSERT INTO clients (code, name, category, tier) VALUES ('X1', 'x', 'nonsense', 'A')";
        let cache = |s: &Store| -> i64 { s.conn.pragma_query_value(None, "cache_size", |r| r.get(0)).expect("cache") };
        let before = cache(&store);
        let deferred = defer(&store.conn, &[], Indexes::AfterCommit).expect("defer");
        assert_eq!(cache(&store), before / 2, "a bulk write runs with half the page cache");
        drop(deferred);
        assert!(store.conn.execute(bad, []).is_err(), "a bulk write that failed before restore must not leave the checks off");
        assert_eq!(cache(&store), before, "nor the page cache halved");
    }
}
