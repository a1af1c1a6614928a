//! Standings: the raw figures `domain::standings` scores (entrants, metric totals, plan
//! counts), and locked results (table `award_locks`), which never change once written.

use std::collections::hash_map::Entry::Vacant;
use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{named_params, OptionalExtension};

use crate::domain::awards::{Award, Entry, Lock, Scope, Standing};
use crate::domain::ids::{AwardId, CampaignId};
use crate::domain::prizes;
use crate::domain::standings::{self, Combined, Figures, MetricTotal, Scores, Ties};
use crate::domain::tie_break::TieFigures;
use crate::error::{Entity, Error, FieldError, Problem, Result};
use crate::money::Money;

impl super::Awards<'_> {
    /// Every award's rankings as of `as_of`; locked awards give their locked results.
    pub fn standings(&self, campaign_id: CampaignId, as_of: NaiveDate) -> Result<Vec<Standing>> {
        let awards = self.list(campaign_id)?;
        let mut figures = Figures::default();
        let mut out = Vec::new();
        for award in &awards {
            match self.award_lock(award.id)? {
                Some((_, snapshot)) => {
                    let mut locked: Standing = super::json_column(&snapshot, "award_locks", award.id)?;
                    // A result locked before prize costs were kept: its tiers are frozen with it.
                    locked.prize_cost = prizes::prize_cost(&award.input.tiers, &locked.rankings);
                    out.push(locked);
                }
                None => out.push(self.compute_standing(campaign_id, award, &awards, as_of, &mut figures)?),
            }
        }
        Ok(out)
    }

    pub(super) fn award_lock(&self, id: AwardId) -> Result<Option<(Lock, String)>> {
        Ok(self
            .conn
            .query_row("SELECT locked_at, locked_by, snapshot FROM award_locks WHERE award_id = :id", named_params! { ":id": id }, |r| {
                Ok((Lock { at: r.get("locked_at")?, by: r.get("locked_by")? }, r.get("snapshot")?))
            })
            .optional()?)
    }

    /// Who can be ranked in a campaign: its participating teams and their people (every team
    /// when it names none), and anyone it has counted work for, so nothing counted vanishes.
    fn entrants(&self, campaign_id: CampaignId, scope: Scope) -> Result<Vec<(i64, String)>> {
        let sql = match scope {
            Scope::Team => {
                "SELECT id, name FROM teams t
                 WHERE NOT EXISTS (SELECT 1 FROM campaign_teams WHERE campaign_id = :campaign_id)
                    OR id IN (SELECT team_id FROM campaign_teams WHERE campaign_id = :campaign_id)
                    OR id IN (SELECT team_id FROM achievements WHERE campaign_id = :campaign_id)
                    OR id IN (SELECT c.team_id FROM plans p JOIN clients c ON c.id = p.client_id
                              WHERE p.campaign_id = :campaign_id AND p.deleted_at IS NULL)
                 ORDER BY id"
            }
            Scope::Person => {
                "SELECT id, name FROM people
                 WHERE NOT EXISTS (SELECT 1 FROM campaign_teams WHERE campaign_id = :campaign_id)
                    OR team_id IN (SELECT team_id FROM campaign_teams WHERE campaign_id = :campaign_id)
                    OR id IN (SELECT person_id FROM achievements WHERE campaign_id = :campaign_id)
                    OR id IN (SELECT i.owner_id FROM plan_items i JOIN plans p ON p.id = i.plan_id
                              WHERE p.campaign_id = :campaign_id AND p.deleted_at IS NULL AND i.deleted_at IS NULL)
                 ORDER BY id"
            }
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(named_params! { ":campaign_id": campaign_id }, |r| Ok((r.get("id")?, r.get("name")?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Quantity per entrant (and per industry when split) for one metric up to `as_of`, with the
    /// tie figures over the same achievements: the first day the running quantity equals the
    /// total, distinct clients and the sum of amounts.
    fn metric_totals(&self, campaign_id: CampaignId, total: &MetricTotal, as_of: NaiveDate) -> Result<(Scores, Ties)> {
        let column = match total.scope {
            Scope::Team => "a.team_id",
            Scope::Person => "a.person_id",
        };
        // The client's industry, else the one the achievement names (domain::achievement).
        let industry = if total.by_industry { "coalesce(nullif(c.industry, ''), a.industry)" } else { "NULL" };
        let sql = format!(
            "WITH counted AS (
                SELECT {industry} AS industry, {column} AS entrant, a.date, a.quantity, a.amount_fen, a.client_id
                FROM achievements a LEFT JOIN clients c ON c.id = a.client_id
                WHERE a.campaign_id = :campaign_id AND a.metric = :metric AND a.date <= :as_of AND {column} IS NOT NULL),
             daily AS (SELECT industry, entrant, date, sum(quantity) AS quantity FROM counted GROUP BY 1, 2, 3),
             running AS (
                SELECT industry, entrant, date,
                       sum(quantity) OVER (PARTITION BY industry, entrant ORDER BY date) AS so_far,
                       sum(quantity) OVER (PARTITION BY industry, entrant) AS total
                FROM daily),
             reached AS (SELECT industry, entrant, min(date) AS reached_on FROM running WHERE so_far = total GROUP BY 1, 2),
             totals AS (
                SELECT industry, entrant, sum(quantity) AS quantity, count(DISTINCT client_id) AS clients, sum(amount_fen) AS amount_fen
                FROM counted GROUP BY 1, 2)
             -- Joined after summing: one row per entrant meets `reached`, not one per achievement.
             SELECT t.industry, t.entrant, t.quantity, t.clients, t.amount_fen, r.reached_on
             FROM totals t LEFT JOIN reached r ON r.industry IS t.industry AND r.entrant = t.entrant"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows =
            stmt.query_map(named_params! { ":campaign_id": campaign_id, ":metric": total.metric, ":as_of": as_of.to_string() }, |r| {
                let key = (r.get::<_, Option<String>>("industry")?, r.get::<_, i64>("entrant")?);
                let figures = TieFigures {
                    reached_on: r.get::<_, Option<String>>("reached_on")?.as_deref().map(super::parse_date).transpose()?,
                    clients: r.get("clients")?,
                    amount: Money::from_fen(r.get("amount_fen")?),
                };
                Ok((key, r.get::<_, i64>("quantity")?, figures))
            })?;
        let (mut scores, mut ties) = (Scores::new(), Ties::new());
        for row in rows {
            let (key, quantity, figures) = row?;
            scores.insert(key.clone(), quantity);
            ties.insert(key, figures);
        }
        Ok((scores, ties))
    }

    /// Tie figures per entrant over several metrics' achievements up to `as_of` together;
    /// `reached_on` is the latest of them.
    fn combined_ties(&self, campaign_id: CampaignId, combined: &Combined, as_of: NaiveDate) -> Result<HashMap<i64, TieFigures>> {
        let column = match combined.scope {
            Scope::Team => "a.team_id",
            Scope::Person => "a.person_id",
        };
        let sql = format!(
            "SELECT {column} AS entrant, max(a.date) AS last, count(DISTINCT a.client_id) AS clients, sum(a.amount_fen) AS amount_fen
             FROM achievements a
             WHERE a.campaign_id = :campaign_id AND a.date <= :as_of AND {column} IS NOT NULL
               AND a.metric IN (SELECT value FROM json_each(:metrics))
             GROUP BY 1"
        );
        let metrics = serde_json::to_string(&combined.metrics).map_err(|e| Error::Io(std::io::Error::other(e)))?;
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows =
            stmt.query_map(named_params! { ":campaign_id": campaign_id, ":as_of": as_of.to_string(), ":metrics": metrics }, |r| {
                let figures = TieFigures {
                    reached_on: r.get::<_, Option<String>>("last")?.as_deref().map(super::parse_date).transpose()?,
                    clients: r.get("clients")?,
                    amount: Money::from_fen(r.get("amount_fen")?),
                };
                Ok((r.get::<_, i64>("entrant")?, figures))
            })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The latest day a plan item was done by `as_of`, per entrant (as `plan_counts` keys them).
    fn last_done(&self, campaign_id: CampaignId, scope: Scope, as_of: NaiveDate) -> Result<HashMap<i64, NaiveDate>> {
        let work = self.kpis().plan_work(campaign_id, scope, as_of)?;
        Ok(work.into_iter().filter_map(|(entrant, w)| w.last_done.map(|day| (entrant, day))).collect())
    }

    /// Plan items and items done by `as_of` per entrant: a team's clients' plan items, a
    /// person's own. An item finished later does not count yet.
    fn plan_counts(&self, campaign_id: CampaignId, scope: Scope, as_of: NaiveDate) -> Result<HashMap<i64, (i64, i64)>> {
        let work = self.kpis().plan_work(campaign_id, scope, as_of)?;
        Ok(work.into_iter().map(|(entrant, w)| (entrant, (w.items, w.done))).collect())
    }

    /// Adds to `figures` what `domain::standings` asks for to score `award` as of `as_of` and
    /// `figures` lacks: awards scored together on one day share what they read (the entrants,
    /// the plan counts, the targets' industries), each read once.
    fn add_figures(&self, campaign_id: CampaignId, award: &Award, all: &[Award], as_of: NaiveDate, figures: &mut Figures) -> Result<()> {
        let reads = standings::reads(award, all);
        for scope in reads.scopes {
            if let Vacant(slot) = figures.entrants.entry(scope) {
                slot.insert(self.entrants(campaign_id, scope)?);
            }
        }
        for total in reads.totals {
            if !figures.totals.contains_key(&total) {
                let (scores, ties) = self.metric_totals(campaign_id, &total, as_of)?;
                figures.totals.insert(total.clone(), scores);
                figures.ties.insert(total, ties);
            }
        }
        for combined in reads.combined {
            if let Vacant(slot) = figures.combined.entry(combined) {
                let ties = self.combined_ties(campaign_id, slot.key(), as_of)?;
                slot.insert(ties);
            }
        }
        for scope in reads.last_done {
            if let Vacant(slot) = figures.last_done.entry(scope) {
                slot.insert(self.last_done(campaign_id, scope, as_of)?);
            }
        }
        for scope in reads.plans {
            if let Vacant(slot) = figures.plans.entry(scope) {
                slot.insert(self.plan_counts(campaign_id, scope, as_of)?);
            }
        }
        if reads.industries && figures.industries.is_empty() {
            figures.industries = self.kpis().target_industries(campaign_id)?;
        }
        Ok(())
    }

    /// `award` scored as of `as_of`, reading into `figures` (shared by awards scored on that day).
    fn compute_standing(
        &self,
        campaign_id: CampaignId,
        award: &Award,
        all: &[Award],
        as_of: NaiveDate,
        figures: &mut Figures,
    ) -> Result<Standing> {
        self.add_figures(campaign_id, award, all, as_of, figures)?;
        Ok(standings::standing(award, all, figures, as_of))
    }

    /// Freezes an award's results as of `now`'s date; they never change again.
    pub fn lock(&self, award_id: AwardId, author: &str, now: NaiveDateTime) -> Result<Standing> {
        if self.award_lock(award_id)?.is_some() {
            return Err(Error::Validation(vec![FieldError::new("award_id", Problem::Locked)]));
        }
        let campaign_id: CampaignId = self
            .conn
            .query_row("SELECT campaign_id FROM awards WHERE id = :award_id", named_params! { ":award_id": award_id }, |r| {
                r.get("campaign_id")
            })
            .optional()?
            .ok_or(Error::NotFound { entity: Entity::Award, key: award_id.to_string() })?;
        let all = self.list(campaign_id)?;
        let award = all.iter().find(|a| a.id == award_id).ok_or(Error::NotFound { entity: Entity::Award, key: award_id.to_string() })?;
        let mut standing = self.compute_standing(campaign_id, award, &all, now.date(), &mut Figures::default())?;
        let lock = Lock { at: super::stamp(now), by: author.to_string() };
        standing.locked = Some(lock.clone());
        self.conn.execute(
            "INSERT INTO award_locks (award_id, locked_at, locked_by, snapshot) VALUES (:award_id, :at, :by, :standing)",
            named_params! {
                ":award_id": award_id,
                ":at": lock.at,
                ":by": lock.by,
                ":standing": serde_json::to_string(&standing).map_err(|e| Error::Io(std::io::Error::other(e)))?,
            },
        )?;
        Ok(standing)
    }

    /// Each week's ranks (week ends from the campaign's start, up to `today`) for one award and
    /// scope, industries combined: how ranks moved.
    pub fn rank_history(&self, award_id: AwardId, scope: Scope, today: NaiveDate) -> Result<Vec<(NaiveDate, Vec<Entry>)>> {
        let campaign_id: CampaignId = self
            .conn
            .query_row("SELECT campaign_id FROM awards WHERE id = :award_id", named_params! { ":award_id": award_id }, |r| {
                r.get("campaign_id")
            })
            .optional()?
            .ok_or(Error::NotFound { entity: Entity::Award, key: award_id.to_string() })?;
        let campaign = self.campaigns().get(campaign_id)?;
        let all = self.list(campaign_id)?;
        let mut award =
            all.iter().find(|a| a.id == award_id).cloned().ok_or(Error::NotFound { entity: Entity::Award, key: award_id.to_string() })?;
        award.input.by_industry = false;
        award.input.for_teams = scope == Scope::Team;
        award.input.for_people = scope == Scope::Person;
        let last = today.min(campaign.end_date);
        let mut week = campaign.start_date + chrono::Duration::days(6);
        let mut out = Vec::new();
        while week <= last + chrono::Duration::days(6) {
            let as_of = week.min(last);
            let standing = self.compute_standing(campaign_id, &award, &all, as_of, &mut Figures::default())?;
            out.push((as_of, standing.rankings.into_iter().next().map(|r| r.entries).unwrap_or_default()));
            if as_of == last {
                break;
            }
            week += chrono::Duration::days(7);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::Store;

    #[test]
    fn a_locked_standing_that_cannot_be_read_is_an_error_naming_the_award() {
        let store = Store::open_in_memory().expect("store");
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("d");
        let campaign = crate::demo::seed_demo(&store, today).expect("demo");
        let award: i64 = store.conn.query_row("SELECT min(id) FROM awards", [], |r| r.get(0)).expect("an award");
        store
            .conn
            .execute(
                "INSERT INTO award_locks (award_id, locked_at, locked_by, snapshot) VALUES (?1, '2026-11-22 09:00:00', 'y', '{')",
                [award],
            )
            .expect("a snapshot cut short");
        match store.awards().standings(campaign, today) {
            Err(Error::CorruptRow { table, key, .. }) => {
                assert_eq!((table, key), ("award_locks", award.to_string()), "the error names the locked award")
            }
            other => panic!("a locked result must not be replaced by a guess: {other:?}"),
        }
    }
}
