//! `rampart service-standards`: the star service standards from the command line: the demo's
//! sample tiers, one tier changed, bad values refused with the field named.

mod support;

use support::{json, rampart, refused};

#[test]
fn a_tier_is_listed_changed_and_refused_when_wrong() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let id = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();
    let listed = json(&rampart(&db, &["service-standards", "list", "--campaign", &id, "--json"]));
    let tiers: Vec<&str> = listed.as_array().expect("a list").iter().filter_map(|s| s["tier"].as_str()).collect();
    assert_eq!(tiers, ["A", "B", "C"], "one standard per tier, in order");
    assert_eq!(listed[0]["visit_every_months"], 1, "the sample visits tier A monthly");

    let set = json(&rampart(
        &db,
        &["service-standards", "set", "--campaign", &id, "--tier", "b", "--visit-months", "2", "--entitlement", "季度走访", "--json"],
    ));
    assert_eq!(set[0]["visit_every_months"], 2);
    assert_eq!(set[0]["entitlements"], serde_json::json!(["季度走访"]), "the given entitlements replace the saved ones");
    let again = json(&rampart(&db, &["service-standards", "list", "--campaign", &id, "--json"]));
    assert_eq!(again[1], set[0], "the change is saved; what was not given stayed");
    assert_eq!(again[1]["response_hours"], listed[1]["response_hours"]);

    let slow = refused(&rampart(&db, &["service-standards", "set", "--campaign", &id, "--tier", "A", "--response-hours", "30", "--json"]));
    assert_eq!(slow["fields"][0]["field"], "resolution_hours", "answering after the resolution deadline is refused: {slow}");
    let unknown = refused(&rampart(&db, &["service-standards", "set", "--campaign", &id, "--tier", "D", "--json"]));
    assert_eq!(unknown["fields"][0]["field"], "tier", "{unknown}");
    let text = rampart(&db, &["service-standards", "list", "--campaign", &id]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("visit every month"), "English text in the C locale");
}
