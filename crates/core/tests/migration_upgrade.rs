//! A database made by each earlier schema version opens in this build with its data intact and
//! ends with exactly the schema a new database gets. Each old file is built the way that version
//! built it: by applying only the steps it had (`migrate_to`), the same SQL files as today.

use std::path::Path;

use rampart_core::domain::ids::PlanId;
use rampart_core::domain::ids::{CampaignId, TeamId};
use rampart_core::domain::org::Role;
use rampart_core::domain::subsidy::RuleSetEvent;
use rampart_core::store::schema::{migrate, migrate_to, snapshot, LATEST};
use rampart_core::{Error, Store};
use rusqlite::Connection;

/// An upgrade that left a table, column, index or trigger different from a fresh database's
/// would make every later step and query depend on where the file came from.
fn assert_schema_is_fresh(path: &Path) {
    let upgraded = snapshot(&Connection::open(path).expect("reopen the upgraded file")).expect("its schema");
    let mut conn = Connection::open_in_memory().expect("memory database");
    migrate(&mut conn).expect("a fresh schema");
    assert_eq!(upgraded, snapshot(&conn).expect("the fresh schema"), "the upgraded file has exactly the schema of a new database");
}

#[test]
fn every_earlier_version_upgrades_to_the_fresh_schema() {
    let dir = tempfile::tempdir().expect("temp dir");
    for version in 0..LATEST {
        let path = dir.path().join(format!("v{version}.db"));
        {
            let mut conn = Connection::open(&path).expect("open");
            migrate_to(&mut conn, version).expect("build the old database");
            let built: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).expect("version");
            assert_eq!(built, version, "migrate_to({version}) stops at step {version}");
        }
        let store = Store::open(&path).expect("the current build opens an old file");
        assert_eq!(store.schema_version().expect("version"), LATEST, "version {version} is brought to the latest");
        drop(store);
        assert_schema_is_fresh(&path);
    }
}

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
    assert_eq!(store.campaigns().list().expect("campaigns")[0].name, "旧活动", "old rows survive the upgrade");
    let id = store.clients().id_by_code("OLD1").expect("lookup").expect("client kept");
    assert_eq!(store.clients().get(id).expect("detail").row.team.as_deref(), Some("市政企客户部"));
    store.settings().set("language", "en").expect("step 2's settings table exists after the upgrade");
    assert_eq!(store.settings().get("language").expect("read").as_deref(), Some("en"));
    assert!(store.integrity_ok().expect("check"));
    assert_schema_is_fresh(&path);
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
    store.rule_sets().save(CampaignId(1), &RuleTable::demo(), "王策划", now).expect("rules on an upgraded file");
    assert_eq!(store.subsidies().totals(CampaignId(1)).expect("totals").total.fen(), 112_000, "2,000.00 × 40 % × 1.4 = 1,120.00");
    drop(store);

    // The upgraded file's triggers keep the derived totals honest when a contract changes.
    let conn = Connection::open(&path).expect("reopen raw");
    conn.execute("UPDATE contracts SET dec_fee_fen = 100000 WHERE number = 'HT-V2'", []).expect("edit");
    drop(conn);
    let store = Store::open(&path).expect("reopen");
    assert_eq!(store.subsidies().totals(CampaignId(1)).expect("totals").total.fen(), 56_000, "the edit marked the totals stale");
    assert_schema_is_fresh(&path);
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
    let campaign = store.campaigns().get(CampaignId(1)).expect("campaign");
    assert_eq!(campaign.risk, rampart_core::domain::risk::RiskSettings::default(), "90 days, 5,000 and 500 元 by default");
    assert!(store.imports().batches().expect("batches").is_empty(), "the import history starts empty");
    assert!(store.clients().id_by_code("V3").expect("q").is_some(), "old clients survive");
    assert_schema_is_fresh(&path);
}

#[test]
fn a_version_four_database_gains_plans_and_the_demo_gets_its_25() {
    let dir = tempfile::tempdir().expect("temp dir");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("d");
    // The demo as version 4 held it: today's demo copied, table by table and column by column,
    // into a file built with steps 1 to 4 only, so nothing from later steps comes along.
    let current = dir.path().join("current.db");
    let (clients, total) = {
        let store = Store::open(&current).expect("current");
        let id = rampart_core::demo::seed_demo(&store, today).expect("demo");
        (targets(&store, id), store.subsidies().totals(id).expect("totals").total)
    };
    let path = dir.path().join("v4.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 4).expect("build a version 4 database");
        copy_rows(&conn, &current);
    }
    let store = Store::open(&path).expect("upgrade");
    assert_eq!(store.schema_version().expect("v"), LATEST);
    let id = rampart_core::demo::seed_demo(&store, today).expect("same demo");
    assert!(clients > 0 && total.fen() > 0, "the demo has targets and subsidies to carry over");
    assert_eq!(targets(&store, id), clients, "the version 4 demo's targets survive");
    assert_eq!(store.subsidies().totals(id).expect("totals").total, total, "and its subsidy rules give the same total");
    let plans = store.plans().list(id, &Default::default(), today).expect("plans");
    assert_eq!(plans.len(), 25, "an older demo database gets its plans on the next start");
    assert!(store.integrity_ok().expect("check"));
    assert_schema_is_fresh(&path);
}

fn targets(store: &Store, campaign: CampaignId) -> i64 {
    let query = rampart_core::domain::ClientQuery { campaign_id: Some(campaign), ..Default::default() };
    store.clients().page(&query).expect("targets").total
}

/// Fills every table of the database `conn` holds with the rows of the same table in `from`,
/// taking only the columns `conn`'s version has.
fn copy_rows(conn: &Connection, from: &Path) {
    conn.execute("ATTACH DATABASE ?1 AS newer", [from.to_str().expect("utf-8 path")]).expect("attach");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .expect("tables")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("names");
    for table in tables {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}', 'main')"))
            .expect("columns")
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("names");
        // A column a later step dropped is written back from what replaced it.
        let values: Vec<&str> =
            columns.iter().map(|c| if c == "is_account_manager" { "(role <> 'team_member')" } else { c.as_str() }).collect();
        let list = columns.join(", ");
        let values = values.join(", ");
        conn.execute(&format!("INSERT INTO main.{table} ({list}) SELECT {values} FROM newer.{table}"), []).expect("copy");
    }
    conn.execute("DETACH DATABASE newer", []).expect("detach");
}

