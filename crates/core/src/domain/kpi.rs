//! KPIs (关键指标): what a campaign goal or a battle measures, the catalogue of metrics Rampart
//! computes from its own data, and how a figure stands against its target. The SQL that computes
//! each metric is in `store/kpis.rs`.
//!
//! Every figure is a plain number in its metric's unit: rates and shares in percent (0–100),
//! money in 元, counts as counts. A target is in the same unit.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::ids::{CampaignId, GoalId, KpiId, PartId};
use super::text::has_control;
use crate::error::{Error, FieldError, Problem, Result};

/// The metrics a KPI can name. `Manual` is entered by hand per week (`kpi_values`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Warnings retained out of those closed (retained + lost), by the date.
    WarningRetention,
    /// Monthly fees of target contracts still in the network in their latest snapshot, against
    /// the same contracts' first snapshot.
    RevenueKept,
    /// Sum of an achievement metric's quantity (parameter `metric`).
    AchievementQuantity,
    /// Sum of an achievement metric's amount, in 元 (parameter `metric`).
    AchievementAmount,
    /// Targets with a plan (一户一案) out of all targets.
    PlanCoverage,
    /// Plan items done out of all plan items.
    PlanCompletion,
    /// Cross-subsidy given out of the campaign's subsidy budget.
    SubsidyBudgetUsed,
    /// High competition-risk targets with a subsidy, out of all high-risk targets.
    HighRiskWithSubsidy,
    /// High-risk targets with a plan, out of all high-risk targets.
    HighRiskWithPlan,
    /// High-risk targets with a fibre-to-the-premises contract, out of all high-risk targets.
    HighRiskWithFibre,
    /// Targets whose key person was recorded within the campaign's first N days (parameter `days`).
    KeyPersonConfirmed,
    /// A figure from outside Rampart, entered per week.
    Manual,
    /// Scheduled visits made within their period, out of those due by the day (走访及时率).
    VisitsOnTime,
    /// High-risk targets without fibre whose preparation is done, out of all of them.
    FibrePrepared,
    /// Green-channel requests resolved within their deadline, out of those resolved (SLA).
    SlaOnTime,
    /// Holiday greetings sent to new switchboard users (移动维挽), counted.
    GreetingsSent,
}

