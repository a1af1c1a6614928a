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
use crate::domain::ids::CampaignId;
use crate::domain::limits;
use crate::domain::warning::{BillingPeriod, Reading};
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
pub fn import_snapshots(store: &Store, path: &Path, campaign_id: CampaignId, dry_run: bool, today: NaiveDate) -> Result<SnapshotReport> {
    let file = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let campaign = store.campaigns().get(campaign_id)?;
    let mut reader = SnapshotReader {
        store,
        campaign_id,
        campaign,
        columns: None,
        header_line: 0,
        problems: Vec::new(),
        rows: Vec::new(),
        seen: HashMap::new(),
    };
    let mut failure: Option<Error> = None;
    read_rows(path, &mut |line, cells| match reader.line(line, &cells) {
        Ok(()) => Flow::Continue,
        Err(e) => {
            failure = Some(e);
            Flow::Stop
        }
    })
    .map_err(|u| Error::Unreadable { file: file.clone(), zh: u.zh, en: u.en })?;
    if let Some(e) = failure {
        return Err(e);
    }
    if reader.header_line == 0 {
        return Err(Error::Unreadable {
            file,
            zh: "找不到表头：需要 账期、合同号、在网、当前资费 四列".into(),
            en: "no header row found: it needs 账期 (period), 合同号 (contract), 在网 (in network) and 当前资费 (tariff)".into(),
        });
    }
    let SnapshotReader { header_line, problems, mut rows, .. } = reader;
    let mut report = SnapshotReport { file, header_line, counts: SnapshotCounts::default(), problems, dry_run, written: false };
    if !report.problems.is_empty() {
        return Ok(report);
    }
    // Oldest period first, so a file holding several months compares each with the one before.
    rows.sort_by(|a, b| a.1.period.cmp(&b.1.period).then(a.0.cmp(&b.0)));
    let ordered: Vec<SnapshotRow> = rows.into_iter().map(|(_, r)| r).collect();
    store.transaction_keep_if(|s| {
        report.counts = s.snapshots().record(campaign_id, &ordered, today)?;
        report.written = !dry_run;
        Ok((report, !dry_run))
    })
}

/// What the reading of one snapshot file has found so far.
struct SnapshotReader<'a> {
    store: &'a Store,
    campaign_id: CampaignId,
    /// Its months bound the billing periods a file may hold.
    campaign: crate::domain::Campaign,
    columns: Option<Vec<(usize, Column, String)>>,
    header_line: u64,
    problems: Vec<ImportProblem>,
    rows: Vec<(u64, SnapshotRow)>,
    /// The first line and reading of each contract and period, to refuse a file that
    /// contradicts itself.
    seen: HashMap<(i64, BillingPeriod), (u64, Reading)>,
}

