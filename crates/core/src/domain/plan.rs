//! One client, one plan (一户一案): a service plan per named target client with the five
//! standard items, owners, due dates, status and progress. Lateness is judged against a
//! "today" the caller passes in.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::ids::PersonId;
use crate::error::{Error, FieldError, Problem, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    FollowUp,
    Expert,
    GiveBack,
    FastResponse,
    HighQuality,
    Custom,
}

impl ItemKind {
    pub const STANDARD: [ItemKind; 5] =
        [ItemKind::FollowUp, ItemKind::Expert, ItemKind::GiveBack, ItemKind::FastResponse, ItemKind::HighQuality];
    pub const ALL: [ItemKind; 6] =
        [ItemKind::FollowUp, ItemKind::Expert, ItemKind::GiveBack, ItemKind::FastResponse, ItemKind::HighQuality, ItemKind::Custom];

    pub fn code(self) -> &'static str {
        match self {
            ItemKind::FollowUp => "follow_up",
            ItemKind::Expert => "expert",
            ItemKind::GiveBack => "give_back",
            ItemKind::FastResponse => "fast_response",
            ItemKind::HighQuality => "high_quality",
            ItemKind::Custom => "custom",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The seed's names for the five service items.
    pub fn title_zh(self) -> &'static str {
        match self {
            ItemKind::FollowUp => "跟踪服务",
            ItemKind::Expert => "专家服务",
            ItemKind::GiveBack => "回报服务",
            ItemKind::FastResponse => "快速响应",
            ItemKind::HighQuality => "高质服务",
            ItemKind::Custom => "其他",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    NotStarted,
    InProgress,
    Done,
    Blocked,
}

impl ItemStatus {
    pub const ALL: [ItemStatus; 4] = [ItemStatus::NotStarted, ItemStatus::InProgress, ItemStatus::Done, ItemStatus::Blocked];

    pub fn code(self) -> &'static str {
        match self {
            ItemStatus::NotStarted => "not_started",
            ItemStatus::InProgress => "in_progress",
            ItemStatus::Done => "done",
            ItemStatus::Blocked => "blocked",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            ItemStatus::NotStarted => "未开始",
            ItemStatus::InProgress => "进行中",
            ItemStatus::Done => "已完成",
            ItemStatus::Blocked => "受阻",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            ItemStatus::NotStarted => "Not started",
            ItemStatus::InProgress => "In progress",
            ItemStatus::Done => "Done",
            ItemStatus::Blocked => "Blocked",
        }
    }

    /// A status as a planner may type it back: either language's label or the code.
    pub fn from_label(text: &str) -> Option<Self> {
        let t = text.trim();
        Self::ALL.into_iter().find(|s| s.label_zh() == t || s.label_en().eq_ignore_ascii_case(t) || s.code() == t)
    }
}

/// An item needs a title: the template's items and any added or edited one.
pub fn check_title(field: impl Into<String>, title: &str) -> Result<()> {
    if title.trim().is_empty() {
        return Err(Error::Validation(vec![FieldError::new(field, Problem::Required)]));
    }
    Ok(())
}

/// A campaign's item template: every item has a title.
pub fn check_template(items: &[(ItemKind, String)]) -> Result<()> {
    let errors: Vec<FieldError> = items
        .iter()
        .enumerate()
        .filter(|(_, (_, t))| t.trim().is_empty())
        .map(|(i, _)| FieldError::new(format!("items.{i}.title"), Problem::Required))
        .collect();
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    Ok(())
}

/// An item's status with what it must carry: a done item its date, a blocked item its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    pub status: ItemStatus,
    pub done_on: Option<NaiveDate>,
    pub blocked_reason: String,
}

