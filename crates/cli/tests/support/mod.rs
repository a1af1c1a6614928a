//! What the CLI tests share: running the built binary on a database file and reading what it
//! printed.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// `rampart --db DB ARGS…` with English messages (LANG=C).
pub fn rampart(db: &Path, args: &[&str]) -> Output {
    rampart_in("C", db, args)
}

/// `rampart --db DB ARGS…` with Chinese messages.
pub fn rampart_zh(db: &Path, args: &[&str]) -> Output {
    rampart_in("zh_CN.UTF-8", db, args)
}

fn rampart_in(lang: &str, db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rampart")).arg("--db").arg(db).args(args).env("LANG", lang).output().expect("the binary runs")
}

/// What a successful command printed on stdout, as JSON.
pub fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "command failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// The JSON report of a command refused as bad input (exit 2), which prints nothing on stdout.
pub fn refused(out: &Output) -> serde_json::Value {
    assert_eq!(out.status.code(), Some(2), "bad input exits 2: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty(), "nothing on stdout when the command fails");
    serde_json::from_slice(&out.stderr).expect("stderr is a JSON report")
}
