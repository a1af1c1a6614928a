//! The campaign's star service standards, one per service tier (`domain/service_standard.rs`).

use rusqlite::{named_params, OptionalExtension};

use crate::domain::ids::CampaignId;
use crate::domain::service_standard::{defaults, sample, ServiceStandard};
use crate::domain::Tier;
use crate::error::Result;

impl super::ServiceStandards<'_> {
    /// The standard of every tier, in tier order; a tier never set reads the sample's.
    pub fn list(&self, campaign_id: CampaignId) -> Result<Vec<ServiceStandard>> {
        self.campaigns().get(campaign_id)?;
        Tier::ALL.iter().map(|tier| self.of(campaign_id, *tier)).collect()
    }

    /// One tier's standard (the sample's when never set).
    pub fn of(&self, campaign_id: CampaignId, tier: Tier) -> Result<ServiceStandard> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT visit_every_months, response_hours, resolution_hours, dedicated_manager, vip_manager,
                    key_person_confirm_days, entitlements
             FROM service_standards WHERE campaign_id = :campaign AND tier = :tier",
        )?;
        let row = stmt
            .query_row(named_params! { ":campaign": campaign_id, ":tier": tier.code() }, |r| {
                Ok((
                    ServiceStandard {
                        tier,
                        visit_every_months: r.get("visit_every_months")?,
                        response_hours: r.get("response_hours")?,
                        resolution_hours: r.get("resolution_hours")?,
                        dedicated_manager: r.get("dedicated_manager")?,
                        vip_manager: r.get("vip_manager")?,
                        key_person_confirm_days: r.get("key_person_confirm_days")?,
                        entitlements: Vec::new(),
                    },
                    r.get::<_, String>("entitlements")?,
                ))
            })
            .optional()?;
        match row {
            Some((mut standard, entitlements)) => {
                standard.entitlements =
                    super::json_column::<Vec<String>>(&entitlements, "service_standards", format!("{campaign_id}/{}", tier.code()))?;
                Ok(standard)
            }
            None => Ok(sample(tier)),
        }
    }

    /// Replaces one tier's standard after checking it; all its problems come back at once.
    pub fn set(&self, campaign_id: CampaignId, standard: &ServiceStandard) -> Result<ServiceStandard> {
        self.campaigns().get(campaign_id)?;
        let mut standard = standard.clone();
        standard.entitlements = standard.entitlements.iter().map(|e| e.trim().to_string()).collect();
        standard.validate()?;
        self.in_transaction(|s| s.service_standards().write(campaign_id, &standard))?;
        Ok(standard)
    }

    /// Writes the sample standards for the tiers the campaign has not set (new campaigns, the demo).
    pub fn apply_defaults(&self, campaign_id: CampaignId) -> Result<()> {
        self.in_transaction(|s| {
            for standard in defaults() {
                let set: bool = s.conn.query_row(
                    "SELECT EXISTS (SELECT 1 FROM service_standards WHERE campaign_id = :campaign AND tier = :tier)",
                    named_params! { ":campaign": campaign_id, ":tier": standard.tier.code() },
                    |r| r.get(0),
                )?;
                if !set {
                    s.service_standards().write(campaign_id, &standard)?;
                }
            }
            Ok(())
        })
    }

    fn write(&self, campaign_id: CampaignId, s: &ServiceStandard) -> Result<()> {
        let entitlements = serde_json::Value::from(s.entitlements.clone()).to_string();
        self.conn.execute(
            "INSERT INTO service_standards (campaign_id, tier, visit_every_months, response_hours, resolution_hours,
                 dedicated_manager, vip_manager, key_person_confirm_days, entitlements)
             VALUES (:campaign, :tier, :visit, :response, :resolution, :dedicated, :vip, :confirm, :entitlements)
             ON CONFLICT (campaign_id, tier) DO UPDATE SET visit_every_months = excluded.visit_every_months,
                 response_hours = excluded.response_hours, resolution_hours = excluded.resolution_hours,
                 dedicated_manager = excluded.dedicated_manager, vip_manager = excluded.vip_manager,
                 key_person_confirm_days = excluded.key_person_confirm_days, entitlements = excluded.entitlements",
            named_params! {
                ":campaign": campaign_id,
                ":tier": s.tier.code(),
                ":visit": s.visit_every_months,
                ":response": s.response_hours,
                ":resolution": s.resolution_hours,
                ":dedicated": s.dedicated_manager,
                ":vip": s.vip_manager,
                ":confirm": s.key_person_confirm_days,
                ":entitlements": entitlements,
            },
        )?;
        Ok(())
    }
}
