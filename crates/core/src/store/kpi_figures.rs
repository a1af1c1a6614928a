//! What each KPI metric comes to as of a date, aggregated in SQL so a campaign of a million
//! targets is read in a few passes, never client by client.
//!
//! As of a date: achievements by their date; plan items by `done_on`; a plan exists from its
//! 'created' log line (a plan without one, from before the log, counts from the start) until it
//! was deleted; warnings of targets by `raised_on` and, for their outcome, `closed_on`; billing snapshots by
//! period up to the date's month; key-person changes by `changed_on`. Undated in the data, and so
//! read as they are now: the contracts behind the high-risk flags and fibre, and subsidies
//! (derived from the current contracts and rules; nothing records when a subsidy was adopted).

use chrono::{Days, NaiveDate};
use rusqlite::named_params;

use super::clients::bind_risk;
use super::filter::Where;
use crate::domain::ids::CampaignId;
use crate::domain::kpi::{percent, status, Kpi, KpiOwner, KpiReading, Metric};
use crate::domain::skeleton::Scope;
use crate::domain::RiskFilter;
use crate::error::Result;

/// Holds for a client `c` inside the scope bound as `:scope` (JSON); an empty list does not narrow.
const IN_SCOPE: &str = "(coalesce(json_array_length(:scope, '$.product_types'), 0) = 0
        OR EXISTS (SELECT 1 FROM contracts sk WHERE sk.client_id = c.id
                   AND sk.product_type IN (SELECT value FROM json_each(:scope, '$.product_types'))))
    AND (coalesce(json_array_length(:scope, '$.team_ids'), 0) = 0 OR c.team_id IN (SELECT value FROM json_each(:scope, '$.team_ids')))
    AND (coalesce(json_array_length(:scope, '$.industries'), 0) = 0 OR c.industry IN (SELECT value FROM json_each(:scope, '$.industries')))";

/// Client ids with a plan in the campaign on `:as_of`: uncorrelated, so SQLite builds it once.
const PLANNED: &str = "(SELECT p.client_id FROM plans p WHERE p.campaign_id = :campaign
        AND (p.deleted_at IS NULL OR substr(p.deleted_at, 1, 10) > :as_of)
        AND NOT EXISTS (SELECT 1 FROM plan_log l WHERE l.plan_id = p.id AND l.field = 'plan' AND l.to_value = 'created'
                        AND substr(l.at, 1, 10) > :as_of))";

const TARGETS: &str = "FROM campaign_targets t JOIN clients c ON c.id = t.client_id";

