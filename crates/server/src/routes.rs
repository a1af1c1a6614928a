//! The server's API: JSON over HTTP, every route but logging in behind a session. Each call is
//! checked here (role) and scoped in the store (district, own clients) with row-level security
//! behind it.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, Query, State};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::NaiveDate;
use rampart_core::domain::access::{Account, TeamAction};
use rampart_core::domain::plan::{ItemStatus, StatusChange};
use rampart_core::domain::warning::WarningStatus;
use rampart_core::error::TeamError;
use rampart_core::store::pg::{ItemFilter, MAX_PAGE};
use rampart_core::store::team_view::TeamView;
use serde::Deserialize;

use crate::auth::{hash_password, login_matches, new_token, token_hash, Caller, SESSION_SECS};
use crate::http::{blocking, json, ApiError, ApiResult, AppState};

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/api/login", post(login))
        .route("/api/logout", post(logout))
        .route("/api/me", get(me))
        .route("/api/campaigns", get(campaigns))
        .route("/api/campaigns/{id}/clients", get(clients))
        .route("/api/campaigns/{id}/plan-items", get(plan_items))
        .route("/api/campaigns/{id}/warnings", get(warnings))
        .route("/api/campaigns/{id}/standings", get(standings))
        .route("/api/clients/{id}", get(client))
        .route("/api/plan-items/{id}", get(plan_item))
        .route("/api/plan-items/{id}/status", put(set_item_status))
        .route("/api/warnings/{id}", get(warning))
        .route("/api/warnings/{id}/status", put(set_warning_status))
        .route("/api/audit", get(audit))
        .route("/api/accounts", get(accounts).post(add_account))
        .route("/api/accounts/{login}/active", put(set_account_active))
        .route("/api/accounts/{login}/password", put(reset_password))
        .route("/api/me/password", put(change_own_password))
        .route("/api/districts", get(districts))
        .route(
            "/api/campaigns/{id}/tracker",
            get(export_tracker).post(apply_campaign_tracker).layer(axum::extract::DefaultBodyLimit::max(TRACKER_LIMIT)),
        )
        .route("/api/tracker", post(apply_tracker).layer(axum::extract::DefaultBodyLimit::max(TRACKER_LIMIT)))
        .fallback(|| async {
            let body = serde_json::json!({"code": "not_found", "message_zh": "没有这个接口", "message_en": "No such endpoint"});
            (axum::http::StatusCode::NOT_FOUND, Json(body))
        })
        .with_state(state)
}

fn allowed(who: &Account, action: TeamAction) -> Result<(), ApiError> {
    if who.role.may(action) {
        Ok(())
    } else {
        Err(ApiError(TeamError::Forbidden { role: who.role, action }))
    }
}

#[derive(Deserialize)]
struct LoginInput {
    login: String,
    password: String,
}

#[derive(serde::Serialize)]
struct LoggedIn {
    token: String,
    account: Account,
}

async fn login(State(s): State<AppState>, extensions: axum::http::Extensions, Json(input): Json<LoginInput>) -> ApiResult<LoggedIn> {
    // The caller's address, when the server was started to give it (see setup::serve).
    let from = extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    json(move || {
        let now = std::time::Instant::now();
        s.throttle.begin(&input.login, from, now)?;
        let found = s.store.account_for_login(input.login.trim())?;
        let matches = login_matches(&input.password, found.as_ref().map(|(_, hash)| hash.as_str()));
        let Some((account, _)) = found.filter(|_| matches) else {
            return Err(TeamError::BadLogin);
        };
        s.throttle.succeeded(&input.login, from);
        let token = new_token()?;
        s.store.start_session(&token_hash(&token), account.id, SESSION_SECS)?;
        Ok(LoggedIn { token, account })
    })
    .await
}

async fn logout(State(s): State<AppState>, caller: Caller) -> ApiResult<bool> {
    json(move || s.store.end_session(&caller.token_hash).map(|_| true)).await
}

async fn me(caller: Caller) -> Json<Account> {
    Json(caller.account)
}

async fn campaigns(State(s): State<AppState>, caller: Caller) -> ApiResult<Vec<rampart_core::store::pg::TeamCampaign>> {
    json(move || s.store.campaigns(&caller.account)).await
}

#[derive(Deserialize)]
struct Paging {
    #[serde(default)]
    text: String,
    #[serde(default)]
    offset: i64,
    #[serde(default = "page")]
    limit: i64,
    #[serde(default)]
    open: bool,
}

fn page() -> i64 {
    100
}

async fn clients(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Query(p): Query<Paging>,
) -> ApiResult<impl serde::Serialize> {
    json(move || s.store.client_page(&caller.account, id, &p.text, p.offset, p.limit)).await
}

async fn client(State(s): State<AppState>, caller: Caller, Path(id): Path<i64>) -> ApiResult<impl serde::Serialize> {
    json(move || s.store.client_detail(&caller.account, id)).await
}

