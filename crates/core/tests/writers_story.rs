//! Two writers on one database file, as when a warnings import starts while a large client
//! import runs: the second waits its turn and then succeeds; with a short limit it gives up with
//! `database_busy`, naming the file and who holds it. Database errors name the file.
//! Threads are synchronised with channels; nothing sleeps.

use std::collections::HashMap;
use std::path::Path;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use chrono::NaiveDate;
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::ClientQuery;
use rampart_core::import::snapshots::{import_snapshots, SnapshotReport};
use rampart_core::import::{import_clients, ImportOptions};
use rampart_core::store::writers::WriteWait;
use rampart_core::{demo, Error, Store};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
}

/// A client file large enough that the import reports progress (every 1,000 rows) while its
/// transaction is open.
fn big_client_file(dir: &Path) -> std::path::PathBuf {
    let mut text = String::from("客户编码,客户名称,客户类别,客户等级\n");
    for i in 0..2_500 {
        text.push_str(&format!("BIG{i:05},客户{i},中小企业,C\n"));
    }
    let path = dir.join("big.csv");
    std::fs::write(&path, text).expect("write");
    path
}

/// The demo campaign and a snapshot file for one of its broadband contracts.
fn demo_and_snapshot(dir: &Path, db: &Path) -> (CampaignId, std::path::PathBuf) {
    let store = Store::open(db).expect("store");
    let campaign = demo::seed_demo(&store, today()).expect("demo");
    let clients = store.clients().page(&ClientQuery { campaign_id: Some(campaign), limit: 1, ..Default::default() }).expect("clients");
    let contract = store.clients().get(clients.rows[0].id).expect("client").contracts[0].number.clone();
    let path = dir.join("snapshot.csv");
    // December: the campaign's last month (a snapshot outside its months is refused).
    std::fs::write(&path, format!("账期,合同号,在网,当前资费\n202612,{contract},在网,100\n")).expect("write");
    (campaign, path)
}

/// Runs a client import in another thread that stops at 1,000 rows, inside its transaction,
/// until told to go on. Returns once it holds the database.
fn import_holding_the_database(db: &Path, file: &Path) -> (mpsc::Sender<()>, thread::JoinHandle<u64>) {
    let (held_tx, held) = mpsc::channel();
    let (go, go_rx) = mpsc::channel::<()>();
    let (db, file) = (db.to_path_buf(), file.to_path_buf());
    let import = thread::spawn(move || {
        let store = Store::open(&db).expect("store");
        let options = ImportOptions {
            campaign_id: None,
            dry_run: false,
            mapping: HashMap::new(),
            author: "王策划".into(),
            now: today().and_hms_opt(9, 0, 0).expect("t"),
        };
        let report = import_clients(&store, &file, &options, &mut |rows| {
            if rows == 1_000 {
                held_tx.send(()).expect("main listens");
                go_rx.recv().expect("main says go");
            }
            true
        })
        .expect("the long import succeeds");
        report.counts.clients_created
    });
    held.recv().expect("the import reached 1,000 rows");
    (go, import)
}

#[test]
fn a_warnings_import_waits_for_a_long_client_import_then_succeeds() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("rampart.db");
    let (campaign, snapshot) = demo_and_snapshot(dir.path(), &db);
    let (go, import) = import_holding_the_database(&db, &big_client_file(dir.path()));

    enum Heard {
        Waiting(WriteWait),
        Done(Result<SnapshotReport, Error>),
    }
    let (tell, heard) = mpsc::channel();
    let second = {
        let db = db.clone();
        thread::spawn(move || {
            let mut store = Store::open(&db).expect("a reader opens while the import writes");
            let waiting = tell.clone();
            store.on_write_wait(move |wait| waiting.send(Heard::Waiting(wait.clone())).expect("main listens"));
            tell.send(Heard::Done(import_snapshots(&store, &snapshot, campaign, false, today()))).expect("main listens");
        })
    };
    // Only once the second writer has found the database held and started to wait may the
    // first finish: so the second really waited.
    let wait = match heard.recv().expect("the second writer reports") {
        Heard::Waiting(wait) => wait,
        Heard::Done(result) => panic!("the second writer must wait while the import holds the database, got {result:?}"),
    };
    assert_eq!(wait.file, db.display().to_string());
    let holder = wait.holder.expect("the import left a note saying who holds the database");
    assert!(holder.contains(&format!("pid {}", std::process::id())), "the note names this process: {holder}");
    go.send(()).expect("import listens");

    assert_eq!(import.join().expect("import thread"), 2_500, "the first writer's work landed");
    let Heard::Done(result) = heard.recv().expect("the second writer finishes") else { panic!("it waits only once") };
    second.join().expect("second thread");
    let report = result.expect("the second writer waited its turn instead of failing");
    assert!(report.written && report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.counts.baselines, 1, "the second writer's work landed too");
    let store = Store::open(&db).expect("store");
    assert_eq!(store.clients().page(&ClientQuery { search: Some("BIG".into()), ..Default::default() }).expect("q").total, 2_500);
    assert!(!rampart_core::store::writers::note_path(&db).exists(), "the note goes with the transaction");
    assert!(store.integrity_ok().expect("check"));
}

#[test]
fn with_a_short_limit_the_second_writer_gets_database_busy_naming_the_file_and_the_holder() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("rampart.db");
    let (campaign, snapshot) = demo_and_snapshot(dir.path(), &db);
    let (go, import) = import_holding_the_database(&db, &big_client_file(dir.path()));

    let mut store = Store::open(&db).expect("store");
    store.set_write_wait(Duration::from_millis(50)).expect("limit");
    let err = import_snapshots(&store, &snapshot, campaign, false, today()).expect_err("the database is held throughout");
    assert_eq!(err.code(), "database_busy", "{err:?}");
    let path = db.display().to_string();
    for message in [err.message_zh(), err.message_en()] {
        assert!(message.contains(&path), "the message names the file: {message}");
        assert!(message.contains(&format!("pid {}", std::process::id())), "and who holds it: {message}");
    }
    // A single-statement write waits on SQLite's busy timeout; `explain` says the same.
    let err = store.explain(store.settings().set("language", "en").expect_err("held"));
    assert!(matches!(&err, Error::DatabaseBusy { file, .. } if *file == path), "{err:?}");

    go.send(()).expect("import listens");
    import.join().expect("import thread");
    let report = import_snapshots(&store, &snapshot, campaign, false, today()).expect("free again");
    assert!(report.written, "once the holder has finished, the same write goes through");
}

#[test]
fn a_database_error_names_the_file() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("报表.xlsx");
    std::fs::write(&path, "this is not a database, it only has its name wrong ".repeat(200)).expect("write");
    let err = Store::open(&path).err().expect("not a database");
    assert_eq!(err.code(), "database", "the code stays as it was");
    let file = path.display().to_string();
    assert!(err.message_zh().contains(&file) && err.message_zh().contains("不是 Rampart 数据库"), "{}", err.message_zh());
    assert!(err.message_en().contains(&file) && err.message_en().contains("not a Rampart database"), "{}", err.message_en());
}
