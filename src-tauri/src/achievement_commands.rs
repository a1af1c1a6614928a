//! Recorded achievements: the list behind the achievements view, correcting and deleting them
//! (logged; refused once an award counting them is locked), the log, and the rules the form
//! follows.

use rampart_core::domain::achievement::{Achievement, AchievementLogEntry, AchievementQuery, AchievementRules};
use rampart_core::domain::awards::AchievementInput;
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::plan::By;
use rampart_core::domain::Page;
use tauri::State;

use crate::commands::{with_store, Reply};
use crate::{author, now, AppState};

#[tauri::command]
#[specta::specta]
pub async fn achievements_list(state: State<'_, AppState>, campaign_id: CampaignId, query: AchievementQuery) -> Reply<Page<Achievement>> {
    with_store(&state, |s| s.achievements().list(campaign_id, &query))
}

#[tauri::command]
#[specta::specta]
pub async fn achievement_correct(
    state: State<'_, AppState>,
    campaign_id: CampaignId,
    id: i64,
    input: AchievementInput,
) -> Reply<Achievement> {
    with_store(&state, |s| s.achievements().correct(campaign_id, id, &input, &By { author: author(), at: now() }))
}

#[tauri::command]
#[specta::specta]
pub async fn achievement_delete(state: State<'_, AppState>, campaign_id: CampaignId, id: i64) -> Reply<()> {
    with_store(&state, |s| s.achievements().delete(campaign_id, id, &By { author: author(), at: now() }))
}

#[tauri::command]
#[specta::specta]
pub async fn achievement_log(
    state: State<'_, AppState>,
    campaign_id: CampaignId,
    limit: i64,
    offset: i64,
) -> Reply<Page<AchievementLogEntry>> {
    with_store(&state, |s| s.achievements().log_entries(campaign_id, limit, offset))
}

/// Which metrics need an industry and which industries the rankings list: the form asks.
#[tauri::command]
#[specta::specta]
pub async fn achievement_rules(state: State<'_, AppState>, campaign_id: CampaignId) -> Reply<AchievementRules> {
    with_store(&state, |s| s.achievements().rules(campaign_id))
}
