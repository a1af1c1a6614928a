//! Billing snapshots (table `billing_snapshots`): each contract's state per period, stored as
//! it arrives, raising warnings against the same contract's previous snapshot and against its
//! fee or recent peak (the campaign's erosion basis).

use chrono::NaiveDate;
use rusqlite::{named_params, OptionalExtension};

use super::warnings::{SnapshotCounts, SnapshotRow};
use crate::domain::ids::CampaignId;
use crate::domain::warning::{detect, Basis, BillingPeriod, ErosionBasis, Reading, WarningComparison, WarningReason};
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
    /// contract's previous snapshot and its basis (see [`detect`]). Storing a snapshot again changes nothing: a warning is
    /// raised once per snapshot, and a contract keeps one open warning per reason.
    pub fn record(&self, campaign_id: CampaignId, rows: &[SnapshotRow], raised_on: NaiveDate) -> Result<SnapshotCounts> {
        let drop_bp = self.warnings().threshold(campaign_id)?;
        let erosion = self.warnings().erosion(campaign_id)?;
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
            // The highest tariff while in the network in the window, the latest such month when
            // several share it.
            let mut peak = s.conn.prepare_cached(
                "SELECT period, tariff_fen FROM billing_snapshots
                 WHERE campaign_id = :campaign_id AND contract_id = :contract_id AND in_network = 1
                   AND period >= :from AND period < :period
                 ORDER BY tariff_fen DESC, period DESC LIMIT 1",
            )?;
            let mut fee = s.conn.prepare_cached("SELECT monthly_fee_fen FROM contracts WHERE id = :contract_id")?;
            let mut raise = s.conn.prepare_cached(
                "INSERT INTO warnings (campaign_id, contract_id, reason, comparison, period, previous_period, was_in_network, was_tariff_fen,
                                       in_network, tariff_fen, raised_on, owner_id)
                 SELECT :campaign_id, :contract_id, :reason, :comparison, :period, :previous_period, :was_in_network, :was_tariff,
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
                let before: Option<(BillingPeriod, Reading)> = previous
                    .query_row(named_params! { ":campaign_id": campaign_id, ":contract_id": row.contract_id, ":period": row.period }, |r| {
                        Ok((r.get("period")?, Reading { in_network: r.get("in_network")?, tariff: Money::from_fen(r.get("tariff_fen")?) }))
                    })
                    .optional()?;
                let Some((was_period, was)) = before else {
                    counts.baselines += 1;
                    continue;
                };
                let basis = match erosion.basis {
                    ErosionBasis::Peak => peak
                        .query_row(
                            named_params! {
                                ":campaign_id": campaign_id,
                                ":contract_id": row.contract_id,
                                ":from": row.period.months_before(erosion.window_months),
                                ":period": row.period,
                            },
                            |r| {
                                Ok(Basis {
                                    comparison: WarningComparison::Peak,
                                    period: Some(r.get("period")?),
                                    tariff: Money::from_fen(r.get("tariff_fen")?),
                                })
                            },
                        )
                        .optional()?,
                    ErosionBasis::Baseline => {
                        let fen: i64 = fee.query_row(named_params! { ":contract_id": row.contract_id }, |r| r.get(0))?;
                        // A fee of 0 is one nobody recorded: nothing to compare with.
                        (fen > 0).then(|| Basis { comparison: WarningComparison::Baseline, period: None, tariff: Money::from_fen(fen) })
                    }
                };
                if let Some(raised) = detect(Some((&was_period, was)), basis.as_ref(), row.reading, drop_bp) {
                    let reason = raised.reason;
                    let added = raise.execute(named_params! {
                        ":campaign_id": campaign_id,
                        ":contract_id": row.contract_id,
                        ":reason": reason,
                        ":comparison": raised.comparison,
                        ":period": row.period,
                        ":previous_period": raised.was_period.as_ref().map_or("", BillingPeriod::as_str),
                        ":was_in_network": raised.was.in_network,
                        ":was_tariff": raised.was.tariff.fen(),
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
