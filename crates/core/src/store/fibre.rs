//! The fibre preparation work list (`domain/fibre.rs`): the campaign's high-risk targets without
//! fibre to the premises, by the same rule as the dashboard's gap (read from the KPI tallies'
//! client groups), with where each one's preparation stands.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{named_params, OptionalExtension};

use super::clients::{DEFAULT_PAGE, MAX_PAGE};
use crate::domain::fibre::{FibreRow, FibreStatus, FibreTeamCount, FibreUpdate};
use crate::domain::ids::{CampaignId, ClientId, TeamId};
use crate::domain::plan::By;
use crate::domain::Page;
use crate::error::{Entity, Error, FieldError, Problem, Result};

/// The work list's clients `g`/`c` of the campaign bound as `:campaign`, with their preparation `f`.
const LIST: &str = "FROM kpi_client_groups g JOIN clients c ON c.id = g.client_id
     LEFT JOIN teams t ON t.id = c.team_id LEFT JOIN people p ON p.id = c.account_manager_id
     LEFT JOIN fibre_preparations f ON f.campaign_id = g.campaign_id AND f.client_id = g.client_id
     WHERE g.campaign_id = :campaign AND g.target AND g.risky AND NOT g.fibre";

/// A row's status as stored, 待勘察 when never touched.
const STATUS: &str = "coalesce(f.status, 'to_survey')";

const COLUMNS: &str = "SELECT c.id, c.code, c.name, c.team_id, coalesce(t.name, '') AS team_name, coalesce(p.name, '') AS manager,
        coalesce(f.status, 'to_survey') AS status, coalesce(f.reason, '') AS reason, f.surveyed_on, f.scheduled_on, f.done_on,
        f.updated_by, f.updated_at";

const ORDER: &str = "ORDER BY c.team_id IS NULL, team_name, c.code";

