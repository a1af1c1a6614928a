//! The visit system (`domain/visit.rs`): the periods each tier's schedule cuts the campaign
//! into are written to a temporary table per query, and a period without a recorded visit in it
//! is due (overdue once its last day has passed); visits asked for on demand are due until a
//! visit of the client is recorded on or after the day they were asked.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{named_params, OptionalExtension};

use super::clients::{DEFAULT_PAGE, MAX_PAGE};
use super::{parse_date, stamp};
use crate::domain::ids::{CampaignId, ClientId, PersonId, TeamId};
use crate::domain::plan::By;
use crate::domain::visit::{overdue, schedule, DueVisit, Visit, VisitInput, VisitLoad, VisitRequest};
use crate::domain::warning::KeyPersonSource;
use crate::domain::{Page, Tier};
use crate::error::{Error, FieldError, Problem, Result};

/// Which due visits a list shows.
#[derive(Debug, Clone, Copy, Default)]
pub struct DueFilter {
    pub team: Option<TeamId>,
    /// The visits this person owns or, as the client's VIP account manager, is told of.
    pub person: Option<PersonId>,
    pub overdue_only: bool,
}

/// Every visit still wanted by `:today`: scheduled periods without a visit, requests not met.
const DUE: &str = "
    SELECT c.id AS client_id, p.from_day, p.due, NULL AS request_id, '' AS reason
    FROM campaign_targets t JOIN clients c ON c.id = t.client_id
    JOIN temp.visit_periods p ON p.tier = c.tier AND p.from_day <= :today
    WHERE t.campaign_id = :campaign
      AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.campaign_id = :campaign AND v.client_id = c.id
                      AND v.visited_on BETWEEN p.from_day AND p.due)
    UNION ALL
    SELECT r.client_id, r.asked_on, r.due, r.id, r.reason
    FROM visit_requests r
    WHERE r.campaign_id = :campaign AND r.asked_on <= :today
      AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.campaign_id = :campaign AND v.client_id = r.client_id
                      AND (v.request_id = r.id OR v.visited_on >= r.asked_on))";

/// The due visits `d` of clients `c` narrowed by the filter's parameters.
const FILTER: &str = "(:team IS NULL OR c.team_id = :team)
      AND (:person IS NULL OR c.account_manager_id = :person OR c.vip_manager_id = :person)
      AND (NOT :overdue_only OR d.due < :today)";

/// The due visits with their clients, for `FILTER`'s parameters; the caller orders and pages.
/// `due_visit` reads the columns by position, in this order.
fn due_rows() -> String {
    format!(
        "SELECT c.id, c.code, c.name, c.tier, c.team_id, coalesce(tm.name, '') AS team_name,
        coalesce(am.name, '') AS owner, coalesce(vip.name, '') AS vip, d.from_day, d.due, d.request_id, d.reason,
        (SELECT max(v.visited_on) FROM visits v WHERE v.campaign_id = :campaign AND v.client_id = c.id) AS last_visit
     FROM ({DUE}) d JOIN clients c ON c.id = d.client_id
     LEFT JOIN teams tm ON tm.id = c.team_id LEFT JOIN people am ON am.id = c.account_manager_id
     LEFT JOIN people vip ON vip.id = c.vip_manager_id
     WHERE {FILTER}"
    )
}

/// A row of `due_rows`, read by position: looking each column up by name was a tenth of a
/// million-row tracker's visits sheet.
fn due_visit(r: &rusqlite::Row<'_>, today: NaiveDate) -> rusqlite::Result<DueVisit> {
    let due = parse_date(&r.get::<_, String>(9)?)?;
    Ok(DueVisit {
        client_id: ClientId(r.get(0)?),
        client_code: r.get(1)?,
        client: r.get(2)?,
        tier: r.get::<_, Tier>(3)?.code().to_string(),
        team_id: r.get::<_, Option<i64>>(4)?.map(TeamId),
        team_name: r.get(5)?,
        owner: r.get(6)?,
        vip_manager: r.get(7)?,
        from: parse_date(&r.get::<_, String>(8)?)?,
        due,
        overdue: due < today,
        days_overdue: overdue(due, today),
        request_id: r.get(10)?,
        reason: r.get(11)?,
        last_visit: r.get::<_, Option<String>>(12)?.as_deref().map(parse_date).transpose()?,
    })
}

