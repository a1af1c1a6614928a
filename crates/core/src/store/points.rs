//! Loyalty points (`domain/points.rs`, `domain/point_ledger.rs`): the campaign's scheme, the
//! members' data per billing period, each period's computation (recomputed in place, never
//! once locked), redemptions, and the balances and statements derived from them.

use std::collections::HashMap;

use rusqlite::{named_params, OptionalExtension};
use serde::Serialize;

use super::clients::{DEFAULT_PAGE, MAX_PAGE};
use super::{parse_date, stamp};
use crate::domain::ids::{CampaignId, ClientId};
use crate::domain::plan::By;
use crate::domain::point_ledger::{compute, period_end, MemberPeriod, Pool, PoolKind};
use crate::domain::points::PointScheme;
use crate::domain::warning::BillingPeriod;
use crate::domain::Page;
use crate::error::{Entity, Error, FieldError, Problem, Result};
use crate::money::Money;

/// A computed period: its members, what it gave in all, its pools, and whether it is locked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct PeriodSummary {
    pub period: String,
    pub members: i64,
    pub spend: Money,
    pub spend_points: i64,
    pub tenure_bonus: i64,
    pub level_bonus: i64,
    pub reward_points: i64,
    pub expired: i64,
    pub pools: Vec<Pool>,
    /// Members per level code, in the scheme's order.
    pub by_level: Vec<(String, i64)>,
    pub computed_at: Option<String>,
    pub computed_by: Option<String>,
    pub locked: bool,
}

/// One member's points in a period, with the balance as of its end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct MemberRow {
    pub member_id: i64,
    pub member: String,
    pub name: String,
    pub client_code: Option<String>,
    pub level: String,
    pub tenure_months: i64,
    pub spend: Money,
    pub spend_points: i64,
    pub tenure_bonus: i64,
    pub level_bonus: i64,
    pub reward_points: i64,
    pub expired: i64,
    pub balance: i64,
}

/// A member's standing as of the latest computed period, for the tracker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberBalance {
    pub member: String,
    pub name: String,
    pub client_code: String,
    pub client: String,
    pub team: String,
    /// The level's name.
    pub level: String,
    pub period_points: i64,
    pub balance: i64,
}

/// One entry of a member's ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct LedgerEntry {
    pub period: String,
    /// spend, tenure_bonus, level_bonus, reward, redemption or expiry.
    pub kind: String,
    pub points: i64,
    /// What it was worked from (the spend, the band or level with its pool, the rules, the
    /// reason), in Chinese and English.
    pub reason_zh: String,
    pub reason_en: String,
    pub balance: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Statement {
    pub member_id: i64,
    pub member: String,
    pub name: String,
    pub joined_on: String,
    pub client_code: Option<String>,
    pub level: Option<String>,
    pub entries: Vec<LedgerEntry>,
    pub balance: i64,
}

fn bad_period() -> Error {
    Error::Validation(vec![FieldError::new("period", Problem::NotADate)])
}

/// The balance of the member of entry row `e`: its points over the computed periods up to the
/// row's, less its redemptions (up to the row's period, or all of them). Each period's row is
/// found by its key (CROSS JOIN keeps SQLite from scanning the ledger's earlier periods instead).
fn balance_sql(redeemed_up_to_period: bool) -> String {
    let until = if redeemed_up_to_period { "AND r.period <= e.period" } else { "" };
    format!(
        "(SELECT coalesce(sum(x.spend_points + x.tenure_bonus + x.level_bonus + x.reward_points - x.expired), 0)
          FROM point_periods pp CROSS JOIN point_entries x
               ON x.campaign_id = pp.campaign_id AND x.period = pp.period AND x.member_id = e.member_id
          WHERE pp.campaign_id = e.campaign_id AND pp.period <= e.period)
       - (SELECT coalesce(sum(r.points), 0) FROM point_redemptions r
          WHERE r.campaign_id = e.campaign_id AND r.member_id = e.member_id {until})"
    )
}

