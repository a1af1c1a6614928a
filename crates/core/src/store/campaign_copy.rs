//! The reads and writes 复制为新一期 needs beyond each aggregate's own: a campaign's target
//! clients, whether a contract number is taken, and a campaign's thresholds copied as they are.

use rusqlite::{named_params, OptionalExtension};

use crate::domain::ids::{CampaignId, ClientId};
use crate::error::Result;

impl super::Campaigns<'_> {
    /// The campaign's target clients, in the order they were added.
    pub fn target_ids(&self, campaign_id: CampaignId) -> Result<Vec<ClientId>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.client_id FROM campaign_targets t JOIN clients c ON c.id = t.client_id WHERE t.campaign_id = :campaign_id ORDER BY c.code",
        )?;
        let rows = stmt.query_map(named_params! { ":campaign_id": campaign_id }, |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The client that holds contract `number`, if any: a copied client's contract may already
    /// belong to someone else in this database.
    pub(crate) fn contract_holder(&self, number: &str) -> Result<Option<ClientId>> {
        Ok(self
            .conn
            .query_row("SELECT client_id FROM contracts WHERE number = :number", named_params! { ":number": number }, |r| r.get(0))
            .optional()?)
    }
}
