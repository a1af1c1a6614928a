//! The tracker's 待走访 and 光纤准备 sheets out and back on a real database: the exported workbook
//! read by a second reader (calamine), re-saved by a second writer with what a district team
//! filled in, checked with the app's own rules, applied all or nothing, and never twice.

use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Reader, Xlsx};
use chrono::{NaiveDate, NaiveDateTime};
use rampart_core::domain::fibre::FibreStatus;
use rampart_core::domain::ids::{CampaignId, ClientId};
use rampart_core::domain::plan::By;
use rampart_core::domain::tracker::{FibreColumn, Lang, VisitColumn};
use rampart_core::export::{export_tracker, TrackerOptions};
use rampart_core::import::tracker::{apply_trackers, ApplyOptions, ApplyReport};
use rampart_core::{demo, Store};

const VISITS: &str = "待走访";
const FIBRE: &str = "光纤准备";

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

fn now() -> NaiveDateTime {
    day(11, 22).and_hms_opt(10, 0, 0).expect("time")
}

fn apply(store: &Store, file: &Path, dry_run: bool) -> ApplyReport {
    let opts = ApplyOptions { dry_run, author: "东区 张三".into(), now: now(), today: day(11, 22) };
    apply_trackers(store, &[file.to_path_buf()], &opts).expect("apply reads the file")
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

/// A sheet's rows after the header: (row index, cells as text).
fn rows(path: &Path, sheet: &str) -> Vec<(u32, Vec<String>)> {
    let mut book: Xlsx<_> = open_workbook(path).expect("calamine opens the tracker");
    let range = book.worksheet_range(sheet).expect("sheet");
    range.rows().enumerate().skip(1).map(|(i, r)| (i as u32, r.iter().map(text).collect())).collect()
}

/// A copy of `src` as another spreadsheet program saves it (values only), with `edit` applied
/// to each cell of each sheet; cells past a row's end can be filled in too.
fn resave(src: &Path, dst: &Path, edit: impl Fn(&str, u32, u16, &mut String)) {
    let mut book: Xlsx<_> = open_workbook(src).expect("open");
    let mut out = rust_xlsxwriter::Workbook::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("range");
        let ws = out.add_worksheet();
        ws.set_name(&name).expect("name");
        for (r, row) in range.rows().enumerate() {
            for c in 0..20u16 {
                let mut value = row.get(usize::from(c)).map(text).unwrap_or_default();
                edit(&name, r as u32, c, &mut value);
                if !value.is_empty() {
                    ws.write_string(r as u32, c, &value).expect("write");
                }
            }
        }
    }
    out.save(dst).expect("save");
}

fn setup(dir: &Path) -> (Store, CampaignId, PathBuf) {
    let store = Store::open(&dir.join("rampart.db")).expect("store");
    let campaign = demo::seed_demo(&store, day(11, 22)).expect("demo");
    let out = dir.join("tracker.xlsx");
    let opts = TrackerOptions { campaign_id: campaign, team: None, lang: Lang::Zh, today: day(11, 22), now: now() };
    export_tracker(&store, &out, &opts, &mut |_| true).expect("export");
    (store, campaign, out)
}

fn visits_of(store: &Store, campaign: CampaignId, client: ClientId) -> Vec<rampart_core::domain::visit::Visit> {
    store.visits().list(campaign, Some(client), 1000, 0).expect("visits").rows
}

fn client_of(store: &Store, code: &str) -> ClientId {
    store.clients().id_by_code(code).expect("lookup").expect("the client")
}

#[test]
fn the_service_sheets_list_what_is_due_and_what_lacks_fibre() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign, out) = setup(dir.path());
    let due = store.visits().due(campaign, day(11, 22), Default::default(), 1, 0).expect("due").total;
    let visit_rows = rows(&out, VISITS);
    assert!(due > 0, "the demo has visits due");
    assert_eq!(visit_rows.len() as i64, due, "one row per visit due, as the 服务 page counts them");
    assert!(visit_rows.iter().all(|(_, r)| r[0].starts_with('V')), "each row carries its signed key");
    let fibre = store.fibre().list(campaign, None, None, 1, 0).expect("fibre").total;
    assert!(fibre > 0, "the demo has high-risk targets without fibre");
    let fibre_rows = rows(&out, FIBRE);
    assert_eq!(fibre_rows.len() as i64, fibre, "one row per client on the work list");
    let was = usize::from(FibreColumn::WasStatus.index());
    assert!(fibre_rows.iter().all(|(_, r)| FibreStatus::parse(&r[was]).is_some()), "the hidden status is the exported code");
}

