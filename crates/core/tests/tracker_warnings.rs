//! The tracker's 预警 sheet out and back on a real database: the exported workbook read by a
//! second reader (calamine, and the sheet's XML), then re-saved by a second writer with an
//! account manager's statuses and notes, checked with the app's workflow and applied once.

use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Reader, Xlsx};
use chrono::{NaiveDate, NaiveDateTime};
use rampart_core::domain::ids::{CampaignId, WarningId};
use rampart_core::domain::tracker::Lang;
use rampart_core::domain::warning::{WarningFilter, WarningReason, WarningStatus};
use rampart_core::export::{export_tracker, TrackerOptions};
use rampart_core::import::tracker::{apply_trackers, ApplyOptions, ApplyReport};
use rampart_core::{demo, Store};

const SHEET: &str = "预警";
// Columns of the sheet as exported: key, …, change (8), status (9), days, note (11), and hidden
// the status code (12) and note (13) as exported.
const KEY: usize = 0;
const CHANGE: usize = 8;
const STATUS: u32 = 9;
const NOTE: u32 = 11;
const WAS_STATUS: usize = 12;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

fn now() -> NaiveDateTime {
    day(11, 22).and_hms_opt(10, 0, 0).expect("time")
}

fn apply(store: &Store, files: &[PathBuf], dry_run: bool) -> ApplyReport {
    let opts = ApplyOptions { dry_run, author: "东区 张三".into(), now: now(), today: day(11, 22) };
    apply_trackers(store, files, &opts).expect("apply reads the files")
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

/// The 预警 rows after the header: (row index, cells as text).
fn warning_rows(path: &Path) -> Vec<(u32, Vec<String>)> {
    let mut book: Xlsx<_> = open_workbook(path).expect("calamine opens the tracker");
    let range = book.worksheet_range(SHEET).expect("sheet");
    range.rows().enumerate().skip(1).map(|(i, r)| (i as u32, r.iter().map(text).collect())).collect()
}

fn sheet_xml(path: &Path, name: &str) -> String {
    let book: Xlsx<_> = open_workbook(path).expect("open");
    let index = book.sheet_names().iter().position(|n| n == name).expect("the sheet") + 1;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("file")).expect("zip");
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{index}.xml")).expect("sheet part").read_to_string(&mut xml).expect("xml");
    xml
}

/// A copy of `src` as another spreadsheet program saves it (values only), with `edit` applied
/// to each cell of each sheet.
fn resave(src: &Path, dst: &Path, edit: impl Fn(&str, u32, u32, &mut String)) {
    let mut book: Xlsx<_> = open_workbook(src).expect("open");
    let mut out = rust_xlsxwriter::Workbook::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("range");
        let ws = out.add_worksheet();
        ws.set_name(&name).expect("name");
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let mut value = text(cell);
                edit(&name, r as u32, c as u32, &mut value);
                if !value.is_empty() {
                    ws.write_string(r as u32, c as u16, &value).expect("write");
                }
            }
        }
    }
    out.save(dst).expect("save");
}

fn id_of(key: &str) -> WarningId {
    WarningId(key.trim_start_matches('W').split('-').next().expect("id").parse().expect("number"))
}

fn status(store: &Store, key: &str) -> (WarningStatus, String) {
    let w = store.warnings().get(id_of(key), day(11, 22)).expect("warning");
    (w.status, w.note)
}

fn setup(dir: &Path) -> (Store, CampaignId, PathBuf, Vec<(u32, Vec<String>)>) {
    let store = Store::open(&dir.join("rampart.db")).expect("store");
    let campaign = demo::seed_demo(&store, day(11, 22)).expect("demo");
    let out = dir.join("tracker.xlsx");
    let opts = TrackerOptions { campaign_id: campaign, team: None, lang: Lang::Zh, today: day(11, 22), now: now() };
    export_tracker(&store, &out, &opts, &mut |_| true).expect("export");
    let rows = warning_rows(&out);
    (store, campaign, out, rows)
}

fn with_status<'r>(rows: &'r [(u32, Vec<String>)], code: &str) -> Vec<&'r (u32, Vec<String>)> {
    rows.iter().filter(|(_, r)| r.get(WAS_STATUS).is_some_and(|s| s == code)).collect()
}

