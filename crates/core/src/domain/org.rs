//! Teams (participating departments and district companies) and the people in them.

use crate::domain::ids::{ClientId, PersonId, PlanItemId, TeamId, WarningId};
use crate::domain::text::{check, fold_header, fold_width};
use crate::error::{Error, FieldError, Problem, Result};
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

/// A team as the organisation page lists it: with how many people and clients it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct TeamSummary {
    pub id: TeamId,
    pub name: String,
    pub active: bool,
    pub people: i64,
    pub clients: i64,
}

/// A person as the organisation page lists them: with how many clients they manage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct PersonSummary {
    pub id: PersonId,
    pub name: String,
    pub team_id: Option<TeamId>,
    pub team: Option<String>,
    pub role: Role,
    pub active: bool,
    pub clients: i64,
}

/// What the person form sends, for a new person or an edit.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct PersonInput {
    pub name: String,
    pub team_id: Option<TeamId>,
    pub role: Role,
    pub active: bool,
}

impl PersonInput {
    /// The input with its name trimmed, or every field problem at once.
    pub fn validated(&self) -> Result<PersonInput> {
        let mut errors = Vec::new();
        let name = check(&mut errors, "name", &self.name, 40, true);
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        Ok(PersonInput { name, ..self.clone() })
    }
}

/// A team's name, trimmed, or why it cannot be one.
pub fn check_team_name(name: &str) -> Result<String> {
    let mut errors = Vec::new();
    let name = check(&mut errors, "name", name, 40, true);
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    Ok(name)
}

/// Why `from` cannot be merged into `into`: merging something into itself would delete it.
pub fn check_merge<T: PartialEq>(from: T, into: T) -> Result<()> {
    if from == into {
        return Err(Error::Validation(vec![FieldError::new("into", Problem::MergeIntoItself)]));
    }
    Ok(())
}

/// A name as duplicates are recognised: imports spell one person "张伟", "张 伟" or "张伟　"
/// (ideographic space), and Latin names in either width and case.
pub fn name_key(name: &str) -> String {
    fold_header(name)
}

/// A suggestion to merge one person into another whose name is the same but for spacing,
/// width or case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct LikelyDuplicate {
    pub from_id: PersonId,
    pub from: String,
    pub into_id: PersonId,
    pub into: String,
}

/// People who are probably one person entered twice. Within each group of equal
/// [`name_key`]s the one kept is an active person before an inactive one, a name in half-width
/// before one in full-width letters, one without spaces before one with them (the stray space
/// is the typo), then the oldest record; every other one is suggested for merging into it.
pub fn likely_duplicates(people: &[Person]) -> Vec<LikelyDuplicate> {
    let mut groups: std::collections::BTreeMap<String, Vec<&Person>> = std::collections::BTreeMap::new();
    for p in people {
        groups.entry(name_key(&p.name)).or_default().push(p);
    }
    let mut out = Vec::new();
    for mut group in groups.into_values().filter(|g| g.len() > 1) {
        group.sort_by_key(|p| (!p.active, fold_width(&p.name) != p.name, p.name.chars().any(char::is_whitespace), p.id));
        let keep = group[0];
        out.extend(group[1..].iter().map(|p| LikelyDuplicate {
            from_id: p.id,
            from: p.name.clone(),
            into_id: keep.id,
            into: keep.name.clone(),
        }));
    }
    out
}

/// The existing name a mistyped `name` most likely meant: one equal after folding spaces,
/// width and case, else the nearest within one edit per three characters (at least one), so
/// "李晓明x" suggests "李晓明" but "张三丰" does not suggest "张丽华".
pub fn closest_name<'a>(name: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let key = name_key(name);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in names {
        let distance = strsim::levenshtein(&key, &name_key(candidate));
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    let len = key.chars().count();
    best.filter(|(d, _)| *d <= (len / 3).max(1) && *d < len).map(|(_, n)| n)
}

/// One field of a person that an edit changed, as stored values (a role by its code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct FieldChange {
    pub field: String,
    pub from: String,
    pub to: String,
}

