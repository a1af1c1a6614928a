//! The lists the weekly report (周报) prints beside the dashboard's figures: plan items past
//! their due date and warnings still open, each on the report's day. The store reads them
//! (`store/report_lists.rs`) with the same rules the dashboard counts by, so a list's length is
//! the dashboard's count.

use chrono::NaiveDate;
use serde::Serialize;

use super::warning::WarningReason;

/// A plan item due before the day and not done by it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LateItem {
    /// The client's team; empty for a client without one.
    pub team: String,
    pub client: String,
    pub item: String,
    pub owner: Option<String>,
    pub due_date: NaiveDate,
    /// Days from the due date to the day.
    pub days_late: i64,
}

/// A target's warning raised by the day and not closed by it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenWarning {
    pub team: String,
    pub client: String,
    pub contract: String,
    pub reason: WarningReason,
    pub raised_on: NaiveDate,
    /// Days since it was raised.
    pub age_days: i64,
    pub owner: Option<String>,
}

/// Rows grouped by team, in the order given (the store sorts by team first).
pub fn by_team<'a, T>(rows: &'a [T], team: impl Fn(&T) -> &str) -> Vec<(&'a str, Vec<&'a T>)> {
    let mut groups: Vec<(&'a str, Vec<&'a T>)> = Vec::new();
    for row in rows {
        let name = team(row);
        match groups.last_mut() {
            Some((last, members)) if *last == name => members.push(row),
            _ => groups.push((name, vec![row])),
        }
    }
    groups
}
