//! A season of the 长城计划 on a real database file: three districts record achievements week by
//! week from October to December, and the standings, their ties and the prizes they pay are
//! checked against a hand count at four dates.

use chrono::NaiveDate;
use rampart_core::domain::awards::{AchievementInput, AwardInput, AwardKind, Standing, Tier};
use rampart_core::domain::ids::{AwardId, CampaignId, ClientId, TeamId};
use rampart_core::domain::tie_break::TieBreak;
use rampart_core::domain::{CampaignInput, CampaignStatus, ClientInput};
use rampart_core::{Money, Store};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

struct Season {
    store: Store,
    campaign: CampaignId,
    locked: AwardId,
    mobile: AwardId,
    overall: AwardId,
    _dir: tempfile::TempDir,
}

const TEAMS: [&str; 3] = ["鼓楼区", "云龙区", "泉山区"];

fn tier(name: &str, amount: i64) -> Tier {
    Tier { name: name.into(), places: 1, honour: String::new(), amount: Some(Money::from_yuan(amount)) }
}

fn award(name: &str, kind: AwardKind, metric: Option<&str>, tiers: Vec<Tier>, weights: Vec<(String, i64)>) -> AwardInput {
    AwardInput {
        name: name.into(),
        kind,
        for_teams: true,
        for_people: false,
        metric: metric.map(Into::into),
        by_industry: false,
        use_targets: false,
        tie_break: "得分相同者按达成日期先后、客户数、金额区分".into(),
        tie_breaks: vec![TieBreak::ReachedFirst, TieBreak::MoreClients, TieBreak::HigherAmount],
        shared_tiers: false,
        tiers,
        targets: Vec::new(),
        weights,
    }
}

fn client(store: &Store, campaign: CampaignId, team: TeamId, code: &str) -> ClientId {
    let input = ClientInput {
        code: code.into(),
        name: format!("{code} 公司"),
        category: "local_key".into(),
        tier: "B".into(),
        industry: "政务".into(),
        district: String::new(),
        team_id: Some(team),
        account_manager_id: None,
        key_person: String::new(),
        key_person_phone: String::new(),
        notes: String::new(),
    };
    store.clients().create(&input, Some(campaign)).expect("client")
}

/// 存量协议锁定 (team, date, quantity, client, amount in 元), chosen so that at each checked date
/// two districts are level and a different tie-break criterion separates them.
const LOCKED: [(usize, (u32, u32), i64, &str, i64); 14] = [
    (0, (10, 8), 4, "A1", 10_000),
    (2, (10, 10), 6, "C1", 15_000),
    (1, (10, 15), 3, "B1", 10_000),
    (0, (10, 22), 6, "A2", 10_000),
    (1, (10, 29), 7, "B2", 10_000),
    (2, (11, 5), 4, "C2", 10_000),
    (0, (11, 12), 4, "A1", 5_000),
    (1, (11, 12), 4, "B3", 5_000),
    (1, (11, 19), 2, "B3", 0),
    (0, (11, 26), 6, "A3", 5_000),
    (2, (11, 26), 10, "C3", 20_000),
    (0, (12, 24), 5, "A4", 15_000),
    (1, (12, 24), 9, "B4", 20_000),
    (2, (12, 24), 5, "C4", 0),
];

/// 移动业务发展: every Monday each district adds its weekly count (鼓楼 5, 云龙 4, 泉山 6).
const MOBILE_PER_WEEK: [i64; 3] = [5, 4, 6];

