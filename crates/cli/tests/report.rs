//! `rampart report`: the weekly report written by the binary to PDF and xlsx, and the errors a
//! script gets for a file it cannot be written as or a team that is not one.

mod support;

use calamine::{open_workbook, Reader, Xlsx};
use support::{json, rampart, refused};

#[test]
fn the_report_is_written_as_pdf_or_xlsx_by_its_extension() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let id = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();

    let pdf = dir.path().join("周报.pdf");
    let written = json(&rampart(&db, &["report", "--campaign", &id, "--out", pdf.to_str().expect("path"), "--json"]));
    assert_eq!(written["format"], "pdf");
    let bytes = std::fs::read(&pdf).expect("the PDF is there");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");
    assert_eq!(written["bytes"].as_u64(), Some(bytes.len() as u64), "the summary tells the size written");
    println!("rampart report PDF: {} bytes", bytes.len());

    let xlsx = dir.path().join("周报.xlsx");
    let out = rampart(&db, &["report", "--campaign", &id, "--as-of", "2026-11-22", "--lang", "en", "--out", xlsx.to_str().expect("path")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("周报.xlsx"), "plain output names the file written");
    let book: Xlsx<_> = open_workbook(&xlsx).expect("calamine opens the workbook");
    assert!(book.sheet_names().contains(&"Overview".to_string()), "--lang en names the sheets in English: {:?}", book.sheet_names());

    let teams = json(&rampart(&db, &["teams", "list", "--json"]));
    let team = teams[0]["name"].as_str().expect("a team of the demo").to_string();
    let team_pdf = dir.path().join("team.pdf");
    json(&rampart(&db, &["report", "--campaign", &id, "--team", &team, "--out", team_pdf.to_str().expect("path"), "--json"]));
    assert!(team_pdf.exists(), "one team's report is written");
}

#[test]
fn a_wrong_extension_or_an_unknown_team_is_refused_by_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let id = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();

    let docx = dir.path().join("周报.docx");
    let report = refused(&rampart(&db, &["report", "--campaign", &id, "--out", docx.to_str().expect("path"), "--json"]));
    let message = report["message_zh"].as_str().unwrap_or_default();
    assert!(message.contains("周报.docx") && message.contains(".pdf"), "the error names the file and the formats: {message}");
    assert!(!docx.exists(), "nothing is written");

    let pdf = dir.path().join("x.pdf");
    let report =
        refused(&rampart(&db, &["report", "--campaign", &id, "--team", "火星营销中心", "--out", pdf.to_str().expect("path"), "--json"]));
    assert_eq!(report["code"], "not_found");
    assert!(report["message_zh"].as_str().unwrap_or_default().contains("火星营销中心"), "the error names the team: {report}");
    assert!(!pdf.exists(), "no report for a team that is not one, not even the whole campaign's");
}
