//! One ranked list: scores highest first, equal scores ordered by the award's tie-break
//! criteria, and prize tiers given by position.
//!
//! Places: entrants separated by a criterion get ranks of their own (1, 2); entrants equal on
//! the score and on every criterion share a place and the next rank skips (1, 1, 3). Criteria
//! only separate positive scores: a score of 0 wins nothing, so zeros always share a place.
//!
//! Tiers: a tier of N places covers the next N positions. Entrants sharing a place whose
//! positions all fall in one tier get that tier. When they straddle a tier's last place:
//! - if the award lets tiers be shared, they all get the tier of their rank (a tier may then
//!   pay more than its places, as before criteria existed);
//! - if not, none of them is paid from the tiers they straddle, which stay held for them, and
//!   they are marked contested: the planner decides. Paid places then never exceed a tier's
//!   count, which is what a planner paying prizes needs.

use serde::{Deserialize, Serialize};

use super::awards::{AwardInput, Tier};
use super::tie_break::{self, TieFigures, TieReason};

/// An entrant's place in one ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type), serde(rename = "StandingEntry"))] // a TS name of its own; JSON has no struct names
pub struct Entry {
    pub entrant_id: i64,
    pub name: String,
    pub score: i64,
    pub rank: u32,
    /// Score needed to draw level with the nearest better score; 0 at the top.
    pub gap: i64,
    pub tier: Option<String>,
    /// Shares its place with another entrant: equal on the score and every criterion.
    #[serde(default)]
    pub shared: bool,
    /// Tiers this still-tied entrant straddles and is not paid from until the planner decides
    /// (only when the award's tiers may not be shared).
    #[serde(default)]
    pub contested: Vec<String>,
    /// Why it comes after the entrant just above with the same score.
    #[serde(default)]
    pub tie_reason: Option<TieReason>,
    #[serde(default)]
    pub figures: TieFigures,
}

/// An entrant to rank: id, name, score and the figures the criteria compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contender {
    pub id: i64,
    pub name: String,
    pub score: i64,
    pub figures: TieFigures,
}

/// The tier covering 1-based position `p`, by index.
fn tier_at(tiers: &[Tier], p: usize) -> Option<usize> {
    let mut reached: usize = 0;
    tiers.iter().position(|t| {
        reached = reached.saturating_add(t.places as usize);
        p <= reached
    })
}

