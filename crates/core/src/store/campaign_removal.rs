//! Deleting a campaign: its own records go, the clients, contracts, teams and people it used stay.

use rusqlite::named_params;

use crate::domain::campaign::CampaignRemoval;
use crate::domain::ids::CampaignId;
use crate::error::{Error, FieldError, Problem, Result};

impl super::Campaigns<'_> {
    /// What deleting the campaign would remove, without removing anything.
    pub fn removal(&self, id: CampaignId) -> Result<CampaignRemoval> {
        let campaign = self.get(id)?;
        let mut r = CampaignRemoval { campaign_id: id, name: campaign.name, ..Default::default() };
        // Every table here hangs off the campaign with ON DELETE CASCADE, so deleting the
        // campaign's row removes exactly the rows counted.
        let counts: [(&mut i64, &str); 20] = [
            (&mut r.targets, "SELECT count(*) FROM campaign_targets WHERE campaign_id = :id"),
            (&mut r.teams, "SELECT count(*) FROM campaign_teams WHERE campaign_id = :id"),
            (&mut r.plans, "SELECT count(*) FROM plans WHERE campaign_id = :id"),
            (&mut r.plan_items, "SELECT count(*) FROM plan_items WHERE plan_id IN (SELECT id FROM plans WHERE campaign_id = :id)"),
            (&mut r.plan_log, "SELECT count(*) FROM plan_log WHERE plan_id IN (SELECT id FROM plans WHERE campaign_id = :id)"),
            (&mut r.plan_template, "SELECT count(*) FROM plan_template WHERE campaign_id = :id"),
            (&mut r.awards, "SELECT count(*) FROM awards WHERE campaign_id = :id"),
            (&mut r.award_tiers, "SELECT count(*) FROM award_tiers WHERE award_id IN (SELECT id FROM awards WHERE campaign_id = :id)"),
            (&mut r.award_weights, "SELECT count(*) FROM award_weights WHERE award_id IN (SELECT id FROM awards WHERE campaign_id = :id)"),
            (&mut r.award_targets, "SELECT count(*) FROM award_targets WHERE award_id IN (SELECT id FROM awards WHERE campaign_id = :id)"),
            (&mut r.award_locks, "SELECT count(*) FROM award_locks WHERE award_id IN (SELECT id FROM awards WHERE campaign_id = :id)"),
            (&mut r.metrics, "SELECT count(*) FROM metrics WHERE campaign_id = :id"),
            (&mut r.achievements, "SELECT count(*) FROM achievements WHERE campaign_id = :id"),
            (&mut r.warnings, "SELECT count(*) FROM warnings WHERE campaign_id = :id"),
            (&mut r.warning_log, "SELECT count(*) FROM warning_log WHERE warning_id IN (SELECT id FROM warnings WHERE campaign_id = :id)"),
            (&mut r.snapshots, "SELECT count(*) FROM billing_snapshots WHERE campaign_id = :id"),
            (&mut r.rule_sets, "SELECT count(*) FROM rule_sets WHERE campaign_id = :id AND kind <> 'scenario'"),
            (&mut r.scenarios, "SELECT count(*) FROM rule_sets WHERE campaign_id = :id AND kind = 'scenario'"),
            (&mut r.rate_overrides, "SELECT count(*) FROM rate_overrides WHERE campaign_id = :id"),
            (&mut r.subsidies, "SELECT count(*) FROM client_subsidies WHERE campaign_id = :id"),
        ];
        for (slot, sql) in counts {
            *slot = self.conn.query_row(sql, named_params! { ":id": id }, |row| row.get(0))?;
        }
        Ok(r)
    }

    /// Deletes the campaign and its own records in one transaction, once the planner has typed
    /// its name (`typed_name`, compared after trimming); returns what went.
    pub fn delete(&self, id: CampaignId, typed_name: &str) -> Result<CampaignRemoval> {
        let campaign = self.get(id)?;
        if typed_name.trim() != campaign.name.trim() {
            return Err(Error::Validation(vec![FieldError::new("name", Problem::DoesNotMatch)]));
        }
        self.in_transaction(|s| {
            let mut removal = s.campaigns().removal(id)?;
            s.conn.execute("DELETE FROM campaigns WHERE id = :id", named_params! { ":id": id })?;
            removal.removed = true;
            Ok(removal)
        })
    }
}
