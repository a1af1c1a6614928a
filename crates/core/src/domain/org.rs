//! Teams (participating departments and district companies) and the people in them.

use crate::domain::ids::{PersonId, TeamId};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Team {
    pub id: TeamId,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub team_id: Option<TeamId>,
    pub team: Option<String>,
    /// Account managers own clients one-to-one; other people serve on project teams.
    pub is_account_manager: bool,
}
