//! Clients' contacts beside the key person on the client's record (`domain/contact.rs`): added,
//! changed, confirmed and removed with a history row each; and the key persons of a campaign's
//! targets not confirmed within their tier's standard.

use chrono::{Days, NaiveDate};
use rusqlite::{named_params, OptionalExtension};

use super::clients::{DEFAULT_PAGE, MAX_PAGE};
use super::{parse_date, stamp};
use crate::domain::contact::{Contact, ContactAction, ContactChange, ContactInput, UnconfirmedKeyPerson};
use crate::domain::ids::{CampaignId, ClientId, TeamId};
use crate::domain::plan::By;
use crate::domain::warning::KeyPersonSource;
use crate::domain::{Page, Tier};
use crate::error::{Entity, Error, FieldError, Problem, Result};

/// Every key person of the campaign's targets, the record's and flagged contacts, with the day
/// each was last confirmed; a target with none at all is one row without a name.
const KEY_PEOPLE: &str = "
    SELECT c.id AS client_id, c.key_person AS name,
           (SELECT max(x.changed_on) FROM key_person_changes x WHERE x.client_id = c.id) AS confirmed_on
    FROM campaign_targets t JOIN clients c ON c.id = t.client_id
    WHERE t.campaign_id = :campaign AND c.key_person <> ''
    UNION ALL
    SELECT k.client_id, k.name, k.confirmed_on
    FROM client_contacts k JOIN campaign_targets t ON t.client_id = k.client_id AND t.campaign_id = :campaign
    WHERE k.key_person
    UNION ALL
    SELECT c.id, '', NULL
    FROM campaign_targets t JOIN clients c ON c.id = t.client_id
    WHERE t.campaign_id = :campaign AND c.key_person = ''
      AND NOT EXISTS (SELECT 1 FROM client_contacts k WHERE k.client_id = c.id AND k.key_person)";

