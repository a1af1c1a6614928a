//! Accounts and their sessions. Only a hash of a session token is stored, so a copy of the
//! table lets no one in.

use postgres::Row;

use super::{PgStore, TeamResult};
use crate::domain::access::{Account, AccountRole};
use crate::error::TeamError;

const ACCOUNT_COLUMNS: &str = "a.id, a.login, a.name, a.role, a.district_id, d.name";

fn account(row: &Row) -> TeamResult<Account> {
    let role: String = row.get(3);
    Ok(Account {
        id: row.get(0),
        login: row.get(1),
        name: row.get(2),
        role: AccountRole::from_code(&role)
            .ok_or_else(|| TeamError::Database(format!("account {} has an unknown role {role}", row.get::<_, i64>(0))))?,
        district_id: row.get(4),
        district: row.get(5),
    })
}

/// An account to create, with its password already hashed.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub login: String,
    pub name: String,
    pub role: AccountRole,
    pub district_id: Option<i64>,
    pub password_hash: String,
}

impl PgStore {
    /// The active account with this login and its password hash, to check a password against.
    pub fn account_for_login(&self, login: &str) -> TeamResult<Option<(Account, String)>> {
        self.unscoped(|tx| {
            let sql = format!("SELECT {ACCOUNT_COLUMNS}, a.password_hash FROM accounts a LEFT JOIN districts d ON d.id = a.district_id WHERE a.login = $1 AND a.active");
            tx.query_opt(&sql, &[&login])?.map(|r| Ok((account(&r)?, r.get(6)))).transpose()
        })
    }

    pub fn start_session(&self, token_hash: &str, account_id: i64, valid_secs: i64) -> TeamResult<()> {
        self.unscoped(|tx| {
            // Sessions that ran out are of no more use; each login clears them away.
            tx.execute("DELETE FROM sessions WHERE expires_at <= now()", &[])?;
            tx.execute(
                "INSERT INTO sessions (token_hash, account_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3::float8))",
                &[&token_hash, &account_id, &(valid_secs as f64)],
            )?;
            Ok(())
        })
    }

    /// The account a live session belongs to; an ended or unknown session has none.
    pub fn session_account(&self, token_hash: &str) -> TeamResult<Option<Account>> {
        self.unscoped(|tx| {
            let sql = format!(
                "SELECT {ACCOUNT_COLUMNS} FROM sessions s JOIN accounts a ON a.id = s.account_id LEFT JOIN districts d ON d.id = a.district_id
                 WHERE s.token_hash = $1 AND s.expires_at > now() AND a.active"
            );
            tx.query_opt(&sql, &[&token_hash])?.map(|r| account(&r)).transpose()
        })
    }

    pub fn end_session(&self, token_hash: &str) -> TeamResult<()> {
        self.unscoped(|tx| {
            tx.execute("DELETE FROM sessions WHERE token_hash = $1", &[&token_hash])?;
            Ok(())
        })
    }

    /// Every account, by login, for the province admin.
    pub fn accounts(&self) -> TeamResult<Vec<Account>> {
        self.unscoped(|tx| {
            let sql = format!(
                "SELECT {ACCOUNT_COLUMNS} FROM accounts a LEFT JOIN districts d ON d.id = a.district_id WHERE a.active ORDER BY a.login"
            );
            tx.query(&sql, &[])?.iter().map(account).collect()
        })
    }

    /// The districts, to give an account one: (id, name).
    pub fn districts(&self) -> TeamResult<Vec<(i64, String)>> {
        self.unscoped(|tx| Ok(tx.query("SELECT id, name FROM districts ORDER BY id", &[])?.iter().map(|r| (r.get(0), r.get(1))).collect()))
    }

