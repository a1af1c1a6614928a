//! What team mode serves (rampart_core::store::team_view), told once and run on both stores: a
//! planner's SQLite file (the demo campaign) and the team server's PostgreSQL (the sample
//! province). Each story takes whatever store it is given.

mod support;

use chrono::NaiveDate;
use rampart_core::domain::access::{Account, AccountRole};
use rampart_core::domain::plan::{ItemStatus, StatusChange};
use rampart_core::domain::team::{ItemFilter, TeamPlanItem};
use rampart_core::domain::warning::WarningStatus;
use rampart_core::store::pg::PgStore;
use rampart_core::store::team_view::TeamView;
use rampart_core::{demo, Store};
use rampart_server::setup::RunningServer;

/// The one planner of a local file: every role is theirs there.
fn local_planner() -> Account {
    Account { id: 0, login: "local".into(), name: "王策划".into(), role: AccountRole::Planner, district_id: None, district: None }
}

fn first_open_item(view: &dyn TeamView, who: &Account, campaign: i64, today: NaiveDate) -> TeamPlanItem {
    let filter = ItemFilter { status: Some(ItemStatus::NotStarted), limit: 1, ..ItemFilter::default() };
    let page = view.plan_items(who, campaign, &filter, today).expect("open items");
    page.rows.into_iter().next().expect("the campaign has an item not started")
}

/// Paging walks every item once, in client-code order, and a status filter keeps only that status.
fn pages_cover_every_item_once(view: &dyn TeamView, who: &Account, campaign: i64, today: NaiveDate) {
    let first = view.plan_items(who, campaign, &ItemFilter { limit: 7, ..ItemFilter::default() }, today).expect("first page");
    assert!(first.total > 7, "the campaign has more items than one page ({})", first.total);
    let mut seen = Vec::new();
    let mut offset = 0;
    while offset < first.total {
        let page = view.plan_items(who, campaign, &ItemFilter { offset, limit: 7, ..ItemFilter::default() }, today).expect("a page");
        assert!(!page.rows.is_empty() && page.rows.len() <= 7, "a page holds at most its limit");
        seen.extend(page.rows.iter().map(|i| (i.client_code.clone(), i.id)));
        offset += page.rows.len() as i64;
    }
    assert_eq!(seen.len() as i64, first.total, "the pages together hold every item");
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted, "items come by client code, then in order");
    sorted.dedup();
    assert_eq!(sorted.len(), seen.len(), "no item on two pages");
    let open = ItemFilter { status: Some(ItemStatus::NotStarted), limit: 1_000, ..ItemFilter::default() };
    let page = view.plan_items(who, campaign, &open, today).expect("filtered");
    assert!(page.rows.iter().all(|i| i.status == ItemStatus::NotStarted), "the filter keeps only that status");
    assert!(page.total > 0 && page.total < first.total, "and some, not all, items");
}

/// A change from the current version is made and moves the version on; a change from the copy
/// read before it is refused with the item as it is now, which stays as the first change left it.
fn a_change_from_a_stale_copy_is_refused_with_the_current_item(view: &dyn TeamView, who: &Account, campaign: i64, today: NaiveDate) {
    let item = first_open_item(view, who, campaign, today);
    let start = StatusChange::new(ItemStatus::InProgress, None, "", today).expect("start");
    let moved = view.set_item_status(who, item.id, item.version, &start, today).expect("a change from the current version");
    assert_eq!(moved.status, ItemStatus::InProgress);
    assert!(moved.version > item.version, "the change moves the version on");
    let block = StatusChange::new(ItemStatus::Blocked, None, "客户暂停", today).expect("block");
    let refused = view.set_item_status(who, item.id, item.version, &block, today).expect_err("a change from the old copy");
    assert_eq!(refused.code(), "stale", "it is refused as stale, not written over the newer change");
    let rampart_core::error::TeamError::Stale { current } = refused else { unreachable!("checked above") };
    assert_eq!(current["status"], "in_progress", "the refusal carries the item as it is now: {current}");
    assert_eq!(current["version"], moved.version, "with its current version, to try again from");
    assert_eq!(view.plan_item(who, item.id, today).expect("item").status, ItemStatus::InProgress, "the item kept the first change");
    let done = StatusChange::new(ItemStatus::Done, None, "", today).expect("done");
    let finished = view.set_item_status(who, item.id, moved.version, &done, today).expect("a change from the version now current");
    assert_eq!((finished.status, finished.done_on), (ItemStatus::Done, Some(today)), "done today");
}

