//! What each KPI metric comes to as of a date, and its weekly series, for the whole campaign or
//! one team.
//!
//! As of a date: achievements by their date; plan items by `done_on`; a plan exists from its
//! 'created' log line (a plan without one, from before the log, counts from the start) until it
//! was deleted; warnings of targets by `raised_on` and, for their outcome, `closed_on`; billing snapshots by
//! period up to the date's month; key-person changes by `changed_on`. Undated in the data, and so
//! read as they are now: the contracts behind the high-risk flags and fibre, and subsidies
//! (derived from the current contracts and rules; nothing records when a subsidy was adopted).
//!
//! Every metric but achievements and hand-entered values is read from `kpi_tallies`: per group
//! of clients (team, industry, the product types of their contracts) and per day, what each fact
//! adds from that day on. A scope, a team and any number of dates are then answered from a few
//! hundred rows. A family of facts is rebuilt, in a few grouped passes, the first time it is read
//! after a row it is computed from changed (the triggers of migrations 0014 and 0015 mark it
//! stale). Each client's group is kept too (`kpi_client_groups`, rebuilt with the `targets`
//! family), so an edit to a plan or a warning rebuilds only that family.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use rusqlite::{named_params, OptionalExtension, ToSql};

use crate::domain::ids::{CampaignId, TeamId};
use crate::domain::kpi::{percent, status, Kpi, KpiOwner, KpiReading, Metric};
use crate::domain::skeleton::Scope;
use crate::domain::{Campaign, ProductType};
use crate::error::Result;

/// A family of facts is rebuilt together; each fact belongs to one family.
const FAMILIES: [(&str, &[&str]); 6] = [
    ("targets", &["targets", "risky", "risky_fibre"]),
    ("plans", &["planned", "risky_planned", "items", "items_done", "items_late", "items_late_done", "owned_items", "owned_done"]),
    ("warnings", &["retained", "lost", "warned"]),
    ("snapshots", &["first_fen", "kept_fen"]),
    ("key_people", &["key_person"]),
    ("subsidies", &["subsidy_fen", "risky_subsidy"]),
];

/// The bit a product type sets in a group's `types`.
fn type_bit(product: ProductType) -> i64 {
    match product {
        ProductType::FiberOnly => 1,
        ProductType::Bundle => 2,
        ProductType::Broadband => 4,
        ProductType::Mobile => 8,
    }
}

/// SQL for the `types` bits of the contracts `k` grouped by client, in the same codes.
const TYPE_BITS: &str = "(max(k.product_type = 'fiber_only') | (max(k.product_type = 'bundle') << 1)
        | (max(k.product_type = 'broadband') << 2) | (max(k.product_type = 'mobile') << 3))";

/// The facts of a scope and team: each fact's amounts by day ('' = always), in day order.
struct Tally {
    rows: HashMap<String, Vec<(String, i64)>>,
}

impl Tally {
    /// What `fact` comes to on `on`: the sum of its amounts from days up to it.
    fn at(&self, fact: &str, on: NaiveDate) -> i64 {
        let on = on.to_string();
        self.rows.get(fact).map_or(0, |rows| rows.iter().take_while(|(day, _)| *day <= on).map(|(_, amount)| amount).sum())
    }
}

