//! 一户一案 plan items in team mode: listed within the caller's scope, and moved through the
//! status workflow with a version check, so of two people changing one item at once exactly
//! one wins and the other is shown the winner's value.

use chrono::NaiveDate;
use postgres::{Row, Transaction};

use super::audit::{json, record};
use super::{client_filter, page_limit, PgStore, TeamPage, TeamResult};
use crate::domain::access::{Account, Scope};
use crate::domain::plan::{ItemKind, ItemStatus, PlanItem, StatusChange};
use crate::domain::team::{
    ItemFilter, TeamCampaign, TeamClient, TeamClientDetail, TeamPlanItem, TeamTrackerReport, TeamWarning, TrackerConflict,
    TrackerRowProblem,
};
use crate::domain::warning::WarningStatus;
use crate::error::{Entity, TeamError};
use crate::import::team_tracker::TrackerLine;
use crate::store::team_view::TeamView;

const ITEM_COLUMNS: &str = "i.id, i.client_id, c.code, c.name, d.name, i.kind, i.title, i.owner_id, o.name, i.due, i.status, i.done_on, i.blocked_reason, i.note, i.version";
const ITEM_FROM: &str =
    "plan_items i JOIN clients c ON c.id = i.client_id JOIN districts d ON d.id = c.district_id LEFT JOIN accounts o ON o.id = i.owner_id";

/// The server's own filter on items (alias `i`, clients `c`): an account manager's own items,
/// or the clients of the caller's scope.
fn item_filter(scope: Scope) -> String {
    match scope {
        Scope::Own(a) => format!("i.owner_id = {a}"),
        other => client_filter(other),
    }
}

fn item(r: &Row, today: NaiveDate) -> TeamResult<TeamPlanItem> {
    let bad = |what: &str, v: &str| TeamError::Database(format!("plan item {} has an unknown {what} {v}", r.get::<_, i64>(0)));
    let kind: String = r.get(5);
    let status: String = r.get(10);
    let status = ItemStatus::from_code(&status).ok_or_else(|| bad("status", &status))?;
    let due: NaiveDate = r.get(9);
    Ok(TeamPlanItem {
        id: r.get(0),
        client_id: r.get(1),
        client_code: r.get(2),
        client: r.get(3),
        district: r.get(4),
        kind: ItemKind::from_code(&kind).ok_or_else(|| bad("kind", &kind))?,
        title: r.get(6),
        owner_id: r.get(7),
        owner: r.get(8),
        due,
        status,
        done_on: r.get(11),
        blocked_reason: r.get(12),
        note: r.get(13),
        late: PlanItem::is_late(status, due, today),
        version: r.get(14),
    })
}

fn read_item(tx: &mut Transaction<'_>, scope: Scope, id: i64, today: NaiveDate, lock: bool) -> TeamResult<TeamPlanItem> {
    read_item_of(tx, scope, id, None, today, lock)
}

/// As `read_item`, and only when the item belongs to `campaign` (when one is given): one query
/// per line of a returned tracker.
fn read_item_of(
    tx: &mut Transaction<'_>,
    scope: Scope,
    id: i64,
    campaign: Option<i64>,
    today: NaiveDate,
    lock: bool,
) -> TeamResult<TeamPlanItem> {
    let lock = if lock { " FOR UPDATE OF i" } else { "" };
    let sql = format!(
        "SELECT {ITEM_COLUMNS} FROM {ITEM_FROM} WHERE i.id = $1 AND ($2::BIGINT IS NULL OR c.campaign_id = $2) AND {}{lock}",
        item_filter(scope)
    );
    let row = tx.query_opt(&sql, &[&id, &campaign])?.ok_or_else(|| TeamError::not_found(Entity::PlanItem, id))?;
    item(&row, today)
}

impl TeamView for PgStore {
    fn campaigns(&self, who: &Account) -> TeamResult<Vec<TeamCampaign>> {
        self.campaign_list(who)
    }

    fn client_page(&self, who: &Account, campaign: i64, text: &str, offset: i64, limit: i64) -> TeamResult<TeamPage<TeamClient>> {
        self.client_list(who, campaign, text, offset, limit)
    }

    fn client_detail(&self, who: &Account, id: i64) -> TeamResult<TeamClientDetail> {
        self.one_client(who, id)
    }

    fn plan_items(&self, who: &Account, campaign: i64, filter: &ItemFilter, today: NaiveDate) -> TeamResult<TeamPage<TeamPlanItem>> {
        self.scoped(who, |tx, scope| {
            let status = filter.status.map(ItemStatus::code);
            let cond = format!(
                "c.campaign_id = $1 AND {} AND ($2::BIGINT IS NULL OR i.client_id = $2) AND ($3::TEXT IS NULL OR i.status = $3)",
                item_filter(scope)
            );
            let total: i64 = tx
                .query_one(
                    &format!("SELECT count(*) FROM plan_items i JOIN clients c ON c.id = i.client_id WHERE {cond}"),
                    &[&campaign, &filter.client, &status],
                )?
                .get(0);
            let rows = tx.query(
                &format!("SELECT {ITEM_COLUMNS} FROM {ITEM_FROM} WHERE {cond} ORDER BY c.code, i.id OFFSET $4 LIMIT $5"),
                &[&campaign, &filter.client, &status, &filter.offset.max(0), &page_limit(filter.limit)],
            )?;
            let rows = rows.iter().map(|r| item(r, today)).collect::<TeamResult<Vec<_>>>()?;
            Ok(TeamPage { total, offset: filter.offset.max(0), rows })
        })
    }

