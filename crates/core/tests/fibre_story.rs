//! Strategy 4's work list on the KPI fixture (`support/kpi_fixture.rs`): the high-risk targets
//! without fibre are C2 and C3 (C1 has fibre; C4, C5 are not high-risk; C6 is no target).

mod support;

use chrono::NaiveDate;
use rampart_core::domain::fibre::{FibreStatus, FibreUpdate};
use rampart_core::domain::ids::{CampaignId, ClientId, TeamId};
use rampart_core::domain::plan::By;
use rampart_core::Error;
use support::kpi_fixture::kpi_store;

const C: CampaignId = CampaignId(1);

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

fn by() -> By {
    By { author: "王策划".into(), at: day(11, 20).and_hms_opt(10, 0, 0).expect("time") }
}

fn update(status: FibreStatus) -> FibreUpdate {
    FibreUpdate { status, reason: String::new(), surveyed_on: None, scheduled_on: None, done_on: None }
}

#[test]
fn the_work_list_moves_client_by_client_and_refuses_what_is_not_on_it() {
    let dir = tempfile::tempdir().expect("dir");
    let store = kpi_store(&dir, "");
    let list = store.fibre().list(C, None, None, 0, 0).expect("list");
    assert_eq!(list.total, 2);
    assert_eq!(list.rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), ["C2", "C3"], "the high-risk targets without fibre");
    assert!(list.rows.iter().all(|r| r.status == FibreStatus::ToSurvey && r.updated_by.is_none()), "untouched clients are 待勘察");

    let mut surveyed = update(FibreStatus::Surveyed);
    surveyed.surveyed_on = Some(day(11, 10));
    let row = store.fibre().set(C, ClientId(2), &surveyed, day(11, 20), &by()).expect("survey C2");
    assert_eq!((row.status, row.surveyed_on, row.updated_by.as_deref()), (FibreStatus::Surveyed, Some(day(11, 10)), Some("王策划")));
    let counts = store.fibre().counts(C).expect("counts");
    assert_eq!(counts.len(), 1, "both are 鼓楼区's");
    assert_eq!((counts[0].team_id, counts[0].team_name.as_str()), (Some(TeamId(2)), "鼓楼区"));
    assert_eq!(&counts[0].by_status[..2], [(FibreStatus::ToSurvey, 1), (FibreStatus::Surveyed, 1)]);
    let only = store.fibre().list(C, Some(TeamId(2)), Some(FibreStatus::Surveyed), 0, 0).expect("filtered");
    assert_eq!(only.rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), ["C2"], "narrowed to a team and a status");

    let no_reason = store.fibre().set(C, ClientId(3), &update(FibreStatus::NotCoverable), day(11, 20), &by());
    assert!(matches!(no_reason, Err(Error::Validation(ref e)) if e[0].field == "reason"), "无法覆盖 needs its reason: {no_reason:?}");
    assert_eq!(store.fibre().get(C, ClientId(3)).expect("C3").status, FibreStatus::ToSurvey, "a refused change changes nothing");
    let with_fibre = store.fibre().set(C, ClientId(1), &surveyed, day(11, 20), &by());
    assert!(matches!(with_fibre, Err(Error::Validation(ref e)) if e[0].field == "client"), "C1 already has fibre: {with_fibre:?}");

    // Fibre reaching C3 takes it off the list, whoever recorded the contract.
    let other = rusqlite::Connection::open(store.path().expect("a file")).expect("second connection");
    other
        .execute(
            "INSERT INTO contracts (number, client_id, product_type, monthly_fee_fen, fiber_to_premises) VALUES ('K3F', 3, 'fiber_only', 100, 1)",
            [],
        )
        .expect("a fibre contract");
    let after = store.fibre().list(C, None, None, 0, 0).expect("list");
    assert_eq!(after.rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), ["C2"], "C3 has fibre now");
}
