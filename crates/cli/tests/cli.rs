//! The `rampart` binary as a script would use it: real process, real database file.

mod support;

use std::path::Path;
use std::process::Command;
use support::{json, rampart};

#[test]
fn demo_then_list_campaigns_and_clients_as_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");

    let first = json(&rampart(&db, &["demo", "--json"]));
    let again = json(&rampart(&db, &["demo", "--json"]));
    assert_eq!(first["id"], again["id"], "demo is idempotent: the same campaign id both times");
    let plain = rampart(&db, &["demo"]);
    assert_eq!(String::from_utf8_lossy(&plain.stdout).trim(), first["id"].to_string(), "plain output is the bare id");

    let campaigns = json(&rampart(&db, &["campaigns", "list", "--json"]));
    assert_eq!(campaigns.as_array().map(Vec::len), Some(1));
    assert_eq!(campaigns[0]["name"], "长城计划");

    let id = first["id"].to_string();
    let clients = json(&rampart(&db, &["clients", "list", "--campaign", &id, "--limit", "5", "--json"]));
    let list = clients["clients"].as_array().expect("a list of clients");
    assert_eq!(list.len(), 5, "--limit caps the list");
    for key in ["code", "name", "category", "tier", "team", "account_manager"] {
        assert!(list[0].get(key).is_some_and(|v| !v.is_null()), "each client has {key}: {}", list[0]);
    }
    assert!(["strategic", "local_key", "campus", "sme"].contains(&list[0]["category"].as_str().unwrap_or("")));
}

#[test]
fn bad_input_exits_2_with_a_report_on_stderr() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let out = rampart(&db, &["clients", "list", "--campaign", "42", "--json"]);
    assert_eq!(out.status.code(), Some(2), "an unknown campaign is the user's mistake");
    assert!(out.stdout.is_empty(), "nothing on stdout when the command fails");
    let report: serde_json::Value = serde_json::from_slice(&out.stderr).expect("stderr is a JSON report");
    assert_eq!(report["code"], "not_found");
    assert_eq!(report["message_zh"], "找不到活动：42");

    let out = rampart(&db, &["clients", "list", "--limit", "abc"]);
    assert_eq!(out.status.code(), Some(2), "an unparsable argument is bad input too");
}

#[test]
fn an_unusable_database_path_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "not a directory").expect("write");
    let out = rampart(&blocker.join("rampart.db"), &["campaigns", "list"]);
    assert_eq!(out.status.code(), Some(1), "a path under a file is the machine's problem, not bad input");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error:") && stderr.contains(&blocker.display().to_string()), "the message names the path: {stderr}");
}

#[test]
fn subsidies_list_each_client_and_a_total_that_adds_up() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let id = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();
    let report = json(&rampart(&db, &["subsidies", "--campaign", &id, "--json"]));
    let clients = report["clients"].as_array().expect("clients");
    assert!(clients.len() >= 300, "every target is listed");
    let sum: i64 = clients.iter().map(|c| c["subsidy_fen"].as_i64().expect("fen")).sum();
    assert_eq!(Some(sum), report["total_fen"].as_i64(), "the total is the sum of the clients' subsidies");
    assert!(clients.iter().all(|c| c["code"].is_string() && c["subsidy"].is_number()));
    let first = &clients[0];
    assert_eq!(
        first["subsidy"].as_f64().map(|y| (y * 100.0).round() as i64),
        first["subsidy_fen"].as_i64(),
        "the yuan figure and the exact fen agree"
    );

    let out = rampart(&db, &["subsidies", "--campaign", &id, "--scenario", "不存在", "--json"]);
    assert_eq!(out.status.code(), Some(2), "an unknown scenario is bad input");
}

