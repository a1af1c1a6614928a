//! The tracker out and back on a real database: the exported workbook opened by a second
//! reader (calamine, and the raw sheet XML), a round trip that edits statuses and notes the
//! way a district team would, every refusal, and text that must never become a formula.

mod support;

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Reader, Xlsx};
use chrono::{NaiveDate, NaiveDateTime};
use rampart_core::domain::ids::{CampaignId, TeamId};
use rampart_core::domain::plan::{By, ItemStatus};
use rampart_core::domain::tracker::Lang;
use rampart_core::export::{export_tracker, TrackerOptions};
use rampart_core::import::tracker::{apply_trackers, ApplyOptions, ApplyReport};
use rampart_core::store::plans::PlanFilter;
use rampart_core::{demo, Store};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

fn now() -> NaiveDateTime {
    day(11, 22).and_hms_opt(10, 0, 0).expect("time")
}

fn options(campaign: CampaignId) -> TrackerOptions {
    TrackerOptions { campaign_id: campaign, team: None, lang: Lang::Zh, today: day(11, 22), now: now() }
}

fn apply(store: &Store, files: &[PathBuf], dry_run: bool) -> ApplyReport {
    let opts = ApplyOptions { dry_run, author: "东区 张三".into(), now: now(), today: day(11, 22) };
    apply_trackers(store, files, &opts).expect("apply reads the files")
}

fn demo_store(dir: &Path) -> (Store, CampaignId) {
    let store = Store::open(&dir.join("rampart.db")).expect("store");
    let campaign = demo::seed_demo(&store, day(11, 22)).expect("demo");
    (store, campaign)
}

fn add_client(store: &Store, campaign: CampaignId, code: &str, name: &str) {
    store.clients().create(&support::small_client(code, name), Some(campaign)).expect("client");
}

fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
    let mut book: Xlsx<_> = open_workbook(path).expect("calamine opens the tracker");
    book.worksheet_range(name).expect("sheet")
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::DateTime(dt) => dt.as_datetime().map(|x| x.date().to_string()).unwrap_or_default(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn number(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("expected a number, found {other:?}"),
    }
}

/// The XML of a sheet part, for what calamine does not expose (validation, panes, protection).
fn sheet_xml(path: &Path, index: usize) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("file")).expect("zip");
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{index}.xml")).expect("sheet part").read_to_string(&mut xml).expect("xml");
    xml
}

/// A copy of `src` as another spreadsheet program would save it: values only, dates as text,
/// every sheet kept, with `edit` applied to each cell (sheet, row, column).
fn resave(src: &Path, dst: &Path, mut edit: impl FnMut(&str, u32, u32, &mut String), extra: &[(&str, Vec<&str>)]) {
    let mut book: Xlsx<_> = open_workbook(src).expect("open");
    let mut out = rust_xlsxwriter::Workbook::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("range");
        let ws = out.add_worksheet();
        ws.set_name(&name).expect("name");
        let mut last = 0;
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let mut value = text(cell);
                edit(&name, r as u32, c as u32, &mut value);
                if let Some(error) = value.strip_prefix("#ERROR:") {
                    // What Excel saves for a formula whose result is an error value.
                    let formula = rust_xlsxwriter::Formula::new("=NA()").set_result(error);
                    ws.write_formula(r as u32, c as u16, formula).expect("write");
                } else if !value.is_empty() {
                    ws.write_string(r as u32, c as u16, &value).expect("write");
                }
            }
            last = r as u32;
        }
        for (sheet, cells) in extra {
            if *sheet == name {
                last += 1;
                for (c, v) in cells.iter().enumerate() {
                    ws.write_string(last, c as u16, *v).expect("write");
                }
            }
        }
    }
    out.save(dst).expect("save");
}

/// Rows of the plan sheet by key: (row index, cells as text).
fn plan_rows(path: &Path) -> Vec<(u32, Vec<String>)> {
    let range = sheet(path, "一户一案");
    range.rows().enumerate().skip(1).map(|(i, r)| (i as u32, r.iter().map(text).collect())).collect()
}

