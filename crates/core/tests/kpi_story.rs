//! KPIs measured from what Rampart holds, each against a count made by hand from the rows of `support/kpi_fixture.rs`
//! at three dates: 8 Oct (a week in), 15 Nov (half-way) and 31 Dec (the last day).

use chrono::NaiveDate;
use rampart_core::domain::ids::{CampaignId, GoalId, TeamId};
use rampart_core::domain::kpi::{KpiInput, KpiOwner, KpiStatus, Metric, MetricParameter};
use rampart_core::domain::skeleton::{GoalInput, PartInput, PartKind, Scope};
use rampart_core::domain::ProductType;
use rampart_core::{Error, Problem, Store};
use rusqlite::Connection;

mod support;

use support::kpi_fixture::kpi_store;

const C: CampaignId = CampaignId(1);

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

fn dates() -> [NaiveDate; 3] {
    [day(10, 8), day(11, 15), day(12, 31)]
}

fn kpi(metric: Metric) -> KpiInput {
    KpiInput {
        name: metric.label_zh().into(),
        metric,
        parameter: MetricParameter::default(),
        target: 90.0,
        unit: metric.default_unit().into(),
        higher_is_better: true,
    }
}

fn goal(store: &Store) -> GoalId {
    store.kpis().add_goal(C, &GoalInput { name: "目的一 存量保持".into(), description: String::new() }).expect("goal")
}

/// The metric's figures on the three dates, rounded to two decimals.
fn figures(store: &Store, owner: KpiOwner, input: KpiInput) -> Vec<Option<f64>> {
    let id = store.kpis().add(C, owner, &input).expect("add the KPI");
    let kpi = store.kpis().get(id).expect("read it back");
    dates().iter().map(|d| store.kpis().value(&kpi, *d, None).expect("evaluate").map(|v| (v * 100.0).round() / 100.0)).collect()
}

#[test]
fn each_metric_matches_a_hand_count_at_three_dates() {
    let dir = tempfile::tempdir().expect("dir");
    let store = kpi_store(&dir, "");
    let g = KpiOwner::Goal(goal(&store));

    // Closed by the date: 8 Oct W5 (1 of 1); 15 Nov W5, W1 retained, W2 lost (2 of 3); 31 Dec also W3 (3 of 4).
    assert_eq!(figures(&store, g, kpi(Metric::WarningRetention)), [Some(100.0), Some(66.67), Some(75.0)], "retention of warned contracts");
    // First snapshots 600 + 100 + 6,000 = 6,700 元; kept: Oct all; Nov K1 at 400 (6,500); Dec K2 gone (6,400).
    assert_eq!(figures(&store, g, kpi(Metric::RevenueKept)), [Some(100.0), Some(97.01), Some(95.52)], "revenue still in network");
    let locked = |amount| KpiInput {
        parameter: MetricParameter { metric: Some("locked_agreements".into()), days: None },
        ..kpi(if amount { Metric::AchievementAmount } else { Metric::AchievementQuantity })
    };
    assert_eq!(figures(&store, g, locked(false)), [Some(3.0), Some(5.0), Some(10.0)], "存量协议锁定 quantity by date");
    assert_eq!(figures(&store, g, locked(true)), [Some(1000.0), Some(1500.0), Some(1500.0)], "存量协议锁定 amount in 元 by date");
    // Of five targets: 8 Oct P1 and the unlogged P3; 15 Nov also P2; 31 Dec P3 deleted, P4 made.
    assert_eq!(figures(&store, g, kpi(Metric::PlanCoverage)), [Some(40.0), Some(60.0), Some(60.0)], "plan coverage");
    // Live plans' four items: none done by 8 Oct; 10 Oct and 15 Nov by mid-November; 20 Nov too by the end.
    assert_eq!(figures(&store, g, kpi(Metric::PlanCompletion)), [Some(0.0), Some(50.0), Some(75.0)], "plan completion");
    // High-risk C1, C2, C3: plans P1 (5 Oct), P2 (10 Nov), P4 (1 Dec); fibre only at C1.
    assert_eq!(figures(&store, g, kpi(Metric::HighRiskWithPlan)), [Some(33.33), Some(66.67), Some(100.0)], "high risk with a plan");
    assert_eq!(figures(&store, g, kpi(Metric::HighRiskWithFibre)), [Some(33.33); 3], "high risk with fibre (undated: as now)");
    // Recorded in the first 30 days (to 30 Oct) and by the date: C1 by 8 Oct; C1, C2 after.
    let key = KpiInput { parameter: MetricParameter { metric: None, days: Some(30) }, ..kpi(Metric::KeyPersonConfirmed) };
    assert_eq!(figures(&store, g, key), [Some(20.0), Some(40.0), Some(40.0)], "key person confirmed within 30 days");

    let manual = store.kpis().add(C, g, &kpi(Metric::Manual)).expect("manual KPI");
    store.kpis().set_value(manual, day(10, 4), 10.0).expect("week 1");
    store.kpis().set_value(manual, day(11, 8), 25.0).expect("week 6");
    store.kpis().set_value(manual, day(11, 8), 20.0).expect("week 6 corrected");
    let manual = store.kpis().get(manual).expect("manual");
    let values: Vec<Option<f64>> = dates().iter().map(|d| store.kpis().value(&manual, *d, None).expect("value")).collect();
    assert_eq!(values, [Some(10.0), Some(20.0), Some(20.0)], "a hand-entered KPI reads its latest week up to the date");
    assert_eq!(store.kpis().value(&manual, day(10, 3), None).expect("before"), None, "no week entered yet");
}

