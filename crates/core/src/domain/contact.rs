//! A client's contacts (完善客户基础管理): several people per client, the key persons (关键人)
//! flagged, each with the day the account manager last confirmed them; every change from every
//! source kept. A key person not confirmed within the tier's standard is listed for follow-up.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::{ClientId, TeamId};
use super::text::check;
use super::warning::KeyPersonSource;
use crate::error::{Error, FieldError, Problem, Result};

pub const NAME_CHARS: usize = 40;
pub const ROLE_CHARS: usize = 40;
pub const PHONE_CHARS: usize = 30;

/// A contact as the planner types it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct ContactInput {
    pub name: String,
    /// The contact's post at the client (e.g. 信息中心主任).
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub phone: String,
    pub key_person: bool,
    /// The day the contact was last confirmed as current.
    pub confirmed_on: Option<NaiveDate>,
}

impl ContactInput {
    /// Returns the contact tidied, or every problem at once; a confirmation can't be ahead of `today`.
    pub fn validate(&self, today: NaiveDate) -> Result<ContactInput> {
        let mut errors = Vec::new();
        let name = check(&mut errors, "name", &self.name, NAME_CHARS, true);
        let role = check(&mut errors, "role", &self.role, ROLE_CHARS, false);
        let phone = check(&mut errors, "phone", &self.phone, PHONE_CHARS, false);
        if !phone.is_empty() && !is_phone(&phone) {
            errors.push(FieldError::new("phone", Problem::NotAPhone));
        }
        if self.confirmed_on.is_some_and(|d| d > today) {
            errors.push(FieldError::new("confirmed_on", Problem::AfterToday { today }));
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        Ok(ContactInput { name, role, phone, key_person: self.key_person, confirmed_on: self.confirmed_on })
    }
}

/// Digits with the separators people write between them.
pub fn is_phone(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit()) && text.chars().all(|c| c.is_ascii_digit() || "-+ ()".contains(c))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Contact {
    /// None: the key person on the client's record, edited with the client (关键人异动).
    pub id: Option<i64>,
    pub client_id: ClientId,
    pub name: String,
    pub role: String,
    pub phone: String,
    pub key_person: bool,
    pub confirmed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ContactAction {
    Added,
    Changed,
    Confirmed,
    Removed,
}

impl ContactAction {
    pub fn code(self) -> &'static str {
        match self {
            ContactAction::Added => "added",
            ContactAction::Changed => "changed",
            ContactAction::Confirmed => "confirmed",
            ContactAction::Removed => "removed",
        }
    }

    pub fn from_code(code: &str) -> Option<ContactAction> {
        [ContactAction::Added, ContactAction::Changed, ContactAction::Confirmed, ContactAction::Removed]
            .into_iter()
            .find(|a| a.code() == code)
    }
}

/// One entry of a client's contact history: the contact as it stood after the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct ContactChange {
    /// None: the key person on the client's record.
    pub contact_id: Option<i64>,
    pub action: ContactAction,
    pub source: KeyPersonSource,
    pub name: String,
    pub role: String,
    pub phone: String,
    pub key_person: bool,
    pub confirmed_on: Option<NaiveDate>,
    pub at: String,
    pub author: String,
}

/// A target whose key person was not confirmed within its tier's standard as of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct UnconfirmedKeyPerson {
    pub client_id: ClientId,
    pub client_code: String,
    pub client: String,
    pub tier: String,
    pub team_id: Option<TeamId>,
    pub team_name: String,
    pub owner: String,
    pub vip_manager: String,
    /// The key person (the client record's when no contact is flagged).
    pub key_person: String,
    /// The latest confirmation or change of a key person (none: never).
    pub confirmed_on: Option<NaiveDate>,
    /// The tier's standard: confirmed at least this often.
    pub within_days: i64,
    /// Days since the last confirmation (none: never confirmed).
    pub days_since: Option<i64>,
}

/// Whether a key person last confirmed on `confirmed_on` is overdue for confirmation on `today`.
pub fn unconfirmed(confirmed_on: Option<NaiveDate>, within_days: i64, today: NaiveDate) -> bool {
    confirmed_on.is_none_or(|d| (today - d).num_days() > within_days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    #[test]
    fn a_contact_needs_a_name_a_real_phone_and_a_confirmation_not_ahead_of_today() {
        let input = ContactInput {
            name: " ".into(),
            role: String::new(),
            phone: "call me".into(),
            key_person: true,
            confirmed_on: Some(day("2026-12-04")),
        };
        let Err(Error::Validation(errors)) = input.validate(day("2026-12-03")) else { panic!("an empty name must be refused") };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "phone", "confirmed_on"], "every problem is reported at once");
        let ok = ContactInput {
            name: " 王主任 ".into(),
            role: "信息中心".into(),
            phone: "138-0000 0000".into(),
            key_person: true,
            confirmed_on: None,
        };
        assert_eq!(ok.validate(day("2026-12-03")).expect("valid").name, "王主任", "names are trimmed");
    }

    #[test]
    fn a_key_person_is_overdue_the_day_after_the_standard_runs_out() {
        let today = day("2026-12-03");
        assert!(unconfirmed(None, 90, today), "never confirmed is always overdue");
        assert!(!unconfirmed(Some(day("2026-09-04")), 90, today), "90 days ago is still within 90 days");
        assert!(unconfirmed(Some(day("2026-09-03")), 90, today), "91 days ago is past the standard");
    }
}
