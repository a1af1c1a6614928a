//! What a first import of a text file leaves for after its commit (its indexes, its clients'
//! search entries, the figures it made stale) and how it is caught up: in steps, by the next
//! change, or by the next program to open a file whose writer stopped. On real files, read back
//! through a second connection.

mod support;

use std::path::{Path, PathBuf};

use rampart_core::domain::ClientQuery;
use rampart_core::import::import_clients;
use rampart_core::store::schema::{migrate, snapshot};
use rampart_core::{demo, Store};
use rusqlite::Connection;

/// A client file of `n` clients, one contract each.
fn clients_csv(dir: &Path, n: usize) -> PathBuf {
    let mut text = String::from("客户编码,客户名称,客户类别,客户等级,区县,合同号,产品类型,月费,去年12月费用,协议期限（月）,协议到期日\n");
    for i in 0..n {
        text.push_str(&format!("KC{i:04},徐州客户{i}号,中小企业,C,鼓楼区,HK{i:04},纯光纤,300,280,24,2027-06-30\n"));
    }
    let path = dir.join("clients.csv");
    std::fs::write(&path, text).expect("write the file");
    path
}

fn waiting(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).expect("a second reader");
    let mut stmt = conn.prepare("SELECT name FROM indexes_to_build ORDER BY name").expect("prepare");
    stmt.query_map([], |r| r.get(0)).expect("query").collect::<Result<_, _>>().expect("names")
}

fn schema_of(path: &Path) -> String {
    snapshot(&Connection::open(path).expect("a second reader")).expect("snapshot")
}

fn fresh_schema() -> String {
    let mut conn = Connection::open_in_memory().expect("memory");
    migrate(&mut conn).expect("migrate");
    snapshot(&conn).expect("snapshot")
}

#[test]
fn a_first_import_commits_before_its_indexes_and_the_steps_after_it_build_them() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("rampart.db");
    let store = Store::open(&db).expect("store");
    let report = import_clients(&store, &clients_csv(dir.path(), 300), &support::import_options(None), &mut |_| true).expect("import");
    assert_eq!(report.problems.len(), 0, "a clean file");

    let left = waiting(&db);
    assert!(
        left.iter().any(|n| n == "clients_name") && left.iter().any(|n| n == "contracts_client"),
        "a first import into empty tables commits without their secondary indexes, listing them: {left:?}"
    );
    let found = store.clients().page(&ClientQuery { search: Some("客户12号".into()), ..Default::default() }).expect("search");
    assert_eq!(found.total, 1, "the clients answer queries before their indexes are built");

    let mut steps = 0;
    while store.catch_up_step().expect("a step") {
        steps += 1;
        assert!(steps < 1_000, "catching up ends");
    }
    assert!(steps >= left.len(), "one index a step, so the window is never held long ({steps} steps for {} indexes)", left.len());
    assert!(waiting(&db).is_empty(), "nothing waits once the steps say so");
    assert_eq!(schema_of(&db), fresh_schema(), "and the file's schema is exactly a fresh database's");
}

#[test]
fn a_change_right_after_the_import_builds_the_waiting_indexes_first() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("rampart.db");
    let store = Store::open(&db).expect("store");
    let options = support::import_options(None);
    import_clients(&store, &clients_csv(dir.path(), 200), &options, &mut |_| true).expect("import");
    assert!(!waiting(&db).is_empty(), "the indexes wait");

    // An undo deletes every client and contract the import wrote: with the indexes its foreign
    // keys look rows up by, not a scan of the contracts per client.
    store.imports().undo_last(options.now).expect("undo");
    assert!(waiting(&db).is_empty(), "the change built them before it ran");
    assert_eq!(schema_of(&db), fresh_schema(), "every index is there again");
    assert_eq!(store.clients().page(&ClientQuery::default()).expect("q").total, 0, "and the undo did its work");
}

#[test]
fn indexes_a_stopped_program_left_are_built_by_the_next_to_open_the_file() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("rampart.db");
    {
        let store = Store::open(&db).expect("store");
        import_clients(&store, &clients_csv(dir.path(), 120), &support::import_options(None), &mut |_| true).expect("import");
        // Closed before a single step: as when the app is quit, or killed, right after an import.
    }
    let left = waiting(&db);
    assert!(!left.is_empty(), "the list survives the program that wrote it");
    let store = Store::open(&db).expect("open again");
    assert_eq!(store.clients().page(&ClientQuery::default()).expect("q").total, 120, "every client was committed");
    store.catch_up().expect("catch up");
    assert!(waiting(&db).is_empty(), "the next program builds what was left");
    assert_eq!(schema_of(&db), fresh_schema(), "and the schema is whole");
}

#[test]
fn figures_built_before_an_import_are_fresh_again_after_catching_up() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("rampart.db");
    let store = Store::open(&db).expect("store");
    let campaign = demo::seed_demo(&store, support::import_options(None).now.date()).expect("demo");
    let states = |db: &Path| -> Vec<(String, bool)> {
        let conn = Connection::open(db).expect("a second reader");
        let mut stmt = conn.prepare("SELECT family, fresh FROM kpi_tally_state ORDER BY family").expect("prepare");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("query").collect::<Result<_, _>>().expect("rows")
    };
    store.subsidies().totals(campaign).expect("the subsidy totals, built once");
    let subsidies_fresh = |db: &Path| -> bool {
        let conn = Connection::open(db).expect("a second reader");
        conn.query_row("SELECT fresh FROM subsidy_state", [], |r| r.get(0)).expect("the campaign's subsidy state")
    };
    assert!(subsidies_fresh(&db), "built, the subsidies are fresh");
    assert!(states(&db).iter().any(|(_, fresh)| *fresh), "the demo's figures were built: {:?}", states(&db));

    import_clients(&store, &clients_csv(dir.path(), 50), &support::import_options(Some(campaign)), &mut |_| true).expect("import");
    assert!(states(&db).iter().all(|(_, fresh)| !fresh), "the import made them stale: {:?}", states(&db));
    assert!(!subsidies_fresh(&db), "the subsidies too");

    let mut steps = 0;
    while store.catch_up_step().expect("a step") {
        steps += 1;
    }
    assert!(steps > states(&db).len(), "one campaign's subsidies or one family of tallies a step ({steps} steps)");
    assert!(states(&db).iter().all(|(_, fresh)| *fresh), "catching up built them again: {:?}", states(&db));
    assert!(subsidies_fresh(&db), "the subsidies too");
    assert!(!store.catch_up_step().expect("a step"), "and a step with nothing left says so");
}
