//! `rampart --server URL …` against a real team server on a throw-away PostgreSQL.

use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Output};

use rampart_server::setup::{RunningServer, SAMPLE_PASSWORD};
use serde_json::Value;

struct Cli {
    url: String,
    config: tempfile::TempDir,
}

impl Cli {
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_rampart"))
            .arg("--server")
            .arg(&self.url)
            .args(args)
            .env("XDG_CONFIG_HOME", self.config.path())
            .env("RAMPART_PASSWORD", SAMPLE_PASSWORD)
            .env("LANG", "en_US.UTF-8")
            .output()
            .expect("the CLI runs")
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.run(&[args, &["--json"]].concat());
        assert!(out.status.success(), "{args:?} succeeds: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("JSON on stdout")
    }
}

#[test]
fn the_usual_commands_work_against_a_team_server_after_login() {
    let server = RunningServer::start(60, 2, chrono::NaiveDate::from_ymd_opt(2026, 10, 20)).expect("a sample team server");
    let cli = Cli { url: server.url.clone(), config: tempfile::tempdir().expect("a config folder") };

    let out = cli.run(&["campaigns", "list"]);
    assert_eq!(out.status.code(), Some(2), "without logging in the server refuses");
    assert!(String::from_utf8_lossy(&out.stderr).contains("Log in first"), "and says so: {}", String::from_utf8_lossy(&out.stderr));

    let me = cli.json(&["login", "--user", "dp01"]);
    assert_eq!(me["role"], "district_planner");
    let kept = cli.config.path().join("rampart/team-sessions.json");
    assert_eq!(
        std::fs::metadata(&kept).expect("the session is kept").permissions().mode() & 0o777,
        0o600,
        "the token file is the user's alone"
    );
    assert!(!std::fs::read_to_string(&kept).expect("readable").contains(SAMPLE_PASSWORD), "the password itself is never kept");

    let campaigns = cli.json(&["campaigns", "list"]);
    assert_eq!(campaigns.as_array().map(Vec::len), Some(1));
    let clients = cli.json(&["clients", "list", "--campaign", "1", "--limit", "all"]);
    let clients = clients.as_array().expect("a list");
    assert!(!clients.is_empty() && clients.iter().all(|c| c["district"] == "玄武区"), "dp01 lists only their district's clients");

    let items = cli.json(&["plans", "--campaign", "1"]);
    let item = &items.as_array().expect("items")[0];
    let id = item["id"].to_string();
    let version = item["version"].to_string();
    let changed = cli.json(&["item-status", &id, "blocked", "--reason", "客户暂停采购", "--version", &version]);
    assert_eq!(changed["status"], "blocked");
    let out = cli.run(&["item-status", &id, "done", "--version", &version]);
    assert_eq!(out.status.code(), Some(2), "a change on an old version is refused");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("Changed by someone else") && said.contains("blocked"), "with the current value shown: {said}");

    let tracker = cli.config.path().join("玄武区-跟踪表.xlsx");
    let out = cli.run(&["export", "tracker", "--campaign", "1", "--out", tracker.to_str().expect("a path")]);
    assert!(out.status.success(), "the district's tracker is exported: {}", String::from_utf8_lossy(&out.stderr));
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&tracker).expect("a workbook calamine reads");
    use calamine::Reader as _;
    let rows = book.worksheet_range("一户一案事项").expect("the items sheet").height();
    assert_eq!(rows as usize - 1, items.as_array().expect("items").len(), "one line per item dp01 sees");
    let out = cli.run(&["tracker", "apply", tracker.to_str().expect("a path")]);
    assert!(out.status.success(), "an untouched tracker applies cleanly: {}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 changes"), "and changes nothing: {}", String::from_utf8_lossy(&out.stdout));
    let junk = cli.config.path().join("junk.xlsx");
    std::fs::write(&junk, b"not a workbook").expect("a file");
    let out = cli.run(&["tracker", "apply", junk.to_str().expect("a path")]);
    assert_eq!(out.status.code(), Some(2), "a file that is not a tracker is refused");
    assert!(String::from_utf8_lossy(&out.stderr).contains("junk.xlsx"), "naming the file: {}", String::from_utf8_lossy(&out.stderr));

    let out = cli.run(&["subsidies", "--campaign", "1"]);
    assert_eq!(out.status.code(), Some(2), "a local-only command is refused, not sent to a local file");
    let out = cli.run(&["audit"]);
    assert_eq!(out.status.code(), Some(2), "a district planner does not read the audit trail");

    let admin = Cli { url: server.url.clone(), config: tempfile::tempdir().expect("a config folder") };
    admin.json(&["login", "--user", "admin"]);
    let added = Command::new(env!("CARGO_BIN_EXE_rampart"))
        .args([
            "--server",
            &admin.url,
            "--json",
            "accounts",
            "add",
            "--login",
            "xw-am",
            "--name",
            "新客户经理",
            "--role",
            "account_manager",
            "--district",
            "玄武区",
        ])
        .env("XDG_CONFIG_HOME", admin.config.path())
        .env("RAMPART_NEW_PASSWORD", "长城计划2026")
        .output()
        .expect("the CLI runs");
    assert!(added.status.success(), "the admin adds an account by district name: {}", String::from_utf8_lossy(&added.stderr));
    let warnings = admin.json(&["warnings", "--campaign", "1"]);
    let first = warnings.as_array().and_then(|w| w.first()).expect("the province has a warning");
    let moved = admin.json(&["warnings", "--campaign", "1", "set-status", &first["id"].to_string(), "contacted"]);
    assert_eq!(moved["status"], "contacted", "a warning moves on the version just read");
    let listed = admin.json(&["accounts", "list"]);
    assert!(listed.as_array().expect("accounts").iter().any(|a| a["login"] == "xw-am" && a["district"] == "玄武区"));

    assert!(cli.run(&["logout"]).status.success());
    assert_eq!(cli.run(&["campaigns", "list"]).status.code(), Some(2), "after logout the server refuses again");
}

