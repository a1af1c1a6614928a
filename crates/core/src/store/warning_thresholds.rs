//! The share a tariff must fall by to raise a warning (`campaigns.tariff_drop_bp`), and what
//! it is compared with besides the previous month (`erosion_basis`, `erosion_window_months`).

use rusqlite::named_params;

use crate::domain::ids::CampaignId;
use crate::domain::warning::{check_threshold, ErosionSettings};
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

    /// What a tariff is compared with besides the previous snapshot.
    pub fn erosion(&self, campaign_id: CampaignId) -> Result<ErosionSettings> {
        self.campaigns().get(campaign_id)?;
        Ok(self.conn.query_row(
            "SELECT erosion_basis, erosion_window_months FROM campaigns WHERE id = :campaign_id",
            named_params! { ":campaign_id": campaign_id },
            |r| Ok(ErosionSettings { basis: r.get("erosion_basis")?, window_months: r.get("erosion_window_months")? }),
        )?)
    }

    /// Applies to snapshots recorded from now on; warnings already raised keep their evidence.
    pub fn set_erosion(&self, campaign_id: CampaignId, settings: &ErosionSettings) -> Result<()> {
        self.campaigns().get(campaign_id)?;
        settings.check()?;
        self.conn.execute(
            "UPDATE campaigns SET erosion_basis = :basis, erosion_window_months = :window WHERE id = :campaign_id",
            named_params! { ":campaign_id": campaign_id, ":basis": settings.basis, ":window": settings.window_months },
        )?;
        Ok(())
    }
}
