//! Ties a planner pays prizes on, in a real database file: equal scores ordered by the award's
//! criteria (date reached, distinct clients, amount), shared places, tiers that may or may not
//! be shared, prize costs and the incentive budget, all as of a chosen date.

use chrono::NaiveDate;
use rampart_core::domain::awards::{AwardInput, AwardKind, Entry, Standing, TieBreak, Tier, PLANS_COMPONENT};
use rampart_core::domain::ids::{AwardId, CampaignId, ClientId, TeamId};
use rampart_core::domain::tie_break::TieFigure;
use rampart_core::domain::{CampaignInput, CampaignStatus, ClientInput};
use rampart_core::import::achievements::import_achievements;
use rampart_core::{Error, Money, Store};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

struct Season {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    store: Store,
    campaign: CampaignId,
}

/// 长城计划 with two teams; 乙队 is created first, so database order would favour it.
fn season() -> Season {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("rampart.db");
    let store = Store::open(&path).expect("store");
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
    for team in ["乙队", "甲队"] {
        store.org().ensure_team(team).expect("team");
    }
    store.achievements().add_metric(campaign, "locked_agreements", "存量协议锁定").expect("metric");
    Season { _dir: dir, path, store, campaign }
}

impl Season {
    fn team(&self, name: &str) -> TeamId {
        self.store.org().teams().expect("teams").into_iter().find(|t| t.name == name).map(|t| t.id).expect("team")
    }

    fn client(&self, code: &str, team: &str) -> ClientId {
        let input = ClientInput {
            code: code.into(),
            name: format!("客户{code}"),
            category: "sme".into(),
            tier: "C".into(),
            industry: String::new(),
            district: String::new(),
            team_id: Some(self.team(team)),
            account_manager_id: None,
            key_person: String::new(),
            key_person_phone: String::new(),
            notes: String::new(),
        };
        self.store.clients().create(&input, Some(self.campaign)).expect("client")
    }

    /// Achievements as a planner's file: (date, team, quantity, amount in yuan, client code).
    fn record(&self, rows: &[(NaiveDate, &str, i64, i64, &str)]) {
        let mut csv = String::from("日期,指标,团队,人员,数量,金额,客户编码,说明\n");
        for (date, team, quantity, yuan, client) in rows {
            csv.push_str(&format!("{date},locked_agreements,{team},,{quantity},{yuan},{client},\n"));
        }
        let file = self.path.with_file_name(format!("业绩{}.csv", rows.len()));
        std::fs::write(&file, csv).expect("write");
        let report = import_achievements(&self.store, &file, self.campaign, false).expect("read");
        assert!(report.problems.is_empty(), "the achievements import cleanly: {:?}", report.problems);
    }

    fn award(&self, tiers: &[(&str, u32, i64)], tie_breaks: Vec<TieBreak>, shared_tiers: bool) -> AwardId {
        let input = AwardInput {
            name: format!("存量协议锁定奖{}", self.store.awards().list(self.campaign).expect("awards").len()),
            kind: AwardKind::Single,
            for_teams: true,
            for_people: false,
            metric: Some("locked_agreements".into()),
            by_industry: false,
            use_targets: false,
            tie_break: "评比时再按达成日期先后区分".into(),
            tie_breaks,
            shared_tiers,
            tiers: tiers
                .iter()
                .map(|(n, p, y)| Tier { name: (*n).into(), places: *p, honour: String::new(), amount: Some(Money::from_yuan(*y)) })
                .collect(),
            targets: Vec::new(),
            weights: Vec::new(),
        };
        self.store.awards().save(self.campaign, None, &input).expect("award")
    }

    fn standing(&self, award: AwardId, as_of: NaiveDate) -> Standing {
        let all = self.store.awards().standings(self.campaign, as_of).expect("standings");
        all.into_iter().find(|s| s.award_id == award).expect("the award's standing")
    }
}

fn table(s: &Standing) -> Vec<(String, i64, u32, Option<String>)> {
    s.rankings[0].entries.iter().map(|e| (e.name.clone(), e.score, e.rank, e.tier.clone())).collect()
}

fn entry<'a>(s: &'a Standing, name: &str) -> &'a Entry {
    s.rankings[0].entries.iter().find(|e| e.name == name).expect("entrant")
}

const FIRST_ONLY: &[(&str, u32, i64)] = &[("一等奖", 1, 5_000), ("二等奖", 2, 3_000)];

