//! What a tracker workbook is written from and read back into: targets with their contracts
//! and plan items, streamed in client-code order so a million rows never sit in memory.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};

use super::{parse_date, Store};
use crate::domain::awards::AchievementInput;
use crate::domain::plan::ItemStatus;
use crate::domain::{Category, Contract, ProductType, Tier};
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
    pub id: i64,
    pub campaign_id: i64,
    pub client_code: String,
    pub client: String,
    pub team_id: Option<i64>,
    pub team: Option<String>,
    pub title: String,
    pub owner_id: Option<i64>,
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

const ITEM_SELECT: &str = "SELECT i.id, p.campaign_id, c.code, c.name, tm.name, i.title, i.owner_id, o.name,
        i.due_date, i.status, i.done_on, i.blocked_reason, i.note, c.team_id
    FROM plan_items i
    JOIN plans p ON p.id = i.plan_id
    JOIN clients c ON c.id = p.client_id
    LEFT JOIN teams tm ON tm.id = c.team_id
    LEFT JOIN people o ON o.id = i.owner_id";

fn item_row(r: &Row<'_>) -> rusqlite::Result<TrackerItem> {
    Ok(TrackerItem {
        id: r.get(0)?,
        campaign_id: r.get(1)?,
        client_code: r.get(2)?,
        client: r.get(3)?,
        team_id: r.get(13)?,
        team: r.get(4)?,
        title: r.get(5)?,
        owner_id: r.get(6)?,
        owner: r.get(7)?,
        due: parse_date(&r.get::<_, String>(8)?)?,
        status: r.get::<_, ItemStatus>(9)?,
        done_on: r.get::<_, Option<String>>(10)?.as_deref().map(parse_date).transpose()?,
        reason: r.get(11)?,
        note: r.get(12)?,
    })
}

