//! The green channel's records (`domain/green_channel.rs`): the campaign's service calendar,
//! requests with the deadlines computed at receipt from the client's tier and the calendar,
//! their status moves (logged), and lists and on-time rates judged at a moment passed in.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{named_params, OptionalExtension};

use super::clients::{DEFAULT_PAGE, MAX_PAGE};
use super::stamp;
use crate::domain::green_channel::{
    breached, sample_calendar, CalendarDay, DayHours, GreenRequest, OnTimeRate, RequestInput, RequestKind, RequestStatus, RequestStep,
    ServiceCalendar,
};
use crate::domain::ids::{CampaignId, ClientId, TeamId};
use crate::domain::kpi::percent;
use crate::domain::plan::By;
use crate::domain::{Page, Tier};
use crate::error::{Error, FieldError, Problem, Result};

const MOMENT: &str = "%Y-%m-%d %H:%M:%S";

/// Which requests a list shows.
#[derive(Debug, Clone, Copy, Default, serde::Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct RequestFilter {
    pub team_id: Option<TeamId>,
    pub tier: Option<Tier>,
    pub kind: Option<RequestKind>,
    pub open_only: bool,
    pub breached_only: bool,
}

fn moment(at: NaiveDateTime) -> String {
    at.format(MOMENT).to_string()
}

fn parse_moment(text: &str) -> rusqlite::Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, MOMENT)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

