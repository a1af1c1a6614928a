//! Team mode from the desktop: the window logs in to a team server and works through it. The
//! shell holds the session token (never a database credential, never the password after
//! logging in) and forwards each call; the server decides what this account may see and do.

use std::sync::Mutex;

use chrono::NaiveDate;
use rampart_core::domain::access::Account;
use rampart_core::domain::district_progress::DistrictStanding;
use rampart_core::domain::plan::ItemStatus;
use rampart_core::domain::team::{
    query_value, AuditEntry, TeamCampaign, TeamClient, TeamClientDetail, TeamPage, TeamPlanItem, TeamTrackerReport, TeamWarning,
};
use rampart_core::domain::warning::WarningStatus;
use rampart_core::error::{ErrorCode, ErrorReport, TeamErrorReport};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use tauri::State;

use crate::commands::Reply;
use crate::picked_files::Use;
use crate::AppState;

/// The team server this window is logged in to, if any.
#[derive(Default)]
pub struct TeamConnection {
    session: Mutex<Option<Session>>,
}

#[derive(Clone)]
struct Session {
    base: String,
    token: String,
}

/// What the window shows of the connection.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct TeamSession {
    pub server: String,
    pub account: Account,
}

/// The server and user last logged in to, offered again next time (no password is kept), and
/// whether the window was working through the server when it closed: then the next start asks
/// to log in again rather than opening the local file alone.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
pub struct RememberedServer {
    pub server: String,
    pub login: String,
    #[serde(default)]
    pub active: bool,
}

fn remember(state: &AppState, remembered: &RememberedServer) {
    // Not remembering is no reason to refuse a login or a disconnect.
    let _ = std::fs::write(remembered_path(state), serde_json::to_string(remembered).unwrap_or_default());
}

fn remembered(state: &AppState) -> RememberedServer {
    std::fs::read_to_string(remembered_path(state)).ok().and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
}

/// A write on a version: saved, or refused because someone changed the row first, with the
/// row as it is now so the planner can decide again.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Saved<T> {
    Saved { value: T },
    Stale { current: T },
}

fn unreachable(base: &str, detail: &str) -> ErrorReport {
    ErrorReport {
        code: ErrorCode::ServerUnreachable,
        message_zh: format!("无法连接团队服务器 {base}（{detail}）：请检查地址和网络"),
        message_en: format!("Cannot reach the team server at {base} ({detail}): check the address and the network"),
        fields: Vec::new(),
    }
}

fn not_logged_in() -> ErrorReport {
    ErrorReport {
        code: ErrorCode::Unauthenticated,
        message_zh: "请先登录团队服务器".into(),
        message_en: "Log in to the team server first".into(),
        fields: Vec::new(),
    }
}

/// One call to the server, off the async threads (ureq blocks). A 409 comes back as
/// `Err(Ok(current))`, any other failure as `Err(Err(report))`.
async fn call<T: DeserializeOwned + Send + 'static>(
    base: String,
    token: Option<String>,
    method: &'static str,
    path: String,
    body: Option<Value>,
) -> Result<T, Result<Value, ErrorReport>> {
    let joined = tauri::async_runtime::spawn_blocking(move || {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(std::time::Duration::from_secs(30)))
            .build()
            .into();
        let url = format!("{base}{path}");
        let auth = token.map(|t| format!("Bearer {t}"));
        let sent = match (method, body) {
            ("GET", _) => {
                let mut r = agent.get(&url);
                if let Some(a) = &auth {
                    r = r.header("Authorization", a);
                }
                r.call()
            }
            (m, body) => {
                let mut r = if m == "PUT" { agent.put(&url) } else { agent.post(&url) };
                if let Some(a) = &auth {
                    r = r.header("Authorization", a);
                }
                r.send_json(body.unwrap_or(json!({})))
            }
        };
        let mut response = sent.map_err(|e| Err(unreachable(&base, &e.to_string())))?;
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().map_err(|e| Err(unreachable(&base, &e.to_string())))?;
        if status < 300 {
            return serde_json::from_str::<T>(&text).map_err(|e| Err(unreachable(&base, &format!("unexpected answer: {e}"))));
        }
        let report: TeamErrorReport = serde_json::from_str(&text).map_err(|_| Err(unreachable(&base, &format!("HTTP {status}"))))?;
        match (status, report.current.clone()) {
            (409, Some(current)) => Err(Ok(current)),
            _ => Err(Err(report.to_error_report())),
        }
    })
    .await;
    joined.unwrap_or_else(|e| Err(Err(unreachable("", &e.to_string()))))
}

