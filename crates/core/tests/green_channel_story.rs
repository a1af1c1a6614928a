//! The green channel on the KPI fixture (`support/kpi_fixture.rs`) with the sample calendar
//! (Mon–Fri 08:30–17:30, 国庆 1–7 Oct off, Saturday 10 Oct a make-up day) and the sample tiers:
//! A answers in 2 h and resolves in 8 h, B in 4 h / 24 h, C in 8 h / 48 h of working time.

mod support;

use chrono::{NaiveDate, NaiveDateTime};
use rampart_core::domain::green_channel::{RequestInput, RequestKind, RequestStatus, RequestStep};
use rampart_core::domain::ids::{CampaignId, ClientId};
use rampart_core::domain::plan::By;
use rampart_core::import::green_requests::import_requests;
use rampart_core::store::green_channel::RequestFilter;
use rampart_core::Error;
use support::kpi_fixture::kpi_store;

const C: CampaignId = CampaignId(1);

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("a moment")
}

fn by(now: &str) -> By {
    By { author: "客维中心".into(), at: at(now) }
}

fn input(kind: RequestKind, received: &str) -> RequestInput {
    RequestInput { kind, received_at: at(received), description: "专线中断".into() }
}

fn step(status: RequestStatus, when: &str, resolution: &str) -> RequestStep {
    RequestStep { status, at: at(when), resolution: resolution.into() }
}

#[test]
fn deadlines_follow_the_tier_across_weekends_and_holidays_and_rates_count_them() {
    let dir = tempfile::tempdir().expect("dir");
    let store = kpi_store(&dir, "");
    let g = store.green_channel();
    let now = at("2026-12-03 09:00");

    // C1 (A) on a Friday afternoon: 90 minutes left that day, the rest on Monday.
    let a = g.add(C, ClientId(1), &input(RequestKind::Fault, "2026-11-20 16:00"), now, &by("2026-11-20 16:05")).expect("C1");
    assert_eq!((a.response_due, a.resolution_due), (at("2026-11-23 09:00"), at("2026-11-23 15:00")), "A: 2 h and 8 h of working time");
    // C2 (B) on the eve of 国庆: the holiday week stops the clock, the make-up Saturday runs it.
    let b = g.add(C, ClientId(2), &input(RequestKind::Change, "2026-09-30 16:30"), now, &by("2026-09-30 16:40")).expect("C2");
    assert_eq!((b.response_due, b.resolution_due), (at("2026-10-08 11:30"), at("2026-10-10 13:30")), "B: 4 h and 24 h, 1–7 Oct off");
    // C4 (C) still open, past its 48 h.
    let c = g.add(C, ClientId(4), &input(RequestKind::Complaint, "2026-11-25 10:00"), now, &by("2026-11-25 10:00")).expect("C4");
    assert_eq!(c.resolution_due, at("2026-12-02 13:00"), "C: 48 h over five working days");
    assert!(c.breached && c.minutes_left == Some(-20 * 60), "open past its deadline on 3 Dec 09:00: {c:?}");

    g.step(C, a.id, &step(RequestStatus::InProgress, "2026-11-23 08:45", ""), now, &by("2026-11-23 08:45")).expect("answered");
    let done =
        g.step(C, a.id, &step(RequestStatus::Resolved, "2026-11-23 14:00", "更换光模块"), now, &by("2026-11-23 14:00")).expect("resolved");
    assert!(!done.breached && done.minutes_left.is_none(), "answered and resolved in time");
    let late = g.step(C, b.id, &step(RequestStatus::Resolved, "2026-10-12 10:00", "调整路由"), now, &by("2026-10-12 10:00")).expect("late");
    assert!(late.breached, "resolved after 10 Oct 13:30");
    assert_eq!(late.responded_at, Some(at("2026-10-12 10:00")), "resolving answers it too");

    let tiers = g.rates(C, now, false).expect("by tier");
    let by_tier: Vec<_> = tiers.iter().map(|r| (r.name.as_str(), r.resolved, r.on_time, r.open_overdue, r.rate)).collect();
    assert_eq!(by_tier, [("A", 1, 1, 0, Some(100.0)), ("B", 1, 0, 0, Some(0.0)), ("C", 0, 0, 1, None)]);
    let teams = g.rates(C, now, true).expect("by team");
    let by_team: Vec<_> = teams.iter().map(|r| (r.name.as_str(), r.resolved, r.on_time, r.breached)).collect();
    assert_eq!(by_team, [("网吧宽频部", 1, 1, 1), ("鼓楼区", 1, 0, 1)], "C1 and C4 are 网吧宽频部's, C2 鼓楼区's");
    let days = [NaiveDate::from_ymd_opt(2026, 11, 22).expect("d"), NaiveDate::from_ymd_opt(2026, 11, 23).expect("d")];
    assert_eq!(g.on_time(C, None, &days).expect("kpi"), [(0, 1), (1, 2)], "resolved by each day, and on time");

    let open = g.list(C, RequestFilter { open_only: true, ..RequestFilter::default() }, now, 0, 0).expect("open");
    assert_eq!(open.rows.iter().map(|r| r.client_code.as_str()).collect::<Vec<_>>(), ["C4"]);
    let breached = g.list(C, RequestFilter { breached_only: true, ..RequestFilter::default() }, now, 0, 0).expect("breached");
    assert_eq!(breached.total, 2, "C2 resolved late and C4 open past its deadline");
}