#[test]
fn a_filled_visit_row_is_recorded_once_checked_and_corrected_on_a_second_return() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign, out) = setup(dir.path());
    let sheet = rows(&out, VISITS);
    let code = usize::from(VisitColumn::ClientCode.index());
    // Three rows of three different clients.
    let mut picked: Vec<&(u32, Vec<String>)> = Vec::new();
    for row in &sheet {
        if picked.iter().all(|p| p.1[code] != row.1[code]) {
            picked.push(row);
        }
    }
    assert!(picked.len() >= 3, "the demo has visits due for several clients");
    let (a, b, c) = (picked[0], picked[1], picked[2]);
    let (on, met, needs) = (VisitColumn::VisitedOn.index(), VisitColumn::Met.index(), VisitColumn::Needs.index());
    let before: Vec<usize> = [a, b, c].iter().map(|r| visits_of(&store, campaign, client_of(&store, &r.1[code])).len()).collect();

    let bad = dir.path().join("bad.xlsx");
    resave(&out, &bad, |s, r, col, v| {
        if s != VISITS {
            return;
        }
        match (r, col) {
            (r, col) if r == a.0 && col == on => *v = "2026-11-20".into(),
            (r, col) if r == a.0 && col == met => *v = "张三 会见 王总".into(),
            (r, col) if r == b.0 && col == on => *v = "2026-11-21".into(),
            (r, col) if r == c.0 && col == on => *v = "2026-11-30".into(),
            (r, col) if r == c.0 && col == met => *v = "李四 会见 财务".into(),
            _ => {}
        }
    });
    let report = apply(&store, &bad, false);
    assert!(!report.applied, "a return with problems applies nothing");
    let at = |line: u32, column: &str| {
        report.problems.iter().any(|p| p.sheet == VISITS && p.problem.line == u64::from(line) + 1 && p.problem.column == column)
    };
    assert!(at(b.0, "会见人员"), "who met whom is required, named at its cell: {:?}", report.problems);
    assert!(at(c.0, "走访日期"), "a visit after today is refused at its date: {:?}", report.problems);
    let after_bad: Vec<usize> = [a, b, c].iter().map(|r| visits_of(&store, campaign, client_of(&store, &r.1[code])).len()).collect();
    assert_eq!(after_bad, before, "all or nothing: the good row waits for the rest");

    let good = dir.path().join("good.xlsx");
    let fill = |needs_text: &'static str| {
        move |s: &str, r: u32, col: u16, v: &mut String| {
            if s != VISITS {
                return;
            }
            match (r, col) {
                (r, col) if r == a.0 && col == on => *v = "2026-11-20".into(),
                (r, col) if r == a.0 && col == met => *v = "张三 会见 王总".into(),
                (r, col) if r == a.0 && col == needs => *v = needs_text.into(),
                (r, col) if r == c.0 && col == on => *v = "2026-11-21".into(),
                (r, col) if r == c.0 && col == met => *v = "李四 会见 财务".into(),
                _ => {}
            }
        }
    };
    resave(&out, &good, fill("要专线扩容"));
    let preview = apply(&store, &good, true);
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!(preview.visits.len(), 2, "two visits to record: {:?}", preview.visits);
    assert!(preview.visits.iter().all(|v| !v.already_applied && v.corrects.is_none()), "both are new");
    let done = apply(&store, &good, false);
    assert!(done.applied, "{:?}", done.problems);
    let a_client = client_of(&store, &a.1[code]);
    let recorded = visits_of(&store, campaign, a_client);
    assert_eq!(recorded.len(), before[0] + 1, "the filled row is one visit");
    let visit = recorded.iter().find(|v| v.visited_on == day(11, 20) && v.met == "张三 会见 王总").expect("the visit as filled in");
    assert_eq!(visit.needs, "要专线扩容");
    assert_eq!(visit.recorded_by, "东区 张三", "the visit names who applied the tracker");

    let again = apply(&store, &good, false);
    assert!(again.visits.iter().all(|v| v.already_applied), "the same tracker again records nothing: {:?}", again.visits);
    assert_eq!(visits_of(&store, campaign, a_client).len(), before[0] + 1, "still one visit");

    let corrected = dir.path().join("corrected.xlsx");
    resave(&out, &corrected, fill("要专线扩容和云桌面"));
    let fixed = apply(&store, &corrected, false);
    let row = fixed.visits.iter().find(|v| v.client_id == a_client).expect("row a");
    assert_eq!(row.corrects.as_ref().map(|c| c.needs.as_str()), Some("要专线扩容"), "the changed row corrects what it recorded");
    let now = visits_of(&store, campaign, a_client);
    assert_eq!(now.len(), before[0] + 1, "a correction adds no visit");
    assert!(now.iter().any(|v| v.needs == "要专线扩容和云桌面"), "and the visit says what the row says now");
}

