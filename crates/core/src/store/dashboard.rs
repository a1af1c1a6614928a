//! The dashboard's figures on a day, for the whole campaign or one team: each section in one
//! aggregate query (see `domain/dashboard.rs` for what each figure means).

use chrono::NaiveDate;
use rusqlite::{named_params, ToSql};

use crate::domain::dashboard::{
    AwardLeaders, Calendar, Dashboard, GoalProgress, HighRiskGaps, KpiProgress, PartProgress, SubsidyUse, TeamPlans, WarningAge,
    WarningAges, LEADING_PLACES,
};
use crate::domain::ids::{CampaignId, TeamId};
use crate::domain::kpi::{status, week_ends, Kpi, KpiOwner, KpiReading};
use crate::domain::prizes::incentive_budget;
use crate::domain::warning::retention_bp;
use crate::domain::Campaign;
use crate::error::Result;

/// Client ids with a live plan in the campaign on `:as_of` (as `kpi_figures` counts coverage).
const PLANNED_ON: &str = "(SELECT p.client_id FROM plans p WHERE p.campaign_id = :campaign
        AND (p.deleted_at IS NULL OR substr(p.deleted_at, 1, 10) > :as_of)
        AND NOT EXISTS (SELECT 1 FROM plan_log l WHERE l.plan_id = p.id AND l.field = 'plan' AND l.to_value = 'created'
                        AND substr(l.at, 1, 10) > :as_of))";

/// A client `c` of the team bound as `:team`, or any client when it is null.
const OF_TEAM: &str = "(:team IS NULL OR c.team_id = :team)";