/// Two people changing one item at once from the same copy: exactly one wins and the other is
/// shown the winner's change.
fn of_two_at_once_exactly_one_wins<V: TeamView + Send>(views: [V; 2], who: &Account, campaign: i64, today: NaiveDate) {
    let item = first_open_item(&views[0], who, campaign, today);
    let changes = [
        StatusChange::new(ItemStatus::InProgress, None, "", today).expect("start"),
        StatusChange::new(ItemStatus::Blocked, None, "等待客户确认", today).expect("block"),
    ];
    let barrier = std::sync::Barrier::new(2);
    let results: Vec<_> = std::thread::scope(|threads| {
        let handles: Vec<_> = views
            .into_iter()
            .zip(&changes)
            .map(|(view, change)| {
                let (who, barrier) = (who, &barrier);
                threads.spawn(move || {
                    barrier.wait();
                    view.set_item_status(who, item.id, item.version, change, today)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("no panic")).collect()
    });
    let won: Vec<&TeamPlanItem> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(won.len(), 1, "exactly one of the two changes is made: {results:?}");
    let lost = results.iter().find_map(|r| r.as_ref().err()).expect("the other is refused");
    let rampart_core::error::TeamError::Stale { current } = lost else { panic!("refused as stale, found {lost:?}") };
    assert_eq!(current["status"], won[0].status.code(), "the loser is shown the winner's change");
}

fn an_unknown_item_is_not_found(view: &dyn TeamView, who: &Account, today: NaiveDate) {
    let missing = view.plan_item(who, 987_654_321, today).expect_err("no such item");
    assert_eq!(missing.code(), "not_found");
    let change = StatusChange::new(ItemStatus::InProgress, None, "", today).expect("start");
    assert_eq!(view.set_item_status(who, 987_654_321, 1, &change, today).expect_err("no such item").code(), "not_found");
}

/// Open warnings come first; a warning moves along its workflow from its current version only, a
/// stale change is refused with the warning as it is now, and a step the workflow does not allow
/// is refused without changing it.
fn warnings_move_with_the_version_check(view: &dyn TeamView, who: &Account, campaign: i64, today: NaiveDate) {
    let all = view.warnings(who, campaign, false, 0, 1_000, today).expect("warnings");
    let open = view.warnings(who, campaign, true, 0, 1_000, today).expect("open warnings");
    assert!(open.total > 0 && open.total <= all.total, "the campaign has open warnings ({} of {})", open.total, all.total);
    assert!(open.rows.iter().all(|w| w.status.is_open()), "open only means open");
    let first_closed = all.rows.iter().position(|w| !w.status.is_open()).unwrap_or(all.rows.len());
    assert!(all.rows[first_closed..].iter().all(|w| !w.status.is_open()), "open warnings are listed before closed ones");
    let w = open.rows.iter().find(|w| w.status == WarningStatus::ToContact).expect("a warning to contact").clone();
    let contacted = view.set_warning_status(who, w.id, w.version, WarningStatus::Contacted, "已电话联系", today).expect("contact");
    assert_eq!((contacted.status, contacted.contacted_on), (WarningStatus::Contacted, Some(today)), "contacted today");
    assert!(contacted.version > w.version, "the change moves the version on");
    let stale = view.set_warning_status(who, w.id, w.version, WarningStatus::Retained, "续约", today).expect_err("from the old copy");
    let rampart_core::error::TeamError::Stale { current } = stale else { panic!("refused as stale, found {stale:?}") };
    assert_eq!(current["status"], "contacted", "the refusal carries the warning as it is now: {current}");
    let retained =
        view.set_warning_status(who, w.id, contacted.version, WarningStatus::Retained, "续约", today).expect("from the current copy");
    assert_eq!((retained.status, retained.closed_on), (WarningStatus::Retained, Some(today)), "closed today as retained");
    let refused = view.set_warning_status(who, w.id, retained.version, WarningStatus::ToContact, "", today).expect_err("back to the start");
    assert_ne!(refused.code(), "stale", "refused by the workflow, not the version: {refused:?}");
    assert_eq!(view.warning(who, w.id, today).expect("warning").version, retained.version, "a refused step changes nothing");
}

/// The campaign's clients page through in code order, each once; a part of a code or a name
/// finds its client and only clients holding it; a client's detail is the row listed, its key
/// persons' phones shown as `phones` says for this caller; an unknown client is not found.
fn clients_page_find_and_open(view: &dyn TeamView, who: &Account, campaign: i64, phones: (&str, fn(&str) -> bool)) {
    let first = view.client_page(who, campaign, "", 0, 7).expect("first page");
    assert!(first.total > 7, "the campaign has more clients than one page ({})", first.total);
    let mut codes = Vec::new();
    let mut offset = 0;
    while offset < first.total {
        let page = view.client_page(who, campaign, "", offset, 7).expect("a page");
        assert!(!page.rows.is_empty() && page.rows.len() <= 7, "a page holds at most its limit");
        assert!(page.rows.iter().all(|c| c.campaign_id == campaign), "every client listed is the campaign's");
        codes.extend(page.rows.iter().map(|c| c.code.clone()));
        offset += page.rows.len() as i64;
    }
    let mut sorted = codes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(codes, sorted, "the pages hold every client once, by code");
    assert_eq!(codes.len() as i64, first.total);

    let chosen = first.rows[3].clone();
    let by_code = view.client_page(who, campaign, &chosen.code, 0, 1_000).expect("search by code");
    assert!(by_code.rows.iter().any(|c| c.id == chosen.id), "a client's code finds it");
    let part: String = chosen.name.chars().skip(1).take(2).collect();
    let by_name = view.client_page(who, campaign, &format!(" {part} "), 0, 1_000).expect("search by name");
    assert!(by_name.rows.iter().any(|c| c.id == chosen.id), "two characters of its name find it ({part})");
    assert!(
        by_name.rows.iter().all(|c| c.name.contains(&part) || c.code.contains(&part)),
        "and only clients whose name or code holds them"
    );
    assert!(by_name.total <= first.total && by_name.total as usize >= by_name.rows.len(), "the total counts what was found");
    let both = view.client_page(who, campaign, &format!("{} {part}", chosen.code.to_lowercase()), 0, 1_000).expect("two words");
    assert!(
        both.rows.iter().any(|c| c.id == chosen.id) && both.rows.iter().all(|c| c.code.contains(&chosen.code)),
        "its code in small letters and a part of its name, as two words, find it: each word must be found, in any case"
    );
    let none = view.client_page(who, campaign, "没有这样的客户名称", 0, 10).expect("search");
    assert_eq!((none.total, none.rows.len()), (0, 0), "a text no client holds finds none");

    let detail = view.client_detail(who, chosen.id).expect("the client");
    assert_eq!(detail.client, chosen, "the detail is the client as listed");
    let (expected, shown) = phones;
    assert!(!detail.key_persons.is_empty(), "the client has a key person");
    for person in &detail.key_persons {
        assert!(shown(&person.phone), "a key person's phone is {expected} for this caller: {:?}", person.phone);
    }
    assert_eq!(view.client_detail(who, 987_654_321).expect_err("no such client").code(), "not_found");
}

fn whole_phone(phone: &str) -> bool {
    phone.len() == 11 && phone.chars().all(|c| c.is_ascii_digit())
}

fn masked_phone(phone: &str) -> bool {
    phone.contains("****") && !whole_phone(phone)
}

fn campaign_of(view: &dyn TeamView, who: &Account) -> i64 {
    let campaigns = view.campaigns(who).expect("campaigns");
    campaigns.first().expect("a campaign").id
}

#[test]
fn the_team_stories_hold_on_a_planners_sqlite_file() {
    let today = support::today();
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("rampart.db");
    let store = Store::open(&path).expect("store");
    demo::seed_demo(&store, today).expect("the demo campaign");
    let who = local_planner();
    let campaign = campaign_of(&store, &who);
    clients_page_find_and_open(&store, &who, campaign, ("whole: the file is the planner's own", whole_phone));
    pages_cover_every_item_once(&store, &who, campaign, today);
    a_change_from_a_stale_copy_is_refused_with_the_current_item(&store, &who, campaign, today);
    an_unknown_item_is_not_found(&store, &who, today);
    warnings_move_with_the_version_check(&store, &who, campaign, today);
    // Two windows (or programs) on the one file: each its own connection.
    let both = [Store::open(&path).expect("first"), Store::open(&path).expect("second")];
    of_two_at_once_exactly_one_wins(both, &who, campaign, today);
}

#[test]
fn the_team_stories_hold_on_the_team_servers_postgresql() {
    let today = support::today();
    let server = RunningServer::start(300, 2, Some(today)).expect("a throw-away cluster with the sample province");
    let store = PgStore::connect(&server.app_config, 4).expect("the application's connections");
    let (who, _) = store.account_for_login("planner").expect("look-up").expect("the sample's province planner");
    let campaign = campaign_of(&store, &who);
    clients_page_find_and_open(&store, &who, campaign, ("masked: the province planner is in no client's district", masked_phone));
    pages_cover_every_item_once(&store, &who, campaign, today);
    a_change_from_a_stale_copy_is_refused_with_the_current_item(&store, &who, campaign, today);
    an_unknown_item_is_not_found(&store, &who, today);
    warnings_move_with_the_version_check(&store, &who, campaign, today);
    of_two_at_once_exactly_one_wins([store.clone(), store.clone()], &who, campaign, today);
}
