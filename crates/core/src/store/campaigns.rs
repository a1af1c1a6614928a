//! Campaign rows and the overview's counts.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, OptionalExtension, Row};

use super::{parse_code, parse_date, Store};
use crate::domain::risk::RiskSettings;
use crate::domain::{Campaign, CampaignInput, CampaignStatus, CampaignSummary};
use crate::error::{Entity, Error, Result};
use crate::money::Money;

const COLUMNS: &str = "id, name, theme, start_date, end_date, status, subsidy_budget_fen, goals,
    expiry_window_days, high_spend_fen, high_price_fen";

fn campaign_from_row(r: &Row<'_>) -> rusqlite::Result<Campaign> {
    Ok(Campaign {
        id: r.get(0)?,
        name: r.get(1)?,
        theme: r.get(2)?,
        start_date: parse_date(&r.get::<_, String>(3)?)?,
        end_date: parse_date(&r.get::<_, String>(4)?)?,
        status: parse_code(&r.get::<_, String>(5)?, CampaignStatus::from_code)?,
        subsidy_budget: Money::from_fen(r.get(6)?),
        goals: r.get(7)?,
        risk: RiskSettings {
            expiry_window_days: r.get(8)?,
            high_spend: Money::from_fen(r.get(9)?),
            high_price: Money::from_fen(r.get(10)?),
        },
    })
}

/// The editable columns in the order INSERT and UPDATE bind them (?1 to ?7).
fn campaign_values(c: &CampaignInput) -> [Value; 7] {
    [
        c.name.clone().into(),
        c.theme.clone().into(),
        c.start_date.to_string().into(),
        c.end_date.to_string().into(),
        c.status.code().to_string().into(),
        c.subsidy_budget.fen().into(),
        c.goals.clone().into(),
    ]
}

impl Store {
    pub fn campaigns(&self) -> Result<Vec<Campaign>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM campaigns ORDER BY id"))?;
        let rows = stmt.query_map([], campaign_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn campaign(&self, id: i64) -> Result<Campaign> {
        self.conn
            .query_row(&format!("SELECT {COLUMNS} FROM campaigns WHERE id = ?1"), [id], campaign_from_row)
            .optional()?
            .ok_or(Error::NotFound { entity: Entity::Campaign, key: id.to_string() })
    }

    pub fn create_campaign(&self, input: &CampaignInput) -> Result<i64> {
        self.insert_campaign(input, None)
    }

    pub(crate) fn insert_campaign(&self, input: &CampaignInput, demo_seed: Option<i64>) -> Result<i64> {
        let c = input.validated()?;
        let mut values = campaign_values(&c).to_vec();
        values.push(demo_seed.into());
        self.conn.execute(
            "INSERT INTO campaigns (name, theme, start_date, end_date, status, subsidy_budget_fen, goals, demo_seed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params_from_iter(values),
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub(crate) fn demo_campaign_id(&self, seed: i64) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM campaigns WHERE demo_seed = ?1", [seed], |r| r.get(0))
            .optional()?)
    }

    pub fn update_campaign(&self, id: i64, input: &CampaignInput) -> Result<Campaign> {
        let c = input.validated()?;
        let mut values = campaign_values(&c).to_vec();
        values.push(id.into());
        let changed = self.conn.execute(
            "UPDATE campaigns SET name = ?1, theme = ?2, start_date = ?3, end_date = ?4, status = ?5,
                    subsidy_budget_fen = ?6, goals = ?7
             WHERE id = ?8",
            params_from_iter(values),
        )?;
        if changed == 0 {
            return Err(Error::NotFound { entity: Entity::Campaign, key: id.to_string() });
        }
        self.campaign(id)
    }

    /// Sets the thresholds that make a target high-risk.
    pub fn set_risk_settings(&self, id: i64, settings: RiskSettings) -> Result<Campaign> {
        let s = settings.validated()?;
        let changed = self.conn.execute(
            "UPDATE campaigns SET expiry_window_days = ?2, high_spend_fen = ?3, high_price_fen = ?4 WHERE id = ?1",
            rusqlite::params![id, s.expiry_window_days, s.high_spend.fen(), s.high_price.fen()],
        )?;
        if changed == 0 {
            return Err(Error::NotFound { entity: Entity::Campaign, key: id.to_string() });
        }
        self.campaign(id)
    }

    /// Targets and contracts counted by category, tier and team, for the overview.
    pub fn campaign_summary(&self, id: i64) -> Result<CampaignSummary> {
        let campaign = self.campaign(id)?;
        let (risk_sql, risk_values) = super::clients::risk_condition(crate::domain::RiskFilter::Any, &campaign);
        let risky = |group: &str, key: &str| -> Result<Vec<(String, i64)>> {
            let sql = format!(
                "SELECT {key}, count(*) FROM campaign_targets t JOIN clients c ON c.id = t.client_id
                 LEFT JOIN teams tm ON tm.id = c.team_id
                 WHERE t.campaign_id = ? AND {risk_sql} GROUP BY {group} ORDER BY count(*) DESC"
            );
            let mut values: Vec<rusqlite::types::Value> = vec![id.into()];
            values.extend(risk_values.iter().cloned());
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(params_from_iter(values.iter()), |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let high_risk_by_category = risky("c.category", "c.category")?;
        let high_risk_by_team = risky("c.team_id", "coalesce(tm.name, '')")?;
        let count = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [id], |r| r.get(0))?) };
        let grouped = |sql: &str| -> Result<Vec<(String, i64)>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        Ok(CampaignSummary {
            targets: count("SELECT count(*) FROM campaign_targets WHERE campaign_id = ?1")?,
            contracts: count(
                "SELECT count(*) FROM contracts k JOIN campaign_targets t ON t.client_id = k.client_id
                 WHERE t.campaign_id = ?1",
            )?,
            by_category: grouped(
                "SELECT c.category, count(*) FROM campaign_targets t JOIN clients c ON c.id = t.client_id
                 WHERE t.campaign_id = ?1 GROUP BY c.category
                 ORDER BY CASE c.category WHEN 'strategic' THEN 1 WHEN 'local_key' THEN 2 WHEN 'campus' THEN 3 ELSE 4 END",
            )?,
            by_tier: grouped(
                "SELECT c.tier, count(*) FROM campaign_targets t JOIN clients c ON c.id = t.client_id
                 WHERE t.campaign_id = ?1 GROUP BY c.tier ORDER BY c.tier",
            )?,
            by_team: grouped(
                "SELECT coalesce(tm.name, ''), count(*) FROM campaign_targets t
                 JOIN clients c ON c.id = t.client_id LEFT JOIN teams tm ON tm.id = c.team_id
                 WHERE t.campaign_id = ?1 GROUP BY c.team_id ORDER BY c.team_id",
            )?,
            high_risk: high_risk_by_category.iter().map(|(_, n)| n).sum(),
            high_risk_by_category,
            high_risk_by_team,
        })
    }
}