#[test]
fn the_workbook_has_every_sheet_with_live_figures_equal_to_the_apps() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = demo_store(dir.path());
    let path = dir.path().join("tracker.xlsx");
    let summary = export_tracker(&store, &path, &options(campaign), &mut |_| true).expect("export");
    assert_eq!(summary.targets, 320, "every demo target is listed");

    let book: Xlsx<_> = open_workbook(&path).expect("calamine opens it");
    assert_eq!(
        book.sheet_names(),
        ["概览", "目标客户", "交叉补贴", "一户一案", "预警", "待走访", "光纤准备", "积分", "奖项排名", "新增业绩", "说明", "_rampart"]
    );

    let targets = sheet(&path, "目标客户");
    assert_eq!(targets.height(), 321, "a header and one row per target");
    assert_eq!(text(&targets[(0, 1)]), "客户编码");

    // Each contract's cached figure, the subtotals and the 合计 all equal the app's.
    let (report, totals) = store.subsidies().report(campaign, None).expect("report");
    let subsidies = sheet(&path, "交叉补贴");
    let mut per_client: HashMap<String, i64> = HashMap::new();
    let mut total_row = None;
    for (i, row) in subsidies.rows().enumerate().skip(1) {
        if text(&row[1]) == "合计" {
            total_row = Some(i);
        } else if !text(&row[0]).is_empty() {
            let fen = (number(&row[11]) * 100.0).round() as i64;
            *per_client.entry(text(&row[1])).or_default() += fen;
        }
    }
    for client in &report {
        assert_eq!(per_client.get(&client.code).copied().unwrap_or(0), client.subsidy.fen(), "client {} as in the app", client.code);
    }
    let total_row = total_row.expect("a 合计 row");
    let total = number(&subsidies[(total_row, 11)]);
    assert_eq!((total * 100.0).round() as i64, totals.total.fen(), "合计 equals the app's total");

    let mut book: Xlsx<_> = open_workbook(&path).expect("open");
    let formulas = book.worksheet_formula("交叉补贴").expect("formulas");
    let first = formulas.get_value((1, 11)).expect("a formula in the first row");
    assert!(first.contains("ROUND(I2*100,0)*ROUND(J2*10000,0)*(10000+ROUND(K2*10000,0))"), "live subsidy formula: {first}");
    let sum = formulas.get_value((total_row as u32, 11)).expect("total formula");
    assert!(sum.starts_with("SUM(") && sum.contains("!L$2:L$"), "合计 is a formula over the column: {sum}");

    // The plan sheet: dropdown of the four statuses, late/done colouring, frozen header,
    // filter, protection with hidden key columns.
    let xml = sheet_xml(&path, 4);
    assert!(xml.contains(r#"<dataValidation type="list""#) && xml.contains("未开始,进行中,已完成,受阻"), "status dropdown");
    assert!(xml.contains("TODAY()") && xml.matches("<cfRule").count() == 2, "late and done conditional formats");
    assert!(xml.contains(r#"state="frozen""#) && xml.contains("<autoFilter"), "frozen header and filter");
    assert!(xml.contains("<sheetProtection") && xml.contains(r#"hidden="1""#), "protected, key columns hidden");
    assert!(xml.contains(r#"<pageSetup"#) && xml.contains(r#"orientation="landscape""#) && xml.contains(r#"fitToHeight="0""#));
    for index in [2, 3] {
        assert!(sheet_xml(&path, index).contains(r#"state="frozen""#), "sheet {index} freezes its header");
    }
    let plans = plan_rows(&path);
    let items: usize = store.plans().list(campaign, &PlanFilter::default(), day(11, 22)).expect("plans").iter().map(|p| p.item_count).sum();
    assert_eq!(plans.len(), items, "one row per plan item");

    let overview = sheet(&path, "概览");
    let figures: HashMap<String, String> = overview.rows().map(|r| (text(&r[0]), r.get(1).map(text).unwrap_or_default())).collect();
    assert_eq!(figures["目标客户"], "320");
    assert_eq!(figures["补贴合计(元)"].parse::<f64>().map(|v| (v * 100.0).round() as i64), Ok(totals.total.fen()));
    let standings = sheet(&path, "奖项排名");
    assert!(standings.height() > 10, "standings listed");
    assert!(sheet_xml(&path, 9).contains("<drawing"), "the standings carry charts");
    let warnings = sheet(&path, "预警");
    let open = store.warnings().list(campaign, &Default::default(), day(11, 22)).expect("warnings");
    assert_eq!(warnings.height(), open.len() + 1, "a header and one row per warning");
    assert_eq!(text(&warnings[(1, 2)]), open[0].contract, "oldest first, as in the app (the hidden key comes first)");
}

#[test]
fn a_team_slice_holds_only_that_teams_targets() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = demo_store(dir.path());
    let team = store.org().teams().expect("teams")[0].name.clone();
    let path = dir.path().join("team.xlsx");
    let opts = TrackerOptions { team: Some(team.clone()), ..options(campaign) };
    let summary = export_tracker(&store, &path, &opts, &mut |_| true).expect("export");
    let targets = sheet(&path, "目标客户");
    assert!(summary.targets > 0 && summary.targets < 320);
    assert!(targets.rows().skip(1).all(|r| text(&r[7]) == team), "every row belongs to {team}");
    let english = dir.path().join("en.xlsx");
    export_tracker(&store, &english, &TrackerOptions { lang: Lang::En, ..options(campaign) }, &mut |_| true).expect("en");
    let book: Xlsx<_> = open_workbook(&english).expect("open");
    assert_eq!(book.sheet_names()[..4], ["Overview", "Targets", "Subsidies", "Plans"]);
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = demo_store(dir.path());
    let hostile = ["=HYPERLINK(\"http://evil.example\",\"点我\")", "@SUM(1+1)", "+1-2", "-cmd|' /C calc'!A0"];
    for (i, name) in hostile.iter().enumerate() {
        add_client(&store, campaign, &format!("ZZ-{i}"), name);
    }
    let path = dir.path().join("tracker.xlsx");
    export_tracker(&store, &path, &options(campaign), &mut |_| true).expect("export");
    let targets = sheet(&path, "目标客户");
    let mut book: Xlsx<_> = open_workbook(&path).expect("open");
    let formulas = book.worksheet_formula("目标客户").expect("formulas");
    for (i, name) in hostile.iter().enumerate() {
        let row = targets.rows().position(|r| text(&r[1]) == format!("ZZ-{i}")).expect("row");
        assert_eq!(targets[(row, 2)], Data::String(name.to_string()), "the name is stored as the text typed");
        let formula = formulas.get_value((row as u32, 2)).cloned().unwrap_or_default();
        assert!(formula.is_empty(), "{name} must not be a formula, found {formula}");
    }
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("file")).expect("zip");
    let mut styles = String::new();
    zip.by_name("xl/styles.xml").expect("styles").read_to_string(&mut styles).expect("xml");
    assert!(styles.contains(r#"quotePrefix="1""#), "such text carries Excel's quote prefix, so editing it keeps it text");
}

#[test]
fn a_round_trip_applies_statuses_notes_and_achievements_once() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = demo_store(dir.path());
    let out = dir.path().join("tracker.xlsx");
    export_tracker(&store, &out, &options(campaign), &mut |_| true).expect("export");
    let rows = plan_rows(&out);
    let open: Vec<u32> = rows.iter().filter(|(_, r)| r[7] == "未开始").map(|(i, _)| *i).take(3).collect();
    assert_eq!(open.len(), 3, "the demo has items not started");
    let blocked = rows.iter().find(|(_, r)| r[7] == "进行中").map(|(i, _)| *i).expect("one in progress");
    let back = dir.path().join("东区-returned.xlsx");
    let team = store.org().teams().expect("teams")[0].name.clone();
    let metric =
        store.achievements().metrics(campaign).expect("metrics").into_iter().find(|(code, _)| code == LOCK_METRIC).expect("metric").1;
    resave(
        &out,
        &back,
        |sheet, r, c, v| {
            if sheet == "一户一案" && open.contains(&r) {
                match c {
                    7 => *v = "已完成".into(),
                    8 => *v = "2026-11-20".into(),
                    10 => *v = "已上门回访，客户满意".into(),
                    _ => {}
                }
            }
            if sheet == "一户一案" && r == blocked {
                match c {
                    7 => *v = "受阻".into(),
                    9 => *v = "关键人出差".into(),
                    _ => {}
                }
            }
        },
        &[("新增业绩", vec!["2026-11-21", &metric, &team, "", "2", "", "", "续签两份"])],
    );
    let achievements_before = standings_total(&store, campaign);

    let preview = apply(&store, std::slice::from_ref(&back), true);
    assert!(preview.problems.is_empty(), "a clean return has no problems: {:?}", preview.problems);
    assert_eq!(preview.changes.iter().filter(|c| c.field == "status").count(), 4, "three done and one blocked");
    assert_eq!(preview.changes.iter().filter(|c| c.field == "note").count(), 3);
    assert_eq!(preview.achievements.len(), 1);
    assert!(!preview.applied, "a dry run writes nothing");
    let unchanged = plan_rows_after(&store, campaign, &rows, open[0]);
    assert_eq!(unchanged.status, ItemStatus::NotStarted, "still not started after the dry run");

    let done = apply(&store, std::slice::from_ref(&back), false);
    assert!(done.applied, "applied: {:?}", done.problems);
    let item = plan_rows_after(&store, campaign, &rows, open[0]);
    assert_eq!(item.status, ItemStatus::Done);
    assert_eq!(item.done_on, Some(day(11, 20)), "the returned done date is kept");
    assert_eq!(item.note, "已上门回访，客户满意");
    let stuck = plan_rows_after(&store, campaign, &rows, blocked);
    assert_eq!((stuck.status, stuck.blocked_reason.as_str()), (ItemStatus::Blocked, "关键人出差"));
    assert_eq!(standings_total(&store, campaign), achievements_before + 2, "the new achievement counts its quantity");

    // Applying the same file again changes nothing and adds nothing.
    let again = apply(&store, std::slice::from_ref(&back), false);
    assert!(again.changes.is_empty(), "already applied: {:?}", again.changes);
    assert!(again.achievements.iter().all(|a| a.already_applied));
    assert_eq!(standings_total(&store, campaign), achievements_before + 2, "no duplicate achievement");
    assert!(store.integrity_ok().expect("integrity"));
}

fn plan_rows_after(store: &Store, campaign: CampaignId, rows: &[(u32, Vec<String>)], row: u32) -> rampart_core::domain::plan::PlanItem {
    let key = &rows.iter().find(|(i, _)| *i == row).expect("row").1[0];
    let id = item_id(key);
    store
        .plans()
        .list(campaign, &PlanFilter::default(), day(11, 22))
        .expect("plans")
        .iter()
        .flat_map(|p| store.plans().get(p.id, day(11, 22)).expect("plan").items)
        .find(|i| i.id == id)
        .expect("item")
}

/// The plan item a key names, read without checking its signature: the test knows the file is
/// the one it exported.
fn item_id(key: &str) -> rampart_core::domain::ids::PlanItemId {
    let digits: String = key.trim_start_matches('P').chars().take_while(char::is_ascii_digit).collect();
    rampart_core::domain::ids::PlanItemId(digits.parse().expect("a plan key starts with P and the item id"))
}

/// The metric of the 移动业务发展规模奖 in the demo.
const LOCK_METRIC: &str = "mobile_users";

fn standings_total(store: &Store, campaign: CampaignId) -> i64 {
    let standings = store.awards().standings(campaign, day(12, 31)).expect("standings");
    let lock = standings.iter().find(|s| s.name == "移动业务发展规模奖").expect("award");
    lock.rankings[0].entries.iter().map(|e| e.score).sum()
}

#[test]
fn every_refusal_names_sheet_row_and_column_and_nothing_is_applied() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = demo_store(dir.path());
    let out = dir.path().join("tracker.xlsx");
    export_tracker(&store, &out, &options(campaign), &mut |_| true).expect("export");
    let rows = plan_rows(&out);
    let (a, b, c, d, e, f) = (rows[0].0, rows[1].0, rows[2].0, rows[3].0, rows[4].0, rows[5].0);

    // One file with a good edit, an edited key, a bad status, a blocked item without reason and
    // an item done "tomorrow".
    let bad = dir.path().join("bad.xlsx");
    resave(
        &out,
        &bad,
        |sheet, r, col, v| {
            if sheet != "一户一案" {
                return;
            }
            match (r, col) {
                (r, 10) if r == a => *v = "good edit".into(),
                (r, 0) if r == b => *v = v.replacen('P', "P9", 1),
                (r, 7) if r == c => *v = "搞定了".into(),
                (r, 7) if r == d => *v = "受阻".into(),
                (r, 7) if r == f => *v = "已完成".into(),
                (r, 8) if r == f => *v = "2026-11-23".into(),
                _ => {}
            }
        },
        &[],
    );
    let report = apply(&store, std::slice::from_ref(&bad), false);
    assert!(!report.applied, "nothing is applied while any problem remains");
    let at = |line: u32, column: &str| {
        report.problems.iter().any(|p| p.sheet == "一户一案" && p.problem.line == u64::from(line) + 1 && p.problem.column == column)
    };
    assert!(at(b, "键"), "the edited key is reported on its row: {:?}", report.problems);
    assert!(at(c, "状态"), "the invalid status is reported on its row and column");
    assert!(at(d, "受阻原因"), "a blocked item needs its reason");
    assert!(at(f, "完成日期"), "a done date after the day the tracker is applied (11-22) is refused on its cell");
    assert_eq!(report.problems.len(), 4, "{:?}", report.problems);
    let first = plan_rows_after(&store, campaign, &rows, a);
    assert_ne!(first.note, "good edit", "the good edit in the same file waits too");

    // Two returned trackers that change the same item differently.
    let (one, two) = (dir.path().join("one.xlsx"), dir.path().join("two.xlsx"));
    let current = &rows.iter().find(|(i, _)| *i == e).expect("row").1[7];
    let others: Vec<&str> = ["未开始", "进行中", "已完成"].into_iter().filter(|s| s != current).collect();
    for (path, status) in [(&one, others[0]), (&two, others[1])] {
        resave(
            &out,
            path,
            |sheet, r, col, v| {
                if sheet == "一户一案" && r == e && col == 7 {
                    *v = status.into()
                }
            },
            &[],
        );
    }
    let clash = apply(&store, &[one.clone(), two.clone()], false);
    assert!(!clash.applied);
    let problem = clash.problems.iter().find(|p| p.file == "two.xlsx").expect("the second file is refused");
    assert!(problem.problem.message_zh.contains("one.xlsx") && problem.problem.column == "状态", "{problem:?}");

    // An item changed in Rampart after the export conflicts with a stale edit of the same field.
    let id = item_id(&rows.iter().find(|(i, _)| *i == e).expect("row").1[0]);
    let by = By { author: "planner".into(), at: now() };
    let current = store.tracker().item(id).expect("item").expect("exists");
    let other = if current.status == ItemStatus::Blocked { ItemStatus::NotStarted } else { ItemStatus::Blocked };
    store.plans().set_item_status(id, other, None, "等待审批", &by).expect("status in the app");
    let stale = apply(&store, std::slice::from_ref(&one), false);
    assert!(stale.problems.iter().any(|p| p.problem.message_en.contains("after export")), "{:?}", stale.problems);

    // A deleted item.
    let gone = rows[5].0;
    let gone_id = item_id(&rows.iter().find(|(i, _)| *i == gone).expect("row").1[0]);
    store.plans().delete_item(gone_id, &by).expect("delete");
    let deleted = dir.path().join("deleted.xlsx");
    resave(
        &out,
        &deleted,
        |sheet, r, col, v| {
            if sheet == "一户一案" && r == gone && col == 10 {
                *v = "note".into()
            }
        },
        &[],
    );
    let report = apply(&store, std::slice::from_ref(&deleted), false);
    assert!(report.problems.iter().any(|p| p.problem.message_en.contains("no longer exists")), "{:?}", report.problems);

    // A workbook that is not a tracker at all.
    let foreign = dir.path().join("foreign.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().write_string(0, 0, "hello").expect("write");
    wb.save(&foreign).expect("save");
    let opts = ApplyOptions { dry_run: false, author: "x".into(), now: now(), today: day(11, 22) };
    let err = apply_trackers(&store, &[foreign], &opts).expect_err("not a tracker");
    assert_eq!(err.code(), "unreadable_file");
    assert!(store.integrity_ok().expect("integrity"));
}

/// Exports the tracker of `team` (the whole campaign when None) to `name` in `dir`.
fn export_to(store: &Store, dir: &Path, name: &str, campaign: CampaignId, team: Option<&str>) -> PathBuf {
    let path = dir.join(name);
    let opts = TrackerOptions { team: team.map(str::to_string), ..options(campaign) };
    export_tracker(store, &path, &opts, &mut |_| true).expect("export");
    path
}

/// Two teams that both have plan items in the demo, by the whole tracker's 团队 column.
fn two_teams_with_plans(whole: &Path) -> (String, String) {
    let mut teams: Vec<String> = plan_rows(whole).into_iter().map(|(_, r)| r[3].clone()).filter(|t| !t.is_empty()).collect();
    teams.sort();
    teams.dedup();
    assert!(teams.len() >= 2, "the demo's plans span teams: {teams:?}");
    (teams[0].clone(), teams[1].clone())
}

fn problems_at(report: &ApplyReport, sheet: &str, line: u64) -> Vec<String> {
    report.problems.iter().filter(|p| p.sheet == sheet && p.problem.line == line).map(|p| p.problem.column.clone()).collect()
}

#[test]
fn a_team_tracker_cannot_touch_another_teams_plan_items() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = demo_store(dir.path());
    let whole = export_to(&store, dir.path(), "whole.xlsx", campaign, None);
    let (east, west) = two_teams_with_plans(&whole);
    let mine = export_to(&store, dir.path(), "east.xlsx", campaign, Some(&east));
    let theirs = export_to(&store, dir.path(), "west.xlsx", campaign, Some(&west));
    let my_rows = plan_rows(&mine);
    let their_row = plan_rows(&theirs).remove(0).1;
    let whole_row = plan_rows(&whole).into_iter().find(|(_, r)| r[3] == west).expect("a west row in the whole tracker").1;
    let their_id = item_id(&their_row[0]);
    assert!(my_rows.iter().all(|(_, r)| r[3] == east), "an east tracker lists east's items only");

    // Rows from elsewhere pasted under east's own, each with a note edited: west's row as west's
    // tracker has it, the same item from the whole-campaign tracker, the old unkeyed check any
    // one can compute, and east's own key with west's item id put in.
    let edited = |mut row: Vec<String>, key: String| {
        row[0] = key;
        row[10] = "东区顺手改了".into();
        row
    };
    let crc = format!("P{their_id}-{:06X}", crc32fast::hash(format!("rampart:P:{their_id}").as_bytes()) & 0xFF_FFFF);
    let own_key = &my_rows[0].1[0];
    let swapped = own_key.replacen(&item_id(own_key).to_string(), &their_id.to_string(), 1);
    let pasted = [
        edited(their_row.clone(), their_row[0].clone()),
        edited(whole_row.clone(), whole_row[0].clone()),
        edited(their_row.clone(), crc),
        edited(their_row.clone(), swapped),
    ];
    let back = dir.path().join("east-back.xlsx");
    let extra: Vec<(&str, Vec<&str>)> = pasted.iter().map(|r| ("一户一案", r.iter().map(String::as_str).collect())).collect();
    resave(&mine, &back, |_, _, _, _| {}, &extra);
    let report = apply(&store, std::slice::from_ref(&back), false);
    assert!(!report.applied, "a tracker naming another team's item applies nothing");
    let first_pasted = my_rows.len() as u64 + 2;
    for line in first_pasted..first_pasted + 4 {
        let at = problems_at(&report, "一户一案", line);
        assert_eq!(at, ["键"], "pasted line {line} is refused at its key: {:?}", report.problems);
    }
    assert!(report.problems.iter().all(|p| p.file == "east-back.xlsx"), "each refusal names its file");
    assert_eq!(store.tracker().item(their_id).expect("item").expect("exists").note, plan_note(&their_row), "west's item is untouched");

    // An item whose client moved to west after the export is out of east's reach.
    let (line, row) = my_rows[0].clone();
    let client = store.clients().id_by_code(&row[1]).expect("lookup").expect("client");
    let west_id = store.org().teams().expect("teams").into_iter().find(|t| t.name == west).expect("west").id;
    let mut input = store.clients().get(client).expect("client").to_input();
    input.team_id = Some(west_id);
    store.clients().update(client, &input, &By { author: "planner".into(), at: now() }).expect("move the client to west");
    let moved = dir.path().join("east-moved.xlsx");
    resave(
        &mine,
        &moved,
        |sheet, r, c, v| {
            if sheet == "一户一案" && r == line && c == 10 {
                *v = "客户已移交".into()
            }
        },
        &[],
    );
    let report = apply(&store, std::slice::from_ref(&moved), false);
    assert_eq!(problems_at(&report, "一户一案", u64::from(line) + 1), ["团队"], "{:?}", report.problems);
    assert!(report.problems[0].problem.message_en.contains(&west), "the refusal says whose item it is now");
    assert!(!report.applied);
}

fn plan_note(row: &[String]) -> String {
    row[10].clone()
}

#[test]
fn a_team_tracker_credits_only_its_team_and_people() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = demo_store(dir.path());
    let whole = export_to(&store, dir.path(), "whole.xlsx", campaign, None);
    let (east, west) = two_teams_with_plans(&whole);
    let mine = export_to(&store, dir.path(), "east.xlsx", campaign, Some(&east));
    let people = store.org().people().expect("people");
    let team_id = |name: &str| store.org().teams().expect("teams").into_iter().find(|t| t.name == name).expect("team").id;
    // Names are how the sheet names people: take ones no one else shares.
    let unique = |team: TeamId| {
        let p = people.iter().find(|p| p.team_id == Some(team) && people.iter().filter(|q| q.name == p.name).count() == 1);
        p.expect("a person of the team with a name of their own").name.clone()
    };
    let (ours, theirs) = (unique(team_id(&east)), unique(team_id(&west)));
    let metric =
        store.achievements().metrics(campaign).expect("metrics").into_iter().find(|(code, _)| code == LOCK_METRIC).expect("metric").1;
    let rows = [
        vec!["2026-11-20", &metric, &west, "", "5", "", "", "记到西区"],
        vec!["2026-11-20", &metric, "", &theirs, "5", "", "", "记到西区的人"],
        vec!["2026-11-20", &metric, &east, &theirs, "5", "", "", "东区团队配西区的人"],
        vec!["2026-11-20", &metric, "", &ours, "5", "", "", "东区的人"],
    ];
    let back = dir.path().join("east-back.xlsx");
    let extra: Vec<(&str, Vec<&str>)> = rows.iter().map(|r| ("新增业绩", r.to_vec())).collect();
    resave(&mine, &back, |_, _, _, _| {}, &extra);
    let before = standings_total(&store, campaign);
    let report = apply(&store, std::slice::from_ref(&back), false);
    assert_eq!(problems_at(&report, "新增业绩", 2), ["团队"], "another team is refused at its team cell: {:?}", report.problems);
    assert_eq!(problems_at(&report, "新增业绩", 3), ["人员"], "another team's person is refused at the person cell");
    assert_eq!(problems_at(&report, "新增业绩", 4), ["人员"], "an east row cannot name a west person either");
    assert!(problems_at(&report, "新增业绩", 5).is_empty(), "east's own person is fine");
    assert!(!report.applied);
    assert_eq!(standings_total(&store, campaign), before, "nothing is credited while any row is refused");

    let good = dir.path().join("east-good.xlsx");
    resave(&mine, &good, |_, _, _, _| {}, &[("新增业绩", rows[3].to_vec())]);
    let report = apply(&store, std::slice::from_ref(&good), false);
    assert!(report.applied, "{:?}", report.problems);
    assert_eq!(report.achievements[0].input.team_id, Some(team_id(&east)), "the person's team, east, gets the credit");
}

#[test]
fn a_corrected_achievement_replaces_the_one_it_came_from() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = demo_store(dir.path());
    let out = export_to(&store, dir.path(), "tracker.xlsx", campaign, None);
    let team = store.org().teams().expect("teams")[0].name.clone();
    let metric =
        store.achievements().metrics(campaign).expect("metrics").into_iter().find(|(code, _)| code == LOCK_METRIC).expect("metric").1;
    let row = |quantity: &'static str| vec!["2026-11-21", metric.as_str(), team.as_str(), "", quantity, "", "", "新装移动用户"];
    let before = standings_total(&store, campaign);

    let first = dir.path().join("first.xlsx");
    resave(&out, &first, |_, _, _, _| {}, &[("新增业绩", row("100"))]);
    assert!(apply(&store, std::slice::from_ref(&first), false).applied);
    assert_eq!(standings_total(&store, campaign), before + 100);

    // The same tracker comes back with the figure corrected, and one more row under it.
    let corrected = dir.path().join("corrected.xlsx");
    resave(&out, &corrected, |_, _, _, _| {}, &[("新增业绩", row("120")), ("新增业绩", row("7"))]);
    let report = apply(&store, std::slice::from_ref(&corrected), false);
    assert!(report.applied, "{:?}", report.problems);
    let fixed = report.achievements.iter().find(|a| a.line == 2).expect("line 2");
    assert_eq!(fixed.corrects.as_ref().map(|a| a.quantity), Some(100), "the report says what the row corrects");
    assert_eq!(standings_total(&store, campaign), before + 120 + 7, "120 replaces 100 instead of adding to it; the new row adds");

    let again = apply(&store, std::slice::from_ref(&corrected), false);
    assert!(again.achievements.iter().all(|a| a.already_applied), "applied twice, the file adds nothing: {:?}", again.achievements);
    assert_eq!(standings_total(&store, campaign), before + 127);

    // Two copies of the export that disagree on a line cannot both be that line.
    let (one, two) = (dir.path().join("copy-one.xlsx"), dir.path().join("copy-two.xlsx"));
    resave(&out, &one, |_, _, _, _| {}, &[("新增业绩", row("130"))]);
    resave(&out, &two, |_, _, _, _| {}, &[("新增业绩", row("140"))]);
    let report = apply(&store, &[one, two], false);
    let p = report.problems.first().expect("the copies clash");
    assert_eq!((p.file.as_str(), p.sheet.as_str(), p.problem.line, p.problem.column.as_str()), ("copy-two.xlsx", "新增业绩", 2, "数量"));
    assert!(p.problem.message_en.contains("copy-one.xlsx"), "{p:?}");
    assert_eq!(standings_total(&store, campaign), before + 127, "nothing applied");
}

#[test]
fn a_renamed_header_refuses_its_sheet_by_file_and_sheet() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = demo_store(dir.path());
    let out = export_to(&store, dir.path(), "tracker.xlsx", campaign, None);
    let (edited, _) = plan_rows(&out)[0].clone();
    let note = |sheet: &str, r: u32, c: u32, v: &mut String| {
        if sheet == "一户一案" && r == edited && c == 10 {
            *v = "这条改动不能丢".into();
        }
    };
    let key = dir.path().join("key-renamed.xlsx");
    resave(
        &out,
        &key,
        |sheet, r, c, v| {
            note(sheet, r, c, v);
            if sheet == "一户一案" && r == 0 && c == 0 {
                *v = "行号".into();
            }
        },
        &[],
    );
    let report = apply(&store, std::slice::from_ref(&key), false);
    assert!(!report.applied, "a plan sheet that cannot be read applies nothing, rather than 0 changes");
    let p = &report.problems[0];
    assert_eq!((p.file.as_str(), p.sheet.as_str(), p.problem.line, p.problem.column.as_str()), ("key-renamed.xlsx", "一户一案", 1, "键"));
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);

    let header = dir.path().join("amount-renamed.xlsx");
    resave(
        &out,
        &header,
        |sheet, r, c, v| {
            note(sheet, r, c, v);
            if sheet == "新增业绩" && r == 0 && c == 4 {
                *v = "件数".into();
            }
        },
        &[("新增业绩", vec!["2026-11-21", "mobile_users", "", "", "3", "", "", ""])],
    );
    let report = apply(&store, std::slice::from_ref(&header), false);
    let p = &report.problems[0];
    assert_eq!(
        (p.file.as_str(), p.sheet.as_str(), p.problem.line, p.problem.column.as_str()),
        ("amount-renamed.xlsx", "新增业绩", 1, "数量")
    );
    assert!(!report.applied && report.changes.len() == 1, "the note edit is listed but waits: {:?}", report.changes);
    assert_ne!(plan_rows_after(&store, campaign, &plan_rows(&out), edited).note, "这条改动不能丢");

    // A tracker without its achievement sheet is refused by name, never read as having none.
    let gone = dir.path().join("no-achievements.xlsx");
    let mut book: Xlsx<_> = open_workbook(&out).expect("open");
    let mut copy = rust_xlsxwriter::Workbook::new();
    for name in book.sheet_names().into_iter().filter(|n| n != "新增业绩") {
        let range = book.worksheet_range(&name).expect("range");
        let ws = copy.add_worksheet();
        ws.set_name(&name).expect("name");
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, text(cell)).expect("write");
            }
        }
    }
    copy.save(&gone).expect("save");
    let opts = ApplyOptions { dry_run: false, author: "x".into(), now: now(), today: day(11, 22) };
    let err = apply_trackers(&store, &[gone], &opts).expect_err("no achievement sheet");
    assert!(err.to_string().contains("no-achievements.xlsx") && err.message_zh().contains("新增业绩"), "{err}");
}