#[test]
fn the_warning_sheet_is_exported_editable_only_in_status_and_note() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign, out, rows) = setup(dir.path());
    let all = store.warnings().list(campaign, &WarningFilter::default(), day(11, 22)).expect("warnings");
    assert_eq!(rows.len(), all.len(), "one row per warning");
    assert!(rows.iter().all(|(_, r)| r[KEY].starts_with('W')), "each row carries its signed key");
    let first = &all[0];
    let row = rows.iter().find(|(_, r)| id_of(&r[KEY]) == first.id).expect("the first warning's row");
    assert_eq!(row.1[CHANGE], first.evidence(Lang::Zh), "the change cell is the evidence, naming its comparison");
    if first.reason == WarningReason::Downgrade {
        assert!(row.1[CHANGE].starts_with('较'), "a fall says what it was compared with: {}", row.1[CHANGE]);
    }
    let xml = sheet_xml(&out, SHEET);
    assert!(xml.contains("<sheetProtection"), "the sheet is protected: only the open cells can be edited");
    assert!(xml.contains("待联系,已联系,已挽留,已流失"), "the status is picked from the four statuses in the file's language");
    assert!(
        xml.contains("J2:J"),
        "the list covers the status column: {}",
        &xml[xml.find("<dataValidation").unwrap_or(0)..].chars().take(300).collect::<String>()
    );
}

