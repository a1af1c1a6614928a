//! The visit system (走访制度): each target is visited at its tier's frequency over the campaign
//! (A monthly, B quarterly, C half-yearly in the sample), and on demand; the account manager owns
//! the visit and records who met whom, the needs and competitors heard of, and the next steps.
//!
//! The campaign is cut into periods of the tier's length from its first day; each period wants
//! one visit, due on its last day (the last period ends with the campaign). A visit recorded on
//! any day of a period meets it.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::ids::{ClientId, TeamId};
use super::text::check;
use crate::error::{Error, FieldError, Problem, Result};

pub const MET_CHARS: usize = 200;
pub const NOTE_CHARS: usize = 1_000;
pub const REASON_CHARS: usize = 200;

/// One stretch of the campaign that wants a visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct VisitPeriod {
    pub from: NaiveDate,
    /// The last day of the period, when its visit is due.
    pub due: NaiveDate,
}

/// The periods of a campaign from `start` to `end` for a visit every `every_months` months.
pub fn schedule(start: NaiveDate, end: NaiveDate, every_months: u32) -> Vec<VisitPeriod> {
    let mut periods = Vec::new();
    if end < start || every_months == 0 {
        return periods;
    }
    let mut from = start;
    let mut k = 1;
    while from <= end {
        let next = start.checked_add_months(Months::new(every_months * k)).unwrap_or(NaiveDate::MAX);
        let due = next.pred_opt().unwrap_or(next).min(end);
        periods.push(VisitPeriod { from, due });
        if next <= from {
            break;
        }
        from = next;
        k += 1;
    }
    periods
}

/// A visit as the account manager records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct VisitInput {
    pub visited_on: NaiveDate,
    /// Who met whom: our people and the client's.
    pub met: String,
    /// Needs heard of (业务需求).
    #[serde(default)]
    pub needs: String,
    /// What competitors are doing there (竞争对手动态).
    #[serde(default)]
    pub competitors: String,
    #[serde(default)]
    pub next_steps: String,
    /// The visit asked for (on demand) that this one answers, if any.
    #[serde(default)]
    pub request: Option<i64>,
}

impl VisitInput {
    /// The visit tidied, or every problem at once: a visit is recorded once it happened, and on a
    /// day of the campaign.
    pub fn validate(&self, today: NaiveDate, campaign: (NaiveDate, NaiveDate)) -> Result<VisitInput> {
        let mut errors = Vec::new();
        let met = check(&mut errors, "met", &self.met, MET_CHARS, true);
        let needs = check(&mut errors, "needs", &self.needs, NOTE_CHARS, false);
        let competitors = check(&mut errors, "competitors", &self.competitors, NOTE_CHARS, false);
        let next_steps = check(&mut errors, "next_steps", &self.next_steps, NOTE_CHARS, false);
        if self.visited_on > today {
            errors.push(FieldError::new("visited_on", Problem::AfterToday { today }));
        } else if self.visited_on < campaign.0 || self.visited_on > campaign.1 {
            errors.push(FieldError::new("visited_on", Problem::OutsideCampaign { start: campaign.0, end: campaign.1 }));
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        Ok(VisitInput { visited_on: self.visited_on, met, needs, competitors, next_steps, request: self.request })
    }
}

/// A visit asked for outside the schedule (a complaint, a renewal talk), due on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct VisitRequest {
    pub due: NaiveDate,
    pub reason: String,
}