#[test]
fn bad_requests_and_moves_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let store = kpi_store(&dir, "");
    let g = store.green_channel();
    let now = at("2026-12-03 09:00");
    let outsider = g.add(C, ClientId(6), &input(RequestKind::Fault, "2026-12-01 10:00"), now, &by("2026-12-03 09:00"));
    assert!(matches!(outsider, Err(Error::Validation(ref e)) if e[0].field == "client"), "C6 is no target: {outsider:?}");
    let ahead = g.add(C, ClientId(1), &input(RequestKind::Fault, "2026-12-03 10:00"), now, &by("2026-12-03 09:00"));
    assert!(matches!(ahead, Err(Error::Validation(ref e)) if e[0].field == "received_at"), "not received yet: {ahead:?}");
    let r = g.add(C, ClientId(1), &input(RequestKind::Fault, "2026-12-01 10:00"), now, &by("2026-12-03 09:00")).expect("C1");
    let no_reason = g.step(C, r.id, &step(RequestStatus::Resolved, "2026-12-02 10:00", ""), now, &by("2026-12-03 09:00"));
    assert!(matches!(no_reason, Err(Error::Validation(ref e)) if e[0].field == "resolution"), "{no_reason:?}");
    let before = g.step(C, r.id, &step(RequestStatus::InProgress, "2026-12-01 09:00", ""), now, &by("2026-12-03 09:00"));
    assert!(matches!(before, Err(Error::Validation(ref e)) if e[0].field == "at"), "answered before it came: {before:?}");
    let back = g.step(C, r.id, &step(RequestStatus::Open, "2026-12-02 10:00", ""), now, &by("2026-12-03 09:00"));
    assert!(matches!(back, Err(Error::Validation(ref e)) if e[0].field == "status"), "{back:?}");
    assert_eq!(g.get(C, r.id, now).expect("r").status, RequestStatus::Open, "refused moves leave it open");
}

#[test]
fn a_file_of_requests_is_imported_whole_or_not_at_all() {
    let dir = tempfile::tempdir().expect("dir");
    let store = kpi_store(&dir, "");
    let bad = dir.path().join("绿色通道.csv");
    std::fs::write(
        &bad,
        "绿色通道受理登记\n客户编码,类型,受理时间,描述\nC1,故障,2026-11-20 16:00,专线中断\nC9,装机,2026/11/21 09:00,新装\nC2,维修,2026-11-22 10:00,x\nC3,投诉,2026-12-09 10:00,资费\n",
    )
    .expect("file");
    let report = import_requests(&store, &bad, C, false, &by("2026-12-03 09:00")).expect("read");
    let found: Vec<_> = report.problems.iter().map(|p| (p.line, p.column.as_str())).collect();
    assert_eq!(found, [(4, "客户编码"), (5, "类型"), (6, "受理时间")], "each problem on its line and column: {:?}", report.problems);
    assert!(!report.written);
    assert_eq!(
        store.green_channel().list(C, RequestFilter::default(), at("2026-12-03 09:00"), 0, 0).expect("list").total,
        0,
        "nothing written"
    );

    let good = dir.path().join("ok.csv");
    std::fs::write(&good, "客户编码,类型,受理时间,描述\nC1,故障,2026-11-20 16:00,专线中断\nC2,change,2026年11月23日 9:15,改带宽\n")
        .expect("file");
    let report = import_requests(&store, &good, C, false, &by("2026-12-03 09:00")).expect("read");
    assert_eq!((report.added, report.written), (2, true), "{:?}", report.problems);
    let list = store.green_channel().list(C, RequestFilter::default(), at("2026-12-03 09:00"), 0, 0).expect("list");
    assert!(list.rows.iter().any(|r| r.client_code == "C1" && r.resolution_due == at("2026-11-23 15:00")), "the same deadline as by hand");
    assert!(list.rows.iter().any(|r| r.received_at == at("2026-11-23 09:15")), "a Chinese date with a time is read");
}
