//! What an award's prizes cost and how the campaign's incentive budget (激励预算) covers them.
//!
//! An award pays its tiers in every ranking it has: for teams and for people, and per industry
//! when split. Its cost as offered is one ranking's tiers (places × amount, a tier without an
//! amount costs nothing) times the rankings. When tiers may be shared, tied entrants can make
//! the standing pay more than offered; the cost to budget for is the larger of the two.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::awards::{Ranking, Standing, Tier};
use super::ids::AwardId;
use super::limits;
use crate::error::{Error, FieldError, Result};
use crate::money::Money;

/// One award's prize cost.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct PrizeCost {
    /// One ranking's tiers: the sum of places × amount.
    pub per_ranking: Money,
    /// Rankings the award pays: teams, people, each industry.
    pub rankings: u32,
    /// `per_ranking` × `rankings`: what the award offers.
    pub offered: Money,
    /// What the standing as of its date would pay, entrant by entrant.
    pub paying: Money,
    /// The larger of the two: what to budget for.
    pub cost: Money,
}

fn times(m: Money, n: u32) -> Money {
    Money::from_fen(m.fen().saturating_mul(i64::from(n)))
}

/// The cost of `tiers` over `rankings` (an award's standing).
pub fn prize_cost(tiers: &[Tier], rankings: &[Ranking]) -> PrizeCost {
    let per_ranking: Money = tiers.iter().map(|t| times(t.amount.unwrap_or(Money::ZERO), t.places)).sum();
    let count = u32::try_from(rankings.len()).unwrap_or(u32::MAX);
    let offered = times(per_ranking, count);
    let amount = |name: &str| tiers.iter().find(|t| t.name == name).and_then(|t| t.amount).unwrap_or(Money::ZERO);
    let paying: Money = rankings.iter().flat_map(|r| &r.entries).filter_map(|e| e.tier.as_deref()).map(amount).sum();
    PrizeCost { per_ranking, rankings: count, offered, paying, cost: offered.max(paying) }
}

/// One award's line in the budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct AwardCost {
    pub award_id: AwardId,
    pub name: String,
    pub cost: PrizeCost,
}

/// The campaign's incentive budget against the total of its awards' prize costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct IncentiveBudget {
    /// None until the planner sets one.
    pub budget: Option<Money>,
    pub as_of: NaiveDate,
    pub awards: Vec<AwardCost>,
    /// The sum of the awards' costs.
    pub total: Money,
    /// Budget less total; negative when over.
    pub remaining: Option<Money>,
    pub over: bool,
}

/// The budget summary from the standings as of `as_of` (each with its prize cost).
pub fn incentive_budget(budget: Option<Money>, standings: &[Standing], as_of: NaiveDate) -> IncentiveBudget {
    let awards: Vec<AwardCost> =
        standings.iter().map(|s| AwardCost { award_id: s.award_id, name: s.name.clone(), cost: s.prize_cost }).collect();
    let total: Money = awards.iter().map(|a| a.cost.cost).sum();
    let remaining = budget.map(|b| Money::from_fen(b.fen().saturating_sub(total.fen())));
    IncentiveBudget { budget, as_of, awards, total, remaining, over: remaining.is_some_and(Money::is_negative) }
}

/// What a budget the planner sets must satisfy; None clears it.
pub fn validate_budget(budget: Option<Money>) -> Result<()> {
    match budget {
        Some(b) if !limits::INCENTIVE_BUDGET.contains(b) => {
            Err(Error::Validation(vec![FieldError::new("incentive_budget", limits::INCENTIVE_BUDGET.problem())]))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::awards::{Entry, Scope};

    fn tier(name: &str, places: u32, yuan: Option<i64>) -> Tier {
        Tier { name: name.into(), places, honour: String::new(), amount: yuan.map(Money::from_yuan) }
    }

    fn ranking(tiers: &[Option<&str>]) -> Ranking {
        let entries = tiers
            .iter()
            .enumerate()
            .map(|(i, t)| Entry {
                entrant_id: i as i64,
                name: format!("E{i}"),
                score: 10,
                rank: 1,
                gap: 0,
                tier: t.map(Into::into),
                shared: false,
                contested: Vec::new(),
                tie_reason: None,
                figures: Default::default(),
            })
            .collect();
        Ranking { scope: Scope::Team, industry: None, unit: "quantity".into(), entries }
    }

    #[test]
    fn an_award_costs_its_places_times_amounts_in_every_ranking_and_at_least_what_it_offers() {
        let tiers = [tier("一等奖", 1, Some(5_000)), tier("二等奖", 2, Some(3_000)), tier("荣誉奖", 5, None)];
        // By hand: 1 × 5,000 + 2 × 3,000 = 11,000 per ranking; teams and people: 22,000.
        let paid_as_offered = [ranking(&[Some("一等奖"), Some("二等奖")]), ranking(&[Some("一等奖")])];
        let c = prize_cost(&tiers, &paid_as_offered);
        assert_eq!((c.per_ranking, c.rankings, c.offered), (Money::from_yuan(11_000), 2, Money::from_yuan(22_000)));
        assert_eq!(c.paying, Money::from_yuan(13_000), "5,000 + 3,000 + 5,000 paid so far");
        assert_eq!(c.cost, Money::from_yuan(22_000), "never less than offered: the places are still to be paid");
        // Shared tiers: three tied for one 一等奖 are each paid 5,000.
        let shared = [ranking(&[Some("一等奖"), Some("一等奖"), Some("一等奖"), Some("二等奖"), Some("二等奖")])];
        let c = prize_cost(&tiers, &shared);
        assert_eq!((c.offered, c.paying, c.cost), (Money::from_yuan(11_000), Money::from_yuan(21_000), Money::from_yuan(21_000)));
    }

    #[test]
    fn the_budget_is_compared_with_the_total_of_the_awards() {
        let standing = |id: i64, yuan: i64| Standing {
            award_id: AwardId(id),
            name: format!("A{id}"),
            kind: crate::domain::awards::AwardKind::Single,
            tie_break: String::new(),
            tie_breaks: Vec::new(),
            shared_tiers: false,
            as_of: NaiveDate::from_ymd_opt(2026, 11, 1).expect("d"),
            rankings: Vec::new(),
            locked: None,
            prize_cost: PrizeCost { cost: Money::from_yuan(yuan), ..PrizeCost::default() },
        };
        let day = NaiveDate::from_ymd_opt(2026, 11, 1).expect("d");
        let s = [standing(1, 28_000), standing(2, 6_000)];
        let b = incentive_budget(Some(Money::from_yuan(30_000)), &s, day);
        assert_eq!(
            (b.total, b.remaining, b.over),
            (Money::from_yuan(34_000), Some(Money::from_yuan(-4_000)), true),
            "34,000 against 30,000"
        );
        let b = incentive_budget(None, &s, day);
        assert_eq!((b.remaining, b.over), (None, false), "no budget yet: nothing to be over");
        assert!(validate_budget(Some(Money::from_fen(-1))).is_err() && validate_budget(None).is_ok());
    }
}
