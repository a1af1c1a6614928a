//! Awards, achievements and standings. Standings are computed from achievements (and plan
//! completion for the overall award) as of a date; a locked award returns its snapshot.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{named_params, OptionalExtension};

use super::Store;
use crate::domain::awards::{AchievementInput, Award, AwardInput, Entry, Lock, Scope, Standing, Tier};
use crate::domain::standings::{self, Figures, MetricTotal, Scores};
use crate::error::{Entity, Error, FieldError, Problem, Result};
use crate::money::Money;

impl Store {
    pub fn metrics(&self, campaign_id: i64) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached("SELECT code, name FROM metrics WHERE campaign_id = :campaign_id ORDER BY rowid")?;
        let rows = stmt.query_map(named_params! { ":campaign_id": campaign_id }, |r| Ok((r.get("code")?, r.get("name")?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn add_metric(&self, campaign_id: i64, code: &str, name: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO metrics (campaign_id, code, name) VALUES (:campaign_id, :code, :name)
             ON CONFLICT (campaign_id, code) DO UPDATE SET name = excluded.name",
            named_params! { ":campaign_id": campaign_id, ":code": code.trim(), ":name": name.trim() },
        )?;
        Ok(())
    }

    /// Creates (`id` None) or replaces an award's definition.
    pub fn save_award(&self, campaign_id: i64, id: Option<i64>, input: &AwardInput) -> Result<i64> {
        input.validate()?;
        self.campaign(campaign_id)?;
        if let Some(id) = id {
            if self.award_lock(id)?.is_some() {
                return Err(Error::Validation(vec![FieldError::new("name", Problem::Locked)]));
            }
        }
        self.in_transaction(|s| {
            let c = &s.conn;
            let id = match id {
                Some(id) => {
                    c.execute(
                        "UPDATE awards SET name = :name, kind = :kind, for_teams = :for_teams, for_people = :for_people, metric = :metric, by_industry = :by_industry,
                                use_targets = :use_targets, tie_break = :tie_break WHERE id = :id",
                        named_params! { ":id": id, ":name": input.name.trim(), ":kind": input.kind, ":for_teams": input.for_teams, ":for_people": input.for_people, ":metric": input.metric, ":by_industry": input.by_industry, ":use_targets": input.use_targets, ":tie_break": input.tie_break },
                    )?;
                    for table in ["award_tiers", "award_targets", "award_weights"] {
                        c.execute(&format!("DELETE FROM {table} WHERE award_id = :id"), named_params! { ":id": id })?;
                    }
                    id
                }
                None => {
                    c.execute(
                        "INSERT INTO awards (campaign_id, position, name, kind, for_teams, for_people, metric, by_industry, use_targets, tie_break)
                         VALUES (:campaign_id, (SELECT coalesce(max(position), -1) + 1 FROM awards WHERE campaign_id = :campaign_id), :name, :kind, :for_teams, :for_people, :metric, :by_industry, :use_targets, :tie_break)",
                        named_params! { ":campaign_id": campaign_id, ":name": input.name.trim(), ":kind": input.kind, ":for_teams": input.for_teams, ":for_people": input.for_people, ":metric": input.metric, ":by_industry": input.by_industry, ":use_targets": input.use_targets, ":tie_break": input.tie_break },
                    )?;
                    c.last_insert_rowid()
                }
            };
            for (i, t) in input.tiers.iter().enumerate() {
                c.execute(
                    "INSERT INTO award_tiers (award_id, position, name, places, honour, amount_fen) VALUES (:id, :i, :name, :places, :honour, :amount)",
                    named_params! { ":id": id, ":i": i as i64, ":name": t.name.trim(), ":places": t.places, ":honour": t.honour, ":amount": t.amount.map(Money::fen) },
                )?;
            }
            for (scope, entrant, target) in &input.targets {
                c.execute(
                    "INSERT OR REPLACE INTO award_targets (award_id, scope, entrant_id, target) VALUES (:id, :scope, :entrant, :target)",
                    named_params! { ":id": id, ":scope": scope, ":entrant": entrant, ":target": target },
                )?;
            }
            for (component, weight) in &input.weights {
                c.execute(
                    "INSERT OR REPLACE INTO award_weights (award_id, component, weight_bp) VALUES (:id, :component, :weight)",
                    named_params! { ":id": id, ":component": component, ":weight": weight },
                )?;
            }
            Ok(id)
        })
    }

    fn award_lock(&self, id: i64) -> Result<Option<(Lock, String)>> {
        Ok(self
            .conn
            .query_row("SELECT locked_at, locked_by, snapshot FROM award_locks WHERE award_id = :id", named_params! { ":id": id }, |r| {
                Ok((Lock { at: r.get("locked_at")?, by: r.get("locked_by")? }, r.get("snapshot")?))
            })
            .optional()?)
    }

    pub fn awards(&self, campaign_id: i64) -> Result<Vec<Award>> {
        self.campaign(campaign_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, kind, for_teams, for_people, metric, by_industry, use_targets, tie_break
             FROM awards WHERE campaign_id = :campaign_id ORDER BY position",
        )?;
        let heads: Vec<(i64, AwardInput)> = stmt
            .query_map(named_params! { ":campaign_id": campaign_id }, |r| {
                Ok((
                    r.get("id")?,
                    AwardInput {
                        name: r.get("name")?,
                        kind: r.get("kind")?,
                        for_teams: r.get("for_teams")?,
                        for_people: r.get("for_people")?,
                        metric: r.get("metric")?,
                        by_industry: r.get("by_industry")?,
                        use_targets: r.get("use_targets")?,
                        tie_break: r.get("tie_break")?,
                        tiers: Vec::new(),
                        targets: Vec::new(),
                        weights: Vec::new(),
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut awards = Vec::new();
        for (id, mut input) in heads {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT name, places, honour, amount_fen FROM award_tiers WHERE award_id = :id ORDER BY position")?;
            input.tiers = stmt
                .query_map(named_params! { ":id": id }, |r| {
                    Ok(Tier {
                        name: r.get("name")?,
                        places: r.get("places")?,
                        honour: r.get("honour")?,
                        amount: r.get::<_, Option<i64>>(3)?.map(Money::from_fen),
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            let mut stmt = self.conn.prepare_cached("SELECT scope, entrant_id, target FROM award_targets WHERE award_id = :id")?;
            input.targets = stmt
                .query_map(named_params! { ":id": id }, |r| Ok((r.get("scope")?, r.get("entrant_id")?, r.get("target")?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut stmt =
                self.conn.prepare_cached("SELECT component, weight_bp FROM award_weights WHERE award_id = :id ORDER BY component")?;
            input.weights = stmt
                .query_map(named_params! { ":id": id }, |r| Ok((r.get("component")?, r.get("weight_bp")?)))?
                .collect::<rusqlite::Result<_>>()?;
            awards.push(Award { id, input, locked: self.award_lock(id)?.map(|(l, _)| l) });
        }
        Ok(awards)
    }

    pub fn add_achievement(&self, campaign_id: i64, a: &AchievementInput) -> Result<i64> {
        // Without a source nothing can collide: the row is always added.
        self.insert_achievement(campaign_id, a, None)?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Whether an achievement from `source` was already added.
    pub fn achievement_source_used(&self, source: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM achievements WHERE source = :source)",
            named_params! { ":source": source },
            |r| r.get(0),
        )?)
    }

    /// Adds an achievement that came from `source` (a returned tracker's row); None when that
    /// source was already added, so a file applied twice counts once.
    pub fn add_achievement_from(&self, campaign_id: i64, a: &AchievementInput, source: &str) -> Result<Option<i64>> {
        let added = self.insert_achievement(campaign_id, a, Some(source))?;
        Ok((added > 0).then(|| self.conn.last_insert_rowid()))
    }

    /// Checks and inserts one achievement; 0 rows when its source was already added.
    fn insert_achievement(&self, campaign_id: i64, a: &AchievementInput, source: Option<&str>) -> Result<usize> {
        self.check_achievement(campaign_id, a)?;
        Ok(self.conn.execute(
            "INSERT INTO achievements (campaign_id, date, metric, team_id, person_id, quantity, amount_fen, client_id, note, source)
             VALUES (:campaign_id, :date, :metric, :team_id, :person_id, :quantity, :amount, :client_id, :note, :source) ON CONFLICT DO NOTHING",
            named_params! { ":campaign_id": campaign_id, ":date": a.date.to_string(), ":metric": a.metric, ":team_id": a.team_id, ":person_id": a.person_id, ":quantity": a.quantity, ":amount": a.amount.fen(), ":client_id": a.client_id, ":note": a.note.trim(), ":source": source },
        )?)
    }

    /// Checks an achievement against its campaign before it is written, added or corrected.
    pub(super) fn check_achievement(&self, campaign_id: i64, a: &AchievementInput) -> Result<()> {
        self.campaign(campaign_id)?;
        let known = self.metrics(campaign_id)?.iter().any(|(code, _)| *code == a.metric);
        a.validate(known)
    }

    /// Every award's rankings as of `as_of`; locked awards give their locked results.
    pub fn standings(&self, campaign_id: i64, as_of: NaiveDate) -> Result<Vec<Standing>> {
        let awards = self.awards(campaign_id)?;
        let mut out = Vec::new();
        for award in &awards {
            match self.award_lock(award.id)? {
                Some((_, snapshot)) => out.push(super::json_column(&snapshot, "award_locks", award.id)?),
                None => out.push(self.compute_standing(campaign_id, award, &awards, as_of)?),
            }
        }
        Ok(out)
    }

    fn entrants(&self, scope: Scope) -> Result<Vec<(i64, String)>> {
        let sql = match scope {
            Scope::Team => "SELECT id, name FROM teams ORDER BY id",
            Scope::Person => "SELECT id, name FROM people ORDER BY id",
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get("id")?, r.get("name")?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Quantity per entrant (and per industry when split) for one metric up to `as_of`.
    fn metric_totals(&self, campaign_id: i64, total: &MetricTotal, as_of: NaiveDate) -> Result<Scores> {
        let column = match total.scope {
            Scope::Team => "a.team_id",
            Scope::Person => "a.person_id",
        };
        let industry = if total.by_industry { "c.industry" } else { "NULL" };
        let sql = format!(
            "SELECT {industry} AS industry, {column} AS entrant, sum(a.quantity) AS quantity FROM achievements a LEFT JOIN clients c ON c.id = a.client_id
             WHERE a.campaign_id = :campaign_id AND a.metric = :metric AND a.date <= :as_of AND {column} IS NOT NULL
             GROUP BY 1, 2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(named_params! { ":campaign_id": campaign_id, ":metric": total.metric, ":as_of": as_of.to_string() }, |r| {
                Ok(((r.get::<_, Option<String>>("industry")?, r.get::<_, i64>("entrant")?), r.get::<_, i64>("quantity")?))
            })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Plan items and items done per entrant: a team's clients' plan items, a person's own.
    fn plan_counts(&self, campaign_id: i64, scope: Scope) -> Result<HashMap<i64, (i64, i64)>> {
        let key = match scope {
            Scope::Team => "c.team_id",
            Scope::Person => "i.owner_id",
        };
        let sql = format!(
            "SELECT {key} AS entrant, count(*) AS items, count(*) FILTER (WHERE i.status = 'done') AS done
             FROM plan_items i JOIN plans p ON p.id = i.plan_id JOIN clients c ON c.id = p.client_id
             WHERE p.campaign_id = :campaign_id AND p.deleted_at IS NULL AND i.deleted_at IS NULL AND {key} IS NOT NULL GROUP BY 1"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(named_params! { ":campaign_id": campaign_id }, |r| {
            Ok((r.get::<_, i64>("entrant")?, (r.get("items")?, r.get("done")?)))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn target_industries(&self, campaign_id: i64) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT c.industry FROM campaign_targets t JOIN clients c ON c.id = t.client_id
             WHERE t.campaign_id = :campaign_id AND c.industry <> '' ORDER BY c.industry",
        )?;
        let rows = stmt.query_map(named_params! { ":campaign_id": campaign_id }, |r| r.get("industry"))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The figures `domain::standings` asks for to score `award` as of `as_of`.
    fn figures(&self, campaign_id: i64, award: &Award, all: &[Award], as_of: NaiveDate) -> Result<Figures> {
        let reads = standings::reads(award, all);
        let mut figures = Figures::default();
        for scope in reads.scopes {
            figures.entrants.insert(scope, self.entrants(scope)?);
        }
        for total in reads.totals {
            let scores = self.metric_totals(campaign_id, &total, as_of)?;
            figures.totals.insert(total, scores);
        }
        for scope in reads.plans {
            figures.plans.insert(scope, self.plan_counts(campaign_id, scope)?);
        }
        if reads.industries {
            figures.industries = self.target_industries(campaign_id)?;
        }
        Ok(figures)
    }

    fn compute_standing(&self, campaign_id: i64, award: &Award, all: &[Award], as_of: NaiveDate) -> Result<Standing> {
        let figures = self.figures(campaign_id, award, all, as_of)?;
        Ok(standings::standing(award, all, &figures, as_of))
    }

    /// Freezes an award's results as of `now`'s date; they never change again.
    pub fn lock_award(&self, award_id: i64, author: &str, now: NaiveDateTime) -> Result<Standing> {
        if self.award_lock(award_id)?.is_some() {
            return Err(Error::Validation(vec![FieldError::new("award_id", Problem::Locked)]));
        }
        let campaign_id: i64 = self
            .conn
            .query_row("SELECT campaign_id FROM awards WHERE id = :award_id", named_params! { ":award_id": award_id }, |r| {
                r.get("campaign_id")
            })
            .optional()?
            .ok_or(Error::NotFound { entity: Entity::Award, key: award_id.to_string() })?;
        let all = self.awards(campaign_id)?;
        let award = all.iter().find(|a| a.id == award_id).ok_or(Error::NotFound { entity: Entity::Award, key: award_id.to_string() })?;
        let mut standing = self.compute_standing(campaign_id, award, &all, now.date())?;
        let lock = Lock { at: super::stamp(now), by: author.to_string() };
        standing.locked = Some(lock.clone());
        self.conn.execute(
            "INSERT INTO award_locks (award_id, locked_at, locked_by, snapshot) VALUES (:award_id, :at, :by, :standing)",
            named_params! { ":award_id": award_id, ":at": lock.at, ":by": lock.by, ":standing": serde_json::to_string(&standing).map_err(|e| Error::Io(std::io::Error::other(e)))? },
        )?;
        Ok(standing)
    }

    /// Each week's ranks (week ends from the campaign's start, up to `today`) for one award and
    /// scope, industries combined: how ranks moved.
    pub fn rank_history(&self, award_id: i64, scope: Scope, today: NaiveDate) -> Result<Vec<(NaiveDate, Vec<Entry>)>> {
        let campaign_id: i64 = self
            .conn
            .query_row("SELECT campaign_id FROM awards WHERE id = :award_id", named_params! { ":award_id": award_id }, |r| {
                r.get("campaign_id")
            })
            .optional()?
            .ok_or(Error::NotFound { entity: Entity::Award, key: award_id.to_string() })?;
        let campaign = self.campaign(campaign_id)?;
        let all = self.awards(campaign_id)?;
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
            let standing = self.compute_standing(campaign_id, &award, &all, as_of)?;
            out.push((as_of, standing.rankings.into_iter().next().map(|r| r.entries).unwrap_or_default()));
            if as_of == last {
                break;
            }
            week += chrono::Duration::days(7);
        }
        Ok(out)
    }
}
