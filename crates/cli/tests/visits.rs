//! `rampart visits`: the visits due on a day with their client, owner, due day and whether
//! overdue; recording one takes it off the list; a visit not yet made is refused.

mod support;

use support::{json, rampart, refused};

#[test]
fn due_visits_follow_the_day_given_and_a_recorded_visit_meets_its_period() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let id = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();
    let due = |today: &str| json(&rampart(&db, &["visits", "--campaign", &id, "--today", today, "--limit", "1000", "--json"]));

    let november = due("2026-11-15");
    let rows = november["rows"].as_array().expect("rows");
    assert_eq!(november["total"].as_u64(), Some(rows.len() as u64), "one page holds them all");
    assert!(rows.iter().all(|r| r["client"].is_string() && r["owner"].is_string() && r["due"].is_string() && r["overdue"].is_boolean()));
    for r in rows {
        let overdue = r["due"].as_str().expect("due") < "2026-11-15";
        assert_eq!(r["overdue"].as_bool(), Some(overdue), "overdue exactly when the due day is past: {r}");
    }
    let later = due("2026-12-20");
    assert!(
        later["rows"].as_array().expect("rows").iter().filter(|r| r["overdue"] == true).count()
            >= rows.iter().filter(|r| r["overdue"] == true).count(),
        "what was overdue stays overdue as the days pass"
    );

    // A tier-A client whose October visit is overdue: a visit on 20 Oct meets it.
    let october = rows.iter().find(|r| r["tier"] == "A" && r["due"] == "2026-10-31").expect("a missed October visit");
    let code = october["client"].as_str().expect("code").to_string();
    let recorded = json(&rampart(
        &db,
        &[
            "visits",
            "record",
            "--campaign",
            &id,
            "--client",
            &code,
            "--date",
            "2026-10-20",
            "--met",
            "拜访信息中心王主任",
            "--needs",
            "扩容",
            "--today",
            "2026-11-15",
            "--json",
        ],
    ));
    assert_eq!(recorded["visited_on"], "2026-10-20");
    let after = due("2026-11-15");
    assert!(
        !after["rows"].as_array().expect("rows").iter().any(|r| r["client"] == code.as_str() && r["due"] == "2026-10-31"),
        "the October period of {code} is met"
    );
    assert_eq!(after["total"].as_u64(), november["total"].as_u64().map(|n| n - 1), "exactly one visit fewer is due");

    let ahead = refused(&rampart(
        &db,
        &[
            "visits",
            "record",
            "--campaign",
            &id,
            "--client",
            &code,
            "--date",
            "2026-11-16",
            "--met",
            "x",
            "--today",
            "2026-11-15",
            "--json",
        ],
    ));
    assert_eq!(ahead["fields"][0]["field"], "visited_on", "a visit tomorrow has not happened: {ahead}");
    let load = json(&rampart(&db, &["visits", "load", "--campaign", &id, "--today", "2026-11-15", "--json"]));
    let total: i64 = load.as_array().expect("per manager").iter().map(|l| l["due"].as_i64().expect("due")).sum();
    assert_eq!(Some(total), after["total"].as_i64(), "the per-manager counts add up to the list");
}
