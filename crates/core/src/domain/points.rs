//! Loyalty points (积分, the campaign document's appendices 1–3) as data: points per 元 of
//! spend, one-off tenure and level bonuses by the 平均赠送 rule, reward rules, member levels
//! with their thresholds and entitlements, and an optional expiry. Each campaign edits its own
//! scheme; one never edited reads `sample()`.

use serde::{Deserialize, Serialize};

use crate::basis_points::BasisPoints;
use crate::error::{Error, FieldError, Problem, Result};
use crate::money::Money;

/// A band of months in the network and its one-off bonus: `from` and `to` inclusive, the last
/// band open-ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct TenureBand {
    pub from_months: i64,
    pub to_months: Option<i64>,
    pub bonus: BasisPoints,
}

impl TenureBand {
    pub fn contains(&self, months: i64) -> bool {
        months >= self.from_months && self.to_months.is_none_or(|to| months <= to)
    }

    /// "13–24" or "61+", as the appendix writes the bands.
    pub fn label(&self) -> String {
        match self.to_months {
            Some(to) => format!("{}–{to}", self.from_months),
            None => format!("{}+", self.from_months),
        }
    }
}

/// A member level (贵宾卡, 银卡, …), lowest first in the scheme: its one-off bonus, the spend
/// over the scheme's window that reaches it, and what it is entitled to (appendix 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct MemberLevel {
    /// A stable code ("silver"): the ledger names levels by it.
    pub code: String,
    pub name: String,
    pub bonus: BasisPoints,
    /// Spend over the window that reaches this level when the import gives no level.
    pub min_spend: Money,
    #[serde(default)]
    pub entitlements: Vec<String>,
}

/// What a reward rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RewardField {
    /// The period's spend, in 元.
    Spend,
    TenureMonths,
    /// The member's level, by its place in the scheme (0 the lowest).
    LevelRank,
    /// The member is linked to a client (a unit's staff): `at_least` is not read.
    LinkedToClient,
}

/// Reward points (奖励积分): `points` each period the member's `field` is at least `at_least`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct RewardRule {
    pub name: String,
    pub field: RewardField,
    pub at_least: i64,
    pub points: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct PointScheme {
    /// Points for each whole 元 of spend; fractions of a point are dropped.
    pub points_per_yuan: i64,
    pub tenure_bands: Vec<TenureBand>,
    pub levels: Vec<MemberLevel>,
    /// Months of spend (this period and those before it) that a level threshold is read over.
    pub level_window_months: i64,
    #[serde(default)]
    pub rewards: Vec<RewardRule>,
    /// Points expire this many months after the period that earned them; never when None.
    pub expiry_months: Option<i64>,
}

/// At most this many bands and levels: each member's bonuses already granted are kept as bits.
pub const MAX_BANDS: usize = 32;
const NAME_CHARS: usize = 40;

impl PointScheme {
    /// The appendices' scheme: 1 point per 元; tenure bonuses 0–6 none to 61+ 60 %; 贵宾卡 none,
    /// 银卡 10 %, 金卡 20 %, 钻石卡 50 %; appendix 2's entitlements; no expiry.
    pub fn sample() -> PointScheme {
        let band = |from: i64, to: Option<i64>, pct: i64| TenureBand { from_months: from, to_months: to, bonus: BasisPoints(pct * 100) };
        let level = |code: &str, name: &str, pct: i64, min_yuan: i64, entitlements: &[&str]| MemberLevel {
            code: code.into(),
            name: name.into(),
            bonus: BasisPoints(pct * 100),
            min_spend: Money::from_fen(min_yuan * 100),
            entitlements: entitlements.iter().map(|e| e.to_string()).collect(),
        };
        PointScheme {
            points_per_yuan: 1,
            tenure_bands: vec![
                band(0, Some(6), 0),
                band(7, Some(12), 10),
                band(13, Some(24), 20),
                band(25, Some(36), 30),
                band(37, Some(48), 40),
                band(49, Some(60), 50),
                band(61, None, 60),
            ],
            levels: vec![
                level("vip", "贵宾卡", 0, 0, &["积分查询（短信、网站、自助终端）"]),
                level("silver", "银卡", 10, 600, &["营业厅专门窗口", "定期赠送积分"]),
                level("gold", "金卡", 20, 1_800, &["VIP 服务厅", "专属客服热线", "专门客户经理", "增值业务优先试用"]),
                level(
                    "diamond",
                    "钻石卡",
                    50,
                    6_000,
                    &[
                        "VIP 服务厅",
                        "专属客服热线",
                        "专门客户经理",
                        "跨省补办 SIM 卡、异地清单打印",
                        "会员刊物",
                        "联盟伙伴产品试用",
                        "联名信用卡",
                    ],
                ),
            ],
            level_window_months: 12,
            rewards: Vec::new(),
            expiry_months: None,
        }
    }

