//! A contract's own subsidy rate inside its rule's range (table `rate_overrides`).

use chrono::NaiveDateTime;
use rusqlite::{named_params, OptionalExtension};

use super::stamp;
use crate::basis_points::BasisPoints;
use crate::domain::ids::CampaignId;
use crate::domain::subsidy::ContractSubsidy;
use crate::domain::ProductType;
use crate::error::{Entity, Error, Result};
use crate::money::Money;

impl super::Subsidies<'_> {
    /// Sets one contract's rate inside its rule's range, with a reason.
    pub fn set_rate_override(
        &self,
        campaign_id: CampaignId,
        contract_id: i64,
        rate_bp: BasisPoints,
        reason: &str,
        author: &str,
        now: NaiveDateTime,
    ) -> Result<ContractSubsidy> {
        let rules = self.rule_sets().current(campaign_id)?;
        let (product, term, _) = self.contract_terms(campaign_id, contract_id)?;
        rules.table.check_override(product, term, rate_bp, reason)?;
        let reason = reason.trim();
        self.conn.execute(
            "INSERT INTO rate_overrides (campaign_id, contract_id, rate_bp, reason, author, created_at)
             VALUES (:campaign_id, :contract_id, :rate_bp, :reason, :author, :now)
             ON CONFLICT (campaign_id, contract_id) DO UPDATE SET
                rate_bp = excluded.rate_bp, reason = excluded.reason, author = excluded.author, created_at = excluded.created_at",
            named_params! {
                ":campaign_id": campaign_id,
                ":contract_id": contract_id,
                ":rate_bp": rate_bp,
                ":reason": reason,
                ":author": author,
                ":now": stamp(now),
            },
        )?;
        self.contract(campaign_id, contract_id, &rules.table)
    }

    /// The first target contract of a product type without an override, in contract-number order.
    pub fn first_contract_of(&self, campaign_id: CampaignId, product: ProductType) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT k.id FROM contracts k JOIN campaign_targets t ON t.client_id = k.client_id AND t.campaign_id = :campaign_id
                 WHERE k.product_type = :product
                   AND NOT EXISTS (SELECT 1 FROM rate_overrides o WHERE o.campaign_id = :campaign_id AND o.contract_id = k.id)
                 ORDER BY k.number LIMIT 1",
                named_params! { ":campaign_id": campaign_id, ":product": product },
                |r| r.get("id"),
            )
            .optional()?)
    }

    pub fn clear_rate_override(&self, campaign_id: CampaignId, contract_id: i64) -> Result<()> {
        self.conn.execute(
            "DELETE FROM rate_overrides WHERE campaign_id = :campaign_id AND contract_id = :contract_id",
            named_params! { ":campaign_id": campaign_id, ":contract_id": contract_id },
        )?;
        Ok(())
    }

    /// Product type, term and base of a contract that the campaign targets.
    fn contract_terms(&self, campaign_id: CampaignId, contract_id: i64) -> Result<(ProductType, i64, Money)> {
        self.conn
            .query_row(
                "SELECT k.product_type, k.term_months, k.dec_fee_fen FROM contracts k
                 JOIN campaign_targets t ON t.client_id = k.client_id AND t.campaign_id = :campaign_id
                 WHERE k.id = :contract_id",
                named_params! { ":campaign_id": campaign_id, ":contract_id": contract_id },
                |r| Ok((r.get::<_, ProductType>("product_type")?, r.get("term_months")?, Money::from_fen(r.get("dec_fee_fen")?))),
            )
            .optional()?
            .ok_or(Error::NotFound { entity: Entity::Contract, key: contract_id.to_string() })
    }
}
