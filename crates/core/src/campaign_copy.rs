//! 复制为新一期: a new period of a campaign, from this database or from another file (last
//! year's). The source is first read into a [`Blueprint`], a plain value that names teams,
//! people and clients rather than pointing at their ids, then written into the destination in
//! one transaction. Copying within one database is the same path: names and client codes then
//! find the very rows the source used.
//!
//! A copy takes the rules (rate table and uplift, risk thresholds, warning threshold and erosion
//! basis), the metrics and awards (definitions, tiers, tie-break criteria, tier sharing, weights,
//! targets), the incentive budget, the plan template, the goals, battles and workstreams with
//! their KPIs (owner and scope teams by name), the star service standards, the participating
//! teams and, if asked, the target list. Never the work done in the old period: achievements,
//! plans and their progress, warnings, billing snapshots, rate overrides, award locks,
//! scenarios, import batches or KPI values entered by hand.

use std::collections::HashMap;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::awards::{AwardInput, Scope, PLANS_COMPONENT};
use crate::domain::client::NewContract;
use crate::domain::ids::{AwardId, CampaignId, ClientId, TeamId};
use crate::domain::kpi::{Kpi, KpiInput, KpiOwner};
use crate::domain::plan::ItemKind;
use crate::domain::risk::RiskSettings;
use crate::domain::skeleton::{GoalInput, PartInput};
use crate::domain::subsidy::RuleTable;
use crate::domain::{CampaignInput, CampaignStatus, ClientInput, Contract, Role};
use crate::error::{Error, Result};
use crate::money::Money;
use crate::store::Store;

/// What the planner chooses for the new period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct CopyInput {
    pub name: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub subsidy_budget: Money,
    /// Also copy the target list (客户清单).
    pub with_targets: bool,
}

/// What a copy brought along, for the planner to check.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct CopyReport {
    pub campaign_id: CampaignId,
    pub source_name: String,
    /// The source's database file, when it came from another one.
    pub source_file: Option<String>,
    pub rate_rules: i64,
    pub uplift_rules: i64,
    pub metrics: i64,
    pub awards: i64,
    pub award_tiers: i64,
    pub award_weights: i64,
    pub award_targets: i64,
    pub template_items: i64,
    /// Goals, battles and workstreams, and the KPIs they hold.
    pub goals: i64,
    pub parts: i64,
    pub kpis: i64,
    pub teams: i64,
    /// Teams the destination did not have, created by name.
    pub teams_created: i64,
    pub targets: i64,
    /// Target clients the destination did not have, copied with their contracts.
    pub clients_created: i64,
    pub contracts_created: i64,
    /// Contracts of copied clients whose number another client holds here: left out, so no
    /// contract changes hands by being copied.
    pub contracts_skipped: i64,
}

/// A client as another database can receive it: its people and team by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientBlueprint {
    pub input: ClientInput,
    pub team: Option<String>,
    pub account_manager: Option<String>,
    pub contracts: Vec<Contract>,
}

/// A battle or workstream as another database can receive it: its owner and scope teams by name.
#[derive(Debug, Clone, PartialEq)]
pub struct PartBlueprint {
    /// With no team ids: `owner_team` and `scope_teams` name them.
    pub input: PartInput,
    pub owner_team: Option<String>,
    pub scope_teams: Vec<String>,
    pub kpis: Vec<KpiInput>,
}

/// An award target's entrant by name: (scope, team or person name, the person's team, target).
type NamedTarget = (Scope, String, Option<String>, i64);

