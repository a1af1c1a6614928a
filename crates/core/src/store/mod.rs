//! The SQLite store: one file, WAL, foreign keys on, migrations applied on open. A file that
//! cannot be written (read-only file or folder) is opened for reading only.

mod achievements;
pub mod awards;
mod billing_snapshots;
mod campaign_copy;
mod campaign_removal;
mod campaign_teams;
mod campaigns;
mod care;
mod catch_up;
pub mod clients;
pub mod codes;
mod contacts;
mod contracts;
mod dashboard;
mod deferred;
mod derived;
mod fibre;
mod filter;
pub mod green_channel;
mod handles;
pub mod imports;
mod incentive_budget;
mod index_builds;
mod item_tallies;
mod key_people;
mod kpi_figures;
mod kpis;
mod metrics;
mod org;
#[cfg(feature = "postgres")]
pub mod pg;
pub mod plans;
pub mod points;
mod rate_overrides;
mod report_lists;
mod rule_sets;
pub mod schema;
mod search;
mod service_standards;
mod settings;
mod standings;
mod subsidies;
mod tallied;
mod targets;
pub mod team_view;
pub mod tracker;
pub mod visits;
mod warning_thresholds;
pub mod warnings;
pub mod writers;

pub use handles::{
    Achievements, Awards, Campaigns, Care, Clients, Contacts, Dashboards, Fibre, GreenChannel, Imports, KeyPeople, Kpis, Org, Plans,
    Points, RuleSets, ServiceStandards, Settings, Snapshots, Subsidies, Tracker, Visits, Warnings,
};
pub use visits::DueFilter;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::error::{Error, Result};

/// How long a writer waits for another to finish. A large client import or tracker apply
/// holds the database for a few seconds (100k rows: 2-3 s); 30 s lets such work finish and
/// still tells a person or a script what is wrong well before they would give up themselves.
pub const WRITE_WAIT: Duration = Duration::from_secs(30);

/// The database the app and the CLI open unless told otherwise: `RAMPART_DB`, or
/// `rampart/rampart.db` in the user's data directory.
pub fn default_db_path() -> std::path::PathBuf {
    match std::env::var_os("RAMPART_DB").filter(|v| !v.is_empty()) {
        Some(path) => path.into(),
        None => dirs::data_dir().unwrap_or_else(|| ".".into()).join("rampart").join("rampart.db"),
    }
}

/// The app's own folder: where the default database lives, and beside it the sample database
/// and the list of recently opened files. Follows `RAMPART_DB`, so a run pointed elsewhere
/// (tests, a second installation) keeps all three together and away from the user's own.
pub fn app_folder() -> PathBuf {
    let default = default_db_path();
    match default.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Who is making a change, for the history logs: the desktop and CLI have no login, so the OS
/// user, or `fallback` where none is set.
pub fn os_author(fallback: &str) -> String {
    ["USER", "USERNAME"].iter().find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty())).unwrap_or_else(|| fallback.to_string())
}

/// How every history table stores a moment: readable, sortable text.
pub(crate) fn stamp(at: chrono::NaiveDateTime) -> crate::timestamp::Timestamp {
    crate::timestamp::Timestamp::of(at)
}

pub struct Store {
    conn: Connection,
    /// The database file, for messages; `None` in memory.
    path: Option<PathBuf>,
    read_only: bool,
    wait: Duration,
    on_wait: Option<writers::WaitNotice>,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// A database that exists but cannot be written is opened for reading; writes then fail
    /// with `database_read_only`.
    pub fn open(path: &Path) -> Result<Store> {
        let located = |e: Error| name_file(e, path, WRITE_WAIT);
        match Self::open_writable(path) {
            Ok(store) => Ok(store),
            Err(Error::Database(e)) if path.is_file() && cannot_write(&e) => {
                Self::open_read_only(path).map_err(|_| located(Error::Database(e)))
            }
            Err(e) => Err(located(e)),
        }
    }

