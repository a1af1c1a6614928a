//! Broadband early warning in SQLite: snapshots in, warnings raised against each contract's
//! previous snapshot, the status workflow with its log, and key-person changes.

use chrono::NaiveDate;
use rusqlite::{named_params, OptionalExtension, Row};

use super::filter::Where;
use super::{parse_date, stamp, Store};
use crate::domain::plan::By;
use crate::domain::warning::{
    check_key_person, check_threshold, detect, KeyPersonChange, Reading, Warning, WarningFilter, WarningReason, WarningStatus, WarningStep,
    WarningSummary,
};
use crate::domain::ClientInput;
use crate::error::{Entity, Error, Result};
use crate::money::Money;

/// One row of a billing snapshot, resolved to its contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotRow {
    pub contract_id: i64,
    pub period: String,
    pub reading: Reading,
}

/// What a batch of snapshot rows did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct SnapshotCounts {
    pub rows: u64,
    /// First snapshots of their contract: the baseline, nothing to compare with.
    pub baselines: u64,
    pub left: u64,
    pub downgrade: u64,
}

const WARNING_SELECT: &str = "SELECT w.id, k.number AS contract, c.id AS client_id, c.code AS client_code, c.name AS client,
        tm.name AS team, c.account_manager_id AS owner_id, am.name AS owner,
        w.reason, w.previous_period, w.was_in_network, w.was_tariff_fen, w.period, w.in_network, w.tariff_fen,
        w.raised_on, w.status, w.contacted_on, w.closed_on, w.note
    FROM warnings w
    JOIN contracts k ON k.id = w.contract_id
    JOIN clients c ON c.id = k.client_id
    LEFT JOIN teams tm ON tm.id = c.team_id
    LEFT JOIN people am ON am.id = c.account_manager_id";

fn optional_date(r: &Row<'_>, column: &str) -> rusqlite::Result<Option<NaiveDate>> {
    r.get::<_, Option<String>>(column)?.as_deref().map(parse_date).transpose()
}

fn warning_row(r: &Row<'_>, today: NaiveDate) -> rusqlite::Result<Warning> {
    let raised_on = parse_date(&r.get::<_, String>("raised_on")?)?;
    Ok(Warning {
        id: r.get("id")?,
        contract: r.get("contract")?,
        client_id: r.get("client_id")?,
        client_code: r.get("client_code")?,
        client: r.get("client")?,
        team: r.get("team")?,
        owner_id: r.get("owner_id")?,
        owner: r.get("owner")?,
        reason: r.get("reason")?,
        previous_period: r.get("previous_period")?,
        before: Reading { in_network: r.get("was_in_network")?, tariff: Money::from_fen(r.get("was_tariff_fen")?) },
        period: r.get("period")?,
        after: Reading { in_network: r.get("in_network")?, tariff: Money::from_fen(r.get("tariff_fen")?) },
        raised_on,
        status: r.get("status")?,
        contacted_on: optional_date(r, "contacted_on")?,
        closed_on: optional_date(r, "closed_on")?,
        note: r.get("note")?,
        age_days: (today - raised_on).num_days(),
    })
}

impl Store {
    /// The share a tariff must fall by to raise a warning, in basis points.
    pub fn warning_threshold(&self, campaign_id: i64) -> Result<i64> {
        self.campaign(campaign_id)?;
        Ok(self.conn.query_row(
            "SELECT tariff_drop_bp FROM campaigns WHERE id = :campaign_id",
            named_params! { ":campaign_id": campaign_id },
            |r| r.get("tariff_drop_bp"),
        )?)
    }

    pub fn set_warning_threshold(&self, campaign_id: i64, drop_bp: i64) -> Result<()> {
        self.campaign(campaign_id)?;
        check_threshold(drop_bp)?;
        self.conn.execute(
            "UPDATE campaigns SET tariff_drop_bp = :drop_bp WHERE id = :campaign_id",
            named_params! { ":campaign_id": campaign_id, ":drop_bp": drop_bp },
        )?;
        Ok(())
    }

