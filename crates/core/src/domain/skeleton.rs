//! The campaign's goals (活动目的) and its strategy skeleton (总策略): battles (攻坚战) and service
//! workstreams (服务维挽专题), each with an owner team and a scope set by rule, and the defaults a
//! campaign starts with, as DOMAIN.md and the seed set them out.

use serde::{Deserialize, Serialize};

use super::ids::{CampaignId, GoalId, PartId, TeamId};
use super::kpi::{check_text, KpiInput, Metric, MetricParameter};
use super::ProductType;
use crate::error::{Error, FieldError, Result};

pub const GOAL_NAME_MAX: usize = 60;
pub const DESCRIPTION_MAX: usize = 500;
pub const INDUSTRY_MAX: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct GoalInput {
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Goal {
    pub id: GoalId,
    pub campaign_id: CampaignId,
    pub position: i64,
    pub name: String,
    pub description: String,
}

impl GoalInput {
    pub fn validated(&self) -> Result<GoalInput> {
        let mut errors = Vec::new();
        check_text(&mut errors, "name", &self.name, GOAL_NAME_MAX, true);
        if self.description.trim().chars().count() > DESCRIPTION_MAX {
            errors.push(FieldError::new("description", crate::error::Problem::TooLong { max: DESCRIPTION_MAX }));
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        Ok(GoalInput { name: self.name.trim().into(), description: self.description.trim().into() })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// 攻坚战.
    Battle,
    /// 服务维挽专题.
    Workstream,
}

impl PartKind {
    pub fn code(self) -> &'static str {
        match self {
            PartKind::Battle => "battle",
            PartKind::Workstream => "workstream",
        }
    }

    pub fn from_code(code: &str) -> Option<PartKind> {
        [PartKind::Battle, PartKind::Workstream].into_iter().find(|k| k.code() == code)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            PartKind::Battle => "攻坚战",
            PartKind::Workstream => "服务维挽专题",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            PartKind::Battle => "Battle",
            PartKind::Workstream => "Service workstream",
        }
    }
}

/// Which targets a battle or workstream covers, by rule: a target is in scope when it matches
/// every list that is not empty (one of its contracts has one of the product types, its team is
/// one of the teams, its industry is one of the industries). All lists empty: every target.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
// The awards' `Scope` (team or person) has the name in the UI's bindings; JSON carries no struct name.
#[serde(rename = "PartScope")]
pub struct Scope {
    #[serde(default)]
    pub product_types: Vec<ProductType>,
    #[serde(default)]
    pub team_ids: Vec<TeamId>,
    #[serde(default)]
    pub industries: Vec<String>,
}

impl Scope {
    pub fn is_everything(&self) -> bool {
        self.product_types.is_empty() && self.team_ids.is_empty() && self.industries.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct PartInput {
    pub kind: PartKind,
    pub name: String,
    #[serde(default)]
    pub owner_team_id: Option<TeamId>,
    #[serde(default)]
    pub scope: Scope,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Part {
    pub id: PartId,
    pub campaign_id: CampaignId,
    pub kind: PartKind,
    pub position: i64,
    pub name: String,
    pub owner_team_id: Option<TeamId>,
    pub owner_team: Option<String>,
    pub scope: Scope,
}

/// What a scope can be narrowed to, from the data: the product types of the campaign's targets'
/// contracts and the industries its targets are in. Teams come from the organisation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct ScopeChoices {
    pub product_types: Vec<ProductType>,
    pub industries: Vec<String>,
}

impl PartInput {
    /// Trimmed text, industries without blanks or repeats, or every field error. Whether the
    /// owner team and scope teams exist is the store's check.
    pub fn validated(&self) -> Result<PartInput> {
        let mut errors = Vec::new();
        check_text(&mut errors, "name", &self.name, GOAL_NAME_MAX, true);
        let mut industries: Vec<String> = Vec::new();
        for (i, industry) in self.scope.industries.iter().enumerate() {
            let industry = industry.trim();
            check_text(&mut errors, &format!("scope.industries.{i}"), industry, INDUSTRY_MAX, false);
            if !industry.is_empty() && !industries.iter().any(|x| x == industry) {
                industries.push(industry.into());
            }
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        let mut product_types = self.scope.product_types.clone();
        product_types.dedup();
        let mut team_ids = self.scope.team_ids.clone();
        team_ids.sort();
        team_ids.dedup();
        Ok(PartInput {
            kind: self.kind,
            name: self.name.trim().into(),
            owner_team_id: self.owner_team_id,
            scope: Scope { product_types, team_ids, industries },
        })
    }
}

/// A default goal and its KPIs.
pub struct DefaultGoal {
    pub goal: GoalInput,
    pub kpis: Vec<KpiInput>,
}

/// A default battle or workstream: its owner team by name (the campaign's team of that name,
/// if it has one), its scope and its KPIs.
pub struct DefaultPart {
    pub kind: PartKind,
    pub name: &'static str,
    pub owner_team: &'static str,
    pub product_types: Vec<ProductType>,
    pub kpis: Vec<KpiInput>,
}

fn kpi(name: &str, metric: Metric, target: f64, higher_is_better: bool) -> KpiInput {
    KpiInput {
        name: name.into(),
        metric,
        parameter: MetricParameter::default(),
        target,
        unit: metric.default_unit().into(),
        higher_is_better,
    }
}

fn achievement(name: &str, amount: bool, code: &str, target: f64, unit: &str) -> KpiInput {
    let metric = if amount { Metric::AchievementAmount } else { Metric::AchievementQuantity };
    KpiInput { parameter: MetricParameter { metric: Some(code.into()), days: None }, unit: unit.into(), ..kpi(name, metric, target, true) }
}

/// The seed's three goals with KPIs drawn from what Rampart holds. Targets are starting points
/// the planner edits; achievement codes are the default campaign metrics (`awards::METRICS`).
pub fn default_goals() -> Vec<DefaultGoal> {
    let goal = |name: &str, description: &str| GoalInput { name: name.into(), description: description.into() };
    vec![
        DefaultGoal {
            goal: goal("目的一 存量保持", "保持存量业务，抵御竞争对手"),
            kpis: vec![
                kpi("预警合同挽留率", Metric::WarningRetention, 90.0, true),
                kpi("目标合同在网收入保持率", Metric::RevenueKept, 95.0, true),
                achievement("存量协议锁定", false, "locked_agreements", 500.0, "份"),
                kpi("高风险客户补贴覆盖率", Metric::HighRiskWithSubsidy, 80.0, true),
            ],
        },
        DefaultGoal {
            goal: goal("目的二 高端移动用户", "抢夺政企市场高端移动用户：单位消费让渡个人消费"),
            kpis: vec![
                achievement("移动业务发展", false, "mobile_users", 2_000.0, "户"),
                kpi("补贴预算使用率", Metric::SubsidyBudgetUsed, 100.0, false),
            ],
        },
        DefaultGoal {
            goal: goal("目的三 销售组织能力", "提升政企全业务销售组织能力"),
            kpis: vec![
                kpi("一户一案覆盖率", Metric::PlanCoverage, 100.0, true),
                kpi("一户一案完成率", Metric::PlanCompletion, 90.0, true),
                KpiInput {
                    parameter: MetricParameter { metric: None, days: Some(30) },
                    ..kpi("30天内关键人确认率", Metric::KeyPersonConfirmed, 80.0, true)
                },
            ],
        },
    ]
}

/// The seed's three battles and three service workstreams. Regional and industry scopes are
/// left open (every target) for the planner to narrow: which districts and industries a
/// campaign assaults is its own choice.
pub fn default_parts() -> Vec<DefaultPart> {
    use PartKind::{Battle, Workstream};
    use ProductType::{Broadband, Bundle, FiberOnly, Mobile};
    let part = |kind, name, owner_team, product_types: Vec<ProductType>, kpis| DefaultPart { kind, name, owner_team, product_types, kpis };
    vec![
        part(
            Battle,
            "宽带保卫战",
            "网吧宽频部",
            vec![Broadband, FiberOnly, Bundle],
            vec![
                kpi("高风险客户光纤到户率", Metric::HighRiskWithFibre, 60.0, true),
                kpi("高风险客户光纤准备完成率", Metric::FibrePrepared, 80.0, true),
                kpi("预警合同挽留率", Metric::WarningRetention, 90.0, true),
            ],
        ),
        part(
            Battle,
            "区域攻坚战",
            "各区、县公司政企客户部",
            vec![],
            vec![
                kpi("一户一案覆盖率", Metric::PlanCoverage, 100.0, true),
                kpi("高风险客户方案覆盖率", Metric::HighRiskWithPlan, 100.0, true),
            ],
        ),
        part(Battle, "行业应用突击战", "市政企客户部", vec![], vec![achievement("行业应用突破", false, "industry_wins", 20.0, "项")]),
        part(
            Workstream,
            "移动维挽",
            "移动业务应用部",
            vec![Mobile],
            vec![
                kpi("目标合同在网收入保持率", Metric::RevenueKept, 95.0, true),
                kpi("一户一案完成率", Metric::PlanCompletion, 90.0, true),
                KpiInput { unit: "条".into(), ..kpi("新总机用户节日关怀", Metric::GreetingsSent, 200.0, true) },
            ],
        ),
        part(
            Workstream,
            "宽带预警监控",
            "政企客维支撑中心",
            vec![Broadband, FiberOnly, Bundle],
            vec![kpi("预警合同挽留率", Metric::WarningRetention, 90.0, true), kpi("绿色通道按时解决率", Metric::SlaOnTime, 95.0, true)],
        ),
        part(
            Workstream,
            "完善客户基础管理",
            "政企客维支撑中心",
            vec![],
            vec![
                KpiInput {
                    parameter: MetricParameter { metric: None, days: Some(30) },
                    ..kpi("30天内关键人确认率", Metric::KeyPersonConfirmed, 90.0, true)
                },
                kpi("走访及时率", Metric::VisitsOnTime, 90.0, true),
            ],
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_valid_and_follow_the_seed() {
        let goals = default_goals();
        let names: Vec<&str> = goals.iter().map(|g| g.goal.name.as_str()).collect();
        assert_eq!(names, ["目的一 存量保持", "目的二 高端移动用户", "目的三 销售组织能力"], "the seed's three goals, in order");
        for g in &goals {
            g.goal.validated().expect("a default goal is valid");
            assert!(!g.kpis.is_empty(), "{} is measurable", g.goal.name);
            for k in &g.kpis {
                k.validated().unwrap_or_else(|e| panic!("default KPI {} is valid: {e:?}", k.name));
            }
        }
        let parts = default_parts();
        let names: Vec<(PartKind, &str)> = parts.iter().map(|p| (p.kind, p.name)).collect();
        assert_eq!(
            names,
            [
                (PartKind::Battle, "宽带保卫战"),
                (PartKind::Battle, "区域攻坚战"),
                (PartKind::Battle, "行业应用突击战"),
                (PartKind::Workstream, "移动维挽"),
                (PartKind::Workstream, "宽带预警监控"),
                (PartKind::Workstream, "完善客户基础管理"),
            ],
            "three battles and three workstreams"
        );
        for p in &parts {
            assert!(!p.kpis.is_empty(), "{} has KPIs", p.name);
            for k in &p.kpis {
                k.validated().unwrap_or_else(|e| panic!("default KPI {} of {} is valid: {e:?}", k.name, p.name));
            }
        }
    }

    #[test]
    fn a_part_keeps_each_industry_once_and_rejects_a_blank_name() {
        let input = PartInput {
            kind: PartKind::Battle,
            name: " 行业应用突击战 ".into(),
            owner_team_id: None,
            scope: Scope { industries: vec![" 教育 ".into(), "教育".into(), "".into(), "医疗".into()], ..Scope::default() },
        };
        let ok = input.validated().expect("valid");
        assert_eq!(ok.name, "行业应用突击战");
        assert_eq!(ok.scope.industries, ["教育", "医疗"], "blanks and repeats are dropped, order kept");
        let blank = PartInput { name: " ".into(), ..input };
        assert!(matches!(blank.validated(), Err(Error::Validation(e)) if e[0].field == "name"), "a part needs a name");
    }
}
