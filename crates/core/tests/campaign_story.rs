//! A planner's year: a campaign from the defaults, a real client list, a period of work, then
//! 复制为新一期 (in the same file, with and without targets, and from last year's file into an
//! empty one), deleting the old campaign, and the campaign's dates holding everything in it.

mod support;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use rampart_core::campaign_copy::{self, CopyInput};
use rampart_core::domain::awards::{AchievementInput, AwardKind, Scope, TieBreak};
use rampart_core::domain::campaign::TeamChoice;
use rampart_core::domain::ids::{CampaignId, TeamId};
use rampart_core::domain::kpi::{KpiInput, KpiOwner, Metric, MetricParameter};
use rampart_core::domain::plan::{By, ItemStatus};
use rampart_core::domain::skeleton::PartInput;
use rampart_core::domain::{CampaignInput, CampaignStatus, ClientQuery};
use rampart_core::error::{Error, Problem};
use rampart_core::import::achievements::import_achievements;
use rampart_core::import::import_clients;
use rampart_core::import::snapshots::import_snapshots;
use rampart_core::{Money, Store};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
    day(y, m, d).and_hms_opt(9, 0, 0).expect("time")
}

const CLIENTS_CSV: &str = "客户编码,客户名称,客户类别,客户等级,团队,客户经理,合同号,产品类型,月费,去年12月费用,协议期限（月）,协议到期日\n\
GW001,徐州市公安局,战略客户,A,市区一组,王建国,HT001,纯光纤,1200,2000,48,2027-03-31\n\
GW002,云龙区第一中学,校园,B,市区二组,李红,HT002,宽带,300,280,24,2027-01-31\n\
GW003,鼓楼商贸,中小企业,C,市区二组,李红,HT003,融合,800,760,36,2028-06-30\n";

