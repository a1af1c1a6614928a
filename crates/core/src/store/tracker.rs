//! What a tracker workbook is written from and read back into: targets with their contracts
//! and plan items, streamed in client-code order so a million rows never sit in memory.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{named_params, OptionalExtension, Row};

use super::parse_date;
use crate::basis_points::BasisPoints;
use crate::domain::awards::AchievementInput;
use crate::domain::ids::{CampaignId, PersonId, PlanItemId, TeamId};
use crate::domain::plan::ItemStatus;
use crate::domain::{Category, Contract, Tier};
use crate::error::Result;
use crate::money::Money;

/// A target client with its contracts, as the tracker lists it.
#[derive(Debug, Clone, Default)]
pub struct TrackerClient {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub category: Option<Category>,
    pub tier: Option<Tier>,
    pub industry: String,
    pub district: String,
    pub team: Option<String>,
    pub manager: Option<String>,
    pub contracts: Vec<Contract>,
}

/// A plan item as the tracker lists it and reads it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackerItem {
    pub id: PlanItemId,
    pub campaign_id: CampaignId,
    pub client_code: String,
    pub client: String,
    pub team_id: Option<TeamId>,
    pub team: Option<String>,
    pub title: String,
    pub owner_id: Option<PersonId>,
    pub owner: Option<String>,
    pub due: NaiveDate,
    pub status: ItemStatus,
    pub done_on: Option<NaiveDate>,
    pub reason: String,
    pub note: String,
}

impl TrackerItem {
    /// The item's locked cells as a plan row shows them, in `PlanColumn::LOCKED` order.
    pub fn locked_values(&self) -> [&str; 5] {
        [&self.client_code, &self.client, self.team.as_deref().unwrap_or(""), &self.title, self.owner.as_deref().unwrap_or("")]
    }
}

const ITEM_SELECT: &str = "SELECT i.id, p.campaign_id, c.code AS client_code, c.name AS client, tm.name AS team, i.title,
        i.owner_id, o.name AS owner, i.due_date, i.status, i.done_on, i.blocked_reason, i.note, c.team_id
    FROM plan_items i
    JOIN plans p ON p.id = i.plan_id
    JOIN clients c ON c.id = p.client_id
    LEFT JOIN teams tm ON tm.id = c.team_id
    LEFT JOIN people o ON o.id = i.owner_id";

fn item_row(r: &Row<'_>) -> rusqlite::Result<TrackerItem> {
    Ok(TrackerItem {
        id: r.get("id")?,
        campaign_id: r.get("campaign_id")?,
        client_code: r.get("client_code")?,
        client: r.get("client")?,
        team_id: r.get("team_id")?,
        team: r.get("team")?,
        title: r.get("title")?,
        owner_id: r.get("owner_id")?,
        owner: r.get("owner")?,
        due: parse_date(&r.get::<_, String>("due_date")?)?,
        status: r.get("status")?,
        done_on: r.get::<_, Option<String>>("done_on")?.as_deref().map(parse_date).transpose()?,
        reason: r.get("blocked_reason")?,
        note: r.get("note")?,
    })
}

