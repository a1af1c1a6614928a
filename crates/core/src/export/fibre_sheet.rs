//! The 光纤准备 sheet (strategy 4): the high-risk targets without fibre to the premises, each with
//! where its preparation stands. The team returns the status (picked from a list), its days and,
//! for 无法覆盖, the reason; hidden, what those were when exported.

use rust_xlsxwriter::Worksheet;

use super::layout::{self, Formats};
use crate::domain::fibre::FibreStatus;
use crate::domain::tracker::{FibreColumn, KeyKind, Lang, Scope, Signer, FIBRE_COLUMNS};
use crate::error::Result;
use crate::store::Store;

pub(crate) fn write(ws: &mut Worksheet, store: &Store, (signer, scope): (&Signer, Scope), lang: Lang, f: &Formats) -> Result<u64> {
    use FibreColumn as C;
    let columns: Vec<_> = FIBRE_COLUMNS.iter().map(|(_, c)| *c).collect();
    layout::header(ws, 0, &columns, lang, f)?;
    for (c, _) in FIBRE_COLUMNS {
        let format = match c {
            c if c.editable() && c.is_date() => &f.open_date,
            c if c.editable() => &f.open_text,
            c if c.is_date() => &f.date,
            _ => continue,
        };
        ws.set_column_format(c.index(), format)?;
    }
    let label = |s: FibreStatus| lang.pick(s.label_zh(), s.label_en());
    let mut row = 0u32;
    store.fibre().each(scope.campaign_id, scope.team_id, &mut |r| {
        row += 1;
        layout::text(ws, row, C::Key.index(), &signer.row_key(scope, KeyKind::Fibre, r.client_id.0), f)?;
        layout::text(ws, row, C::ClientCode.index(), &r.code, f)?;
        layout::text(ws, row, C::Client.index(), &r.name, f)?;
        layout::text(ws, row, C::Team.index(), &r.team_name, f)?;
        layout::text(ws, row, C::Owner.index(), &r.account_manager, f)?;
        layout::open_text(ws, row, C::Status.index(), label(r.status), f)?;
        layout::text(ws, row, C::WasStatus.index(), r.status.code(), f)?;
        for (open, was, day) in [
            (C::SurveyedOn, C::WasSurveyedOn, r.surveyed_on),
            (C::ScheduledOn, C::WasScheduledOn, r.scheduled_on),
            (C::DoneOn, C::WasDoneOn, r.done_on),
        ] {
            layout::day(ws, row, open.index(), day)?;
            layout::day(ws, row, was.index(), day)?;
        }
        layout::open_text(ws, row, C::Reason.index(), &r.reason, f)?;
        layout::text(ws, row, C::WasReason.index(), &r.reason, f)?;
        Ok(())
    })?;
    let listed = u64::from(row);
    if row == 0 {
        row = 1;
        layout::text(ws, row, C::ClientCode.index(), lang.pick("没有缺光纤的高风险目标客户", "No high-risk targets lack fibre"), f)?;
    } else {
        let statuses: Vec<&str> = FibreStatus::ALL.iter().map(|s| label(*s)).collect();
        layout::status_list(ws, row, C::Status.index(), &statuses, lang)?;
    }
    for (c, _) in FIBRE_COLUMNS.iter().filter(|(c, _)| c.hidden()) {
        ws.set_column_hidden(c.index())?;
    }
    layout::finish(ws, 0, row, FIBRE_COLUMNS.len() as u16 - 1, true)?;
    layout::protect(ws);
    Ok(listed)
}