/// Last year's campaign, from the defaults, with a client list and a period of work in it.
fn last_year(path: &Path, dir: &Path) -> (Store, CampaignId) {
    let store = Store::open(path).expect("store");
    let input = CampaignInput {
        name: "长城计划 2026".into(),
        theme: "领跑信息化".into(),
        start_date: day(2026, 10, 1),
        end_date: day(2026, 12, 31),
        status: CampaignStatus::Active,
        subsidy_budget: Money::from_yuan(500_000),
        goals: "保存量".into(),
    };
    let id = store
        .in_transaction(|s| {
            let id = s.campaigns().create(&input)?;
            rampart_core::campaign_defaults::apply(s, id, "王策划", at(2026, 9, 20))?;
            Ok(id)
        })
        .expect("campaign from the defaults");
    let csv = dir.join("目标客户清单.csv");
    std::fs::write(&csv, CLIENTS_CSV).expect("write the client list");
    let report = import_clients(&store, &csv, &support::import_options(Some(id)), &mut |_| true).expect("import");
    assert!(report.problems.is_empty() && report.written, "the list imports cleanly: {:?}", report.problems);
    // The planner picks the list's first team and types the second, which the import made already.
    let teams = store.org().teams().expect("teams");
    let choice = TeamChoice { ids: vec![teams[0].id], new_names: vec![" 市区二组 ".into(), String::new()] };
    let set = store.campaigns().set_team_choice(id, &choice).expect("teams take part");
    assert_eq!(set.teams.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["市区一组", "市区二组"], "a typed name finds its team");
    assert_eq!(store.org().teams().expect("teams").len(), 2, "no duplicate team from a name typed with spaces");

    // Edits a copy must carry: thresholds, template, and a team target on one award.
    store.warnings().set_threshold(id, 1_500).expect("threshold");
    let erosion =
        rampart_core::domain::warning::ErosionSettings { basis: rampart_core::domain::warning::ErosionBasis::Baseline, window_months: 9 };
    store.warnings().set_erosion(id, &erosion).expect("erosion");
    let mut template = store.plans().template(id).expect("template");
    template.truncate(3);
    store.plans().set_template(id, &template).expect("template");
    let awards = store.awards().list(id).expect("awards");
    let mobile = awards.iter().find(|a| a.input.name == "移动业务发展规模奖").expect("mobile award");
    let team2 = store.org().teams().expect("teams").into_iter().find(|t| t.name == "市区二组").expect("team");
    // …and a changed tie-break order with shared tiers, and an incentive budget.
    let with_target = rampart_core::domain::awards::AwardInput {
        use_targets: true,
        targets: vec![(Scope::Team, team2.id.0, 40)],
        tie_breaks: vec![TieBreak::HigherAmount, TieBreak::ReachedFirst],
        shared_tiers: true,
        ..mobile.input.clone()
    };
    store.campaigns().set_incentive_budget(id, Some(Money::from_fen(12_345_678))).expect("budget");
    store.awards().save(id, Some(mobile.id), &with_target).expect("target");
    // The first battle narrowed to 市区二组 and owned by it; a KPI entered by hand, with a week's value.
    let battle = store.kpis().parts(id).expect("parts").remove(0);
    let narrowed = PartInput {
        kind: battle.kind,
        name: battle.name.clone(),
        owner_team_id: Some(team2.id),
        scope: rampart_core::domain::skeleton::Scope { team_ids: vec![team2.id], ..battle.scope.clone() },
    };
    store.kpis().update_part(battle.id, &narrowed).expect("narrow the battle");
    let manual = KpiInput {
        name: "客户满意度".into(),
        metric: Metric::Manual,
        parameter: MetricParameter::default(),
        target: 95.0,
        unit: "分".into(),
        higher_is_better: true,
    };
    let manual = store.kpis().add(id, KpiOwner::Part(battle.id), &manual).expect("manual KPI");
    store.kpis().set_value(manual, day(2026, 11, 8), 91.5).expect("a week's value");

    // A period of work: achievements, a plan with progress, a warning, an override, a lock, a scenario.
    let achievement = AchievementInput {
        date: day(2026, 11, 3),
        metric: "mobile_users".into(),
        team_id: Some(team2.id),
        person_id: None,
        quantity: 12,
        amount: Money::ZERO,
        client_id: None,
        industry: None,
        note: String::new(),
    };
    store.achievements().add(id, &achievement).expect("achievement");
    let gw1 = store.clients().id_by_code("GW001").expect("code").expect("GW001");
    let by = By { author: "王建国".into(), at: at(2026, 11, 5) };
    let plan = store.plans().create(id, gw1, "续约", &by).expect("plan");
    let item = store.plans().get(plan, day(2026, 11, 5)).expect("plan").items[0].id;
    store.plans().set_item_status(item, ItemStatus::Done, Some(day(2026, 11, 5)), "", &by).expect("progress");
    let snapshots = dir.join("账单快照.csv");
    std::fs::write(&snapshots, "账期,合同号,在网,当前资费\n2026-10,HT002,是,300\n2026-11,HT002,否,0\n").expect("write");
    let raised = import_snapshots(&store, &snapshots, id, false, day(2026, 11, 22)).expect("snapshots");
    assert!(raised.problems.is_empty(), "October and November are the campaign's months: {:?}", raised.problems);
    let line = &store.subsidies().client(id, gw1).expect("subsidy")[0];
    store.subsidies().set_rate_override(id, line.contract.id, line.line.rate_bp, "领导特批", "王策划", at(2026, 11, 6)).expect("override");
    let locked = store.awards().list(id).expect("awards").into_iter().find(|a| a.input.kind == AwardKind::Single).expect("single");
    store.awards().lock(locked.id, "王策划", at(2026, 12, 31)).expect("lock");
    store.rule_sets().create_scenario(id, "提高宽带", "王策划", at(2026, 11, 7)).expect("scenario");
    (store, id)
}

fn next_year(name: &str, with_targets: bool) -> CopyInput {
    CopyInput {
        name: name.into(),
        start_date: day(2027, 10, 1),
        end_date: day(2027, 12, 31),
        subsidy_budget: Money::from_yuan(600_000),
        with_targets,
    }
}

/// An award by names only: name, kind, tiers (name, places), weights (award name, bp), targets (scope, team, target).
type NamedAward = (String, AwardKind, Vec<(String, u32)>, Vec<(String, i64)>, Vec<(Scope, String, i64)>);

