//! The tracker out and back on a real database: the exported workbook opened by a second
//! reader (calamine, and the raw sheet XML), a round trip that edits statuses and notes the
//! way a district team would, every refusal, and text that must never become a formula.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Reader, Xlsx};
use chrono::{NaiveDate, NaiveDateTime};
use rampart_core::domain::plan::{By, ItemStatus};
use rampart_core::domain::tracker::Lang;
use rampart_core::domain::ClientInput;
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

fn options(campaign: i64) -> TrackerOptions {
    TrackerOptions { campaign_id: campaign, team: None, lang: Lang::Zh, today: day(11, 22), now: now() }
}

fn apply(store: &Store, files: &[PathBuf], dry_run: bool) -> ApplyReport {
    let opts = ApplyOptions { dry_run, author: "东区 张三".into(), now: now(), today: day(11, 22) };
    apply_trackers(store, files, &opts).expect("apply reads the files")
}

fn demo_store(dir: &Path) -> (Store, i64) {
    let store = Store::open(&dir.join("rampart.db")).expect("store");
    let campaign = demo::seed_demo(&store, day(11, 22)).expect("demo");
    (store, campaign)
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
                if !value.is_empty() {
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
    assert_eq!(book.sheet_names(), ["概览", "目标客户", "交叉补贴", "一户一案", "预警", "奖项排名", "新增业绩", "说明", "_rampart"]);

    let targets = sheet(&path, "目标客户");
    assert_eq!(targets.height(), 321, "a header and one row per target");
    assert_eq!(text(&targets[(0, 1)]), "客户编码");

    // Each contract's cached figure, the subtotals and the 合计 all equal the app's.
    let (report, totals) = store.subsidy_report(campaign, None).expect("report");
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
    let items: usize = store.plans(campaign, &PlanFilter::default(), day(11, 22)).expect("plans").iter().map(|p| p.item_count).sum();
    assert_eq!(plans.len(), items, "one row per plan item");

    let overview = sheet(&path, "概览");
    let figures: HashMap<String, String> = overview.rows().map(|r| (text(&r[0]), r.get(1).map(text).unwrap_or_default())).collect();
    assert_eq!(figures["目标客户"], "320");
    assert_eq!(figures["补贴合计(元)"].parse::<f64>().map(|v| (v * 100.0).round() as i64), Ok(totals.total.fen()));
    let standings = sheet(&path, "奖项排名");
    assert!(standings.height() > 10, "standings listed");
    assert!(sheet_xml(&path, 6).contains("<drawing"), "the standings carry charts");
    let warnings = sheet(&path, "预警");
    let open = store.warnings(campaign, &Default::default(), day(11, 22)).expect("warnings");
    assert_eq!(warnings.height(), open.len() + 1, "a header and one row per warning");
    assert_eq!(text(&warnings[(1, 1)]), open[0].contract, "oldest first, as in the app");
}

#[test]
fn a_team_slice_holds_only_that_teams_targets() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = demo_store(dir.path());
    let team = store.teams().expect("teams")[0].name.clone();
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
        let input = ClientInput {
            code: format!("ZZ-{i}"),
            name: name.to_string(),
            category: "sme".into(),
            tier: "C".into(),
            industry: String::new(),
            district: String::new(),
            team_id: None,
            account_manager_id: None,
            key_person: String::new(),
            key_person_phone: String::new(),
            notes: String::new(),
        };
        store.create_client(&input, Some(campaign)).expect("client");
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
    let team = store.teams().expect("teams")[0].name.clone();
    let metric = store.metrics(campaign).expect("metrics").into_iter().find(|(code, _)| code == LOCK_METRIC).expect("metric").1;
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

fn plan_rows_after(store: &Store, campaign: i64, rows: &[(u32, Vec<String>)], row: u32) -> rampart_core::domain::plan::PlanItem {
    let key = &rows.iter().find(|(i, _)| *i == row).expect("row").1[0];
    let id = rampart_core::domain::tracker::parse_key(rampart_core::domain::tracker::KeyKind::PlanItem, key).expect("key");
    store
        .plans(campaign, &PlanFilter::default(), day(11, 22))
        .expect("plans")
        .iter()
        .flat_map(|p| store.plan(p.id, day(11, 22)).expect("plan").items)
        .find(|i| i.id == id)
        .expect("item")
}

/// The metric of the 移动业务发展规模奖 in the demo.
const LOCK_METRIC: &str = "mobile_users";

fn standings_total(store: &Store, campaign: i64) -> i64 {
    let standings = store.standings(campaign, day(12, 31)).expect("standings");
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
    let (a, b, c, d, e) = (rows[0].0, rows[1].0, rows[2].0, rows[3].0, rows[4].0);

    // One file with a good edit, an edited key, a bad status and a blocked item without reason.
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
                _ => {}
            }
        },
        &[],
    );
    let report = apply(&store, std::slice::from_ref(&bad), false);
    assert!(!report.applied, "nothing is applied while any problem remains");
    let at = |line: u32, column: &str| report.problems.iter().any(|p| p.sheet == "一户一案" && p.problem.line == u64::from(line) + 1 && p.problem.column == column);
    assert!(at(b, "键"), "the edited key is reported on its row: {:?}", report.problems);
    assert!(at(c, "状态"), "the invalid status is reported on its row and column");
    assert!(at(d, "受阻原因"), "a blocked item needs its reason");
    assert_eq!(report.problems.len(), 3, "{:?}", report.problems);
    let first = plan_rows_after(&store, campaign, &rows, a);
    assert_ne!(first.note, "good edit", "the good edit in the same file waits too");

    // Two returned trackers that change the same item differently.
    let (one, two) = (dir.path().join("one.xlsx"), dir.path().join("two.xlsx"));
    let current = &rows.iter().find(|(i, _)| *i == e).expect("row").1[7];
    let others: Vec<&str> = ["未开始", "进行中", "已完成"].into_iter().filter(|s| s != current).collect();
    for (path, status) in [(&one, others[0]), (&two, others[1])] {
        resave(&out, path, |sheet, r, col, v| if sheet == "一户一案" && r == e && col == 7 { *v = status.into() }, &[]);
    }
    let clash = apply(&store, &[one.clone(), two.clone()], false);
    assert!(!clash.applied);
    let problem = clash.problems.iter().find(|p| p.file == "two.xlsx").expect("the second file is refused");
    assert!(problem.problem.message_zh.contains("one.xlsx") && problem.problem.column == "状态", "{problem:?}");

    // An item changed in Rampart after the export conflicts with a stale edit of the same field.
    let key = &rows.iter().find(|(i, _)| *i == e).expect("row").1[0];
    let id = rampart_core::domain::tracker::parse_key(rampart_core::domain::tracker::KeyKind::PlanItem, key).expect("key");
    let by = By { author: "planner".into(), at: now() };
    let current = store.tracker_item(id).expect("item").expect("exists");
    let other = if current.status == ItemStatus::Blocked { ItemStatus::NotStarted } else { ItemStatus::Blocked };
    store.set_item_status(id, other, None, "等待审批", &by).expect("status in the app");
    let stale = apply(&store, std::slice::from_ref(&one), false);
    assert!(stale.problems.iter().any(|p| p.problem.message_en.contains("after export")), "{:?}", stale.problems);

    // A deleted item.
    let gone = rows[5].0;
    let gone_id = rampart_core::domain::tracker::parse_key(
        rampart_core::domain::tracker::KeyKind::PlanItem,
        &rows.iter().find(|(i, _)| *i == gone).expect("row").1[0],
    )
    .expect("key");
    store.delete_item(gone_id, &by).expect("delete");
    let deleted = dir.path().join("deleted.xlsx");
    resave(&out, &deleted, |sheet, r, col, v| if sheet == "一户一案" && r == gone && col == 10 { *v = "note".into() }, &[]);
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
