//! A database made by the first schema version opens in this build with its data intact.

use rampart_core::store::schema::{migrate_to, LATEST};
use rampart_core::{Error, Store};
use rusqlite::Connection;

#[test]
fn a_version_one_database_upgrades_with_its_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 1).expect("build a version 1 database");
        conn.execute_batch(
            "INSERT INTO campaigns (name, start_date, end_date) VALUES ('旧活动', '2025-10-01', '2025-12-31');
             INSERT INTO teams (name) VALUES ('市政企客户部');
             INSERT INTO clients (code, name, category, tier, team_id) VALUES ('OLD1', '老客户', 'sme', 'B', 1);
             INSERT INTO campaign_targets VALUES (1, 1);",
        )
        .expect("version 1 data");
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).expect("version");
        assert_eq!(version, 1);
    }

    let store = Store::open(&path).expect("the current build opens an old file");
    assert_eq!(store.schema_version().expect("version"), LATEST, "every later step was applied");
    assert_eq!(store.campaigns().expect("campaigns")[0].name, "旧活动", "old rows survive the upgrade");
    let id = store.client_id_by_code("OLD1").expect("lookup").expect("client kept");
    assert_eq!(store.client(id).expect("detail").row.team.as_deref(), Some("市政企客户部"));
    store.set_setting("language", "en").expect("step 2's settings table exists after the upgrade");
    assert_eq!(store.setting("language").expect("read").as_deref(), Some("en"));
    assert!(store.integrity_ok().expect("check"));
}

#[test]
fn a_database_from_a_newer_build_is_refused_not_damaged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("future.db");
    {
        let conn = Connection::open(&path).expect("open");
        conn.pragma_update(None, "user_version", LATEST + 1).expect("set");
    }
    match Store::open(&path) {
        Err(Error::SchemaTooNew { found, known }) => assert_eq!((found, known), (LATEST + 1, LATEST)),
        Err(other) => panic!("expected SchemaTooNew, got {other:?}"),
        Ok(_) => panic!("a newer schema must be refused"),
    }
}

#[test]
fn a_version_two_database_gains_subsidies_that_track_its_contracts() {
    use rampart_core::domain::subsidy::RuleTable;

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v2.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 2).expect("build a version 2 database");
        conn.execute_batch(
            "INSERT INTO campaigns (name, start_date, end_date, subsidy_budget_fen) VALUES ('旧活动', '2026-10-01', '2026-12-31', 100000);
             INSERT INTO clients (code, name, category, tier) VALUES ('V2', '老客户', 'strategic', 'A');
             INSERT INTO contracts (number, client_id, product_type, dec_fee_fen, term_months) VALUES ('HT-V2', 1, 'fiber_only', 200000, 48);
             INSERT INTO campaign_targets VALUES (1, 1);",
        )
        .expect("version 2 data");
    }
    let store = Store::open(&path).expect("upgrade to the latest schema");
    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("time");
    store.save_subsidy_rules(1, &RuleTable::demo(), "王策划", now).expect("rules on an upgraded file");
    assert_eq!(store.subsidy_totals(1).expect("totals").total.fen(), 112_000, "2,000.00 × 40 % × 1.4 = 1,120.00");
    drop(store);

    // The upgraded file's triggers keep the derived totals honest when a contract changes.
    let conn = Connection::open(&path).expect("reopen raw");
    conn.execute("UPDATE contracts SET dec_fee_fen = 100000 WHERE number = 'HT-V2'", []).expect("edit");
    drop(conn);
    let store = Store::open(&path).expect("reopen");
    assert_eq!(store.subsidy_totals(1).expect("totals").total.fen(), 56_000, "the edit marked the totals stale");
}

#[test]
fn a_version_three_database_gains_default_risk_thresholds_and_undoable_imports() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v3.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 3).expect("build a version 3 database");
        conn.execute_batch(
            "INSERT INTO campaigns (name, start_date, end_date) VALUES ('旧活动', '2026-10-01', '2026-12-31');
             INSERT INTO clients (code, name, category, tier) VALUES ('V3', '老客户', 'sme', 'C');",
        )
        .expect("version 3 data");
    }
    let store = Store::open(&path).expect("upgrade");
    let campaign = store.campaign(1).expect("campaign");
    assert_eq!(campaign.risk, rampart_core::domain::risk::RiskSettings::default(), "90 days, 5,000 and 500 元 by default");
    assert!(store.import_batches().expect("batches").is_empty(), "the import history starts empty");
    assert!(store.client_id_by_code("V3").expect("q").is_some(), "old clients survive");
}