#[test]
fn subsidy_metrics_follow_the_subsidy_figures() {
    let dir = tempfile::tempdir().expect("dir");
    let store = kpi_store(&dir, "");
    let now = day(10, 1).and_hms_opt(9, 0, 0).expect("time");
    store.rule_sets().save(C, &rampart_core::domain::subsidy::RuleTable::demo(), "t", now).expect("demo rules");
    let g = KpiOwner::Goal(goal(&store));
    assert_eq!(figures(&store, g, kpi(Metric::HighRiskWithSubsidy)).len(), 3);
    let totals = store.subsidies().totals(C).expect("totals");
    assert!(totals.total.fen() > 0, "the demo rules subsidise these contracts");
    let used = store.kpis().list(C).expect("kpis");
    let budget = KpiInput { higher_is_better: false, ..kpi(Metric::SubsidyBudgetUsed) };
    let id = store.kpis().add(C, g, &budget).expect("budget KPI");
    let kpi = store.kpis().get(id).expect("kpi");
    let value = store.kpis().value(&kpi, day(12, 31), None).expect("value").expect("a budget is set");
    assert!(
        (value - totals.total.fen() as f64 * 100.0 / 1_000_000.0).abs() < 1e-9,
        "budget used is the subsidy total over the 10,000 元 budget: {value} vs {}",
        totals.total
    );
    let subsidised = Connection::open(dir.path().join("kpi.db"))
        .expect("open")
        .query_row("SELECT count(*) FROM client_subsidies WHERE campaign_id = 1 AND client_id IN (1, 2, 3) AND amount_fen > 0", [], |r| {
            r.get::<_, i64>(0)
        })
        .expect("count");
    let share = store.kpis().value(&used[0], day(12, 31), None).expect("share");
    assert_eq!(share, Some(subsidised as f64 * 100.0 / 3.0), "subsidised high-risk targets out of the three");
}

