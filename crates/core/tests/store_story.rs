//! A planner's day against a real database file: seed, find, edit, reopen, delete.

use chrono::NaiveDate;
use rampart_core::domain::{Category, ClientInput, ClientQuery, ClientSort, Tier};
use rampart_core::{demo, Error, Store};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
}

fn input(code: &str, name: &str) -> ClientInput {
    ClientInput {
        code: code.into(),
        name: name.into(),
        category: "sme".into(),
        tier: "C".into(),
        industry: "商贸零售".into(),
        district: "鼓楼区".into(),
        team_id: None,
        account_manager_id: None,
        key_person: String::new(),
        key_person_phone: String::new(),
        notes: String::new(),
    }
}

#[test]
fn a_planners_day_on_a_real_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("nested").join("rampart.db");

    let store = Store::open(&path).expect("a new file opens and is migrated");
    let campaign = demo::seed_demo(&store, today()).expect("demo seeds");
    assert_eq!(demo::seed_demo(&store, today()).expect("second seed"), campaign, "seeding twice must not create a second demo campaign");
    let c = store.campaigns().get(campaign).expect("campaign");
    assert_eq!(c.name, "长城计划");
    assert_eq!(c.end_date, NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"), "runs to 12月31日 of today's year");

    let summary = store.campaigns().summary(campaign).expect("summary");
    assert!(summary.targets >= 300, "the demo promises at least 300 targets, got {}", summary.targets);
    assert_eq!(summary.by_category.len(), 4, "all four key categories are represented");
    assert_eq!(summary.by_tier.len(), 3, "tiers A, B and C are all represented");
    assert_eq!(summary.by_team.len(), 5, "each participating department owns clients");
    assert_eq!(store.org().teams().expect("teams").len(), 5);
    let managers = store.org().people().expect("people").into_iter().filter(|p| p.is_account_manager).count();
    assert!((18..=22).contains(&managers), "about 20 account managers, got {managers}");

    // Find a client by search, then by filters.
    let page = store
        .clients()
        .page(&ClientQuery { campaign_id: Some(campaign), search: Some("网咖".into()), ..Default::default() })
        .expect("search");
    assert!(page.total > 0, "the demo has internet cafés (网吧) among its clients");
    assert!(page.rows.iter().all(|r| r.name.contains("网咖")), "search keeps only matching names");

    let strategic_a = store
        .clients()
        .page(&ClientQuery {
            category: Some(Category::Strategic),
            tier: Some(Tier::A),
            sort: ClientSort::Name,
            limit: 1000,
            ..Default::default()
        })
        .expect("filter");
    assert!(strategic_a.rows.iter().all(|r| r.category == Category::Strategic && r.tier == Tier::A));
    let names: Vec<_> = strategic_a.rows.iter().map(|r| r.name.clone()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "sorting by name is done in SQL and must hold across the page");

    // Paging covers every row exactly once.
    let all = store.clients().page(&ClientQuery { campaign_id: Some(campaign), limit: 1000, ..Default::default() }).expect("all");
    let first = store.clients().page(&ClientQuery { campaign_id: Some(campaign), limit: 100, ..Default::default() }).expect("p1");
    let second =
        store.clients().page(&ClientQuery { campaign_id: Some(campaign), limit: 100, offset: 100, ..Default::default() }).expect("p2");
    assert_eq!(first.total, all.total);
    assert_eq!(first.rows[..], all.rows[..100]);
    assert_eq!(second.rows[..], all.rows[100..200], "page two starts where page one ended");

    // Edit a field and see it after reopening the file.
    let target = &first.rows[0];
    let mut detail = store.clients().get(target.id).expect("detail");
    assert!(!detail.contracts.is_empty() && detail.contracts.len() <= 3, "one to three contracts per client");
    let mut edit = input(&detail.row.code, &detail.row.name);
    edit.category = detail.row.category.code().into();
    edit.tier = detail.row.tier.code().into();
    edit.key_person = "赵新主任".into();
    edit.team_id = detail.row.team_id;
    edit.account_manager_id = detail.row.account_manager_id;
    let by = rampart_core::domain::plan::By {
        author: "planner".into(),
        at: NaiveDate::from_ymd_opt(2026, 11, 22).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("t"),
    };
    store.clients().update(target.id, &edit, &by).expect("edit");
    drop(store);

    let store = Store::open(&path).expect("reopen");
    detail = store.clients().get(target.id).expect("detail after reopen");
    assert_eq!(detail.key_person, "赵新主任", "an edit must survive closing the file");
    assert!(detail.campaign_ids.contains(&campaign));

    // A duplicate code is refused; the original is untouched.
    match store.clients().create(&input(&detail.row.code, "冒名公司"), None) {
        Err(err @ Error::Validation(_)) => {
            let expected_zh = format!("客户编码已被「{}」（{}）使用", detail.row.name, detail.row.code);
            assert_eq!(err.message_zh(), expected_zh, "codes are unique; the message names the client that has it");
            assert!(err.message_en().contains(&detail.row.name), "the English message names it too: {}", err.message_en());
        }
        other => panic!("a taken code must be refused, got {other:?}"),
    }
    assert_eq!(store.clients().get(target.id).expect("still there").row.name, detail.row.name);

    // A reference to a team that does not exist is a field error, not a database failure.
    let mut ghost = input("KH-NEW-1", "新客户");
    ghost.team_id = Some(rampart_core::domain::ids::TeamId(9999));
    match store.clients().create(&ghost, Some(campaign)) {
        Err(Error::Validation(fields)) => assert_eq!(fields[0].field, "team_id"),
        other => panic!("unknown team must be refused as a validation error, got {other:?}"),
    }

    // Deleting takes the contracts and target membership with it and leaves the file sound.
    store.clients().delete(target.id).expect("delete");
    assert!(matches!(store.clients().get(target.id), Err(Error::NotFound { .. })));
    assert_eq!(store.campaigns().summary(campaign).expect("summary").targets, summary.targets - 1);
    assert!(store.integrity_ok().expect("check"), "no dangling contracts or targets after a delete");
}

