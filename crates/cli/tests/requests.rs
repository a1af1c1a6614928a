//! `rampart requests`: a request added from the command line gets its tier's deadlines on the
//! service calendar, moves to resolved, and counts in the on-time rates; bad moves are refused.

mod support;

use support::{json, rampart, refused};

#[test]
fn a_request_is_added_resolved_and_counted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let id = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();
    let targets = json(&rampart(&db, &["clients", "list", "--campaign", &id, "--limit", "1000", "--json"]));
    let tier_a = targets["clients"].as_array().expect("clients").iter().find(|c| c["tier"] == "A").expect("a tier-A target");
    let code = tier_a["code"].as_str().expect("code");
    let before = json(&rampart(&db, &["requests", "rates", "--campaign", &id, "--now", "2026-11-24 09:00", "--json"]));
    let resolved_a = |rates: &serde_json::Value| {
        rates.as_array().expect("rates").iter().find(|r| r["name"] == "A").map_or(0, |r| r["resolved"].as_i64().unwrap_or(0))
    };

    let added = json(&rampart(
        &db,
        &[
            "requests",
            "add",
            "--campaign",
            &id,
            "--client",
            code,
            "--kind",
            "故障",
            "--received",
            "2026-11-20 16:00",
            "--description",
            "专线中断",
            "--now",
            "2026-11-20 16:05",
            "--json",
        ],
    ));
    let row = &added["rows"][0];
    assert_eq!(row["response_due"], "2026-11-23T09:00:00", "tier A answers in 2 h of working time: Friday's last 90 minutes, then Monday");
    assert_eq!(row["resolution_due"], "2026-11-23T15:00:00");
    let request = row["id"].to_string();

    let no_resolution = refused(&rampart(
        &db,
        &[
            "requests",
            "set-status",
            "--campaign",
            &id,
            "--id",
            &request,
            "--status",
            "resolved",
            "--at",
            "2026-11-23 14:00",
            "--now",
            "2026-11-24 09:00",
            "--json",
        ],
    ));
    assert_eq!(no_resolution["fields"][0]["field"], "resolution", "{no_resolution}");
    let done = json(&rampart(
        &db,
        &[
            "requests",
            "set-status",
            "--campaign",
            &id,
            "--id",
            &request,
            "--status",
            "已解决",
            "--at",
            "2026-11-23 14:00",
            "--resolution",
            "更换光模块",
            "--now",
            "2026-11-24 09:00",
            "--json",
        ],
    ));
    assert_eq!(
        (done["rows"][0]["status"].as_str(), done["rows"][0]["breached"].as_bool()),
        (Some("resolved"), Some(true)),
        "resolved in time, but never answered before 09:00: the answer came with the resolution, late"
    );
    let after = json(&rampart(&db, &["requests", "rates", "--campaign", &id, "--now", "2026-11-24 09:00", "--json"]));
    assert_eq!(resolved_a(&after), resolved_a(&before) + 1, "the resolved request counts for tier A");
    let on_time = |rates: &serde_json::Value| {
        rates.as_array().expect("rates").iter().find(|r| r["name"] == "A").map_or(0, |r| r["on_time"].as_i64().unwrap_or(0))
    };
    assert_eq!(on_time(&after), on_time(&before) + 1, "and it was resolved within its 8 h");
}