#[test]
fn a_version_five_database_keeps_its_plans_and_gains_awards() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v5.db");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("d");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 5).expect("build a version 5 database");
        conn.execute_batch(
            "INSERT INTO campaigns (name, start_date, end_date) VALUES ('旧活动', '2026-10-01', '2026-12-31');
             INSERT INTO teams (name) VALUES ('东区');
             INSERT INTO people (name, team_id) VALUES ('李经理', 1);
             INSERT INTO clients (code, name, category, tier, team_id, account_manager_id) VALUES ('V5', '老客户', 'strategic', 'A', 1, 1);
             INSERT INTO campaign_targets VALUES (1, 1);
             INSERT INTO plan_template VALUES (1, 0, 'follow_up', '跟踪服务');
             INSERT INTO plans (campaign_id, client_id, goal) VALUES (1, 1, '续约三年');
             INSERT INTO plan_members VALUES (1, 1);
             INSERT INTO plan_items (plan_id, position, kind, title, owner_id, due_date, status, done_on)
                 VALUES (1, 0, 'follow_up', '跟踪服务', 1, '2026-10-31', 'done', '2026-10-20');
             INSERT INTO plan_items (plan_id, position, kind, title, owner_id, due_date, status, blocked_reason)
                 VALUES (1, 1, 'expert', '专家服务', 1, '2026-11-15', 'blocked', '客户未回复');
             INSERT INTO plan_log (plan_id, item_id, at, author, field, from_value, to_value)
                 VALUES (1, 1, '2026-10-20 09:00:00', '李经理', 'status', '进行中', '已完成');",
        )
        .expect("version 5 data");
    }
    let store = Store::open(&path).expect("upgrade");
    assert_eq!(store.schema_version().expect("v"), LATEST);
    let plan = store.plans().get(PlanId(1), today).expect("the old plan");
    assert_eq!(plan.summary.goal, "续约三年");
    assert_eq!(plan.members.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["李经理"], "its project team survives");
    let statuses: Vec<_> = plan.items.iter().map(|i| (i.title.as_str(), i.status.code(), i.blocked_reason.as_str())).collect();
    assert_eq!(statuses, [("跟踪服务", "done", ""), ("专家服务", "blocked", "客户未回复")], "items keep their status and reason");
    assert!(plan.items[1].late, "an unfinished item past its due date is late after the upgrade as before");
    assert_eq!(store.plans().history(PlanId(1)).expect("log").len(), 1, "the activity log survives");
    assert!(store.awards().list(CampaignId(1)).expect("awards").is_empty(), "step 6's award tables exist and start empty");
    assert!(store.integrity_ok().expect("check"));
    assert_schema_is_fresh(&path);
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
        team_id: Some(TeamId(1)),
        person_id: None,
        quantity: 1,
        amount: rampart_core::Money::ZERO,
        client_id: None,
        industry: None,
        note: String::new(),
    };
    assert!(store.achievements().add_from(CampaignId(1), &input, "t:1").expect("first").is_some(), "a new tracker row is added");
    assert!(store.achievements().add_from(CampaignId(1), &input, "t:1").expect("again").is_none(), "the same row again is not");
    assert!(store.achievements().add(CampaignId(1), &input).is_ok(), "achievements without a source are never deduplicated");
    assert!(store.achievements().add(CampaignId(1), &input).is_ok());
    assert!(store.achievements().source_used("t:1").expect("q"));
    assert_schema_is_fresh(&path);
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
    assert_eq!(store.warnings().threshold(CampaignId(1)).expect("threshold"), 1_000, "existing campaigns warn at a 10 % drop");
    let summary = store.warnings().summary(CampaignId(1)).expect("summary");
    assert_eq!((summary.to_contact, summary.retention_bp), (0, None), "no warnings yet, no rate to show");
    assert_schema_is_fresh(&path);
}