impl super::Visits<'_> {
    /// A page of the visits due on `today` (overdue first, by due day and client code).
    pub fn due(&self, campaign: CampaignId, today: NaiveDate, filter: DueFilter, limit: i64, offset: i64) -> Result<Page<DueVisit>> {
        self.periods(campaign)?;
        let base = named_params! {
            ":campaign": campaign, ":today": today.to_string(), ":team": filter.team,
            ":person": filter.person, ":overdue_only": filter.overdue_only,
        };
        let total = self.conn.query_row(
            &format!("SELECT count(*) FROM ({DUE}) d JOIN clients c ON c.id = d.client_id WHERE {FILTER}"),
            base,
            |r| r.get(0),
        )?;
        let mut stmt =
            self.conn.prepare_cached(&format!("{} ORDER BY d.due, c.code, d.request_id LIMIT :limit OFFSET :offset", due_rows()))?;
        let rows = stmt.query_map(
            named_params! {
                ":campaign": campaign, ":today": today.to_string(), ":team": filter.team,
                ":person": filter.person, ":overdue_only": filter.overdue_only,
                ":limit": if limit <= 0 { DEFAULT_PAGE } else { limit.min(MAX_PAGE) }, ":offset": offset.max(0),
            },
            |r| due_visit(r, today),
        )?;
        Ok(Page { total, rows: rows.collect::<rusqlite::Result<_>>()? })
    }

    /// Every visit due on `today` of the campaign or one team, in the order `due` lists them,
    /// streamed for the tracker's sheet.
    pub fn each_due(
        &self,
        campaign: CampaignId,
        today: NaiveDate,
        team: Option<TeamId>,
        f: &mut dyn FnMut(DueVisit) -> Result<()>,
    ) -> Result<()> {
        self.periods(campaign)?;
        let mut stmt = self.conn.prepare_cached(&format!("{} ORDER BY d.due, c.code, d.request_id", due_rows()))?;
        let params = named_params! {
            ":campaign": campaign, ":today": today.to_string(), ":team": team, ":person": None::<i64>, ":overdue_only": false,
        };
        let mut rows = stmt.query(params)?;
        while let Some(r) = rows.next()? {
            f(due_visit(r, today)?)?;
        }
        Ok(())
    }

    /// Due and overdue visits per account manager (`by_team` false) or per team, by name.
    pub fn load(&self, campaign: CampaignId, today: NaiveDate, by_team: bool) -> Result<Vec<VisitLoad>> {
        self.periods(campaign)?;
        let name = if by_team { "tm.name" } else { "am.name" };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT coalesce({name}, '') AS name, count(*) AS due, coalesce(sum(d.due < :today), 0) AS overdue
             FROM ({DUE}) d JOIN clients c ON c.id = d.client_id
             LEFT JOIN teams tm ON tm.id = c.team_id LEFT JOIN people am ON am.id = c.account_manager_id
             GROUP BY 1 ORDER BY 1 = '', 1"
        ))?;
        let rows = stmt.query_map(named_params! { ":campaign": campaign, ":today": today.to_string() }, |r| {
            Ok(VisitLoad { name: r.get("name")?, due: r.get("due")?, overdue: r.get("overdue")? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Scheduled visits due by each day of `days` and how many of them were made in their
    /// period by that day: (met, due) per day, for the "visits on time" KPI. Counted from the
    /// targets per tier and the visits themselves, never target by target and period by period,
    /// so a dashboard over a million targets stays quick.
    pub fn on_time(&self, campaign: CampaignId, team: Option<TeamId>, days: &[NaiveDate]) -> Result<Vec<(i64, i64)>> {
        let c = self.campaigns().get(campaign)?;
        let mut periods = HashMap::new();
        for tier in Tier::ALL {
            let every = self.service_standards().of(campaign, *tier)?.visit_every_months;
            periods.insert(*tier, schedule(c.start_date, c.end_date, u32::try_from(every).unwrap_or(0)));
        }
        let mut out = vec![(0, 0); days.len()];
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.tier, count(*) AS n FROM campaign_targets t JOIN clients c ON c.id = t.client_id
             WHERE t.campaign_id = :campaign AND (:team IS NULL OR c.team_id = :team) GROUP BY c.tier",
        )?;
        let mut rows = stmt.query(named_params! { ":campaign": campaign, ":team": team })?;
        while let Some(r) = rows.next()? {
            let (tier, n): (Tier, i64) = (r.get("tier")?, r.get("n")?);
            for (slot, day) in out.iter_mut().zip(days) {
                slot.1 += n * periods[&tier].iter().filter(|p| p.due <= *day).count() as i64;
            }
        }
        // The first visit in each period of each client, then counted where both the period's
        // due day and the visit are by the day.
        let mut first: HashMap<(i64, usize), (NaiveDate, NaiveDate)> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.client_id, c.tier, v.visited_on FROM visits v
             JOIN campaign_targets t ON t.campaign_id = v.campaign_id AND t.client_id = v.client_id
             JOIN clients c ON c.id = v.client_id
             WHERE v.campaign_id = :campaign AND (:team IS NULL OR c.team_id = :team)",
        )?;
        let mut rows = stmt.query(named_params! { ":campaign": campaign, ":team": team })?;
        while let Some(r) = rows.next()? {
            let (client, tier): (i64, Tier) = (r.get("client_id")?, r.get("tier")?);
            let on = parse_date(&r.get::<_, String>("visited_on")?)?;
            if let Some(index) = periods[&tier].iter().position(|p| p.from <= on && on <= p.due) {
                let due = periods[&tier][index].due;
                let slot = first.entry((client, index)).or_insert((on, due));
                slot.0 = slot.0.min(on);
            }
        }
        for (visited, due) in first.values() {
            for (slot, day) in out.iter_mut().zip(days) {
                if due <= day && visited <= day {
                    slot.0 += 1;
                }
            }
        }
        Ok(out)
    }

    /// Records a visit to a target, owned by its account manager, answering the on-demand
    /// visit its input names, if any.
    pub fn record(
        &self,
        campaign: CampaignId,
        client: ClientId,
        input: &VisitInput,
        today: NaiveDate,
        source: KeyPersonSource,
        by: &By,
    ) -> Result<Visit> {
        self.insert(campaign, client, input, today, (source, None), by)
    }

    /// Records a visit from a returned tracker's row, known by `row` (the export's token and the
    /// row's key) so applying the tracker again finds it.
    pub fn record_from_tracker(
        &self,
        campaign: CampaignId,
        client: ClientId,
        input: &VisitInput,
        today: NaiveDate,
        row: &str,
        by: &By,
    ) -> Result<Visit> {
        self.insert(campaign, client, input, today, (KeyPersonSource::Tracker, Some(row)), by)
    }

    /// The visit a tracker row recorded before, with what it said.
    pub fn from_tracker_row(&self, row: &str) -> Result<Option<(i64, VisitInput)>> {
        let found = self
            .conn
            .query_row(
                "SELECT id, visited_on, met, needs, competitors, next_steps, request_id FROM visits WHERE tracker_row = :row",
                named_params! { ":row": row },
                |r| {
                    let input = VisitInput {
                        visited_on: parse_date(&r.get::<_, String>("visited_on")?)?,
                        met: r.get("met")?,
                        needs: r.get("needs")?,
                        competitors: r.get("competitors")?,
                        next_steps: r.get("next_steps")?,
                        request: r.get("request_id")?,
                    };
                    Ok((r.get("id")?, input))
                },
            )
            .optional()?;
        Ok(found)
    }

    /// Corrects what a recorded visit says (a tracker row sent back changed), checked as a new one is.
    pub fn correct(&self, id: i64, input: &VisitInput, today: NaiveDate, by: &By) -> Result<Visit> {
        let campaign: CampaignId =
            self.conn.query_row("SELECT campaign_id FROM visits WHERE id = :id", named_params! { ":id": id }, |r| r.get(0))?;
        let c = self.campaigns().get(campaign)?;
        let input = input.validate(today, (c.start_date, c.end_date))?;
        self.conn.execute(
            "UPDATE visits SET visited_on = :day, met = :met, needs = :needs, competitors = :competitors, next_steps = :next,
                               recorded_at = :at, recorded_by = :by
             WHERE id = :id",
            named_params! {
                ":id": id, ":day": input.visited_on.to_string(), ":met": input.met, ":needs": input.needs,
                ":competitors": input.competitors, ":next": input.next_steps, ":at": stamp(by.at), ":by": by.author,
            },
        )?;
        self.get(id)
    }

    fn insert(
        &self,
        campaign: CampaignId,
        client: ClientId,
        input: &VisitInput,
        today: NaiveDate,
        (source, row): (KeyPersonSource, Option<&str>),
        by: &By,
    ) -> Result<Visit> {
        let c = self.campaigns().get(campaign)?;
        let input = input.validate(today, (c.start_date, c.end_date))?;
        self.in_transaction(|s| {
            s.visits().target(campaign, client)?;
            if let Some(id) = input.request {
                let owner: Option<i64> = s
                    .conn
                    .query_row(
                        "SELECT client_id FROM visit_requests WHERE id = :id AND campaign_id = :campaign",
                        named_params! { ":id": id, ":campaign": campaign },
                        |r| r.get(0),
                    )
                    .optional()?;
                if owner != Some(client.0) {
                    return Err(Error::Validation(vec![FieldError::new("request", Problem::UnknownReference)]));
                }
            }
            s.conn.execute(
                "INSERT INTO visits (campaign_id, client_id, visited_on, owner_id, met, needs, competitors, next_steps, request_id,
                                     source, tracker_row, recorded_at, recorded_by)
                 VALUES (:campaign, :client, :day, (SELECT account_manager_id FROM clients WHERE id = :client), :met, :needs,
                         :competitors, :next, :request, :source, :row, :at, :by)",
                named_params! {
                    ":campaign": campaign, ":client": client, ":day": input.visited_on.to_string(), ":met": input.met,
                    ":needs": input.needs, ":competitors": input.competitors, ":next": input.next_steps, ":request": input.request,
                    ":source": if source == KeyPersonSource::Tracker { "tracker" } else { "form" }, ":row": row,
                    ":at": stamp(by.at), ":by": by.author,
                },
            )?;
            let id = s.conn.last_insert_rowid();
            s.visits().get(id)
        })
    }

    /// Asks for a visit to a target outside its schedule, due on a day; returns its id.
    pub fn ask(&self, campaign: CampaignId, client: ClientId, request: &VisitRequest, today: NaiveDate, by: &By) -> Result<i64> {
        let c = self.campaigns().get(campaign)?;
        let request = request.validate((c.start_date, c.end_date))?;
        self.in_transaction(|s| {
            s.visits().target(campaign, client)?;
            s.conn.execute(
                "INSERT INTO visit_requests (campaign_id, client_id, asked_on, due, reason, created_at, created_by)
                 VALUES (:campaign, :client, :today, :due, :reason, :at, :by)",
                named_params! {
                    ":campaign": campaign, ":client": client, ":today": today.to_string(), ":due": request.due.to_string(),
                    ":reason": request.reason, ":at": stamp(by.at), ":by": by.author,
                },
            )?;
            Ok(s.conn.last_insert_rowid())
        })
    }

    /// Recorded visits, latest first, of the campaign or one client.
    pub fn list(&self, campaign: CampaignId, client: Option<ClientId>, limit: i64, offset: i64) -> Result<Page<Visit>> {
        self.campaigns().get(campaign)?;
        let filter = "WHERE v.campaign_id = :campaign AND (:client IS NULL OR v.client_id = :client)";
        let total = self.conn.query_row(
            &format!("SELECT count(*) FROM visits v {filter}"),
            named_params! { ":campaign": campaign, ":client": client },
            |r| r.get(0),
        )?;
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT v.id {VISIT} {filter} ORDER BY v.visited_on DESC, v.id DESC LIMIT :limit OFFSET :offset"))?;
        let rows = stmt.query_map(
            named_params! {
                ":campaign": campaign, ":client": client,
                ":limit": if limit <= 0 { DEFAULT_PAGE } else { limit.min(MAX_PAGE) }, ":offset": offset.max(0),
            },
            visit,
        )?;
        Ok(Page { total, rows: rows.collect::<rusqlite::Result<_>>()? })
    }

    pub fn get(&self, id: i64) -> Result<Visit> {
        Ok(self.conn.query_row(&format!("SELECT v.id {VISIT} WHERE v.id = :id"), named_params! { ":id": id }, visit)?)
    }

    /// Sets the VIP account manager who is told of the client's tasks beside its account manager.
    pub fn set_vip_manager(&self, client: ClientId, person: Option<PersonId>) -> Result<()> {
        self.clients().get(client)?;
        if let Some(person) = person {
            self.org().person(person)?;
        }
        self.conn.execute(
            "UPDATE clients SET vip_manager_id = :person WHERE id = :client",
            named_params! { ":client": client, ":person": person },
        )?;
        Ok(())
    }

    /// Refuses a client that is not one of the campaign's targets.
    fn target(&self, campaign: CampaignId, client: ClientId) -> Result<()> {
        self.clients().get(client)?;
        let found: Option<i64> = self
            .conn
            .query_row(
                "SELECT 1 FROM campaign_targets WHERE campaign_id = :campaign AND client_id = :client",
                named_params! { ":campaign": campaign, ":client": client },
                |r| r.get(0),
            )
            .optional()?;
        found.map(|_| ()).ok_or_else(|| Error::Validation(vec![FieldError::new("client", Problem::UnknownReference)]))
    }

    /// Writes the campaign's schedule per tier to `temp.visit_periods`.
    fn periods(&self, campaign: CampaignId) -> Result<()> {
        let c = self.campaigns().get(campaign)?;
        self.conn.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS visit_periods (tier TEXT NOT NULL, from_day TEXT NOT NULL, due TEXT NOT NULL);
             DELETE FROM temp.visit_periods;",
        )?;
        let mut insert = self.conn.prepare_cached("INSERT INTO temp.visit_periods (tier, from_day, due) VALUES (:tier, :from, :due)")?;
        for tier in Tier::ALL {
            let every = self.service_standards().of(campaign, *tier)?.visit_every_months;
            for p in schedule(c.start_date, c.end_date, u32::try_from(every).unwrap_or(0)) {
                insert.execute(named_params! { ":tier": tier.code(), ":from": p.from.to_string(), ":due": p.due.to_string() })?;
            }
        }
        Ok(())
    }
}

/// The columns of a recorded visit `v` after its id, with the tables they come from.
const VISIT: &str = ", v.client_id, c.code, c.name, coalesce(am.name, '') AS owner, v.visited_on, v.met, v.needs, v.competitors,
        v.next_steps, v.request_id, v.recorded_by, v.recorded_at
    FROM visits v JOIN clients c ON c.id = v.client_id LEFT JOIN people am ON am.id = v.owner_id";

fn visit(r: &rusqlite::Row) -> rusqlite::Result<Visit> {
    Ok(Visit {
        id: r.get("id")?,
        client_id: ClientId(r.get("client_id")?),
        client_code: r.get("code")?,
        client: r.get("name")?,
        owner: r.get("owner")?,
        visited_on: parse_date(&r.get::<_, String>("visited_on")?)?,
        met: r.get("met")?,
        needs: r.get("needs")?,
        competitors: r.get("competitors")?,
        next_steps: r.get("next_steps")?,
        request_id: r.get("request_id")?,
        recorded_by: r.get("recorded_by")?,
        recorded_at: r.get("recorded_at")?,
    })
}
