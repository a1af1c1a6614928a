//! Incentive commands: awards, achievements, standings, locking and rank history.

use chrono::NaiveDate;
use rampart_core::domain::awards::{AchievementInput, Award, AwardInput, Entry, Scope, Standing};
use rampart_core::domain::ids::{AwardId, CampaignId};
use rampart_core::domain::prizes::IncentiveBudget;
use rampart_core::Money;
use tauri::State;

use crate::commands::{with_store, Reply};
use crate::picked_files::Use;
use crate::{author, now, AppState};

#[tauri::command]
#[specta::specta]
pub async fn awards_list(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<Vec<Award>> {
    with_store(&state, |s| s.awards().list(campaign_id))
}

#[tauri::command]
#[specta::specta]
pub async fn award_save(state: State<'_, AppState>, campaign_id: CampaignId, id: Option<i64>, input: AwardInput) -> Reply<i64> {
    with_store(&state, |s| s.awards().save(campaign_id, id.map(AwardId), &input).map(i64::from))
}

#[tauri::command]
#[specta::specta]
pub async fn metrics_list(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<Vec<(String, String)>> {
    with_store(&state, |s| s.achievements().metrics(campaign_id))
}

#[tauri::command]
#[specta::specta]
pub async fn achievement_add(state: State<'_, AppState>, campaign_id: CampaignId, input: AchievementInput) -> Reply<i64> {
    with_store(&state, |s| s.achievements().add(campaign_id, &input))
}

/// Standings as of `as_of`, or today.
#[tauri::command]
#[specta::specta]
pub async fn standings_get(state: State<'_, AppState>, campaign_id: CampaignId, as_of: Option<NaiveDate>) -> Reply<Vec<Standing>> {
    with_store(&state, |s| s.awards().standings(campaign_id, as_of.unwrap_or_else(|| now().date())))
}

#[tauri::command]
#[specta::specta]
pub async fn award_lock(state: State<'_, AppState>, award_id: i64) -> Reply<Standing> {
    with_store(&state, |s| s.awards().lock(AwardId(award_id), &author(), now()))
}

#[tauri::command]
#[specta::specta]
pub async fn rank_history(
    state: State<'_, AppState>,
    award_id: i64,
    scope: Scope,
    as_of: Option<NaiveDate>,
) -> Reply<Vec<(NaiveDate, Vec<Entry>)>> {
    // The chart ends where the standings it sits under are taken: the chosen date, else today.
    with_store(&state, |s| s.awards().rank_history(AwardId(award_id), scope, as_of.unwrap_or_else(|| now().date())))
}

#[tauri::command]
#[specta::specta]
pub async fn metric_add(state: State<'_, AppState>, campaign_id: CampaignId, code: String, name: String) -> Reply<()> {
    with_store(&state, |s| {
        if code.trim().is_empty() || name.trim().is_empty() {
            return Err(rampart_core::Error::Validation(vec![rampart_core::FieldError::new("name", rampart_core::Problem::Required)]));
        }
        s.achievements().add_metric(campaign_id, &code, &name)
    })
}

/// Checks (`dry_run`) or imports an achievements file: all or nothing.
#[tauri::command]
#[specta::specta]
pub async fn achievements_import(
    state: State<'_, AppState>,
    file: String,
    campaign_id: CampaignId,
    dry_run: bool,
) -> Reply<rampart_core::import::achievements::AchievementReport> {
    let path = state.picked.path(&file, Use::Open)?;
    with_store(&state, |s| rampart_core::import::achievements::import_achievements(s, &path, campaign_id, dry_run))
}

/// The incentive budget against every award's prize cost as of `as_of`, or today.
#[tauri::command]
#[specta::specta]
pub async fn incentive_budget_get(state: State<'_, AppState>, campaign_id: CampaignId, as_of: Option<NaiveDate>) -> Reply<IncentiveBudget> {
    with_store(&state, |s| s.awards().incentive_budget(campaign_id, as_of.unwrap_or_else(|| now().date())))
}

/// Sets the incentive budget (None clears it).
#[tauri::command]
#[specta::specta]
pub async fn incentive_budget_set(state: State<'_, AppState>, campaign_id: CampaignId, budget: Option<Money>) -> Reply<()> {
    with_store(&state, |s| s.campaigns().set_incentive_budget(campaign_id, budget))
}
