//! 一户一案 commands: plans, items and their status, the log, workload, timeline, template.

use chrono::NaiveDate;
use rampart_core::domain::ids::{CampaignId, ClientId, PersonId, PlanId, PlanItemId};
use rampart_core::domain::plan::{By, ItemEdit, ItemKind, ItemStatus, LogEntry, Plan, PlanItem, PlanSummary};
use rampart_core::store::plans::{DueDay, PlanFilter, Workload};
use tauri::State;

use crate::commands::{with_store, Reply};
use crate::{author, now, AppState};

fn by() -> By {
    By { author: author(), at: now() }
}

fn today() -> NaiveDate {
    now().date()
}

#[tauri::command]
#[specta::specta]
pub async fn plans_list(state: State<'_, AppState>, campaign_id: CampaignId, filter: PlanFilter) -> Reply<Vec<PlanSummary>> {
    with_store(&state, |s| s.plans().list(campaign_id, &filter, today()))
}

#[tauri::command]
#[specta::specta]
pub async fn plan_get(state: State<'_, AppState>, id: i64) -> Reply<Plan> {
    with_store(&state, |s| s.plans().get(PlanId(id), today()))
}

#[tauri::command]
#[specta::specta]
pub async fn plan_create(state: State<'_, AppState>, campaign_id: CampaignId, client_id: i64, goal: String) -> Reply<Plan> {
    with_store(&state, |s| {
        let id = s.plans().create(campaign_id, ClientId(client_id), &goal, &by())?;
        s.plans().get(id, today())
    })
}

/// 批量建方案: a plan for each chosen target, all or none; answers how many were made.
#[tauri::command]
#[specta::specta]
pub async fn plans_create_many(state: State<'_, AppState>, campaign_id: CampaignId, client_ids: Vec<i64>, goal: String) -> Reply<u32> {
    let ids: Vec<ClientId> = client_ids.into_iter().map(ClientId).collect();
    with_store(&state, |s| s.plans().create_many(campaign_id, &ids, &goal, &by()).map(|made| made.len() as u32))
}

#[tauri::command]
#[specta::specta]
pub async fn plan_goal_save(state: State<'_, AppState>, id: i64, goal: String, members: Vec<PersonId>) -> Reply<Plan> {
    with_store(&state, |s| s.plans().set_goal(PlanId(id), &goal, &members, &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn plan_item_status(state: State<'_, AppState>, item_id: i64, status: ItemStatus, reason: String) -> Reply<PlanItem> {
    with_store(&state, |s| s.plans().set_item_status(PlanItemId(item_id), status, None, &reason, &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn plan_item_update(state: State<'_, AppState>, item_id: i64, edit: ItemEdit) -> Reply<PlanItem> {
    with_store(&state, |s| s.plans().update_item(PlanItemId(item_id), &edit, &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn plan_item_add(
    state: State<'_, AppState>,
    plan_id: i64,
    title: String,
    owner_id: Option<PersonId>,
    due: NaiveDate,
) -> Reply<i64> {
    with_store(&state, |s| s.plans().add_item(PlanId(plan_id), &title, owner_id, due, &by()).map(i64::from))
}

#[tauri::command]
#[specta::specta]
pub async fn plan_item_delete(state: State<'_, AppState>, item_id: i64) -> Reply<()> {
    with_store(&state, |s| s.plans().delete_item(PlanItemId(item_id), &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn plan_item_restore(state: State<'_, AppState>, item_id: i64) -> Reply<()> {
    with_store(&state, |s| s.plans().restore_item(PlanItemId(item_id), &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn plan_delete(state: State<'_, AppState>, id: i64) -> Reply<()> {
    with_store(&state, |s| s.plans().delete(PlanId(id), &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn plan_restore(state: State<'_, AppState>, id: i64) -> Reply<()> {
    with_store(&state, |s| s.plans().restore(PlanId(id), &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn plan_log(state: State<'_, AppState>, id: i64) -> Reply<Vec<LogEntry>> {
    with_store(&state, |s| s.plans().history(PlanId(id)))
}

#[tauri::command]
#[specta::specta]
pub async fn plan_workload(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<Vec<Workload>> {
    with_store(&state, |s| s.plans().workload(campaign_id, today()))
}

#[tauri::command]
#[specta::specta]
pub async fn plan_timeline(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<Vec<DueDay>> {
    with_store(&state, |s| s.plans().timeline(campaign_id, today()))
}

#[tauri::command]
#[specta::specta]
pub async fn plan_template_get(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<Vec<(ItemKind, String)>> {
    with_store(&state, |s| s.plans().template(campaign_id))
}

#[tauri::command]
#[specta::specta]
pub async fn plan_template_save(state: State<'_, AppState>, campaign_id: CampaignId, items: Vec<(ItemKind, String)>) -> Reply<()> {
    with_store(&state, |s| s.plans().set_template(campaign_id, &items))
}
