//! The dashboard's and the standings' other figures read from the KPI tallies
//! (`kpi_figures.rs`), so they stay a few milliseconds at a million targets: targets' warnings
//! open on a day, plan work per team or person, and the industries of the targets.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::named_params;

use crate::domain::awards::Scope;
use crate::domain::ids::{CampaignId, TeamId};
use crate::error::Result;

/// An entrant's plan items: all live ones, those done by the day, and the last day one was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PlanWork {
    pub items: i64,
    pub done: i64,
    pub last_done: Option<NaiveDate>,
}

impl super::Kpis<'_> {
    /// Targets' warnings open on `on` (raised by it, not closed by it), per team of the client
    /// (none: no team) and day raised; only `team`'s when given.
    pub(crate) fn open_warnings(
        &self,
        campaign: CampaignId,
        on: NaiveDate,
        team: Option<TeamId>,
    ) -> Result<Vec<(Option<TeamId>, NaiveDate, i64)>> {
        self.refresh(campaign, &["warned"])?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT team_id, day, sum(amount) FROM kpi_tallies
             WHERE campaign_id = :campaign AND fact = 'warned' AND day <= :on AND (until IS NULL OR until > :on)
               AND (:team IS NULL OR team_id = :team)
             GROUP BY team_id, day",
        )?;
        let rows = stmt.query_map(named_params! { ":campaign": campaign, ":on": on.to_string(), ":team": team }, |r| {
            Ok((r.get::<_, Option<i64>>(0)?.map(TeamId), super::parse_date(&r.get::<_, String>(1)?)?, r.get(2)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Plan items per entrant as the organisation award counts them: a team's clients' items
    /// or a person's own, of live plans; done ones by their day up to `on`.
    pub(crate) fn plan_work(&self, campaign: CampaignId, scope: Scope, on: NaiveDate) -> Result<HashMap<i64, PlanWork>> {
        let (column, items, done) = match scope {
            Scope::Team => ("team_id", "items", "items_done"),
            Scope::Person => ("person_id", "owned_items", "owned_done"),
        };
        self.refresh(campaign, &[items, done])?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {column}, coalesce(sum(amount) FILTER (WHERE fact = :items), 0),
                    coalesce(sum(amount) FILTER (WHERE fact = :done AND day <= :on), 0),
                    max(day) FILTER (WHERE fact = :done AND day <= :on)
             FROM kpi_tallies WHERE campaign_id = :campaign AND fact IN (:items, :done) AND {column} IS NOT NULL
             GROUP BY 1"
        ))?;
        let rows = stmt.query_map(named_params! { ":campaign": campaign, ":items": items, ":done": done, ":on": on.to_string() }, |r| {
            let last_done = r.get::<_, Option<String>>(3)?.as_deref().map(super::parse_date).transpose()?;
            Ok((r.get::<_, i64>(0)?, PlanWork { items: r.get(1)?, done: r.get(2)?, last_done }))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The industries of the campaign's targets, in order, none empty.
    pub(crate) fn target_industries(&self, campaign: CampaignId) -> Result<Vec<String>> {
        self.refresh(campaign, &["targets"])?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT industry FROM kpi_tallies
             WHERE campaign_id = :campaign AND fact = 'targets' AND industry <> '' ORDER BY industry",
        )?;
        let rows = stmt.query_map(named_params! { ":campaign": campaign }, |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
