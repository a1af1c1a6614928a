//! Clients (table `clients`). The client table is filtered, sorted and paged here so the UI
//! never holds more than one page; contracts are in `contracts.rs`, targets in `targets.rs`.

use rusqlite::{named_params, OptionalExtension, Row, ToSql};

use super::filter::Where;
use super::search::{self, Hits, Through};
use super::Store;
pub use crate::domain::client::NewContract;
use crate::domain::client::ValidClient;
use crate::domain::ids::{CampaignId, ClientId, PersonId};
use crate::domain::plan::By;
use crate::domain::risk::{assess, RiskReason};
use crate::domain::{Campaign, ClientDetail, ClientInput, ClientQuery, ClientRow, ClientSort, Lacking, Page, RiskFilter};
use crate::error::{Entity, Error, FieldError, Problem, Result};
use crate::money::Money;

pub(super) const DEFAULT_PAGE: i64 = 50;
pub(super) const MAX_PAGE: i64 = 1000;

const ROW_SELECT: &str = "SELECT c.id, c.code, c.name, c.category, c.tier, c.industry, c.district,
        c.team_id, t.name AS team, c.account_manager_id, p.name AS account_manager,
        (SELECT count(*) FROM contracts k WHERE k.client_id = c.id) AS contract_count,
        (SELECT total(k.monthly_fee_fen) FROM contracts k WHERE k.client_id = c.id) AS monthly_fee_fen
    FROM clients c
    LEFT JOIN teams t ON t.id = c.team_id
    LEFT JOIN people p ON p.id = c.account_manager_id";

fn client_row(r: &Row<'_>) -> rusqlite::Result<ClientRow> {
    Ok(ClientRow {
        id: r.get("id")?,
        code: r.get("code")?,
        name: r.get("name")?,
        category: r.get("category")?,
        tier: r.get("tier")?,
        industry: r.get("industry")?,
        district: r.get("district")?,
        team_id: r.get("team_id")?,
        team: r.get("team")?,
        account_manager_id: r.get("account_manager_id")?,
        account_manager: r.get("account_manager")?,
        contract_count: r.get("contract_count")?,
        monthly_fee: spend(r.get("monthly_fee_fen")?),
        risks: Vec::new(),
    })
}

/// A client's monthly spend, summed by SQLite's total(): a float that cannot fail with "integer
/// overflow" as sum() does on a corrupt fee, and exact while the sum stays under 2^53 fen (90
/// trillion 元, far past any sum of in-range fees). `as` saturates rather than wraps.
fn spend(total_fen: f64) -> Money {
    Money::from_fen(total_fen.round() as i64)
}

