//! Achievements on a real database file: who may be credited, where an industry award gets its
//! industry, and corrections and deletions that are logged and stop once an award is locked.
//! Imports read xlsx files the tests write.

mod support;

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use rampart_core::domain::achievement::{AchievementAction, AchievementQuery};
use rampart_core::domain::awards::{AchievementInput, AwardInput, AwardKind, Scope, Standing, Tier};
use rampart_core::domain::ids::{AwardId, CampaignId, ClientId, PersonId, TeamId};
use rampart_core::domain::org::Role;
use rampart_core::domain::plan::By;
use rampart_core::domain::tracker::Lang;
use rampart_core::domain::{CampaignInput, CampaignStatus, ClientInput};
use rampart_core::error::Problem;
use rampart_core::export::{export_tracker, TrackerOptions};
use rampart_core::import::achievements::import_achievements;
use rampart_core::import::tracker::{apply_trackers, ApplyOptions};
use rampart_core::{Error, Money, Store};
use rust_xlsxwriter::Workbook;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

fn at(m: u32, d: u32) -> NaiveDateTime {
    day(m, d).and_hms_opt(9, 30, 0).expect("time")
}

struct Season {
    store: Store,
    campaign: CampaignId,
    jia: TeamId,
    yi: TeamId,
    zhang: PersonId,
    li: PersonId,
    finance: ClientId,
    industry_award: AwardId,
    overall: AwardId,
}

/// 甲队 (张三) and 乙队 (李四); targets in 金融 and 教育; 行业应用突破 ranked by industry, and an
/// overall award weighing it fully.
fn season(path: &Path) -> Season {
    let store = Store::open(path).expect("database file");
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
    let jia = store.org().ensure_team("甲队").expect("team");
    let yi = store.org().ensure_team("乙队").expect("team");
    let zhang = store.org().ensure_person("张三", Some(jia), Role::AccountManager).expect("person");
    let li = store.org().ensure_person("李四", Some(yi), Role::AccountManager).expect("person");
    let client =
        |code: &str, industry: &str| ClientInput { industry: industry.into(), ..support::small_client(code, &format!("客户{code}")) };
    let finance = store.clients().create(&client("F1", "金融"), Some(campaign)).expect("client");
    store.clients().create(&client("E1", "教育"), Some(campaign)).expect("client");
    store.achievements().add_metric(campaign, "industry_wins", "行业应用突破").expect("metric");
    store.achievements().add_metric(campaign, "mobile_users", "移动业务发展").expect("metric");
    let tiers = vec![Tier { name: "一等奖".into(), places: 1, honour: String::new(), amount: None }];
    let single = AwardInput {
        name: "行业应用攻坚突破奖".into(),
        kind: AwardKind::Single,
        for_teams: true,
        for_people: false,
        metric: Some("industry_wins".into()),
        by_industry: true,
        use_targets: false,
        tie_break: String::new(),
        tie_breaks: Vec::new(),
        shared_tiers: false,
        tiers: tiers.clone(),
        targets: vec![],
        weights: vec![],
    };
    let industry_award = store.awards().save(campaign, None, &single).expect("award");
    let overall = AwardInput {
        name: "组织奖".into(),
        kind: AwardKind::Overall,
        metric: None,
        by_industry: false,
        weights: vec![(industry_award.to_string(), 10_000)],
        ..single
    };
    let overall = store.awards().save(campaign, None, &overall).expect("overall");
    Season { store, campaign, jia, yi, zhang, li, finance, industry_award, overall }
}

fn win(team: Option<TeamId>, person: Option<PersonId>, quantity: i64) -> AchievementInput {
    AchievementInput {
        date: day(11, 2),
        metric: "industry_wins".into(),
        team_id: team,
        person_id: person,
        quantity,
        amount: Money::from_fen(123_450),
        client_id: None,
        industry: None,
        note: String::new(),
    }
}

fn refused(result: Result<impl std::fmt::Debug, Error>) -> Vec<(String, Problem)> {
    match result {
        Err(Error::Validation(fields)) => fields.into_iter().map(|f| (f.field, f.problem)).collect(),
        other => panic!("expected a refusal with field errors, got {other:?}"),
    }
}

fn count(store: &Store, campaign: CampaignId) -> i64 {
    store.achievements().list(campaign, &AchievementQuery::default()).expect("list").total
}

