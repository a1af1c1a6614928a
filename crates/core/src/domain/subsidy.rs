//! Cross-subsidy (交叉补贴): rate tables by contract type and term band, term uplift, and the
//! arithmetic. subsidy = base (last-December fee) × rate × (1 + uplift), half-up to the fen.
//! Rates are basis points (1 bp = 0.01 %), so every figure is an exact integer.

use serde::{Deserialize, Serialize};

use super::{limits, ProductType};
use crate::basis_points::BasisPoints;
use crate::domain::ids::CampaignId;
use crate::error::{Error, FieldError, Problem, Result};
use crate::money::Money;

pub const FULL: i64 = 10_000;

/// One row of the rate table: a product type over a band of agreement terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct RateRule {
    pub product_type: ProductType,
    /// First month of the band, inclusive.
    pub term_from: i64,
    /// Last month of the band, inclusive; `None` is open-ended.
    pub term_to: Option<i64>,
    pub min_bp: BasisPoints,
    pub default_bp: BasisPoints,
    pub max_bp: BasisPoints,
}

impl RateRule {
    pub fn covers(&self, product_type: ProductType, term: i64) -> bool {
        self.product_type == product_type && term >= self.term_from && self.term_to.is_none_or(|to| term <= to)
    }
}

/// Agreements longer than `term_over` months raise the rate by this share of itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct UpliftRule {
    pub term_over: i64,
    pub min_bp: BasisPoints,
    pub default_bp: BasisPoints,
    pub max_bp: BasisPoints,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct RuleTable {
    pub rates: Vec<RateRule>,
    pub uplifts: Vec<UpliftRule>,
}

struct Resolved<'a> {
    rule: &'a RateRule,
    rate_bp: BasisPoints,
    uplift: Option<&'a UpliftRule>,
    uplift_bp: BasisPoints,
    out_of_range: bool,
}

/// Where a contract's rate came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RateSource {
    Default,
    Override { reason: String },
}

/// Why a figure needs a planner's eye.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SubsidyFlag {
    /// No rule for this product type and term: no subsidy (broadband-only and mobile, say).
    NoRule,
    /// A rule edit moved the range away from an override; it is kept, not silently changed.
    OverrideOutOfRange,
}

/// One contract's subsidy and everything needed to explain it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct SubsidyLine {
    pub base: Money,
    pub rule: Option<RateRule>,
    pub rate_bp: BasisPoints,
    pub source: RateSource,
    pub uplift: Option<UpliftRule>,
    pub uplift_bp: BasisPoints,
    pub amount: Money,
    pub flag: Option<SubsidyFlag>,
}

/// base × rate × (1 + uplift), rounded half away from zero to the fen. Worked in i128, which
/// in-range inputs never come near; anything past i64 saturates on its own side of zero
/// instead of wrapping (rules and overrides are range-checked where they are saved).
pub fn amount(base: Money, rate: BasisPoints, uplift: BasisPoints) -> Money {
    let (rate_bp, uplift_bp) = (rate.get(), uplift.get());
    let denominator = i128::from(FULL) * i128::from(FULL);
    let numerator =
        i128::from(base.fen()).checked_mul(i128::from(rate_bp)).and_then(|n| n.checked_mul(i128::from(FULL) + i128::from(uplift_bp)));
    let Some(numerator) = numerator else {
        let negative = (base.fen() < 0) != (rate_bp < 0);
        return Money::from_fen(if negative { i64::MIN } else { i64::MAX });
    };
    let half = denominator / 2;
    let rounded = if numerator >= 0 { (numerator + half) / denominator } else { (numerator - half) / denominator };
    Money::from_fen(i64::try_from(rounded).unwrap_or(if rounded < 0 { i64::MIN } else { i64::MAX }))
}

impl RuleTable {
    pub fn rate_rule(&self, product_type: ProductType, term: i64) -> Option<&RateRule> {
        self.rates.iter().find(|r| r.covers(product_type, term))
    }