#[test]
fn a_version_eight_database_keeps_its_plan_log_as_codes_and_values() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v8.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 8).expect("build a version 8 database");
        // The log as version 8 worded it, one line of each kind it wrote.
        conn.execute_batch(
            "INSERT INTO campaigns (name, start_date, end_date) VALUES ('旧活动', '2026-10-01', '2026-12-31');
             INSERT INTO clients (code, name, category, tier) VALUES ('V8', '老客户', 'sme', 'C');
             INSERT INTO campaign_targets VALUES (1, 1);
             INSERT INTO plans (campaign_id, client_id, goal) VALUES (1, 1, '续约');
             INSERT INTO plan_items (plan_id, position, kind, title, due_date) VALUES (1, 0, 'custom', '上门拜访', '2026-12-31');
             INSERT INTO plan_log (plan_id, item_id, at, author, field, from_value, to_value) VALUES
                 (1, NULL, '2026-10-01 09:00:00', '王', 'plan', '', '创建计划'),
                 (1, 1, '2026-10-02 09:00:00', '王', 'item', '', '新增：上门拜访'),
                 (1, 1, '2026-10-03 09:00:00', '王', 'status', '未开始', '受阻（客户出差）'),
                 (1, 1, '2026-10-04 09:00:00', '王', 'status', '受阻', '已完成（2026-10-04）'),
                 (1, 1, '2026-10-05 09:00:00', '王', 'status', '已完成', '进行中'),
                 (1, 1, '2026-10-06 09:00:00', '王', 'item', '上门拜访', '已删除'),
                 (1, 1, '2026-10-07 09:00:00', '王', 'item', '已删除', '上门拜访'),
                 (1, NULL, '2026-10-08 09:00:00', '王', 'plan', '', '删除计划'),
                 (1, NULL, '2026-10-09 09:00:00', '王', 'plan', '删除计划', '恢复计划'),
                 (1, 1, '2026-10-10 09:00:00', '王', 'due', '2026-12-31', '2026-12-09');",
        )
        .expect("version 8 data");
    }
    let store = Store::open(&path).expect("upgrade");
    assert_eq!(store.schema_version().expect("v"), LATEST);
    let mut log = store.plans().history(PlanId(1)).expect("log");
    log.reverse();
    let lines: Vec<(&str, &str, &str, String)> = log
        .iter()
        .map(|l| {
            let detail = l.detail.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",");
            (l.field.as_str(), l.from.as_str(), l.to.as_str(), detail)
        })
        .collect();
    let expected = [
        ("plan", "", "created", ""),
        ("item", "", "added", "title=上门拜访"),
        ("status", "not_started", "blocked", "reason=客户出差"),
        ("status", "blocked", "done", "done_on=2026-10-04"),
        ("status", "done", "in_progress", ""),
        ("item", "", "deleted", "title=上门拜访"),
        ("item", "deleted", "restored", "title=上门拜访"),
        ("plan", "", "deleted", ""),
        ("plan", "deleted", "restored", ""),
        ("due", "2026-12-31", "2026-12-09", ""),
    ];
    let expected: Vec<(&str, &str, &str, String)> = expected.iter().map(|(f, a, b, d)| (*f, *a, *b, d.to_string())).collect();
    assert_eq!(
        lines, expected,
        "every Chinese wording the old log wrote is turned back into its codes and values; values stay as they were"
    );
    assert!(store.integrity_ok().expect("check"));
    assert_schema_is_fresh(&path);
}

#[test]
fn a_plan_log_line_whose_values_cannot_be_read_is_an_error_naming_the_row() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("corrupt.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate(&mut conn).expect("latest");
        conn.execute_batch(
            "INSERT INTO campaigns (name, start_date, end_date) VALUES ('活动', '2026-10-01', '2026-12-31');
             INSERT INTO clients (code, name, category, tier) VALUES ('C1', '客户', 'sme', 'C');
             INSERT INTO plans (campaign_id, client_id) VALUES (1, 1);
             INSERT INTO plan_log (plan_id, at, author, field, from_value, to_value, detail)
                 VALUES (1, '2026-10-01 09:00:00', '王', 'item', '', 'added', '[\"not\", \"an object\"]');",
        )
        .expect("a row whose detail is JSON but not the object the log writes");
    }
    let store = Store::open(&path).expect("open");
    match store.plans().history(PlanId(1)) {
        Err(Error::CorruptRow { table, key, .. }) => assert_eq!((table, key.as_str()), ("plan_log", "1"), "the error names the row"),
        other => panic!("a log line that cannot be read must not be shown as empty: {other:?}"),
    }
}

#[test]
fn a_version_nine_database_keeps_its_adopted_scenarios_as_codes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v9.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 9).expect("build a version 9 database");
        // The notes as version 9 wrote them on adopting 光纤上调, beside a note it did not write.
        conn.execute_batch(
            "INSERT INTO campaigns (name, start_date, end_date) VALUES ('旧活动', '2026-10-01', '2026-12-31');
             INSERT INTO rule_sets (id, campaign_id, kind, name, author, created_at, note) VALUES
                 (1, 1, 'superseded', '', '王', '2026-10-01 09:00:00', ''),
                 (2, 1, 'discarded', '光纤上调', '王', '2026-10-02 09:00:00', '已采纳'),
                 (3, 1, 'superseded', '光纤上调', '李', '2026-10-03 09:00:00', '采纳方案：光纤上调'),
                 (4, 1, 'current', '', '李', '2026-10-04 09:00:00', '按省公司口径调整');",
        )
        .expect("version 9 data");
    }
    let store = Store::open(&path).expect("upgrade");
    assert_eq!(store.schema_version().expect("v"), LATEST);
    let history: Vec<(i64, Option<RuleSetEvent>, String)> =
        store.rule_sets().history(CampaignId(1)).expect("history").into_iter().map(|s| (s.id, s.event, s.note)).collect();
    assert_eq!(
        history,
        vec![(4, None, "按省公司口径调整".to_string()), (3, Some(RuleSetEvent::AdoptedScenario), String::new()), (1, None, String::new())],
        "the Chinese adoption note becomes its code, the scenario's name stays in `name`, and a planner's own note stays as written"
    );
    let scenario = store.rule_sets().get(2).expect("the adopted scenario");
    assert_eq!((scenario.event, scenario.note.as_str()), (Some(RuleSetEvent::Adopted), ""), "the adopted scenario's note becomes its code");
    assert_eq!(store.rule_sets().get(3).expect("set").name, "光纤上调", "the value the code needs is kept");
    assert!(store.integrity_ok().expect("check"));
    assert_schema_is_fresh(&path);
}

