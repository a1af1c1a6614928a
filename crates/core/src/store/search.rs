//! Finding clients by any part of their code or name, at a million clients, for queries as
//! short as one Chinese character. SQLite's trigram index does not match fewer than three
//! characters, and planners type two ("鼓楼", "电信") all the time. So the index
//! (`client_search`, FTS5, migration 0023) holds every two-character piece of a client's code
//! and name in order, and every character once:
//!
//! - a query of two or more characters is the phrase of its own pieces: "鼓楼区" is "鼓楼" directly
//!   followed by "楼区", which holds exactly where the text holds "鼓楼区";
//! - a one-character query is that character;
//! - words of a query split by spaces must all be found.
//!
//! Between words of the text, and between the code and the name, sits a mark no query makes,
//! so pieces of two words never line up into a false phrase. Letter case is folded by the
//! index's tokenizer, on both sides.
//!
//! The pieces are made here, registered with SQLite as functions. Triggers in plain SQL queue
//! each client written, by whatever program writes it; [`catch_up`] indexes the whole queue
//! before a search, so a search always finds every client. A write indexes up to [`STEP`] queued
//! clients as it commits, and opening the file as many, so neither waits on a long queue: an
//! import of a text file queues the clients it wrote instead of indexing them inside its
//! transaction (a third of a million-row import's time), and the front end indexes them after
//! it commits, a step at a time ([`catch_up_step`]), while the planner works on.

use rusqlite::functions::FunctionFlags;
use rusqlite::Connection;

use crate::error::Result;

/// Between two words: a private-use character, which no typed query holds.
const BARRIER: char = '\u{E000}';

/// The triggers that queue written clients; a bulk write defers them and calls [`reindex`].
pub(crate) const TRIGGERS: [&str; 3] = ["client_search_insert", "client_search_update", "client_search_delete"];

/// Registers `search_pairs(code, name)` and `search_chars(code, name)` on a connection, for
/// [`catch_up`] and [`reindex`].
pub(crate) fn register(conn: &Connection) -> Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function("search_pairs", 2, flags, |ctx| {
        Ok(pairs(&ctx.get::<Option<String>>(0)?.unwrap_or_default(), &ctx.get::<Option<String>>(1)?.unwrap_or_default()))
    })?;
    conn.create_scalar_function("search_chars", 2, flags, |ctx| {
        Ok(chars(&ctx.get::<Option<String>>(0)?.unwrap_or_default(), &ctx.get::<Option<String>>(1)?.unwrap_or_default()))
    })?;
    Ok(())
}

/// Every two-character piece of each word of the code and the name, in order, a barrier between
/// words; space-separated, as the index's tokenizer splits them.
pub(crate) fn pairs(code: &str, name: &str) -> String {
    let mut out = String::with_capacity((code.len() + name.len()) * 3);
    for word in code.split_whitespace().chain(name.split_whitespace()) {
        if !out.is_empty() {
            out.push(BARRIER);
            out.push(' ');
        }
        let chars: Vec<char> = word.chars().collect();
        for pair in chars.windows(2) {
            out.push(pair[0]);
            out.push(pair[1]);
            out.push(' ');
        }
    }
    out
}

/// Each character of the code and the name once, space-separated.
pub(crate) fn chars(code: &str, name: &str) -> String {
    let mut seen: Vec<char> = code.chars().chain(name.chars()).filter(|c| !c.is_whitespace()).collect();
    seen.sort_unstable();
    seen.dedup();
    let mut out = String::with_capacity(seen.len() * 4);
    for c in seen {
        out.push(c);
        out.push(' ');
    }
    out
}

/// The FTS5 query for what a planner typed: every word must be found. None when nothing
/// searchable was typed.
pub(crate) fn query(typed: &str) -> Option<String> {
    let quoted = |text: &str| format!("\"{}\"", text.replace('"', "\"\""));
    let parts: Vec<String> = typed
        .split_whitespace()
        .map(|word| {
            let chars: Vec<char> = word.chars().collect();
            if chars.len() == 1 {
                format!("chars : {}", quoted(word))
            } else {
                let pieces: Vec<String> = chars.windows(2).map(|p| p.iter().collect()).collect();
                format!("pairs : {}", quoted(&pieces.join(" ")))
            }
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" AND "))
}

/// How a query reads the search index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Through {
    /// The index lists what it finds for the query to join (a count, an export).
    Index,
    /// Each client met while walking the sort order is looked up (a page of a search most
    /// clients match).
    Walk,
    /// The list [`hits`] kept (a search that finds few).
    Kept,
}