    /// A contract's own rate: inside its rule's range (and so inside 0–100 %), with a reason.
    pub fn check_override(&self, product_type: ProductType, term: i64, rate_bp: BasisPoints, reason: &str) -> Result<()> {
        let mut errors = Vec::new();
        match self.rate_rule(product_type, term) {
            // Rules are range-checked when saved; an override is held to the same 0–100 %.
            _ if !limits::RATE_BP.contains(&rate_bp) => errors.push(FieldError::new(
                "rate_bp",
                Problem::PercentOutOfRange { min_bp: *limits::RATE_BP.start(), max_bp: *limits::RATE_BP.end() },
            )),
            None => errors.push(FieldError::new("rate_bp", Problem::NoRule)),
            Some(rule) if rate_bp < rule.min_bp || rate_bp > rule.max_bp => {
                errors.push(FieldError::new("rate_bp", Problem::PercentOutOfRange { min_bp: rule.min_bp, max_bp: rule.max_bp }))
            }
            Some(_) => {}
        }
        let reason = reason.trim();
        if reason.is_empty() {
            errors.push(FieldError::new("reason", Problem::Required));
        } else if reason.chars().count() > 500 {
            errors.push(FieldError::new("reason", Problem::TooLong { max: 500 }));
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        Ok(())
    }

    /// The uplift with the highest threshold that the term exceeds.
    pub fn uplift_rule(&self, term: i64) -> Option<&UpliftRule> {
        self.uplifts.iter().filter(|u| term > u.term_over).max_by_key(|u| u.term_over)
    }

    /// The rule, rate, uplift and review flag for one contract: the single place the rules
    /// are applied, shared by the explained line and the streaming totals.
    fn resolve(&self, product_type: ProductType, term: i64, override_bp: Option<BasisPoints>) -> Option<Resolved<'_>> {
        let rule = self.rate_rule(product_type, term)?;
        let rate_bp = override_bp.unwrap_or(rule.default_bp);
        let out_of_range = override_bp.is_some_and(|bp| bp < rule.min_bp || bp > rule.max_bp);
        let uplift = self.uplift_rule(term);
        Some(Resolved { rule, rate_bp, uplift, uplift_bp: uplift.map_or(BasisPoints::ZERO, |u| u.default_bp), out_of_range })
    }

    /// Just the figure and whether it needs review: what totals need, without the explanation.
    pub fn figure(&self, product_type: ProductType, term: i64, base: Money, override_bp: Option<BasisPoints>) -> (Money, bool) {
        match self.resolve(product_type, term, override_bp) {
            Some(r) => (amount(base, r.rate_bp, r.uplift_bp), r.out_of_range),
            None => (Money::ZERO, false),
        }
    }

    /// One contract's subsidy under these rules, with an optional per-contract rate override.
    pub fn line(&self, product_type: ProductType, term: i64, base: Money, rate_override: Option<(BasisPoints, &str)>) -> SubsidyLine {
        let Some(r) = self.resolve(product_type, term, rate_override.map(|(bp, _)| bp)) else {
            return SubsidyLine {
                base,
                rule: None,
                rate_bp: BasisPoints::ZERO,
                source: RateSource::Default,
                uplift: None,
                uplift_bp: BasisPoints::ZERO,
                amount: Money::ZERO,
                flag: Some(SubsidyFlag::NoRule),
            };
        };
        SubsidyLine {
            base,
            rule: Some(r.rule.clone()),
            rate_bp: r.rate_bp,
            source: match rate_override {
                Some((_, reason)) => RateSource::Override { reason: reason.to_string() },
                None => RateSource::Default,
            },
            uplift: r.uplift.cloned(),
            uplift_bp: r.uplift_bp,
            amount: amount(base, r.rate_bp, r.uplift_bp),
            flag: r.out_of_range.then_some(SubsidyFlag::OverrideOutOfRange),
        }
    }

