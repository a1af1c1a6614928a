//! Values as planners really write them, end to end through real files the tests write: the
//! found cases (a 92-quadrillion fee, 1.234,50, 27-3-31, 1e10, a NUL in a name, a negative fee,
//! an error value) are refused with line and column and leave the database file untouched;
//! full-width digits, 12.0, 1/0 flags and Excel serials as text import; ab01 and ＡＢ01 are one
//! client.

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::{ClientQuery, ProductType};
use rampart_core::import::{import_clients, ImportOptions, ImportReport};
use rampart_core::{demo, Money, Store};
use rust_xlsxwriter::{Formula, Workbook};

fn options(campaign: Option<CampaignId>) -> ImportOptions {
    support::import_options(campaign)
}

fn import(store: &Store, path: &Path, campaign: Option<CampaignId>) -> ImportReport {
    import_clients(store, path, &options(campaign), &mut |_| true).expect("the file is read; its rows are judged")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

/// The database as it sits on disk: the file and, in WAL mode, its log.
fn on_disk(db: &Path) -> (Vec<u8>, Option<Vec<u8>>) {
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    (std::fs::read(db).expect("db"), std::fs::read(wal).ok())
}

const HEADER: &str = "客户编码,客户名称,客户类别,客户等级,合同号,产品类型,月费,去年12月费用,协议期限(月),协议到期日,光纤到户\n";

#[test]
fn the_found_values_are_refused_with_line_and_column_and_nothing_changes() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("db.sqlite");
    let campaign = {
        let store = Store::open(&db).expect("store");
        demo::seed_demo(&store, NaiveDate::from_ymd_opt(2026, 11, 22).expect("d")).expect("demo")
    };
    let store = Store::open(&db).expect("reopen");
    let clients_before = store.clients().page(&ClientQuery::default()).expect("list").total;
    let before = on_disk(&db);

    let text = format!(
        "{HEADER}\
GW901,徐州市公安局,战略客户,A,HT901,纯光纤,\"92,233,720,368,547,758\",2000,48,2027-03-31,是\n\
GW902,云龙区第一中学,校园,B,HT902,纯光纤,\"1.234,50\",2000,48,2027-03-31,是\n\
GW903,铜山区人民医院,中小企业,C,HT903,融合,500,600,36,27-3-31,否\n\
GW904,泉山区网吧,中小企业,C,HT904,宽带,1e10,600,36,2027-03-31,否\n\
GW905,鼓楼\0贸易公司,中小企业,C,HT905,宽带,500,600,36,2027-03-31,否\n\
GW906,负数公司,中小企业,C,HT906,纯光纤,500,-600,36,2027-03-31,否\n"
    );
    let path = write(dir.path(), "清单.csv", &text);
    let report = import(&store, &path, Some(campaign));

    let found: BTreeSet<(u64, &str)> = report.problems.iter().map(|p| (p.line, p.column.as_str())).collect();
    let expected: BTreeSet<(u64, &str)> =
        [(2, "月费"), (3, "月费"), (4, "协议到期日"), (5, "月费"), (6, "客户名称"), (7, "去年12月费用")].into();
    assert_eq!(found, expected, "every found case is named by its line and column: {:#?}", report.problems);
    let message = |line| report.problems.iter().find(|p| p.line == line).map(|p| p.message_en.clone()).unwrap_or_default();
    assert!(message(2).contains("10,000,000.00"), "the range is said: {}", message(2));
    assert!(message(3).contains("ambiguous"), "1.234,50 reads two ways: {}", message(3));
    assert!(message(4).contains("four-digit"), "27-3-31 is not the year 27: {}", message(4));
    assert!(message(6).contains("control character"), "{}", message(6));
    assert!(report.problems.iter().all(|p| !p.message_zh.is_empty()), "every problem is said in Chinese too");
    assert!(!report.written, "a file with problems writes nothing");

    assert_eq!(on_disk(&db), before, "the database file is byte-for-byte what it was");
    assert_eq!(store.clients().page(&ClientQuery::default()).expect("list").total, clients_before);
    let totals = store.subsidies().totals(campaign).expect("subsidies still add up");
    assert!(!totals.total.is_negative() && totals.total <= totals.budget, "the demo stays inside its budget: {totals:?}");
}