/// Narrows a query of clients `c` to those whose code or name holds what was typed; nothing
/// when nothing searchable was typed.
pub(crate) fn narrow(w: &mut super::filter::Where, typed: Option<&str>, through: Through) {
    if let Some(search) = typed.and_then(query) {
        match through {
            Through::Index => {
                w.and_bind("c.id IN (SELECT rowid FROM client_search WHERE client_search MATCH :search)", ":search", search);
            }
            Through::Walk => {
                w.and_bind(
                    "EXISTS (SELECT 1 FROM client_search s WHERE s.rowid = c.id AND client_search MATCH :search)",
                    ":search",
                    search,
                );
            }
            Through::Kept => {
                w.and("c.id IN (SELECT id FROM temp.search_hits)");
            }
        }
    }
}

/// What a search finds, from the index alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hits {
    /// So few that their ids are kept in `temp.search_hits`, for the count and the page to
    /// join without asking the index again.
    Kept(i64),
    /// More than are worth keeping: this many.
    Many(i64),
}

impl Hits {
    pub(crate) fn count(self) -> i64 {
        match self {
            Hits::Kept(n) | Hits::Many(n) => n,
        }
    }
}

/// How many hits are kept in a list.
const KEPT: i64 = 10_000;

/// Asks the index what a search finds; None when nothing searchable was typed. A phrase of
/// common pieces ("C0999": every code holds "C0") costs a pass over long lists, so it is asked
/// once and the few it finds are kept (in a temporary table, which a file opened read-only
/// may have too).
pub(crate) fn hits(conn: &Connection, typed: &str) -> Result<Option<Hits>> {
    let Some(search) = query(typed) else { return Ok(None) };
    conn.execute_batch("CREATE TEMP TABLE IF NOT EXISTS search_hits (id INTEGER PRIMARY KEY); DELETE FROM temp.search_hits;")?;
    let kept = conn
        .prepare_cached("INSERT INTO temp.search_hits (id) SELECT rowid FROM client_search WHERE client_search MATCH :search LIMIT :limit")?
        .execute(rusqlite::named_params! { ":search": search, ":limit": KEPT + 1 })?;
    let kept = i64::try_from(kept).unwrap_or(i64::MAX);
    if kept <= KEPT {
        return Ok(Some(Hits::Kept(kept)));
    }
    let found = conn
        .prepare_cached("SELECT count(*) FROM client_search WHERE client_search MATCH :search")?
        .query_row(rusqlite::named_params! { ":search": search }, |r| r.get(0))?;
    Ok(Some(Hits::Many(found)))
}

/// Whether a page ending at row `upto` of a search that finds `found` clients is had faster by
/// walking the sort order and looking each client up (about 10 µs each, and `clients / found`
/// clients walked per match) than by listing what the index finds and sorting it (about 0.3 µs
/// a match). Measured at a million clients: 1 ms against 120 ms when every client matches.
pub(crate) fn walk_is_cheaper(conn: &Connection, found: i64, upto: i64) -> Result<bool> {
    if found == 0 {
        return Ok(false);
    }
    let clients: i64 = conn.prepare_cached("SELECT coalesce(max(rowid), 0) FROM clients")?.query_row([], |r| r.get(0))?;
    let walked = upto.saturating_mul(clients) / found;
    Ok(walked.saturating_mul(33) < found)
}

/// How many queued clients a write indexes as it commits, and opening the file: about 40 ms of
/// work, which neither notices. More waiting (an import's) is left to the steps after it.
pub(crate) const STEP: i64 = 5_000;

/// How many queued clients one step of catching up indexes, besides its commit's [`STEP`]:
/// about 120 ms holding the file, which a click waiting for it hardly notices, in steps large
/// enough that the index is not rewritten too often (5,000 a step took a seventh longer at a
/// million-row import).
const CATCH_UP_STEP: i64 = 20_000;

/// Indexes up to `most` of the clients queued since the index was last brought in step (all
/// when None), the lowest ids first; true when some are left. Nothing when the queue is empty,
/// which one lookup tells.
pub(crate) fn index_queued(conn: &Connection, most: Option<i64>) -> Result<bool> {
    if !queued(conn)? {
        return Ok(false);
    }
    let most = most.unwrap_or(-1);
    conn.execute_batch("CREATE TEMP TABLE IF NOT EXISTS search_step (id INTEGER PRIMARY KEY); DELETE FROM temp.search_step;")?;
    conn.prepare_cached("INSERT INTO temp.search_step (id) SELECT id FROM client_search_queue ORDER BY id LIMIT :most")?
        .execute(rusqlite::named_params! { ":most": most })?;
    conn.execute_batch(
        "DELETE FROM client_search WHERE rowid IN (SELECT id FROM temp.search_step);
         INSERT INTO client_search (rowid, pairs, chars)
             SELECT id, search_pairs(code, name), search_chars(code, name) FROM clients WHERE id IN (SELECT id FROM temp.search_step);
         DELETE FROM client_search_queue WHERE id IN (SELECT id FROM temp.search_step);
         DELETE FROM temp.search_step;",
    )?;
    queued(conn)
}

/// FTS5's own default for how many index segments of a level it merges as it goes.
const AUTOMERGE: i64 = 4;

