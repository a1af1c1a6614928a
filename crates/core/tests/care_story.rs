//! The care calendar on the KPI fixture (`support/kpi_fixture.rs`): switchboard lines imported
//! for targets, the sample holidays (国庆 on 1 Oct 2026) and a 30-day window; a greeting is sent
//! once per line and holiday, in GBK or UTF-8, and a character GBK lacks is refused.

mod support;

use chrono::{NaiveDate, NaiveDateTime};
use rampart_core::domain::care::Template;
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::plan::By;
use rampart_core::export::send_list::{write_send_list, TextEncoding};
use rampart_core::import::switchboard_lines::import_lines;
use rampart_core::Error;
use support::kpi_fixture::kpi_store;

const C: CampaignId = CampaignId(1);

fn by(when: &str) -> By {
    By { author: "移动业务应用部".into(), at: NaiveDateTime::parse_from_str(when, "%Y-%m-%d %H:%M").expect("moment") }
}

/// Three lines of targets: two new on 1 Oct within 30 days, one activated in August.
const LINES: &str = "总机号码清单\n号码,客户编码,开通日期,名称\n0516-83880001,C1,2026-09-15,甲总机\n0516-83880002,C2,2026-10-01,\n0516-83880003,C3,2026-08-01,丙总机\n";

fn store_with_lines(dir: &tempfile::TempDir) -> rampart_core::Store {
    let store = kpi_store(
        dir,
        "INSERT INTO people (id, name, role) VALUES (1, '张经理', 'account_manager'); UPDATE clients SET account_manager_id = 1;",
    );
    let file = dir.path().join("lines.csv");
    std::fs::write(&file, LINES).expect("file");
    let report = import_lines(&store, &file, C, false).expect("import");
    assert_eq!((report.written_lines, report.written), (3, true), "{:?}", report.problems);
    let mut settings = store.care().settings(C).expect("settings");
    settings.new_within_days = 30;
    store.care().set_settings(C, &settings, &by("2026-09-20 09:00")).expect("window");
    store
}

fn decode_gbk(path: &std::path::Path) -> String {
    let bytes = std::fs::read(path).expect("written");
    let (text, _, bad) = encoding_rs::GBK.decode(&bytes);
    assert!(!bad, "the file is valid GBK");
    text.into_owned()
}

#[test]
fn a_line_gets_each_holidays_greeting_once_and_only_while_new() {
    let dir = tempfile::tempdir().expect("dir");
    let store = store_with_lines(&dir);
    let first = dir.path().join("国庆.csv");
    let summary = write_send_list(&store, C, ("国庆", 2026), &first, TextEncoding::Gbk, false, &by("2026-09-30 10:00")).expect("sent");
    assert_eq!(summary.greetings, 2, "C3's line is 61 days old on 1 Oct, past the 30-day window");
    let text = decode_gbk(&first);
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let lines: Vec<String> = rows.records().map(|r| r.expect("row")[0].to_string()).collect();
    assert_eq!(lines, ["0516-83880001", "0516-83880002"]);
    assert!(
        text.contains("尊敬的甲：国庆将至") && text.contains("客户经理张经理") && text.contains("100009"),
        "the sample greeting, filled: {text}"
    );

    let again = dir.path().join("again.csv");
    let second = write_send_list(&store, C, ("国庆", 2026), &again, TextEncoding::Utf8, false, &by("2026-09-30 11:00")).expect("again");
    assert_eq!(second.greetings, 0, "a line never gets the same greeting twice");
    assert_eq!(store.care().sent(C, 0, 0).expect("sent").total, 2, "what was sent, and when, is kept");
    let day = NaiveDate::from_ymd_opt(2026, 9, 30).expect("d");
    assert_eq!(store.care().sent_by_day(C, None, &[day.pred_opt().expect("d"), day]).expect("kpi"), [0, 2]);

    // A preview lists the same lines as a real run would, and records nothing.
    let preview = dir.path().join("中秋.xlsx");
    let summary = write_send_list(&store, C, ("中秋", 2026), &preview, TextEncoding::Utf8, true, &by("2026-09-20 10:00")).expect("preview");
    assert_eq!((summary.greetings, summary.batch), (1, None), "only C1's line is active by 25 Sep");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&preview).expect("xlsx");
    let sheet = calamine::Reader::worksheet_range(&mut book, "发送清单").expect("sheet");
    assert_eq!(sheet.get_value((1, 0)).map(|v| v.to_string()), Some("0516-83880001".into()), "the number kept as text");
    assert_eq!(store.care().sent(C, 0, 0).expect("sent").total, 2, "a preview records nothing");
}

#[test]
fn a_character_gbk_lacks_is_refused_and_nothing_is_recorded() {
    let dir = tempfile::tempdir().expect("dir");
    let store = store_with_lines(&dir);
    let mut settings = store.care().settings(C).expect("settings");
    settings.templates.push(Template { holiday: "国庆".into(), text: "{客户名称}国庆快乐🎉".into() });
    store.care().set_settings(C, &settings, &by("2026-09-20 09:00")).expect("template");
    let path = dir.path().join("国庆.csv");
    let refused = write_send_list(&store, C, ("国庆", 2026), &path, TextEncoding::Gbk, false, &by("2026-09-30 10:00"));
    match refused {
        Err(Error::Validation(fields)) => {
            assert_eq!(fields[0].problem.en(), "row 2: the character \"🎉\" cannot be written in GBK; use UTF-8 or change the text")
        }
        other => panic!("an emoji cannot be sent in GBK: {other:?}"),
    }
    assert!(!path.exists(), "no file, not even a partial one");
    assert_eq!(store.care().sent(C, 0, 0).expect("sent").total, 0, "nothing recorded as sent");
    let utf8 =
        write_send_list(&store, C, ("国庆", 2026), &path, TextEncoding::Utf8, false, &by("2026-09-30 10:00")).expect("UTF-8 holds it");
    assert_eq!(utf8.greetings, 2);
    assert!(std::fs::read_to_string(&path).expect("utf-8").contains("甲国庆快乐🎉"), "the holiday's own template");
}

#[test]
fn a_file_of_lines_is_imported_whole_or_not_at_all() {
    let dir = tempfile::tempdir().expect("dir");
    let store = kpi_store(&dir, "");
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "号码,客户编码,开通日期\n0516-1,C1,2026-09-15\n0516-2,C6,2026-09-15\n电话,C2,2026-09-15\n0516-3,C3,昨天\n0516-1,C4,2026-09-01\n",
    )
    .expect("file");
    let report = import_lines(&store, &bad, C, false).expect("read");
    let found: Vec<_> = report.problems.iter().map(|p| (p.line, p.column.as_str())).collect();
    assert_eq!(
        found,
        [(3, "客户编码"), (4, "号码"), (5, "开通日期"), (6, "号码")],
        "C6 is no target; a word is no number; a duplicate line: {:?}",
        report.problems
    );
    assert!(!report.written);
    assert_eq!(store.care().lines(C, 0, 0).expect("lines").total, 0, "nothing written");
}