/// The stored columns of a client, by the names INSERT and UPDATE bind.
fn client_params(c: &ValidClient) -> [(&'static str, &dyn ToSql); 11] {
    [
        (":code", &c.code),
        (":name", &c.name),
        (":category", &c.category),
        (":tier", &c.tier),
        (":industry", &c.industry),
        (":district", &c.district),
        (":team_id", &c.team_id),
        (":account_manager_id", &c.account_manager_id),
        (":key_person", &c.key_person),
        (":key_person_phone", &c.key_person_phone),
        (":notes", &c.notes),
    ]
}

const EXPIRING: &str =
    "EXISTS (SELECT 1 FROM contracts k WHERE k.client_id = c.id AND k.end_date IS NOT NULL AND k.end_date <= :risk_cutoff)";
const HIGH_SPEND: &str = "(SELECT total(k.monthly_fee_fen) FROM contracts k WHERE k.client_id = c.id) > :risk_spend";
const HIGH_PRICE: &str =
    "EXISTS (SELECT 1 FROM contracts k WHERE k.client_id = c.id AND k.product_type = 'broadband' AND k.monthly_fee_fen > :risk_price)";

/// SQL that holds for a high-risk client `c`; [`bind_risk`] gives its names their values.
pub(crate) fn risk_sql(filter: RiskFilter) -> String {
    match filter {
        RiskFilter::Expiring => EXPIRING.into(),
        RiskFilter::HighSpend => HIGH_SPEND.into(),
        RiskFilter::HighPrice => HIGH_PRICE.into(),
        RiskFilter::Any => format!("({EXPIRING} OR {HIGH_SPEND} OR {HIGH_PRICE})"),
    }
}

/// Binds the campaign's thresholds to the names [`risk_sql`] for `filter` uses.
pub(crate) fn bind_risk(w: &mut Where, filter: RiskFilter, campaign: &Campaign) {
    if matches!(filter, RiskFilter::Expiring | RiskFilter::Any) {
        w.bind(":risk_cutoff", campaign.risk.expiry_cutoff(campaign.end_date).to_string());
    }
    if matches!(filter, RiskFilter::HighSpend | RiskFilter::Any) {
        w.bind(":risk_spend", campaign.risk.high_spend.fen());
    }
    if matches!(filter, RiskFilter::HighPrice | RiskFilter::Any) {
        w.bind(":risk_price", campaign.risk.high_price.fen());
    }
}

/// The WHERE clause and its parameters for a query's filters.
pub(super) fn filters(q: &ClientQuery, campaign: Option<&Campaign>) -> Where {
    filters_through(q, campaign, Through::Index)
}

/// [`filters`], with the search read from the index as `through` says.
fn filters_through(q: &ClientQuery, campaign: Option<&Campaign>, through: Through) -> Where {
    let mut w = Where::new();
    if let Some(campaign) = q.campaign_id {
        // Correlated EXISTS lets SQLite walk the sort index and stop after one page; an IN list
        // makes it collect and sort every target first (measured: 54 ms vs 2 ms at 100k).
        w.and_bind(
            "EXISTS (SELECT 1 FROM campaign_targets ct WHERE ct.campaign_id = :campaign AND ct.client_id = c.id)",
            ":campaign",
            campaign,
        );
    }
    super::search::narrow(&mut w, q.search.as_deref(), through);
    if let Some(category) = q.category {
        w.and_bind("c.category = :category", ":category", category);
    }
    if let Some(tier) = q.tier {
        w.and_bind("c.tier = :tier", ":tier", tier);
    }
    if let Some(team) = q.team_id {
        w.and_bind("c.team_id = :team", ":team", team);
    }
    if let Some(manager) = q.account_manager_id {
        w.and_bind("c.account_manager_id = :manager", ":manager", manager);
    }
    if let (Some(filter), Some(campaign)) = (q.risk, campaign) {
        w.and(risk_sql(filter));
        bind_risk(&mut w, filter, campaign);
    }
    if let (Some(lacking), Some(_)) = (q.lacking, campaign) {
        // `:campaign` is bound by the target condition above.
        w.and(lacking_sql(lacking));
    }
    w
}

/// SQL that holds for a client `c` still without `lacking` in the campaign bound as
/// `:campaign`; the subsidy rows must be fresh (`Subsidies::refresh_subsidies`).
fn lacking_sql(lacking: Lacking) -> &'static str {
    match lacking {
        Lacking::Subsidy => {
            "NOT EXISTS (SELECT 1 FROM client_subsidies s WHERE s.campaign_id = :campaign AND s.client_id = c.id AND s.amount_fen > 0)"
        }
        Lacking::Plan => {
            "NOT EXISTS (SELECT 1 FROM plans lp WHERE lp.campaign_id = :campaign AND lp.client_id = c.id AND lp.deleted_at IS NULL)"
        }
        Lacking::Fibre => "NOT EXISTS (SELECT 1 FROM contracts lf WHERE lf.client_id = c.id AND lf.fiber_to_premises = 1)",
    }
}

/// Brings what a query's filters read up to date: the per-client subsidies are stored and
/// rebuilt only when asked for.
pub(super) fn prepare(store: &Store, q: &ClientQuery) -> Result<()> {
    if q.search.is_some() {
        super::search::catch_up(store)?;
    }
    if let (Some(Lacking::Subsidy), Some(campaign)) = (q.lacking, q.campaign_id) {
        store.subsidies().refresh_subsidies(campaign)?;
    }
    Ok(())
}

