//! Awards on a real database: the demo's four awards, per-industry splits, targets, the
//! overall award's weighting, as-of dates at the campaign's edges, and locking.

use chrono::NaiveDate;
use rampart_core::domain::awards::{AchievementInput, AwardInput, AwardKind, Scope, TieBreak, Tier, PLANS_COMPONENT};
use rampart_core::domain::ids::{CampaignId, TeamId};
use rampart_core::domain::plan::{By, ItemStatus};
use rampart_core::domain::{CampaignInput, CampaignStatus};
use rampart_core::{demo, Error, Money, Store};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

#[test]
fn the_demo_awards_rank_their_achievements() {
    let store = Store::open_in_memory().expect("store");
    let campaign = demo::seed_demo(&store, day(11, 22)).expect("demo");
    let standings = store.awards().standings(campaign, day(11, 22)).expect("standings");
    let names: Vec<_> = standings.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["存量协议锁定奖", "行业应用攻坚突破奖", "移动业务发展规模奖", "长城计划组织奖"]);
    let industry = &standings[1];
    assert!(industry.rankings.iter().all(|r| r.industry.is_some()), "one ranking per industry");
    assert!(industry.rankings.len() >= 12, "per industry, for teams and for people: {}", industry.rankings.len());
    for ranking in standings.iter().flat_map(|s| &s.rankings) {
        let ranks: Vec<u32> = ranking.entries.iter().map(|e| e.rank).collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "ranks ascend");
        assert!(ranking.entries.windows(2).all(|w| w[0].score >= w[1].score), "scores descend");
    }
    let locked_teams = &standings[0].rankings[0];
    assert_eq!(locked_teams.scope, Scope::Team);
    assert!(locked_teams.entries[0].score > 0 && locked_teams.entries[0].tier.as_deref() == Some("一等奖"));

    // Before the campaign starts nobody has anything: everyone shares first place, no prizes.
    let before = store.awards().standings(campaign, day(9, 30)).expect("as of the day before");
    assert!(before[0].rankings.iter().flat_map(|r| &r.entries).all(|e| e.rank == 1 && e.score == 0 && e.tier.is_none()));
    let budget = store.awards().incentive_budget(campaign, day(11, 22)).expect("budget");
    assert!(budget.budget.is_some() && !budget.over, "the demo's incentive budget covers its prizes: {budget:?}");
    for ranking in standings.iter().flat_map(|s| &s.rankings) {
        let firsts = ranking.entries.iter().filter(|e| e.tier.as_deref() == Some("一等奖")).count();
        assert!(firsts <= 1, "the demo's one 一等奖 place is not shared: {:?}", ranking.entries);
    }
    let at_end = store.awards().standings(campaign, day(12, 31)).expect("as of the end");
    assert_eq!(at_end[0].rankings[0].entries[0].score, locked_teams.entries[0].score, "nothing after today yet");
}

fn small_campaign(store: &Store) -> (CampaignId, i64, i64) {
    let campaign = store
        .campaigns()
        .create(&CampaignInput {
            name: "测试活动".into(),
            theme: String::new(),
            start_date: day(10, 1),
            end_date: day(12, 31),
            status: CampaignStatus::Active,
            subsidy_budget: Money::ZERO,
            goals: String::new(),
        })
        .expect("campaign");
    let a = store.org().ensure_team("甲队").expect("team");
    let b = store.org().ensure_team("乙队").expect("team");
    store.achievements().add_metric(campaign, "locked_agreements", "存量协议锁定").expect("metric");
    store.achievements().add_metric(campaign, "mobile_users", "移动业务发展").expect("metric");
    (campaign, a.0, b.0)
}

fn achievement(store: &Store, campaign: CampaignId, team: i64, metric: &str, quantity: i64, date: NaiveDate) {
    store
        .achievements()
        .add(
            campaign,
            &AchievementInput {
                date,
                metric: metric.into(),
                team_id: Some(TeamId(team)),
                person_id: None,
                quantity,
                amount: Money::ZERO,
                client_id: None,
                industry: None,
                note: String::new(),
            },
        )
        .expect("achievement");
}

