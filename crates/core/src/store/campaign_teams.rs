//! A campaign's participating teams (table `campaign_teams`), its status and its archive flag.

use rusqlite::named_params;

use crate::domain::campaign::TeamChoice;
use crate::domain::ids::{CampaignId, TeamId};
use crate::domain::{Campaign, CampaignStatus, Team};
use crate::error::{Entity, Error, FieldError, Problem, Result};

impl super::Campaigns<'_> {
    /// The teams taking part, by name.
    pub fn teams(&self, campaign_id: CampaignId) -> Result<Vec<Team>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id, t.name, t.active FROM campaign_teams ct JOIN teams t ON t.id = ct.team_id
             WHERE ct.campaign_id = :campaign_id ORDER BY t.name",
        )?;
        let rows = stmt.query_map(named_params! { ":campaign_id": campaign_id }, |r| {
            Ok(Team { id: r.get("id")?, name: r.get("name")?, active: r.get("active")? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces the campaign's teams with `team_ids`; an id that names no team is the field
    /// `teams`'s problem, so the form can say so.
    pub fn set_teams(&self, campaign_id: CampaignId, team_ids: &[TeamId]) -> Result<Campaign> {
        self.get(campaign_id)?;
        self.in_transaction(|s| {
            s.conn.execute("DELETE FROM campaign_teams WHERE campaign_id = :campaign_id", named_params! { ":campaign_id": campaign_id })?;
            for team in team_ids {
                let known: bool =
                    s.conn.query_row("SELECT EXISTS (SELECT 1 FROM teams WHERE id = :id)", named_params! { ":id": team }, |r| r.get(0))?;
                if !known {
                    return Err(Error::Validation(vec![FieldError::new("teams", Problem::UnknownReference)]));
                }
                s.conn.execute(
                    "INSERT OR IGNORE INTO campaign_teams (campaign_id, team_id) VALUES (:campaign_id, :team_id)",
                    named_params! { ":campaign_id": campaign_id, ":team_id": team },
                )?;
            }
            s.campaigns().get(campaign_id)
        })
    }

    /// Sets the campaign's teams from a planner's pick, creating the teams typed as new (or
    /// finding them, when a team of that name exists already); all or nothing.
    pub fn set_team_choice(&self, campaign_id: CampaignId, choice: &TeamChoice) -> Result<Campaign> {
        let new_names = choice.new_names()?;
        self.get(campaign_id)?;
        self.in_transaction(|s| {
            let mut ids = choice.ids.clone();
            for name in &new_names {
                ids.push(s.org().ensure_team(name)?);
            }
            s.campaigns().set_teams(campaign_id, &ids)
        })
    }

    /// Changes only the status (结束 / 重新打开 / back to draft). Reopening an archived campaign
    /// takes it out of the archive: an archive holds finished campaigns only.
    pub fn set_status(&self, id: CampaignId, status: CampaignStatus) -> Result<Campaign> {
        let changed = self.conn.execute(
            "UPDATE campaigns SET status = :status, archived = archived AND :status = 'closed' WHERE id = :id",
            named_params! { ":id": id, ":status": status },
        )?;
        if changed == 0 {
            return Err(Error::NotFound { entity: Entity::Campaign, key: id.to_string() });
        }
        self.get(id)
    }

    /// Archives (or brings back) a campaign; only a closed one can be archived.
    pub fn set_archived(&self, id: CampaignId, archived: bool) -> Result<Campaign> {
        let campaign = self.get(id)?;
        if archived && campaign.status != CampaignStatus::Closed {
            return Err(Error::CampaignNotClosed { name: campaign.name });
        }
        self.conn
            .execute("UPDATE campaigns SET archived = :archived WHERE id = :id", named_params! { ":id": id, ":archived": archived })?;
        self.get(id)
    }

    pub(crate) fn set_copied_from(&self, id: CampaignId, source: Option<CampaignId>) -> Result<()> {
        self.conn.execute("UPDATE campaigns SET copied_from = :source WHERE id = :id", named_params! { ":id": id, ":source": source })?;
        Ok(())
    }
}