    /// Adds an account on behalf of `who`, audited in the same transaction. A login in use
    /// already is refused.
    pub fn add_account(&self, who: &Account, new: &NewAccount) -> TeamResult<Account> {
        self.unscoped(|tx| {
            if tx.query_opt("SELECT 1 FROM accounts WHERE login = $1", &[&new.login])?.is_some() {
                return Err(TeamError::Core(crate::Error::Duplicate { entity: crate::error::Entity::Person, key: new.login.clone() }));
            }
            if let Some(d) = new.district_id {
                if tx.query_opt("SELECT 1 FROM districts WHERE id = $1", &[&d])?.is_none() {
                    return Err(TeamError::not_found(crate::error::Entity::Team, d));
                }
            }
            let id: i64 = tx
                .query_one(
                    "INSERT INTO accounts (login, name, role, district_id, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                    &[&new.login, &new.name, &new.role.code(), &new.district_id, &new.password_hash],
                )?
                .get(0);
            let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts a LEFT JOIN districts d ON d.id = a.district_id WHERE a.id = $1");
            let added = account(&tx.query_one(&sql, &[&id])?)?;
            super::audit::record(tx, who, "account.create", "account", id, None, Some(super::audit::json(&added)?))?;
            Ok(added)
        })
    }

    /// Ends an account's access or gives it back, on behalf of `who`, audited in the same
    /// transaction. Ending it ends its sessions: its next call is refused, not its next login.
    pub fn set_account_active(&self, who: &Account, login: &str, active: bool) -> TeamResult<Account> {
        self.unscoped(|tx| {
            let found = tx
                .query_opt("SELECT id, active FROM accounts WHERE login = $1 FOR UPDATE", &[&login])?
                .ok_or_else(|| TeamError::not_found(crate::error::Entity::Person, login))?;
            let (id, was): (i64, bool) = (found.get(0), found.get(1));
            if !active {
                crate::domain::access::check_end_account(who, id)?;
            }
            tx.execute("UPDATE accounts SET active = $2 WHERE id = $1", &[&id, &active])?;
            if !active {
                tx.execute("DELETE FROM sessions WHERE account_id = $1", &[&id])?;
            }
            let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts a LEFT JOIN districts d ON d.id = a.district_id WHERE a.id = $1");
            let changed = account(&tx.query_one(&sql, &[&id])?)?;
            let action = if active { "account.activate" } else { "account.deactivate" };
            let state = |on: bool| serde_json::json!({ "login": login, "active": on });
            super::audit::record(tx, who, action, "account", id, Some(state(was)), Some(state(active)))?;
            Ok(changed)
        })
    }

    /// The password hash of the account with this login, active or not.
    pub fn password_hash(&self, login: &str) -> TeamResult<Option<String>> {
        self.unscoped(|tx| Ok(tx.query_opt("SELECT password_hash FROM accounts WHERE login = $1", &[&login])?.map(|r| r.get(0))))
    }

    /// Gives an active account a new password (already hashed) on behalf of `who`, audited
    /// without the hash. Every session of the account ends but `keep`, the caller's own when
    /// they change their own password: whoever held another session must log in again.
    pub fn set_password(&self, who: &Account, login: &str, password_hash: &str, keep: Option<&str>) -> TeamResult<()> {
        self.unscoped(|tx| {
            let id: i64 = tx
                .query_opt("UPDATE accounts SET password_hash = $2 WHERE login = $1 AND active RETURNING id", &[&login, &password_hash])?
                .ok_or_else(|| TeamError::not_found(crate::error::Entity::Person, login))?
                .get(0);
            tx.execute("DELETE FROM sessions WHERE account_id = $1 AND token_hash IS DISTINCT FROM $2", &[&id, &keep])?;
            let what = serde_json::json!({ "login": login, "password": "changed" });
            super::audit::record(tx, who, "account.password", "account", id, None, Some(what))?;
            Ok(())
        })
    }

    pub fn create_account(&self, new: &NewAccount) -> TeamResult<i64> {
        self.unscoped(|tx| {
            let row = tx.query_one(
                "INSERT INTO accounts (login, name, role, district_id, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                &[&new.login, &new.name, &new.role.code(), &new.district_id, &new.password_hash],
            )?;
            Ok(row.get(0))
        })
    }
}
