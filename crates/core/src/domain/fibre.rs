//! Strategy 4, resources prepared first (资源提前准备到位): the campaign's high-risk targets
//! without fibre to the premises form a work list, each with where its fibre preparation
//! stands (待勘察 → 已勘察 → 已排期 → 已完成, or 无法覆盖 with the reason) and the days it got there.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::{ClientId, TeamId};
use super::text::check;
use crate::error::{Error, FieldError, Problem, Result};

/// The longest reason a planner can give for a client fibre cannot reach.
pub const REASON_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum FibreStatus {
    ToSurvey,
    Surveyed,
    Scheduled,
    Done,
    NotCoverable,
}

impl FibreStatus {
    pub const ALL: [FibreStatus; 5] =
        [FibreStatus::ToSurvey, FibreStatus::Surveyed, FibreStatus::Scheduled, FibreStatus::Done, FibreStatus::NotCoverable];

    pub fn code(self) -> &'static str {
        match self {
            FibreStatus::ToSurvey => "to_survey",
            FibreStatus::Surveyed => "surveyed",
            FibreStatus::Scheduled => "scheduled",
            FibreStatus::Done => "done",
            FibreStatus::NotCoverable => "not_coverable",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            FibreStatus::ToSurvey => "待勘察",
            FibreStatus::Surveyed => "已勘察",
            FibreStatus::Scheduled => "已排期",
            FibreStatus::Done => "已完成",
            FibreStatus::NotCoverable => "无法覆盖",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            FibreStatus::ToSurvey => "To survey",
            FibreStatus::Surveyed => "Surveyed",
            FibreStatus::Scheduled => "Scheduled",
            FibreStatus::Done => "Done",
            FibreStatus::NotCoverable => "Cannot be covered",
        }
    }

    /// A code or a label in either language, as a planner types it in a tracker or the CLI.
    pub fn parse(text: &str) -> Option<FibreStatus> {
        let text = text.trim();
        Self::ALL.into_iter().find(|s| s.code() == text || s.label_zh() == text || s.label_en().eq_ignore_ascii_case(text))
    }

    pub fn codes() -> String {
        Self::ALL.iter().map(|s| s.code()).collect::<Vec<_>>().join(", ")
    }
}

/// Where one client's preparation is to be moved, with the days that back it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct FibreUpdate {
    pub status: FibreStatus,
    /// Why fibre cannot reach the client; required for 无法覆盖.
    #[serde(default)]
    pub reason: String,
    pub surveyed_on: Option<NaiveDate>,
    /// The day the installation is scheduled for (may be ahead of today).
    pub scheduled_on: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
}

