//! The 预警 sheet: the campaign's (or one team's) broadband warnings, oldest first, so district
//! teams see which fibre users to call first.

use chrono::NaiveDate;
use rust_xlsxwriter::Worksheet;

use super::layout::{self, Formats};
use crate::domain::ids::{CampaignId, TeamId};
use crate::domain::tracker::{Lang, WARNING_COLUMNS};
use crate::domain::warning::WarningFilter;
use crate::error::Result;
use crate::store::Store;

pub(crate) fn write(
    ws: &mut Worksheet,
    store: &Store,
    (campaign_id, team_id): (CampaignId, Option<TeamId>),
    today: NaiveDate,
    lang: Lang,
    f: &Formats,
) -> Result<u64> {
    layout::header(ws, 0, &WARNING_COLUMNS, lang, f)?;
    ws.set_column_format(0, &f.date)?.set_column_format(9, &f.whole)?;
    let warnings = store.warnings().list(campaign_id, &WarningFilter { team_id, ..Default::default() }, today)?;
    for (i, w) in warnings.iter().enumerate() {
        let row = i as u32 + 1;
        layout::day(ws, row, 0, Some(w.raised_on))?;
        layout::text(ws, row, 1, &w.contract, f)?;
        layout::text(ws, row, 2, &w.client_code, f)?;
        layout::text(ws, row, 3, &w.client, f)?;
        layout::text(ws, row, 4, w.team.as_deref().unwrap_or(""), f)?;
        layout::text(ws, row, 5, w.owner.as_deref().unwrap_or(""), f)?;
        layout::text(ws, row, 6, lang.pick(w.reason.label_zh(), w.reason.label_en()), f)?;
        layout::text(ws, row, 7, &w.evidence(lang), f)?;
        layout::text(ws, row, 8, lang.pick(w.status.label_zh(), w.status.code()), f)?;
        layout::number(ws, row, 9, w.age_days as f64)?;
        layout::text(ws, row, 10, &w.note, f)?;
    }
    if warnings.is_empty() {
        layout::text(ws, 1, 0, lang.pick("暂无预警", "No warnings"), f)?;
    }
    layout::finish(ws, 0, warnings.len().max(1) as u32, WARNING_COLUMNS.len() as u16 - 1, false)?;
    Ok(warnings.len() as u64)
}