#[test]
fn a_battle_measures_only_the_targets_its_rule_takes_in() {
    let dir = tempfile::tempdir().expect("dir");
    let store = kpi_store(&dir, "");
    let part = |name: &str, scope: Scope| -> KpiOwner {
        let input = PartInput { kind: PartKind::Battle, name: name.into(), owner_team_id: Some(TeamId(1)), scope };
        KpiOwner::Part(store.kpis().add_part(C, &input).expect("part"))
    };
    let broadband = part("宽带保卫战", Scope { product_types: vec![ProductType::Broadband], ..Scope::default() });
    assert_eq!(
        figures(&store, broadband, kpi(Metric::HighRiskWithFibre)),
        [Some(100.0); 3],
        "of the high-risk targets only C1 has a broadband contract, and it has fibre"
    );
    let region = part("区域攻坚战", Scope { team_ids: vec![TeamId(2)], ..Scope::default() });
    assert_eq!(
        figures(&store, region, kpi(Metric::PlanCoverage)),
        [Some(0.0), Some(33.33), Some(66.67)],
        "鼓楼区 has C2, C3, C5: C2 planned 10 Nov, C3 on 1 Dec"
    );
    let industry = part("行业应用突击战", Scope { industries: vec!["教育".into()], ..Scope::default() });
    let locked = KpiInput {
        parameter: MetricParameter { metric: Some("locked_agreements".into()), days: None },
        ..kpi(Metric::AchievementQuantity)
    };
    assert_eq!(
        figures(&store, industry, locked),
        [Some(3.0), Some(3.0), Some(8.0)],
        "教育: C1's 3 and the 5 typed as 教育; C2 (医疗) is left out"
    );
    let parts = store.kpis().parts(C).expect("parts");
    assert_eq!(parts[0].owner_team.as_deref(), Some("网吧宽频部"), "the owner team is read with its name");
    assert_eq!(parts[1].scope.team_ids, [TeamId(2)], "the scope reads back as saved");
}

#[test]
fn readings_give_each_kpi_its_status_on_the_date() {
    let dir = tempfile::tempdir().expect("dir");
    let store = kpi_store(&dir, "");
    let g = KpiOwner::Goal(goal(&store));
    store.kpis().add(C, g, &KpiInput { target: 70.0, ..kpi(Metric::WarningRetention) }).expect("retention");
    store.kpis().add(C, g, &KpiInput { target: 100.0, ..kpi(Metric::PlanCompletion) }).expect("completion");
    let readings = store.kpis().readings(C, day(11, 15), None).expect("readings");
    let statuses: Vec<KpiStatus> = readings.iter().map(|r| r.status).collect();
    // Retention 66.67 % is within a tenth of 70 %; completion 50 % on day 46 of 92 is exactly on course.
    assert_eq!(statuses, [KpiStatus::AtRisk, KpiStatus::AtRisk], "both short of their targets but on course");
    let late = store.kpis().readings(C, day(12, 31), None).expect("readings");
    assert_eq!(late[0].status, KpiStatus::Met, "75 % retention meets 70 %");
    assert_eq!(late[1].status, KpiStatus::Behind, "75 % of items done on the last day is behind 100 %");
}