    fn plan_item(&self, who: &Account, id: i64, today: NaiveDate) -> TeamResult<TeamPlanItem> {
        self.scoped(who, |tx, scope| read_item(tx, scope, id, today, false))
    }

    /// The change and its audit line are one transaction.
    fn set_item_status(&self, who: &Account, id: i64, version: i64, change: &StatusChange, today: NaiveDate) -> TeamResult<TeamPlanItem> {
        self.scoped(who, |tx, scope| {
            let before = read_item(tx, scope, id, today, true)?;
            if before.version != version {
                return Err(TeamError::Stale { current: json(&before)? });
            }
            tx.execute(
                "UPDATE plan_items SET status = $2, done_on = $3, blocked_reason = $4, version = version + 1 WHERE id = $1",
                &[&id, &change.status.code(), &change.done_on, &change.blocked_reason],
            )?;
            let after = read_item(tx, scope, id, today, false)?;
            record(tx, who, "plan_item.status", "plan_item", id, Some(json(&before)?), Some(json(&after)?))?;
            Ok(after)
        })
    }

    fn warnings(
        &self,
        who: &Account,
        campaign: i64,
        open_only: bool,
        offset: i64,
        limit: i64,
        today: NaiveDate,
    ) -> TeamResult<TeamPage<TeamWarning>> {
        self.warning_list(who, campaign, open_only, offset, limit, today)
    }

    fn warning(&self, who: &Account, id: i64, today: NaiveDate) -> TeamResult<TeamWarning> {
        self.one_warning(who, id, today)
    }

    fn set_warning_status(
        &self,
        who: &Account,
        id: i64,
        version: i64,
        to: WarningStatus,
        note: &str,
        on: NaiveDate,
    ) -> TeamResult<TeamWarning> {
        self.move_warning(who, id, version, to, note, on)
    }
}

impl PgStore {
    /// Every item of the campaign in the caller's scope, for the tracker.
    pub fn all_plan_items(&self, who: &Account, campaign: i64, today: NaiveDate) -> TeamResult<Vec<TeamPlanItem>> {
        self.scoped(who, |tx, scope| {
            let sql = format!(
                "SELECT {ITEM_COLUMNS} FROM {ITEM_FROM} WHERE c.campaign_id = $1 AND {} ORDER BY d.name, c.code, i.id",
                item_filter(scope)
            );
            tx.query(&sql, &[&campaign])?.iter().map(|r| item(r, today)).collect()
        })
    }

    /// Applies a returned tracker's lines in one transaction: each line's status on the version
    /// it was exported with. Any problem or conflict keeps nothing; so does a dry run. With a
    /// campaign, a line of another campaign's item is a problem.
    pub fn apply_tracker(
        &self,
        who: &Account,
        campaign: Option<i64>,
        sheet: &str,
        lines: &[TrackerLine],
        dry_run: bool,
        today: NaiveDate,
    ) -> TeamResult<TeamTrackerReport> {
        self.scoped_all_or_nothing(who, |tx, scope| {
            let mut report = TeamTrackerReport { written: false, applied: 0, unchanged: 0, problems: Vec::new(), conflicts: Vec::new() };
            let mut problem = |row: u64, column: &str, zh: String, en: String| {
                report.problems.push(TrackerRowProblem {
                    sheet: sheet.to_string(),
                    row,
                    column: column.to_string(),
                    message_zh: zh,
                    message_en: en,
                });
            };
            let mut changes = Vec::new();
            for line in lines {
                let current = match read_item_of(tx, scope, line.id, campaign, today, true) {
                    Ok(item) => item,
                    Err(TeamError::Core(crate::Error::NotFound { .. })) => {
                        problem(
                            line.row,
                            &line.id_column,
                            format!("事项 {} 不在这个活动中，或不在你的范围内", line.id),
                            format!("item {} is not in this campaign or not in your reach", line.id),
                        );
                        continue;
                    }
                    Err(e) => return Err(e),
                };
                let change = match StatusChange::new(line.status, line.done_on, &line.blocked_reason, today) {
                    Ok(c) => c,
                    Err(e) => {
                        problem(line.row, &line.status_column, e.message_zh(), e.message_en());
                        continue;
                    }
                };
                let same =
                    current.status == change.status && current.done_on == change.done_on && current.blocked_reason == change.blocked_reason;
                if same {
                    report.unchanged += 1;
                } else if current.version != line.version {
                    report.conflicts.push(TrackerConflict { row: line.row, current });
                } else {
                    changes.push((current, change));
                }
            }
            if !report.problems.is_empty() || !report.conflicts.is_empty() {
                return Ok((report, false));
            }
            for (before, change) in &changes {
                tx.execute(
                    "UPDATE plan_items SET status = $2, done_on = $3, blocked_reason = $4, version = version + 1 WHERE id = $1",
                    &[&before.id, &change.status.code(), &change.done_on, &change.blocked_reason],
                )?;
                let after = read_item(tx, scope, before.id, today, false)?;
                record(tx, who, "plan_item.status", "plan_item", before.id, Some(json(before)?), Some(json(&after)?))?;
                report.applied += 1;
            }
            report.written = !dry_run;
            Ok((report, !dry_run))
        })
    }
}
