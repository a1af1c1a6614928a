//! Money in 元, held exactly as integer fen (分). Parsing takes amounts the way planners type
//! them ("1,234.50", "1234.5元", "¥1,234", full-width "１２３") and refuses the ambiguous
//! ("1.234,50", "1.234") rather than guess; decimal parsing and rounding are rust_decimal's.
//! Arithmetic never wraps: `+` saturates, and totals use `checked_add`.

use rust_decimal::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(transparent)]
pub struct Money(i64);

/// Why a text is not an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unparsed {
    /// Not a number at all ("一千", "1e10", "12,3").
    Invalid,
    /// A number that reads two ways: "1.234,50" (European grouping) or "1.234" (one yuan
    /// twenty-three, or one thousand two hundred thirty-four).
    Ambiguous,
}

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_fen(fen: i64) -> Self {
        Money(fen)
    }

    pub const fn fen(self) -> i64 {
        self.0
    }

    /// Whole yuan, e.g. a budget typed as 500000 (saturating: never wraps).
    pub const fn from_yuan(yuan: i64) -> Self {
        Money(yuan.saturating_mul(100))
    }

    /// An amount as a planner writes it. Fen beyond two decimals round half-up, as accountants do.
    pub fn parse(text: &str) -> Option<Money> {
        Self::parse_text(text).ok()
    }

    /// Like `parse`, saying why a text was refused.
    pub fn parse_text(text: &str) -> Result<Money, Unparsed> {
        let folded = crate::domain::fold_width(text);
        let body = folded.trim();
        let body = body.strip_prefix(['¥', '￥']).unwrap_or(body);
        let body = body.strip_suffix('元').unwrap_or(body);
        Self::from_decimal(parse_number(body)?).ok_or(Unparsed::Invalid)
    }

    /// A spreadsheet's floating cell value, rounded to the fen.
    pub fn from_f64(value: f64) -> Option<Money> {
        if !value.is_finite() {
            return None;
        }
        Self::from_decimal(Decimal::from_f64(value)?)
    }

    pub fn from_decimal(value: Decimal) -> Option<Money> {
        let fen = value.checked_mul(Decimal::ONE_HUNDRED)?.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
        fen.to_i64().map(Money)
    }

    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// None when the sum leaves i64 fen: totals use this and refuse instead of wrapping.
    pub fn checked_add(self, rhs: Money) -> Option<Money> {
        self.0.checked_add(rhs.0).map(Money)
    }

    /// Two decimals, no grouping: "1234.50". For CSV, JSON and Excel cells.
    pub fn plain(self) -> String {
        self.to_decimal().to_string()
    }
}

/// A number as planners type it (already width-folded): optional sign, digits with optional
/// comma grouping in threes, optional decimals. No exponents, no spaces inside, nothing that
/// reads two ways. Shared by amounts and whole numbers so both refuse the same shapes.
pub(crate) fn parse_number(text: &str) -> Result<Decimal, Unparsed> {
    let body = text.trim();
    let (negative, body) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body.strip_prefix('+').unwrap_or(body)),
    };
    let (whole, fraction) = match body.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if let Some(f) = fraction {
        // A comma after the point is European grouping ("1.234,50"): refused, not guessed.
        if f.contains(',') {
            return Err(Unparsed::Ambiguous);
        }
        if f.is_empty() || !all_digits(f) {
            return Err(Unparsed::Invalid);
        }
    }
    // The number as Decimal reads it, in one buffer: sign, digits without grouping, fraction.
    let mut number = String::with_capacity(body.len() + 1);
    if negative {
        number.push('-');
    }
    if whole.contains(',') {
        let mut groups = whole.split(',');
        let first = groups.next().unwrap_or("");
        // Thousands grouping reads one way (1,234 and 12,345,678); digits grouped otherwise
        // are most likely a decimal comma ("1234,50").
        if first.is_empty() || !all_digits(first) {
            return Err(Unparsed::Invalid);
        }
        let mut ambiguous = first.len() > 3;
        number.push_str(first);
        for group in groups {
            if group.is_empty() || !all_digits(group) {
                return Err(Unparsed::Invalid);
            }
            ambiguous |= group.len() != 3;
            number.push_str(group);
        }
        if ambiguous {
            return Err(Unparsed::Ambiguous);
        }
    } else {
        if !all_digits(whole) || (whole.is_empty() && fraction.is_none()) {
            return Err(Unparsed::Invalid);
        }
        // "1.234" alone may be a European 1,234: exactly three decimals after one to three
        // digits is refused. ("0.125" cannot be grouping, and "1234.567" is not either.)
        if fraction.is_some_and(|f| f.len() == 3) && (1..=3).contains(&whole.len()) && !whole.starts_with('0') {
            return Err(Unparsed::Ambiguous);
        }
        number.push_str(whole);
    }
    if let Some(f) = fraction {
        number.push('.');
        number.push_str(f);
    }
    Decimal::from_str(&number).map_err(|_| Unparsed::Invalid)
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