#[test]
fn an_import_leaves_its_clients_findable_by_whatever_opens_the_file_next() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let list = dir.path().join("clients.csv");
    let rows: String = (0..12_000).map(|i| format!("K{i:05},泉山{i}号公司,中小企业,C\n")).collect();
    std::fs::write(&list, format!("客户编码,客户名称,客户类别,客户等级\n{rows}")).expect("w");
    let done = json(&rampart(&db, &["clients", "import", list.to_str().expect("p"), "--json"]));
    assert_eq!(done["written"], true, "{done}");
    // A text file's import leaves its clients to be indexed after it commits; the CLI does that
    // before it exits, so the next program does not (opening indexes only a few thousand).
    let store = rampart_core::Store::open(&db).expect("open");
    assert_eq!(store.search_waiting().expect("waiting"), 0, "no client waits to be indexed for search after the CLI's import");
}

#[test]
fn import_exits_0_with_counts_or_2_with_the_full_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let id = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();
    let good = dir.path().join("good.csv");
    std::fs::write(&good, "客户编码,客户名称,客户类别,客户等级,合同号,产品类型\nN1,新客户,中小企业,C,HTN1,光纤\n").expect("w");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "客户编码,客户名称,客户类别,客户等级\nN2,甲,VIP,C\nN3,乙,校园,Z\n").expect("w");

    let dry = json(&rampart(&db, &["clients", "import", good.to_str().expect("p"), "--campaign", &id, "--dry-run", "--json"]));
    assert_eq!((dry["counts"]["clients_created"].as_u64(), dry["written"].as_bool()), (Some(1), Some(false)));
    let done = json(&rampart(&db, &["clients", "import", good.to_str().expect("p"), "--campaign", &id, "--json"]));
    assert_eq!((done["counts"]["targets_added"].as_u64(), done["written"].as_bool()), (Some(1), Some(true)));
    let listed = json(&rampart(&db, &["clients", "list", "--campaign", &id, "--search", "N1", "--json"]));
    assert_eq!(listed["clients"][0]["code"], "N1", "the imported client is a target of the campaign");

    let out = rampart(&db, &["clients", "import", bad.to_str().expect("p"), "--json"]);
    assert_eq!(out.status.code(), Some(2), "problems mean exit 2");
    let report: serde_json::Value = serde_json::from_slice(&out.stderr).expect("the report on stderr");
    let problems: Vec<_> =
        report["problems"].as_array().expect("list").iter().map(|p| (p["line"].as_u64(), p["column"].as_str())).collect();
    assert_eq!(problems, [(Some(2), Some("客户类别")), (Some(3), Some("客户等级"))], "every problem, with line and column");

    let broken = dir.path().join("broken.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 not really").expect("w");
    let out = rampart(&db, &["clients", "import", broken.to_str().expect("p")]);
    assert_eq!(out.status.code(), Some(2), "an unreadable file is bad input");
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken.xlsx"), "the message names the file");
}

#[test]
fn plans_list_each_client_code_progress_and_items() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let id = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();
    let plans = json(&rampart(&db, &["plans", "--campaign", &id, "--today", "2026-11-22", "--json"]));
    let plans = plans.as_array().expect("a list");
    assert_eq!(plans.len(), 25, "the demo's 25 plans");
    for p in plans {
        assert!(p["code"].is_string() && p["progress"].is_u64(), "{p}");
        let items = p["items"].as_array().expect("items");
        assert_eq!(items.len(), 5);
        for i in items {
            assert!(i["kind"].is_string() && i["owner"].is_string() && i["due"].is_string(), "{i}");
            assert!(["not_started", "in_progress", "done", "blocked"].contains(&i["status"].as_str().unwrap_or("")));
        }
        let done = items.iter().filter(|i| i["status"] == "done").count() as u64;
        assert_eq!(p["progress"].as_u64(), Some(done * 100 / 5), "progress is the share of items done");
    }
}

#[test]
fn standings_list_each_award_with_ranked_names_and_scores() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let id = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();
    let standings = json(&rampart(&db, &["standings", "--campaign", &id, "--as-of", "2026-12-31", "--json"]));
    let awards = standings.as_array().expect("awards");
    assert_eq!(awards.len(), 4, "the seed's four awards");
    for award in awards {
        for ranking in award["rankings"].as_array().expect("rankings") {
            for e in ranking["entries"].as_array().expect("entries") {
                assert!(e["name"].is_string() && e["rank"].is_u64() && e["score"].is_i64(), "{e}");
            }
        }
    }
    let out = rampart(&db, &["standings", "--campaign", &id, "--as-of", "not-a-date"]);
    assert_eq!(out.status.code(), Some(2), "a bad date is bad input");
}

