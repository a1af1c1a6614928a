//! Summing a campaign's subsidies as its contracts stream past: per client, per category and
//! per team, in i128 so no number of in-range figures can overflow, brought back to fen once.
//! The store streams the rows; the sums and their limits are here.

use std::collections::HashMap;

use super::subsidy::{SubsidyTotals, TotalRow};
use super::Category;
use crate::domain::ids::{CampaignId, TeamId};
use crate::error::{Entity, Error, Result};
use crate::money::Money;

/// Running sums for one pass over a campaign's contracts. Amounts are summed in i128, which no
/// number of in-range figures can overflow; they are brought back to fen once, checked.
#[derive(Default)]
pub(crate) struct Tally {
    pub(crate) total: i128,
    pub(crate) contracts: i64,
    pub(crate) flagged: i64,
    pub(crate) clients: i64,
    by_category: HashMap<Category, (i128, i64, i64)>,
    by_team: HashMap<Option<TeamId>, (i128, i64, i64)>,
}

fn bump(entry: &mut (i128, i64, i64), amount: i64, contracts: i64) {
    entry.0 += i128::from(amount);
    entry.1 += 1;
    entry.2 += contracts;
}

/// A sum back in fen, or the refusal that says the campaign's figures cannot be shown.
pub(crate) fn to_money(campaign_id: CampaignId, fen: i128) -> Result<Money> {
    i64::try_from(fen).map(Money::from_fen).map_err(|_| Error::StoredOutOfRange {
        entity: Entity::Campaign,
        key: campaign_id.to_string(),
        zh: "补贴合计超出可计算的范围，请检查合同费用".into(),
        en: "the subsidy total is beyond what can be computed; check the contracts' fees".into(),
    })
}

impl Tally {
    pub(crate) fn add_client(&mut self, run: &ClientRun) {
        self.total += i128::from(run.amount);
        self.clients += 1;
        self.contracts += run.contracts;
        bump(self.by_category.entry(run.category).or_default(), run.amount, run.contracts);
        bump(self.by_team.entry(run.team_id).or_default(), run.amount, run.contracts);
    }

    /// Subtotals by category code and by team name (`team_names` maps ids to names).
    pub(crate) fn dimensions(
        &self,
        campaign_id: CampaignId,
        team_names: &HashMap<TeamId, String>,
    ) -> Result<(Vec<TotalRow>, Vec<TotalRow>)> {
        let row = |key: String, (a, c, n): &(i128, i64, i64)| -> Result<TotalRow> {
            Ok(TotalRow { key, amount: to_money(campaign_id, *a)?, clients: *c, contracts: *n })
        };
        let mut categories: Vec<TotalRow> = self.by_category.iter().map(|(k, v)| row(k.code().to_string(), v)).collect::<Result<_>>()?;
        let mut teams: Vec<TotalRow> = self
            .by_team
            .iter()
            .map(|(k, v)| row(k.and_then(|id| team_names.get(&id).cloned()).unwrap_or_default(), v))
            .collect::<Result<_>>()?;
        for rows in [&mut categories, &mut teams] {
            rows.sort_by(|a, b| b.amount.cmp(&a.amount).then_with(|| a.key.cmp(&b.key)));
        }
        Ok((categories, teams))
    }

    pub(crate) fn totals(&self, campaign_id: CampaignId, budget: Money, team_names: &HashMap<TeamId, String>) -> Result<SubsidyTotals> {
        let (by_category, by_team) = self.dimensions(campaign_id, team_names)?;
        Ok(SubsidyTotals {
            total: to_money(campaign_id, self.total)?,
            budget,
            clients: self.clients,
            contracts: self.contracts,
            flagged: self.flagged,
            by_category,
            by_team,
            over_budget: false,
        }
        .judged())
    }
}

/// One client's contracts as they stream out of the database, in client order.
pub(crate) struct ClientRun {
    pub(crate) client_id: i64,
    pub(crate) category: Category,
    pub(crate) team_id: Option<TeamId>,
    pub(crate) amount: i64,
    pub(crate) contracts: i64,
    pub(crate) flagged: bool,
}