impl super::Tracker<'_> {
    /// Every target of the campaign (or of one team) in client-code order, each handed to
    /// `each` with its contracts in contract-number order. The CROSS JOIN walks clients by
    /// their code index, so rows stream out instead of being sorted all at once first.
    pub fn each_client(
        &self,
        campaign_id: CampaignId,
        team_id: Option<TeamId>,
        mut each: impl FnMut(TrackerClient) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.code, c.name, c.category, c.tier, c.industry, c.district, tm.name AS team, pm.name AS manager,
                    k.id AS contract_id, k.number, k.product_type, k.monthly_fee_fen, k.dec_fee_fen, k.term_months, k.end_date,
                    k.fiber_to_premises
             FROM clients c
             CROSS JOIN campaign_targets t ON t.campaign_id = :campaign_id AND t.client_id = c.id
             LEFT JOIN teams tm ON tm.id = c.team_id
             LEFT JOIN people pm ON pm.id = c.account_manager_id
             LEFT JOIN contracts k ON k.client_id = c.id
             WHERE :team_id IS NULL OR c.team_id = :team_id
             ORDER BY c.code, k.number",
        )?;
        // Each column's index is looked up by name once, not on every one of a million rows.
        let column = |name: &str| stmt.column_index(name);
        let [id_at, code, name, category, tier, industry, district, team, manager] =
            ["id", "code", "name", "category", "tier", "industry", "district", "team", "manager"].map(column);
        let [contract_id_at, number, product_type, monthly_fee, dec_fee, term_months, end_date, fiber] =
            ["contract_id", "number", "product_type", "monthly_fee_fen", "dec_fee_fen", "term_months", "end_date", "fiber_to_premises"]
                .map(column);
        let (id_at, code, name, category, tier, industry, district, team, manager) =
            (id_at?, code?, name?, category?, tier?, industry?, district?, team?, manager?);
        let (contract_id_at, number, product_type, monthly_fee, dec_fee, term_months, end_date, fiber) =
            (contract_id_at?, number?, product_type?, monthly_fee?, dec_fee?, term_months?, end_date?, fiber?);
        let mut rows = stmt.query(named_params! { ":campaign_id": campaign_id, ":team_id": team_id })?;
        let mut current = TrackerClient::default();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(id_at)?;
            if id != current.id {
                let next = TrackerClient {
                    id,
                    code: r.get(code)?,
                    name: r.get(name)?,
                    category: Some(r.get(category)?),
                    tier: Some(r.get(tier)?),
                    industry: r.get(industry)?,
                    district: r.get(district)?,
                    team: r.get(team)?,
                    manager: r.get(manager)?,
                    contracts: Vec::new(),
                };
                let done = std::mem::replace(&mut current, next);
                if done.id != 0 {
                    each(done)?;
                }
            }
            // The LEFT JOIN gives one empty row for a client without contracts.
            let Some(contract_id) = r.get::<_, Option<i64>>(contract_id_at)? else { continue };
            current.contracts.push(Contract {
                id: contract_id,
                number: r.get(number)?,
                product_type: r.get(product_type)?,
                monthly_fee: Money::from_fen(r.get(monthly_fee)?),
                dec_fee: Money::from_fen(r.get(dec_fee)?),
                term_months: r.get(term_months)?,
                end_date: r.get::<_, Option<String>>(end_date)?.as_deref().map(parse_date).transpose()?,
                fiber_to_premises: r.get(fiber)?,
            });
        }
        if current.id != 0 {
            each(current)?;
        }
        Ok(())
    }

    /// How many targets and contracts a tracker of the campaign (or of one team) will list.
    pub fn counts(&self, campaign_id: CampaignId, team_id: Option<TeamId>) -> Result<(u64, u64)> {
        // Two plain counts: the whole campaign's (the usual export) need not read the clients
        // at all, and at a million targets one count with DISTINCT over the joined rows took
        // twice as long as both of these.
        let (clients, contracts) = match team_id {
            None => (
                "SELECT count(*) FROM campaign_targets t WHERE t.campaign_id = :campaign_id",
                "SELECT count(*) FROM campaign_targets t JOIN contracts k ON k.client_id = t.client_id WHERE t.campaign_id = :campaign_id",
            ),
            Some(_) => (
                "SELECT count(*) FROM campaign_targets t JOIN clients c ON c.id = t.client_id
                 WHERE t.campaign_id = :campaign_id AND c.team_id = :team_id",
                "SELECT count(*) FROM campaign_targets t JOIN clients c ON c.id = t.client_id JOIN contracts k ON k.client_id = c.id
                 WHERE t.campaign_id = :campaign_id AND c.team_id = :team_id",
            ),
        };
        let count = |sql: &str| -> Result<u64> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let n: i64 = match team_id {
                None => stmt.query_row(named_params! { ":campaign_id": campaign_id }, |r| r.get(0))?,
                Some(team) => stmt.query_row(named_params! { ":campaign_id": campaign_id, ":team_id": team }, |r| r.get(0))?,
            };
            Ok(n.max(0) as u64)
        };
        Ok((count(clients)?, count(contracts)?))
    }

    /// The campaign's per-contract rate overrides: contract → (rate in basis points, reason).
    pub fn rate_overrides(&self, campaign_id: CampaignId) -> Result<HashMap<i64, (BasisPoints, String)>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT contract_id, rate_bp, reason FROM rate_overrides WHERE campaign_id = :campaign_id")?;
        let rows = stmt.query_map(named_params! { ":campaign_id": campaign_id }, |r| {
            Ok((r.get("contract_id")?, (r.get("rate_bp")?, r.get("reason")?)))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The live plan items of the campaign (or of one team's clients) in client-code order.
    pub fn each_item(
        &self,
        campaign_id: CampaignId,
        team_id: Option<TeamId>,
        mut each: impl FnMut(&TrackerItem) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{ITEM_SELECT} WHERE p.campaign_id = :campaign_id AND p.deleted_at IS NULL AND i.deleted_at IS NULL
             AND (:team_id IS NULL OR c.team_id = :team_id) ORDER BY c.code, i.position, i.id"
        ))?;
        let mut rows = stmt.query(named_params! { ":campaign_id": campaign_id, ":team_id": team_id })?;
        while let Some(r) = rows.next()? {
            each(&item_row(r)?)?;
        }
        Ok(())
    }

    /// One live plan item as it stands now, or None when it was deleted or never existed.
    pub fn item(&self, item_id: PlanItemId) -> Result<Option<TrackerItem>> {
        let mut stmt =
            self.conn.prepare_cached(&format!("{ITEM_SELECT} WHERE i.id = :item_id AND i.deleted_at IS NULL AND p.deleted_at IS NULL"))?;
        Ok(stmt.query_row(named_params! { ":item_id": item_id }, item_row).optional()?)
    }

    /// The achievements added from the returned trackers of one export: those whose source
    /// starts with `{token}:`, with the source they were added under.
    pub fn achievements_of(&self, token: &str) -> Result<Vec<(i64, String, AchievementInput)>> {
        // A range on the unique source index rather than LIKE, which would read `_` and `%`
        // in a token as wildcards.
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, source, date, metric, team_id, person_id, quantity, amount_fen, client_id, industry, note
             FROM achievements WHERE source >= :from AND source < :until ORDER BY id",
        )?;
        let rows = stmt.query_map(named_params! { ":from": format!("{token}:"), ":until": format!("{token};") }, |r| {
            Ok((r.get("id")?, r.get("source")?, super::achievements::input_row(r)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces an achievement's figures with a corrected row of the tracker it came from, as
    /// any correction is: same checks as adding, logged, refused once an award counting it is locked.
    pub fn correct_achievement(&self, id: i64, campaign_id: CampaignId, a: &AchievementInput, by: &crate::domain::plan::By) -> Result<()> {
        self.achievements().correct(campaign_id, id, a, by).map(|_| ())
    }
}
