//! Broadband early warnings in team mode: listed within the caller's scope and worked through
//! the warning workflow with the same version check as plan items.

use chrono::NaiveDate;
use postgres::{Row, Transaction};

use super::audit::{json, record};
use super::{client_filter, page_limit, PgStore, TeamPage, TeamResult};
use crate::domain::access::{Account, Scope};
use crate::domain::team::TeamWarning;
use crate::domain::warning::{age_days, dates_after, WarningReason, WarningStatus};
use crate::error::{Entity, TeamError};
use crate::Money;

const WARNING_COLUMNS: &str = "w.id, w.client_id, c.code, c.name, d.name, m.name, w.contract, w.reason, w.period, w.before_fen, w.after_fen, w.raised_on, w.status, w.contacted_on, w.closed_on, w.note, w.version";
const WARNING_FROM: &str =
    "warnings w JOIN clients c ON c.id = w.client_id JOIN districts d ON d.id = c.district_id LEFT JOIN accounts m ON m.id = c.manager_id";

fn warning(r: &Row, today: NaiveDate) -> TeamResult<TeamWarning> {
    let bad = |what: &str, v: &str| TeamError::Database(format!("warning {} has an unknown {what} {v}", r.get::<_, i64>(0)));
    let reason: String = r.get(7);
    let status: String = r.get(12);
    let status = WarningStatus::from_code(&status).ok_or_else(|| bad("status", &status))?;
    let raised_on: NaiveDate = r.get(11);
    let closed_on: Option<NaiveDate> = r.get(14);
    Ok(TeamWarning {
        id: r.get(0),
        client_id: r.get(1),
        client_code: r.get(2),
        client: r.get(3),
        district: r.get(4),
        manager: r.get(5),
        contract: r.get(6),
        reason: WarningReason::from_code(&reason).ok_or_else(|| bad("reason", &reason))?,
        period: r.get(8),
        before: Money::from_fen(r.get(9)),
        after: Money::from_fen(r.get(10)),
        raised_on,
        status,
        contacted_on: r.get(13),
        closed_on,
        note: r.get(15),
        age_days: age_days(raised_on, closed_on, today),
        next_statuses: status.next().to_vec(),
        version: r.get(16),
    })
}

fn read_warning(tx: &mut Transaction<'_>, scope: Scope, id: i64, today: NaiveDate, lock: bool) -> TeamResult<TeamWarning> {
    let lock = if lock { " FOR UPDATE OF w" } else { "" };
    let sql = format!("SELECT {WARNING_COLUMNS} FROM {WARNING_FROM} WHERE w.id = $1 AND {}{lock}", client_filter(scope));
    let row = tx.query_opt(&sql, &[&id])?.ok_or_else(|| TeamError::not_found(Entity::Warning, id))?;
    warning(&row, today)
}

impl PgStore {
    /// A campaign's warnings in the caller's scope, open ones first, oldest first (for
    /// TeamView::warnings).
    pub(super) fn warning_list(
        &self,
        who: &Account,
        campaign: i64,
        open_only: bool,
        offset: i64,
        limit: i64,
        today: NaiveDate,
    ) -> TeamResult<TeamPage<TeamWarning>> {
        self.scoped(who, |tx, scope| {
            let cond = format!("c.campaign_id = $1 AND {} AND (NOT $2 OR w.status IN ('to_contact', 'contacted'))", client_filter(scope));
            let total: i64 = tx
                .query_one(
                    &format!("SELECT count(*) FROM warnings w JOIN clients c ON c.id = w.client_id WHERE {cond}"),
                    &[&campaign, &open_only],
                )?
                .get(0);
            let rows = tx.query(
                &format!(
                    "SELECT {WARNING_COLUMNS} FROM {WARNING_FROM} WHERE {cond}
                     ORDER BY (w.status IN ('to_contact', 'contacted')) DESC, w.raised_on, w.id OFFSET $3 LIMIT $4"
                ),
                &[&campaign, &open_only, &offset.max(0), &page_limit(limit)],
            )?;
            let rows = rows.iter().map(|r| warning(r, today)).collect::<TeamResult<Vec<_>>>()?;
            Ok(TeamPage { total, offset: offset.max(0), rows })
        })
    }

    pub(super) fn one_warning(&self, who: &Account, id: i64, today: NaiveDate) -> TeamResult<TeamWarning> {
        self.scoped(who, |tx, scope| read_warning(tx, scope, id, today, false))
    }

    /// Moves a warning along its workflow on `on` if it is still at `version` (for
    /// TeamView::set_warning_status).
    pub(super) fn move_warning(
        &self,
        who: &Account,
        id: i64,
        version: i64,
        to: WarningStatus,
        note: &str,
        on: NaiveDate,
    ) -> TeamResult<TeamWarning> {
        self.scoped(who, |tx, scope| {
            let before = read_warning(tx, scope, id, on, true)?;
            if before.version != version {
                return Err(TeamError::Stale { current: json(&before)? });
            }
            before.status.check_change(to, note)?;
            let (contacted, closed) = dates_after(before.contacted_on, to, on);
            let note = if note.trim().is_empty() { before.note.clone() } else { note.trim().to_string() };
            tx.execute(
                "UPDATE warnings SET status = $2, contacted_on = $3, closed_on = $4, note = $5, version = version + 1 WHERE id = $1",
                &[&id, &to.code(), &contacted, &closed, &note],
            )?;
            let after = read_warning(tx, scope, id, on, false)?;
            record(tx, who, "warning.status", "warning", id, Some(json(&before)?), Some(json(&after)?))?;
            Ok(after)
        })
    }
}