impl super::Points<'_> {
    /// The campaign's scheme, the sample when it has none of its own.
    pub fn scheme(&self, campaign: CampaignId) -> Result<PointScheme> {
        self.campaigns().get(campaign)?;
        let stored: Option<String> = self
            .conn
            .query_row("SELECT scheme FROM point_schemes WHERE campaign_id = :c", named_params! { ":c": campaign }, |r| r.get(0))
            .optional()?;
        Ok(stored.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_else(PointScheme::sample))
    }

    pub fn set_scheme(&self, campaign: CampaignId, scheme: &PointScheme, by: &By) -> Result<PointScheme> {
        self.campaigns().get(campaign)?;
        let scheme = scheme.validate()?;
        let json = serde_json::to_string(&scheme).map_err(|e| Error::Io(std::io::Error::other(e)))?;
        self.conn.execute(
            "INSERT INTO point_schemes (campaign_id, scheme, updated_at, updated_by) VALUES (:c, :s, :at, :by)
             ON CONFLICT (campaign_id) DO UPDATE SET scheme = excluded.scheme, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            named_params! { ":c": campaign, ":s": json, ":at": stamp(by.at), ":by": by.author },
        )?;
        Ok(scheme)
    }

    /// Adds or updates a member and its data for one period (the member import's write).
    #[allow(clippy::too_many_arguments)]
    pub fn put_member(
        &self,
        campaign: CampaignId,
        period: &BillingPeriod,
        (number, name): (&str, &str),
        joined_on: chrono::NaiveDate,
        client: Option<ClientId>,
        spend: Money,
        level: Option<&str>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO members (number, name, joined_on, client_id) VALUES (:n, :name, :j, :client)
             ON CONFLICT (number) DO UPDATE SET name = excluded.name, joined_on = excluded.joined_on,
                 client_id = coalesce(excluded.client_id, members.client_id)
             RETURNING id",
        )?;
        let id: i64 =
            stmt.query_row(named_params! { ":n": number, ":name": name, ":j": joined_on.to_string(), ":client": client }, |r| r.get(0))?;
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO member_periods (campaign_id, period, member_id, spend_fen, level) VALUES (:c, :p, :m, :s, :l)
             ON CONFLICT (campaign_id, period, member_id) DO UPDATE SET spend_fen = excluded.spend_fen, level = excluded.level",
        )?;
        stmt.execute(named_params! { ":c": campaign, ":p": period.as_str(), ":m": id, ":s": spend.fen(), ":l": level })?;
        Ok(())
    }

    pub fn is_locked(&self, campaign: CampaignId, period: &BillingPeriod) -> Result<bool> {
        let locked: Option<bool> = self
            .conn
            .query_row(
                "SELECT locked FROM point_periods WHERE campaign_id = :c AND period = :p",
                named_params! { ":c": campaign, ":p": period.as_str() },
                |r| r.get(0),
            )
            .optional()?;
        Ok(locked.unwrap_or(false))
    }

    /// Works out the period's points for every member with data in it, replacing what an
    /// earlier computation of it wrote; refused once the period is locked. Tenure is counted to
    /// the period's end, or to `today` while the period is still running.
    pub fn compute(&self, campaign: CampaignId, period: &BillingPeriod, today: chrono::NaiveDate, by: &By) -> Result<PeriodSummary> {
        let scheme = self.scheme(campaign)?;
        let end = period_end(period.as_str()).ok_or_else(bad_period)?.min(today);
        if self.is_locked(campaign, period)? {
            return Err(Error::Validation(vec![FieldError::new("period", Problem::Locked)]));
        }
        let members = self.member_periods(campaign, period, &scheme)?;
        let (points, pools) = compute(&scheme, end, &members);

        self.in_transaction(|s| {
            let params = named_params! { ":c": campaign, ":p": period.as_str() };
            s.conn.execute("DELETE FROM point_entries WHERE campaign_id = :c AND period = :p", params)?;
            s.conn.execute("DELETE FROM point_pools WHERE campaign_id = :c AND period = :p", params)?;
            let mut insert = s.conn.prepare_cached(
                "INSERT INTO point_entries (campaign_id, member_id, period, level, tenure_months, spend_points, tenure_band,
                     tenure_bonus, level_granted, level_bonus, reward_points, rewards, expired)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?;
            for p in &points {
                insert.execute(rusqlite::params![
                    campaign,
                    p.member,
                    period.as_str(),
                    scheme.levels[p.level].code,
                    p.tenure_months,
                    p.spend_points,
                    p.tenure_band.map(|b| scheme.tenure_bands[b].from_months),
                    p.tenure_bonus,
                    p.level_granted,
                    p.level_bonus,
                    p.reward_points,
                    p.rewards.join("、"),
                    p.expired,
                ])?;
            }
            for pool in &pools {
                s.conn.execute(
                    "INSERT INTO point_pools (campaign_id, period, kind, key, qualifying, spend_fen, average_fen, bonus_points)
                     VALUES (:c, :p, :k, :key, :q, :s, :a, :b)",
                    named_params! {
                        ":c": campaign, ":p": period.as_str(), ":k": pool_kind(pool.kind), ":key": pool.key, ":q": pool.qualifying,
                        ":s": pool.spend_total.fen(), ":a": pool.average_spend.fen(), ":b": pool.bonus_points,
                    },
                )?;
            }
            s.conn.execute(
                "INSERT INTO point_periods (campaign_id, period, computed_at, computed_by) VALUES (:c, :p, :at, :by)
                 ON CONFLICT (campaign_id, period) DO UPDATE SET computed_at = excluded.computed_at, computed_by = excluded.computed_by",
                named_params! { ":c": campaign, ":p": period.as_str(), ":at": stamp(by.at), ":by": by.author },
            )?;
            s.points().summary(campaign, period)
        })
    }

    /// The members with data in the period, with what they had before and their window spend.
    fn member_periods(&self, campaign: CampaignId, period: &BillingPeriod, scheme: &PointScheme) -> Result<Vec<MemberPeriod>> {
        let p = period.as_str();
        let mut had: HashMap<i64, (u32, u32)> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT member_id, tenure_band, level, level_granted FROM point_entries
             WHERE campaign_id = :c AND period <> :p AND (tenure_band IS NOT NULL OR level_granted = 1)",
        )?;
        let mut rows = stmt.query(named_params! { ":c": campaign, ":p": p })?;
        while let Some(r) = rows.next()? {
            let slot = had.entry(r.get(0)?).or_default();
            if let Some(band) = r.get::<_, Option<i64>>(1)?.and_then(|from| scheme.tenure_bands.iter().position(|b| b.from_months == from))
            {
                slot.0 |= 1 << band;
            }
            if r.get::<_, bool>(3)? {
                if let Some(level) = scheme.level_named(&r.get::<_, String>(2)?) {
                    slot.1 |= 1 << level;
                }
            }
        }
        let first = period.months_before(scheme.level_window_months - 1);
        // Summed here rather than by a GROUP BY, which would sort every row of the window.
        let mut window: HashMap<i64, i64> = HashMap::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT member_id, spend_fen FROM member_periods WHERE campaign_id = :c AND period BETWEEN :from AND :p")?;
        let mut rows = stmt.query(named_params! { ":c": campaign, ":from": first.as_str(), ":p": p })?;
        while let Some(r) = rows.next()? {
            *window.entry(r.get(0)?).or_default() += r.get::<_, i64>(1)?;
        }
        let expirable = match scheme.expiry_months {
            Some(n) => self.expirable(campaign, period, n)?,
            None => HashMap::new(),
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT mp.member_id, m.joined_on, m.client_id IS NOT NULL AS linked, mp.spend_fen, mp.level
             FROM member_periods mp JOIN members m ON m.id = mp.member_id
             WHERE mp.campaign_id = :c AND mp.period = :p ORDER BY mp.member_id",
        )?;
        let mut rows = stmt.query(named_params! { ":c": campaign, ":p": p })?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let member: i64 = r.get(0)?;
            let (had_bands, had_levels) = had.get(&member).copied().unwrap_or_default();
            let spend = Money::from_fen(r.get(3)?);
            out.push(MemberPeriod {
                member,
                joined_on: parse_date(&r.get::<_, String>(1)?)?,
                imported_level: r.get::<_, Option<String>>(4)?.and_then(|l| scheme.level_named(&l)),
                spend,
                window_spend: window.get(&member).map_or(spend, |f| Money::from_fen(*f)),
                linked_to_client: r.get(2)?,
                had_bands,
                had_levels,
                expirable: expirable.get(&member).copied().unwrap_or(0),
            });
        }
        Ok(out)
    }

    /// Per member, points earned at least `months` before the period that are neither redeemed
    /// nor expired yet: redemptions spend the oldest points first, so whatever old points are
    /// left over expire.
    fn expirable(&self, campaign: CampaignId, period: &BillingPeriod, months: i64) -> Result<HashMap<i64, i64>> {
        let cutoff = period.months_before(months);
        let mut stmt = self.conn.prepare_cached(
            "SELECT member_id, sum(CASE WHEN period <= :cut THEN spend_points + tenure_bonus + level_bonus + reward_points ELSE 0 END)
                    - sum(CASE WHEN period < :p THEN expired ELSE 0 END)
                    - coalesce((SELECT sum(points) FROM point_redemptions r
                                WHERE r.campaign_id = :c AND r.member_id = e.member_id AND r.period <= :p), 0)
             FROM point_entries e WHERE campaign_id = :c AND period <> :p GROUP BY member_id",
        )?;
        let rows = stmt.query_map(named_params! { ":c": campaign, ":p": period.as_str(), ":cut": cutoff.as_str() }, |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?.into_iter().filter(|(_, v)| *v > 0).collect())
    }

    /// What a computed period gave, from what it stored.
    pub fn summary(&self, campaign: CampaignId, period: &BillingPeriod) -> Result<PeriodSummary> {
        let scheme = self.scheme(campaign)?;
        let params = named_params! { ":c": campaign, ":p": period.as_str() };
        let (members, spend_points, tenure_bonus, level_bonus, reward_points, expired) = self.conn.query_row(
            "SELECT count(*), coalesce(sum(spend_points), 0), coalesce(sum(tenure_bonus), 0), coalesce(sum(level_bonus), 0),
                    coalesce(sum(reward_points), 0), coalesce(sum(expired), 0)
             FROM point_entries WHERE campaign_id = :c AND period = :p",
            params,
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )?;
        let spend: i64 = self.conn.query_row(
            "SELECT coalesce(sum(spend_fen), 0) FROM member_periods WHERE campaign_id = :c AND period = :p",
            params,
            |r| r.get(0),
        )?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, key, qualifying, spend_fen, average_fen, bonus_points FROM point_pools WHERE campaign_id = :c AND period = :p",
        )?;
        let mut pools: Vec<Pool> = stmt
            .query_map(params, |r| {
                Ok(Pool {
                    kind: if r.get::<_, String>(0)? == "tenure" { PoolKind::Tenure } else { PoolKind::Level },
                    key: r.get(1)?,
                    qualifying: r.get(2)?,
                    spend_total: Money::from_fen(r.get(3)?),
                    average_spend: Money::from_fen(r.get(4)?),
                    bonus_points: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        // In the scheme's order: bands by month, levels lowest first.
        let rank = |p: &Pool| match p.kind {
            PoolKind::Tenure => scheme.tenure_bands.iter().position(|b| b.label() == p.key).unwrap_or(usize::MAX),
            PoolKind::Level => 1_000 + scheme.level_named(&p.key).unwrap_or(999),
        };
        pools.sort_by_key(rank);
        let mut counts: HashMap<String, i64> = HashMap::new();
        let mut stmt =
            self.conn.prepare_cached("SELECT level, count(*) FROM point_entries WHERE campaign_id = :c AND period = :p GROUP BY level")?;
        let mut rows = stmt.query(params)?;
        while let Some(r) = rows.next()? {
            counts.insert(r.get(0)?, r.get(1)?);
        }
        let by_level = scheme.levels.iter().map(|l| (l.code.clone(), counts.get(&l.code).copied().unwrap_or(0))).collect();
        let stamp: Option<(String, String, bool)> = self
            .conn
            .query_row("SELECT computed_at, computed_by, locked FROM point_periods WHERE campaign_id = :c AND period = :p", params, |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        Ok(PeriodSummary {
            period: period.to_string(),
            members,
            spend: Money::from_fen(spend),
            spend_points,
            tenure_bonus,
            level_bonus,
            reward_points,
            expired,
            pools,
            by_level,
            computed_at: stamp.as_ref().map(|s| s.0.clone()),
            computed_by: stamp.as_ref().map(|s| s.1.clone()),
            locked: stamp.is_some_and(|s| s.2),
        })
    }

    /// The periods with member data or a computation, latest first.
    pub fn periods(&self, campaign: CampaignId) -> Result<Vec<PeriodSummary>> {
        self.campaigns().get(campaign)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT period FROM member_periods WHERE campaign_id = :c GROUP BY period
             UNION SELECT period FROM point_periods WHERE campaign_id = :c ORDER BY 1 DESC",
        )?;
        let periods: Vec<String> = stmt.query_map(named_params! { ":c": campaign }, |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        periods.iter().filter_map(|p| BillingPeriod::parse(p)).map(|p| self.summary(campaign, &p)).collect()
    }

    /// Locks or unlocks a computed period: a locked one is never computed again.
    pub fn set_locked(&self, campaign: CampaignId, period: &BillingPeriod, locked: bool) -> Result<PeriodSummary> {
        let changed = self.conn.execute(
            "UPDATE point_periods SET locked = :l WHERE campaign_id = :c AND period = :p",
            named_params! { ":c": campaign, ":p": period.as_str(), ":l": locked },
        )?;
        if changed == 0 {
            return Err(Error::NotFound { entity: Entity::Period, key: period.to_string() });
        }
        self.summary(campaign, period)
    }

    /// A page of the period's members in the order they were first imported (or those whose number or name holds `search`),
    /// each with the balance as of the period.
    pub fn page(&self, campaign: CampaignId, period: &BillingPeriod, search: &str, limit: i64, offset: i64) -> Result<Page<MemberRow>> {
        self.campaigns().get(campaign)?;
        let search = search.trim();
        // Without a search the period's rows are read in key order; the members are joined only
        // to search them (SQLite would otherwise start from the members and sort a million rows).
        let rows = if search.is_empty() {
            "point_entries e WHERE e.campaign_id = :c AND e.period = :p AND :q = ''"
        } else {
            "point_entries e JOIN members m ON m.id = e.member_id
             WHERE e.campaign_id = :c AND e.period = :p AND (instr(m.number, :q) > 0 OR instr(m.name, :q) > 0)"
        };
        let total = self.conn.query_row(
            &format!("SELECT count(*) FROM {rows}"),
            named_params! { ":c": campaign, ":p": period.as_str(), ":q": search },
            |r| r.get(0),
        )?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT m.id, m.number, m.name, cl.code, e.level, e.tenure_months, coalesce(mp.spend_fen, 0) AS spend, e.spend_points,
                    e.tenure_bonus, e.level_bonus, e.reward_points, e.expired,
                    {} AS balance
             FROM (SELECT e.member_id FROM {rows} ORDER BY e.member_id LIMIT :limit OFFSET :offset) page
             JOIN point_entries e ON e.campaign_id = :c AND e.period = :p AND e.member_id = page.member_id
             JOIN members m ON m.id = e.member_id LEFT JOIN clients cl ON cl.id = m.client_id
             LEFT JOIN member_periods mp ON mp.campaign_id = e.campaign_id AND mp.period = e.period AND mp.member_id = e.member_id
             ORDER BY e.member_id",
            balance_sql(true)
        ))?;
        let rows = stmt
            .query_map(
                named_params! {
                    ":c": campaign, ":p": period.as_str(), ":q": search,
                    ":limit": if limit <= 0 { DEFAULT_PAGE } else { limit.min(MAX_PAGE) }, ":offset": offset.max(0),
                },
                |r| {
                    Ok(MemberRow {
                        member_id: r.get(0)?,
                        member: r.get(1)?,
                        name: r.get(2)?,
                        client_code: r.get(3)?,
                        level: r.get(4)?,
                        tenure_months: r.get(5)?,
                        spend: Money::from_fen(r.get(6)?),
                        spend_points: r.get(7)?,
                        tenure_bonus: r.get(8)?,
                        level_bonus: r.get(9)?,
                        reward_points: r.get(10)?,
                        expired: r.get(11)?,
                        balance: r.get(12)?,
                    })
                },
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Page { total, rows })
    }

    /// The latest computed period.
    pub fn latest_period(&self, campaign: CampaignId) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT max(period) FROM point_periods WHERE campaign_id = :c", named_params! { ":c": campaign }, |r| r.get(0))?)
    }

    /// Every member of computed period `latest` (of one team's clients when given), in import
    /// order, with what that period gave and the balance: the tracker's 积分 sheet.
    pub fn each_balance(
        &self,
        campaign: CampaignId,
        latest: &str,
        team: Option<crate::domain::ids::TeamId>,
        f: &mut dyn FnMut(&MemberBalance) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT m.number, m.name, cl.code, cl.name, tm.name, e.level,
                    e.spend_points + e.tenure_bonus + e.level_bonus + e.reward_points - e.expired AS net, {}
             FROM point_entries e JOIN members m ON m.id = e.member_id
             LEFT JOIN clients cl ON cl.id = m.client_id LEFT JOIN teams tm ON tm.id = cl.team_id
             WHERE e.campaign_id = :c AND e.period = :p AND (:team IS NULL OR cl.team_id = :team)
             ORDER BY e.member_id",
            balance_sql(false)
        ))?;
        let scheme = self.scheme(campaign)?;
        let mut rows = stmt.query(named_params! { ":c": campaign, ":p": latest, ":team": team })?;
        while let Some(r) = rows.next()? {
            let code: String = r.get(5)?;
            f(&MemberBalance {
                member: r.get(0)?,
                name: r.get(1)?,
                client_code: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                client: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                team: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                level: scheme.level_named(&code).map_or(code, |i| scheme.levels[i].name.clone()),
                period_points: r.get(6)?,
                balance: r.get(7)?,
            })?;
        }
        Ok(())
    }

    /// A member's id by its number (号码).
    pub fn member_id(&self, number: &str) -> Result<i64> {
        self.conn
            .query_row("SELECT id FROM members WHERE number = :n", named_params! { ":n": number.trim() }, |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::NotFound { entity: Entity::Member, key: number.trim().to_string() })
    }

    /// A member by its number (号码) or, failing that, its id; with the campaign of its latest
    /// points or data, for a statement asked for without one.
    pub fn find_member(&self, text: &str) -> Result<(i64, Option<CampaignId>)> {
        let id = match self.member_id(text) {
            Ok(id) => id,
            Err(e) => {
                let id: i64 = text.trim().parse().map_err(|_| e)?;
                self.conn
                    .query_row("SELECT id FROM members WHERE id = :m", named_params! { ":m": id }, |r| r.get(0))
                    .optional()?
                    .ok_or_else(|| Error::NotFound { entity: Entity::Member, key: text.trim().to_string() })?
            }
        };
        let campaign = self
            .conn
            .query_row(
                "SELECT campaign_id FROM member_periods WHERE member_id = :m ORDER BY period DESC LIMIT 1",
                named_params! { ":m": id },
                |r| r.get(0),
            )
            .optional()?;
        Ok((id, campaign))
    }

    /// Points taken off a member's balance (a gift, a bill discount), never more than it holds.
    pub fn redeem(
        &self,
        campaign: CampaignId,
        member: i64,
        period: &BillingPeriod,
        points: i64,
        reason: &str,
        by: &By,
    ) -> Result<Statement> {
        let reason = reason.trim();
        let mut errors = Vec::new();
        if reason.is_empty() {
            errors.push(FieldError::new("reason", Problem::Required));
        }
        let balance = self.statement(campaign, member)?.balance;
        if points <= 0 || points > balance {
            errors.push(FieldError::new("points", Problem::OutOfRange { min: 1, max: balance.max(0) }));
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        self.conn.execute(
            "INSERT INTO point_redemptions (campaign_id, member_id, period, points, reason, created_at, created_by)
             VALUES (:c, :m, :p, :n, :r, :at, :by)",
            named_params! {
                ":c": campaign, ":m": member, ":p": period.as_str(), ":n": points, ":r": reason, ":at": stamp(by.at), ":by": by.author,
            },
        )?;
        self.statement(campaign, member)
    }

    /// Every entry of a member's ledger in the campaign, oldest first, with the running balance.
    pub fn statement(&self, campaign: CampaignId, member: i64) -> Result<Statement> {
        self.campaigns().get(campaign)?;
        let (number, name, joined_on, client_code): (String, String, String, Option<String>) = self
            .conn
            .query_row(
                "SELECT m.number, m.name, m.joined_on, cl.code FROM members m LEFT JOIN clients cl ON cl.id = m.client_id WHERE m.id = :m",
                named_params! { ":m": member },
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound { entity: Entity::Member, key: member.to_string() })?;
        let scheme = self.scheme(campaign)?;
        let mut pools: HashMap<(String, String, String), (i64, i64)> = HashMap::new();
        let mut stmt =
            self.conn.prepare_cached("SELECT period, kind, key, qualifying, average_fen FROM point_pools WHERE campaign_id = :c")?;
        let mut rows = stmt.query(named_params! { ":c": campaign })?;
        while let Some(r) = rows.next()? {
            pools.insert((r.get(0)?, r.get(1)?, r.get(2)?), (r.get(3)?, r.get(4)?));
        }
        let mut entries: Vec<LedgerEntry> = Vec::new();
        let mut level = None;
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.period, e.level, e.spend_points, e.tenure_band, e.tenure_bonus, e.level_bonus, e.reward_points, e.rewards,
                    e.expired, coalesce(mp.spend_fen, 0)
             FROM point_periods pp CROSS JOIN point_entries e ON e.campaign_id = pp.campaign_id AND e.period = pp.period AND e.member_id = :m
             LEFT JOIN member_periods mp ON mp.campaign_id = e.campaign_id AND mp.period = e.period AND mp.member_id = e.member_id
             WHERE pp.campaign_id = :c ORDER BY e.period",
        )?;
        let mut rows = stmt.query(named_params! { ":c": campaign, ":m": member })?;
        while let Some(r) = rows.next()? {
            let period: String = r.get(0)?;
            let level_code: String = r.get(1)?;
            let spend = Money::from_fen(r.get(9)?);
            let pool = |kind: &str, key: &str| {
                pools.get(&(period.clone(), kind.to_string(), key.to_string())).map_or((String::new(), String::new()), |(n, avg)| {
                    let avg = Money::from_fen(*avg);
                    (format!("{n} 人符合，平均消费 {avg} 元"), format!("{n} qualifying, average spend ¥{avg}"))
                })
            };
            let band = r.get::<_, Option<i64>>(3)?.and_then(|from| scheme.tenure_bands.iter().find(|b| b.from_months == from));
            let level_name = scheme.level_named(&level_code).map_or(level_code.clone(), |i| scheme.levels[i].name.clone());
            let mut push = |kind: &str, points: i64, (zh, en): (String, String)| {
                if points != 0 {
                    entries.push(LedgerEntry {
                        period: period.clone(),
                        kind: kind.into(),
                        points,
                        reason_zh: zh,
                        reason_en: en,
                        balance: 0,
                    });
                }
            };
            push("spend", r.get(2)?, (format!("消费 {spend} 元"), format!("spend ¥{spend}")));
            if let Some(b) = band {
                let (zh, en) = pool("tenure", &b.label());
                push(
                    "tenure_bonus",
                    r.get(4)?,
                    (
                        format!("在网 {} 个月，{}；{zh}", b.label(), b.bonus),
                        format!("{} months in the network, {}; {en}", b.label(), b.bonus),
                    ),
                );
            }
            let (zh, en) = pool("level", &level_code);
            push("level_bonus", r.get(5)?, (format!("{level_name}；{zh}"), format!("{level_name}; {en}")));
            let rules: String = r.get(7)?;
            push("reward", r.get(6)?, (rules.clone(), rules));
            push("expiry", -r.get::<_, i64>(8)?, (String::new(), String::new()));
            level = Some(level_name);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT period, points, reason FROM point_redemptions WHERE campaign_id = :c AND member_id = :m ORDER BY period, id",
        )?;
        let mut rows = stmt.query(named_params! { ":c": campaign, ":m": member })?;
        while let Some(r) = rows.next()? {
            let reason: String = r.get(2)?;
            entries.push(LedgerEntry {
                period: r.get(0)?,
                kind: "redemption".into(),
                points: -r.get::<_, i64>(1)?,
                reason_zh: reason.clone(),
                reason_en: reason,
                balance: 0,
            });
        }
        // Redemptions after the period's own entries (a stable sort keeps each group's order).
        entries.sort_by(|a, b| a.period.cmp(&b.period).then((a.kind == "redemption").cmp(&(b.kind == "redemption"))));
        let mut balance = 0;
        for e in &mut entries {
            balance += e.points;
            e.balance = balance;
        }
        Ok(Statement { member_id: member, member: number, name, joined_on, client_code, level, entries, balance })
    }
}

fn pool_kind(kind: PoolKind) -> &'static str {
    match kind {
        PoolKind::Tenure => "tenure",
        PoolKind::Level => "level",
    }
}