impl super::Kpis<'_> {
    /// One row of `sql` with those of `w`'s names it uses: each metric's query uses only some of
    /// the names every metric binds, and SQLite refuses a value for a name a statement lacks.
    fn row<T>(&self, sql: &str, w: &Where, f: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>) -> Result<T> {
        let mut stmt = self.conn.prepare(sql)?;
        let mut used = Vec::new();
        for (name, value) in w.params() {
            if stmt.parameter_index(name)?.is_some() {
                used.push((name, value));
            }
        }
        Ok(stmt.query_row(used.as_slice(), f)?)
    }

    /// The KPI's figure on `as_of`, in its metric's unit; none when there is nothing to measure
    /// yet (no closed warning, no target, no budget, no value entered).
    pub fn value(&self, kpi: &Kpi, as_of: NaiveDate, _team: Option<crate::domain::ids::TeamId>) -> Result<Option<f64>> {
        let scope = match kpi.owner {
            KpiOwner::Goal(_) => Scope::default(),
            KpiOwner::Part(id) => self.parts(kpi.campaign_id)?.into_iter().find(|p| p.id == id).map(|p| p.scope).unwrap_or_default(),
        };
        let scope = serde_json::to_string(&scope).map_err(|e| crate::error::Error::Io(std::io::Error::other(e)))?;
        let campaign = kpi.campaign_id;
        let day = as_of.to_string();
        let two = |sql: &str, w: &Where| -> Result<(i64, i64)> { self.row(sql, w, |r| Ok((r.get(0)?, r.get(1)?))) };
        let base = |w: &mut Where| {
            w.bind(":campaign", campaign).bind(":as_of", day.clone()).bind(":scope", scope.clone());
        };
        let mut w = Where::new();
        base(&mut w);
        Ok(match kpi.metric {
            Metric::WarningRetention => {
                let (retained, lost) = two(
                    &format!(
                        "SELECT count(*) FILTER (WHERE w.status = 'retained' AND w.closed_on <= :as_of),
                                count(*) FILTER (WHERE w.status = 'lost' AND w.closed_on <= :as_of)
                         FROM warnings w JOIN contracts k ON k.id = w.contract_id JOIN clients c ON c.id = k.client_id
                         WHERE w.campaign_id = :campaign AND w.raised_on <= :as_of
                           AND EXISTS (SELECT 1 FROM campaign_targets t WHERE t.campaign_id = :campaign AND t.client_id = c.id)
                           AND {IN_SCOPE}"
                    ),
                    &w,
                )?;
                percent(retained, retained + lost)
            }
            Metric::RevenueKept => {
                w.bind(":month", as_of.format("%Y-%m").to_string());
                let (first, kept): (f64, f64) = self.row(
                    &format!(
                        "WITH span AS (SELECT contract_id, min(period) AS first, max(period) AS last FROM billing_snapshots
                                       WHERE campaign_id = :campaign AND period <= :month GROUP BY contract_id)
                         SELECT total(CASE WHEN f.in_network THEN f.tariff_fen ELSE 0 END),
                                total(CASE WHEN l.in_network THEN l.tariff_fen ELSE 0 END)
                         FROM span
                         JOIN billing_snapshots f ON f.campaign_id = :campaign AND f.contract_id = span.contract_id AND f.period = span.first
                         JOIN billing_snapshots l ON l.campaign_id = :campaign AND l.contract_id = span.contract_id AND l.period = span.last
                         JOIN contracts k ON k.id = span.contract_id JOIN clients c ON c.id = k.client_id
                         WHERE EXISTS (SELECT 1 FROM campaign_targets t WHERE t.campaign_id = :campaign AND t.client_id = c.id)
                           AND {IN_SCOPE}"
                    ),
                    &w,
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                (first > 0.0).then(|| kept * 100.0 / first)
            }
            Metric::AchievementQuantity | Metric::AchievementAmount => {
                w.bind(":metric", kpi.parameter.metric.clone().unwrap_or_default());
                // An achievement's industry is its own 行业 or its client's; product types go by its client.
                let (quantity, amount_fen): (f64, f64) = self.row(
                    "SELECT total(a.quantity), total(a.amount_fen) FROM achievements a LEFT JOIN clients c ON c.id = a.client_id
                     WHERE a.campaign_id = :campaign AND a.metric = :metric AND a.date <= :as_of
                       AND (coalesce(json_array_length(:scope, '$.product_types'), 0) = 0
                            OR EXISTS (SELECT 1 FROM contracts sk WHERE sk.client_id = a.client_id
                                       AND sk.product_type IN (SELECT value FROM json_each(:scope, '$.product_types'))))
                       AND (coalesce(json_array_length(:scope, '$.team_ids'), 0) = 0
                            OR a.team_id IN (SELECT value FROM json_each(:scope, '$.team_ids')))
                       AND (coalesce(json_array_length(:scope, '$.industries'), 0) = 0
                            OR coalesce(a.industry, c.industry) IN (SELECT value FROM json_each(:scope, '$.industries')))",
                    &w,
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                Some(if kpi.metric == Metric::AchievementQuantity { quantity } else { amount_fen / 100.0 })
            }
            Metric::PlanCoverage => {
                let (planned, targets) = two(
                    &format!(
                        "SELECT count(*) FILTER (WHERE c.id IN {PLANNED}), count(*) {TARGETS}
                         WHERE t.campaign_id = :campaign AND {IN_SCOPE}"
                    ),
                    &w,
                )?;
                percent(planned, targets)
            }
            Metric::PlanCompletion => {
                // Live plans and items, as the organisation award counts them (store/standings.rs).
                let (done, items) = two(
                    &format!(
                        "SELECT count(*) FILTER (WHERE i.status = 'done' AND i.done_on <= :as_of), count(*)
                         FROM plan_items i JOIN plans p ON p.id = i.plan_id JOIN clients c ON c.id = p.client_id
                         WHERE p.campaign_id = :campaign AND p.deleted_at IS NULL AND i.deleted_at IS NULL AND {IN_SCOPE}"
                    ),
                    &w,
                )?;
                percent(done, items)
            }
            Metric::SubsidyBudgetUsed => {
                let budget = self.campaigns().get(campaign)?.subsidy_budget.fen();
                self.subsidies().totals(campaign)?;
                let used: f64 = self.row(
                    &format!(
                        "SELECT total(s.amount_fen) FROM client_subsidies s JOIN clients c ON c.id = s.client_id
                         WHERE s.campaign_id = :campaign AND {IN_SCOPE}"
                    ),
                    &w,
                    |r| r.get(0),
                )?;
                (budget > 0).then(|| used * 100.0 / budget as f64)
            }
            Metric::HighRiskWithSubsidy | Metric::HighRiskWithPlan | Metric::HighRiskWithFibre => {
                let with = match kpi.metric {
                    Metric::HighRiskWithSubsidy => {
                        self.subsidies().totals(campaign)?;
                        "EXISTS (SELECT 1 FROM client_subsidies s WHERE s.campaign_id = :campaign AND s.client_id = c.id AND s.amount_fen > 0)"
                            .to_string()
                    }
                    Metric::HighRiskWithPlan => format!("c.id IN {PLANNED}"),
                    _ => "EXISTS (SELECT 1 FROM contracts f WHERE f.client_id = c.id AND f.fiber_to_premises = 1)".to_string(),
                };
                let whole = self.campaigns().get(campaign)?;
                bind_risk(&mut w, RiskFilter::Any, &whole);
                // The rule of `clients::risk_sql` (Any), read in one grouped pass over contracts
                // instead of three lookups per client: half the time at a million targets.
                let (part, all) = two(
                    &format!(
                        "SELECT count(*) FILTER (WHERE {with}), count(*)
                         FROM (SELECT k.client_id FROM contracts k GROUP BY k.client_id
                               HAVING max(k.end_date IS NOT NULL AND k.end_date <= :risk_cutoff)
                                   OR total(k.monthly_fee_fen) > :risk_spend
                                   OR max(k.product_type = 'broadband' AND k.monthly_fee_fen > :risk_price)) risky
                         JOIN clients c ON c.id = risky.client_id
                         WHERE EXISTS (SELECT 1 FROM campaign_targets t WHERE t.campaign_id = :campaign AND t.client_id = c.id)
                           AND {IN_SCOPE}"
                    ),
                    &w,
                )?;
                percent(part, all)
            }
            Metric::KeyPersonConfirmed => {
                let start = self.campaigns().get(campaign)?.start_date;
                let days = kpi.parameter.days.unwrap_or(1).max(1) as u64;
                let window_end = start.checked_add_days(Days::new(days - 1)).unwrap_or(start).min(as_of);
                w.bind(":start", start.to_string()).bind(":window_end", window_end.to_string());
                let (confirmed, targets) = two(
                    &format!(
                        "SELECT count(*) FILTER (WHERE c.id IN (SELECT kp.client_id FROM key_person_changes kp
                                                               WHERE kp.changed_on BETWEEN :start AND :window_end)),
                                count(*) {TARGETS}
                         WHERE t.campaign_id = :campaign AND {IN_SCOPE}"
                    ),
                    &w,
                )?;
                percent(confirmed, targets)
            }
            Metric::Manual => self.conn.query_row(
                "SELECT (SELECT value FROM kpi_values WHERE kpi_id = :id AND week_end <= :as_of ORDER BY week_end DESC LIMIT 1)",
                named_params! { ":id": kpi.id, ":as_of": day },
                |r| r.get(0),
            )?,
        })
    }

    /// Every KPI of the campaign with its figure and status on `as_of`.
    pub fn readings(&self, campaign_id: CampaignId, as_of: NaiveDate, team: Option<crate::domain::ids::TeamId>) -> Result<Vec<KpiReading>> {
        let campaign = self.campaigns().get(campaign_id)?;
        let mut out = Vec::new();
        for kpi in self.list(campaign_id)? {
            let value = self.value(&kpi, as_of, team)?;
            let status = status(kpi.metric, value, kpi.target, kpi.higher_is_better, campaign.start_date, campaign.end_date, as_of);
            out.push(KpiReading { kpi, as_of, value, status });
        }
        Ok(out)
    }
    pub fn series(&self, kpi: &Kpi, week_ends: &[NaiveDate], team: Option<crate::domain::ids::TeamId>) -> Result<Vec<Option<f64>>> {
        week_ends.iter().map(|d| self.value(kpi, *d, team)).collect()
    }
}