impl Metric {
    pub const ALL: [Metric; 16] = [
        Metric::WarningRetention,
        Metric::RevenueKept,
        Metric::AchievementQuantity,
        Metric::AchievementAmount,
        Metric::PlanCoverage,
        Metric::PlanCompletion,
        Metric::SubsidyBudgetUsed,
        Metric::HighRiskWithSubsidy,
        Metric::HighRiskWithPlan,
        Metric::HighRiskWithFibre,
        Metric::KeyPersonConfirmed,
        Metric::Manual,
        Metric::VisitsOnTime,
        Metric::FibrePrepared,
        Metric::SlaOnTime,
        Metric::GreetingsSent,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Metric::WarningRetention => "warning_retention",
            Metric::RevenueKept => "revenue_kept",
            Metric::AchievementQuantity => "achievement_quantity",
            Metric::AchievementAmount => "achievement_amount",
            Metric::PlanCoverage => "plan_coverage",
            Metric::PlanCompletion => "plan_completion",
            Metric::SubsidyBudgetUsed => "subsidy_budget_used",
            Metric::HighRiskWithSubsidy => "high_risk_with_subsidy",
            Metric::HighRiskWithPlan => "high_risk_with_plan",
            Metric::HighRiskWithFibre => "high_risk_with_fibre",
            Metric::KeyPersonConfirmed => "key_person_confirmed",
            Metric::Manual => "manual",
            Metric::VisitsOnTime => "visits_on_time",
            Metric::FibrePrepared => "fibre_prepared",
            Metric::SlaOnTime => "sla_on_time",
            Metric::GreetingsSent => "greetings_sent",
        }
    }

    pub fn from_code(code: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.code() == code)
    }

    pub fn codes() -> String {
        Metric::ALL.map(Metric::code).join(", ")
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Metric::WarningRetention => "预警合同挽留率",
            Metric::RevenueKept => "目标合同在网收入保持率",
            Metric::AchievementQuantity => "业绩数量",
            Metric::AchievementAmount => "业绩金额",
            Metric::PlanCoverage => "一户一案覆盖率",
            Metric::PlanCompletion => "一户一案完成率",
            Metric::SubsidyBudgetUsed => "补贴预算使用率",
            Metric::HighRiskWithSubsidy => "高风险客户补贴覆盖率",
            Metric::HighRiskWithPlan => "高风险客户方案覆盖率",
            Metric::HighRiskWithFibre => "高风险客户光纤到户率",
            Metric::KeyPersonConfirmed => "关键人确认率",
            Metric::Manual => "手工填报",
            Metric::VisitsOnTime => "走访及时率",
            Metric::FibrePrepared => "高风险客户光纤准备完成率",
            Metric::SlaOnTime => "绿色通道按时解决率",
            Metric::GreetingsSent => "新总机用户节日关怀条数",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Metric::WarningRetention => "Warned contracts retained",
            Metric::RevenueKept => "Target revenue still in network",
            Metric::AchievementQuantity => "Achievement quantity",
            Metric::AchievementAmount => "Achievement amount",
            Metric::PlanCoverage => "Plan coverage",
            Metric::PlanCompletion => "Plan completion",
            Metric::SubsidyBudgetUsed => "Subsidy budget used",
            Metric::HighRiskWithSubsidy => "High-risk targets with a subsidy",
            Metric::HighRiskWithPlan => "High-risk targets with a plan",
            Metric::HighRiskWithFibre => "High-risk targets with fibre",
            Metric::KeyPersonConfirmed => "Key person confirmed",
            Metric::Manual => "Entered by hand",
            Metric::VisitsOnTime => "Visits on time",
            Metric::FibrePrepared => "Fibre prepared for high-risk targets",
            Metric::SlaOnTime => "Green channel resolved on time",
            Metric::GreetingsSent => "Greetings sent to new switchboard users",
        }
    }

    /// The unit a figure of this metric is in, as a new KPI offers it.
    pub fn default_unit(self) -> &'static str {
        match self {
            Metric::AchievementQuantity | Metric::Manual => "",
            Metric::GreetingsSent => "条",
            Metric::AchievementAmount => "元",
            _ => "%",
        }
    }

    /// A total that grows through the campaign (compared with a pro-rated target), rather than a
    /// rate that can be at its target on any day.
    pub fn accumulates(self) -> bool {
        matches!(
            self,
            Metric::AchievementQuantity
                | Metric::AchievementAmount
                | Metric::PlanCompletion
                | Metric::SubsidyBudgetUsed
                | Metric::GreetingsSent
        )
    }
}

/// A metric as the KPI editor offers it: its labels, the unit a new KPI starts with, and which
/// parameter it asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct MetricInfo {
    pub metric: Metric,
    pub label_zh: String,
    pub label_en: String,
    pub default_unit: String,
    /// An achievement metric's code (`MetricParameter::metric`) is required.
    pub needs_achievement_metric: bool,
    /// N days (`MetricParameter::days`) is required.
    pub needs_days: bool,
    /// Entered by hand per week rather than computed.
    pub manual: bool,
}

impl Metric {
    /// Every metric, in the order the editor lists them.
    pub fn catalogue() -> Vec<MetricInfo> {
        Metric::ALL
            .into_iter()
            .map(|metric| MetricInfo {
                metric,
                label_zh: metric.label_zh().into(),
                label_en: metric.label_en().into(),
                default_unit: metric.default_unit().into(),
                needs_achievement_metric: matches!(metric, Metric::AchievementQuantity | Metric::AchievementAmount),
                needs_days: metric == Metric::KeyPersonConfirmed,
                manual: metric == Metric::Manual,
            })
            .collect()
    }
}

/// What a metric needs beyond its code, stored as JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct MetricParameter {
    /// The achievement metric's code (存量协议锁定 is `locked_agreements`), for achievement metrics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    /// N, for the key-person metric.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
}

