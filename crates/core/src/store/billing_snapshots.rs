//! Billing snapshots (table `billing_snapshots`): each contract's state per period, stored as
//! it arrives, raising warnings against the same contract's previous snapshot.

use chrono::NaiveDate;
use rusqlite::{named_params, OptionalExtension};

use super::warnings::{SnapshotCounts, SnapshotRow};
use crate::domain::ids::CampaignId;
use crate::domain::warning::{detect, Reading, WarningReason};
use crate::error::Result;
use crate::money::Money;

impl super::Snapshots<'_> {
    /// A contract by number: its id and whether its client is a target of the campaign.
    pub fn contract_in_campaign(&self, campaign_id: CampaignId, number: &str) -> Result<Option<(i64, bool)>> {
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
    pub fn record(&self, campaign_id: CampaignId, rows: &[SnapshotRow], raised_on: NaiveDate) -> Result<SnapshotCounts> {
        let drop_bp = self.warnings().threshold(campaign_id)?;
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
                                       in_network, tariff_fen, raised_on, owner_id)
                 SELECT :campaign_id, :contract_id, :reason, :period, :previous_period, :was_in_network, :was_tariff,
                         :in_network, :tariff, :raised_on, c.account_manager_id
                 FROM contracts k JOIN clients c ON c.id = k.client_id WHERE k.id = :contract_id
                 ON CONFLICT DO NOTHING",
            )?;
            for row in rows {
                save.execute(named_params! {
                    ":campaign_id": campaign_id,
                    ":contract_id": row.contract_id,
                    ":period": row.period,
                    ":in_network": row.reading.in_network,
                    ":tariff": row.reading.tariff.fen(),
                })?;
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
}