fn order_by(sort: ClientSort) -> &'static str {
    match sort {
        ClientSort::Code => "c.code",
        ClientSort::Name => "c.name",
        ClientSort::Category => "c.category",
        ClientSort::Tier => "c.tier",
        ClientSort::Industry => "c.industry",
        ClientSort::District => "c.district",
        ClientSort::Team => "t.name",
        ClientSort::AccountManager => "p.name",
    }
}

impl super::Clients<'_> {
    pub fn page(&self, q: &ClientQuery) -> Result<Page<ClientRow>> {
        let campaign = q.campaign_id.map(|id| self.campaigns().get(id)).transpose()?;
        prepare(self, q)?;
        // What the search finds, from its index alone; a few are kept for the joins below.
        let hits = q.search.as_deref().map(|typed| search::hits(&self.conn, typed)).transpose()?.flatten();
        let limit = if q.limit <= 0 { DEFAULT_PAGE } else { q.limit.min(MAX_PAGE) };
        let (count_through, page_through) = match hits {
            Some(Hits::Kept(_)) => (Through::Kept, Through::Kept),
            Some(Hits::Many(found)) if search::walk_is_cheaper(&self.conn, found, q.offset.max(0) + limit)? => {
                (Through::Index, Through::Walk)
            }
            _ => (Through::Index, Through::Index),
        };
        let narrowed_beyond_search = q.category.is_some()
            || q.tier.is_some()
            || q.team_id.is_some()
            || q.account_manager_id.is_some()
            || q.risk.is_some()
            || q.lacking.is_some();
        let narrowed = hits.is_some() || narrowed_beyond_search;
        let total: i64 = match (q.campaign_id, hits) {
            // Found by the search and nothing else: the index has counted them. So too when the
            // campaign's targets are every client, as when its list was imported into it.
            (None, Some(hits)) if !narrowed_beyond_search => hits.count(),
            (Some(campaign), Some(Hits::Many(found))) if !narrowed_beyond_search && self.every_client_a_target(campaign)? => found,
            // The whole target list: no need to visit every client.
            (Some(campaign), _) if !narrowed => self.target_count(campaign)?,
            _ => {
                let filter = filters_through(q, campaign.as_ref(), count_through);
                self.conn.query_row(&format!("SELECT count(*) FROM clients c{}", filter.sql()), &*filter.params(), |r| r.get(0))?
            }
        };
        let direction = if q.descending { "DESC" } else { "ASC" };
        let filter = filters_through(q, campaign.as_ref(), page_through);
        let where_sql = filter.sql();
        let sql = format!(
            "{ROW_SELECT}{where_sql} ORDER BY {} {direction}, c.id {direction} LIMIT {limit} OFFSET {}",
            order_by(q.sort),
            q.offset.max(0)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows: Vec<ClientRow> = stmt.query_map(&*filter.params(), client_row)?.collect::<rusqlite::Result<_>>()?;
        if let Some(campaign) = &campaign {
            for row in &mut rows {
                let contracts = self.contracts_of(row.id)?;
                row.risks = assess(&campaign.risk, campaign.end_date, &contracts).into_iter().map(|r| r.flag).collect();
            }
        }
        Ok(Page { total, rows })
    }

    /// Whether every client is a target of the campaign: then a count of clients found is a
    /// count of its targets found. A whole-table count is SQLite's quick one (page by page).
    fn every_client_a_target(&self, campaign: CampaignId) -> Result<bool> {
        let clients: i64 = self.conn.prepare_cached("SELECT count(*) FROM clients")?.query_row([], |r| r.get(0))?;
        Ok(clients == self.target_count(campaign)?)
    }

    /// How many targets the campaign has. When it is the only campaign with targets (two index
    /// seeks tell), that is the whole table's count, which SQLite takes page by page rather
    /// than row by row: 1 ms rather than 25 at a million targets.
    fn target_count(&self, campaign: CampaignId) -> Result<i64> {
        let others: bool = self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM campaign_targets WHERE campaign_id < :campaign)
                     OR EXISTS (SELECT 1 FROM campaign_targets WHERE campaign_id > :campaign)",
            )?
            .query_row(named_params! { ":campaign": campaign }, |r| r.get(0))?;
        Ok(if others {
            self.conn
                .prepare_cached("SELECT count(*) FROM campaign_targets WHERE campaign_id = :campaign")?
                .query_row(named_params! { ":campaign": campaign }, |r| r.get(0))?
        } else {
            self.conn.prepare_cached("SELECT count(*) FROM campaign_targets")?.query_row([], |r| r.get(0))?
        })
    }

    /// Every row the query matches (its offset and limit ignored), in its order, one at a time:
    /// the list as filtered, for an export of any size.
    pub fn each(&self, q: &ClientQuery, mut f: impl FnMut(ClientRow) -> Result<()>) -> Result<()> {
        let campaign = q.campaign_id.map(|id| self.campaigns().get(id)).transpose()?;
        prepare(self, q)?;
        let filter = filters(q, campaign.as_ref());
        let direction = if q.descending { "DESC" } else { "ASC" };
        let sql = format!("{ROW_SELECT}{} ORDER BY {} {direction}, c.id {direction}", filter.sql(), order_by(q.sort));
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(&*filter.params())?;
        while let Some(r) = rows.next()? {
            let mut row = client_row(r)?;
            if let Some(campaign) = &campaign {
                let contracts = self.contracts_of(row.id)?;
                row.risks = assess(&campaign.risk, campaign.end_date, &contracts).into_iter().map(|r| r.flag).collect();
            }
            f(row)?;
        }
        Ok(())
    }

    /// Why a target is high-risk in a campaign, flag by flag.
    pub fn risks(&self, campaign_id: CampaignId, client_id: ClientId) -> Result<Vec<RiskReason>> {
        let campaign = self.campaigns().get(campaign_id)?;
        Ok(assess(&campaign.risk, campaign.end_date, &self.contracts_of(client_id)?))
    }

    pub fn get(&self, id: ClientId) -> Result<ClientDetail> {
        let row = self
            .conn
            .query_row(&format!("{ROW_SELECT} WHERE c.id = :id"), named_params! { ":id": id }, client_row)
            .optional()?
            .ok_or(Error::NotFound { entity: Entity::Client, key: id.to_string() })?;
        let (key_person, key_person_phone, notes, vip_manager_id, vip_manager) = self.conn.query_row(
            "SELECT c.key_person, c.key_person_phone, c.notes, c.vip_manager_id, v.name AS vip
             FROM clients c LEFT JOIN people v ON v.id = c.vip_manager_id WHERE c.id = :id",
            named_params! { ":id": id },
            |r| {
                Ok((
                    r.get("key_person")?,
                    r.get("key_person_phone")?,
                    r.get("notes")?,
                    r.get::<_, Option<i64>>("vip_manager_id")?.map(PersonId),
                    r.get("vip")?,
                ))
            },
        )?;
        let contracts = self.contracts_of(id)?;
        let mut stmt =
            self.conn.prepare_cached("SELECT campaign_id FROM campaign_targets WHERE client_id = :client ORDER BY campaign_id")?;
        let campaign_ids = stmt.query_map(named_params! { ":client": id }, |r| r.get("campaign_id"))?.collect::<rusqlite::Result<_>>()?;
        Ok(ClientDetail { row, key_person, key_person_phone, notes, vip_manager_id, vip_manager, contracts, campaign_ids })
    }

    /// Creates a client, and makes it a target of `campaign_id` when given.
    pub fn create(&self, input: &ClientInput, campaign_id: Option<CampaignId>) -> Result<ClientId> {
        let c = self.checked(input, None)?;
        if let Some(campaign) = campaign_id {
            self.campaigns().get(campaign)?;
        }
        self.conn.execute(
            "INSERT INTO clients (code, name, category, tier, industry, district, team_id,
                                  account_manager_id, key_person, key_person_phone, notes)
             VALUES (:code, :name, :category, :tier, :industry, :district, :team_id,
                     :account_manager_id, :key_person, :key_person_phone, :notes)",
            &client_params(&c)[..],
        )?;
        let id = ClientId(self.conn.last_insert_rowid());
        if let Some(campaign) = campaign_id {
            self.campaigns().add_target(campaign, id)?;
        }
        Ok(id)
    }

    /// Saves the client form. A new account manager takes the client the way a reassignment
    /// does ([`super::Org::reassign`]): open plan items and open warnings go along, closed ones
    /// stay, and the move is logged.
    pub fn update(&self, id: ClientId, input: &ClientInput, by: &By) -> Result<ClientDetail> {
        let c = self.checked(input, Some(id))?;
        let mut params = client_params(&c).to_vec();
        params.push((":id", &id));
        let changed = self.in_transaction(|s| {
            // Before the update, so the old manager can still be matched.
            s.org().reassign_one(id, c.account_manager_id, by)?;
            Ok(s.conn.execute(
                "UPDATE clients SET code = :code, name = :name, category = :category, tier = :tier, industry = :industry,
                        district = :district, team_id = :team_id, account_manager_id = :account_manager_id, key_person = :key_person,
                        key_person_phone = :key_person_phone, notes = :notes
                 WHERE id = :id",
                &*params,
            )?)
        })?;
        if changed == 0 {
            return Err(Error::NotFound { entity: Entity::Client, key: id.to_string() });
        }
        self.get(id)
    }

    /// Deletes a client with its contracts and target memberships.
    pub fn delete(&self, id: ClientId) -> Result<()> {
        // In a write of its own: its cascades look contracts and targets up by client, through
        // indexes an import may have left to be built (index_builds.rs), which a write builds first.
        let changed = self.in_transaction(|s| Ok(s.conn.execute("DELETE FROM clients WHERE id = :id", named_params! { ":id": id })?))?;
        if changed == 0 {
            return Err(Error::NotFound { entity: Entity::Client, key: id.to_string() });
        }
        Ok(())
    }

    /// The client with this code, compared in its folded spelling (`ab01` finds `AB01`). A code
    /// stored before codes were folded is still found when given exactly as it was stored.
    pub fn id_by_code(&self, code: &str) -> Result<Option<ClientId>> {
        let folded = crate::domain::fold_code(code);
        let mut stmt = self.conn.prepare_cached("SELECT id FROM clients WHERE code = :code")?;
        match stmt.query_row(named_params! { ":code": folded }, |r| r.get("id")).optional()? {
            Some(id) => Ok(Some(id)),
            None if folded != code.trim() => Ok(stmt.query_row(named_params! { ":code": code.trim() }, |r| r.get("id")).optional()?),
            None => Ok(None),
        }
    }

    /// Validation that needs the database: unique code, existing team and manager.
    fn checked(&self, input: &ClientInput, own_id: Option<ClientId>) -> Result<ValidClient> {
        let c = input.validated()?;
        let mut errors = Vec::new();
        // A taken code is reported on the code field, so the form can point at it.
        if let Some(other) = self.id_by_code(&c.code)?.filter(|other| Some(*other) != own_id) {
            // Named, so the planner knows which client already has the code.
            let (code, name): (String, String) =
                self.conn.query_row("SELECT code, name FROM clients WHERE id = :id", named_params! { ":id": other.0 }, |r| {
                    Ok((r.get("code")?, r.get("name")?))
                })?;
            errors.push(FieldError::new("code", Problem::UsedBy { name, code }));
        }
        let exists = |table: &str, id: i64| -> Result<bool> {
            Ok(self
                .conn
                .query_row(&format!("SELECT count(*) FROM {table} WHERE id = :id"), named_params! { ":id": id }, |r| r.get::<_, i64>(0))?
                > 0)
        };
        if let Some(team) = c.team_id {
            if !exists("teams", team.0)? {
                errors.push(FieldError::new("team_id", Problem::UnknownReference));
            }
        }
        if let Some(manager) = c.account_manager_id {
            if !exists("people", manager.0)? {
                errors.push(FieldError::new("account_manager_id", Problem::UnknownReference));
            }
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        Ok(c)
    }
}
