//! The 待走访 sheet: every visit due by the export day (overdue first), from the tier's schedule
//! or asked for on demand. An account manager records a visit by filling in the day, who met
//! whom, the needs and competitors heard of, and the next steps; every other cell is locked.

use chrono::NaiveDate;
use rust_xlsxwriter::Worksheet;

use super::layout::{self, Formats};
use crate::domain::tracker::{Lang, Scope, Signer, VisitColumn, VISIT_COLUMNS};
use crate::error::Result;
use crate::store::Store;

/// Rows a worksheet holds below its header.
const MAX_ROWS: u32 = 1_048_575;

pub(crate) fn write(
    ws: &mut Worksheet,
    store: &Store,
    (signer, scope): (&Signer, Scope),
    today: NaiveDate,
    lang: Lang,
    f: &Formats,
) -> Result<u64> {
    use VisitColumn as C;
    let columns: Vec<_> = VISIT_COLUMNS.iter().map(|(_, c)| *c).collect();
    layout::header(ws, 0, &columns, lang, f)?;
    ws.set_column_format(C::Due.index(), &f.date)?
        .set_column_format(C::LastVisit.index(), &f.date)?
        .set_column_format(C::DaysOverdue.index(), &f.whole)?
        .set_column_format(C::VisitedOn.index(), &f.open_date)?;
    for c in [C::Met, C::Needs, C::Competitors, C::NextSteps] {
        ws.set_column_format(c.index(), &f.open_text)?;
    }
    let scheduled = lang.pick("按等级计划", "Tier schedule");
    let (mut row, mut left_out) = (0u32, 0u64);
    store.visits().each_due(scope.campaign_id, today, scope.team_id, &mut |v| {
        if row == MAX_ROWS - 1 {
            left_out += 1;
            return Ok(());
        }
        row += 1;
        layout::text(ws, row, C::Key.index(), &signer.visit_key(scope, v.client_id.0, v.due), f)?;
        layout::text(ws, row, C::ClientCode.index(), &v.client_code, f)?;
        layout::text(ws, row, C::Client.index(), &v.client, f)?;
        layout::text(ws, row, C::Tier.index(), &v.tier, f)?;
        layout::text(ws, row, C::Team.index(), &v.team_name, f)?;
        layout::text(ws, row, C::Owner.index(), &v.owner, f)?;
        layout::text(ws, row, C::VipManager.index(), &v.vip_manager, f)?;
        layout::day(ws, row, C::Due.index(), Some(v.due))?;
        if v.overdue {
            layout::number(ws, row, C::DaysOverdue.index(), v.days_overdue as f64)?;
        }
        layout::text(ws, row, C::Why.index(), if v.request_id.is_some() { &v.reason } else { scheduled }, f)?;
        layout::day(ws, row, C::LastVisit.index(), v.last_visit)?;
        Ok(())
    })?;
    let listed = u64::from(row);
    if row == 0 {
        row = 1;
        layout::text(ws, row, C::ClientCode.index(), lang.pick("暂无待走访客户", "No visits due"), f)?;
    } else if left_out > 0 {
        // The sheet is full: the rest are in the per-team trackers.
        row += 1;
        let note = format!(
            "{} {left_out} {}",
            lang.pick("另有", "A further"),
            lang.pick("次走访未列出，请按团队导出", "visits are not listed; export per team")
        );
        layout::text(ws, row, C::Client.index(), &note, f)?;
    }
    ws.set_column_hidden(C::Key.index())?;
    layout::finish(ws, 0, row, VISIT_COLUMNS.len() as u16 - 1, true)?;
    layout::protect(ws);
    Ok(listed + left_out)
}