    /// Refuses inverted ranges, rates outside 0–100 %, and overlapping or gapped term bands,
    /// naming the offending row and field (`rates.1.default_bp`).
    pub fn validate(&self) -> Result<()> {
        let mut errors = Vec::new();
        for (i, r) in self.rates.iter().enumerate() {
            check_range(&mut errors, &format!("rates.{i}"), r.min_bp, r.default_bp, r.max_bp);
            if r.term_from < 0 {
                errors.push(FieldError::new(format!("rates.{i}.term_from"), Problem::Negative));
            } else if r.term_from > *limits::TERM_MONTHS.end() || r.term_to.is_some_and(|to| to > *limits::TERM_MONTHS.end()) {
                let (min, max) = (*limits::TERM_MONTHS.start(), *limits::TERM_MONTHS.end());
                errors.push(FieldError::new(format!("rates.{i}.term_from"), Problem::OutOfRange { min, max }));
            }
            if r.term_to.is_some_and(|to| to < r.term_from) {
                errors.push(FieldError::new(format!("rates.{i}.term_to"), Problem::EndBeforeStart));
            }
        }
        for product in ProductType::ALL {
            let mut bands: Vec<(usize, &RateRule)> = self.rates.iter().enumerate().filter(|(_, r)| r.product_type == *product).collect();
            bands.sort_by_key(|(_, r)| r.term_from);
            for pair in bands.windows(2) {
                let ((_, a), (j, b)) = (pair[0], pair[1]);
                match a.term_to {
                    None => errors.push(FieldError::new(format!("rates.{j}.term_from"), Problem::BandsOverlap)),
                    Some(to) if b.term_from <= to => errors.push(FieldError::new(format!("rates.{j}.term_from"), Problem::BandsOverlap)),
                    Some(to) if b.term_from > to.saturating_add(1) => {
                        errors.push(FieldError::new(format!("rates.{j}.term_from"), Problem::BandsGap { after: to }))
                    }
                    Some(_) => {}
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (i, u) in self.uplifts.iter().enumerate() {
            check_range(&mut errors, &format!("uplifts.{i}"), u.min_bp, u.default_bp, u.max_bp);
            if u.term_over < 0 {
                errors.push(FieldError::new(format!("uplifts.{i}.term_over"), Problem::Negative));
            }
            if !seen.insert(u.term_over) {
                errors.push(FieldError::new(format!("uplifts.{i}.term_over"), Problem::BandsOverlap));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(errors))
        }
    }

    /// The demo campaign's rules (DOMAIN.md): fibre only 40 % (30–50), bundle 55 % (30–80),
    /// over 36 months uplift 40 % (30–50). Broadband and mobile have no rule.
    pub fn demo() -> RuleTable {
        RuleTable {
            rates: vec![
                RateRule {
                    product_type: ProductType::FiberOnly,
                    term_from: 0,
                    term_to: None,
                    min_bp: BasisPoints(3_000),
                    default_bp: BasisPoints(4_000),
                    max_bp: BasisPoints(5_000),
                },
                RateRule {
                    product_type: ProductType::Bundle,
                    term_from: 0,
                    term_to: None,
                    min_bp: BasisPoints(3_000),
                    default_bp: BasisPoints(5_500),
                    max_bp: BasisPoints(8_000),
                },
            ],
            uplifts: vec![UpliftRule {
                term_over: 36,
                min_bp: BasisPoints(3_000),
                default_bp: BasisPoints(4_000),
                max_bp: BasisPoints(5_000),
            }],
        }
    }
}

fn check_range(errors: &mut Vec<FieldError>, row: &str, min: BasisPoints, default: BasisPoints, max: BasisPoints) {
    let (lowest, highest) = (*limits::RATE_BP.start(), *limits::RATE_BP.end());
    for (name, value) in [("min_bp", min), ("default_bp", default), ("max_bp", max)] {
        if !limits::RATE_BP.contains(&value) {
            errors.push(FieldError::new(format!("{row}.{name}"), Problem::PercentOutOfRange { min_bp: lowest, max_bp: highest }));
        }
    }
    if min > max {
        errors.push(FieldError::new(format!("{row}.min_bp"), Problem::MinAboveMax));
    } else if default < min || default > max {
        errors.push(FieldError::new(format!("{row}.default_bp"), Problem::PercentOutOfRange { min_bp: min, max_bp: max }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yuan(text: &str) -> Money {
        Money::parse(text).expect("amount")
    }

    #[test]
    fn the_domain_example_fibre_2000_for_48_months_is_1120() {
        let line = RuleTable::demo().line(ProductType::FiberOnly, 48, yuan("2000"), None);
        assert_eq!(line.amount, yuan("1120.00"), "2,000.00 × 0.40 × 1.40 = 1,120.00 (DOMAIN.md)");
        assert_eq!((line.rate_bp, line.uplift_bp), (BasisPoints(4_000), BasisPoints(4_000)));
    }

    #[test]
    fn uplift_starts_after_36_months_not_at_36() {
        let rules = RuleTable::demo();
        assert_eq!(rules.line(ProductType::FiberOnly, 36, yuan("1000"), None).amount, yuan("400.00"), "exactly three years: no uplift");
        assert_eq!(rules.line(ProductType::FiberOnly, 37, yuan("1000"), None).amount, yuan("560.00"), "more than three years: × 1.40");
    }

    #[test]
    fn zero_base_and_rates_at_their_bounds() {
        let rules = RuleTable::demo();
        assert_eq!(rules.line(ProductType::Bundle, 60, Money::ZERO, None).amount, Money::ZERO);
        let at_min = rules.line(ProductType::Bundle, 12, yuan("1000"), Some((BasisPoints(3_000), "客户议价")));
        assert_eq!((at_min.amount, at_min.flag), (yuan("300.00"), None), "the minimum itself is inside the range");
        let at_max = rules.line(ProductType::Bundle, 12, yuan("1000"), Some((BasisPoints(8_000), "战略客户")));
        assert_eq!((at_max.amount, at_max.flag), (yuan("800.00"), None));
    }

    #[test]
    fn rounds_half_up_to_the_fen() {
        // 0.01 × 50 % = 0.005 → 0.01; 0.03 × 50 % = 0.015 → 0.02; never banker's rounding.
        assert_eq!(amount(yuan("0.01"), BasisPoints(5_000), BasisPoints(0)), yuan("0.01"));
        assert_eq!(amount(yuan("0.03"), BasisPoints(5_000), BasisPoints(0)), yuan("0.02"));
        assert_eq!(amount(yuan("0.05"), BasisPoints(5_000), BasisPoints(0)), yuan("0.03"));
        assert_eq!(amount(yuan("0.01"), BasisPoints(4_000), BasisPoints(0)), yuan("0.00"), "0.004 rounds down");
        assert_eq!(amount(yuan("1234.57"), BasisPoints(5_500), BasisPoints(4_000)), yuan("950.62"), "1234.57 × 0.55 × 1.4 = 950.6189");
    }

    #[test]
    fn extreme_bases_saturate_instead_of_wrapping() {
        let top = Money::from_fen(i64::MAX);
        assert_eq!(amount(top, BasisPoints(FULL), BasisPoints(FULL)), top, "base × 100 % × 2 past i64 stays at the top, not negative");
        assert_eq!(amount(Money::from_fen(i64::MIN), BasisPoints(FULL), BasisPoints(FULL)), Money::from_fen(i64::MIN));
        assert_eq!(amount(top, BasisPoints(i64::MAX), BasisPoints(i64::MAX)), top, "even absurd rates cannot wrap");
        let largest = amount(limits::FEE.max, BasisPoints(FULL), BasisPoints(FULL));
        assert_eq!(largest, Money::from_yuan(20_000_000), "the largest in-range figure is exact");
    }

    #[test]
    fn broadband_and_mobile_have_no_rule_and_no_subsidy() {
        for product in [ProductType::Broadband, ProductType::Mobile] {
            let line = RuleTable::demo().line(product, 48, yuan("900"), None);
            assert_eq!((line.amount, line.flag), (Money::ZERO, Some(SubsidyFlag::NoRule)));
        }
    }

    #[test]
    fn an_override_outside_a_later_range_is_kept_and_flagged() {
        let mut rules = RuleTable::demo();
        rules.rates[0].max_bp = BasisPoints(4_500);
        let line = rules.line(ProductType::FiberOnly, 12, yuan("1000"), Some((BasisPoints(5_000), "老客户")));
        assert_eq!(line.rate_bp, BasisPoints(5_000), "the planner's override is not silently changed");
        assert_eq!(line.flag, Some(SubsidyFlag::OverrideOutOfRange));
    }

    fn fields(rules: &RuleTable) -> Vec<String> {
        match rules.validate() {
            Err(Error::Validation(f)) => f.into_iter().map(|f| f.field).collect(),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn validation_names_the_offending_field() {
        let mut rules = RuleTable::demo();
        rules.validate().expect("the demo rules are valid");

        rules.rates[0].default_bp = BasisPoints(6_000);
        assert_eq!(fields(&rules), ["rates.0.default_bp"], "a default above the maximum");
        rules.rates[0].default_bp = BasisPoints(4_000);
        rules.rates[0].min_bp = BasisPoints(5_500);
        assert_eq!(fields(&rules), ["rates.0.min_bp"], "minimum above maximum");
        rules.rates[0].min_bp = BasisPoints(3_000);
        rules.rates[1].max_bp = BasisPoints(12_000);
        assert_eq!(fields(&rules), ["rates.1.max_bp"], "rates above 100 %");
        rules.rates[1].max_bp = BasisPoints(8_000);
        rules.uplifts[0].min_bp = BasisPoints(-1);
        assert_eq!(fields(&rules), ["uplifts.0.min_bp"], "negative rates");
    }

    #[test]
    fn term_bands_may_not_overlap_or_leave_gaps() {
        let band = |from, to: Option<i64>| RateRule {
            product_type: ProductType::FiberOnly,
            term_from: from,
            term_to: to,
            min_bp: BasisPoints(3_000),
            default_bp: BasisPoints(4_000),
            max_bp: BasisPoints(5_000),
        };
        let ok = RuleTable { rates: vec![band(0, Some(23)), band(24, None)], uplifts: vec![] };
        ok.validate().expect("adjacent bands are fine");
        assert_eq!(ok.rate_rule(ProductType::FiberOnly, 24), Some(&ok.rates[1]));

        let overlap = RuleTable { rates: vec![band(0, Some(24)), band(24, None)], uplifts: vec![] };
        assert_eq!(fields(&overlap), ["rates.1.term_from"]);
        let gap = RuleTable { rates: vec![band(0, Some(12)), band(24, None)], uplifts: vec![] };
        assert_eq!(fields(&gap), ["rates.1.term_from"]);
        let after_open = RuleTable { rates: vec![band(12, None), band(0, Some(11)), band(36, None)], uplifts: vec![] };
        assert_eq!(fields(&after_open), ["rates.2.term_from"], "nothing may follow an open-ended band");
    }

    #[test]
    fn totals_are_over_budget_only_past_it() {
        let totals = |total: i64, budget: i64| SubsidyTotals {
            total: Money::from_fen(total),
            budget: Money::from_fen(budget),
            clients: 0,
            contracts: 0,
            flagged: 0,
            by_category: Vec::new(),
            by_team: Vec::new(),
            over_budget: false,
        };
        assert!(totals(10_001, 10_000).judged().over_budget, "one fen past the budget is over it");
        assert!(!totals(10_000, 10_000).judged().over_budget, "spending exactly the budget is within it");
        assert!(totals(1, 0).judged().over_budget, "any subsidy against no budget is over it");
    }
}

/// Where a rule set stands in the campaign's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RuleSetKind {
    Current,
    Superseded,
    Scenario,
    Discarded,
}

impl RuleSetKind {
    pub const ALL: [RuleSetKind; 4] = [Self::Current, Self::Superseded, Self::Scenario, Self::Discarded];
    pub fn code(self) -> &'static str {
        match self {
            Self::Current => "current",
            Self::Superseded => "superseded",
            Self::Scenario => "scenario",
            Self::Discarded => "discarded",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A stored rule table: the current rules, an earlier version, or a what-if scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct RuleSet {
    pub id: i64,
    pub campaign_id: CampaignId,
    pub kind: RuleSetKind,
    pub name: String,
    pub author: String,
    pub created_at: String,
    /// A planner's own words, shown as written.
    pub note: String,
    /// What made this rule set, if the core made it on a planner's behalf (adopting a scenario);
    /// a code, so each interface words it in its own language.
    pub event: Option<RuleSetEvent>,
    pub table: RuleTable,
}

/// Why the core made or closed a rule set. The adopted scenario's name is the rule set's `name`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RuleSetEvent {
    /// The rules in force that a scenario became.
    AdoptedScenario,
    /// A scenario that was adopted (and so left the list of scenarios).
    Adopted,
}

impl RuleSetEvent {
    pub const ALL: [RuleSetEvent; 2] = [Self::AdoptedScenario, Self::Adopted];
    pub fn code(self) -> &'static str {
        match self {
            Self::AdoptedScenario => "adopted_scenario",
            Self::Adopted => "adopted",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.code() == code)
    }
}

/// A subtotal by one dimension (a category code or a team name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct TotalRow {
    pub key: String,
    pub amount: Money,
    pub clients: i64,
    pub contracts: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct SubsidyTotals {
    pub total: Money,
    pub budget: Money,
    pub clients: i64,
    pub contracts: i64,
    /// Contracts whose figure needs review (an override a rule edit pushed out of range).
    pub flagged: i64,
    pub by_category: Vec<TotalRow>,
    pub by_team: Vec<TotalRow>,
    /// The total passes the budget; sent so the UI shows the rule's verdict, not its own.
    pub over_budget: bool,
}

impl SubsidyTotals {
    /// The figures with the budget rule applied, once they are all summed.
    pub fn judged(self) -> Self {
        Self { over_budget: self.total > self.budget, ..self }
    }
}

/// One line of the per-client subsidy list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct ClientSubsidy {
    pub client_id: super::ids::ClientId,
    pub code: String,
    pub name: String,
    pub category: super::Category,
    pub team: Option<String>,
    pub subsidy: Money,
    pub contracts: i64,
    pub flagged: bool,
}

/// A contract with its subsidy explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct ContractSubsidy {
    pub contract: super::Contract,
    pub line: SubsidyLine,
}

/// An edited rate table's effect before it is saved: the totals now and under the edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct RulesPreview {
    pub current: SubsidyTotals,
    pub proposed: SubsidyTotals,
}

/// A scenario beside the current plan, by category and team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Comparison {
    pub scenario: RuleSet,
    pub current: SubsidyTotals,
    pub proposed: SubsidyTotals,
}
