//! Team mode's errors: those of a shared server with accounts, as well as the core's own.
//! Each has a stable code, an HTTP status for the server, and a message in both languages.

use serde::Serialize;

use super::{Entity, Error};
use crate::domain::access::{AccountRole, TeamAction};

#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    /// No session, or one that has ended.
    #[error("log in first")]
    Unauthenticated,
    #[error("wrong user name or password")]
    BadLogin,
    /// Too many wrong passwords for this login lately; try again in so many minutes.
    #[error("too many failed logins; try again in {minutes} minutes")]
    TooManyAttempts { minutes: u64 },
    /// The account's role does not do this (a viewer editing, say).
    #[error("your role ({}) cannot {}", .role.label_en(), .action.label_en())]
    Forbidden { role: AccountRole, action: TeamAction },
    /// A district role whose account has no district: it would otherwise see nothing or too much.
    #[error("this account has no district; ask the province admin to set one")]
    NoDistrict,
    /// Written by someone else since it was read: the current value comes back to show.
    #[error("changed by someone else since you read it; here is the current value")]
    Stale { current: serde_json::Value },
    /// A rule of the core (validation, not found, ...).
    #[error(transparent)]
    Core(#[from] Error),
    #[error("team database error: {0}")]
    Database(String),
}

impl TeamError {
    /// Not found and out of reach look the same, so a district's clients cannot be probed.
    pub fn not_found(entity: Entity, key: impl std::fmt::Display) -> TeamError {
        TeamError::Core(Error::NotFound { entity, key: key.to_string() })
    }

    pub fn code(&self) -> &'static str {
        match self {
            TeamError::Unauthenticated => "unauthenticated",
            TeamError::BadLogin => "bad_login",
            TeamError::TooManyAttempts { .. } => "too_many_attempts",
            TeamError::Forbidden { .. } => "forbidden",
            TeamError::NoDistrict => "no_district",
            TeamError::Stale { .. } => "stale",
            TeamError::Core(e) => e.code(),
            TeamError::Database(_) => "database",
        }
    }

    /// The HTTP status the server answers with.
    pub fn http_status(&self) -> u16 {
        match self {
            TeamError::Unauthenticated | TeamError::BadLogin => 401,
            TeamError::TooManyAttempts { .. } => 429,
            TeamError::Forbidden { .. } | TeamError::NoDistrict => 403,
            TeamError::Stale { .. } => 409,
            TeamError::Core(Error::NotFound { .. }) => 404,
            TeamError::Core(Error::Validation(_)) => 422,
            TeamError::Core(Error::Duplicate { .. }) => 409,
            TeamError::Core(e) if e.is_user_error() => 400,
            TeamError::Core(_) | TeamError::Database(_) => 500,
        }
    }

    pub fn message_zh(&self) -> String {
        match self {
            TeamError::Unauthenticated => "请先登录".into(),
            TeamError::BadLogin => "用户名或密码不正确".into(),
            TeamError::TooManyAttempts { minutes } => format!("登录失败次数过多，请 {minutes} 分钟后再试"),
            TeamError::Forbidden { role, action } => format!("你的角色（{}）不能{}", role.label_zh(), action.label_zh()),
            TeamError::NoDistrict => "此账号未设置所属区县，请联系省级管理员".into(),
            TeamError::Stale { .. } => "你读取之后已有他人修改，已显示当前内容，请确认后再改".into(),
            TeamError::Core(e) => e.message_zh(),
            TeamError::Database(detail) => format!("团队数据库出错：{detail}"),
        }
    }

    pub fn message_en(&self) -> String {
        match self {
            TeamError::Core(e) => e.message_en(),
            other => {
                let s = other.to_string();
                let mut chars = s.chars();
                chars.next().map_or(s.clone(), |c| c.to_uppercase().collect::<String>() + chars.as_str())
            }
        }
    }

    pub fn to_report(&self) -> TeamErrorReport {
        let fields = match self {
            TeamError::Core(e) => e.to_report().fields,
            _ => Vec::new(),
        };
        let current = match self {
            TeamError::Stale { current } => Some(current.clone()),
            _ => None,
        };
        TeamErrorReport { code: self.code().to_string(), message_zh: self.message_zh(), message_en: self.message_en(), fields, current }
    }
}

impl TeamErrorReport {
    /// The report as the desktop app's errors take it: the code the UI acts on, both messages.
    /// A code this build does not know (a newer server) counts as a database error.
    pub fn to_error_report(&self) -> super::ErrorReport {
        let code = serde_json::from_value(serde_json::Value::String(self.code.to_string())).unwrap_or(super::ErrorCode::Database);
        super::ErrorReport { code, message_zh: self.message_zh.clone(), message_en: self.message_en.clone(), fields: self.fields.clone() }
    }
}

/// What the server sends for an error: the code to act on, both messages, the fields at fault
/// (as the desktop app's errors name them) and, for a stale write, the current value.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct TeamErrorReport {
    pub code: String,
    pub message_zh: String,
    pub message_en: String,
    #[serde(deserialize_with = "fields_either_shape")]
    pub fields: Vec<super::FieldReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<serde_json::Value>,
}

/// Fields as this server names them, or as (field, zh, en) lists, which servers of the first
/// team-mode release sent: a desktop talking to either reads the fields at fault.
fn fields_either_shape<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<super::FieldReport>, D::Error> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Field {
        Named(super::FieldReport),
        Listed(String, String, String),
    }
    let fields: Vec<Field> = serde::Deserialize::deserialize(d)?;
    Ok(fields
        .into_iter()
        .map(|f| match f {
            Field::Named(f) => f,
            Field::Listed(field, message_zh, message_en) => super::FieldReport { field, message_zh, message_en },
        })
        .collect())
}

#[cfg(feature = "postgres")]
impl From<postgres::Error> for TeamError {
    fn from(e: postgres::Error) -> Self {
        TeamError::Database(e.as_db_error().map_or_else(|| e.to_string(), |d| d.message().to_string()))
    }
}

#[cfg(feature = "postgres")]
impl From<r2d2::Error> for TeamError {
    fn from(e: r2d2::Error) -> Self {
        TeamError::Database(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_names_itself_in_both_languages() {
        let errors = [
            TeamError::Unauthenticated,
            TeamError::BadLogin,
            TeamError::TooManyAttempts { minutes: 3 },
            TeamError::Forbidden { role: AccountRole::Viewer, action: TeamAction::EditPlanItems },
            TeamError::NoDistrict,
            TeamError::Stale { current: serde_json::json!({"version": 2}) },
            TeamError::not_found(Entity::Client, 9),
        ];
        let statuses: Vec<u16> = errors.iter().map(TeamError::http_status).collect();
        assert_eq!(statuses, [401, 401, 429, 403, 403, 409, 404], "each error maps to the status a client acts on");
        for e in &errors {
            let zh = e.message_zh();
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{} has a Chinese message: {zh}", e.code());
            assert!(e.message_en().is_ascii(), "{} has an English message", e.code());
        }
        let old: TeamErrorReport = serde_json::from_str(
            r#"{"code":"validation","message_zh":"错","message_en":"bad","fields":[["password","太短","too short"]]}"#,
        )
        .expect("a report of the first release's shape is read");
        let new: TeamErrorReport =
            serde_json::from_value(serde_json::to_value(errors[0].to_report()).expect("json")).expect("and of today's");
        assert_eq!((old.fields[0].field.as_str(), old.fields[0].message_en.as_str()), ("password", "too short"));
        assert!(new.fields.is_empty());
        assert_eq!(errors[5].to_report().current, Some(serde_json::json!({"version": 2})), "a stale write carries the current value");
    }
}
