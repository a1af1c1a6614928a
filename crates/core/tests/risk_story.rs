//! High-risk targets on the demo campaign: the SQL filter, the per-row flags and the reasons
//! agree, and follow the campaign's thresholds.

use chrono::NaiveDate;
use rampart_core::domain::risk::{RiskFlag, RiskSettings};
use rampart_core::domain::{ClientQuery, RiskFilter};
use rampart_core::{demo, Error, Money, Store};

#[test]
fn filters_flags_and_reasons_agree_and_follow_the_thresholds() {
    let store = Store::open_in_memory().expect("store");
    let campaign = demo::seed_demo(&store, NaiveDate::from_ymd_opt(2026, 11, 22).expect("d")).expect("demo");
    let all = store.clients().page(&ClientQuery { campaign_id: Some(campaign), limit: 1000, ..Default::default() }).expect("all");
    let flagged_by_reasons = all.rows.iter().filter(|r| !store.clients().risks(campaign, r.id).expect("reasons").is_empty()).count() as i64;
    assert!(flagged_by_reasons > 0, "the demo has high-risk targets");
    assert!(all.rows.iter().all(|r| r.risks.is_empty() == store.clients().risks(campaign, r.id).expect("r").is_empty()));

    let any = store
        .clients()
        .page(&ClientQuery { campaign_id: Some(campaign), risk: Some(RiskFilter::Any), limit: 1000, ..Default::default() })
        .expect("any");
    assert_eq!(any.total, flagged_by_reasons, "the SQL filter finds exactly the clients the rules flag");
    let summary = store.campaigns().summary(campaign).expect("summary");
    assert_eq!(summary.high_risk, flagged_by_reasons, "the overview counts the same clients");
    assert_eq!(summary.high_risk_by_team.iter().map(|(_, n)| n).sum::<i64>(), flagged_by_reasons);

    let expiring = store
        .clients()
        .page(&ClientQuery { campaign_id: Some(campaign), risk: Some(RiskFilter::Expiring), limit: 1000, ..Default::default() })
        .expect("expiring");
    assert!(expiring.total > 0 && expiring.rows.iter().all(|r| r.risks.contains(&RiskFlag::Expiring)));

    // Thresholds nobody reaches: nothing is high-risk any more.
    let calm = RiskSettings { expiry_window_days: 0, high_spend: Money::from_yuan(10_000_000), high_price: Money::from_yuan(1_000_000) };
    let updated = store.campaigns().set_risk_settings(campaign, calm).expect("settings");
    assert_eq!(updated.risk, calm);
    let after = store.campaigns().summary(campaign).expect("summary").high_risk;
    assert!(after < flagged_by_reasons, "only agreements ending by the campaign's end remain ({after})");

    let bad = RiskSettings { expiry_window_days: -1, ..calm };
    assert!(matches!(store.campaigns().set_risk_settings(campaign, bad), Err(Error::Validation(_))));
}