async fn plan_items(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Query(f): Query<ItemFilter>,
) -> ApiResult<impl serde::Serialize> {
    let today = s.today();
    json(move || s.store.plan_items(&caller.account, id, &f, today)).await
}

async fn plan_item(State(s): State<AppState>, caller: Caller, Path(id): Path<i64>) -> ApiResult<impl serde::Serialize> {
    let today = s.today();
    json(move || s.store.plan_item(&caller.account, id, today)).await
}

#[derive(Deserialize)]
struct ItemStatusInput {
    /// The version the change was made on: a newer one in the database refuses it (409).
    version: i64,
    status: ItemStatus,
    done_on: Option<NaiveDate>,
    #[serde(default)]
    blocked_reason: String,
}

async fn set_item_status(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Json(input): Json<ItemStatusInput>,
) -> ApiResult<impl serde::Serialize> {
    allowed(&caller.account, TeamAction::EditPlanItems)?;
    let today = s.today();
    json(move || {
        let change = StatusChange::new(input.status, input.done_on, &input.blocked_reason, today)?;
        s.store.set_item_status(&caller.account, id, input.version, &change, today)
    })
    .await
}

async fn warnings(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Query(p): Query<Paging>,
) -> ApiResult<impl serde::Serialize> {
    let today = s.today();
    json(move || s.store.warnings(&caller.account, id, p.open, p.offset, p.limit, today)).await
}

async fn warning(State(s): State<AppState>, caller: Caller, Path(id): Path<i64>) -> ApiResult<impl serde::Serialize> {
    let today = s.today();
    json(move || s.store.warning(&caller.account, id, today)).await
}

#[derive(Deserialize)]
struct WarningStatusInput {
    version: i64,
    status: WarningStatus,
    #[serde(default)]
    note: String,
}

async fn set_warning_status(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Json(input): Json<WarningStatusInput>,
) -> ApiResult<impl serde::Serialize> {
    allowed(&caller.account, TeamAction::WorkWarnings)?;
    let today = s.today();
    json(move || s.store.set_warning_status(&caller.account, id, input.version, input.status, &input.note, today)).await
}

async fn standings(State(s): State<AppState>, _caller: Caller, Path(id): Path<i64>) -> ApiResult<impl serde::Serialize> {
    let today = s.today();
    json(move || s.store.standings(id, today)).await
}

#[derive(Deserialize)]
struct AuditQuery {
    entity: Option<String>,
    entity_id: Option<i64>,
    #[serde(default)]
    offset: i64,
    #[serde(default = "max_page")]
    limit: i64,
}

fn max_page() -> i64 {
    MAX_PAGE
}

async fn audit(State(s): State<AppState>, caller: Caller, Query(q): Query<AuditQuery>) -> ApiResult<impl serde::Serialize> {
    allowed(&caller.account, TeamAction::ReadAudit)?;
    blocking(move || {
        let entity = q.entity.as_deref().zip(q.entity_id);
        s.store.audit(&caller.account, entity, q.offset, q.limit)
    })
    .await
    .map(Json)
}

/// The largest returned tracker accepted: far above a province's (125,000 lines is ~10 MB).
const TRACKER_LIMIT: usize = 64 * 1024 * 1024;

#[derive(Deserialize)]
struct TrackerQuery {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    dry_run: bool,
    /// The file's name as the team sent it, for messages.
    #[serde(default)]
    file: String,
}