/// Ranks `contenders` under `award`'s tiers, criteria and tier sharing (see the module notes).
/// Entrants sharing a place are listed by name, then id: never in the order they came.
pub fn rank(contenders: Vec<Contender>, award: &AwardInput) -> Vec<Entry> {
    let criteria = &award.tie_breaks;
    let order = |a: &Contender, b: &Contender| {
        b.score.cmp(&a.score).then_with(|| {
            if a.score > 0 {
                tie_break::compare(criteria, &a.figures, &b.figures)
            } else {
                std::cmp::Ordering::Equal
            }
        })
    };
    let mut sorted = contenders;
    sorted.sort_by(|a, b| order(a, b).then_with(|| a.name.cmp(&b.name)).then(a.id.cmp(&b.id)));

    // Groups of entrants sharing a place, as index ranges into `sorted`.
    let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
    for i in 0..sorted.len() {
        match groups.last_mut() {
            Some(g) if order(&sorted[g.start], &sorted[i]).is_eq() => g.end = i + 1,
            _ => groups.push(i..i + 1),
        }
    }

    let mut entries: Vec<Entry> = Vec::with_capacity(sorted.len());
    for g in groups {
        let (first, last) = (g.start + 1, g.end);
        let score = sorted[g.start].score;
        let (tier, contested) = match (tier_at(&award.tiers, first), tier_at(&award.tiers, last)) {
            _ if score <= 0 => (None, Vec::new()),
            (from, to) if from == to || award.shared_tiers => (from, Vec::new()),
            (from, to) => {
                let end = to.unwrap_or(award.tiers.len().saturating_sub(1));
                let straddled = from.map(|f| award.tiers[f..=end].iter().map(|t| t.name.clone()).collect()).unwrap_or_default();
                (None, straddled)
            }
        };
        let rank = u32::try_from(first).unwrap_or(u32::MAX);
        for c in &sorted[g.clone()] {
            let better = entries.iter().rev().find(|e| e.score > c.score).map(|e| e.score);
            let tie_reason = entries
                .last()
                .filter(|above| above.score == c.score && above.rank != rank)
                .and_then(|above| tie_break::reason(criteria, &c.figures, above.entrant_id, &above.figures));
            entries.push(Entry {
                entrant_id: c.id,
                name: c.name.clone(),
                score: c.score,
                rank,
                gap: better.map_or(0, |b| b.saturating_sub(c.score)),
                tier: tier.map(|t| award.tiers[t].name.clone()),
                shared: g.len() > 1,
                contested: contested.clone(),
                tie_reason,
                figures: c.figures,
            });
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::awards::AwardKind;
    use crate::domain::tie_break::{TieBreak, TieFigure};
    use crate::money::Money;

    fn award(places: &[u32], shared_tiers: bool) -> AwardInput {
        let tiers = ["一等奖", "二等奖", "三等奖"]
            .iter()
            .zip(places)
            .map(|(n, p)| Tier { name: (*n).into(), places: *p, honour: String::new(), amount: None })
            .collect();
        AwardInput {
            name: "奖".into(),
            kind: AwardKind::Single,
            for_teams: true,
            for_people: false,
            metric: Some("m".into()),
            by_industry: false,
            use_targets: false,
            tie_break: String::new(),
            tie_breaks: TieBreak::standard(),
            shared_tiers,
            tiers,
            targets: Vec::new(),
            weights: Vec::new(),
        }
    }

    fn equal(scores: &[i64]) -> Vec<Contender> {
        scores
            .iter()
            .enumerate()
            .map(|(i, s)| Contender { id: i as i64, name: format!("E{i}"), score: *s, figures: TieFigures::default() })
            .collect()
    }

    fn ranks(scores: &[i64], award: &AwardInput) -> Vec<(u32, i64, Option<String>)> {
        rank(equal(scores), award).into_iter().map(|e| (e.rank, e.gap, e.tier)).collect()
    }

    #[test]
    fn truly_equal_scores_share_a_rank_and_the_next_skips_when_tiers_may_be_shared() {
        let r = ranks(&[5, 9, 9, 3], &award(&[1, 2, 3], true));
        assert_eq!(r.iter().map(|x| x.0).collect::<Vec<_>>(), [1, 1, 3, 4], "1, 1, 3: standard competition ranking");
        assert_eq!(r.iter().map(|x| x.1).collect::<Vec<_>>(), [0, 0, 4, 2], "gap to the nearest better score");
        assert_eq!(r[0].2.as_deref(), Some("一等奖"), "shared tiers: both tied leaders reach the first tier");
        assert_eq!(r[2].2.as_deref(), Some("二等奖"), "rank 3 falls in the second tier's places (2–3)");
        assert_eq!(r[3].2.as_deref(), Some("三等奖"));
    }

    #[test]
    fn a_tier_that_may_not_be_shared_pays_no_more_than_its_places() {
        let entries = rank(equal(&[9, 9, 5, 3]), &award(&[1, 2, 3], false));
        let paid_first = entries.iter().filter(|e| e.tier.as_deref() == Some("一等奖")).count();
        assert_eq!(paid_first, 0, "two truly equal leaders for one 一等奖 place: nobody is paid it until the planner decides");
        assert_eq!(entries[0].contested, ["一等奖", "二等奖"], "the tiers at stake are named: {entries:?}");
        assert!(entries[0].shared && entries[1].shared && entries[0].rank == 1 && entries[1].rank == 1);
        assert_eq!(entries[2].tier.as_deref(), Some("二等奖"), "position 3 is still the second tier's");
        let paid_second = entries.iter().filter(|e| e.tier.as_deref() == Some("二等奖")).count();
        assert!(paid_second <= 2, "never more than the tier's two places");
        // Two tied for the two 二等奖 places fit inside the tier: both are paid.
        let fit = ranks(&[10, 7, 7, 1], &award(&[1, 2, 3], false));
        assert_eq!(
            fit.iter().map(|x| x.2.as_deref()).collect::<Vec<_>>(),
            [Some("一等奖"), Some("二等奖"), Some("二等奖"), Some("三等奖")]
        );
    }

    #[test]
    fn a_criterion_separates_equal_scores_into_ranks_of_their_own() {
        let mut c = equal(&[10, 10]);
        c[0].figures = TieFigures { reached_on: NaiveDate::from_ymd_opt(2026, 10, 19), clients: 9, amount: Money::from_yuan(900) };
        c[1].figures = TieFigures { reached_on: NaiveDate::from_ymd_opt(2026, 10, 12), clients: 1, amount: Money::ZERO };
        let entries = rank(c, &award(&[1, 2, 3], false));
        assert_eq!(entries.iter().map(|e| (e.entrant_id, e.rank)).collect::<Vec<_>>(), [(1, 1), (0, 2)], "earlier date first: 1, 2");
        assert_eq!(entries[0].tier.as_deref(), Some("一等奖"));
        assert_eq!(entries[1].tier.as_deref(), Some("二等奖"));
        let why = entries[1].tie_reason.expect("the date is why E0 is second");
        assert_eq!((why.criterion, why.above_id), (TieBreak::ReachedFirst, 1));
        assert_eq!(
            (why.this, why.above),
            (TieFigure::Date(NaiveDate::from_ymd_opt(2026, 10, 19)), TieFigure::Date(NaiveDate::from_ymd_opt(2026, 10, 12)))
        );
        assert!(entries[0].tie_reason.is_none() && !entries[0].shared);
    }

    #[test]
    fn everyone_at_zero_shares_first_place_and_wins_nothing() {
        let mut c = equal(&[0, 0, 0]);
        c[2].figures.clients = 3;
        let entries = rank(c, &award(&[1, 2, 3], false));
        assert!(entries.iter().all(|e| e.rank == 1 && e.gap == 0 && e.tier.is_none() && e.contested.is_empty()), "{entries:?}");
    }

    #[test]
    fn places_beyond_the_tiers_get_no_prize_and_ties_beyond_them_contest_nothing() {
        let r = ranks(&[10, 9, 8, 7, 6, 5, 4], &award(&[1, 2, 3], false));
        assert_eq!(r[5].2.as_deref(), Some("三等奖"), "rank 6 is the last of 1 + 2 + 3 places");
        assert_eq!(r[6].2, None);
        let entries = rank(equal(&[10, 9, 8, 7, 6, 5, 5]), &award(&[1, 2, 3], false));
        assert_eq!(entries[5].contested, ["三等奖"], "a tie across the last paid place contests that tier only");
    }

    #[test]
    fn ties_are_listed_by_name_never_in_the_order_they_came() {
        let c = vec![
            Contender { id: 1, name: "乙".into(), score: 4, figures: TieFigures::default() },
            Contender { id: 2, name: "甲".into(), score: 4, figures: TieFigures::default() },
        ];
        let reversed: Vec<Contender> = c.iter().rev().cloned().collect();
        let a = award(&[1], true);
        assert_eq!(rank(c, &a), rank(reversed, &a), "the input order does not show through");
    }
}
