//! What team mode serves, behind one interface over both stores: the team server's PostgreSQL
//! store, and the SQLite file of one planner (who holds every role in it, so `who` limits
//! nothing there). The stories of these operations are written once and run on both
//! (crates/server/tests/both_stores.rs). Rows carry a version on both: a change made from a
//! copy read before someone else's is refused with the row as it is now.

use chrono::NaiveDate;
use rusqlite::{named_params, OptionalExtension};

use super::Store;
use crate::domain::access::Account;
use crate::domain::client::ClientRow;
use crate::domain::ids::{CampaignId, ClientId};
use crate::domain::ids::{PlanItemId, WarningId};
use crate::domain::plan::{By, PlanItem, StatusChange};
use crate::domain::team::{ItemFilter, TeamCampaign, TeamClient, TeamClientDetail, TeamKeyPerson, TeamPage, TeamPlanItem, TeamWarning};
use crate::domain::warning::{age_days, WarningStatus};
use crate::domain::{ClientQuery, ClientSort};
use crate::error::{Entity, TeamError};
use crate::Money;

pub type TeamResult<T> = std::result::Result<T, TeamError>;

/// The most rows one call returns; a caller pages for more.
pub const MAX_PAGE: i64 = 1_000;

pub(crate) fn page_limit(limit: i64) -> i64 {
    limit.clamp(1, MAX_PAGE)
}

pub trait TeamView {
    /// Every campaign, newest first.
    fn campaigns(&self, who: &Account) -> TeamResult<Vec<TeamCampaign>>;
    /// A campaign's clients the caller may see, by code, a page at a time; `text` (when not
    /// blank) keeps those whose code or name holds it.
    fn client_page(&self, who: &Account, campaign: i64, text: &str, offset: i64, limit: i64) -> TeamResult<TeamPage<TeamClient>>;
    /// One client with its key persons, their phones masked for whom the client is not theirs.
    fn client_detail(&self, who: &Account, id: i64) -> TeamResult<TeamClientDetail>;
    /// A campaign's plan items the caller may see, by client code, a page at a time.
    fn plan_items(&self, who: &Account, campaign: i64, filter: &ItemFilter, today: NaiveDate) -> TeamResult<TeamPage<TeamPlanItem>>;
    fn plan_item(&self, who: &Account, id: i64, today: NaiveDate) -> TeamResult<TeamPlanItem>;
    /// Moves an item's status if it is still at `version`; otherwise refuses with the item as
    /// it is now (`TeamError::Stale`).
    fn set_item_status(&self, who: &Account, id: i64, version: i64, change: &StatusChange, today: NaiveDate) -> TeamResult<TeamPlanItem>;
    /// A campaign's warnings the caller may see, open ones first, oldest first.
    fn warnings(
        &self,
        who: &Account,
        campaign: i64,
        open_only: bool,
        offset: i64,
        limit: i64,
        today: NaiveDate,
    ) -> TeamResult<TeamPage<TeamWarning>>;
    fn warning(&self, who: &Account, id: i64, today: NaiveDate) -> TeamResult<TeamWarning>;
    /// Moves a warning along its workflow on `on` if it is still at `version`.
    fn set_warning_status(
        &self,
        who: &Account,
        id: i64,
        version: i64,
        to: WarningStatus,
        note: &str,
        on: NaiveDate,
    ) -> TeamResult<TeamWarning>;
}

const ITEM_SQL: &str = "SELECT i.id, p.client_id, c.code, c.name, coalesce(t.name, '') AS district, i.kind, i.title, i.owner_id,
        o.name AS owner, i.due_date, i.status, i.done_on, i.blocked_reason, i.note, i.version
    FROM plan_items i JOIN plans p ON p.id = i.plan_id JOIN clients c ON c.id = p.client_id
    LEFT JOIN teams t ON t.id = c.team_id LEFT JOIN people o ON o.id = i.owner_id";
const ITEM_LIVE: &str = "i.deleted_at IS NULL AND p.deleted_at IS NULL";

