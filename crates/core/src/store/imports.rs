//! Writing an import: upserts by client code and contract number, the record that lets the
//! last import be undone, and the undo itself. The import module decides what to write; this
//! is the SQL.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{named_params, OptionalExtension};
use serde::Serialize;

use super::deferred::Indexes;
use super::Store;
use crate::domain::ids::{CampaignId, TeamId};
use crate::domain::{Category, ProductType, Tier};
use crate::error::{Entity, Error, Result};
// Their home is error/ (an UndoBlocked error names them); callers reach them here too.
pub use crate::error::{LaterKind, LaterWork};
use crate::money::Money;

/// A client as one row of a file gives it; `None` leaves a stored value alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientFields {
    pub code: String,
    pub name: Option<String>,
    pub category: Option<Category>,
    pub tier: Option<Tier>,
    pub industry: Option<String>,
    pub district: Option<String>,
    pub team: Option<String>,
    pub account_manager: Option<String>,
    pub key_person: Option<String>,
    pub key_person_phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractFields {
    pub number: String,
    pub product_type: ProductType,
    pub monthly_fee: Option<Money>,
    pub dec_fee: Option<Money>,
    pub term_months: Option<i64>,
    pub end_date: Option<NaiveDate>,
    pub fiber: Option<bool>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct ImportCounts {
    pub clients_created: u64,
    pub clients_updated: u64,
    pub contracts_created: u64,
    pub contracts_updated: u64,
    pub teams_created: u64,
    pub managers_created: u64,
    pub targets_added: u64,
}

/// What writing a client row came to.
pub enum ClientWrite {
    Written(i64),
    /// A new client without these required fields.
    Missing(Vec<&'static str>),
}

/// What writing a contract row came to.
pub enum ContractWrite {
    Written,
    /// The number already belongs to another client (its code).
    OwnedBy(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct ImportBatch {
    pub id: i64,
    pub file: String,
    pub campaign_id: Option<CampaignId>,
    pub author: String,
    pub created_at: crate::timestamp::Timestamp,
    pub counts: serde_json::Value,
    pub undone_at: Option<crate::timestamp::Timestamp>,
}

/// One import in progress, inside the caller's transaction.
pub struct ImportWriter<'a> {
    store: &'a Store,
    batch: i64,
    campaign: Option<CampaignId>,
    teams: HashMap<String, i64>,
    people: HashMap<String, i64>,
    /// Codes stored before codes were folded, by their folded spelling; read on the first
    /// code that has no exact match.
    unfolded: Option<HashMap<String, i64>>,
    /// The import's file, author and time: what its key-person log lines carry, and how its
    /// undo finds them again.
    file: String,
    author: String,
    now: NaiveDateTime,
    /// The stale markers, dropped while the rows are written (see `deferred`).
    deferred: super::deferred::Deferred<'a>,
    /// Whether the tables held any client or contract when the import began: when not, a key
    /// the file has not repeated can't be stored yet, and the lookup is skipped.
    clients_before: bool,
    contracts_before: bool,
    /// Clients above this id that the import created are not yet in the search index.
    searchable_upto: i64,
    /// Every client the import creates has an id above this one (the largest before it).
    created_above: i64,
    /// The two inserts a row costs, prepared once for the whole import: looking a statement up
    /// in the connection's cache by its text, and binding by name, were a third of the
    /// writer's time on a million rows.
    insert_client: rusqlite::Statement<'a>,
    insert_contract: rusqlite::Statement<'a>,
    /// Created clients counted when the search index was last brought up.
    searchable_created: u64,
    /// The clients written are queued to be found by search after the import commits, not
    /// indexed inside it (a text file, whose rows come faster than they are written).
    search_later: bool,
    pub counts: ImportCounts,
}

/// Which side of an import is slower, which decides when indexes are built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    /// Rows come slower than they are written (a workbook's XML): keeping the indexes in step
    /// as rows are written costs nothing, it happens while the reader works.
    ReaderBound,
    /// Rows come faster than they are written (a text file): the indexes of a table still empty
    /// are built once after the rows, and the clients written are indexed for search after the
    /// import commits.
    WriterBound,
}

/// How many created clients are put into the search index at a time.
const SEARCHABLE_EVERY: u64 = 5_000;

impl<'s> super::Imports<'s> {
    /// Starts recording an import; call inside a transaction.
    pub fn begin(
        &self,
        file: &str,
        campaign: Option<CampaignId>,
        author: &str,
        now: NaiveDateTime,
        pace: Pace,
    ) -> Result<ImportWriter<'s>> {
        if let Some(id) = campaign {
            self.campaigns().get(id)?;
        }
        self.conn.execute(
            "INSERT INTO import_batches (file, campaign_id, author, created_at) VALUES (:file, :campaign, :author, :now)",
            named_params! { ":file": file, ":campaign": campaign, ":author": author, ":now": super::stamp(now) },
        )?;
        let batch = self.conn.last_insert_rowid();
        let any =
            |table: &str| -> Result<bool> { Ok(self.conn.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table})"), [], |r| r.get(0))?) };
        let (clients_before, contracts_before) = (any("clients")?, any("contracts")?);
        let indexes = match pace {
            Pace::ReaderBound => Indexes::InStep,
            Pace::WriterBound => Indexes::AfterCommit,
        };
        let deferred = super::deferred::defer(&self.store.conn, &super::search::TRIGGERS, indexes)?;
        let search_later = indexes == Indexes::AfterCommit;
        let searchable_upto = self.conn.query_row("SELECT coalesce(max(id), 0) FROM clients", [], |r| r.get(0))?;
        let conn = &self.store.conn;
        Ok(ImportWriter {
            insert_client: conn.prepare(
                "INSERT INTO clients (code, name, category, tier, industry, district, team_id, account_manager_id,
                                      key_person, key_person_phone, import_batch)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?,
            insert_contract: conn.prepare(
                "INSERT INTO contracts (number, client_id, product_type, monthly_fee_fen, dec_fee_fen, term_months,
                                        end_date, fiber_to_premises, import_batch)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?,
            created_above: searchable_upto,
            store: self.store,
            batch,
            campaign,
            teams: HashMap::new(),
            people: HashMap::new(),
            unfolded: None,
            file: file.to_string(),
            author: author.to_string(),
            now,
            deferred,
            clients_before,
            contracts_before,
            searchable_upto,
            searchable_created: 0,
            search_later,
            counts: ImportCounts::default(),
        })
    }

    pub fn batches(&self) -> Result<Vec<ImportBatch>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, file, campaign_id, author, created_at, counts, undone_at FROM import_batches ORDER BY id DESC LIMIT 50")?;
        let mut rows = stmt.query([])?;
        let mut batches = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get("id")?;
            let counts = super::json_column(r.get::<_, String>("counts")?.as_str(), "import_batches", id)?;
            batches.push(ImportBatch {
                id,
                file: r.get("file")?,
                campaign_id: r.get("campaign_id")?,
                author: r.get("author")?,
                created_at: r.get("created_at")?,
                counts,
                undone_at: r.get("undone_at")?,
            });
        }
        Ok(batches)
    }

    /// Undoes the most recent import that is not undone yet: created rows go, updated rows get
    /// their previous values back, added targets are removed. All or nothing.
    ///
    /// Refused, writing nothing, when later work rests on the import: plans, achievements,
    /// warnings, billing snapshots, rate overrides, key-person changes or contracts on what it
    /// created, the clients it made targets, or rows it updated that were edited since. Undo
    /// would delete that work by cascade or overwrite it, and no undo may remove later work.
    pub fn undo_last(&self, now: NaiveDateTime) -> Result<ImportBatch> {
        let id = self.in_transaction(|s| {
            let c = &s.conn;
            let (id, file, campaign): (i64, String, Option<CampaignId>) = c
                .query_row("SELECT id, file, campaign_id FROM import_batches WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1", [], |r| {
                    Ok((r.get("id")?, r.get("file")?, r.get("campaign_id")?))
                })
                .optional()?
                .ok_or(Error::NotFound { entity: Entity::Import, key: String::new() })?;
            let changes = s.imports().import_changes(id)?;
            let mut later = s.imports().later_work(id, campaign)?;
            later.extend(s.imports().edited_since(&changes)?);
            if !later.is_empty() {
                return Err(Error::UndoBlocked { file, later });
            }
            // The key-person log lines the import wrote on the clients it updated go with it.
            c.execute(
                "DELETE FROM key_person_changes
                 WHERE source = 'import' AND note = :file
                   AND (author, recorded_at) = (SELECT author, created_at FROM import_batches WHERE id = :id)
                   AND client_id IN (SELECT row_id FROM import_changes WHERE batch_id = :id AND entity = 'client')",
                named_params! { ":id": id, ":file": file },
            )?;
            for change in &changes {
                match (change.entity.as_str(), &change.before) {
                    ("target", _) => {
                        c.execute(
                            "DELETE FROM campaign_targets WHERE campaign_id = :campaign AND client_id = :row_id",
                            named_params! { ":campaign": campaign, ":row_id": change.row_id },
                        )?;
                    }
                    ("client", Some(before)) => restore(c, "clients", change.row_id, before)?,
                    ("contract", Some(before)) => restore(c, "contracts", change.row_id, before)?,
                    _ => {}
                }
            }
            c.execute("DELETE FROM contracts WHERE import_batch = :id", named_params! { ":id": id })?;
            c.execute("DELETE FROM clients WHERE import_batch = :id", named_params! { ":id": id })?;
            // People and teams the import created stay while anything still names them.
            c.execute(
                "DELETE FROM people WHERE import_batch = :id
                   AND id NOT IN (SELECT account_manager_id FROM clients WHERE account_manager_id IS NOT NULL)
                   AND id NOT IN (SELECT person_id FROM plan_members)
                   AND id NOT IN (SELECT owner_id FROM plan_items WHERE owner_id IS NOT NULL)
                   AND id NOT IN (SELECT person_id FROM achievements WHERE person_id IS NOT NULL)
                   AND id NOT IN (SELECT entrant_id FROM award_targets WHERE scope = 'person')",
                named_params! { ":id": id },
            )?;
            c.execute(
                "DELETE FROM teams WHERE import_batch = :id
                   AND id NOT IN (SELECT team_id FROM clients WHERE team_id IS NOT NULL)
                   AND id NOT IN (SELECT team_id FROM people WHERE team_id IS NOT NULL)
                   AND id NOT IN (SELECT team_id FROM achievements WHERE team_id IS NOT NULL)
                   AND id NOT IN (SELECT entrant_id FROM award_targets WHERE scope = 'team')",
                named_params! { ":id": id },
            )?;
            c.execute("UPDATE import_batches SET undone_at = :now WHERE id = :id", named_params! { ":id": id, ":now": super::stamp(now) })?;
            Ok(id)
        })?;
        self.batches()?.into_iter().find(|b| b.id == id).ok_or(Error::NotFound { entity: Entity::Import, key: id.to_string() })
    }

    /// What an import changed in rows that were there before, one entry per row: the values
    /// before its first change and after its last, should one import change a row twice.
    fn import_changes(&self, batch: i64) -> Result<Vec<Change>> {
        let mut stmt = self.conn.prepare("SELECT entity, row_id, previous FROM import_changes WHERE batch_id = :batch ORDER BY rowid")?;
        let rows = stmt.query_map(named_params! { ":batch": batch }, |r| {
            Ok((r.get::<_, String>("entity")?, r.get::<_, i64>("row_id")?, r.get::<_, Option<String>>(2)?))
        })?;
        let mut changes: Vec<Change> = Vec::new();
        let mut seen: HashMap<(String, i64), usize> = HashMap::new();
        for row in rows {
            let (entity, row_id, previous) = row?;
            // The values an undo restores: one that cannot be read must stop the undo, not restore nothing.
            let previous: Option<serde_json::Map<String, serde_json::Value>> =
                previous.map(|j| super::json_column(&j, "import_changes", format!("{entity} {row_id}"))).transpose()?;
            let (before, after) = match previous {
                Some(mut map) if map.get("before").is_some_and(|v| v.is_object()) && map.get("after").is_some_and(|v| v.is_object()) => {
                    (object(map.remove("before")), object(map.remove("after")))
                }
                // Written before after-values were kept: the whole object is the before.
                other => (other, None),
            };
            match seen.get(&(entity.clone(), row_id)) {
                Some(&i) => changes[i].after = after,
                None => {
                    seen.insert((entity.clone(), row_id), changes.len());
                    changes.push(Change { entity, row_id, before, after });
                }
            }
        }
        Ok(changes)
    }

    /// Later work that rests on what import `batch` created or made a target.
    fn later_work(&self, batch: i64, campaign: Option<CampaignId>) -> Result<Vec<LaterWork>> {
        // `untargeted`: clients that were there before and that the import made targets of its
        // campaign; work on them in that campaign exists because of the import.
        const SCOPE: &str = "batch(id, campaign) AS (SELECT :batch, :campaign),
            gone_clients AS (SELECT id FROM clients WHERE import_batch = (SELECT id FROM batch)),
            gone_contracts AS (SELECT id FROM contracts
                WHERE import_batch = (SELECT id FROM batch) OR client_id IN gone_clients),
            untargeted AS (SELECT row_id FROM import_changes WHERE batch_id = (SELECT id FROM batch) AND entity = 'target')";
        let on_contracts = |table: &str, alias: &str| {
            format!(
                "SELECT k.number FROM {table} {alias} JOIN contracts k ON k.id = {alias}.contract_id
                 WHERE {alias}.contract_id IN gone_contracts
                    OR ({alias}.campaign_id IS (SELECT campaign FROM batch) AND k.client_id IN untargeted)"
            )
        };
        let on_clients = |table: &str, alias: &str| {
            format!(
                "SELECT c.code FROM {table} {alias} JOIN clients c ON c.id = {alias}.client_id
                 WHERE {alias}.client_id IN gone_clients
                    OR ({alias}.campaign_id IS (SELECT campaign FROM batch) AND {alias}.client_id IN untargeted)"
            )
        };
        let queries: [(LaterKind, String); 8] = [
            (LaterKind::Plans, on_clients("plans", "p")),
            (LaterKind::Achievements, on_clients("achievements", "a")),
            (LaterKind::Warnings, on_contracts("warnings", "w")),
            (LaterKind::BillingSnapshots, on_contracts("billing_snapshots", "b")),
            (LaterKind::RateOverrides, on_contracts("rate_overrides", "o")),
            (
                LaterKind::KeyPersonChanges,
                "SELECT c.code FROM key_person_changes x JOIN clients c ON c.id = x.client_id WHERE x.client_id IN gone_clients".into(),
            ),
            (
                LaterKind::Contracts,
                "SELECT number FROM contracts WHERE client_id IN gone_clients AND import_batch IS NOT (SELECT id FROM batch)".into(),
            ),
            (
                LaterKind::Targets,
                "SELECT c.code FROM campaign_targets t JOIN clients c ON c.id = t.client_id
                 WHERE t.client_id IN gone_clients AND t.campaign_id IS NOT (SELECT campaign FROM batch)"
                    .into(),
            ),
        ];
        let mut later = Vec::new();
        for (kind, found) in queries {
            let sql = format!(
                "WITH {SCOPE}, found(key) AS ({found})
                 SELECT count(*) AS count, count(DISTINCT key) AS keys,
                        (SELECT json_group_array(key) FROM (SELECT DISTINCT key FROM found ORDER BY key LIMIT {EXAMPLES})) AS examples
                 FROM found"
            );
            let (count, keys, examples): (i64, i64, String) =
                self.conn.query_row(&sql, named_params! { ":batch": batch, ":campaign": campaign }, |r| {
                    Ok((r.get("count")?, r.get("keys")?, r.get("examples")?))
                })?;
            if count > 0 {
                let examples: Vec<String> = serde_json::from_str(&examples).unwrap_or_default();
                let more = keys.unsigned_abs().saturating_sub(examples.len() as u64);
                later.push(LaterWork { kind, count: count.unsigned_abs(), examples, more });
            }
        }
        Ok(later)
    }

    /// Rows the import updated whose values have changed since: restoring them would overwrite
    /// that later edit. Imports recorded without after-values cannot be checked.
    fn edited_since(&self, changes: &[Change]) -> Result<Vec<LaterWork>> {
        let mut clients = Vec::new();
        let mut contracts = Vec::new();
        for change in changes {
            let Some(after) = &change.after else { continue };
            let (snapshot, key, edited) = match change.entity.as_str() {
                "client" => (CLIENT_SNAPSHOT, "SELECT code FROM clients WHERE id = :id", &mut clients),
                "contract" => (CONTRACT_SNAPSHOT, "SELECT number FROM contracts WHERE id = :id", &mut contracts),
                _ => continue,
            };
            let now: Option<String> =
                self.conn.prepare_cached(snapshot)?.query_row(named_params! { ":id": change.row_id }, |r| r.get(0)).optional()?;
            // A row deleted since is left alone by the restore, so it blocks nothing.
            let Some(now) = now.and_then(|j| serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&j).ok()) else {
                continue;
            };
            if &now != after {
                let name: Option<String> = self.conn.query_row(key, named_params! { ":id": change.row_id }, |r| r.get(0)).optional()?;
                edited.push(name.unwrap_or_else(|| change.row_id.to_string()));
            }
        }
        let mut later = Vec::new();
        for (kind, mut keys) in [(LaterKind::EditedClients, clients), (LaterKind::EditedContracts, contracts)] {
            if !keys.is_empty() {
                let count = keys.len() as u64;
                keys.sort();
                keys.truncate(EXAMPLES);
                let more = count - keys.len() as u64;
                later.push(LaterWork { kind, count, examples: keys, more });
            }
        }
        Ok(later)
    }
}