/// Everything a copy takes from its source, by name.
#[derive(Debug, Clone, PartialEq)]
pub struct Blueprint {
    pub source_id: CampaignId,
    pub name: String,
    pub theme: String,
    pub goals: String,
    pub risk: RiskSettings,
    pub warning_threshold_bp: i64,
    /// What a tariff is compared with besides the previous month.
    pub erosion: crate::domain::warning::ErosionSettings,
    /// The incentive budget, None when the source never set one.
    pub incentive_budget: Option<Money>,
    /// None when the source never had rules.
    pub rules: Option<RuleTable>,
    pub metrics: Vec<(String, String)>,
    /// Each award with its id in the source (weights name those ids) and its targets by name.
    pub awards: Vec<(AwardId, AwardInput, Vec<NamedTarget>)>,
    pub template: Vec<(ItemKind, String)>,
    /// The goals (活动目的) with their KPIs, in order.
    pub goal_kpis: Vec<(GoalInput, Vec<KpiInput>)>,
    pub parts: Vec<PartBlueprint>,
    /// The star service standard of every tier.
    pub service_standards: Vec<crate::domain::service_standard::ServiceStandard>,
    /// The green channel's working hours and dated days.
    pub service_calendar: crate::domain::green_channel::ServiceCalendar,
    /// The care calendar's window, holidays and greeting templates.
    pub care: crate::domain::care::CareSettings,
    pub teams: Vec<String>,
    /// Empty unless targets were asked for.
    pub targets: Vec<ClientBlueprint>,
}

/// Reads campaign `id` of `store` into a blueprint; the target list only when `with_targets`.
pub fn blueprint(store: &Store, id: CampaignId, with_targets: bool) -> Result<Blueprint> {
    let campaign = store.campaigns().get(id)?;
    let current = store.rule_sets().current(id)?;
    let teams: HashMap<TeamId, String> = store.org().teams()?.into_iter().map(|t| (t.id, t.name)).collect();
    let people: HashMap<i64, (String, Option<String>)> = store.org().people()?.into_iter().map(|p| (p.id.0, (p.name, p.team))).collect();
    let mut awards = Vec::new();
    for award in store.awards().list(id)? {
        // A target whose entrant no longer exists cannot be carried by name; it is left behind.
        let named = award
            .input
            .targets
            .iter()
            .filter_map(|(scope, entrant, target)| match scope {
                Scope::Team => teams.get(&TeamId(*entrant)).map(|n| (*scope, n.clone(), None, *target)),
                Scope::Person => people.get(entrant).map(|(n, team)| (*scope, n.clone(), team.clone(), *target)),
            })
            .collect();
        awards.push((award.id, award.input, named));
    }
    let kpis = store.kpis().list(id)?;
    let of = |owner: KpiOwner| -> Vec<KpiInput> { kpis.iter().filter(|k| k.owner == owner).map(Kpi::input).collect() };
    let goal_kpis = store
        .kpis()
        .goals(id)?
        .into_iter()
        .map(|g| (GoalInput { name: g.name, description: g.description }, of(KpiOwner::Goal(g.id))))
        .collect();
    let parts = store
        .kpis()
        .parts(id)?
        .into_iter()
        .map(|p| PartBlueprint {
            kpis: of(KpiOwner::Part(p.id)),
            owner_team: p.owner_team_id.and_then(|t| teams.get(&t).cloned()),
            scope_teams: p.scope.team_ids.iter().filter_map(|t| teams.get(t).cloned()).collect(),
            input: PartInput {
                kind: p.kind,
                name: p.name,
                owner_team_id: None,
                scope: crate::domain::skeleton::Scope { team_ids: Vec::new(), ..p.scope },
            },
        })
        .collect();
    let mut targets = Vec::new();
    if with_targets {
        for client_id in store.campaigns().target_ids(id)? {
            let detail = store.clients().get(client_id)?;
            targets.push(ClientBlueprint {
                input: detail.to_input(),
                team: detail.row.team.clone(),
                account_manager: detail.row.account_manager.clone(),
                contracts: detail.contracts,
            });
        }
    }
    Ok(Blueprint {
        source_id: id,
        name: campaign.name,
        theme: campaign.theme,
        goals: campaign.goals,
        risk: campaign.risk,
        warning_threshold_bp: store.warnings().threshold(id)?,
        erosion: store.warnings().erosion(id)?,
        incentive_budget: store.campaigns().incentive_budget(id)?,
        rules: (current.id != 0).then_some(current.table),
        metrics: store.achievements().metrics(id)?,
        awards,
        template: store.plans().template(id)?,
        goal_kpis,
        parts,
        service_standards: store.service_standards().list(id)?,
        service_calendar: store.green_channel().calendar(id)?,
        care: store.care().settings(id)?,
        teams: campaign.teams.into_iter().map(|t| t.name).collect(),
        targets,
    })
}