impl Store {
    /// Every target of the campaign (or of one team) in client-code order, each handed to
    /// `each` with its contracts in contract-number order. The CROSS JOIN walks clients by
    /// their code index, so rows stream out instead of being sorted all at once first.
    pub fn each_tracker_client(
        &self,
        campaign_id: i64,
        team_id: Option<i64>,
        mut each: impl FnMut(&TrackerClient) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.code, c.name, c.category, c.tier, c.industry, c.district, tm.name, pm.name,
                    k.id, k.number, k.product_type, k.monthly_fee_fen, k.dec_fee_fen, k.term_months, k.end_date,
                    k.fiber_to_premises
             FROM clients c
             CROSS JOIN campaign_targets t ON t.campaign_id = ?1 AND t.client_id = c.id
             LEFT JOIN teams tm ON tm.id = c.team_id
             LEFT JOIN people pm ON pm.id = c.account_manager_id
             LEFT JOIN contracts k ON k.client_id = c.id
             WHERE ?2 IS NULL OR c.team_id = ?2
             ORDER BY c.code, k.number",
        )?;
        let mut rows = stmt.query(params![campaign_id, team_id])?;
        let mut current = TrackerClient::default();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if id != current.id {
                if current.id != 0 {
                    each(&current)?;
                }
                current = TrackerClient {
                    id,
                    code: r.get(1)?,
                    name: r.get(2)?,
                    category: Some(r.get::<_, Category>(3)?),
                    tier: Some(r.get::<_, Tier>(4)?),
                    industry: r.get(5)?,
                    district: r.get(6)?,
                    team: r.get(7)?,
                    manager: r.get(8)?,
                    contracts: Vec::new(),
                };
            }
            // The LEFT JOIN gives one empty row for a client without contracts.
            let Some(contract_id) = r.get::<_, Option<i64>>(9)? else { continue };
            current.contracts.push(Contract {
                id: contract_id,
                number: r.get(10)?,
                product_type: r.get::<_, ProductType>(11)?,
                monthly_fee: Money::from_fen(r.get(12)?),
                dec_fee: Money::from_fen(r.get(13)?),
                term_months: r.get(14)?,
                end_date: r.get::<_, Option<String>>(15)?.as_deref().map(parse_date).transpose()?,
                fiber_to_premises: r.get(16)?,
            });
        }
        if current.id != 0 {
            each(&current)?;
        }
        Ok(())
    }

    /// How many targets and contracts a tracker of the campaign (or of one team) will list.
    pub fn tracker_counts(&self, campaign_id: i64, team_id: Option<i64>) -> Result<(u64, u64)> {
        Ok(self.conn.query_row(
            "SELECT count(DISTINCT c.id), count(k.id) FROM campaign_targets t
             JOIN clients c ON c.id = t.client_id LEFT JOIN contracts k ON k.client_id = c.id
             WHERE t.campaign_id = ?1 AND (?2 IS NULL OR c.team_id = ?2)",
            params![campaign_id, team_id],
            |r| Ok((r.get::<_, i64>(0)?.max(0) as u64, r.get::<_, i64>(1)?.max(0) as u64)),
        )?)
    }

    /// The campaign's per-contract rate overrides: contract → (rate in basis points, reason).
    pub fn rate_overrides(&self, campaign_id: i64) -> Result<HashMap<i64, (i64, String)>> {
        let mut stmt = self.conn.prepare_cached("SELECT contract_id, rate_bp, reason FROM rate_overrides WHERE campaign_id = ?1")?;
        let rows = stmt.query_map([campaign_id], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The live plan items of the campaign (or of one team's clients) in client-code order.
    pub fn each_tracker_item(
        &self,
        campaign_id: i64,
        team_id: Option<i64>,
        mut each: impl FnMut(&TrackerItem) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{ITEM_SELECT} WHERE p.campaign_id = ?1 AND p.deleted_at IS NULL AND i.deleted_at IS NULL
             AND (?2 IS NULL OR c.team_id = ?2) ORDER BY c.code, i.position, i.id"
        ))?;
        let mut rows = stmt.query(params![campaign_id, team_id])?;
        while let Some(r) = rows.next()? {
            each(&item_row(r)?)?;
        }
        Ok(())
    }

    /// One live plan item as it stands now, or None when it was deleted or never existed.
    pub fn tracker_item(&self, item_id: i64) -> Result<Option<TrackerItem>> {
        let mut stmt =
            self.conn.prepare_cached(&format!("{ITEM_SELECT} WHERE i.id = ?1 AND i.deleted_at IS NULL AND p.deleted_at IS NULL"))?;
        Ok(stmt.query_row([item_id], item_row).optional()?)
    }

    /// The achievements added from the returned trackers of one export: those whose source
    /// starts with `{token}:`, with the source they were added under.
    pub fn tracker_achievements(&self, token: &str) -> Result<Vec<(i64, String, AchievementInput)>> {
        // A range on the unique source index rather than LIKE, which would read `_` and `%`
        // in a token as wildcards.
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, source, date, metric, team_id, person_id, quantity, amount_fen, client_id, note
             FROM achievements WHERE source >= ?1 AND source < ?2 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![format!("{token}:"), format!("{token};")], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                AchievementInput {
                    date: parse_date(&r.get::<_, String>(2)?)?,
                    metric: r.get(3)?,
                    team_id: r.get(4)?,
                    person_id: r.get(5)?,
                    quantity: r.get(6)?,
                    amount: Money::from_fen(r.get(7)?),
                    client_id: r.get(8)?,
                    note: r.get(9)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces an achievement's figures with a corrected row of the tracker it came from.
    pub fn correct_tracker_achievement(&self, id: i64, campaign_id: i64, a: &AchievementInput) -> Result<()> {
        self.check_achievement(campaign_id, a)?;
        self.conn.execute(
            "UPDATE achievements SET date = ?2, metric = ?3, team_id = ?4, person_id = ?5, quantity = ?6, amount_fen = ?7,
                client_id = ?8, note = ?9 WHERE id = ?1 AND campaign_id = ?10",
            params![
                id,
                a.date.to_string(),
                a.metric,
                a.team_id,
                a.person_id,
                a.quantity,
                a.amount.fen(),
                a.client_id,
                a.note.trim(),
                campaign_id
            ],
        )?;
        Ok(())
    }
}
