//! The dashboard's figures on a day, for the whole campaign or one team: each section from a
//! few aggregate reads, most of them of the KPI tallies (see `domain/dashboard.rs` for what each figure means).

use chrono::NaiveDate;
use std::collections::HashMap;

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

    /// Each goal's and each battle's or workstream's KPIs with their reading and weekly trend.
    pub fn kpi_progress(
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

    /// The subsidy budget and what the campaign's (or one team's) subsidies come to.
    pub fn subsidy_use(&self, campaign: &Campaign, team_name: Option<&str>) -> Result<SubsidyUse> {
        let totals = self.subsidies().totals(campaign.id)?;
        let used = match team_name {
            None => totals.total,
            Some(name) => totals.by_team.iter().find(|r| r.key == name).map(|r| r.amount).unwrap_or_default(),
        };
        Ok(SubsidyUse::new(campaign.subsidy_budget, used))
    }

    /// Plan work per team of the campaign's targets, then the whole; teams without targets are
    /// left out. Read from the KPI tallies (`kpi_figures`), which count exactly this.
    pub fn plans_by_team(&self, campaign_id: CampaignId, as_of: NaiveDate, team: Option<TeamId>) -> Result<Vec<TeamPlans>> {
        const FACTS: [&str; 6] = ["targets", "planned", "items", "items_done", "items_late", "items_late_done"];
        let counts = self.kpis().by_team(campaign_id, &FACTS, as_of, team)?;
        let names: HashMap<TeamId, String> = self.org().teams()?.into_iter().map(|t| (t.id, t.name)).collect();
        let mut rows: Vec<TeamPlans> = counts
            .iter()
            .filter(|(_, c)| c.get("targets").is_some_and(|n| *n > 0))
            .map(|(team_id, c)| {
                let n = |fact: &str| c.get(fact).copied().unwrap_or(0);
                TeamPlans {
                    team_id: *team_id,
                    team_name: team_id.and_then(|id| names.get(&id).cloned()).unwrap_or_default(),
                    targets: n("targets"),
                    planned: n("planned"),
                    items: n("items"),
                    done: n("items_done"),
                    overdue: n("items_late") - n("items_late_done"),
                }
            })
            .collect();
        // Named teams by name, then the targets without a team.
        rows.sort_by(|x, y| (x.team_id.is_none(), &x.team_name).cmp(&(y.team_id.is_none(), &y.team_name)));
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

    /// Targets' warnings open on the day (raised by it, not closed by it) by age and team, and
    /// those closed by it; read from the KPI tallies, which count exactly these.
    pub fn warning_ages(&self, campaign_id: CampaignId, as_of: NaiveDate, team: Option<TeamId>) -> Result<WarningAges> {
        let names: HashMap<TeamId, String> = self.org().teams()?.into_iter().map(|t| (t.id, t.name)).collect();
        let mut by_age: Vec<(WarningAge, i64)> = WarningAge::ALL.iter().map(|a| (*a, 0)).collect();
        let mut by_team: HashMap<String, i64> = HashMap::new();
        let mut open = 0;
        for (team_id, raised, n) in self.kpis().open_warnings(campaign_id, as_of, team)? {
            open += n;
            let age = WarningAge::of((as_of - raised).num_days());
            if let Some(slot) = by_age.iter_mut().find(|(a, _)| *a == age) {
                slot.1 += n;
            }
            *by_team.entry(team_id.and_then(|id| names.get(&id).cloned()).unwrap_or_default()).or_default() += n;
        }
        let mut open_by_team: Vec<(String, i64)> = by_team.into_iter().collect();
        open_by_team.sort_by(|(a, x), (b, y)| y.cmp(x).then_with(|| a.cmp(b)));
        let closed = self.kpis().by_team(campaign_id, &["retained", "lost"], as_of, team)?;
        let n = |fact: &str| closed.values().map(|c| c.get(fact).copied().unwrap_or(0)).sum::<i64>();
        let (retained, lost) = (n("retained"), n("lost"));
        Ok(WarningAges { open, by_age, open_by_team, retained, lost, retention_bp: retention_bp(retained, lost) })
    }

    /// High-risk targets by the campaign's risk rule (as the client list's 高风险 filter), and
    /// those without a subsidy, a live plan on the day, or a fibre-to-the-premises contract;
    /// read from the KPI tallies, which count exactly these.
    pub fn high_risk_gaps(&self, campaign: &Campaign, as_of: NaiveDate, team: Option<TeamId>) -> Result<HighRiskGaps> {
        const FACTS: [&str; 4] = ["risky", "risky_subsidy", "risky_planned", "risky_fibre"];
        let counts = self.kpis().by_team(campaign.id, &FACTS, as_of, team)?;
        let n = |fact: &str| counts.values().map(|c| c.get(fact).copied().unwrap_or(0)).sum::<i64>();
        let high_risk = n("risky");
        Ok(HighRiskGaps {
            high_risk,
            without_subsidy: high_risk - n("risky_subsidy"),
            without_plan: high_risk - n("risky_planned"),
            without_fibre: high_risk - n("risky_fibre"),
        })
    }
}
