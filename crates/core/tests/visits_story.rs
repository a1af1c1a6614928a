//! Visits and key persons on the KPI fixture (`support/kpi_fixture.rs`): campaign 1 runs 1 Oct –
//! 31 Dec 2026; C1 and C3 are tier A (a visit a month in the sample), C2 tier B (a quarter), C4
//! and C5 tier C (half a year, so one period cut at the campaign's end); C6 is no target.

mod support;

use chrono::NaiveDate;
use rampart_core::domain::contact::ContactInput;
use rampart_core::domain::ids::{CampaignId, ClientId, PersonId, TeamId};
use rampart_core::domain::plan::By;
use rampart_core::domain::visit::{VisitInput, VisitRequest};
use rampart_core::domain::warning::KeyPersonSource;
use rampart_core::store::DueFilter;
use rampart_core::Error;
use support::kpi_fixture::kpi_store;

const C: CampaignId = CampaignId(1);

/// 张经理 manages C1 and C3; 李VIP is C3's VIP account manager.
const PEOPLE: &str = "
INSERT INTO people (id, name, team_id, role) VALUES (1, '张经理', 1, 'account_manager'), (2, '李VIP', 1, 'vip_account_manager');
UPDATE clients SET account_manager_id = 1 WHERE id IN (1, 3);
UPDATE clients SET vip_manager_id = 2 WHERE id = 3;
UPDATE clients SET key_person = '王主任', key_person_phone = '13800000001' WHERE id = 1;
";

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

fn by() -> By {
    By { author: "王策划".into(), at: day(11, 15).and_hms_opt(10, 0, 0).expect("time") }
}

fn visit(on: NaiveDate) -> VisitInput {
    VisitInput {
        visited_on: on,
        met: "张经理拜访王主任".into(),
        needs: "专线扩容".into(),
        competitors: "移动报价八折".into(),
        next_steps: "出方案".into(),
        request: None,
    }
}

fn due_codes(store: &rampart_core::Store, today: NaiveDate, filter: DueFilter) -> Vec<(String, String, bool)> {
    let page = store.visits().due(C, today, filter, 0, 0).expect("due visits");
    assert_eq!(page.total as usize, page.rows.len(), "one page holds them all");
    page.rows.into_iter().map(|v| (v.client_code, v.due.to_string(), v.overdue)).collect()
}

#[test]
fn each_tier_wants_its_visits_and_a_visit_in_a_period_meets_it() {
    let dir = tempfile::tempdir().expect("dir");
    let store = kpi_store(&dir, PEOPLE);
    store.visits().record(C, ClientId(1), &visit(day(10, 10)), day(11, 15), KeyPersonSource::Form, &by()).expect("C1 in October");
    store.visits().record(C, ClientId(2), &visit(day(11, 2)), day(11, 15), KeyPersonSource::Form, &by()).expect("C2 in November");

    let due = due_codes(&store, day(11, 15), DueFilter::default());
    let expected = [
        ("C3", "2026-10-31", true),
        ("C1", "2026-11-30", false),
        ("C3", "2026-11-30", false),
        ("C4", "2026-12-31", false),
        ("C5", "2026-12-31", false),
    ]
    .map(|(c, d, o)| (c.to_string(), d.to_string(), o));
    assert_eq!(due, expected, "C3 missed October; C1 met it; C2's quarter is met; December's periods have not begun");

    let first = store.visits().due(C, day(11, 15), DueFilter::default(), 1, 0).expect("first");
    let c3 = &first.rows[0];
    assert_eq!((c3.owner.as_str(), c3.vip_manager.as_str(), c3.days_overdue), ("张经理", "李VIP", 15), "both managers shown");
    assert_eq!(
        (c3.client_code.as_str(), c3.tier.as_str(), c3.team_name.as_str(), c3.from, c3.last_visit, c3.request_id),
        ("C3", "A", "鼓楼区", day(10, 1), None, None),
        "the client, its tier and team, the period's first day; never visited; from the schedule"
    );
    let c1 = store.visits().due(C, day(11, 15), DueFilter::default(), 2, 1).expect("second").rows.remove(0);
    assert_eq!((c1.client_code.as_str(), c1.last_visit), ("C1", Some(day(10, 10))), "C1's last visit is shown with its next one");
    let vip = due_codes(&store, day(11, 15), DueFilter { person: Some(PersonId(2)), ..DueFilter::default() });
    assert!(vip.iter().all(|(c, _, _)| c == "C3") && vip.len() == 2, "the VIP manager is told of C3's visits: {vip:?}");
    let overdue = due_codes(&store, day(11, 15), DueFilter { overdue_only: true, team: Some(TeamId(2)), ..DueFilter::default() });
    assert_eq!(overdue.len(), 1, "鼓楼区 has one overdue visit, C3's October one");

    let load = store.visits().load(C, day(11, 15), true).expect("per team");
    let per_team: Vec<_> = load.iter().map(|l| (l.name.as_str(), l.due, l.overdue)).collect();
    assert_eq!(per_team, [("网吧宽频部", 2, 0), ("鼓楼区", 3, 1)], "teams by name, with their due and overdue visits");

    // Visits made by each day against those due by then: October's two A periods (C1 met),
    // November's two more (neither by 30 Nov), then every period of the campaign.
    let on_time = store.visits().on_time(C, None, &[day(10, 31), day(11, 30), day(12, 31)]).expect("on time");
    assert_eq!(on_time, [(1, 2), (1, 4), (2, 9)]);
}

