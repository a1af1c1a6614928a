//! Campaign rows and the overview's counts.

use rusqlite::{named_params, OptionalExtension, Row, ToSql};

use super::parse_date;
use crate::domain::campaign::RecordedSpan;
use crate::domain::ids::CampaignId;
use crate::domain::risk::RiskSettings;
use crate::domain::warning::BillingPeriod;
use crate::domain::{Campaign, CampaignInput, CampaignSummary, Category};
use crate::error::{Entity, Error, Result};
use crate::money::Money;

const COLUMNS: &str = "id, name, theme, start_date, end_date, status, subsidy_budget_fen, goals,
    expiry_window_days, high_spend_fen, high_price_fen, archived, copied_from, demo_seed IS NOT NULL AS is_demo";

fn campaign_from_row(r: &Row<'_>) -> rusqlite::Result<Campaign> {
    Ok(Campaign {
        id: r.get("id")?,
        name: r.get("name")?,
        theme: r.get("theme")?,
        start_date: parse_date(&r.get::<_, String>("start_date")?)?,
        end_date: parse_date(&r.get::<_, String>("end_date")?)?,
        status: r.get("status")?,
        subsidy_budget: Money::from_fen(r.get("subsidy_budget_fen")?),
        goals: r.get("goals")?,
        risk: RiskSettings {
            expiry_window_days: r.get("expiry_window_days")?,
            high_spend: Money::from_fen(r.get("high_spend_fen")?),
            high_price: Money::from_fen(r.get("high_price_fen")?),
        },
        archived: r.get("archived")?,
        copied_from: r.get("copied_from")?,
        is_demo: r.get("is_demo")?,
        // Filled in by `with_teams`: a second query, not a join that would repeat each row.
        teams: Vec::new(),
    })
}

/// The editable columns, by the names INSERT and UPDATE bind.
fn campaign_params(c: &CampaignInput) -> Vec<(&'static str, Box<dyn ToSql>)> {
    vec![
        (":name", Box::new(c.name.clone())),
        (":theme", Box::new(c.theme.clone())),
        (":start_date", Box::new(c.start_date.to_string())),
        (":end_date", Box::new(c.end_date.to_string())),
        (":status", Box::new(c.status)),
        (":subsidy_budget_fen", Box::new(c.subsidy_budget.fen())),
        (":goals", Box::new(c.goals.clone())),
    ]
}