impl FibreUpdate {
    /// Checks the update against `today` and returns it tidied (the reason trimmed), or every
    /// problem at once: each status needs the day it was reached (a survey before scheduling,
    /// done on a day already past), days in order, and a reason when fibre cannot reach.
    pub fn validate(&self, today: NaiveDate) -> Result<FibreUpdate> {
        let mut errors = Vec::new();
        let reason = check(&mut errors, "reason", &self.reason, REASON_CHARS, self.status == FibreStatus::NotCoverable);
        let needed: &[(&str, Option<NaiveDate>)] = match self.status {
            FibreStatus::ToSurvey | FibreStatus::NotCoverable => &[],
            FibreStatus::Surveyed => &[("surveyed_on", self.surveyed_on)],
            FibreStatus::Scheduled => &[("surveyed_on", self.surveyed_on), ("scheduled_on", self.scheduled_on)],
            FibreStatus::Done => &[("surveyed_on", self.surveyed_on), ("done_on", self.done_on)],
        };
        for (field, day) in needed {
            if day.is_none() {
                errors.push(FieldError::new(*field, Problem::Required));
            }
        }
        for (field, day) in [("surveyed_on", self.surveyed_on), ("done_on", self.done_on)] {
            if day.is_some_and(|d| d > today) {
                errors.push(FieldError::new(field, Problem::AfterToday { today }));
            }
        }
        if let Some(surveyed) = self.surveyed_on {
            for (field, day) in [("scheduled_on", self.scheduled_on), ("done_on", self.done_on)] {
                if day.is_some_and(|d| d < surveyed) {
                    errors.push(FieldError::new(field, Problem::EndBeforeStart));
                }
            }
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        // Days of stages the status has not reached are dropped, so moving back (to 待勘察 after
        // a failed schedule) leaves no stale dates; a reason belongs to 无法覆盖 alone.
        let keep = |day: Option<NaiveDate>, from: &[FibreStatus]| day.filter(|_| from.contains(&self.status));
        use FibreStatus::*;
        Ok(FibreUpdate {
            status: self.status,
            reason: if self.status == NotCoverable { reason } else { String::new() },
            surveyed_on: keep(self.surveyed_on, &[Surveyed, Scheduled, Done, NotCoverable]),
            scheduled_on: keep(self.scheduled_on, &[Scheduled, Done]),
            done_on: keep(self.done_on, &[Done]),
        })
    }
}

/// One high-risk target without fibre and its preparation (待勘察 when never touched).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct FibreRow {
    pub client_id: ClientId,
    pub code: String,
    pub name: String,
    pub team_id: Option<TeamId>,
    pub team_name: String,
    pub account_manager: String,
    pub status: FibreStatus,
    pub reason: String,
    pub surveyed_on: Option<NaiveDate>,
    pub scheduled_on: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
    /// Who last changed it and when (none: never touched).
    pub updated_by: Option<String>,
    pub updated_at: Option<String>,
}

/// A team's work list by status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct FibreTeamCount {
    pub team_id: Option<TeamId>,
    pub team_name: String,
    /// One count per status of `FibreStatus::ALL`, in that order.
    pub by_status: Vec<(FibreStatus, i64)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default()
    }

    fn update(status: FibreStatus) -> FibreUpdate {
        FibreUpdate { status, reason: String::new(), surveyed_on: None, scheduled_on: None, done_on: None }
    }

    fn fields(u: &FibreUpdate, today: NaiveDate) -> Vec<String> {
        match u.validate(today) {
            Err(Error::Validation(errors)) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected validation errors, got {other:?}"),
        }
    }

    #[test]
    fn each_status_needs_the_days_that_back_it() {
        let today = day(11, 20);
        assert!(update(FibreStatus::ToSurvey).validate(today).is_ok(), "back to 待勘察 needs nothing");
        assert_eq!(fields(&update(FibreStatus::Scheduled), today), ["surveyed_on", "scheduled_on"]);
        assert_eq!(fields(&update(FibreStatus::NotCoverable), today), ["reason"], "无法覆盖 says why");
        let mut scheduled = update(FibreStatus::Scheduled);
        scheduled.surveyed_on = Some(day(11, 10));
        scheduled.scheduled_on = Some(day(12, 5));
        assert!(scheduled.validate(today).is_ok(), "an installation can be scheduled ahead of today");
        let mut back = scheduled.clone();
        back.status = FibreStatus::ToSurvey;
        let back = back.validate(today).expect("back to 待勘察");
        assert_eq!((back.surveyed_on, back.scheduled_on), (None, None), "moving back leaves no dates of stages not reached");
        let mut done = update(FibreStatus::Done);
        done.surveyed_on = Some(day(11, 10));
        done.done_on = Some(day(11, 25));
        assert_eq!(fields(&done, today), ["done_on"], "work cannot be done after today");
        done.done_on = Some(day(11, 5));
        assert_eq!(fields(&done, today), ["done_on"], "nor before the survey");
    }

    #[test]
    fn a_status_is_read_as_a_code_or_a_label_in_either_language() {
        assert_eq!(FibreStatus::parse("已排期"), Some(FibreStatus::Scheduled));
        assert_eq!(FibreStatus::parse(" cannot be covered "), Some(FibreStatus::NotCoverable));
        assert_eq!(FibreStatus::parse("to_survey"), Some(FibreStatus::ToSurvey));
        assert_eq!(FibreStatus::parse("已开通"), None);
    }
}