/// A failed call that is not a stale write (only writes can be stale).
fn refused(e: Result<Value, ErrorReport>) -> ErrorReport {
    e.err().unwrap_or_else(|| unreachable("", "an unexpected 409"))
}

impl TeamConnection {
    fn current(&self) -> Result<Session, ErrorReport> {
        self.session.lock().unwrap_or_else(|p| p.into_inner()).clone().ok_or_else(not_logged_in)
    }

    async fn get<T: DeserializeOwned + Send + 'static>(&self, path: String) -> Reply<T> {
        let s = self.current()?;
        call(s.base, Some(s.token), "GET", path, None).await.map_err(refused)
    }

    async fn put<T: DeserializeOwned + Send + 'static>(&self, path: String, body: Value) -> Reply<Saved<T>> {
        let s = self.current()?;
        match call(s.base, Some(s.token), "PUT", path, Some(body)).await {
            Ok(value) => Ok(Saved::Saved { value }),
            Err(Ok(current)) => {
                serde_json::from_value(current).map(|current| Saved::Stale { current }).map_err(|e| unreachable("", &e.to_string()))
            }
            Err(Err(report)) => Err(report),
        }
    }
}

fn remembered_path(state: &AppState) -> std::path::PathBuf {
    state.recent.with_file_name("team-server.json")
}

#[tauri::command]
#[specta::specta]
pub async fn team_remembered(state: State<'_, AppState>) -> Reply<RememberedServer> {
    Ok(remembered(&state))
}

#[derive(Deserialize)]
struct LoggedIn {
    token: String,
    account: Account,
}

#[tauri::command]
#[specta::specta]
pub async fn team_login(state: State<'_, AppState>, server: String, login: String, password: String) -> Reply<TeamSession> {
    let mut base = server.trim().trim_end_matches('/').to_string();
    if !base.contains("://") {
        base = format!("http://{base}");
    }
    let answer: LoggedIn =
        call(base.clone(), None, "POST", "/api/login".into(), Some(json!({"login": login.trim(), "password": password})))
            .await
            .map_err(refused)?;
    remember(&state, &RememberedServer { server: base.clone(), login: login.trim().to_string(), active: true });
    let session = Session { base: base.clone(), token: answer.token };
    *state.team.session.lock().unwrap_or_else(|p| p.into_inner()) = Some(session);
    Ok(TeamSession { server: base, account: answer.account })
}

#[tauri::command]
#[specta::specta]
pub async fn team_logout(state: State<'_, AppState>) -> Reply<()> {
    remember(&state, &RememberedServer { active: false, ..remembered(&state) });
    let ended = state.team.session.lock().unwrap_or_else(|p| p.into_inner()).take();
    if let Some(s) = ended {
        // Ended here whether or not the server still knew the session.
        let _ = call::<Value>(s.base, Some(s.token), "POST", "/api/logout".into(), None).await;
    }
    Ok(())
}