/// Copies campaign `source` of the same database as a new draft period.
pub fn copy(store: &Store, source: CampaignId, input: &CopyInput, author: &str, now: NaiveDateTime) -> Result<CopyReport> {
    let plan = blueprint(store, source, input.with_targets)?;
    store.in_transaction(|s| write(s, &plan, input, Some(source), author, now))
}

/// Copies campaign `source` of the database file `from` (last year's) into `store`.
pub fn copy_from_file(
    store: &Store,
    from: &Path,
    source: CampaignId,
    input: &CopyInput,
    author: &str,
    now: NaiveDateTime,
) -> Result<CopyReport> {
    // Opening a path that is not there would create an empty database in its place.
    if !from.is_file() {
        let file = from.display().to_string();
        return Err(Error::Unreadable { file, zh: "找不到此数据库文件".into(), en: "no such database file".into() });
    }
    let other = Store::open(from)?;
    let plan = blueprint(&other, source, input.with_targets).map_err(|e| other.explain(e))?;
    let mut report = store.in_transaction(|s| write(s, &plan, input, None, author, now))?;
    report.source_file = Some(from.display().to_string());
    Ok(report)
}

/// The campaigns of another database file, for the planner to pick the source from.
pub fn campaigns_in_file(from: &Path) -> Result<Vec<crate::domain::Campaign>> {
    if !from.is_file() {
        let file = from.display().to_string();
        return Err(Error::Unreadable { file, zh: "找不到此数据库文件".into(), en: "no such database file".into() });
    }
    let other = Store::open(from)?;
    other.campaigns().list().map_err(|e| other.explain(e))
}

