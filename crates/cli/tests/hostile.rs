//! Hostile files through the real binary: each is refused with exit 2 and a message naming the
//! file, the database file is byte for byte unchanged, and the process's peak memory (its own
//! rusage, from wait4) stays under 300 MiB whatever the file claims about itself. The child's
//! high-water mark includes what it shared with this test process before exec, so the figure
//! is an upper bound on the CLI's own.

#[path = "../../core/tests/support/files.rs"]
mod files;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use files::{Entry, Sheet};
use wait4::Wait4;

const PEAK_LIMIT: u64 = 300 << 20;

struct Run {
    code: Option<i32>,
    stderr: String,
    peak: u64,
}

fn rampart(db: &Path, args: &[&str]) -> Run {
    let child = Command::new(env!("CARGO_BIN_EXE_rampart"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "C")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut child = child;
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        use std::io::Read;
        pipe.read_to_string(&mut stderr).expect("stderr");
    }
    let used = child.wait4().expect("wait4");
    Run { code: used.status.code(), stderr, peak: used.rusage.maxrss }
}

fn header_sheet() -> Sheet<'static> {
    Sheet { name: "客户", hidden: false, rows: files::text_row(1, &["客户编码", "客户名称", "客户类别", "客户等级"]) }
}

/// The hostile files of the review, small on disk.
fn hostile_files(dir: &Path) -> Vec<PathBuf> {
    let chunk = format!("<si><t>{}</t></si>", "长城".repeat(80_000));
    let times = 1_500_000_000 / chunk.len() as u64;
    let mut out = Vec::new();

    let mut parts = files::xlsx_parts(&[header_sheet()], 0, None);
    parts.push(Entry::bomb("xl/sharedStrings.xml", b"<sst>", chunk.as_bytes(), times, b"</sst>", 1_500_000_000));
    out.push(dir.join("strings-bomb.xlsx"));
    files::zip(&out[out.len() - 1], &parts);

    let mut parts = files::xlsx_parts(&[header_sheet()], 0, None);
    parts.push(Entry::bomb("xl/sharedStrings.xml", b"<sst>", chunk.as_bytes(), times, b"</sst>", 4_096));
    out.push(dir.join("lying-directory.xlsx"));
    files::zip(&out[out.len() - 1], &parts);

    let body = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>客户编码</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="198999"><table:table-cell table:number-columns-repeated="1024"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>"#;
    out.push(dir.join("far-row.ods"));
    files::ods(&out[out.len() - 1], "Sheet1", body);

    out.push(dir.join("far-corner.xls"));
    files::xls(&out[out.len() - 1], &[(0, 0, 1.0), (65_535, 255, 2.0)]);

    out.push(dir.join("one-line.csv"));
    std::fs::write(&out[out.len() - 1], format!("客户编码,{}", "长".repeat(6 << 20))).expect("w");
    out
}

#[test]
fn hostile_files_are_refused_in_bounded_memory_and_change_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db");
    let demo = rampart(&db, &["demo"]);
    assert_eq!(demo.code, Some(0), "{}", demo.stderr);
    let before = std::fs::read(&db).expect("db");

    for file in hostile_files(dir.path()) {
        let path = file.to_str().expect("path");
        let name = file.file_name().and_then(|n| n.to_str()).expect("name");
        let run = rampart(&db, &["--json", "clients", "import", path]);
        assert_eq!(run.code, Some(2), "{name} is the user's bad input: {}", run.stderr);
        let report: serde_json::Value = serde_json::from_str(&run.stderr).expect("a JSON report on stderr");
        assert_eq!(report["code"], "unreadable_file", "{name}: {report}");
        let message = report["message_zh"].as_str().unwrap_or("");
        assert!(message.starts_with(name), "the message names the file: {message}");
        assert!(run.peak < PEAK_LIMIT, "{name} took {} MiB at peak", run.peak >> 20);
        assert_eq!(std::fs::read(&db).expect("db"), before, "{name}: the database is unchanged");
    }
}

#[test]
fn a_returned_tracker_that_is_a_bomb_cannot_hurt_the_app() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db");
    assert_eq!(rampart(&db, &["demo"]).code, Some(0));
    let before = std::fs::read(&db).expect("db");
    let chunk = format!("<si><t>{}</t></si>", "长城".repeat(80_000));
    let sheets = [
        Sheet { name: "一户一案", hidden: false, rows: files::text_row(1, &["编号"]) },
        Sheet { name: "_rampart", hidden: true, rows: r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#.into() },
    ];
    let mut parts = files::xlsx_parts(&sheets, 0, None);
    parts.push(Entry::bomb("xl/sharedStrings.xml", b"<sst>", chunk.as_bytes(), 1_500_000_000 / chunk.len() as u64, b"</sst>", 8_192));
    let path = dir.path().join("东区-交回.xlsx");
    files::zip(&path, &parts);
    let run = rampart(&db, &["tracker", "apply", path.to_str().expect("path")]);
    assert_eq!(run.code, Some(2), "refused as bad input: {}", run.stderr);
    assert!(run.stderr.contains("东区-交回.xlsx"), "names the file: {}", run.stderr);
    assert!(run.peak < PEAK_LIMIT, "took {} MiB at peak", run.peak >> 20);
    assert_eq!(std::fs::read(&db).expect("db"), before, "nothing was applied");
}