#[test]
fn a_version_ten_database_gains_roles_warning_owners_and_campaign_teams() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v10.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 10).expect("build a version 10 database");
        conn.execute_batch(
            "INSERT INTO campaigns (name, start_date, end_date) VALUES ('旧活动', '2026-10-01', '2026-12-31');
             INSERT INTO teams (id, name) VALUES (1, '鼓楼区'), (2, '云龙区'), (3, '未参加');
             INSERT INTO people (id, name, team_id, is_account_manager) VALUES (1, '王芳', 1, 1), (2, '李强', 1, 0), (3, '赵敏', 2, 1);
             INSERT INTO clients (id, code, name, category, tier, team_id, account_manager_id) VALUES
                 (1, 'C1', '甲公司', 'sme', 'B', 1, 1), (2, 'C2', '乙公司', 'sme', 'B', 2, 3);
             INSERT INTO campaign_targets VALUES (1, 1), (1, 2);
             INSERT INTO contracts (id, number, client_id, product_type) VALUES (1, 'K1', 1, 'broadband'), (2, 'K2', 2, 'broadband');
             INSERT INTO warnings (campaign_id, contract_id, reason, period, previous_period, was_in_network, was_tariff_fen,
                                   in_network, tariff_fen, raised_on)
                 VALUES (1, 1, 'left', '2026-11', '2026-10', 1, 10000, 0, 0, '2026-11-05'),
                        (1, 2, 'downgrade', '2026-11', '2026-10', 1, 10000, 1, 5000, '2026-11-05');",
        )
        .expect("version 10 data");
    }
    let store = Store::open(&path).expect("upgrade");
    assert_eq!(store.schema_version().expect("v"), LATEST);
    let roles: Vec<(String, Role, bool)> = store.org().people().expect("people").into_iter().map(|p| (p.name, p.role, p.active)).collect();
    assert!(roles.contains(&("王芳".into(), Role::AccountManager, true)), "an account manager keeps that role: {roles:?}");
    assert!(roles.contains(&("李强".into(), Role::TeamMember, true)), "someone who was not an account manager is a team member: {roles:?}");
    assert!(store.org().teams().expect("teams").iter().all(|t| t.active), "every existing team stays active");
    let owners: Vec<Option<String>> = store
        .warnings()
        .list(CampaignId(1), &Default::default(), chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("day"))
        .expect("warnings")
        .into_iter()
        .map(|w| w.owner)
        .collect();
    assert_eq!(
        owners,
        vec![Some("王芳".into()), Some("赵敏".into())],
        "each warning is owned by its client's account manager at upgrade time"
    );
    let conn = Connection::open(&path).expect("reopen");
    let teams: Vec<i64> = conn
        .prepare("SELECT team_id FROM campaign_teams WHERE campaign_id = 1 ORDER BY team_id")
        .expect("query")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("teams");
    assert_eq!(teams, vec![1, 2], "a campaign's teams are those of its target clients, not every team");
    drop(conn);
    assert!(store.integrity_ok().expect("check"));
    assert_schema_is_fresh(&path);
}

#[test]
fn a_version_eleven_database_keeps_its_awards_warnings_and_key_person_log_with_plain_defaults() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v11.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 11).expect("build a version 11 database");
        conn.execute_batch(
            "INSERT INTO campaigns (name, start_date, end_date) VALUES ('旧活动', '2026-10-01', '2026-12-31');
             INSERT INTO teams (id, name) VALUES (1, '鼓楼区');
             INSERT INTO clients (id, code, name, category, tier, team_id) VALUES (1, 'C1', '甲公司', 'sme', 'B', 1);
             INSERT INTO contracts (id, number, client_id, product_type) VALUES (1, 'K1', 1, 'broadband');
             INSERT INTO awards (campaign_id, position, name, kind, metric, tie_break) VALUES (1, 0, '单项奖', 'single', 'deals', '按达成日期');
             INSERT INTO achievements (campaign_id, date, metric, team_id, quantity, client_id) VALUES (1, '2026-10-08', 'deals', 1, 3, 1);
             INSERT INTO warnings (campaign_id, contract_id, reason, period, previous_period, was_in_network, was_tariff_fen,
                                   in_network, tariff_fen, raised_on)
                 VALUES (1, 1, 'downgrade', '2026-11', '2026-10', 1, 50000, 1, 30000, '2026-11-05');
             INSERT INTO key_person_changes (client_id, changed_on, old_name, old_phone, new_name, new_phone, recorded_at, author)
                 VALUES (1, '2026-11-02', '张三', '1', '李四', '2', '2026-11-02 09:00:00', 'planner');",
        )
        .expect("version 11 data");
    }
    let store = Store::open(&path).expect("upgrade");
    assert_eq!(store.schema_version().expect("v"), LATEST);
    drop(store);
    let conn = Connection::open(&path).expect("reopen");
    let one = |sql: &str| -> String { conn.query_row(sql, [], |r| r.get::<_, String>(0)).expect(sql) };
    assert_eq!(
        one("SELECT tie_breaks || '|' || shared_tiers || '|' || tie_break FROM awards"),
        r#"["reached_first","more_clients","higher_amount"]|0|按达成日期"#,
        "an existing award orders ties by date, clients and amount, pays no more places than offered, and keeps its note"
    );
    assert_eq!(
        one("SELECT coalesce(incentive_budget_fen, 'none') || '|' || erosion_basis || '|' || erosion_window_months FROM campaigns"),
        "none|peak|6",
        "a campaign has no budget until the planner sets one, and compares tariffs with their six-month peak"
    );
    assert_eq!(one("SELECT comparison FROM warnings"), "previous", "an existing warning was raised against the month before");
    assert_eq!(one("SELECT source FROM key_person_changes"), "form", "key-person changes so far came from the form");
    assert_eq!(
        one("SELECT quantity || '|' || coalesce(industry, 'from client') FROM achievements"),
        "3|from client",
        "an achievement keeps its figures and takes its industry from its client"
    );
    assert_eq!(one("SELECT CAST(count(*) AS TEXT) FROM achievement_log"), "0", "nothing was corrected yet");
    drop(conn);
    assert_schema_is_fresh(&path);
}