#[test]
fn achievements_import_is_all_or_nothing_with_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let id = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();
    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        "业绩登记表\n日期,指标,团队,人员,数量,金额,客户编码,说明\n2026/11/20,移动业务发展,,王建国,12,\"1,200\",KH320310001,总机新增\n",
    )
    .expect("w");
    let done = json(&rampart(&db, &["achievements", "import", good.to_str().expect("p"), "--campaign", &id, "--json"]));
    assert_eq!((done["added"].as_u64(), done["written"].as_bool()), (Some(1), Some(true)));

    let wang_locked = |db: &std::path::Path| -> i64 {
        let standings = json(&rampart(db, &["standings", "--campaign", &id, "--as-of", "2026-12-31", "--json"]));
        standings[0]["rankings"][1]["entries"]
            .as_array()
            .expect("people")
            .iter()
            .find(|e| e["name"] == "王建国")
            .and_then(|e| e["score"].as_i64())
            .expect("王建国 is ranked")
    };
    let before = wang_locked(&db);

    let bad = dir.path().join("bad-achievements.csv");
    std::fs::write(&bad, "日期,指标,团队,人员,数量\n2026-11-20,存量协议锁定,,王建国,2\n2026-13-01,存量协议锁定,,无此人,x\n").expect("w");
    let out = rampart(&db, &["achievements", "import", bad.to_str().expect("p"), "--campaign", &id, "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&out.stderr).expect("report");
    let got: Vec<_> =
        report["problems"].as_array().expect("list").iter().map(|p| (p["line"].as_u64(), p["column"].as_str().map(String::from))).collect();
    assert_eq!(got, [(Some(3), Some("日期".into())), (Some(3), Some("人员".into())), (Some(3), Some("数量".into()))]);
    assert_eq!(wang_locked(&db), before, "line 2 was valid but is not added: nothing is written when any row fails");

    std::fs::write(&bad, "日期,指标,团队,人员,数量\n2026-11-20,存量协议锁定,,王建国,2\n").expect("w");
    json(&rampart(&db, &["achievements", "import", bad.to_str().expect("p"), "--campaign", &id, "--json"]));
    assert_eq!(wang_locked(&db), before + 2, "the same row alone is added and counts in the standings");
}

#[test]
fn a_tracker_exports_per_team_and_an_unchanged_return_applies_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let id = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();
    let out = dir.path().join("tracker.xlsx");
    let out_arg = out.to_string_lossy().into_owned();
    let written = json(&rampart(&db, &["export", "tracker", "--campaign", &id, "--out", &out_arg, "--json"]));
    assert_eq!(written[0]["targets"], 320, "the whole campaign: {written}");
    let subsidies = json(&rampart(&db, &["subsidies", "--campaign", &id, "--json"]));
    assert_eq!(written[0]["subsidy_total"], subsidies["total_fen"], "the tracker's total is the app's, in fen");

    let folder = dir.path().join("teams");
    let teams = json(&rampart(&db, &["export", "tracker", "--campaign", &id, "--out", &folder.to_string_lossy(), "--each-team", "--json"]));
    let per_team: i64 = teams.as_array().expect("one per team").iter().map(|t| t["targets"].as_i64().unwrap_or(0)).sum();
    assert_eq!(per_team, 320, "the team workbooks together hold every target once");

    let unchanged = json(&rampart(&db, &["tracker", "apply", &out_arg, "--dry-run", "--json"]));
    assert_eq!(unchanged["changes"].as_array().map(Vec::len), Some(0), "a tracker sent back untouched changes nothing");

    let not_a_tracker = dir.path().join("list.csv");
    std::fs::write(&not_a_tracker, "a,b\n1,2\n").expect("write");
    let refused = rampart(&db, &["tracker", "apply", &not_a_tracker.to_string_lossy(), "--json"]);
    assert_eq!(refused.status.code(), Some(2), "not a tracker is bad input");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("unreadable_file"));
}