#[test]
fn full_width_digits_terms_flags_and_serials_as_text_import() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("db.sqlite")).expect("store");
    // Codes, digits and marks as a Chinese input method types them; a term as Excel exports a
    // float; flags as 1/0 text; the end date as a serial in a column formatted as text.
    let text = format!(
        "{HEADER}\
ab01,全角贸易公司,中小企业,Ｃ,HT101,纯光纤,１，２３４．５０元,\"１,０００\",12.0,46477,1\n\
ＡＢ01,,,,HT102,ＡＤ,３００,２００,２４,２０２７年３月３１日,0\n\
 Ab01 ,,,,HT103,融合,￥８８.８,100,３６个月,20270331,是\n"
    );
    let report = import(&store, &write(dir.path(), "全角.csv", &text), None);
    assert!(report.problems.is_empty(), "all of it is readable: {:#?}", report.problems);
    assert!(report.written);
    assert_eq!(report.counts.clients_created, 1, "ab01, ＡＢ01 and ' Ab01 ' are one client");
    assert_eq!(report.counts.contracts_created, 3);

    let id = store.clients().id_by_code("ａｂ０１").expect("query").expect("found in any spelling");
    let client = store.clients().get(id).expect("detail");
    assert_eq!(client.row.code, "AB01", "stored in its one canonical spelling");
    let end = NaiveDate::from_ymd_opt(2027, 3, 31);
    let contracts: Vec<_> = client
        .contracts
        .iter()
        .map(|k| (k.number.as_str(), k.product_type, k.monthly_fee, k.dec_fee, k.term_months, k.end_date, k.fiber_to_premises))
        .collect();
    assert_eq!(
        contracts,
        [
            ("HT101", ProductType::FiberOnly, Money::from_fen(123_450), Money::from_yuan(1_000), 12, end, true),
            ("HT102", ProductType::Broadband, Money::from_yuan(300), Money::from_yuan(200), 24, end, false),
            ("HT103", ProductType::Bundle, Money::from_fen(8_880), Money::from_yuan(100), 36, end, true),
        ],
        "１，２３４．５０ is 1,234.50; 12.0 is twelve months; 46477 is 2027-03-31; 1 and 0 are yes and no"
    );

    // A later file that spells the code in upper case updates the same client.
    let again = format!("{HEADER}AB01,全角贸易有限公司,,,HT101,纯光纤,1300,,,,\n");
    let report = import(&store, &write(dir.path(), "again.csv", &again), None);
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert_eq!((report.counts.clients_created, report.counts.clients_updated), (0, 1), "AB01 is the client ab01 created");
    let listed = store.clients().page(&ClientQuery { search: Some("AB01".into()), ..ClientQuery::default() }).expect("list");
    assert_eq!(listed.total, 1, "one client, not two");
    assert_eq!(listed.rows[0].name, "全角贸易有限公司");
}

#[test]
fn an_error_value_in_any_column_the_import_reads_is_a_problem_with_its_cell() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("db.sqlite")).expect("store");
    let path = dir.path().join("错误值.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (col, head) in HEADER.trim().split(',').enumerate() {
        sheet.write_string(0, col as u16, head).expect("head");
    }
    let row = ["GW001", "", "战略客户", "A", "HT001", "纯光纤", "", "2000", "48", "2027-03-31", "是"];
    for (col, value) in row.iter().enumerate() {
        sheet.write_string(1, col as u16, *value).expect("cell");
    }
    // Excel's own error values as cached formula results: a lookup that found nothing in a
    // text column, and a broken calculation in an amount.
    sheet.write_formula(1, 1, Formula::new("=VLOOKUP(A2,Sheet2!A:B,2,0)").set_result("#N/A")).expect("formula");
    sheet.write_formula(1, 6, Formula::new("=H2*\"x\"").set_result("#VALUE!")).expect("formula");
    book.save(&path).expect("save");

    let report = import(&store, &path, None);
    let found: Vec<(u64, &str, &str)> = report.problems.iter().map(|p| (p.line, p.column.as_str(), p.value.as_str())).collect();
    assert_eq!(found, [(2, "客户名称", "#N/A"), (2, "月费", "#VALUE!")], "both cells, the text one too: {:#?}", report.problems);
    assert!(report.problems[0].message_zh.contains("#N/A") && report.problems[0].message_en.contains("error value"));
    assert!(!report.written);
    assert_eq!(store.clients().id_by_code("GW001").expect("q"), None, "no client named #N/A was created");
}