fn season() -> Season {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("season.rampart.db")).expect("a real database file");
    let campaign = store
        .campaigns()
        .create(&CampaignInput {
            name: "长城计划".into(),
            theme: String::new(),
            start_date: day(10, 1),
            end_date: day(12, 31),
            status: CampaignStatus::Active,
            subsidy_budget: Money::ZERO,
            goals: String::new(),
        })
        .expect("campaign");
    let teams: Vec<TeamId> = TEAMS.iter().map(|t| store.org().ensure_team(t).expect("team")).collect();
    store.achievements().add_metric(campaign, "locked_agreements", "存量协议锁定").expect("metric");
    store.achievements().add_metric(campaign, "mobile_users", "移动业务发展").expect("metric");
    let mut clients = std::collections::HashMap::new();
    for (team, _, _, code, _) in LOCKED {
        clients.entry(code).or_insert_with(|| client(&store, campaign, teams[team], code));
    }
    let record = |team: usize, date: NaiveDate, metric: &str, quantity: i64, client: Option<ClientId>, amount: Money| {
        let input = AchievementInput {
            date,
            metric: metric.into(),
            team_id: Some(teams[team]),
            person_id: None,
            quantity,
            amount,
            client_id: client,
            note: String::new(),
        };
        store.achievements().add(campaign, &input).expect("achievement");
    };
    for (team, (m, d), quantity, code, amount) in LOCKED {
        record(team, day(m, d), "locked_agreements", quantity, Some(clients[code]), Money::from_yuan(amount));
    }
    let mut monday = day(10, 5);
    while monday <= day(12, 31) {
        for (team, count) in MOBILE_PER_WEEK.iter().enumerate() {
            record(team, monday, "mobile_users", *count, None, Money::ZERO);
        }
        monday += chrono::Duration::days(7);
    }
    let locked = store
        .awards()
        .save(
            campaign,
            None,
            &award(
                "存量协议锁定奖",
                AwardKind::Single,
                Some("locked_agreements"),
                vec![tier("一等奖", 5_000), tier("二等奖", 3_000), tier("三等奖", 1_000)],
                Vec::new(),
            ),
        )
        .expect("award");
    let mobile = store
        .awards()
        .save(
            campaign,
            None,
            &award("移动业务发展规模奖", AwardKind::Single, Some("mobile_users"), vec![tier("一等奖", 2_000)], Vec::new()),
        )
        .expect("award");
    let overall = store
        .awards()
        .save(
            campaign,
            None,
            &award(
                "长城计划组织奖",
                AwardKind::Overall,
                None,
                vec![tier("一等奖", 10_000)],
                vec![(locked.to_string(), 6_000), (mobile.to_string(), 4_000)],
            ),
        )
        .expect("overall award");
    Season { store, campaign, locked, mobile, overall, _dir: dir }
}

/// (name, score, rank, tier) of an award's team ranking.
fn table(standings: &[Standing], award: AwardId) -> Vec<(String, i64, u32, Option<String>)> {
    let standing = standings.iter().find(|s| s.award_id == award).expect("the award has a standing");
    standing.rankings[0].entries.iter().map(|e| (e.name.clone(), e.score, e.rank, e.tier.clone())).collect()
}

/// The criterion that put `name` below the entrant above it with the same score.
fn reason(standings: &[Standing], award: AwardId, name: &str) -> Option<TieBreak> {
    let standing = standings.iter().find(|s| s.award_id == award).expect("the award has a standing");
    let entry = standing.rankings[0].entries.iter().find(|e| e.name == name).expect("entrant");
    entry.tie_reason.as_ref().map(|r| r.criterion)
}

fn row(name: &str, score: i64, rank: u32, tier: Option<&str>) -> (String, i64, u32, Option<String>) {
    (name.into(), score, rank, tier.map(Into::into))
}

