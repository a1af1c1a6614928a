//! A returned team tracker, read with the same guarded reader as every import (bounded memory
//! whatever the file claims): for each line, the item and version it came from and the status
//! the team set. Problems name the sheet, row and column, in both languages.

use std::path::Path;

use chrono::NaiveDate;

use super::cells::{column_letters, read_rows, Cell, Flow, Unreadable};
use crate::domain::plan::ItemStatus;
use crate::domain::team::{TrackerRowProblem, TRACKER_COLUMNS};

/// One line as the team left it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackerLine {
    pub row: u64,
    pub id: i64,
    pub version: i64,
    pub status: ItemStatus,
    pub done_on: Option<NaiveDate>,
    pub blocked_reason: String,
    /// Where the item number and the status sit in this file ("A", "I" as exported; wherever
    /// the team moved them), for problems the server finds to name the right cell.
    pub id_column: String,
    pub status_column: String,
}

/// The columns found in the header row, by their place in [`TRACKER_COLUMNS`].
const ID: usize = 0;
const VERSION: usize = 1;
const STATUS: usize = 8;
const DONE_ON: usize = 9;
const REASON: usize = 10;
const WAS_STATUS: usize = 11;
const WAS_DONE_ON: usize = 12;
const WAS_REASON: usize = 13;

fn text(cell: Option<&Cell>) -> String {
    match cell {
        Some(Cell::Text(s)) => s.trim().to_string(),
        Some(Cell::Number(n)) => format!("{n}"),
        Some(Cell::Date(d)) => d.to_string(),
        _ => String::new(),
    }
}

fn whole(cell: Option<&Cell>) -> Option<i64> {
    match cell {
        Some(Cell::Number(n)) if n.fract() == 0.0 && n.abs() < 9e15 => Some(*n as i64),
        Some(Cell::Text(s)) => s.trim().parse().ok(),
        _ => None,
    }
}

fn date(cell: Option<&Cell>) -> Result<Option<NaiveDate>, ()> {
    match cell {
        None | Some(Cell::Empty) => Ok(None),
        Some(Cell::Date(d)) => Ok(Some(*d)),
        Some(Cell::Text(s)) if s.trim().is_empty() => Ok(None),
        Some(Cell::Text(s)) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map(Some).map_err(|_| ()),
        _ => Err(()),
    }
}

/// The sheet read, its lines, and the problems of the lines that cannot be read.
pub fn read_team_tracker(path: &Path) -> Result<(String, Vec<TrackerLine>, Vec<TrackerRowProblem>), Unreadable> {
    let mut columns: Option<Vec<Option<usize>>> = None;
    let (mut lines, mut problems) = (Vec::new(), Vec::new());
    let mut sheet_name = String::new();
    // Each item once: a second line for it would otherwise conflict with the first.
    let mut seen: std::collections::HashMap<i64, u64> = std::collections::HashMap::new();
    let mut header_missing = false;
    let sheet = read_rows(path, &mut |row, cells| {
        let Some(places) = &columns else {
            let found: Vec<Option<usize>> = TRACKER_COLUMNS
                .iter()
                .map(|(zh, en)| {
                    cells.iter().position(|c| matches!(c, Cell::Text(t) if t.trim() == *zh || t.trim().eq_ignore_ascii_case(en)))
                })
                .collect();
            if found[ID].is_none() || found[VERSION].is_none() || found[STATUS].is_none() {
                header_missing = true;
                return Flow::Stop;
            }
            columns = Some(found);
            return Flow::Continue;
        };
        let at = |i: usize| places[i].and_then(|p| cells.get(p));
        if cells.iter().all(Cell::is_blank) {
            return Flow::Continue;
        }
        let mut problem = |i: usize, zh: String, en: String| {
            let column = places[i].map_or_else(String::new, column_letters);
            problems.push(TrackerRowProblem { sheet: String::new(), row, column, message_zh: zh, message_en: en });
        };
        let (Some(id), Some(version)) = (whole(at(ID)), whole(at(VERSION))) else {
            problem(
                ID,
                "事项编号或版本不是整数：这一行不是从跟踪表导出的".into(),
                "the item number or version is not a whole number: this line did not come from the tracker".into(),
            );
            return Flow::Continue;
        };
        let typed = text(at(STATUS));
        let Some(status) = ItemStatus::from_label(&typed) else {
            let allowed = ItemStatus::ALL.iter().map(|s| s.label_zh()).collect::<Vec<_>>().join("、");
            problem(
                STATUS,
                format!("状态「{typed}」应为：{allowed}"),
                format!("status \"{typed}\" must be one of: not started, in progress, done, blocked"),
            );
            return Flow::Continue;
        };
        let Ok(done_on) = date(at(DONE_ON)) else {
            problem(DONE_ON, "完成日期应写成 2026-10-20 这样的日期".into(), "the done date must be a date such as 2026-10-20".into());
            return Flow::Continue;
        };
        let blocked_reason = text(at(REASON));
        // Left as exported: not a change, whatever happened to the item since.
        let was = (ItemStatus::from_code(&text(at(WAS_STATUS))), date(at(WAS_DONE_ON)).ok().flatten(), text(at(WAS_REASON)));
        if was == (Some(status), done_on, blocked_reason.clone()) {
            return Flow::Continue;
        }
        if let Some(first) = seen.get(&id) {
            problem(
                ID,
                format!("事项 {id} 已在第 {first} 行出现：每个事项只能填一行"),
                format!("item {id} is already on row {first}: give each item one line"),
            );
            return Flow::Continue;
        }
        seen.insert(id, row);
        let letters = |i: usize| places[i].map_or_else(String::new, column_letters);
        lines.push(TrackerLine {
            row,
            id,
            version,
            status,
            done_on,
            blocked_reason,
            id_column: letters(ID),
            status_column: letters(STATUS),
        });
        Flow::Continue
    })?;
    if header_missing || columns.is_none() {
        return Err(Unreadable::new(
            "找不到跟踪表的表头（事项编号、版本、状态）：请交回从服务器导出的跟踪表",
            "the tracker's header (Item no., Version, Status) is missing: send back the tracker exported from the server",
        ));
    }
    if let Some(name) = sheet {
        sheet_name = name;
    }
    for p in &mut problems {
        p.sheet = sheet_name.clone();
    }
    Ok((sheet_name, lines, problems))
}
