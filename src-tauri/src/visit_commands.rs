//! Visits and contacts from the app: the visits due as of today per manager or team, recording
//! and asking for visits, a client's contacts and their history, key persons not confirmed in
//! time, and the VIP account manager.

use rampart_core::domain::contact::{Contact, ContactChange, ContactInput, UnconfirmedKeyPerson};
use rampart_core::domain::ids::{CampaignId, ClientId, PersonId, TeamId};
use rampart_core::domain::plan::By;
use rampart_core::domain::visit::{DueVisit, Visit, VisitInput, VisitLoad, VisitRequest};
use rampart_core::domain::warning::KeyPersonSource;
use rampart_core::domain::Page;
use rampart_core::store::DueFilter;
use tauri::State;

use crate::commands::{with_store, Reply};
use crate::{author, now, AppState};

fn by() -> By {
    By { author: author(), at: now() }
}

#[tauri::command]
#[specta::specta]
#[allow(clippy::too_many_arguments)]
pub async fn visits_due(
    state: State<'_, AppState>,
    campaign_id: CampaignId,
    team_id: Option<TeamId>,
    person_id: Option<PersonId>,
    overdue_only: bool,
    limit: i64,
    offset: i64,
) -> Reply<Page<DueVisit>> {
    let filter = DueFilter { team: team_id, person: person_id, overdue_only };
    with_store(&state, |s| s.visits().due(campaign_id, now().date(), filter, limit, offset))
}

/// Due and overdue visits per account manager, or per team.
#[tauri::command]
#[specta::specta]
pub async fn visits_load(state: State<'_, AppState>, campaign_id: CampaignId, by_team: bool) -> Reply<Vec<VisitLoad>> {
    with_store(&state, |s| s.visits().load(campaign_id, now().date(), by_team))
}

#[tauri::command]
#[specta::specta]
pub async fn visit_record(state: State<'_, AppState>, campaign_id: CampaignId, client_id: ClientId, input: VisitInput) -> Reply<Visit> {
    with_store(&state, |s| s.visits().record(campaign_id, client_id, &input, now().date(), KeyPersonSource::Form, &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn visit_ask(state: State<'_, AppState>, campaign_id: CampaignId, client_id: ClientId, request: VisitRequest) -> Reply<i64> {
    with_store(&state, |s| s.visits().ask(campaign_id, client_id, &request, now().date(), &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn visits_list(
    state: State<'_, AppState>,
    campaign_id: CampaignId,
    client_id: Option<ClientId>,
    limit: i64,
    offset: i64,
) -> Reply<Page<Visit>> {
    with_store(&state, |s| s.visits().list(campaign_id, client_id, limit, offset))
}

#[tauri::command]
#[specta::specta]
pub async fn contacts_list(state: State<'_, AppState>, client_id: ClientId) -> Reply<Vec<Contact>> {
    with_store(&state, |s| s.contacts().list(client_id))
}

#[tauri::command]
#[specta::specta]
pub async fn contact_add(state: State<'_, AppState>, client_id: ClientId, input: ContactInput) -> Reply<Contact> {
    with_store(&state, |s| s.contacts().add(client_id, &input, now().date(), KeyPersonSource::Form, &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn contact_update(state: State<'_, AppState>, id: i64, input: ContactInput) -> Reply<Contact> {
    with_store(&state, |s| s.contacts().update(id, &input, now().date(), KeyPersonSource::Form, &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn contact_remove(state: State<'_, AppState>, id: i64) -> Reply<()> {
    with_store(&state, |s| s.contacts().remove(id, KeyPersonSource::Form, &by()))
}

/// Confirms a contact as current today (`id` none: the key person on the client's record).
#[tauri::command]
#[specta::specta]
pub async fn contact_confirm(state: State<'_, AppState>, client_id: ClientId, id: Option<i64>) -> Reply<()> {
    let today = now().date();
    with_store(&state, |s| s.contacts().confirm(client_id, id, today, today, KeyPersonSource::Form, &by()))
}

#[tauri::command]
#[specta::specta]
pub async fn contact_history(state: State<'_, AppState>, client_id: ClientId) -> Reply<Vec<ContactChange>> {
    with_store(&state, |s| s.contacts().history(client_id))
}

#[tauri::command]
#[specta::specta]
pub async fn key_persons_unconfirmed(
    state: State<'_, AppState>,
    campaign_id: CampaignId,
    team_id: Option<TeamId>,
    limit: i64,
    offset: i64,
) -> Reply<Page<UnconfirmedKeyPerson>> {
    with_store(&state, |s| s.contacts().unconfirmed(campaign_id, now().date(), team_id, limit, offset))
}

#[tauri::command]
#[specta::specta]
pub async fn client_vip_manager_set(state: State<'_, AppState>, client_id: ClientId, person_id: Option<PersonId>) -> Reply<()> {
    with_store(&state, |s| s.visits().set_vip_manager(client_id, person_id))
}