#[test]
fn fibre_rows_apply_with_the_status_rules_and_refuse_stale_copies() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign, out) = setup(dir.path());
    let sheet = rows(&out, FIBRE);
    let was = usize::from(FibreColumn::WasStatus.index());
    let fresh: Vec<&(u32, Vec<String>)> = sheet.iter().filter(|(_, r)| r[was] == "to_survey").collect();
    assert!(fresh.len() >= 3, "the demo has clients still to survey");
    let (x, y, z) = (fresh[0].0, fresh[1].0, fresh[2].0);
    let code = usize::from(FibreColumn::ClientCode.index());
    let client = |row: u32| client_of(&store, &sheet.iter().find(|(i, _)| *i == row).expect("row").1[code]);
    let (status, surveyed, scheduled, reason) =
        (FibreColumn::Status.index(), FibreColumn::SurveyedOn.index(), FibreColumn::ScheduledOn.index(), FibreColumn::Reason.index());

    let bad = dir.path().join("bad.xlsx");
    resave(&out, &bad, |s, r, c, v| {
        if s != FIBRE {
            return;
        }
        match (r, c) {
            (r, c) if r == x && c == status => *v = "已排期".into(),
            (r, c) if r == x && c == surveyed => *v = "2026-11-10".into(),
            (r, c) if r == y && c == status => *v = "无法覆盖".into(),
            (r, c) if r == z && c == status => *v = "差不多了".into(),
            _ => {}
        }
    });
    let report = apply(&store, &bad, false);
    assert!(!report.applied);
    let at = |line: u32, column: &str| {
        report.problems.iter().any(|p| p.sheet == FIBRE && p.problem.line == u64::from(line) + 1 && p.problem.column == column)
    };
    assert!(at(x, "排期日期"), "已排期 needs its scheduled day, named at that cell: {:?}", report.problems);
    assert!(at(y, "无法覆盖原因"), "无法覆盖 says why: {:?}", report.problems);
    assert!(at(z, "状态"), "a status not in the list is refused: {:?}", report.problems);
    assert_eq!(store.fibre().get(campaign, client(x)).expect("x").status, FibreStatus::ToSurvey, "all or nothing");

    let good = dir.path().join("good.xlsx");
    resave(&out, &good, |s, r, c, v| {
        if s != FIBRE {
            return;
        }
        match (r, c) {
            (r, c) if r == x && c == status => *v = "已排期".into(),
            (r, c) if r == x && c == surveyed => *v = "2026-11-10".into(),
            (r, c) if r == x && c == scheduled => *v = "2026-12-05".into(),
            (r, c) if r == y && c == status => *v = "Cannot be covered".into(),
            (r, c) if r == y && c == reason => *v = "楼宇无管道".into(),
            _ => {}
        }
    });
    let preview = apply(&store, &good, true);
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    let fields: Vec<(&str, &str)> = preview.fibre_changes.iter().map(|c| (c.field, c.to.as_str())).collect();
    assert!(fields.contains(&("status", "scheduled")) && fields.contains(&("status", "not_coverable")), "statuses as codes: {fields:?}");
    assert!(fields.contains(&("scheduled_on", "2026-12-05")) && fields.contains(&("reason", "楼宇无管道")), "{fields:?}");
    assert!(apply(&store, &good, false).applied);
    let xr = store.fibre().get(campaign, client(x)).expect("x");
    assert_eq!((xr.status, xr.surveyed_on, xr.scheduled_on), (FibreStatus::Scheduled, Some(day(11, 10)), Some(day(12, 5))));
    assert_eq!(xr.updated_by.as_deref(), Some("东区 张三"), "the move is the app's own write, with its author");
    let yr = store.fibre().get(campaign, client(y)).expect("y");
    assert_eq!((yr.status, yr.reason.as_str()), (FibreStatus::NotCoverable, "楼宇无管道"));
    let again = apply(&store, &good, false);
    assert!(again.fibre_changes.is_empty() && again.problems.is_empty(), "applied again it changes nothing: {:?}", again.problems);

    // The same row moved in Rampart since the export and moved otherwise in the copy: refused.
    let by = By { author: "策划".into(), at: now() };
    let mut update = rampart_core::domain::fibre::FibreUpdate {
        status: FibreStatus::Surveyed,
        reason: String::new(),
        surveyed_on: Some(day(11, 15)),
        scheduled_on: None,
        done_on: None,
    };
    store.fibre().set(campaign, client(z), &update, day(11, 22), &by).expect("moved in the app");
    let stale = dir.path().join("stale.xlsx");
    resave(&out, &stale, |s, r, c, v| {
        if s == FIBRE && r == z && c == status {
            *v = "无法覆盖".into();
        }
        if s == FIBRE && r == z && c == reason {
            *v = "业主拒绝".into();
        }
    });
    let refused = apply(&store, &stale, false);
    assert!(!refused.applied && refused.problems.iter().any(|p| p.problem.line == u64::from(z) + 1), "{:?}", refused.problems);
    update.status = FibreStatus::Surveyed;
    assert_eq!(store.fibre().get(campaign, client(z)).expect("z").status, update.status, "Rampart's newer move stands");
}
