//! Team mode: who may see and change what. A province's accounts each have a role and, for the
//! district roles, a district (the team whose clients they serve). The server enforces these
//! rules on every call; PostgreSQL's row-level security repeats the scope as a second lock.

use serde::{Deserialize, Serialize};

coded_enum!(AccountRole {
    ProvinceAdmin = "province_admin", "省级管理员", "Province admin";
    Planner = "planner", "策划人", "Planner";
    DistrictPlanner = "district_planner", "区县策划人", "District planner";
    Approver = "approver", "审批人", "Approver";
    AccountManager = "account_manager", "客户经理", "Account manager";
    Viewer = "viewer", "只读用户", "Viewer";
});

/// What part of the province an account works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Scope {
    /// Every district.
    Province,
    /// One district's clients, plans and warnings.
    District(i64),
    /// The account's own clients (as their account manager) and its own plan items.
    Own(i64),
}

impl Scope {
    pub fn code(self) -> &'static str {
        match self {
            Scope::Province => "province",
            Scope::District(_) => "district",
            Scope::Own(_) => "own",
        }
    }
}

/// Why an account cannot work: a district role without a district is a set-up mistake that
/// must not fall back to seeing the whole province.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NeedsDistrict;

impl AccountRole {
    /// The scope of an account with this role. District planners and account managers belong
    /// to a district; the other roles work across the province.
    pub fn scope(self, account: i64, district: Option<i64>) -> Result<Scope, NeedsDistrict> {
        match self {
            AccountRole::ProvinceAdmin | AccountRole::Planner | AccountRole::Approver | AccountRole::Viewer => Ok(Scope::Province),
            AccountRole::DistrictPlanner => district.map(Scope::District).ok_or(NeedsDistrict),
            AccountRole::AccountManager => district.map(|_| Scope::Own(account)).ok_or(NeedsDistrict),
        }
    }

    /// Moving a plan item's status: the people who run the plans. Approvers and viewers look.
    pub fn edits_plan_items(self) -> bool {
        matches!(self, AccountRole::ProvinceAdmin | AccountRole::Planner | AccountRole::DistrictPlanner | AccountRole::AccountManager)
    }

    /// Working a warning (contacted, retained, lost) is the same people's job.
    pub fn works_warnings(self) -> bool {
        self.edits_plan_items()
    }

    /// The audit trail holds every account's changes: for the province's oversight roles.
    pub fn reads_audit(self) -> bool {
        matches!(self, AccountRole::ProvinceAdmin | AccountRole::Planner | AccountRole::Approver)
    }

    /// Accounts are given and taken away by the province's admin.
    pub fn administers_accounts(self) -> bool {
        self == AccountRole::ProvinceAdmin
    }

    /// Trackers go to district teams and come back from them: planners send and apply them.
    pub fn exchanges_trackers(self) -> bool {
        matches!(self, AccountRole::ProvinceAdmin | AccountRole::Planner | AccountRole::DistrictPlanner)
    }

    /// Whether the role does `action`.
    pub fn may(self, action: TeamAction) -> bool {
        match action {
            TeamAction::EditPlanItems => self.edits_plan_items(),
            TeamAction::WorkWarnings => self.works_warnings(),
            TeamAction::ReadAudit => self.reads_audit(),
            TeamAction::ExchangeTrackers => self.exchanges_trackers(),
            TeamAction::ManageAccounts => self.administers_accounts(),
        }
    }
}

/// What a role may be refused on the team server, named in the refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamAction {
    EditPlanItems,
    WorkWarnings,
    ReadAudit,
    ExchangeTrackers,
    ManageAccounts,
}

impl TeamAction {
    pub fn label_zh(self) -> &'static str {
        match self {
            TeamAction::EditPlanItems => "修改计划事项",
            TeamAction::WorkWarnings => "处理预警",
            TeamAction::ReadAudit => "查看审计记录",
            TeamAction::ExchangeTrackers => "导出或回收跟踪表",
            TeamAction::ManageAccounts => "管理账号",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            TeamAction::EditPlanItems => "edit plan items",
            TeamAction::WorkWarnings => "work warnings",
            TeamAction::ReadAudit => "read the audit trail",
            TeamAction::ExchangeTrackers => "exchange trackers",
            TeamAction::ManageAccounts => "manage accounts",
        }
    }
}

/// A logged-in account, as the server knows it for the length of a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Account {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub role: AccountRole,
    pub district_id: Option<i64>,
    pub district: Option<String>,
}

impl Account {
    pub fn scope(&self) -> Result<Scope, NeedsDistrict> {
        self.role.scope(self.id, self.district_id)
    }
}

/// The shortest password a new account may have.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// A new account's fields, checked together: a login, a name, a password long enough, and a
/// district for the roles that work in one.
pub fn check_new_account(login: &str, name: &str, password: &str, role: AccountRole, district: Option<i64>) -> crate::Result<()> {
    use crate::error::{Error, FieldError, Problem};
    let mut errors = Vec::new();
    if login.trim().is_empty() {
        errors.push(FieldError::new("login", Problem::Required));
    }
    if name.trim().is_empty() {
        errors.push(FieldError::new("name", Problem::Required));
    }
    errors.extend(password_out_of_range(password));
    if role.scope(0, district).is_err() {
        errors.push(FieldError::new("district", Problem::Required));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errors))
    }
}