impl VisitRequest {
    pub fn validate(&self, campaign: (NaiveDate, NaiveDate)) -> Result<VisitRequest> {
        let mut errors = Vec::new();
        let reason = check(&mut errors, "reason", &self.reason, REASON_CHARS, true);
        if self.due < campaign.0 || self.due > campaign.1 {
            errors.push(FieldError::new("due", Problem::OutsideCampaign { start: campaign.0, end: campaign.1 }));
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        Ok(VisitRequest { due: self.due, reason })
    }
}

/// A visit still wanted as of a day: a scheduled period without a visit, or a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct DueVisit {
    pub client_id: ClientId,
    pub client_code: String,
    pub client: String,
    pub tier: String,
    pub team_id: Option<TeamId>,
    pub team_name: String,
    /// The account manager, who owns the visit.
    pub owner: String,
    /// The VIP account manager, told as well (empty: none).
    pub vip_manager: String,
    /// The period's first day (a request's: the day it was asked for).
    pub from: NaiveDate,
    pub due: NaiveDate,
    pub overdue: bool,
    pub days_overdue: i64,
    /// The on-demand request this is (none: the tier's schedule).
    pub request_id: Option<i64>,
    pub reason: String,
    pub last_visit: Option<NaiveDate>,
}

/// A recorded visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Visit {
    pub id: i64,
    pub client_id: ClientId,
    pub client_code: String,
    pub client: String,
    pub owner: String,
    pub visited_on: NaiveDate,
    pub met: String,
    pub needs: String,
    pub competitors: String,
    pub next_steps: String,
    pub request_id: Option<i64>,
    pub recorded_by: String,
    pub recorded_at: String,
}

/// Due and overdue visits of one owner (or team) as of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct VisitLoad {
    pub name: String,
    pub due: i64,
    pub overdue: i64,
}

/// Whether a visit due on `due` is overdue on `today`: the day after it is.
pub fn overdue(due: NaiveDate, today: NaiveDate) -> i64 {
    (today - due).num_days().max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    #[test]
    fn a_quarter_long_campaign_wants_three_monthly_visits_and_one_quarterly_and_one_half_yearly() {
        let (start, end) = (day("2026-10-01"), day("2026-12-31"));
        let monthly: Vec<_> = schedule(start, end, 1).iter().map(|p| (p.from.to_string(), p.due.to_string())).collect();
        assert_eq!(
            monthly,
            [("2026-10-01", "2026-10-31"), ("2026-11-01", "2026-11-30"), ("2026-12-01", "2026-12-31")]
                .map(|(a, b)| (a.to_string(), b.to_string())),
            "tier A: one visit each calendar month of the campaign, due on its last day"
        );
        assert_eq!(schedule(start, end, 3), [VisitPeriod { from: start, due: end }], "tier B: one quarter, one visit");
        assert_eq!(schedule(start, end, 6), [VisitPeriod { from: start, due: end }], "a period longer than the campaign ends with it");
    }

    #[test]
    fn periods_count_from_the_campaign_start_and_the_last_is_cut_at_the_end() {
        let periods = schedule(day("2026-01-31"), day("2026-04-15"), 1);
        let dues: Vec<_> = periods.iter().map(|p| p.due.to_string()).collect();
        assert_eq!(
            dues,
            ["2026-02-27", "2026-03-30", "2026-04-15"],
            "months from 31 Jan end a day before the 28th, 31st of the next months"
        );
        assert_eq!(periods[1].from, day("2026-02-28"), "each period starts where the last ended");
        assert!(schedule(day("2026-05-01"), day("2026-04-01"), 1).is_empty(), "no periods for a campaign that ends before it starts");
    }

    #[test]
    fn a_visit_is_recorded_after_it_happened_and_inside_the_campaign() {
        let campaign = (day("2026-10-01"), day("2026-12-31"));
        let visit = VisitInput {
            visited_on: day("2026-12-04"),
            met: "".into(),
            needs: String::new(),
            competitors: String::new(),
            next_steps: String::new(),
            request: None,
        };
        let Err(Error::Validation(errors)) = visit.validate(day("2026-12-03"), campaign) else { panic!("a visit tomorrow is refused") };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["met", "visited_on"]);
        let early = VisitInput { visited_on: day("2026-09-30"), met: "张经理拜访王主任".into(), ..visit };
        assert!(early.validate(day("2026-12-03"), campaign).is_err(), "a visit before the campaign is not one of its visits");
        assert_eq!(overdue(day("2026-11-30"), day("2026-12-03")), 3);
        assert_eq!(overdue(day("2026-12-31"), day("2026-12-03")), 0);
    }
}