    /// Opens a database file the user picked, refusing one that is not a Rampart database:
    /// opening another program's SQLite file would write Rampart's tables into it.
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !is_rampart_database(path)? {
            return Err(Error::NotARampartDatabase { file: path.display().to_string() });
        }
        Self::open(path)
    }

    /// Writes a compact copy of this database to `target` (replacing what is there) and leaves
    /// this one as it was. The copy is made beside `target` and renamed into place, so a
    /// failure never leaves half a database under the chosen name.
    pub fn save_copy(&self, target: &Path) -> Result<()> {
        if self.path.as_deref().is_some_and(|open| same_file(open, target)) {
            return Err(Error::DatabaseInUse { file: target.display().to_string() });
        }
        let partial = sibling(target, ".partial");
        remove_database_files(&partial)?;
        self.conn.execute("VACUUM INTO ?1", [partial.to_string_lossy()]).map_err(|e| name_file(e.into(), target, self.wait))?;
        replace_database(&partial, target)
    }

    /// Makes a new, empty database at `target` (replacing what is there, which the save dialog
    /// asked about) and opens it. Built beside `target` and renamed into place.
    pub fn create_new(target: &Path, open_now: Option<&Path>) -> Result<Store> {
        if open_now.is_some_and(|open| same_file(open, target)) {
            return Err(Error::DatabaseInUse { file: target.display().to_string() });
        }
        let partial = sibling(target, ".partial");
        remove_database_files(&partial)?;
        // Opened and dropped: the schema is written and the WAL folded back on close.
        drop(Self::open(&partial)?);
        replace_database(&partial, target)?;
        Self::open(target)
    }

    fn open_writable(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?;
            }
        }
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        Self::prepare(conn, Some(path))
    }

    /// A WAL database in a folder this process cannot write has no `-shm` file to share, so
    /// SQLite cannot read it normally. With no unfinished writes in a `-wal` file, the main
    /// file holds everything and can be read as immutable; with some, reading would miss
    /// them, so the caller reports the original error instead. Immutable also means SQLite
    /// takes no locks: right for a folder no one here can write, and only ever used to read.
    fn open_read_only(path: &Path) -> Result<Store> {
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        if std::fs::metadata(PathBuf::from(wal)).is_ok_and(|m| m.len() > 0) {
            return Err(Error::DatabaseReadOnly { file: path.display().to_string() });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(format!("{}?mode=ro&immutable=1", file_uri(&std::path::absolute(path)?)), flags)?;
        Self::prepare(conn, Some(path))
    }

    /// A private database for tests and dry runs.
    pub fn open_in_memory() -> Result<Store> {
        Self::prepare(Connection::open_in_memory()?, None)
    }

    fn prepare(mut conn: Connection, path: Option<&Path>) -> Result<Store> {
        conn.busy_timeout(WRITE_WAIT)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // 64 MiB of page cache: index pages stay in memory through a million-row import.
        conn.pragma_update(None, "cache_size", -65_536)?;
        schema::migrate(&mut conn)?;
        let read_only = conn.is_readonly(rusqlite::MAIN_DB)?;
        if read_only {
            derived::shadow(&conn)?;
        }
        let store = Store { conn, path: path.map(Path::to_path_buf), read_only, wait: WRITE_WAIT, on_wait: None };
        // Clients written since the search index was last in step (an upgrade queues them all):
        // as many as a write's commit indexes (search::STEP), so a long queue does not hold up
        // the start; the rest follow in steps, or before the first search.
        search::catch_up_step(&store, 0)?;
        Ok(store)
    }

    /// A second connection to the same file, for reading beside this one on another thread;
    /// `None` for a database in memory, which no other connection sees. A file this one could
    /// only read is opened as an immutable file, which refuses a file with unfinished writes:
    /// callers treat a failure here as "no second reader".
    pub fn another_reader(&self) -> Result<Option<Store>> {
        let Some(path) = self.path.as_deref() else { return Ok(None) };
        let reader = if self.read_only { Self::open_read_only(path)? } else { Self::open_writable(path)? };
        // A quarter of the usual page cache: it reads alongside, it does not build indexes.
        reader.conn.pragma_update(None, "cache_size", -16_384)?;
        Ok(Some(reader))
    }

    /// The database file, or `None` for a database in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// True when the file could only be opened for reading.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn file_name(&self) -> String {
        self.path.as_deref().map_or_else(|| ":memory:".into(), |p| p.display().to_string())
    }

    /// Names the database file in a database error, and turns "busy" and "read-only" into
    /// their own errors, so the message says which file and what to do. Front ends pass every
    /// error through this before showing it; other errors pass unchanged.
    pub fn explain(&self, err: Error) -> Error {
        match &self.path {
            Some(path) => name_file(err, path, self.wait),
            None => err,
        }
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

/// A Rampart database: an SQLite file (by its header) whose schema has Rampart's
/// `app_settings` and `campaigns` tables and a schema version. An SQLite file with no tables at
/// all is not one either: nothing of the user's would be lost, but nothing picked it as ours.
fn is_rampart_database(path: &Path) -> Result<bool> {
    use std::io::Read;
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path).map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    if file.read_exact(&mut header).is_err() || &header != b"SQLite format 3\0" {
        return Ok(false);
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let plain = Connection::open_with_flags(path, flags).map_err(Error::from).and_then(|conn| rampart_tables(&conn));
    match plain {
        Ok(ours) => Ok(ours),
        Err(Error::Database(e)) if e.sqlite_error_code() == Some(ErrorCode::NotADatabase) => Ok(false),
        // A WAL file in a folder this process cannot write cannot be read normally (see
        // `open_read_only`); its main file can be read as immutable to look at the schema.
        Err(first) => {
            let uri = format!("{}?mode=ro&immutable=1", file_uri(&std::path::absolute(path)?));
            let conn = Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI);
            conn.map_err(Error::from).and_then(|c| rampart_tables(&c)).map_err(|_| name_file(first, path, WRITE_WAIT))
        }
    }
}