fn field_problems(err: Error) -> Vec<(String, Problem)> {
    match err {
        Error::Validation(errors) => errors.into_iter().map(|e| (e.field, e.problem)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[test]
fn kpis_are_checked_against_their_campaign() {
    let dir = tempfile::tempdir().expect("dir");
    let store = kpi_store(&dir, "");
    let g = goal(&store);
    let unknown_metric =
        KpiInput { parameter: MetricParameter { metric: Some("nope".into()), days: None }, ..kpi(Metric::AchievementQuantity) };
    assert_eq!(
        field_problems(store.kpis().add(C, KpiOwner::Goal(g), &unknown_metric).expect_err("unknown metric")),
        [("parameter.metric".to_string(), Problem::UnknownReference)],
        "an achievement KPI names a metric the campaign counts"
    );
    assert_eq!(
        field_problems(store.kpis().add(C, KpiOwner::Goal(GoalId(999)), &kpi(Metric::PlanCoverage)).expect_err("no goal")),
        [("owner".to_string(), Problem::UnknownReference)],
        "a KPI belongs to a goal of its campaign"
    );
    let bad_part =
        PartInput { kind: PartKind::Workstream, name: "移动维挽".into(), owner_team_id: Some(TeamId(99)), scope: Scope::default() };
    assert_eq!(
        field_problems(store.kpis().add_part(C, &bad_part).expect_err("no team")),
        [("owner_team_id".to_string(), Problem::UnknownReference)],
        "the owner team exists"
    );
    let id = store.kpis().add(C, KpiOwner::Goal(g), &kpi(Metric::PlanCoverage)).expect("kpi");
    assert!(store.kpis().set_value(id, day(10, 4), 1.0).is_err(), "only a hand-entered KPI takes weekly values");
    store.kpis().remove_goal(g).expect("remove the goal");
    assert!(store.kpis().list(C).expect("kpis").is_empty(), "a goal's KPIs go with it");
    assert!(matches!(store.kpis().remove(id), Err(Error::NotFound { .. })), "the KPI is gone");
}

#[test]
fn a_campaign_from_the_defaults_has_three_goals_three_battles_and_three_workstreams() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("defaults.db");
    drop(Store::open(&path).expect("new"));
    Connection::open(&path)
        .expect("open")
        .execute_batch(
            "INSERT INTO campaigns (id, name, start_date, end_date) VALUES (1, '长城计划', '2026-10-01', '2026-12-31');
             INSERT INTO teams (name) VALUES ('网吧宽频部'), ('政企客维支撑中心');",
        )
        .expect("campaign");
    let store = Store::open(&path).expect("reopen");
    let now = day(10, 1).and_hms_opt(9, 0, 0).expect("time");
    rampart_core::campaign_defaults::apply(&store, C, "t", now).expect("default rules, metrics, awards, goals and skeleton");
    let goals: Vec<String> = store.kpis().goals(C).expect("goals").into_iter().map(|g| g.name).collect();
    assert_eq!(goals, ["目的一 存量保持", "目的二 高端移动用户", "目的三 销售组织能力"]);
    let parts = store.kpis().parts(C).expect("parts");
    let summary: Vec<(PartKind, &str, Option<&str>)> = parts.iter().map(|p| (p.kind, p.name.as_str(), p.owner_team.as_deref())).collect();
    assert_eq!(
        summary,
        [
            (PartKind::Battle, "宽带保卫战", Some("网吧宽频部")),
            (PartKind::Battle, "区域攻坚战", None),
            (PartKind::Battle, "行业应用突击战", None),
            (PartKind::Workstream, "移动维挽", None),
            (PartKind::Workstream, "宽带预警监控", Some("政企客维支撑中心")),
            (PartKind::Workstream, "完善客户基础管理", Some("政企客维支撑中心")),
        ],
        "owner teams are the campaign's teams of the seed's names, where they exist"
    );
    let kpis = store.kpis().list(C).expect("kpis");
    assert_eq!(
        kpis.len(),
        22,
        "9 goal KPIs and 13 skeleton KPIs (fibre prepared, visits and the green channel on time, greetings sent among them), every achievement metric among the campaign's"
    );
    for reading in store.kpis().readings(C, day(11, 15), None).expect("readings") {
        assert!(
            reading.value.is_some() || reading.status == KpiStatus::NoData,
            "{} evaluates on an empty campaign without error",
            reading.kpi.name
        );
    }
}

#[test]
fn the_demo_campaign_starts_with_the_seed_skeleton_and_every_kpi_reads_a_figure() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("demo.db")).expect("new");
    let campaign = rampart_core::demo::seed_demo(&store, day(11, 22)).expect("demo");
    assert_eq!(store.kpis().goals(campaign).expect("goals").len(), 3, "the seed's three goals");
    let parts = store.kpis().parts(campaign).expect("parts");
    assert_eq!(parts.len(), 6, "three battles and three workstreams");
    assert!(parts.iter().any(|p| p.owner_team.is_some()), "the demo's departments own their battles");
    let readings = store.kpis().readings(campaign, day(11, 22), None).expect("readings");
    let blank: Vec<&str> = readings.iter().filter(|r| r.value.is_none()).map(|r| r.kpi.name.as_str()).collect();
    assert!(blank.is_empty(), "the demo holds data for every default KPI; without a figure: {blank:?}");
}

