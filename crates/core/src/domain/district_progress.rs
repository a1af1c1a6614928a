//! Team mode's standings: each district's 一户一案 progress, ranked. Worked out from the plan
//! items at the moment they are read, so several people writing at once cannot leave a stale
//! total behind.

use serde::{Deserialize, Serialize};

use crate::basis_points::share_bp;

/// One district's counts, as the store reads them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct DistrictCounts {
    pub district_id: i64,
    pub district: String,
    pub clients: i64,
    pub items: i64,
    pub done: i64,
    pub late: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct DistrictStanding {
    pub rank: usize,
    #[serde(flatten)]
    pub counts: DistrictCounts,
    /// Items done as a share of all items, in basis points.
    pub done_bp: i64,
}

/// Ranks by share of items done, then by fewer late items; districts level on both share a
/// rank (1, 2, 2, 4) and are listed by name, so a prize never hangs on the order rows came in.
pub fn rank_districts(mut counts: Vec<DistrictCounts>) -> Vec<DistrictStanding> {
    let key = |c: &DistrictCounts| (std::cmp::Reverse(share_bp(c.done, c.items).unwrap_or(0)), c.late);
    counts.sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| a.district.cmp(&b.district)));
    let mut out: Vec<DistrictStanding> = Vec::with_capacity(counts.len());
    for (i, c) in counts.into_iter().enumerate() {
        let rank = match out.last() {
            Some(prev) if key(&prev.counts) == key(&c) => prev.rank,
            _ => i + 1,
        };
        out.push(DistrictStanding { rank, done_bp: share_bp(c.done, c.items).unwrap_or(0), counts: c });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: i64, name: &str, items: i64, done: i64, late: i64) -> DistrictCounts {
        DistrictCounts { district_id: id, district: name.into(), clients: 1, items, done, late }
    }

    #[test]
    fn level_districts_share_a_rank_and_the_next_skips() {
        let ranked = rank_districts(vec![c(1, "鼓楼", 10, 5, 1), c(2, "玄武", 10, 8, 0), c(3, "秦淮", 20, 10, 1), c(4, "江宁", 0, 0, 0)]);
        let order: Vec<(&str, usize)> = ranked.iter().map(|s| (s.counts.district.as_str(), s.rank)).collect();
        assert_eq!(order[0], ("玄武", 1));
        assert_eq!(order[1].1, 2, "鼓楼 and 秦淮 both have half done and one late");
        assert_eq!(order[2].1, 2);
        assert_eq!(order[3], ("江宁", 4), "a district without items comes last, after the shared rank");
        assert_eq!(ranked[0].done_bp, 8000);
    }

    #[test]
    fn fewer_late_items_break_a_tie_in_share() {
        let ranked = rank_districts(vec![c(1, "A", 10, 5, 3), c(2, "B", 10, 5, 1)]);
        assert_eq!(ranked[0].counts.district, "B");
        assert_eq!(ranked[1].rank, 2);
    }
}
