//! Achievements (table `achievements`): what teams and people did, by metric and date, and
//! where a row came from so a returned tracker counts once. Corrections and deletions are
//! logged (table `achievement_log`) and refused once an award counting them is locked.

use rusqlite::{named_params, OptionalExtension};

use super::filter::Where;
use super::parse_date;
use crate::domain::achievement::{
    page_bounds, Achievement, AchievementAction, AchievementLogEntry, AchievementQuery, AchievementRules, Named,
};
use crate::domain::awards::AchievementInput;
use crate::domain::ids::CampaignId;
use crate::domain::plan::By;
use crate::domain::Page;
use crate::error::{Entity, Error, FieldError, Problem, Result};
use crate::money::Money;

const SELECT: &str =
    "SELECT a.id, a.date, a.metric, a.team_id, a.person_id, a.quantity, a.amount_fen, a.client_id, a.industry, a.note, a.source,
        t.name AS team, p.name AS person, c.code AS client_code, c.name AS client_name,
        coalesce(nullif(c.industry, ''), a.industry) AS counted_industry
     FROM achievements a LEFT JOIN teams t ON t.id = a.team_id LEFT JOIN people p ON p.id = a.person_id
     LEFT JOIN clients c ON c.id = a.client_id";

/// The input part of a row selected with `SELECT` (or any row with the achievement's columns).
pub(super) fn input_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AchievementInput> {
    Ok(AchievementInput {
        date: parse_date(&r.get::<_, String>("date")?)?,
        metric: r.get("metric")?,
        team_id: r.get("team_id")?,
        person_id: r.get("person_id")?,
        quantity: r.get("quantity")?,
        amount: Money::from_fen(r.get("amount_fen")?),
        client_id: r.get("client_id")?,
        industry: r.get("industry")?,
        note: r.get("note")?,
    })
}

fn achievement_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Achievement> {
    Ok(Achievement {
        id: r.get("id")?,
        input: input_row(r)?,
        team: r.get("team")?,
        person: r.get("person")?,
        client_code: r.get("client_code")?,
        client_name: r.get("client_name")?,
        counted_industry: r.get("counted_industry")?,
        source: r.get("source")?,
    })
}

fn json(input: &AchievementInput) -> Result<String> {
    serde_json::to_string(input).map_err(|e| Error::Io(std::io::Error::other(e)))
}