fn item(r: &rusqlite::Row<'_>, today: NaiveDate) -> rusqlite::Result<TeamPlanItem> {
    let day = |s: String| super::parse_date(&s);
    let due = day(r.get("due_date")?)?;
    let status = r.get("status")?;
    Ok(TeamPlanItem {
        id: r.get("id")?,
        client_id: r.get("client_id")?,
        client_code: r.get("code")?,
        client: r.get("name")?,
        district: r.get("district")?,
        kind: r.get("kind")?,
        title: r.get("title")?,
        owner_id: r.get("owner_id")?,
        owner: r.get("owner")?,
        due,
        status,
        done_on: r.get::<_, Option<String>>("done_on")?.map(day).transpose()?,
        blocked_reason: r.get("blocked_reason")?,
        note: r.get("note")?,
        late: PlanItem::is_late(status, due, today),
        version: r.get("version")?,
    })
}

const WARNING_SQL: &str = "SELECT w.id, c.id AS client_id, c.code, c.name, coalesce(t.name, '') AS district, o.name AS manager,
        k.number AS contract, w.reason, w.period, w.was_tariff_fen, w.tariff_fen, w.raised_on, w.status, w.contacted_on,
        w.closed_on, w.note, w.version
    FROM warnings w JOIN contracts k ON k.id = w.contract_id JOIN clients c ON c.id = k.client_id
    LEFT JOIN teams t ON t.id = c.team_id LEFT JOIN people o ON o.id = w.owner_id";
const OPEN: &str = "w.status IN ('to_contact', 'contacted')";

fn warning(r: &rusqlite::Row<'_>, today: NaiveDate) -> rusqlite::Result<TeamWarning> {
    let day = |s: Option<String>| s.as_deref().map(super::parse_date).transpose();
    let raised_on = super::parse_date(&r.get::<_, String>("raised_on")?)?;
    let closed_on = day(r.get("closed_on")?)?;
    let status: WarningStatus = r.get("status")?;
    Ok(TeamWarning {
        id: r.get("id")?,
        client_id: r.get("client_id")?,
        client_code: r.get("code")?,
        client: r.get("name")?,
        district: r.get("district")?,
        // The warning's owner: the account manager it was raised for, or whom it went to since.
        manager: r.get("manager")?,
        contract: r.get("contract")?,
        reason: r.get("reason")?,
        period: r.get("period")?,
        before: Money::from_fen(r.get("was_tariff_fen")?),
        after: Money::from_fen(r.get("tariff_fen")?),
        raised_on,
        status,
        contacted_on: day(r.get("contacted_on")?)?,
        closed_on,
        note: r.get("note")?,
        age_days: age_days(raised_on, closed_on, today),
        next_statuses: status.next().to_vec(),
        version: r.get("version")?,
    })
}

fn current(value: &impl serde::Serialize) -> TeamResult<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| TeamError::Database(e.to_string()))
}

