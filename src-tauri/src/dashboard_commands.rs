//! The dashboard (概览): the campaign's progress on a day, for the whole campaign or one team.

use chrono::NaiveDate;
use rampart_core::domain::dashboard::Dashboard;
use rampart_core::domain::ids::{CampaignId, TeamId};
use tauri::State;

use crate::commands::{with_store, Reply};
use crate::{now, AppState};

/// The dashboard as of `as_of`, or today; narrowed to `team_id` when given.
#[tauri::command]
#[specta::specta]
pub async fn dashboard(
    state: State<'_, AppState>,
    campaign_id: CampaignId,
    as_of: Option<NaiveDate>,
    team_id: Option<TeamId>,
) -> Reply<Dashboard> {
    with_store(&state, |s| s.dashboards().read(campaign_id, as_of.unwrap_or_else(|| now().date()), team_id))
}