#[test]
fn problems_beyond_a_thousand_are_counted_not_listed() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = demo_store(dir.path());
    let out = export_to(&store, dir.path(), "tracker.xlsx", campaign, None);
    let team = store.org().teams().expect("teams")[0].name.clone();
    let row = vec!["2026-11-21", "没有这个指标", team.as_str(), "", "1", "", "", ""];
    let extra: Vec<(&str, Vec<&str>)> = (0..1_200).map(|_| ("新增业绩", row.clone())).collect();
    let back = dir.path().join("many.xlsx");
    resave(&out, &back, |_, _, _, _| {}, &extra);
    let report = apply(&store, std::slice::from_ref(&back), false);
    assert_eq!(report.problems.len(), 1_000, "the first thousand are listed");
    assert_eq!(report.more_problems, 200, "the rest are counted");
    assert_eq!(report.problem_count(), 1_200);
    assert_eq!(report.problems[999].problem.line, 1_001, "listed in the order found");
    assert!(!report.applied);
}

#[test]
fn edits_to_locked_cells_are_listed_as_ignored_and_the_rest_applies() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = demo_store(dir.path());
    let out = export_to(&store, dir.path(), "tracker.xlsx", campaign, None);
    let rows = plan_rows(&out);
    let (line, row) = rows.iter().find(|(_, r)| r[7] == "未开始").cloned().expect("an item not started");
    let (other, _) = rows.iter().find(|(i, r)| *i != line && r[3] == row[3]).cloned().expect("another row");
    let id = item_id(&row[0]);
    // The planner renames the item in the app after the export: not an edit of the tracker's.
    let item = store.tracker().item(id).expect("item").expect("exists");
    let edit = rampart_core::domain::plan::ItemEdit {
        title: format!("{}（季度）", item.title),
        owner_id: item.owner_id,
        due: item.due,
        note: item.note.clone(),
    };
    store.plans().update_item(id, &edit, &By { author: "planner".into(), at: now() }).expect("rename");

    let back = dir.path().join("locked.xlsx");
    resave(
        &out,
        &back,
        |sheet, r, c, v| {
            if sheet != "一户一案" {
                return;
            }
            match (r, c) {
                (r, 2) if r == line => *v = "改过名的客户".into(),
                (r, 5) if r == line => *v = "某某".into(),
                (r, 7) if r == line => *v = "进行中".into(),
                (r, 3) if r == other => *v = "别的团队".into(),
                _ => {}
            }
        },
        &[],
    );
    let report = apply(&store, std::slice::from_ref(&back), false);
    assert!(report.applied, "locked edits do not stop the rest: {:?}", report.problems);
    let ignored: Vec<(u64, &str, &str)> = report.ignored.iter().map(|e| (e.line, e.column.as_str(), e.value.as_str())).collect();
    let mut expected = vec![
        (u64::from(line) + 1, "客户名称", "改过名的客户"),
        (u64::from(line) + 1, "负责人", "某某"),
        (u64::from(other) + 1, "团队", "别的团队"),
    ];
    expected.sort();
    let mut found = ignored.clone();
    found.sort();
    assert_eq!(found, expected, "each edited locked cell, and not the title Rampart itself changed");
    assert!(report.ignored.iter().all(|e| e.sheet == "一户一案" && e.file == "locked.xlsx"));
    let now_item = store.tracker().item(id).expect("item").expect("exists");
    assert_eq!(now_item.status, ItemStatus::InProgress, "the open cell's edit applies");
    assert_eq!(now_item.client, row[2], "the client name is not taken from the tracker");
    assert_eq!(now_item.owner.as_deref().unwrap_or(""), row[5], "nor the owner");
}