/// Where a KPI belongs: a goal, or a battle or workstream of the skeleton.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum KpiOwner {
    Goal(GoalId),
    Part(PartId),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct KpiInput {
    pub name: String,
    pub metric: Metric,
    #[serde(default)]
    pub parameter: MetricParameter,
    pub target: f64,
    #[serde(default)]
    pub unit: String,
    pub higher_is_better: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Kpi {
    pub id: KpiId,
    pub campaign_id: CampaignId,
    pub owner: KpiOwner,
    pub position: i64,
    pub name: String,
    pub metric: Metric,
    pub parameter: MetricParameter,
    pub target: f64,
    pub unit: String,
    pub higher_is_better: bool,
}

pub const NAME_MAX: usize = 60;
pub const UNIT_MAX: usize = 10;
pub const DAYS_MAX: i64 = 366;
/// Targets beyond this are typing mistakes, not goals (a trillion 元).
pub const TARGET_MAX: i64 = 1_000_000_000_000;

/// Checks a name or other one-line text: required, at most `max` characters, no control characters.
pub(crate) fn check_text(errors: &mut Vec<FieldError>, field: &str, text: &str, max: usize, required: bool) {
    let text = text.trim();
    if required && text.is_empty() {
        errors.push(FieldError::new(field, Problem::Required));
    } else if text.chars().count() > max {
        errors.push(FieldError::new(field, Problem::TooLong { max }));
    } else if has_control(text, false) {
        errors.push(FieldError::new(field, Problem::ControlCharacter));
    }
}

impl Kpi {
    /// What the planner entered for it, as a new KPI would take it.
    pub fn input(&self) -> KpiInput {
        KpiInput {
            name: self.name.clone(),
            metric: self.metric,
            parameter: self.parameter.clone(),
            target: self.target,
            unit: self.unit.clone(),
            higher_is_better: self.higher_is_better,
        }
    }
}

impl KpiInput {
    /// The input with its text trimmed and its parameter reduced to what its metric uses, or
    /// every field error at once. Whether an achievement metric exists is the store's check.
    pub fn validated(&self) -> Result<KpiInput> {
        let mut errors = Vec::new();
        check_text(&mut errors, "name", &self.name, NAME_MAX, true);
        check_text(&mut errors, "unit", &self.unit, UNIT_MAX, false);
        if !self.target.is_finite() || self.target.abs() > TARGET_MAX as f64 {
            errors.push(FieldError::new("target", Problem::OutOfRange { min: 0, max: TARGET_MAX }));
        } else if self.target < 0.0 {
            errors.push(FieldError::new("target", Problem::Negative));
        }
        let mut parameter = MetricParameter::default();
        match self.metric {
            Metric::AchievementQuantity | Metric::AchievementAmount => {
                match self.parameter.metric.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
                    Some(code) => parameter.metric = Some(code.to_string()),
                    None => errors.push(FieldError::new("parameter.metric", Problem::Required)),
                }
            }
            Metric::KeyPersonConfirmed => match self.parameter.days {
                Some(days) if (1..=DAYS_MAX).contains(&days) => parameter.days = Some(days),
                Some(_) => errors.push(FieldError::new("parameter.days", Problem::OutOfRange { min: 1, max: DAYS_MAX })),
                None => errors.push(FieldError::new("parameter.days", Problem::Required)),
            },
            _ => {}
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        Ok(KpiInput {
            name: self.name.trim().to_string(),
            metric: self.metric,
            parameter,
            target: self.target,
            unit: self.unit.trim().to_string(),
            higher_is_better: self.higher_is_better,
        })
    }
}

/// How a KPI stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum KpiStatus {
    /// At or past the target.
    Met,
    /// Not at the target, but on course for it.
    AtRisk,
    /// Off course.
    Behind,
    /// No figure yet: nothing closed, nothing to divide by, or no value entered.
    NoData,
}

impl KpiStatus {
    pub fn label_zh(self) -> &'static str {
        match self {
            KpiStatus::Met => "达标",
            KpiStatus::AtRisk => "有风险",
            KpiStatus::Behind => "落后",
            KpiStatus::NoData => "暂无数据",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            KpiStatus::Met => "Met",
            KpiStatus::AtRisk => "At risk",
            KpiStatus::Behind => "Behind",
            KpiStatus::NoData => "No data",
        }
    }
}

/// How far a rate may miss its target and still be on course: a tenth of the target.
pub const RATE_TOLERANCE: f64 = 0.10;

/// The share of the campaign elapsed on `as_of`, counting both the first and the last day:
/// 0 before it starts, 1 from its last day on.
pub fn elapsed_share(start: NaiveDate, end: NaiveDate, as_of: NaiveDate) -> f64 {
    let total = (end - start).num_days() + 1;
    let done = (as_of - start).num_days() + 1;
    (done.clamp(0, total) as f64) / (total.max(1) as f64)
}

