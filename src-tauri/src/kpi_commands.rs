//! Goals, the strategy skeleton (battles and workstreams) and their KPIs: listing and editing
//! them, the metric catalogue the KPI editor offers, hand-entered weekly values, and each KPI's
//! figure and status as of a date.

use chrono::NaiveDate;
use rampart_core::domain::ids::{CampaignId, GoalId, KpiId, PartId};
use rampart_core::domain::kpi::{Kpi, KpiInput, KpiOwner, KpiReading, Metric, MetricInfo};
use rampart_core::domain::skeleton::{Goal, GoalInput, Part, PartInput, ScopeChoices};
use tauri::State;

use crate::commands::{with_store, Reply};
use crate::{now, AppState};

#[tauri::command]
#[specta::specta]
pub async fn goals_list(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<Vec<Goal>> {
    with_store(&state, |s| s.kpis().goals(campaign_id))
}

#[tauri::command]
#[specta::specta]
pub async fn goal_add(state: State<'_, AppState>, campaign_id: CampaignId, input: GoalInput) -> Reply<GoalId> {
    with_store(&state, |s| s.kpis().add_goal(campaign_id, &input))
}

#[tauri::command]
#[specta::specta]
pub async fn goal_update(state: State<'_, AppState>, id: GoalId, input: GoalInput) -> Reply<()> {
    with_store(&state, |s| s.kpis().update_goal(id, &input))
}

/// Removes the goal with its KPIs.
#[tauri::command]
#[specta::specta]
pub async fn goal_remove(state: State<'_, AppState>, id: GoalId) -> Reply<()> {
    with_store(&state, |s| s.kpis().remove_goal(id))
}

/// Battles first, then workstreams.
#[tauri::command]
#[specta::specta]
pub async fn parts_list(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<Vec<Part>> {
    with_store(&state, |s| s.kpis().parts(campaign_id))
}

#[tauri::command]
#[specta::specta]
pub async fn part_add(state: State<'_, AppState>, campaign_id: CampaignId, input: PartInput) -> Reply<PartId> {
    with_store(&state, |s| s.kpis().add_part(campaign_id, &input))
}

#[tauri::command]
#[specta::specta]
pub async fn part_update(state: State<'_, AppState>, id: PartId, input: PartInput) -> Reply<()> {
    with_store(&state, |s| s.kpis().update_part(id, &input))
}

/// Removes the battle or workstream with its KPIs.
#[tauri::command]
#[specta::specta]
pub async fn part_remove(state: State<'_, AppState>, id: PartId) -> Reply<()> {
    with_store(&state, |s| s.kpis().remove_part(id))
}

/// The product types and industries a scope can be narrowed to.
#[tauri::command]
#[specta::specta]
pub async fn scope_choices(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<ScopeChoices> {
    with_store(&state, |s| s.kpis().scope_choices(campaign_id))
}

/// Gives the campaign the seed's goals and skeleton where it has none; whether anything was added.
#[tauri::command]
#[specta::specta]
pub async fn skeleton_restore(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<bool> {
    with_store(&state, |s| s.kpis().apply_defaults(campaign_id))
}

#[tauri::command]
#[specta::specta]
pub async fn kpis_list(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<Vec<Kpi>> {
    with_store(&state, |s| s.kpis().list(campaign_id))
}

#[tauri::command]
#[specta::specta]
pub async fn kpi_add(state: State<'_, AppState>, campaign_id: CampaignId, owner: KpiOwner, input: KpiInput) -> Reply<KpiId> {
    with_store(&state, |s| s.kpis().add(campaign_id, owner, &input))
}

#[tauri::command]
#[specta::specta]
pub async fn kpi_update(state: State<'_, AppState>, id: KpiId, input: KpiInput) -> Reply<()> {
    with_store(&state, |s| s.kpis().update(id, &input))
}

#[tauri::command]
#[specta::specta]
pub async fn kpi_remove(state: State<'_, AppState>, id: KpiId) -> Reply<()> {
    with_store(&state, |s| s.kpis().remove(id))
}

/// Every metric a KPI can name, with its labels, default unit and the parameter it asks for.
#[tauri::command]
#[specta::specta]
pub async fn kpi_metrics() -> Reply<Vec<MetricInfo>> {
    Ok(Metric::catalogue())
}

/// A hand-entered KPI's weekly values, oldest first.
#[tauri::command]
#[specta::specta]
pub async fn kpi_values(state: State<'_, AppState>, id: KpiId) -> Reply<Vec<(NaiveDate, f64)>> {
    with_store(&state, |s| s.kpis().values(id))
}

/// Records the value for the week ending `week_end`, replacing one entered for that week.
#[tauri::command]
#[specta::specta]
pub async fn kpi_value_set(state: State<'_, AppState>, id: KpiId, week_end: NaiveDate, value: f64) -> Reply<()> {
    with_store(&state, |s| s.kpis().set_value(id, week_end, value))
}

#[tauri::command]
#[specta::specta]
pub async fn kpi_value_clear(state: State<'_, AppState>, id: KpiId, week_end: NaiveDate) -> Reply<()> {
    with_store(&state, |s| s.kpis().clear_value(id, week_end))
}

/// Every KPI of the campaign with its figure and status as of `as_of`, or today.
#[tauri::command]
#[specta::specta]
pub async fn kpi_readings(state: State<'_, AppState>, campaign_id: CampaignId, as_of: Option<NaiveDate>) -> Reply<Vec<KpiReading>> {
    with_store(&state, |s| s.kpis().readings(campaign_id, as_of.unwrap_or_else(|| now().date()), None))
}