#[test]
fn an_error_value_in_a_note_is_a_problem_with_its_cell_not_text() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = demo_store(dir.path());
    let out = dir.path().join("tracker.xlsx");
    export_tracker(&store, &out, &options(campaign), &mut |_| true).expect("export");
    let row = plan_rows(&out)[0].0;
    let back = dir.path().join("back.xlsx");
    resave(
        &out,
        &back,
        |sheet, r, c, v| {
            if sheet == "一户一案" && r == row && c == 10 {
                *v = "#ERROR:#N/A".into()
            }
        },
        &[],
    );
    let report = apply(&store, std::slice::from_ref(&back), false);
    assert!(!report.applied, "a note that reads #N/A is not what a planner wrote");
    let problem = report.problems.iter().find(|p| p.problem.line == u64::from(row) + 1).expect("a problem on the row");
    assert_eq!(problem.problem.value, "#N/A", "{problem:?}");
    assert!(problem.problem.message_zh.contains("错误值"), "{problem:?}");
}

#[test]
fn a_due_date_moved_outside_the_campaign_is_refused_with_its_cell() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = demo_store(dir.path());
    let out = dir.path().join("tracker.xlsx");
    export_tracker(&store, &out, &options(campaign), &mut |_| true).expect("export");
    let header: Vec<String> = sheet(&out, "一户一案").rows().next().expect("header").iter().map(text).collect();
    let due = header.iter().position(|h| h == "截止日期").expect("a due column") as u32;
    let row = plan_rows(&out)[0].0;
    let moved = dir.path().join("moved.xlsx");
    resave(
        &out,
        &moved,
        |sheet, r, c, v| {
            if sheet == "一户一案" && r == row && c == due {
                *v = "2027-02-01".into();
            }
        },
        &[],
    );
    let report = apply(&store, std::slice::from_ref(&moved), false);
    assert!(!report.applied, "a due date after the campaign (2026-12-31) is not applied");
    let p = report.problems.first().expect("one problem");
    assert_eq!(
        (p.file.as_str(), p.sheet.as_str(), p.problem.line, p.problem.column.as_str(), p.problem.value.as_str()),
        ("moved.xlsx", "一户一案", u64::from(row) + 1, "截止日期", "2027-02-01"),
        "file, sheet, line and column of the date: {:?}",
        report.problems
    );
    assert!(p.problem.message_zh.contains("不在活动期间"), "{p:?}");
}