/// The figure of a tallied metric on `on`.
fn figure(metric: Metric, t: &Tally, on: NaiveDate, budget_fen: i64, key_person_until: Option<NaiveDate>) -> Option<f64> {
    let share = |part: &str, whole: &str| percent(t.at(part, on), t.at(whole, on));
    match metric {
        Metric::WarningRetention => {
            let retained = t.at("retained", on);
            percent(retained, retained + t.at("lost", on))
        }
        Metric::RevenueKept => {
            let first = t.at("first_fen", on);
            (first > 0).then(|| t.at("kept_fen", on) as f64 * 100.0 / first as f64)
        }
        Metric::PlanCoverage => share("planned", "targets"),
        Metric::PlanCompletion => share("items_done", "items"),
        Metric::SubsidyBudgetUsed => (budget_fen > 0).then(|| t.at("subsidy_fen", on) as f64 * 100.0 / budget_fen as f64),
        Metric::HighRiskWithSubsidy => share("risky_subsidy", "risky"),
        Metric::HighRiskWithPlan => share("risky_planned", "risky"),
        Metric::HighRiskWithFibre => share("risky_fibre", "risky"),
        Metric::KeyPersonConfirmed => {
            let until = key_person_until.map_or(on, |last| last.min(on));
            percent(t.at("key_person", until), t.at("targets", on))
        }
        Metric::AchievementQuantity
        | Metric::AchievementAmount
        | Metric::Manual
        | Metric::VisitsOnTime
        | Metric::FibrePrepared
        | Metric::SlaOnTime
        | Metric::GreetingsSent => None,
    }
}

/// The facts a tallied metric reads.
fn facts(metric: Metric) -> &'static [&'static str] {
    match metric {
        Metric::WarningRetention => &["retained", "lost"],
        Metric::RevenueKept => &["first_fen", "kept_fen"],
        Metric::PlanCoverage => &["planned", "targets"],
        Metric::PlanCompletion => &["items_done", "items"],
        Metric::SubsidyBudgetUsed => &["subsidy_fen"],
        Metric::HighRiskWithSubsidy => &["risky_subsidy", "risky"],
        Metric::HighRiskWithPlan => &["risky_planned", "risky"],
        Metric::HighRiskWithFibre => &["risky_fibre", "risky"],
        Metric::KeyPersonConfirmed => &["key_person", "targets"],
        Metric::AchievementQuantity
        | Metric::AchievementAmount
        | Metric::Manual
        | Metric::VisitsOnTime
        | Metric::FibrePrepared
        | Metric::SlaOnTime
        | Metric::GreetingsSent => &[],
    }
}

fn family_of(fact: &str) -> &'static str {
    FAMILIES.iter().find(|(_, facts)| facts.contains(&fact)).map_or("targets", |(family, _)| family)
}

