//! The share a tariff must fall by to raise a warning (`campaigns.tariff_drop_bp`).

use rusqlite::named_params;

use crate::domain::ids::CampaignId;
use crate::domain::warning::check_threshold;
use crate::error::Result;

impl super::Warnings<'_> {
    /// The share a tariff must fall by to raise a warning, in basis points.
    pub fn threshold(&self, campaign_id: CampaignId) -> Result<i64> {
        self.campaigns().get(campaign_id)?;
        Ok(self.conn.query_row(
            "SELECT tariff_drop_bp FROM campaigns WHERE id = :campaign_id",
            named_params! { ":campaign_id": campaign_id },
            |r| r.get("tariff_drop_bp"),
        )?)
    }

    pub fn set_threshold(&self, campaign_id: CampaignId, drop_bp: i64) -> Result<()> {
        self.campaigns().get(campaign_id)?;
        check_threshold(drop_bp)?;
        self.conn.execute(
            "UPDATE campaigns SET tariff_drop_bp = :drop_bp WHERE id = :campaign_id",
            named_params! { ":campaign_id": campaign_id, ":drop_bp": drop_bp },
        )?;
        Ok(())
    }
}