#[test]
fn warnings_import_and_list_with_contract_reason_owner_and_status() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let id = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();
    // The demo's snapshots already raised warnings; their contracts are real ones to reuse.
    let open = json(&rampart(&db, &["warnings", "--campaign", &id, "--status", "open", "--json"]));
    let first = &open.as_array().expect("a list")[0];
    for key in ["contract", "reason", "owner", "status"] {
        assert!(!first[key].is_null(), "each warning has its {key}: {first}");
    }
    let contract = first["contract"].as_str().expect("contract").to_string();

    let file = dir.path().join("snap.csv");
    std::fs::write(&file, format!("账期,合同号,在网,当前资费\n2026-12,{contract},离网,0\n2026-12,NO-SUCH,在网,1\n")).expect("write");
    let bad = rampart(&db, &["warnings", "import", &file.to_string_lossy(), "--campaign", &id, "--json"]);
    assert_eq!(bad.status.code(), Some(2), "an unknown contract is bad input");
    assert!(String::from_utf8_lossy(&bad.stderr).contains("NO-SUCH"));

    std::fs::write(&file, format!("账期,合同号,在网,当前资费\n2026-12,{contract},离网,0\n")).expect("write");
    let report = json(&rampart(&db, &["warnings", "import", &file.to_string_lossy(), "--campaign", &id, "--json"]));
    assert_eq!(report["counts"]["rows"], 1);
    let lost = json(&rampart(&db, &["warnings", "--campaign", &id, "--status", "to_contact", "--json"]));
    assert!(lost.as_array().expect("list").iter().all(|w| w["status"] == "to_contact"), "the status filter holds");
}

#[test]
fn an_eroding_tariff_says_in_text_and_json_that_the_recent_peak_raised_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let id = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();
    let clients = dir.path().join("erosion.csv");
    std::fs::write(&clients, "客户编码,客户名称,客户类别,客户等级,合同号,产品类型,月费\nE1,侵蚀客户,中小企业,C,HTE1,宽带,500\n")
        .expect("w");
    json(&rampart(&db, &["clients", "import", &clients.to_string_lossy(), "--campaign", &id, "--json"]));
    // 500 → 460 (−8 %) → 440 (−4.3 %): no month falls 10 %, but December is 12 % under October.
    let file = dir.path().join("bills.csv");
    std::fs::write(&file, "账期,合同号,在网,当前资费\n202610,HTE1,在网,500\n202611,HTE1,在网,460\n202612,HTE1,在网,440\n").expect("w");
    let report = json(&rampart(&db, &["warnings", "import", &file.to_string_lossy(), "--campaign", &id, "--json"]));
    assert_eq!(report["counts"]["downgrade"], 1, "{report}");
    let list = json(&rampart(&db, &["warnings", "--campaign", &id, "--json"]));
    let w = list.as_array().expect("list").iter().find(|w| w["contract"] == "HTE1").expect("the erosion is listed");
    assert_eq!(
        (w["comparison"].as_str(), w["previous_period"].as_str(), w["period"].as_str()),
        (Some("peak"), Some("2026-10"), Some("2026-12")),
        "{w}"
    );
    assert_eq!(w["before"]["tariff_fen"], 50_000, "the peak it fell from: {w}");
    assert_eq!(w["evidence"], "较近期最高 2026-10 500.00 元 → 2026-12 440.00 元");
    let text = String::from_utf8_lossy(&rampart(&db, &["warnings", "--campaign", &id]).stdout).to_string();
    assert!(text.contains("HTE1") && text.contains("vs recent peak 2026-10 ¥500.00 → 2026-12 ¥440.00"), "{text}");
}

