//! Teams and people kept by hand, on a real database filled by a real import: duplicates an
//! import made are merged and their work follows; two teams become one; 1,000 clients change
//! account manager in one action, their open work going along and closed work staying; the
//! client form moves open work the same way. Every change is in the org log.

mod support;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use rampart_core::domain::ids::{CampaignId, ClientId, PersonId, PlanId, TeamId};
use rampart_core::domain::org::{OrgChange, PersonInput, Role};
use rampart_core::domain::plan::{By, ItemStatus};
use rampart_core::domain::skeleton::{PartInput, PartKind, Scope};
use rampart_core::domain::warning::{WarningFilter, WarningStatus};
use rampart_core::domain::{CampaignInput, CampaignStatus, ClientInput, ClientQuery};
use rampart_core::import::import_clients;
use rampart_core::import::snapshots::import_snapshots;
use rampart_core::{Error, Money, Store};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

fn at(m: u32, d: u32) -> NaiveDateTime {
    day(m, d).and_hms_opt(10, 0, 0).expect("time")
}

fn by() -> By {
    By { author: "王策划".into(), at: at(11, 25) }
}

fn campaign_input(name: &str) -> CampaignInput {
    CampaignInput {
        name: name.into(),
        theme: String::new(),
        start_date: day(10, 1),
        end_date: NaiveDate::from_ymd_opt(2027, 3, 31).expect("end"),
        status: CampaignStatus::Active,
        subsidy_budget: Money::ZERO,
        goals: String::new(),
    }
}

/// A campaign and a client list imported into it: `east` clients of 王建国 in 东区, and four
/// clients in 西区, two under "张伟" and two under "张 伟" (the same person typed twice).
fn setup(dir: &Path, east: usize) -> (Store, CampaignId) {
    let store = Store::open(&dir.join("rampart.db")).expect("store");
    let campaign = store.campaigns().create(&campaign_input("2026 长城计划")).expect("campaign");
    let mut text = String::from("客户编码,客户名称,客户类别,客户等级,行业,团队,客户经理,合同号,产品类型,月费\n");
    for i in 0..east {
        text.push_str(&format!("E{i:04},东区客户{i},中小企业,C,商贸,东区,王建国,HE{i:04},融合,300\n"));
    }
    for (i, manager) in ["张伟", "张伟", "张 伟", "张 伟"].iter().enumerate() {
        text.push_str(&format!("W{i:04},西区客户{i},中小企业,B,教育,西区,{manager},HW{i:04},融合,500\n"));
    }
    let path = dir.join("客户清单.csv");
    std::fs::write(&path, text).expect("write");
    let report = import_clients(&store, &path, &support::import_options(Some(campaign)), &mut |_| true).expect("import");
    assert!(report.problems.is_empty(), "a clean list: {:?}", report.problems);
    (store, campaign)
}