#[test]
fn a_visit_asked_for_is_due_until_a_visit_after_the_asking_and_bad_visits_change_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let store = kpi_store(&dir, PEOPLE);
    store.visits().record(C, ClientId(2), &visit(day(11, 2)), day(11, 15), KeyPersonSource::Form, &by()).expect("C2 in November");
    let asked = VisitRequest { due: day(11, 14), reason: "投诉跟进".into() };
    let id = store.visits().ask(C, ClientId(2), &asked, day(11, 12), &by()).expect("asked");
    let due = store.visits().due(C, day(11, 15), DueFilter { team: Some(TeamId(2)), ..DueFilter::default() }, 0, 0).expect("due");
    let request = due.rows.iter().find(|v| v.request_id == Some(id)).expect("the request is due: the 2 Nov visit came before it");
    assert_eq!((request.client_code.as_str(), request.overdue, request.reason.as_str()), ("C2", true, "投诉跟进"));

    store
        .visits()
        .record(C, ClientId(2), &VisitInput { request: Some(id), ..visit(day(11, 15)) }, day(11, 15), KeyPersonSource::Form, &by())
        .expect("answered");
    let after = store.visits().due(C, day(11, 15), DueFilter::default(), 0, 0).expect("due");
    assert!(after.rows.iter().all(|v| v.request_id.is_none()), "the request is met");
    assert_eq!(store.visits().list(C, Some(ClientId(2)), 0, 0).expect("visits").total, 2);

    let before = store.visits().list(C, None, 0, 0).expect("visits").total;
    let tomorrow = store.visits().record(C, ClientId(1), &visit(day(11, 16)), day(11, 15), KeyPersonSource::Form, &by());
    assert!(matches!(tomorrow, Err(Error::Validation(ref e)) if e[0].field == "visited_on"), "not yet happened: {tomorrow:?}");
    let outsider = store.visits().record(C, ClientId(6), &visit(day(11, 1)), day(11, 15), KeyPersonSource::Form, &by());
    assert!(matches!(outsider, Err(Error::Validation(ref e)) if e[0].field == "client"), "C6 is no target: {outsider:?}");
    let wrong = store.visits().record(
        C,
        ClientId(1),
        &VisitInput { request: Some(id), ..visit(day(11, 1)) },
        day(11, 15),
        KeyPersonSource::Form,
        &by(),
    );
    assert!(matches!(wrong, Err(Error::Validation(ref e)) if e[0].field == "request"), "C2's request is not C1's: {wrong:?}");
    assert_eq!(store.visits().list(C, None, 0, 0).expect("visits").total, before, "refused visits leave nothing behind");
}