fn single(metric: &str, use_targets: bool, targets: Vec<(Scope, i64, i64)>) -> AwardInput {
    AwardInput {
        name: format!("{metric} 奖"),
        kind: AwardKind::Single,
        for_teams: true,
        for_people: false,
        metric: Some(metric.into()),
        by_industry: false,
        use_targets,
        tie_break: String::new(),
        tie_breaks: TieBreak::standard(),
        shared_tiers: false,
        tiers: vec![Tier { name: "一等奖".into(), places: 1, honour: String::new(), amount: None }],
        targets,
        weights: vec![],
    }
}

#[test]
fn targets_weights_and_a_lock_that_never_moves() {
    let store = Store::open_in_memory().expect("store");
    let (campaign, a, b) = small_campaign(&store);
    achievement(&store, campaign, a, "locked_agreements", 6, day(10, 10));
    achievement(&store, campaign, b, "locked_agreements", 4, day(10, 12));
    achievement(&store, campaign, b, "mobile_users", 50, day(10, 15));
    achievement(&store, campaign, a, "mobile_users", 25, day(10, 16));

    // Attainment of target: 乙 reaches 4/4 = 100 %, 甲 6/12 = 50 %, so 乙 leads despite fewer.
    let attain = store
        .awards()
        .save(campaign, None, &single("locked_agreements", true, vec![(Scope::Team, a, 12), (Scope::Team, b, 4)]))
        .expect("award");
    let mobile = store.awards().save(campaign, None, &single("mobile_users", false, vec![])).expect("award");
    // Overall: 60 % the attainment award, 40 % mobile, each normalised to the best entrant.
    let overall = AwardInput {
        name: "组织奖".into(),
        kind: AwardKind::Overall,
        metric: None,
        weights: vec![(attain.to_string(), 6_000), (mobile.to_string(), 4_000), (PLANS_COMPONENT.into(), 0)],
        ..single("x", false, vec![])
    };
    let overall_id = store.awards().save(campaign, None, &overall).expect("overall");

    let s = store.awards().standings(campaign, day(10, 31)).expect("standings");
    let entries = |i: usize| s[i].rankings[0].entries.iter().map(|e| (e.name.as_str(), e.score, e.rank)).collect::<Vec<_>>();
    assert_eq!(entries(0), [("乙队", 10_000, 1), ("甲队", 5_000, 2)], "attainment in basis points");
    assert_eq!(entries(1), [("乙队", 50, 1), ("甲队", 25, 2)]);
    // 乙: 0.6 × 100 % + 0.4 × 100 % = 100 %; 甲: 0.6 × 50 % + 0.4 × 50 % = 50 %.
    assert_eq!(entries(2), [("乙队", 10_000, 1), ("甲队", 5_000, 2)], "weighted, normalised scores");

    // As of the first day of the campaign, nothing counts yet; as of 10-12 only the first two.
    let early = store.awards().standings(campaign, day(10, 12)).expect("early");
    assert_eq!(early[1].rankings[0].entries.iter().map(|e| e.score).collect::<Vec<_>>(), [0, 0]);

    let locked = store.awards().lock(mobile, "李主管", day(11, 1).and_hms_opt(9, 0, 0).expect("t")).expect("lock");
    assert_eq!(locked.locked.as_ref().map(|l| l.by.as_str()), Some("李主管"));
    achievement(&store, campaign, a, "mobile_users", 500, day(11, 2));
    let after = store.awards().standings(campaign, day(12, 31)).expect("after");
    assert_eq!(after[1], locked, "a locked standing never changes again");
    assert_ne!(after[2].rankings[0].entries[0].name, "乙队", "the unlocked overall award does move");
    assert!(matches!(store.awards().lock(mobile, "x", day(11, 3).and_hms_opt(9, 0, 0).expect("t")), Err(Error::Validation(_))));
    assert!(
        matches!(store.awards().save(campaign, Some(mobile), &single("mobile_users", false, vec![])), Err(Error::Validation(_))),
        "a locked award's definition is frozen too"
    );

    let history = store.awards().rank_history(overall_id, Scope::Team, day(11, 10)).expect("weeks");
    assert!(history.len() >= 5 && history.last().is_some_and(|(d, _)| *d == day(11, 10)), "weekly points up to today");
}

