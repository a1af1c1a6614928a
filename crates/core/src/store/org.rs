//! Teams and people.

use rusqlite::{named_params, OptionalExtension};

use super::filter::Where;
use super::{stamp, Store};
use crate::domain::ids::{ClientId, PersonId, PlanItemId, TeamId, WarningId};
use crate::domain::org::{
    check_merge, check_new_manager, check_team_name, likely_duplicates, FieldChange, HandOver, LikelyDuplicate, OrgChange, OrgEntry,
    PersonInput, PersonMerge, PersonSummary, ReassignGroup, Reassignment, Role, TeamMerge, TeamSummary,
};
use crate::domain::plan::By;
use crate::domain::{ClientQuery, Person, Team};
use crate::error::{Entity, Error, FieldError, Problem, Result};
use crate::timestamp::Timestamp;

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

/// Which clients a reassignment takes: those a client-table filter picks, or one client (the
/// client form).
#[derive(Clone, Copy)]
enum Chosen<'q> {
    Query(&'q ClientQuery),
    One(ClientId),
}

impl Chosen<'_> {
    /// The WHERE clause over `clients c` that picks these clients.
    fn filter(self, store: &Store) -> Result<Where> {
        Ok(match self {
            Chosen::Query(q) => {
                let campaign = q.campaign_id.map(|id| store.campaigns().get(id)).transpose()?;
                super::clients::prepare(store, q)?;
                super::clients::filters(q, campaign.as_ref())
            }
            Chosen::One(id) => {
                let mut w = Where::new();
                w.and_bind("c.id = :client", ":client", id);
                w
            }
        })
    }
}

/// The per-manager figures of the clients in `temp.reassign_clients` and their work in
/// `temp.reassign_items` / `temp.reassign_warnings`; closed work is counted, it does not move.
const GROUPS: &str = "SELECT x.old AS from_id, p.name AS from_name, count(*) AS clients,
        (SELECT count(*) FROM temp.reassign_items i WHERE i.old IS x.old) AS open_items,
        (SELECT count(*) FROM temp.reassign_warnings w WHERE w.old IS x.old) AS open_warnings,
        (SELECT count(*) FROM temp.reassign_clients y JOIN plans pl ON pl.client_id = y.id JOIN plan_items i ON i.plan_id = pl.id
          WHERE y.old IS x.old AND i.deleted_at IS NULL AND i.status = 'done' AND i.owner_id IS x.old) AS closed_items,
        (SELECT count(*) FROM temp.reassign_clients y JOIN contracts k ON k.client_id = y.id JOIN warnings w ON w.contract_id = k.id
          WHERE y.old IS x.old AND w.status IN ('retained', 'lost') AND w.owner_id IS x.old) AS closed_warnings
    FROM temp.reassign_clients x LEFT JOIN people p ON p.id = x.old
    GROUP BY x.old ORDER BY p.name, x.old";

