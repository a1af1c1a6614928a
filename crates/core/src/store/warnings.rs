//! Broadband early warning in SQLite: snapshots in, warnings raised against each contract's
//! previous snapshot, the status workflow with its log, and key-person changes.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};

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

const WARNING_SELECT: &str = "SELECT w.id, k.number, c.id, c.code, c.name, tm.name, c.account_manager_id, am.name,
        w.reason, w.previous_period, w.was_in_network, w.was_tariff_fen, w.period, w.in_network, w.tariff_fen,
        w.raised_on, w.status, w.contacted_on, w.closed_on, w.note
    FROM warnings w
    JOIN contracts k ON k.id = w.contract_id
    JOIN clients c ON c.id = k.client_id
    LEFT JOIN teams tm ON tm.id = c.team_id
    LEFT JOIN people am ON am.id = c.account_manager_id";

fn optional_date(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    r.get::<_, Option<String>>(i)?.as_deref().map(parse_date).transpose()
}

fn warning_row(r: &Row<'_>, today: NaiveDate) -> rusqlite::Result<Warning> {
    let raised_on = parse_date(&r.get::<_, String>(15)?)?;
    Ok(Warning {
        id: r.get(0)?,
        contract: r.get(1)?,
        client_id: r.get(2)?,
        client_code: r.get(3)?,
        client: r.get(4)?,
        team: r.get(5)?,
        owner_id: r.get(6)?,
        owner: r.get(7)?,
        reason: r.get::<_, WarningReason>(8)?,
        previous_period: r.get(9)?,
        before: Reading { in_network: r.get(10)?, tariff: Money::from_fen(r.get(11)?) },
        period: r.get(12)?,
        after: Reading { in_network: r.get(13)?, tariff: Money::from_fen(r.get(14)?) },
        raised_on,
        status: r.get::<_, WarningStatus>(16)?,
        contacted_on: optional_date(r, 17)?,
        closed_on: optional_date(r, 18)?,
        note: r.get(19)?,
        age_days: (today - raised_on).num_days(),
    })
}

impl Store {
    /// The share a tariff must fall by to raise a warning, in basis points.
    pub fn warning_threshold(&self, campaign_id: i64) -> Result<i64> {
        self.campaign(campaign_id)?;
        Ok(self.conn.query_row("SELECT tariff_drop_bp FROM campaigns WHERE id = ?1", [campaign_id], |r| r.get(0))?)
    }

    pub fn set_warning_threshold(&self, campaign_id: i64, drop_bp: i64) -> Result<()> {
        self.campaign(campaign_id)?;
        check_threshold(drop_bp)?;
        self.conn.execute("UPDATE campaigns SET tariff_drop_bp = ?2 WHERE id = ?1", params![campaign_id, drop_bp])?;
        Ok(())
    }

