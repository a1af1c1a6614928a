//! How writers take turns on one database file. SQLite lets one writer in at a time; a
//! transaction that starts DEFERRED, reads, and only then writes is refused at once with
//! "database is locked" when another writer got in meanwhile (SQLite cannot wait there without
//! risking a deadlock). So every transaction that will write starts IMMEDIATE: it takes the
//! write lock up front, where the busy timeout applies, and waits its turn.
//!
//! While a transaction holds the lock, a small note next to the database (`<file>-writer`)
//! says which process holds it, so a writer that gave up waiting can say who it waited for.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Transaction, TransactionBehavior};

use super::Store;
use crate::error::{Error, Result};

/// What a writer that has to wait is told before it starts waiting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteWait {
    pub file: String,
    /// The process holding the database, as its note says, when there is a note.
    pub holder: Option<String>,
    pub limit: Duration,
}

impl WriteWait {
    pub fn message_zh(&self) -> String {
        let holder = self.holder.as_deref().map(|h| format!("（{h}）")).unwrap_or_default();
        format!("数据库 {} 正在被另一个程序写入{holder}，最多等待 {} 秒……", self.file, self.limit.as_secs())
    }

    pub fn message_en(&self) -> String {
        let holder = self.holder.as_deref().map(|h| format!(" ({h})")).unwrap_or_default();
        format!("Database {} is being written by another program{holder}; waiting up to {} s...", self.file, self.limit.as_secs())
    }
}

/// What a front end is told when a write starts to wait; see [`Store::on_write_wait`].
pub type WaitNotice = Box<dyn Fn(&WriteWait) + Send>;

/// The note naming the process that holds the write lock.
pub fn note_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-writer");
    PathBuf::from(name)
}

/// "rampart clients import big.xlsx, pid 1234": the program by its file name, then its
/// arguments, short enough for one line of a message.
fn this_process() -> String {
    // args_os: an argument that is not valid Unicode must not make a write panic.
    let mut args = std::env::args_os();
    let program = args.next().map(|a| Path::new(&a).file_name().unwrap_or(&a).to_string_lossy().into_owned()).unwrap_or_default();
    let rest = args.map(|a| a.to_string_lossy().into_owned());
    let mut line = std::iter::once(program).chain(rest).collect::<Vec<_>>().join(" ");
    if line.chars().count() > 120 {
        line = line.chars().take(117).collect::<String>() + "...";
    }
    format!("{line}, pid {}", std::process::id())
}

/// Who holds the database, from its note. A note left by a process that has since died is
/// ignored where the system lists live processes (/proc).
pub(crate) fn holder(db: &Path) -> Option<String> {
    let text = std::fs::read_to_string(note_path(db)).ok()?;
    let line = text.lines().next()?.trim().to_string();
    let pid = line.rsplit_once(", pid ").and_then(|(_, pid)| pid.parse::<u32>().ok());
    let proc = Path::new("/proc");
    if let Some(pid) = pid {
        if proc.join("self").exists() && !proc.join(pid.to_string()).exists() {
            return None;
        }
    }
    (!line.is_empty()).then_some(line)
}

/// The note exists exactly while this process holds the write lock: it is removed before the
/// transaction ends, so it can never delete the note of the writer that comes next.
struct Note(Option<PathBuf>);

impl Note {
    fn write(db: Option<&Path>) -> Note {
        // Best effort: a note that cannot be written only makes a busy message less specific.
        Note(db.map(note_path).filter(|path| std::fs::write(path, this_process() + "\n").is_ok()))
    }
}

impl Drop for Note {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// An open write transaction. Fields drop in order: the note goes before the transaction
/// rolls back, while this process still holds the lock.
pub(super) struct Write<'a> {
    note: Note,
    tx: Transaction<'a>,
}

impl Write<'_> {
    pub(super) fn commit(self) -> Result<()> {
        let Write { note, tx } = self;
        // The clients this transaction wrote are found by search from the moment it lands; a
        // longer queue (an import's) is left to the steps after it (search.rs).
        super::search::index_queued(&tx, Some(super::search::STEP))?;
        drop(note);
        Ok(tx.commit()?)
    }
}

