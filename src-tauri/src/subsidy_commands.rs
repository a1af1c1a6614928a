//! Cross-subsidy commands: rules and their history, totals, per-client explanation,
//! overrides, and what-if scenarios.

use rampart_core::domain::ids::{CampaignId, ClientId};
use rampart_core::domain::subsidy::{ClientSubsidy, Comparison, ContractSubsidy, RuleSet, RuleTable, RulesPreview, SubsidyTotals};
use rampart_core::domain::{ClientQuery, Page};
use tauri::State;

use crate::commands::{with_store, Reply};
use crate::{author, now, AppState};

#[tauri::command]
#[specta::specta]
pub async fn subsidy_rules(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<RuleSet> {
    with_store(&state, |s| s.rule_sets().current(campaign_id))
}

#[tauri::command]
#[specta::specta]
pub async fn subsidy_rules_save(state: State<'_, AppState>, campaign_id: CampaignId, table: RuleTable) -> Reply<RuleSet> {
    with_store(&state, |s| s.rule_sets().save(campaign_id, &table, &author(), now()))
}

/// The edited table's effect on the totals and the budget before it is saved; refused by cell
/// like a save when a rate is out of its range.
#[tauri::command]
#[specta::specta]
pub async fn subsidy_rules_preview(state: State<'_, AppState>, campaign_id: CampaignId, table: RuleTable) -> Reply<RulesPreview> {
    with_store(&state, |s| s.subsidies().preview_rules(campaign_id, &table))
}

#[tauri::command]
#[specta::specta]
pub async fn subsidy_history(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<Vec<RuleSet>> {
    with_store(&state, |s| s.rule_sets().history(campaign_id))
}

#[tauri::command]
#[specta::specta]
pub async fn subsidy_totals(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<SubsidyTotals> {
    with_store(&state, |s| s.subsidies().totals(campaign_id))
}

#[tauri::command]
#[specta::specta]
pub async fn subsidy_clients(
    state: State<'_, AppState>,
    query: ClientQuery,
    flagged_only: bool,
    risk_first: bool,
) -> Reply<Page<ClientSubsidy>> {
    with_store(&state, |s| s.subsidies().page(&query, flagged_only, risk_first))
}

#[tauri::command]
#[specta::specta]
pub async fn subsidy_client(state: State<'_, AppState>, campaign_id: CampaignId, client_id: i64) -> Reply<Vec<ContractSubsidy>> {
    with_store(&state, |s| s.subsidies().client(campaign_id, ClientId(client_id)))
}

#[tauri::command]
#[specta::specta]
pub async fn subsidy_override_set(
    state: State<'_, AppState>,
    campaign_id: CampaignId,
    contract_id: i64,
    rate_bp: rampart_core::basis_points::BasisPoints,
    reason: String,
) -> Reply<ContractSubsidy> {
    with_store(&state, |s| s.subsidies().set_rate_override(campaign_id, contract_id, rate_bp, &reason, &author(), now()))
}

#[tauri::command]
#[specta::specta]
pub async fn subsidy_override_clear(state: State<'_, AppState>, campaign_id: CampaignId, contract_id: i64) -> Reply<()> {
    with_store(&state, |s| s.subsidies().clear_rate_override(campaign_id, contract_id))
}

#[tauri::command]
#[specta::specta]
pub async fn scenarios_list(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<Vec<RuleSet>> {
    with_store(&state, |s| s.rule_sets().scenarios(campaign_id))
}

#[tauri::command]
#[specta::specta]
pub async fn scenario_create(state: State<'_, AppState>, campaign_id: CampaignId, name: String) -> Reply<RuleSet> {
    with_store(&state, |s| s.rule_sets().create_scenario(campaign_id, &name, &author(), now()))
}

#[tauri::command]
#[specta::specta]
pub async fn scenario_update(state: State<'_, AppState>, id: i64, table: RuleTable) -> Reply<RuleSet> {
    with_store(&state, |s| s.rule_sets().update_scenario(id, &table))
}

#[tauri::command]
#[specta::specta]
pub async fn scenario_compare(state: State<'_, AppState>, id: i64) -> Reply<Comparison> {
    with_store(&state, |s| s.subsidies().compare_scenario(id))
}

#[tauri::command]
#[specta::specta]
pub async fn scenario_adopt(state: State<'_, AppState>, id: i64) -> Reply<RuleSet> {
    with_store(&state, |s| s.rule_sets().adopt_scenario(id, &author(), now()))
}

#[tauri::command]
#[specta::specta]
pub async fn scenario_discard(state: State<'_, AppState>, id: i64) -> Reply<()> {
    with_store(&state, |s| s.rule_sets().discard_scenario(id))
}
