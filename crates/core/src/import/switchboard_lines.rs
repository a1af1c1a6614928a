//! New switchboard (总机) lines from a planner's file (号码, 客户编码, 开通日期, optional 名称),
//! read with the client import's tolerance and all-or-nothing rule. A line the campaign already
//! has is updated, never doubled; its client must be one of the campaign's targets.

use std::collections::HashSet;
use std::path::Path;

use serde::Serialize;

use super::cells::{read_rows, Cell, Flow};
use super::header::find_columns;
use super::{values, ImportProblem, MAX_LISTED};
use crate::domain::contact::is_phone;
use crate::domain::ids::CampaignId;
use crate::error::{Error, Result};
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

pub fn import_lines(store: &Store, path: &Path, campaign: CampaignId, dry_run: bool) -> Result<LineImportReport> {
    let file = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    store.campaigns().get(campaign)?;
    let targets: HashSet<i64> = store.campaigns().target_ids(campaign)?.into_iter().map(|c| c.0).collect();
    store.transaction_keep_if(|s| {
        let mut report = LineImportReport {
            file: file.clone(),
            sheet: None,
            header_line: 0,
            rows: 0,
            written_lines: 0,
            problems: Vec::new(),
            more_problems: 0,
            dry_run,
            written: false,
        };
        let mut columns: Option<Vec<(usize, Column, String)>> = None;
        let mut seen: HashSet<String> = HashSet::new();
        let mut failure: Option<Error> = None;
        report.sheet = read_rows(path, &mut |line_no, cells| {
            if cells.iter().all(Cell::is_blank) {
                return Flow::Continue;
            }
            let Some(cols) = &columns else {
                let found = find_columns(&cells, &COLUMNS);
                if [Column::Line, Column::ClientCode, Column::ActivatedOn].iter().all(|c| found.iter().any(|(_, f, _)| f == c)) {
                    report.header_line = line_no;
                    columns = Some(found);
                }
                return Flow::Continue;
            };
            report.rows += 1;
            let get = |c: Column| {
                cols.iter().find(|(_, f, _)| *f == c).map(|(i, _, h)| (cells.get(*i).cloned().unwrap_or(Cell::Empty), h.clone()))
            };
            let mut problems = Vec::new();
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
            for p in problems {
                if report.problems.len() < MAX_LISTED {
                    report.problems.push(p);
                } else {
                    report.more_problems += 1;
                }
            }
            if let (Some(line), Some(client), Some(day), Some(name)) = (line, client, activated_on, name) {
                if let Err(e) = s.care().put_line(campaign, &line, &name, client, day) {
                    failure = Some(e);
                    return Flow::Stop;
                }
                report.written_lines += 1;
            }
            Flow::Continue
        })
        .map_err(|u| Error::Unreadable { file: file.clone(), zh: u.zh, en: u.en })?;
        if let Some(e) = failure {
            return Err(e);
        }
        if report.header_line == 0 {
            return Err(Error::Unreadable {
                file: file.clone(),
                zh: "找不到表头：需要 号码、客户编码、开通日期 三列".into(),
                en: "no header row found: it needs 号码 (line), 客户编码 (client code) and 开通日期 (activated on)".into(),
            });
        }
        let keep = report.problems.is_empty() && report.more_problems == 0 && !dry_run;
        report.written = keep;
        Ok((report, keep))
    })
}