fn snapshot(dir: &Path, name: &str, period: &str, contracts: &[String], state: &str) -> PathBuf {
    let mut text = String::from("账期,合同号,在网,当前资费\n");
    for k in contracts {
        text.push_str(&format!("{period},{k},{state},300\n"));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

/// Warnings (contract left the network) on these contracts, owned by their account managers.
fn raise_warnings(store: &Store, dir: &Path, campaign: CampaignId, contracts: &[String]) {
    for (name, period, state) in [("oct.csv", "2026-10", "在网"), ("nov.csv", "2026-11", "离网")] {
        let report =
            import_snapshots(store, &snapshot(dir, name, period, contracts, state), campaign, false, day(11, 22)).expect("snapshot");
        assert!(report.problems.is_empty(), "{name}: {:?}", report.problems);
    }
}

fn client(store: &Store, code: &str) -> ClientId {
    store.clients().id_by_code(code).expect("lookup").expect(code)
}

fn person(store: &Store, name: &str) -> PersonId {
    store.org().person_named(name).expect(name).id
}

fn plan_of(store: &Store, campaign: CampaignId, client: ClientId) -> PlanId {
    store.plans().create(campaign, client, "续约", &by()).expect("plan")
}

fn owners(store: &Store, plan: PlanId) -> Vec<(ItemStatus, Option<PersonId>)> {
    store.plans().get(plan, day(11, 25)).expect("plan").items.iter().map(|i| (i.status, i.owner_id)).collect()
}

#[test]
fn duplicates_an_import_made_are_merged_and_their_work_follows() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = setup(dir.path(), 2);
    let (zhang, spaced) = (person(&store, "张伟"), person(&store, "张 伟"));

    let suggested = store.org().duplicates().expect("duplicates");
    assert_eq!(suggested.len(), 1, "one likely duplicate: {suggested:?}");
    assert_eq!((suggested[0].from_id, suggested[0].into_id), (spaced, zhang), "the spaced spelling is the typo");

    // Work held by the duplicate: a plan with items and membership, and an open warning.
    let w2 = client(&store, "W0002");
    let plan = plan_of(&store, campaign, w2);
    store.plans().set_goal(plan, "续约", &[spaced], &by()).expect("members");
    let zhang_plan = plan_of(&store, campaign, client(&store, "W0000"));
    store.plans().set_goal(zhang_plan, "续约", &[spaced, zhang], &by()).expect("both on one plan");
    raise_warnings(&store, dir.path(), campaign, &["HW0002".into(), "HW0003".into()]);

    let moved = store.org().merge_people(spaced, zhang, &by()).expect("merge");
    assert_eq!(moved.clients, 2, "both of 张 伟's clients");
    assert_eq!(moved.plan_items, 5, "the five template items of the plan");
    assert_eq!(moved.warnings, 2, "both warnings");
    assert_eq!(moved.plans, 2, "member of two plans");

    assert!(store.org().person(spaced).is_err(), "the duplicate is gone");
    let page = store.clients().page(&ClientQuery { account_manager_id: Some(zhang), ..Default::default() }).expect("page");
    assert_eq!(page.total, 4, "张伟 now manages all four 西区 clients");
    assert!(owners(&store, plan).iter().all(|(_, o)| *o == Some(zhang)), "items follow: {:?}", owners(&store, plan));
    let members: Vec<PersonId> = store.plans().get(zhang_plan, day(11, 25)).expect("plan").members.iter().map(|p| p.id).collect();
    assert_eq!(members, [zhang], "membership is not doubled where both were members");
    let warnings = store.warnings().list(campaign, &WarningFilter::default(), day(11, 25)).expect("warnings");
    assert!(warnings.iter().all(|w| w.owner_id == Some(zhang)), "warnings follow");
    assert!(store.org().duplicates().expect("again").is_empty(), "nothing left to suggest");
    assert!(store.integrity_ok().expect("check"), "no reference left dangling");

    let log = store.org().log_entries(10).expect("log");
    match &log[0].change {
        OrgChange::PeopleMerged { from, into, moved: logged, .. } => {
            assert_eq!((from.as_str(), into.as_str()), ("张 伟", "张伟"));
            assert_eq!(logged, &moved, "the log holds what moved");
        }
        other => panic!("expected people_merged, got {other:?}"),
    }
    assert!(store.org().merge_people(zhang, zhang, &by()).is_err(), "merging someone into themselves is refused");
}

#[test]
fn two_teams_merge_with_their_clients_people_and_campaigns() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = setup(dir.path(), 3);
    let team = |name: &str| store.org().team_named(name).expect(name).id;
    let (east, west) = (team("东区"), team("西区"));
    // Both take part in the campaign and a second one; the merged team must appear once in each.
    let other = store.campaigns().create(&campaign_input("2027 春季")).expect("second campaign");
    let conn = rusqlite::Connection::open(dir.path().join("rampart.db")).expect("conn");
    for (c, t) in [(campaign, east), (campaign, west), (other, west)] {
        conn.execute("INSERT OR IGNORE INTO campaign_teams (campaign_id, team_id) VALUES (?1, ?2)", (c.0, t.0)).expect("campaign team");
    }

    let renamed = store.org().rename_team(west, "东区", &by());
    assert!(matches!(renamed, Err(Error::Duplicate { .. })), "a taken name is refused: {renamed:?}");
    store.org().rename_team(west, "西城区", &by()).expect("rename");

    // A battle owned by 西城区 whose scope names both teams; another naming 西城区 only.
    let part = |owner: Option<TeamId>, teams: Vec<TeamId>| {
        let input = PartInput {
            kind: PartKind::Battle,
            name: format!("攻坚战{}", teams.len()),
            owner_team_id: owner,
            scope: Scope { team_ids: teams, ..Scope::default() },
        };
        store.kpis().add_part(campaign, &input).expect("battle")
    };
    let (both, only_west) = (part(Some(west), vec![east, west]), part(None, vec![west]));

    let moved = store.org().merge_teams(west, east, &by()).expect("merge");
    assert_eq!((moved.clients, moved.people, moved.campaigns), (4, 2, 2), "{moved:?}");
    let parts = store.kpis().parts(campaign).expect("parts");
    let scope_of = |id| parts.iter().find(|p| p.id == id).expect("part").clone();
    assert_eq!(scope_of(both).owner_team_id, Some(east), "the merged team's battle is now 东区's");
    assert_eq!(scope_of(both).scope.team_ids, [east], "a scope naming both teams names 东区 once");
    assert_eq!(scope_of(only_west).scope.team_ids, [east], "a scope naming the merged team names 东区");
    assert!(store.org().team(west).is_err(), "the merged team is gone");
    let summary = store.org().team_summaries().expect("teams");
    assert_eq!(summary.len(), 1);
    assert_eq!((summary[0].clients, summary[0].people), (7, 3), "东区 has everyone");
    let teams: Vec<(i64, i64)> = conn
        .prepare("SELECT campaign_id, team_id FROM campaign_teams ORDER BY 1")
        .expect("q")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(teams, [(campaign.0, east.0), (other.0, east.0)], "each campaign names 东区 once");
    assert!(store.integrity_ok().expect("check"));

    let log = store.org().log_entries(10).expect("log");
    let actions: Vec<&str> = log
        .iter()
        .map(|e| match &e.change {
            OrgChange::TeamsMerged { .. } => "teams_merged",
            OrgChange::TeamRenamed { .. } => "team_renamed",
            _ => "other",
        })
        .collect();
    assert_eq!(actions, ["teams_merged", "team_renamed"], "newest first; the refused rename is not logged");

    let gone = store.org().set_team_active(east, false, &by()).expect("deactivate");
    assert!(!gone.active, "deactivated, kept");
    let _: TeamId = gone.id;
}

