//! Finding clients by part of a code or name, as planners type it: one or two Chinese
//! characters, a number from a name, part of a code; kept in step by every kind of write (the
//! form, an import, its undo, a delete).

mod support;

use chrono::NaiveDate;
use rampart_core::domain::plan::By;
use rampart_core::domain::{ClientInput, ClientQuery};
use rampart_core::import::{import_clients, ImportOptions};
use rampart_core::Store;

fn client(code: &str, name: &str) -> ClientInput {
    support::small_client(code, name)
}

fn found(store: &Store, typed: &str) -> Vec<String> {
    let page = store.clients().page(&ClientQuery { search: Some(typed.into()), limit: 1_000, ..Default::default() }).expect("search");
    assert_eq!(page.total as usize, page.rows.len(), "the total counts what the search finds ({typed})");
    let mut codes: Vec<String> = page.rows.into_iter().map(|r| r.code).collect();
    codes.sort();
    codes
}

fn now() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("now")
}

#[test]
fn any_part_of_a_code_or_name_finds_the_client_one_character_included() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("s.db")).expect("open");
    store.clients().create(&client("C0999001", "徐州鼓楼第12345号网吧"), None).expect("a");
    store.clients().create(&client("C0998002", "云龙区电信营业厅"), None).expect("b");
    store.clients().create(&client("KH77", "鼓 楼 Sports Club"), None).expect("c");

    assert_eq!(found(&store, "鼓楼"), ["C0999001"], "two characters, as planners type district names; 鼓 and 楼 apart are not 鼓楼");
    assert_eq!(found(&store, "第12345号"), ["C0999001"], "a number from the name");
    assert_eq!(found(&store, "C0999"), ["C0999001"], "the start of a code");
    assert_eq!(found(&store, "9990"), ["C0999001"], "the middle of a code");
    assert_eq!(found(&store, "鼓"), ["C0999001", "KH77"], "one character finds every client holding it");
    assert_eq!(found(&store, "电信"), ["C0998002"]);
    assert_eq!(found(&store, "sports"), ["KH77"], "letter case does not matter");
    assert_eq!(found(&store, "鼓楼 网吧"), ["C0999001"], "words apart must each be found");
    assert_eq!(found(&store, "楼第"), ["C0999001"], "any two neighbouring characters");
    assert!(found(&store, "77鼓").is_empty(), "the code's end and the name's start are not one text");
    assert!(found(&store, "网咖").is_empty(), "what no client holds finds nothing");
    assert!(found(&store, "\"").is_empty(), "a quote is a character to look for, not query syntax");
    store.clients().create(&client("HT-2026-01", "甲（鼓楼）公司"), None).expect("punctuation");
    store.clients().create(&client("HT202601", "乙鼓楼公司"), None).expect("no punctuation");
    assert_eq!(found(&store, "T-2"), ["HT-2026-01"], "ASCII punctuation is part of what is looked for");
    assert_eq!(found(&store, "（鼓楼）"), ["HT-2026-01"], "so are full-width brackets");
    assert_eq!(found(&store, "-"), ["HT-2026-01"], "one punctuation character alone");
    assert_eq!(found(&store, "  ").len(), 5, "blank is no search");
}

#[test]
fn edits_deletes_imports_and_undo_keep_the_search_in_step() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("s.db")).expect("open");
    let id = store.clients().create(&client("C1", "泉山教育局"), None).expect("create");
    let by = By { author: "王".into(), at: now() };
    store.clients().update(id, &client("C1", "铜山教育局"), &by).expect("rename");
    assert!(found(&store, "泉山").is_empty(), "the old name is no longer found");
    assert_eq!(found(&store, "铜山"), ["C1"], "the new name is");

    let file = dir.path().join("clients.csv");
    std::fs::write(&file, "客户编码,客户名称,客户类别,客户等级\nC1,贾汪教育局,中小企业,C\nC2,鼓楼卫健委,中小企业,B\n").expect("file");
    let options = ImportOptions { campaign_id: None, dry_run: false, mapping: Default::default(), author: "王".into(), now: now() };
    let report = import_clients(&store, &file, &options, &mut |_| true).expect("import");
    assert!(report.written, "the import is written: {:?}", report.problems);
    assert_eq!(found(&store, "鼓楼"), ["C2"], "a client the import created is found");
    assert_eq!(found(&store, "贾汪"), ["C1"], "a client the import renamed is found by its new name");
    assert!(found(&store, "铜山").is_empty(), "and not by its old one");

    store.imports().undo_last(now()).expect("undo");
    assert!(found(&store, "鼓楼").is_empty(), "the undone import's client is gone from the search");
    assert_eq!(found(&store, "铜山"), ["C1"], "the undone rename is found by its name before");

    store.clients().delete(id).expect("delete");
    assert!(found(&store, "铜山").is_empty(), "a deleted client is not found");
}