impl StatusChange {
    /// Applies the rules of the status workflow: marking done records `today` (unless a date
    /// is given, which cannot be after today); leaving done clears it; blocked needs a reason
    /// and only blocked keeps one.
    pub fn new(status: ItemStatus, done_on: Option<NaiveDate>, reason: &str, today: NaiveDate) -> Result<StatusChange> {
        let reason = reason.trim();
        match status {
            ItemStatus::Done if done_on.is_some_and(|d| d > today) => {
                Err(Error::Validation(vec![FieldError::new("done_on", Problem::AfterToday { today })]))
            }
            ItemStatus::Blocked if reason.is_empty() => Err(Error::Validation(vec![FieldError::new("blocked_reason", Problem::Required)])),
            ItemStatus::Blocked => Ok(StatusChange { status, done_on: None, blocked_reason: reason.to_string() }),
            ItemStatus::Done => Ok(StatusChange { status, done_on: Some(done_on.unwrap_or(today)), blocked_reason: String::new() }),
            _ => Ok(StatusChange { status, done_on: None, blocked_reason: String::new() }),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct PlanItem {
    pub id: super::ids::PlanItemId,
    pub kind: ItemKind,
    pub title: String,
    pub owner_id: Option<PersonId>,
    pub owner: Option<String>,
    pub due: NaiveDate,
    pub status: ItemStatus,
    pub done_on: Option<NaiveDate>,
    pub blocked_reason: String,
    pub note: String,
    pub late: bool,
    /// Done, but after its due date.
    pub done_late: bool,
}

impl PlanItem {
    /// Late: not done and its due date has passed (an item due today is not late yet).
    pub fn is_late(status: ItemStatus, due: NaiveDate, today: NaiveDate) -> bool {
        status != ItemStatus::Done && due < today
    }
}

/// Share of items done, in percent, rounded down; a plan without items has made no progress.
pub fn progress(done: usize, total: usize) -> u8 {
    (done * 100).checked_div(total).map_or(0, |p| p as u8)
}

/// Items neither done nor late: those still due. A count comes from SQL as i64; a negative
/// one (which SQL cannot give) counts as none.
pub fn pending(items: i64, done: i64, late: i64) -> i64 {
    (items - done - late).max(0)
}

/// `progress` for counts read from SQL.
pub fn progress_of_counts(done: i64, items: i64) -> u8 {
    progress(usize::try_from(done).unwrap_or(0), usize::try_from(items).unwrap_or(0))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct PlanSummary {
    pub id: super::ids::PlanId,
    pub client_id: super::ids::ClientId,
    pub code: String,
    pub client: String,
    pub category: super::Category,
    pub team: Option<String>,
    pub account_manager: Option<String>,
    pub goal: String,
    pub item_count: usize,
    pub done: usize,
    pub late: usize,
    pub blocked: usize,
    pub progress: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Plan {
    #[serde(flatten)]
    pub summary: PlanSummary,
    pub members: Vec<super::Person>,
    pub items: Vec<PlanItem>,
}

/// Who makes a change and when, for the activity log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct By {
    pub author: String,
    pub at: chrono::NaiveDateTime,
}

/// The editable fields of an item.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct ItemEdit {
    pub title: String,
    pub owner_id: Option<PersonId>,
    pub due: NaiveDate,
    #[serde(default)]
    pub note: String,
}

/// One line of a plan's activity log, as codes and values; each interface words it in its own
/// language. `field` is what changed:
/// - `plan`: `to` is `created`, `deleted` or `restored` (then `from` is `deleted`);
/// - `item`: `to` is `added`, `deleted` or `restored`, with the item's `title` in `detail`;
/// - `status`: `from` and `to` are [`ItemStatus`] codes; `done_on` or `reason` in `detail`;
/// - `title`, `owner`, `due`, `note`, `goal`, `team`: `from` and `to` are the values themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct LogEntry {
    pub at: crate::timestamp::Timestamp,
    pub author: String,
    pub item: Option<String>,
    pub field: String,
    pub from: String,
    pub to: String,
    pub detail: LogDetail,
}

/// The values a log line's codes need, by name.
pub type LogDetail = std::collections::BTreeMap<String, String>;

/// A change to record in a plan's log: see [`LogEntry`] for the codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogChange {
    pub field: &'static str,
    pub from: String,
    pub to: String,
    pub detail: LogDetail,
}

impl LogChange {
    fn new(field: &'static str, from: &str, to: &str, detail: &[(&str, &str)]) -> LogChange {
        let detail = detail.iter().map(|(k, v)| ((*k).to_string(), (*v).to_string())).collect();
        LogChange { field, from: from.to_string(), to: to.to_string(), detail }
    }