impl Store {
    /// How long a writer waits for another to finish before giving up with `database_busy`.
    pub fn set_write_wait(&mut self, wait: Duration) -> Result<()> {
        self.conn.busy_timeout(wait)?;
        self.wait = wait;
        Ok(())
    }

    /// Called once, before a write starts waiting for another writer, so a front end can say
    /// why nothing seems to happen.
    pub fn on_write_wait(&mut self, notice: impl Fn(&WriteWait) + Send + 'static) {
        self.on_wait = Some(Box::new(notice));
    }

    /// Takes the write lock: at once when it is free, otherwise after telling `on_write_wait`
    /// and waiting up to the write wait.
    pub(super) fn begin_write(&self) -> Result<Write<'_>> {
        if self.read_only {
            return Err(self.read_only_error());
        }
        let busy = |e: &rusqlite::Error| e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy);
        self.conn.busy_timeout(Duration::ZERO)?;
        let first = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate);
        self.conn.busy_timeout(self.wait)?;
        let tx = match first {
            Ok(tx) => tx,
            Err(e) if busy(&e) => {
                if let (Some(notice), Some(path)) = (&self.on_wait, &self.path) {
                    notice(&WriteWait { file: path.display().to_string(), holder: holder(path), limit: self.wait });
                }
                Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate).map_err(|e| self.explain(e.into()))?
            }
            Err(e) => return Err(self.explain(e.into())),
        };
        Ok(Write { note: Note::write(self.path.as_deref()), tx })
    }

    /// Takes the write lock, having first built, and committed, the indexes an import left for
    /// after its commit (`index_builds.rs`): a change runs with every index its lookups and
    /// foreign keys use, and a change that is not kept (a dry run) does not throw them away.
    fn begin_settled_write(&self) -> Result<Write<'_>> {
        // A read-only file is refused by begin_write with its own message, whatever its schema.
        if !self.read_only && super::index_builds::waiting(&self.conn)? {
            let write = self.begin_write()?;
            super::index_builds::build(&self.conn, None)?;
            write.commit()?;
        }
        self.begin_write()
    }

    /// Runs `f` in one transaction: all of it lands or none of it does. Inside another
    /// transaction it joins that one, so the outer caller decides.
    pub fn in_transaction<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f(self);
        }
        let write = self.begin_settled_write()?;
        let value = f(self)?;
        write.commit()?;
        Ok(value)
    }

    /// Runs `f` in a transaction and keeps its writes only if it says so: a dry run or an
    /// import with problems leaves the database exactly as it was. Inside another transaction
    /// it works in a savepoint, so "do not keep" still undoes exactly its own writes.
    pub fn transaction_keep_if<T>(&self, f: impl FnOnce(&Store) -> Result<(T, bool)>) -> Result<T> {
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("SAVEPOINT keep_if")?;
            let (value, keep) = f(self)?;
            let end = if keep { "RELEASE keep_if" } else { "ROLLBACK TO keep_if; RELEASE keep_if" };
            self.conn.execute_batch(end)?;
            return Ok(value);
        }
        let write = self.begin_settled_write()?;
        let (value, keep) = f(self)?;
        if keep {
            write.commit()?;
        }
        Ok(value)
    }

    /// Runs `f` (a bulk write) without the checkpoint its commit would run: the write-ahead log
    /// keeps its pages, and copying them into the database file waits for the next commit (after
    /// an import, the search index's first step, in the background). A million-row import's
    /// checkpoint was a twentieth of its time, with the planner waiting.
    pub fn checkpoint_after<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let before: i64 = self.conn.pragma_query_value(None, "wal_autocheckpoint", |r| r.get(0))?;
        self.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        let result = f(self);
        let restored = self.conn.pragma_update(None, "wal_autocheckpoint", before);
        let value = result?;
        restored?;
        Ok(value)
    }

    pub(crate) fn read_only_error(&self) -> Error {
        Error::DatabaseReadOnly { file: self.file_name() }
    }
}