#[test]
fn a_thousand_clients_change_manager_with_their_open_work() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = setup(dir.path(), 1000);
    let wang = person(&store, "王建国");
    let east = store.org().team_named("东区").expect("east").id;
    let li = store
        .org()
        .create_person(&PersonInput { name: "李娜".into(), team_id: Some(east), role: Role::AccountManager, active: true }, &by())
        .expect("li");

    // Every client gets a plan; every 10th has its first item done and its second deleted.
    let clients = store.clients().page(&ClientQuery { team_id: Some(east), limit: 1000, ..Default::default() }).expect("page").rows;
    assert_eq!(clients.len(), 1000);
    let plans: Vec<PlanId> =
        store.in_transaction(|s| clients.iter().map(|c| s.plans().create(campaign, c.id, "续约", &by())).collect()).expect("plans");
    let mut done = 0;
    for plan in plans.iter().step_by(10) {
        let items = store.plans().get(*plan, day(11, 25)).expect("plan").items;
        store.plans().set_item_status(items[0].id, ItemStatus::Done, Some(day(11, 24)), "", &by()).expect("done");
        store.plans().delete_item(items[1].id, &by()).expect("deleted");
        done += 1;
    }
    // Twenty warnings: ten stay open, five retained, five lost.
    let contracts: Vec<String> = (0..20).map(|i| format!("HE{i:04}")).collect();
    raise_warnings(&store, dir.path(), campaign, &contracts);
    let warnings = store.warnings().list(campaign, &WarningFilter::default(), day(11, 25)).expect("warnings");
    assert_eq!(warnings.len(), 20);
    for (i, w) in warnings.iter().enumerate().take(10) {
        store.warnings().set_status(w.id, WarningStatus::Contacted, "已联系", day(11, 24), &by()).expect("contacted");
        let (to, note) = if i < 5 { (WarningStatus::Retained, "") } else { (WarningStatus::Lost, "竞争对手低价") };
        store.warnings().set_status(w.id, to, note, day(11, 25), &by()).expect("closed");
    }

    let query = ClientQuery { campaign_id: Some(campaign), team_id: Some(east), ..Default::default() };
    let preview = store.org().reassign_preview(&query, li).expect("preview");
    let open_items = 1000 * 5 - done * 2;
    assert_eq!(
        (preview.clients, preview.open_items, preview.open_warnings, preview.closed_items, preview.closed_warnings),
        (1000, open_items, 10, done, 10),
        "all 1,000 clients, their open items (not done, not deleted) and open warnings; closed work counted as staying"
    );
    assert_eq!(preview.groups.len(), 1);
    assert_eq!(preview.groups[0].from.as_deref(), Some("王建国"));
    assert_eq!(store.org().log_entries(100).expect("log").len(), 1, "a preview writes nothing (only 李娜's creation is logged)");

    let applied = store.org().reassign(&query, li, &by()).expect("reassign");
    assert_eq!(applied, preview, "what was shown is what was done");

    assert_eq!(store.clients().page(&ClientQuery { account_manager_id: Some(li), ..Default::default() }).expect("p").total, 1000);
    for (n, plan) in plans.iter().enumerate() {
        let items = store.plans().get(*plan, day(11, 25)).expect("plan").items;
        for item in items {
            let expected = if item.status == ItemStatus::Done { wang } else { li };
            assert_eq!(item.owner_id, Some(expected), "plan {n}: done items stay with who did them, open ones move");
        }
    }
    let all = store.warnings().list(campaign, &WarningFilter::default(), day(11, 25)).expect("warnings");
    for w in &all {
        let expected = if w.status.is_open() { li } else { wang };
        assert_eq!(w.owner_id, Some(expected), "warning {} ({:?})", w.id, w.status);
    }
    let history = store.plans().history(plans[0]).expect("history");
    let owner_lines: Vec<_> = history.iter().filter(|l| l.field == "owner").collect();
    assert_eq!(owner_lines.len(), 3, "the three open items of the first plan each have an owner line: {history:?}");
    assert!(owner_lines.iter().all(|l| l.from == "王建国" && l.to == "李娜"));

    let log = store.org().log_entries(1).expect("log");
    match &log[0].change {
        OrgChange::ClientsReassigned { to, clients, plan_items, warnings, moves, .. } => {
            assert_eq!(to.as_deref(), Some("李娜"));
            assert_eq!((*clients, *plan_items, *warnings), (1000, open_items, 10));
            assert_eq!(moves.len(), 1);
            assert_eq!(
                (moves[0].clients.len(), moves[0].plan_items.len(), moves[0].warnings.len()),
                (1000, open_items as usize, 10),
                "the moved ids"
            );
        }
        other => panic!("expected clients_reassigned, got {other:?}"),
    }

    let again = store.org().reassign_preview(&query, li).expect("again");
    assert_eq!((again.clients, again.unchanged), (0, 1000), "nothing left to move");
    let member = store
        .org()
        .create_person(&PersonInput { name: "赵敏".into(), team_id: None, role: Role::TeamMember, active: true }, &by())
        .expect("member");
    assert!(store.org().reassign_preview(&query, member).is_err(), "a team member cannot take clients");
}

