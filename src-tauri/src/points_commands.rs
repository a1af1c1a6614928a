//! Loyalty points from the app (积分): the scheme, members' data imported from a picked file,
//! periods computed and locked, a period's members with balances, statements and redemptions.

use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::plan::By;
use rampart_core::domain::points::PointScheme;
use rampart_core::domain::warning::BillingPeriod;
use rampart_core::domain::Page;
use rampart_core::import::members::{import_members, MemberImportReport};
use rampart_core::store::points::{MemberRow, PeriodSummary, Statement};
use rampart_core::{Error, FieldError, Problem};
use tauri::State;

use crate::commands::{with_store, Reply};
use crate::picked_files::Use;
use crate::{author, now, AppState};

fn by() -> By {
    By { author: author(), at: now() }
}

fn period(text: &str) -> Result<BillingPeriod, Error> {
    BillingPeriod::parse(text).ok_or_else(|| Error::Validation(vec![FieldError::new("period", Problem::NotADate)]))
}

#[tauri::command]
#[specta::specta]
pub async fn points_scheme_get(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<PointScheme> {
    with_store(&state, |s| s.points().scheme(campaign_id))
}

#[tauri::command]
#[specta::specta]
pub async fn points_scheme_save(state: State<'_, AppState>, campaign_id: CampaignId, scheme: PointScheme) -> Reply<PointScheme> {
    with_store(&state, |s| s.points().set_scheme(campaign_id, &scheme, &by()))
}

/// Checks (`dry_run`) or imports members' data from the file picked with `import_pick_file`.
#[tauri::command]
#[specta::specta]
pub async fn points_import(state: State<'_, AppState>, file: String, campaign_id: CampaignId, dry_run: bool) -> Reply<MemberImportReport> {
    let path = state.picked.path(&file, Use::Open)?;
    with_store(&state, |s| import_members(s, &path, campaign_id, dry_run))
}

#[tauri::command]
#[specta::specta]
pub async fn points_periods(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<Vec<PeriodSummary>> {
    with_store(&state, |s| s.points().periods(campaign_id))
}

#[tauri::command]
#[specta::specta]
pub async fn points_compute(state: State<'_, AppState>, campaign_id: CampaignId, period: String) -> Reply<PeriodSummary> {
    with_store(&state, |s| s.points().compute(campaign_id, &self::period(&period)?, now().date(), &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn points_lock(state: State<'_, AppState>, campaign_id: CampaignId, period: String, locked: bool) -> Reply<PeriodSummary> {
    with_store(&state, |s| s.points().set_locked(campaign_id, &self::period(&period)?, locked))
}

#[tauri::command]
#[specta::specta]
pub async fn points_members(
    state: State<'_, AppState>,
    campaign_id: CampaignId,
    period: String,
    search: String,
    limit: i64,
    offset: i64,
) -> Reply<Page<MemberRow>> {
    with_store(&state, |s| s.points().page(campaign_id, &self::period(&period)?, &search, limit, offset))
}

#[tauri::command]
#[specta::specta]
pub async fn points_statement(state: State<'_, AppState>, campaign_id: CampaignId, member_id: i64) -> Reply<Statement> {
    with_store(&state, |s| s.points().statement(campaign_id, member_id))
}

#[tauri::command]
#[specta::specta]
pub async fn points_redeem(
    state: State<'_, AppState>,
    campaign_id: CampaignId,
    member_id: i64,
    period: String,
    points: i64,
    reason: String,
) -> Reply<Statement> {
    with_store(&state, |s| s.points().redeem(campaign_id, member_id, &self::period(&period)?, points, &reason, &by()))
}
