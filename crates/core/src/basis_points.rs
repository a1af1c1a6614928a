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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_reads_naturally() {
        assert_eq!(percent(BasisPoints(4_000)), "40%");
        assert_eq!(percent(BasisPoints(5_250)), "52.5%", "no trailing zero");
        assert_eq!(percent(BasisPoints(5_225)), "52.25%");
        assert_eq!(percent(BasisPoints(-50)), "-0.5%", "a rate below zero keeps its sign");
        assert_eq!(percent(BasisPoints(-1_250)), "-12.5%");
    }
}
