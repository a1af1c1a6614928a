//! The 待走访 sheet: every visit due by the export day (overdue first), from the tier's schedule
//! or asked for on demand. An account manager records a visit by filling in the day, who met
//! whom, the needs and competitors heard of, and the next steps; every other cell is locked.

use std::path::Path;

use chrono::NaiveDate;
use rust_xlsxwriter::Worksheet;

use super::layout::{self, Formats};
use super::row_stream::{Num, RowStream};
use super::splice::SheetRows;
use crate::domain::tracker::{Lang, Scope, Signer, VisitColumn, VISIT_COLUMNS};
use crate::error::Result;
use crate::store::Store;

/// Rows a worksheet holds below its header.
const MAX_ROWS: u32 = 1_048_575;

/// Writes the sheet at workbook position `sheet`, its rows streamed to `dir`; returns the visits
/// due and the rows.
pub(crate) fn write(
    (ws, sheet, dir): (&mut Worksheet, usize, &Path),
    store: &Store,
    (signer, scope): (&Signer, Scope),
    today: NaiveDate,
    lang: Lang,
    f: &Formats,
) -> Result<(u64, SheetRows)> {
    use VisitColumn as C;
    let columns: Vec<_> = VISIT_COLUMNS.iter().map(|(_, c)| *c).collect();
    layout::header(ws, 0, &columns, lang, f)?;
    let mut formats = vec![&f.text; columns.len()];
    formats[usize::from(C::Due.index())] = &f.date;
    formats[usize::from(C::LastVisit.index())] = &f.date;
    formats[usize::from(C::DaysOverdue.index())] = &f.whole;
    formats[usize::from(C::VisitedOn.index())] = &f.open_date;
    for c in [C::Met, C::Needs, C::Competitors, C::NextSteps] {
        formats[usize::from(c.index())] = &f.open_text;
    }
    layout::column_formats(ws, &formats)?;
    let mut out = RowStream::new(dir, &formats, f)?;
    let scheduled = lang.pick("按等级计划", "Tier schedule");
    let (mut row, mut left_out) = (0u32, 0u64);
    store.visits().each_due(scope.campaign_id, today, scope.team_id, &mut |v| {
        if row == MAX_ROWS - 1 {
            left_out += 1;
            return Ok(());
        }
        row += 1;
        out.start_row(row)?;
        out.text(C::Key.index(), &signer.visit_key(scope, v.client_id.0, v.due))?;
        out.text(C::ClientCode.index(), &v.client_code)?;
        out.text(C::Client.index(), &v.client)?;
        out.text(C::Tier.index(), &v.tier)?;
        out.text(C::Team.index(), &v.team_name)?;
        out.text(C::Owner.index(), &v.owner)?;
        out.text(C::VipManager.index(), &v.vip_manager)?;
        out.day(C::Due.index(), Some(v.due))?;
        if v.overdue {
            out.number(C::DaysOverdue.index(), Num::Whole(v.days_overdue))?;
        }
        out.text(C::Why.index(), if v.request_id.is_some() { &v.reason } else { scheduled })?;
        out.day(C::LastVisit.index(), v.last_visit)?;
        Ok(())
    })?;
    let listed = u64::from(row);
    if row == 0 {
        row = 1;
        out.start_row(row)?;
        out.text(C::ClientCode.index(), lang.pick("暂无待走访客户", "No visits due"))?;
    } else if left_out > 0 {
        // The sheet is full: the rest are in the per-team trackers.
        row += 1;
        let note = format!(
            "{} {left_out} {}",
            lang.pick("另有", "A further"),
            lang.pick("次走访未列出，请按团队导出", "visits are not listed; export per team")
        );
        out.start_row(row)?;
        out.text(C::Client.index(), &note)?;
    }
    ws.set_column_hidden(C::Key.index())?;
    layout::finish(ws, 0, row, VISIT_COLUMNS.len() as u16 - 1, true)?;
    layout::protect(ws);
    Ok((listed + left_out, out.finish(sheet)?))
}