#[test]
fn a_client_written_by_another_program_with_plain_sql_is_found() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("s.db");
    drop(Store::open(&path).expect("a new database"));
    // Another program knows nothing of Rampart's functions; its writes must still work.
    let other = rusqlite::Connection::open(&path).expect("open");
    other
        .execute("INSERT INTO clients (code, name, category, tier) VALUES ('EXT1', '贾汪区外来客户', 'sme', 'C')", [])
        .expect("a plain SQL insert works without Rampart's functions");
    drop(other);
    let store = Store::open(&path).expect("reopen");
    assert_eq!(found(&store, "贾汪"), ["EXT1"], "the client another program wrote is indexed when the file is opened");
    let again = rusqlite::Connection::open(&path).expect("open");
    again.execute("UPDATE clients SET name = '铜山外来客户' WHERE code = 'EXT1'", []).expect("a plain SQL update");
    drop(again);
    assert_eq!(found(&store, "铜山"), ["EXT1"], "and indexed again before the next search when it changes meanwhile");
    assert!(found(&store, "贾汪").is_empty());
}

/// A list of `count` clients from `first` on, named after `place`, as a CSV body.
fn rows(prefix: &str, place: &str, first: usize, count: usize) -> String {
    (first..first + count).map(|i| format!("{prefix}{i:05},{place}{i}号公司,中小企业,C\n")).collect()
}

#[test]
fn a_large_import_is_found_whole_and_an_import_that_is_not_kept_leaves_the_search_as_it_was() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("s.db")).expect("open");
    let options = ImportOptions { campaign_id: None, dry_run: false, mapping: Default::default(), author: "王".into(), now: now() };
    let header = "客户编码,客户名称,客户类别,客户等级\n";
    let file = dir.path().join("clients.csv");
    // More clients than the import indexes at a time, so the index is built in several steps.
    std::fs::write(&file, format!("{header}{}", rows("C", "徐州", 0, 12_001))).expect("file");
    assert!(import_clients(&store, &file, &options, &mut |_| true).expect("import").written);
    assert_eq!(found(&store, "徐州7号公司"), ["C00007"], "a client from the first step is found");
    assert_eq!(found(&store, "徐州12000号"), ["C12000"], "and the last client, written after the last full step");
    let every = store.clients().page(&ClientQuery { search: Some("徐州".into()), limit: 10, ..Default::default() }).expect("search");
    assert_eq!(every.total, 12_001, "every client of the import is found, none twice");

    std::fs::write(&file, format!("{header}C00007,贾汪改名公司,中小企业,C\n{}", rows("D", "新沂", 0, 6_000))).expect("file");
    assert!(import_clients(&store, &file, &options, &mut |_| true).expect("import").written);
    assert_eq!(found(&store, "贾汪改名"), ["C00007"], "a client an import renamed is found by its new name");
    assert!(found(&store, "徐州7号公司").is_empty(), "and no longer by its old one");
    assert_eq!(found(&store, "新沂5999号"), ["D05999"], "clients the second import created are found");

    std::fs::write(&file, format!("{header}{}E99999,,中小企业,C\n", rows("E", "睢宁", 0, 7_000))).expect("file");
    let refused = import_clients(&store, &file, &options, &mut |_| true).expect("import");
    assert!(!refused.written && !refused.problems.is_empty(), "a new client without a name stops the whole import");
    assert!(found(&store, "睢宁").is_empty(), "nothing of an import that was not kept is found");
    let dry = ImportOptions { dry_run: true, ..options.clone() };
    std::fs::write(&file, format!("{header}{}", rows("F", "邳州", 0, 6_000))).expect("file");
    assert!(!import_clients(&store, &file, &dry, &mut |_| true).expect("dry run").written);
    assert!(found(&store, "邳州").is_empty(), "nor of a dry run");

    store.imports().undo_last(now()).expect("undo");
    assert!(found(&store, "新沂").is_empty(), "an undone import's clients are gone from the search");
    assert_eq!(found(&store, "徐州7号公司"), ["C00007"], "and the client it renamed is found by its name before");
}

