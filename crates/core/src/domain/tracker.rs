//! The tracker workbook's shape, shared by the export and the way back: sheet names and column
//! headers in both languages, and the row keys that tie a returned row to the record it came
//! from. Reading a tracker back depends on these names, so they live in one place.

use serde::{Deserialize, Serialize};

use crate::import::header::normalize;

/// The language a tracker is written in; a returned tracker is read in either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[serde(rename = "zh-CN")]
    Zh,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    pub fn from_code(code: &str) -> Lang {
        if code.starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A sheet or column name in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Label {
    pub const fn new(zh: &'static str, en: &'static str) -> Label {
        Label { zh, en }
    }

    pub fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }

    /// Whether a header as found in a returned file is this one, in either language, whatever
    /// the spacing, width or case.
    pub fn matches(self, text: &str) -> bool {
        let n = normalize(text);
        !n.is_empty() && (n == normalize(self.zh) || n == normalize(self.en))
    }
}

pub mod sheet {
    use super::Label;
    pub const OVERVIEW: Label = Label::new("概览", "Overview");
    pub const TARGETS: Label = Label::new("目标客户", "Targets");
    pub const SUBSIDIES: Label = Label::new("交叉补贴", "Subsidies");
    pub const PLANS: Label = Label::new("一户一案", "Plans");
    pub const WARNINGS: Label = Label::new("预警", "Warnings");
    pub const STANDINGS: Label = Label::new("奖项排名", "Standings");
    pub const ACHIEVEMENTS: Label = Label::new("新增业绩", "New achievements");
    pub const GUIDE: Label = Label::new("说明", "How to");
    /// Hidden: which export this workbook is, for the way back.
    pub const META: &str = "_rampart";
}

/// A column of a data sheet: its header and a width that fits its Chinese content.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub label: Label,
    pub width: f64,
}

const fn col(zh: &'static str, en: &'static str, width: f64) -> Column {
    Column { label: Label::new(zh, en), width }
}

/// The row key every data sheet carries in its hidden first column.
pub const KEY: Column = col("键", "Key", 12.0);

pub const TARGET_COLUMNS: [Column; 13] = [
    KEY,
    col("客户编码", "Client code", 14.0),
    col("客户名称", "Client", 30.0),
    col("客户类别", "Category", 12.0),
    col("客户等级", "Tier", 9.0),
    col("行业", "Industry", 12.0),
    col("区域", "District", 10.0),
    col("团队", "Team", 14.0),
    col("客户经理", "Account manager", 12.0),
    col("合同数", "Contracts", 8.0),
    col("月消费(元)", "Monthly spend (¥)", 14.0),
    col("风险标记", "Risk flags", 20.0),
    col("风险说明", "Why", 48.0),
];

/// Columns of the subsidy sheet; `SUB_*` name the ones its formulas refer to.
pub const SUBSIDY_COLUMNS: [Column; 13] = [
    KEY,
    col("客户编码", "Client code", 14.0),
    col("客户名称", "Client", 28.0),
    col("客户类别", "Category", 12.0),
    col("团队", "Team", 14.0),
    col("合同号", "Contract", 16.0),
    col("产品类型", "Product", 12.0),
    col("期限(月)", "Term (months)", 9.0),
    col("补贴基数(元)", "Base (¥)", 14.0),
    col("补贴比例", "Rate", 10.0),
    col("上浮比例", "Uplift", 10.0),
    col("补贴金额(元)", "Subsidy (¥)", 14.0),
    col("说明", "Note", 30.0),
];
pub const SUB_CATEGORY: u16 = 3;
pub const SUB_TEAM: u16 = 4;
pub const SUB_BASE: u16 = 8;
pub const SUB_RATE: u16 = 9;
pub const SUB_UPLIFT: u16 = 10;
pub const SUB_AMOUNT: u16 = 11;

/// The plan sheet: what a district team edits (due, status, done date, reason, note) and,
/// hidden, what those were when exported, so the way back can tell an edit from a stale copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlanColumn {
    Key,
    ClientCode,
    Client,
    Team,
    Item,
    Owner,
    Due,
    Status,
    DoneOn,
    Reason,
    Note,
    WasDue,
    WasStatus,
    WasDoneOn,
    WasReason,
    WasNote,
}

pub const PLAN_COLUMNS: [(PlanColumn, Column); 16] = [
    (PlanColumn::Key, KEY),
    (PlanColumn::ClientCode, col("客户编码", "Client code", 14.0)),
    (PlanColumn::Client, col("客户名称", "Client", 26.0)),
    (PlanColumn::Team, col("团队", "Team", 12.0)),
    (PlanColumn::Item, col("服务事项", "Service item", 14.0)),
    (PlanColumn::Owner, col("负责人", "Owner", 10.0)),
    (PlanColumn::Due, col("截止日期", "Due", 12.0)),
    (PlanColumn::Status, col("状态", "Status", 10.0)),
    (PlanColumn::DoneOn, col("完成日期", "Done on", 12.0)),
    (PlanColumn::Reason, col("受阻原因", "Blocked because", 20.0)),
    (PlanColumn::Note, col("备注", "Note", 36.0)),
    (PlanColumn::WasDue, col("原截止日期", "Was due", 12.0)),
    (PlanColumn::WasStatus, col("原状态", "Was status", 10.0)),
    (PlanColumn::WasDoneOn, col("原完成日期", "Was done on", 12.0)),
    (PlanColumn::WasReason, col("原受阻原因", "Was blocked because", 12.0)),
    (PlanColumn::WasNote, col("原备注", "Was note", 12.0)),
];

