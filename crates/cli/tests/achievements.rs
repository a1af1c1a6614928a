//! `rampart achievements list|correct|delete|log` as a script would use them: real process,
//! real database file.

mod support;

use support::{json, rampart};

#[test]
fn list_pages_in_yuan_and_fen_and_corrections_are_logged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let id = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();

    let page = json(&rampart(&db, &["achievements", "list", "--campaign", &id, "--limit", "2", "--offset", "1", "--json"]));
    let rows = page["achievements"].as_array().expect("a list");
    assert_eq!((rows.len(), page["offset"].as_i64()), (2, Some(1)), "--limit and --offset page");
    assert!(page["total"].as_i64().is_some_and(|t| t > 2), "the total the filter matches: {}", page["total"]);
    let first = &rows[0];
    let (yuan, fen) = (first["amount"].as_f64().expect("yuan"), first["amount_fen"].as_i64().expect("fen"));
    assert_eq!((yuan * 100.0).round() as i64, fen, "amount in yuan with amount_fen beside it");
    let all = json(&rampart(&db, &["achievements", "list", "--campaign", &id, "--limit", "all", "--json"]));
    assert_eq!(all["achievements"].as_array().map(|a| a.len() as i64), all["total"].as_i64(), "--limit all lists every one");

    let target = first["id"].to_string();
    let quantity = first["quantity"].as_i64().expect("quantity") + 1;
    let corrected = json(&rampart(
        &db,
        &["achievements", "correct", "--campaign", &id, "--id", &target, "--quantity", &quantity.to_string(), "--json"],
    ));
    assert_eq!(corrected["quantity"].as_i64(), Some(quantity));
    let deleted = rampart(&db, &["achievements", "delete", "--campaign", &id, "--id", &target]);
    assert!(deleted.status.success(), "{}", String::from_utf8_lossy(&deleted.stderr));
    let again = rampart(&db, &["achievements", "delete", "--campaign", &id, "--id", &target]);
    assert_eq!(again.status.code(), Some(2), "a deleted achievement is not found: a user error");

    let log = json(&rampart(&db, &["achievements", "log", "--campaign", &id, "--json"]));
    let actions: Vec<_> = log["entries"].as_array().expect("entries").iter().map(|e| e["action"].as_str().unwrap_or("")).collect();
    assert_eq!(actions, ["deleted", "corrected"], "newest first");
    assert_eq!(log["entries"][1]["after"]["quantity"].as_i64(), Some(quantity));
    assert!(log["entries"][1]["before"]["amount_fen"].is_i64(), "money in the log has fen beside yuan");
}