#[test]
fn the_demo_is_the_same_every_time() {
    let a = Store::open_in_memory().expect("a");
    let b = Store::open_in_memory().expect("b");
    let ia = demo::seed_demo(&a, today()).expect("seed a");
    let ib = demo::seed_demo(&b, today()).expect("seed b");
    let q = ClientQuery { campaign_id: Some(ia), limit: 1000, ..Default::default() };
    let qb = ClientQuery { campaign_id: Some(ib), ..q.clone() };
    let rows_a = a.clients().page(&q).expect("rows a").rows;
    assert_eq!(rows_a, b.clients().page(&qb).expect("rows b").rows, "same seed, same data");
    assert_eq!(a.clients().get(rows_a[7].id).expect("detail a").contracts, b.clients().get(rows_a[7].id).expect("detail b").contracts);
    let industries: std::collections::HashSet<_> = rows_a.iter().map(|r| r.industry.clone()).collect();
    let districts: std::collections::HashSet<_> = rows_a.iter().map(|r| r.district.clone()).collect();
    assert!(industries.len() >= 6, "at least six industries, got {industries:?}");
    assert!(districts.len() >= 3, "several districts, got {districts:?}");
}

#[test]
fn bad_campaign_edits_are_refused_and_change_nothing() {
    let store = Store::open_in_memory().expect("store");
    let id = demo::seed_demo(&store, today()).expect("seed");
    let before = store.campaigns().get(id).expect("campaign");
    let mut input = rampart_core::domain::CampaignInput {
        name: before.name.clone(),
        theme: before.theme.clone(),
        start_date: before.start_date,
        end_date: before.start_date.pred_opt().expect("date"),
        status: before.status,
        subsidy_budget: before.subsidy_budget,
        goals: before.goals.clone(),
    };
    assert!(matches!(store.campaigns().update(id, &input), Err(Error::Validation(_))));
    assert_eq!(store.campaigns().get(id).expect("unchanged"), before);
    input.end_date = before.end_date;
    input.theme = "新主题".into();
    assert_eq!(store.campaigns().update(id, &input).expect("valid edit").theme, "新主题");
}

#[test]
fn a_second_reader_sees_the_same_file_and_a_database_in_memory_has_none() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("rampart.db")).expect("store");
    let campaign = demo::seed_demo(&store, today()).expect("demo seeds");
    let reader = store.another_reader().expect("opens").expect("a file can be read on a second connection");
    let summary = move |s: &Store| s.campaigns().summary(campaign).expect("summary").targets;
    assert_eq!(summary(&reader), summary(&store), "the second connection reads what the first one wrote");
    let moved = std::thread::spawn(move || summary(&reader)).join().expect("the reader works on another thread");
    assert_eq!(moved, summary(&store));
    let memory = Store::open_in_memory().expect("in memory");
    assert!(memory.another_reader().expect("asks").is_none(), "no other connection can see a private database in memory");
}