/// Changes the logged-in account's own password, given its current one; the server ends the
/// account's other sessions and keeps this one.
#[tauri::command]
#[specta::specta]
pub async fn team_change_password(state: State<'_, AppState>, current: String, password: String) -> Reply<()> {
    let s = state.team.current()?;
    let body = json!({"current": current, "password": password});
    call::<bool>(s.base, Some(s.token), "PUT", "/api/me/password".into(), Some(body)).await.map_err(refused)?;
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn team_campaigns(state: State<'_, AppState>) -> Reply<Vec<TeamCampaign>> {
    state.team.get("/api/campaigns".into()).await
}

#[tauri::command]
#[specta::specta]
pub async fn team_clients(
    state: State<'_, AppState>,
    campaign_id: i64,
    text: String,
    offset: i64,
    limit: i64,
) -> Reply<TeamPage<TeamClient>> {
    state.team.get(format!("/api/campaigns/{campaign_id}/clients?text={}&offset={offset}&limit={limit}", query_value(&text))).await
}

#[tauri::command]
#[specta::specta]
pub async fn team_client(state: State<'_, AppState>, id: i64) -> Reply<TeamClientDetail> {
    state.team.get(format!("/api/clients/{id}")).await
}

#[tauri::command]
#[specta::specta]
pub async fn team_plan_items(
    state: State<'_, AppState>,
    campaign_id: i64,
    status: Option<ItemStatus>,
    offset: i64,
    limit: i64,
) -> Reply<TeamPage<TeamPlanItem>> {
    let status = status.map_or(String::new(), |s| format!("&status={}", s.code()));
    state.team.get(format!("/api/campaigns/{campaign_id}/plan-items?offset={offset}&limit={limit}{status}")).await
}

#[tauri::command]
#[specta::specta]
pub async fn team_set_item_status(
    state: State<'_, AppState>,
    id: i64,
    version: i64,
    status: ItemStatus,
    done_on: Option<NaiveDate>,
    blocked_reason: String,
) -> Reply<Saved<TeamPlanItem>> {
    let body = json!({"version": version, "status": status, "done_on": done_on, "blocked_reason": blocked_reason});
    state.team.put(format!("/api/plan-items/{id}/status"), body).await
}

#[tauri::command]
#[specta::specta]
pub async fn team_warnings(
    state: State<'_, AppState>,
    campaign_id: i64,
    open: bool,
    offset: i64,
    limit: i64,
) -> Reply<TeamPage<TeamWarning>> {
    state.team.get(format!("/api/campaigns/{campaign_id}/warnings?open={open}&offset={offset}&limit={limit}")).await
}

#[tauri::command]
#[specta::specta]
pub async fn team_set_warning_status(
    state: State<'_, AppState>,
    id: i64,
    version: i64,
    status: WarningStatus,
    note: String,
) -> Reply<Saved<TeamWarning>> {
    state.team.put(format!("/api/warnings/{id}/status"), json!({"version": version, "status": status, "note": note})).await
}

#[tauri::command]
#[specta::specta]
pub async fn team_standings(state: State<'_, AppState>, campaign_id: i64) -> Reply<Vec<DistrictStanding>> {
    state.team.get(format!("/api/campaigns/{campaign_id}/standings")).await
}

#[tauri::command]
#[specta::specta]
pub async fn team_audit(state: State<'_, AppState>, offset: i64, limit: i64) -> Reply<TeamPage<AuditEntry>> {
    state.team.get(format!("/api/audit?offset={offset}&limit={limit}")).await
}

/// Bytes to or from the server (a tracker), off the async threads.
async fn transfer(base: String, token: String, path: String, upload: Option<Vec<u8>>) -> Result<Vec<u8>, ErrorReport> {
    let joined = tauri::async_runtime::spawn_blocking(move || {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(std::time::Duration::from_secs(600)))
            .build()
            .into();
        let url = format!("{base}{path}");
        let auth = format!("Bearer {token}");
        let sent = match upload {
            Some(bytes) => agent.post(&url).header("Authorization", &auth).send(&bytes[..]),
            None => agent.get(&url).header("Authorization", &auth).call(),
        };
        let mut response = sent.map_err(|e| unreachable(&base, &e.to_string()))?;
        let status = response.status().as_u16();
        let bytes = response.body_mut().with_config().limit(1 << 30).read_to_vec().map_err(|e| unreachable(&base, &e.to_string()))?;
        if status < 300 {
            return Ok(bytes);
        }
        let report: TeamErrorReport = serde_json::from_slice(&bytes).map_err(|_| unreachable(&base, &format!("HTTP {status}")))?;
        Err(report.to_error_report())
    })
    .await;
    joined.unwrap_or_else(|e| Err(unreachable("", &e.to_string())))
}

/// The team's tracker from the server, written where the planner chose (`target`, a token from
/// `tracker_pick_target`), headers in the window's language. Answers the file's path.
#[tauri::command]
#[specta::specta]
pub async fn team_tracker_export(state: State<'_, AppState>, campaign_id: i64, target: String, language: String) -> Reply<String> {
    let path = state.picked.path(&target, Use::Save)?;
    let s = state.team.current()?;
    let bytes = transfer(s.base, s.token, format!("/api/campaigns/{campaign_id}/tracker?lang={}", query_value(&language)), None).await?;
    std::fs::write(&path, bytes).map_err(|e| rampart_core::Error::Io(e).to_report())?;
    Ok(path.display().to_string())
}

/// Returned trackers (`files`, a token from `tracker_pick_returned`) sent to the server: each
/// checked (`dry_run`) or applied all or nothing. One report per file, with its name.
#[tauri::command]
#[specta::specta]
pub async fn team_tracker_apply(state: State<'_, AppState>, files: String, dry_run: bool) -> Reply<Vec<(String, TeamTrackerReport)>> {
    let paths = state.picked.paths(&files, Use::Open)?;
    let s = state.team.current()?;
    let mut reports = Vec::new();
    for path in paths {
        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let bytes = std::fs::read(&path).map_err(|e| rampart_core::Error::Io(e).to_report())?;
        let answer =
            transfer(s.base.clone(), s.token.clone(), format!("/api/tracker?dry_run={dry_run}&file={}", query_value(&name)), Some(bytes))
                .await?;
        let report: TeamTrackerReport = serde_json::from_slice(&answer).map_err(|e| unreachable(&s.base, &e.to_string()))?;
        reports.push((name, report));
    }
    Ok(reports)
}