/// The awards of a campaign with each weight's award id replaced by that award's name, so two
/// campaigns' awards compare equal exactly when they are copies.
fn awards_by_name(store: &Store, id: CampaignId) -> Vec<NamedAward> {
    let awards = store.awards().list(id).expect("awards");
    let teams = store.org().teams().expect("teams");
    let name_of = |component: &str| {
        awards.iter().find(|a| a.id.to_string() == component).map_or_else(|| component.to_string(), |a| a.input.name.clone())
    };
    awards
        .iter()
        .map(|a| {
            let mut weights: Vec<_> = a.input.weights.iter().map(|(c, w)| (name_of(c), *w)).collect();
            weights.sort();
            let targets = a
                .input
                .targets
                .iter()
                .map(|(s, e, t)| (*s, teams.iter().find(|x| x.id.0 == *e).map(|x| x.name.clone()).unwrap_or_default(), *t))
                .collect();
            (a.input.name.clone(), a.input.kind, a.input.tiers.iter().map(|t| (t.name.clone(), t.places)).collect(), weights, targets)
        })
        .collect()
}

fn target_codes(store: &Store, id: CampaignId) -> Vec<String> {
    let ids = store.campaigns().target_ids(id).expect("targets");
    ids.into_iter().map(|c| store.clients().get(c).expect("client").row.code).collect()
}

/// Rules, thresholds, metrics, awards and template of `copy` (in `to`) equal those of `source` (in `from`).
fn same_rules(from: &Store, source: CampaignId, to: &Store, copy: CampaignId) {
    assert_eq!(
        to.rule_sets().current(copy).expect("rules").table,
        from.rule_sets().current(source).expect("rules").table,
        "the rate table and uplift come along"
    );
    let (a, b) = (from.campaigns().get(source).expect("source"), to.campaigns().get(copy).expect("copy"));
    assert_eq!(b.risk, a.risk, "risk thresholds come along");
    assert_eq!(to.warnings().threshold(copy).expect("t"), 1_500, "the warning threshold comes along");
    assert_eq!(
        to.warnings().erosion(copy).expect("e"),
        from.warnings().erosion(source).expect("e"),
        "the erosion basis and window come along"
    );
    assert_eq!(to.warnings().erosion(copy).expect("e").window_months, 9, "the edited window, not the default");
    assert_eq!(to.achievements().metrics(copy).expect("m"), from.achievements().metrics(source).expect("m"), "metrics come along");
    assert_eq!(awards_by_name(to, copy), awards_by_name(from, source), "awards, tiers, weights (on the new awards) and targets come along");
    let mobile = to.awards().list(copy).expect("awards").into_iter().find(|a| a.input.name == "移动业务发展规模奖").expect("mobile");
    assert_eq!(
        (mobile.input.tie_breaks, mobile.input.shared_tiers),
        (vec![TieBreak::HigherAmount, TieBreak::ReachedFirst], true),
        "the edited tie-break order and tier sharing come along"
    );
    assert_eq!(to.campaigns().incentive_budget(copy).expect("b"), Some(Money::from_fen(12_345_678)), "the incentive budget comes along");
    assert_eq!(to.plans().template(copy).expect("t"), from.plans().template(source).expect("t"), "the edited template comes along");
    assert_eq!(skeleton(to, copy), skeleton(from, source), "goals, battles and workstreams with owners, scopes and KPIs come along");
    let battle = &skeleton(to, copy).1[0];
    assert_eq!((battle.1.as_deref(), battle.2.as_slice()), (Some("市区二组"), ["市区二组".to_string()].as_slice()), "teams by name");
    assert!(skeleton(to, copy).1.iter().any(|p| p.3.iter().any(|k| k.metric == Metric::Manual)), "the hand-entered KPI comes along");
    let names = |c: &rampart_core::domain::Campaign| c.teams.iter().map(|t| t.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&b), names(&a), "the participating teams come along");
    assert_eq!(
        (b.status, b.start_date, b.end_date),
        (CampaignStatus::Draft, day(2027, 10, 1), day(2027, 12, 31)),
        "a draft with the new dates"
    );
}