#[test]
fn a_version_twelve_database_keeps_its_campaign_and_gains_empty_goals_and_skeleton() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v12.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 12).expect("build a version 12 database");
        conn.execute_batch(
            "INSERT INTO campaigns (name, start_date, end_date, goals) VALUES ('旧活动', '2026-10-01', '2026-12-31', '存量保持');
             INSERT INTO teams (id, name) VALUES (1, '鼓楼区');",
        )
        .expect("version 12 data");
    }
    let store = Store::open(&path).expect("upgrade");
    assert_eq!(store.schema_version().expect("v"), LATEST);
    drop(store);
    let conn = Connection::open(&path).expect("reopen");
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    assert_eq!(
        conn.query_row("SELECT goals FROM campaigns", [], |r| r.get::<_, String>(0)).expect("goals"),
        "存量保持",
        "the campaign's free-text goals stay as the planner wrote them"
    );
    for table in ["campaign_goals", "strategy_parts", "kpis", "kpi_values"] {
        assert_eq!(count(&format!("SELECT count(*) FROM {table}")), 0, "{table} starts empty: nothing is invented for an old campaign");
    }
    conn.execute("INSERT INTO campaign_goals (campaign_id, position, name) VALUES (1, 0, '目的一 存量保持')", [])
        .expect("a goal for the old campaign");
    let both = conn.execute(
        "INSERT INTO strategy_parts (campaign_id, kind, position, name, owner_team_id, scope) VALUES (1, 'battle', 0, '宽带保卫战', 1, '{\"product_types\":[\"broadband\"]}')",
        [],
    );
    assert!(both.is_ok(), "a battle with a JSON scope is accepted: {both:?}");
    let orphan = conn.execute(
        "INSERT INTO kpis (campaign_id, goal_id, part_id, position, name, metric, target) VALUES (1, 1, 1, 0, 'x', 'manual', 1)",
        [],
    );
    assert!(orphan.is_err(), "a KPI belongs to one goal or one battle, never both");
    drop(conn);
    assert_schema_is_fresh(&path);
}

#[test]
fn a_version_thirteen_database_gains_kpi_tallies_built_when_first_read_and_kept_right_after() {
    use rampart_core::domain::kpi::{KpiOwner, Metric};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v13.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 13).expect("build a version 13 database");
        conn.execute_batch(
            "INSERT INTO campaigns (id, name, start_date, end_date) VALUES (1, '旧活动', '2026-10-01', '2026-12-31');
             INSERT INTO clients (id, code, name, category, tier) VALUES (1, 'C1', '甲', 'sme', 'A'), (2, 'C2', '乙', 'sme', 'B'),
               (3, 'C3', '丙', 'sme', 'C'), (4, 'C4', '丁', 'sme', 'C');
             INSERT INTO campaign_targets VALUES (1, 1), (1, 2), (1, 3), (1, 4);
             INSERT INTO plans (id, campaign_id, client_id) VALUES (1, 1, 1);
             INSERT INTO campaign_goals (id, campaign_id, position, name) VALUES (1, 1, 0, '目的三');
             INSERT INTO kpis (campaign_id, goal_id, position, name, metric, target) VALUES (1, 1, 0, '一户一案覆盖率', 'plan_coverage', 100);",
        )
        .expect("version 13 data");
    }
    let store = Store::open(&path).expect("upgrade");
    assert_eq!(store.schema_version().expect("v"), LATEST);
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 15).expect("day");
    let kpi = store.kpis().list(CampaignId(1)).expect("kpis").remove(0);
    assert_eq!((kpi.owner, kpi.metric), (KpiOwner::Goal(rampart_core::domain::ids::GoalId(1)), Metric::PlanCoverage));
    assert_eq!(store.kpis().value(&kpi, day, None).expect("value"), Some(25.0), "one plan among four targets, counted from the old rows");
    drop(store);
    Connection::open(&path)
        .expect("reopen")
        .execute("INSERT INTO plans (campaign_id, client_id) VALUES (1, 2)", [])
        .expect("a plan written by another program");
    let store = Store::open(&path).expect("reopen");
    assert_eq!(store.kpis().value(&kpi, day, None).expect("value"), Some(50.0), "a plan added behind the store's back still counts");
    drop(store);
    assert_schema_is_fresh(&path);
}

#[test]
fn a_version_fourteen_database_rebuilds_its_fresh_tallies_with_open_warnings_and_owners() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v14.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 14).expect("build a version 14 database");
        // Tallies that version 14 had built and marked fresh: they lack the facts step 15 adds.
        conn.execute_batch(
            "INSERT INTO campaigns (id, name, start_date, end_date) VALUES (1, '旧活动', '2026-10-01', '2026-12-31');
             INSERT INTO teams (id, name) VALUES (1, '市政企客户部');
             INSERT INTO people (id, name, team_id) VALUES (1, '王经理', 1);
             INSERT INTO clients (id, code, name, category, tier, team_id) VALUES (1, 'C1', '甲', 'sme', 'A', 1);
             INSERT INTO campaign_targets VALUES (1, 1);
             INSERT INTO contracts (id, number, client_id, product_type, monthly_fee_fen) VALUES (1, 'K1', 1, 'broadband', 10000);
             INSERT INTO warnings (campaign_id, contract_id, reason, period, previous_period, was_in_network, was_tariff_fen,
                                   in_network, tariff_fen, raised_on)
               VALUES (1, 1, 'left', '2026-10', '2026-09', 1, 10000, 0, 0, '2026-11-10');
             INSERT INTO plans (id, campaign_id, client_id) VALUES (1, 1, 1);
             INSERT INTO plan_items (plan_id, position, kind, title, owner_id, due_date, status, done_on)
               VALUES (1, 0, 'follow_up', '拜访', 1, '2026-11-01', 'done', '2026-11-02'),
                      (1, 1, 'follow_up', '回访', 1, '2026-12-01', 'not_started', NULL);
             INSERT INTO kpi_tally_state (campaign_id, family, fresh)
               SELECT 1, value, 1 FROM json_each('[\"targets\",\"plans\",\"warnings\",\"snapshots\",\"key_people\",\"subsidies\"]');",
        )
        .expect("version 14 data");
    }
    let store = Store::open(&path).expect("upgrade");
    assert_eq!(store.schema_version().expect("v"), LATEST);
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 15).expect("day");
    let dashboard = store.dashboards().read(CampaignId(1), day, None).expect("dashboard");
    assert_eq!(dashboard.warnings.open, 1, "the warning raised on 10 Nov is open on the 15th, though the old tallies had no such fact");
    let whole = dashboard.plans.last().expect("the whole campaign's plan row");
    assert_eq!((whole.items, whole.done), (2, 1), "both items of the plan, one done by the 15th");
    drop(store);
    assert_schema_is_fresh(&path);
}