/// Every day from a few days before the campaign to a few after it.
fn every_day() -> Vec<NaiveDate> {
    day(9, 28).iter_days().take_while(|d| *d <= NaiveDate::from_ymd_opt(2027, 1, 3).expect("date")).collect()
}

#[test]
fn the_weekly_series_is_the_figure_on_each_day_for_every_metric_scope_and_team() {
    let dir = tempfile::tempdir().expect("dir");
    let store = kpi_store(&dir, "");
    let now = day(10, 1).and_hms_opt(9, 0, 0).expect("time");
    store.rule_sets().save(C, &rampart_core::domain::subsidy::RuleTable::demo(), "t", now).expect("demo rules");
    let g = KpiOwner::Goal(goal(&store));
    let battle = |name: &str, scope: Scope| {
        let input = PartInput { kind: PartKind::Battle, name: name.into(), owner_team_id: None, scope };
        KpiOwner::Part(store.kpis().add_part(C, &input).expect("part"))
    };
    let owners = [
        g,
        battle("宽带保卫战", Scope { product_types: vec![ProductType::Broadband, ProductType::Bundle], ..Scope::default() }),
        battle("教育", Scope { industries: vec!["教育".into()], team_ids: vec![TeamId(1), TeamId(2)], ..Scope::default() }),
    ];
    let mut checked = 0;
    for owner in owners {
        for metric in Metric::ALL {
            let parameter = MetricParameter {
                metric: matches!(metric, Metric::AchievementQuantity | Metric::AchievementAmount).then(|| "locked_agreements".into()),
                days: (metric == Metric::KeyPersonConfirmed).then_some(30),
            };
            let id = store.kpis().add(C, owner, &KpiInput { parameter, ..kpi(metric) }).expect("kpi");
            if metric == Metric::Manual {
                store.kpis().set_value(id, day(10, 11), 12.0).expect("a week");
                store.kpis().set_value(id, day(11, 1), 30.0).expect("a later week");
            }
            let kpi = store.kpis().get(id).expect("kpi");
            for team in [None, Some(TeamId(1)), Some(TeamId(2))] {
                let series = store.kpis().series(&kpi, &every_day(), team).expect("series");
                let one_by_one: Vec<Option<f64>> = every_day().iter().map(|d| store.kpis().value(&kpi, *d, team).expect("value")).collect();
                assert_eq!(series, one_by_one, "{} ({owner:?}, team {team:?}): one pass gives each day's figure", metric.code());
                checked += series.iter().filter(|v| v.is_some()).count();
            }
        }
    }
    assert!(checked > 3_000, "most of those days have a figure to compare ({checked})");
    let campaign = store.campaigns().get(C).expect("campaign");
    let weeks = rampart_core::domain::kpi::week_ends(campaign.start_date, campaign.end_date, day(10, 20));
    let coverage = store.kpis().list(C).expect("kpis").into_iter().find(|k| k.metric == Metric::PlanCoverage).expect("coverage");
    assert_eq!(
        store.kpis().series(&coverage, &weeks, None).expect("trend"),
        [Some(20.0), Some(40.0), Some(40.0), Some(40.0)],
        "4 Oct: the unlogged P3 only; from 5 Oct P1 too; read up to 20 Oct"
    );
}

