//! Indexes a first bulk import dropped and left to be built after its commit (`indexes_to_build`,
//! migration 0027). Sorting a million clients into six indexes takes a second and a half on one
//! core; the import commits without them, so the planner has the clients that much sooner, and
//! the steps after it build them one at a time (`catch_up.rs`). Until then every query still
//! answers, only without those shortcuts; a write transaction (every import, undo, edit and
//! deletion of a client) first builds and commits whatever is left, so an undo deleting a
//! million clients never runs without the indexes its foreign keys look rows up by. The list is
//! written in the import's own transaction: a crash before the builds leaves it for the next
//! program that writes or catches up, and a rollback leaves nothing to build. A file opened
//! read-only is read as it is, without the waiting indexes.

use rusqlite::{named_params, Connection, OptionalExtension};

use crate::error::Result;

/// The page cache while an index is built (KiB, as `cache_size` takes it): the sort behind each
/// index holds as much as the page cache in memory before it spills to a temporary file, and a
/// small cache keeps a million-row build within bounds.
const BUILD_CACHE: i64 = -8_192;

/// Lists indexes (name and statement) to be built after the current transaction commits.
pub(crate) fn leave(conn: &Connection, indexes: &[(String, String)]) -> Result<()> {
    let mut insert = conn.prepare_cached("INSERT OR REPLACE INTO indexes_to_build (name, sql) VALUES (:name, :sql)")?;
    for (name, sql) in indexes {
        insert.execute(named_params! { ":name": name, ":sql": sql })?;
    }
    Ok(())
}

/// True when some index waits to be built.
pub(crate) fn waiting(conn: &Connection) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM indexes_to_build)")?.query_row([], |r| r.get(0))?)
}

/// Builds up to `most` of the waiting indexes (all when None), in name order, inside the
/// caller's transaction; true when some are left.
pub(crate) fn build(conn: &Connection, most: Option<usize>) -> Result<bool> {
    let mut built = 0;
    while most.is_none_or(|most| built < most) {
        let next: Option<(String, String)> = conn
            .prepare_cached("SELECT name, sql FROM indexes_to_build ORDER BY name LIMIT 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((name, sql)) = next else { return Ok(false) };
        let exists: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = :name)")?
            .query_row(named_params! { ":name": name }, |r| r.get(0))?;
        if !exists {
            let cache: i64 = conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
            conn.pragma_update(None, "cache_size", BUILD_CACHE)?;
            let made = conn.execute_batch(&sql);
            conn.pragma_update(None, "cache_size", cache)?;
            made?;
        }
        conn.prepare_cached("DELETE FROM indexes_to_build WHERE name = :name")?.execute(named_params! { ":name": name })?;
        built += 1;
    }
    waiting(conn)
}
