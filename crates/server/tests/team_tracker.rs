//! Trackers per team through the server: exported for the caller's scope, applied back all or
//! nothing on the versions they were exported with.

mod support;

use calamine::{Data, Reader, Xlsx};
use serde_json::{json, Value};
use support::TestServer;

/// The exported sheet's rows as text, header first.
fn rows_of(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("calamine reads the export");
    let range = book.worksheet_range("一户一案事项").expect("the plan items sheet");
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(f) => format!("{f}"),
                    Data::Int(i) => i.to_string(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// A returned tracker: the rows as given, numbers in the first two columns.
fn workbook(rows: &[Vec<String>]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("一户一案事项").expect("name");
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            match value.parse::<f64>() {
                Ok(n) if r > 0 && c < 2 => sheet.write_number(r as u32, c as u16, n).map(|_| ()),
                _ => sheet.write_string(r as u32, c as u16, value).map(|_| ()),
            }
            .expect("a cell");
        }
    }
    book.save_to_buffer().expect("a workbook")
}

fn status_of(server: &TestServer, id: &str) -> (String, i64) {
    let id: i64 = id.parse::<f64>().expect("an id") as i64;
    let row = server.superuser().query_one("SELECT status, version FROM plan_items WHERE id = $1", &[&id]).expect("the item");
    (row.get(0), row.get(1))
}