#[test]
fn a_version_fifteen_database_reads_the_sample_service_standards_and_keeps_an_edit() {
    use rampart_core::domain::service_standard::{defaults, sample};
    use rampart_core::domain::Tier;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v15.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 15).expect("build a version 15 database");
        conn.execute("INSERT INTO campaigns (id, name, start_date, end_date) VALUES (1, '旧活动', '2026-10-01', '2026-12-31')", [])
            .expect("version 15 data");
    }
    let store = Store::open(&path).expect("upgrade");
    assert_eq!(store.schema_version().expect("v"), LATEST);
    assert_eq!(store.service_standards().list(CampaignId(1)).expect("standards"), defaults(), "an old campaign reads the seed's tiers");
    let mut c = sample(Tier::C);
    c.visit_every_months = 4;
    store.service_standards().set(CampaignId(1), &c).expect("an edit on the upgraded file");
    drop(store);
    assert_schema_is_fresh(&path);
}

#[test]
fn a_version_sixteen_database_lists_its_high_risk_targets_without_fibre_to_survey() {
    use rampart_core::domain::fibre::FibreStatus;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v16.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 16).expect("build a version 16 database");
        // A broadband line at 600 元 a month: high-risk by price, and no fibre.
        conn.execute_batch(
            "INSERT INTO campaigns (id, name, start_date, end_date) VALUES (1, '旧活动', '2026-10-01', '2026-12-31');
             INSERT INTO clients (id, code, name, category, tier) VALUES (1, 'C1', '甲', 'sme', 'A');
             INSERT INTO contracts (number, client_id, product_type, monthly_fee_fen) VALUES ('K1', 1, 'broadband', 60000);
             INSERT INTO campaign_targets VALUES (1, 1);",
        )
        .expect("version 16 data");
    }
    let store = Store::open(&path).expect("upgrade");
    assert_eq!(store.schema_version().expect("v"), LATEST);
    let list = store.fibre().list(CampaignId(1), None, None, 0, 0).expect("work list");
    assert_eq!(list.rows.iter().map(|r| (r.code.as_str(), r.status)).collect::<Vec<_>>(), [("C1", FibreStatus::ToSurvey)]);
    drop(store);
    assert_schema_is_fresh(&path);
}

#[test]
fn a_version_seventeen_database_has_its_visits_due_and_its_record_key_persons_as_contacts() {
    use rampart_core::domain::ids::ClientId;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v17.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 17).expect("build a version 17 database");
        conn.execute_batch(
            "INSERT INTO campaigns (id, name, start_date, end_date) VALUES (1, '旧活动', '2026-10-01', '2026-12-31');
             INSERT INTO clients (id, code, name, category, tier, key_person, key_person_phone) VALUES (1, 'C1', '甲', 'sme', 'A', '王主任', '138');
             INSERT INTO campaign_targets VALUES (1, 1);",
        )
        .expect("version 17 data");
    }
    let store = Store::open(&path).expect("upgrade");
    assert_eq!(store.schema_version().expect("v"), LATEST);
    let contacts = store.contacts().list(ClientId(1)).expect("contacts");
    assert_eq!(contacts.iter().map(|c| (c.name.as_str(), c.key_person)).collect::<Vec<_>>(), [("王主任", true)], "the record's key person");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 15).expect("day");
    let due = store.visits().due(CampaignId(1), today, Default::default(), 0, 0).expect("due");
    assert_eq!(due.total, 2, "tier A: October's visit overdue and November's due");
    drop(store);
    assert_schema_is_fresh(&path);
}

#[test]
fn a_version_eighteen_database_reads_the_sample_service_calendar_and_takes_requests() {
    use rampart_core::domain::green_channel::{RequestInput, RequestKind};
    use rampart_core::domain::ids::ClientId;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v18.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 18).expect("build a version 18 database");
        conn.execute_batch(
            "INSERT INTO campaigns (id, name, start_date, end_date) VALUES (1, '旧活动', '2026-10-01', '2026-12-31');
             INSERT INTO clients (id, code, name, category, tier) VALUES (1, 'C1', '甲', 'sme', 'A');
             INSERT INTO campaign_targets VALUES (1, 1);",
        )
        .expect("version 18 data");
    }
    let store = Store::open(&path).expect("upgrade");
    assert_eq!(store.schema_version().expect("v"), LATEST);
    let at = |t: &str| chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M").expect("moment");
    let by = rampart_core::domain::plan::By { author: "t".into(), at: at("2026-11-18 10:00") };
    let input = RequestInput { kind: RequestKind::Fault, received_at: at("2026-11-18 10:00"), description: "断网".into() };
    let request = store.green_channel().add(CampaignId(1), ClientId(1), &input, at("2026-11-18 10:00"), &by).expect("a request");
    assert_eq!(request.response_due, at("2026-11-18 12:00"), "tier A's sample 2 h on the sample calendar");
    drop(store);
    assert_schema_is_fresh(&path);
}

#[test]
fn a_version_nineteen_database_reads_the_sample_care_calendar() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v19.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 19).expect("build a version 19 database");
        conn.execute_batch("INSERT INTO campaigns (id, name, start_date, end_date) VALUES (1, '旧活动', '2026-10-01', '2026-12-31');")
            .expect("version 19 data");
    }
    let store = Store::open(&path).expect("upgrade");
    assert_eq!(store.schema_version().expect("v"), LATEST);
    let settings = store.care().settings(CampaignId(1)).expect("care settings");
    assert!(settings.holiday("国庆", 2026).is_some() && settings.new_within_days == 365, "the sample holidays and window");
    assert_eq!(store.care().lines(CampaignId(1), 0, 0).expect("lines").total, 0);
    drop(store);
    assert_schema_is_fresh(&path);
}

