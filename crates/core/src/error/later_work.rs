//! The work done after an import that rests on it, named in `Error::UndoBlocked`: what kind,
//! how many, and which clients or contracts, worded in Chinese and English. It lives beside the
//! error so the error names nothing in the store; the store counts it (`store/imports.rs`).

use serde::Serialize;

/// Work done after an import that rests on it, which is why the import cannot be undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct LaterWork {
    pub kind: LaterKind,
    pub count: u64,
    /// The first few client codes or contract numbers concerned, so the work can be found.
    pub examples: Vec<String>,
    /// How many other clients or contracts are concerned.
    pub more: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum LaterKind {
    Plans,
    Achievements,
    Warnings,
    BillingSnapshots,
    RateOverrides,
    KeyPersonChanges,
    Contracts,
    Targets,
    EditedClients,
    EditedContracts,
}

impl LaterKind {
    /// (Chinese measure and noun, English singular, English plural, examples are contracts).
    fn words(self) -> (&'static str, &'static str, &'static str, bool) {
        match self {
            LaterKind::Plans => ("个一户一案计划", "service plan", "service plans", false),
            LaterKind::Achievements => ("条业绩记录", "achievement", "achievements", false),
            LaterKind::Warnings => ("条宽带预警（含处理记录）", "warning (with its history)", "warnings (with their history)", true),
            LaterKind::BillingSnapshots => ("条账单快照", "billing snapshot", "billing snapshots", true),
            LaterKind::RateOverrides => ("条补贴比例调整", "subsidy rate override", "subsidy rate overrides", true),
            LaterKind::KeyPersonChanges => ("条关键人变更", "key-person change", "key-person changes", false),
            LaterKind::Contracts => ("份后来添加的合同", "contract added later", "contracts added later", true),
            LaterKind::Targets => ("个其他活动中的目标客户", "target in another campaign", "targets in other campaigns", false),
            LaterKind::EditedClients => ("个导入后又修改过的客户", "client edited since", "clients edited since", false),
            LaterKind::EditedContracts => ("份导入后又修改过的合同", "contract edited since", "contracts edited since", true),
        }
    }
}

impl LaterWork {
    /// "3 条宽带预警（含处理记录）（合同 HT001、HT002 等）"
    pub fn zh(&self) -> String {
        let (noun, _, _, contracts) = self.kind.words();
        let what = if contracts { "合同" } else { "客户" };
        let etc = if self.more > 0 { " 等" } else { "" };
        format!("{} {noun}（{what} {}{etc}）", self.count, self.examples.join("、"))
    }

    /// "3 warnings (with their history) (contracts HT001, HT002, ...)"
    pub fn en(&self) -> String {
        let (_, one, many, contracts) = self.kind.words();
        let noun = if self.count == 1 { one } else { many };
        let what = match (contracts, self.examples.len()) {
            (true, 1) => "contract",
            (true, _) => "contracts",
            (false, 1) => "client",
            (false, _) => "clients",
        };
        let etc = if self.more > 0 { ", ..." } else { "" };
        format!("{} {noun} ({what} {}{etc})", self.count, self.examples.join(", "))
    }
}