/// What merging one team into another moved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct TeamMerge {
    pub clients: i64,
    pub people: i64,
    pub campaigns: i64,
    pub achievements: i64,
    pub award_targets: i64,
}

/// What merging one person into another moved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct PersonMerge {
    pub clients: i64,
    pub plan_items: i64,
    pub warnings: i64,
    pub plans: i64,
    pub achievements: i64,
    pub award_targets: i64,
}

/// The clients, open items and open warnings that one old account manager hands over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct HandOver {
    pub from_id: Option<PersonId>,
    pub from: Option<String>,
    pub clients: Vec<ClientId>,
    pub plan_items: Vec<PlanItemId>,
    pub warnings: Vec<WarningId>,
}

/// A change to the organisation, as the org log keeps it. Stored as its `action` code and
/// the rest of its fields as JSON; a code this build does not know is a corrupt row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum OrgChange {
    TeamCreated {
        team_id: TeamId,
        name: String,
    },
    TeamRenamed {
        team_id: TeamId,
        from: String,
        to: String,
    },
    TeamActiveSet {
        team_id: TeamId,
        name: String,
        active: bool,
    },
    TeamsMerged {
        from_id: TeamId,
        from: String,
        into_id: TeamId,
        into: String,
        moved: TeamMerge,
    },
    PersonCreated {
        person_id: PersonId,
        name: String,
        team: Option<String>,
        role: Role,
    },
    PersonUpdated {
        person_id: PersonId,
        name: String,
        changes: Vec<FieldChange>,
    },
    PeopleMerged {
        from_id: PersonId,
        from: String,
        into_id: PersonId,
        into: String,
        moved: PersonMerge,
    },
    /// Clients given a new account manager (`to`, or none), with the open work that went along,
    /// per old manager.
    ClientsReassigned {
        to_id: Option<PersonId>,
        to: Option<String>,
        clients: i64,
        plan_items: i64,
        warnings: i64,
        moves: Vec<HandOver>,
    },
}

impl OrgChange {
    /// The stored `action` code and `detail` JSON.
    pub fn to_row(&self) -> (String, String) {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        let action = value.as_object_mut().and_then(|o| o.remove("action")).and_then(|a| a.as_str().map(str::to_string));
        (action.unwrap_or_default(), value.to_string())
    }

    /// The change a stored `action` and `detail` describe; the error says what does not fit.
    pub fn from_row(action: &str, detail: &str) -> std::result::Result<OrgChange, String> {
        let mut value: serde_json::Value = serde_json::from_str(detail).map_err(|e| e.to_string())?;
        let object = value.as_object_mut().ok_or("detail is not a JSON object")?;
        object.insert("action".into(), serde_json::Value::String(action.to_string()));
        serde_json::from_value(value).map_err(|e| e.to_string())
    }
}

/// One line of the org log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct OrgEntry {
    pub id: i64,
    pub at: crate::timestamp::Timestamp,
    pub author: String,
    pub change: OrgChange,
}

/// What giving clients a new account manager moves (a preview) or moved, per old manager:
/// the clients, their open items and open warnings; closed work stays and is counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Reassignment {
    pub to_id: PersonId,
    pub to: String,
    pub groups: Vec<ReassignGroup>,
    pub clients: i64,
    pub open_items: i64,
    pub open_warnings: i64,
    pub closed_items: i64,
    pub closed_warnings: i64,
    /// Clients the filter picked that `to` already manages: nothing of theirs moves.
    pub unchanged: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct ReassignGroup {
    pub from_id: Option<PersonId>,
    pub from: Option<String>,
    pub clients: i64,
    pub open_items: i64,
    pub open_warnings: i64,
    /// Done items of these clients that stay with the old manager.
    pub closed_items: i64,
    /// Retained or lost warnings of these clients that stay with the old manager.
    pub closed_warnings: i64,
}

impl Reassignment {
    /// Totals from the per-manager groups.
    pub fn of(to_id: PersonId, to: String, groups: Vec<ReassignGroup>, unchanged: i64) -> Reassignment {
        let sum = |f: fn(&ReassignGroup) -> i64| groups.iter().map(f).sum();
        Reassignment {
            to_id,
            to,
            clients: sum(|g| g.clients),
            open_items: sum(|g| g.open_items),
            open_warnings: sum(|g| g.open_warnings),
            closed_items: sum(|g| g.closed_items),
            closed_warnings: sum(|g| g.closed_warnings),
            unchanged,
            groups,
        }
    }
}

