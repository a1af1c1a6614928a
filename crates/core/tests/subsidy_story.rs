//! Cross-subsidy on a real database: the demo's rules, overrides, rule edits, history and
//! what-if scenarios, with totals checked against the sum of the contract figures.

use chrono::{NaiveDate, NaiveDateTime};
use rampart_core::basis_points::BasisPoints;
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::subsidy::{RuleSetEvent, RuleSetKind, SubsidyFlag};
use rampart_core::domain::{ClientInput, ClientQuery, ProductType};
use rampart_core::{demo, Error, Money, Store};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
}

fn at(hour: u32) -> NaiveDateTime {
    today().and_hms_opt(hour, 0, 0).expect("time")
}

fn open() -> (tempfile::TempDir, Store, CampaignId) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("subsidy.db")).expect("open");
    let campaign = demo::seed_demo(&store, today()).expect("demo");
    (dir, store, campaign)
}

/// The sum of every contract's own figure, computed one client at a time.
fn sum_of_contracts(store: &Store, campaign: CampaignId) -> Money {
    let page = store.clients().page(&ClientQuery { campaign_id: Some(campaign), limit: 1000, ..Default::default() }).expect("clients");
    page.rows.iter().flat_map(|c| store.subsidies().client(campaign, c.id).expect("lines")).map(|l| l.line.amount).sum()
}

#[test]
fn demo_totals_are_the_sum_of_contract_figures() {
    let (_dir, store, campaign) = open();
    let totals = store.subsidies().totals(campaign).expect("totals");
    assert!(totals.total > Money::ZERO, "the demo has fibre and bundle contracts with subsidies");
    assert_eq!(totals.total, sum_of_contracts(&store, campaign), "campaign total = Σ contract figures");
    let by_category: Money = totals.by_category.iter().map(|r| r.amount).sum();
    let by_team: Money = totals.by_team.iter().map(|r| r.amount).sum();
    assert_eq!((by_category, by_team), (totals.total, totals.total), "every dimension adds up to the total");
    assert_eq!(totals.budget, Money::from_yuan(600_000));
    assert_eq!(totals.flagged, 0, "the demo's overrides are all inside their ranges");

    let page =
        store.subsidies().page(&ClientQuery { campaign_id: Some(campaign), limit: 5, ..Default::default() }, false, false).expect("list");
    assert!(page.rows.windows(2).all(|w| w[0].subsidy >= w[1].subsidy), "largest subsidy first");
    let top = &page.rows[0];
    let lines = store.subsidies().client(campaign, top.client_id).expect("explain");
    assert_eq!(lines.iter().map(|l| l.line.amount).sum::<Money>(), top.subsidy, "a client's total = Σ its contracts");
}

#[test]
fn overrides_inside_the_range_only_with_a_reason_and_kept_through_rule_edits() {
    let (_dir, store, campaign) = open();
    let fibre = store.subsidies().first_contract_of(campaign, ProductType::FiberOnly).expect("q").expect("a fibre contract");

    let err = store.subsidies().set_rate_override(campaign, fibre, BasisPoints(5_100), "太高", "王策划", at(10)).expect_err("51% > 50%");
    assert_eq!(err.message_zh(), "补贴比例必须在 30% 到 50% 之间", "outside the range is an error, not a warning");
    let err = store.subsidies().set_rate_override(campaign, fibre, BasisPoints(4_500), "  ", "王策划", at(10)).expect_err("no reason");
    assert!(matches!(&err, Error::Validation(f) if f[0].field == "reason"), "a reason is required: {err:?}");

    let explained =
        store.subsidies().set_rate_override(campaign, fibre, BasisPoints(4_500), "客户议价", "王策划", at(10)).expect("in range");
    assert_eq!(explained.line.rate_bp, BasisPoints(4_500));
    let before = store.subsidies().totals(campaign).expect("totals");
    assert_eq!(before.total, sum_of_contracts(&store, campaign), "the override is in the totals at once");

    // Narrow the fibre range so 45 % falls outside: the override stays and is flagged.
    let mut rules = store.rule_sets().current(campaign).expect("rules").table;
    rules.rates[0].max_bp = BasisPoints(4_200);
    store.rule_sets().save(campaign, &rules, "李主管", at(11)).expect("save");
    let flagged = store.subsidies().totals(campaign).expect("totals").flagged;
    assert_eq!(flagged, 2, "ours at 45 % and the demo's at 50 % are both flagged for review");
    let page =
        store.subsidies().page(&ClientQuery { campaign_id: Some(campaign), ..Default::default() }, true, false).expect("flagged list");
    assert_eq!(page.total, 2, "the flagged filter lists exactly those clients");
    let line = page
        .rows
        .iter()
        .flat_map(|c| store.subsidies().client(campaign, c.client_id).expect("lines"))
        .find(|l| l.contract.id == fibre)
        .expect("our contract is among the flagged")
        .line;
    assert_eq!((line.rate_bp, line.flag), (BasisPoints(4_500), Some(SubsidyFlag::OverrideOutOfRange)), "not silently changed");

    let history = store.rule_sets().history(campaign).expect("history");
    assert_eq!(history.len(), 2, "the first version is kept");
    assert_eq!((history[0].kind, history[0].author.as_str()), (RuleSetKind::Current, "李主管"));
    assert_eq!((history[1].kind, history[1].created_at.as_str()), (RuleSetKind::Superseded, "2026-11-22 09:00:00"));
}

