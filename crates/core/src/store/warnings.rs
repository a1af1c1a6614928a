//! Broadband early warnings (tables `warnings`, `warning_log`): the list, the status workflow
//! and its log. Snapshots that raise them are in `billing_snapshots.rs`.

use chrono::NaiveDate;
use rusqlite::{named_params, OptionalExtension, Row};

use super::filter::Where;
use super::{parse_date, stamp};
use crate::domain::ids::{CampaignId, TeamId, WarningId};
use crate::domain::plan::By;
use crate::domain::warning::{retention_bp, BillingPeriod, Reading, Warning, WarningFilter, WarningStatus, WarningStep, WarningSummary};
use crate::error::{Entity, Error, Result};
use crate::money::Money;

/// One row of a billing snapshot, resolved to its contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotRow {
    pub contract_id: i64,
    pub period: BillingPeriod,
    pub reading: Reading,
}

/// What a batch of snapshot rows did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct SnapshotCounts {
    pub rows: u64,
    /// First snapshots of their contract: the baseline, nothing to compare with.
    pub baselines: u64,
    pub left: u64,
    pub downgrade: u64,
}

const WARNING_SELECT: &str = "SELECT w.id, k.number AS contract, c.id AS client_id, c.code AS client_code, c.name AS client,
        tm.name AS team, w.owner_id, am.name AS owner,
        w.reason, w.comparison, w.previous_period, w.was_in_network, w.was_tariff_fen, w.period, w.in_network, w.tariff_fen,
        w.raised_on, w.status, w.contacted_on, w.closed_on, w.note
    FROM warnings w
    JOIN contracts k ON k.id = w.contract_id
    JOIN clients c ON c.id = k.client_id
    LEFT JOIN teams tm ON tm.id = c.team_id
    LEFT JOIN people am ON am.id = w.owner_id";

fn optional_date(r: &Row<'_>, column: &str) -> rusqlite::Result<Option<NaiveDate>> {
    r.get::<_, Option<String>>(column)?.as_deref().map(parse_date).transpose()
}

fn warning_row(r: &Row<'_>, today: NaiveDate) -> rusqlite::Result<Warning> {
    let raised_on = parse_date(&r.get::<_, String>("raised_on")?)?;
    let closed_on = optional_date(r, "closed_on")?;
    let status: WarningStatus = r.get("status")?;
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
        comparison: r.get("comparison")?,
        // Empty when the tariff was compared with the contract's fee, which has no period.
        previous_period: match r.get_ref("previous_period")?.as_str()? {
            "" => None,
            _ => Some(r.get("previous_period")?),
        },
        before: Reading { in_network: r.get("was_in_network")?, tariff: Money::from_fen(r.get("was_tariff_fen")?) },
        period: r.get("period")?,
        after: Reading { in_network: r.get("in_network")?, tariff: Money::from_fen(r.get("tariff_fen")?) },
        raised_on,
        status,
        next_statuses: status.next().to_vec(),
        contacted_on: optional_date(r, "contacted_on")?,
        closed_on,
        note: r.get("note")?,
        age_days: crate::domain::warning::age_days(raised_on, closed_on, today),
    })
}

