//! The weekly report's lists: late plan items and open warnings on a day, for the campaign or
//! one team. Each list is filtered exactly as `dashboard.rs` counts (overdue items, open
//! warnings), so the report's lists and its counts agree.

use chrono::NaiveDate;
use rusqlite::named_params;

use super::parse_date;
use crate::domain::ids::{CampaignId, TeamId};
use crate::domain::report_lists::{LateItem, OpenWarning};
use crate::error::Result;

impl super::Dashboards<'_> {
    /// Plan items due before `as_of` and not done by it, by team, most overdue first.
    pub fn late_items(&self, campaign_id: CampaignId, as_of: NaiveDate, team: Option<TeamId>) -> Result<Vec<LateItem>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT coalesce(tm.name, ''), c.name, i.title, o.name, i.due_date
             FROM plan_items i JOIN plans p ON p.id = i.plan_id JOIN clients c ON c.id = p.client_id
             LEFT JOIN teams tm ON tm.id = c.team_id LEFT JOIN people o ON o.id = i.owner_id
             WHERE p.campaign_id = :campaign AND p.deleted_at IS NULL AND i.deleted_at IS NULL
               AND (:team IS NULL OR c.team_id = :team)
               AND i.due_date < :as_of AND NOT (i.status = 'done' AND i.done_on <= :as_of)
             ORDER BY tm.name IS NULL, tm.name, i.due_date, c.name, i.position, i.id",
        )?;
        let params = named_params! { ":campaign": campaign_id, ":as_of": as_of.to_string(), ":team": team };
        let rows = stmt.query_map(params, |r| {
            let due_date = parse_date(&r.get::<_, String>(4)?)?;
            Ok(LateItem {
                team: r.get(0)?,
                client: r.get(1)?,
                item: r.get(2)?,
                owner: r.get(3)?,
                due_date,
                days_late: (as_of - due_date).num_days(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The campaign's targets' warnings raised by `as_of` and not closed by it, by team, oldest first.
    pub fn open_warnings(&self, campaign_id: CampaignId, as_of: NaiveDate, team: Option<TeamId>) -> Result<Vec<OpenWarning>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT coalesce(tm.name, ''), c.name, k.number, w.reason, w.raised_on, o.name
             FROM warnings w JOIN contracts k ON k.id = w.contract_id JOIN clients c ON c.id = k.client_id
             LEFT JOIN teams tm ON tm.id = c.team_id LEFT JOIN people o ON o.id = w.owner_id
             WHERE w.campaign_id = :campaign AND w.raised_on <= :as_of AND (:team IS NULL OR c.team_id = :team)
               AND (w.closed_on IS NULL OR w.closed_on > :as_of)
               AND EXISTS (SELECT 1 FROM campaign_targets t WHERE t.campaign_id = :campaign AND t.client_id = c.id)
             ORDER BY tm.name IS NULL, tm.name, w.raised_on, c.name, k.number",
        )?;
        let params = named_params! { ":campaign": campaign_id, ":as_of": as_of.to_string(), ":team": team };
        let rows = stmt.query_map(params, |r| {
            let raised_on = parse_date(&r.get::<_, String>(4)?)?;
            Ok(OpenWarning {
                team: r.get(0)?,
                client: r.get(1)?,
                contract: r.get(2)?,
                reason: r.get(3)?,
                raised_on,
                age_days: crate::domain::warning::age_days(raised_on, None, as_of),
                owner: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