#[test]
fn a_season_of_weekly_achievements_ranks_breaks_ties_and_pays_prizes_as_of_four_dates() {
    let s = season();
    let at = |d: NaiveDate| s.store.awards().standings(s.campaign, d).expect("standings");

    // 10-31. 鼓楼 4 + 6 = 10, reached on 10-22; 云龙 3 + 7 = 10, reached on 10-29; 泉山 6.
    let oct = at(day(10, 31));
    assert_eq!(
        table(&oct, s.locked),
        [row("鼓楼区", 10, 1, Some("一等奖")), row("云龙区", 10, 2, Some("二等奖")), row("泉山区", 6, 3, Some("三等奖"))],
        "level on 10, 鼓楼 reached it a week earlier, so it alone takes the one first place"
    );
    assert_eq!(reason(&oct, s.locked, "云龙区"), Some(TieBreak::ReachedFirst), "the planner sees why 云龙 is second");
    assert_eq!(reason(&oct, s.locked, "泉山区"), None, "a lower score needs no tie-break");
    // Four Mondays (10-05 … 10-26): 泉山 24, 鼓楼 20, 云龙 16.
    assert_eq!(
        table(&oct, s.mobile),
        [row("泉山区", 24, 1, Some("一等奖")), row("鼓楼区", 20, 2, None), row("云龙区", 16, 3, None)],
        "weekly mobile users up to the as-of date"
    );
    // Overall, 60 % locked + 40 % mobile, each as a share of the best in basis points:
    // 鼓楼 6,000 + 40 % × 20/24 (3,333) = 9,333; 云龙 6,000 + 40 % × 16/24 = 8,666; 泉山 3,600 + 4,000 = 7,600.
    assert_eq!(
        table(&oct, s.overall),
        [row("鼓楼区", 9_333, 1, Some("一等奖")), row("云龙区", 8_666, 2, None), row("泉山区", 7_600, 3, None)],
        "the overall award weighs both singles as of 10-31"
    );

    // 11-15. 鼓楼 14 and 云龙 14, both reached on 11-12; 鼓楼 counts clients A1, A2, 云龙 B1, B2, B3.
    let mid = at(day(11, 15));
    assert_eq!(
        table(&mid, s.locked),
        [row("云龙区", 14, 1, Some("一等奖")), row("鼓楼区", 14, 2, Some("二等奖")), row("泉山区", 10, 3, Some("三等奖"))],
        "same score on the same day: the district with more distinct clients is ahead"
    );
    assert_eq!(reason(&mid, s.locked, "鼓楼区"), Some(TieBreak::MoreClients), "the date was equal, clients decided");
    assert_eq!(
        table(&mid, s.overall),
        [row("鼓楼区", 9_333, 1, Some("一等奖")), row("云龙区", 8_666, 2, None), row("泉山区", 8_285, 3, None)],
        "overall as of 11-15: 泉山 6,000 × 10/14 = 4,285 + 4,000"
    );

    // 11-30. 鼓楼 20 and 泉山 20, both reached on 11-26 with three clients each; 泉山's
    // agreements are worth 45,000.00 元 against 鼓楼's 30,000.00 元. 云龙 16.
    let nov = at(day(11, 30));
    assert_eq!(
        table(&nov, s.locked),
        [row("泉山区", 20, 1, Some("一等奖")), row("鼓楼区", 20, 2, Some("二等奖")), row("云龙区", 16, 3, Some("三等奖"))],
        "same score, day and client count: the higher amount is ahead"
    );
    assert_eq!(reason(&nov, s.locked, "鼓楼区"), Some(TieBreak::HigherAmount), "date and clients equal, the amount decided");
    assert_eq!(
        table(&nov, s.overall),
        [row("泉山区", 10_000, 1, Some("一等奖")), row("鼓楼区", 9_333, 2, None), row("云龙区", 7_466, 3, None)],
        "泉山 leads both singles as of 11-30"
    );

    // 12-31. All three at 25, reached on 12-24, four clients and 45,000.00 元 each: a true tie.
    let end = at(day(12, 31));
    let locked_end = table(&end, s.locked);
    assert!(
        locked_end.iter().all(|(_, score, rank, _)| *score == 25 && *rank == 1),
        "nothing separates them: a shared place: {locked_end:?}"
    );
    for name in ["一等奖", "二等奖", "三等奖"] {
        let paid = locked_end.iter().filter(|(_, _, _, tier)| tier.as_deref() == Some(name)).count();
        assert!(paid <= 1, "{name} offers one place and is not shared, so it is never paid {paid} times: {locked_end:?}");
    }
    let entries = &end.iter().find(|x| x.award_id == s.locked).expect("standing").rankings[0].entries;
    assert!(
        entries.iter().all(|e| e.shared && e.contested.iter().any(|t| t == "一等奖")),
        "the three-way tie is held for the planner to decide, not paid by the order rows came in: {entries:?}"
    );
    assert_eq!(
        table(&end, s.mobile),
        [row("泉山区", 78, 1, Some("一等奖")), row("鼓楼区", 65, 2, None), row("云龙区", 52, 3, None)],
        "thirteen Mondays by the end"
    );
}

#[test]
fn prize_costs_are_summed_against_the_incentive_budget() {
    let s = season();
    let budget = |d: NaiveDate| s.store.awards().incentive_budget(s.campaign, d).expect("budget");
    let cost = |b: &rampart_core::domain::prizes::IncentiveBudget, award: AwardId| {
        b.awards.iter().find(|a| a.award_id == award).map(|a| a.cost.cost).expect("the award's cost")
    };
    let oct = budget(day(10, 31));
    assert_eq!(oct.budget, None, "no budget until the planner sets one");
    // By hand: 5,000 + 3,000 + 1,000 for 存量协议锁定, 2,000 for mobile, 10,000 overall.
    assert_eq!(cost(&oct, s.locked), Money::from_yuan(9_000), "one place in each of three tiers");
    assert_eq!(cost(&oct, s.mobile), Money::from_yuan(2_000));
    assert_eq!(cost(&oct, s.overall), Money::from_yuan(10_000));
    assert_eq!(oct.total, Money::from_yuan(21_000), "the campaign's prizes add up to 21,000.00 元");

    s.store.campaigns().set_incentive_budget(s.campaign, Some(Money::from_yuan(20_000))).expect("a budget");
    let set = budget(day(11, 30));
    assert_eq!(
        (set.budget, set.remaining, set.over),
        (Some(Money::from_yuan(20_000)), Some(Money::from_yuan(-1_000)), true),
        "1,000.00 元 over"
    );
    // At the end the three-way tie is contested and paid nothing yet, but the cost offered stays.
    assert_eq!(cost(&budget(day(12, 31)), s.locked), Money::from_yuan(9_000), "the prizes offered still count against the budget");
}
