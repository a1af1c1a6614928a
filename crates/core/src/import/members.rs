//! Loyalty members' data per billing period (号码, 客户编码, 姓名, 入网日期, 会员级别, 账期,
//! 消费金额), read with the client import's tolerance and all-or-nothing rule. A member is
//! known by its number; importing a period again replaces that period's spend and level.

use std::collections::HashSet;
use std::path::Path;

use serde::Serialize;

use super::cells::Cell;
use super::table::{cell, import_table};
use super::{values, ImportProblem};
use crate::domain::contact::is_phone;
use crate::domain::fold_width;
use crate::domain::ids::CampaignId;
use crate::domain::warning::BillingPeriod;
use crate::error::Result;
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Number,
    ClientCode,
    Name,
    JoinedOn,
    Level,
    Period,
    Spend,
}

const COLUMNS: [(Column, &[&str]); 7] = [
    (Column::Number, &["号码", "会员号码", "用户号码", "手机号码", "member", "number"]),
    (Column::ClientCode, &["客户编码", "client_code", "client code"]),
    (Column::Name, &["姓名", "用户名称", "name"]),
    (Column::JoinedOn, &["入网日期", "入网时间", "joined", "joined on", "joined_on"]),
    (Column::Level, &["会员级别", "会员等级", "级别", "level"]),
    (Column::Period, &["账期", "帐期", "月份", "period"]),
    (Column::Spend, &["消费金额", "消费", "金额", "spend"]),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct MemberImportReport {
    pub file: String,
    pub sheet: Option<String>,
    pub header_line: u64,
    pub rows: u64,
    pub written_rows: u64,
    /// The periods the file holds, oldest first.
    pub periods: Vec<String>,
    pub problems: Vec<ImportProblem>,
    pub more_problems: u64,
    pub dry_run: bool,
    pub written: bool,
}

/// Reads members' period data for `campaign` and writes it all, or none if any row has a problem.
pub fn import_members(store: &Store, path: &Path, campaign: CampaignId, dry_run: bool) -> Result<MemberImportReport> {
    store.campaigns().get(campaign)?;
    let scheme = store.points().scheme(campaign)?;
    let levels: Vec<String> = scheme.levels.iter().map(|l| l.name.clone()).collect();
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut periods: Vec<String> = Vec::new();
    let no_header = (
        "找不到表头：需要 号码、入网日期、账期、消费金额 四列（客户编码、姓名、会员级别可选）",
        "no header row found: it needs 号码 (number), 入网日期 (joined on), 账期 (period) and 消费金额 (spend); 客户编码, 姓名 and 会员级别 are optional",
    );
    let required = [Column::Number, Column::JoinedOn, Column::Period, Column::Spend];
    let table = import_table(store, path, (&COLUMNS, &required), no_header, dry_run, &mut |s, line, cells, cols, problems| {
        let get = |c: Column| cell(cells, cols, c);
        let mut problem = |(cell, header): &(Cell, String), zh: String, en: String| {
            problems.push(ImportProblem { line, column: header.clone(), value: values::text(cell), message_zh: zh, message_en: en });
        };
        let empty = || (Cell::Empty, String::new());
        let number_cell = get(Column::Number).unwrap_or_else(empty);
        let number = match values::client_code(&number_cell.0) {
            Ok(t) if t.is_empty() => {
                problem(&number_cell, "不能为空".into(), "is required".into());
                None
            }
            Ok(t) if !is_phone(&t) || t.chars().count() > 30 => {
                problem(&number_cell, "不是电话号码".into(), "is not a phone number".into());
                None
            }
            Ok(t) => Some(t),
            Err((zh, en)) => {
                problem(&number_cell, zh.into_owned(), en.into_owned());
                None
            }
        };
        let period_cell = get(Column::Period).unwrap_or_else(empty);
        let period = match &period_cell.0 {
            Cell::Date(d) => Some(BillingPeriod::of(*d)),
            other => {
                let parsed = values::line_text(other).ok().and_then(|t| BillingPeriod::parse(&fold_width(&t)));
                if parsed.is_none() {
                    problem(
                        &period_cell,
                        "不是有效账期（例如 202611 或 2026-11）".into(),
                        "is not a billing period (e.g. 202611 or 2026-11)".into(),
                    );
                }
                parsed
            }
        };
        let period = match period {
            Some(p) if s.points().is_locked(campaign, &p)? => {
                problem(
                    &period_cell,
                    "该账期的积分已锁定，不能再导入".into(),
                    "this period's points are locked; it takes no more data".into(),
                );
                None
            }
            p => p,
        };
        if let (Some(n), Some(p)) = (&number, &period) {
            if !seen.insert((n.clone(), p.to_string())) {
                problem(&number_cell, "同一号码同一账期在本文件中出现两次".into(), "appears twice for the same period in this file".into());
            }
        }
        let client = match get(Column::ClientCode) {
            None => Some(None),
            Some(c) => match values::client_code(&c.0) {
                Ok(code) if code.is_empty() => Some(None),
                Ok(code) => match s.clients().id_by_code(&code)? {
                    Some(id) => Some(Some(id)),
                    None => {
                        problem(&c, "找不到此客户编码".into(), "no such client code".into());
                        None
                    }
                },
                Err((zh, en)) => {
                    problem(&c, zh.into_owned(), en.into_owned());
                    None
                }
            },
        };
        let name = match get(Column::Name).map(|c| (values::line_text(&c.0), c)) {
            None => Some(String::new()),
            Some((Ok(t), _)) => Some(t),
            Some((Err((zh, en)), c)) => {
                problem(&c, zh.into_owned(), en.into_owned());
                None
            }
        };
        let joined_cell = get(Column::JoinedOn).unwrap_or_else(empty);
        let joined_on = match values::date(&joined_cell.0) {
            Ok(Some(d)) => Some(d),
            Ok(None) => {
                problem(&joined_cell, "不能为空".into(), "is required".into());
                None
            }
            Err((zh, en)) => {
                problem(&joined_cell, zh.into_owned(), en.into_owned());
                None
            }
        };
        let level = match get(Column::Level) {
            None => Some(None),
            Some(c) => match values::line_text(&c.0) {
                Ok(t) if t.is_empty() => Some(None),
                Ok(t) => match scheme.level_named(&t) {
                    Some(i) => Some(Some(scheme.levels[i].code.clone())),
                    None => {
                        problem(
                            &c,
                            format!("不是会员级别，应为：{}", levels.join("、")),
                            format!("is not a member level; use one of {}", levels.join(", ")),
                        );
                        None
                    }
                },
                Err((zh, en)) => {
                    problem(&c, zh.into_owned(), en.into_owned());
                    None
                }
            },
        };
        let spend_cell = get(Column::Spend).unwrap_or_else(empty);
        let spend = match values::fee(&spend_cell.0) {
            Ok(Some(m)) => Some(m),
            Ok(None) => {
                problem(&spend_cell, "不能为空".into(), "is required".into());
                None
            }
            Err((zh, en)) => {
                problem(&spend_cell, zh.into_owned(), en.into_owned());
                None
            }
        };
        let (Some(number), Some(period), Some(client), Some(name), Some(joined_on), Some(level), Some(spend)) =
            (number, period, client, name, joined_on, level, spend)
        else {
            return Ok(false);
        };
        if !periods.contains(&period.to_string()) {
            periods.push(period.to_string());
        }
        s.points().put_member(campaign, &period, (&number, &name), joined_on, client, spend, level.as_deref())?;
        Ok(true)
    })?;
    periods.sort();
    Ok(MemberImportReport {
        file: table.file,
        sheet: table.sheet,
        header_line: table.header_line,
        rows: table.rows,
        written_rows: table.written_rows,
        periods,
        problems: table.problems,
        more_problems: table.more_problems,
        dry_run,
        written: table.written,
    })
}