fn standing(store: &Store, campaign: CampaignId, award: AwardId) -> Standing {
    let all = store.awards().standings(campaign, day(12, 31)).expect("standings");
    all.into_iter().find(|s| s.award_id == award).expect("the award's standing")
}

/// A team's score in one ranking (`industry` None: the overall award's only ranking).
fn score(s: &Standing, industry: Option<&str>, team: TeamId) -> i64 {
    let ranking = s.rankings.iter().find(|r| r.scope == Scope::Team && r.industry.as_deref() == industry).expect("ranking");
    ranking.entries.iter().find(|e| e.entrant_id == team.0).map_or(0, |e| e.score)
}

fn write_xlsx(path: &Path, rows: &[&[&str]]) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("业绩").expect("name");
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            let (r, c) = (u32::try_from(r).expect("row"), u16::try_from(c).expect("col"));
            match text.parse::<f64>() {
                Ok(n) => sheet.write_number(r, c, n).map(|_| ()),
                Err(_) => sheet.write_string(r, c, *text).map(|_| ()),
            }
            .expect("cell");
        }
    }
    book.save(path).expect("xlsx");
}

#[test]
fn a_person_outside_the_named_team_is_refused_on_the_form_and_in_the_import() {
    let dir = tempfile::tempdir().expect("dir");
    let s = season(&dir.path().join("rampart.db"));
    let with_client = |a: AchievementInput| AchievementInput { client_id: Some(s.finance), ..a };

    let got = refused(s.store.achievements().add(s.campaign, &with_client(win(Some(s.jia), Some(s.li), 1))));
    assert_eq!(got, [("person_id".to_string(), Problem::NotInTeam { person: "李四".into(), team: "甲队".into() })]);
    let err = s.store.achievements().add(s.campaign, &with_client(win(Some(s.jia), Some(s.li), 1))).expect_err("refused");
    assert!(err.message_zh().contains("李四") && err.message_zh().contains("甲队"), "the message names both: {}", err.message_zh());
    assert!(err.message_en().contains("李四") && err.message_en().contains("甲队"), "{}", err.message_en());
    assert_eq!(count(&s.store, s.campaign), 0, "nothing was written for the refused person");

    // A person alone is credited to their own team too.
    let id = s.store.achievements().add(s.campaign, &with_client(win(None, Some(s.zhang), 1))).expect("a person alone");
    let row = s.store.achievements().get(s.campaign, id).expect("row");
    assert_eq!((row.input.team_id, row.team.as_deref()), (Some(s.jia), Some("甲队")), "the team comes from the person");

    // The import: a good row and a row crediting 李四 to 甲队 — nothing is written.
    let file = dir.path().join("业绩.xlsx");
    write_xlsx(
        &file,
        &[
            &["日期", "指标", "团队", "人员", "数量", "客户编码"],
            &["2026-11-03", "行业应用突破", "甲队", "张三", "2", "F1"],
            &["2026-11-04", "行业应用突破", "甲队", "李四", "1", "F1"],
        ],
    );
    let report = import_achievements(&s.store, &file, s.campaign, false).expect("report");
    assert!(!report.written, "all or nothing: one bad row keeps the good one out too");
    assert_eq!(report.sheet.as_deref(), Some("业绩"), "the report names the sheet");
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    let p = &report.problems[0];
    assert_eq!((p.line, p.column.as_str(), p.value.as_str()), (3, "人员", "李四"), "the problem is on line 3, column 人员");
    assert!(p.message_zh.contains("甲队") && p.message_en.contains("甲队"), "{} / {}", p.message_zh, p.message_en);
    assert_eq!(count(&s.store, s.campaign), 1, "the import changed nothing");
}

