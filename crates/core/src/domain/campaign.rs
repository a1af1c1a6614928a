//! A retention campaign (活动) and its editable settings.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::limits;
use super::text::check;
use crate::domain::ids::CampaignId;
use crate::error::{Error, FieldError, Problem, Result};
use crate::money::Money;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum CampaignStatus {
    Draft,
    Active,
    Closed,
}

impl CampaignStatus {
    pub const ALL: [CampaignStatus; 3] = [Self::Draft, Self::Active, Self::Closed];

    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Active => "active",
            Self::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Campaign {
    pub id: CampaignId,
    pub name: String,
    pub theme: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub status: CampaignStatus,
    pub subsidy_budget: Money,
    pub goals: String,
    pub risk: super::risk::RiskSettings,
    /// Kept, but out of the way: only a closed campaign is archived.
    pub archived: bool,
    /// The campaign this one was copied from (复制为新一期), while it still exists.
    pub copied_from: Option<CampaignId>,
    /// The demonstration campaign (长城计划 as `rampart demo` makes it). Builds before the sample
    /// had a file of its own wrote it into the planner's database; the app marks it 示例 wherever
    /// it is, so it is never taken for real data.
    pub is_demo: bool,
    /// The teams taking part, by name.
    pub teams: Vec<super::org::Team>,
}

impl Campaign {
    /// A date inside the campaign: everything in a campaign happens between its first and last day.
    pub fn contains(&self, date: NaiveDate) -> bool {
        (self.start_date..=self.end_date).contains(&date)
    }

    /// A billing month that overlaps the campaign.
    pub fn covers_period(&self, period: &super::warning::BillingPeriod) -> bool {
        let (first, last) = (super::warning::BillingPeriod::of(self.start_date), super::warning::BillingPeriod::of(self.end_date));
        (first.as_str()..=last.as_str()).contains(&period.as_str())
    }

    /// The problem a date outside the campaign has, for a form field or an import cell.
    pub fn outside(&self) -> Problem {
        Problem::OutsideCampaign { start: self.start_date, end: self.end_date }
    }

    /// `date` in field `field`, or the field error saying the campaign's dates.
    pub fn check_date(&self, field: &str, date: NaiveDate) -> Result<()> {
        if self.contains(date) {
            return Ok(());
        }
        Err(Error::Validation(vec![FieldError::new(field, self.outside())]))
    }
}

/// The earliest and latest of what a campaign already holds: days (plan item due dates,
/// achievements) and billing months (snapshots). New dates for the campaign must keep them inside.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordedSpan {
    pub days: Option<(NaiveDate, NaiveDate)>,
    pub periods: Option<(super::warning::BillingPeriod, super::warning::BillingPeriod)>,
}

impl RecordedSpan {
    /// Field errors on `start_date` and `end_date` when `input`'s dates would leave recorded work
    /// outside the campaign (the rule imports and forms apply to each new record).
    pub fn check(&self, input: &CampaignInput) -> Result<()> {
        use super::warning::BillingPeriod;
        let (start, end) = (input.start_date, input.end_date);
        let mut early = None;
        let mut late = None;
        if let Some((first, last)) = self.days {
            if first < start {
                early = Some(first.to_string());
            }
            if last > end {
                late = Some(last.to_string());
            }
        }
        if let Some((first, last)) = &self.periods {
            if *first < BillingPeriod::of(start) {
                early = early.or_else(|| Some(first.to_string()));
            }
            if *last > BillingPeriod::of(end) {
                late = late.or_else(|| Some(last.to_string()));
            }
        }
        if early.is_none() && late.is_none() {
            return Ok(());
        }
        let first = self.days.map(|d| d.0.to_string()).into_iter().chain(self.periods.as_ref().map(|p| p.0.to_string())).min();
        let last = self.days.map(|d| d.1.to_string()).into_iter().chain(self.periods.as_ref().map(|p| p.1.to_string())).max();
        let problem = Problem::WouldLeaveOutside { first: first.unwrap_or_default(), last: last.unwrap_or_default() };
        let mut errors = Vec::new();
        if early.is_some() {
            errors.push(FieldError::new("start_date", problem.clone()));
        }
        if late.is_some() {
            errors.push(FieldError::new("end_date", problem));
        }
        Err(Error::Validation(errors))
    }
}

/// What the planner edits; validated before it reaches the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct CampaignInput {
    pub name: String,
    pub theme: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub status: CampaignStatus,
    pub subsidy_budget: Money,
    pub goals: String,
}

