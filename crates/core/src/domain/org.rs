//! Teams (participating departments and district companies) and the people in them.

use crate::domain::ids::{PersonId, TeamId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Team {
    pub id: TeamId,
    pub name: String,
    /// A deactivated team keeps its name on past work but is not offered for new work.
    pub active: bool,
}

/// What a person does in the campaign (客户经理 / 团队成员 / VIP客户经理).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    AccountManager,
    TeamMember,
    VipAccountManager,
}

impl Role {
    pub const ALL: [Role; 3] = [Self::AccountManager, Self::TeamMember, Self::VipAccountManager];

    pub fn code(self) -> &'static str {
        match self {
            Self::AccountManager => "account_manager",
            Self::TeamMember => "team_member",
            Self::VipAccountManager => "vip_account_manager",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Account managers (VIP ones too) own clients one-to-one; team members serve on plans.
    pub fn owns_clients(self) -> bool {
        self != Self::TeamMember
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub team_id: Option<TeamId>,
    pub team: Option<String>,
    pub role: Role,
    /// `role.owns_clients()`, sent along so no interface has to know which roles own clients.
    pub is_account_manager: bool,
    /// Someone who has left keeps their name on past work but gets no new work.
    pub active: bool,
}