/// Who may be given clients: an active account manager (VIP ones too).
pub fn check_new_manager(person: &Person) -> Result<()> {
    if !person.active || !person.role.owns_clients() {
        return Err(Error::Validation(vec![FieldError::new("account_manager_id", Problem::NotAnActiveAccountManager)]));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: i64, name: &str, active: bool) -> Person {
        Person {
            id: PersonId(id),
            name: name.into(),
            team_id: None,
            team: None,
            role: Role::AccountManager,
            is_account_manager: true,
            active,
        }
    }

    #[test]
    fn duplicates_differ_only_in_spacing_width_or_case() {
        let people = [
            person(1, "张 伟", true),
            person(2, "张伟", true),
            person(3, "李娜", true),
            person(4, "Ｌｉ Ｎａ", true),
            person(5, "li na", true),
        ];
        let found = likely_duplicates(&people);
        let pairs: Vec<(i64, i64)> = found.iter().map(|d| (d.from_id.0, d.into_id.0)).collect();
        assert!(pairs.contains(&(1, 2)), "张 伟 goes into 张伟, whose name has no stray space: {pairs:?}");
        assert!(pairs.contains(&(4, 5)), "full-width Ｌｉ Ｎａ is li na; the half-width spelling is kept: {pairs:?}");
        assert!(!pairs.iter().any(|(a, b)| *a == 3 || *b == 3), "李娜 has no twin: {pairs:?}");
        assert_eq!(pairs.len(), 2);
    }

    #[test]
    fn an_active_person_is_kept_over_an_inactive_one() {
        let people = [person(1, "王芳", false), person(2, "王 芳", true)];
        let found = likely_duplicates(&people);
        assert_eq!((found[0].from_id, found[0].into_id), (PersonId(1), PersonId(2)), "the inactive record is the one merged away");
    }

    #[test]
    fn closest_name_suggests_near_misses_only() {
        let names = ["张伟", "李娜", "王芳"];
        assert_eq!(closest_name("张 伟", names), Some("张伟"));
        assert_eq!(closest_name("李那", names), Some("李娜"), "one character off");
        assert_eq!(closest_name("赵", names), None, "a one-character name is not one edit from everything");
        assert_eq!(closest_name("张三丰", names), None, "two of three characters differ: not a typo");
        assert_eq!(closest_name("Bob Smith", names), None);
    }

    #[test]
    fn log_rows_round_trip_and_unknown_codes_are_refused() {
        let change = OrgChange::TeamRenamed { team_id: TeamId(3), from: "东区".into(), to: "东城区".into() };
        let (action, detail) = change.to_row();
        assert_eq!(action, "team_renamed");
        assert!(!detail.contains("action"), "the code is stored in its own column: {detail}");
        assert_eq!(OrgChange::from_row(&action, &detail), Ok(change));
        assert!(OrgChange::from_row("team_exploded", "{}").is_err(), "a code this build does not know is an error");
        assert!(OrgChange::from_row("team_renamed", "{\"team_id\": 3}").is_err(), "missing values are an error");
    }

    #[test]
    fn only_active_account_managers_take_clients() {
        let mut p = person(1, "张伟", true);
        assert!(check_new_manager(&p).is_ok());
        p.role = Role::VipAccountManager;
        assert!(check_new_manager(&p).is_ok(), "VIP account managers own clients too");
        p.role = Role::TeamMember;
        assert!(check_new_manager(&p).is_err(), "team members serve on plans, they do not own clients");
        p.role = Role::AccountManager;
        p.active = false;
        assert!(check_new_manager(&p).is_err(), "someone who has left gets no new clients");
    }

    #[test]
    fn merging_into_itself_is_refused() {
        assert!(check_merge(TeamId(1), TeamId(1)).is_err());
        assert!(check_merge(TeamId(1), TeamId(2)).is_ok());
    }
}
