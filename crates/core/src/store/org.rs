//! Teams and people.

use rusqlite::{named_params, OptionalExtension};

use crate::domain::ids::{PersonId, TeamId};
use crate::domain::org::Role;
use crate::domain::{Person, Team};
use crate::error::Result;

/// A person from a row with `id`, `name`, `team_id`, `team`, `role` and `active`.
pub(super) fn person_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Person> {
    let role: Role = r.get("role")?;
    Ok(Person {
        id: r.get("id")?,
        name: r.get("name")?,
        team_id: r.get("team_id")?,
        team: r.get("team")?,
        role,
        is_account_manager: role.owns_clients(),
        active: r.get("active")?,
    })
}

impl super::Org<'_> {
    pub fn teams(&self) -> Result<Vec<Team>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, name, active FROM teams ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok(Team { id: r.get("id")?, name: r.get("name")?, active: r.get("active")? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn people(&self) -> Result<Vec<Person>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.name, p.team_id, t.name AS team, p.role, p.active
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
    pub fn ensure_person(&self, name: &str, team_id: Option<TeamId>, role: Role) -> Result<PersonId> {
        let existing: Option<PersonId> =
            self.conn.query_row("SELECT id FROM people WHERE name = :name", named_params! { ":name": name }, |r| r.get(0)).optional()?;
        if let Some(id) = existing {
            return Ok(id);
        }
        self.conn.execute(
            "INSERT INTO people (name, team_id, role) VALUES (:name, :team_id, :role)",
            named_params! { ":name": name, ":team_id": team_id, ":role": role },
        )?;
        Ok(PersonId(self.conn.last_insert_rowid()))
    }
}