#[test]
fn two_teams_tied_on_ten_for_one_first_place_the_one_who_reached_ten_first_wins_it() {
    let s = season();
    s.client("K1", "甲队");
    s.client("K2", "乙队");
    s.record(&[
        (day(10, 3), "乙队", 3, 100, "K2"),
        (day(10, 5), "甲队", 6, 100, "K1"),
        (day(10, 12), "甲队", 4, 100, "K1"),
        (day(10, 19), "乙队", 7, 100, "K2"),
        // A row that adds nothing does not move the day 甲队 reached 10.
        (day(10, 25), "甲队", 0, 0, "K1"),
    ]);
    let award = s.award(FIRST_ONLY, TieBreak::standard(), false);

    let end = s.standing(award, day(10, 31));
    assert_eq!(
        table(&end),
        [("甲队".into(), 10, 1, Some("一等奖".into())), ("乙队".into(), 10, 2, Some("二等奖".into()))],
        "one 一等奖 place: only 甲队, who reached 10 on 10-12, gets it; ranks 1 and 2, not 1 and 1"
    );
    let why = entry(&end, "乙队").tie_reason.expect("乙队 is second for a reason");
    assert_eq!(why.criterion, TieBreak::ReachedFirst, "the date decides");
    assert_eq!((why.this, why.above), (TieFigure::Date(Some(day(10, 19))), TieFigure::Date(Some(day(10, 12)))), "10-19 against 10-12");
    assert_eq!(why.above_id, s.team("甲队").0);
    assert!(!entry(&end, "甲队").shared && !entry(&end, "乙队").shared, "a criterion separated them: no shared place");

    // As of 10-15 乙队 has 3: no tie, and the date of 10-19 is not known yet.
    let mid = s.standing(award, day(10, 15));
    assert_eq!(table(&mid)[1], ("乙队".into(), 3, 2, Some("二等奖".into())));
    assert_eq!(entry(&mid, "乙队").figures.reached_on, Some(day(10, 3)), "as of 10-15 乙队 reached its 3 on 10-03");
    assert!(entry(&mid, "乙队").tie_reason.is_none(), "a lower score needs no tie reason");
}

#[test]
fn on_the_same_day_more_distinct_clients_then_a_higher_amount_decide() {
    let s = season();
    for (code, team) in [("K1", "甲队"), ("K2", "甲队"), ("K3", "乙队"), ("K4", "乙队"), ("K5", "乙队")] {
        s.client(code, team);
    }
    // Both reach 8 on 10-20; 乙队 from three clients, 甲队 from two, 甲队 for more money.
    s.record(&[
        (day(10, 10), "甲队", 4, 9_000, "K1"),
        (day(10, 20), "甲队", 4, 9_000, "K2"),
        (day(10, 11), "乙队", 3, 100, "K3"),
        (day(10, 12), "乙队", 3, 100, "K4"),
        (day(10, 20), "乙队", 2, 100, "K5"),
    ]);
    let by_clients = s.award(FIRST_ONLY, TieBreak::standard(), false);
    let by_amount = s.award(FIRST_ONLY, vec![TieBreak::ReachedFirst, TieBreak::HigherAmount, TieBreak::MoreClients], false);

    let clients = s.standing(by_clients, day(10, 31));
    assert_eq!(table(&clients)[0].0, "乙队", "same day: three distinct clients beat two");
    let why = entry(&clients, "甲队").tie_reason.expect("reason");
    assert_eq!((why.criterion, why.this, why.above), (TieBreak::MoreClients, TieFigure::Count(2), TieFigure::Count(3)));

    let amount = s.standing(by_amount, day(10, 31));
    assert_eq!(table(&amount)[0].0, "甲队", "amount listed before clients: 18,000 beats 300");
    let why = entry(&amount, "乙队").tie_reason.expect("reason");
    assert_eq!(
        (why.criterion, why.this, why.above),
        (TieBreak::HigherAmount, TieFigure::Amount(Money::from_yuan(300)), TieFigure::Amount(Money::from_yuan(18_000)))
    );
}

#[test]
fn a_truly_equal_pair_shares_a_place_and_a_tier_pays_no_more_than_its_places_unless_shared() {
    let s = season();
    // 丁队 comes last in the database and first by name.
    s.store.org().ensure_team("丁队").expect("team");
    s.client("K1", "甲队");
    s.client("K2", "丁队");
    s.record(&[(day(10, 9), "甲队", 5, 700, "K1"), (day(10, 9), "丁队", 5, 700, "K2")]);
    let shared = s.award(FIRST_ONLY, TieBreak::standard(), true);
    let single = s.award(FIRST_ONLY, TieBreak::standard(), false);

    let both = s.standing(shared, day(10, 31));
    assert_eq!(
        table(&both),
        [("丁队".into(), 5, 1, Some("一等奖".into())), ("甲队".into(), 5, 1, Some("一等奖".into())), ("乙队".into(), 0, 3, None)],
        "equal on every criterion: one shared place, listed by name (丁 before 甲), not in database order (甲 first)"
    );
    assert!(both.rankings[0].entries[..2].iter().all(|e| e.shared && e.tie_reason.is_none()));
    // Two 一等奖 of 5,000 pay 10,000, still inside the 5,000 + 2 × 3,000 = 11,000 offered.
    assert_eq!((both.prize_cost.offered, both.prize_cost.paying), (Money::from_yuan(11_000), Money::from_yuan(10_000)));

    let held = s.standing(single, day(10, 31));
    let firsts = held.rankings[0].entries.iter().filter(|e| e.tier.as_deref() == Some("一等奖")).count();
    assert_eq!(firsts, 0, "one 一等奖 place never pays two: held until the planner decides");
    assert!(
        held.rankings[0].entries[..2].iter().all(|e| e.rank == 1 && e.shared && e.contested == ["一等奖", "二等奖"]),
        "both are shown as tied, with the tiers at stake: {:?}",
        held.rankings[0].entries
    );
    assert_eq!(held.prize_cost.paying, Money::ZERO);
    assert_eq!(held.prize_cost.cost, Money::from_yuan(11_000), "what is budgeted stays the offered places");

    // No criteria at all: equal scores share a place as before criteria existed.
    let none = s.award(FIRST_ONLY, Vec::new(), true);
    assert!(s.standing(none, day(10, 31)).rankings[0].entries[..2].iter().all(|e| e.rank == 1));
}