impl super::Org<'_> {
    /// Teams with how many people and clients each has, in creation order.
    pub fn team_summaries(&self) -> Result<Vec<TeamSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id, t.name, t.active,
                    (SELECT count(*) FROM people p WHERE p.team_id = t.id) AS people,
                    (SELECT count(*) FROM clients c WHERE c.team_id = t.id) AS clients
             FROM teams t ORDER BY t.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(TeamSummary {
                id: r.get("id")?,
                name: r.get("name")?,
                active: r.get("active")?,
                people: r.get("people")?,
                clients: r.get("clients")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// People (of one team, or all) with how many clients each manages.
    pub fn person_summaries(&self, team: Option<TeamId>) -> Result<Vec<PersonSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.name, p.team_id, t.name AS team, p.role, p.active,
                    (SELECT count(*) FROM clients c WHERE c.account_manager_id = p.id) AS clients
             FROM people p LEFT JOIN teams t ON t.id = p.team_id
             WHERE :team IS NULL OR p.team_id = :team ORDER BY p.team_id, p.id",
        )?;
        let rows = stmt.query_map(named_params! { ":team": team }, |r| {
            Ok(PersonSummary {
                id: r.get("id")?,
                name: r.get("name")?,
                team_id: r.get("team_id")?,
                team: r.get("team")?,
                role: r.get("role")?,
                active: r.get("active")?,
                clients: r.get("clients")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn team(&self, id: TeamId) -> Result<Team> {
        self.conn
            .query_row("SELECT id, name, active FROM teams WHERE id = :id", named_params! { ":id": id }, |r| {
                Ok(Team { id: r.get("id")?, name: r.get("name")?, active: r.get("active")? })
            })
            .optional()?
            .ok_or(Error::NotFound { entity: Entity::Team, key: id.to_string() })
    }

    pub fn person(&self, id: PersonId) -> Result<Person> {
        self.conn
            .query_row(
                "SELECT p.id, p.name, p.team_id, t.name AS team, p.role, p.active FROM people p LEFT JOIN teams t ON t.id = p.team_id
                 WHERE p.id = :id",
                named_params! { ":id": id },
                person_row,
            )
            .optional()?
            .ok_or(Error::NotFound { entity: Entity::Person, key: id.to_string() })
    }

    /// The team called exactly `name`; not found names the name as given.
    pub fn team_named(&self, name: &str) -> Result<Team> {
        self.teams()?.into_iter().find(|t| t.name == name.trim()).ok_or(Error::NotFound { entity: Entity::Team, key: name.to_string() })
    }

    /// The person called exactly `name`; not found names the name as given.
    pub fn person_named(&self, name: &str) -> Result<Person> {
        self.people()?.into_iter().find(|p| p.name == name.trim()).ok_or(Error::NotFound { entity: Entity::Person, key: name.to_string() })
    }

    fn log(&self, change: &OrgChange, by: &By) -> Result<()> {
        let (action, detail) = change.to_row();
        self.conn.execute(
            "INSERT INTO org_log (at, author, action, detail) VALUES (:at, :author, :action, :detail)",
            named_params! { ":at": stamp(by.at), ":author": by.author, ":action": action, ":detail": detail },
        )?;
        Ok(())
    }

    /// The latest `limit` changes to the organisation, newest first.
    pub fn log_entries(&self, limit: i64) -> Result<Vec<OrgEntry>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, at, author, action, detail FROM org_log ORDER BY id DESC LIMIT :limit")?;
        let rows: Vec<(i64, Timestamp, String, String, String)> = stmt
            .query_map(named_params! { ":limit": limit }, |r| {
                Ok((r.get("id")?, r.get("at")?, r.get("author")?, r.get("action")?, r.get("detail")?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(id, at, author, action, detail)| {
                let change = OrgChange::from_row(&action, &detail).map_err(|detail| Error::CorruptRow {
                    table: "org_log",
                    key: id.to_string(),
                    detail,
                })?;
                Ok(OrgEntry { id, at, author, change })
            })
            .collect()
    }

    /// A team no other team has the name of.
    fn name_free(&self, name: &str, own: Option<TeamId>) -> Result<()> {
        let other: Option<TeamId> =
            self.conn.query_row("SELECT id FROM teams WHERE name = :name", named_params! { ":name": name }, |r| r.get(0)).optional()?;
        match other {
            Some(id) if Some(id) != own => Err(Error::Duplicate { entity: Entity::Team, key: name.to_string() }),
            _ => Ok(()),
        }
    }

    pub fn create_team(&self, name: &str, by: &By) -> Result<TeamId> {
        let name = check_team_name(name)?;
        self.name_free(&name, None)?;
        self.in_transaction(|s| {
            s.conn.execute("INSERT INTO teams (name) VALUES (:name)", named_params! { ":name": name })?;
            let team_id = TeamId(s.conn.last_insert_rowid());
            s.org().log(&OrgChange::TeamCreated { team_id, name: name.clone() }, by)?;
            Ok(team_id)
        })
    }

    /// Renames a team; another team's name is refused (`Error::Duplicate`).
    pub fn rename_team(&self, id: TeamId, name: &str, by: &By) -> Result<Team> {
        let name = check_team_name(name)?;
        let before = self.team(id)?;
        if before.name == name {
            return Ok(before);
        }
        self.name_free(&name, Some(id))?;
        self.in_transaction(|s| {
            s.conn.execute("UPDATE teams SET name = :name WHERE id = :id", named_params! { ":name": name, ":id": id })?;
            s.org().log(&OrgChange::TeamRenamed { team_id: id, from: before.name.clone(), to: name.clone() }, by)
        })?;
        self.team(id)
    }

    /// Deactivates (or reactivates) a team: its past work keeps its name, new work is not
    /// offered to it.
    pub fn set_team_active(&self, id: TeamId, active: bool, by: &By) -> Result<Team> {
        let before = self.team(id)?;
        if before.active == active {
            return Ok(before);
        }
        self.in_transaction(|s| {
            s.conn.execute("UPDATE teams SET active = :active WHERE id = :id", named_params! { ":active": active, ":id": id })?;
            s.org().log(&OrgChange::TeamActiveSet { team_id: id, name: before.name.clone(), active }, by)
        })?;
        self.team(id)
    }

    /// Merges team `from` into `into`: its clients, people, campaigns, achievements and award
    /// targets become `into`'s, then `from` is removed; all in one transaction, logged.
    pub fn merge_teams(&self, from: TeamId, into: TeamId, by: &By) -> Result<TeamMerge> {
        check_merge(from, into)?;
        let (source, target) = (self.team(from)?, self.team(into)?);
        self.in_transaction(|s| {
            let params = named_params! { ":from": from, ":into": into };
            let moved = TeamMerge {
                clients: s.conn.execute("UPDATE clients SET team_id = :into WHERE team_id = :from", params)? as i64,
                people: s.conn.execute("UPDATE people SET team_id = :into WHERE team_id = :from", params)? as i64,
                campaigns: {
                    s.conn.execute(
                        "INSERT OR IGNORE INTO campaign_teams (campaign_id, team_id) SELECT campaign_id, :into FROM campaign_teams WHERE team_id = :from",
                        params,
                    )?;
                    s.conn.execute("DELETE FROM campaign_teams WHERE team_id = :from", named_params! { ":from": from })? as i64
                },
                achievements: s.conn.execute("UPDATE achievements SET team_id = :into WHERE team_id = :from", params)? as i64,
                // Two teams becoming one carry both their targets: they add up.
                award_targets: {
                    s.conn.execute(
                        "INSERT INTO award_targets (award_id, scope, entrant_id, target)
                         SELECT award_id, 'team', :into, target FROM award_targets WHERE scope = 'team' AND entrant_id = :from
                         ON CONFLICT (award_id, scope, entrant_id) DO UPDATE SET target = target + excluded.target",
                        params,
                    )?;
                    s.conn.execute("DELETE FROM award_targets WHERE scope = 'team' AND entrant_id = :from", named_params! { ":from": from })?
                        as i64
                },
            };
            // Battles and workstreams name teams as their owner and in their scope rule.
            s.conn.execute("UPDATE strategy_parts SET owner_team_id = :into WHERE owner_team_id = :from", params)?;
            s.conn.execute(
                "UPDATE strategy_parts SET scope = json_set(scope, '$.team_ids', json((
                     SELECT json_group_array(DISTINCT CASE WHEN value = :from THEN :into ELSE value END)
                     FROM json_each(strategy_parts.scope, '$.team_ids'))))
                 WHERE EXISTS (SELECT 1 FROM json_each(strategy_parts.scope, '$.team_ids') WHERE value = :from)",
                params,
            )?;
            s.conn.execute("DELETE FROM teams WHERE id = :from", named_params! { ":from": from })?;
            let change = OrgChange::TeamsMerged { from_id: from, from: source.name.clone(), into_id: into, into: target.name.clone(), moved: moved.clone() };
            s.org().log(&change, by)?;
            Ok(moved)
        })
    }

    fn checked_person(&self, input: &PersonInput, own: Option<PersonId>) -> Result<PersonInput> {
        let input = input.validated()?;
        if let Some(team) = input.team_id {
            if self.team(team).is_err() {
                return Err(Error::Validation(vec![FieldError::new("team_id", Problem::UnknownReference)]));
            }
        }
        let other: Option<PersonId> = self
            .conn
            .query_row("SELECT id FROM people WHERE name = :name", named_params! { ":name": input.name }, |r| r.get(0))
            .optional()?;
        if other.is_some_and(|o| Some(o) != own) {
            return Err(Error::Duplicate { entity: Entity::Person, key: input.name });
        }
        Ok(input)
    }

    pub fn create_person(&self, input: &PersonInput, by: &By) -> Result<PersonId> {
        let input = self.checked_person(input, None)?;
        self.in_transaction(|s| {
            s.conn.execute(
                "INSERT INTO people (name, team_id, role, active) VALUES (:name, :team_id, :role, :active)",
                named_params! { ":name": input.name, ":team_id": input.team_id, ":role": input.role, ":active": input.active },
            )?;
            let person_id = PersonId(s.conn.last_insert_rowid());
            let team = input.team_id.map(|t| s.org().team(t)).transpose()?.map(|t| t.name);
            s.org().log(&OrgChange::PersonCreated { person_id, name: input.name.clone(), team, role: input.role }, by)?;
            Ok(person_id)
        })
    }

    /// Changes a person's name, team, role or active flag; each change is logged. Clients they
    /// manage stay theirs: moving clients is a reassignment.
    pub fn update_person(&self, id: PersonId, input: &PersonInput, by: &By) -> Result<Person> {
        let before = self.person(id)?;
        let input = self.checked_person(input, Some(id))?;
        let team_name =
            |t: Option<TeamId>| -> Result<String> { Ok(t.map(|t| self.team(t)).transpose()?.map(|t| t.name).unwrap_or_default()) };
        let changes: Vec<FieldChange> = [
            ("name", before.name.clone(), input.name.clone()),
            ("team", before.team.clone().unwrap_or_default(), team_name(input.team_id)?),
            ("role", before.role.code().to_string(), input.role.code().to_string()),
            ("active", before.active.to_string(), input.active.to_string()),
        ]
        .into_iter()
        .filter(|(_, from, to)| from != to)
        .map(|(field, from, to)| FieldChange { field: field.into(), from, to })
        .collect();
        if changes.is_empty() && before.team_id == input.team_id {
            return Ok(before);
        }
        self.in_transaction(|s| {
            s.conn.execute(
                "UPDATE people SET name = :name, team_id = :team_id, role = :role, active = :active WHERE id = :id",
                named_params! { ":name": input.name, ":team_id": input.team_id, ":role": input.role, ":active": input.active, ":id": id },
            )?;
            s.org().log(&OrgChange::PersonUpdated { person_id: id, name: input.name.clone(), changes }, by)
        })?;
        self.person(id)
    }

    /// Merges person `from` (a duplicate an import made) into `into`: clients, plan items
    /// open and closed, warnings, plan memberships, achievements and award targets become
    /// `into`'s, then `from` is removed; one transaction, logged. `into` keeps its own award
    /// target where both have one (the same person's target entered twice, not two targets).
    pub fn merge_people(&self, from: PersonId, into: PersonId, by: &By) -> Result<PersonMerge> {
        check_merge(from, into)?;
        let (source, target) = (self.person(from)?, self.person(into)?);
        self.in_transaction(|s| {
            let params = named_params! { ":from": from, ":into": into };
            let moved = PersonMerge {
                clients: s.conn.execute("UPDATE clients SET account_manager_id = :into WHERE account_manager_id = :from", params)? as i64,
                plan_items: s.conn.execute("UPDATE plan_items SET owner_id = :into WHERE owner_id = :from", params)? as i64,
                warnings: s.conn.execute("UPDATE warnings SET owner_id = :into WHERE owner_id = :from", params)? as i64,
                plans: {
                    s.conn.execute("INSERT OR IGNORE INTO plan_members (plan_id, person_id) SELECT plan_id, :into FROM plan_members WHERE person_id = :from", params)?;
                    s.conn.execute("DELETE FROM plan_members WHERE person_id = :from", named_params! { ":from": from })? as i64
                },
                achievements: s.conn.execute("UPDATE achievements SET person_id = :into WHERE person_id = :from", params)? as i64,
                award_targets: {
                    s.conn.execute(
                        "INSERT OR IGNORE INTO award_targets (award_id, scope, entrant_id, target)
                         SELECT award_id, 'person', :into, target FROM award_targets WHERE scope = 'person' AND entrant_id = :from",
                        params,
                    )?;
                    s.conn.execute("DELETE FROM award_targets WHERE scope = 'person' AND entrant_id = :from", named_params! { ":from": from })?
                        as i64
                },
            };
            // A duplicate often carries the team the original lacks.
            s.conn.execute(
                "UPDATE people SET team_id = (SELECT team_id FROM people WHERE id = :from) WHERE id = :into AND team_id IS NULL",
                params,
            )?;
            s.conn.execute("DELETE FROM people WHERE id = :from", named_params! { ":from": from })?;
            let change =
                OrgChange::PeopleMerged { from_id: from, from: source.name.clone(), into_id: into, into: target.name.clone(), moved: moved.clone() };
            s.org().log(&change, by)?;
            Ok(moved)
        })
    }

    /// People who are probably one person entered twice ([`likely_duplicates`]).
    pub fn duplicates(&self) -> Result<Vec<LikelyDuplicate>> {
        Ok(likely_duplicates(&self.people()?))
    }

    /// What giving the clients `query` picks to `to` would move, writing nothing.
    pub fn reassign_preview(&self, query: &ClientQuery, to: PersonId) -> Result<Reassignment> {
        let person = self.person(to)?;
        check_new_manager(&person)?;
        let (groups, unchanged) = self.choose(Chosen::Query(query), Some(to))?;
        Ok(Reassignment::of(to, person.name, groups, unchanged))
    }

    /// Gives the clients `query` picks to `to`, with their open plan items and open warnings
    /// held by their old manager; done items and closed warnings stay with who handled them.
    /// One transaction; logged in the org log, and each moved item in its plan's log.
    pub fn reassign(&self, query: &ClientQuery, to: PersonId, by: &By) -> Result<Reassignment> {
        let person = self.person(to)?;
        check_new_manager(&person)?;
        let (groups, unchanged) = self.in_transaction(|s| s.org().move_clients(Chosen::Query(query), Some(to), by))?;
        Ok(Reassignment::of(to, person.name, groups, unchanged))
    }

    /// The client form's change of account manager: the same moves as [`Self::reassign`].
    pub(super) fn reassign_one(&self, client: ClientId, to: Option<PersonId>, by: &By) -> Result<()> {
        self.move_clients(Chosen::One(client), to, by).map(|_| ())
    }

    /// Fills `temp.reassign_*` with the chosen clients not already `to`'s, their open items and
    /// open warnings held by their current manager; returns the per-manager figures and how many
    /// chosen clients `to` already has.
    fn choose(&self, chosen: Chosen<'_>, to: Option<PersonId>) -> Result<(Vec<ReassignGroup>, i64)> {
        self.conn.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS reassign_clients (id INTEGER PRIMARY KEY, old INTEGER);
             CREATE TEMP TABLE IF NOT EXISTS reassign_items (id INTEGER PRIMARY KEY, old INTEGER);
             CREATE TEMP TABLE IF NOT EXISTS reassign_warnings (id INTEGER PRIMARY KEY, old INTEGER);
             DELETE FROM temp.reassign_clients; DELETE FROM temp.reassign_items; DELETE FROM temp.reassign_warnings;",
        )?;
        let mut same = chosen.filter(self)?;
        same.and_bind("c.account_manager_id IS :to", ":to", to);
        let unchanged: i64 =
            self.conn.query_row(&format!("SELECT count(*) FROM clients c{}", same.sql()), &*same.params(), |r| r.get(0))?;
        let mut other = chosen.filter(self)?;
        other.and_bind("c.account_manager_id IS NOT :to", ":to", to);
        self.conn.execute(
            &format!("INSERT INTO temp.reassign_clients (id, old) SELECT c.id, c.account_manager_id FROM clients c{}", other.sql()),
            &*other.params(),
        )?;
        self.conn.execute_batch(
            "INSERT INTO temp.reassign_items (id, old)
             SELECT i.id, x.old FROM temp.reassign_clients x JOIN plans p ON p.client_id = x.id JOIN plan_items i ON i.plan_id = p.id
             WHERE i.deleted_at IS NULL AND i.status <> 'done' AND i.owner_id IS x.old;
             INSERT INTO temp.reassign_warnings (id, old)
             SELECT w.id, x.old FROM temp.reassign_clients x JOIN contracts k ON k.client_id = x.id JOIN warnings w ON w.contract_id = k.id
             WHERE w.status IN ('to_contact', 'contacted') AND w.owner_id IS x.old;",
        )?;
        let mut stmt = self.conn.prepare(GROUPS)?;
        let groups = stmt
            .query_map([], |r| {
                Ok(ReassignGroup {
                    from_id: r.get("from_id")?,
                    from: r.get("from_name")?,
                    clients: r.get("clients")?,
                    open_items: r.get("open_items")?,
                    open_warnings: r.get("open_warnings")?,
                    closed_items: r.get("closed_items")?,
                    closed_warnings: r.get("closed_warnings")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok((groups, unchanged))
    }

    /// [`Self::choose`], then the moves, set by set; the caller holds the transaction.
    fn move_clients(&self, chosen: Chosen<'_>, to: Option<PersonId>, by: &By) -> Result<(Vec<ReassignGroup>, i64)> {
        let (groups, unchanged) = self.choose(chosen, to)?;
        if groups.is_empty() {
            return Ok((groups, unchanged));
        }
        let to_name: Option<String> = to.map(|t| self.person(t)).transpose()?.map(|p| p.name);
        let at = stamp(by.at);
        let named = named_params! { ":to_name": to_name.clone().unwrap_or_default(), ":at": at, ":author": by.author };
        self.conn.execute(
            "INSERT INTO plan_log (plan_id, item_id, at, author, field, from_value, to_value, detail)
             SELECT i.plan_id, i.id, :at, :author, 'owner', coalesce(o.name, ''), :to_name, '{}'
             FROM temp.reassign_items r JOIN plan_items i ON i.id = r.id LEFT JOIN people o ON o.id = r.old ORDER BY i.id",
            named,
        )?;
        let to_only = named_params! { ":to": to };
        self.conn.execute("UPDATE plan_items SET owner_id = :to WHERE id IN (SELECT id FROM temp.reassign_items)", to_only)?;
        self.conn.execute("UPDATE warnings SET owner_id = :to WHERE id IN (SELECT id FROM temp.reassign_warnings)", to_only)?;
        self.conn.execute("UPDATE clients SET account_manager_id = :to WHERE id IN (SELECT id FROM temp.reassign_clients)", to_only)?;

        let mut moves: Vec<HandOver> = groups
            .iter()
            .map(|g| HandOver {
                from_id: g.from_id,
                from: g.from.clone(),
                clients: Vec::new(),
                plan_items: Vec::new(),
                warnings: Vec::new(),
            })
            .collect();
        self.fill_moves(&mut moves)?;
        let sum = |f: fn(&ReassignGroup) -> i64| groups.iter().map(f).sum();
        let change = OrgChange::ClientsReassigned {
            to_id: to,
            to: to_name,
            clients: sum(|g| g.clients),
            plan_items: sum(|g| g.open_items),
            warnings: sum(|g| g.open_warnings),
            moves,
        };
        self.log(&change, by)?;
        Ok((groups, unchanged))
    }

    /// The ids of what moved, by old manager, from `temp.reassign_*`.
    fn fill_moves(&self, moves: &mut [HandOver]) -> Result<()> {
        let rows = |table: &str| -> Result<Vec<(Option<PersonId>, i64)>> {
            let mut stmt = self.conn.prepare(&format!("SELECT old, id FROM temp.{table} ORDER BY id"))?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let of = |moves: &[HandOver], old: Option<PersonId>| moves.iter().position(|m| m.from_id == old);
        for (old, id) in rows("reassign_clients")? {
            if let Some(i) = of(moves, old) {
                moves[i].clients.push(ClientId(id));
            }
        }
        for (old, id) in rows("reassign_items")? {
            if let Some(i) = of(moves, old) {
                moves[i].plan_items.push(PlanItemId(id));
            }
        }
        for (old, id) in rows("reassign_warnings")? {
            if let Some(i) = of(moves, old) {
                moves[i].warnings.push(WarningId(id));
            }
        }
        Ok(())
    }
}
