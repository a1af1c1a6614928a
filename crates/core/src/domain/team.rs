//! Team mode's data as it crosses the wire: what the server sends (and the CLI and the desktop
//! app read back). The rules of who sees what are in [`super::access`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::plan::{ItemKind, ItemStatus};
use super::warning::{WarningReason, WarningStatus};
use crate::Money;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct TeamCampaign {
    pub id: i64,
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct TeamClient {
    pub id: i64,
    pub campaign_id: i64,
    pub code: String,
    pub name: String,
    pub category: String,
    pub district_id: i64,
    pub district: String,
    pub manager_id: Option<i64>,
    pub manager: Option<String>,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct TeamKeyPerson {
    pub id: i64,
    pub name: String,
    pub title: String,
    /// Whole for the client's own district, masked (138****5678) for everyone else.
    pub phone: String,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct TeamClientDetail {
    #[serde(flatten)]
    pub client: TeamClient,
    pub key_persons: Vec<TeamKeyPerson>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct TeamPlanItem {
    pub id: i64,
    pub client_id: i64,
    pub client_code: String,
    pub client: String,
    pub district: String,
    pub kind: ItemKind,
    pub title: String,
    pub owner_id: Option<i64>,
    pub owner: Option<String>,
    pub due: NaiveDate,
    pub status: ItemStatus,
    pub done_on: Option<NaiveDate>,
    pub blocked_reason: String,
    pub note: String,
    /// Not done and past its due date, as of the day asked about.
    pub late: bool,
    pub version: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct ItemFilter {
    pub client: Option<i64>,
    pub status: Option<ItemStatus>,
    #[serde(default)]
    pub offset: i64,
    #[serde(default = "default_limit")]
    pub limit: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct TeamWarning {
    pub id: i64,
    pub client_id: i64,
    pub client_code: String,
    pub client: String,
    pub district: String,
    /// The client's account manager: responsibility follows the client (一对一).
    pub manager: Option<String>,
    pub contract: String,
    pub reason: WarningReason,
    pub period: String,
    pub before: Money,
    pub after: Money,
    pub raised_on: NaiveDate,
    pub status: WarningStatus,
    pub contacted_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub note: String,
    pub age_days: i64,
    pub next_statuses: Vec<WarningStatus>,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct AuditEntry {
    pub id: i64,
    /// RFC 3339, in UTC.
    pub at: String,
    pub account: String,
    pub action: String,
    pub entity: String,
    pub entity_id: i64,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// A page of rows with the total that matched; paging is explicit, nothing is cut silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct TeamPage<T> {
    pub total: i64,
    pub offset: i64,
    pub rows: Vec<T>,
}

fn default_limit() -> i64 {
    100
}

/// A returned team tracker's line that cannot be applied, by its row and column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct TrackerRowProblem {
    pub sheet: String,
    pub row: u64,
    pub column: String,
    pub message_zh: String,
    pub message_en: String,
}

/// A line whose item someone changed after the tracker was exported: the item as it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct TrackerConflict {
    pub row: u64,
    pub current: TeamPlanItem,
}

/// What applying a returned team tracker did: all of it, or nothing when any line has a
/// problem or a conflict (then `written` is false and nothing changed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct TeamTrackerReport {
    pub written: bool,
    pub applied: i64,
    pub unchanged: i64,
    pub problems: Vec<TrackerRowProblem>,
    pub conflicts: Vec<TrackerConflict>,
}

/// The team tracker's columns, in order: (zh, en). The first two say which item and which
/// version of it the line was exported from; the last three (hidden) what it said then, so a
/// line the team left alone is not taken for a change.
pub const TRACKER_COLUMNS: [(&str, &str); 14] = [
    ("事项编号", "Item no."),
    ("版本", "Version"),
    ("客户编码", "Client code"),
    ("客户", "Client"),
    ("区县", "District"),
    ("事项", "Item"),
    ("负责人", "Owner"),
    ("到期日", "Due"),
    ("状态", "Status"),
    ("完成日期", "Done on"),
    ("受阻原因", "Why blocked"),
    ("导出时状态", "Status when exported"),
    ("导出时完成日期", "Done on when exported"),
    ("导出时受阻原因", "Why blocked when exported"),
];

/// The sheet the team tracker's items are on.
pub const TRACKER_SHEET: (&str, &str) = ("一户一案事项", "Plan items");

/// A value for a URL's query string, percent-encoded byte by byte (Chinese names included), as
/// the CLI and the desktop both send searches and file names to the server.
pub fn query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn query_values_keep_only_unreserved_characters() {
        assert_eq!(super::query_value("鼓楼 A-1&b=2"), "%E9%BC%93%E6%A5%BC%20A-1%26b%3D2");
        assert_eq!(super::query_value("a.b_c~"), "a.b_c~");
    }
}
