//! Achievements (table `achievements`): what teams and people did, by metric and date, and
//! where a row came from so a returned tracker counts once.

use rusqlite::named_params;

use crate::domain::awards::AchievementInput;
use crate::domain::ids::CampaignId;
use crate::error::Result;

impl super::Achievements<'_> {
    pub fn add(&self, campaign_id: CampaignId, a: &AchievementInput) -> Result<i64> {
        // Without a source nothing can collide: the row is always added.
        self.insert_achievement(campaign_id, a, None)?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Whether an achievement from `source` was already added.
    pub fn source_used(&self, source: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM achievements WHERE source = :source)",
            named_params! { ":source": source },
            |r| r.get(0),
        )?)
    }

    /// Adds an achievement that came from `source` (a returned tracker's row); None when that
    /// source was already added, so a file applied twice counts once.
    pub fn add_from(&self, campaign_id: CampaignId, a: &AchievementInput, source: &str) -> Result<Option<i64>> {
        let added = self.insert_achievement(campaign_id, a, Some(source))?;
        Ok((added > 0).then(|| self.conn.last_insert_rowid()))
    }

    /// Checks and inserts one achievement; 0 rows when its source was already added.
    fn insert_achievement(&self, campaign_id: CampaignId, a: &AchievementInput, source: Option<&str>) -> Result<usize> {
        self.check(campaign_id, a)?;
        Ok(self.conn.execute(
            "INSERT INTO achievements (campaign_id, date, metric, team_id, person_id, quantity, amount_fen, client_id, note, source)
             VALUES (:campaign_id, :date, :metric, :team_id, :person_id, :quantity, :amount, :client_id, :note, :source) ON CONFLICT DO NOTHING",
            named_params! {
                ":campaign_id": campaign_id,
                ":date": a.date.to_string(),
                ":metric": a.metric,
                ":team_id": a.team_id,
                ":person_id": a.person_id,
                ":quantity": a.quantity,
                ":amount": a.amount.fen(),
                ":client_id": a.client_id,
                ":note": a.note.trim(),
                ":source": source,
            },
        )?)
    }

    /// Checks an achievement against its campaign before it is written, added or corrected.
    pub(super) fn check(&self, campaign_id: CampaignId, a: &AchievementInput) -> Result<()> {
        self.campaigns().get(campaign_id)?.check_date("date", a.date)?;
        let known = self.metrics(campaign_id)?.iter().any(|(code, _)| *code == a.metric);
        a.validate(known)
    }
}