impl SnapshotReader<'_> {
    /// Finds the header, then checks each row; only a database failure stops the reading.
    fn line(&mut self, line: u64, cells: &[Cell]) -> Result<()> {
        if cells.iter().all(Cell::is_blank) {
            return Ok(());
        }
        if self.columns.is_none() {
            if let Some(found) = header_map(cells) {
                self.columns = Some(found);
                self.header_line = line;
            }
            return Ok(());
        }
        let before = self.problems.len();
        let period = self.period(line, cells);
        let (number, contract) = self.contract(line, cells)?;
        let (cell, header) = self.cell(cells, Column::InNetwork);
        let in_net = in_network(&cell).map_err(|(zh, en)| self.problem(line, &header, values::text(&cell), &zh, &en)).ok();
        let tariff = self.tariff(line, cells);
        if self.problems.len() > before {
            return Ok(());
        }
        if let (Some(period), Some(contract_id), Some(in_network), Some(tariff)) = (period, contract, in_net, tariff) {
            self.keep(line, number, SnapshotRow { contract_id, period, reading: Reading { in_network, tariff } });
        }
        Ok(())
    }

    /// The cell under `column` in this row, with the header the file gave that column.
    fn cell(&self, cells: &[Cell], column: Column) -> (Cell, String) {
        self.columns
            .iter()
            .flatten()
            .find(|(_, f, _)| *f == column)
            .map(|(i, _, h)| (cells.get(*i).cloned().unwrap_or(Cell::Empty), h.clone()))
            .unwrap_or((Cell::Empty, String::new()))
    }

    fn problem(&mut self, line: u64, header: &str, value: String, zh: &str, en: &str) {
        self.problems.push(ImportProblem { line, column: header.into(), value, message_zh: zh.into(), message_en: en.into() });
    }

    /// The row's billing month, when it is one and falls in the campaign's months.
    fn period(&mut self, line: u64, cells: &[Cell]) -> Option<BillingPeriod> {
        let (cell, header) = self.cell(cells, Column::Period);
        let period = self.read_period(line, &cell, &header)?;
        if !self.campaign.covers_period(&period) {
            let problem = self.campaign.outside();
            self.problem(line, &header, period.as_str().to_string(), &problem.zh(), &problem.en());
            return None;
        }
        Some(period)
    }

    fn read_period(&mut self, line: u64, cell: &Cell, header: &str) -> Option<BillingPeriod> {
        if let Cell::Date(d) = cell {
            return Some(BillingPeriod::of(*d));
        }
        match values::line_text(cell) {
            Ok(text) => {
                let period = BillingPeriod::parse(&fold_width(&text));
                if period.is_none() {
                    self.problem(
                        line,
                        header,
                        text,
                        "不是有效账期（例如 202611 或 2026-11）",
                        "is not a billing period (e.g. 202611 or 2026-11)",
                    );
                }
                period
            }
            Err((zh, en)) => {
                self.problem(line, header, values::text(cell), &zh, &en);
                None
            }
        }
    }

    /// The contract number as written, and its id when it belongs to a target of the campaign.
    fn contract(&mut self, line: u64, cells: &[Cell]) -> Result<(String, Option<i64>)> {
        let (cell, header) = self.cell(cells, Column::Contract);
        let number = match values::line_text(&cell) {
            Ok(number) => number,
            Err((zh, en)) => {
                self.problem(line, &header, values::text(&cell), &zh, &en);
                return Ok((String::new(), None));
            }
        };
        let refusal = match self.store.snapshots().contract_in_campaign(self.campaign_id, &number)? {
            Some((id, true)) => return Ok((number, Some(id))),
            Some((_, false)) => ("该合同的客户不是本活动的目标客户", "this contract's client is not a target of the campaign"),
            None if number.is_empty() => ("不能为空", "is required"),
            None => ("找不到此合同号", "no such contract number"),
        };
        self.problem(line, &header, number.clone(), refusal.0, refusal.1);
        Ok((number, None))
    }

    fn tariff(&mut self, line: u64, cells: &[Cell]) -> Option<crate::money::Money> {
        let (cell, header) = self.cell(cells, Column::Tariff);
        match values::amount(&cell, limits::FEE) {
            Ok(Some(m)) => Some(m),
            // A blank tariff is not 0.00: read as 0 it would raise a false "资费下降 500 → 0".
            Ok(None) => {
                self.problem(line, &header, String::new(), "不能为空：请填写当前资费（元）", "is required: the current tariff in 元");
                None
            }
            Err((zh, en)) => {
                self.problem(line, &header, values::text(&cell), &zh, &en);
                None
            }
        }
    }

    /// Keeps the first reading of a contract and period; a later line that repeats it is
    /// dropped and one that contradicts it is a problem.
    fn keep(&mut self, line: u64, number: String, row: SnapshotRow) {
        let key = (row.contract_id, row.period.clone());
        match self.seen.get(&key) {
            Some((first, earlier)) if *earlier != row.reading => {
                let first = *first;
                let (_, header) = self.cell(&[], Column::Contract);
                self.problems.push(ImportProblem {
                    line,
                    column: header,
                    value: number,
                    message_zh: format!("同一合同同一账期与第 {first} 行不一致"),
                    message_en: format!("the same contract and period differ from line {first}"),
                });
            }
            Some(_) => {}
            None => {
                self.seen.insert(key, (line, row.reading));
                self.rows.push((line, row));
            }
        }
    }
}