#[test]
fn the_client_form_moves_open_work_like_a_reassignment() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = setup(dir.path(), 2);
    let (wang, zhang) = (person(&store, "王建国"), person(&store, "张伟"));
    let c = client(&store, "E0000");
    let plan = plan_of(&store, campaign, c);
    let first = store.plans().get(plan, day(11, 25)).expect("plan").items[0].id;
    store.plans().set_item_status(first, ItemStatus::Done, Some(day(11, 24)), "", &by()).expect("done");

    let input = ClientInput { account_manager_id: Some(zhang), ..store.clients().get(c).expect("client").to_input() };
    store.clients().update(c, &input, &by()).expect("new manager");
    let items = owners(&store, plan);
    assert_eq!(items[0], (ItemStatus::Done, Some(wang)), "done work stays with who did it");
    assert!(items[1..].iter().all(|(_, o)| *o == Some(zhang)), "open items follow the client: {items:?}");
    let log = store.org().log_entries(1).expect("log");
    assert!(matches!(&log[0].change, OrgChange::ClientsReassigned { clients: 1, plan_items: 4, .. }), "{:?}", log[0].change);

    // Saving the form again without changing the manager moves and logs nothing.
    store.clients().update(c, &input, &by()).expect("save again");
    assert_eq!(store.org().log_entries(10).expect("log").len(), 1);
}

#[test]
fn an_unknown_code_in_the_org_log_is_a_corrupt_row() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, _) = setup(dir.path(), 1);
    store.org().create_team("北区", &by()).expect("team");
    let conn = rusqlite::Connection::open(dir.path().join("rampart.db")).expect("conn");
    conn.execute("INSERT INTO org_log (at, author, action, detail) VALUES ('2026-11-25 10:00:00', 'x', 'team_exploded', '{}')", [])
        .expect("row");
    let err = store.org().log_entries(10).expect_err("refused");
    assert!(matches!(err, Error::CorruptRow { table: "org_log", .. }), "{err:?}");
}