impl super::Achievements<'_> {
    pub fn add(&self, campaign_id: CampaignId, a: &AchievementInput) -> Result<i64> {
        // Without a source nothing can collide: the row is always added.
        self.insert_achievement(campaign_id, a, None)?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Whether an achievement from `source` was already added.
    pub fn source_used(&self, source: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM achievements WHERE source = :source)",
            named_params! { ":source": source },
            |r| r.get(0),
        )?)
    }

    /// Adds an achievement that came from `source` (a returned tracker's row); None when that
    /// source was already added, so a file applied twice counts once.
    pub fn add_from(&self, campaign_id: CampaignId, a: &AchievementInput, source: &str) -> Result<Option<i64>> {
        let added = self.insert_achievement(campaign_id, a, Some(source))?;
        Ok((added > 0).then(|| self.conn.last_insert_rowid()))
    }

    /// Checks and inserts one achievement; 0 rows when its source was already added.
    fn insert_achievement(&self, campaign_id: CampaignId, a: &AchievementInput, source: Option<&str>) -> Result<usize> {
        let a = self.check(campaign_id, a)?;
        Ok(self.conn.execute(
            "INSERT INTO achievements (campaign_id, date, metric, team_id, person_id, quantity, amount_fen, client_id, industry, note, source)
             VALUES (:campaign_id, :date, :metric, :team_id, :person_id, :quantity, :amount, :client_id, :industry, :note, :source) ON CONFLICT DO NOTHING",
            named_params! {
                ":campaign_id": campaign_id,
                ":date": a.date.to_string(),
                ":metric": a.metric,
                ":team_id": a.team_id,
                ":person_id": a.person_id,
                ":quantity": a.quantity,
                ":amount": a.amount.fen(),
                ":client_id": a.client_id,
                ":industry": a.industry,
                ":note": a.note.trim(),
                ":source": source,
            },
        )?)
    }

    /// The campaign-wide facts an achievement is checked against (see `domain::achievement`).
    pub fn rules(&self, campaign_id: CampaignId) -> Result<AchievementRules> {
        let campaign = self.campaigns().get(campaign_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT metric FROM awards WHERE campaign_id = :campaign_id AND kind = 'single' AND by_industry = 1 AND metric IS NOT NULL",
        )?;
        let split_metrics =
            stmt.query_map(named_params! { ":campaign_id": campaign_id }, |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        // The industries per-industry rankings list: those of the campaign's targets, read from
        // the KPI tallies (a few rows, not a pass over every target for each achievement).
        let industries = self.kpis().target_industries(campaign_id)?;
        Ok(AchievementRules {
            start: campaign.start_date,
            end: campaign.end_date,
            metrics: self.metrics(campaign_id)?,
            split_metrics,
            industries,
        })
    }

    /// What the database knows of the team, person and client `a` names.
    pub fn named(&self, a: &AchievementInput) -> Result<Named> {
        let team = match a.team_id {
            Some(id) => {
                self.conn.query_row("SELECT name FROM teams WHERE id = :id", named_params! { ":id": id }, |r| r.get(0)).optional()?
            }
            None => None,
        };
        let person = match a.person_id {
            Some(id) => self
                .conn
                .query_row(
                    "SELECT p.name, p.team_id, t.name AS team FROM people p LEFT JOIN teams t ON t.id = p.team_id WHERE p.id = :id",
                    named_params! { ":id": id },
                    |r| {
                        let team = match (r.get("team_id")?, r.get::<_, Option<String>>("team")?) {
                            (Some(id), Some(name)) => Some((id, name)),
                            _ => None,
                        };
                        Ok((r.get("name")?, team))
                    },
                )
                .optional()?,
            None => None,
        };
        let client_industry = match a.client_id {
            Some(id) => {
                self.conn.query_row("SELECT industry FROM clients WHERE id = :id", named_params! { ":id": id }, |r| r.get(0)).optional()?
            }
            None => None,
        };
        Ok(Named { team, person, client_industry })
    }

    /// Checks an achievement against its campaign before it is written, added or corrected,
    /// and gives it as it will be stored (team from the person, industry trimmed).
    pub fn check(&self, campaign_id: CampaignId, a: &AchievementInput) -> Result<AchievementInput> {
        self.rules(campaign_id)?.check(a, &self.named(a)?)
    }

    /// One page of a campaign's achievements, newest first, and how many match in all.
    pub fn list(&self, campaign_id: CampaignId, q: &AchievementQuery) -> Result<Page<Achievement>> {
        self.campaigns().get(campaign_id)?;
        let mut w = Where::new();
        w.and_bind("a.campaign_id = :campaign_id", ":campaign_id", campaign_id);
        if let Some(metric) = q.metric.clone().filter(|m| !m.is_empty()) {
            w.and_bind("a.metric = :metric", ":metric", metric);
        }
        if let Some(team) = q.team_id {
            w.and_bind("a.team_id = :team_id", ":team_id", team);
        }
        if let Some(person) = q.person_id {
            w.and_bind("a.person_id = :person_id", ":person_id", person);
        }
        if let Some(client) = q.client_id {
            w.and_bind("a.client_id = :client_id", ":client_id", client);
        }
        if let Some(from) = q.from {
            w.and_bind("a.date >= :from", ":from", from.to_string());
        }
        if let Some(until) = q.until {
            w.and_bind("a.date <= :until", ":until", until.to_string());
        }
        let total: i64 = self.conn.query_row(&format!("SELECT count(*) FROM achievements a{}", w.sql()), &*w.params(), |r| r.get(0))?;
        let (limit, offset) = page_bounds(q.limit, q.offset);
        w.bind(":limit", limit).bind(":offset", offset);
        let sql = format!("{SELECT}{} ORDER BY a.date DESC, a.id DESC LIMIT :limit OFFSET :offset", w.sql());
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(&*w.params(), achievement_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(Page { total, rows })
    }

    /// One achievement of a campaign.
    pub fn get(&self, campaign_id: CampaignId, id: i64) -> Result<Achievement> {
        self.conn
            .query_row(
                &format!("{SELECT} WHERE a.id = :id AND a.campaign_id = :campaign_id"),
                named_params! { ":id": id, ":campaign_id": campaign_id },
                achievement_row,
            )
            .optional()?
            .ok_or(Error::NotFound { entity: Entity::Achievement, key: id.to_string() })
    }

    /// The locked awards an achievement of `metric` counts toward: a single award of that
    /// metric, or an overall award weighing one.
    pub fn locked_awards_counting(&self, campaign_id: CampaignId, metric: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.name FROM awards a JOIN award_locks l ON l.award_id = a.id
             WHERE a.campaign_id = :campaign_id AND (
                (a.kind = 'single' AND a.metric = :metric)
                OR (a.kind = 'overall' AND EXISTS (
                    SELECT 1 FROM award_weights w JOIN awards s ON CAST(s.id AS TEXT) = w.component
                    WHERE w.award_id = a.id AND s.campaign_id = a.campaign_id AND s.kind = 'single' AND s.metric = :metric)))
             ORDER BY a.position",
        )?;
        let rows = stmt.query_map(named_params! { ":campaign_id": campaign_id, ":metric": metric }, |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Refused when an award counting `metric` is locked: its results must never change.
    fn check_unlocked(&self, campaign_id: CampaignId, metric: &str) -> Result<()> {
        match self.locked_awards_counting(campaign_id, metric)?.into_iter().next() {
            Some(award) => Err(Error::Validation(vec![FieldError::new("achievement", Problem::CountsTowardLocked { award })])),
            None => Ok(()),
        }
    }

    fn log(
        &self,
        campaign_id: CampaignId,
        id: i64,
        action: AchievementAction,
        before: &AchievementInput,
        after: Option<&AchievementInput>,
        by: &By,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO achievement_log (campaign_id, achievement_id, at, author, action, before, after)
             VALUES (:campaign_id, :id, :at, :author, :action, :before, :after)",
            named_params! {
                ":campaign_id": campaign_id,
                ":id": id,
                ":at": super::stamp(by.at),
                ":author": by.author,
                ":action": action.code(),
                ":before": json(before)?,
                ":after": after.map(json).transpose()?,
            },
        )?;
        Ok(())
    }

    /// Replaces an achievement's figures after the same checks as adding, logged with what it
    /// was and what it became. Refused when an award counting it, before or after, is locked.
    pub fn correct(&self, campaign_id: CampaignId, id: i64, a: &AchievementInput, by: &By) -> Result<Achievement> {
        self.in_transaction(|s| {
            let me = s.achievements();
            let before = me.get(campaign_id, id)?.input;
            me.check_unlocked(campaign_id, &before.metric)?;
            me.check_unlocked(campaign_id, &a.metric)?;
            let after = me.check(campaign_id, a)?;
            me.write(campaign_id, id, &after)?;
            me.log(campaign_id, id, AchievementAction::Corrected, &before, Some(&after), by)?;
            me.get(campaign_id, id)
        })
    }

    /// Deletes an achievement, logged with what it was. Refused when an award counting it is locked.
    pub fn delete(&self, campaign_id: CampaignId, id: i64, by: &By) -> Result<()> {
        self.in_transaction(|s| {
            let me = s.achievements();
            let before = me.get(campaign_id, id)?.input;
            me.check_unlocked(campaign_id, &before.metric)?;
            s.conn.execute(
                "DELETE FROM achievements WHERE id = :id AND campaign_id = :campaign_id",
                named_params! { ":id": id, ":campaign_id": campaign_id },
            )?;
            me.log(campaign_id, id, AchievementAction::Deleted, &before, None, by)
        })
    }

    /// Writes checked figures over an achievement (its source stays).
    fn write(&self, campaign_id: CampaignId, id: i64, a: &AchievementInput) -> Result<()> {
        self.conn.execute(
            "UPDATE achievements SET date = :date, metric = :metric, team_id = :team_id, person_id = :person_id, quantity = :quantity,
                amount_fen = :amount, client_id = :client_id, industry = :industry, note = :note
             WHERE id = :id AND campaign_id = :campaign_id",
            named_params! {
                ":id": id,
                ":date": a.date.to_string(),
                ":metric": a.metric,
                ":team_id": a.team_id,
                ":person_id": a.person_id,
                ":quantity": a.quantity,
                ":amount": a.amount.fen(),
                ":client_id": a.client_id,
                ":industry": a.industry,
                ":note": a.note.trim(),
                ":campaign_id": campaign_id,
            },
        )?;
        Ok(())
    }

    /// A page of the campaign's achievement log, newest first, and how many lines in all.
    pub fn log_entries(&self, campaign_id: CampaignId, limit: i64, offset: i64) -> Result<Page<AchievementLogEntry>> {
        let total: i64 = self.conn.query_row(
            "SELECT count(*) FROM achievement_log WHERE campaign_id = :campaign_id",
            named_params! { ":campaign_id": campaign_id },
            |r| r.get(0),
        )?;
        let (limit, offset) = page_bounds(limit, offset);
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, achievement_id, at, author, action, before, after FROM achievement_log
             WHERE campaign_id = :campaign_id ORDER BY at DESC, id DESC LIMIT :limit OFFSET :offset",
        )?;
        /// A log row as stored; its JSON is read after, so a damaged one names its row.
        struct Stored {
            id: i64,
            achievement_id: i64,
            at: crate::timestamp::Timestamp,
            author: String,
            action: String,
            before: String,
            after: Option<String>,
        }
        let stored: Vec<Stored> = stmt
            .query_map(named_params! { ":campaign_id": campaign_id, ":limit": limit, ":offset": offset }, |r| {
                Ok(Stored {
                    id: r.get("id")?,
                    achievement_id: r.get("achievement_id")?,
                    at: r.get("at")?,
                    author: r.get("author")?,
                    action: r.get("action")?,
                    before: r.get("before")?,
                    after: r.get("after")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut rows = Vec::with_capacity(stored.len());
        for s in stored {
            let action = AchievementAction::from_code(&s.action).ok_or_else(|| Error::CorruptRow {
                table: "achievement_log",
                key: s.id.to_string(),
                detail: format!("unknown action {}", s.action),
            })?;
            rows.push(AchievementLogEntry {
                id: s.id,
                achievement_id: s.achievement_id,
                at: s.at,
                author: s.author,
                action,
                before: super::json_column(&s.before, "achievement_log", s.id)?,
                after: s.after.map(|a| super::json_column(&a, "achievement_log", s.id)).transpose()?,
            });
        }
        Ok(Page { total, rows })
    }
}