#[test]
fn a_version_twenty_database_keeps_its_visits_and_records_tracker_rows_once() {
    use rampart_core::domain::ids::ClientId;
    use rampart_core::domain::visit::VisitInput;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v20.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 20).expect("build a version 20 database");
        conn.execute_batch(
            "INSERT INTO campaigns (id, name, start_date, end_date) VALUES (1, '旧活动', '2026-10-01', '2026-12-31');
             INSERT INTO clients (id, code, name, category, tier) VALUES (1, 'C1', '甲', 'sme', 'A');
             INSERT INTO campaign_targets VALUES (1, 1);
             INSERT INTO visits (campaign_id, client_id, visited_on, met, source, recorded_at, recorded_by)
             VALUES (1, 1, '2026-10-09', '张三 会见 王总', 'form', '2026-10-09 10:00:00', 't');",
        )
        .expect("version 20 data");
    }
    let store = Store::open(&path).expect("upgrade");
    assert_eq!(store.schema_version().expect("v"), LATEST);
    let kept = store.visits().list(CampaignId(1), None, 10, 0).expect("visits");
    assert_eq!(kept.total, 1, "the visit recorded before the upgrade is kept");
    let by = rampart_core::domain::plan::By {
        author: "t".into(),
        at: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("moment"),
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("day");
    let input = VisitInput {
        visited_on: today,
        met: "李四 会见 财务".into(),
        needs: String::new(),
        competitors: String::new(),
        next_steps: String::new(),
        request: None,
    };
    store.visits().record_from_tracker(CampaignId(1), ClientId(1), &input, today, "token:V1-x-20261130", &by).expect("a tracker row");
    assert!(
        store.visits().record_from_tracker(CampaignId(1), ClientId(1), &input, today, "token:V1-x-20261130", &by).is_err(),
        "the same tracker row cannot be recorded twice"
    );
    assert!(store.visits().from_tracker_row("token:V1-x-20261130").expect("lookup").is_some());
    drop(store);
    assert_schema_is_fresh(&path);
}

#[test]
fn a_version_twenty_one_database_reads_the_sample_point_scheme_and_takes_members() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v21.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 21).expect("build a version 21 database");
        conn.execute_batch("INSERT INTO campaigns (id, name, start_date, end_date) VALUES (1, '旧活动', '2026-10-01', '2026-12-31');")
            .expect("version 21 data");
    }
    let store = Store::open(&path).expect("upgrade");
    assert_eq!(store.schema_version().expect("v"), LATEST);
    let scheme = store.points().scheme(CampaignId(1)).expect("scheme");
    assert_eq!(scheme.levels.len(), 4, "the appendix's four levels");
    let period = rampart_core::domain::warning::BillingPeriod::parse("2026-11").expect("period");
    let joined = chrono::NaiveDate::from_ymd_opt(2025, 6, 15).expect("day");
    let spend = rampart_core::money::Money::from_fen(10_000);
    store.points().put_member(CampaignId(1), &period, ("13900000001", "甲"), joined, None, spend, None).expect("a member");
    let by = rampart_core::domain::plan::By {
        author: "t".into(),
        at: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("moment"),
    };
    assert_eq!(
        store
            .points()
            .compute(CampaignId(1), &period, chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("day"), &by)
            .expect("compute")
            .spend_points,
        100
    );
    drop(store);
    assert_schema_is_fresh(&path);
}

#[test]
fn a_version_twenty_two_database_finds_its_clients_by_two_characters_after_the_upgrade() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v22.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 22).expect("build a version 22 database");
        conn.execute_batch(
            "INSERT INTO clients (code, name, category, tier) VALUES ('OLD1', '鼓楼老客户', 'sme', 'C'), ('OLD2', '泉山新客户', 'sme', 'B');",
        )
        .expect("version 22 data");
    }
    let store = Store::open(&path).expect("upgrade");
    let query = |typed: &str| rampart_core::domain::ClientQuery { search: Some(typed.into()), ..Default::default() };
    let page = store.clients().page(&query("鼓楼")).expect("search");
    assert_eq!(page.rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), ["OLD1"], "the upgrade indexes the clients already there");
    assert_eq!(store.clients().page(&query("客户")).expect("search").total, 2, "every client, not only new ones");
    drop(store);
    assert_schema_is_fresh(&path);
}

#[test]
fn a_version_twenty_three_database_gives_its_plan_items_and_warnings_a_version_that_every_change_moves_on() {
    use rampart_core::domain::access::{Account, AccountRole};
    use rampart_core::domain::plan::{ItemStatus, StatusChange};
    use rampart_core::store::team_view::TeamView;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v23.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 23).expect("build a version 23 database");
        conn.execute_batch(
            "INSERT INTO campaigns (id, name, start_date, end_date) VALUES (1, '旧活动', '2026-10-01', '2026-12-31');
             INSERT INTO clients (id, code, name, category, tier) VALUES (1, 'OLD1', '老客户', 'sme', 'C');
             INSERT INTO plans (id, campaign_id, client_id) VALUES (1, 1, 1);
             INSERT INTO plan_items (id, plan_id, position, kind, title, due_date) VALUES (1, 1, 0, 'follow_up', '走访', '2026-11-30');
             INSERT INTO contracts (id, number, client_id, product_type, monthly_fee_fen, dec_fee_fen, term_months)
                 VALUES (1, 'K1', 1, 'broadband', 10000, 0, 12);
             INSERT INTO warnings (id, campaign_id, contract_id, reason, period, previous_period, was_in_network, was_tariff_fen,
                                   in_network, tariff_fen, raised_on)
                 VALUES (1, 1, 1, 'left', '2026-11', '2026-10', 1, 10000, 0, 0, '2026-11-05');",
        )
        .expect("version 23 data");
    }
    let store = Store::open(&path).expect("upgrade");
    let planner =
        Account { id: 0, login: "local".into(), name: "王策划".into(), role: AccountRole::Planner, district_id: None, district: None };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("day");
    let item = store.plan_item(&planner, 1, today).expect("the old item");
    assert_eq!(item.version, 1, "an item already there starts at version 1");
    let change = StatusChange::new(ItemStatus::InProgress, None, "", today).expect("change");
    let moved = store.set_item_status(&planner, 1, 1, &change, today).expect("a change from the current version");
    assert_eq!((moved.status, moved.version), (ItemStatus::InProgress, 2), "the change is made and moves the version on");
    let stale = store.set_item_status(&planner, 1, 1, &change, today).expect_err("a change from the old version");
    assert_eq!(stale.code(), "stale", "is refused, not written over the newer one");
    let warning = store.warning(&planner, 1, today).expect("the old warning");
    assert_eq!(warning.version, 1, "a warning already there starts at version 1 too");
    let contacted = store
        .set_warning_status(&planner, 1, 1, rampart_core::domain::warning::WarningStatus::Contacted, "已联系", today)
        .expect("a change from the current version");
    assert_eq!(contacted.version, 2, "and moves on with its first change");
    drop(store);
    assert_schema_is_fresh(&path);
}

