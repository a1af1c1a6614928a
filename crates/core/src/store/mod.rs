//! The SQLite store: one file, WAL, foreign keys on, migrations applied on open.

pub mod awards;
mod campaigns;
pub mod imports;
pub mod clients;
mod org;
pub mod plans;
pub mod schema;
mod settings;
mod subsidies;
pub mod tracker;
pub mod warnings;

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;

use crate::error::Result;

/// The database the app and the CLI open unless told otherwise: `RAMPART_DB`, or
/// `rampart/rampart.db` in the user's data directory.
pub fn default_db_path() -> std::path::PathBuf {
    match std::env::var_os("RAMPART_DB").filter(|v| !v.is_empty()) {
        Some(path) => path.into(),
        None => dirs::data_dir().unwrap_or_else(|| ".".into()).join("rampart").join("rampart.db"),
    }
}

/// Who is making a change, for the history logs: the desktop and CLI have no login, so the OS
/// user, or `fallback` where none is set.
pub fn os_author(fallback: &str) -> String {
    ["USER", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| fallback.to_string())
}

/// How every history table stores a moment: readable, sortable text.
pub(crate) fn stamp(at: chrono::NaiveDateTime) -> String {
    at.format("%Y-%m-%d %H:%M:%S").to_string()
}

pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)?;
            }
        }
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        Self::prepare(conn)
    }

    /// A private database for tests and dry runs.
    pub fn open_in_memory() -> Result<Store> {
        Self::prepare(Connection::open_in_memory()?)
    }

    fn prepare(mut conn: Connection) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // 64 MiB of page cache: index pages stay in memory through a million-row import.
        conn.pragma_update(None, "cache_size", -65_536)?;
        schema::migrate(&mut conn)?;
        Ok(Store { conn })
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Checks the file is sound and its foreign keys hold; used by tests after failures.
    pub fn integrity_ok(&self) -> Result<bool> {
        let check: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let dangling = stmt.query([])?.next()?.is_some();
        Ok(check == "ok" && !dangling)
    }
}

/// Dates are stored as ISO text so the file stays readable by any SQLite tool.
pub(crate) fn parse_date(text: &str) -> rusqlite::Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

/// A stored code that this build does not know means the file was edited by hand or by a newer
/// build; say so instead of guessing.
pub(crate) fn parse_code<T>(text: &str, from_code: impl Fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    from_code(text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("unknown code {text:?}").into(),
        )
    })
}
