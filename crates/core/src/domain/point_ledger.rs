//! One billing period's points, worked from the members' data by the scheme (`points.rs`):
//! spend points per member, the one-off bonuses by the 平均赠送 rule (every member who
//! qualifies for a band or a level gets the same bonus: the band's percentage of the average
//! spend of all who qualify for it in the period), reward points, and expiry. Pure: the store
//! reads the members and what they were granted before, and writes what this returns.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::points::{PointScheme, RewardField};
use crate::money::Money;

/// One member's data for the period and what earlier periods already gave them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberPeriod {
    pub member: i64,
    pub joined_on: NaiveDate,
    /// The level the import gave (its place in the scheme), which the thresholds do not override.
    pub imported_level: Option<usize>,
    pub spend: Money,
    /// Spend over the scheme's level window ending with this period.
    pub window_spend: Money,
    pub linked_to_client: bool,
    /// Bits of the bands whose bonus the member already had in another period.
    pub had_bands: u32,
    /// Bits of the levels whose bonus the member already had in another period.
    pub had_levels: u32,
    /// Points earned in periods now past the expiry that are not yet redeemed or expired.
    pub expirable: i64,
}

/// What the period gives one member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct MemberPoints {
    pub member: i64,
    pub level: usize,
    pub tenure_months: i64,
    pub spend_points: i64,
    /// The band whose bonus this period grants, if any.
    pub tenure_band: Option<usize>,
    pub tenure_bonus: i64,
    /// Whether this period grants the level's bonus (the first time the member is at it).
    pub level_granted: bool,
    pub level_bonus: i64,
    pub reward_points: i64,
    /// The rules that gave reward points.
    pub rewards: Vec<String>,
    pub expired: i64,
}

impl MemberPoints {
    /// The period's net points.
    pub fn total(&self) -> i64 {
        self.spend_points + self.tenure_bonus + self.level_bonus + self.reward_points - self.expired
    }
}

/// Which one-off bonus a pool is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum PoolKind {
    Tenure,
    Level,
}

/// The members who qualify for one band's or level's bonus in the period, with the figures the
/// bonus is worked from, so a planner can check it by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Pool {
    pub kind: PoolKind,
    /// The band's label ("13–24") or the level's code.
    pub key: String,
    pub qualifying: i64,
    pub spend_total: Money,
    /// The average spend, to the fen (rounded down).
    pub average_spend: Money,
    pub bonus_points: i64,
}

impl Pool {
    /// The bonus points in all: what the pool costs.
    pub fn cost(&self) -> i64 {
        self.bonus_points * self.qualifying
    }
}

/// A ledger entry's kind (spend, tenure_bonus, level_bonus, reward, redemption, expiry) in
/// Chinese and English.
pub fn kind_label(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "spend" => ("消费积分", "Spend points"),
        "tenure_bonus" => ("在网时长赠送", "Tenure bonus"),
        "level_bonus" => ("会员级别赠送", "Level bonus"),
        "reward" => ("奖励积分", "Reward points"),
        "redemption" => ("积分兑换", "Redemption"),
        _ => ("积分过期", "Expired"),
    }
}

/// The last day of a `YYYY-MM` period.
pub fn period_end(period: &str) -> Option<NaiveDate> {
    let (y, m) = period.split_once('-')?;
    let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
    let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, m + 1, 1) };
    next?.pred_opt()
}

/// Whole months from joining to `end` (a month is whole once its day of the month is reached,
/// or the month ends first); negative when the member joined after it.
pub fn tenure_months(joined_on: NaiveDate, end: NaiveDate) -> i64 {
    let months = i64::from(end.year() - joined_on.year()) * 12 + i64::from(end.month()) - i64::from(joined_on.month());
    let month_ends = end.succ_opt().is_none_or(|d| d.month() != end.month());
    if end.day() < joined_on.day() && !month_ends {
        months - 1
    } else {
        months
    }
}

