//! The care calendar's records (`domain/care.rs`): the campaign's window, holidays and templates
//! (the sample until saved), switchboard lines, the send list of a holiday, and the greetings
//! sent, recorded so a line never gets the same greeting twice.

use chrono::{Datelike, NaiveDate};
use rusqlite::{named_params, OptionalExtension};

use super::clients::{DEFAULT_PAGE, MAX_PAGE};
use super::{parse_date, stamp};
use crate::domain::care::{is_new, render, sample, CareSettings, Fields, Greeting, Holiday, SentGreeting, SwitchboardLine, Template};
use crate::domain::ids::{CampaignId, ClientId, TeamId};
use crate::domain::plan::By;
use crate::domain::Page;
use crate::error::{Error, FieldError, Problem, Result};

impl super::Care<'_> {
    pub fn settings(&self, campaign: CampaignId) -> Result<CareSettings> {
        self.campaigns().get(campaign)?;
        let window: Option<i64> = self
            .conn
            .query_row("SELECT new_within_days FROM care_settings WHERE campaign_id = :c", named_params! { ":c": campaign }, |r| r.get(0))
            .optional()?;
        let Some(new_within_days) = window else { return Ok(sample()) };
        let mut stmt = self.conn.prepare_cached("SELECT name, day FROM care_holidays WHERE campaign_id = :c ORDER BY day, name")?;
        let holidays = stmt
            .query_map(named_params! { ":c": campaign }, |r| {
                Ok(Holiday { name: r.get("name")?, day: parse_date(&r.get::<_, String>("day")?)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached("SELECT holiday, text FROM care_templates WHERE campaign_id = :c ORDER BY holiday")?;
        let templates = stmt
            .query_map(named_params! { ":c": campaign }, |r| Ok(Template { holiday: r.get("holiday")?, text: r.get("text")? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(CareSettings { new_within_days, holidays, templates })
    }

    /// Replaces the window, holidays and templates after checking them all.
    pub fn set_settings(&self, campaign: CampaignId, settings: &CareSettings, by: &By) -> Result<CareSettings> {
        self.campaigns().get(campaign)?;
        let settings = settings.validate()?;
        self.in_transaction(|s| {
            s.conn.execute("DELETE FROM care_settings WHERE campaign_id = :c", named_params! { ":c": campaign })?;
            s.conn.execute(
                "INSERT INTO care_settings (campaign_id, new_within_days, updated_at) VALUES (:c, :w, :at)",
                named_params! { ":c": campaign, ":w": settings.new_within_days, ":at": stamp(by.at) },
            )?;
            for h in &settings.holidays {
                s.conn.execute(
                    "INSERT INTO care_holidays (campaign_id, name, day) VALUES (:c, :n, :d)",
                    named_params! { ":c": campaign, ":n": h.name, ":d": h.day.to_string() },
                )?;
            }
            for t in &settings.templates {
                s.conn.execute(
                    "INSERT INTO care_templates (campaign_id, holiday, text) VALUES (:c, :h, :t)",
                    named_params! { ":c": campaign, ":h": t.holiday, ":t": t.text },
                )?;
            }
            s.care().settings(campaign)
        })
    }

    /// Adds a line or, when the campaign has it already, updates its client, date and name.
    pub fn put_line(&self, campaign: CampaignId, line: &str, name: &str, client: ClientId, activated_on: NaiveDate) -> Result<()> {
        self.conn.execute(
            "INSERT INTO switchboard_lines (campaign_id, line, name, client_id, activated_on) VALUES (:c, :line, :name, :client, :on)
             ON CONFLICT (campaign_id, line) DO UPDATE SET name = excluded.name, client_id = excluded.client_id, activated_on = excluded.activated_on",
            named_params! { ":c": campaign, ":line": line, ":name": name, ":client": client, ":on": activated_on.to_string() },
        )?;
        Ok(())
    }

    /// A page of the campaign's lines, latest activated first.
    pub fn lines(&self, campaign: CampaignId, limit: i64, offset: i64) -> Result<Page<SwitchboardLine>> {
        self.campaigns().get(campaign)?;
        let total = self.conn.query_row(
            "SELECT count(*) FROM switchboard_lines WHERE campaign_id = :c",
            named_params! { ":c": campaign },
            |r| r.get(0),
        )?;
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{LINE} WHERE l.campaign_id = :c ORDER BY l.activated_on DESC, l.line LIMIT :limit OFFSET :offset"))?;
        let rows = stmt
            .query_map(
                named_params! { ":c": campaign, ":limit": if limit <= 0 { DEFAULT_PAGE } else { limit.min(MAX_PAGE) }, ":offset": offset.max(0) },
                line,
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Page { total, rows })
    }

    /// The greetings due for a holiday of a year: every line new on its day and not yet sent it.
    pub fn send_list(&self, campaign: CampaignId, holiday: &str, year: i32) -> Result<Vec<Greeting>> {
        let settings = self.settings(campaign)?;
        let Some(h) = settings.holiday(holiday, year).cloned() else {
            let known: Vec<String> = settings.holidays.iter().filter(|h| h.day.year() == year).map(|h| h.name.clone()).collect();
            return Err(Error::Validation(vec![FieldError::new("holiday", Problem::NotOneOf { allowed: known.join(", ") })]));
        };
        let template =
            settings.template(&h.name).cloned().ok_or_else(|| Error::Validation(vec![FieldError::new("templates", Problem::Required)]))?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "{LINE} WHERE l.campaign_id = :c AND l.activated_on <= :day
               AND NOT EXISTS (SELECT 1 FROM greetings_sent s WHERE s.line_id = l.id AND s.holiday = :holiday AND s.year = :year)
             ORDER BY c.code, l.line"
        ))?;
        let lines: Vec<SwitchboardLine> = stmt
            .query_map(named_params! { ":c": campaign, ":day": h.day.to_string(), ":holiday": h.name, ":year": year }, line)?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for l in lines.into_iter().filter(|l| is_new(l.activated_on, h.day, settings.new_within_days)) {
            let managers = if l.vip_manager.is_empty() { l.manager.clone() } else { format!("{}、{}", l.manager, l.vip_manager) };
            let fields = Fields { client: &l.client, manager: &managers, holiday: &h.name, line: &l.line };
            let text = render(&template.text, &fields)
                .map_err(|unknown| Error::Validation(vec![FieldError::new("templates.text", Problem::NotOneOf { allowed: unknown })]))?;
            out.push(Greeting { line_id: l.id, line: l.line, client_code: l.client_code, client: l.client, managers, text });
        }
        Ok(out)
    }

    /// Records the greetings as sent in one batch; returns the batch number.
    pub fn record_sent(&self, holiday: &str, year: i32, greetings: &[Greeting], by: &By) -> Result<i64> {
        self.in_transaction(|s| {
            let batch: i64 = s.conn.query_row("SELECT coalesce(max(batch), 0) + 1 FROM greetings_sent", [], |r| r.get(0))?;
            let mut insert = s.conn.prepare_cached(
                "INSERT INTO greetings_sent (line_id, holiday, year, batch, text, sent_at, sent_by) VALUES (:line, :h, :y, :b, :t, :at, :by)",
            )?;
            for g in greetings {
                insert.execute(named_params! {
                    ":line": g.line_id, ":h": holiday.trim(), ":y": year, ":b": batch, ":t": g.text, ":at": stamp(by.at), ":by": by.author,
                })?;
            }
            Ok(batch)
        })
    }

    /// Greetings sent, latest first (paged).
    pub fn sent(&self, campaign: CampaignId, limit: i64, offset: i64) -> Result<Page<SentGreeting>> {
        self.campaigns().get(campaign)?;
        let from = "FROM greetings_sent s JOIN switchboard_lines l ON l.id = s.line_id JOIN clients c ON c.id = l.client_id WHERE l.campaign_id = :c";
        let total = self.conn.query_row(&format!("SELECT count(*) {from}"), named_params! { ":c": campaign }, |r| r.get(0))?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT l.line, c.code, s.holiday, s.year, s.sent_at, s.sent_by, s.batch {from}
             ORDER BY s.sent_at DESC, s.batch DESC, l.line LIMIT :limit OFFSET :offset"
        ))?;
        let rows = stmt
            .query_map(
                named_params! { ":c": campaign, ":limit": if limit <= 0 { DEFAULT_PAGE } else { limit.min(MAX_PAGE) }, ":offset": offset.max(0) },
                |r| {
                    Ok(SentGreeting {
                        line: r.get("line")?,
                        client_code: r.get("code")?,
                        holiday: r.get("holiday")?,
                        year: r.get("year")?,
                        sent_at: r.get("sent_at")?,
                        sent_by: r.get("sent_by")?,
                        batch: r.get("batch")?,
                    })
                },
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Page { total, rows })
    }

    /// For each of `days`, greetings sent by its end (one team's clients when given): the
    /// "greetings sent" KPI.
    pub fn sent_by_day(&self, campaign: CampaignId, team: Option<TeamId>, days: &[NaiveDate]) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(s.sent_at, 1, 10) AS day, count(*) AS n
             FROM greetings_sent s JOIN switchboard_lines l ON l.id = s.line_id JOIN clients c ON c.id = l.client_id
             WHERE l.campaign_id = :c AND (:team IS NULL OR c.team_id = :team) GROUP BY 1",
        )?;
        let counts: Vec<(String, i64)> = stmt
            .query_map(named_params! { ":c": campaign, ":team": team }, |r| Ok((r.get("day")?, r.get("n")?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(days.iter().map(|d| counts.iter().filter(|(day, _)| *day <= d.to_string()).map(|(_, n)| n).sum()).collect())
    }
}

const LINE: &str = "SELECT l.id, l.line, l.name, l.client_id, c.code, c.name AS client, coalesce(am.name, '') AS manager,
        coalesce(vip.name, '') AS vip, l.activated_on
    FROM switchboard_lines l JOIN clients c ON c.id = l.client_id
    LEFT JOIN people am ON am.id = c.account_manager_id LEFT JOIN people vip ON vip.id = c.vip_manager_id";

fn line(r: &rusqlite::Row) -> rusqlite::Result<SwitchboardLine> {
    Ok(SwitchboardLine {
        id: r.get("id")?,
        line: r.get("line")?,
        name: r.get("name")?,
        client_id: ClientId(r.get("client_id")?),
        client_code: r.get("code")?,
        client: r.get("client")?,
        manager: r.get("manager")?,
        vip_manager: r.get("vip")?,
        activated_on: parse_date(&r.get::<_, String>("activated_on")?)?,
    })
}