/// [`index_queued`] for catching up on many clients: the index does not merge its pieces while
/// they are added (FTS5's crisis merge still bounds how many pile up), which made catching up on a
/// million-row import's clients a quarter faster with searches as fast after it. Back to merging
/// as it goes by the end, inside the same transaction, so a rollback leaves the setting as it was.
fn index_queued_in_bulk(conn: &Connection, most: Option<i64>) -> Result<bool> {
    let automerge = |n: i64| {
        conn.execute("INSERT INTO client_search (client_search, rank) VALUES ('automerge', :n)", rusqlite::named_params! { ":n": n })
    };
    automerge(0)?;
    let more = index_queued(conn, most)?;
    automerge(AUTOMERGE)?;
    Ok(more)
}

fn queued(conn: &Connection) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM client_search_queue)")?.query_row([], |r| r.get(0))?)
}

/// Indexes every queued client, in a transaction of its own, outside any other: before a
/// search. A file opened read-only is searched as last indexed.
pub(crate) fn catch_up(store: &super::Store) -> Result<()> {
    if store.read_only || !store.conn.is_autocommit() || !queued(&store.conn)? {
        return Ok(());
    }
    store.in_transaction(|s| index_queued_in_bulk(&s.conn, None).map(|_| ()))
}

/// One step of [`catch_up`]: up to `most` queued clients in a transaction of their own (and its
/// commit's [`STEP`], as every write's); true while some are left.
pub(crate) fn catch_up_step(store: &super::Store, most: i64) -> Result<bool> {
    if store.read_only || !store.conn.is_autocommit() || !queued(&store.conn)? {
        return Ok(false);
    }
    store.in_transaction(|s| index_queued_in_bulk(&s.conn, Some(most)))?;
    queued(&store.conn)
}

/// Brings the index in step for the clients `ids_sql` selects (a query binding `:batch`), after
/// a bulk write that deferred the triggers.
pub(crate) fn reindex(conn: &Connection, ids_sql: &str, batch: i64) -> Result<()> {
    conn.execute(&format!("DELETE FROM client_search WHERE rowid IN ({ids_sql})"), rusqlite::named_params! { ":batch": batch })?;
    conn.execute(
        &format!(
            "INSERT INTO client_search (rowid, pairs, chars)
             SELECT id, search_pairs(code, name), search_chars(code, name) FROM clients WHERE id IN ({ids_sql})"
        ),
        rusqlite::named_params! { ":batch": batch },
    )?;
    Ok(())
}

/// Queues the clients `ids_sql` selects (a query binding `:batch`) to be indexed after the
/// bulk write that deferred the triggers commits.
pub(crate) fn queue(conn: &Connection, ids_sql: &str, batch: i64) -> Result<()> {
    conn.execute(&format!("INSERT OR IGNORE INTO client_search_queue (id) {ids_sql}"), rusqlite::named_params! { ":batch": batch })?;
    Ok(())
}

/// Indexes the clients with ids in (`after`, `upto`] that import `batch` created: they are not
/// in the index yet.
pub(crate) fn index_range(conn: &Connection, after: i64, upto: i64, batch: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO client_search (rowid, pairs, chars)
         SELECT id, search_pairs(code, name), search_chars(code, name) FROM clients
         WHERE id > :after AND id <= :upto AND import_batch = :batch",
    )?
    .execute(rusqlite::named_params! { ":after": after, ":upto": upto, ":batch": batch })?;
    Ok(())
}

impl super::Store {
    /// Indexes one step of the clients waiting to be found by search (those an import of a text
    /// file wrote, or another program): true while some are left. Front ends call it until it
    /// says false, letting other work in between. A search never misses them: it indexes
    /// whatever is left before it looks.
    pub fn index_search_step(&self) -> Result<bool> {
        catch_up_step(self, CATCH_UP_STEP)
    }

    /// Indexes every client waiting to be found by search.
    pub fn index_search(&self) -> Result<()> {
        catch_up(self)
    }

    /// How many clients wait to be indexed for search.
    pub fn search_waiting(&self) -> Result<i64> {
        Ok(self.conn.prepare_cached("SELECT count(*) FROM client_search_queue")?.query_row([], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_follow_the_text_and_stop_at_word_edges() {
        assert_eq!(pairs("KH01", "鼓楼 电信"), "KH H0 01 \u{E000} 鼓楼 \u{E000} 电信 ");
        assert_eq!(chars("A1", "鼓楼鼓"), "1 A 楼 鼓 ");
        assert_eq!(query("鼓楼区"), Some("pairs : \"鼓楼 楼区\"".into()));
        assert_eq!(query(" 鼓  C0\"9 "), Some("chars : \"鼓\" AND pairs : \"C0 0\"\" \"\"9\"".into()));
        assert_eq!(query("   "), None, "blank is no search");
    }
}