    /// The scheme tidied, or every problem at once: bands from 0 months, contiguous, the last
    /// open-ended; percentages 0–100 %; levels with distinct codes and names and thresholds
    /// rising from zero; whole positive windows and expiry.
    pub fn validate(&self) -> Result<PointScheme> {
        let mut errors = Vec::new();
        let percent = |errors: &mut Vec<FieldError>, field: String, bp: BasisPoints| {
            if !(0..=10_000).contains(&bp.0) {
                errors.push(FieldError::new(field, Problem::PercentOutOfRange { min_bp: BasisPoints::ZERO, max_bp: BasisPoints::FULL }));
            }
        };
        if !(1..=1_000).contains(&self.points_per_yuan) {
            errors.push(FieldError::new("points_per_yuan", Problem::OutOfRange { min: 1, max: 1_000 }));
        }
        if self.tenure_bands.is_empty() {
            errors.push(FieldError::new("tenure_bands", Problem::Required));
        }
        if self.tenure_bands.len() > MAX_BANDS {
            errors.push(FieldError::new("tenure_bands", Problem::OutOfRange { min: 1, max: MAX_BANDS as i64 }));
        }
        let mut next = 0i64;
        for (i, b) in self.tenure_bands.iter().enumerate() {
            let field = |name: &str| format!("tenure_bands.{i}.{name}");
            if b.from_months != next {
                let problem = if b.from_months < next { Problem::BandsOverlap } else { Problem::BandsGap { after: next - 1 } };
                errors.push(FieldError::new(field("from_months"), problem));
            }
            let last = i + 1 == self.tenure_bands.len();
            match b.to_months {
                Some(to) if to < b.from_months => errors.push(FieldError::new(field("to_months"), Problem::MinAboveMax)),
                Some(_) if last => errors.push(FieldError::new(field("to_months"), Problem::NotOneOf { allowed: "∞".into() })),
                None if !last => errors.push(FieldError::new(field("to_months"), Problem::Required)),
                _ => {}
            }
            percent(&mut errors, field("bonus"), b.bonus);
            next = b.to_months.map_or(i64::MAX, |to| to.saturating_add(1));
        }
        if self.levels.is_empty() {
            errors.push(FieldError::new("levels", Problem::Required));
        }
        if self.levels.len() > MAX_BANDS {
            errors.push(FieldError::new("levels", Problem::OutOfRange { min: 1, max: MAX_BANDS as i64 }));
        }
        let mut levels = Vec::new();
        for (i, l) in self.levels.iter().enumerate() {
            let field = |name: &str| format!("levels.{i}.{name}");
            let code = l.code.trim().to_string();
            let name = l.name.trim().to_string();
            for (f, v) in [("code", &code), ("name", &name)] {
                if v.is_empty() {
                    errors.push(FieldError::new(field(f), Problem::Required));
                } else if v.chars().count() > NAME_CHARS {
                    errors.push(FieldError::new(field(f), Problem::TooLong { max: NAME_CHARS }));
                }
            }
            if self.levels[..i].iter().any(|o| o.code.trim() == code) {
                errors.push(FieldError::new(field("code"), Problem::AlreadyUsed));
            }
            if self.levels[..i].iter().any(|o| o.name.trim() == name) {
                errors.push(FieldError::new(field("name"), Problem::AlreadyUsed));
            }
            percent(&mut errors, field("bonus"), l.bonus);
            let below = if i == 0 { None } else { Some(self.levels[i - 1].min_spend) };
            if (i == 0 && l.min_spend.fen() != 0) || below.is_some_and(|b| l.min_spend <= b) || l.min_spend.is_negative() {
                errors.push(FieldError::new(field("min_spend"), Problem::MinAboveMax));
            }
            let entitlements: Vec<String> = l.entitlements.iter().map(|e| e.trim().to_string()).filter(|e| !e.is_empty()).collect();
            levels.push(MemberLevel { code, name, bonus: l.bonus, min_spend: l.min_spend, entitlements });
        }
        if !(1..=60).contains(&self.level_window_months) {
            errors.push(FieldError::new("level_window_months", Problem::OutOfRange { min: 1, max: 60 }));
        }
        if self.expiry_months.is_some_and(|m| !(1..=120).contains(&m)) {
            errors.push(FieldError::new("expiry_months", Problem::OutOfRange { min: 1, max: 120 }));
        }
        for (i, r) in self.rewards.iter().enumerate() {
            let field = |name: &str| format!("rewards.{i}.{name}");
            if r.name.trim().is_empty() {
                errors.push(FieldError::new(field("name"), Problem::Required));
            }
            if !(1..=1_000_000).contains(&r.points) {
                errors.push(FieldError::new(field("points"), Problem::OutOfRange { min: 1, max: 1_000_000 }));
            }
            if r.at_least < 0 {
                errors.push(FieldError::new(field("at_least"), Problem::Negative));
            }
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        Ok(PointScheme {
            levels,
            rewards: self.rewards.iter().map(|r| RewardRule { name: r.name.trim().to_string(), ..r.clone() }).collect(),
            ..self.clone()
        })
    }

    /// The band `months` in the network falls in.
    pub fn band_of(&self, months: i64) -> Option<usize> {
        self.tenure_bands.iter().position(|b| b.contains(months))
    }

    /// A level as an import or a planner names it: its code or name.
    pub fn level_named(&self, text: &str) -> Option<usize> {
        let t = text.trim();
        self.levels.iter().position(|l| l.code.eq_ignore_ascii_case(t) || l.name == t)
    }

    /// The highest level whose threshold `window_spend` reaches.
    pub fn level_for(&self, window_spend: Money) -> usize {
        self.levels.iter().rposition(|l| l.min_spend <= window_spend).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(s: &PointScheme) -> Vec<String> {
        match s.validate() {
            Err(Error::Validation(e)) => e.into_iter().map(|f| f.field).collect(),
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn the_sample_is_the_appendix_and_valid() {
        let s = PointScheme::sample();
        assert!(s.validate().is_ok(), "{:?}", s.validate());
        assert_eq!(s.band_of(6).map(|b| s.tenure_bands[b].bonus), Some(BasisPoints(0)), "0–6 months: none");
        assert_eq!(s.band_of(7).map(|b| s.tenure_bands[b].bonus), Some(BasisPoints(1_000)), "7 months: 10 %");
        assert_eq!(s.band_of(12), Some(1), "12 months is still 7–12");
        assert_eq!(s.band_of(13), Some(2), "13 starts 13–24");
        assert_eq!(s.band_of(60).map(|b| s.tenure_bands[b].bonus), Some(BasisPoints(5_000)));
        assert_eq!(s.band_of(61).map(|b| s.tenure_bands[b].bonus), Some(BasisPoints(6_000)), "61+: 60 %");
        assert_eq!(s.level_named("金卡"), Some(2));
        assert_eq!(s.levels[3].bonus, BasisPoints(5_000), "钻石卡 50 %");
    }

    #[test]
    fn bands_must_be_contiguous_and_percentages_within_0_to_100() {
        let mut s = PointScheme::sample();
        s.tenure_bands[2].from_months = 14;
        assert_eq!(fields(&s), ["tenure_bands.2.from_months"], "a gap after 12 months");
        let mut s = PointScheme::sample();
        s.tenure_bands[2].from_months = 12;
        assert_eq!(fields(&s), ["tenure_bands.2.from_months"], "an overlap at 12 months");
        let mut s = PointScheme::sample();
        s.tenure_bands[6].to_months = Some(99);
        assert_eq!(fields(&s), ["tenure_bands.6.to_months"], "the last band is open-ended");
        let mut s = PointScheme::sample();
        s.levels[1].bonus = BasisPoints(10_001);
        s.levels[2].min_spend = Money::from_fen(100);
        assert_eq!(fields(&s), ["levels.1.bonus", "levels.2.min_spend"], "over 100 %, and a threshold below the level under it");
    }
}
