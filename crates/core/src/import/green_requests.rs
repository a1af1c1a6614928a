//! Green-channel requests from a planner's file (客户编码, 类型, 受理时间, 描述), read with the
//! client import's tolerance and all-or-nothing rule: each row passes the form's checks, every
//! problem is reported with its line and column, and nothing is written unless all rows pass.

use std::path::Path;

use chrono::NaiveDateTime;
use serde::Serialize;

use super::cells::Cell;
use super::table::{cell, import_table};
use super::{values, ImportProblem};
use crate::domain::green_channel::{RequestInput, RequestKind};
use crate::domain::ids::CampaignId;
use crate::domain::plan::By;
use crate::error::{Error, Result};
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    ClientCode,
    Kind,
    ReceivedAt,
    Description,
}

const COLUMNS: [(Column, &[&str]); 4] = [
    (Column::ClientCode, &["客户编码", "client_code", "client code"]),
    (Column::Kind, &["类型", "请求类型", "type", "kind"]),
    (Column::ReceivedAt, &["受理时间", "报障时间", "received", "received at", "received_at"]),
    (Column::Description, &["描述", "问题描述", "内容", "description"]),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct RequestImportReport {
    pub file: String,
    pub sheet: Option<String>,
    pub header_line: u64,
    pub rows: u64,
    pub added: u64,
    pub problems: Vec<ImportProblem>,
    /// Problems beyond those listed.
    pub more_problems: u64,
    pub dry_run: bool,
    pub written: bool,
}

/// Reads requests for `campaign` and adds them all, or none if any row has a problem.
pub fn import_requests(store: &Store, path: &Path, campaign: CampaignId, dry_run: bool, by: &By) -> Result<RequestImportReport> {
    store.campaigns().get(campaign)?;
    let no_header = (
        "找不到表头：需要 客户编码、类型、受理时间、描述 四列",
        "no header row found: it needs 客户编码 (client code), 类型 (type), 受理时间 (received) and 描述 (description)",
    );
    let required = [Column::ClientCode, Column::Kind, Column::ReceivedAt, Column::Description];
    let table = import_table(store, path, (&COLUMNS, &required), no_header, dry_run, &mut |s, line, cells, cols, problems| {
        let Some((client, input)) = read_row(s, line, cells, cols, by.at, problems) else { return Ok(false) };
        match s.green_channel().add(campaign, client, &input, by.at, by) {
            Ok(_) => Ok(true),
            Err(Error::Validation(fields)) => {
                for f in fields {
                    let (value, header) = cell_of(cells, cols, &f.field);
                    problems.push(ImportProblem { line, column: header, value, message_zh: f.problem.zh(), message_en: f.problem.en() });
                }
                Ok(false)
            }
            Err(e) => Err(e),
        }
    })?;
    Ok(RequestImportReport {
        file: table.file,
        sheet: table.sheet,
        header_line: table.header_line,
        rows: table.rows,
        added: table.written_rows,
        problems: table.problems,
        more_problems: table.more_problems,
        dry_run,
        written: table.written,
    })
}

/// The cell and header of the column that holds a form field.
fn cell_of(cells: &[Cell], cols: &[(usize, Column, String)], field: &str) -> (String, String) {
    let column = match field {
        "client" => Column::ClientCode,
        "kind" => Column::Kind,
        "received_at" => Column::ReceivedAt,
        _ => Column::Description,
    };
    cols.iter()
        .find(|(_, c, _)| *c == column)
        .map(|(i, _, h)| (cells.get(*i).map(values::text).unwrap_or_default(), h.clone()))
        .unwrap_or_else(|| (String::new(), field.to_string()))
}

fn read_row(
    store: &Store,
    line: u64,
    cells: &[Cell],
    cols: &[(usize, Column, String)],
    now: NaiveDateTime,
    problems: &mut Vec<ImportProblem>,
) -> Option<(crate::domain::ids::ClientId, RequestInput)> {
    let get = |c: Column| cell(cells, cols, c);
    let mut problem = |header: &str, cell: &Cell, zh: String, en: String| {
        problems.push(ImportProblem { line, column: header.into(), value: values::text(cell), message_zh: zh, message_en: en });
    };
    let required = ("不能为空".to_string(), "is required".to_string());
    let (code_cell, code_header) = get(Column::ClientCode)?;
    let client = match values::client_code(&code_cell) {
        Ok(code) if code.is_empty() => {
            problem(&code_header, &code_cell, required.0.clone(), required.1.clone());
            None
        }
        Ok(code) => match store.clients().id_by_code(&code) {
            Ok(Some(id)) => Some(id),
            _ => {
                problem(&code_header, &code_cell, "找不到此客户编码".into(), "no such client code".into());
                None
            }
        },
        Err((zh, en)) => {
            problem(&code_header, &code_cell, zh.into_owned(), en.into_owned());
            None
        }
    };
    let (kind_cell, kind_header) = get(Column::Kind)?;
    let kind = match values::line_text(&kind_cell) {
        Ok(text) => {
            let kind = RequestKind::parse(&text);
            if kind.is_none() {
                let allowed = RequestKind::ALL.iter().map(|k| k.label_zh()).collect::<Vec<_>>().join("、");
                problem(
                    &kind_header,
                    &kind_cell,
                    format!("不是请求类型（可用：{allowed}）"),
                    format!("is not a request type ({})", RequestKind::codes()),
                );
            }
            kind
        }
        Err((zh, en)) => {
            problem(&kind_header, &kind_cell, zh.into_owned(), en.into_owned());
            None
        }
    };
    let (at_cell, at_header) = get(Column::ReceivedAt)?;
    let received_at = match values::date_time(&at_cell) {
        Ok(Some(at)) => Some(at),
        Ok(None) => {
            problem(&at_header, &at_cell, required.0.clone(), required.1.clone());
            None
        }
        Err((zh, en)) => {
            problem(&at_header, &at_cell, zh.into_owned(), en.into_owned());
            None
        }
    };
    let (text_cell, text_header) = get(Column::Description)?;
    let description = match values::note_text(&text_cell) {
        Ok(text) => Some(text),
        Err((zh, en)) => {
            problem(&text_header, &text_cell, zh.into_owned(), en.into_owned());
            None
        }
    };
    let input = RequestInput { kind: kind?, received_at: received_at?, description: description? };
    match input.validate(now) {
        Ok(input) => Some((client?, input)),
        Err(Error::Validation(fields)) => {
            for f in fields {
                let (value, header) = cell_of(cells, cols, &f.field);
                problems.push(ImportProblem { line, column: header, value, message_zh: f.problem.zh(), message_en: f.problem.en() });
            }
            None
        }
        Err(_) => None,
    }
}
