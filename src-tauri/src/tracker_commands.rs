//! Trackers from the app: write the workbook (whole campaign, one team, or one per team) with
//! progress, and read returned ones back: preview first, then apply all or nothing.

use std::path::PathBuf;

use rampart_core::domain::tracker::Lang;
use rampart_core::export::{export_team_trackers, export_tracker, TrackerOptions, TrackerSummary};
use rampart_core::import::tracker::{apply_trackers, ApplyOptions, ApplyReport};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use crate::commands::{with_store, Reply};
use crate::{author, now, AppState};

/// Where to write: a file, or with `folder` a directory for one file per team. Debug builds take
/// `RAMPART_SAVE_PATH` instead of the native dialog, which WebDriver cannot drive.
#[tauri::command]
pub async fn tracker_pick_target(app: AppHandle, default_name: String, folder: bool) -> Reply<Option<String>> {
    if cfg!(debug_assertions) {
        if let Ok(path) = std::env::var("RAMPART_SAVE_PATH") {
            return Ok(Some(path));
        }
    }
    let dialog = app.dialog().file();
    let picked = if folder {
        dialog.blocking_pick_folder()
    } else {
        dialog.set_file_name(&default_name).add_filter("Excel", &["xlsx"]).blocking_save_file()
    };
    Ok(picked.map(|p| p.to_string()))
}

/// Returned trackers to read (several at once). Debug builds take `RAMPART_PICK_FILES`,
/// separated by `;`.
#[tauri::command]
pub async fn tracker_pick_returned(app: AppHandle) -> Reply<Vec<String>> {
    if cfg!(debug_assertions) {
        if let Ok(paths) = std::env::var("RAMPART_PICK_FILES") {
            return Ok(paths.split(';').filter(|p| !p.is_empty()).map(String::from).collect());
        }
    }
    let picked = app.dialog().file().add_filter("Excel", &["xlsx", "xlsm", "ods"]).blocking_pick_files();
    Ok(picked.unwrap_or_default().into_iter().map(|p| p.to_string()).collect())
}

/// Writes the tracker on a blocking thread; `progress` hears the targets written so far.
#[tauri::command]
pub async fn tracker_export(
    app: AppHandle,
    campaign_id: i64,
    path: String,
    team: Option<String>,
    each_team: bool,
    progress: Channel<u64>,
) -> Reply<Vec<TrackerSummary>> {
    let work = tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        with_store(&state, |s| {
            let lang = Lang::from_code(&s.setting("language")?.unwrap_or_default());
            let opts = TrackerOptions { campaign_id, team, lang, today: now().date(), now: now() };
            let mut tell = |n: u64| {
                let _ = progress.send(n);
                true
            };
            if each_team {
                export_team_trackers(s, &PathBuf::from(&path), &opts, &mut tell)
            } else {
                Ok(vec![export_tracker(s, &PathBuf::from(&path), &opts, &mut tell)?])
            }
        })
    });
    work.await.unwrap_or_else(|e| Err(rampart_core::Error::Io(std::io::Error::other(e.to_string())).to_report()))
}

/// Reads returned trackers; with `dry_run` only lists what would change and every problem.
#[tauri::command]
pub async fn tracker_apply(state: State<'_, AppState>, paths: Vec<String>, dry_run: bool) -> Reply<ApplyReport> {
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    with_store(&state, |s| {
        let opts = ApplyOptions { dry_run, author: author(), now: now(), today: now().date() };
        apply_trackers(s, &paths, &opts)
    })
}
