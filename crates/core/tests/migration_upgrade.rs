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