async fn export_tracker(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Query(q): Query<TrackerQuery>,
) -> Result<impl axum::response::IntoResponse, ApiError> {
    allowed(&caller.account, TeamAction::ExchangeTrackers)?;
    let today = s.today();
    let bytes = blocking(move || {
        let items = s.store.all_plan_items(&caller.account, id, today)?;
        Ok(rampart_core::export::team_tracker::team_tracker(&items, rampart_core::domain::tracker::Lang::from_code(&q.lang))?)
    })
    .await?;
    let headers = [
        (axum::http::header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (axum::http::header::CONTENT_DISPOSITION, "attachment; filename=\"tracker.xlsx\""),
    ];
    Ok((headers, bytes))
}

async fn apply_campaign_tracker(
    s: State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    q: Query<TrackerQuery>,
    body: axum::body::Bytes,
) -> ApiResult<rampart_core::domain::team::TeamTrackerReport> {
    applied(s, caller, Some(id), q, body).await
}

/// A returned tracker whatever its campaign: its lines name their items.
async fn apply_tracker(
    s: State<AppState>,
    caller: Caller,
    q: Query<TrackerQuery>,
    body: axum::body::Bytes,
) -> ApiResult<rampart_core::domain::team::TeamTrackerReport> {
    applied(s, caller, None, q, body).await
}

async fn applied(
    State(s): State<AppState>,
    caller: Caller,
    campaign: Option<i64>,
    Query(q): Query<TrackerQuery>,
    body: axum::body::Bytes,
) -> ApiResult<rampart_core::domain::team::TeamTrackerReport> {
    allowed(&caller.account, TeamAction::ExchangeTrackers)?;
    let today = s.today();
    json(move || {
        // The guarded reader reads files: the upload goes to a temporary one first.
        let mut file = tempfile::Builder::new().suffix(".xlsx").tempfile().map_err(rampart_core::Error::from)?;
        std::io::Write::write_all(&mut file, &body).map_err(rampart_core::Error::from)?;
        let name = if q.file.trim().is_empty() { "tracker.xlsx".to_string() } else { q.file.trim().to_string() };
        let (sheet, lines, mut problems) = rampart_core::import::team_tracker::read_team_tracker(file.path())
            .map_err(|u| rampart_core::Error::Unreadable { file: name.clone(), zh: u.zh, en: u.en })?;
        let mut report = s.store.apply_tracker(&caller.account, campaign, &sheet, &lines, q.dry_run || !problems.is_empty(), today)?;
        if !problems.is_empty() {
            problems.append(&mut report.problems);
            report.problems = problems;
            report.written = false;
            report.applied = 0;
        }
        Ok(report)
    })
    .await
}

async fn accounts(State(s): State<AppState>, caller: Caller) -> ApiResult<Vec<Account>> {
    allowed(&caller.account, TeamAction::ManageAccounts)?;
    json(move || s.store.accounts()).await
}

#[derive(serde::Serialize)]
struct District {
    id: i64,
    name: String,
}

async fn districts(State(s): State<AppState>, _caller: Caller) -> ApiResult<Vec<District>> {
    json(move || Ok(s.store.districts()?.into_iter().map(|(id, name)| District { id, name }).collect())).await
}

#[derive(Deserialize)]
struct AccountInput {
    login: String,
    name: String,
    role: rampart_core::domain::access::AccountRole,
    district_id: Option<i64>,
    password: String,
}

async fn add_account(State(s): State<AppState>, caller: Caller, Json(input): Json<AccountInput>) -> ApiResult<Account> {
    allowed(&caller.account, TeamAction::ManageAccounts)?;
    json(move || {
        rampart_core::domain::access::check_new_account(&input.login, &input.name, &input.password, input.role, input.district_id)?;
        let new = rampart_core::store::pg::NewAccount {
            login: input.login.trim().to_string(),
            name: input.name.trim().to_string(),
            role: input.role,
            district_id: input.district_id,
            password_hash: crate::auth::hash_password(&input.password)?,
        };
        s.store.add_account(&caller.account, &new)
    })
    .await
}

#[derive(Deserialize)]
struct ActiveInput {
    active: bool,
}

/// Ends an account's access (someone who left) or gives it back; the province admin's.
async fn set_account_active(
    State(s): State<AppState>,
    caller: Caller,
    Path(login): Path<String>,
    Json(input): Json<ActiveInput>,
) -> ApiResult<Account> {
    allowed(&caller.account, TeamAction::ManageAccounts)?;
    json(move || s.store.set_account_active(&caller.account, login.trim(), input.active)).await
}

#[derive(Deserialize)]
struct PasswordInput {
    password: String,
}

/// Gives an account a new password (one forgotten); the province admin's, for anyone's but their
/// own. The account's sessions end.
async fn reset_password(
    State(s): State<AppState>,
    caller: Caller,
    Path(login): Path<String>,
    Json(input): Json<PasswordInput>,
) -> ApiResult<bool> {
    allowed(&caller.account, TeamAction::ManageAccounts)?;
    json(move || {
        rampart_core::domain::access::check_reset_password(&caller.account, &login)?;
        rampart_core::domain::access::check_new_password(&input.password)?;
        s.store.set_password(&caller.account, login.trim(), &hash_password(&input.password)?, None)?;
        Ok(true)
    })
    .await
}

#[derive(Deserialize)]
struct OwnPasswordInput {
    current: String,
    password: String,
}

/// Anyone changes their own password, giving the current one; wrong guesses count against the
/// login as wrong passwords at login do. Their other sessions end.
async fn change_own_password(
    State(s): State<AppState>,
    caller: Caller,
    extensions: axum::http::Extensions,
    Json(input): Json<OwnPasswordInput>,
) -> ApiResult<bool> {
    let from = extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    json(move || {
        let login = caller.account.login.clone();
        s.throttle.begin(&login, from, std::time::Instant::now())?;
        let stored = s.store.password_hash(&login)?;
        if !login_matches(&input.current, stored.as_deref()) {
            use rampart_core::error::{Error, FieldError, Problem};
            return Err(TeamError::Core(Error::Validation(vec![FieldError::new("current", Problem::WrongPassword)])));
        }
        s.throttle.succeeded(&login, from);
        rampart_core::domain::access::check_new_password(&input.password)?;
        s.store.set_password(&caller.account, &login, &hash_password(&input.password)?, Some(&caller.token_hash))?;
        Ok(true)
    })
    .await
}
