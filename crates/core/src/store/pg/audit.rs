//! The audit trail: who changed what, when, with the row before and after, written in the
//! same transaction as the change so neither can exist without the other.

use postgres::Transaction;
use serde::Serialize;

use super::{page_limit, PgStore, TeamPage, TeamResult};
use crate::domain::access::Account;
use crate::domain::team::AuditEntry;
use crate::error::TeamError;

pub(super) fn record(
    tx: &mut Transaction<'_>,
    who: &Account,
    action: &str,
    entity: &str,
    entity_id: i64,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> TeamResult<()> {
    tx.execute(
        "INSERT INTO audit (account_id, account_login, action, entity, entity_id, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[&who.id, &who.login, &action, &entity, &entity_id, &before, &after],
    )?;
    Ok(())
}

pub(super) fn json(value: &impl Serialize) -> TeamResult<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| TeamError::Database(e.to_string()))
}

impl PgStore {
    /// Newest first. `entity` and `entity_id` narrow it to one row's history.
    pub fn audit(&self, who: &Account, entity: Option<(&str, i64)>, offset: i64, limit: i64) -> TeamResult<TeamPage<AuditEntry>> {
        self.scoped(who, |tx, _| {
            let (kind, id) = entity.map_or((None, None), |(k, i)| (Some(k), Some(i)));
            let filter = "($1::TEXT IS NULL OR entity = $1) AND ($2::BIGINT IS NULL OR entity_id = $2)";
            let total: i64 = tx.query_one(&format!("SELECT count(*) FROM audit WHERE {filter}"), &[&kind, &id])?.get(0);
            let rows = tx.query(
                &format!(
                    "SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), account_login, action, entity, entity_id, before, after
                     FROM audit WHERE {filter} ORDER BY id DESC OFFSET $3 LIMIT $4"
                ),
                &[&kind, &id, &offset.max(0), &page_limit(limit)],
            )?;
            let rows = rows
                .iter()
                .map(|r| AuditEntry {
                    id: r.get(0),
                    at: r.get(1),
                    account: r.get(2),
                    action: r.get(3),
                    entity: r.get(4),
                    entity_id: r.get(5),
                    before: r.get(6),
                    after: r.get(7),
                })
                .collect();
            Ok(TeamPage { total, offset: offset.max(0), rows })
        })
    }
}