impl super::Warnings<'_> {
    /// Warnings of the campaign, oldest first, each with its owner: the account manager when it was raised, or whoever it was reassigned to.
    pub fn list(&self, campaign_id: CampaignId, filter: &WarningFilter, today: NaiveDate) -> Result<Vec<Warning>> {
        self.campaigns().get(campaign_id)?;
        let mut w = Where::new();
        w.and_bind("w.campaign_id = :campaign", ":campaign", campaign_id);
        if let Some(status) = filter.status {
            w.and_bind("w.status = :status", ":status", status);
        }
        if filter.open_only {
            w.and("w.status IN ('to_contact', 'contacted')");
        }
        if let Some(owner) = filter.owner_id {
            w.and_bind("w.owner_id = :owner", ":owner", owner);
        }
        if let Some(team) = filter.team_id {
            w.and_bind("c.team_id = :team", ":team", team);
        }
        let mut stmt = self.conn.prepare_cached(&format!("{WARNING_SELECT}{} ORDER BY w.raised_on, w.id", w.sql()))?;
        let rows = stmt.query_map(&*w.params(), |r| warning_row(r, today))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn get(&self, id: WarningId, today: NaiveDate) -> Result<Warning> {
        self.conn
            .query_row(&format!("{WARNING_SELECT} WHERE w.id = :id"), named_params! { ":id": id }, |r| warning_row(r, today))
            .optional()?
            .ok_or(Error::NotFound { entity: Entity::Warning, key: id.to_string() })
    }

    /// The campaign a warning belongs to and its client's team now: what a returned tracker's
    /// scope is checked against. None when the warning no longer exists.
    pub fn scope_of(&self, id: WarningId) -> Result<Option<(CampaignId, Option<TeamId>)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT w.campaign_id, c.team_id FROM warnings w JOIN contracts k ON k.id = w.contract_id JOIN clients c ON c.id = k.client_id
                 WHERE w.id = :id",
                named_params! { ":id": id },
                |r| Ok((r.get("campaign_id")?, r.get("team_id")?)),
            )
            .optional()?)
    }

    /// Whether another warning of the same contract and reason is open: reopening this one
    /// would make two.
    pub fn has_open_twin(&self, id: WarningId) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM warnings o JOIN warnings w ON w.id = :id
                 WHERE o.campaign_id = w.campaign_id AND o.contract_id = w.contract_id AND o.reason = w.reason
                   AND o.id <> w.id AND o.status IN ('to_contact', 'contacted'))",
            named_params! { ":id": id },
            |r| r.get(0),
        )?)
    }

    /// Counts by status, the retention rate, and who has open warnings.
    pub fn summary(&self, campaign_id: CampaignId) -> Result<WarningSummary> {
        self.campaigns().get(campaign_id)?;
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
        summary.retention_bp = retention_bp(summary.retained, summary.lost);
        for (column, target) in [("am.name", &mut summary.open_by_owner), ("tm.name", &mut summary.open_by_team)] {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT coalesce({column}, '') AS name, count(*) AS n FROM warnings w
                 JOIN contracts k ON k.id = w.contract_id JOIN clients c ON c.id = k.client_id
                 LEFT JOIN teams tm ON tm.id = c.team_id LEFT JOIN people am ON am.id = w.owner_id
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
    pub fn set_status(&self, id: WarningId, to: WarningStatus, note: &str, on: NaiveDate, by: &By) -> Result<Warning> {
        let current = self.get(id, on)?;
        current.status.check_change(to, note)?;
        self.in_transaction(|s| {
            let (contacted, closed) = current.dates_after(to, on);
            let (contacted, closed) = (contacted.map(|d| d.to_string()), closed.map(|d| d.to_string()));
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
            s.warnings().get(id, on)
        })
    }

    /// Replaces a warning's note without moving it (a returned tracker's 说明 cell), logged as a
    /// step that stays on its status so the history shows who wrote what.
    pub fn set_note(&self, id: WarningId, note: &str, today: NaiveDate, by: &By) -> Result<Warning> {
        let current = self.get(id, today)?;
        let note = note.trim();
        self.in_transaction(|s| {
            s.conn.execute("UPDATE warnings SET note = :note WHERE id = :id", named_params! { ":id": id, ":note": note })?;
            s.conn.execute(
                "INSERT INTO warning_log (warning_id, at, author, from_status, to_status, note) VALUES (:id, :at, :author, :status, :status, :note)",
                named_params! { ":id": id, ":at": stamp(by.at), ":author": by.author, ":status": current.status, ":note": note },
            )?;
            s.warnings().get(id, today)
        })
    }

    /// The workflow of one warning, oldest first.
    pub fn history(&self, id: WarningId) -> Result<Vec<WarningStep>> {
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
}