#[test]
fn a_version_four_database_gains_plans_and_the_demo_gets_its_25() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v4.db");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("d");
    {
        let store = Store::open(&path).expect("current");
        rampart_core::demo::seed_demo(&store, today).expect("demo");
    }
    {
        // Roll the file back to what version 4 had: no plan, award or warning tables.
        let conn = Connection::open(&path).expect("open");
        conn.execute_batch(
            "DROP TABLE key_person_changes; DROP TABLE warning_log; DROP TABLE warnings; DROP TABLE billing_snapshots;
             ALTER TABLE campaigns DROP COLUMN tariff_drop_bp;
             DROP TABLE plan_log; DROP TABLE plan_items; DROP TABLE plan_members; DROP TABLE plans; DROP TABLE plan_template;
             DROP TABLE award_locks; DROP TABLE achievements; DROP TABLE award_weights; DROP TABLE award_targets;
             DROP TABLE award_tiers; DROP TABLE awards; DROP TABLE metrics;
             PRAGMA user_version = 4;",
        )
        .expect("back to v4");
    }
    let store = Store::open(&path).expect("upgrade");
    assert_eq!(store.schema_version().expect("v"), LATEST);
    let id = rampart_core::demo::seed_demo(&store, today).expect("same demo");
    let plans = store.plans(id, &Default::default(), today).expect("plans");
    assert_eq!(plans.len(), 25, "an older demo database gets its plans on the next start");
}

#[test]
fn a_version_six_database_keeps_its_achievements_and_counts_tracker_rows_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v6.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 6).expect("build a version 6 database");
        conn.execute_batch(
            "INSERT INTO campaigns (name, start_date, end_date) VALUES ('旧活动', '2026-10-01', '2026-12-31');
             INSERT INTO teams (name) VALUES ('东区');
             INSERT INTO metrics (campaign_id, code, name) VALUES (1, 'deals', '签约');
             INSERT INTO achievements (campaign_id, date, metric, team_id, quantity) VALUES (1, '2026-10-05', 'deals', 1, 3);",
        )
        .expect("version 6 data");
    }
    let store = Store::open(&path).expect("upgrade");
    assert_eq!(store.schema_version().expect("v"), LATEST);
    let input = rampart_core::domain::awards::AchievementInput {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("d"),
        metric: "deals".into(),
        team_id: Some(1),
        person_id: None,
        quantity: 1,
        amount: rampart_core::Money::ZERO,
        client_id: None,
        note: String::new(),
    };
    assert!(store.add_achievement_from(1, &input, "t:1").expect("first").is_some(), "a new tracker row is added");
    assert!(store.add_achievement_from(1, &input, "t:1").expect("again").is_none(), "the same row again is not");
    assert!(store.add_achievement(1, &input).is_ok(), "achievements without a source are never deduplicated");
    assert!(store.add_achievement(1, &input).is_ok());
    assert!(store.achievement_source_used("t:1").expect("q"));
}

#[test]
fn a_version_seven_database_gains_the_warning_threshold_and_empty_warnings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v7.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 7).expect("build a version 7 database");
        conn.execute_batch("INSERT INTO campaigns (name, start_date, end_date) VALUES ('旧活动', '2026-10-01', '2026-12-31');")
            .expect("version 7 data");
    }
    let store = Store::open(&path).expect("upgrade");
    assert_eq!(store.schema_version().expect("v"), LATEST);
    assert_eq!(store.warning_threshold(1).expect("threshold"), 1_000, "existing campaigns warn at a 10 % drop");
    let summary = store.warning_summary(1).expect("summary");
    assert_eq!((summary.to_contact, summary.retention_bp), (0, None), "no warnings yet, no rate to show");
}