impl super::GreenChannel<'_> {
    /// The campaign's service calendar; the sample's until the planner saves one.
    pub fn calendar(&self, campaign: CampaignId) -> Result<ServiceCalendar> {
        self.campaigns().get(campaign)?;
        let saved: Option<i64> = self
            .conn
            .query_row("SELECT 1 FROM service_calendars WHERE campaign_id = :c", named_params! { ":c": campaign }, |r| r.get(0))
            .optional()?;
        if saved.is_none() {
            return Ok(sample_calendar());
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT weekday, start_minute, end_minute FROM service_hours WHERE campaign_id = :c ORDER BY weekday")?;
        let hours = stmt
            .query_map(named_params! { ":c": campaign }, |r| {
                Ok(DayHours { weekday: r.get("weekday")?, start_minute: r.get("start_minute")?, end_minute: r.get("end_minute")? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached("SELECT day, working, name FROM service_days WHERE campaign_id = :c ORDER BY day")?;
        let days = stmt
            .query_map(named_params! { ":c": campaign }, |r| {
                Ok(CalendarDay { day: super::parse_date(&r.get::<_, String>("day")?)?, working: r.get("working")?, name: r.get("name")? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ServiceCalendar { hours, days })
    }

    /// Replaces the campaign's calendar after checking it. Deadlines already promised stay.
    pub fn set_calendar(&self, campaign: CampaignId, calendar: &ServiceCalendar, by: &By) -> Result<ServiceCalendar> {
        self.campaigns().get(campaign)?;
        calendar.validate()?;
        self.in_transaction(|s| {
            s.conn.execute("DELETE FROM service_calendars WHERE campaign_id = :c", named_params! { ":c": campaign })?;
            s.conn.execute(
                "INSERT INTO service_calendars (campaign_id, updated_at) VALUES (:c, :at)",
                named_params! { ":c": campaign, ":at": stamp(by.at) },
            )?;
            for h in &calendar.hours {
                s.conn.execute(
                    "INSERT INTO service_hours (campaign_id, weekday, start_minute, end_minute) VALUES (:c, :w, :s, :e)",
                    named_params! { ":c": campaign, ":w": h.weekday, ":s": h.start_minute, ":e": h.end_minute },
                )?;
            }
            for d in &calendar.days {
                s.conn.execute(
                    "INSERT INTO service_days (campaign_id, day, working, name) VALUES (:c, :d, :w, :n)",
                    named_params! { ":c": campaign, ":d": d.day.to_string(), ":w": d.working, ":n": d.name.trim() },
                )?;
            }
            s.green_channel().calendar(campaign)
        })
    }

    /// Receives a request from one of the campaign's targets: its deadlines come from the
    /// client's tier (star service standards) counted on the campaign's calendar, fixed now.
    pub fn add(&self, campaign: CampaignId, client: ClientId, input: &RequestInput, now: NaiveDateTime, by: &By) -> Result<GreenRequest> {
        let input = input.validate(now)?;
        self.in_transaction(|s| {
            let tier = s.green_channel().target_tier(campaign, client)?;
            let standard = s.service_standards().of(campaign, tier)?;
            let calendar = s.green_channel().calendar(campaign)?;
            let response_due = calendar.deadline(input.received_at, standard.response_hours)?;
            let resolution_due = calendar.deadline(input.received_at, standard.resolution_hours)?;
            s.conn.execute(
                "INSERT INTO green_requests (campaign_id, client_id, kind, description, received_at, response_due, resolution_due,
                                             owner_id, status, created_at, created_by)
                 VALUES (:campaign, :client, :kind, :description, :received, :response_due, :resolution_due,
                         (SELECT account_manager_id FROM clients WHERE id = :client), 'open', :at, :by)",
                named_params! {
                    ":campaign": campaign, ":client": client, ":kind": input.kind.code(), ":description": input.description,
                    ":received": moment(input.received_at), ":response_due": moment(response_due),
                    ":resolution_due": moment(resolution_due), ":at": stamp(by.at), ":by": by.author,
                },
            )?;
            let id = s.conn.last_insert_rowid();
            s.green_channel().get(campaign, id, now)
        })
    }

    /// Moves a request: answered (处理中) or resolved at a moment, or reopened from resolved.
    pub fn step(&self, campaign: CampaignId, id: i64, step: &RequestStep, now: NaiveDateTime, by: &By) -> Result<GreenRequest> {
        self.in_transaction(|s| {
            let before = s.green_channel().get(campaign, id, now)?;
            let step = step.validate(before.received_at, now)?;
            let allowed = matches!(
                (before.status, step.status),
                (RequestStatus::Open, RequestStatus::InProgress | RequestStatus::Resolved)
                    | (RequestStatus::InProgress, RequestStatus::Resolved)
                    | (RequestStatus::Resolved, RequestStatus::InProgress)
            );
            if !allowed {
                let allowed = match before.status {
                    RequestStatus::Open => "in_progress, resolved",
                    RequestStatus::InProgress => "resolved",
                    RequestStatus::Resolved => "in_progress",
                };
                return Err(Error::Validation(vec![FieldError::new("status", Problem::NotOneOf { allowed: allowed.into() })]));
            }
            let at = moment(step.at);
            match step.status {
                // Reopened: the resolution is taken back; the first answer stays.
                RequestStatus::InProgress => s.conn.execute(
                    "UPDATE green_requests SET status = 'in_progress', responded_at = coalesce(responded_at, :at),
                            resolved_at = NULL, resolution = '' WHERE id = :id",
                    named_params! { ":id": id, ":at": at },
                )?,
                RequestStatus::Resolved => s.conn.execute(
                    "UPDATE green_requests SET status = 'resolved', responded_at = coalesce(responded_at, :at), resolved_at = :at,
                            resolution = :resolution WHERE id = :id",
                    named_params! { ":id": id, ":at": at, ":resolution": step.resolution },
                )?,
                RequestStatus::Open => 0,
            };
            s.conn.execute(
                "INSERT INTO green_request_log (request_id, at, author, from_status, to_status, note) VALUES (:id, :at, :by, :from, :to, :note)",
                named_params! {
                    ":id": id, ":at": stamp(by.at), ":by": by.author, ":from": before.status.code(), ":to": step.status.code(),
                    ":note": step.resolution,
                },
            )?;
            s.green_channel().get(campaign, id, now)
        })
    }

    pub fn get(&self, campaign: CampaignId, id: i64, now: NaiveDateTime) -> Result<GreenRequest> {
        let found = self
            .conn
            .query_row(
                &format!("{SELECT} WHERE g.campaign_id = :campaign AND g.id = :id"),
                named_params! { ":campaign": campaign, ":id": id },
                |r| request(r, now),
            )
            .optional()?;
        found.ok_or_else(|| Error::Validation(vec![FieldError::new("request", Problem::UnknownReference)]))
    }

    /// A page of the campaign's requests as of `now`: open ones first by the time left to
    /// their resolution deadline, then resolved ones, latest received first.
    pub fn list(
        &self,
        campaign: CampaignId,
        filter: RequestFilter,
        now: NaiveDateTime,
        limit: i64,
        offset: i64,
    ) -> Result<Page<GreenRequest>> {
        let mut rows: Vec<GreenRequest> = self
            .all(campaign, filter.team_id, now)?
            .into_iter()
            .filter(|r| filter.tier.is_none_or(|t| r.tier == t.code()))
            .filter(|r| filter.kind.is_none_or(|k| r.kind == k))
            .filter(|r| !filter.open_only || r.status != RequestStatus::Resolved)
            .filter(|r| !filter.breached_only || r.breached)
            .collect();
        rows.sort_by(|a, b| {
            let open = |r: &GreenRequest| r.status == RequestStatus::Resolved;
            open(a).cmp(&open(b)).then_with(|| {
                if a.status == RequestStatus::Resolved {
                    b.received_at.cmp(&a.received_at)
                } else {
                    a.resolution_due.cmp(&b.resolution_due)
                }
            })
        });
        let total = rows.len() as i64;
        let limit = if limit <= 0 { DEFAULT_PAGE } else { limit.min(MAX_PAGE) };
        let rows = rows.into_iter().skip(offset.max(0) as usize).take(limit as usize).collect();
        Ok(Page { total, rows })
    }

    /// On-time figures as of `now` per team (`by_team`) or per service tier, in name order.
    pub fn rates(&self, campaign: CampaignId, now: NaiveDateTime, by_team: bool) -> Result<Vec<OnTimeRate>> {
        let mut out: Vec<OnTimeRate> = Vec::new();
        for r in self.all(campaign, None, now)? {
            let name = if by_team { r.team_name.clone() } else { r.tier.clone() };
            let slot = match out.iter().position(|o| o.name == name) {
                Some(i) => i,
                None => {
                    out.push(OnTimeRate { name, resolved: 0, on_time: 0, open_overdue: 0, breached: 0, rate: None });
                    out.len() - 1
                }
            };
            let o = &mut out[slot];
            match r.resolved_at {
                Some(at) => {
                    o.resolved += 1;
                    o.on_time += i64::from(at <= r.resolution_due);
                }
                None => o.open_overdue += i64::from(now > r.resolution_due),
            }
            o.breached += i64::from(r.breached);
        }
        for o in &mut out {
            o.rate = percent(o.on_time, o.resolved);
        }
        out.sort_by(|a, b| a.name.is_empty().cmp(&b.name.is_empty()).then_with(|| a.name.cmp(&b.name)));
        Ok(out)
    }

    /// For each of `days`, (resolved on time, resolved) by the end of that day: the SLA on-time KPI.
    pub fn on_time(&self, campaign: CampaignId, team: Option<TeamId>, days: &[NaiveDate]) -> Result<Vec<(i64, i64)>> {
        let far = days.iter().max().and_then(|d| d.succ_opt()).unwrap_or(NaiveDate::MAX).and_time(chrono::NaiveTime::MIN);
        let all = self.all(campaign, team, far)?;
        Ok(days
            .iter()
            .map(|day| {
                let end = day.succ_opt().unwrap_or(*day).and_time(chrono::NaiveTime::MIN);
                let resolved: Vec<_> =
                    all.iter().filter_map(|r| r.resolved_at.filter(|at| *at < end).map(|at| (at, r.resolution_due))).collect();
                (resolved.iter().filter(|(at, due)| at <= due).count() as i64, resolved.len() as i64)
            })
            .collect())
    }

    /// Every request of the campaign (of one team's clients), judged at `now`.
    fn all(&self, campaign: CampaignId, team: Option<TeamId>, now: NaiveDateTime) -> Result<Vec<GreenRequest>> {
        self.campaigns().get(campaign)?;
        let mut stmt =
            self.conn.prepare_cached(&format!("{SELECT} WHERE g.campaign_id = :campaign AND (:team IS NULL OR c.team_id = :team)"))?;
        let rows = stmt.query_map(named_params! { ":campaign": campaign, ":team": team }, |r| request(r, now))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The client's tier, refusing a client that is not one of the campaign's targets.
    fn target_tier(&self, campaign: CampaignId, client: ClientId) -> Result<Tier> {
        self.clients().get(client)?;
        let tier: Option<Tier> = self
            .conn
            .query_row(
                "SELECT c.tier FROM campaign_targets t JOIN clients c ON c.id = t.client_id WHERE t.campaign_id = :campaign AND t.client_id = :client",
                named_params! { ":campaign": campaign, ":client": client },
                |r| r.get(0),
            )
            .optional()?;
        tier.ok_or_else(|| Error::Validation(vec![FieldError::new("client", Problem::UnknownReference)]))
    }
}

const SELECT: &str = "SELECT g.id, g.client_id, c.code, c.name, c.tier, c.team_id, coalesce(t.name, '') AS team_name,
        coalesce(am.name, '') AS owner, coalesce(vip.name, '') AS vip, g.kind, g.description, g.received_at, g.response_due,
        g.resolution_due, g.responded_at, g.resolved_at, g.status, g.resolution
    FROM green_requests g JOIN clients c ON c.id = g.client_id LEFT JOIN teams t ON t.id = c.team_id
    LEFT JOIN people am ON am.id = g.owner_id LEFT JOIN people vip ON vip.id = c.vip_manager_id";

fn request(r: &rusqlite::Row, now: NaiveDateTime) -> rusqlite::Result<GreenRequest> {
    let opt = |name: &str| -> rusqlite::Result<Option<NaiveDateTime>> {
        r.get::<_, Option<String>>(name)?.as_deref().map(parse_moment).transpose()
    };
    let unknown = |column: &'static str, code: String| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(super::codes::UnknownCode { column, code }))
    };
    let kind: String = r.get("kind")?;
    let status: String = r.get("status")?;
    let (response_due, resolution_due) =
        (parse_moment(&r.get::<_, String>("response_due")?)?, parse_moment(&r.get::<_, String>("resolution_due")?)?);
    let (responded_at, resolved_at) = (opt("responded_at")?, opt("resolved_at")?);
    Ok(GreenRequest {
        id: r.get("id")?,
        client_id: ClientId(r.get("client_id")?),
        client_code: r.get("code")?,
        client: r.get("name")?,
        tier: r.get::<_, Tier>("tier")?.code().to_string(),
        team_id: r.get::<_, Option<i64>>("team_id")?.map(TeamId),
        team_name: r.get("team_name")?,
        owner: r.get("owner")?,
        vip_manager: r.get("vip")?,
        kind: RequestKind::from_code(&kind).ok_or_else(|| unknown("green_requests.kind", kind.clone()))?,
        description: r.get("description")?,
        received_at: parse_moment(&r.get::<_, String>("received_at")?)?,
        response_due,
        resolution_due,
        responded_at,
        resolved_at,
        status: RequestStatus::from_code(&status).ok_or_else(|| unknown("green_requests.status", status.clone()))?,
        resolution: r.get("resolution")?,
        minutes_left: resolved_at.is_none().then(|| (resolution_due - now).num_minutes()),
        breached: breached((response_due, resolution_due), responded_at, resolved_at, now),
    })
}
