//! The 光纤准备 sheet (strategy 4): the high-risk targets without fibre to the premises, each with
//! where its preparation stands. The team returns the status (picked from a list), its days and,
//! for 无法覆盖, the reason; hidden, what those were when exported.

use std::path::Path;

use rust_xlsxwriter::Worksheet;

use super::layout::{self, Formats};
use super::row_stream::RowStream;
use super::splice::SheetRows;
use crate::domain::fibre::FibreStatus;
use crate::domain::tracker::{FibreColumn, KeyKind, Lang, Scope, Signer, FIBRE_COLUMNS};
use crate::error::Result;
use crate::store::Store;

/// Writes the sheet at workbook position `sheet`, its rows streamed to `dir`; returns the targets
/// listed and the rows.
pub(crate) fn write(
    (ws, sheet, dir): (&mut Worksheet, usize, &Path),
    store: &Store,
    (signer, scope): (&Signer, Scope),
    lang: Lang,
    f: &Formats,
) -> Result<(u64, SheetRows)> {
    use FibreColumn as C;
    let columns: Vec<_> = FIBRE_COLUMNS.iter().map(|(_, c)| *c).collect();
    layout::header(ws, 0, &columns, lang, f)?;
    let mut formats = vec![&f.text; columns.len()];
    for (c, _) in FIBRE_COLUMNS {
        formats[usize::from(c.index())] = match c {
            c if c.editable() && c.is_date() => &f.open_date,
            c if c.editable() => &f.open_text,
            c if c.is_date() => &f.date,
            _ => &f.text,
        };
    }
    layout::column_formats(ws, &formats)?;
    let mut out = RowStream::new(dir, &formats, f)?;
    let label = |s: FibreStatus| lang.pick(s.label_zh(), s.label_en());
    let mut row = 0u32;
    store.fibre().each(scope.campaign_id, scope.team_id, &mut |r| {
        row += 1;
        out.start_row(row)?;
        out.text(C::Key.index(), &signer.row_key(scope, KeyKind::Fibre, r.client_id.0))?;
        out.text(C::ClientCode.index(), &r.code)?;
        out.text(C::Client.index(), &r.name)?;
        out.text(C::Team.index(), &r.team_name)?;
        out.text(C::Owner.index(), &r.account_manager)?;
        // A row's cells go in column order: the open fields, then what they were when exported.
        out.text(C::Status.index(), label(r.status))?;
        for (open, day) in [(C::SurveyedOn, r.surveyed_on), (C::ScheduledOn, r.scheduled_on), (C::DoneOn, r.done_on)] {
            out.day(open.index(), day)?;
        }
        out.text(C::Reason.index(), &r.reason)?;
        out.text(C::WasStatus.index(), r.status.code())?;
        for (was, day) in [(C::WasSurveyedOn, r.surveyed_on), (C::WasScheduledOn, r.scheduled_on), (C::WasDoneOn, r.done_on)] {
            out.day(was.index(), day)?;
        }
        out.text(C::WasReason.index(), &r.reason)?;
        Ok(())
    })?;
    let listed = u64::from(row);
    if row == 0 {
        row = 1;
        out.start_row(row)?;
        out.text(C::ClientCode.index(), lang.pick("没有缺光纤的高风险目标客户", "No high-risk targets lack fibre"))?;
    } else {
        let statuses: Vec<&str> = FibreStatus::ALL.iter().map(|s| label(*s)).collect();
        layout::status_list(ws, row, C::Status.index(), &statuses, lang)?;
    }
    for (c, _) in FIBRE_COLUMNS.iter().filter(|(c, _)| c.hidden()) {
        ws.set_column_hidden(c.index())?;
    }
    layout::finish(ws, 0, row, FIBRE_COLUMNS.len() as u16 - 1, true)?;
    layout::protect(ws);
    Ok((listed, out.finish(sheet)?))
}
