//! Trackers from the app: write the workbook (whole campaign, one team, or one per team) with
//! progress, and read returned ones back: preview first, then apply all or nothing.

use std::path::PathBuf;

use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::tracker::Lang;
use rampart_core::domain::ClientQuery;
use rampart_core::export::client_list::write_client_list;
use rampart_core::export::file_name::with_xlsx_extension;
use rampart_core::export::{export_team_trackers, export_tracker, TrackerOptions, TrackerSummary};
use rampart_core::import::tracker::{apply_trackers, ApplyOptions, ApplyReport};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::commands::{with_store, Reply};
use crate::picked_files::{ask, stand_in, Picked, Use};
use crate::{author, now, AppState};

/// Where to write, chosen in the native dialog: a workbook, or with `folder` a folder for one
/// per team; the page gets a token for it. Debug builds take `RAMPART_SAVE_PATH` instead.
#[tauri::command]
#[specta::specta]
pub async fn tracker_pick_target<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    default_name: String,
    folder: bool,
) -> Reply<Option<Picked>> {
    let paths = match stand_in("RAMPART_SAVE_PATH") {
        Some(path) => vec![PathBuf::from(path)],
        None if folder => ask(app.dialog().file(), |d| d.blocking_pick_folder().map(|p| vec![p])).await,
        None => {
            let dialog = app.dialog().file().set_file_name(&default_name).add_filter("Excel", &["xlsx"]);
            ask(dialog, |d| d.blocking_save_file().map(|p| vec![p])).await
        }
    };
    if folder {
        return Ok(state.picked.remember(Use::Folder, paths));
    }
    // The name shown and the file written agree: the export adds a missing .xlsx too.
    Ok(state.picked.remember(Use::Save, paths.iter().map(|p| with_xlsx_extension(p)).collect()))
}

/// Returned trackers to read (several at once), as one token. Debug builds take
/// `RAMPART_PICK_FILES`, separated by `;`.
#[tauri::command]
#[specta::specta]
pub async fn tracker_pick_returned<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Reply<Option<Picked>> {
    let paths = match stand_in("RAMPART_PICK_FILES") {
        Some(paths) => paths.split(';').filter(|p| !p.is_empty()).map(PathBuf::from).collect(),
        None => ask(app.dialog().file().add_filter("Excel", &["xlsx", "xlsm", "ods"]), |d| d.blocking_pick_files()).await,
    };
    Ok(state.picked.remember(Use::Open, paths))
}

/// Writes the tracker on a blocking thread; `progress` hears the targets written so far.
#[tauri::command]
#[specta::specta]
pub async fn tracker_export<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: CampaignId,
    target: String,
    team: Option<String>,
    each_team: bool,
    progress: Channel<u64>,
) -> Reply<Vec<TrackerSummary>> {
    let path = app.state::<AppState>().picked.path(&target, if each_team { Use::Folder } else { Use::Save })?;
    let work = tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        with_store(&state, |s| {
            let lang = Lang::from_code(&s.settings().get("language")?.unwrap_or_default());
            let opts = TrackerOptions { campaign_id, team, lang, today: now().date(), now: now() };
            let mut tell = |n: u64| {
                let _ = progress.send(n);
                true
            };
            if each_team {
                export_team_trackers(s, &path, &opts, &mut tell)
            } else {
                Ok(vec![export_tracker(s, &path, &opts, &mut tell)?])
            }
        })
    });
    work.await.unwrap_or_else(|e| Err(rampart_core::Error::Io(std::io::Error::other(e.to_string())).to_report()))
}

/// 导出清单: every client the list's filters match (not only the page shown) to the workbook
/// picked with `tracker_pick_target`, in the UI's language; answers the rows written.
#[tauri::command]
#[specta::specta]
pub async fn clients_export<R: Runtime>(app: AppHandle<R>, query: ClientQuery, target: String, progress: Channel<u64>) -> Reply<u64> {
    let path = app.state::<AppState>().picked.path(&target, Use::Save)?;
    let work = tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        with_store(&state, |s| {
            let lang = Lang::from_code(&s.settings().get("language")?.unwrap_or_default());
            write_client_list(s, &query, &path, lang, &mut |n| {
                let _ = progress.send(n);
                true
            })
        })
    });
    work.await.unwrap_or_else(|e| Err(rampart_core::Error::Io(std::io::Error::other(e.to_string())).to_report()))
}

/// Reads returned trackers; with `dry_run` only lists what would change and every problem.
#[tauri::command]
#[specta::specta]
pub async fn tracker_apply(state: State<'_, AppState>, files: String, dry_run: bool) -> Reply<ApplyReport> {
    let paths = state.picked.paths(&files, Use::Open)?;
    with_store(&state, |s| {
        let opts = ApplyOptions { dry_run, author: author(), now: now(), today: now().date() };
        apply_trackers(s, &paths, &opts)
    })
}
