//! The metrics achievements are counted in, per campaign (table `metrics`).

use rusqlite::named_params;

use crate::domain::ids::CampaignId;
use crate::error::Result;

impl super::Achievements<'_> {
    pub fn metrics(&self, campaign_id: CampaignId) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached("SELECT code, name FROM metrics WHERE campaign_id = :campaign_id ORDER BY rowid")?;
        let rows = stmt.query_map(named_params! { ":campaign_id": campaign_id }, |r| Ok((r.get("code")?, r.get("name")?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn add_metric(&self, campaign_id: CampaignId, code: &str, name: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO metrics (campaign_id, code, name) VALUES (:campaign_id, :code, :name)
             ON CONFLICT (campaign_id, code) DO UPDATE SET name = excluded.name",
            named_params! { ":campaign_id": campaign_id, ":code": code.trim(), ":name": name.trim() },
        )?;
        Ok(())
    }
}