/// Whether the database on `conn` has a schema version and Rampart's own tables.
fn rampart_tables(conn: &Connection) -> Result<bool> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let ours: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('app_settings', 'campaigns')", [], |r| {
            r.get(0)
        })?;
    Ok(version >= 1 && ours == 2)
}

/// Whether two paths name the same file, also when one of them does not exist yet.
fn same_file(a: &Path, b: &Path) -> bool {
    let full = |p: &Path| std::fs::canonicalize(p).or_else(|_| std::path::absolute(p)).unwrap_or_else(|_| p.to_path_buf());
    full(a) == full(b)
}

/// `target` with `suffix` added to its file name, in the same folder (so a rename is atomic).
fn sibling(target: &Path, suffix: &str) -> PathBuf {
    let mut name = target.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(suffix);
    target.with_file_name(name)
}

/// Removes a database file and the `-wal` and `-shm` files SQLite keeps beside it. A stale
/// `-wal` left beside a replaced file would otherwise be played into the new one.
fn remove_database_files(path: &Path) -> Result<()> {
    for file in [path.to_path_buf(), sibling(path, "-wal"), sibling(path, "-shm")] {
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(std::io::Error::new(e.kind(), format!("{}: {e}", file.display())).into()),
        }
    }
    Ok(())
}

/// Moves a finished database from `partial` to `target`, clearing `target`'s old files first.
fn replace_database(partial: &Path, target: &Path) -> Result<()> {
    for extra in ["-wal", "-shm"] {
        let stale = sibling(target, extra);
        if stale.exists() {
            std::fs::remove_file(&stale).map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", stale.display())))?;
        }
    }
    std::fs::rename(partial, target).map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", target.display())))?;
    Ok(())
}

/// See [`Store::explain`].
fn name_file(err: Error, path: &Path, wait: Duration) -> Error {
    let file = path.display().to_string();
    match err {
        Error::Database(e) => match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy) => Error::DatabaseBusy { file, waited_secs: wait.as_secs(), holder: writers::holder(path) },
            Some(ErrorCode::ReadOnly) => Error::DatabaseReadOnly { file },
            _ => Error::DatabaseFile { file, source: e },
        },
        other => other,
    }
}

/// Errors that mean "this file or its folder cannot be written", as opposed to a damaged file.
fn cannot_write(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied))
}

/// An SQLite URI for a path: `%`, `?` and `#` are escaped, Windows separators become `/`.
fn file_uri(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut uri = String::from(if text.starts_with('/') { "file://" } else { "file:///" });
    for c in text.chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri
}

/// A JSON column read back into its type; text that does not parse is the row's fault, named
/// by its table and key, never read as an empty value.
pub(crate) fn json_column<T: serde::de::DeserializeOwned>(text: &str, table: &'static str, key: impl ToString) -> Result<T> {
    serde_json::from_str(text).map_err(|e| Error::CorruptRow { table, key: key.to_string(), detail: e.to_string() })
}

/// Dates are stored as ISO text so the file stays readable by any SQLite tool.
pub(crate) fn parse_date(text: &str) -> rusqlite::Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}
