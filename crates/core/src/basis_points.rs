//! Basis points (1 bp = 0.01 %) as a planner reads them. Apart from the subsidy rules so that
//! error messages can show a rate without the error type depending on the rules that raise it.

use serde::{Deserialize, Serialize};

/// A rate in basis points: 4000 is 40 %. Exact integers, so rates and the subsidies worked from
/// them never round on the way; a plain number on the wire and in the database.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(transparent)]
pub struct BasisPoints(pub i64);

impl BasisPoints {
    pub const ZERO: BasisPoints = BasisPoints(0);
    /// 100 %.
    pub const FULL: BasisPoints = BasisPoints(10_000);

    pub const fn get(self) -> i64 {
        self.0
    }

    /// The rate as a fraction (0.4 for 40 %), for a spreadsheet cell formatted as a percentage.
    pub fn fraction(self) -> f64 {
        self.0 as f64 / 10_000.0
    }
}

/// "40%", "52.5%", "52.25%", "-0.5%".
impl std::fmt::Display for BasisPoints {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let bp = self.0.unsigned_abs();
        let (whole, frac) = (bp / 100, bp % 100);
        match frac {
            0 => write!(f, "{sign}{whole}%"),
            fr if fr % 10 == 0 => write!(f, "{sign}{whole}.{}%", fr / 10),
            fr => write!(f, "{sign}{whole}.{fr:02}%"),
        }
    }
}

/// "40%", "52.5%", "52.25%".
pub fn percent(bp: BasisPoints) -> String {
    bp.to_string()
}

/// `part` out of `whole` in basis points, to the nearest (half up), as a percentage with two
/// decimals reads it: 2 of 3 is 6667. None when `whole` is not above zero.
pub fn share_bp(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| ((i128::from(part) * 20_000 + i128::from(whole)) / (2 * i128::from(whole))) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_round_to_the_nearest_basis_point() {
        assert_eq!(share_bp(2, 3), Some(6_667), "66.666…% reads 66.67%");
        assert_eq!(share_bp(1, 3), Some(3_333));
        assert_eq!(share_bp(1, 20_000), Some(1), "half a basis point rounds up");
        assert_eq!(share_bp(5, 0), None, "nothing to divide by");
        assert_eq!(share_bp(i64::MAX, i64::MAX), Some(10_000), "no overflow at the extremes");
    }

    #[test]
    fn percent_reads_naturally() {
        assert_eq!(percent(BasisPoints(4_000)), "40%");
        assert_eq!(percent(BasisPoints(5_250)), "52.5%", "no trailing zero");
        assert_eq!(percent(BasisPoints(5_225)), "52.25%");
        assert_eq!(percent(BasisPoints(-50)), "-0.5%", "a rate below zero keeps its sign");
        assert_eq!(percent(BasisPoints(-1_250)), "-12.5%");
    }
}
