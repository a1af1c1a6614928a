//! New switchboard (总机) lines from a planner's file (号码, 客户编码, 开通日期, optional 名称),
//! read with the client import's tolerance and all-or-nothing rule. A line the campaign already
//! has is updated, never doubled; its client must be one of the campaign's targets.

use std::collections::HashSet;
use std::path::Path;

use serde::Serialize;

use super::cells::Cell;
use super::table::{cell, import_table};
use super::{values, ImportProblem};
use crate::domain::contact::is_phone;
use crate::domain::ids::CampaignId;
use crate::error::Result;
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Line,
    ClientCode,
    ActivatedOn,
    Name,
}

const COLUMNS: [(Column, &[&str]); 4] = [
    (Column::Line, &["号码", "总机号码", "line", "number"]),
    (Column::ClientCode, &["客户编码", "client_code", "client code"]),
    (Column::ActivatedOn, &["开通日期", "入网日期", "activated", "activated on", "activated_on"]),
    (Column::Name, &["名称", "线路名称", "name"]),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct LineImportReport {
    pub file: String,
    pub sheet: Option<String>,
    pub header_line: u64,
    pub rows: u64,
    pub written_lines: u64,
    pub problems: Vec<ImportProblem>,
    pub more_problems: u64,
    pub dry_run: bool,
    pub written: bool,
}

/// Reads lines for `campaign` and writes them all, or none if any row has a problem.
pub fn import_lines(store: &Store, path: &Path, campaign: CampaignId, dry_run: bool) -> Result<LineImportReport> {
    store.campaigns().get(campaign)?;
    let targets: HashSet<i64> = store.campaigns().target_ids(campaign)?.into_iter().map(|c| c.0).collect();
    let mut seen: HashSet<String> = HashSet::new();
    let no_header = (
        "找不到表头：需要 号码、客户编码、开通日期 三列",
        "no header row found: it needs 号码 (line), 客户编码 (client code) and 开通日期 (activated on)",
    );
    let required = [Column::Line, Column::ClientCode, Column::ActivatedOn];
    let table = import_table(store, path, (&COLUMNS, &required), no_header, dry_run, &mut |s, line_no, cells, cols, problems| {
        let get = |c: Column| cell(cells, cols, c);
        let mut problem = |(cell, header): &(Cell, String), zh: String, en: String| {
            problems.push(ImportProblem {
                line: line_no,
                column: header.clone(),
                value: values::text(cell),
                message_zh: zh,
                message_en: en,
            });
        };
        let line_cell = get(Column::Line).unwrap_or((Cell::Empty, String::new()));
        let line = match values::client_code(&line_cell.0) {
            Ok(text) if text.is_empty() => {
                problem(&line_cell, "不能为空".into(), "is required".into());
                None
            }
            Ok(text) if !is_phone(&text) || text.chars().count() > 30 => {
                problem(&line_cell, "不是电话号码".into(), "is not a phone number".into());
                None
            }
            Ok(text) if !seen.insert(text.clone()) => {
                problem(&line_cell, "号码在本文件中重复".into(), "appears twice in this file".into());
                None
            }
            Ok(text) => Some(text),
            Err((zh, en)) => {
                problem(&line_cell, zh.into_owned(), en.into_owned());
                None
            }
        };
        let code_cell = get(Column::ClientCode).unwrap_or((Cell::Empty, String::new()));
        let client = match values::client_code(&code_cell.0) {
            Ok(code) => match s.clients().id_by_code(&code) {
                Ok(Some(id)) if targets.contains(&id.0) => Some(id),
                Ok(Some(_)) => {
                    problem(&code_cell, "不是本活动的目标客户".into(), "is not a target of this campaign".into());
                    None
                }
                _ => {
                    problem(&code_cell, "找不到此客户编码".into(), "no such client code".into());
                    None
                }
            },
            Err((zh, en)) => {
                problem(&code_cell, zh.into_owned(), en.into_owned());
                None
            }
        };
        let day_cell = get(Column::ActivatedOn).unwrap_or((Cell::Empty, String::new()));
        let activated_on = match values::date(&day_cell.0) {
            Ok(Some(d)) => Some(d),
            Ok(None) => {
                problem(&day_cell, "不能为空".into(), "is required".into());
                None
            }
            Err((zh, en)) => {
                problem(&day_cell, zh.into_owned(), en.into_owned());
                None
            }
        };
        let name = match get(Column::Name).map(|c| (values::line_text(&c.0), c)) {
            Some((Ok(text), _)) => Some(text),
            None => Some(String::new()),
            Some((Err((zh, en)), c)) => {
                problem(&c, zh.into_owned(), en.into_owned());
                None
            }
        };
        let (Some(line), Some(client), Some(day), Some(name)) = (line, client, activated_on, name) else { return Ok(false) };
        s.care().put_line(campaign, &line, &name, client, day)?;
        Ok(true)
    })?;
    Ok(LineImportReport {
        file: table.file,
        sheet: table.sheet,
        header_line: table.header_line,
        rows: table.rows,
        written_lines: table.written_rows,
        problems: table.problems,
        more_problems: table.more_problems,
        dry_run,
        written: table.written,
    })
}