#[test]
fn an_industry_win_needs_an_industry_and_then_counts_in_both_awards() {
    let dir = tempfile::tempdir().expect("dir");
    let s = season(&dir.path().join("rampart.db"));

    let got = refused(s.store.achievements().add(s.campaign, &win(Some(s.yi), None, 3)));
    assert_eq!(got, [("industry".to_string(), Problem::IndustryNeeded { metric: "行业应用突破".into() })], "no client, no industry");
    let differs = AchievementInput { client_id: Some(s.finance), industry: Some("教育".into()), ..win(Some(s.yi), None, 3) };
    assert_eq!(refused(s.store.achievements().add(s.campaign, &differs))[0].0, "industry", "a 行业 the client contradicts");
    // A metric no award splits needs no industry.
    let mobile = AchievementInput { metric: "mobile_users".into(), ..win(Some(s.yi), None, 3) };
    s.store.achievements().add(s.campaign, &mobile).expect("no industry needed for an unsplit metric");

    // The import without a 行业 column: the problem names the column to add.
    let file = dir.path().join("no-industry.xlsx");
    write_xlsx(&file, &[&["日期", "指标", "团队", "数量"], &["2026-11-03", "industry_wins", "乙队", "3"]]);
    let report = import_achievements(&s.store, &file, s.campaign, false).expect("report");
    assert!(!report.written);
    assert_eq!((report.problems[0].line, report.problems[0].column.as_str()), (2, "行业"), "{:?}", report.problems);

    // With an 行业 column the win is accepted and counted in both awards.
    let file = dir.path().join("industry.xlsx");
    write_xlsx(
        &file,
        &[
            &["日期", "指标", "团队", "人员", "数量", "行业"],
            &["2026-11-03", "行业应用突破", "乙队", "", "3", "教育"],
            &["2026-11-05", "行业应用突破", "", "张三", "2", "金融"],
        ],
    );
    let report = import_achievements(&s.store, &file, s.campaign, false).expect("report");
    assert!(report.written && report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.added, 2);
    let single = standing(&s.store, s.campaign, s.industry_award);
    assert_eq!(score(&single, Some("教育"), s.yi), 3, "乙队's typed-industry win is in the 教育 ranking");
    assert_eq!(score(&single, Some("金融"), s.jia), 2, "张三's win is credited to 甲队 in 金融");
    let overall = standing(&s.store, s.campaign, s.overall);
    let (yi, jia) = (score(&overall, None, s.yi), score(&overall, None, s.jia));
    assert_eq!((yi, jia), (10_000, 6_666), "the overall award counts the same wins: 3 of 3 and 2 of 3, weighted fully");
}

#[test]
fn corrections_and_deletions_change_the_standings_and_are_logged() {
    let dir = tempfile::tempdir().expect("dir");
    let s = season(&dir.path().join("rampart.db"));
    let a = AchievementInput { client_id: Some(s.finance), ..win(Some(s.jia), None, 1) };
    let id = s.store.achievements().add(s.campaign, &a).expect("add");
    let other = s.store.achievements().add(s.campaign, &AchievementInput { industry: Some("教育".into()), ..win(Some(s.yi), None, 4) });
    let other = other.expect("add");
    assert_eq!(score(&standing(&s.store, s.campaign, s.industry_award), Some("金融"), s.jia), 1);

    let by = By { author: "王策划".into(), at: at(11, 20) };
    let corrected = AchievementInput { quantity: 5, ..a.clone() };
    let row = s.store.achievements().correct(s.campaign, id, &corrected, &by).expect("correct");
    assert_eq!(row.input.quantity, 5);
    assert_eq!(score(&standing(&s.store, s.campaign, s.industry_award), Some("金融"), s.jia), 5, "the correction counts");

    // A correction that breaks a rule is refused and logs nothing.
    let bad = AchievementInput { person_id: Some(s.li), ..corrected.clone() };
    assert_eq!(refused(s.store.achievements().correct(s.campaign, id, &bad, &by))[0].0, "person_id");

    let later = By { author: "李审核".into(), at: at(11, 21) };
    s.store.achievements().delete(s.campaign, other, &later).expect("delete");
    assert_eq!(score(&standing(&s.store, s.campaign, s.industry_award), Some("教育"), s.yi), 0, "a deleted win no longer counts");
    assert!(matches!(s.store.achievements().get(s.campaign, other), Err(Error::NotFound { .. })));

    let log = s.store.achievements().log_entries(s.campaign, 10, 0).expect("log");
    assert_eq!(log.total, 2, "one correction and one deletion: {:?}", log.rows);
    let (deleted, fixed) = (&log.rows[0], &log.rows[1]);
    assert_eq!((deleted.action, deleted.achievement_id, deleted.author.as_str()), (AchievementAction::Deleted, other, "李审核"));
    assert_eq!((deleted.before.quantity, deleted.after.as_ref()), (4, None), "a deletion keeps what was deleted");
    assert_eq!((fixed.action, fixed.author.as_str(), fixed.at.as_str()), (AchievementAction::Corrected, "王策划", "2026-11-20 09:30:00"));
    assert_eq!((fixed.before.quantity, fixed.after.as_ref().map(|a| a.quantity)), (1, Some(5)), "before and after");
}

