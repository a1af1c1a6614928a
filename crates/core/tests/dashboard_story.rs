//! The dashboard on a day, for the whole campaign and for one team, against counts made by hand
//! from the KPI fixture (`support/kpi_fixture.rs`), and the demo's dashboard against the client
//! list and the standings read the other way.

mod support;

use chrono::NaiveDate;
use rampart_core::domain::dashboard::{TeamPlans, WarningAge};
use rampart_core::domain::ids::{CampaignId, TeamId};
use rampart_core::domain::{ClientQuery, RiskFilter};
use rampart_core::Store;
use support::kpi_fixture::kpi_store;

const C: CampaignId = CampaignId(1);

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

/// An item of P2 (C2, 鼓楼区) due 1 Nov and still not started: overdue from 2 Nov.
const LATE_ITEM: &str =
    "INSERT INTO plan_items (plan_id, position, kind, title, due_date, status) VALUES (2, 1, 'visit', '回访', '2026-11-01', 'not_started');";

fn plans(team: Option<i64>, name: &str, counts: [i64; 5]) -> TeamPlans {
    let [targets, planned, items, done, overdue] = counts;
    TeamPlans { team_id: team.map(TeamId), team_name: name.into(), targets, planned, items, done, overdue }
}

#[test]
fn the_whole_campaign_on_15_november_matches_a_hand_count() {
    let dir = tempfile::tempdir().expect("dir");
    let store = kpi_store(&dir, LATE_ITEM);
    let d = store.dashboards().read(C, day(11, 15), None).expect("dashboard");

    assert_eq!((d.calendar.days_total, d.calendar.days_run, d.calendar.days_left), (92, 46, 46), "1 Oct – 31 Dec, 46 days run on 15 Nov");
    // 网吧宽频部: C1 (P1 since 5 Oct) and C4 (P3, before the log, deleted only on 30 Nov); P1 has 3 items, one done 10 Oct.
    // 鼓楼区: C2 (P2 since 10 Nov), C3 (P4 only from 1 Dec), C5; P2's item done 15 Nov and the late one.
    assert_eq!(
        d.plans,
        [plans(Some(1), "网吧宽频部", [2, 2, 3, 1, 0]), plans(Some(2), "鼓楼区", [3, 1, 2, 1, 1]), plans(None, "", [5, 3, 5, 2, 1])],
        "plan coverage, completion and overdue items per team, then the whole"
    );
    // Raised by 15 Nov and not closed by it: W3 (raised 1 Nov, 14 days). Closed: W5, W1 retained, W2 lost; C6's W6 is no target's.
    assert_eq!(d.warnings.open, 1, "only W3 is open on 15 Nov");
    assert!(d.warnings.by_age.contains(&(WarningAge::Fortnight, 1)), "W3 is 14 days old: {:?}", d.warnings.by_age);
    assert_eq!(d.warnings.open_by_team, [("鼓楼区".to_string(), 1)], "W3 is C3's, of 鼓楼区");
    assert_eq!(
        (d.warnings.retained, d.warnings.lost, d.warnings.retention_bp),
        (2, 1, Some(6667)),
        "two of three closed were kept: 66.67%"
    );
    // High risk: C1 (price), C2 (expiring), C3 (spend). No rules, so no subsidy; C3 has no plan until 1 Dec; only C1 has fibre.
    let g = d.gaps;
    assert_eq!((g.high_risk, g.without_subsidy, g.without_plan, g.without_fibre), (3, 3, 1, 2), "high-risk targets still without help");
    assert_eq!(d.subsidy.budget.fen(), 1_000_000, "the campaign's 10,000.00 元 subsidy budget");
    assert_eq!(d.subsidy.used_bp, Some(0), "nothing given without rules");
    assert!(d.leaders.is_empty(), "the fixture has no awards");

    let later = store.dashboards().read(C, day(12, 2), None).expect("dashboard on 2 Dec");
    assert_eq!(later.gaps.without_plan, 0, "C3's plan counts from 1 Dec");
    assert_eq!(later.warnings.open, 0, "W3 closed on 1 Dec and W4 is raised only on 10 Dec");
    assert_eq!(later.plans.last().expect("whole").planned, 3, "P3 (C4) was deleted on 30 Nov and P4 (C3) made on 1 Dec");
}

/// Tallies kept from one read are brought up to date by the next: a new client becoming a
/// target with a plan, and an item done, both written behind the store's back.
#[test]
fn work_written_after_a_read_counts_in_the_next_one() {
    let dir = tempfile::tempdir().expect("dir");
    let store = kpi_store(&dir, LATE_ITEM);
    let before = store.dashboards().read(C, day(11, 15), None).expect("dashboard");
    assert_eq!(before.plans[1], plans(Some(2), "鼓楼区", [3, 1, 2, 1, 1]));
    let other = rusqlite::Connection::open(store.path().expect("a file")).expect("a second connection");
    other
        .execute_batch(
            "INSERT INTO clients (id, code, name, category, tier, industry, team_id) VALUES (7, 'C7', '庚', 'sme', 'B', '', 2);
             INSERT INTO campaign_targets VALUES (1, 7);
             INSERT INTO plans (id, campaign_id, client_id) VALUES (6, 1, 7);
             INSERT INTO plan_items (plan_id, position, kind, title, due_date, status, done_on) VALUES
               (6, 0, 'visit', '拜访', '2026-12-31', 'done', '2026-11-12'), (6, 1, 'visit', '方案', '2026-12-31', 'not_started', NULL);",
        )
        .expect("a new target with a plan");
    let after = store.dashboards().read(C, day(11, 15), None).expect("dashboard");
    assert_eq!(after.plans[1], plans(Some(2), "鼓楼区", [4, 2, 4, 2, 1]), "C7, a client without contracts, counts with its plan and items");
    other.execute("UPDATE plan_items SET status = 'done', done_on = '2026-11-14' WHERE plan_id = 6 AND position = 1", []).expect("done");
    let last = store.dashboards().read(C, day(11, 15), None).expect("dashboard");
    assert_eq!(last.plans[1], plans(Some(2), "鼓楼区", [4, 2, 4, 3, 1]), "the item done on 14 Nov counts by the 15th");
}