#[test]
fn key_person_changes_list_where_each_came_from() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let id = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();
    let file = dir.path().join("kp.csv");
    for person in ["钱主任", "孙主任"] {
        std::fs::write(&file, format!("客户编码,客户名称,客户类别,客户等级,关键人\nKP1,关键人客户,中小企业,C,{person}\n")).expect("w");
        json(&rampart(&db, &["clients", "import", &file.to_string_lossy(), "--campaign", &id, "--json"]));
    }
    let list = json(&rampart(&db, &["warnings", "key-persons", "--campaign", &id, "--since", "2000-01-01", "--json"]));
    let line = list.as_array().expect("list").iter().find(|c| c["client_code"] == "KP1").expect("the import's change is listed");
    assert_eq!(
        (line["source"].as_str(), line["old_name"].as_str(), line["new_name"].as_str()),
        (Some("import"), Some("钱主任"), Some("孙主任")),
        "{line}"
    );
    let text =
        String::from_utf8_lossy(&rampart(&db, &["warnings", "key-persons", "--campaign", &id, "--since", "2000-01-01"]).stdout).to_string();
    assert!(text.lines().any(|l| l.contains("KP1") && l.contains("[Client import,")), "the source in words: {text}");
}

/// A copy of the workbook at `src` as another spreadsheet program saves it (values as text),
/// with `edit` applied to each cell (sheet, row, column).
fn resave(src: &Path, dst: &Path, edit: impl Fn(&str, u32, u32, &mut String)) {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(src).expect("open the tracker");
    let mut out = rust_xlsxwriter::Workbook::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("sheet");
        let ws = out.add_worksheet();
        ws.set_name(&name).expect("name");
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let mut value = match cell {
                    calamine::Data::DateTime(d) => d.as_datetime().map(|x| x.date().to_string()).unwrap_or_default(),
                    other => other.to_string(),
                };
                edit(&name, r as u32, c as u32, &mut value);
                if !value.is_empty() {
                    ws.write_string(r as u32, c as u16, &value).expect("write");
                }
            }
        }
    }
    out.save(dst).expect("save");
}

#[test]
fn a_tracker_whose_key_column_was_renamed_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let id = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();
    let out = dir.path().join("tracker.xlsx");
    json(&rampart(&db, &["export", "tracker", "--campaign", &id, "--out", &out.to_string_lossy(), "--json"]));
    let back = dir.path().join("returned.xlsx");
    resave(&out, &back, |sheet, r, c, v| {
        if sheet == "一户一案" {
            match (r, c) {
                (0, 0) => *v = "行号".into(),
                (1, 10) => *v = "这条改动会被读到吗".into(),
                _ => {}
            }
        }
    });
    let before = std::fs::read(&db).expect("database bytes");
    let refused = rampart(&db, &["tracker", "apply", &back.to_string_lossy(), "--json"]);
    assert_eq!(refused.status.code(), Some(2), "an unreadable sheet is bad input, not 'applied 0 changes'");
    let report: serde_json::Value = serde_json::from_slice(&refused.stderr).expect("the report on stderr");
    let problem = &report["problems"][0];
    assert_eq!((problem["file"].as_str(), problem["sheet"].as_str()), (Some("returned.xlsx"), Some("一户一案")), "{report}");
    assert_eq!((problem["line"].as_u64(), problem["column"].as_str()), (Some(1), Some("键")), "{report}");
    assert_eq!(report["applied"], false);
    assert_eq!(std::fs::read(&db).expect("database bytes"), before, "not a byte of the database changed");

    let plain = rampart(&db, &["tracker", "apply", &back.to_string_lossy()]);
    assert_eq!(plain.status.code(), Some(2));
    let text = String::from_utf8_lossy(&plain.stderr);
    assert!(text.contains("returned.xlsx [一户一案] line 1, column 键"), "the plain report names file, sheet, line and column: {text}");
}

