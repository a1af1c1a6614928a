//! Which clients a campaign targets (table `campaign_targets`).

use rusqlite::named_params;

use crate::domain::ids::{CampaignId, ClientId};
use crate::error::Result;

impl super::Campaigns<'_> {
    pub fn add_target(&self, campaign_id: CampaignId, client_id: ClientId) -> Result<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO campaign_targets (campaign_id, client_id) VALUES (:campaign, :client)",
            named_params! { ":campaign": campaign_id, ":client": client_id },
        )?;
        Ok(())
    }
}
