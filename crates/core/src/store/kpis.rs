//! Goals, the strategy skeleton and their KPIs (tables `campaign_goals`, `strategy_parts`,
//! `kpis`, `kpi_values`): reading and editing them, and the seed's defaults. What each metric
//! computes is in `kpi_figures.rs`.

use chrono::NaiveDate;
use rusqlite::{named_params, OptionalExtension, Row};

use super::{json_column, parse_date};
use crate::domain::ids::{CampaignId, GoalId, KpiId, PartId, TeamId};
use crate::domain::kpi::{Kpi, KpiInput, KpiOwner, Metric, MetricParameter, TARGET_MAX};
use crate::domain::skeleton::{default_goals, default_parts, Goal, GoalInput, Part, PartInput, PartKind, Scope, ScopeChoices};
use crate::domain::ProductType;
use crate::error::{Entity, Error, FieldError, Problem, Result};

/// A field of the input naming something that is not there (an owner of another campaign).
fn unknown(field: &str) -> Error {
    Error::Validation(vec![FieldError::new(field, Problem::UnknownReference)])
}

/// The goal, battle/workstream or KPI acted on is gone (removed in another window, or never was).
fn missing(entity: Entity, id: impl std::fmt::Display) -> Error {
    Error::NotFound { entity, key: id.to_string() }
}

const KPI_SELECT: &str =
    "SELECT id, campaign_id, goal_id, part_id, position, name, metric, parameter, target, unit, higher_is_better FROM kpis";

fn kpi_row(r: &Row<'_>) -> rusqlite::Result<(Kpi, String)> {
    let goal: Option<GoalId> = r.get("goal_id")?;
    let part: Option<PartId> = r.get("part_id")?;
    let code: String = r.get("metric")?;
    let metric = Metric::from_code(&code).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, format!("unknown KPI metric {code}").into())
    })?;
    let owner = match (goal, part) {
        (Some(g), _) => KpiOwner::Goal(g),
        (None, Some(p)) => KpiOwner::Part(p),
        (None, None) => {
            return Err(rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Null, "a KPI without an owner".into()))
        }
    };
    let kpi = Kpi {
        id: r.get("id")?,
        campaign_id: r.get("campaign_id")?,
        owner,
        position: r.get("position")?,
        name: r.get("name")?,
        metric,
        parameter: MetricParameter::default(),
        target: r.get("target")?,
        unit: r.get("unit")?,
        higher_is_better: r.get("higher_is_better")?,
    };
    Ok((kpi, r.get("parameter")?))
}

fn with_parameter((mut kpi, parameter): (Kpi, String)) -> Result<Kpi> {
    kpi.parameter = json_column(&parameter, "kpis", kpi.id)?;
    Ok(kpi)
}

