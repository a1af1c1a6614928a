//! Running campaigns from the app: 复制为新一期 (from this database or another file the planner
//! picks), 结束 / 重新打开, archive, delete after the name is typed, and the participating teams.

use std::path::PathBuf;

use rampart_core::campaign_copy::{self, CopyInput, CopyReport};
use rampart_core::domain::campaign::{CampaignRemoval, TeamChoice};
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::{Campaign, CampaignStatus};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::commands::{with_store, Reply};
use crate::picked_files::{ask, stand_in, Picked, Use};
use crate::{author, now, AppState};

/// Another database file (last year's) to copy a campaign from, chosen in the native dialog.
/// Debug builds take `RAMPART_PICK_DATABASE` instead.
#[tauri::command]
#[specta::specta]
pub async fn campaign_pick_database<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Reply<Option<Picked>> {
    let paths = match stand_in("RAMPART_PICK_DATABASE") {
        Some(path) => vec![PathBuf::from(path)],
        None => {
            let dialog = app.dialog().file().add_filter("Rampart (*.db)", &["db", "sqlite", "rampart"]);
            ask(dialog, |d| d.blocking_pick_file().map(|p| vec![p])).await
        }
    };
    Ok(state.picked.remember(Use::Open, paths))
}

/// The campaigns of a picked database file, to choose the source from.
#[tauri::command]
#[specta::specta]
pub async fn campaigns_in_file(state: State<'_, AppState>, file: String) -> Reply<Vec<Campaign>> {
    let path = state.picked.path(&file, Use::Open)?;
    campaign_copy::campaigns_in_file(&path).map_err(|e| e.to_report())
}

/// Copies campaign `source_id` as a new draft period: from this database, or from the picked
/// database file `file` when given.
#[tauri::command]
#[specta::specta]
pub async fn campaign_copy(state: State<'_, AppState>, source_id: CampaignId, input: CopyInput, file: Option<String>) -> Reply<CopyReport> {
    let from = file.map(|token| state.picked.path(&token, Use::Open)).transpose()?;
    with_store(&state, |s| match &from {
        Some(path) => campaign_copy::copy_from_file(s, path, source_id, &input, &author(), now()),
        None => campaign_copy::copy(s, source_id, &input, &author(), now()),
    })
}

/// What deleting the campaign would remove, for the confirmation.
#[tauri::command]
#[specta::specta]
pub async fn campaign_removal(state: State<'_, AppState>, id: CampaignId) -> Reply<CampaignRemoval> {
    with_store(&state, |s| s.campaigns().removal(id))
}

/// Deletes the campaign once `typed_name` is its name; otherwise a validation error on `name`.
#[tauri::command]
#[specta::specta]
pub async fn campaign_delete(state: State<'_, AppState>, id: CampaignId, typed_name: String) -> Reply<CampaignRemoval> {
    with_store(&state, |s| s.campaigns().delete(id, &typed_name))
}

#[tauri::command]
#[specta::specta]
pub async fn campaign_set_status(state: State<'_, AppState>, id: CampaignId, status: CampaignStatus) -> Reply<Campaign> {
    with_store(&state, |s| s.campaigns().set_status(id, status))
}

#[tauri::command]
#[specta::specta]
pub async fn campaign_archive(state: State<'_, AppState>, id: CampaignId, archived: bool) -> Reply<Campaign> {
    with_store(&state, |s| s.campaigns().set_archived(id, archived))
}

#[tauri::command]
#[specta::specta]
pub async fn campaign_teams_set(state: State<'_, AppState>, id: CampaignId, teams: TeamChoice) -> Reply<Campaign> {
    with_store(&state, |s| s.campaigns().set_team_choice(id, &teams))
}