/// Named parameters as rusqlite takes them.
fn named<'a>(params: &'a [(&'static str, Box<dyn ToSql>)]) -> Vec<(&'a str, &'a dyn ToSql)> {
    params.iter().map(|(n, v)| (*n, v.as_ref())).collect()
}

impl super::Campaigns<'_> {
    pub fn list(&self) -> Result<Vec<Campaign>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM campaigns ORDER BY id"))?;
        let rows: Vec<Campaign> = stmt.query_map([], campaign_from_row)?.collect::<rusqlite::Result<_>>()?;
        rows.into_iter().map(|c| self.with_teams(c)).collect()
    }

    pub fn get(&self, id: CampaignId) -> Result<Campaign> {
        let campaign = self
            .conn
            .query_row(&format!("SELECT {COLUMNS} FROM campaigns WHERE id = :id"), named_params! { ":id": id }, campaign_from_row)
            .optional()?
            .ok_or(Error::NotFound { entity: Entity::Campaign, key: id.to_string() })?;
        self.with_teams(campaign)
    }

    fn with_teams(&self, mut campaign: Campaign) -> Result<Campaign> {
        campaign.teams = self.teams(campaign.id)?;
        Ok(campaign)
    }

    pub fn create(&self, input: &CampaignInput) -> Result<CampaignId> {
        self.insert(input, None)
    }

    pub(crate) fn insert(&self, input: &CampaignInput, demo_seed: Option<i64>) -> Result<CampaignId> {
        let c = input.validated()?;
        let mut params = campaign_params(&c);
        params.push((":demo_seed", Box::new(demo_seed)));
        self.conn.execute(
            "INSERT INTO campaigns (name, theme, start_date, end_date, status, subsidy_budget_fen, goals, demo_seed)
             VALUES (:name, :theme, :start_date, :end_date, :status, :subsidy_budget_fen, :goals, :demo_seed)",
            &*named(&params),
        )?;
        Ok(CampaignId(self.conn.last_insert_rowid()))
    }

    pub(crate) fn demo_id(&self, seed: i64) -> Result<Option<CampaignId>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM campaigns WHERE demo_seed = :seed", named_params! { ":seed": seed }, |r| r.get(0))
            .optional()?)
    }

    pub fn update(&self, id: CampaignId, input: &CampaignInput) -> Result<Campaign> {
        let c = input.validated()?;
        let before = self.get(id)?;
        if (before.start_date, before.end_date) != (c.start_date, c.end_date) {
            self.recorded_span(id)?.check(&c)?;
        }
        let mut params = campaign_params(&c);
        params.push((":id", Box::new(id)));
        let changed = self.conn.execute(
            "UPDATE campaigns SET name = :name, theme = :theme, start_date = :start_date, end_date = :end_date, status = :status,
                    subsidy_budget_fen = :subsidy_budget_fen, goals = :goals
             WHERE id = :id",
            &*named(&params),
        )?;
        if changed == 0 {
            return Err(Error::NotFound { entity: Entity::Campaign, key: id.to_string() });
        }
        self.get(id)
    }

    /// The earliest and latest due date, achievement and billing month the campaign holds.
    pub fn recorded_span(&self, id: CampaignId) -> Result<RecordedSpan> {
        let (first, last): (Option<String>, Option<String>) = self.conn.query_row(
            "SELECT min(d), max(d) FROM (
                 SELECT i.due_date AS d FROM plan_items i JOIN plans p ON p.id = i.plan_id
                 WHERE p.campaign_id = :id AND i.deleted_at IS NULL AND p.deleted_at IS NULL
                 UNION ALL SELECT date FROM achievements WHERE campaign_id = :id)",
            named_params! { ":id": id },
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let days = match (first, last) {
            (Some(first), Some(last)) => Some((parse_date(&first)?, parse_date(&last)?)),
            _ => None,
        };
        let (first, last): (Option<String>, Option<String>) = self.conn.query_row(
            "SELECT min(period), max(period) FROM billing_snapshots WHERE campaign_id = :id",
            named_params! { ":id": id },
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let month = |p: String| {
            BillingPeriod::parse(&p).ok_or_else(|| Error::CorruptRow { table: "billing_snapshots", key: id.to_string(), detail: p })
        };
        let periods = match (first, last) {
            (Some(first), Some(last)) => Some((month(first)?, month(last)?)),
            _ => None,
        };
        Ok(RecordedSpan { days, periods })
    }

    /// Sets the thresholds that make a target high-risk.
    pub fn set_risk_settings(&self, id: CampaignId, settings: RiskSettings) -> Result<Campaign> {
        let s = settings.validated()?;
        let changed = self.conn.execute(
            "UPDATE campaigns SET expiry_window_days = :days, high_spend_fen = :high_spend, high_price_fen = :high_price WHERE id = :id",
            named_params! {
                ":id": id,
                ":days": s.expiry_window_days,
                ":high_spend": s.high_spend.fen(),
                ":high_price": s.high_price.fen(),
            },
        )?;
        if changed == 0 {
            return Err(Error::NotFound { entity: Entity::Campaign, key: id.to_string() });
        }
        self.get(id)
    }

    /// Targets and contracts counted by category, tier and team, for the overview.
    pub fn summary(&self, id: CampaignId) -> Result<CampaignSummary> {
        let campaign = self.get(id)?;
        // One pass over the targets and their contracts, grouped per client, with the same
        // three risk tests as `risk::assess` and the client filter; folded here by category,
        // tier and team. (Separate GROUP BY queries cost four passes: 234 ms at 100k.)
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.category, c.tier, c.team_id, coalesce(tm.name, '') AS team, count(k.id) AS contracts,
                    coalesce(max(k.end_date IS NOT NULL AND k.end_date <= :cutoff), 0)
                    OR total(k.monthly_fee_fen) > :high_spend
                    OR coalesce(max(k.product_type = 'broadband' AND k.monthly_fee_fen > :high_price), 0) AS risky
             FROM campaign_targets t
             JOIN clients c ON c.id = t.client_id
             LEFT JOIN teams tm ON tm.id = c.team_id
             LEFT JOIN contracts k ON k.client_id = t.client_id
             WHERE t.campaign_id = :id
             GROUP BY t.client_id",
        )?;
        let risk = &campaign.risk;
        let mut summary = CampaignSummary::default();
        let mut teams: Vec<(Option<i64>, String, i64, i64)> = Vec::new();
        let mut rows = stmt.query(named_params! {
            ":id": id,
            ":cutoff": risk.expiry_cutoff(campaign.end_date).to_string(),
            ":high_spend": risk.high_spend.fen(),
            ":high_price": risk.high_price.fen(),
        })?;
        let bump = |list: &mut Vec<(String, i64)>, key: &str, by: i64| match list.iter_mut().find(|(k, _)| k == key) {
            Some((_, n)) => *n += by,
            None => list.push((key.to_string(), by)),
        };
        while let Some(r) = rows.next()? {
            let (category, tier): (String, String) = (r.get("category")?, r.get("tier")?);
            let (team_id, team): (Option<i64>, String) = (r.get("team_id")?, r.get("team")?);
            let risky = i64::from(r.get::<_, bool>("risky")?);
            summary.targets += 1;
            summary.contracts += r.get::<_, i64>("contracts")?;
            summary.high_risk += risky;
            bump(&mut summary.by_category, &category, 1);
            bump(&mut summary.by_tier, &tier, 1);
            if risky == 1 {
                bump(&mut summary.high_risk_by_category, &category, 1);
            }
            match teams.iter_mut().find(|t| t.0 == team_id) {
                Some(t) => (t.2, t.3) = (t.2 + 1, t.3 + risky),
                None => teams.push((team_id, team, 1, risky)),
            }
        }
        let order = |c: &str| Category::from_code(c).map_or(9, |c| Category::ALL.iter().position(|x| *x == c).unwrap_or(9));
        summary.by_category.sort_by_key(|(c, _)| order(c));
        summary.by_tier.sort();
        teams.sort_by_key(|t| t.0);
        summary.by_team = teams.iter().map(|t| (t.1.clone(), t.2)).collect();
        summary.high_risk_by_team = teams.iter().filter(|t| t.3 > 0).map(|t| (t.1.clone(), t.3)).collect();
        for list in [&mut summary.high_risk_by_category, &mut summary.high_risk_by_team] {
            list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        }
        Ok(summary)
    }
}