#[test]
fn one_team_sees_only_its_own_clients() {
    let dir = tempfile::tempdir().expect("dir");
    let store = kpi_store(&dir, LATE_ITEM);
    let d = store.dashboards().read(C, day(11, 15), Some(TeamId(2))).expect("鼓楼区's dashboard");
    assert_eq!(d.team_name.as_deref(), Some("鼓楼区"));
    assert_eq!(d.plans, [plans(Some(2), "鼓楼区", [3, 1, 2, 1, 1]), plans(None, "", [3, 1, 2, 1, 1])], "only 鼓楼区's row and its sum");
    assert_eq!((d.gaps.high_risk, d.gaps.without_plan, d.gaps.without_fibre), (2, 1, 2), "C2 and C3 are 鼓楼区's high-risk targets");
    assert_eq!((d.warnings.retained, d.warnings.lost), (0, 1), "W1 and W5 are 网吧宽频部's; W2 (C2) was lost");
    let none = store.dashboards().read(C, day(11, 15), Some(TeamId(1))).expect("网吧宽频部");
    assert_eq!(none.warnings.open, 0, "网吧宽频部 has no open warning on 15 Nov");
}

#[test]
fn the_trend_reads_each_kpi_at_every_week_end() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("demo.db")).expect("new");
    let campaign = rampart_core::demo::seed_demo(&store, day(11, 22)).expect("demo");
    let d = store.dashboards().read(campaign, day(11, 22), None).expect("dashboard");
    let first = *d.week_ends.first().expect("weeks have passed");
    assert_eq!(*d.week_ends.last().expect("weeks"), day(11, 22), "the trend ends on the as-of day");
    assert!(d.week_ends.windows(2).all(|w| w[1] > w[0]), "week ends run forward");
    assert!(
        d.week_ends[..d.week_ends.len() - 1].iter().all(|w| chrono::Datelike::weekday(w) == chrono::Weekday::Sun),
        "weeks end on Sunday"
    );
    assert!(first >= d.start_date && (first - d.start_date).num_days() < 7, "the first week end is in the campaign's first week");
    for kpi in d.goals.iter().flat_map(|g| &g.kpis).chain(d.parts.iter().flat_map(|p| &p.kpis)) {
        assert_eq!(kpi.trend.len(), d.week_ends.len(), "{}: one figure per week end", kpi.reading.kpi.name);
        assert_eq!(kpi.trend.last().copied().flatten(), kpi.reading.value, "{}: the trend ends at today's figure", kpi.reading.kpi.name);
    }
}

#[test]
fn the_demo_dashboard_agrees_with_the_client_list_and_the_standings() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("demo.db")).expect("new");
    let today = day(11, 22);
    let campaign = rampart_core::demo::seed_demo(&store, today).expect("demo");
    let d = store.dashboards().read(campaign, today, None).expect("dashboard");
    let risky = store
        .clients()
        .page(&ClientQuery { campaign_id: Some(campaign), risk: Some(RiskFilter::Any), ..ClientQuery::default() })
        .expect("high-risk clients");
    assert_eq!(d.gaps.high_risk, risky.total, "the dashboard's high-risk count is the client list's 高风险 filter");
    assert!(d.gaps.without_plan <= d.gaps.high_risk && d.gaps.without_fibre <= d.gaps.high_risk, "gaps are among the high-risk");
    assert_eq!(d.goals.len(), 3, "the seed's three goals");
    assert_eq!(d.parts.len(), 6, "three battles and three workstreams");
    let standings = store.awards().standings(campaign, today).expect("standings");
    for s in &standings {
        for r in &s.rankings {
            let shown = d
                .leaders
                .iter()
                .find(|l| l.award_id == s.award_id && l.scope == r.scope && l.industry == r.industry)
                .expect("each ranking");
            let top: Vec<&str> = r.entries.iter().filter(|e| e.rank <= 3 && e.score > 0).map(|e| e.name.as_str()).collect();
            let names: Vec<&str> = shown.leaders.iter().map(|e| e.name.as_str()).collect();
            assert_eq!(names, top, "{}: the leaders are the standings' top three places", s.name);
            assert_eq!(shown.prize_cost, s.prize_cost.cost, "{}: the award's prize cost", s.name);
        }
    }
    assert!(d.leaders.iter().any(|l| !l.leaders.is_empty()), "the demo has achievements, so someone leads");
    let sum = d.incentive.awards.iter().map(|a| a.cost.cost.fen()).sum::<i64>();
    assert_eq!(d.incentive.total.fen(), sum, "the incentive total is the awards' prize costs");
}