/// The rule a KPI's status follows.
///
/// Higher is better: a figure at or above the target is met. A total that accumulates through
/// the campaign (achievements, plan items done, budget spent) is on course — at risk — when it
/// has reached the target pro-rated by the share of the campaign elapsed (half-way through, half
/// the target); a rate is on course within a tenth of its target (90 % against 95 %: 85.5 % or
/// more). Anything less is behind.
///
/// Lower is better mirrors it: met at or below the target; an accumulating total is at risk while
/// it stays within the target (it is spending faster than time passes only when above the
/// pro-rated figure, and behind once past the target itself); a rate is at risk within a tenth
/// above its target, behind beyond.
pub fn status(
    metric: Metric,
    value: Option<f64>,
    target: f64,
    higher_is_better: bool,
    start: NaiveDate,
    end: NaiveDate,
    as_of: NaiveDate,
) -> KpiStatus {
    let Some(value) = value else {
        return KpiStatus::NoData;
    };
    if higher_is_better {
        if value >= target {
            return KpiStatus::Met;
        }
        let course = if metric.accumulates() { target * elapsed_share(start, end, as_of) } else { target * (1.0 - RATE_TOLERANCE) };
        if value >= course {
            KpiStatus::AtRisk
        } else {
            KpiStatus::Behind
        }
    } else if metric.accumulates() {
        if value > target {
            KpiStatus::Behind
        } else if value > target * elapsed_share(start, end, as_of) {
            KpiStatus::AtRisk
        } else {
            KpiStatus::Met
        }
    } else if value <= target {
        KpiStatus::Met
    } else if value <= target * (1.0 + RATE_TOLERANCE) {
        KpiStatus::AtRisk
    } else {
        KpiStatus::Behind
    }
}

