//! The client list as the planner filtered it (客户清单), every matching row and not just the
//! page on screen, in the list's order. The file appears whole or not at all.

use std::path::Path;

use rust_xlsxwriter::Workbook;

use super::file_name::{save_whole, with_xlsx_extension};
use super::layout::{self, Formats};
use crate::domain::tracker::{Column, Label, Lang};
use crate::domain::ClientQuery;
use crate::error::{Error, Result};
use crate::store::Store;

const COLUMNS: [Column; 10] = [
    Column { label: Label::new("客户编码", "Client code"), width: 14.0 },
    Column { label: Label::new("客户名称", "Client name"), width: 36.0 },
    Column { label: Label::new("客户类别", "Category"), width: 16.0 },
    Column { label: Label::new("客户等级", "Tier"), width: 9.0 },
    Column { label: Label::new("行业", "Industry"), width: 12.0 },
    Column { label: Label::new("区县", "District"), width: 10.0 },
    Column { label: Label::new("团队", "Team"), width: 18.0 },
    Column { label: Label::new("客户经理", "Account manager"), width: 12.0 },
    Column { label: Label::new("月费合计（元）", "Monthly fees (CNY)"), width: 16.0 },
    Column { label: Label::new("竞争风险", "Competition risk"), width: 36.0 },
];

/// Writes every client `query` matches to `path` (.xlsx added when missing). `progress` hears
/// the rows written so far and may stop the export by answering false; returns the rows written.
pub fn write_client_list(
    store: &Store,
    query: &ClientQuery,
    path: &Path,
    lang: Lang,
    progress: &mut dyn FnMut(u64) -> bool,
) -> Result<u64> {
    let path = with_xlsx_extension(path);
    let f = Formats::new();
    let mut book = Workbook::new();
    let ws = book.add_worksheet_with_constant_memory()?;
    ws.set_name(lang.pick("客户清单", "Clients"))?;
    layout::header(ws, 0, &COLUMNS, lang, &f)?;
    ws.set_column_format(8, &f.money)?;
    let mut written: u64 = 0;
    store.clients().each(query, |c| {
        // Past Excel's last row the writer refuses the cell, and the export fails whole.
        let row = u32::try_from(written + 1).unwrap_or(u32::MAX);
        layout::text(ws, row, 0, &c.code, &f)?;
        layout::text(ws, row, 1, &c.name, &f)?;
        layout::text(ws, row, 2, lang.pick(c.category.label_zh(), c.category.label_en()), &f)?;
        layout::text(ws, row, 3, c.tier.code(), &f)?;
        layout::text(ws, row, 4, &c.industry, &f)?;
        layout::text(ws, row, 5, &c.district, &f)?;
        layout::text(ws, row, 6, c.team.as_deref().unwrap_or(""), &f)?;
        layout::text(ws, row, 7, c.account_manager.as_deref().unwrap_or(""), &f)?;
        layout::yuan(ws, row, 8, c.monthly_fee)?;
        let risks: Vec<&str> = c.risks.iter().map(|r| lang.pick(r.label_zh(), r.label_en())).collect();
        layout::text(ws, row, 9, &risks.join(lang.pick("、", ", ")), &f)?;
        written += 1;
        if written.is_multiple_of(5_000) && !progress(written) {
            return Err(Error::Cancelled);
        }
        Ok(())
    })?;
    // The last word before anything is saved: a stop here still leaves no file.
    if !progress(written) {
        return Err(Error::Cancelled);
    }
    ws.autofilter(0, 0, u32::try_from(written).unwrap_or(u32::MAX), COLUMNS.len() as u16 - 1)?;
    ws.set_freeze_panes(1, 2)?;
    save_whole(&mut book, &path)?;
    Ok(written)
}
