//! Money in 元, held exactly as integer fen (分). Parsing is tolerant of the way planners type
//! amounts ("1,234.50", "1234.5元", "¥1,234"); decimal parsing and rounding are rust_decimal's.

use rust_decimal::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_fen(fen: i64) -> Self {
        Money(fen)
    }

    pub const fn fen(self) -> i64 {
        self.0
    }

    /// Whole yuan, e.g. a budget typed as 500000.
    pub const fn from_yuan(yuan: i64) -> Self {
        Money(yuan * 100)
    }

    /// An amount as a planner writes it. Fen beyond two decimals round half-up, as accountants do.
    pub fn parse(text: &str) -> Option<Money> {
        let cleaned: String = text
            .trim()
            .trim_start_matches(['¥', '￥'])
            .trim_end_matches('元')
            .chars()
            .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{3000}'))
            .collect();
        if cleaned.is_empty() {
            return None;
        }
        let value = Decimal::from_str(&cleaned).ok()?;
        Self::from_decimal(value)
    }

    /// A spreadsheet's floating cell value, rounded to the fen.
    pub fn from_f64(value: f64) -> Option<Money> {
        if !value.is_finite() {
            return None;
        }
        Self::from_decimal(Decimal::from_f64(value)?)
    }

    pub fn from_decimal(value: Decimal) -> Option<Money> {
        let fen = (value * Decimal::ONE_HUNDRED)
            .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
        fen.to_i64().map(Money)
    }

    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Two decimals, no grouping: "1234.50". For CSV, JSON and Excel cells.
    pub fn plain(self) -> String {
        self.to_decimal().to_string()
    }
}

/// Grouped with two decimals: "1,234.50".
impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let yuan = (abs / 100).to_string();
        let mut grouped = String::with_capacity(yuan.len() + yuan.len() / 3);
        for (i, ch) in yuan.chars().enumerate() {
            if i > 0 && (yuan.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        write!(f, "{sign}{grouped}.{:02}", abs % 100)
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl std::ops::AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        Money(iter.map(|m| m.0).sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_amounts_as_planners_write_them() {
        for (text, fen) in [
            ("1,234.50", 123_450),
            ("1234.5元", 123_450),
            ("¥1,234", 123_400),
            ("￥ 1，234.5", 123_450),
            ("0", 0),
            ("-12.3", -1_230),
            ("2000", 200_000),
        ] {
            assert_eq!(Money::parse(text), Some(Money::from_fen(fen)), "{text:?} should parse");
        }
    }

    #[test]
    fn rounds_half_up_to_the_fen() {
        assert_eq!(Money::parse("1.005"), Some(Money::from_fen(101)), "x.xx5 rounds up, not to even");
        assert_eq!(Money::parse("1.004"), Some(Money::from_fen(100)));
        assert_eq!(Money::from_f64(1234.5), Some(Money::from_fen(123_450)));
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for text in ["", "元", "abc", "1.2.3", "12,3a"] {
            assert_eq!(Money::parse(text), None, "{text:?} must not silently become a number");
        }
    }

    #[test]
    fn displays_grouped_with_two_decimals() {
        assert_eq!(Money::from_fen(123_456_789).to_string(), "1,234,567.89");
        assert_eq!(Money::from_fen(5).to_string(), "0.05");
        assert_eq!(Money::from_fen(-100_000).to_string(), "-1,000.00");
        assert_eq!(Money::from_fen(123_450).plain(), "1234.50");
    }
}
