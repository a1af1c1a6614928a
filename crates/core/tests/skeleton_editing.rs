//! Editing the goals, the strategy skeleton and their KPIs as the app does, and the client list's
//! gap filter (high-risk targets still without a subsidy, a plan or fibre) against hand counts.

use chrono::NaiveDate;
use rampart_core::domain::ids::{CampaignId, GoalId, KpiId, PartId};
use rampart_core::domain::kpi::{KpiInput, KpiOwner, Metric, MetricParameter};
use rampart_core::domain::skeleton::{GoalInput, PartInput, PartKind, Scope};
use rampart_core::domain::{ClientQuery, Lacking, ProductType, RiskFilter};
use rampart_core::error::Entity;
use rampart_core::{Error, Store};
use rusqlite::Connection;

const C: CampaignId = CampaignId(1);

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

/// Campaign 1 (1 Oct – 31 Dec 2026, default risk thresholds: broadband above 500 元, spend above
/// 5,000 元 a month, an agreement ending before 31 Mar 2027) with six targets; client 7 is no
/// target. Campaign 2 exists only to hold a plan that must not count for campaign 1.
///
/// | target | contracts                               | high risk | subsidy | live plan | fibre |
/// |--------|-----------------------------------------|-----------|---------|-----------|-------|
/// | T1     | broadband 600 元, fibre                 | price     | no      | yes       | yes   |
/// | T2     | bundle 100 元 ending 30 Nov             | expiring  | yes     | no (deleted; one in campaign 2) | no |
/// | T3     | bundle 6,000 元, fibre                  | spend     | yes     | yes       | yes   |
/// | T4     | mobile 10 元                            | no        | no      | no        | no    |
/// | T5     | broadband 200 元, fibre                 | no        | no      | no        | yes   |
/// | T6     | broadband 700 元                        | price     | no      | no        | no    |
/// | C7     | broadband 900 元 (no target)            | —         | —       | —         | no    |
///
/// The demo rules subsidise bundle and fibre-only contracts only.
const FIXTURE: &str = "
INSERT INTO campaigns (id, name, start_date, end_date) VALUES (1, '长城计划', '2026-10-01', '2026-12-31'),
  (2, '春季行动', '2027-01-01', '2027-03-31');
INSERT INTO teams (id, name) VALUES (1, '网吧宽频部'), (2, '鼓楼区');
INSERT INTO clients (id, code, name, category, tier, industry, team_id) VALUES
  (1, 'T1', '甲', 'sme', 'A', '教育', 1), (2, 'T2', '乙', 'sme', 'B', '医疗', 2), (3, 'T3', '丙', 'strategic', 'A', '教育', 2),
  (4, 'T4', '丁', 'sme', 'C', '物流', 1), (5, 'T5', '戊', 'sme', 'C', '', 2), (6, 'T6', '己', 'sme', 'B', '医疗', 1),
  (7, 'C7', '庚', 'sme', 'A', '教育', 1);
INSERT INTO contracts (id, number, client_id, product_type, monthly_fee_fen, dec_fee_fen, end_date, fiber_to_premises) VALUES
  (1, 'K1', 1, 'broadband', 60000, 60000, NULL, 1), (2, 'K2', 2, 'bundle', 10000, 10000, '2026-11-30', 0),
  (3, 'K3', 3, 'bundle', 600000, 600000, NULL, 1), (4, 'K4', 4, 'mobile', 1000, 1000, NULL, 0),
  (5, 'K5', 5, 'broadband', 20000, 20000, NULL, 1), (6, 'K6', 6, 'broadband', 70000, 70000, NULL, 0),
  (7, 'K7', 7, 'broadband', 90000, 90000, NULL, 0);
