//! The 一户一案 sheet: one row per plan item, with the status picked from a dropdown, open cells
//! for what a district team fills in, and late and done rows coloured as Excel's day moves on.

use chrono::NaiveDate;
use rust_xlsxwriter::{Color, ConditionalFormatFormula, Format, Worksheet};

use super::layout::{self, Formats};
use crate::domain::plan::{ItemStatus, PlanItem};
use crate::domain::tracker::{Lang, PlanColumn, Scope, Signer, PLAN_COLUMNS};
use crate::error::Result;
use crate::store::Store;

#[derive(Debug, Default)]
pub(crate) struct PlanTally {
    pub items: u64,
    pub done: u64,
    pub late: u64,
}

fn letter(c: PlanColumn) -> String {
    rust_xlsxwriter::utility::column_number_to_name(c.index())
}

pub(crate) fn write(
    ws: &mut Worksheet,
    store: &Store,
    (signer, scope): (&Signer, Scope),
    today: NaiveDate,
    lang: Lang,
    f: &Formats,
) -> Result<PlanTally> {
    let columns: Vec<_> = PLAN_COLUMNS.iter().map(|(_, c)| *c).collect();
    layout::header(ws, 0, &columns, lang, f)?;
    for (c, _) in PLAN_COLUMNS {
        let format = match c {
            PlanColumn::Due | PlanColumn::DoneOn => &f.open_date,
            PlanColumn::WasDue | PlanColumn::WasDoneOn => &f.date,
            c if c.editable() => &f.open_text,
            _ => continue,
        };
        ws.set_column_format(c.index(), format)?;
    }
    let label = |s: ItemStatus| lang.pick(s.label_zh(), s.label_en());
    let mut tally = PlanTally::default();
    let mut row = 1u32;
    store.tracker().each_item(scope.campaign_id, scope.team_id, |item| {
        use PlanColumn as C;
        let key = signer.plan_key(scope, item.id.0, &item.locked_values());
        layout::text(ws, row, C::Key.index(), &key, f)?;
        layout::text(ws, row, C::ClientCode.index(), &item.client_code, f)?;
        layout::text(ws, row, C::Client.index(), &item.client, f)?;
        layout::text(ws, row, C::Team.index(), item.team.as_deref().unwrap_or(""), f)?;
        layout::text(ws, row, C::Item.index(), &item.title, f)?;
        layout::text(ws, row, C::Owner.index(), item.owner.as_deref().unwrap_or(""), f)?;
        layout::day(ws, row, C::Due.index(), Some(item.due))?;
        layout::open_text(ws, row, C::Status.index(), label(item.status), f)?;
        layout::day(ws, row, C::DoneOn.index(), item.done_on)?;
        layout::open_text(ws, row, C::Reason.index(), &item.reason, f)?;
        layout::open_text(ws, row, C::Note.index(), &item.note, f)?;
        layout::day(ws, row, C::WasDue.index(), Some(item.due))?;
        layout::text(ws, row, C::WasStatus.index(), item.status.code(), f)?;
        layout::day(ws, row, C::WasDoneOn.index(), item.done_on)?;
        layout::text(ws, row, C::WasReason.index(), &item.reason, f)?;
        layout::text(ws, row, C::WasNote.index(), &item.note, f)?;
        tally.items += 1;
        tally.done += u64::from(item.status == ItemStatus::Done);
        tally.late += u64::from(PlanItem::is_late(item.status, item.due, today));
        row += 1;
        Ok(())
    })?;
    let last = (row - 1).max(1);
    let last_col = PLAN_COLUMNS.len() as u16 - 1;
    for (c, _) in PLAN_COLUMNS.iter().filter(|(c, _)| c.hidden()) {
        ws.set_column_hidden(c.index())?;
    }
    let statuses: Vec<&str> = ItemStatus::ALL.iter().map(|s| label(*s)).collect();
    layout::status_list(ws, last, PlanColumn::Status.index(), &statuses, lang)?;

    let (status, due) = (letter(PlanColumn::Status), letter(PlanColumn::Due));
    let done = label(ItemStatus::Done);
    let late = ConditionalFormatFormula::new()
        .set_rule(format!("=AND(${status}2<>\"{done}\",${due}2<>\"\",${due}2<TODAY())").as_str())
        .set_format(Format::new().set_font_color(Color::RGB(0x9C0006)).set_background_color(Color::RGB(0xFFC7CE)));
    let finished = ConditionalFormatFormula::new()
        .set_rule(format!("=${status}2=\"{done}\"").as_str())
        .set_format(Format::new().set_font_color(Color::RGB(0x006100)).set_background_color(Color::RGB(0xC6EFCE)));
    let visible_last = PlanColumn::Note.index();
    ws.add_conditional_format(1, 1, last, visible_last, &late)?;
    ws.add_conditional_format(1, 1, last, visible_last, &finished)?;
    layout::finish(ws, 0, row - 1, last_col, true)?;
    layout::protect(ws);
    Ok(tally)
}
