//! `rampart points`: members imported, a period computed, the period listed as JSON with each
//! member's points and balance (the appendix's example: 20 % of the average 300 元 = 60 each),
//! and a member's statement written as xlsx and read back by a second reader.

mod support;

use calamine::{open_workbook, Reader, Xlsx};
use support::{json, rampart};

#[test]
fn a_period_is_imported_computed_listed_and_a_statement_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let id = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();
    let file = dir.path().join("members.csv");
    std::fs::write(
        &file,
        "号码,姓名,入网日期,会员级别,账期,消费金额\n13900000001,甲,2025-06-15,贵宾卡,2027-01,100\n13900000002,乙,2025-06-15,贵宾卡,2027-01,200\n13900000003,丙,2025-06-15,金卡,2027-01,600\n",
    )
    .expect("file");
    // January 2027: a period of its own beside the demo's October and November members.
    let imported = json(&rampart(&db, &["points", "import", file.to_str().expect("path"), "--campaign", &id, "--json"]));
    assert_eq!(imported["written"], true, "{imported}");
    let computed = json(&rampart(&db, &["points", "compute", "--campaign", &id, "--period", "2027-01", "--today", "2027-02-02", "--json"]));
    assert_eq!(computed["members"], 3, "{computed}");
    let pool = &computed["pools"][0];
    assert_eq!(
        (pool["key"].as_str(), pool["qualifying"].as_i64(), pool["bonus_points"].as_i64()),
        (Some("13–24"), Some(3), Some(60)),
        "{computed}"
    );
    assert_eq!(pool["average_spend"], 300.0, "money in 元, as every output gives it: {pool}");

    let listed = json(&rampart(&db, &["points", "--campaign", &id, "--period", "2027-01", "--json"]));
    let rows = listed["rows"].as_array().expect("rows");
    assert_eq!(listed["total"], 3);
    let c = rows.iter().find(|r| r["member"] == "13900000003").expect("丙");
    for field in ["spend_points", "tenure_bonus", "level_bonus", "reward_points", "balance", "level"] {
        assert!(c.get(field).is_some(), "each member carries {field}: {c}");
    }
    assert_eq!((c["spend_points"].as_i64(), c["tenure_bonus"].as_i64(), c["level"].as_str()), (Some(600), Some(60), Some("gold")));
    assert_eq!(c["level_bonus"], 120, "金卡 20 % of the only gold member's 600 元");
    assert_eq!(c["balance"], 600 + 60 + 120);

    let out = dir.path().join("丙.xlsx");
    rampart(&db, &["points", "statement", "--member", "13900000003", "--out", out.to_str().expect("path")]);
    let mut book: Xlsx<_> = open_workbook(&out).expect("the statement opens in a second reader");
    let range = book.worksheet_range("积分对账单").expect("sheet");
    let cells: Vec<String> = range.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(cells.iter().any(|c| c == "在网时长赠送"), "the entries by kind: {cells:?}");
    assert!(cells.iter().any(|c| c == "780"), "the running balance ends on 780: {cells:?}");
}
