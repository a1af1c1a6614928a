//! The migration steps as released: their text never changes, their files are numbered in
//! order, and the schema they build together is the one checked in as `schema.snapshot.sql`.

use std::path::PathBuf;

use rampart_core::store::schema::{migrate, snapshot, MIGRATIONS};
use rusqlite::Connection;
use sha2::{Digest, Sha256};

/// SHA-256 of each released step's file, byte for byte. Databases out in the world were built
/// by exactly these texts; a step that changed would leave them and new ones different.
const RELEASED: &[(usize, &str)] = &[
    (1, "be1a7a119b863013d6f14acf821686034b6e8ef8cee89e19c7c64e3d2f92b79a"),
    (2, "51326e5c4f78bcf946c1b926572b80e613ecbce3985c584d82f34251666a3dc9"),
    (3, "72f457cd4f26c44c7b4a1e7908ad1abfeaef78c1a390936963033211b7640781"),
    (4, "4387d1916818cb9338824f8ddc8a516f2d8f5b3f4ea68b7e42f58e238a45c775"),
    (5, "0f34136807a5dec4a9583075d5a36bc1d9825851d924473a0a9eac3650fd154d"),
    (6, "3c199d1fd9a2ce4c8d84160fc14963de3f94149059294fcdd4858f2556b7a512"),
    (7, "33254a041a5b67d644e781b12f66699e1c35ac5b5e150031ebcddac324e7a51d"),
    (8, "7b59f4fcdf48b2dfaf74603eae1a55b2d9e79496c77a1548c18f892fde78b7d8"),
    (9, "f059d8d52f0da0aa5a38935e5da51e71ee7c34796355b93c075b91950cb185fd"),
    (10, "c73821d5ca7ebbc5e873bd9726410f2a6c0ac7d22f7df403e31e0bcdf01b62fa"),
    (11, "80cfbb745023d9d272eb59f6362812db11b2bddfbc093192007e0f69132a1450"),
    (12, "f304851984b43f5d061f76eb90e101734a6967add1352b7716c5f7d629a55a76"),
    (13, "2d2336db22c09cf9538b797d6da6ae2e47cde56ffad59a25f3834d2d3d48af6f"),
    (14, "32a7914653de41a208666a7311aebf59386fe84244a6d89e92b9658a241a316b"),
    (15, "984429df43304a1e0b1b413b4ed5557e902b0b6caa390e79fbccd02f181e2a4f"),
    (16, "3257ff6db7a2fb7da7676a19bce13b11d4df39f04386f9d81cb00749a3baa4ee"),
    (17, "74670da0082724fc42f73b7e38255eaff90eae79313bddf714f57a32db19b578"),
    (18, "d819e105779617ba7ce358bba262fadfed3d64f6704b61b45b243b35ca21c4ba"),
    (19, "1dc4c3a095aaaed051affaf3f392b74b7a0bd63892e63b19fdae7d596b244e02"),
    (20, "d2e2013327bc9787e210ed13585fe59968fbbc71575fd806c60e3612b36b453d"),
    (21, "f369f4dc91e61fb374eefb879801d09e377b32eea154a28f7106d35477c17dcc"),
    (22, "05bca9955e193f09427dbeb371ca01b13149dd8cbfddf4f3b8e906c5c2a3bdc5"),
    (23, "004fc54656e90255a4f36ce07b219d8bffb39a86ef961b508ce5459ee0126e17"),
    (24, "f317c97d6482dd65d3b895a9922468cf38f9cff7960fc887a5fb61ae44b965da"),
    (25, "14b11b7d5952f2fb8e1cba7ff50316799cad1e22bcb05c82258473604c39d22e"),
    (26, "1cbc9341dbdaf425e93df4b1d4f61f839f5aa51957b4ede3e434e634bb95c789"),
    (27, "c2d8a5f091fdab98ff3ee39d81d97fab9603af9028bb971ce28367e73e56dd02"),
];

const APPEND_ONLY: &str = "Released migration steps are append-only: restore the file (git checkout -- crates/core/src/store/migrations/) \
     and put the change in a new step, crates/core/src/store/migrations/NNNN_name.sql, listed last in store/schema.rs.";

#[test]
fn released_steps_are_never_edited() {
    for &(step, expected) in RELEASED {
        let Some(migration) = MIGRATIONS.get(step - 1) else {
            panic!("step {step} was released but store/schema.rs no longer lists it. {APPEND_ONLY}");
        };
        let actual = format!("{:x}", Sha256::digest(migration.sql.as_bytes()));
        assert_eq!(actual, expected, "step {step} ({}) has changed since it was released. {APPEND_ONLY}", migration.file);
    }
    if let Some(migration) = MIGRATIONS.get(RELEASED.len()) {
        let step = RELEASED.len() + 1;
        let actual = format!("{:x}", Sha256::digest(migration.sql.as_bytes()));
        panic!(
            "step {step} ({}) has no checksum in RELEASED (tests/migrations.rs). Once its text is final, add ({step}, \"{actual}\"); \
             from then on it may not change.",
            migration.file
        );
    }
}

#[test]
fn every_migration_file_is_a_numbered_step() {
    for (index, migration) in MIGRATIONS.iter().enumerate() {
        let prefix = format!("{:04}_", index + 1);
        assert!(
            migration.file.starts_with(&prefix),
            "step {} is {}: the file name's number must be its step, {prefix}…",
            index + 1,
            migration.file
        );
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/store/migrations");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("the migrations folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".sql"))
        .collect();
    on_disk.sort();
    let listed: Vec<&str> = MIGRATIONS.iter().map(|m| m.file).collect();
    assert_eq!(on_disk, listed, "every .sql file in {} is a step listed in store/schema.rs, and nothing else", dir.display());
}

#[test]
fn a_fresh_schema_matches_the_snapshot() {
    let mut conn = Connection::open_in_memory().expect("memory database");
    migrate(&mut conn).expect("every step applies to an empty database");
    let fresh = snapshot(&conn).expect("read sqlite_master");
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/schema.snapshot.sql");
    if std::env::var_os("UPDATE_SCHEMA_SNAPSHOT").is_some_and(|v| v == "1") {
        std::fs::write(&path, &fresh).expect("write the snapshot");
        return;
    }
    // A checkout that turned line ends into CRLF still holds the same schema.
    let recorded = std::fs::read_to_string(&path).unwrap_or_default().replace("\r\n", "\n");
    if recorded != fresh {
        let first =
            recorded.lines().zip(fresh.lines()).position(|(a, b)| a != b).unwrap_or(recorded.lines().count().min(fresh.lines().count()));
        panic!(
            "The schema a fresh database gets differs from {} (first at line {}). The schema is now:\n\n{fresh}\n\
             If this change is deliberate (a new migration step), rewrite the snapshot with\n  \
             UPDATE_SCHEMA_SNAPSHOT=1 cargo test -p rampart-core --test migrations a_fresh_schema_matches_the_snapshot\n\
             and commit it with the step. If it is not, a migration step changed: {APPEND_ONLY}",
            path.display(),
            first + 1
        );
    }
}