impl super::Contacts<'_> {
    /// The client's contacts: the key person on its record first, then the others by name.
    pub fn list(&self, client: ClientId) -> Result<Vec<Contact>> {
        let detail = self.clients().get(client)?;
        let mut contacts = Vec::new();
        if !detail.key_person.is_empty() {
            let confirmed_on: Option<String> = self.conn.query_row(
                "SELECT max(changed_on) FROM key_person_changes WHERE client_id = :client",
                named_params! { ":client": client },
                |r| r.get(0),
            )?;
            contacts.push(Contact {
                id: None,
                client_id: client,
                name: detail.key_person.clone(),
                role: String::new(),
                phone: detail.key_person_phone.clone(),
                key_person: true,
                confirmed_on: confirmed_on.as_deref().map(parse_date).transpose()?,
            });
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, client_id, name, role, phone, key_person, confirmed_on FROM client_contacts
             WHERE client_id = :client ORDER BY key_person DESC, name, id",
        )?;
        let rows = stmt.query_map(named_params! { ":client": client }, contact)?;
        for row in rows {
            contacts.push(row?);
        }
        Ok(contacts)
    }

    /// Adds a contact, checked against `today`.
    pub fn add(&self, client: ClientId, input: &ContactInput, today: NaiveDate, source: KeyPersonSource, by: &By) -> Result<Contact> {
        let input = input.validate(today)?;
        self.clients().get(client)?;
        self.in_transaction(|s| {
            s.conn.execute(
                "INSERT INTO client_contacts (client_id, name, role, phone, key_person, confirmed_on)
                 VALUES (:client, :name, :role, :phone, :key, :confirmed)",
                named_params! {
                    ":client": client, ":name": input.name, ":role": input.role, ":phone": input.phone,
                    ":key": input.key_person, ":confirmed": input.confirmed_on.map(|d| d.to_string()),
                },
            )?;
            let id = s.conn.last_insert_rowid();
            s.contacts().log(id, ContactAction::Added, source, by)
        })
    }

    /// Changes a contact; a changed name or phone is a new person or number, so it is logged as
    /// a change even when the confirmation day stays.
    pub fn update(&self, id: i64, input: &ContactInput, today: NaiveDate, source: KeyPersonSource, by: &By) -> Result<Contact> {
        let input = input.validate(today)?;
        self.in_transaction(|s| {
            s.contacts().get(id)?;
            s.conn.execute(
                "UPDATE client_contacts SET name = :name, role = :role, phone = :phone, key_person = :key, confirmed_on = :confirmed
                 WHERE id = :id",
                named_params! {
                    ":id": id, ":name": input.name, ":role": input.role, ":phone": input.phone,
                    ":key": input.key_person, ":confirmed": input.confirmed_on.map(|d| d.to_string()),
                },
            )?;
            s.contacts().log(id, ContactAction::Changed, source, by)
        })
    }

    /// Confirms a contact as current on `day` (none: the key person on the client's record).
    pub fn confirm(
        &self,
        client: ClientId,
        id: Option<i64>,
        day: NaiveDate,
        today: NaiveDate,
        source: KeyPersonSource,
        by: &By,
    ) -> Result<()> {
        if day > today {
            return Err(Error::Validation(vec![FieldError::new("confirmed_on", Problem::AfterToday { today })]));
        }
        self.in_transaction(|s| match id {
            None => s.key_people().confirm(client, day, source, by),
            Some(id) => {
                if s.contacts().get(id)?.client_id != client {
                    return Err(Error::Validation(vec![FieldError::new("contact", Problem::UnknownReference)]));
                }
                s.conn.execute(
                    "UPDATE client_contacts SET confirmed_on = :day WHERE id = :id",
                    named_params! { ":id": id, ":day": day.to_string() },
                )?;
                s.contacts().log(id, ContactAction::Confirmed, source, by).map(|_| ())
            }
        })
    }

    /// Removes a contact; its history stays.
    pub fn remove(&self, id: i64, source: KeyPersonSource, by: &By) -> Result<()> {
        self.in_transaction(|s| {
            s.contacts().log(id, ContactAction::Removed, source, by)?;
            s.conn.execute("DELETE FROM client_contacts WHERE id = :id", named_params! { ":id": id })?;
            Ok(())
        })
    }

    pub fn get(&self, id: i64) -> Result<Contact> {
        self.conn
            .query_row(
                "SELECT id, client_id, name, role, phone, key_person, confirmed_on FROM client_contacts WHERE id = :id",
                named_params! { ":id": id },
                contact,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound { entity: Entity::Contact, key: id.to_string() })
    }

    /// The client's contact history, latest first: every change of the record's key person
    /// (form, import, returned tracker) and of its other contacts.
    pub fn history(&self, client: ClientId) -> Result<Vec<ContactChange>> {
        self.clients().get(client)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT NULL AS contact_id, CASE WHEN old_name = new_name AND old_phone = new_phone THEN 'confirmed' ELSE 'changed' END AS action,
                    source, new_name AS name, '' AS role, new_phone AS phone, 1 AS key_person, changed_on AS confirmed_on,
                    recorded_at AS at, author, 0 AS kind, id
             FROM key_person_changes WHERE client_id = :client
             UNION ALL
             SELECT contact_id, action, source, name, role, phone, key_person, confirmed_on, at, author, 1, id
             FROM contact_changes WHERE client_id = :client
             ORDER BY at DESC, kind DESC, id DESC",
        )?;
        let rows = stmt.query_map(named_params! { ":client": client }, |r| {
            Ok(ContactChange {
                contact_id: r.get("contact_id")?,
                action: r.get("action")?,
                source: r.get("source")?,
                name: r.get("name")?,
                role: r.get("role")?,
                phone: r.get("phone")?,
                key_person: r.get("key_person")?,
                confirmed_on: r.get::<_, Option<String>>("confirmed_on")?.as_deref().map(parse_date).transpose()?,
                at: r.get("at")?,
                author: r.get("author")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The campaign's key persons not confirmed within their tier's standard on `today`, never
    /// confirmed first, then the longest unconfirmed; narrowed to a team.
    pub fn unconfirmed(
        &self,
        campaign: CampaignId,
        today: NaiveDate,
        team: Option<TeamId>,
        limit: i64,
        offset: i64,
    ) -> Result<Page<UnconfirmedKeyPerson>> {
        self.campaigns().get(campaign)?;
        let mut within = Vec::new();
        for tier in Tier::ALL {
            within.push(self.service_standards().of(campaign, *tier)?.key_person_confirm_days);
        }
        // The last day a confirmation still counts, per tier: the rule is domain's `unconfirmed`.
        let cutoff = |days: i64| today.checked_sub_days(Days::new(days.max(0) as u64)).unwrap_or(NaiveDate::MIN).to_string();
        let from = format!(
            "FROM ({KEY_PEOPLE}) kp JOIN clients c ON c.id = kp.client_id
             LEFT JOIN teams tm ON tm.id = c.team_id LEFT JOIN people am ON am.id = c.account_manager_id
             LEFT JOIN people vip ON vip.id = c.vip_manager_id
             WHERE (kp.confirmed_on IS NULL OR kp.confirmed_on < CASE c.tier WHEN 'A' THEN :cut_a WHEN 'B' THEN :cut_b ELSE :cut_c END)
               AND (:team IS NULL OR c.team_id = :team)"
        );
        let (cut_a, cut_b, cut_c) = (cutoff(within[0]), cutoff(within[1]), cutoff(within[2]));
        let total = self.conn.query_row(
            &format!("SELECT count(*) {from}"),
            named_params! { ":campaign": campaign, ":cut_a": cut_a, ":cut_b": cut_b, ":cut_c": cut_c, ":team": team },
            |r| r.get(0),
        )?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT c.id, c.code, c.name AS client, c.tier, c.team_id, coalesce(tm.name, '') AS team_name,
                    coalesce(am.name, '') AS owner, coalesce(vip.name, '') AS vip, kp.name AS key_person, kp.confirmed_on
             {from} ORDER BY kp.confirmed_on IS NOT NULL, kp.confirmed_on, c.code LIMIT :limit OFFSET :offset"
        ))?;
        let rows = stmt.query_map(
            named_params! {
                ":campaign": campaign, ":cut_a": cut_a, ":cut_b": cut_b, ":cut_c": cut_c, ":team": team,
                ":limit": if limit <= 0 { DEFAULT_PAGE } else { limit.min(MAX_PAGE) }, ":offset": offset.max(0),
            },
            |r| {
                let tier: Tier = r.get("tier")?;
                let confirmed_on = r.get::<_, Option<String>>("confirmed_on")?.as_deref().map(parse_date).transpose()?;
                let within_days = within[Tier::ALL.iter().position(|t| *t == tier).unwrap_or(0)];
                Ok(UnconfirmedKeyPerson {
                    client_id: ClientId(r.get("id")?),
                    client_code: r.get("code")?,
                    client: r.get("client")?,
                    tier: tier.code().to_string(),
                    team_id: r.get::<_, Option<i64>>("team_id")?.map(TeamId),
                    team_name: r.get("team_name")?,
                    owner: r.get("owner")?,
                    vip_manager: r.get("vip")?,
                    key_person: r.get("key_person")?,
                    confirmed_on,
                    within_days,
                    days_since: confirmed_on.map(|d| (today - d).num_days()),
                })
            },
        )?;
        Ok(Page { total, rows: rows.collect::<rusqlite::Result<_>>()? })
    }

    /// Writes the history row for a contact as it stands now.
    fn log(&self, id: i64, action: ContactAction, source: KeyPersonSource, by: &By) -> Result<Contact> {
        let now = self.contacts().get(id)?;
        self.conn.execute(
            "INSERT INTO contact_changes (client_id, contact_id, action, source, name, role, phone, key_person, confirmed_on, at, author)
             VALUES (:client, :id, :action, :source, :name, :role, :phone, :key, :confirmed, :at, :author)",
            named_params! {
                ":client": now.client_id, ":id": id, ":action": action, ":source": source, ":name": now.name, ":role": now.role,
                ":phone": now.phone, ":key": now.key_person, ":confirmed": now.confirmed_on.map(|d| d.to_string()),
                ":at": stamp(by.at), ":author": by.author,
            },
        )?;
        Ok(now)
    }
}

fn contact(r: &rusqlite::Row) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: Some(r.get("id")?),
        client_id: ClientId(r.get("client_id")?),
        name: r.get("name")?,
        role: r.get("role")?,
        phone: r.get("phone")?,
        key_person: r.get("key_person")?,
        confirmed_on: r.get::<_, Option<String>>("confirmed_on")?.as_deref().map(parse_date).transpose()?,
    })
}
