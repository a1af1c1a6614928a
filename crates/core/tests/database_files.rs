//! Database files as documents: a copy saved under a new name, a picked file that is not ours,
//! a new empty database over an old file.

use chrono::NaiveDate;
use rampart_core::{sample, Store};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("date")
}

#[test]
fn save_as_writes_a_copy_another_store_can_read_and_leaves_the_original_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let original = sample::open(&dir.path().join(sample::FILE_NAME), today()).expect("sample");
    let copy = dir.path().join("江苏-2026.db");
    std::fs::write(&copy, b"an older file the save dialog asked to replace").expect("old file");

    original.save_copy(&copy).expect("saved as");

    let reopened = Store::open_existing(&copy).expect("the copy is a Rampart database");
    let campaigns = reopened.campaigns().list().expect("list");
    assert_eq!(campaigns.len(), 1, "the copy holds the campaign");
    assert_eq!(campaigns[0].name, "长城计划", "the same campaign, read through a second store");
    assert!(reopened.integrity_ok().expect("check"), "the copy is a sound database");
    assert!(!dir.path().join("江苏-2026.db.partial").exists(), "nothing half-written is left beside it");
    assert_eq!(original.campaigns().list().expect("still open").len(), 1, "the original is still open and whole");
}

#[test]
fn save_as_onto_the_open_file_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rampart.db");
    let store = Store::open(&path).expect("store");
    let err = store.save_copy(&path).expect_err("copying a database over itself would destroy it");
    assert_eq!(err.code(), "database_in_use");
    assert!(err.message_zh().contains("rampart.db"), "{}", err.message_zh());
}

#[test]
fn a_file_that_is_not_a_rampart_database_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = dir.path().join("客户清单.csv");
    std::fs::write(&text, "客户编码,客户名称\n").expect("csv");
    let other = dir.path().join("other-app.sqlite");
    rusqlite::Connection::open(&other).expect("sqlite").execute_batch("CREATE TABLE notes (body TEXT);").expect("table");
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").expect("empty");

    for file in [&text, &other, &empty] {
        let before = std::fs::read(file).expect("read");
        let err = Store::open_existing(file).err().unwrap_or_else(|| panic!("{} is not a Rampart database", file.display()));
        assert_eq!(err.code(), "not_a_rampart_database", "{}", file.display());
        let name = file.file_name().expect("name").to_string_lossy().into_owned();
        assert!(err.message_zh().contains(&name) && err.message_en().contains(&name), "the message names the file: {err}");
        assert_eq!(std::fs::read(file).expect("read"), before, "{} was not written to", file.display());
    }
}

#[test]
fn a_new_database_replaces_the_old_file_and_starts_empty() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = dir.path().join("2025.db");
    sample::open(&old, today()).expect("an old file with data");
    let fresh = Store::create_new(&old, None).expect("made");
    assert!(fresh.campaigns().list().expect("list").is_empty(), "a new database holds no campaign");
    assert!(!fresh.settings().is_sample().expect("read"), "and is not the sample");
    drop(fresh);
    assert!(Store::open_existing(&old).is_ok(), "it is a Rampart database");

    let open = Store::open(&dir.path().join("open.db")).expect("open");
    let err = Store::create_new(&dir.path().join("open.db"), open.path()).err().expect("the open file is not replaced");
    assert_eq!(err.code(), "database_in_use");
}
