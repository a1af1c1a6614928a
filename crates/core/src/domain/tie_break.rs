//! How an award orders entrants whose scores are equal: an ordered list of criteria, each
//! comparing one figure counted as of the standing's date. When every criterion is equal the
//! entrants share a place.

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::money::Money;

/// One tie-break criterion; an award lists them in the order they apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TieBreak {
    /// The entrant whose score reached its final value earlier.
    ReachedFirst,
    /// More distinct clients among the counted achievements.
    MoreClients,
    /// A higher sum of the counted achievements' amounts.
    HigherAmount,
}

impl TieBreak {
    pub const ALL: [TieBreak; 3] = [TieBreak::ReachedFirst, TieBreak::MoreClients, TieBreak::HigherAmount];

    pub fn code(self) -> &'static str {
        match self {
            TieBreak::ReachedFirst => "reached_first",
            TieBreak::MoreClients => "more_clients",
            TieBreak::HigherAmount => "higher_amount",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }

    pub fn zh(self) -> &'static str {
        match self {
            TieBreak::ReachedFirst => "达成日期较早",
            TieBreak::MoreClients => "客户数较多",
            TieBreak::HigherAmount => "金额较高",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            TieBreak::ReachedFirst => "reached the score first",
            TieBreak::MoreClients => "more distinct clients",
            TieBreak::HigherAmount => "higher amount",
        }
    }

    /// What a new award and an award saved before criteria existed apply: the demo's stated
    /// rule (评比时再按达成日期先后区分) first, then clients, then amount.
    pub fn standard() -> Vec<TieBreak> {
        Self::ALL.to_vec()
    }

    /// Orders `a` before `b` (Less) when the criterion favours `a`.
    fn compare(self, a: &TieFigures, b: &TieFigures) -> Ordering {
        match self {
            // Never reached (no counted achievement) comes after any date.
            TieBreak::ReachedFirst => match (a.reached_on, b.reached_on) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
            TieBreak::MoreClients => b.clients.cmp(&a.clients),
            TieBreak::HigherAmount => b.amount.cmp(&a.amount),
        }
    }

    fn figure(self, f: &TieFigures) -> TieFigure {
        match self {
            TieBreak::ReachedFirst => TieFigure::Date(f.reached_on),
            TieBreak::MoreClients => TieFigure::Count(f.clients),
            TieBreak::HigherAmount => TieFigure::Amount(f.amount),
        }
    }
}

/// The figures the criteria compare, for one entrant as of the standing's date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct TieFigures {
    /// The day the score reached the value it has as of the standing's date.
    pub reached_on: Option<NaiveDate>,
    /// Distinct clients among the counted achievements.
    pub clients: i64,
    /// Sum of the counted achievements' amounts.
    pub amount: Money,
}

/// One criterion's figure for one entrant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum TieFigure {
    Date(Option<NaiveDate>),
    Count(i64),
    Amount(Money),
}

/// Why an entrant with the same score as the one just above is placed after it: the first
/// criterion that separates them, with both figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct TieReason {
    pub criterion: TieBreak,
    /// The entrant placed just above.
    pub above_id: i64,
    pub this: TieFigure,
    pub above: TieFigure,
}

/// Orders two entrants of equal score by `criteria` in turn; Equal when none separates them.
pub fn compare(criteria: &[TieBreak], a: &TieFigures, b: &TieFigures) -> Ordering {
    criteria.iter().map(|c| c.compare(a, b)).find(|o| o.is_ne()).unwrap_or(Ordering::Equal)
}

/// The criterion that places `this` after `above` (equal scores), or None when none does.
pub fn reason(criteria: &[TieBreak], this: &TieFigures, above_id: i64, above: &TieFigures) -> Option<TieReason> {
    let criterion = criteria.iter().copied().find(|c| c.compare(this, above).is_ne())?;
    Some(TieReason { criterion, above_id, this: criterion.figure(this), above: criterion.figure(above) })
}

/// Duplicate criteria (a second "more clients" can never decide anything): the positions of
/// the repeats.
pub fn repeats(criteria: &[TieBreak]) -> Vec<usize> {
    criteria.iter().enumerate().filter(|(i, c)| criteria[..*i].contains(c)).map(|(i, _)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(day: u32, clients: i64, yuan: i64) -> TieFigures {
        TieFigures { reached_on: NaiveDate::from_ymd_opt(2026, 10, day), clients, amount: Money::from_yuan(yuan) }
    }

    #[test]
    fn criteria_apply_in_the_order_the_award_lists_them() {
        let early_few = figures(12, 2, 100);
        let late_many = figures(19, 5, 100);
        assert_eq!(compare(&TieBreak::standard(), &early_few, &late_many), Ordering::Less, "the date comes first");
        let clients_first = [TieBreak::MoreClients, TieBreak::ReachedFirst];
        assert_eq!(compare(&clients_first, &early_few, &late_many), Ordering::Greater, "clients first when listed first");
        let r = reason(&TieBreak::standard(), &late_many, 7, &early_few).expect("a date separates them");
        assert_eq!((r.criterion, r.above_id), (TieBreak::ReachedFirst, 7));
        assert_eq!(r.this, TieFigure::Date(NaiveDate::from_ymd_opt(2026, 10, 19)));
        assert_eq!(compare(&[], &early_few, &late_many), Ordering::Equal, "no criteria: a shared place");
    }

    #[test]
    fn codes_round_trip_and_repeats_are_found() {
        for t in TieBreak::ALL {
            assert_eq!(TieBreak::from_code(t.code()), Some(t));
        }
        assert_eq!(TieBreak::from_code("coin_toss"), None);
        assert_eq!(repeats(&[TieBreak::MoreClients, TieBreak::ReachedFirst, TieBreak::MoreClients]), [2]);
    }
}