/// A part as the planner sees it: kind and name, owner and scope teams by name, the rest of its
/// scope, and its KPIs.
type NamedPart = (String, Option<String>, Vec<String>, Vec<KpiInput>);

/// The campaign's goals and parts with their KPIs, teams by name.
fn skeleton(store: &Store, id: CampaignId) -> (Vec<(String, Vec<KpiInput>)>, Vec<NamedPart>) {
    let kpis = store.kpis().list(id).expect("kpis");
    let of = |owner: KpiOwner| kpis.iter().filter(|k| k.owner == owner).map(|k| k.input()).collect::<Vec<_>>();
    let team = |t: TeamId| store.org().team(t).expect("team").name;
    let goals = store.kpis().goals(id).expect("goals").into_iter().map(|g| (g.name.clone(), of(KpiOwner::Goal(g.id)))).collect();
    let parts = store
        .kpis()
        .parts(id)
        .expect("parts")
        .into_iter()
        .map(|p| {
            let rest = format!("{:?} {} {:?} {:?}", p.kind, p.name, p.scope.product_types, p.scope.industries);
            (rest, p.owner_team_id.map(team), p.scope.team_ids.iter().map(|t| team(*t)).collect(), of(KpiOwner::Part(p.id)))
        })
        .collect();
    (goals, parts)
}

/// Nothing of the old period's work is in `copy`.
fn no_work(store: &Store, copy: CampaignId) {
    let r = store.campaigns().removal(copy).expect("counts");
    assert_eq!(
        (r.achievements, r.plans, r.warnings, r.snapshots, r.rate_overrides, r.award_locks, r.scenarios),
        (0, 0, 0, 0, 0, 0, 0),
        "achievements, plans, warnings, snapshots, overrides, locks and scenarios stay with the old period: {r:?}"
    );
    let values: usize = store.kpis().list(copy).expect("kpis").iter().map(|k| store.kpis().values(k.id).expect("values").len()).sum();
    assert_eq!(values, 0, "values entered by hand are the old period's work");
}

#[test]
fn a_campaign_copied_to_a_new_period_takes_its_rules_and_never_its_work() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, source) = last_year(&dir.path().join("rampart.db"), dir.path());
    let work = store.campaigns().removal(source).expect("counts");
    assert!(
        work.achievements > 0
            && work.plans > 0
            && work.warnings > 0
            && work.rate_overrides > 0
            && work.award_locks > 0
            && work.scenarios > 0,
        "the source has work of every kind: {work:?}"
    );

    let bare = campaign_copy::copy(&store, source, &next_year("长城计划 2027", false), "王策划", at(2027, 9, 1)).expect("copy");
    same_rules(&store, source, &store, bare.campaign_id);
    no_work(&store, bare.campaign_id);
    assert_eq!(
        (bare.targets, bare.teams_created, bare.clients_created),
        (0, 0, 0),
        "no targets unless asked; the teams are this file's own"
    );
    assert_eq!(
        (bare.awards, bare.award_weights, bare.award_targets),
        (4, 4, 1),
        "four awards, the overall award's four weights, one target"
    );
    let copy = store.campaigns().get(bare.campaign_id).expect("copy");
    assert_eq!(
        (copy.copied_from, copy.subsidy_budget),
        (Some(source), Money::from_yuan(600_000)),
        "it remembers its source; the budget is the new one"
    );

    let full = campaign_copy::copy(&store, source, &next_year("长城计划 2027（含客户）", true), "王策划", at(2027, 9, 1)).expect("copy");
    assert_eq!(target_codes(&store, full.campaign_id), ["GW001", "GW002", "GW003"], "the target list comes along when asked");
    assert_eq!(full.clients_created, 0, "the same file's clients are the targets, not copies of them");
    no_work(&store, full.campaign_id);

    let clients_before = store.clients().page(&ClientQuery { limit: 100, ..Default::default() }).expect("clients").total;
    let teams_before = store.org().teams().expect("teams").len();
    let people_before = store.org().people().expect("people").len();
    assert!(
        matches!(store.campaigns().delete(source, "长城计划"), Err(Error::Validation(ref f)) if f[0].field == "name" && f[0].problem == Problem::DoesNotMatch),
        "a name that is not the campaign's deletes nothing"
    );
    let removed = store.campaigns().delete(source, " 长城计划 2026 ").expect("delete");
    assert!(
        removed.removed && removed.achievements == work.achievements && removed.plans == 1 && removed.warnings == work.warnings,
        "the counts say what went: {removed:?}"
    );
    assert!(matches!(store.campaigns().get(source), Err(Error::NotFound { .. })), "the campaign is gone");
    assert_eq!(store.campaigns().removal(full.campaign_id).expect("copy").targets, 3, "its copies keep their own records");
    assert_eq!(store.campaigns().get(full.campaign_id).expect("copy").copied_from, None, "a copy's source link ends with the source");
    assert_eq!(
        store.clients().page(&ClientQuery { limit: 100, ..Default::default() }).expect("clients").total,
        clients_before,
        "clients stay"
    );
    assert_eq!(
        (store.org().teams().expect("t").len(), store.org().people().expect("p").len()),
        (teams_before, people_before),
        "teams and people stay"
    );
    assert!(store.integrity_ok().expect("check"), "no dangling rows after the delete");
}

