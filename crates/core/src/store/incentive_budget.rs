//! The campaign's incentive budget (激励预算, `campaigns.incentive_budget_fen`) and the
//! awards' prize costs summed against it (`domain::prizes`).

use chrono::NaiveDate;
use rusqlite::named_params;

use crate::domain::ids::CampaignId;
use crate::domain::prizes::{self, IncentiveBudget};
use crate::error::{Entity, Error, Result};
use crate::money::Money;

impl super::Campaigns<'_> {
    /// None until the planner sets one.
    pub fn incentive_budget(&self, id: CampaignId) -> Result<Option<Money>> {
        self.get(id)?;
        let fen: Option<i64> =
            self.conn.query_row("SELECT incentive_budget_fen FROM campaigns WHERE id = :id", named_params! { ":id": id }, |r| r.get(0))?;
        Ok(fen.map(Money::from_fen))
    }

    /// Sets (or with None clears) the incentive budget.
    pub fn set_incentive_budget(&self, id: CampaignId, budget: Option<Money>) -> Result<()> {
        prizes::validate_budget(budget)?;
        let changed = self.conn.execute(
            "UPDATE campaigns SET incentive_budget_fen = :fen WHERE id = :id",
            named_params! { ":id": id, ":fen": budget.map(Money::fen) },
        )?;
        if changed == 0 {
            return Err(Error::NotFound { entity: Entity::Campaign, key: id.to_string() });
        }
        Ok(())
    }
}

impl super::Awards<'_> {
    /// Every award's prize cost as of `as_of` against the campaign's incentive budget.
    pub fn incentive_budget(&self, campaign_id: CampaignId, as_of: NaiveDate) -> Result<IncentiveBudget> {
        let budget = self.campaigns().incentive_budget(campaign_id)?;
        let standings = self.standings(campaign_id, as_of)?;
        Ok(prizes::incentive_budget(budget, &standings, as_of))
    }
}