/// One cell of a workbook a test writes: text, or a formula whose cached result is an error.
enum Put<'a> {
    Text(&'a str),
    Error(&'a str),
}

fn workbook(path: &Path, rows: &[Vec<Put<'_>>]) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Put::Text(t) => sheet.write_string(r, c, *t).map(|_| ()),
                Put::Error(e) => sheet.write_formula(r, c, Formula::new("=NA()").set_result(*e)).map(|_| ()),
            }
            .expect("cell");
        }
    }
    book.save(path).expect("save");
}

fn problems_of(problems: &[rampart_core::import::ImportProblem]) -> BTreeSet<(u64, String)> {
    problems.iter().map(|p| (p.line, p.column.clone())).collect()
}

#[test]
fn achievements_refuse_error_values_in_text_columns_and_amounts_out_of_range() {
    use Put::{Error as E, Text as T};
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("db.sqlite")).expect("store");
    let campaign = demo::seed_demo(&store, NaiveDate::from_ymd_opt(2026, 11, 22).expect("d")).expect("demo");
    let team = store.org().teams().expect("teams")[0].name.clone();
    let path = dir.path().join("业绩.xlsx");
    workbook(
        &path,
        &[
            vec![T("日期"), T("指标"), T("团队"), T("数量"), T("金额"), T("说明")],
            vec![T("2026-11-20"), T("存量协议锁定"), E("#N/A"), T("1"), T("100"), T("")],
            vec![T("2026-11-20"), T("存量协议锁定"), T(&team), T("-1"), T("92,233,720,368,547,758"), T("")],
            vec![T("26-11-20"), E("#REF!"), T(&team), T("1"), T("1e10"), T("备注\u{0}")],
            vec![T("２０２６年１１月２０日"), T("存量协议锁定"), T(&team), T("２.0"), T("１，２００元"), T("第一行\n第二行")],
        ],
    );
    let report = rampart_core::import::achievements::import_achievements(&store, &path, campaign, false).expect("read");
    let expected: BTreeSet<(u64, String)> = [(2, "团队"), (3, "数量"), (3, "金额"), (4, "日期"), (4, "指标"), (4, "金额"), (4, "说明")]
        .into_iter()
        .map(|(l, c)| (l, c.to_string()))
        .collect();
    assert_eq!(problems_of(&report.problems), expected, "{:#?}", report.problems);
    assert!(report.problems.iter().any(|p| p.value == "#N/A" && p.message_en.contains("#N/A")), "the fault's own words");
    assert_eq!(report.added, 1, "only line 5 is sound: full-width date, 2.0 and １，２００元 read, a note may span lines");
    assert!(!report.written, "and with problems elsewhere nothing is kept");
}

#[test]
fn snapshots_refuse_error_values_and_tariffs_out_of_range() {
    use Put::{Error as E, Text as T};
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("db.sqlite")).expect("store");
    let campaign = demo::seed_demo(&store, NaiveDate::from_ymd_opt(2026, 11, 22).expect("d")).expect("demo");
    let first = store.clients().page(&ClientQuery { campaign_id: Some(campaign), limit: 1, ..ClientQuery::default() }).expect("targets");
    let number = store.clients().get(first.rows[0].id).expect("client").contracts[0].number.clone();
    let path = dir.path().join("账单.xlsx");
    workbook(
        &path,
        &[
            vec![T("账期"), T("合同号"), T("在网"), T("当前资费")],
            vec![T("２０２６１２"), E("#N/A"), T("在网"), T("100")],
            vec![T("202612"), T(&number), E("#VALUE!"), T("-5")],
            vec![T("202612"), T(&number), T("1"), T("20,000,000")],
        ],
    );
    let report =
        rampart_core::import::snapshots::import_snapshots(&store, &path, campaign, false, NaiveDate::from_ymd_opt(2026, 12, 5).expect("d"))
            .expect("read");
    let expected: BTreeSet<(u64, String)> =
        [(2, "合同号"), (3, "在网"), (3, "当前资费"), (4, "当前资费")].into_iter().map(|(l, c)| (l, c.to_string())).collect();
    assert_eq!(problems_of(&report.problems), expected, "{:#?}", report.problems);
    assert!(!report.written);
}
