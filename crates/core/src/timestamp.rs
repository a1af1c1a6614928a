//! The moment a change was made, as every history table stores it: "2026-11-22 09:00:00",
//! readable and sortable as text. Made only from a time the caller was given (no rule reads
//! the clock), and refused when a stored one is in any other form.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

const FORMAT: &str = "%Y-%m-%d %H:%M:%S";

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(transparent)]
pub struct Timestamp(String);

impl Timestamp {
    pub fn of(at: NaiveDateTime) -> Timestamp {
        Timestamp(at.format(FORMAT).to_string())
    }

    /// A stored timestamp, when it is in the one stored form.
    pub fn parse(text: &str) -> Option<Timestamp> {
        NaiveDateTime::parse_from_str(text, FORMAT).ok().map(Timestamp::of).filter(|t| t.0 == text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_stored_form_reads_back() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).and_then(|d| d.and_hms_opt(9, 5, 0)).expect("a time");
        assert_eq!(Timestamp::of(at).as_str(), "2026-11-22 09:05:00", "seconds included, zero-padded");
        assert_eq!(Timestamp::parse("2026-11-22 09:05:00"), Some(Timestamp::of(at)));
        for other in ["2026-11-22T09:05:00", "2026-11-22 9:05:00", "2026-11-22", "", "2026-13-01 00:00:00"] {
            assert_eq!(Timestamp::parse(other), None, "{other:?} is not a stored timestamp");
        }
    }
}
