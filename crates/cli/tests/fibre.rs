//! `rampart fibre`: strategy 4's work list from the command line: the same clients the
//! dashboard counts as high-risk without fibre, one moved along, bad moves refused.

mod support;

use support::{json, rampart, refused};

#[test]
fn the_work_list_matches_the_dashboard_and_a_client_moves_along_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let id = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();
    let list = json(&rampart(&db, &["fibre", "--campaign", &id, "--limit", "1000", "--json"]));
    let dashboard = json(&rampart(&db, &["dashboard", "--campaign", &id, "--as-of", "2026-11-22", "--json"]));
    let total = list["total"].as_i64().expect("a total");
    assert!(total > 0, "the demo has high-risk targets without fibre");
    assert_eq!(list["total"], dashboard["gaps"]["without_fibre"], "the list is the dashboard's gap, by the same rule");
    assert!(list["rows"].as_array().expect("rows").iter().all(|r| r["status"] == "to_survey"), "nothing touched yet: all 待勘察");

    let code = list["rows"][0]["code"].as_str().expect("a code").to_string();
    let set = json(&rampart(
        &db,
        &[
            "fibre",
            "set",
            "--campaign",
            &id,
            "--client",
            &code,
            "--status",
            "已勘察",
            "--surveyed-on",
            "2026-11-10",
            "--today",
            "2026-11-22",
            "--json",
        ],
    ));
    assert_eq!(set["rows"][0]["status"], "surveyed", "a Chinese label is read as its status");
    assert_eq!(set["rows"][0]["surveyed_on"], "2026-11-10");
    let surveyed = json(&rampart(&db, &["fibre", "list", "--campaign", &id, "--status", "surveyed", "--json"]));
    assert_eq!(surveyed["total"], 1, "the list narrows to a status");

    let why = refused(&rampart(&db, &["fibre", "set", "--campaign", &id, "--client", &code, "--status", "not_coverable", "--json"]));
    assert_eq!(why["fields"][0]["field"], "reason", "无法覆盖 needs a reason: {why}");
    let unknown = refused(&rampart(&db, &["fibre", "set", "--campaign", &id, "--client", &code, "--status", "已开通", "--json"]));
    assert_eq!(unknown["fields"][0]["field"], "status", "{unknown}");
    let again = json(&rampart(&db, &["fibre", "list", "--campaign", &id, "--status", "surveyed", "--json"]));
    assert_eq!(again["rows"][0]["code"], code.as_str(), "refused moves leave the client where it was");
}
