//! The two service sheets of the tracker: due visits (an account manager records a visit by
//! filling in its row) and fibre preparation (a status and its days, with what they were when
//! exported kept in hidden columns, as on the plan sheet).

use super::{col, Column, Label, KEY};

/// Where `c` sits among `columns`.
fn position<C: Copy + PartialEq>(columns: &[(C, Column)], c: C) -> u16 {
    columns.iter().position(|(x, _)| *x == c).map_or(0, |i| i as u16)
}

/// The 待走访 sheet: one row per visit due by the export day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VisitColumn {
    Key,
    ClientCode,
    Client,
    Tier,
    Team,
    Owner,
    VipManager,
    Due,
    DaysOverdue,
    Why,
    LastVisit,
    VisitedOn,
    Met,
    Needs,
    Competitors,
    NextSteps,
}

pub const VISIT_COLUMNS: [(VisitColumn, Column); 16] = [
    (VisitColumn::Key, KEY),
    (VisitColumn::ClientCode, col("客户编码", "Client code", 14.0)),
    (VisitColumn::Client, col("客户名称", "Client", 26.0)),
    (VisitColumn::Tier, col("客户等级", "Tier", 8.0)),
    (VisitColumn::Team, col("团队", "Team", 12.0)),
    (VisitColumn::Owner, col("客户经理", "Account manager", 10.0)),
    (VisitColumn::VipManager, col("VIP客户经理", "VIP manager", 10.0)),
    (VisitColumn::Due, col("应走访截止", "Due by", 12.0)),
    (VisitColumn::DaysOverdue, col("逾期天数", "Days overdue", 8.0)),
    (VisitColumn::Why, col("走访缘由", "Why", 16.0)),
    (VisitColumn::LastVisit, col("上次走访", "Last visit", 12.0)),
    (VisitColumn::VisitedOn, col("走访日期", "Visited on", 12.0)),
    (VisitColumn::Met, col("会见人员", "Who met whom", 20.0)),
    (VisitColumn::Needs, col("客户需求", "Needs heard", 28.0)),
    (VisitColumn::Competitors, col("竞争动态", "Competitors", 24.0)),
    (VisitColumn::NextSteps, col("下一步", "Next steps", 24.0)),
];

impl VisitColumn {
    /// The columns read back; a row with any of them filled is a visit to record.
    pub const OPEN: [VisitColumn; 5] =
        [VisitColumn::VisitedOn, VisitColumn::Met, VisitColumn::Needs, VisitColumn::Competitors, VisitColumn::NextSteps];

    pub fn index(self) -> u16 {
        position(&VISIT_COLUMNS, self)
    }

    pub fn label(self) -> Label {
        VISIT_COLUMNS[self.index() as usize].1.label
    }
}

/// The 光纤准备 sheet: the high-risk targets without fibre and where each one's preparation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FibreColumn {
    Key,
    ClientCode,
    Client,
    Team,
    Owner,
    Status,
    SurveyedOn,
    ScheduledOn,
    DoneOn,
    Reason,
    WasStatus,
    WasSurveyedOn,
    WasScheduledOn,
    WasDoneOn,
    WasReason,
}

pub const FIBRE_COLUMNS: [(FibreColumn, Column); 15] = [
    (FibreColumn::Key, KEY),
    (FibreColumn::ClientCode, col("客户编码", "Client code", 14.0)),
    (FibreColumn::Client, col("客户名称", "Client", 26.0)),
    (FibreColumn::Team, col("团队", "Team", 12.0)),
    (FibreColumn::Owner, col("客户经理", "Account manager", 10.0)),
    (FibreColumn::Status, col("状态", "Status", 10.0)),
    (FibreColumn::SurveyedOn, col("勘察日期", "Surveyed on", 12.0)),
    (FibreColumn::ScheduledOn, col("排期日期", "Scheduled for", 12.0)),
    (FibreColumn::DoneOn, col("完成日期", "Done on", 12.0)),
    (FibreColumn::Reason, col("无法覆盖原因", "Why it cannot be covered", 28.0)),
    (FibreColumn::WasStatus, col("原状态", "Was status", 10.0)),
    (FibreColumn::WasSurveyedOn, col("原勘察日期", "Was surveyed on", 12.0)),
    (FibreColumn::WasScheduledOn, col("原排期日期", "Was scheduled for", 12.0)),
    (FibreColumn::WasDoneOn, col("原完成日期", "Was done on", 12.0)),
    (FibreColumn::WasReason, col("原无法覆盖原因", "Was why not covered", 12.0)),
];

impl FibreColumn {
    /// Each editable field's column and the hidden column holding its exported value.
    pub const FIELDS: [(FibreColumn, FibreColumn); 5] = [
        (FibreColumn::Status, FibreColumn::WasStatus),
        (FibreColumn::SurveyedOn, FibreColumn::WasSurveyedOn),
        (FibreColumn::ScheduledOn, FibreColumn::WasScheduledOn),
        (FibreColumn::DoneOn, FibreColumn::WasDoneOn),
        (FibreColumn::Reason, FibreColumn::WasReason),
    ];

    pub fn index(self) -> u16 {
        position(&FIBRE_COLUMNS, self)
    }

    pub fn label(self) -> Label {
        FIBRE_COLUMNS[self.index() as usize].1.label
    }

    pub fn is_date(self) -> bool {
        use FibreColumn::*;
        matches!(self, SurveyedOn | ScheduledOn | DoneOn | WasSurveyedOn | WasScheduledOn | WasDoneOn)
    }

    pub fn hidden(self) -> bool {
        self == FibreColumn::Key || FibreColumn::FIELDS.iter().any(|(_, was)| *was == self)
    }

    pub fn editable(self) -> bool {
        FibreColumn::FIELDS.iter().any(|(open, _)| *open == self)
    }
}