/// Saturating: amounts in range never come near i64's end, and a corrupt one must not wrap
/// into a plausible negative figure.
impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0.saturating_add(rhs.0))
    }
}

impl std::ops::AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        *self = *self + rhs;
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
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
        assert_eq!(Money::parse("1234.005"), Some(Money::from_fen(123_401)), "x.xx5 rounds up, not to even");
        assert_eq!(Money::parse("1234.004"), Some(Money::from_fen(123_400)));
        assert_eq!(Money::parse("0.125"), Some(Money::from_fen(13)), "a leading zero cannot be thousands grouping");
        assert_eq!(Money::from_f64(1234.5), Some(Money::from_fen(123_450)));
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for text in ["", "元", "abc", "1.2.3", "12,3a", "1e10", "1E+05", "1,,234", "1 234", "--1", "12.", "NaN", "inf"] {
            assert_eq!(Money::parse(text), None, "{text:?} must not silently become a number");
        }
    }

    #[test]
    fn refuses_what_reads_two_ways() {
        for text in ["1.234,50", "1.234", "12.345", "-999.999", "1234,50", "12,3", "1,23,456"] {
            assert_eq!(Money::parse_text(text), Err(Unparsed::Ambiguous), "{text:?} could be grouping or decimals");
        }
        assert_eq!(Money::parse("1,234.50"), Some(Money::from_fen(123_450)), "comma grouping then a point is the usual way");
    }

    #[test]
    fn full_width_digits_are_digits() {
        assert_eq!(Money::parse("１２３"), Some(Money::from_yuan(123)));
        assert_eq!(Money::parse("１，２３４．５０元"), Some(Money::from_fen(123_450)));
        assert_eq!(Money::parse("￥１２３"), Some(Money::from_yuan(123)));
    }

    #[test]
    fn huge_texts_are_refused_not_a_panic() {
        assert_eq!(Money::parse("99999999999999999999999999999"), None, "beyond i64 fen");
        assert_eq!(Money::parse("92233720368547758.08"), None, "one fen past i64::MAX");
        assert_eq!(Money::parse("92,233,720,368,547,758.07"), Some(Money::from_fen(i64::MAX)));
    }

    #[test]
    fn sums_never_wrap() {
        assert_eq!(Money::from_fen(i64::MAX) + Money::from_fen(1), Money::from_fen(i64::MAX), "saturates");
        assert_eq!(Money::from_fen(i64::MAX).checked_add(Money::from_fen(1)), None);
        let total: Money = [Money::from_fen(i64::MAX), Money::from_fen(i64::MAX)].into_iter().sum();
        assert!(!total.is_negative(), "two huge fees never sum to a negative total");
        assert_eq!(Money::from_yuan(i64::MAX), Money::from_fen(i64::MAX));
    }

    #[test]
    fn displays_grouped_with_two_decimals() {
        assert_eq!(Money::from_fen(123_456_789).to_string(), "1,234,567.89");
        assert_eq!(Money::from_fen(5).to_string(), "0.05");
        assert_eq!(Money::from_fen(-100_000).to_string(), "-1,000.00");
        assert_eq!(Money::from_fen(123_450).plain(), "1234.50");
    }
}
