//! Commands the UI invokes. Each is async (so the window never waits on the main thread),
//! locks the store, calls one core function, and maps errors to their UI shape.

use rampart_core::domain::campaign::TeamChoice;
use rampart_core::domain::ids::{CampaignId, ClientId};
use rampart_core::domain::{
    Campaign, CampaignInput, CampaignSummary, ClientDetail, ClientInput, ClientQuery, ClientRow, Page, Person, Team,
};
use rampart_core::error::ErrorReport;
use rampart_core::{Error, Store};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use crate::database_commands::{describe, retitle, DbInfo};
use crate::{author, now, AppState};

pub type Reply<T> = Result<T, ErrorReport>;

pub fn with_store<T>(state: &AppState, f: impl FnOnce(&Store) -> Result<T, Error>) -> Reply<T> {
    let store = state.lock_store();
    // `explain` names the database file in every database error the window shows.
    f(&store).map_err(|e| store.explain(e).to_report())
}

#[derive(Serialize, specta::Type)]
pub struct AppInfo {
    db_path: String,
    /// The open database's file name, for the header.
    file_name: String,
    /// True while the sample campaign's database is open: the banner and the title say 示例.
    is_sample: bool,
    language: String,
    /// Set when the database named at start could not be opened: nothing is open yet.
    start_failure: Option<StartFailure>,
}

/// The database the app was started on and why it could not be opened, in both languages.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct StartFailure {
    pub db_path: String,
    pub error: ErrorReport,
}

#[tauri::command]
#[specta::specta]
pub async fn app_info(state: State<'_, AppState>) -> Reply<AppInfo> {
    let start_failure = state.start_failure.lock().unwrap_or_else(|p| p.into_inner()).clone();
    with_store(&state, |s| {
        let DbInfo { db_path, file_name, is_sample } = describe(s)?;
        let language = s.settings().get("language")?.unwrap_or_else(|| "zh-CN".into());
        Ok(AppInfo { db_path, file_name, is_sample, language, start_failure })
    })
}

/// 退出: the start-failure window's way out, the one place the page ends the app.
#[tauri::command]
#[specta::specta]
pub async fn app_quit<R: Runtime>(app: AppHandle<R>) -> Reply<()> {
    app.exit(0);
    Ok(())
}

/// The language lives in the database; the window title follows it.
#[tauri::command]
#[specta::specta]
pub async fn set_language<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>, language: String) -> Reply<()> {
    let language = if language == "en" { "en" } else { "zh-CN" };
    with_store(&state, |s| s.settings().set("language", language))?;
    retitle(&app, &state);
    Ok(())
}

/// 新建活动: a campaign, with the built-in rules and awards when `from_defaults`.
#[tauri::command]
#[specta::specta]
pub async fn campaign_create(state: State<'_, AppState>, input: CampaignInput, teams: TeamChoice, from_defaults: bool) -> Reply<Campaign> {
    with_store(&state, |s| {
        let id = rampart_core::campaign_defaults::create(s, &input, &teams, from_defaults, &author(), now())?;
        s.campaigns().get(id)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn campaigns_list(state: State<'_, AppState>) -> Reply<Vec<Campaign>> {
    with_store(&state, |s| s.campaigns().list())
}

#[tauri::command]
#[specta::specta]
pub async fn campaign_get(state: State<'_, AppState>, id: CampaignId) -> Reply<Campaign> {
    with_store(&state, |s| s.campaigns().get(id))
}

#[tauri::command]
#[specta::specta]
pub async fn campaign_update(state: State<'_, AppState>, id: CampaignId, input: CampaignInput) -> Reply<Campaign> {
    with_store(&state, |s| s.campaigns().update(id, &input))
}

#[tauri::command]
#[specta::specta]
pub async fn campaign_summary(state: State<'_, AppState>, id: CampaignId) -> Reply<CampaignSummary> {
    with_store(&state, |s| s.campaigns().summary(id))
}

#[tauri::command]
#[specta::specta]
pub async fn clients_page(state: State<'_, AppState>, query: ClientQuery) -> Reply<Page<ClientRow>> {
    with_store(&state, |s| s.clients().page(&query))
}

#[tauri::command]
#[specta::specta]
pub async fn client_get(state: State<'_, AppState>, id: i64) -> Reply<ClientDetail> {
    with_store(&state, |s| s.clients().get(ClientId(id)))
}

#[tauri::command]
#[specta::specta]
pub async fn client_create(state: State<'_, AppState>, input: ClientInput, campaign_id: Option<CampaignId>) -> Reply<ClientDetail> {
    with_store(&state, |s| {
        let id = s.clients().create(&input, campaign_id)?;
        s.clients().get(id)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn client_update(state: State<'_, AppState>, id: i64, input: ClientInput) -> Reply<ClientDetail> {
    with_store(&state, |s| {
        s.clients().update(ClientId(id), &input, &rampart_core::domain::plan::By { author: crate::author(), at: crate::now() })
    })
}

#[tauri::command]
#[specta::specta]
pub async fn client_delete(state: State<'_, AppState>, id: i64) -> Reply<()> {
    with_store(&state, |s| s.clients().delete(ClientId(id)))
}

#[tauri::command]
#[specta::specta]
pub async fn teams_list(state: State<'_, AppState>) -> Reply<Vec<Team>> {
    with_store(&state, |s| s.org().teams())
}

#[tauri::command]
#[specta::specta]
pub async fn people_list(state: State<'_, AppState>) -> Reply<Vec<Person>> {
    with_store(&state, |s| s.org().people())
}
