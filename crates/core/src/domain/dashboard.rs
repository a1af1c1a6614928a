//! The campaign's progress on one day (概览 and the weekly report 周报): how far the campaign
//! has run, each KPI against its target with its weekly trend, budgets, plan work by team,
//! open warnings by age, each award's leaders and the high-risk targets still without help.
//! The store fills it in (`store/dashboard.rs`); the app, the CLI and both report formats
//! show the same figures.

use chrono::NaiveDate;
use serde::Serialize;

use super::awards::Scope;
use super::ids::{AwardId, CampaignId, TeamId};
use super::kpi::KpiReading;
use super::prizes::IncentiveBudget;
use super::ranking::Entry;
use super::skeleton::{Goal, Part};
use crate::money::Money;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Dashboard {
    pub campaign_id: CampaignId,
    pub campaign_name: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub as_of: NaiveDate,
    /// The team the figures are narrowed to; none for the whole campaign.
    pub team_id: Option<TeamId>,
    pub team_name: Option<String>,
    pub calendar: Calendar,
    /// The dates each KPI's trend is read on: every Sunday since the start, ending with `as_of`.
    pub week_ends: Vec<NaiveDate>,
    pub goals: Vec<GoalProgress>,
    pub parts: Vec<PartProgress>,
    pub subsidy: SubsidyUse,
    pub incentive: IncentiveBudget,
    /// Per team, then the whole (`team_id` none) last.
    pub plans: Vec<TeamPlans>,
    pub warnings: WarningAges,
    pub leaders: Vec<AwardLeaders>,
    pub gaps: HighRiskGaps,
}

/// How far the campaign has run on the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Calendar {
    /// Days from the start to the end date, both counted.
    pub days_total: i64,
    /// Days run, the as-of day counted; 0 before the start, `days_total` after the end.
    pub days_run: i64,
    /// Days after the as-of day until the end, the end day counted; 0 on and after the end.
    pub days_left: i64,
}

impl Calendar {
    pub fn on(start: NaiveDate, end: NaiveDate, as_of: NaiveDate) -> Calendar {
        let days_total = (end - start).num_days() + 1;
        let days_run = ((as_of - start).num_days() + 1).clamp(0, days_total.max(0));
        let days_left = (end - as_of).num_days().clamp(0, days_total.max(0));
        Calendar { days_total, days_run, days_left }
    }
}

/// A KPI's figure and status on the day and its figure at each of the dashboard's week ends.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct KpiProgress {
    pub reading: KpiReading,
    pub trend: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct GoalProgress {
    pub goal: Goal,
    pub kpis: Vec<KpiProgress>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct PartProgress {
    pub part: Part,
    pub kpis: Vec<KpiProgress>,
}

/// Cross-subsidy given against the campaign's subsidy budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct SubsidyUse {
    pub budget: Money,
    pub used: Money,
    /// Used out of the budget in basis points; none without a budget.
    pub used_bp: Option<i64>,
    pub over: bool,
}

impl SubsidyUse {
    pub fn new(budget: Money, used: Money) -> SubsidyUse {
        let used_bp = crate::basis_points::share_bp(used.fen(), budget.fen());
        SubsidyUse { budget, used, used_bp, over: budget.fen() > 0 && used.fen() > budget.fen() }
    }
}

/// One team's 一户一案 work on the day (or the whole campaign's when `team_id` is none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct TeamPlans {
    pub team_id: Option<TeamId>,
    pub team_name: String,
    pub targets: i64,
    /// Targets with a plan on the day.
    pub planned: i64,
    pub items: i64,
    /// Items done by the day.
    pub done: i64,
    /// Items due before the day and not done by it.
    pub overdue: i64,
}

/// Age of an open warning in days since it was raised: the buckets the dashboard counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum WarningAge {
    /// Up to 3 days: the account manager should be on it (第一时间沟通挽留).
    Fresh,
    /// 4 to 7 days.
    Week,
    /// 8 to 14 days.
    Fortnight,
    /// 15 days and more.
    Older,
}

