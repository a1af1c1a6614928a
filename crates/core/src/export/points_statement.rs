//! A member's points statement (积分对账单) as a workbook: who the member is, then every entry
//! of the ledger oldest first with what it was worked from and the running balance. The file
//! appears whole or not at all.

use std::path::Path;

use rust_xlsxwriter::{Workbook, Worksheet};

use super::file_name::{save_whole, with_xlsx_extension};
use super::layout::{self, Formats};
use crate::domain::ids::CampaignId;
use crate::domain::point_ledger::kind_label;
use crate::domain::tracker::{Column, Label, Lang};
use crate::error::Result;
use crate::store::points::Statement;
use crate::store::Store;

const COLUMNS: [Column; 5] = [
    Column { label: Label::new("账期", "Period"), width: 10.0 },
    Column { label: Label::new("类别", "Kind"), width: 14.0 },
    Column { label: Label::new("积分", "Points"), width: 10.0 },
    Column { label: Label::new("依据", "Worked from"), width: 60.0 },
    Column { label: Label::new("余额", "Balance"), width: 12.0 },
];

/// Writes `member`'s statement in `campaign` to `path` (.xlsx added when missing); returns it.
pub fn write_statement(store: &Store, campaign: CampaignId, member: i64, path: &Path, lang: Lang) -> Result<Statement> {
    let statement = store.points().statement(campaign, member)?;
    let path = with_xlsx_extension(path);
    let f = Formats::new();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(lang.pick("积分对账单", "Points statement"))?;
    write_sheet(ws, &statement, lang, &f)?;
    save_whole(&mut book, &path)?;
    Ok(statement)
}

fn write_sheet(ws: &mut Worksheet, s: &Statement, lang: Lang, f: &Formats) -> Result<()> {
    ws.write_string_with_format(0, 0, lang.pick("积分对账单", "Points statement"), &f.title)?;
    let facts: [(&str, &str, String); 6] = [
        ("号码", "Number", s.member.clone()),
        ("姓名", "Name", s.name.clone()),
        ("入网日期", "Joined on", s.joined_on.clone()),
        ("客户编码", "Client code", s.client_code.clone().unwrap_or_default()),
        ("会员级别", "Level", s.level.clone().unwrap_or_default()),
        ("积分余额", "Balance", s.balance.to_string()),
    ];
    for (i, (zh, en, value)) in facts.iter().enumerate() {
        let row = i as u32 + 2;
        ws.write_string_with_format(row, 0, lang.pick(zh, en), &f.total_label)?;
        layout::text(ws, row, 1, value, f)?;
    }
    let head = facts.len() as u32 + 3;
    layout::header(ws, head, &COLUMNS, lang, f)?;
    for (i, e) in s.entries.iter().enumerate() {
        let row = head + 1 + i as u32;
        let (zh, en) = kind_label(&e.kind);
        layout::text(ws, row, 0, &e.period, f)?;
        layout::text(ws, row, 1, lang.pick(zh, en), f)?;
        layout::number(ws, row, 2, e.points as f64)?;
        layout::text(ws, row, 3, lang.pick(&e.reason_zh, &e.reason_en), f)?;
        layout::number(ws, row, 4, e.balance as f64)?;
    }
    if s.entries.is_empty() {
        layout::text(ws, head + 1, 0, lang.pick("暂无积分记录", "No points yet"), f)?;
    }
    Ok(())
}
