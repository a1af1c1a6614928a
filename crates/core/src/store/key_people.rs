//! Key-person changes (table `key_person_changes`), kept beside the client's current record.

use chrono::NaiveDate;
use rusqlite::named_params;

use super::{parse_date, stamp};
use crate::domain::ids::{CampaignId, ClientId};
use crate::domain::plan::By;
use crate::domain::warning::{check_key_person, KeyPersonChange, KeyPersonSource};
use crate::domain::ClientInput;
use crate::error::Result;

impl super::KeyPeople<'_> {
    /// Records that a client's key person changed on `changed_on`, and keeps the client's
    /// record current (关健人信息有异动时及时更新).
    pub fn record_change(
        &self,
        client_id: ClientId,
        (name, phone): (&str, &str),
        changed_on: NaiveDate,
        note: &str,
        by: &By,
    ) -> Result<()> {
        let detail = self.clients().get(client_id)?;
        let input = ClientInput { key_person: name.trim().to_string(), key_person_phone: phone.trim().to_string(), ..detail.to_input() };
        check_key_person(name)?;
        self.in_transaction(|s| {
            s.clients().update(client_id, &input, by)?;
            s.conn.execute(
                "INSERT INTO key_person_changes (client_id, changed_on, old_name, old_phone, new_name, new_phone, note, recorded_at, author, source)
                 VALUES (:client_id, :changed_on, :key_person, :key_person_phone, :name, :phone, :note, :at, :author, :source)",
                named_params! {
                    ":client_id": client_id,
                    ":changed_on": changed_on.to_string(),
                    ":key_person": detail.key_person,
                    ":key_person_phone": detail.key_person_phone,
                    ":name": name.trim(),
                    ":phone": phone.trim(),
                    ":note": note.trim(),
                    ":at": stamp(by.at),
                    ":author": by.author,
                    ":source": KeyPersonSource::Form,
                },
            )?;
            Ok(())
        })
    }

    /// Records that the key person on a client's record was confirmed as current on `day`: a
    /// line with the same person before and after, which the key-person KPI counts and the list
    /// of changes (关键人异动) leaves out.
    pub fn confirm(&self, client_id: ClientId, day: NaiveDate, source: KeyPersonSource, by: &By) -> Result<()> {
        let detail = self.clients().get(client_id)?;
        if detail.key_person.is_empty() {
            return Err(crate::error::Error::Validation(vec![crate::error::FieldError::new(
                "key_person",
                crate::error::Problem::Required,
            )]));
        }
        self.conn.execute(
            "INSERT INTO key_person_changes (client_id, changed_on, old_name, old_phone, new_name, new_phone, note, recorded_at, author, source)
             VALUES (:client_id, :day, :name, :phone, :name, :phone, '', :at, :author, :source)",
            named_params! {
                ":client_id": client_id, ":day": day.to_string(), ":name": detail.key_person, ":phone": detail.key_person_phone,
                ":at": stamp(by.at), ":author": by.author, ":source": source,
            },
        )?;
        Ok(())
    }

    /// Targets of the campaign whose key person changed on or after `since`, latest first.
    pub fn changes(&self, campaign_id: CampaignId, since: NaiveDate) -> Result<Vec<KeyPersonChange>> {
        self.campaigns().get(campaign_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT x.id, c.id AS client_id, c.code AS client_code, c.name AS client, am.name AS owner, x.changed_on,
                    x.old_name, x.old_phone, x.new_name, x.new_phone, x.note, x.source, x.author
             FROM key_person_changes x
             JOIN clients c ON c.id = x.client_id
             JOIN campaign_targets t ON t.client_id = c.id AND t.campaign_id = :campaign_id
             LEFT JOIN people am ON am.id = c.account_manager_id
             WHERE x.changed_on >= :since AND (x.old_name <> x.new_name OR x.old_phone <> x.new_phone)
             ORDER BY x.changed_on DESC, x.id DESC",
        )?;
        let rows = stmt.query_map(named_params! { ":campaign_id": campaign_id, ":since": since.to_string() }, |r| {
            Ok(KeyPersonChange {
                id: r.get("id")?,
                client_id: r.get("client_id")?,
                client_code: r.get("client_code")?,
                client: r.get("client")?,
                owner: r.get("owner")?,
                changed_on: parse_date(&r.get::<_, String>("changed_on")?)?,
                old_name: r.get("old_name")?,
                old_phone: r.get("old_phone")?,
                new_name: r.get("new_name")?,
                new_phone: r.get("new_phone")?,
                note: r.get("note")?,
                source: r.get("source")?,
                author: r.get("author")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