#[test]
fn a_returned_warning_sheet_applies_with_the_apps_checks_all_or_nothing_and_once() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, _campaign, out, rows) = setup(dir.path());
    let to_contact = with_status(&rows, "to_contact");
    let closed = with_status(&rows, "retained");
    assert!(to_contact.len() >= 3 && !closed.is_empty(), "the demo has open and retained warnings");
    let (call, lose, noted) = (to_contact[0].0, to_contact[1].0, to_contact[2].0);
    let reopen_wrong = closed[0].0;

    // A return with mistakes: lost without a reason, a made-up status, and a retained
    // warning sent back to 待联系. The good edit on another row waits for the rest.
    let bad = dir.path().join("bad.xlsx");
    resave(&out, &bad, |sheet, r, c, v| {
        if sheet != SHEET {
            return;
        }
        match (r, c) {
            (r, STATUS) if r == call => *v = "已联系".into(),
            (r, STATUS) if r == lose => *v = "已流失".into(),
            (r, STATUS) if r == noted => *v = "打过了".into(),
            (r, STATUS) if r == reopen_wrong => *v = "待联系".into(),
            _ => {}
        }
    });
    let report = apply(&store, std::slice::from_ref(&bad), false);
    assert!(!report.applied, "a return with problems applies nothing");
    let at = |line: u32, column: &str| {
        report.problems.iter().any(|p| p.sheet == SHEET && p.problem.line == u64::from(line) + 1 && p.problem.column == column)
    };
    assert!(at(lose, "说明"), "lost needs a reason, named at its note cell: {:?}", report.problems);
    assert!(at(noted, "状态"), "a status not in the list is refused at its cell: {:?}", report.problems);
    assert!(at(reopen_wrong, "状态"), "nothing goes back to 待联系: {:?}", report.problems);
    assert!(report.problems.iter().all(|p| !p.problem.message_zh.is_empty() && !p.problem.message_en.is_empty()), "both languages");
    assert_eq!(status(&store, &rows.iter().find(|(i, _)| *i == call).expect("row").1[KEY]).0, WarningStatus::ToContact, "all or nothing");

    // The corrected return applies, each change logged with its author.
    let good = dir.path().join("good.xlsx");
    resave(&out, &good, |sheet, r, c, v| {
        if sheet != SHEET {
            return;
        }
        match (r, c) {
            (r, STATUS) if r == call => *v = "已联系".into(),
            (r, NOTE) if r == call => *v = "已电话联系，约下周上门".into(),
            (r, STATUS) if r == lose => *v = "已流失".into(),
            (r, NOTE) if r == lose => *v = "竞争对手低价".into(),
            (r, NOTE) if r == noted => *v = "客户经理休假，下周联系".into(),
            _ => {}
        }
    });
    let preview = apply(&store, std::slice::from_ref(&good), true);
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    let fields: Vec<(&str, &str)> = preview.warning_changes.iter().map(|c| (c.field, c.to.as_str())).collect();
    assert_eq!(fields.iter().filter(|(f, _)| *f == "status").count(), 2, "two moves: {fields:?}");
    assert_eq!(fields.iter().filter(|(f, _)| *f == "note").count(), 3, "three notes: {fields:?}");
    assert!(preview.warning_changes.iter().all(|c| c.sheet == SHEET && c.line > 1), "each change names its sheet and line");
    let key = |line: u32| rows.iter().find(|(i, _)| *i == line).expect("row").1[KEY].clone();
    assert_eq!(status(&store, &key(call)).0, WarningStatus::ToContact, "a preview writes nothing");

    let done = apply(&store, std::slice::from_ref(&good), false);
    assert!(done.applied, "{:?}", done.problems);
    assert_eq!(status(&store, &key(call)), (WarningStatus::Contacted, "已电话联系，约下周上门".into()));
    assert_eq!(status(&store, &key(lose)), (WarningStatus::Lost, "竞争对手低价".into()));
    assert_eq!(status(&store, &key(noted)), (WarningStatus::ToContact, "客户经理休假，下周联系".into()), "a note alone does not move it");
    let called = store.warnings().get(id_of(&key(call)), day(11, 22)).expect("w");
    assert_eq!(called.contacted_on, Some(day(11, 22)), "the app's dates follow the move");
    let log = store.warnings().history(id_of(&key(call))).expect("log");
    let last = log.last().expect("logged");
    assert_eq!((last.author.as_str(), last.from, last.to), ("东区 张三", WarningStatus::ToContact, WarningStatus::Contacted));
    let note_log = store.warnings().history(id_of(&key(noted))).expect("log");
    assert_eq!(
        note_log.last().map(|s| (s.from, s.to, s.note.as_str())),
        Some((WarningStatus::ToContact, WarningStatus::ToContact, "客户经理休假，下周联系"))
    );

    // The same file again changes nothing and logs nothing.
    let logged = log.len();
    let again = apply(&store, std::slice::from_ref(&good), false);
    assert!(
        again.warning_changes.is_empty() && again.problems.is_empty(),
        "already applied: {:?} {:?}",
        again.warning_changes,
        again.problems
    );
    assert_eq!(store.warnings().history(id_of(&key(call))).expect("log").len(), logged, "no second log line");
    assert!(store.integrity_ok().expect("integrity"));
}