    /// A contract by number: its id and whether its client is a target of the campaign.
    pub fn contract_in_campaign(&self, campaign_id: i64, number: &str) -> Result<Option<(i64, bool)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.id, EXISTS (SELECT 1 FROM campaign_targets t WHERE t.campaign_id = ?1 AND t.client_id = k.client_id)
             FROM contracts k WHERE k.number = ?2",
        )?;
        Ok(stmt.query_row(params![campaign_id, number], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
    }

    /// Stores snapshot rows (in period order) and raises what each shows against the same
    /// contract's previous snapshot. Storing a snapshot again changes nothing: a warning is
    /// raised once per snapshot, and a contract keeps one open warning per reason.
    pub fn record_snapshots(&self, campaign_id: i64, rows: &[SnapshotRow], raised_on: NaiveDate) -> Result<SnapshotCounts> {
        let drop_bp = self.warning_threshold(campaign_id)?;
        self.in_transaction(|s| {
            let mut counts = SnapshotCounts::default();
            let mut save = s.conn.prepare_cached(
                "INSERT INTO billing_snapshots (campaign_id, contract_id, period, in_network, tariff_fen) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT DO UPDATE SET in_network = excluded.in_network, tariff_fen = excluded.tariff_fen",
            )?;
            let mut previous = s.conn.prepare_cached(
                "SELECT period, in_network, tariff_fen FROM billing_snapshots
                 WHERE campaign_id = ?1 AND contract_id = ?2 AND period < ?3 ORDER BY period DESC LIMIT 1",
            )?;
            let mut raise = s.conn.prepare_cached(
                "INSERT INTO warnings (campaign_id, contract_id, reason, period, previous_period, was_in_network, was_tariff_fen,
                                       in_network, tariff_fen, raised_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT DO NOTHING",
            )?;
            for row in rows {
                save.execute(params![campaign_id, row.contract_id, row.period, row.reading.in_network, row.reading.tariff.fen()])?;
                counts.rows += 1;
                let before: Option<(String, Reading)> = previous
                    .query_row(params![campaign_id, row.contract_id, row.period], |r| {
                        Ok((r.get(0)?, Reading { in_network: r.get(1)?, tariff: Money::from_fen(r.get(2)?) }))
                    })
                    .optional()?;
                let Some((was_period, was)) = before else {
                    counts.baselines += 1;
                    continue;
                };
                for reason in detect(Some(was), row.reading, drop_bp) {
                    let added = raise.execute(params![
                        campaign_id,
                        row.contract_id,
                        reason,
                        row.period,
                        was_period,
                        was.in_network,
                        was.tariff.fen(),
                        row.reading.in_network,
                        row.reading.tariff.fen(),
                        raised_on.to_string()
                    ])?;
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
        let mut sql = format!("{WARNING_SELECT} WHERE w.campaign_id = ?1");
        let mut values: Vec<rusqlite::types::Value> = vec![campaign_id.into()];
        if let Some(status) = filter.status {
            values.push(status.code().to_string().into());
            sql.push_str(&format!(" AND w.status = ?{}", values.len()));
        }
        if filter.open_only {
            sql.push_str(" AND w.status IN ('to_contact', 'contacted')");
        }
        if let Some(owner) = filter.owner_id {
            values.push(owner.into());
            sql.push_str(&format!(" AND c.account_manager_id = ?{}", values.len()));
        }
        if let Some(team) = filter.team_id {
            values.push(team.into());
            sql.push_str(&format!(" AND c.team_id = ?{}", values.len()));
        }
        sql.push_str(" ORDER BY w.raised_on, w.id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(values.iter()), |r| warning_row(r, today))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn warning(&self, id: i64, today: NaiveDate) -> Result<Warning> {
        self.conn
            .query_row(&format!("{WARNING_SELECT} WHERE w.id = ?1"), [id], |r| warning_row(r, today))
            .optional()?
            .ok_or(Error::NotFound { entity: Entity::Warning, key: id.to_string() })
    }

    /// Counts by status, the retention rate, and who has open warnings.
    pub fn warning_summary(&self, campaign_id: i64) -> Result<WarningSummary> {
        self.campaign(campaign_id)?;
        let mut summary = WarningSummary::default();
        let mut stmt = self.conn.prepare_cached("SELECT status, count(*) FROM warnings WHERE campaign_id = ?1 GROUP BY status")?;
        let mut rows = stmt.query([campaign_id])?;
        while let Some(r) = rows.next()? {
            let n: i64 = r.get(1)?;
            match r.get::<_, WarningStatus>(0)? {
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
                "SELECT coalesce({column}, ''), count(*) FROM warnings w
                 JOIN contracts k ON k.id = w.contract_id JOIN clients c ON c.id = k.client_id
                 LEFT JOIN teams tm ON tm.id = c.team_id LEFT JOIN people am ON am.id = c.account_manager_id
                 WHERE w.campaign_id = ?1 AND w.status IN ('to_contact', 'contacted')
                 GROUP BY 1 ORDER BY 2 DESC, 1"
            ))?;
            *target = stmt.query_map([campaign_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
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
                "UPDATE warnings SET status = ?2, contacted_on = coalesce(contacted_on, ?3), closed_on = ?4,
                        note = CASE WHEN ?5 = '' THEN note ELSE ?5 END WHERE id = ?1",
                params![id, to, contacted, closed, note],
            );
            match updated {
                // Reopening while a newer warning of the same reason is open would make two.
                Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ConstraintViolation => {
                    return Err(Error::Duplicate { entity: Entity::Warning, key: current.contract.clone() });
                }
                other => other?,
            };
            s.conn.execute(
                "INSERT INTO warning_log (warning_id, at, author, from_status, to_status, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, stamp(by.at), by.author, current.status, to, note],
            )?;
            s.warning(id, on)
        })
    }

    /// The workflow of one warning, oldest first.
    pub fn warning_log(&self, id: i64) -> Result<Vec<WarningStep>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT at, author, from_status, to_status, note FROM warning_log WHERE warning_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map([id], |r| {
            Ok(WarningStep {
                at: r.get(0)?,
                author: r.get(1)?,
                from: r.get::<_, WarningStatus>(2)?,
                to: r.get::<_, WarningStatus>(3)?,
                note: r.get(4)?,
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
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    client_id,
                    changed_on.to_string(),
                    detail.key_person,
                    detail.key_person_phone,
                    name.trim(),
                    phone.trim(),
                    note.trim(),
                    stamp(by.at),
                    by.author
                ],
            )?;
            Ok(())
        })
    }

    /// Targets of the campaign whose key person changed on or after `since`, latest first.
    pub fn key_person_changes(&self, campaign_id: i64, since: NaiveDate) -> Result<Vec<KeyPersonChange>> {
        self.campaign(campaign_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT x.id, c.id, c.code, c.name, am.name, x.changed_on, x.old_name, x.old_phone, x.new_name, x.new_phone, x.note
             FROM key_person_changes x
             JOIN clients c ON c.id = x.client_id
             JOIN campaign_targets t ON t.client_id = c.id AND t.campaign_id = ?1
             LEFT JOIN people am ON am.id = c.account_manager_id
             WHERE x.changed_on >= ?2 ORDER BY x.changed_on DESC, x.id DESC",
        )?;
        let rows = stmt.query_map(params![campaign_id, since.to_string()], |r| {
            Ok(KeyPersonChange {
                id: r.get(0)?,
                client_id: r.get(1)?,
                client_code: r.get(2)?,
                client: r.get(3)?,
                owner: r.get(4)?,
                changed_on: parse_date(&r.get::<_, String>(5)?)?,
                old_name: r.get(6)?,
                old_phone: r.get(7)?,
                new_name: r.get(8)?,
                new_phone: r.get(9)?,
                note: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