impl PlanColumn {
    pub fn index(self) -> u16 {
        PLAN_COLUMNS.iter().position(|(c, _)| *c == self).map_or(0, |i| i as u16)
    }

    pub fn label(self) -> Label {
        PLAN_COLUMNS[self.index() as usize].1.label
    }

    /// The columns a district team may edit; the rest are locked.
    pub fn editable(self) -> bool {
        matches!(self, PlanColumn::Due | PlanColumn::Status | PlanColumn::DoneOn | PlanColumn::Reason | PlanColumn::Note)
    }

    pub fn hidden(self) -> bool {
        matches!(
            self,
            PlanColumn::Key
                | PlanColumn::WasDue
                | PlanColumn::WasStatus
                | PlanColumn::WasDoneOn
                | PlanColumn::WasReason
                | PlanColumn::WasNote
        )
    }
}

pub const WARNING_COLUMNS: [Column; 11] = [
    col("预警日期", "Raised", 11.0),
    col("合同号", "Contract", 15.0),
    col("客户编码", "Client code", 14.0),
    col("客户名称", "Client", 26.0),
    col("团队", "Team", 14.0),
    col("客户经理", "Account manager", 10.0),
    col("原因", "Reason", 10.0),
    col("变化（前 → 后）", "Change (before → after)", 40.0),
    col("状态", "Status", 8.0),
    col("已过天数", "Days open", 8.0),
    col("说明", "Note", 30.0),
];

pub const STANDING_COLUMNS: [Column; 9] = [
    col("奖项", "Award", 24.0),
    col("范围", "Scope", 8.0),
    col("行业", "Industry", 12.0),
    col("名次", "Rank", 7.0),
    col("名称", "Name", 16.0),
    col("得分", "Score", 12.0),
    col("单位", "Unit", 12.0),
    col("与上一名差距", "Gap to above", 14.0),
    col("奖级", "Prize", 14.0),
];

/// The sheet where teams add achievements; the same headers the achievement import reads.
pub const ACHIEVEMENT_COLUMNS: [Column; 8] = [
    col("日期", "Date", 12.0),
    col("指标", "Metric", 18.0),
    col("团队", "Team", 14.0),
    col("人员", "Person", 10.0),
    col("数量", "Quantity", 8.0),
    col("金额", "Amount", 12.0),
    col("客户编码", "Client code", 14.0),
    col("说明", "Note", 36.0),
];

/// What a row key points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Client,
    Contract,
    PlanItem,
}

impl KeyKind {
    fn prefix(self) -> char {
        match self {
            KeyKind::Client => 'C',
            KeyKind::Contract => 'K',
            KeyKind::PlanItem => 'P',
        }
    }
}

fn check(kind: KeyKind, id: i64) -> u32 {
    crc32fast::hash(format!("rampart:{}:{id}", kind.prefix()).as_bytes()) & 0xFF_FFFF
}

/// `P123-4F2A9C`: kind, id and a check that catches a hand-edited id.
pub fn row_key(kind: KeyKind, id: i64) -> String {
    format!("{}{id}-{:06X}", kind.prefix(), check(kind, id))
}

/// The id in a key of `kind`, or None when the key was edited, mistyped or is of another kind.
pub fn parse_key(kind: KeyKind, text: &str) -> Option<i64> {
    let rest = text.trim().strip_prefix(kind.prefix())?;
    let (id, sum) = rest.split_once('-')?;
    let id: i64 = id.parse().ok()?;
    let sum = u32::from_str_radix(sum, 16).ok()?;
    (sum == check(kind, id)).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_catch_edits() {
        let key = row_key(KeyKind::PlanItem, 4711);
        assert_eq!(parse_key(KeyKind::PlanItem, &key), Some(4711), "a key reads back as its id");
        let edited = key.replacen("4711", "4712", 1);
        assert_eq!(parse_key(KeyKind::PlanItem, &edited), None, "changing the id breaks the check");
        assert_eq!(parse_key(KeyKind::Contract, &key), None, "a plan key is not a contract key");
        assert_eq!(parse_key(KeyKind::PlanItem, "4711"), None, "a bare number is not a key");
    }

    #[test]
    fn headers_match_in_either_language() {
        let status = PlanColumn::Status.label();
        assert!(status.matches(" 状态 ") && status.matches("STATUS"), "spacing and case do not matter");
        assert!(!status.matches("原状态"), "the hidden baseline column is a different column");
    }
}
