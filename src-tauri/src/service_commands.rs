//! The service workstreams from the app (服务): star service standards, fibre preparation, the
//! green channel and the care calendar, with the send list saved where the planner picks.

use std::path::PathBuf;

use rampart_core::domain::care::{CareSettings, Greeting, SentGreeting, SwitchboardLine};
use rampart_core::domain::fibre::{FibreRow, FibreStatus, FibreTeamCount, FibreUpdate};
use rampart_core::domain::green_channel::{GreenRequest, OnTimeRate, RequestStep, ServiceCalendar};
use rampart_core::domain::ids::{CampaignId, ClientId, TeamId};
use rampart_core::domain::plan::By;
use rampart_core::domain::service_standard::ServiceStandard;
use rampart_core::domain::Page;
use rampart_core::export::send_list::{write_send_list, SendListSummary, TextEncoding};
use rampart_core::store::green_channel::RequestFilter;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::commands::{with_store, Reply};
use crate::picked_files::{ask, stand_in, Picked, Use};
use crate::{author, now, AppState};

fn by() -> By {
    By { author: author(), at: now() }
}

#[tauri::command]
#[specta::specta]
pub async fn service_standards_list(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<Vec<ServiceStandard>> {
    with_store(&state, |s| s.service_standards().list(campaign_id))
}

#[tauri::command]
#[specta::specta]
pub async fn service_standard_save(
    state: State<'_, AppState>,
    campaign_id: CampaignId,
    standard: ServiceStandard,
) -> Reply<ServiceStandard> {
    with_store(&state, |s| s.service_standards().set(campaign_id, &standard))
}

#[tauri::command]
#[specta::specta]
pub async fn fibre_list(
    state: State<'_, AppState>,
    campaign_id: CampaignId,
    team_id: Option<TeamId>,
    status: Option<FibreStatus>,
    limit: i64,
    offset: i64,
) -> Reply<Page<FibreRow>> {
    with_store(&state, |s| s.fibre().list(campaign_id, team_id, status, limit, offset))
}

#[tauri::command]
#[specta::specta]
pub async fn fibre_counts(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<Vec<FibreTeamCount>> {
    with_store(&state, |s| s.fibre().counts(campaign_id))
}

#[tauri::command]
#[specta::specta]
pub async fn fibre_set(state: State<'_, AppState>, campaign_id: CampaignId, client_id: ClientId, update: FibreUpdate) -> Reply<FibreRow> {
    with_store(&state, |s| s.fibre().set(campaign_id, client_id, &update, now().date(), &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn green_requests_list(
    state: State<'_, AppState>,
    campaign_id: CampaignId,
    filter: RequestFilter,
    limit: i64,
    offset: i64,
) -> Reply<Page<GreenRequest>> {
    with_store(&state, |s| s.green_channel().list(campaign_id, filter, now(), limit, offset))
}

#[tauri::command]
#[specta::specta]
pub async fn green_request_step(state: State<'_, AppState>, campaign_id: CampaignId, id: i64, step: RequestStep) -> Reply<GreenRequest> {
    with_store(&state, |s| s.green_channel().step(campaign_id, id, &step, now(), &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn green_rates(state: State<'_, AppState>, campaign_id: CampaignId, by_team: bool) -> Reply<Vec<OnTimeRate>> {
    with_store(&state, |s| s.green_channel().rates(campaign_id, now(), by_team))
}

#[tauri::command]
#[specta::specta]
pub async fn service_calendar_get(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<ServiceCalendar> {
    with_store(&state, |s| s.green_channel().calendar(campaign_id))
}

#[tauri::command]
#[specta::specta]
pub async fn care_settings_get(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<CareSettings> {
    with_store(&state, |s| s.care().settings(campaign_id))
}

#[tauri::command]
#[specta::specta]
pub async fn care_settings_save(state: State<'_, AppState>, campaign_id: CampaignId, settings: CareSettings) -> Reply<CareSettings> {
    with_store(&state, |s| s.care().set_settings(campaign_id, &settings, &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn care_lines(state: State<'_, AppState>, campaign_id: CampaignId, limit: i64, offset: i64) -> Reply<Page<SwitchboardLine>> {
    with_store(&state, |s| s.care().lines(campaign_id, limit, offset))
}

/// The greetings a holiday's send list would hold now, without writing or recording anything.
#[tauri::command]
#[specta::specta]
pub async fn care_send_preview(state: State<'_, AppState>, campaign_id: CampaignId, holiday: String, year: i32) -> Reply<Vec<Greeting>> {
    with_store(&state, |s| s.care().send_list(campaign_id, &holiday, year))
}

#[tauri::command]
#[specta::specta]
pub async fn care_sent(state: State<'_, AppState>, campaign_id: CampaignId, limit: i64, offset: i64) -> Reply<Page<SentGreeting>> {
    with_store(&state, |s| s.care().sent(campaign_id, limit, offset))
}

/// Where to save a send list: the native dialog offers `国庆_2026_发送清单.csv` (or .xlsx).
/// Debug builds take `RAMPART_SAVE_PATH` instead.
#[tauri::command]
#[specta::specta]
pub async fn care_pick_target<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    holiday: String,
    year: i32,
    xlsx: bool,
) -> Reply<Option<Picked>> {
    let extension = if xlsx { "xlsx" } else { "csv" };
    let name = format!("{}_{year}_发送清单.{extension}", holiday.trim());
    let paths = match stand_in("RAMPART_SAVE_PATH") {
        Some(path) => vec![PathBuf::from(path)],
        None => {
            let dialog = app.dialog().file().set_file_name(&name);
            let dialog = if xlsx { dialog.add_filter("Excel", &["xlsx"]) } else { dialog.add_filter("CSV", &["csv"]) };
            ask(dialog, |d| d.blocking_save_file().map(|p| vec![p])).await
        }
    };
    Ok(state.picked.remember(Use::Save, paths))
}

/// Writes the send list to the picked file and records the greetings as sent.
#[tauri::command]
#[specta::specta]
pub async fn care_send_export<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: CampaignId,
    target: String,
    holiday: String,
    year: i32,
    encoding: TextEncoding,
) -> Reply<SendListSummary> {
    let path = app.state::<AppState>().picked.path(&target, Use::Save)?;
    let work = tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        with_store(&state, |s| write_send_list(s, campaign_id, (&holiday, year), &path, encoding, false, &by()))
    });
    work.await.unwrap_or_else(|e| Err(rampart_core::Error::Io(std::io::Error::other(e.to_string())).to_report()))
}
