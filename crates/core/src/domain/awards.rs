//! Staff incentives (内部员工激励): awards, their prize tiers and tie-break criteria, and
//! achievements. Ranking itself is in `ranking.rs`, the criteria in `tie_break.rs`.

use serde::{Deserialize, Serialize};

use super::limits;
pub use super::ranking::{rank, Contender, Entry};
pub use super::tie_break::TieBreak;
use crate::domain::ids::{PersonId, TeamId};
use crate::error::{Error, FieldError, Problem, Result};
use crate::money::Money;

/// Whom an award ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Team,
    Person,
}

impl Scope {
    pub const ALL: [Scope; 2] = [Scope::Team, Scope::Person];

    pub fn code(self) -> &'static str {
        match self {
            Scope::Team => "team",
            Scope::Person => "person",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// One prize tier: 一等奖 for 1 place, 二等奖 for 2, …
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type), serde(rename = "AwardTier"))] // a TS name of its own; JSON has no struct names
pub struct Tier {
    pub name: String,
    pub places: u32,
    pub honour: String,
    pub amount: Option<Money>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AwardKind {
    /// 综合奖: combines the single awards and plan completion with weights.
    Overall,
    /// 单项奖: ranks one metric.
    Single,
}

impl AwardKind {
    pub const ALL: [AwardKind; 2] = [AwardKind::Overall, AwardKind::Single];

    pub fn code(self) -> &'static str {
        match self {
            AwardKind::Overall => "overall",
            AwardKind::Single => "single",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Built-in metrics (the planner may add others).
pub const METRICS: [(&str, &str); 3] =
    [("locked_agreements", "存量协议锁定"), ("industry_wins", "行业应用突破"), ("mobile_users", "移动业务发展")];

/// The component of an overall award that is plan completion (一户一案), beside award ids.
pub const PLANS_COMPONENT: &str = "plans";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct AwardInput {
    pub name: String,
    pub kind: AwardKind,
    pub for_teams: bool,
    pub for_people: bool,
    pub metric: Option<String>,
    pub by_industry: bool,
    pub use_targets: bool,
    /// The planner's note on how ties are settled (free text, shown beside the standings).
    pub tie_break: String,
    /// Criteria that order equal scores, in the order they apply; equal on all → a shared place.
    #[serde(default = "TieBreak::standard")]
    pub tie_breaks: Vec<TieBreak>,
    /// Whether entrants sharing a place may all be paid a tier beyond its places.
    #[serde(default)]
    pub shared_tiers: bool,
    pub tiers: Vec<Tier>,
    /// (scope, entrant id, target quantity) when `use_targets`.
    #[serde(default)]
    pub targets: Vec<(Scope, i64, i64)>,
    /// (award id as text, or "plans") → weight in basis points, for an overall award.
    #[serde(default)]
    pub weights: Vec<(String, i64)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Lock {
    pub at: crate::timestamp::Timestamp,
    pub by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Award {
    pub id: super::ids::AwardId,
    #[serde(flatten)]
    pub input: AwardInput,
    pub locked: Option<Lock>,
}

/// One ranked list: an award's teams or people, overall or within one industry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Ranking {
    pub scope: Scope,
    pub industry: Option<String>,
    /// What `score` counts: "quantity", "attainment_bp" (of target) or "weighted_bp".
    pub unit: String,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Standing {
    pub award_id: super::ids::AwardId,
    pub name: String,
    pub kind: AwardKind,
    pub tie_break: String,
    #[serde(default)]
    pub tie_breaks: Vec<TieBreak>,
    #[serde(default)]
    pub shared_tiers: bool,
    pub as_of: chrono::NaiveDate,
    pub rankings: Vec<Ranking>,
    pub locked: Option<Lock>,
    /// What the award's prizes cost (filled in by the store, locked or not).
    #[serde(default)]
    pub prize_cost: super::prizes::PrizeCost,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct AchievementInput {
    pub date: chrono::NaiveDate,
    pub metric: String,
    pub team_id: Option<TeamId>,
    pub person_id: Option<PersonId>,
    pub quantity: i64,
    pub amount: Money,
    pub client_id: Option<super::ids::ClientId>,
    #[serde(default)]
    pub note: String,
}

impl AwardInput {
    /// What a saved award must satisfy.
    pub fn validate(&self) -> Result<()> {
        let mut errors = Vec::new();
        if self.name.trim().is_empty() {
            errors.push(FieldError::new("name", Problem::Required));
        }
        if self.kind == AwardKind::Single && self.metric.as_deref().is_none_or(|m| m.trim().is_empty()) {
            errors.push(FieldError::new("metric", Problem::Required));
        }
        if !self.for_teams && !self.for_people {
            errors.push(FieldError::new("for_teams", Problem::Required));
        }
        for (i, t) in self.tiers.iter().enumerate() {
            if t.name.trim().is_empty() {
                errors.push(FieldError::new(format!("tiers.{i}.name"), Problem::Required));
            }
            if !limits::TIER_PLACES.contains(&t.places) {
                let (min, max) = (i64::from(*limits::TIER_PLACES.start()), i64::from(*limits::TIER_PLACES.end()));
                errors.push(FieldError::new(format!("tiers.{i}.places"), Problem::OutOfRange { min, max }));
            }
            if t.amount.is_some_and(|a| !limits::PRIZE.contains(a)) {
                errors.push(FieldError::new(format!("tiers.{i}.amount"), limits::PRIZE.problem()));
            }
        }
        for i in super::tie_break::repeats(&self.tie_breaks) {
            errors.push(FieldError::new(format!("tie_breaks.{i}"), Problem::AlreadyUsed));
        }
        for (i, (_, _, target)) in self.targets.iter().enumerate() {
            if !limits::TARGET_QUANTITY.contains(target) {
                let (min, max) = (*limits::TARGET_QUANTITY.start(), *limits::TARGET_QUANTITY.end());
                errors.push(FieldError::new(format!("targets.{i}.target"), Problem::OutOfRange { min, max }));
            }
        }
        for (i, (_, weight)) in self.weights.iter().enumerate() {
            if !limits::RATE_BP.contains(&crate::basis_points::BasisPoints(*weight)) {
                let (min_bp, max_bp) = (*limits::RATE_BP.start(), *limits::RATE_BP.end());
                errors.push(FieldError::new(format!("weights.{i}.weight_bp"), Problem::PercentOutOfRange { min_bp, max_bp }));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(errors))
        }
    }
}

impl AchievementInput {
    /// What every achievement written must satisfy, whether added or corrected;
    /// `metric_known` says whether the campaign has its metric.
    pub fn validate(&self, metric_known: bool) -> Result<()> {
        let mut errors = Vec::new();
        if !metric_known {
            errors.push(FieldError::new("metric", Problem::UnknownReference));
        }
        if self.team_id.is_none() && self.person_id.is_none() {
            errors.push(FieldError::new("team_id", Problem::Required));
        }
        if !limits::QUANTITY.contains(&self.quantity) {
            let (min, max) = (*limits::QUANTITY.start(), *limits::QUANTITY.end());
            errors.push(FieldError::new("quantity", Problem::OutOfRange { min, max }));
        }
        if !limits::ACHIEVEMENT_AMOUNT.contains(self.amount) {
            errors.push(FieldError::new("amount", limits::ACHIEVEMENT_AMOUNT.problem()));
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        Ok(())
    }
}