impl super::Kpis<'_> {
    pub fn goals(&self, campaign_id: CampaignId) -> Result<Vec<Goal>> {
        self.campaigns().get(campaign_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, campaign_id, position, name, description FROM campaign_goals WHERE campaign_id = :campaign ORDER BY position, id",
        )?;
        let rows = stmt.query_map(named_params! { ":campaign": campaign_id }, |r| {
            Ok(Goal {
                id: r.get("id")?,
                campaign_id: r.get("campaign_id")?,
                position: r.get("position")?,
                name: r.get("name")?,
                description: r.get("description")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds a goal after the campaign's others.
    pub fn add_goal(&self, campaign_id: CampaignId, input: &GoalInput) -> Result<GoalId> {
        self.campaigns().get(campaign_id)?;
        let goal = input.validated()?;
        self.conn.execute(
            "INSERT INTO campaign_goals (campaign_id, position, name, description)
             VALUES (:campaign, (SELECT coalesce(max(position) + 1, 0) FROM campaign_goals WHERE campaign_id = :campaign), :name, :description)",
            named_params! { ":campaign": campaign_id, ":name": goal.name, ":description": goal.description },
        )?;
        Ok(GoalId(self.conn.last_insert_rowid()))
    }

    pub fn update_goal(&self, id: GoalId, input: &GoalInput) -> Result<()> {
        let goal = input.validated()?;
        let n = self.conn.execute(
            "UPDATE campaign_goals SET name = :name, description = :description WHERE id = :id",
            named_params! { ":id": id, ":name": goal.name, ":description": goal.description },
        )?;
        if n == 0 {
            return Err(missing(Entity::Goal, id));
        }
        Ok(())
    }

    /// Removes a goal with its KPIs and their values.
    pub fn remove_goal(&self, id: GoalId) -> Result<()> {
        if self.conn.execute("DELETE FROM campaign_goals WHERE id = :id", named_params! { ":id": id })? == 0 {
            return Err(missing(Entity::Goal, id));
        }
        Ok(())
    }

    /// Battles first, then workstreams, each in its order.
    pub fn parts(&self, campaign_id: CampaignId) -> Result<Vec<Part>> {
        self.campaigns().get(campaign_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.campaign_id, s.kind, s.position, s.name, s.owner_team_id, t.name AS owner_team, s.scope
             FROM strategy_parts s LEFT JOIN teams t ON t.id = s.owner_team_id
             WHERE s.campaign_id = :campaign ORDER BY s.kind = 'workstream', s.position, s.id",
        )?;
        let rows = stmt.query_map(named_params! { ":campaign": campaign_id }, |r| {
            let kind: String = r.get("kind")?;
            Ok((
                Part {
                    id: r.get("id")?,
                    campaign_id: r.get("campaign_id")?,
                    kind: PartKind::from_code(&kind).unwrap_or(PartKind::Battle),
                    position: r.get("position")?,
                    name: r.get("name")?,
                    owner_team_id: r.get("owner_team_id")?,
                    owner_team: r.get("owner_team")?,
                    scope: Scope::default(),
                },
                r.get::<_, String>("scope")?,
            ))
        })?;
        let mut parts = Vec::new();
        for row in rows {
            let (mut part, scope) = row?;
            part.scope = json_column::<Scope>(&scope, "strategy_parts", part.id)?;
            parts.push(part);
        }
        Ok(parts)
    }

    /// The product types and industries a battle's scope can name, as the campaign's targets
    /// have them (and any a part already names, so an edit never drops a choice silently).
    pub fn scope_choices(&self, campaign_id: CampaignId) -> Result<ScopeChoices> {
        self.campaigns().get(campaign_id)?;
        let mut choices = ScopeChoices::default();
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT k.product_type FROM contracts k
             WHERE EXISTS (SELECT 1 FROM campaign_targets t WHERE t.campaign_id = :campaign AND t.client_id = k.client_id)",
        )?;
        let codes = stmt.query_map(named_params! { ":campaign": campaign_id }, |r| r.get::<_, String>(0))?;
        let codes = codes.collect::<rusqlite::Result<Vec<String>>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT trim(c.industry) AS industry FROM clients c
             WHERE trim(c.industry) <> ''
               AND EXISTS (SELECT 1 FROM campaign_targets t WHERE t.campaign_id = :campaign AND t.client_id = c.id)
             ORDER BY industry",
        )?;
        let industries = stmt.query_map(named_params! { ":campaign": campaign_id }, |r| r.get::<_, String>(0))?;
        choices.industries = industries.collect::<rusqlite::Result<_>>()?;
        let named = self.parts(campaign_id)?;
        // Listed in the catalogue's order, not the database's.
        choices.product_types = ProductType::ALL
            .iter()
            .copied()
            .filter(|p| codes.iter().any(|c| c == p.code()) || named.iter().any(|part| part.scope.product_types.contains(p)))
            .collect();
        for part in &named {
            for industry in &part.scope.industries {
                if !choices.industries.contains(industry) {
                    choices.industries.push(industry.clone());
                }
            }
        }
        Ok(choices)
    }

    fn check_teams(&self, part: &PartInput) -> Result<()> {
        let exists = |team: TeamId| -> Result<bool> {
            Ok(self.conn.query_row("SELECT count(*) FROM teams WHERE id = :id", named_params! { ":id": team }, |r| r.get::<_, i64>(0))? > 0)
        };
        let mut errors = Vec::new();
        if let Some(owner) = part.owner_team_id {
            if !exists(owner)? {
                errors.push(FieldError::new("owner_team_id", Problem::UnknownReference));
            }
        }
        for (i, team) in part.scope.team_ids.iter().enumerate() {
            if !exists(*team)? {
                errors.push(FieldError::new(format!("scope.team_ids.{i}"), Problem::UnknownReference));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(errors))
        }
    }

    fn scope_json(scope: &Scope) -> Result<String> {
        serde_json::to_string(scope).map_err(|e| Error::Io(std::io::Error::other(e)))
    }

    /// Adds a battle or workstream after the others of its kind.
    pub fn add_part(&self, campaign_id: CampaignId, input: &PartInput) -> Result<PartId> {
        self.campaigns().get(campaign_id)?;
        let part = input.validated()?;
        self.check_teams(&part)?;
        self.conn.execute(
            "INSERT INTO strategy_parts (campaign_id, kind, position, name, owner_team_id, scope)
             VALUES (:campaign, :kind,
                     (SELECT coalesce(max(position) + 1, 0) FROM strategy_parts WHERE campaign_id = :campaign AND kind = :kind),
                     :name, :owner, :scope)",
            named_params! {
                ":campaign": campaign_id,
                ":kind": part.kind.code(),
                ":name": part.name,
                ":owner": part.owner_team_id,
                ":scope": Self::scope_json(&part.scope)?,
            },
        )?;
        Ok(PartId(self.conn.last_insert_rowid()))
    }

    pub fn update_part(&self, id: PartId, input: &PartInput) -> Result<()> {
        let part = input.validated()?;
        self.check_teams(&part)?;
        let n = self.conn.execute(
            "UPDATE strategy_parts SET kind = :kind, name = :name, owner_team_id = :owner, scope = :scope WHERE id = :id",
            named_params! {
                ":id": id,
                ":kind": part.kind.code(),
                ":name": part.name,
                ":owner": part.owner_team_id,
                ":scope": Self::scope_json(&part.scope)?,
            },
        )?;
        if n == 0 {
            return Err(missing(Entity::StrategyPart, id));
        }
        Ok(())
    }

    /// Removes a battle or workstream with its KPIs and their values.
    pub fn remove_part(&self, id: PartId) -> Result<()> {
        if self.conn.execute("DELETE FROM strategy_parts WHERE id = :id", named_params! { ":id": id })? == 0 {
            return Err(missing(Entity::StrategyPart, id));
        }
        Ok(())
    }

    /// The campaign's KPIs in order: goals' and parts' together, by position.
    pub fn list(&self, campaign_id: CampaignId) -> Result<Vec<Kpi>> {
        self.campaigns().get(campaign_id)?;
        let mut stmt = self.conn.prepare_cached(&format!("{KPI_SELECT} WHERE campaign_id = :campaign ORDER BY position, id"))?;
        let rows = stmt.query_map(named_params! { ":campaign": campaign_id }, kpi_row)?;
        rows.map(|r| with_parameter(r?)).collect()
    }

    pub fn get(&self, id: KpiId) -> Result<Kpi> {
        let row = self
            .conn
            .query_row(&format!("{KPI_SELECT} WHERE id = :id"), named_params! { ":id": id }, kpi_row)
            .optional()?
            .ok_or_else(|| missing(Entity::Kpi, id))?;
        with_parameter(row)
    }

    /// The KPI input as valid for this campaign: its owner is the campaign's and its achievement
    /// metric is one the campaign counts.
    fn checked(&self, campaign_id: CampaignId, owner: KpiOwner, input: &KpiInput) -> Result<KpiInput> {
        let kpi = input.validated()?;
        let owner_campaign: Option<CampaignId> = match owner {
            KpiOwner::Goal(g) => self
                .conn
                .query_row("SELECT campaign_id FROM campaign_goals WHERE id = :id", named_params! { ":id": g }, |r| r.get(0))
                .optional()?,
            KpiOwner::Part(p) => self
                .conn
                .query_row("SELECT campaign_id FROM strategy_parts WHERE id = :id", named_params! { ":id": p }, |r| r.get(0))
                .optional()?,
        };
        if owner_campaign != Some(campaign_id) {
            return Err(unknown("owner"));
        }
        if let Some(code) = &kpi.parameter.metric {
            let known: i64 = self.conn.query_row(
                "SELECT count(*) FROM metrics WHERE campaign_id = :campaign AND code = :code",
                named_params! { ":campaign": campaign_id, ":code": code },
                |r| r.get(0),
            )?;
            if known == 0 {
                return Err(unknown("parameter.metric"));
            }
        }
        Ok(kpi)
    }

    fn parameter_json(parameter: &MetricParameter) -> Result<String> {
        serde_json::to_string(parameter).map_err(|e| Error::Io(std::io::Error::other(e)))
    }

    pub fn add(&self, campaign_id: CampaignId, owner: KpiOwner, input: &KpiInput) -> Result<KpiId> {
        self.campaigns().get(campaign_id)?;
        let kpi = self.checked(campaign_id, owner, input)?;
        let (goal, part) = match owner {
            KpiOwner::Goal(g) => (Some(g), None),
            KpiOwner::Part(p) => (None, Some(p)),
        };
        self.conn.execute(
            "INSERT INTO kpis (campaign_id, goal_id, part_id, position, name, metric, parameter, target, unit, higher_is_better)
             VALUES (:campaign, :goal, :part, (SELECT coalesce(max(position) + 1, 0) FROM kpis WHERE campaign_id = :campaign),
                     :name, :metric, :parameter, :target, :unit, :higher)",
            named_params! {
                ":campaign": campaign_id,
                ":goal": goal,
                ":part": part,
                ":name": kpi.name,
                ":metric": kpi.metric.code(),
                ":parameter": Self::parameter_json(&kpi.parameter)?,
                ":target": kpi.target,
                ":unit": kpi.unit,
                ":higher": kpi.higher_is_better,
            },
        )?;
        Ok(KpiId(self.conn.last_insert_rowid()))
    }

    /// Changes a KPI's definition; its owner and hand-entered values stay.
    pub fn update(&self, id: KpiId, input: &KpiInput) -> Result<()> {
        let old = self.get(id)?;
        let kpi = self.checked(old.campaign_id, old.owner, input)?;
        self.conn.execute(
            "UPDATE kpis SET name = :name, metric = :metric, parameter = :parameter, target = :target, unit = :unit,
                    higher_is_better = :higher WHERE id = :id",
            named_params! {
                ":id": id,
                ":name": kpi.name,
                ":metric": kpi.metric.code(),
                ":parameter": Self::parameter_json(&kpi.parameter)?,
                ":target": kpi.target,
                ":unit": kpi.unit,
                ":higher": kpi.higher_is_better,
            },
        )?;
        Ok(())
    }

    pub fn remove(&self, id: KpiId) -> Result<()> {
        if self.conn.execute("DELETE FROM kpis WHERE id = :id", named_params! { ":id": id })? == 0 {
            return Err(missing(Entity::Kpi, id));
        }
        Ok(())
    }

    /// Records a hand-entered KPI's value for the week ending `week_end`, replacing an earlier
    /// entry for that week.
    pub fn set_value(&self, id: KpiId, week_end: NaiveDate, value: f64) -> Result<()> {
        let kpi = self.get(id)?;
        if kpi.metric != Metric::Manual {
            return Err(Error::Validation(vec![FieldError::new("metric", Problem::NotOneOf { allowed: Metric::Manual.code().into() })]));
        }
        if !value.is_finite() || value.abs() > TARGET_MAX as f64 {
            return Err(Error::Validation(vec![FieldError::new("value", Problem::OutOfRange { min: -TARGET_MAX, max: TARGET_MAX })]));
        }
        self.conn.execute(
            "INSERT INTO kpi_values (kpi_id, week_end, value) VALUES (:id, :week, :value)
             ON CONFLICT (kpi_id, week_end) DO UPDATE SET value = excluded.value",
            named_params! { ":id": id, ":week": week_end.to_string(), ":value": value },
        )?;
        Ok(())
    }

    pub fn clear_value(&self, id: KpiId, week_end: NaiveDate) -> Result<()> {
        self.get(id)?;
        self.conn.execute(
            "DELETE FROM kpi_values WHERE kpi_id = :id AND week_end = :week",
            named_params! { ":id": id, ":week": week_end.to_string() },
        )?;
        Ok(())
    }

    /// A hand-entered KPI's values, oldest week first.
    pub fn values(&self, id: KpiId) -> Result<Vec<(NaiveDate, f64)>> {
        self.get(id)?;
        let mut stmt = self.conn.prepare_cached("SELECT week_end, value FROM kpi_values WHERE kpi_id = :id ORDER BY week_end")?;
        let rows = stmt.query_map(named_params! { ":id": id }, |r| Ok((parse_date(&r.get::<_, String>("week_end")?)?, r.get("value")?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Gives a campaign the seed's goals (when it has none) and the seed's battles and
    /// workstreams (when it has none), each with their KPIs; what the planner already has is
    /// left alone, so asking twice never doubles the skeleton. An owner team is the campaign's
    /// team of that name when there is one; an achievement KPI whose metric the campaign does
    /// not count is left out rather than pointing at nothing. Whether anything was added.
    pub fn apply_defaults(&self, campaign_id: CampaignId) -> Result<bool> {
        self.campaigns().get(campaign_id)?;
        self.in_transaction(|s| {
            let kpis = s.kpis();
            let count = |table: &str| -> Result<i64> {
                Ok(s.conn.query_row(
                    &format!("SELECT count(*) FROM {table} WHERE campaign_id = :campaign"),
                    named_params! { ":campaign": campaign_id },
                    |r| r.get(0),
                )?)
            };
            let (add_goals, add_parts) = (count("campaign_goals")? == 0, count("strategy_parts")? == 0);
            let counts = |kpi: &KpiInput| -> Result<bool> {
                let Some(code) = &kpi.parameter.metric else { return Ok(true) };
                Ok(s.conn.query_row(
                    "SELECT count(*) FROM metrics WHERE campaign_id = :campaign AND code = :code",
                    named_params! { ":campaign": campaign_id, ":code": code },
                    |r| r.get::<_, i64>(0),
                )? > 0)
            };
            for goal in default_goals().into_iter().filter(|_| add_goals) {
                let id = kpis.add_goal(campaign_id, &goal.goal)?;
                for kpi in goal.kpis.iter().filter_map(|k| counts(k).map(|yes| yes.then_some(k)).transpose()) {
                    kpis.add(campaign_id, KpiOwner::Goal(id), kpi?)?;
                }
            }
            for part in default_parts().into_iter().filter(|_| add_parts) {
                let owner: Option<TeamId> = s
                    .conn
                    .query_row("SELECT id FROM teams WHERE name = :name", named_params! { ":name": part.owner_team }, |r| r.get(0))
                    .optional()?;
                let input = PartInput {
                    kind: part.kind,
                    name: part.name.into(),
                    owner_team_id: owner,
                    scope: Scope { product_types: part.product_types.clone(), ..Scope::default() },
                };
                let id = kpis.add_part(campaign_id, &input)?;
                for kpi in part.kpis.iter().filter_map(|k| counts(k).map(|yes| yes.then_some(k)).transpose()) {
                    kpis.add(campaign_id, KpiOwner::Part(id), kpi?)?;
                }
            }
            Ok(add_goals || add_parts)
        })
    }
}
