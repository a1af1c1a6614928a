//! Teams and people.

use rusqlite::{named_params, OptionalExtension};

use crate::domain::ids::{PersonId, TeamId};
use crate::domain::{Person, Team};
use crate::error::Result;

/// A person from a row with `id`, `name`, `team_id`, `team` and `is_account_manager`.
pub(super) fn person_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get("id")?,
        name: r.get("name")?,
        team_id: r.get("team_id")?,
        team: r.get("team")?,
        is_account_manager: r.get("is_account_manager")?,
    })
}

impl super::Org<'_> {
    pub fn teams(&self) -> Result<Vec<Team>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, name FROM teams ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok(Team { id: r.get("id")?, name: r.get("name")? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn people(&self) -> Result<Vec<Person>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.name, p.team_id, t.name AS team, p.is_account_manager
             FROM people p LEFT JOIN teams t ON t.id = p.team_id ORDER BY p.team_id, p.id",
        )?;
        let rows = stmt.query_map([], person_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The team of that name, created if new.
    pub fn ensure_team(&self, name: &str) -> Result<TeamId> {
        let existing: Option<TeamId> =
            self.conn.query_row("SELECT id FROM teams WHERE name = :name", named_params! { ":name": name }, |r| r.get(0)).optional()?;
        if let Some(id) = existing {
            return Ok(id);
        }
        self.conn.execute("INSERT INTO teams (name) VALUES (:name)", named_params! { ":name": name })?;
        Ok(TeamId(self.conn.last_insert_rowid()))
    }

    /// The person of that name, created in `team_id` if new.
    pub fn ensure_person(&self, name: &str, team_id: Option<TeamId>, is_account_manager: bool) -> Result<PersonId> {
        let existing: Option<PersonId> =
            self.conn.query_row("SELECT id FROM people WHERE name = :name", named_params! { ":name": name }, |r| r.get(0)).optional()?;
        if let Some(id) = existing {
            return Ok(id);
        }
        self.conn.execute(
            "INSERT INTO people (name, team_id, is_account_manager) VALUES (:name, :team_id, :is_account_manager)",
            named_params! { ":name": name, ":team_id": team_id, ":is_account_manager": is_account_manager },
        )?;
        Ok(PersonId(self.conn.last_insert_rowid()))
    }
}