impl TeamView for Store {
    fn campaigns(&self, _who: &Account) -> TeamResult<Vec<TeamCampaign>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT id, name, start_date, end_date FROM campaigns ORDER BY start_date DESC, id DESC")?;
        let rows = stmt.query_map([], |r| {
            let day = |s: String| super::parse_date(&s);
            Ok(TeamCampaign { id: r.get(0)?, name: r.get(1)?, starts_on: day(r.get(2)?)?, ends_on: day(r.get(3)?)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>().map_err(crate::Error::from)?)
    }

    fn client_page(&self, _who: &Account, campaign: i64, text: &str, offset: i64, limit: i64) -> TeamResult<TeamPage<TeamClient>> {
        let text = text.trim();
        let offset = offset.max(0);
        let query = ClientQuery {
            campaign_id: Some(CampaignId(campaign)),
            search: (!text.is_empty()).then(|| text.to_string()),
            sort: ClientSort::Code,
            offset,
            limit: page_limit(limit),
            ..ClientQuery::default()
        };
        let page = match self.clients().page(&query) {
            Err(crate::Error::NotFound { .. }) => return Ok(TeamPage { total: 0, offset, rows: Vec::new() }),
            found => found?,
        };
        let versions = self.client_versions(page.rows.iter().map(|r| r.id.0))?;
        let rows = page.rows.iter().map(|r| team_client(r, campaign, versions.get(&r.id.0).copied().unwrap_or(1))).collect();
        Ok(TeamPage { total: page.total, offset, rows })
    }

    fn client_detail(&self, _who: &Account, id: i64) -> TeamResult<TeamClientDetail> {
        let detail = match self.clients().get(ClientId(id)) {
            Err(crate::Error::NotFound { .. }) => return Err(TeamError::not_found(Entity::Client, id)),
            found => found?,
        };
        let version = self.client_versions([id])?.get(&id).copied().unwrap_or(1);
        // A client of the planner's file may be a target of several campaigns; the detail names
        // the first (on the server a client belongs to one).
        let campaign = detail.campaign_ids.first().map_or(0, |c| c.0);
        // One key person a client, on the client itself: the planner's own file, shown whole.
        let key_persons = (!detail.key_person.is_empty())
            .then(|| TeamKeyPerson {
                id,
                name: detail.key_person.clone(),
                title: String::new(),
                phone: detail.key_person_phone.clone(),
                version,
            })
            .into_iter()
            .collect();
        Ok(TeamClientDetail { client: team_client(&detail.row, campaign, version), key_persons })
    }

    fn plan_items(&self, _who: &Account, campaign: i64, filter: &ItemFilter, today: NaiveDate) -> TeamResult<TeamPage<TeamPlanItem>> {
        let cond = format!(
            "p.campaign_id = :campaign AND {ITEM_LIVE} AND (:client IS NULL OR p.client_id = :client)
             AND (:status IS NULL OR i.status = :status)"
        );
        let status = filter.status.map(|s| s.code());
        let params = named_params! { ":campaign": campaign, ":client": filter.client, ":status": status };
        let total: i64 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE {cond}"))?
            .query_row(params, |r| r.get(0))?;
        let offset = filter.offset.max(0);
        let mut stmt = self.conn.prepare_cached(&format!("{ITEM_SQL} WHERE {cond} ORDER BY c.code, i.id LIMIT :limit OFFSET :offset"))?;
        let page = named_params! {
            ":campaign": campaign, ":client": filter.client, ":status": status, ":limit": page_limit(filter.limit), ":offset": offset,
        };
        let rows = stmt.query_map(page, |r| item(r, today))?.collect::<rusqlite::Result<Vec<_>>>().map_err(crate::Error::from)?;
        Ok(TeamPage { total, offset, rows })
    }

    fn plan_item(&self, _who: &Account, id: i64, today: NaiveDate) -> TeamResult<TeamPlanItem> {
        self.conn
            .prepare_cached(&format!("{ITEM_SQL} WHERE i.id = :id AND {ITEM_LIVE}"))?
            .query_row(named_params! { ":id": id }, |r| item(r, today))
            .optional()
            .map_err(crate::Error::from)?
            .ok_or_else(|| TeamError::not_found(Entity::PlanItem, id))
    }

    fn set_item_status(&self, who: &Account, id: i64, version: i64, change: &StatusChange, today: NaiveDate) -> TeamResult<TeamPlanItem> {
        let by = By { author: who.name.clone(), at: today.and_time(chrono::NaiveTime::MIN) };
        let read = |s: &Store| s.plan_item(who, id, today);
        self.checked_write(
            version,
            read,
            |i| i.version,
            |s| s.plans().set_item_status(PlanItemId(id), change.status, change.done_on, &change.blocked_reason, &by).map(drop),
        )
    }

    fn warnings(
        &self,
        _who: &Account,
        campaign: i64,
        open_only: bool,
        offset: i64,
        limit: i64,
        today: NaiveDate,
    ) -> TeamResult<TeamPage<TeamWarning>> {
        self.warning_page(campaign, open_only, offset, limit, today)
    }

    fn warning(&self, _who: &Account, id: i64, today: NaiveDate) -> TeamResult<TeamWarning> {
        self.team_warning(id, today)
    }

    fn set_warning_status(
        &self,
        who: &Account,
        id: i64,
        version: i64,
        to: WarningStatus,
        note: &str,
        on: NaiveDate,
    ) -> TeamResult<TeamWarning> {
        let by = By { author: who.name.clone(), at: on.and_time(chrono::NaiveTime::MIN) };
        let read = |s: &Store| s.team_warning(id, on);
        self.checked_write(version, read, |w| w.version, |s| s.warnings().set_status(WarningId(id), to, note, on, &by).map(drop))
    }
}

/// A client of the planner's file as team mode shows it: its team is its district.
fn team_client(r: &ClientRow, campaign: i64, version: i64) -> TeamClient {
    TeamClient {
        id: r.id.0,
        campaign_id: campaign,
        code: r.code.clone(),
        name: r.name.clone(),
        category: r.category.code().to_string(),
        district_id: r.team_id.map_or(0, |t| t.0),
        district: r.team.clone().unwrap_or_default(),
        manager_id: r.account_manager_id.map(|p| p.0),
        manager: r.account_manager.clone(),
        version,
    }
}

impl Store {
    /// The versions of the clients `ids` names.
    fn client_versions(&self, ids: impl IntoIterator<Item = i64>) -> TeamResult<std::collections::HashMap<i64, i64>> {
        let ids = serde_json::Value::from(ids.into_iter().collect::<Vec<_>>()).to_string();
        let mut stmt = self.conn.prepare_cached("SELECT id, version FROM clients WHERE id IN (SELECT value FROM json_each(:ids))")?;
        let rows = stmt.query_map(named_params! { ":ids": ids }, |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>().map_err(crate::Error::from)?)
    }

    /// Reads a row, refuses the write when the row is no longer at `version` (with the row as it
    /// is now), writes, and reads it again. One write transaction: another program writing the
    /// file waits for it, so the version read is the one written over.
    fn checked_write<T: serde::Serialize>(
        &self,
        version: i64,
        read: impl Fn(&Store) -> TeamResult<T>,
        version_of: impl Fn(&T) -> i64,
        write: impl FnOnce(&Store) -> crate::error::Result<()>,
    ) -> TeamResult<T> {
        let outcome = self.in_transaction(|s| {
            let before = read(s).map_err(into_core)?;
            if version_of(&before) != version {
                return Ok(Err(before));
            }
            write(s)?;
            Ok(Ok(()))
        })?;
        match outcome {
            Err(now) => Err(TeamError::Stale { current: current(&now)? }),
            Ok(()) => read(self),
        }
    }

    fn warning_page(&self, campaign: i64, open_only: bool, offset: i64, limit: i64, today: NaiveDate) -> TeamResult<TeamPage<TeamWarning>> {
        let cond = format!("w.campaign_id = :campaign AND (NOT :open OR {OPEN})");
        let total: i64 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM warnings w WHERE {cond}"))?
            .query_row(named_params! { ":campaign": campaign, ":open": open_only }, |r| r.get(0))?;
        let offset = offset.max(0);
        let sql = format!("{WARNING_SQL} WHERE {cond} ORDER BY ({OPEN}) DESC, w.raised_on, w.id LIMIT :limit OFFSET :offset");
        let params = named_params! { ":campaign": campaign, ":open": open_only, ":limit": page_limit(limit), ":offset": offset };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params, |r| warning(r, today))?.collect::<rusqlite::Result<_>>().map_err(crate::Error::from)?;
        Ok(TeamPage { total, offset, rows })
    }

    fn team_warning(&self, id: i64, today: NaiveDate) -> TeamResult<TeamWarning> {
        self.conn
            .prepare_cached(&format!("{WARNING_SQL} WHERE w.id = :id"))?
            .query_row(named_params! { ":id": id }, |r| warning(r, today))
            .optional()
            .map_err(crate::Error::from)?
            .ok_or_else(|| TeamError::not_found(Entity::Warning, id))
    }
}

/// A team error met inside the SQLite store's transaction, which speaks the core's errors.
fn into_core(e: TeamError) -> crate::Error {
    match e {
        TeamError::Core(e) => e,
        other => crate::Error::Io(std::io::Error::other(other.to_string())),
    }
}

impl From<rusqlite::Error> for TeamError {
    fn from(e: rusqlite::Error) -> TeamError {
        TeamError::Core(e.into())
    }
}