#[test]
fn an_english_tracker_reads_back_and_a_reopening_that_would_make_two_open_warnings_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("rampart.db")).expect("store");
    let campaign = demo::seed_demo(&store, day(11, 22)).expect("demo");
    let out = dir.path().join("tracker-en.xlsx");
    let opts = TrackerOptions { campaign_id: campaign, team: None, lang: Lang::En, today: day(11, 22), now: now() };
    export_tracker(&store, &out, &opts, &mut |_| true).expect("export");
    assert!(sheet_xml(&out, "Warnings").contains("To contact,Contacted,Retained,Lost"), "the list is in the file's language");
    let mut book: Xlsx<_> = open_workbook(&out).expect("open");
    let range = book.worksheet_range("Warnings").expect("sheet");
    let rows: Vec<(u32, Vec<String>)> = range.rows().enumerate().skip(1).map(|(i, r)| (i as u32, r.iter().map(text).collect())).collect();
    let all = store.warnings().list(campaign, &WarningFilter::default(), day(11, 22)).expect("warnings");
    let closed = all.iter().find(|w| w.status == WarningStatus::Retained && w.reason == WarningReason::Downgrade).expect("a retained fall");
    let open = all.iter().find(|w| w.status == WarningStatus::ToContact).expect("an open one");
    let line_of = |id: WarningId| rows.iter().find(|(_, r)| id_of(&r[KEY]) == id).expect("its row").0;
    let (reopen, call) = (line_of(closed.id), line_of(open.id));

    // A new fall on the retained warning's contract: an open warning of the same kind.
    let bills = dir.path().join("dec.csv");
    let half = closed.after.tariff.fen() / 200;
    std::fs::write(&bills, format!("账期,合同号,在网,当前资费\n2026-12,{},在网,{half}\n", closed.contract)).expect("write");
    let raised = rampart_core::import::snapshots::import_snapshots(&store, &bills, campaign, false, day(11, 22)).expect("snapshot");
    assert_eq!(raised.counts.downgrade, 1, "{:?}", raised.problems);

    let back = dir.path().join("returned-en.xlsx");
    resave(&out, &back, |sheet, r, c, v| {
        if sheet == "Warnings" && (r == reopen || r == call) && c == STATUS {
            *v = "Contacted".into();
        }
    });
    let report = apply(&store, std::slice::from_ref(&back), false);
    assert!(!report.applied, "nothing applies while one move is refused");
    let refused: Vec<_> = report.problems.iter().filter(|p| p.sheet == "Warnings" && p.problem.line == u64::from(reopen) + 1).collect();
    assert_eq!(refused.len(), 1, "{:?}", report.problems);
    assert!(refused[0].problem.message_en.contains("already has an open warning"), "{:?}", refused[0].problem);
    assert_eq!(report.problems.len(), 1, "the English status of the other row reads back fine: {:?}", report.problems);
    assert_eq!(store.warnings().get(open.id, day(11, 22)).expect("w").status, WarningStatus::ToContact, "all or nothing");
}

#[test]
fn a_team_tracker_holds_its_teams_warnings_and_cannot_move_one_whose_client_left_the_team() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("rampart.db")).expect("store");
    let campaign = demo::seed_demo(&store, day(11, 22)).expect("demo");
    let all = store.warnings().list(campaign, &WarningFilter { open_only: true, ..Default::default() }, day(11, 22)).expect("warnings");
    let team = all.iter().find_map(|w| w.team.clone()).expect("a warning with a team");
    let teams = store.org().teams().expect("teams");
    let (here, elsewhere) =
        (teams.iter().find(|t| t.name == team).expect("team"), teams.iter().find(|t| t.name != team).expect("another team"));
    let out = dir.path().join("team.xlsx");
    let opts = TrackerOptions { campaign_id: campaign, team: Some(team.clone()), lang: Lang::Zh, today: day(11, 22), now: now() };
    export_tracker(&store, &out, &opts, &mut |_| true).expect("export");
    let rows = warning_rows(&out);
    let theirs = store.warnings().list(campaign, &WarningFilter { team_id: Some(here.id), ..Default::default() }, day(11, 22)).expect("w");
    assert_eq!(rows.len(), theirs.len(), "only the team's warnings");
    assert!(rows.iter().all(|(_, r)| r[5] == team), "every row is the team's");

    // After the export the client moves to another team: this tracker may no longer move it.
    let moved = theirs.iter().find(|w| w.status == WarningStatus::ToContact).expect("an open one of the team");
    let line = rows.iter().find(|(_, r)| id_of(&r[KEY]) == moved.id).expect("its row").0;
    let mut input = store.clients().get(moved.client_id).expect("client").to_input();
    input.team_id = Some(elsewhere.id);
    input.account_manager_id = None;
    store.clients().update(moved.client_id, &input, &rampart_core::domain::plan::By { author: "planner".into(), at: now() }).expect("move");
    let back = dir.path().join("team-back.xlsx");
    resave(&out, &back, |sheet, r, c, v| {
        if sheet == SHEET && r == line && c == STATUS {
            *v = "已联系".into();
        }
    });
    let report = apply(&store, std::slice::from_ref(&back), false);
    assert!(!report.applied);
    let problem = report.problems.iter().find(|p| p.sheet == SHEET && p.problem.line == u64::from(line) + 1).expect("refused at its row");
    assert_eq!(problem.problem.column, "团队", "named at the team cell: {problem:?}");
    assert_eq!(store.warnings().get(moved.id, day(11, 22)).expect("w").status, WarningStatus::ToContact);
}