#[test]
fn a_team_reads_only_its_own_clients_and_achievements() {
    let dir = tempfile::tempdir().expect("dir");
    let store = kpi_store(&dir, "");
    let g = KpiOwner::Goal(goal(&store));
    let add = |owner: KpiOwner, input: KpiInput| store.kpis().get(store.kpis().add(C, owner, &input).expect("kpi")).expect("kpi");
    let by_team = |kpi: &rampart_core::domain::kpi::Kpi, team: u32| -> Vec<Option<f64>> {
        dates()
            .iter()
            .map(|d| store.kpis().value(kpi, *d, Some(TeamId(team as i64))).expect("value").map(|v| (v * 100.0).round() / 100.0))
            .collect()
    };
    // 网吧宽频部 (1) has targets C1 and C4; 鼓楼区 (2) has C2, C3 and C5.
    let coverage = add(g, kpi(Metric::PlanCoverage));
    assert_eq!(by_team(&coverage, 1), [Some(100.0), Some(100.0), Some(50.0)], "C1 planned 5 Oct, C4's unlogged P3 deleted 30 Nov");
    assert_eq!(by_team(&coverage, 2), [Some(0.0), Some(33.33), Some(66.67)], "C2 planned 10 Nov, C3 on 1 Dec");
    let retention = add(g, kpi(Metric::WarningRetention));
    assert_eq!(by_team(&retention, 1), [Some(100.0); 3], "W5 (C4) retained 7 Oct, W1 (C1) 20 Oct");
    assert_eq!(by_team(&retention, 2), [None, Some(0.0), Some(50.0)], "nothing closed by 8 Oct; W2 lost 10 Nov; W3 retained 1 Dec");
    let locked = add(
        g,
        KpiInput {
            parameter: MetricParameter { metric: Some("locked_agreements".into()), days: None },
            ..kpi(Metric::AchievementQuantity)
        },
    );
    assert_eq!(by_team(&locked, 1), [Some(3.0); 3], "an achievement counts for the team it was credited to");
    assert_eq!(by_team(&locked, 2), [Some(0.0), Some(2.0), Some(7.0)], "鼓楼区: 2 on 1 Nov and 5 on 20 Dec");
    let region = PartInput {
        kind: PartKind::Battle,
        name: "区域攻坚战".into(),
        owner_team_id: None,
        scope: Scope { team_ids: vec![TeamId(2)], ..Scope::default() },
    };
    let region = add(KpiOwner::Part(store.kpis().add_part(C, &region).expect("part")), kpi(Metric::PlanCoverage));
    assert_eq!(by_team(&region, 1), [None; 3], "a battle whose scope leaves the team out has no figure for it");
    assert_eq!(by_team(&region, 2), [Some(0.0), Some(33.33), Some(66.67)], "the team its scope names reads its own figure");
    let manual = add(g, kpi(Metric::Manual));
    store.kpis().set_value(manual.id, day(10, 4), 10.0).expect("week");
    assert_eq!(by_team(&manual, 1), [None; 3], "a hand-entered figure is the campaign's, not a team's");
    let readings = store.kpis().readings(C, day(11, 15), Some(TeamId(2))).expect("readings");
    assert_eq!(readings[0].value.map(|v| (v * 100.0).round() / 100.0), Some(33.33), "readings narrow to the team too");
}

