//! Client import from the app: pick a file, inspect and map its header, dry-run, import with
//! progress and cancel, undo; and the high-risk settings and reasons.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use rampart_core::domain::ids::{CampaignId, ClientId};
use rampart_core::domain::risk::{RiskReason, RiskSettings};
use rampart_core::domain::Campaign;
use rampart_core::import::header::Field;
use rampart_core::import::{import_clients, inspect, ImportOptions, ImportReport, Inspection};
use rampart_core::store::imports::ImportBatch;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::commands::{with_store, Reply};
use crate::picked_files::{ask, stand_in, Picked, Use};
use crate::{author, now, AppState};

/// 下载模板: the client list template, headed in the UI's language, to the workbook picked with
/// `tracker_pick_target`.
#[tauri::command]
#[specta::specta]
pub async fn import_template_export(state: State<'_, AppState>, target: String) -> Reply<()> {
    let path = state.picked.path(&target, Use::Save)?;
    with_store(&state, |s| {
        let lang = rampart_core::domain::tracker::Lang::from_code(&s.settings().get("language")?.unwrap_or_default());
        rampart_core::export::import_template::write_import_template(&path, lang)
    })
}

/// The file to import, chosen in the native dialog; the page gets a token for it. Debug builds
/// take `RAMPART_PICK_FILE` instead.
#[tauri::command]
#[specta::specta]
pub async fn import_pick_file<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Reply<Option<Picked>> {
    let paths = match stand_in("RAMPART_PICK_FILE") {
        Some(path) => vec![PathBuf::from(path)],
        None => {
            let dialog = app.dialog().file().add_filter("Excel / CSV / TXT", &["xlsx", "xls", "ods", "csv", "txt"]);
            ask(dialog, |d| d.blocking_pick_file().map(|p| vec![p])).await
        }
    };
    Ok(state.picked.remember(Use::Open, paths))
}

#[tauri::command]
#[specta::specta]
pub async fn import_inspect(state: State<'_, AppState>, file: String) -> Reply<Inspection> {
    let path = state.picked.path(&file, Use::Open)?;
    with_store(&state, |s| inspect(&path, &s.settings().import_mapping()?))
}

#[tauri::command]
#[specta::specta]
pub async fn import_map_header(state: State<'_, AppState>, header: String, field: Option<Field>) -> Reply<()> {
    with_store(&state, |s| s.settings().set_import_mapping(&header, field))
}

/// Runs on a blocking thread; `progress` receives the rows read so far.
#[tauri::command]
#[specta::specta]
pub async fn import_run<R: Runtime>(
    app: AppHandle<R>,
    file: String,
    campaign_id: Option<CampaignId>,
    dry_run: bool,
    progress: Channel<u64>,
) -> Reply<ImportReport> {
    let path = app.state::<AppState>().picked.path(&file, Use::Open)?;
    let handle = app.clone();
    let work = tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        state.cancel.store(false, Ordering::SeqCst);
        with_store(&state, |s| {
            let options = ImportOptions { campaign_id, dry_run, mapping: s.settings().import_mapping()?, author: author(), now: now() };
            import_clients(s, &path, &options, &mut |rows| {
                let _ = progress.send(rows);
                !state.cancel.load(Ordering::SeqCst)
            })
        })
    });
    let report = work.await.unwrap_or_else(|e| Err(rampart_core::Error::Io(std::io::Error::other(e.to_string())).to_report()))?;
    // The clients it wrote are indexed for search after it commits, while the planner reads it.
    crate::search_index::follow(&handle);
    Ok(report)
}

/// Asks a running import to stop; it then writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn import_cancel(state: State<'_, AppState>) -> Reply<()> {
    state.cancel.store(true, Ordering::SeqCst);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn import_undo(state: State<'_, AppState>) -> Reply<ImportBatch> {
    with_store(&state, |s| s.imports().undo_last(now()))
}

#[tauri::command]
#[specta::specta]
pub async fn import_batches(state: State<'_, AppState>) -> Reply<Vec<ImportBatch>> {
    with_store(&state, |s| s.imports().batches())
}

#[tauri::command]
#[specta::specta]
pub async fn client_risks(state: State<'_, AppState>, campaign_id: CampaignId, client_id: i64) -> Reply<Vec<RiskReason>> {
    with_store(&state, |s| s.clients().risks(campaign_id, ClientId(client_id)))
}

#[tauri::command]
#[specta::specta]
pub async fn campaign_risk_save(state: State<'_, AppState>, campaign_id: CampaignId, settings: RiskSettings) -> Reply<Campaign> {
    with_store(&state, |s| s.campaigns().set_risk_settings(campaign_id, settings))
}
