//! The ranges a planner would believe, in one place. Every reader (file imports, desktop forms,
//! the store's own checks) refuses a value outside them, so that sums over a million contracts
//! stay far inside i64 fen (10^6 × 10^9 fen = 10^15, against 9.2 × 10^18).

use std::ops::RangeInclusive;

use crate::basis_points::BasisPoints;
use crate::error::Problem;
use crate::money::Money;

/// An inclusive range of amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AmountRange {
    pub min: Money,
    pub max: Money,
}

impl AmountRange {
    pub fn contains(&self, amount: Money) -> bool {
        self.min <= amount && amount <= self.max
    }

    /// The problem a form reports for an amount outside the range.
    pub fn problem(&self) -> Problem {
        Problem::AmountOutOfRange { min: self.min, max: self.max }
    }

    /// Why a spreadsheet cell was refused, in both languages.
    pub fn refusal(&self) -> (String, String) {
        let problem = self.problem();
        (problem.zh(), problem.en())
    }
}

const fn yuan(from: i64, to: i64) -> AmountRange {
    AmountRange { min: Money::from_yuan(from), max: Money::from_yuan(to) }
}

/// A contract's monthly fee, its December fee (the subsidy base), and a billing snapshot's tariff.
pub const FEE: AmountRange = yuan(0, 10_000_000);
/// What one achievement row brings in.
pub const ACHIEVEMENT_AMOUNT: AmountRange = yuan(0, 10_000_000);
/// One prize tier's money.
pub const PRIZE: AmountRange = yuan(0, 10_000_000);
/// One single broadband fee that counts as priced high (a threshold on `FEE`).
pub const HIGH_PRICE: AmountRange = FEE;
/// A campaign's subsidy budget.
pub const BUDGET: AmountRange = yuan(0, 1_000_000_000);
/// A campaign's incentive budget (激励预算): prizes of all its awards.
pub const INCENTIVE_BUDGET: AmountRange = BUDGET;
/// A client's monthly spend threshold: a sum of several fees, so as wide as a budget.
pub const HIGH_SPEND: AmountRange = BUDGET;

/// Agreement term in months: twenty years is already unusual.
pub const TERM_MONTHS: RangeInclusive<i64> = 0..=240;
/// How many of a thing one achievement row records.
pub const QUANTITY: RangeInclusive<i64> = 0..=1_000_000;
/// An award's target quantity for one entrant (a sum of many rows).
pub const TARGET_QUANTITY: RangeInclusive<i64> = 1..=1_000_000_000;
/// Subsidy rates, uplifts and award weights in basis points: 0 to 100 %.
pub const RATE_BP: RangeInclusive<BasisPoints> = BasisPoints::ZERO..=BasisPoints::FULL;
/// Places one prize tier covers.
pub const TIER_PLACES: RangeInclusive<u32> = 1..=1_000;
/// Years a date may fall in: earlier or later is a typo or a two-digit year read wrongly.
pub const YEARS: RangeInclusive<i32> = 1990..=2100;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_million_contracts_at_the_largest_fee_still_sum_inside_i64() {
        let worst = i128::from(FEE.max.fen()) * 2 * 1_000_000;
        assert!(worst < i128::from(i64::MAX), "subsidy ≤ base × 100 % × (1 + 100 %), summed over 10^6 contracts");
        assert!(FEE.contains(Money::ZERO) && FEE.contains(FEE.max) && !FEE.contains(Money::from_fen(-1)));
    }
}