/// Every index and trigger of a database file, by name, as another program reads them.
fn indexes_and_triggers(path: &std::path::Path) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(path).expect("open");
    let mut stmt = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name")
        .expect("q");
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("rows").collect::<rusqlite::Result<_>>().expect("rows");
    rows
}

#[test]
fn a_first_text_import_builds_its_indexes_after_its_commit_and_leaves_the_file_as_any_other() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("s.db");
    let store = Store::open(&path).expect("open");
    let before = indexes_and_triggers(&path);
    let options = ImportOptions { campaign_id: None, dry_run: false, mapping: Default::default(), author: "王".into(), now: now() };
    let header = "客户编码,客户名称,客户类别,客户等级\n";
    let file = dir.path().join("clients.csv");
    std::fs::write(&file, format!("{header}{}E99999,,中小企业,C\n", rows("E", "睢宁", 0, 7_000))).expect("file");
    assert!(!import_clients(&store, &file, &options, &mut |_| true).expect("import").written, "a row without a name stops it");
    assert_eq!(indexes_and_triggers(&path), before, "a first import that was not kept leaves every index and trigger");

    std::fs::write(&file, format!("{header}{}", rows("C", "徐州", 0, 20_001))).expect("file");
    assert!(import_clients(&store, &file, &options, &mut |_| true).expect("import").written);
    assert_ne!(indexes_and_triggers(&path), before, "a kept first import commits before its indexes are built again");

    // Its clients are queued for search, not indexed inside the import; the steps after it
    // index them, and opening the file takes one step, not the whole queue.
    let waiting = || -> i64 {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.query_row("SELECT count(*) FROM client_search_queue", [], |r| r.get(0)).expect("queue")
    };
    let left = waiting();
    assert!(left > 0 && left < 20_001, "the import committed with its clients waiting, a step of them indexed as it committed: {left}");
    drop(store);
    let store = Store::open(&path).expect("open again");
    // Opening takes one step of the queue (its commit indexes a step, and so does that of the
    // indexes the import left, which a write builds and commits first).
    let after_open = waiting();
    assert!(after_open > 0 && after_open < left, "opening the file indexed one step, not all: {after_open} of {left} left");
    // That step was a write, and a write first builds the indexes the import left.
    assert_eq!(indexes_and_triggers(&path), before, "the indexes and triggers are those before the import");
    let conn = rusqlite::Connection::open(&path).expect("open");
    let plan: String =
        conn.query_row("EXPLAIN QUERY PLAN SELECT id FROM clients WHERE name = '徐州7号公司'", [], |r| r.get(3)).expect("plan");
    assert!(plan.contains("clients_name"), "the indexes built after the commit serve queries: {plan}");
    drop(conn);
    assert_eq!(
        store.clients().page(&ClientQuery { search: Some("徐州".into()), limit: 1, ..Default::default() }).expect("search").total,
        20_001,
        "a search while clients wait finds every one: it indexes the rest first"
    );
    assert_eq!(waiting(), 0, "and none waits after it");
    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.execute_batch("INSERT INTO client_search (client_search) VALUES ('integrity-check')").expect("the search index is whole");
    drop(conn);
    assert_eq!(found(&store, "徐州7号公司"), ["C00007"], "a client of the import is found");
    assert_eq!(found(&store, "睢宁").len(), 0, "none of the refused one");

    std::fs::write(&file, format!("{header}{}", rows("D", "新沂", 0, 6_000))).expect("file");
    assert!(import_clients(&store, &file, &options, &mut |_| true).expect("import").written);
    let conn = rusqlite::Connection::open(&path).expect("open");
    let waiting: Vec<String> = conn
        .prepare("SELECT name FROM indexes_to_build")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("names");
    drop(conn);
    assert!(waiting.iter().all(|n| !n.starts_with("clients")), "a later import into a full table keeps its indexes in step: {waiting:?}");
    store.catch_up().expect("catch up");
    assert_eq!(indexes_and_triggers(&path), before, "and the still-empty contracts table's are built after it, as a first import's");
    assert_eq!(found(&store, "新沂5999号"), ["D05999"], "and its clients are found beside the first ones");
    let every = store.clients().page(&ClientQuery { search: Some("号".into()), limit: 10, ..Default::default() }).expect("search");
    assert_eq!(every.total, 26_001, "every client of both imports is found once");
}

