//! Star service standards (A、B、C类业务星级服务) as a planner keeps them: a new campaign starts
//! with the seed's, one tier is edited, a bad edit changes nothing, a campaign from before the
//! standards reads the sample, and a new period carries the edits.

use chrono::NaiveDate;
use rampart_core::campaign_copy::{copy, CopyInput};
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::service_standard::{defaults, sample};
use rampart_core::domain::{CampaignInput, CampaignStatus, Tier};
use rampart_core::{Error, Money, Store};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

fn campaign(store: &Store, name: &str, from_defaults: bool) -> CampaignId {
    let input = CampaignInput {
        name: name.into(),
        theme: String::new(),
        start_date: day(10, 1),
        end_date: day(12, 31),
        status: CampaignStatus::Active,
        subsidy_budget: Money::from_yuan(100_000),
        goals: String::new(),
    };
    store
        .in_transaction(|s| {
            let id = s.campaigns().create(&input)?;
            if from_defaults {
                rampart_core::campaign_defaults::apply(s, id, "王策划", day(9, 20).and_hms_opt(9, 0, 0).unwrap_or_default())?;
            }
            Ok(id)
        })
        .expect("campaign")
}

#[test]
fn a_planner_edits_a_tier_and_a_bad_edit_changes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("service.db")).expect("store");
    let id = campaign(&store, "长城计划", true);
    assert_eq!(
        store.service_standards().list(id).expect("standards"),
        defaults(),
        "a campaign from the defaults starts with the seed's tiers"
    );

    let mut b = sample(Tier::B);
    b.visit_every_months = 2;
    b.entitlements.push("  季度业务分析  ".into());
    let saved = store.service_standards().set(id, &b).expect("save B");
    assert_eq!(saved.entitlements.last().map(String::as_str), Some("季度业务分析"), "an entitlement is kept without its spaces");
    let reopened = Store::open(&dir.path().join("service.db")).expect("reopen");
    assert_eq!(reopened.service_standards().of(id, Tier::B).expect("B"), saved, "the edit is in the file");

    let mut bad = saved.clone();
    bad.response_hours = 30;
    bad.resolution_hours = 24;
    match store.service_standards().set(id, &bad) {
        Err(Error::Validation(errors)) => {
            assert_eq!(errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["resolution_hours"], "the field at fault is named")
        }
        other => panic!("answering slower than resolving must be refused, got {other:?}"),
    }
    assert_eq!(store.service_standards().of(id, Tier::B).expect("B"), saved, "a refused edit leaves the saved standard");
    assert!(
        matches!(store.service_standards().list(CampaignId(999)), Err(Error::NotFound { .. })),
        "an unknown campaign is not found, not given the sample"
    );
}

#[test]
fn a_campaign_without_standards_reads_the_sample_and_a_new_period_carries_the_edits() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("service.db")).expect("store");
    let bare = campaign(&store, "空白活动", false);
    assert_eq!(store.service_standards().list(bare).expect("standards"), defaults(), "a tier never set reads the sample's");

    let id = campaign(&store, "长城计划", true);
    let mut a = sample(Tier::A);
    a.vip_manager = false;
    a.key_person_confirm_days = 60;
    store.service_standards().set(id, &a).expect("save A");
    let by = rampart_core::domain::plan::By { author: "王策划".into(), at: day(12, 1).and_hms_opt(9, 0, 0).unwrap_or_default() };
    let mut calendar = store.green_channel().calendar(id).expect("calendar");
    calendar.hours.retain(|h| h.weekday != 5);
    store.green_channel().set_calendar(id, &calendar, &by).expect("Fridays closed");
    let mut care = store.care().settings(id).expect("care");
    care.new_within_days = 90;
    store.care().set_settings(id, &care, &by).expect("a 90-day window");
    let input = CopyInput {
        name: "长城计划 2027".into(),
        start_date: NaiveDate::from_ymd_opt(2027, 1, 1).expect("date"),
        end_date: NaiveDate::from_ymd_opt(2027, 3, 31).expect("date"),
        subsidy_budget: Money::from_yuan(100_000),
        with_targets: false,
    };
    let report = copy(&store, id, &input, "王策划", day(12, 30).and_hms_opt(9, 0, 0).unwrap_or_default()).expect("copy");
    let copied = store.service_standards().list(report.campaign_id).expect("the copy's standards");
    assert_eq!(copied[0], a, "the new period keeps tier A as edited");
    assert_eq!(copied[1..], defaults()[1..], "and the other tiers as they were");
    assert_eq!(store.green_channel().calendar(report.campaign_id).expect("calendar"), calendar, "the service calendar as edited");
    assert_eq!(store.care().settings(report.campaign_id).expect("care").new_within_days, 90, "the care calendar as edited");
}