impl CampaignInput {
    /// Returns the input with text trimmed, or every problem at once.
    pub fn validated(&self) -> Result<CampaignInput> {
        let mut errors = Vec::new();
        let name = check(&mut errors, "name", &self.name, 100, true);
        let theme = check(&mut errors, "theme", &self.theme, 200, false);
        let goals = check(&mut errors, "goals", &self.goals, 4000, false);
        if self.end_date < self.start_date {
            errors.push(FieldError::new("end_date", Problem::EndBeforeStart));
        }
        if !limits::BUDGET.contains(self.subsidy_budget) {
            errors.push(FieldError::new("subsidy_budget", limits::BUDGET.problem()));
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        Ok(CampaignInput { name, theme, goals, ..self.clone() })
    }
}

/// The teams a planner picks for a campaign: existing ones by id, new ones by the names typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct TeamChoice {
    pub ids: Vec<super::ids::TeamId>,
    #[serde(default)]
    pub new_names: Vec<String>,
}

impl TeamChoice {
    /// The new names trimmed, blanks and repeats dropped; a name too long or with a control
    /// character is the field `teams`'s problem.
    pub fn new_names(&self) -> Result<Vec<String>> {
        let mut errors = Vec::new();
        let mut names: Vec<String> = Vec::new();
        for name in &self.new_names {
            let name = check(&mut errors, "teams", name, 50, false);
            if !name.is_empty() && !names.contains(&name) {
                names.push(name);
            }
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        Ok(names)
    }
}

/// What deleting a campaign removes (or would remove), table by table. Clients, contracts,
/// teams and people are never among them: they belong to the database, not to one campaign.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct CampaignRemoval {
    pub campaign_id: CampaignId,
    pub name: String,
    /// False for a dry run: the counts say what would go.
    pub removed: bool,
    pub targets: i64,
    pub teams: i64,
    pub plans: i64,
    pub plan_items: i64,
    pub plan_log: i64,
    pub plan_template: i64,
    pub awards: i64,
    pub award_tiers: i64,
    pub award_weights: i64,
    pub award_targets: i64,
    pub award_locks: i64,
    pub metrics: i64,
    pub achievements: i64,
    pub warnings: i64,
    pub warning_log: i64,
    pub snapshots: i64,
    /// Rule sets in force, superseded and discarded.
    pub rule_sets: i64,
    pub scenarios: i64,
    pub rate_overrides: i64,
    pub subsidies: i64,
}

/// Counts for the overview page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct CampaignSummary {
    pub targets: i64,
    pub contracts: i64,
    pub by_category: Vec<(String, i64)>,
    pub by_tier: Vec<(String, i64)>,
    pub by_team: Vec<(String, i64)>,
    /// High competition-risk targets, in all and by category and team.
    pub high_risk: i64,
    pub high_risk_by_category: Vec<(String, i64)>,
    pub high_risk_by_team: Vec<(String, i64)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> CampaignInput {
        CampaignInput {
            name: " 长城计划 ".into(),
            theme: "领跑3G信息化，助您事业新境界".into(),
            start_date: NaiveDate::from_ymd_opt(2026, 10, 1).expect("date"),
            end_date: NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"),
            status: CampaignStatus::Active,
            subsidy_budget: Money::from_yuan(500_000),
            goals: String::new(),
        }
    }

    #[test]
    fn trims_and_accepts_a_sound_campaign() {
        let ok = input().validated().expect("valid campaign");
        assert_eq!(ok.name, "长城计划", "surrounding spaces are never meaningful in a name");
    }

    #[test]
    fn reports_every_problem_at_once() {
        let mut bad = input();
        bad.name = "  ".into();
        bad.end_date = NaiveDate::from_ymd_opt(2026, 9, 1).expect("date");
        bad.subsidy_budget = Money::from_fen(-1);
        let Err(Error::Validation(fields)) = bad.validated() else { panic!("must be refused") };
        let names: Vec<_> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["name", "end_date", "subsidy_budget"], "the form marks all three at once");
    }

    #[test]
    fn a_budget_beyond_belief_is_refused_with_the_range() {
        let mut huge = input();
        huge.subsidy_budget = Money::from_yuan(92_000_000_000_000_000);
        let Err(Error::Validation(fields)) = huge.validated() else { panic!("92 quadrillion yuan is no budget") };
        assert_eq!(fields[0].problem, limits::BUDGET.problem(), "the same range the readers use");
        huge.subsidy_budget = limits::BUDGET.max;
        huge.validated().expect("the top of the range is a budget");
    }
}
