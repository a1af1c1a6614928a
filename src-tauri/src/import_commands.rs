//! Client import from the app: pick a file, inspect and map its header, dry-run, import with
//! progress and cancel, undo; and the high-risk settings and reasons.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use rampart_core::domain::risk::{RiskReason, RiskSettings};
use rampart_core::domain::Campaign;
use rampart_core::import::header::Field;
use rampart_core::import::{import_clients, inspect, ImportOptions, ImportReport, Inspection};
use rampart_core::store::imports::ImportBatch;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use crate::commands::{with_store, Reply};
use crate::{author, now, AppState};

/// The file to import. Debug builds take `RAMPART_PICK_FILE` instead of showing the native
/// dialog, which WebDriver cannot drive.
#[tauri::command]
pub async fn import_pick_file(app: AppHandle) -> Reply<Option<String>> {
    if cfg!(debug_assertions) {
        if let Ok(path) = std::env::var("RAMPART_PICK_FILE") {
            return Ok(Some(path));
        }
    }
    let picked = app
        .dialog()
        .file()
        .add_filter("Excel / CSV / TXT", &["xlsx", "xls", "ods", "csv", "txt"])
        .blocking_pick_file();
    Ok(picked.map(|p| p.to_string()))
}

#[tauri::command]
pub async fn import_inspect(state: State<'_, AppState>, path: String) -> Reply<Inspection> {
    with_store(&state, |s| inspect(&PathBuf::from(&path), &s.import_mapping()?))
}

#[tauri::command]
pub async fn import_map_header(state: State<'_, AppState>, header: String, field: Option<Field>) -> Reply<()> {
    with_store(&state, |s| s.set_import_mapping(&header, field))
}

/// Runs on a blocking thread; `progress` receives the rows read so far.
#[tauri::command]
pub async fn import_run(
    app: AppHandle,
    path: String,
    campaign_id: Option<i64>,
    dry_run: bool,
    progress: Channel<u64>,
) -> Reply<ImportReport> {
    let work = tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        state.cancel.store(false, Ordering::SeqCst);
        with_store(&state, |s| {
            let options = ImportOptions { campaign_id, dry_run, mapping: s.import_mapping()?, author: author(), now: now() };
            import_clients(s, &PathBuf::from(&path), &options, &mut |rows| {
                let _ = progress.send(rows);
                !state.cancel.load(Ordering::SeqCst)
            })
        })
    });
    work.await.unwrap_or_else(|e| Err(rampart_core::Error::Io(std::io::Error::other(e.to_string())).to_report()))
}

/// Asks a running import to stop; it then writes nothing.
#[tauri::command]
pub async fn import_cancel(state: State<'_, AppState>) -> Reply<()> {
    state.cancel.store(true, Ordering::SeqCst);
    Ok(())
}

#[tauri::command]
pub async fn import_undo(state: State<'_, AppState>) -> Reply<ImportBatch> {
    with_store(&state, |s| s.undo_last_import(now()))
}

#[tauri::command]
pub async fn import_batches(state: State<'_, AppState>) -> Reply<Vec<ImportBatch>> {
    with_store(&state, |s| s.import_batches())
}

#[tauri::command]
pub async fn client_risks(state: State<'_, AppState>, campaign_id: i64, client_id: i64) -> Reply<Vec<RiskReason>> {
    with_store(&state, |s| s.client_risks(campaign_id, client_id))
}

#[tauri::command]
pub async fn campaign_risk_save(state: State<'_, AppState>, campaign_id: i64, settings: RiskSettings) -> Reply<Campaign> {
    with_store(&state, |s| s.set_risk_settings(campaign_id, settings))
}
