//! Billing snapshots (账期, 合同号, 在网, 当前资费) for the broadband early warning, read with the
//! same tolerance and the same all-or-nothing rule as the client import.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::cells::{read_rows, Cell, Flow};
use super::header::find_columns;
use super::{values, ImportProblem};
use crate::domain::fold_width;
use crate::domain::limits;
use crate::domain::warning::{parse_period, Reading};
use crate::error::{Error, Result};
use crate::store::warnings::{SnapshotCounts, SnapshotRow};
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Period,
    Contract,
    InNetwork,
    Tariff,
}

const COLUMNS: [(Column, &[&str]); 4] = [
    (Column::Period, &["账期", "帐期", "统计月份", "月份", "period"]),
    (Column::Contract, &["合同号", "合同编号", "协议号", "contract", "contract_no"]),
    (Column::InNetwork, &["在网", "是否在网", "在网状态", "in_network", "innetwork"]),
    (Column::Tariff, &["当前资费", "资费", "月资费", "套餐资费", "tariff", "current_tariff"]),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct SnapshotReport {
    pub file: String,
    pub header_line: u64,
    pub counts: SnapshotCounts,
    pub problems: Vec<ImportProblem>,
    pub dry_run: bool,
    pub written: bool,
}

fn header_map(cells: &[Cell]) -> Option<Vec<(usize, Column, String)>> {
    let found = find_columns(cells, &COLUMNS);
    (found.len() == COLUMNS.len()).then_some(found)
}

/// 在网 as billing systems and planners write it.
fn in_network(cell: &Cell) -> std::result::Result<bool, values::Refusal> {
    let text = values::line_text(cell)?;
    match fold_width(&text).to_lowercase().as_str() {
        "在网" | "正常" | "是" | "y" | "yes" | "1" | "true" => Ok(true),
        "离网" | "拆机" | "销户" | "否" | "n" | "no" | "0" | "false" => Ok(false),
        "" => Err(("不能为空".into(), "is required".into())),
        _ => Err(("只能是 在网/离网、是/否 或 1/0".into(), "must be 在网/离网 (in/out), 是/否 or 1/0".into())),
    }
}

/// Reads a snapshot file for `campaign_id`, stores it and raises warnings, or writes nothing if
/// any row has a problem (or on a dry run, which still counts what would be raised).
pub fn import_snapshots(store: &Store, path: &Path, campaign_id: i64, dry_run: bool, today: NaiveDate) -> Result<SnapshotReport> {
    let file = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    store.campaign(campaign_id)?;
    let mut report = SnapshotReport {
        file: file.clone(),
        header_line: 0,
        counts: SnapshotCounts::default(),
        problems: Vec::new(),
        dry_run,
        written: false,
    };
    let mut columns: Option<Vec<(usize, Column, String)>> = None;
    let mut rows: Vec<(u64, SnapshotRow)> = Vec::new();
    let mut seen: HashMap<(i64, String), (u64, Reading)> = HashMap::new();
    let mut failure: Option<Error> = None;
    read_rows(path, &mut |line, cells| {
        if cells.iter().all(Cell::is_blank) {
            return Flow::Continue;
        }
        let Some(cols) = &columns else {
            if let Some(found) = header_map(&cells) {
                columns = Some(found);
                report.header_line = line;
            }
            return Flow::Continue;
        };
        let get = |c: Column| {
            cols.iter()
                .find(|(_, f, _)| *f == c)
                .map(|(i, _, h)| (cells.get(*i).cloned().unwrap_or(Cell::Empty), h.clone()))
                .unwrap_or((Cell::Empty, String::new()))
        };
        let before = report.problems.len();
        let mut problem = |header: &str, value: String, zh: &str, en: &str| {
            report.problems.push(ImportProblem { line, column: header.into(), value, message_zh: zh.into(), message_en: en.into() });
        };
        let (cell, header) = get(Column::Period);
        let period = match &cell {
            Cell::Date(d) => Some(crate::domain::warning::period_of(*d)),
            other => match values::line_text(other) {
                Ok(text) => {
                    let period = parse_period(&fold_width(&text));
                    if period.is_none() {
                        problem(
                            &header,
                            text,
                            "不是有效账期（例如 202611 或 2026-11）",
                            "is not a billing period (e.g. 202611 or 2026-11)",
                        );
                    }
                    period
                }
                Err((zh, en)) => {
                    problem(&header, values::text(other), &zh, &en);
                    None
                }
            },
        };
        let (cell, header) = get(Column::Contract);
        let (number, refused) = match values::line_text(&cell) {
            Ok(number) => (number, false),
            Err((zh, en)) => {
                problem(&header, values::text(&cell), &zh, &en);
                (String::new(), true)
            }
        };
        let contract = match if refused { Ok(None) } else { store.contract_in_campaign(campaign_id, &number) } {
            Ok(None) if refused => None,
            Ok(Some((id, true))) => Some(id),
            Ok(Some((_, false))) => {
                problem(
                    &header,
                    number.clone(),
                    "该合同的客户不是本活动的目标客户",
                    "this contract's client is not a target of the campaign",
                );
                None
            }
            Ok(None) if number.is_empty() => {
                problem(&header, number.clone(), "不能为空", "is required");
                None
            }
            Ok(None) => {
                problem(&header, number.clone(), "找不到此合同号", "no such contract number");
                None
            }
            Err(e) => {
                failure = Some(e);
                return Flow::Stop;
            }
        };
        let (cell, header) = get(Column::InNetwork);
        let in_net = in_network(&cell).map_err(|(zh, en)| problem(&header, values::text(&cell), &zh, &en)).ok();
        let (cell, header) = get(Column::Tariff);
        let tariff = match values::amount(&cell, limits::FEE) {
            Ok(Some(m)) => Some(m),
            Ok(None) => Some(crate::money::Money::ZERO),
            Err((zh, en)) => {
                problem(&header, values::text(&cell), &zh, &en);
                None
            }
        };
        if report.problems.len() > before {
            return Flow::Continue;
        }
        let (Some(period), Some(contract_id), Some(in_network), Some(tariff)) = (period, contract, in_net, tariff) else {
            return Flow::Continue;
        };
        let reading = Reading { in_network, tariff };
        match seen.get(&(contract_id, period.clone())) {
            Some((first, earlier)) if *earlier != reading => {
                let (_, header) = get(Column::Contract);
                report.problems.push(ImportProblem {
                    line,
                    column: header,
                    value: number,
                    message_zh: format!("同一合同同一账期与第 {first} 行不一致"),
                    message_en: format!("the same contract and period differ from line {first}"),
                });
            }
            Some(_) => {}
            None => {
                seen.insert((contract_id, period.clone()), (line, reading));
                rows.push((line, SnapshotRow { contract_id, period, reading }));
            }
        }
        Flow::Continue
    })
    .map_err(|u| Error::Unreadable { file: file.clone(), zh: u.zh, en: u.en })?;
    if let Some(e) = failure {
        return Err(e);
    }
    if report.header_line == 0 {
        return Err(Error::Unreadable {
            file,
            zh: "找不到表头：需要 账期、合同号、在网、当前资费 四列".into(),
            en: "no header row found: it needs 账期 (period), 合同号 (contract), 在网 (in network) and 当前资费 (tariff)".into(),
        });
    }
    if !report.problems.is_empty() {
        return Ok(report);
    }
    // Oldest period first, so a file holding several months compares each with the one before.
    rows.sort_by(|a, b| a.1.period.cmp(&b.1.period).then(a.0.cmp(&b.0)));
    let ordered: Vec<SnapshotRow> = rows.into_iter().map(|(_, r)| r).collect();
    store.transaction_keep_if(|s| {
        report.counts = s.record_snapshots(campaign_id, &ordered, today)?;
        report.written = !dry_run;
        Ok((report, !dry_run))
    })
}
