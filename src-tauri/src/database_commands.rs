//! Database files as documents: new, open, open recent, save as, and the sample. Each command
//! shows its own dialog (or, from the 最近打开 menu, takes only a path the app listed there),
//! so the page never names a file of its choosing. A switch replaces the store behind the lock:
//! work already running finishes on the old one first.

use std::path::{Path, PathBuf};

use rampart_core::{recent, sample, Error, FieldError, Problem, Store};
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::commands::{with_store, Reply};
use crate::picked_files::{ask, stand_in};
use crate::{now, AppState};

/// The database open now, for the header, the banner and the title.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct DbInfo {
    pub db_path: String,
    /// The file name without its folder.
    pub file_name: String,
    /// True while the sample campaign's database is open.
    pub is_sample: bool,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct RecentFile {
    pub path: String,
    pub name: String,
}

const FILTER: (&str, &[&str]) = ("Rampart", &["db", "rampart", "sqlite"]);

/// Where the planner wants a new database or a copy: the save dialog, or in debug builds
/// `RAMPART_DB_SAVE_PATH`. Nothing when they cancel.
async fn ask_save<R: Runtime>(app: &AppHandle<R>, suggested: &str) -> Option<PathBuf> {
    if let Some(path) = stand_in("RAMPART_DB_SAVE_PATH") {
        return Some(PathBuf::from(path)).filter(|p| !p.as_os_str().is_empty());
    }
    let dialog = app.dialog().file().set_file_name(suggested).add_filter(FILTER.0, FILTER.1);
    let chosen = ask(dialog, |d| d.blocking_save_file().map(|p| vec![p])).await;
    chosen.into_iter().next().map(|p| if p.extension().is_none() { p.with_extension("db") } else { p })
}

/// The database to open: the open dialog, or in debug builds `RAMPART_DB_OPEN_PATH`.
async fn ask_open<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    if let Some(path) = stand_in("RAMPART_DB_OPEN_PATH") {
        return Some(PathBuf::from(path)).filter(|p| !p.as_os_str().is_empty());
    }
    let dialog = app.dialog().file().add_filter(FILTER.0, FILTER.1);
    ask(dialog, |d| d.blocking_pick_file().map(|p| vec![p])).await.into_iter().next()
}

/// 新建: a new, empty database where the planner chose, then open it.
#[tauri::command]
#[specta::specta]
pub async fn db_new<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Reply<Option<DbInfo>> {
    let Some(target) = ask_save(&app, "rampart.db").await else { return Ok(None) };
    let open_now = current_path(&state);
    let store = Store::create_new(&target, open_now.as_deref()).map_err(|e| e.to_report())?;
    switch(&app, &state, store).map(Some)
}

/// 打开: a database file the planner picked. Anything that is not a Rampart database is
/// refused and the one open stays open.
#[tauri::command]
#[specta::specta]
pub async fn db_open<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Reply<Option<DbInfo>> {
    let Some(path) = ask_open(&app).await else { return Ok(None) };
    open_file(&app, &state, &path).map(Some)
}

/// 最近打开: only a file the list offered.
#[tauri::command]
#[specta::specta]
pub async fn db_open_recent<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>, path: String) -> Reply<DbInfo> {
    let path = PathBuf::from(path);
    if !recent::contains(&state.recent, &path) {
        return Err(Error::Validation(vec![FieldError::new("file", Problem::UnknownReference)]).to_report());
    }
    open_file(&app, &state, &path)
}

/// 另存为: a copy of the open database under a new name, which then becomes the open one.
#[tauri::command]
#[specta::specta]
pub async fn db_save_as<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Reply<Option<DbInfo>> {
    let suggested = current_path(&state).and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
    let Some(target) = ask_save(&app, suggested.as_deref().unwrap_or("rampart.db")).await else { return Ok(None) };
    with_store(&state, |s| s.save_copy(&target))?;
    let copy = Store::open_existing(&target).map_err(|e| e.to_report())?;
    switch(&app, &state, copy).map(Some)
}

/// 打开示例活动: the sample database in the app's folder, made on first use.
#[tauri::command]
#[specta::specta]
pub async fn db_open_sample<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Reply<DbInfo> {
    let store = sample::open(&state.sample, now().date()).map_err(|e| e.to_report())?;
    switch(&app, &state, store)
}

/// The files for the 最近打开 menu, newest first; gone ones are left out.
#[tauri::command]
#[specta::specta]
pub async fn db_recent(state: State<'_, AppState>) -> Reply<Vec<RecentFile>> {
    Ok(recent::load(&state.recent).into_iter().map(|p| RecentFile { name: file_name(&p), path: p.display().to_string() }).collect())
}

fn open_file<R: Runtime>(app: &AppHandle<R>, state: &AppState, path: &Path) -> Reply<DbInfo> {
    let store = Store::open_existing(path).map_err(|e| e.to_report())?;
    switch(app, state, store)
}

fn current_path(state: &AppState) -> Option<PathBuf> {
    state.lock_store().path().map(Path::to_path_buf)
}

/// Makes `store` the open database: remembered in the recent list (the sample has its own menu
/// entry) and named in the title.
pub(crate) fn switch<R: Runtime>(app: &AppHandle<R>, state: &AppState, store: Store) -> Reply<DbInfo> {
    let info = describe(&store).map_err(|e| e.to_report())?;
    *state.lock_store() = store;
    *state.start_failure.lock().unwrap_or_else(|p| p.into_inner()) = None;
    remember(state, &info);
    retitle(app, state);
    crate::search_index::follow(app);
    Ok(info)
}

/// Adds the open file to the recent list. A list that cannot be written costs the menu an entry,
/// not the planner their switch.
pub(crate) fn remember(state: &AppState, info: &DbInfo) {
    if !info.is_sample {
        let _ = recent::add(&state.recent, Path::new(&info.db_path));
    }
}

pub(crate) fn describe(store: &Store) -> Result<DbInfo, Error> {
    let path = store.path().map(Path::to_path_buf).unwrap_or_default();
    Ok(DbInfo { db_path: path.display().to_string(), file_name: file_name(&path), is_sample: store.settings().is_sample()? })
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// The window title: the file's name, and 示例 while the sample is open, in the database's
/// language.
pub(crate) fn title(info: &DbInfo, language: &str) -> String {
    match (language == "en", info.is_sample) {
        (false, false) => format!("{} - Rampart 长城计划策划台", info.file_name),
        (false, true) => format!("{}（示例）- Rampart 长城计划策划台", info.file_name),
        (true, false) => format!("{} - Rampart", info.file_name),
        (true, true) => format!("{} (Sample) - Rampart", info.file_name),
    }
}

/// Sets the main window's title from the open database; quietly nothing without a window.
pub(crate) fn retitle<R: Runtime>(app: &AppHandle<R>, state: &AppState) {
    let store = state.lock_store();
    let Ok(info) = describe(&store) else { return };
    let language = store.settings().get("language").ok().flatten().unwrap_or_default();
    drop(store);
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.set_title(&title(&info, &language));
    }
}
