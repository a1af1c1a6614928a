//! Figures kept in the database only to be read fast (subsidy totals, KPI tallies): each is
//! rebuilt from its sources when its state row says it is stale. A file opened read-only can't
//! hold a rebuild, so there the derived tables are shadowed by temporary copies (SQLite reads
//! an unqualified name from `temp` first): reading stays exact and the file is never touched.

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::Store;
use crate::error::Result;

/// The tables rebuilt from others, with the state rows that say when.
const DERIVED: [&str; 6] = ["subsidy_state", "client_subsidies", "subsidy_totals", "kpi_tally_state", "kpi_tallies", "kpi_client_groups"];

/// Gives a read-only connection writable copies of the derived tables, with their indexes and
/// the triggers that mark one stale when another is rebuilt. Foreign keys are off: the copies
/// refer to tables of the main file, and nothing else is written.
pub(super) fn shadow(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let mut stmt = conn.prepare(
        "SELECT type, sql FROM main.sqlite_master
         WHERE tbl_name IN (SELECT value FROM json_each(:tables)) AND sql IS NOT NULL
         ORDER BY type = 'table' DESC, type = 'index' DESC",
    )?;
    let tables = serde_json::Value::from(DERIVED.to_vec()).to_string();
    let ddl = stmt.query_map([&tables], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    for (kind, sql) in ddl {
        let temp = match kind.as_str() {
            "table" => sql.replacen("CREATE TABLE ", "CREATE TEMP TABLE ", 1),
            "index" => {
                sql.replacen("CREATE INDEX ", "CREATE INDEX temp.", 1).replacen("CREATE UNIQUE INDEX ", "CREATE UNIQUE INDEX temp.", 1)
            }
            "trigger" => sql.replacen("CREATE TRIGGER ", "CREATE TEMP TRIGGER ", 1),
            _ => continue,
        };
        conn.execute_batch(&temp)?;
    }
    for table in DERIVED {
        conn.execute_batch(&format!("INSERT INTO temp.{table} SELECT * FROM main.{table}"))?;
    }
    Ok(())
}

impl Store {
    /// Runs a rebuild of derived tables in one transaction; on a read-only file it writes only
    /// their temporary copies (see [`shadow`]).
    pub(crate) fn rebuild_derived<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        if !self.read_only || !self.conn.is_autocommit() {
            return self.in_transaction(f);
        }
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Deferred)?;
        let value = f(self)?;
        tx.commit()?;
        Ok(value)
    }
}