#[test]
fn the_admin_ends_and_gives_back_accounts_and_anyone_changes_their_password_from_the_command_line() {
    let server = RunningServer::start(40, 2, chrono::NaiveDate::from_ymd_opt(2026, 10, 20)).expect("a sample team server");
    let admin = Cli { url: server.url.clone(), config: tempfile::tempdir().expect("a config folder") };
    admin.json(&["login", "--user", "admin"]);
    let leaver = Cli { url: server.url.clone(), config: tempfile::tempdir().expect("a config folder") };
    leaver.json(&["login", "--user", "am0102"]);

    let ended = admin.json(&["accounts", "deactivate", "am0102"]);
    assert_eq!(ended["login"], "am0102");
    let out = leaver.run(&["campaigns", "list"]);
    assert_eq!(out.status.code(), Some(2), "an ended account's kept session no longer works");
    let out = admin.run(&["accounts", "deactivate", "admin"]);
    assert_eq!(out.status.code(), Some(2), "the admin cannot end their own account");
    assert!(String::from_utf8_lossy(&out.stderr).contains("own account"), "and is told why: {}", String::from_utf8_lossy(&out.stderr));
    admin.json(&["accounts", "reactivate", "am0102"]);
    leaver.json(&["login", "--user", "am0102"]);

    let changed = Command::new(env!("CARGO_BIN_EXE_rampart"))
        .args(["--server", &leaver.url, "accounts", "password"])
        .env("XDG_CONFIG_HOME", leaver.config.path())
        .env("RAMPART_PASSWORD", SAMPLE_PASSWORD)
        .env("RAMPART_NEW_PASSWORD", "我的新密码2026")
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .expect("the CLI runs");
    assert!(changed.status.success(), "the current password and a new one: {}", String::from_utf8_lossy(&changed.stderr));
    assert!(
        String::from_utf8_lossy(&changed.stdout).contains("密码已修改"),
        "said in Chinese: {}",
        String::from_utf8_lossy(&changed.stdout)
    );
    assert!(leaver.run(&["campaigns", "list"]).status.success(), "the session that changed it stays");
    let out = leaver.run(&["login", "--user", "am0102"]);
    assert_eq!(out.status.code(), Some(2), "the old password no longer logs in");

    let reset = Command::new(env!("CARGO_BIN_EXE_rampart"))
        .args(["--server", &admin.url, "accounts", "reset-password", "am0102"])
        .env("XDG_CONFIG_HOME", admin.config.path())
        .env("RAMPART_NEW_PASSWORD", "short")
        .output()
        .expect("the CLI runs");
    assert_eq!(reset.status.code(), Some(2), "a new password too short is refused");
}
