//! `rampart care`: lines imported from a file, a holiday's send list written in GBK and read
//! back, and the same command run again sends nothing twice.

mod support;

use support::{json, rampart};

#[test]
fn the_send_list_is_written_in_gbk_and_never_repeats_a_greeting() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let id = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();
    let targets = json(&rampart(&db, &["clients", "list", "--campaign", &id, "--limit", "1", "--json"]));
    let code = targets["clients"][0]["code"].as_str().expect("a target").to_string();
    let file = dir.path().join("lines.csv");
    std::fs::write(&file, format!("号码,客户编码,开通日期\n0516-99990001,{code},2026-12-01\n")).expect("file");
    let imported = json(&rampart(&db, &["care", "import-lines", file.to_str().expect("path"), "--campaign", &id, "--json"]));
    assert_eq!(imported["written"], true, "{imported}");

    let out = dir.path().join("元旦.csv");
    let args = [
        "care",
        "send-list",
        "--campaign",
        &id,
        "--holiday",
        "元旦",
        "--year",
        "2027",
        "--out",
        out.to_str().expect("path"),
        "--encoding",
        "gbk",
        "--json",
    ];
    let first = json(&rampart(&db, &args));
    assert!(first["greetings"].as_u64().expect("count") >= 1, "the new line at least: {first}");
    let bytes = std::fs::read(&out).expect("written");
    let (text, _, bad) = encoding_rs::GBK.decode(&bytes);
    assert!(!bad && text.contains("0516-99990001") && text.contains("元旦将至"), "GBK that decodes to the greeting: {text}");
    let second = json(&rampart(&db, &args));
    assert_eq!(second["greetings"], 0, "everyone listed was recorded as sent");
}