#[test]
fn undo_import_is_refused_naming_the_warning_that_rests_on_it_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let id = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();
    let clients = dir.path().join("新客户.csv");
    std::fs::write(&clients, "客户编码,客户名称,客户类别,客户等级,合同号,产品类型,月费\nU1,新客户,中小企业,C,HTU1,宽带,500\n").expect("w");
    json(&rampart(&db, &["clients", "import", &clients.to_string_lossy(), "--campaign", &id, "--json"]));
    for (name, rows) in [("oct.csv", "202610,HTU1,在网,500"), ("nov.csv", "202611,HTU1,离网,0")] {
        let file = dir.path().join(name);
        std::fs::write(&file, format!("账期,合同号,在网,当前资费\n{rows}\n")).expect("w");
        json(&rampart(&db, &["warnings", "import", &file.to_string_lossy(), "--campaign", &id, "--json"]));
    }
    let before = std::fs::read(&db).expect("read");

    let out = rampart(&db, &["clients", "undo-import"]);
    assert_eq!(out.status.code(), Some(2), "the planner decides what to do about the later work");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: Cannot undo the import of 新客户.csv")
            && stderr.contains("1 warning (with its history) (contract HTU1)"),
        "the message names the import and what depends on it: {stderr}"
    );
    let out = rampart(&db, &["clients", "undo-import", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stderr).expect("a JSON report");
    assert_eq!(report["code"], "undo_blocked");
    assert!(report["message_zh"].as_str().is_some_and(|m| m.contains("不能撤销导入 新客户.csv")), "{report}");
    assert!(std::fs::read(&db).expect("read") == before, "a refused undo leaves the file byte for byte as it was");

    // A later import nothing rests on undoes, and says what it took back.
    let more = dir.path().join("more.csv");
    std::fs::write(&more, "客户编码,客户名称,客户类别,客户等级,合同号,产品类型\nU2,又一个,校园,B,HTU2,宽带\nU1,改名,中小企业,C,,\n")
        .expect("w");
    json(&rampart(&db, &["clients", "import", &more.to_string_lossy(), "--json"]));
    let out = rampart(&db, &["clients", "undo-import"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("of more.csv") && said.contains("removed 1 created clients and 1 contracts, restored 1 updated clients"),
        "{said}"
    );
    let listed = json(&rampart(&db, &["clients", "list", "--search", "U", "--json"]));
    let names: Vec<_> = listed["clients"].as_array().expect("list").iter().filter_map(|c| c["name"].as_str()).collect();
    assert!(names.contains(&"新客户") && !names.contains(&"又一个"), "U1 has its old name back, U2 is gone: {names:?}");
}

#[test]
fn a_database_error_names_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("not-a-database.db");
    std::fs::write(&db, "plain text, not SQLite ".repeat(100)).expect("write");
    let out = rampart(&db, &["clients", "list"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&db.display().to_string()) && stderr.contains("not a Rampart database"), "{stderr}");
}

/// A database in a folder this process cannot write, as on a read-only share: listing and the
/// dashboard work, a write says the file is read-only. Root ignores permissions, so as root the
/// binary runs as `nobody` instead.
#[cfg(unix)]
#[test]
fn a_read_only_folder_still_lists_clients_and_reads_the_dashboard_and_a_write_names_the_file() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;

    let dir = tempfile::tempdir().expect("temp dir");
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).expect("dir");
    let db = shared.join("cli.db");
    let id = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();
    assert!(!shared.join("cli.db-wal").exists(), "a clean close leaves only the database file");
    // The dashboard's figures on a writable copy, where their derived tables are rebuilt and kept.
    let copy = dir.path().join("copy.db");
    std::fs::copy(&db, &copy).expect("copy");
    let dashboard = ["dashboard", "--campaign", &id, "--as-of", "2026-11-22", "--json"];
    let writable = json(&rampart(&copy, &dashboard));
    let import = dir.path().join("clients.csv");
    std::fs::write(&import, "客户编码,客户名称,客户类别,客户等级\nR1,只读客户,中小企业,C\n").expect("w");

    let mode = |path: &Path, mode: u32| std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    mode(dir.path(), 0o755);
    mode(&import, 0o644);
    mode(&db, 0o444);
    mode(&shared, 0o555);
    let privileged = std::fs::write(shared.join("probe"), "").is_ok();
    let run = |args: &[&str]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_rampart"));
        command.arg("--db").arg(&db).args(args).env("LANG", "C");
        if privileged {
            command.uid(65534).gid(65534);
        }
        command.output().expect("the binary runs")
    };
    if privileged {
        std::fs::remove_file(shared.join("probe")).expect("probe");
    }

    let listed = json(&run(&["clients", "list", "--limit", "3", "--json"]));
    assert_eq!(listed["clients"].as_array().map(Vec::len), Some(3), "reading works without a writable folder");
    assert_eq!(
        json(&run(&dashboard)),
        writable,
        "the dashboard reads the same on a read-only file, though its KPI tallies and subsidy totals were never built there"
    );
    let out = run(&["clients", "import", &import.to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&db.display().to_string()) && stderr.contains("read-only"), "the write names the file: {stderr}");
    let out = run(&["clients", "undo-import", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stderr).expect("a JSON report");
    assert_eq!(report["code"], "database_read_only");
    mode(&shared, 0o755);
}