#[test]
fn an_overall_tie_goes_to_whoever_finished_changing_first() {
    let s = season();
    s.client("K1", "甲队");
    s.client("K2", "乙队");
    s.record(&[(day(10, 20), "乙队", 5, 100, "K2"), (day(10, 5), "甲队", 5, 100, "K1")]);
    let single = s.award(FIRST_ONLY, TieBreak::standard(), false);
    let overall = AwardInput {
        name: "组织奖".into(),
        kind: AwardKind::Overall,
        metric: None,
        weights: vec![(single.to_string(), 10_000), (PLANS_COMPONENT.into(), 0)],
        ..s.store.awards().list(s.campaign).expect("awards")[0].input.clone()
    };
    let overall = s.store.awards().save(s.campaign, None, &overall).expect("overall");
    let standing = s.standing(overall, day(10, 31));
    assert_eq!(table(&standing)[0], ("甲队".into(), 10_000, 1, Some("一等奖".into())), "甲队's last counted achievement is 10-05");
    assert_eq!(entry(&standing, "乙队").tie_reason.map(|r| r.criterion), Some(TieBreak::ReachedFirst));
}

#[test]
fn criteria_and_sharing_are_kept_in_the_file_and_a_repeat_is_refused() {
    let s = season();
    let award = s.award(FIRST_ONLY, vec![TieBreak::HigherAmount, TieBreak::ReachedFirst], true);
    drop(s.store);
    let reopened = Store::open(&s.path).expect("reopen");
    let saved = reopened.awards().list(s.campaign).expect("awards").into_iter().find(|a| a.id == award).expect("award");
    assert_eq!((saved.input.tie_breaks.clone(), saved.input.shared_tiers), (vec![TieBreak::HigherAmount, TieBreak::ReachedFirst], true));

    let repeated = AwardInput { tie_breaks: vec![TieBreak::MoreClients, TieBreak::ReachedFirst, TieBreak::MoreClients], ..saved.input };
    match reopened.awards().save(s.campaign, Some(award), &repeated) {
        Err(Error::Validation(errors)) => assert_eq!(errors[0].field, "tie_breaks.2", "the repeat is named"),
        other => panic!("a criterion listed twice must be refused: {other:?}"),
    }
}

#[test]
fn prize_costs_add_up_against_the_incentive_budget() {
    let s = season();
    s.client("K1", "甲队");
    s.client("K2", "乙队");
    s.record(&[(day(10, 9), "乙队", 5, 700, "K2"), (day(10, 9), "甲队", 5, 700, "K1")]);
    // A shared 一等奖 of 4,000 for one place, tied: pays 8,000 against 4,000 offered.
    s.award(&[("一等奖", 1, 4_000)], TieBreak::standard(), true);
    // 1 × 5,000 + 2 × 3,000 = 11,000, paid or held.
    s.award(FIRST_ONLY, TieBreak::standard(), false);

    let none = s.store.awards().incentive_budget(s.campaign, day(10, 31)).expect("budget");
    assert_eq!((none.budget, none.total, none.over), (None, Money::from_yuan(19_000), false), "8,000 + 11,000; no budget set yet");

    s.store.campaigns().set_incentive_budget(s.campaign, Some(Money::from_fen(1_800_050))).expect("budget");
    let b = s.store.awards().incentive_budget(s.campaign, day(10, 31)).expect("budget");
    assert_eq!(b.awards.iter().map(|a| a.cost.cost).collect::<Vec<_>>(), [Money::from_yuan(8_000), Money::from_yuan(11_000)]);
    assert_eq!((b.remaining, b.over), (Some(Money::from_fen(-99_950)), true), "18,000.50 − 19,000.00 = −999.50: over budget");

    // As of 10-01 nobody has anything: the shared award costs what it offers.
    let early = s.store.awards().incentive_budget(s.campaign, day(10, 1)).expect("budget");
    assert_eq!((early.total, early.over), (Money::from_yuan(15_000), false), "4,000 + 11,000 within 18,000.50");

    assert!(
        matches!(s.store.campaigns().set_incentive_budget(s.campaign, Some(Money::from_fen(-1))), Err(Error::Validation(_))),
        "a negative budget is refused"
    );
    s.store.campaigns().set_incentive_budget(s.campaign, None).expect("cleared");
    assert_eq!(s.store.campaigns().incentive_budget(s.campaign).expect("b"), None);
}