    pub fn plan_created() -> LogChange {
        Self::new("plan", "", "created", &[])
    }

    pub fn plan_deleted() -> LogChange {
        Self::new("plan", "", "deleted", &[])
    }

    pub fn plan_restored() -> LogChange {
        Self::new("plan", "deleted", "restored", &[])
    }

    pub fn item_added(title: &str) -> LogChange {
        Self::new("item", "", "added", &[("title", title)])
    }

    pub fn item_deleted(title: &str) -> LogChange {
        Self::new("item", "", "deleted", &[("title", title)])
    }

    pub fn item_restored(title: &str) -> LogChange {
        Self::new("item", "deleted", "restored", &[("title", title)])
    }

    /// An item's status moved from `from` to what `change` holds, with its date or reason.
    pub fn status(from: ItemStatus, change: &StatusChange) -> LogChange {
        let done_on = change.done_on.map(|d| d.to_string()).unwrap_or_default();
        let detail: &[(&str, &str)] = match change.status {
            ItemStatus::Done => &[("done_on", &done_on)],
            ItemStatus::Blocked => &[("reason", &change.blocked_reason)],
            _ => &[],
        };
        Self::new("status", from.code(), change.status.code(), detail)
    }

    /// A value that changed as it is: title, owner, due, note, goal or team.
    pub fn value(field: &'static str, from: &str, to: &str) -> LogChange {
        Self::new(field, from, to, &[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).expect("date")
    }

    #[test]
    fn lateness_at_the_edges() {
        let today = d(12, 10);
        assert!(!PlanItem::is_late(ItemStatus::InProgress, today, today), "due today is not late yet");
        assert!(PlanItem::is_late(ItemStatus::InProgress, d(12, 9), today), "due yesterday and not done is late");
        assert!(PlanItem::is_late(ItemStatus::Blocked, d(12, 9), today), "blocked does not excuse lateness");
        assert!(!PlanItem::is_late(ItemStatus::Done, d(12, 1), today), "done is never late, even if done after the date");
    }

    #[test]
    fn status_rules() {
        let today = d(12, 10);
        let done = StatusChange::new(ItemStatus::Done, None, "", today).expect("done");
        assert_eq!(done.done_on, Some(today), "marking done records when");
        let back = StatusChange::new(ItemStatus::InProgress, None, "", today).expect("reopen");
        assert_eq!(back.done_on, None, "reopening clears the done date");
        assert!(matches!(StatusChange::new(ItemStatus::Blocked, None, "  ", today), Err(Error::Validation(_))), "blocked needs a reason");
        let blocked = StatusChange::new(ItemStatus::Blocked, None, " 客户领导出差 ", today).expect("blocked");
        assert_eq!(blocked.blocked_reason, "客户领导出差");
    }

    #[test]
    fn progress_is_the_share_done() {
        assert_eq!(progress(0, 0), 0);
        assert_eq!(progress(2, 5), 40);
        assert_eq!(progress(5, 5), 100);
        assert_eq!(progress(1, 3), 33);
    }

    #[test]
    fn pending_is_what_is_neither_done_nor_late() {
        assert_eq!(pending(10, 3, 2), 5);
        assert_eq!(pending(4, 4, 0), 0);
        assert_eq!(progress_of_counts(1, 3), 33, "SQL counts give the same share as the plan's own progress");
        assert_eq!(progress_of_counts(0, 0), 0);
    }
}