#[test]
fn last_years_file_seeds_an_empty_database() {
    let dir = tempfile::tempdir().expect("dir");
    let old_path = dir.path().join("2026.db");
    let (old, source) = last_year(&old_path, dir.path());
    let new_store = Store::open(&dir.path().join("2027.db")).expect("empty database");
    // The other file also has a client whose contract number the new file already uses elsewhere.
    let taken = support::small_client("X9", "另一客户");
    let x9 = new_store.clients().create(&taken, None).expect("client");
    let contract = old.clients().get(old.clients().id_by_code("GW003").expect("c").expect("GW003")).expect("client").contracts[0].clone();
    let held = rampart_core::domain::client::NewContract {
        number: contract.number,
        product_type: contract.product_type,
        monthly_fee: contract.monthly_fee,
        dec_fee: contract.dec_fee,
        term_months: contract.term_months,
        end_date: contract.end_date,
        fiber_to_premises: contract.fiber_to_premises,
    };
    new_store.clients().add_contract(x9, &held).expect("contract");
    drop(old);

    let report = campaign_copy::copy_from_file(&new_store, &old_path, source, &next_year("长城计划 2027", true), "王策划", at(2027, 9, 1))
        .expect("copy from last year's file");
    let old = Store::open(&old_path).expect("old file");
    same_rules(&old, source, &new_store, report.campaign_id);
    no_work(&new_store, report.campaign_id);
    assert_eq!((report.teams, report.teams_created), (2, 2), "both teams are made by name in the new file");
    assert_eq!(
        (report.clients_created, report.contracts_created, report.contracts_skipped),
        (3, 2, 1),
        "targets come with their contracts, but a number already held here stays with its holder"
    );
    assert_eq!(target_codes(&new_store, report.campaign_id), ["GW001", "GW002", "GW003"], "targets matched by client code");
    let gw1 = new_store.clients().get(new_store.clients().id_by_code("GW001").expect("c").expect("GW001")).expect("client");
    assert_eq!(
        (gw1.row.team.as_deref(), gw1.row.account_manager.as_deref()),
        (Some("市区一组"), Some("王建国")),
        "team and manager by name"
    );
    assert_eq!(new_store.campaigns().get(report.campaign_id).expect("copy").copied_from, None, "the source is in another file");
    assert_eq!(report.source_file.as_deref(), Some(old_path.display().to_string().as_str()));

    let missing: PathBuf = dir.path().join("nowhere.db");
    let err =
        campaign_copy::copy_from_file(&new_store, &missing, source, &next_year("x", false), "王策划", at(2027, 9, 1)).expect_err("no file");
    assert_eq!(err.code(), "unreadable_file", "a missing file is said so: {err}");
    assert!(!missing.exists(), "and no empty database is left in its place");
}