#[test]
fn a_planner_creates_closes_and_reopens_a_campaign_of_their_own() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let created = json(&rampart(
        &db,
        &[
            "campaigns",
            "create",
            "--name",
            "长城计划 2027",
            "--start",
            "2027-01-01",
            "--end",
            "2027-03-31",
            "--budget",
            "600,000",
            "--json",
        ],
    ));
    assert_eq!(created["name"], "长城计划 2027");
    assert_eq!(created["status"], "draft", "a new campaign starts as a draft");
    assert_eq!(created["subsidy_budget"], 60_000_000, "the budget in 元 is stored in fen, one money convention");
    let id = created["id"].to_string();

    let closed = json(&rampart(&db, &["campaigns", "close", &id, "--json"]));
    assert_eq!(
        (closed["status"].as_str(), closed["name"].as_str()),
        (Some("closed"), Some("长城计划 2027")),
        "closing changes only the status"
    );
    let reopened = json(&rampart(&db, &["campaigns", "reopen", &id, "--json"]));
    assert_eq!(reopened["status"], "active");
    assert_eq!(reopened["subsidy_budget"], 60_000_000, "reopening keeps the budget");

    let out =
        rampart(&db, &["campaigns", "create", "--name", "", "--start", "2027-03-01", "--end", "2027-01-31", "--budget", "abc", "--json"]);
    assert_eq!(out.status.code(), Some(2), "bad input exits 2");
    let report: serde_json::Value = serde_json::from_slice(&out.stderr).expect("stderr is a JSON report");
    let fields: Vec<&str> = report["fields"].as_array().expect("fields").iter().filter_map(|f| f["field"].as_str()).collect();
    for field in ["subsidy_budget", "name", "end_date"] {
        assert!(fields.contains(&field), "every problem is reported at once, {field} among them: {report}");
    }
    let list = json(&rampart(&db, &["campaigns", "list", "--json"]));
    assert_eq!(list.as_array().map(Vec::len), Some(1), "the refused campaign was not created");
}

#[test]
fn a_campaign_from_the_defaults_starts_with_the_four_awards() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let args =
        ["campaigns", "create", "--name", "长城计划 2027", "--start", "2027-01-01", "--end", "2027-03-31", "--from-defaults", "--json"];
    let id = json(&rampart(&db, &args))["id"].to_string();
    let standings = json(&rampart(&db, &["standings", "--campaign", &id, "--as-of", "2027-01-15", "--json"]));
    let names: Vec<&str> = standings.as_array().expect("standings").iter().filter_map(|s| s["name"].as_str()).collect();
    for award in ["存量协议锁定奖", "行业应用攻坚突破奖", "移动业务发展规模奖", "长城计划组织奖"] {
        assert!(names.contains(&award), "the default awards include {award}: {names:?}");
    }
    let bare =
        json(&rampart(&db, &["campaigns", "create", "--name", "空白活动", "--start", "2027-01-01", "--end", "2027-03-31", "--json"]));
    let none = json(&rampart(&db, &["standings", "--campaign", &bare["id"].to_string(), "--as-of", "2027-01-15", "--json"]));
    assert_eq!(none.as_array().map(Vec::len), Some(0), "without --from-defaults a campaign starts with no awards");
}