#[test]
fn once_an_award_counting_it_is_locked_an_achievement_cannot_change() {
    let dir = tempfile::tempdir().expect("dir");
    let s = season(&dir.path().join("rampart.db"));
    let a = AchievementInput { client_id: Some(s.finance), ..win(Some(s.jia), None, 2) };
    let id = s.store.achievements().add(s.campaign, &a).expect("add");
    let mobile = AchievementInput { metric: "mobile_users".into(), ..win(Some(s.yi), None, 7) };
    let mobile_id = s.store.achievements().add(s.campaign, &mobile).expect("add");
    let by = By { author: "王策划".into(), at: at(12, 1) };

    // Only the overall award is locked: it weighs the industry award, so its wins are frozen.
    s.store.awards().lock(s.overall, "王策划", at(12, 1)).expect("lock");
    let got = refused(s.store.achievements().correct(s.campaign, id, &AchievementInput { quantity: 9, ..a.clone() }, &by));
    assert_eq!(got, [("achievement".to_string(), Problem::CountsTowardLocked { award: "组织奖".into() })]);
    let got = refused(s.store.achievements().delete(s.campaign, id, &by));
    assert_eq!(got[0].1, Problem::CountsTowardLocked { award: "组织奖".into() });
    assert_eq!(s.store.achievements().get(s.campaign, id).expect("still there").input.quantity, 2, "unchanged");
    // Moving a win into a frozen metric is refused too.
    let into = AchievementInput { metric: "industry_wins".into(), client_id: Some(s.finance), ..mobile.clone() };
    assert_eq!(refused(s.store.achievements().correct(s.campaign, mobile_id, &into, &by))[0].0, "achievement");
    // A metric no locked award counts stays correctable.
    s.store.achievements().correct(s.campaign, mobile_id, &AchievementInput { quantity: 8, ..mobile }, &by).expect("unlocked metric");
    let log = s.store.achievements().log_entries(s.campaign, 10, 0).expect("log");
    assert_eq!(log.total, 1, "only the allowed correction is logged");
}

#[test]
fn the_list_filters_and_pages() {
    let dir = tempfile::tempdir().expect("dir");
    let s = season(&dir.path().join("rampart.db"));
    for d in 1..=7 {
        let a = AchievementInput { date: day(11, d), client_id: Some(s.finance), ..win(Some(s.jia), None, 1) };
        s.store.achievements().add(s.campaign, &a).expect("add");
    }
    let mobile = AchievementInput { metric: "mobile_users".into(), ..win(Some(s.yi), Some(s.li), 7) };
    s.store.achievements().add(s.campaign, &mobile).expect("add");
    let q = AchievementQuery {
        metric: Some("industry_wins".into()),
        from: Some(day(11, 2)),
        until: Some(day(11, 6)),
        limit: 2,
        offset: 2,
        ..Default::default()
    };
    let page = s.store.achievements().list(s.campaign, &q).expect("page");
    assert_eq!(page.total, 5, "11-02..11-06 of industry_wins");
    assert_eq!(page.rows.iter().map(|r| r.input.date).collect::<Vec<_>>(), [day(11, 4), day(11, 3)], "newest first, third and fourth");
    let by_person = AchievementQuery { person_id: Some(s.li), ..Default::default() };
    let page = s.store.achievements().list(s.campaign, &by_person).expect("page");
    assert_eq!((page.total, page.rows[0].person.as_deref(), page.rows[0].team.as_deref()), (1, Some("李四"), Some("乙队")));
}