#[test]
fn contacts_keep_their_history_and_unconfirmed_key_persons_are_listed_by_tier() {
    let dir = tempfile::tempdir().expect("dir");
    let store = kpi_store(&dir, PEOPLE);
    let deputy =
        ContactInput {
            name: "刘副主任".into(), role: "信息中心".into(), phone: "0591-8800".into(), key_person: true, confirmed_on: None
        };
    let added = store.contacts().add(ClientId(1), &deputy, day(11, 15), KeyPersonSource::Form, &by()).expect("added");
    let contacts = store.contacts().list(ClientId(1)).expect("contacts");
    assert_eq!(contacts.iter().map(|c| (c.id.is_some(), c.name.as_str())).collect::<Vec<_>>(), [(false, "王主任"), (true, "刘副主任")]);
    assert_eq!(contacts[0].confirmed_on, Some(day(10, 3)), "the record's key person counts from its last change");

    // As of 3 Dec (tier A: 90 days): C1's record person (3 Oct) is fine, its new deputy never
    // confirmed; C2 to C5 have no key person on their record.
    let listed = |store: &rampart_core::Store| -> Vec<(String, String)> {
        let page = store.contacts().unconfirmed(C, day(12, 3), None, 0, 0).expect("unconfirmed");
        page.rows.into_iter().map(|r| (r.client_code, r.key_person)).collect()
    };
    let names = listed(&store);
    assert!(names.contains(&("C1".into(), "刘副主任".into())), "a key contact never confirmed is listed: {names:?}");
    assert!(!names.contains(&("C1".into(), "王主任".into())), "confirmed 61 days ago is within tier A's 90: {names:?}");
    assert!(names.contains(&("C2".into(), String::new())), "a target with no key person on record at all is listed: {names:?}");
    assert!(!names.iter().any(|(c, _)| c == "C6"), "C6 is no target: {names:?}");

    store.contacts().confirm(ClientId(1), added.id, day(12, 1), day(12, 3), KeyPersonSource::Form, &by()).expect("confirmed");
    assert!(!listed(&store).contains(&("C1".into(), "刘副主任".into())), "confirmed on 1 Dec, no longer listed");
    let mut moved = deputy.clone();
    moved.phone = "0591-8801".into();
    store.contacts().update(added.id.expect("id"), &moved, day(12, 3), KeyPersonSource::Tracker, &by()).expect("changed");
    store.contacts().confirm(ClientId(1), None, day(12, 2), day(12, 3), KeyPersonSource::Form, &by()).expect("the record's person");
    let history = store.contacts().history(ClientId(1)).expect("history");
    let actions: Vec<_> = history.iter().map(|h| (h.contact_id.is_some(), h.action, h.source)).collect();
    use rampart_core::domain::contact::ContactAction::*;
    assert_eq!(actions.len(), 5, "added, confirmed, changed, the record's confirmation, and its 3 Oct change: {actions:?}");
    assert_eq!(actions[4], (false, Changed, KeyPersonSource::Form), "the oldest last: the record's change of 3 Oct");
    assert!(actions.contains(&(true, Changed, KeyPersonSource::Tracker)), "a change keeps its source");
    assert!(actions.contains(&(false, Confirmed, KeyPersonSource::Form)), "the record's confirmation is in the same history");
    assert!(
        store.key_people().changes(C, day(10, 1)).expect("changes").iter().all(|c| c.new_name != "王主任" || c.changed_on != day(12, 2)),
        "a confirmation is not a change of key person (关键人异动)"
    );
    let ahead = store.contacts().confirm(ClientId(1), added.id, day(12, 4), day(12, 3), KeyPersonSource::Form, &by());
    assert!(matches!(ahead, Err(Error::Validation(_))), "a confirmation can't be ahead of today");
}