#[test]
fn a_district_tracker_goes_out_and_comes_back_all_or_nothing() {
    let server = TestServer::start(80);
    let token = server.login("dp01");
    let (status, bytes) = server.get_bytes(&token, "/api/campaigns/1/tracker");
    assert_eq!(status, 200);
    let rows = rows_of(&bytes);
    assert_eq!(rows[0][..3], ["事项编号", "版本", "客户编码"], "the header names the columns: {:?}", rows[0]);
    let (_, items) = server.get(Some(&token), "/api/campaigns/1/plan-items?limit=1");
    assert_eq!(rows.len() as i64 - 1, items["total"].as_i64().expect("a total"), "one line per item in dp01's reach");
    assert!(rows[1..].iter().all(|r| r[4] == "玄武区"), "only dp01's district is in its tracker");

    // The team marks one item done and leaves the rest as they were.
    let open = rows.iter().position(|r| r[8] == "未开始").expect("an item not started");
    let mut returned = rows.clone();
    returned[open][8] = "已完成".into();
    let file = workbook(&returned);
    let id = returned[open][0].clone();

    let (status, report) = server.post_bytes(&token, "/api/campaigns/1/tracker?dry_run=true", &file);
    assert_eq!(status, 200, "{report}");
    assert_eq!(
        (report["applied"].as_i64(), report["written"].as_bool()),
        (Some(1), Some(false)),
        "a dry run says what it would do: {report}"
    );
    assert_eq!(status_of(&server, &id).0, "not_started", "and writes nothing");

    let (_, report) = server.post_bytes(&token, "/api/campaigns/1/tracker", &file);
    assert_eq!((report["applied"].as_i64(), report["written"].as_bool()), (Some(1), Some(true)), "{report}");
    assert_eq!(status_of(&server, &id), ("done".to_string(), 2), "the item is done, one version on");
    let (_, again) = server.post_bytes(&token, "/api/campaigns/1/tracker", &file);
    assert_eq!(
        (again["applied"].as_i64(), again["unchanged"].as_i64()),
        (Some(0), Some(1)),
        "sending it twice changes nothing more: {again}"
    );

    // Someone changes a second item through the app after the export; the team's change to it
    // is refused with the current value, and nothing else in the file is applied.
    let second = rows.iter().enumerate().position(|(i, r)| i != open && i > 0 && r[8] == "未开始").expect("another item not started");
    let second_id = rows[second][0].clone();
    let (status, _) = server.put(
        Some(&token),
        &format!("/api/plan-items/{}/status", second_id.parse::<f64>().expect("id") as i64),
        &json!({"version": 1, "status": "in_progress"}),
    );
    assert_eq!(status, 200);
    let third = rows.iter().enumerate().position(|(i, r)| i != open && i != second && i > 0 && r[8] == "未开始").expect("a third item");
    let mut late = rows.clone();
    late[second][8] = "已完成".into();
    late[third][8] = "进行中".into();
    let (_, report) = server.post_bytes(&token, "/api/campaigns/1/tracker", &workbook(&late));
    assert_eq!(report["written"], false, "a conflict keeps the whole file out: {report}");
    assert_eq!(report["conflicts"][0]["current"]["status"], "in_progress", "with the value someone else saved");
    assert_eq!(report["conflicts"][0]["row"].as_u64(), Some(second as u64 + 1), "on the line it came from");
    assert_eq!(status_of(&server, &rows[third][0]).0, "not_started", "the line without a conflict was not applied either");

    // A line for another district's item, or a status that is not one, names its row and column.
    let mut db = server.superuser();
    let foreign: i64 = db
        .query_one("SELECT i.id FROM plan_items i JOIN clients c ON c.id = i.client_id WHERE c.district_id <> 1 LIMIT 1", &[])
        .expect("an item")
        .get(0);
    let mut bad = rows.clone();
    bad[third][8] = "进行中".into();
    bad.push(vec![
        foreign.to_string(),
        "1".into(),
        "X".into(),
        "X".into(),
        "X".into(),
        "X".into(),
        "X".into(),
        "2026-10-01".into(),
        "已完成".into(),
    ]);
    let mut typo = rows[third + 1].clone();
    typo[8] = "搞定了".into();
    bad.push(typo);
    let (_, report) = server.post_bytes(&token, "/api/campaigns/1/tracker", &workbook(&bad));
    assert_eq!(report["written"], false);
    let problems = report["problems"].as_array().expect("problems");
    assert!(
        problems.iter().any(|p| p["column"] == "I" && p["message_zh"].as_str().is_some_and(|m| m.contains("搞定了"))),
        "the bad status is named: {report}"
    );
    assert!(
        problems.iter().any(|p| p["row"].as_u64() == Some(bad.len() as u64 - 1) && p["sheet"] == "一户一案事项"),
        "the foreign item's row is named: {report}"
    );
    assert_eq!(status_of(&server, &rows[third][0]).0, "not_started", "nothing was applied");

    // A team that inserted a column before the others: problems name the cells where they are now.
    let mut moved = rows.clone();
    moved[third][8] = "受阻".into();
    moved[third][10] = String::new();
    moved.push(bad[bad.len() - 2].clone());
    let moved: Vec<Vec<String>> = moved.iter().map(|r| std::iter::once("备注".to_string()).chain(r.iter().cloned()).collect()).collect();
    let (_, report) = server.post_bytes(&token, "/api/campaigns/1/tracker", &workbook(&moved));
    assert_eq!(report["written"], false, "{report}");
    let columns: Vec<(u64, String)> = report["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| (p["row"].as_u64().unwrap_or(0), p["column"].as_str().unwrap_or("").to_string()))
        .collect();
    assert!(columns.contains(&(third as u64 + 1, "J".into())), "a blocked item without its reason names the moved status column: {report}");
    assert!(columns.contains(&(moved.len() as u64, "B".into())), "an item out of reach names the moved number column: {report}");

    // The same item on two changed lines is named as such, not taken for someone else's change.
    let mut twice = rows.clone();
    twice[third][8] = "进行中".into();
    let mut again = rows[third].clone();
    again[8] = "已完成".into();
    twice.push(again);
    let (_, report) = server.post_bytes(&token, "/api/campaigns/1/tracker", &workbook(&twice));
    assert_eq!(report["written"], false, "{report}");
    assert!(
        report["problems"]
            .as_array()
            .is_some_and(|p| p.iter().any(|p| p["column"] == "A" && p["message_zh"].as_str().is_some_and(|m| m.contains("已在第")))),
        "the repeated line names the first one: {report}"
    );
    assert_eq!(report["conflicts"].as_array().map(Vec::len), Some(0), "and is not reported as a conflict");
}

#[test]
fn trackers_are_for_planners_and_bad_files_say_why() {
    let server = TestServer::start(40);
    let viewer = server.login("viewer");
    assert_eq!(server.get_bytes(&viewer, "/api/campaigns/1/tracker").0, 403, "a viewer does not export trackers");
    let planner = server.login("planner");
    let (status, report): (u16, Value) = server.post_bytes(&planner, "/api/campaigns/1/tracker?file=东区.xlsx", b"not a workbook");
    assert_eq!(status, 400, "{report}");
    assert!(report["message_zh"].as_str().is_some_and(|m| m.contains("东区.xlsx")), "the file is named: {report}");
    let (status, report) = server.post_bytes(&planner, "/api/campaigns/1/tracker", &workbook(&[vec!["客户".into(), "状态".into()]]));
    assert_eq!(status, 400, "a sheet without the tracker's header is refused: {report}");
}