#[test]
fn a_new_campaign_names_its_participating_teams() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    json(&rampart(&db, &["teams", "create", "鼓楼区", "--json"]));
    let args = [
        "campaigns",
        "create",
        "--name",
        "长城计划 2027",
        "--start",
        "2027-01-01",
        "--end",
        "2027-03-31",
        "--team",
        "鼓楼区",
        "--team",
        "云龙区",
        "--json",
    ];
    let campaign = json(&rampart(&db, &args));
    let mut names: Vec<&str> = campaign["teams"].as_array().expect("teams").iter().filter_map(|t| t["name"].as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, vec!["云龙区", "鼓楼区"], "an existing team is taken by name and a new name becomes a team: {campaign}");
    let teams = json(&rampart(&db, &["teams", "list", "--json"]));
    assert_eq!(teams.as_array().map(Vec::len), Some(2), "鼓楼区 was not made twice: {teams}");
}

#[test]
fn demo_without_a_database_named_goes_to_the_sample_file_not_the_planners_own() {
    let dir = tempfile::tempdir().expect("temp dir");
    let own = dir.path().join("rampart.db");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_rampart")).args(args).env("RAMPART_DB", &own).env("LANG", "C").output().expect("runs")
    };
    json(&run(&["demo", "--json"]));
    let sample = dir.path().join("sample.rampart.db");
    let in_sample = json(&rampart(&sample, &["campaigns", "list", "--json"]));
    assert_eq!(in_sample.as_array().map(Vec::len), Some(1), "the demo is in the sample file beside the default database");
    let in_own = json(&run(&["campaigns", "list", "--json"]));
    assert_eq!(in_own.as_array().map(Vec::len), Some(0), "the planner's own database (RAMPART_DB) holds no demo: {in_own}");
}

#[test]
fn clients_list_pages_with_offset_reports_the_total_and_gives_money_in_yuan_with_fen_beside() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let list = dir.path().join("客户清单.csv");
    let mut text = String::from("客户编码,客户名称,客户类别,客户等级,合同号,产品类型,月费\n");
    for i in 0..1_200 {
        text.push_str(&format!("P{i:05},测试客户{i}有限公司,中小企业,B,HTP{i:05},宽带,{}.50\n", 100 + i));
    }
    std::fs::write(&list, text).expect("write the list");
    json(&rampart(&db, &["clients", "import", &list.to_string_lossy(), "--json"]));
    let first = json(&rampart(&db, &["clients", "list", "--limit", "2", "--json"]));
    let total = first["total"].as_i64().expect("the total the filter matches");
    assert_eq!(total, 1_200, "more clients than one page of the store");
    let next = json(&rampart(&db, &["clients", "list", "--limit", "2", "--offset", "2", "--json"]));
    assert_eq!(next["offset"], 2);
    let codes = |v: &serde_json::Value| -> Vec<String> {
        v["clients"].as_array().expect("clients").iter().filter_map(|c| c["code"].as_str().map(String::from)).collect()
    };
    let (a, b) = (codes(&first), codes(&next));
    assert!(a.len() == 2 && b.len() == 2 && a.iter().all(|c| !b.contains(c)), "the next page follows the first: {a:?} {b:?}");

    let all = json(&rampart(&db, &["clients", "list", "--limit", "all", "--json"]));
    assert_eq!(all["clients"].as_array().map(Vec::len), Some(total as usize), "--limit all gives every client, past 1,000");
    let many = json(&rampart(&db, &["clients", "list", "--limit", "1500", "--json"]));
    assert_eq!(many["clients"].as_array().map(Vec::len), Some(1500.min(total as usize)), "no hidden cap at 1,000");

    let c = &first["clients"][0];
    let (yuan, fen) = (c["monthly_fee"].as_f64().expect("yuan as a number"), c["monthly_fee_fen"].as_i64().expect("fen beside it"));
    assert_eq!((yuan * 100.0).round() as i64, fen, "the same amount in yuan and in fen: {c}");

    let out = rampart(&db, &["clients", "list", "--limit", "0", "--offset=-1", "--json"]);
    assert_eq!(out.status.code(), Some(2), "a limit below 1 and a negative offset are bad input");
    let report: serde_json::Value = serde_json::from_slice(&out.stderr).expect("a JSON report");
    let fields: Vec<&str> = report["fields"].as_array().expect("fields").iter().filter_map(|f| f["field"].as_str()).collect();
    assert_eq!(fields, ["limit", "offset"], "both at once: {report}");
}