#[test]
fn a_campaigns_dates_bound_its_achievements_plans_and_snapshots() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, id) = last_year(&dir.path().join("rampart.db"), dir.path());
    let team = store.org().teams().expect("teams")[0].id;
    let late = AchievementInput {
        date: day(2027, 1, 2),
        metric: "mobile_users".into(),
        team_id: Some(team),
        person_id: None,
        quantity: 1,
        amount: Money::ZERO,
        client_id: None,
        industry: None,
        note: String::new(),
    };
    let Err(Error::Validation(fields)) = store.achievements().add(id, &late) else {
        panic!("an achievement after the campaign is refused")
    };
    assert_eq!(
        (fields[0].field.as_str(), &fields[0].problem),
        ("date", &Problem::OutsideCampaign { start: day(2026, 10, 1), end: day(2026, 12, 31) }),
        "the form marks the date with the campaign's dates"
    );

    let file = dir.path().join("业绩.csv");
    std::fs::write(&file, "日期,指标,团队,数量\n2026-11-01,mobile_users,市区一组,2\n2027-01-02,mobile_users,市区一组,3\n").expect("write");
    let report = import_achievements(&store, &file, id, false).expect("read");
    assert!(!report.written && report.problems.len() == 1, "one bad row and nothing is added: {:?}", report.problems);
    let p = &report.problems[0];
    assert_eq!(
        (report.file.as_str(), p.line, p.column.as_str(), p.value.as_str()),
        ("业绩.csv", 3, "日期", "2027-01-02"),
        "file, line and column of the date"
    );
    assert!(p.message_zh.contains("2026-10-01") && p.message_en.contains("outside the campaign"), "both languages say why: {p:?}");

    let snaps = dir.path().join("快照.csv");
    std::fs::write(&snaps, "账期,合同号,在网,当前资费\n2026-12,HT001,是,1200\n2027-01,HT001,是,1200\n").expect("write");
    let report = import_snapshots(&store, &snaps, id, false, day(2027, 1, 5)).expect("read");
    assert!(!report.written, "a month after the campaign refuses the file");
    assert_eq!(
        report.problems.iter().map(|p| (p.line, p.column.as_str())).collect::<Vec<_>>(),
        [(3, "账期")],
        "line and column of the month"
    );

    let plan = store.plans().list(id, &Default::default(), day(2026, 11, 5)).expect("plans")[0].id;
    let by = By { author: "王建国".into(), at: at(2026, 11, 6) };
    let Err(Error::Validation(fields)) = store.plans().add_item(plan, "回访", None, day(2026, 9, 30), &by) else {
        panic!("due before the campaign is refused")
    };
    assert_eq!(fields[0].field, "due", "the item form marks its due date");
    store.plans().add_item(plan, "回访", None, day(2026, 12, 31), &by).expect("the last day is inside");

    // New dates for the campaign keep what it holds inside: October's snapshot, November's
    // achievement, an item due on 31 December.
    let campaign = store.campaigns().get(id).expect("campaign");
    let input = |start, end| CampaignInput {
        name: campaign.name.clone(),
        theme: campaign.theme.clone(),
        start_date: start,
        end_date: end,
        status: campaign.status,
        subsidy_budget: campaign.subsidy_budget,
        goals: campaign.goals.clone(),
    };
    let Err(Error::Validation(fields)) = store.campaigns().update(id, &input(day(2026, 11, 1), day(2026, 12, 15))) else {
        panic!("dates that leave recorded work outside are refused")
    };
    let named: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(named, ["start_date", "end_date"], "both ends are marked: October's snapshot and December's item fall outside");
    assert_eq!(store.campaigns().get(id).expect("campaign").start_date, day(2026, 10, 1), "nothing changed");
    let wider = store.campaigns().update(id, &input(day(2026, 9, 1), day(2027, 3, 31))).expect("wider dates keep everything inside");
    assert_eq!((wider.start_date, wider.end_date), (day(2026, 9, 1), day(2027, 3, 31)));
    store
        .campaigns()
        .update(id, &input(day(2026, 10, 20), day(2026, 12, 31)))
        .expect("a start later in October still covers its snapshot month");
}
