#![allow(dead_code)]

pub mod files;
pub mod kpi_fixture;

use std::collections::HashMap;

use chrono::NaiveDate;
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::ClientInput;
use rampart_core::import::ImportOptions;

/// A planner's client import into `campaign`, written for real, at a fixed moment.
pub fn import_options(campaign: Option<CampaignId>) -> ImportOptions {
    ImportOptions {
        campaign_id: campaign,
        dry_run: false,
        mapping: HashMap::new(),
        author: "王策划".into(),
        now: NaiveDate::from_ymd_opt(2026, 11, 22).and_then(|d| d.and_hms_opt(10, 0, 0)).expect("time"),
    }
}

/// A small-business target with only a code and a name.
pub fn small_client(code: &str, name: &str) -> ClientInput {
    ClientInput {
        code: code.into(),
        name: name.into(),
        category: "sme".into(),
        tier: "C".into(),
        industry: String::new(),
        district: String::new(),
        team_id: None,
        account_manager_id: None,
        key_person: String::new(),
        key_person_phone: String::new(),
        notes: String::new(),
    }
}
