//! 一户一案 on a real database: the template applied, the status workflow, progress and
//! lateness at their edges, the activity log, and restore after a mistaken delete.

use chrono::{NaiveDate, NaiveDateTime};
use rampart_core::domain::plan::{By, ItemEdit, ItemKind, ItemStatus};
use rampart_core::domain::ClientQuery;
use rampart_core::store::plans::PlanFilter;
use rampart_core::{demo, Error, Store};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

fn by(at: NaiveDateTime) -> By {
    By { author: "王策划".into(), at }
}

#[test]
fn the_demo_has_25_plans_with_a_mix_of_statuses() {
    let store = Store::open_in_memory().expect("store");
    let campaign = demo::seed_demo(&store, day(11, 22)).expect("demo");
    let plans = store.plans().list(campaign, &PlanFilter::default(), day(11, 22)).expect("plans");
    assert_eq!(plans.len(), 25, "the seed names 25 target clients");
    assert!(plans.iter().all(|p| p.item_count == 5), "five standard service items each");
    let statuses: std::collections::HashSet<_> =
        plans.iter().flat_map(|p| store.plans().get(p.id, day(11, 22)).expect("plan").items).map(|i| i.status).collect();
    assert_eq!(statuses.len(), 4, "all four statuses occur: {statuses:?}");
    assert!(plans.iter().any(|p| p.late > 0), "some items are late on 2026-11-22");
    assert!(plans.iter().any(|p| p.progress > 0 && p.progress < 100));
}

#[test]
fn template_workflow_progress_lateness_and_the_log() {
    let store = Store::open_in_memory().expect("store");
    let campaign = demo::seed_demo(&store, day(11, 22)).expect("demo");
    let client = store
        .clients()
        .page(&ClientQuery {
            campaign_id: Some(campaign),
            category: Some(rampart_core::domain::Category::Sme),
            limit: 1,
            ..Default::default()
        })
        .expect("client")
        .rows[0]
        .clone();
    let t0 = day(11, 1).and_hms_opt(9, 0, 0).expect("t");

    // The planner edits the template: four standard items and one of their own.
    let mut template = store.plans().template(campaign).expect("template");
    assert_eq!(template.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(), ["跟踪服务", "专家服务", "回报服务", "快速响应", "高质服务"]);
    template.pop();
    template.push((ItemKind::Custom, "节日关怀".into()));
    store.plans().set_template(campaign, &template).expect("save template");

    let plan_id = store.plans().create(campaign, client.id, "保住宽带", &by(t0)).expect("plan");
    assert!(matches!(store.plans().create(campaign, client.id, "again", &by(t0)), Err(Error::Duplicate { .. })), "one plan per client");
    let plan = store.plans().get(plan_id, day(11, 1)).expect("plan");
    assert_eq!(plan.items.len(), 5);
    assert_eq!(plan.items[4].title, "节日关怀", "the edited template is applied");
    assert!(plan.items.iter().all(|i| i.owner_id == client.account_manager_id), "owned by the client's account manager");
    assert!(plan.items.iter().all(|i| i.due == day(12, 31)), "due at the campaign's end");

    let ids: Vec<_> = plan.items.iter().map(|i| i.id).collect();
    let edit = |due: NaiveDate| ItemEdit { title: "跟踪服务".into(), owner_id: client.account_manager_id, due, note: String::new() };
    store.plans().update_item(ids[0], &edit(day(12, 10)), &by(t0)).expect("due 12-10");
    store.plans().update_item(ids[1], &ItemEdit { title: "专家服务".into(), ..edit(day(12, 9)) }, &by(t0)).expect("due 12-09");

    let today = day(12, 10);
    let p = store.plans().get(plan_id, today).expect("plan");
    assert!(!p.items[0].late, "due today is not late");
    assert!(p.items[1].late, "due yesterday and not done is late");
    assert_eq!((p.summary.late, p.summary.progress), (1, 0));

    // Done late: done after the due date; blocked needs a reason.
    let at = |d: NaiveDate| d.and_hms_opt(15, 0, 0).expect("t");
    let done = store.plans().set_item_status(ids[1], ItemStatus::Done, None, "", &by(at(today))).expect("done");
    assert_eq!((done.done_on, done.done_late, done.late), (Some(today), true, false));
    let Err(Error::Validation(fields)) = store.plans().set_item_status(ids[3], ItemStatus::Done, Some(day(12, 11)), "", &by(at(today)))
    else {
        panic!("a done date after today is refused: work cannot be done tomorrow")
    };
    assert_eq!(fields[0].field, "done_on", "the form marks the done date");
    let refused = store.plans().set_item_status(ids[2], ItemStatus::Blocked, None, "", &by(at(today)));
    assert!(matches!(refused, Err(Error::Validation(_))), "blocked without a reason is refused");
    store.plans().set_item_status(ids[2], ItemStatus::Blocked, None, "客户出差", &by(at(today))).expect("blocked");
    let p = store.plans().get(plan_id, today).expect("plan");
    assert_eq!((p.summary.done, p.summary.blocked, p.summary.progress), (1, 1, 20), "1 of 5 done is 20 %");

    // Reopening clears the done date.
    let reopened = store.plans().set_item_status(ids[1], ItemStatus::InProgress, None, "", &by(at(today))).expect("reopen");
    assert_eq!(reopened.done_on, None);

    // A mistaken delete is restored; the log tells the story, newest first.
    store.plans().delete(plan_id, &by(at(today))).expect("delete");
    assert!(store.plans().list(campaign, &PlanFilter::default(), today).expect("list").iter().all(|s| s.id != plan_id));
    store.plans().restore(plan_id, &by(at(today))).expect("restore");
    assert_eq!(store.plans().get(plan_id, today).expect("back").items.len(), 5, "items come back with the plan");
    let log = store.plans().history(plan_id).expect("log");
    assert_eq!((log[0].field.as_str(), log[0].from.as_str(), log[0].to.as_str()), ("plan", "deleted", "restored"), "codes, not words");
    let status_changes: Vec<String> = log
        .iter()
        .filter(|l| l.field == "status")
        .map(|l| format!("{} → {} {}", l.from, l.to, l.detail.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",")))
        .collect();
    assert_eq!(
        status_changes,
        ["done → in_progress ", "not_started → blocked reason=客户出差", "not_started → done done_on=2026-12-10"],
        "who changed what, from and to, as status codes with the date or reason beside them"
    );
    assert!(log.iter().all(|l| l.author == "王策划"));
    assert!(log.iter().any(|l| l.field == "due" && l.from == "2026-12-31" && l.to == "2026-12-09"));

    let workload = store.plans().workload(campaign, today).expect("workload");
    assert!(workload.iter().any(|w| w.owner_id == client.account_manager_id && w.items >= 5));
    assert!(
        workload.iter().all(|w| i64::from(w.progress) == w.done * 100 / w.items),
        "each owner's progress is the share of their items done, rounded down, sent so the UI does not compute it"
    );
    let timeline = store.plans().timeline(campaign, today).expect("timeline");
    assert!(timeline.windows(2).all(|w| w[0].due < w[1].due) && timeline.last().is_some_and(|d| d.due <= day(12, 31)));
    assert!(timeline.iter().all(|d| d.pending + d.done + d.late == d.items), "every item due on a day is done, late or pending");
}