#[test]
fn the_points_sheet_lists_a_teams_members_with_the_apps_balances() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = demo_store(dir.path());
    let team = store.org().teams().expect("teams")[0].name.clone();
    let path = dir.path().join("team.xlsx");
    let opts = TrackerOptions { team: Some(team.clone()), ..options(campaign) };
    export_tracker(&store, &path, &opts, &mut |_| true).expect("export");
    let points = sheet(&path, "积分");
    let rows: Vec<Vec<String>> = points.rows().skip(1).map(|r| r.iter().map(text).collect()).collect();
    assert!(!rows.is_empty(), "the demo's members of {team}'s clients are listed");
    assert!(rows.iter().all(|r| r[4] == team), "only {team}'s clients' staff");
    let period = rampart_core::domain::warning::BillingPeriod::parse(&rows[0][6]).expect("the latest period");
    for r in rows.iter().take(5) {
        let page = store.points().page(campaign, &period, &r[0], 5, 0).expect("page");
        let app = page.rows.iter().find(|m| m.member == r[0]).expect("the member in the app");
        assert_eq!(r[8], app.balance.to_string(), "{}'s balance as the app shows it", r[0]);
    }
}

/// Each cell style of the workbook (`cellXfs` in order): its number format code and whether it
/// carries Excel's quote prefix.
fn cell_styles(path: &Path) -> Vec<(String, bool)> {
    use quick_xml::events::Event;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("file")).expect("zip");
    let mut xml = String::new();
    zip.by_name("xl/styles.xml").expect("styles").read_to_string(&mut xml).expect("xml");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut codes, mut styles, mut in_cell_xfs) = (HashMap::new(), Vec::new(), false);
    let builtin = |id: &str| match id {
        "0" => "General".to_string(),
        "14" => "m/d/yyyy".to_string(),
        other => format!("builtin {other}"),
    };
    loop {
        match reader.read_event().expect("styles parse") {
            Event::Start(e) | Event::Empty(e) => {
                let attr = |name: &[u8]| {
                    e.attributes().flatten().find(|a| a.key.as_ref() == name).map(|a| String::from_utf8_lossy(&a.value).to_string())
                };
                match e.name().as_ref() {
                    b"numFmt" => {
                        codes.insert(attr(b"numFmtId").expect("id"), attr(b"formatCode").expect("code"));
                    }
                    b"cellXfs" => in_cell_xfs = true,
                    b"xf" if in_cell_xfs => {
                        let id = attr(b"numFmtId").unwrap_or_else(|| "0".into());
                        let code = codes.get(&id).cloned().unwrap_or_else(|| builtin(&id));
                        styles.push((code, attr(b"quotePrefix").as_deref() == Some("1")));
                    }
                    _ => {}
                }
            }
            Event::End(e) if e.name().as_ref() == b"cellXfs" => in_cell_xfs = false,
            Event::Eof => return styles,
            _ => {}
        }
    }
}