/// A returned tracker: the exported one copied cell by cell as text (as a district team's Excel
/// would save it), with `header` added to the 新增业绩 header and `rows` appended under it.
fn returned_tracker(src: &Path, dst: &Path, header: &[&str], rows: &[&[&str]]) {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(src).expect("open the export");
    let mut out = Workbook::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("range");
        let ws = out.add_worksheet();
        ws.set_name(&name).expect("name");
        let mut last = 0;
        for (r, row) in range.rows().enumerate() {
            let r = u32::try_from(r).expect("row");
            for (c, cell) in row.iter().enumerate() {
                let value = match cell {
                    Data::Empty => continue,
                    Data::Float(f) => f.to_string(),
                    Data::Int(i) => i.to_string(),
                    Data::DateTime(dt) => dt.as_datetime().map(|x| x.date().to_string()).unwrap_or_default(),
                    other => other.to_string(),
                };
                ws.write_string(r, u16::try_from(c).expect("col"), &value).expect("write");
            }
            if name == "新增业绩" && r == 0 {
                for (i, h) in header.iter().enumerate() {
                    ws.write_string(0, u16::try_from(row.len() + i).expect("col"), *h).expect("write");
                }
            }
            last = r;
        }
        if name == "新增业绩" {
            for row in rows {
                last += 1;
                for (c, v) in row.iter().enumerate() {
                    ws.write_string(last, u16::try_from(c).expect("col"), *v).expect("write");
                }
            }
        }
    }
    out.save(dst).expect("save");
}

#[test]
fn a_returned_tracker_goes_through_the_same_checks() {
    let dir = tempfile::tempdir().expect("dir");
    let s = season(&dir.path().join("rampart.db"));
    let export = dir.path().join("tracker.xlsx");
    let opts = TrackerOptions { campaign_id: s.campaign, team: None, lang: Lang::Zh, today: day(11, 22), now: at(11, 22) };
    export_tracker(&s.store, &export, &opts, &mut |_| true).expect("export");
    let apply = |file: &Path| {
        let opts = ApplyOptions { dry_run: false, author: "东区 张三".into(), now: at(11, 22), today: day(11, 22) };
        apply_trackers(&s.store, &[file.to_path_buf()], &opts).expect("apply reads the file")
    };

    // 日期 指标 团队 人员 数量 金额 客户编码 说明, as the tracker writes them.
    let bad = dir.path().join("bad.xlsx");
    returned_tracker(
        &export,
        &bad,
        &[],
        &[
            &["2026-11-03", "行业应用突破", "甲队", "李四", "1", "", "F1", ""],
            &["2026-11-04", "行业应用突破", "乙队", "", "2", "", "", "没有客户"],
            &["2026-09-30", "行业应用突破", "乙队", "", "2", "", "F1", "活动开始前"],
        ],
    );
    let report = apply(&bad);
    assert!(!report.applied, "nothing is applied while a row is refused");
    let at_line = |line: u64| -> Vec<String> {
        report.problems.iter().filter(|p| p.sheet == "新增业绩" && p.problem.line == line).map(|p| p.problem.column.clone()).collect()
    };
    assert_eq!(at_line(2), ["人员"], "李四 is not in 甲队: {:?}", report.problems);
    assert_eq!(at_line(3), ["行业"], "no client and no 行业 column: the column to add is named");
    assert_eq!(at_line(4), ["日期"], "before the campaign");
    assert!(report.problems.iter().all(|p| p.file == "bad.xlsx"), "each problem names its file");
    assert_eq!(count(&s.store, s.campaign), 0);

    // With a 行业 column added the same win is accepted and counted in its industry.
    let good = dir.path().join("good.xlsx");
    returned_tracker(&export, &good, &["行业"], &[&["2026-11-04", "行业应用突破", "乙队", "", "2", "", "", "没有客户", "教育"]]);
    let report = apply(&good);
    assert!(report.applied, "{:?}", report.problems);
    assert_eq!(score(&standing(&s.store, s.campaign, s.industry_award), Some("教育"), s.yi), 2);

    // Once the award is locked, the same row returned corrected is refused on its row.
    s.store.awards().lock(s.industry_award, "王策划", at(12, 1)).expect("lock");
    let fixed = dir.path().join("fixed.xlsx");
    returned_tracker(&export, &fixed, &["行业"], &[&["2026-11-04", "行业应用突破", "乙队", "", "5", "", "", "没有客户", "教育"]]);
    let report = apply(&fixed);
    assert!(!report.applied);
    let p = report.problems.first().expect("refused");
    assert_eq!((p.sheet.as_str(), p.problem.line, p.problem.column.as_str()), ("新增业绩", 2, "指标"), "{:?}", report.problems);
    assert!(p.problem.message_zh.contains("行业应用攻坚突破奖"), "{}", p.problem.message_zh);
    let row = s.store.achievements().list(s.campaign, &AchievementQuery::default()).expect("list").rows;
    assert_eq!(row[0].input.quantity, 2, "the locked figure stays");
}
