//! Broadband early warning from the app: snapshots in (checked first), the warning queue, the
//! workflow, the threshold, and key-person changes.

use chrono::NaiveDate;
use rampart_core::domain::ids::WarningId;
use rampart_core::domain::ids::{CampaignId, ClientId};
use rampart_core::domain::plan::By;
use rampart_core::domain::warning::{ErosionSettings, KeyPersonChange, Warning, WarningFilter, WarningStatus, WarningStep, WarningSummary};
use rampart_core::import::snapshots::{import_snapshots, SnapshotReport};
use tauri::State;

use crate::commands::{with_store, Reply};
use crate::picked_files::Use;
use crate::{author, now, AppState};

fn by() -> By {
    By { author: author(), at: now() }
}

#[tauri::command]
#[specta::specta]
pub async fn warnings_list(state: State<'_, AppState>, campaign_id: CampaignId, filter: WarningFilter) -> Reply<Vec<Warning>> {
    with_store(&state, |s| s.warnings().list(campaign_id, &filter, now().date()))
}

#[tauri::command]
#[specta::specta]
pub async fn warning_summary(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<WarningSummary> {
    with_store(&state, |s| s.warnings().summary(campaign_id))
}

#[tauri::command]
#[specta::specta]
pub async fn warning_status(state: State<'_, AppState>, id: i64, status: WarningStatus, note: String) -> Reply<Warning> {
    with_store(&state, |s| s.warnings().set_status(WarningId(id), status, &note, now().date(), &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn warning_log(state: State<'_, AppState>, id: i64) -> Reply<Vec<WarningStep>> {
    with_store(&state, |s| s.warnings().history(WarningId(id)))
}

#[tauri::command]
#[specta::specta]
pub async fn warning_threshold_get(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<i64> {
    with_store(&state, |s| s.warnings().threshold(campaign_id))
}

#[tauri::command]
#[specta::specta]
pub async fn warning_threshold_save(state: State<'_, AppState>, campaign_id: CampaignId, drop_bp: i64) -> Reply<()> {
    with_store(&state, |s| s.warnings().set_threshold(campaign_id, drop_bp))
}

/// What a tariff is compared with besides the previous month: the contract's fee or its peak.
#[tauri::command]
#[specta::specta]
pub async fn warning_erosion_get(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<ErosionSettings> {
    with_store(&state, |s| s.warnings().erosion(campaign_id))
}

#[tauri::command]
#[specta::specta]
pub async fn warning_erosion_save(state: State<'_, AppState>, campaign_id: CampaignId, settings: ErosionSettings) -> Reply<()> {
    with_store(&state, |s| s.warnings().set_erosion(campaign_id, &settings))
}

/// Checks (`dry_run`) or imports a billing snapshot: all or nothing.
#[tauri::command]
#[specta::specta]
pub async fn snapshots_import(state: State<'_, AppState>, file: String, campaign_id: CampaignId, dry_run: bool) -> Reply<SnapshotReport> {
    let path = state.picked.path(&file, Use::Open)?;
    with_store(&state, |s| import_snapshots(s, &path, campaign_id, dry_run, now().date()))
}

#[tauri::command]
#[specta::specta]
pub async fn key_person_record(
    state: State<'_, AppState>,
    client_id: i64,
    name: String,
    phone: String,
    changed_on: NaiveDate,
    note: String,
) -> Reply<()> {
    with_store(&state, |s| s.key_people().record_change(ClientId(client_id), (&name, &phone), changed_on, &note, &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn key_person_changes(state: State<'_, AppState>, campaign_id: CampaignId, since: NaiveDate) -> Reply<Vec<KeyPersonChange>> {
    with_store(&state, |s| s.key_people().changes(campaign_id, since))
}