#[test]
fn the_steps_after_a_text_import_index_its_clients_a_step_at_a_time_and_then_stop() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("s.db");
    let store = Store::open(&path).expect("open");
    let options = ImportOptions { campaign_id: None, dry_run: false, mapping: Default::default(), author: "王".into(), now: now() };
    let file = dir.path().join("clients.csv");
    std::fs::write(&file, format!("客户编码,客户名称,客户类别,客户等级\n{}", rows("C", "丰县", 0, 40_000))).expect("file");
    assert!(import_clients(&store, &file, &options, &mut |_| true).expect("import").written);
    let waiting = || -> i64 {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.query_row("SELECT count(*) FROM client_search_queue", [], |r| r.get(0)).expect("queue")
    };
    let mut seen = vec![waiting()];
    while store.index_search_step().expect("a step") {
        seen.push(waiting());
        assert!(seen.len() < 100, "the steps end: {seen:?}");
    }
    assert!(seen.len() > 1, "more than one step for clients past a step's size: {seen:?}");
    assert!(seen.windows(2).all(|w| w[1] < w[0]), "each step indexes some: {seen:?}");
    assert_eq!(waiting(), 0, "none left after the last step");
    assert!(!store.index_search_step().expect("a step"), "a step with nothing waiting says so");
    let conn = rusqlite::Connection::open(&path).expect("open");
    // Indexed, not caught up by the search below: found through the index another program reads.
    let indexed: i64 =
        conn.query_row("SELECT count(*) FROM client_search WHERE client_search MATCH 'pairs : \"丰县\"'", [], |r| r.get(0)).expect("match");
    assert_eq!(indexed, 40_000, "every client of the import is in the index once");
    conn.execute_batch("INSERT INTO client_search (client_search) VALUES ('integrity-check')").expect("the index is whole");
    let merging: i64 = conn.query_row("SELECT v FROM client_search_config WHERE k = 'automerge'", [], |r| r.get(0)).expect("automerge");
    assert_eq!(merging, 4, "the steps leave the index merging as it grows, as FTS5 does by default");
    assert_eq!(found(&store, "丰县39999号"), ["C39999"]);
}

#[test]
fn an_import_undone_while_its_clients_wait_for_the_index_leaves_none_of_them_found() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("s.db");
    let store = Store::open(&path).expect("open");
    let options = ImportOptions { campaign_id: None, dry_run: false, mapping: Default::default(), author: "王".into(), now: now() };
    let file = dir.path().join("clients.csv");
    std::fs::write(&file, format!("客户编码,客户名称,客户类别,客户等级\n{}", rows("C", "沛县", 0, 12_000))).expect("file");
    assert!(import_clients(&store, &file, &options, &mut |_| true).expect("import").written);
    assert!(store.search_waiting().expect("waiting") > 0, "some clients still wait when the undo comes");
    store.imports().undo_last(now()).expect("undo");
    assert!(found(&store, "沛县").is_empty(), "no client of the undone import is found, indexed or not");
    assert_eq!(store.search_waiting().expect("waiting"), 0, "and nothing waits after the search");
    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.execute_batch("INSERT INTO client_search (client_search) VALUES ('integrity-check')").expect("the index is whole");
}