impl WarningAge {
    pub const ALL: [WarningAge; 4] = [WarningAge::Fresh, WarningAge::Week, WarningAge::Fortnight, WarningAge::Older];

    pub fn of(days: i64) -> WarningAge {
        match days {
            ..=3 => WarningAge::Fresh,
            4..=7 => WarningAge::Week,
            8..=14 => WarningAge::Fortnight,
            _ => WarningAge::Older,
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            WarningAge::Fresh => "3天内",
            WarningAge::Week => "4–7天",
            WarningAge::Fortnight => "8–14天",
            WarningAge::Older => "15天以上",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            WarningAge::Fresh => "Up to 3 days",
            WarningAge::Week => "4–7 days",
            WarningAge::Fortnight => "8–14 days",
            WarningAge::Older => "15 days or more",
        }
    }
}

/// Open warnings on the day by age, and how the closed ones ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct WarningAges {
    pub open: i64,
    /// One count per bucket of `WarningAge::ALL`, in that order.
    pub by_age: Vec<(WarningAge, i64)>,
    /// Open warnings per team, most first.
    pub open_by_team: Vec<(String, i64)>,
    pub retained: i64,
    pub lost: i64,
    /// Retained out of those closed by the day, in basis points.
    pub retention_bp: Option<i64>,
}

/// The top places of one ranking of an award on the day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct AwardLeaders {
    pub award_id: AwardId,
    pub name: String,
    pub scope: Scope,
    pub industry: Option<String>,
    /// What a score counts, as the ranking says ("quantity", "attainment_bp", "weighted_bp").
    pub unit: String,
    /// Entries placed in the top three (more when places are shared).
    pub leaders: Vec<Entry>,
    /// The award's prize cost (the same on each of its rankings).
    pub prize_cost: Money,
}

/// The top places: entries ranked third or better.
pub const LEADING_PLACES: u32 = 3;

/// High competition-risk targets, and those of them still without each kind of help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct HighRiskGaps {
    pub high_risk: i64,
    pub without_subsidy: i64,
    pub without_plan: i64,
    pub without_fibre: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("date")
    }

    #[test]
    fn the_calendar_counts_both_ends_and_stops_at_them() {
        let (start, end) = (day(10, 1), day(12, 31));
        assert_eq!(Calendar::on(start, end, day(10, 1)), Calendar { days_total: 92, days_run: 1, days_left: 91 }, "the first day has run");
        assert_eq!(Calendar::on(start, end, day(12, 31)).days_left, 0, "nothing is left on the last day");
        assert_eq!(Calendar::on(start, end, day(9, 20)), Calendar { days_total: 92, days_run: 0, days_left: 92 }, "before the start");
        assert_eq!(Calendar::on(start, end, day(12, 2)).days_left, 29, "from 2 December: 3..31 December");
        assert_eq!(Calendar::on(start, end, NaiveDate::from_ymd_opt(2027, 1, 5).expect("date")).days_run, 92, "after the end");
    }

    #[test]
    fn warnings_age_into_buckets_at_their_edges() {
        let ages: Vec<_> = [0, 3, 4, 7, 8, 14, 15, 400].map(WarningAge::of).to_vec();
        use WarningAge::*;
        assert_eq!(ages, [Fresh, Fresh, Week, Week, Fortnight, Fortnight, Older, Older]);
    }

    #[test]
    fn subsidy_use_is_in_basis_points_of_a_budget() {
        let s = SubsidyUse::new(Money::from_fen(30_000), Money::from_fen(10_000));
        assert_eq!(s.used_bp, Some(3333), "a third of the budget, to the nearest basis point");
        assert!(!s.over);
        assert!(SubsidyUse::new(Money::from_fen(100), Money::from_fen(101)).over, "one fen over is over");
        assert_eq!(SubsidyUse::new(Money::ZERO, Money::from_fen(5)).used_bp, None, "no budget, no share");
    }
}