/// The style number of the cell at `reference` ("C5") in a sheet's XML; 0 when it has none.
fn style_at(xml: &str, reference: &str) -> u32 {
    let at = xml.find(&format!("<c r=\"{reference}\"")).unwrap_or_else(|| panic!("no cell {reference}"));
    let cell = &xml[at..at + xml[at..].find('>').expect("cell tag")];
    cell.split(" s=\"").nth(1).map_or(0, |rest| rest[..rest.find('"').expect("quote")].parse().expect("style number"))
}

#[test]
fn streamed_rows_keep_every_character_and_their_columns_formats() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = demo_store(dir.path());
    let names = ["A&B <公司> \"引号\"", " 前后空格 ", "字面 _x0041_ 转义", "=1+1", "末尾_x12"];
    for (i, name) in names.iter().enumerate() {
        add_client(&store, campaign, &format!("ZY-{i}"), name);
    }
    // A fibre row with its days filled in: its open and its hidden cells interleave by meaning.
    let fibre = store.fibre().list(campaign, None, None, 0, 0).expect("fibre list").rows;
    let first = fibre.first().expect("the demo has high-risk targets without fibre");
    let update = rampart_core::domain::fibre::FibreUpdate {
        status: rampart_core::domain::fibre::FibreStatus::Scheduled,
        reason: String::new(),
        surveyed_on: Some(day(11, 10)),
        scheduled_on: Some(day(11, 30)),
        done_on: None,
    };
    let by = By { author: "王策划".into(), at: now() };
    store.fibre().set(campaign, first.client_id, &update, day(11, 22), &by).expect("scheduled");
    let path = dir.path().join("tracker.xlsx");
    let summary = export_tracker(&store, &path, &options(campaign), &mut |_| true).expect("export");
    let targets = sheet(&path, "目标客户");
    assert_eq!(targets.height() as u64, summary.targets + 1, "a row per target below the header, none lost in the splice");
    for (i, name) in names.iter().enumerate() {
        let row = targets.rows().position(|r| text(&r[1]) == format!("ZY-{i}")).expect("row");
        // The store keeps names trimmed.
        assert_eq!(targets[(row, 2)], Data::String(name.trim().to_string()), "calamine reads back exactly the name stored");
    }
    let styles = cell_styles(&path);
    let xml = sheet_xml(&path, 2);
    let dimension = format!("<dimension ref=\"A1:M{}\"/>", targets.height());
    assert!(xml.contains(&dimension), "the sheet's dimension covers every streamed row ({dimension})");
    let hostile = targets.rows().position(|r| text(&r[1]) == "ZY-3").expect("row") + 1;
    let plain = targets.rows().position(|r| text(&r[1]) == "ZY-0").expect("row") + 1;
    assert!(styles[style_at(&xml, &format!("C{hostile}")) as usize].1, "text starting with = carries the quote prefix");
    assert!(!styles[style_at(&xml, &format!("C{plain}")) as usize].1, "other text does not");
    assert_eq!(styles[style_at(&xml, &format!("K{plain}")) as usize].0, "#,##0.00", "monthly spend shows as money");
    assert_eq!(styles[style_at(&xml, &format!("J{plain}")) as usize].0, "0", "the contract count is a whole number");
    let subsidies = sheet(&path, "交叉补贴");
    let sub_xml = sheet_xml(&path, 3);
    let first = 2;
    assert_eq!(styles[style_at(&sub_xml, &format!("I{first}")) as usize].0, "#,##0.00", "the base is money");
    assert_eq!(styles[style_at(&sub_xml, &format!("J{first}")) as usize].0, "0.00%", "the rate is a percentage");
    let mut book: Xlsx<_> = open_workbook(&path).expect("open");
    let formulas = book.worksheet_formula("交叉补贴").expect("formulas");
    let formula = formulas.get_value((1, 11)).cloned().unwrap_or_default();
    assert!(formula.starts_with("ROUND(ROUND(I2*100,0)"), "each subsidy is a live formula over its own row, found {formula}");
    assert!(matches!(subsidies[(1, 11)], Data::Float(_)), "with its result cached for readers that do not calculate");
    let visits = sheet(&path, "待走访");
    assert_eq!(visits.height() as u64, summary.visits_due.max(1) + 1, "a row per visit due below the header");
    for index in 2..=book.sheet_names().len() {
        for (row, columns) in cell_columns(&sheet_xml(&path, index)) {
            assert!(
                columns.windows(2).all(|w| w[0] < w[1]),
                "sheet {index} row {row}: cells in column order (Excel repairs others away): {columns:?}"
            );
        }
    }
}

/// Each row's number and its cells' column numbers, in the order the sheet's XML gives them.
fn cell_columns(xml: &str) -> Vec<(String, Vec<u32>)> {
    let mut rows = Vec::new();
    for row in xml.split("<row ").skip(1) {
        let number = row.split('"').nth(1).unwrap_or_default().to_string();
        let columns = row
            .split("<c r=\"")
            .skip(1)
            .map(|cell| cell.chars().take_while(char::is_ascii_uppercase).fold(0, |n, c| n * 26 + (c as u32 - 'A' as u32 + 1)))
            .collect();
        rows.push((number, columns));
    }
    rows
}