fn object(value: Option<serde_json::Value>) -> Option<serde_json::Map<String, serde_json::Value>> {
    match value {
        Some(serde_json::Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// How many clients or contracts a refusal names per kind of work.
const EXAMPLES: usize = 3;

/// One row an import changed that was there before.
struct Change {
    entity: String,
    row_id: i64,
    before: Option<serde_json::Map<String, serde_json::Value>>,
    after: Option<serde_json::Map<String, serde_json::Value>>,
}

/// A stored client an import row names; `exact` when its stored code is already spelled as
/// the row's folded code.
#[derive(Debug, Clone, Copy)]
struct FoundClient {
    id: i64,
    exact: bool,
}

/// The fields a new client needs that its row leaves empty, named as the file's columns.
fn missing_client_fields(f: &ClientFields) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if f.name.is_none() {
        missing.push("client_name");
    }
    if f.category.is_none() {
        missing.push("category");
    }
    if f.tier.is_none() {
        missing.push("tier");
    }
    missing
}

/// Writes back the columns saved in `previous` (column → value) in one statement; every row
/// of a table has the same columns, so the statement is prepared once.
fn restore(conn: &rusqlite::Connection, table: &str, id: i64, previous: &serde_json::Map<String, serde_json::Value>) -> Result<()> {
    let mut columns = Vec::with_capacity(previous.len());
    let mut values: Vec<rusqlite::types::Value> = Vec::with_capacity(previous.len() + 1);
    for (column, value) in previous {
        let value = match value {
            serde_json::Value::Null => rusqlite::types::Value::Null,
            serde_json::Value::Number(n) => n.as_i64().map_or(rusqlite::types::Value::Null, Into::into),
            serde_json::Value::String(s) => s.clone().into(),
            serde_json::Value::Bool(b) => i64::from(*b).into(),
            _ => continue,
        };
        // Column names come from our own snapshot, never from the file.
        columns.push(format!("{column} = ?{}", values.len() + 1));
        values.push(value);
    }
    if columns.is_empty() {
        return Ok(());
    }
    values.push(id.into());
    let sql = format!("UPDATE {table} SET {} WHERE id = ?{}", columns.join(", "), values.len());
    conn.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

/// What `import_changes.previous` holds for an updated row: its values before the import, to
/// restore, and after, to tell whether anyone has changed the row since.
fn before_after(before: &str, after: &str) -> String {
    format!(r#"{{"before":{before},"after":{after}}}"#)
}

/// The columns an import may change, as JSON: read before an update, returned by it (the
/// after-values come with the UPDATE itself, at no extra statement), and read again by undo.
macro_rules! client_json {
    () => {
        "json_object('code', code, 'name', name, 'category', category, 'tier', tier, 'industry', industry,
        'district', district, 'team_id', team_id, 'account_manager_id', account_manager_id, 'key_person', key_person,
        'key_person_phone', key_person_phone)"
    };
}
macro_rules! contract_json {
    () => {
        "json_object('client_id', client_id, 'product_type', product_type,
        'monthly_fee_fen', monthly_fee_fen, 'dec_fee_fen', dec_fee_fen, 'term_months', term_months, 'end_date', end_date,
        'fiber_to_premises', fiber_to_premises)"
    };
}
const CLIENT_SNAPSHOT: &str = concat!("SELECT ", client_json!(), " FROM clients WHERE id = :id");
const CONTRACT_SNAPSHOT: &str = concat!("SELECT ", contract_json!(), " FROM contracts WHERE id = :id");

impl ImportWriter<'_> {
    fn conn(&self) -> &rusqlite::Connection {
        &self.store.conn
    }

    fn record(&self, entity: &str, row_id: i64, previous: Option<String>) -> Result<()> {
        self.conn()
            .prepare_cached("INSERT INTO import_changes (batch_id, entity, row_id, previous) VALUES (:batch, :entity, :row_id, :previous)")?
            .execute(named_params! { ":batch": self.batch, ":entity": entity, ":row_id": row_id, ":previous": previous })?;
        Ok(())
    }

    fn team(&mut self, name: &str) -> Result<i64> {
        if let Some(id) = self.teams.get(name) {
            return Ok(*id);
        }
        let existing: Option<i64> = self
            .conn()
            .prepare_cached("SELECT id FROM teams WHERE name = :name")?
            .query_row(named_params! { ":name": name }, |r| r.get("id"))
            .optional()?;
        let id = match existing {
            Some(id) => id,
            None => {
                self.conn().execute(
                    "INSERT INTO teams (name, import_batch) VALUES (:name, :batch)",
                    named_params! { ":name": name, ":batch": self.batch },
                )?;
                self.counts.teams_created += 1;
                self.conn().last_insert_rowid()
            }
        };
        self.teams.insert(name.to_string(), id);
        Ok(id)
    }

    fn person(&mut self, name: &str, team: Option<TeamId>) -> Result<i64> {
        if let Some(id) = self.people.get(name) {
            return Ok(*id);
        }
        let existing: Option<i64> = self
            .conn()
            .prepare_cached("SELECT id FROM people WHERE name = :name")?
            .query_row(named_params! { ":name": name }, |r| r.get("id"))
            .optional()?;
        let id = match existing {
            Some(id) => id,
            None => {
                self.conn().execute(
                    "INSERT INTO people (name, team_id, role, import_batch) VALUES (:name, :team, 'account_manager', :batch)",
                    named_params! { ":name": name, ":team": team, ":batch": self.batch },
                )?;
                self.counts.managers_created += 1;
                self.conn().last_insert_rowid()
            }
        };
        self.people.insert(name.to_string(), id);
        Ok(id)
    }

    /// The client stored under a code that folds to `code` (already folded) but was written
    /// before codes were folded (`ab01` for `AB01`). Codes are folded where they are written
    /// now, so no migration is needed: one pass picks out the few stored codes that are not in
    /// their folded spelling (lower case, non-ASCII or padded), and only those are folded here.
    fn unfolded_code(&mut self, code: &str) -> Result<Option<i64>> {
        if self.unfolded.is_none() {
            let store = self.store;
            let mut stmt = store.conn.prepare(
                "SELECT id, code FROM clients
                 WHERE code <> upper(code) OR code <> trim(code) OR length(code) <> length(CAST(code AS BLOB))
                 ORDER BY id",
            )?;
            let mut found = HashMap::new();
            for row in stmt.query_map([], |r| Ok((r.get::<_, i64>("id")?, r.get::<_, String>("code")?)))? {
                let (id, stored) = row?;
                let folded = crate::domain::fold_code(&stored);
                if folded != stored {
                    found.entry(folded).or_insert(id);
                }
            }
            self.unfolded = Some(found);
        }
        Ok(self.unfolded.as_ref().and_then(|m| m.get(code).copied()))
    }

    /// Creates or updates a client by code (already folded, see `domain::fold_code`), and makes
    /// it a target of the import's campaign.
    pub fn client(&mut self, f: &ClientFields) -> Result<ClientWrite> {
        let team = f.team.as_deref().map(|t| self.team(t).map(TeamId)).transpose()?;
        let manager = f.account_manager.as_deref().map(|m| self.person(m, team)).transpose()?;
        let found = self.find_client(&f.code)?;
        let id = match found {
            Some(found) => self.update_client(found, f, team, manager)?,
            None => match self.insert_client(f, team, manager)? {
                ClientWrite::Written(id) => id,
                missing => return Ok(missing),
            },
        };
        self.target_client(id, found.is_some())?;
        Ok(ClientWrite::Written(id))
    }

    /// The stored client a (folded) code names: spelled as given, or stored before folding.
    fn find_client(&mut self, code: &str) -> Result<Option<FoundClient>> {
        if !self.clients_before {
            return Ok(None);
        }
        let exact: Option<i64> = self
            .conn()
            .prepare_cached("SELECT id FROM clients WHERE code = :code")?
            .query_row(named_params! { ":code": code }, |r| r.get("id"))
            .optional()?;
        Ok(match exact {
            Some(id) => Some(FoundClient { id, exact: true }),
            None => self.unfolded_code(code)?.map(|id| FoundClient { id, exact: false }),
        })
    }

    /// Writes the row's given fields over a stored client, recording before and after for undo.
    fn update_client(&mut self, found: FoundClient, f: &ClientFields, team: Option<TeamId>, manager: Option<i64>) -> Result<i64> {
        let id = found.id;
        let before: String = self.conn().prepare_cached(CLIENT_SNAPSHOT)?.query_row(named_params! { ":id": id }, |r| r.get(0))?;
        if !found.exact {
            // Stored in its folded spelling from now on; undo restores the old one.
            self.conn()
                .prepare_cached("UPDATE clients SET code = :code WHERE id = :id")?
                .execute(named_params! { ":id": id, ":code": f.code })?;
            if let Some(map) = self.unfolded.as_mut() {
                map.remove(&f.code);
            }
        }
        let after: String = self
            .conn()
            .prepare_cached(concat!(
                "UPDATE clients SET name = coalesce(:name, name), category = coalesce(:category, category), tier = coalesce(:tier, tier),
                    industry = coalesce(:industry, industry), district = coalesce(:district, district), team_id = coalesce(:team, team_id),
                    account_manager_id = coalesce(:manager, account_manager_id), key_person = coalesce(:key_person, key_person),
                    key_person_phone = coalesce(:key_person_phone, key_person_phone)
                 WHERE id = :id RETURNING ",
                client_json!()
            ))?
            .query_row(
                named_params! {
                    ":id": id,
                    ":name": f.name,
                    ":category": f.category,
                    ":tier": f.tier,
                    ":industry": f.industry,
                    ":district": f.district,
                    ":team": team,
                    ":manager": manager,
                    ":key_person": f.key_person,
                    ":key_person_phone": f.key_person_phone,
                },
                |r| r.get(0),
            )?;
        self.record("client", id, Some(before_after(&before, &after)))?;
        self.log_key_person(id, &before, &after)?;
        self.counts.clients_updated += 1;
        Ok(id)
    }

    /// Logs a key person the import changed (关键人异动), as the form does, with the import's
    /// author and day and its file as the note, so its undo can take the line back out.
    fn log_key_person(&self, client_id: i64, before: &str, after: &str) -> Result<()> {
        let person = |json: &str| -> (String, String) {
            let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(json).unwrap_or_default();
            let field = |k: &str| map.get(k).and_then(serde_json::Value::as_str).unwrap_or("").to_string();
            (field("key_person"), field("key_person_phone"))
        };
        let ((old_name, old_phone), (new_name, new_phone)) = (person(before), person(after));
        if (old_name.as_str(), old_phone.as_str()) == (new_name.as_str(), new_phone.as_str()) {
            return Ok(());
        }
        self.conn()
            .prepare_cached(
                "INSERT INTO key_person_changes (client_id, changed_on, old_name, old_phone, new_name, new_phone, note, recorded_at, author, source)
                 VALUES (:client_id, :changed_on, :old_name, :old_phone, :new_name, :new_phone, :note, :at, :author, 'import')",
            )?
            .execute(named_params! {
                ":client_id": client_id,
                ":changed_on": self.now.date().to_string(),
                ":old_name": old_name,
                ":old_phone": old_phone,
                ":new_name": new_name,
                ":new_phone": new_phone,
                ":note": self.file,
                ":at": super::stamp(self.now),
                ":author": self.author,
            })?;
        Ok(())
    }

    /// Creates a client the file names for the first time, or says which required fields the
    /// row lacks. A created client needs no undo record: it carries the batch itself.
    fn insert_client(&mut self, f: &ClientFields, team: Option<TeamId>, manager: Option<i64>) -> Result<ClientWrite> {
        let (Some(name), Some(category), Some(tier)) = (&f.name, f.category, f.tier) else {
            return Ok(ClientWrite::Missing(missing_client_fields(f)));
        };
        self.insert_client.execute(rusqlite::params![
            f.code,
            name,
            category,
            tier,
            f.industry.as_deref().unwrap_or(""),
            f.district.as_deref().unwrap_or(""),
            team,
            manager,
            f.key_person.as_deref().unwrap_or(""),
            f.key_person_phone.as_deref().unwrap_or(""),
            self.batch,
        ])?;
        self.counts.clients_created += 1;
        Ok(ClientWrite::Written(self.conn().last_insert_rowid()))
    }

    /// Makes the client a target of the import's campaign. Only a client that existed before
    /// the import needs its new target recorded for undo; a created one goes with its batch.
    /// A created client is new to every campaign: its target is counted now and written with
    /// all the others in one statement by `finish`.
    fn target_client(&mut self, id: i64, existed: bool) -> Result<()> {
        let Some(campaign) = self.campaign else {
            return Ok(());
        };
        if !existed {
            self.counts.targets_added += 1;
            return Ok(());
        }
        let added = self
            .conn()
            .prepare_cached("INSERT OR IGNORE INTO campaign_targets (campaign_id, client_id) VALUES (:campaign, :id)")?
            .execute(named_params! { ":campaign": campaign, ":id": id })?;
        if added == 1 {
            self.counts.targets_added += 1;
            if existed {
                self.record("target", id, None)?;
            }
        }
        Ok(())
    }

    /// Creates or updates a contract by number under `client_id`.
    pub fn contract(&mut self, client_id: i64, f: &ContractFields) -> Result<ContractWrite> {
        let existing: Option<(i64, i64)> = if self.contracts_before {
            self.conn()
                .prepare_cached("SELECT id, client_id FROM contracts WHERE number = :number")?
                .query_row(named_params! { ":number": &f.number }, |r| Ok((r.get("id")?, r.get("client_id")?)))
                .optional()?
        } else {
            None
        };
        match existing {
            Some((_, owner)) if owner != client_id => {
                let code: String =
                    self.conn()
                        .query_row("SELECT code FROM clients WHERE id = :owner", named_params! { ":owner": owner }, |r| r.get("code"))?;
                Ok(ContractWrite::OwnedBy(code))
            }
            Some((id, _)) => {
                let before: String = self.conn().prepare_cached(CONTRACT_SNAPSHOT)?.query_row(named_params! { ":id": id }, |r| r.get(0))?;
                let after: String = self
                    .conn()
                    .prepare_cached(concat!(
                        "UPDATE contracts SET product_type = :product_type, monthly_fee_fen = coalesce(:monthly_fee, monthly_fee_fen),
                            dec_fee_fen = coalesce(:dec_fee, dec_fee_fen), term_months = coalesce(:term_months, term_months),
                            end_date = coalesce(:end_date, end_date), fiber_to_premises = coalesce(:fiber, fiber_to_premises)
                         WHERE id = :id RETURNING ",
                        contract_json!()
                    ))?
                    .query_row(
                        named_params! {
                            ":id": id,
                            ":product_type": f.product_type,
                            ":monthly_fee": f.monthly_fee.map(Money::fen),
                            ":dec_fee": f.dec_fee.map(Money::fen),
                            ":term_months": f.term_months,
                            ":end_date": f.end_date.map(|d| d.to_string()),
                            ":fiber": f.fiber,
                        },
                        |r| r.get(0),
                    )?;
                self.record("contract", id, Some(before_after(&before, &after)))?;
                self.counts.contracts_updated += 1;
                Ok(ContractWrite::Written)
            }
            None => {
                let fiber = f.fiber.unwrap_or(matches!(f.product_type, ProductType::FiberOnly | ProductType::Bundle));
                self.insert_contract.execute(rusqlite::params![
                    f.number,
                    client_id,
                    f.product_type,
                    f.monthly_fee.map_or(0, Money::fen),
                    f.dec_fee.map_or(0, Money::fen),
                    f.term_months.unwrap_or(0),
                    f.end_date.map(|d| d.to_string()),
                    fiber,
                    self.batch,
                ])?;
                self.counts.contracts_created += 1;
                Ok(ContractWrite::Written)
            }
        }
    }

    /// Puts the clients created since the last call into the search index once enough have
    /// gathered. Called between batches: while the reading thread is the slower one (an xlsx
    /// file), the index is built in its shadow instead of all at the end.
    pub fn keep_searchable(&mut self) -> Result<()> {
        if self.search_later {
            return Ok(());
        }
        if self.counts.clients_created - self.searchable_created >= SEARCHABLE_EVERY {
            self.index_created()?;
        }
        Ok(())
    }

    fn index_created(&mut self) -> Result<()> {
        let conn = &self.store.conn;
        let top: i64 = conn.prepare_cached("SELECT coalesce(max(id), 0) FROM clients")?.query_row([], |r| r.get(0))?;
        super::search::index_range(conn, self.searchable_upto, top, self.batch)?;
        self.searchable_upto = top;
        self.searchable_created = self.counts.clients_created;
        Ok(())
    }

    /// The counts of an import that will not be kept (a dry run, rows with problems): its
    /// transaction is rolled back, which brings back whatever it dropped, so nothing is rebuilt.
    pub fn abandon(self) -> ImportCounts {
        self.counts
    }

    /// Stores the counts with the batch; returns them.
    pub fn finish(self) -> Result<ImportCounts> {
        let mut this = self;
        if let Some(campaign) = this.campaign {
            // Before the indexes come back, so the targets' own is built once over all of them.
            this.store.conn.execute(
                "INSERT INTO campaign_targets (campaign_id, client_id)
                 SELECT :campaign, id FROM clients WHERE id > :above AND import_batch = :batch",
                named_params! { ":campaign": campaign, ":above": this.created_above, ":batch": this.batch },
            )?;
        }
        this.deferred.restore()?;
        // The clients this import created, then those it changed, found again by search. A
        // created client changed later in the same file is indexed again as it ended.
        let created = "SELECT id FROM clients WHERE import_batch = :batch";
        let changed = "SELECT row_id FROM import_changes WHERE batch_id = :batch AND entity = 'client'";
        if this.search_later {
            super::search::queue(&this.store.conn, created, this.batch)?;
            super::search::queue(&this.store.conn, changed, this.batch)?;
        } else {
            this.index_created()?;
            super::search::reindex(&this.store.conn, changed, this.batch)?;
        }
        this.store.conn.execute(
            "UPDATE import_batches SET counts = :counts WHERE id = :batch",
            named_params! { ":batch": this.batch, ":counts": serde_json::to_string(&this.counts).unwrap_or_default() },
        )?;
        Ok(this.counts)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    #[test]
    fn a_code_stored_before_folding_is_found_and_refolded_and_undo_restores_it() {
        let store = Store::open_in_memory().expect("store");
        store
            .conn
            .execute("INSERT INTO clients (code, name, category, tier) VALUES ('ａｂ02', '旧公司', 'sme', 'C')", [])
            .expect("a code written before codes were folded");
        let old = crate::domain::ids::ClientId(store.conn.last_insert_rowid());
        let now = NaiveDate::from_ymd_opt(2026, 11, 22).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("now");
        store
            .transaction_keep_if(|s| {
                let mut writer = s.imports().begin("f.csv", None, "王", now, Pace::WriterBound)?;
                let fields = ClientFields { code: "AB02".into(), name: Some("旧公司（新名）".into()), ..ClientFields::default() };
                let ClientWrite::Written(id) = writer.client(&fields)? else { panic!("an update needs nothing more") };
                assert_eq!(id, old.0, "AB02 is the client stored as ａｂ02, not a new one");
                writer.finish()?;
                Ok(((), true))
            })
            .expect("import");
        assert_eq!(store.clients().get(old).expect("client").row.code, "AB02", "stored in its folded spelling from now on");
        assert_eq!(store.clients().id_by_code("ab02").expect("q"), Some(old));
        store.imports().undo_last(now).expect("undo");
        assert_eq!(store.clients().get(old).expect("client").row.code, "ａｂ02", "undo gives the old spelling back");
    }

    #[test]
    fn an_undo_whose_stored_before_values_cannot_be_read_is_refused_and_changes_nothing() {
        let store = Store::open_in_memory().expect("store");
        store.conn.execute("INSERT INTO clients (code, name, category, tier) VALUES ('C01', '甲公司', 'sme', 'C')", []).expect("a client");
        let id = crate::domain::ids::ClientId(store.conn.last_insert_rowid());
        let now = NaiveDate::from_ymd_opt(2026, 11, 22).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("now");
        store
            .transaction_keep_if(|s| {
                let mut writer = s.imports().begin("f.csv", None, "王", now, Pace::WriterBound)?;
                writer
                    .client(&ClientFields { code: "C01".into(), name: Some("甲公司（新名）".into()), ..ClientFields::default() })?;
                writer.finish()?;
                Ok(((), true))
            })
            .expect("import");
        store.conn.execute("UPDATE import_changes SET previous = '{\"before\": '", []).expect("a stored value cut short");
        match store.imports().undo_last(now) {
            Err(Error::CorruptRow { table, .. }) => assert_eq!(table, "import_changes", "the error names where the damage is"),
            other => panic!("an undo must not restore nothing in silence: {other:?}"),
        }
        assert_eq!(store.clients().get(id).expect("client").row.name, "甲公司（新名）", "the refused undo changed nothing");
    }
}