/// Named values for a statement built at run time.
type Params = Vec<(&'static str, Box<dyn ToSql>)>;

/// Conditions on a group's `team_id`, `industry` and `types` (or what stands for them in
/// `columns`) for a scope and a team, and the values they bind: an empty list adds nothing.
fn group_filter(scope: &Scope, team: Option<TeamId>, columns: (&str, &str, &str)) -> (String, Params) {
    let (team_col, industry_col, types_col) = columns;
    let mut sql = String::new();
    let mut params: Params = Vec::new();
    if !scope.product_types.is_empty() {
        sql.push_str(&format!(" AND ({types_col} & :types) <> 0"));
        params.push((":types", Box::new(scope.product_types.iter().map(|p| type_bit(*p)).fold(0, |a, b| a | b))));
    }
    if !scope.team_ids.is_empty() {
        sql.push_str(&format!(" AND {team_col} IN (SELECT value FROM json_each(:teams))"));
        params.push((":teams", Box::new(serde_json::Value::from(scope.team_ids.iter().map(|t| t.0).collect::<Vec<_>>()).to_string())));
    }
    if !scope.industries.is_empty() {
        sql.push_str(&format!(" AND {industry_col} IN (SELECT value FROM json_each(:industries))"));
        params.push((":industries", Box::new(serde_json::Value::from(scope.industries.clone()).to_string())));
    }
    if let Some(team) = team {
        sql.push_str(&format!(" AND {team_col} = :team"));
        params.push((":team", Box::new(team.0)));
    }
    (sql, params)
}

impl super::Kpis<'_> {
    /// The KPI's figure on `as_of`, in its metric's unit, for the whole campaign or one team's
    /// clients (an achievement by its own team); none when there is nothing to measure yet (no
    /// closed warning, no target, no budget, no value entered) or when the KPI's battle or
    /// workstream leaves the team out.
    pub fn value(&self, kpi: &Kpi, as_of: NaiveDate, team: Option<TeamId>) -> Result<Option<f64>> {
        Ok(self.series(kpi, &[as_of], team)?.pop().flatten())
    }

    /// What [`value`](Self::value) gives on each of `days`, read in one pass: the dashboard's
    /// weekly trend. A subsidy metric has one figure on every day (see the module comment); a
    /// hand-entered KPI has none for one team (its weekly value is the whole campaign's).
    pub fn series(&self, kpi: &Kpi, days: &[NaiveDate], team: Option<TeamId>) -> Result<Vec<Option<f64>>> {
        let scope = match kpi.owner {
            KpiOwner::Goal(_) => Scope::default(),
            KpiOwner::Part(id) => self.parts(kpi.campaign_id)?.into_iter().find(|p| p.id == id).map(|p| p.scope).unwrap_or_default(),
        };
        let outside = team.is_some_and(|t| !scope.team_ids.is_empty() && !scope.team_ids.contains(&t));
        if outside || days.is_empty() || (team.is_some() && kpi.metric == Metric::Manual) {
            return Ok(vec![None; days.len()]);
        }
        let campaign = kpi.campaign_id;
        match kpi.metric {
            Metric::Manual => {
                let mut stmt = self.conn.prepare_cached("SELECT week_end, value FROM kpi_values WHERE kpi_id = :id ORDER BY week_end")?;
                let values = stmt
                    .query_map(named_params! { ":id": kpi.id }, |r| Ok((r.get::<_, String>(0)?, r.get::<_, f64>(1)?)))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok(days
                    .iter()
                    .map(|d| {
                        let d = d.to_string();
                        values.iter().take_while(|(week, _)| *week <= d).last().map(|(_, v)| *v)
                    })
                    .collect())
            }
            Metric::AchievementQuantity | Metric::AchievementAmount => {
                let Some(last) = days.iter().max() else { return Ok(Vec::new()) };
                // An achievement's industry is its own 行业 or its client's; product types go by its client.
                let by_rule = Scope { product_types: Vec::new(), ..scope.clone() };
                let (mut filter, mut params) = group_filter(&by_rule, team, ("a.team_id", "coalesce(a.industry, c.industry)", ""));
                if !scope.product_types.is_empty() {
                    filter.push_str(
                        " AND EXISTS (SELECT 1 FROM contracts sk WHERE sk.client_id = a.client_id
                                      AND sk.product_type IN (SELECT value FROM json_each(:products)))",
                    );
                    let codes: Vec<&str> = scope.product_types.iter().map(|p| p.code()).collect();
                    params.push((":products", Box::new(serde_json::Value::from(codes).to_string())));
                }
                let sql = format!(
                    "SELECT a.date, total(a.quantity), total(a.amount_fen) FROM achievements a LEFT JOIN clients c ON c.id = a.client_id
                     WHERE a.campaign_id = :campaign AND a.metric = :metric AND a.date <= :last{filter}
                     GROUP BY a.date ORDER BY a.date"
                );
                params.push((":campaign", Box::new(campaign)));
                params.push((":metric", Box::new(kpi.parameter.metric.clone().unwrap_or_default())));
                params.push((":last", Box::new(last.to_string())));
                let bound: Vec<(&str, &dyn ToSql)> = params.iter().map(|(n, v)| (*n, v.as_ref())).collect();
                let mut stmt = self.conn.prepare(&sql)?;
                let by_day = stmt
                    .query_map(bound.as_slice(), |r| Ok((r.get::<_, String>(0)?, r.get::<_, f64>(1)?, r.get::<_, f64>(2)?)))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok(days
                    .iter()
                    .map(|d| {
                        let d = d.to_string();
                        let upto = by_day.iter().filter(|(day, _, _)| *day <= d);
                        Some(if kpi.metric == Metric::AchievementQuantity {
                            upto.map(|(_, q, _)| q).sum()
                        } else {
                            upto.map(|(_, _, fen)| fen).sum::<f64>() / 100.0
                        })
                    })
                    .collect())
            }
            // Read from their own workstream's records rather than the tallies.
            Metric::VisitsOnTime => Ok(shares(self.visits().on_time(campaign, team, days)?)),
            Metric::FibrePrepared => Ok(shares(self.fibre().prepared(campaign, team, days)?)),
            Metric::SlaOnTime => Ok(shares(self.green_channel().on_time(campaign, team, days)?)),
            Metric::GreetingsSent => Ok(self.care().sent_by_day(campaign, team, days)?.into_iter().map(|n| Some(n as f64)).collect()),
            metric => {
                let whole = self.campaigns().get(campaign)?;
                if matches!(metric, Metric::SubsidyBudgetUsed | Metric::HighRiskWithSubsidy) {
                    // Brings the per-client subsidies up to date; rewriting them stales our family.
                    self.subsidies().totals(campaign)?;
                }
                let wanted = facts(metric);
                self.refresh(campaign, wanted)?;
                let tally = self.tally(campaign, wanted, &scope, team)?;
                let key_person_until = (metric == Metric::KeyPersonConfirmed).then(|| {
                    let n = kpi.parameter.days.unwrap_or(1).max(1) as u64;
                    whole.start_date.checked_add_days(Days::new(n - 1)).unwrap_or(whole.start_date)
                });
                let budget = whole.subsidy_budget.fen();
                Ok(days.iter().map(|d| figure(metric, &tally, *d, budget, key_person_until)).collect())
            }
        }
    }

    /// Every KPI of the campaign with its figure and status on `as_of`, for the campaign or one team.
    pub fn readings(&self, campaign_id: CampaignId, as_of: NaiveDate, team: Option<TeamId>) -> Result<Vec<KpiReading>> {
        let campaign = self.campaigns().get(campaign_id)?;
        let mut out = Vec::new();
        for kpi in self.list(campaign_id)? {
            let value = self.value(&kpi, as_of, team)?;
            let status = status(kpi.metric, value, kpi.target, kpi.higher_is_better, campaign.start_date, campaign.end_date, as_of);
            out.push(KpiReading { kpi, as_of, value, status });
        }
        Ok(out)
    }

    /// What each of `facts` comes to on `on` per team of the clients counted (none: no team),
    /// for the dashboard's tables by team; only `team`'s row when given.
    pub(crate) fn by_team(
        &self,
        campaign: CampaignId,
        facts: &[&str],
        on: NaiveDate,
        team: Option<TeamId>,
    ) -> Result<HashMap<Option<TeamId>, HashMap<String, i64>>> {
        if facts.iter().any(|f| family_of(f) == "subsidies") {
            self.subsidies().totals(campaign)?;
        }
        self.refresh(campaign, facts)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT team_id, fact, sum(amount) FROM kpi_tallies
             WHERE campaign_id = :campaign AND fact IN (SELECT value FROM json_each(:facts)) AND day <= :on
               AND (:team IS NULL OR team_id = :team)
             GROUP BY team_id, fact",
        )?;
        let names = serde_json::Value::from(facts.to_vec()).to_string();
        let mut out: HashMap<Option<TeamId>, HashMap<String, i64>> = HashMap::new();
        let mut rows = stmt.query(named_params! { ":campaign": campaign, ":facts": names, ":on": on.to_string(), ":team": team })?;
        while let Some(r) = rows.next()? {
            out.entry(r.get::<_, Option<i64>>(0)?.map(TeamId)).or_default().insert(r.get(1)?, r.get(2)?);
        }
        Ok(out)
    }

    /// The rows of `facts` in the groups `scope` and `team` take in, summed by fact and day.
    fn tally(&self, campaign: CampaignId, facts: &[&str], scope: &Scope, team: Option<TeamId>) -> Result<Tally> {
        let (filter, mut params) = group_filter(scope, team, ("team_id", "industry", "types"));
        let names = serde_json::Value::from(facts.to_vec()).to_string();
        params.push((":campaign", Box::new(campaign)));
        params.push((":facts", Box::new(names)));
        let sql = format!(
            "SELECT fact, day, sum(amount) FROM kpi_tallies
             WHERE campaign_id = :campaign AND fact IN (SELECT value FROM json_each(:facts)){filter}
             GROUP BY fact, day ORDER BY fact, day"
        );
        let bound: Vec<(&str, &dyn ToSql)> = params.iter().map(|(n, v)| (*n, v.as_ref())).collect();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows: HashMap<String, Vec<(String, i64)>> = HashMap::new();
        let mut query = stmt.query(bound.as_slice())?;
        while let Some(r) = query.next()? {
            rows.entry(r.get(0)?).or_default().push((r.get(1)?, r.get(2)?));
        }
        Ok(Tally { rows })
    }

    /// Rebuilds one family of `campaign`'s tallies if it is stale.
    pub(super) fn refresh_family(&self, campaign: CampaignId, family: &str) -> Result<()> {
        let facts: Vec<&str> = FAMILIES.iter().filter(|(f, _)| *f == family).filter_map(|(_, facts)| facts.first().copied()).collect();
        self.refresh(campaign, &facts)
    }

    /// Rebuilds the families `facts` belong to where a row they come from changed since.
    pub(super) fn refresh(&self, campaign: CampaignId, facts: &[&str]) -> Result<()> {
        let mut stale = Vec::new();
        for fact in facts {
            let family = family_of(fact);
            if stale.contains(&family) {
                continue;
            }
            if !self.family_fresh(campaign, family)? {
                stale.push(family);
            }
        }
        if stale.is_empty() {
            return Ok(());
        }
        // The client groups are kept with the `targets` family: the same changes stale both.
        let groups_stale = stale.contains(&"targets") || !self.family_fresh(campaign, "targets")?;
        if groups_stale && !stale.contains(&"targets") {
            stale.push("targets");
        }
        let whole = self.campaigns().get(campaign)?;
        self.rebuild_derived(|s| {
            if groups_stale {
                s.kpis().rebuild_groups(&whole)?;
            }
            // The family queries read the campaign's groups under one name.
            s.conn.execute_batch(&format!(
                "DROP VIEW IF EXISTS temp.kpi_groups;
                 CREATE TEMP VIEW kpi_groups AS SELECT client_id, team_id, industry, types, risky, fibre, target
                     FROM kpi_client_groups WHERE campaign_id = {};",
                campaign.0
            ))?;
            for family in &stale {
                s.kpis().rebuild(campaign, family, whole.start_date)?;
                s.conn.execute(
                    "INSERT INTO kpi_tally_state (campaign_id, family, fresh) VALUES (:campaign, :family, 1)
                     ON CONFLICT (campaign_id, family) DO UPDATE SET fresh = 1",
                    named_params! { ":campaign": campaign, ":family": family },
                )?;
            }
            s.conn.execute_batch("DROP VIEW temp.kpi_groups")?;
            Ok(())
        })
    }

    fn family_fresh(&self, campaign: CampaignId, family: &str) -> Result<bool> {
        let fresh: Option<bool> = self
            .conn
            .query_row(
                "SELECT fresh FROM kpi_tally_state WHERE campaign_id = :campaign AND family = :family",
                named_params! { ":campaign": campaign, ":family": family },
                |r| r.get(0),
            )
            .optional()?;
        Ok(fresh == Some(true))
    }

    /// Each client's group for the campaign (team, industry, product types), whether it is a
    /// target, and its high-risk and fibre flags, in one grouped pass over contracts (the rule of
    /// `clients::risk_sql`, Any), then the clients without a contract.
    fn rebuild_groups(&self, whole: &Campaign) -> Result<()> {
        let campaign = whole.id;
        self.conn.execute("DELETE FROM kpi_client_groups WHERE campaign_id = :campaign", named_params! { ":campaign": campaign })?;
        self.conn.execute(
            &format!(
                "INSERT INTO kpi_client_groups (campaign_id, client_id, team_id, industry, types, risky, fibre, target)
                 SELECT :campaign, k.client_id, c.team_id, c.industry, {TYPE_BITS},
                        max(k.end_date IS NOT NULL AND k.end_date <= :risk_cutoff) OR total(k.monthly_fee_fen) > :risk_spend
                            OR max(k.product_type = 'broadband' AND k.monthly_fee_fen > :risk_price),
                        max(k.fiber_to_premises = 1),
                        EXISTS (SELECT 1 FROM campaign_targets t WHERE t.campaign_id = :campaign AND t.client_id = k.client_id)
                 FROM contracts k JOIN clients c ON c.id = k.client_id GROUP BY k.client_id"
            ),
            named_params! {
                ":campaign": campaign,
                ":risk_cutoff": whole.risk.expiry_cutoff(whole.end_date).to_string(),
                ":risk_spend": whole.risk.high_spend.fen(),
                ":risk_price": whole.risk.high_price.fen(),
            },
        )?;
        self.conn.execute(
            "INSERT OR IGNORE INTO kpi_client_groups (campaign_id, client_id, team_id, industry, types, risky, fibre, target)
             SELECT :campaign, c.id, c.team_id, c.industry, 0, 0, 0,
                    EXISTS (SELECT 1 FROM campaign_targets t WHERE t.campaign_id = :campaign AND t.client_id = c.id)
             FROM clients c WHERE NOT EXISTS (SELECT 1 FROM contracts k WHERE k.client_id = c.id)",
            named_params! { ":campaign": campaign },
        )?;
        Ok(())
    }

    /// Recomputes one family's rows from the campaign's groups (`temp.kpi_groups`) and the rows the family counts.
    fn rebuild(&self, campaign: CampaignId, family: &str, start: NaiveDate) -> Result<()> {
        let facts = FAMILIES.iter().find(|(f, _)| *f == family).map_or(&[][..], |(_, facts)| facts);
        self.conn.execute(
            "DELETE FROM kpi_tallies WHERE campaign_id = :campaign AND fact IN (SELECT value FROM json_each(:facts))",
            named_params! { ":campaign": campaign, ":facts": serde_json::Value::from(facts.to_vec()).to_string() },
        )?;
        // Into the group columns, or as named by a select that fills others.
        let insert_into = |columns: &str, select: &str, extra: &[(&str, &dyn ToSql)]| -> Result<()> {
            let mut params: Vec<(&str, &dyn ToSql)> = vec![(":campaign", &campaign)];
            params.extend_from_slice(extra);
            let sql = format!("INSERT INTO kpi_tallies ({columns}) {select}");
            let mut stmt = self.conn.prepare(&sql)?;
            let used: Vec<(&str, &dyn ToSql)> =
                params.into_iter().filter(|(name, _)| stmt.parameter_index(name).ok().flatten().is_some()).collect();
            stmt.execute(used.as_slice())?;
            Ok(())
        };
        let insert = |select: &str, extra: &[(&str, &dyn ToSql)]| -> Result<()> {
            insert_into("campaign_id, fact, team_id, industry, types, day, amount", select, extra)
        };
        const GROUP: &str = "g.team_id, g.industry, g.types";
        match family {
            "targets" => insert(
                &format!(
                    "SELECT :campaign, f.fact, {GROUP}, '', count(*) FROM temp.kpi_groups g
                     JOIN (SELECT 'targets' AS fact UNION ALL SELECT 'risky' UNION ALL SELECT 'risky_fibre') f
                       ON f.fact = 'targets' OR (g.risky AND (f.fact = 'risky' OR g.fibre))
                     WHERE g.target GROUP BY f.fact, {GROUP}"
                ),
                &[],
            ),
            "warnings" => {
                // An outcome counts from the later of the warning's raising and its closing.
                insert(
                    &format!(
                        "SELECT :campaign, w.status, {GROUP}, max(w.raised_on, w.closed_on), count(*)
                         FROM warnings w JOIN contracts k ON k.id = w.contract_id JOIN temp.kpi_groups g ON g.client_id = k.client_id
                         WHERE w.campaign_id = :campaign AND w.status IN ('retained', 'lost') AND w.closed_on IS NOT NULL AND g.target
                         GROUP BY w.status, {GROUP}, 6"
                    ),
                    &[],
                )?;
                // Open from the day it was raised until the day it was closed.
                insert_into(
                    "campaign_id, fact, team_id, industry, types, day, amount, until",
                    &format!(
                        "SELECT :campaign, 'warned', {GROUP}, w.raised_on, count(*), w.closed_on
                         FROM warnings w JOIN contracts k ON k.id = w.contract_id JOIN temp.kpi_groups g ON g.client_id = k.client_id
                         WHERE w.campaign_id = :campaign AND g.target
                         GROUP BY {GROUP}, w.raised_on, w.closed_on"
                    ),
                    &[],
                )
            }
            "snapshots" => insert(
                // Per contract, its first snapshot from its period on, and the change of the
                // revenue it keeps at each later snapshot: summed up to a month, they give the
                // first and the latest snapshot up to it.
                &format!(
                    "SELECT :campaign, f.fact, {GROUP}, b.period || '-01',
                            sum(CASE WHEN f.fact = 'first_fen' THEN b.kept * b.first ELSE b.kept - b.before END)
                     FROM (SELECT contract_id, period, CASE WHEN in_network THEN tariff_fen ELSE 0 END AS kept,
                                  lag(CASE WHEN in_network THEN tariff_fen ELSE 0 END, 1, 0) OVER w AS before,
                                  row_number() OVER w = 1 AS first
                           FROM billing_snapshots WHERE campaign_id = :campaign
                           WINDOW w AS (PARTITION BY contract_id ORDER BY period)) b
                     JOIN contracts k ON k.id = b.contract_id JOIN temp.kpi_groups g ON g.client_id = k.client_id
                     JOIN (SELECT 'first_fen' AS fact UNION ALL SELECT 'kept_fen') f
                     WHERE g.target GROUP BY f.fact, {GROUP}, b.period"
                ),
                &[],
            ),
            "key_people" => insert(
                // A target counts from its first key-person change or confirmation on or after
                // the start: of the key person on its record or of a contact flagged key.
                &format!(
                    "SELECT :campaign, 'key_person', {GROUP}, first, count(*)
                     FROM (SELECT client_id, min(day) AS first
                           FROM (SELECT client_id, changed_on AS day FROM key_person_changes WHERE changed_on >= :start
                                 UNION ALL
                                 SELECT client_id, confirmed_on FROM contact_changes WHERE key_person AND confirmed_on >= :start)
                           GROUP BY client_id) kp
                     JOIN temp.kpi_groups g ON g.client_id = kp.client_id
                     WHERE g.target GROUP BY {GROUP}, first"
                ),
                &[(":start", &start.to_string())],
            ),
            "subsidies" => {
                insert(
                    &format!(
                        "SELECT :campaign, 'subsidy_fen', {GROUP}, '', sum(s.amount_fen)
                         FROM client_subsidies s JOIN temp.kpi_groups g ON g.client_id = s.client_id
                         WHERE s.campaign_id = :campaign GROUP BY {GROUP}"
                    ),
                    &[],
                )?;
                insert(
                    &format!(
                        "SELECT :campaign, 'risky_subsidy', {GROUP}, '', count(*)
                         FROM client_subsidies s JOIN temp.kpi_groups g ON g.client_id = s.client_id
                         WHERE s.campaign_id = :campaign AND s.amount_fen > 0 AND g.target AND g.risky GROUP BY {GROUP}"
                    ),
                    &[],
                )
            }
            "plans" => {
                // Live plans and items, as the organisation award counts them (store/standings.rs).
                self.rebuild_items(campaign)?;
                self.rebuild_planned(campaign)
            }
            _ => Ok(()),
        }
    }

    /// `planned` and `risky_planned`: each target counts while any of its plans exists, from
    /// the day its plan was made (its last 'created' line; none: always) until the day it was
    /// deleted. A client's plans are merged first so one planned on two plans counts once.
    fn rebuild_planned(&self, campaign: CampaignId) -> Result<()> {
        type Group = (Option<i64>, String, i64);
        // From the day a plan was made to the day it was deleted (none: still there).
        type Span = (String, Option<String>);
        let mut stmt = self.conn.prepare(
            "SELECT p.client_id, g.team_id, g.industry, g.types, g.risky,
                    coalesce((SELECT max(substr(l.at, 1, 10)) FROM plan_log l
                              WHERE l.plan_id = p.id AND l.field = 'plan' AND l.to_value = 'created'), ''),
                    substr(p.deleted_at, 1, 10)
             FROM plans p JOIN temp.kpi_groups g ON g.client_id = p.client_id
             WHERE p.campaign_id = :campaign AND g.target ORDER BY p.client_id",
        )?;
        let mut rows = stmt.query(named_params! { ":campaign": campaign })?;
        let mut events: HashMap<(bool, Group, String), i64> = HashMap::new();
        let mut current: Option<(i64, Group, bool, Vec<Span>)> = None;
        let flush = |events: &mut HashMap<(bool, Group, String), i64>, group: &Group, risky: bool, mut spans: Vec<Span>| {
            spans.sort();
            let mut merged: Vec<Span> = Vec::new();
            for (from, until) in spans {
                if until.as_ref().is_some_and(|u| *u <= from) {
                    continue;
                }
                match merged.last_mut() {
                    // Overlapping or touching spans: the later end wins (None is open-ended).
                    Some((_, end)) if end.as_ref().is_none_or(|e| *e >= from) => {
                        if end.is_some() && until.as_ref().is_none_or(|u| Some(u) > end.as_ref()) {
                            *end = until;
                        }
                    }
                    _ => merged.push((from, until)),
                }
            }
            for (from, until) in merged {
                for flag in [false, true].into_iter().filter(|f| !*f || risky) {
                    *events.entry((flag, group.clone(), from.clone())).or_default() += 1;
                    if let Some(until) = &until {
                        *events.entry((flag, group.clone(), until.clone())).or_default() -= 1;
                    }
                }
            }
        };
        while let Some(r) = rows.next()? {
            let client: i64 = r.get(0)?;
            let group: Group = (r.get(1)?, r.get(2)?, r.get(3)?);
            let risky: bool = r.get(4)?;
            let span = (r.get::<_, String>(5)?, r.get::<_, Option<String>>(6)?);
            match &mut current {
                Some((id, _, _, spans)) if *id == client => spans.push(span),
                _ => {
                    if let Some((_, group, risky, spans)) = current.take() {
                        flush(&mut events, &group, risky, spans);
                    }
                    current = Some((client, group, risky, vec![span]));
                }
            }
        }
        if let Some((_, group, risky, spans)) = current.take() {
            flush(&mut events, &group, risky, spans);
        }
        let mut insert = self.conn.prepare(
            "INSERT INTO kpi_tallies (campaign_id, fact, team_id, industry, types, day, amount)
             VALUES (:campaign, :fact, :team, :industry, :types, :day, :amount)",
        )?;
        for ((risky, (team, industry, types), day), amount) in events {
            if amount != 0 {
                insert.execute(named_params! {
                    ":campaign": campaign,
                    ":fact": if risky { "risky_planned" } else { "planned" },
                    ":team": team,
                    ":industry": industry,
                    ":types": types,
                    ":day": day,
                    ":amount": amount,
                })?;
            }
        }
        Ok(())
    }
}

/// Each (part, whole) as a percentage; none where the whole is nothing yet.
fn shares(counts: Vec<(i64, i64)>) -> Vec<Option<f64>> {
    counts.into_iter().map(|(part, whole)| percent(part, whole)).collect()
}