/// A new password for an existing account: as long as a new account's must be.
pub fn check_new_password(password: &str) -> crate::Result<()> {
    password_out_of_range(password).map_or(Ok(()), |e| Err(crate::Error::Validation(vec![e])))
}

/// The most characters a password may have: the message always said so, and a password of
/// megabytes would only cost the server its hashing time.
pub const MAX_PASSWORD_CHARS: usize = 1024;

fn password_out_of_range(password: &str) -> Option<crate::error::FieldError> {
    use crate::error::{FieldError, Problem};
    let chars = password.chars().count();
    (!(MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&chars))
        .then(|| FieldError::new("password", Problem::OutOfRange { min: MIN_PASSWORD_CHARS as i64, max: MAX_PASSWORD_CHARS as i64 }))
}

/// Setting a forgotten password: anyone's but one's own, which is changed with the current one.
pub fn check_reset_password(who: &Account, login: &str) -> crate::Result<()> {
    use crate::error::{Error, FieldError, Problem};
    if who.login == login.trim() {
        return Err(Error::Validation(vec![FieldError::new("login", Problem::OwnPassword)]));
    }
    Ok(())
}

/// Ending an account's access: anyone's but one's own.
pub fn check_end_account(who: &Account, account_id: i64) -> crate::Result<()> {
    use crate::error::{Error, FieldError, Problem};
    if who.id == account_id {
        return Err(Error::Validation(vec![FieldError::new("login", Problem::OwnAccount)]));
    }
    Ok(())
}

/// A key person's phone is shown in full only to people in the client's own team (district).
pub fn shows_phone(viewer_district: Option<i64>, client_district: i64) -> bool {
    viewer_district == Some(client_district)
}

/// A phone as shown outside the client's team: the first three and last four digits stay so
/// a number can be recognised, the middle is starred; a short number is starred whole.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 8 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn district_roles_without_a_district_see_nothing_rather_than_everything() {
        assert_eq!(AccountRole::DistrictPlanner.scope(7, None), Err(NeedsDistrict), "a district planner without a district is refused");
        assert_eq!(AccountRole::AccountManager.scope(7, None), Err(NeedsDistrict));
        assert_eq!(AccountRole::DistrictPlanner.scope(7, Some(3)), Ok(Scope::District(3)));
        assert_eq!(AccountRole::AccountManager.scope(7, Some(3)), Ok(Scope::Own(7)), "an account manager works on their own clients");
        assert_eq!(AccountRole::Viewer.scope(7, Some(3)), Ok(Scope::Province));
    }

    #[test]
    fn only_the_clients_team_sees_a_phone_whole() {
        assert!(shows_phone(Some(3), 3));
        assert!(!shows_phone(Some(4), 3), "another district's planner sees it masked");
        assert!(!shows_phone(None, 3), "province roles are outside every client's team");
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_phone("025-8888-1234"), "025******1234");
        assert_eq!(mask_phone("12345"), "*****", "a short number keeps no digit");
        assert_eq!(mask_phone(""), "");
    }

    #[test]
    fn a_new_password_is_as_long_as_a_new_accounts_and_no_one_ends_their_own_account() {
        assert!(check_new_password("新密码2026abc").is_ok());
        let Err(crate::Error::Validation(fields)) = check_new_password("1234567") else { panic!("seven characters are too few") };
        assert_eq!(fields[0].field, "password");
        assert!(check_new_password(&"长".repeat(MAX_PASSWORD_CHARS)).is_ok(), "as long as the limit is allowed");
        assert!(check_new_password(&"长".repeat(MAX_PASSWORD_CHARS + 1)).is_err(), "longer is refused, as the message says");
        let admin = Account {
            id: 7,
            login: "admin".into(),
            name: "管理员".into(),
            role: AccountRole::ProvinceAdmin,
            district_id: None,
            district: None,
        };
        assert!(check_end_account(&admin, 8).is_ok(), "an admin ends another's account");
        let Err(crate::Error::Validation(fields)) = check_end_account(&admin, 7) else { panic!("not their own") };
        assert_eq!((fields[0].field.as_str(), &fields[0].problem), ("login", &crate::error::Problem::OwnAccount));
        assert!(check_reset_password(&admin, "dp01").is_ok(), "an admin sets another's forgotten password");
        assert!(check_reset_password(&admin, " admin ").is_err(), "their own is changed with the current one");
    }

    #[test]
    fn a_new_account_needs_a_login_a_long_enough_password_and_for_district_roles_a_district() {
        assert!(check_new_account("dp21", "新区策划", "rampart2026", AccountRole::DistrictPlanner, Some(21)).is_ok());
        let Err(crate::Error::Validation(fields)) = check_new_account(" ", "", "short", AccountRole::AccountManager, None) else {
            panic!("an empty account is refused");
        };
        let named: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(named, ["login", "name", "password", "district"], "every problem at once");
        assert!(check_new_account("viewer2", "只读", "rampart2026", AccountRole::Viewer, None).is_ok(), "province roles need no district");
    }

    #[test]
    fn approvers_and_viewers_do_not_edit() {
        assert!(!AccountRole::Viewer.edits_plan_items());
        assert!(!AccountRole::Approver.edits_plan_items());
        assert!(AccountRole::AccountManager.edits_plan_items());
        assert!(!AccountRole::AccountManager.reads_audit());
        assert_eq!(AccountRole::parse("区县策划人"), Some(AccountRole::DistrictPlanner));
    }
}