impl super::Fibre<'_> {
    /// A page of the work list, by team and client code, narrowed to a team and a status.
    pub fn list(
        &self,
        campaign: CampaignId,
        team: Option<TeamId>,
        status: Option<FibreStatus>,
        limit: i64,
        offset: i64,
    ) -> Result<Page<FibreRow>> {
        self.campaigns().get(campaign)?;
        self.kpis().refresh(campaign, &["targets"])?;
        let filter = "AND (:team IS NULL OR c.team_id = :team) AND (:status IS NULL OR coalesce(f.status, 'to_survey') = :status)";
        let params = named_params! { ":campaign": campaign, ":team": team, ":status": status.map(FibreStatus::code) };
        let total = self.conn.query_row(&format!("SELECT count(*) {LIST} {filter}"), params, |r| r.get(0))?;
        let mut stmt = self.conn.prepare_cached(&format!("{COLUMNS} {LIST} {filter} {ORDER} LIMIT :limit OFFSET :offset"))?;
        let rows = stmt
            .query_map(
                named_params! {
                    ":campaign": campaign, ":team": team, ":status": status.map(FibreStatus::code),
                    ":limit": if limit <= 0 { DEFAULT_PAGE } else { limit.min(MAX_PAGE) }, ":offset": offset.max(0),
                },
                row,
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Page { total, rows })
    }

    /// The whole work list of the campaign or one team, in the list's order, for the tracker.
    pub fn each(&self, campaign: CampaignId, team: Option<TeamId>, f: &mut dyn FnMut(FibreRow) -> Result<()>) -> Result<()> {
        self.campaigns().get(campaign)?;
        self.kpis().refresh(campaign, &["targets"])?;
        let mut stmt = self.conn.prepare_cached(&format!("{COLUMNS} {LIST} AND (:team IS NULL OR c.team_id = :team) {ORDER}"))?;
        let mut rows = stmt.query(named_params! { ":campaign": campaign, ":team": team })?;
        while let Some(r) = rows.next()? {
            f(row(r)?)?;
        }
        Ok(())
    }

    /// The work list's size per team and status, teams by name.
    pub fn counts(&self, campaign: CampaignId) -> Result<Vec<FibreTeamCount>> {
        self.campaigns().get(campaign)?;
        self.kpis().refresh(campaign, &["targets"])?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT c.team_id, coalesce(t.name, '') AS team_name, {STATUS} AS status, count(*) AS n {LIST}
             GROUP BY 1, 2, 3 ORDER BY c.team_id IS NULL, team_name"
        ))?;
        let mut teams: Vec<FibreTeamCount> = Vec::new();
        let mut index: HashMap<Option<i64>, usize> = HashMap::new();
        let mut rows = stmt.query(named_params! { ":campaign": campaign })?;
        while let Some(r) = rows.next()? {
            let team: Option<i64> = r.get("team_id")?;
            let status = FibreStatus::parse(&r.get::<_, String>("status")?).unwrap_or(FibreStatus::ToSurvey);
            let slot = *index.entry(team).or_insert_with(|| {
                teams.push(FibreTeamCount {
                    team_id: team.map(TeamId),
                    team_name: r.get("team_name").unwrap_or_default(),
                    by_status: FibreStatus::ALL.iter().map(|s| (*s, 0)).collect(),
                });
                teams.len() - 1
            });
            if let Some(count) = teams.get_mut(slot).and_then(|t| t.by_status.iter_mut().find(|(s, _)| *s == status)) {
                count.1 += r.get::<_, i64>("n")?;
            }
        }
        Ok(teams)
    }

    /// For each of `days`, (prepared, all): the high-risk targets that lacked fibre (on the list
    /// now, or on it until their fibre came) whose preparation was done by that day, of all of
    /// them; one team's clients when given. The "fibre prepared" KPI.
    pub fn prepared(&self, campaign: CampaignId, team: Option<TeamId>, days: &[NaiveDate]) -> Result<Vec<(i64, i64)>> {
        self.campaigns().get(campaign)?;
        self.kpis().refresh(campaign, &["targets"])?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT CASE WHEN f.status = 'done' THEN f.done_on END AS done_on, count(*) AS n
             FROM kpi_client_groups g JOIN clients c ON c.id = g.client_id
             LEFT JOIN fibre_preparations f ON f.campaign_id = g.campaign_id AND f.client_id = g.client_id
             WHERE g.campaign_id = :campaign AND g.target AND g.risky AND (NOT g.fibre OR f.client_id IS NOT NULL)
               AND (:team IS NULL OR c.team_id = :team)
             GROUP BY 1",
        )?;
        let mut out = vec![(0, 0); days.len()];
        let mut rows = stmt.query(named_params! { ":campaign": campaign, ":team": team })?;
        while let Some(r) = rows.next()? {
            let done_on = r.get::<_, Option<String>>("done_on")?.as_deref().map(super::parse_date).transpose()?;
            let n: i64 = r.get("n")?;
            for (slot, day) in out.iter_mut().zip(days) {
                slot.1 += n;
                if done_on.is_some_and(|d| d <= *day) {
                    slot.0 += n;
                }
            }
        }
        Ok(out)
    }

    /// Moves one client's preparation, checked against `today`; the client must be on the list.
    pub fn set(&self, campaign: CampaignId, client: ClientId, update: &FibreUpdate, today: NaiveDate, by: &By) -> Result<FibreRow> {
        let update = update.validate(today)?;
        self.in_transaction(|s| {
            let before = s.fibre().get(campaign, client)?;
            s.conn.execute(
                "INSERT INTO fibre_preparations (campaign_id, client_id, status, reason, surveyed_on, scheduled_on, done_on, updated_at, updated_by)
                 VALUES (:campaign, :client, :status, :reason, :surveyed, :scheduled, :done, :at, :by)
                 ON CONFLICT (campaign_id, client_id) DO UPDATE SET status = excluded.status, reason = excluded.reason,
                     surveyed_on = excluded.surveyed_on, scheduled_on = excluded.scheduled_on, done_on = excluded.done_on,
                     updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                named_params! {
                    ":campaign": campaign, ":client": client, ":status": update.status.code(), ":reason": update.reason,
                    ":surveyed": update.surveyed_on.map(|d| d.to_string()), ":scheduled": update.scheduled_on.map(|d| d.to_string()),
                    ":done": update.done_on.map(|d| d.to_string()), ":at": super::stamp(by.at), ":by": by.author,
                },
            )?;
            s.conn.execute(
                "INSERT INTO fibre_preparation_log (campaign_id, client_id, at, author, from_status, to_status, reason)
                 VALUES (:campaign, :client, :at, :by, :from, :to, :reason)",
                named_params! {
                    ":campaign": campaign, ":client": client, ":at": super::stamp(by.at), ":by": by.author,
                    ":from": before.status.code(), ":to": update.status.code(), ":reason": update.reason,
                },
            )?;
            s.fibre().get(campaign, client)
        })
    }

    /// One client of the work list; not found when it is no high-risk target without fibre.
    pub fn get(&self, campaign: CampaignId, client: ClientId) -> Result<FibreRow> {
        self.campaigns().get(campaign)?;
        self.kpis().refresh(campaign, &["targets"])?;
        let found = self
            .conn
            .query_row(&format!("{COLUMNS} {LIST} AND c.id = :client"), named_params! { ":campaign": campaign, ":client": client }, row)
            .optional()?;
        // A client that exists but is no high-risk target without fibre is a wrong reference.
        found.ok_or_else(|| match self.clients().get(client) {
            Ok(_) => Error::Validation(vec![FieldError::new("client", Problem::UnknownReference)]),
            Err(_) => Error::NotFound { entity: Entity::Client, key: client.0.to_string() },
        })
    }
}

fn row(r: &rusqlite::Row) -> rusqlite::Result<FibreRow> {
    let day = |name: &str| -> rusqlite::Result<Option<NaiveDate>> {
        r.get::<_, Option<String>>(name)?.as_deref().map(super::parse_date).transpose()
    };
    Ok(FibreRow {
        client_id: ClientId(r.get("id")?),
        code: r.get("code")?,
        name: r.get("name")?,
        team_id: r.get::<_, Option<i64>>("team_id")?.map(TeamId),
        team_name: r.get("team_name")?,
        account_manager: r.get("manager")?,
        status: FibreStatus::parse(&r.get::<_, String>("status")?).unwrap_or(FibreStatus::ToSurvey),
        reason: r.get("reason")?,
        surveyed_on: day("surveyed_on")?,
        scheduled_on: day("scheduled_on")?,
        done_on: day("done_on")?,
        updated_by: r.get("updated_by")?,
        updated_at: r.get("updated_at")?,
    })
}