INSERT INTO campaign_targets VALUES (1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (2, 2);
INSERT INTO plans (id, campaign_id, client_id, deleted_at) VALUES (1, 1, 1, NULL), (2, 1, 2, '2026-11-30 10:00:00'), (3, 1, 3, NULL),
  (4, 2, 2, NULL);
";

fn store_with_fixture(dir: &tempfile::TempDir) -> Store {
    let path = dir.path().join("gaps.db");
    drop(Store::open(&path).expect("a new database"));
    Connection::open(&path).expect("open").execute_batch(FIXTURE).expect("fixture rows");
    let store = Store::open(&path).expect("reopen");
    let now = day(10, 1).and_hms_opt(9, 0, 0).expect("time");
    store.rule_sets().save(C, &rampart_core::domain::subsidy::RuleTable::demo(), "t", now).expect("demo rules");
    store
}

/// The codes of the campaign's targets the filter lists, in code order.
fn listed(store: &Store, risk: Option<RiskFilter>, lacking: Option<Lacking>) -> Vec<String> {
    let q = ClientQuery { campaign_id: Some(C), risk, lacking, ..Default::default() };
    let page = store.clients().page(&q).expect("page");
    let codes: Vec<String> = page.rows.into_iter().map(|r| r.code).collect();
    assert_eq!(page.total, codes.len() as i64, "the total counts the same rows the page lists");
    codes
}

#[test]
fn high_risk_targets_lacking_a_subsidy_a_plan_or_fibre_match_a_hand_count() {
    let dir = tempfile::tempdir().expect("dir");
    let store = store_with_fixture(&dir);
    let any = Some(RiskFilter::Any);
    assert_eq!(listed(&store, any, None), ["T1", "T2", "T3", "T6"], "the high-risk targets; C7 is no target");
    assert_eq!(listed(&store, any, Some(Lacking::Subsidy)), ["T1", "T6"], "T2 and T3 hold bundles the demo rules subsidise");
    assert_eq!(
        listed(&store, any, Some(Lacking::Plan)),
        ["T2", "T6"],
        "T2's plan here was deleted and its plan in the spring campaign is another campaign's"
    );
    assert_eq!(listed(&store, any, Some(Lacking::Fibre)), ["T2", "T6"], "T1 and T3 have fibre to the premises");
    assert_eq!(listed(&store, Some(RiskFilter::Expiring), Some(Lacking::Plan)), ["T2"], "one flag and one gap together");
    // Without a risk flag the gap applies to every target.
    assert_eq!(listed(&store, None, Some(Lacking::Plan)), ["T2", "T4", "T5", "T6"], "targets without a live plan");
    assert_eq!(listed(&store, None, Some(Lacking::Fibre)), ["T2", "T4", "T6"], "targets without fibre");
    assert_eq!(listed(&store, None, Some(Lacking::Subsidy)), ["T1", "T4", "T5", "T6"], "targets without a subsidy");
}

#[test]
fn the_gap_filter_agrees_with_the_dashboard_share() {
    let dir = tempfile::tempdir().expect("dir");
    let store = store_with_fixture(&dir);
    let goal = store.kpis().add_goal(C, &GoalInput { name: "目的一".into(), description: String::new() }).expect("goal");
    for (metric, lacking) in [
        (Metric::HighRiskWithSubsidy, Lacking::Subsidy),
        (Metric::HighRiskWithPlan, Lacking::Plan),
        (Metric::HighRiskWithFibre, Lacking::Fibre),
    ] {
        let input = KpiInput {
            name: metric.label_zh().into(),
            metric,
            parameter: MetricParameter::default(),
            target: 100.0,
            unit: "%".into(),
            higher_is_better: true,
        };
        let id = store.kpis().add(C, KpiOwner::Goal(goal), &input).expect("kpi");
        let kpi = store.kpis().get(id).expect("kpi");
        let share = store.kpis().value(&kpi, day(12, 31), None).expect("value").expect("there are high-risk targets");
        let without = listed(&store, Some(RiskFilter::Any), Some(lacking)).len() as f64;
        assert_eq!(share, (4.0 - without) * 100.0 / 4.0, "{metric:?}: the list one click away holds the targets the share misses");
    }
}

fn not_found(result: rampart_core::Result<impl std::fmt::Debug>) -> (Entity, String) {
    match result {
        Err(Error::NotFound { entity, key }) => (entity, key),
        other => panic!("expected not found, got {other:?}"),
    }
}

#[test]
fn a_missing_goal_part_or_kpi_is_named_as_such() {
    let dir = tempfile::tempdir().expect("dir");
    let store = store_with_fixture(&dir);
    let kpis = store.kpis();
    let goal = GoalInput { name: "目的".into(), description: String::new() };
    assert_eq!(not_found(kpis.update_goal(GoalId(41), &goal)), (Entity::Goal, "41".into()));
    assert_eq!(not_found(kpis.remove_goal(GoalId(41))), (Entity::Goal, "41".into()));
    let part = PartInput { kind: PartKind::Battle, name: "宽带保卫战".into(), owner_team_id: None, scope: Scope::default() };
    assert_eq!(not_found(kpis.update_part(PartId(42), &part)), (Entity::StrategyPart, "42".into()));
    assert_eq!(not_found(kpis.remove_part(PartId(42))), (Entity::StrategyPart, "42".into()));
    let input = KpiInput {
        name: "手工".into(),
        metric: Metric::Manual,
        parameter: MetricParameter::default(),
        target: 1.0,
        unit: String::new(),
        higher_is_better: true,
    };
    assert_eq!(not_found(kpis.get(KpiId(43))), (Entity::Kpi, "43".into()));
    assert_eq!(not_found(kpis.update(KpiId(43), &input)), (Entity::Kpi, "43".into()));
    assert_eq!(not_found(kpis.remove(KpiId(43))), (Entity::Kpi, "43".into()));
    assert_eq!(not_found(kpis.set_value(KpiId(43), day(10, 4), 1.0)), (Entity::Kpi, "43".into()));
    assert_eq!(not_found(kpis.clear_value(KpiId(43), day(10, 4))), (Entity::Kpi, "43".into()), "clearing a week of no KPI says so");
    assert_eq!(not_found(kpis.values(KpiId(43))), (Entity::Kpi, "43".into()));
    let err = kpis.remove_part(PartId(42)).expect_err("missing");
    assert_eq!(err.message_zh(), "找不到攻坚战或专题：42", "the planner reads what is missing");
}

#[test]
fn restoring_the_defaults_fills_only_what_is_empty() {
    let dir = tempfile::tempdir().expect("dir");
    let store = store_with_fixture(&dir);
    let kpis = store.kpis();
    assert!(kpis.apply_defaults(C).expect("defaults"), "an empty campaign takes the seed's skeleton");
    let (goals, parts, count) =
        (kpis.goals(C).expect("goals").len(), kpis.parts(C).expect("parts").len(), kpis.list(C).expect("kpis").len());
    assert_eq!((goals, parts), (3, 6), "three goals, three battles and three workstreams");
    assert!(!kpis.apply_defaults(C).expect("again"), "nothing to add the second time");
    assert_eq!(kpis.list(C).expect("kpis").len(), count, "asking twice does not double the KPIs");

    // The planner removes every battle and workstream but keeps the goals: only the parts return.
    let first_goal = kpis.goals(C).expect("goals")[0].id;
    kpis.update_goal(first_goal, &GoalInput { name: "目的一 自己的".into(), description: String::new() }).expect("rename");
    for part in kpis.parts(C).expect("parts") {
        kpis.remove_part(part.id).expect("remove");
    }
    assert!(kpis.apply_defaults(C).expect("restore"), "the empty skeleton is restored");
    assert_eq!(kpis.parts(C).expect("parts").len(), 6);
    let goals: Vec<String> = kpis.goals(C).expect("goals").into_iter().map(|g| g.name).collect();
    assert_eq!(goals.len(), 3, "the goals were not added again");
    assert_eq!(goals[0], "目的一 自己的", "the planner's own goal stays as edited");
    assert_eq!(kpis.list(C).expect("kpis").len(), count, "the skeleton's KPIs came back with it");
}

#[test]
fn a_scope_offers_the_product_types_and_industries_of_the_campaigns_targets() {
    let dir = tempfile::tempdir().expect("dir");
    let store = store_with_fixture(&dir);
    let choices = store.kpis().scope_choices(C).expect("choices");
    assert_eq!(
        choices.product_types,
        [ProductType::Bundle, ProductType::Broadband, ProductType::Mobile],
        "no target has a fibre-only contract"
    );
    assert_eq!(choices.industries, ["医疗", "教育", "物流"], "T5 has no industry; C7 is no target");
    let part = PartInput {
        kind: PartKind::Battle,
        name: "行业应用突击战".into(),
        owner_team_id: None,
        scope: Scope { product_types: vec![ProductType::FiberOnly], industries: vec!["金融".into()], ..Scope::default() },
    };
    store.kpis().add_part(C, &part).expect("part");
    let choices = store.kpis().scope_choices(C).expect("choices");
    assert!(choices.product_types.contains(&ProductType::FiberOnly), "a type a part already names stays offered");
    assert!(choices.industries.iter().any(|i| i == "金融"), "so does an industry it names, so editing it keeps it");
}
