//! `rampart campaigns copy|delete|archive|unarchive` and `create --copy-of`, as a script runs
//! them: real process, real database files.

mod support;

use support::{json, rampart, refused};

#[test]
fn the_demo_copied_to_next_year_then_archived_and_deleted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let source = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();

    let bare = json(&rampart(
        &db,
        &[
            "campaigns",
            "copy",
            &source,
            "--name",
            "长城计划 2027",
            "--start",
            "2027-10-01",
            "--end",
            "2027-12-31",
            "--budget",
            "600,000",
            "--json",
        ],
    ));
    assert_eq!(bare["campaign"]["status"], "draft", "a new period starts as a draft");
    assert_eq!(bare["campaign"]["copied_from"].to_string(), source, "it names its source");
    assert_eq!(bare["copied"]["awards"], 4, "the demo's four awards come along");
    assert_eq!(bare["copied"]["targets"], 0, "no targets without --with-targets");

    let full = json(&rampart(
        &db,
        &[
            "campaigns",
            "create",
            "--name",
            "长城计划 2027 全量",
            "--start",
            "2027-10-01",
            "--end",
            "2027-12-31",
            "--copy-of",
            &source,
            "--with-targets",
            "--json",
        ],
    ));
    assert_eq!(full["copied"]["targets"], 320, "create --copy-of --with-targets is the same copy, with the demo's 320 targets");

    let not_closed = refused(&rampart(&db, &["campaigns", "archive", &source, "--json"]));
    assert_eq!(not_closed["code"], "campaign_not_closed", "only a closed campaign is archived: {not_closed}");
    json(&rampart(&db, &["campaigns", "close", &source, "--json"]));
    let archived = json(&rampart(&db, &["campaigns", "archive", &source, "--json"]));
    assert_eq!(archived["archived"], true);
    let back = json(&rampart(&db, &["campaigns", "unarchive", &source, "--json"]));
    assert_eq!((back["archived"].as_bool(), back["status"].as_str()), (Some(false), Some("closed")), "unarchiving leaves it closed");

    let dry = json(&rampart(&db, &["campaigns", "delete", &source, "--dry-run", "--json"]));
    assert_eq!(dry["removed"], false);
    assert!(dry["achievements"].as_i64() > Some(0) && dry["plans"] == 25, "the dry run counts the demo's work: {dry}");
    let list = json(&rampart(&db, &["campaigns", "list", "--json"]));
    assert_eq!(list.as_array().map(Vec::len), Some(3), "a dry run removes nothing");

    let clients_before = json(&rampart(&db, &["clients", "list", "--limit", "all", "--json"]))["clients"].as_array().map(Vec::len);
    let gone = json(&rampart(&db, &["campaigns", "delete", &source, "--json"]));
    assert_eq!((gone["removed"].as_bool(), gone["plans"].as_i64()), (Some(true), Some(25)), "the delete says what it removed");
    let clients_after = json(&rampart(&db, &["clients", "list", "--limit", "all", "--json"]))["clients"].as_array().map(Vec::len);
    assert_eq!(clients_after, clients_before, "clients stay");
    let out = rampart(&db, &["campaigns", "delete", &source]);
    assert_eq!(out.status.code(), Some(2), "a campaign that is gone is bad input");
}

#[test]
fn a_copy_from_last_years_file_and_bad_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = dir.path().join("2026.db");
    let source = json(&rampart(&old, &["demo", "--json"]))["id"].to_string();
    let new = dir.path().join("2027.db");
    let copied = json(&rampart(
        &new,
        &[
            "campaigns",
            "copy",
            &source,
            "--from-db",
            old.to_str().expect("path"),
            "--name",
            "长城计划 2027",
            "--start",
            "2027-10-01",
            "--end",
            "2027-12-31",
            "--with-targets",
            "--json",
        ],
    ));
    assert_eq!(copied["copied"]["clients_created"], 320, "an empty file receives the targets with their clients");
    assert!(copied["copied"]["contracts_created"].as_i64() > Some(320), "and their contracts: {}", copied["copied"]);
    let clients = json(&rampart(&new, &["clients", "list", "--limit", "all", "--json"]));
    assert_eq!(clients["clients"].as_array().map(Vec::len), Some(320));

    let report = refused(&rampart(
        &new,
        &["campaigns", "copy", &source, "--name", "", "--start", "2027-12-31", "--end", "2027-10-01", "--budget", "abc", "--json"],
    ));
    let fields: Vec<&str> = report["fields"].as_array().expect("fields").iter().filter_map(|f| f["field"].as_str()).collect();
    assert_eq!(fields, ["subsidy_budget", "name", "end_date"], "every problem at once: {report}");
    let missing = refused(&rampart(
        &new,
        &[
            "campaigns",
            "copy",
            "1",
            "--from-db",
            dir.path().join("none.db").to_str().expect("path"),
            "--name",
            "x",
            "--start",
            "2027-10-01",
            "--end",
            "2027-12-31",
            "--json",
        ],
    ));
    assert_eq!(missing["code"], "unreadable_file", "a missing source file is said so");
    assert!(!dir.path().join("none.db").exists(), "and is not created");
}