#[test]
fn plans_for_many_targets_are_made_together_or_not_at_all() {
    let store = Store::open_in_memory().expect("store");
    let campaign = demo::seed_demo(&store, day(11, 22)).expect("demo");
    let t0 = day(11, 2).and_hms_opt(9, 0, 0).expect("t");
    let unplanned = |limit| {
        let q =
            ClientQuery { campaign_id: Some(campaign), lacking: Some(rampart_core::domain::Lacking::Plan), limit, ..Default::default() };
        store.clients().page(&q).expect("targets without a plan")
    };
    let before = unplanned(3);
    assert!(before.total >= 3, "the demo leaves targets without a plan");
    let three: Vec<_> = before.rows.iter().map(|c| c.id).collect();
    let planned = store.plans().list(campaign, &PlanFilter::default(), day(11, 22)).expect("plans");

    // One of the chosen already has a plan: nothing is made, and the message names it.
    let mut with_planned = three.clone();
    with_planned.push(planned[0].client_id);
    match store.plans().create_many(campaign, &with_planned, "", &by(t0)) {
        Err(err @ Error::Duplicate { .. }) => {
            assert!(err.message_zh().contains(&planned[0].code), "names the client: {}", err.message_zh())
        }
        other => panic!("a client with a plan must refuse the whole batch, got {other:?}"),
    }
    assert_eq!(unplanned(3).total, before.total, "all or nothing: no plan was made for the other three");

    let made = store.plans().create_many(campaign, &three, "稳住存量", &by(t0)).expect("three plans");
    assert_eq!(made.len(), 3);
    assert_eq!(unplanned(3).total, before.total - 3, "the three leave the list of targets without a plan");
    let plan = store.plans().get(made[0], day(11, 22)).expect("plan");
    assert_eq!(plan.items.len(), store.plans().template(campaign).expect("template").len(), "each gets the template's items");
}