#[test]
fn a_version_twenty_four_database_gives_its_clients_a_version_that_every_change_moves_on() {
    use rampart_core::domain::access::{Account, AccountRole};
    use rampart_core::domain::plan::By;
    use rampart_core::store::team_view::TeamView;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v24.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 24).expect("build a version 24 database");
        conn.execute_batch(
            "INSERT INTO campaigns (id, name, start_date, end_date) VALUES (1, '旧活动', '2026-10-01', '2026-12-31');
             INSERT INTO clients (id, code, name, category, tier, key_person, key_person_phone)
                 VALUES (1, 'OLD1', '老客户', 'sme', 'C', '王主任', '13800001111');
             INSERT INTO campaign_targets (campaign_id, client_id) VALUES (1, 1);",
        )
        .expect("version 24 data");
    }
    let store = Store::open(&path).expect("upgrade");
    let planner =
        Account { id: 0, login: "local".into(), name: "王策划".into(), role: AccountRole::Planner, district_id: None, district: None };
    let listed = store.client_page(&planner, 1, "", 0, 10).expect("the campaign's clients");
    assert_eq!(
        listed.rows.iter().map(|c| (c.code.as_str(), c.version)).collect::<Vec<_>>(),
        [("OLD1", 1)],
        "a client already there starts at version 1"
    );
    let detail = rampart_core::domain::ClientInput {
        name: "老客户（更名）".into(),
        ..store.clients().get(rampart_core::domain::ids::ClientId(1)).expect("client").to_input()
    };
    let by = By {
        author: "王策划".into(),
        at: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("at"),
    };
    store.clients().update(rampart_core::domain::ids::ClientId(1), &detail, &by).expect("a change to the client");
    let opened = store.client_detail(&planner, 1).expect("the client");
    assert_eq!((opened.client.name.as_str(), opened.client.version), ("老客户（更名）", 2), "the change moves its version on");
    store.clients().update(rampart_core::domain::ids::ClientId(1), &detail, &by).expect("the same values again");
    assert_eq!(store.client_detail(&planner, 1).expect("the client").client.version, 2, "an update that changes nothing keeps the version");
    assert_eq!(opened.key_persons.len(), 1, "its key person is shown");
    assert_eq!(opened.key_persons[0].phone, "13800001111", "whole, in the planner's own file");
    drop(store);
    assert_schema_is_fresh(&path);
}

#[test]
fn a_version_twenty_five_database_looks_clients_up_by_category_and_tier_through_the_one_index_left() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v25.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 25).expect("build a version 25 database");
        conn.execute_batch(
            "INSERT INTO clients (id, code, name, category, tier) VALUES
                 (1, 'K2', '乙公司', 'sme', 'C'), (2, 'K1', '甲公司', 'sme', 'C'), (3, 'K3', '丙公司', 'strategic', 'A');",
        )
        .expect("version 25 data");
    }
    let store = Store::open(&path).expect("upgrade");
    drop(store);
    let conn = Connection::open(&path).expect("reopen");
    let indexes: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE 'clients_category%' ORDER BY name")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("names");
    assert_eq!(indexes, ["clients_category_tier_code"], "the two-column index went; the one that starts with the same columns stays");
    let plan: Vec<String> = conn
        .prepare("EXPLAIN QUERY PLAN SELECT code FROM clients WHERE category = 'sme' AND tier = 'C' ORDER BY code")
        .expect("prepare")
        .query_map([], |r| r.get("detail"))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("plan");
    let plan = plan.join(" | ");
    assert!(
        plan.contains("clients_category_tier_code") && !plan.contains("TEMP B-TREE"),
        "a lookup by category and tier still uses an index, sorted by code without a sort of its own: {plan}"
    );
    let codes: Vec<String> = conn
        .prepare("SELECT code FROM clients WHERE category = 'sme' AND tier = 'C' ORDER BY code")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("codes");
    assert_eq!(codes, ["K1", "K2"], "and finds the same clients as before");
    assert_schema_is_fresh(&path);
}

#[test]
fn a_version_twenty_six_database_gains_an_empty_list_of_indexes_to_build_and_keeps_its_clients() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v26.db");
    {
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, 26).expect("build a version 26 database");
        conn.execute_batch("INSERT INTO clients (id, code, name, category, tier) VALUES (1, 'K1', '甲公司', 'sme', 'C');")
            .expect("version 26 data");
    }
    let store = Store::open(&path).expect("upgrade");
    store.catch_up().expect("nothing to catch up on, and no error for it");
    drop(store);
    let conn = Connection::open(&path).expect("reopen");
    let waiting: i64 = conn.query_row("SELECT count(*) FROM indexes_to_build", [], |r| r.get(0)).expect("the list exists");
    assert_eq!(waiting, 0, "an upgraded file has no index waiting: every one it had is built");
    let name: String = conn.query_row("SELECT name FROM clients WHERE code = 'K1'", [], |r| r.get(0)).expect("the client");
    assert_eq!(name, "甲公司", "and keeps its clients");
    assert_schema_is_fresh(&path);
}
