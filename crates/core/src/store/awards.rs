//! Award definitions (tables `awards`, `award_tiers`, `award_targets`, `award_weights`).
//! Their standings are in `standings.rs`, the achievements they count in `achievements.rs`.

use rusqlite::named_params;

use crate::domain::awards::{Award, AwardInput, Tier};
use crate::domain::ids::{AwardId, CampaignId};
use crate::error::{Error, FieldError, Problem, Result};
use crate::money::Money;

impl super::Awards<'_> {
    /// Creates (`id` None) or replaces an award's definition.
    pub fn save(&self, campaign_id: CampaignId, id: Option<AwardId>, input: &AwardInput) -> Result<AwardId> {
        input.validate()?;
        self.campaigns().get(campaign_id)?;
        if let Some(id) = id {
            if self.award_lock(id)?.is_some() {
                return Err(Error::Validation(vec![FieldError::new("name", Problem::Locked)]));
            }
        }
        // Codes, as JSON: ["reached_first","more_clients"].
        let tie_breaks = serde_json::to_string(&input.tie_breaks).map_err(|e| Error::Io(std::io::Error::other(e)))?;
        self.in_transaction(|s| {
            let c = &s.conn;
            let id = match id {
                Some(id) => {
                    c.execute(
                        "UPDATE awards SET name = :name, kind = :kind, for_teams = :for_teams, for_people = :for_people, metric = :metric, by_industry = :by_industry,
                                use_targets = :use_targets, tie_break = :tie_break, tie_breaks = :tie_breaks, shared_tiers = :shared_tiers WHERE id = :id",
                        named_params! {
                            ":id": id,
                            ":name": input.name.trim(),
                            ":kind": input.kind,
                            ":for_teams": input.for_teams,
                            ":for_people": input.for_people,
                            ":metric": input.metric,
                            ":by_industry": input.by_industry,
                            ":use_targets": input.use_targets,
                            ":tie_break": input.tie_break,
                            ":tie_breaks": tie_breaks,
                            ":shared_tiers": input.shared_tiers,
                        },
                    )?;
                    for table in ["award_tiers", "award_targets", "award_weights"] {
                        c.execute(&format!("DELETE FROM {table} WHERE award_id = :id"), named_params! { ":id": id })?;
                    }
                    id
                }
                None => {
                    c.execute(
                        "INSERT INTO awards (campaign_id, position, name, kind, for_teams, for_people, metric, by_industry, use_targets, tie_break, tie_breaks, shared_tiers)
                         VALUES (:campaign_id, (SELECT coalesce(max(position), -1) + 1 FROM awards WHERE campaign_id = :campaign_id), :name, :kind, :for_teams, :for_people, :metric, :by_industry, :use_targets, :tie_break, :tie_breaks, :shared_tiers)",
                        named_params! {
                            ":campaign_id": campaign_id,
                            ":name": input.name.trim(),
                            ":kind": input.kind,
                            ":for_teams": input.for_teams,
                            ":for_people": input.for_people,
                            ":metric": input.metric,
                            ":by_industry": input.by_industry,
                            ":use_targets": input.use_targets,
                            ":tie_break": input.tie_break,
                            ":tie_breaks": tie_breaks,
                            ":shared_tiers": input.shared_tiers,
                        },
                    )?;
                    AwardId(c.last_insert_rowid())
                }
            };
            for (i, t) in input.tiers.iter().enumerate() {
                c.execute(
                    "INSERT INTO award_tiers (award_id, position, name, places, honour, amount_fen) VALUES (:id, :position, :name, :places, :honour, :amount)",
                    named_params! {
                        ":id": id,
                        ":position": i as i64,
                        ":name": t.name.trim(),
                        ":places": t.places,
                        ":honour": t.honour,
                        ":amount": t.amount.map(Money::fen),
                    },
                )?;
            }
            for (scope, entrant, target) in &input.targets {
                c.execute(
                    "INSERT OR REPLACE INTO award_targets (award_id, scope, entrant_id, target) VALUES (:id, :scope, :entrant, :target)",
                    named_params! { ":id": id, ":scope": scope, ":entrant": entrant, ":target": target },
                )?;
            }
            for (component, weight) in &input.weights {
                c.execute(
                    "INSERT OR REPLACE INTO award_weights (award_id, component, weight_bp) VALUES (:id, :component, :weight)",
                    named_params! { ":id": id, ":component": component, ":weight": weight },
                )?;
            }
            Ok(id)
        })
    }

    pub fn list(&self, campaign_id: CampaignId) -> Result<Vec<Award>> {
        self.campaigns().get(campaign_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, kind, for_teams, for_people, metric, by_industry, use_targets, tie_break, tie_breaks, shared_tiers
             FROM awards WHERE campaign_id = :campaign_id ORDER BY position",
        )?;
        let heads: Vec<(AwardId, String, AwardInput)> = stmt
            .query_map(named_params! { ":campaign_id": campaign_id }, |r| {
                Ok((
                    r.get("id")?,
                    r.get("tie_breaks")?,
                    AwardInput {
                        name: r.get("name")?,
                        kind: r.get("kind")?,
                        for_teams: r.get("for_teams")?,
                        for_people: r.get("for_people")?,
                        metric: r.get("metric")?,
                        by_industry: r.get("by_industry")?,
                        use_targets: r.get("use_targets")?,
                        tie_break: r.get("tie_break")?,
                        tie_breaks: Vec::new(),
                        shared_tiers: r.get("shared_tiers")?,
                        tiers: Vec::new(),
                        targets: Vec::new(),
                        weights: Vec::new(),
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut awards = Vec::new();
        for (id, tie_breaks, mut input) in heads {
            input.tie_breaks = super::json_column(&tie_breaks, "awards", id)?;
            let mut stmt = self
                .conn
                .prepare_cached("SELECT name, places, honour, amount_fen FROM award_tiers WHERE award_id = :id ORDER BY position")?;
            input.tiers = stmt
                .query_map(named_params! { ":id": id }, |r| {
                    Ok(Tier {
                        name: r.get("name")?,
                        places: r.get("places")?,
                        honour: r.get("honour")?,
                        amount: r.get::<_, Option<i64>>(3)?.map(Money::from_fen),
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            let mut stmt = self.conn.prepare_cached("SELECT scope, entrant_id, target FROM award_targets WHERE award_id = :id")?;
            input.targets = stmt
                .query_map(named_params! { ":id": id }, |r| Ok((r.get("scope")?, r.get("entrant_id")?, r.get("target")?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut stmt =
                self.conn.prepare_cached("SELECT component, weight_bp FROM award_weights WHERE award_id = :id ORDER BY component")?;
            input.weights = stmt
                .query_map(named_params! { ":id": id }, |r| Ok((r.get("component")?, r.get("weight_bp")?)))?
                .collect::<rusqlite::Result<_>>()?;
            awards.push(Award { id, input, locked: self.award_lock(id)?.map(|(l, _)| l) });
        }
        Ok(awards)
    }
}
