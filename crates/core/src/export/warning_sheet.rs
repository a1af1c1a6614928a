//! The 预警 sheet: the campaign's (or one team's) broadband warnings, oldest first, so district
//! teams see which fibre users to call first. The account manager returns each warning's status
//! (picked from a list) and note through it; every other cell is locked.

use chrono::NaiveDate;
use rust_xlsxwriter::Worksheet;

use super::layout::{self, Formats};
use crate::domain::tracker::{KeyKind, Lang, Scope, Signer, WarningColumn, WARNING_COLUMNS};
use crate::domain::warning::{WarningFilter, WarningStatus};
use crate::error::Result;
use crate::store::Store;

pub(crate) fn write(
    ws: &mut Worksheet,
    store: &Store,
    (signer, scope): (&Signer, Scope),
    today: NaiveDate,
    lang: Lang,
    f: &Formats,
) -> Result<u64> {
    use WarningColumn as C;
    let columns: Vec<_> = WARNING_COLUMNS.iter().map(|(_, c)| *c).collect();
    layout::header(ws, 0, &columns, lang, f)?;
    ws.set_column_format(C::Raised.index(), &f.date)?.set_column_format(C::Days.index(), &f.whole)?;
    ws.set_column_format(C::Status.index(), &f.open_text)?.set_column_format(C::Note.index(), &f.open_text)?;
    let label = |s: WarningStatus| lang.pick(s.label_zh(), s.label_en());
    let warnings = store.warnings().list(scope.campaign_id, &WarningFilter { team_id: scope.team_id, ..Default::default() }, today)?;
    for (i, w) in warnings.iter().enumerate() {
        let row = i as u32 + 1;
        layout::text(ws, row, C::Key.index(), &signer.row_key(scope, KeyKind::Warning, w.id.0), f)?;
        layout::day(ws, row, C::Raised.index(), Some(w.raised_on))?;
        layout::text(ws, row, C::Contract.index(), &w.contract, f)?;
        layout::text(ws, row, C::ClientCode.index(), &w.client_code, f)?;
        layout::text(ws, row, C::Client.index(), &w.client, f)?;
        layout::text(ws, row, C::Team.index(), w.team.as_deref().unwrap_or(""), f)?;
        layout::text(ws, row, C::Owner.index(), w.owner.as_deref().unwrap_or(""), f)?;
        layout::text(ws, row, C::Reason.index(), lang.pick(w.reason.label_zh(), w.reason.label_en()), f)?;
        layout::text(ws, row, C::Change.index(), &w.evidence(lang), f)?;
        layout::open_text(ws, row, C::Status.index(), label(w.status), f)?;
        layout::number(ws, row, C::Days.index(), w.age_days as f64)?;
        layout::open_text(ws, row, C::Note.index(), &w.note, f)?;
        layout::text(ws, row, C::WasStatus.index(), w.status.code(), f)?;
        layout::text(ws, row, C::WasNote.index(), &w.note, f)?;
    }
    if warnings.is_empty() {
        layout::text(ws, 1, C::Raised.index(), lang.pick("暂无预警", "No warnings"), f)?;
    }
    let last = (warnings.len() as u32).max(1);
    for (c, _) in WARNING_COLUMNS.iter().filter(|(c, _)| c.hidden()) {
        ws.set_column_hidden(c.index())?;
    }
    if !warnings.is_empty() {
        let statuses: Vec<&str> = WarningStatus::ALL.iter().map(|s| label(*s)).collect();
        layout::status_list(ws, last, C::Status.index(), &statuses, lang)?;
    }
    layout::finish(ws, 0, last, WARNING_COLUMNS.len() as u16 - 1, true)?;
    layout::protect(ws);
    Ok(warnings.len() as u64)
}
