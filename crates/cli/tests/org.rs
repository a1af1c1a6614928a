//! `rampart teams`, `people` and `clients reassign` as a script would use them: real process,
//! real database file (the demo's teams and people, plus a duplicate typed by hand).

mod support;

use std::path::Path;
use std::process::Output;
use support::{json, rampart};

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The demo database and the names of its first team and first two account managers.
fn demo(db: &Path) -> (String, String, String) {
    json(&rampart(db, &["demo", "--json"]));
    let teams = json(&rampart(db, &["teams", "list", "--json"]));
    let people = json(&rampart(db, &["people", "list", "--json"]));
    let managers: Vec<String> = people["people"]
        .as_array()
        .expect("people")
        .iter()
        .filter(|p| p["role"] == "account_manager" && p["clients"].as_i64() > Some(0))
        .map(|p| p["name"].as_str().expect("name").to_string())
        .collect();
    (teams[0]["name"].as_str().expect("team").to_string(), managers[0].clone(), managers[1].clone())
}

#[test]
fn teams_are_created_renamed_and_merged_by_name() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("org.db");
    let (first, _, _) = demo(&db);

    let created = json(&rampart(&db, &["teams", "create", "北区", "--json"]));
    assert_eq!((created[0]["name"].as_str(), created[0]["clients"].as_i64()), (Some("北区"), Some(0)));
    let clash = rampart(&db, &["teams", "rename", "北区", "--to", &first]);
    assert_eq!(clash.status.code(), Some(2), "another team's name is bad input: {}", stderr(&clash));
    let renamed = json(&rampart(&db, &["teams", "rename", "北区", "--to", "北城区", "--json"]));
    assert_eq!(renamed["name"], "北城区");

    let before = json(&rampart(&db, &["teams", "list", "--json"]));
    let clients_of = |list: &serde_json::Value, name: &str| {
        list.as_array().expect("teams").iter().find(|t| t["name"] == name).and_then(|t| t["clients"].as_i64())
    };
    let first_clients = clients_of(&before, &first).expect("first team");
    let merged = json(&rampart(&db, &["teams", "merge", &first, "--into", "北城区", "--json"]));
    assert_eq!(merged["moved"]["clients"].as_i64(), Some(first_clients), "every client of the merged team moves");
    let after = json(&rampart(&db, &["teams", "list", "--json"]));
    assert_eq!(clients_of(&after, "北城区"), Some(first_clients));
    assert_eq!(clients_of(&after, &first), None, "the merged team is gone");
}

#[test]
fn a_mistyped_name_is_exit_2_naming_it_with_a_hint() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("org.db");
    let (_, manager, _) = demo(&db);
    let typo = format!("{manager}x");
    let out = rampart(&db, &["clients", "reassign", "--to", &typo, "--manager", &manager, "--dry-run"]);
    assert_eq!(out.status.code(), Some(2), "bad input, not a failure");
    let err = stderr(&out);
    assert!(err.contains(&typo), "the unknown name is named: {err}");
    assert!(err.contains(&format!("did you mean \"{manager}\"")), "the closest name is offered: {err}");
    let role = rampart(&db, &["people", "create", "赵敏", "--role", "boss"]);
    assert_eq!(role.status.code(), Some(2), "an unknown role: {}", stderr(&role));
    let no_filter = rampart(&db, &["clients", "reassign", "--to", &manager]);
    assert_eq!(no_filter.status.code(), Some(2), "reassigning every client needs a filter: {}", stderr(&no_filter));
}

#[test]
fn duplicates_are_listed_and_merged() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("org.db");
    let (team, manager, _) = demo(&db);
    let spaced: String = manager.chars().flat_map(|c| [c, ' ']).collect::<String>().trim().to_string();
    json(&rampart(&db, &["people", "create", &spaced, "--team", &team, "--json"]));
    let listed = json(&rampart(&db, &["people", "list", "--json"]));
    let dup = &listed["likely_duplicates"][0];
    assert_eq!((dup["from"].as_str(), dup["into"].as_str()), (Some(spaced.as_str()), Some(manager.as_str())), "{listed}");

    let merged = json(&rampart(&db, &["people", "merge", &spaced, "--into", &manager, "--json"]));
    assert_eq!(merged["moved"]["clients"], 0, "the duplicate had no clients of its own");
    let again = json(&rampart(&db, &["people", "list", "--json"]));
    assert_eq!(again["likely_duplicates"].as_array().map(Vec::len), Some(0));
}

#[test]
fn reassign_dry_run_shows_what_the_real_run_moves() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("org.db");
    let (_, from, to) = demo(&db);
    let args = ["clients", "reassign", "--to", to.as_str(), "--manager", from.as_str(), "--json"];
    let preview = json(&rampart(&db, &[&args[..], &["--dry-run"]].concat()));
    assert_eq!(preview["dry_run"], true);
    let clients = preview["reassignment"]["clients"].as_i64().expect("count");
    assert!(clients > 0, "the demo manager has clients: {preview}");
    let again = json(&rampart(&db, &[&args[..], &["--dry-run"]].concat()));
    assert_eq!(again, preview, "a dry run writes nothing");

    let applied = json(&rampart(&db, &args));
    assert_eq!(applied["reassignment"], preview["reassignment"], "the same counts as the preview");
    let people = json(&rampart(&db, &["people", "list", "--json"]));
    let count = |name: &str| people["people"].as_array().expect("p").iter().find(|p| p["name"] == name).and_then(|p| p["clients"].as_i64());
    assert_eq!(count(&from), Some(0), "{from} has handed over every client");
    let text = rampart(&db, &["clients", "reassign", "--to", &to, "--manager", &from]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("moved to"), "text output says what moved");
}