#[test]
fn no_rule_means_no_override() {
    let (_dir, store, campaign) = open();
    let mobile = store.subsidies().first_contract_of(campaign, ProductType::Mobile).expect("q").expect("a mobile contract");
    let err = store.subsidies().set_rate_override(campaign, mobile, BasisPoints(4_000), "试试", "王策划", at(10)).expect_err("no rule");
    assert_eq!(err.message_en(), "Rate has no subsidy rule, so no rate can be set");
}

#[test]
fn a_scenario_discarded_and_one_adopted() {
    let (_dir, store, campaign) = open();
    let current = store.subsidies().totals(campaign).expect("current");

    let generous = store.rule_sets().create_scenario(campaign, "光纤上调", "王策划", at(10)).expect("scenario");
    let mut table = generous.table.clone();
    table.rates[0].default_bp = BasisPoints(5_000);
    store.rule_sets().update_scenario(generous.id, &table).expect("edit");
    let cmp = store.subsidies().compare_scenario(generous.id).expect("compare");
    assert_eq!(cmp.current, current, "the current plan is unchanged by a scenario");
    assert!(cmp.proposed.total > cmp.current.total, "raising the fibre default raises the total");
    assert!(matches!(store.rule_sets().create_scenario(campaign, "光纤上调", "王策划", at(10)), Err(Error::Validation(_))));

    let cautious = store.rule_sets().create_scenario(campaign, "综合下调", "王策划", at(10)).expect("scenario");
    store.rule_sets().discard_scenario(cautious.id).expect("discard");
    assert_eq!(store.rule_sets().scenarios(campaign).expect("list").len(), 1, "a discarded scenario leaves the list");
    assert_eq!(store.subsidies().totals(campaign).expect("totals"), current, "discarding changes nothing");

    let adopted = store.rule_sets().adopt_scenario(generous.id, "李主管", at(12)).expect("adopt");
    assert_eq!(adopted.table, table, "the scenario's rules are now in force");
    assert_eq!(
        (adopted.event, adopted.name.as_str(), adopted.note.as_str()),
        (Some(RuleSetEvent::AdoptedScenario), "光纤上调", ""),
        "the history says which scenario was adopted as a code and the scenario's name, not as wording in one language"
    );
    assert_eq!(store.rule_sets().get(generous.id).expect("scenario").event, Some(RuleSetEvent::Adopted), "the scenario is marked adopted");
    assert_eq!(store.subsidies().totals(campaign).expect("totals").total, cmp.proposed.total, "totals follow the adopted rules");
    assert!(store.rule_sets().scenarios(campaign).expect("list").is_empty());
    assert_eq!(store.rule_sets().history(campaign).expect("history").len(), 2);
}

#[test]
fn totals_follow_a_client_moving_category() {
    let (_dir, store, campaign) = open();
    let before = store.subsidies().totals(campaign).expect("totals");
    let top = store
        .subsidies()
        .page(&ClientQuery { campaign_id: Some(campaign), limit: 1, ..Default::default() }, false, false)
        .expect("top")
        .rows[0]
        .clone();
    let detail = store.clients().get(top.client_id).expect("detail");
    let by = rampart_core::domain::plan::By {
        author: "planner".into(),
        at: NaiveDate::from_ymd_opt(2026, 11, 1).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("t"),
    };
    let new_category = if detail.row.category.code() == "campus" { "sme" } else { "campus" };
    store.clients().update(top.client_id, &ClientInput { category: new_category.into(), ..detail.to_input() }, &by).expect("edit");
    let after = store.subsidies().totals(campaign).expect("totals");
    let campus = |t: &rampart_core::domain::subsidy::SubsidyTotals| {
        t.by_category.iter().find(|r| r.key == "campus").map_or(Money::ZERO, |r| r.amount).fen()
    };
    let moved = if new_category == "campus" { top.subsidy.fen() } else { -top.subsidy.fen() };
    assert_eq!(campus(&after) - campus(&before), moved, "the stored totals are rebuilt after the edit");
    assert_eq!(after.total, before.total);
}

#[test]
fn high_risk_clients_can_be_listed_first_and_alone() {
    let (_dir, store, campaign) = open();
    let q = ClientQuery { campaign_id: Some(campaign), limit: 1000, ..Default::default() };
    let all = store.subsidies().page(&q, false, false).expect("all");
    let risky = store
        .subsidies()
        .page(&ClientQuery { risk: Some(rampart_core::domain::RiskFilter::Any), ..q.clone() }, false, false)
        .expect("risky");
    assert!(risky.total > 0 && risky.total < all.total, "the filter keeps some clients, not all");
    let first = store.subsidies().page(&q, false, true).expect("risk first");
    assert_eq!(first.total, all.total, "ordering does not drop anyone");
    let risky_ids: std::collections::HashSet<_> = risky.rows.iter().map(|r| r.client_id).collect();
    let leading: Vec<bool> = first.rows.iter().map(|r| risky_ids.contains(&r.client_id)).collect();
    let boundary = leading.iter().position(|r| !r).unwrap_or(leading.len());
    assert_eq!(boundary as i64, risky.total, "every high-risk client comes before every other");
    assert!(leading[boundary..].iter().all(|r| !r));
}