#[test]
fn figures_follow_every_change_made_after_they_were_read() {
    let dir = tempfile::tempdir().expect("dir");
    let store = kpi_store(&dir, "");
    let g = KpiOwner::Goal(goal(&store));
    let add = |input: KpiInput| store.kpis().get(store.kpis().add(C, g, &input).expect("kpi")).expect("kpi");
    let at_end = |kpi: &rampart_core::domain::kpi::Kpi, team: Option<TeamId>| {
        store.kpis().value(kpi, day(12, 31), team).expect("value").map(|v| (v * 100.0).round() / 100.0)
    };
    // Another program (or an import, undo or tracker) writes straight to the file.
    let sql = |statement: &str| {
        Connection::open(dir.path().join("kpi.db")).expect("open").execute_batch(statement).expect(statement);
    };
    let completion = add(kpi(Metric::PlanCompletion));
    assert_eq!(at_end(&completion, None), Some(75.0));
    sql("UPDATE plan_items SET status = 'done', done_on = '2026-12-02' WHERE plan_id = 1 AND position = 2");
    assert_eq!(at_end(&completion, None), Some(100.0), "an item marked done counts at once");

    let retention = add(kpi(Metric::WarningRetention));
    assert_eq!(at_end(&retention, None), Some(75.0));
    sql("UPDATE warnings SET status = 'lost', closed_on = '2026-12-15' WHERE contract_id = 5");
    assert_eq!(at_end(&retention, None), Some(60.0), "a warning closed as lost: 3 of 5");

    let revenue = add(kpi(Metric::RevenueKept));
    assert_eq!(at_end(&revenue, None), Some(95.52));
    sql("INSERT INTO billing_snapshots VALUES (1, 3, '2026-12', 1, 500000)");
    assert_eq!(at_end(&revenue, None), Some(80.6), "a new snapshot: K3 down to 5,000 元, 5,400 of 6,700");

    let key = add(KpiInput { parameter: MetricParameter { metric: None, days: Some(30) }, ..kpi(Metric::KeyPersonConfirmed) });
    assert_eq!(at_end(&key, None), Some(40.0));
    sql("INSERT INTO key_person_changes (client_id, changed_on, old_name, old_phone, new_name, new_phone, recorded_at, author)
         VALUES (4, '2026-10-10', '', '', '周', '5', '2026-10-10 09:00:00', 't')");
    assert_eq!(at_end(&key, None), Some(60.0), "C4's key person confirmed 10 Oct");

    let fibre = add(kpi(Metric::HighRiskWithFibre));
    assert_eq!(at_end(&fibre, None), Some(33.33));
    sql("UPDATE contracts SET fiber_to_premises = 1 WHERE id = 3");
    assert_eq!(at_end(&fibre, None), Some(66.67), "C3's contract now has fibre");
    let risk = rampart_core::domain::risk::RiskSettings { high_price: rampart_core::Money::from_yuan(1_000), ..Default::default() };
    store.campaigns().set_risk_settings(C, risk).expect("thresholds");
    assert_eq!(at_end(&fibre, None), Some(50.0), "with a higher price threshold C1 is no longer high risk: C3 of C2, C3");

    let coverage = add(kpi(Metric::PlanCoverage));
    assert_eq!((at_end(&coverage, None), at_end(&coverage, Some(TeamId(1)))), (Some(60.0), Some(50.0)));
    sql("UPDATE clients SET team_id = 1 WHERE id = 2");
    assert_eq!(at_end(&coverage, Some(TeamId(1))), Some(66.67), "C2 moved to 网吧宽频部 with its plan");
    sql("DELETE FROM campaign_targets WHERE client_id = 5");
    assert_eq!(at_end(&coverage, None), Some(75.0), "C5 is no longer a target: 3 of 4");
    sql("UPDATE plans SET deleted_at = '2026-12-20 10:00:00' WHERE id = 4");
    assert_eq!(at_end(&coverage, None), Some(50.0), "P4 deleted on 20 Dec");
    sql("UPDATE clients SET team_id = team_id, industry = industry, key_person = '吴' WHERE id = 1");
    let fresh: i64 = Connection::open(dir.path().join("kpi.db"))
        .expect("open")
        .query_row("SELECT fresh FROM kpi_tally_state WHERE campaign_id = 1 AND family = 'plans'", [], |r| r.get(0))
        .expect("state");
    assert_eq!(fresh, 1, "a client saved with its team and industry as they were leaves the tallies as they are");

    store.campaigns().delete(C, "长城计划").expect("remove the campaign");
    let left: i64 = Connection::open(dir.path().join("kpi.db"))
        .expect("open")
        .query_row("SELECT (SELECT count(*) FROM kpi_tallies) + (SELECT count(*) FROM kpi_tally_state)", [], |r| r.get(0))
        .expect("count");
    assert_eq!(left, 0, "a removed campaign's tallies go with it");
}
