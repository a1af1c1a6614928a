//! Teams and people from the app: the organisation page's lists, creating, renaming,
//! deactivating and merging, likely duplicates, reassigning clients (preview, then apply), and
//! the org log.

use rampart_core::domain::ids::{PersonId, TeamId};
use rampart_core::domain::org::{LikelyDuplicate, OrgEntry, PersonInput, PersonMerge, PersonSummary, Reassignment, TeamMerge, TeamSummary};
use rampart_core::domain::plan::By;
use rampart_core::domain::{ClientQuery, Person, Team};
use tauri::State;

use crate::commands::{with_store, Reply};
use crate::{author, now, AppState};

fn by() -> By {
    By { author: author(), at: now() }
}

#[tauri::command]
#[specta::specta]
pub async fn teams_overview(state: State<'_, AppState>) -> Reply<Vec<TeamSummary>> {
    with_store(&state, |s| s.org().team_summaries())
}

#[tauri::command]
#[specta::specta]
pub async fn people_overview(state: State<'_, AppState>, team_id: Option<TeamId>) -> Reply<Vec<PersonSummary>> {
    with_store(&state, |s| s.org().person_summaries(team_id))
}

#[tauri::command]
#[specta::specta]
pub async fn team_create(state: State<'_, AppState>, name: String) -> Reply<Team> {
    with_store(&state, |s| {
        let id = s.org().create_team(&name, &by())?;
        s.org().team(id)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn team_rename(state: State<'_, AppState>, id: TeamId, name: String) -> Reply<Team> {
    with_store(&state, |s| s.org().rename_team(id, &name, &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn team_set_active(state: State<'_, AppState>, id: TeamId, active: bool) -> Reply<Team> {
    with_store(&state, |s| s.org().set_team_active(id, active, &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn team_merge(state: State<'_, AppState>, from: TeamId, into: TeamId) -> Reply<TeamMerge> {
    with_store(&state, |s| s.org().merge_teams(from, into, &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn person_create(state: State<'_, AppState>, input: PersonInput) -> Reply<Person> {
    with_store(&state, |s| {
        let id = s.org().create_person(&input, &by())?;
        s.org().person(id)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn person_update(state: State<'_, AppState>, id: PersonId, input: PersonInput) -> Reply<Person> {
    with_store(&state, |s| s.org().update_person(id, &input, &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn person_merge(state: State<'_, AppState>, from: PersonId, into: PersonId) -> Reply<PersonMerge> {
    with_store(&state, |s| s.org().merge_people(from, into, &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn people_duplicates(state: State<'_, AppState>) -> Reply<Vec<LikelyDuplicate>> {
    with_store(&state, |s| s.org().duplicates())
}

/// What giving the clients `query` picks to `to` would move; writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn reassign_preview(state: State<'_, AppState>, query: ClientQuery, to: PersonId) -> Reply<Reassignment> {
    with_store(&state, |s| s.org().reassign_preview(&query, to))
}

#[tauri::command]
#[specta::specta]
pub async fn reassign_apply(state: State<'_, AppState>, query: ClientQuery, to: PersonId) -> Reply<Reassignment> {
    with_store(&state, |s| s.org().reassign(&query, to, &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn org_log(state: State<'_, AppState>, limit: i64) -> Reply<Vec<OrgEntry>> {
    with_store(&state, |s| s.org().log_entries(limit))
}
