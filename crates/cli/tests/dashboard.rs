//! `rampart dashboard`: the campaign's progress on a day from the command line, for the whole
//! campaign and one team, money in yuan with `*_fen` beside it.

mod support;

use support::{json, rampart_zh as rampart};

#[test]
fn the_dashboard_reads_the_campaign_and_one_team_on_a_day() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let id = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();
    let d = json(&rampart(&db, &["dashboard", "--campaign", &id, "--as-of", "2026-11-22", "--json"]));
    assert_eq!(d["calendar"]["days_left"], 39, "23 Nov to 31 Dec");
    assert_eq!(d["goals"].as_array().map(Vec::len), Some(3), "the seed's three goals");
    let used_fen = d["subsidy"]["used_fen"].as_i64().expect("fen beside the yuan");
    assert_eq!(d["subsidy"]["used"].as_f64(), Some(used_fen as f64 / 100.0), "money in yuan, one convention");
    let whole = d["plans"].as_array().and_then(|p| p.last()).expect("the whole campaign's plan row");
    assert!(whole["team_id"].is_null() && whole["targets"].as_i64() > Some(0), "the last plan row is the whole campaign: {whole}");

    let team = json(&rampart(&db, &["dashboard", "--campaign", &id, "--as-of", "2026-11-22", "--team", "市政企客户部", "--json"]));
    assert_eq!(team["team_name"], "市政企客户部");
    let rows = team["plans"].as_array().expect("plan rows");
    assert_eq!(rows.len(), 2, "the team's row and its sum: {rows:?}");
    assert_eq!(rows[0]["targets"], rows[1]["targets"], "the sum is the team's own");

    let text = rampart(&db, &["dashboard", "--campaign", &id, "--as-of", "2026-11-22"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("剩余 39 天") && text.contains("目的一 存量保持") && text.contains("高风险目标客户"), "{text}");

    let unknown = rampart(&db, &["dashboard", "--campaign", &id, "--team", "没有这个部门"]);
    assert_eq!(unknown.status.code(), Some(2), "an unknown team is bad input");
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("没有这个部门"), "the error names the team");
}