    /// A contract by number: its id and whether its client is a target of the campaign.
    pub fn contract_in_campaign(&self, campaign_id: i64, number: &str) -> Result<Option<(i64, bool)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.id, EXISTS (SELECT 1 FROM campaign_targets t WHERE t.campaign_id = :campaign_id AND t.client_id = k.client_id) AS targeted
             FROM contracts k WHERE k.number = :number",
        )?;
        Ok(stmt
            .query_row(named_params! { ":campaign_id": campaign_id, ":number": number }, |r| Ok((r.get("id")?, r.get("targeted")?)))
            .optional()?)
    }

    /// Stores snapshot rows (in period order) and raises what each shows against the same
    /// contract's previous snapshot. Storing a snapshot again changes nothing: a warning is
    /// raised once per snapshot, and a contract keeps one open warning per reason.
    pub fn record_snapshots(&self, campaign_id: i64, rows: &[SnapshotRow], raised_on: NaiveDate) -> Result<SnapshotCounts> {
        let drop_bp = self.warning_threshold(campaign_id)?;
        self.in_transaction(|s| {
            let mut counts = SnapshotCounts::default();
            let mut save = s.conn.prepare_cached(
                "INSERT INTO billing_snapshots (campaign_id, contract_id, period, in_network, tariff_fen) VALUES (:campaign_id, :contract_id, :period, :in_network, :tariff)
                 ON CONFLICT DO UPDATE SET in_network = excluded.in_network, tariff_fen = excluded.tariff_fen",
            )?;
            let mut previous = s.conn.prepare_cached(
                "SELECT period, in_network, tariff_fen FROM billing_snapshots
                 WHERE campaign_id = :campaign_id AND contract_id = :contract_id AND period < :period ORDER BY period DESC LIMIT 1",
            )?;
            let mut raise = s.conn.prepare_cached(
                "INSERT INTO warnings (campaign_id, contract_id, reason, period, previous_period, was_in_network, was_tariff_fen,
                                       in_network, tariff_fen, raised_on)
                 VALUES (:campaign_id, :contract_id, :reason, :period, :previous_period, :was_in_network, :was_tariff,
                         :in_network, :tariff, :raised_on) ON CONFLICT DO NOTHING",
            )?;
            for row in rows {
                save.execute(named_params! { ":campaign_id": campaign_id, ":contract_id": row.contract_id, ":period": row.period, ":in_network": row.reading.in_network, ":tariff": row.reading.tariff.fen() })?;
                counts.rows += 1;
                let before: Option<(String, Reading)> = previous
                    .query_row(named_params! { ":campaign_id": campaign_id, ":contract_id": row.contract_id, ":period": row.period }, |r| {
                        Ok((r.get("period")?, Reading { in_network: r.get("in_network")?, tariff: Money::from_fen(r.get("tariff_fen")?) }))
                    })
                    .optional()?;
                let Some((was_period, was)) = before else {
                    counts.baselines += 1;
                    continue;
                };
                for reason in detect(Some(was), row.reading, drop_bp) {
                    let added = raise.execute(named_params! {
                        ":campaign_id": campaign_id,
                        ":contract_id": row.contract_id,
                        ":reason": reason,
                        ":period": row.period,
                        ":previous_period": was_period,
                        ":was_in_network": was.in_network,
                        ":was_tariff": was.tariff.fen(),
                        ":in_network": row.reading.in_network,
                        ":tariff": row.reading.tariff.fen(),
                        ":raised_on": raised_on.to_string(),
                    })?;
                    match (reason, added > 0) {
                        (WarningReason::Left, true) => counts.left += 1,
                        (WarningReason::Downgrade, true) => counts.downgrade += 1,
                        _ => {}
                    }
                }
            }
            Ok(counts)
        })
    }

    /// Warnings of the campaign, oldest first, each with its owner as the client stands now.
    pub fn warnings(&self, campaign_id: i64, filter: &WarningFilter, today: NaiveDate) -> Result<Vec<Warning>> {
        self.campaign(campaign_id)?;
        let mut w = Where::new();
        w.and_bind("w.campaign_id = :campaign", ":campaign", campaign_id);
        if let Some(status) = filter.status {
            w.and_bind("w.status = :status", ":status", status);
        }
        if filter.open_only {
            w.and("w.status IN ('to_contact', 'contacted')");
        }
        if let Some(owner) = filter.owner_id {
            w.and_bind("c.account_manager_id = :owner", ":owner", owner);
        }
        if let Some(team) = filter.team_id {
            w.and_bind("c.team_id = :team", ":team", team);
        }
        let mut stmt = self.conn.prepare_cached(&format!("{WARNING_SELECT}{} ORDER BY w.raised_on, w.id", w.sql()))?;
        let rows = stmt.query_map(&*w.params(), |r| warning_row(r, today))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn warning(&self, id: i64, today: NaiveDate) -> Result<Warning> {
        self.conn
            .query_row(&format!("{WARNING_SELECT} WHERE w.id = :id"), named_params! { ":id": id }, |r| warning_row(r, today))
            .optional()?
            .ok_or(Error::NotFound { entity: Entity::Warning, key: id.to_string() })
    }

    /// Counts by status, the retention rate, and who has open warnings.
    pub fn warning_summary(&self, campaign_id: i64) -> Result<WarningSummary> {
        self.campaign(campaign_id)?;
        let mut summary = WarningSummary::default();
        let mut stmt =
            self.conn.prepare_cached("SELECT status, count(*) AS n FROM warnings WHERE campaign_id = :campaign_id GROUP BY status")?;
        let mut rows = stmt.query(named_params! { ":campaign_id": campaign_id })?;
        while let Some(r) = rows.next()? {
            let n: i64 = r.get("n")?;
            match r.get::<_, WarningStatus>("status")? {
                WarningStatus::ToContact => summary.to_contact = n,
                WarningStatus::Contacted => summary.contacted = n,
                WarningStatus::Retained => summary.retained = n,
                WarningStatus::Lost => summary.lost = n,
            }
        }
        let closed = summary.retained + summary.lost;
        summary.retention_bp = (closed > 0).then(|| summary.retained * 10_000 / closed);
        for (column, target) in [("am.name", &mut summary.open_by_owner), ("tm.name", &mut summary.open_by_team)] {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT coalesce({column}, '') AS name, count(*) AS n FROM warnings w
                 JOIN contracts k ON k.id = w.contract_id JOIN clients c ON c.id = k.client_id
                 LEFT JOIN teams tm ON tm.id = c.team_id LEFT JOIN people am ON am.id = c.account_manager_id
                 WHERE w.campaign_id = :campaign_id AND w.status IN ('to_contact', 'contacted')
                 GROUP BY 1 ORDER BY 2 DESC, 1"
            ))?;
            *target = stmt
                .query_map(named_params! { ":campaign_id": campaign_id }, |r| Ok((r.get("name")?, r.get("n")?)))?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(summary)
    }

    /// Moves a warning along its workflow on `on`, with a note, and logs who did it.
    pub fn set_warning_status(&self, id: i64, to: WarningStatus, note: &str, on: NaiveDate, by: &By) -> Result<Warning> {
        let current = self.warning(id, on)?;
        current.status.check_change(to, note)?;
        self.in_transaction(|s| {
            let contacted = if current.contacted_on.is_none() { Some(on.to_string()) } else { None };
            let closed = if to.is_open() { None } else { Some(on.to_string()) };
            let note = note.trim();
            let updated = s.conn.execute(
                "UPDATE warnings SET status = :to, contacted_on = coalesce(contacted_on, :contacted), closed_on = :closed,
                        note = CASE WHEN :note = '' THEN note ELSE :note END WHERE id = :id",
                named_params! { ":id": id, ":to": to, ":contacted": contacted, ":closed": closed, ":note": note },
            );
            match updated {
                // Reopening while a newer warning of the same reason is open would make two.
                Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ConstraintViolation => {
                    return Err(Error::Duplicate { entity: Entity::Warning, key: current.contract.clone() });
                }
                other => other?,
            };
            s.conn.execute(
                "INSERT INTO warning_log (warning_id, at, author, from_status, to_status, note) VALUES (:id, :at, :author, :status, :to, :note)",
                named_params! { ":id": id, ":at": stamp(by.at), ":author": by.author, ":status": current.status, ":to": to, ":note": note },
            )?;
            s.warning(id, on)
        })
    }

    /// The workflow of one warning, oldest first.
    pub fn warning_log(&self, id: i64) -> Result<Vec<WarningStep>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT at, author, from_status, to_status, note FROM warning_log WHERE warning_id = :id ORDER BY id")?;
        let rows = stmt.query_map(named_params! { ":id": id }, |r| {
            Ok(WarningStep {
                at: r.get("at")?,
                author: r.get("author")?,
                from: r.get::<_, WarningStatus>("from_status")?,
                to: r.get::<_, WarningStatus>("to_status")?,
                note: r.get("note")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records that a client's key person changed on `changed_on`, and keeps the client's
    /// record current (关健人信息有异动时及时更新).
    pub fn record_key_person_change(
        &self,
        client_id: i64,
        (name, phone): (&str, &str),
        changed_on: NaiveDate,
        note: &str,
        by: &By,
    ) -> Result<()> {
        let detail = self.client(client_id)?;
        let input = ClientInput { key_person: name.trim().to_string(), key_person_phone: phone.trim().to_string(), ..detail.to_input() };
        check_key_person(name)?;
        self.in_transaction(|s| {
            s.update_client(client_id, &input)?;
            s.conn.execute(
                "INSERT INTO key_person_changes (client_id, changed_on, old_name, old_phone, new_name, new_phone, note, recorded_at, author)
                 VALUES (:client_id, :changed_on, :key_person, :key_person_phone, :name, :phone, :note, :at, :author)",
                named_params! { ":client_id": client_id, ":changed_on": changed_on.to_string(), ":key_person": detail.key_person, ":key_person_phone": detail.key_person_phone, ":name": name.trim(), ":phone": phone.trim(), ":note": note.trim(), ":at": stamp(by.at), ":author": by.author },
            )?;
            Ok(())
        })
    }

    /// Targets of the campaign whose key person changed on or after `since`, latest first.
    pub fn key_person_changes(&self, campaign_id: i64, since: NaiveDate) -> Result<Vec<KeyPersonChange>> {
        self.campaign(campaign_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT x.id, c.id AS client_id, c.code AS client_code, c.name AS client, am.name AS owner, x.changed_on,
                    x.old_name, x.old_phone, x.new_name, x.new_phone, x.note
             FROM key_person_changes x
             JOIN clients c ON c.id = x.client_id
             JOIN campaign_targets t ON t.client_id = c.id AND t.campaign_id = :campaign_id
             LEFT JOIN people am ON am.id = c.account_manager_id
             WHERE x.changed_on >= :since ORDER BY x.changed_on DESC, x.id DESC",
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
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