impl super::Dashboards<'_> {
    /// The campaign's progress on `as_of`, narrowed to `team` when given.
    pub fn read(&self, campaign_id: CampaignId, as_of: NaiveDate, team: Option<TeamId>) -> Result<Dashboard> {
        let campaign = self.campaigns().get(campaign_id)?;
        let team_name = team.map(|id| self.org().team(id).map(|t| t.name)).transpose()?;
        let week_ends = week_ends(campaign.start_date, campaign.end_date, as_of);
        let (goals, parts) = self.kpi_progress(&campaign, as_of, &week_ends, team)?;
        let standings = self.awards().standings(campaign_id, as_of)?;
        let budget = self.campaigns().incentive_budget(campaign_id)?;
        Ok(Dashboard {
            campaign_id,
            campaign_name: campaign.name.clone(),
            start_date: campaign.start_date,
            end_date: campaign.end_date,
            as_of,
            team_id: team,
            calendar: Calendar::on(campaign.start_date, campaign.end_date, as_of),
            week_ends,
            goals,
            parts,
            subsidy: self.subsidy_use(&campaign, team_name.as_deref())?,
            incentive: incentive_budget(budget, &standings, as_of),
            plans: self.plans_by_team(campaign_id, as_of, team)?,
            warnings: self.warning_ages(campaign_id, as_of, team)?,
            leaders: standings
                .iter()
                .flat_map(|s| {
                    s.rankings.iter().map(|r| AwardLeaders {
                        award_id: s.award_id,
                        name: s.name.clone(),
                        scope: r.scope,
                        industry: r.industry.clone(),
                        unit: r.unit.clone(),
                        leaders: r.entries.iter().filter(|e| e.rank <= LEADING_PLACES && e.score > 0).cloned().collect(),
                        prize_cost: s.prize_cost.cost,
                    })
                })
                .collect(),
            gaps: self.high_risk_gaps(&campaign, as_of, team)?,
            team_name,
        })
    }

    fn kpi_progress(
        &self,
        campaign: &Campaign,
        as_of: NaiveDate,
        week_ends: &[NaiveDate],
        team: Option<TeamId>,
    ) -> Result<(Vec<GoalProgress>, Vec<PartProgress>)> {
        let kpis = self.kpis().list(campaign.id)?;
        let progress = |kpi: &Kpi| -> Result<KpiProgress> {
            let value = self.kpis().value(kpi, as_of, team)?;
            let trend = self.kpis().series(kpi, week_ends, team)?;
            let status = status(kpi.metric, value, kpi.target, kpi.higher_is_better, campaign.start_date, campaign.end_date, as_of);
            Ok(KpiProgress { reading: KpiReading { kpi: kpi.clone(), as_of, value, status }, trend })
        };
        let of = |owner: KpiOwner| -> Result<Vec<KpiProgress>> { kpis.iter().filter(|k| k.owner == owner).map(progress).collect() };
        let goals = self
            .kpis()
            .goals(campaign.id)?
            .into_iter()
            .map(|goal| Ok(GoalProgress { kpis: of(KpiOwner::Goal(goal.id))?, goal }))
            .collect::<Result<_>>()?;
        let parts = self
            .kpis()
            .parts(campaign.id)?
            .into_iter()
            .map(|part| Ok(PartProgress { kpis: of(KpiOwner::Part(part.id))?, part }))
            .collect::<Result<_>>()?;
        Ok((goals, parts))
    }

    fn subsidy_use(&self, campaign: &Campaign, team_name: Option<&str>) -> Result<SubsidyUse> {
        let totals = self.subsidies().totals(campaign.id)?;
        let used = match team_name {
            None => totals.total,
            Some(name) => totals.by_team.iter().find(|r| r.key == name).map(|r| r.amount).unwrap_or_default(),
        };
        Ok(SubsidyUse::new(campaign.subsidy_budget, used))
    }

    /// Plan work per team of the campaign's targets, then the whole; teams without targets are left out.
    fn plans_by_team(&self, campaign_id: CampaignId, as_of: NaiveDate, team: Option<TeamId>) -> Result<Vec<TeamPlans>> {
        let params = named_params! { ":campaign": campaign_id, ":as_of": as_of.to_string(), ":team": team };
        let mut stmt = self.conn.prepare_cached(&format!(
            "WITH cover AS (
                 SELECT c.team_id, count(*) AS targets, count(*) FILTER (WHERE c.id IN {PLANNED_ON}) AS planned
                 FROM campaign_targets t JOIN clients c ON c.id = t.client_id
                 WHERE t.campaign_id = :campaign AND {OF_TEAM} GROUP BY c.team_id),
             work AS (
                 SELECT c.team_id, count(*) AS items,
                        count(*) FILTER (WHERE i.status = 'done' AND i.done_on <= :as_of) AS done,
                        count(*) FILTER (WHERE i.due_date < :as_of AND NOT (i.status = 'done' AND i.done_on <= :as_of)) AS overdue
                 FROM plan_items i JOIN plans p ON p.id = i.plan_id JOIN clients c ON c.id = p.client_id
                 WHERE p.campaign_id = :campaign AND p.deleted_at IS NULL AND i.deleted_at IS NULL AND {OF_TEAM}
                 GROUP BY c.team_id)
             SELECT cover.team_id, coalesce(tm.name, '') AS name, cover.targets, cover.planned,
                    coalesce(work.items, 0), coalesce(work.done, 0), coalesce(work.overdue, 0)
             FROM cover LEFT JOIN work ON work.team_id IS cover.team_id LEFT JOIN teams tm ON tm.id = cover.team_id
             ORDER BY tm.name IS NULL, tm.name"
        ))?;
        let mut rows: Vec<TeamPlans> = stmt
            .query_map(params, |r| {
                Ok(TeamPlans {
                    team_id: r.get(0)?,
                    team_name: r.get(1)?,
                    targets: r.get(2)?,
                    planned: r.get(3)?,
                    items: r.get(4)?,
                    done: r.get(5)?,
                    overdue: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let whole = rows.iter().fold(
            TeamPlans { team_id: None, team_name: String::new(), targets: 0, planned: 0, items: 0, done: 0, overdue: 0 },
            |mut sum, r| {
                sum.targets += r.targets;
                sum.planned += r.planned;
                sum.items += r.items;
                sum.done += r.done;
                sum.overdue += r.overdue;
                sum
            },
        );
        rows.push(whole);
        Ok(rows)
    }

    /// Targets' warnings open on the day (raised by it, not closed by it) by age, and those closed by it.
    fn warning_ages(&self, campaign_id: CampaignId, as_of: NaiveDate, team: Option<TeamId>) -> Result<WarningAges> {
        let params: &[(&str, &dyn ToSql)] = named_params! { ":campaign": campaign_id, ":as_of": as_of.to_string(), ":team": team };
        let from = format!(
            "FROM warnings w JOIN contracts k ON k.id = w.contract_id JOIN clients c ON c.id = k.client_id
             LEFT JOIN teams tm ON tm.id = c.team_id
             WHERE w.campaign_id = :campaign AND w.raised_on <= :as_of AND {OF_TEAM}
               AND EXISTS (SELECT 1 FROM campaign_targets t WHERE t.campaign_id = :campaign AND t.client_id = c.id)"
        );
        const OPEN: &str = "(w.closed_on IS NULL OR w.closed_on > :as_of)";
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT CAST(julianday(:as_of) - julianday(w.raised_on) AS INTEGER) AS age, count(*) {from} AND {OPEN} GROUP BY age"
        ))?;
        let mut by_age: Vec<(WarningAge, i64)> = WarningAge::ALL.iter().map(|a| (*a, 0)).collect();
        let mut open = 0;
        let mut rows = stmt.query(params)?;
        while let Some(r) = rows.next()? {
            let (age, n): (i64, i64) = (r.get(0)?, r.get(1)?);
            open += n;
            if let Some(slot) = by_age.iter_mut().find(|(a, _)| *a == WarningAge::of(age)) {
                slot.1 += n;
            }
        }
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT coalesce(tm.name, '') AS name, count(*) {from} AND {OPEN} GROUP BY 1 ORDER BY 2 DESC, 1"))?;
        let open_by_team = stmt.query_map(params, |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let (retained, lost): (i64, i64) = self.conn.query_row(
            &format!(
                "SELECT count(*) FILTER (WHERE w.status = 'retained' AND w.closed_on <= :as_of),
                        count(*) FILTER (WHERE w.status = 'lost' AND w.closed_on <= :as_of) {from}"
            ),
            params,
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(WarningAges { open, by_age, open_by_team, retained, lost, retention_bp: retention_bp(retained, lost) })
    }

    /// High-risk targets by the campaign's risk rule (as the client list's 高风险 filter), and
    /// those without a subsidy, a live plan on the day, or a fibre-to-the-premises contract.
    fn high_risk_gaps(&self, campaign: &Campaign, as_of: NaiveDate, team: Option<TeamId>) -> Result<HighRiskGaps> {
        self.subsidies().totals(campaign.id)?;
        let sql = format!(
            "SELECT count(*),
                    count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM client_subsidies s
                                                       WHERE s.campaign_id = :campaign AND s.client_id = c.id AND s.amount_fen > 0)),
                    count(*) FILTER (WHERE c.id NOT IN {PLANNED_ON}),
                    count(*) FILTER (WHERE NOT risky.fibre)
             FROM (SELECT k.client_id, max(k.fiber_to_premises = 1) AS fibre FROM contracts k GROUP BY k.client_id
                   HAVING max(k.end_date IS NOT NULL AND k.end_date <= :risk_cutoff)
                       OR total(k.monthly_fee_fen) > :risk_spend
                       OR max(k.product_type = 'broadband' AND k.monthly_fee_fen > :risk_price)) risky
             JOIN clients c ON c.id = risky.client_id
             WHERE EXISTS (SELECT 1 FROM campaign_targets t WHERE t.campaign_id = :campaign AND t.client_id = c.id) AND {OF_TEAM}"
        );
        let cutoff = campaign.risk.expiry_cutoff(campaign.end_date).to_string();
        Ok(self.conn.query_row(
            &sql,
            named_params! {
                ":campaign": campaign.id, ":as_of": as_of.to_string(), ":team": team, ":risk_cutoff": cutoff,
                ":risk_spend": campaign.risk.high_spend.fen(), ":risk_price": campaign.risk.high_price.fen(),
            },
            |r| Ok(HighRiskGaps { high_risk: r.get(0)?, without_subsidy: r.get(1)?, without_plan: r.get(2)?, without_fibre: r.get(3)? }),
        )?)
    }
}