/// `part` out of `whole` in percent; none when there is nothing to divide by.
pub fn percent(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

/// The days a KPI's weekly trend is read on: each Sunday from the campaign's first week up to
/// `as_of`, the last entry being `as_of` itself (a week still running is read as it stands).
/// Never past the campaign's end; empty before it starts.
pub fn week_ends(start: NaiveDate, end: NaiveDate, as_of: NaiveDate) -> Vec<NaiveDate> {
    let last = as_of.min(end);
    if last < start {
        return Vec::new();
    }
    let mut out = Vec::new();
    let to_sunday = (7 - start.weekday().num_days_from_sunday()) % 7;
    let mut sunday = start + chrono::Days::new(u64::from(to_sunday));
    while sunday < last {
        out.push(sunday);
        sunday = sunday + chrono::Days::new(7);
    }
    out.push(last);
    out
}

/// One KPI's figure on a day and its status.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct KpiReading {
    pub kpi: Kpi,
    pub as_of: NaiveDate,
    pub value: Option<f64>,
    pub status: KpiStatus,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("date")
    }

    fn input(metric: Metric) -> KpiInput {
        KpiInput {
            name: "指标".into(),
            metric,
            parameter: MetricParameter::default(),
            target: 90.0,
            unit: "%".into(),
            higher_is_better: true,
        }
    }

    fn fields(err: Error) -> Vec<String> {
        match err {
            Error::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[test]
    fn every_code_reads_back_to_its_metric() {
        for metric in Metric::ALL {
            assert_eq!(Metric::from_code(metric.code()), Some(metric), "{} round-trips", metric.code());
            assert!(!metric.label_zh().is_empty() && !metric.label_en().is_empty(), "{} has labels", metric.code());
        }
        assert_eq!(Metric::from_code("nope"), None, "an unknown code is not a metric");
    }

    #[test]
    fn the_catalogue_asks_for_the_parameter_validation_requires() {
        for info in Metric::catalogue() {
            let bare = input(info.metric);
            let missing: Vec<String> = match bare.validated() {
                Ok(_) => Vec::new(),
                Err(e) => fields(e),
            };
            let asked: Vec<&str> = [(info.needs_achievement_metric, "parameter.metric"), (info.needs_days, "parameter.days")]
                .into_iter()
                .filter_map(|(needed, field)| needed.then_some(field))
                .collect();
            assert_eq!(missing, asked, "{}: the editor asks for exactly what validation requires", info.metric.code());
        }
    }

    #[test]
    fn validation_names_every_bad_field() {
        let mut bad = input(Metric::AchievementQuantity);
        bad.name = "  ".into();
        bad.target = -1.0;
        bad.unit = "一二三四五六七八九十十一".into();
        assert_eq!(fields(bad.validated().expect_err("bad")), ["name", "unit", "target", "parameter.metric"]);
        let mut days = input(Metric::KeyPersonConfirmed);
        assert_eq!(fields(days.validated().expect_err("no days")), ["parameter.days"], "N days is required");
        days.parameter.days = Some(0);
        assert_eq!(fields(days.validated().expect_err("zero")), ["parameter.days"], "zero days is out of range");
        days.parameter.days = Some(30);
        days.parameter.metric = Some("stray".into());
        let ok = days.validated().expect("valid");
        assert_eq!(ok.parameter, MetricParameter { metric: None, days: Some(30) }, "a parameter the metric does not use is dropped");
        let mut nan = input(Metric::PlanCoverage);
        nan.target = f64::NAN;
        assert_eq!(fields(nan.validated().expect_err("nan")), ["target"], "a target must be a number");
    }

    #[test]
    fn totals_are_judged_against_the_pro_rated_target() {
        let (start, end) = (day(10, 1), day(12, 29));
        // 90 days; on day 45 half the campaign has passed.
        assert_eq!(elapsed_share(start, end, day(11, 14)), 0.5);
        let s = |v: f64, on| status(Metric::AchievementQuantity, Some(v), 100.0, true, start, end, on);
        assert_eq!(s(100.0, day(11, 14)), KpiStatus::Met, "at the target is met");
        assert_eq!(s(50.0, day(11, 14)), KpiStatus::AtRisk, "half the target half-way through is on course");
        assert_eq!(s(49.0, day(11, 14)), KpiStatus::Behind, "less than the pro-rated target is behind");
        assert_eq!(s(0.0, day(9, 1)), KpiStatus::AtRisk, "before the start nothing is expected yet");
        assert_eq!(s(99.0, day(12, 31)), KpiStatus::Behind, "after the end the whole target is expected");
    }

    #[test]
    fn rates_are_on_course_within_a_tenth_of_their_target() {
        let (start, end) = (day(10, 1), day(12, 31));
        let s = |v: Option<f64>, higher| status(Metric::WarningRetention, v, 90.0, higher, start, end, day(10, 2));
        assert_eq!(s(Some(90.0), true), KpiStatus::Met);
        assert_eq!(s(Some(81.0), true), KpiStatus::AtRisk, "81 is within a tenth of 90");
        assert_eq!(s(Some(80.9), true), KpiStatus::Behind);
        assert_eq!(s(None, true), KpiStatus::NoData, "no figure, no verdict");
        assert_eq!(s(Some(99.0), false), KpiStatus::AtRisk, "lower is better: 99 is within a tenth above 90");
        assert_eq!(s(Some(99.1), false), KpiStatus::Behind);
    }

    #[test]
    fn spending_is_behind_only_past_its_cap() {
        let (start, end) = (day(10, 1), day(12, 29));
        let s = |v: f64| status(Metric::SubsidyBudgetUsed, Some(v), 80.0, false, start, end, day(11, 14));
        assert_eq!(s(40.0), KpiStatus::Met, "spending in step with time is fine");
        assert_eq!(s(60.0), KpiStatus::AtRisk, "spending faster than time passes is a risk");
        assert_eq!(s(81.0), KpiStatus::Behind, "past the cap is behind");
    }

    #[test]
    fn week_ends_are_sundays_up_to_the_day_asked() {
        // 2026-10-01 is a Thursday; its first Sunday is 10-04.
        let (start, end) = (day(10, 1), day(12, 31));
        assert_eq!(
            week_ends(start, end, day(10, 14)),
            [day(10, 4), day(10, 11), day(10, 14)],
            "a week still running ends on the day asked"
        );
        assert_eq!(week_ends(start, end, day(10, 11)), [day(10, 4), day(10, 11)], "a Sunday is listed once");
        assert_eq!(week_ends(start, end, day(10, 2)), [day(10, 2)], "the first days read as they stand");
        assert_eq!(week_ends(start, end, day(9, 30)), Vec::<NaiveDate>::new(), "nothing before the start");
        let after = week_ends(start, end, day(2, 1).with_year(2027).expect("date"));
        assert_eq!(after.len(), 14, "13 Sundays then the end date");
        assert_eq!(after.last(), Some(&end), "never past the campaign's end");
        assert_eq!(week_ends(day(10, 4), end, day(10, 4)), [day(10, 4)], "a campaign starting on a Sunday");
    }
}