/// Writes `plan` into `store` as a new draft campaign; call it inside a transaction.
/// `copied_from` is the source's id when it lives in this same database.
pub fn write(
    store: &Store,
    plan: &Blueprint,
    input: &CopyInput,
    copied_from: Option<CampaignId>,
    author: &str,
    now: NaiveDateTime,
) -> Result<CopyReport> {
    let campaign = CampaignInput {
        name: input.name.clone(),
        theme: plan.theme.clone(),
        start_date: input.start_date,
        end_date: input.end_date,
        status: CampaignStatus::Draft,
        subsidy_budget: input.subsidy_budget,
        goals: plan.goals.clone(),
    };
    let id = store.campaigns().create(&campaign)?;
    let mut report = CopyReport { campaign_id: id, source_name: plan.name.clone(), ..Default::default() };
    if copied_from.is_some() {
        store.campaigns().set_copied_from(id, copied_from)?;
    }
    store.campaigns().set_risk_settings(id, plan.risk)?;
    store.warnings().set_threshold(id, plan.warning_threshold_bp)?;
    store.warnings().set_erosion(id, &plan.erosion)?;
    store.campaigns().set_incentive_budget(id, plan.incentive_budget)?;
    if let Some(rules) = &plan.rules {
        store.rule_sets().save(id, rules, author, now)?;
        report.rate_rules = rules.rates.len() as i64;
        report.uplift_rules = rules.uplifts.len() as i64;
    }
    for (code, name) in &plan.metrics {
        store.achievements().add_metric(id, code, name)?;
    }
    report.metrics = plan.metrics.len() as i64;
    store.plans().set_template(id, &plan.template)?;
    report.template_items = plan.template.len() as i64;

    let mut known_teams: Vec<String> = store.org().teams()?.into_iter().map(|t| t.name).collect();
    let mut team = |name: &str, report: &mut CopyReport| -> Result<TeamId> {
        if !known_teams.iter().any(|t| t == name) {
            report.teams_created += 1;
            known_teams.push(name.to_string());
        }
        store.org().ensure_team(name)
    };
    let mut team_ids = Vec::new();
    for name in &plan.teams {
        team_ids.push(team(name, &mut report)?);
    }
    store.campaigns().set_teams(id, &team_ids)?;
    report.teams = team_ids.len() as i64;

    // After the metrics the KPIs may count and the teams the battles name.
    for (goal, kpis) in &plan.goal_kpis {
        let goal_id = store.kpis().add_goal(id, goal)?;
        for kpi in kpis {
            store.kpis().add(id, KpiOwner::Goal(goal_id), kpi)?;
        }
        report.goals += 1;
        report.kpis += kpis.len() as i64;
    }
    for part in &plan.parts {
        let mut input = part.input.clone();
        input.owner_team_id = part.owner_team.as_deref().map(|t| team(t, &mut report)).transpose()?;
        input.scope.team_ids = part.scope_teams.iter().map(|t| team(t, &mut report)).collect::<Result<_>>()?;
        let part_id = store.kpis().add_part(id, &input)?;
        for kpi in &part.kpis {
            store.kpis().add(id, KpiOwner::Part(part_id), kpi)?;
        }
        report.parts += 1;
        report.kpis += part.kpis.len() as i64;
    }

    for standard in &plan.service_standards {
        store.service_standards().set(id, standard)?;
    }
    let by = crate::domain::plan::By { author: author.into(), at: now };
    store.green_channel().set_calendar(id, &plan.service_calendar, &by)?;
    store.care().set_settings(id, &plan.care, &by)?;

    // Awards first without weights, in the source's order; then the weights, which name the
    // source's award ids, point at the new ones.
    let mut new_ids: HashMap<String, String> = HashMap::new();
    let mut written = Vec::new();
    for (old_id, award, targets) in &plan.awards {
        let mut targets_here = Vec::new();
        for (scope, name, person_team, target) in targets {
            let entrant = match scope {
                Scope::Team => team(name, &mut report)?.0,
                Scope::Person => {
                    let person_team = person_team.as_deref().map(|t| team(t, &mut report)).transpose()?;
                    store.org().ensure_person(name, person_team, Role::AccountManager)?.0
                }
            };
            targets_here.push((*scope, entrant, *target));
        }
        let first = AwardInput { targets: targets_here, weights: Vec::new(), ..award.clone() };
        let new_id = store.awards().save(id, None, &first)?;
        new_ids.insert(old_id.to_string(), new_id.to_string());
        report.awards += 1;
        report.award_tiers += award.tiers.len() as i64;
        report.award_targets += first.targets.len() as i64;
        written.push((new_id, first, &award.weights));
    }
    for (new_id, first, weights) in written {
        if weights.is_empty() {
            continue;
        }
        // A weight on an award the source no longer has cannot be carried over.
        let remapped: Vec<(String, i64)> = weights
            .iter()
            .filter_map(|(component, w)| {
                if component == PLANS_COMPONENT {
                    Some((component.clone(), *w))
                } else {
                    new_ids.get(component).map(|n| (n.clone(), *w))
                }
            })
            .collect();
        report.award_weights += remapped.len() as i64;
        store.awards().save(id, Some(new_id), &AwardInput { weights: remapped, ..first })?;
    }

    for client in &plan.targets {
        let client_id = match store.clients().id_by_code(&client.input.code)? {
            Some(existing) => existing,
            None => {
                let created = create_client(store, client, &mut report, &mut team)?;
                report.clients_created += 1;
                created
            }
        };
        store.campaigns().add_target(id, client_id)?;
        report.targets += 1;
    }
    Ok(report)
}

/// A target client the destination lacks, with its team, account manager and contracts.
fn create_client(
    store: &Store,
    client: &ClientBlueprint,
    report: &mut CopyReport,
    team: &mut impl FnMut(&str, &mut CopyReport) -> Result<TeamId>,
) -> Result<ClientId> {
    let team_id = client.team.as_deref().map(|t| team(t, report)).transpose()?;
    let manager = client.account_manager.as_deref().map(|m| store.org().ensure_person(m, team_id, Role::AccountManager)).transpose()?;
    let input = ClientInput { team_id, account_manager_id: manager, ..client.input.clone() };
    let id = store.clients().create(&input, None)?;
    for k in &client.contracts {
        if store.campaigns().contract_holder(&k.number)?.is_some() {
            report.contracts_skipped += 1;
            continue;
        }
        let contract = NewContract {
            number: k.number.clone(),
            product_type: k.product_type,
            monthly_fee: k.monthly_fee,
            dec_fee: k.dec_fee,
            term_months: k.term_months,
            end_date: k.end_date,
            fiber_to_premises: k.fiber_to_premises,
        };
        store.clients().add_contract(id, &contract)?;
        report.contracts_created += 1;
    }
    Ok(id)
}