#[test]
fn plan_completion_counts_only_items_done_by_the_as_of_date() {
    let store = Store::open_in_memory().expect("store");
    let (campaign, a, _b) = small_campaign(&store);
    let client = rampart_core::domain::ClientInput {
        code: "PA1".into(),
        name: "甲队的客户".into(),
        category: "sme".into(),
        tier: "C".into(),
        industry: String::new(),
        district: String::new(),
        team_id: Some(TeamId(a)),
        account_manager_id: None,
        key_person: String::new(),
        key_person_phone: String::new(),
        notes: String::new(),
    };
    let client = store.clients().create(&client, Some(campaign)).expect("client");
    let by = |d: NaiveDate| By { author: "王".into(), at: d.and_hms_opt(17, 0, 0).expect("t") };
    let plan = store.plans().create(campaign, client, "续约", &by(day(10, 1))).expect("plan");
    let items = store.plans().get(plan, day(10, 1)).expect("plan").items;
    store.plans().set_item_status(items[0].id, ItemStatus::Done, Some(day(11, 20)), "", &by(day(11, 20))).expect("done 11-20");
    store.plans().set_item_status(items[1].id, ItemStatus::Done, Some(day(12, 5)), "", &by(day(12, 5))).expect("done 12-05");
    let overall = AwardInput {
        name: "组织奖".into(),
        kind: AwardKind::Overall,
        metric: None,
        weights: vec![(PLANS_COMPONENT.into(), 10_000)],
        ..single("x", false, vec![])
    };
    store.awards().save(campaign, None, &overall).expect("overall");
    let score = |as_of: NaiveDate| {
        let s = store.awards().standings(campaign, as_of).expect("standings");
        s[0].rankings[0].entries.iter().find(|e| e.entrant_id == a).map(|e| e.score).expect("甲队")
    };
    let n = items.len() as i64;
    // By hand: the plan component is the share of 甲队's items done by each date, in basis points.
    assert_eq!(score(day(10, 1)), 0, "on the first day nothing is done yet, whatever happened weeks later");
    assert_eq!(score(day(11, 19)), 0, "the day before the first item is done");
    assert_eq!(score(day(11, 20)), 10_000 / n, "from 11-20 one of {n} items counts");
    assert_eq!(score(day(12, 4)), 10_000 / n, "the second is done on 12-05, not yet");
    assert_eq!(score(day(12, 31)), 2 * 10_000 / n, "by the end two of {n}");
    let s = store.awards().standings(campaign, day(12, 31)).expect("standings");
    let history = store.awards().rank_history(s[0].award_id, Scope::Team, day(11, 25)).expect("weeks");
    assert_eq!(history.last().map(|(d, _)| *d), Some(day(11, 25)), "the weekly chart ends at the as-of date");
    let first_week = &history[0].1;
    assert!(first_week.iter().all(|e| e.score == 0), "the first week shows no completion: {first_week:?}");
}

#[test]
fn a_ranking_lists_the_campaigns_teams_and_anyone_it_counted_not_every_team_in_the_file() {
    let store = Store::open_in_memory().expect("store");
    let (campaign, a, b) = small_campaign(&store);
    let elsewhere = store.org().ensure_team("去年的丙队").expect("a team of another campaign");
    store.awards().save(campaign, None, &single("locked_agreements", false, vec![])).expect("award");
    let names = || -> Vec<String> {
        let s = store.awards().standings(campaign, day(12, 31)).expect("standings");
        s[0].rankings[0].entries.iter().map(|e| e.name.clone()).collect()
    };
    assert_eq!(names().len(), 3, "a campaign that names no teams ranks every team, as before");

    store.campaigns().set_teams(campaign, &[TeamId(a)]).expect("only 甲队 takes part");
    assert_eq!(names(), ["甲队"], "乙队 and the other campaign's 丙队 ({elsewhere:?}) are not in this campaign");
    achievement(&store, campaign, b, "locked_agreements", 2, day(10, 20));
    assert_eq!(names(), ["乙队", "甲队"], "work counted for 乙队 keeps it in the ranking rather than losing it");
}