/// `bp` of the average of `total_fen` over `count` members, in points at `per_yuan`, rounded
/// down. Worked in whole numbers so no member's bonus depends on floating point.
fn share(bp: i64, total_fen: i64, count: i64, per_yuan: i64) -> i64 {
    if count == 0 {
        return 0;
    }
    let points = i128::from(bp) * i128::from(total_fen) * i128::from(per_yuan) / (10_000 * 100 * i128::from(count));
    i64::try_from(points).unwrap_or(i64::MAX)
}

/// The period's points for every member, and the pools their bonuses came from.
pub fn compute(scheme: &PointScheme, end: NaiveDate, members: &[MemberPeriod]) -> (Vec<MemberPoints>, Vec<Pool>) {
    let mut out: Vec<MemberPoints> = members
        .iter()
        .map(|m| {
            let months = tenure_months(m.joined_on, end).max(0);
            let level = m.imported_level.unwrap_or_else(|| scheme.level_for(m.window_spend)).min(scheme.levels.len().saturating_sub(1));
            let rewards: Vec<&super::points::RewardRule> = scheme
                .rewards
                .iter()
                .filter(|r| match r.field {
                    RewardField::Spend => m.spend.fen() >= r.at_least.saturating_mul(100),
                    RewardField::TenureMonths => months >= r.at_least,
                    RewardField::LevelRank => level as i64 >= r.at_least,
                    RewardField::LinkedToClient => m.linked_to_client,
                })
                .collect();
            MemberPoints {
                member: m.member,
                level,
                tenure_months: months,
                spend_points: share(10_000, m.spend.fen(), 1, scheme.points_per_yuan),
                tenure_band: None,
                tenure_bonus: 0,
                level_granted: false,
                level_bonus: 0,
                reward_points: rewards.iter().map(|r| r.points).sum(),
                rewards: rewards.iter().map(|r| r.name.clone()).collect(),
                expired: m.expirable.max(0),
            }
        })
        .collect();
    let mut pools = Vec::new();
    // Bands: a member qualifies for the band its tenure is in, once.
    let mut band_totals = vec![(0i64, 0i64); scheme.tenure_bands.len()];
    for (m, p) in members.iter().zip(out.iter_mut()) {
        if let Some(b) = scheme.band_of(p.tenure_months) {
            if scheme.tenure_bands[b].bonus.0 > 0 && m.had_bands & (1 << b) == 0 {
                p.tenure_band = Some(b);
                band_totals[b].0 += 1;
                band_totals[b].1 += m.spend.fen();
            }
        }
    }
    for (b, (count, total)) in band_totals.iter().enumerate() {
        if *count == 0 {
            continue;
        }
        let bonus = share(scheme.tenure_bands[b].bonus.0, *total, *count, scheme.points_per_yuan);
        for p in out.iter_mut().filter(|p| p.tenure_band == Some(b)) {
            p.tenure_bonus = bonus;
        }
        pools.push(Pool {
            kind: PoolKind::Tenure,
            key: scheme.tenure_bands[b].label(),
            qualifying: *count,
            spend_total: Money::from_fen(*total),
            average_spend: Money::from_fen(total / count),
            bonus_points: bonus,
        });
    }
    // Levels: a member qualifies for its level's bonus the first time it is at that level.
    let mut level_totals = vec![(0i64, 0i64); scheme.levels.len()];
    for (m, p) in members.iter().zip(out.iter_mut()) {
        if scheme.levels[p.level].bonus.0 > 0 && m.had_levels & (1 << p.level) == 0 {
            p.level_granted = true;
            level_totals[p.level].0 += 1;
            level_totals[p.level].1 += m.spend.fen();
        }
    }
    for (l, (count, total)) in level_totals.iter().enumerate() {
        if *count == 0 {
            continue;
        }
        let bonus = share(scheme.levels[l].bonus.0, *total, *count, scheme.points_per_yuan);
        for p in out.iter_mut().filter(|p| p.level_granted && p.level == l) {
            p.level_bonus = bonus;
        }
        pools.push(Pool {
            kind: PoolKind::Level,
            key: scheme.levels[l].code.clone(),
            qualifying: *count,
            spend_total: Money::from_fen(*total),
            average_spend: Money::from_fen(total / count),
            bonus_points: bonus,
        });
    }
    (out, pools)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn member(id: i64, joined: NaiveDate, yuan: i64) -> MemberPeriod {
        MemberPeriod {
            member: id,
            joined_on: joined,
            imported_level: Some(0),
            spend: Money::from_fen(yuan * 100),
            window_spend: Money::from_fen(yuan * 100),
            linked_to_client: false,
            had_bands: 0,
            had_levels: 0,
            expirable: 0,
        }
    }

    #[test]
    fn tenure_is_whole_months_to_the_period_end() {
        let end = day(2026, 11, 30);
        assert_eq!(tenure_months(day(2026, 5, 1), end), 6);
        assert_eq!(tenure_months(day(2026, 4, 30), end), 7, "the 30th of November completes the 7th month");
        assert_eq!(tenure_months(day(2026, 5, 31), day(2026, 11, 30)), 6, "a month that ends first is whole");
        assert_eq!(tenure_months(day(2026, 12, 1), end), -1, "joined after the period");
        assert_eq!(period_end("2026-02"), Some(day(2026, 2, 28)));
        assert_eq!(period_end("2026-12"), Some(day(2026, 12, 31)));
    }

    #[test]
    fn every_qualifier_gets_the_bands_share_of_the_average_spend() {
        let scheme = PointScheme::sample();
        let end = day(2026, 11, 30);
        // Three members 13–24 months in: spends 100, 200 and 600, average 300, 20 % = 60.
        let joined = day(2025, 5, 1);
        let members = [member(1, joined, 100), member(2, joined, 200), member(3, joined, 600), member(4, day(2026, 10, 1), 999)];
        let (points, pools) = compute(&scheme, end, &members);
        let bonuses: Vec<i64> = points.iter().map(|p| p.tenure_bonus).collect();
        assert_eq!(bonuses, [60, 60, 60, 0], "the same 60 each; the new member none");
        assert_eq!(points[2].spend_points, 600, "1 point per 元");
        let pool = pools.iter().find(|p| p.kind == PoolKind::Tenure).expect("the 13–24 pool");
        assert_eq!((pool.key.as_str(), pool.qualifying, pool.average_spend), ("13–24", 3, Money::from_fen(30_000)));
        assert_eq!(pool.cost(), 180);
    }

    #[test]
    fn a_bonus_already_had_is_not_granted_and_does_not_count_in_the_average() {
        let scheme = PointScheme::sample();
        let joined = day(2025, 5, 1);
        let mut had = member(1, joined, 10_000);
        had.had_bands = 1 << 2;
        let members = [had, member(2, joined, 100)];
        let (points, _) = compute(&scheme, day(2026, 11, 30), &members);
        assert_eq!((points[0].tenure_bonus, points[1].tenure_bonus), (0, 20), "only the new qualifier, on its own spend");
    }

    #[test]
    fn levels_come_from_the_import_or_the_thresholds_and_grant_once() {
        let scheme = PointScheme::sample();
        let joined = day(2026, 10, 1);
        let mut gold = member(1, joined, 500);
        gold.imported_level = Some(2);
        let mut by_spend = member(2, joined, 700);
        by_spend.imported_level = None;
        let mut had_silver = member(3, joined, 700);
        had_silver.imported_level = None;
        had_silver.had_levels = 1 << 1;
        let (points, _) = compute(&scheme, day(2026, 11, 30), &[gold, by_spend, had_silver]);
        assert_eq!((points[0].level, points[0].level_bonus), (2, 100), "金卡 20 % of 500");
        assert_eq!((points[1].level, points[1].level_bonus), (1, 70), "600 元 over the window reaches 银卡");
        assert_eq!((points[2].level, points[2].level_bonus, points[2].level_granted), (1, 0, false), "银卡 was granted before");
    }
}
