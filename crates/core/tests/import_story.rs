//! Client import against real files the tests write: GBK CSV with a title row, xlsx with merged
//! cells and Excel dates, conflicting duplicates, bad values, hostile files, dry run, undo.

mod support;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::{Category, ClientQuery, ProductType};
use rampart_core::import::{import_clients, ImportOptions, ImportReport};
use rampart_core::{demo, Error, Money, Store};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn options(campaign: Option<CampaignId>) -> ImportOptions {
    support::import_options(campaign)
}

fn run(store: &Store, path: &Path, opts: &ImportOptions) -> Result<ImportReport, Error> {
    import_clients(store, path, opts, &mut |_| true)
}

fn gbk_csv(dir: &Path, name: &str, text: &str) -> PathBuf {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

const PLANNER_CSV: &str = "2026年长城计划目标客户清单（市政企客户部）\n\
,,,\n\
客户编码,客户名称,客户类别,客户等级,行业,区县,客户经理,合同号,产品类型,月费,去年12月费用,协议期限（月）,协议到期日,光纤到户,备注\n\
GW001,徐州市公安局,战略客户,A,政府机关,鼓楼区,王建国,HT001,纯光纤,\"1,234.50\",2000,48,2027-03-31,是,重点\n\
GW001,,,,,,,HT002,融合,1234.5元,¥1,60,2027/3/31,Y,\n\
\n\
GW002,云龙区第一中学,校园,B级,教育,云龙区,新经理,HT003,AD,600,500,24,2027年3月31日,否,\n";

#[test]
fn a_gbk_csv_with_a_title_row_blank_rows_and_planner_values() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("db.sqlite")).expect("store");
    let campaign = demo::seed_demo(&store, NaiveDate::from_ymd_opt(2026, 11, 22).expect("d")).expect("demo");
    let path = gbk_csv(dir.path(), "清单.csv", PLANNER_CSV);

    let report = run(&store, &path, &options(Some(campaign))).expect("imports");
    assert!(report.problems.is_empty(), "no problems: {:?}", report.problems);
    assert!(report.written);
    assert_eq!(report.header_line, 3, "the header sits under a title row and a blank row");
    assert_eq!(report.rows, 3, "the blank row between clients is skipped");
    assert_eq!(report.ignored_columns, ["备注"], "unknown columns are named, not silently dropped");
    assert_eq!((report.counts.clients_created, report.counts.contracts_created), (2, 3));
    assert_eq!((report.counts.targets_added, report.counts.managers_created), (2, 1), "新经理 is created");

    let id = store.clients().id_by_code("GW001").expect("q").expect("GW001 exists");
    let client = store.clients().get(id).expect("detail");
    assert_eq!(client.row.category, Category::Strategic);
    assert!(client.campaign_ids.contains(&campaign), "--campaign makes imported clients targets");
    let fees: Vec<_> = client.contracts.iter().map(|k| (k.number.as_str(), k.product_type, k.monthly_fee, k.dec_fee)).collect();
    assert_eq!(
        fees,
        [
            ("HT001", ProductType::FiberOnly, Money::from_fen(123_450), Money::from_yuan(2_000)),
            ("HT002", ProductType::Bundle, Money::from_fen(123_450), Money::from_yuan(1)),
        ]
    );
    let end = NaiveDate::from_ymd_opt(2027, 3, 31);
    assert!(client.contracts.iter().all(|k| k.end_date == end), "2027-03-31 and 2027/3/31 are the same day");
    let other = store.clients().get(store.clients().id_by_code("GW002").expect("q").expect("GW002")).expect("detail");
    assert_eq!((other.row.tier.code(), other.contracts[0].end_date), ("B", end), "B级 and 2027年3月31日 are understood");
    assert!(!other.contracts[0].fiber_to_premises);
}

#[test]
fn utf8_with_bom_reads_the_same() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open_in_memory().expect("store");
    let path = dir.path().join("bom.csv");
    std::fs::write(&path, format!("\u{feff}{PLANNER_CSV}")).expect("write");
    let report = run(&store, &path, &options(None)).expect("imports");
    assert_eq!((report.rows, report.counts.clients_created), (3, 2));
}

#[test]
fn xlsx_with_merged_cells_and_excel_dates() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("merged.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    sheet.merge_range(0, 0, 0, 5, "长城计划目标客户", &Format::new()).expect("title");
    for (c, h) in ["客户编码", "客户名称", "客户类别", "客户等级", "合同号", "产品类型", "去年12月费用", "协议期限(月)", "协议到期日"]
        .iter()
        .enumerate()
    {
        sheet.write_string(2, c as u16, *h).expect("header");
    }
    // One client over two contract rows, its code and name merged vertically as planners do.
    sheet.merge_range(3, 0, 4, 0, "GW100", &Format::new()).expect("merge code");
    sheet.merge_range(3, 1, 4, 1, "泉山区人民医院", &Format::new()).expect("merge name");
    sheet.write_string(3, 2, "本地网重点客户").expect("c");
    sheet.write_string(3, 3, "A").expect("t");
    for (r, (no, product, fee, term)) in [("HT100", "光纤", 2000.0, 48.0), ("HT101", "综合业务", 1500.5, 36.0)].iter().enumerate() {
        let row = 3 + r as u32;
        sheet.write_string(row, 4, *no).expect("no");
        sheet.write_string(row, 5, *product).expect("p");
        sheet.write_number(row, 6, *fee).expect("fee");
        sheet.write_number(row, 7, *term).expect("term");
        sheet.write_datetime_with_format(row, 8, ExcelDateTime::from_ymd(2027, 1, 15).expect("date"), &date).expect("date");
    }
    book.save(&path).expect("save");

    let store = Store::open_in_memory().expect("store");
    let report = run(&store, &path, &options(None)).expect("imports");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!((report.header_line, report.rows), (3, 2), "line numbers are the spreadsheet's");
    let client = store.clients().get(store.clients().id_by_code("GW100").expect("q").expect("GW100")).expect("detail");
    assert_eq!(client.contracts.len(), 2, "the merged code covers both contract rows");
    assert_eq!(client.contracts[1].dec_fee, Money::from_fen(150_050));
    assert_eq!(client.contracts[0].end_date, NaiveDate::from_ymd_opt(2027, 1, 15), "an Excel date cell");
}

#[test]
fn conflicting_duplicates_and_bad_values_are_reported_exactly_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open_in_memory().expect("store");
    let path = dir.path().join("bad.csv");
    std::fs::write(
        &path,
        "客户编码,客户名称,客户类别,客户等级,合同号,产品类型,月费,协议到期日\n\
         GW1,甲公司,中小企业,C,HT1,宽带,100,2027-01-01\n\
         GW1,乙公司,中小企业,C,HT2,宽带,abc,2027-02-30\n\
         GW2,丙公司,VIP,C,HT1,宽带,100,\n",
    )
    .expect("write");
    let report = run(&store, &path, &options(None)).expect("a report, not an error");
    let got: Vec<_> = report.problems.iter().map(|p| (p.line, p.column.as_str(), p.value.as_str())).collect();
    assert_eq!(
        got,
        [(3, "月费", "abc"), (3, "协议到期日", "2027-02-30"), (3, "客户名称", "乙公司"), (4, "客户类别", "VIP"), (4, "合同号", "HT1"),],
        "every problem with its line and column header"
    );
    assert_eq!(report.problems[2].message_zh, "与第 2 行（同一客户编码 GW1）不一致");
    assert!(!report.written);
    assert_eq!(store.clients().page(&ClientQuery::default()).expect("q").total, 0, "all or nothing: not even line 2 is kept");
}

#[test]
fn dry_run_counts_without_writing_and_reimport_updates() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open_in_memory().expect("store");
    let path = gbk_csv(dir.path(), "a.csv", PLANNER_CSV);
    let mut dry = options(None);
    dry.dry_run = true;
    let report = run(&store, &path, &dry).expect("dry run");
    assert_eq!((report.counts.clients_created, report.written), (2, false));
    assert_eq!(store.clients().page(&ClientQuery::default()).expect("q").total, 0, "a dry run writes nothing");

    run(&store, &path, &options(None)).expect("import");
    let again = run(&store, &path, &options(None)).expect("re-import");
    assert_eq!((again.counts.clients_created, again.counts.clients_updated), (0, 2), "upsert by client code");
    assert_eq!((again.counts.contracts_created, again.counts.contracts_updated), (0, 3), "upsert by contract number");
    assert_eq!(store.clients().page(&ClientQuery::default()).expect("q").total, 2);
}

#[test]
fn the_last_import_can_be_undone() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open_in_memory().expect("store");
    let now = options(None).now;
    std::fs::write(dir.path().join("one.csv"), "客户编码,客户名称,客户类别,客户等级\nGW9,原名称,中小企业,C\n").expect("w");
    run(&store, &dir.path().join("one.csv"), &options(None)).expect("first");
    std::fs::write(dir.path().join("two.csv"), "客户编码,客户名称,客户类别,客户等级\nGW9,新名称,中小企业,C\nGW10,新客户,校园,B\n")
        .expect("w");
    run(&store, &dir.path().join("two.csv"), &options(None)).expect("second");
    assert_eq!(store.clients().page(&ClientQuery::default()).expect("q").total, 2);

    let undone = store.imports().undo_last(now).expect("undo");
    assert_eq!(undone.file, "two.csv");
    let id = store.clients().id_by_code("GW9").expect("q").expect("GW9 stays: the first import made it");
    assert_eq!(store.clients().get(id).expect("c").row.name, "原名称", "the updated name is restored");
    assert_eq!(store.clients().id_by_code("GW10").expect("q"), None, "the created client is gone");
    assert!(store.integrity_ok().expect("check"));
}

#[test]
fn cancelling_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open_in_memory().expect("store");
    let mut text = String::from("客户编码,客户名称,客户类别,客户等级\n");
    for i in 0..2_500 {
        text.push_str(&format!("C{i},客户{i},中小企业,C\n"));
    }
    let path = dir.path().join("big.csv");
    std::fs::write(&path, text).expect("w");
    let mut calls = Vec::new();
    let result = import_clients(&store, &path, &options(None), &mut |rows| {
        calls.push(rows);
        rows < 2_000
    });
    assert!(matches!(result, Err(Error::Cancelled)), "{result:?}");
    assert_eq!(calls, [1_000, 2_000], "progress is reported as rows are read");
    assert_eq!(store.clients().page(&ClientQuery::default()).expect("q").total, 0, "nothing from a cancelled import stays");
}

#[test]
fn hostile_files_are_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open_in_memory().expect("store");
    let refused = |path: &Path| match run(&store, path, &options(None)) {
        Err(err @ Error::Unreadable { .. }) => err.message_zh(),
        other => panic!("{} must be refused, got {other:?}", path.display()),
    };

    // A truncated workbook.
    let good = dir.path().join("good.xlsx");
    let mut book = Workbook::new();
    book.add_worksheet().write_string(0, 0, "客户编码").expect("w");
    book.save(&good).expect("save");
    let bytes = std::fs::read(&good).expect("read");
    let cut = dir.path().join("cut.xlsx");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("w");
    assert!(refused(&cut).contains("可能已损坏或不完整"), "a truncated xlsx names the problem");

    // A zip whose directory claims a 4 GB sheet.
    let mut bomb = bytes.clone();
    let central = bomb.windows(4).position(|w| w == [0x50, 0x4b, 0x01, 0x02]).expect("central directory");
    bomb[central + 24..central + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    let bomb_path = dir.path().join("bomb.xlsx");
    std::fs::write(&bomb_path, bomb).expect("w");
    let msg = refused(&bomb_path);
    assert!(msg.contains("文件解压后超过"), "absurd declared sizes are refused before inflating: {msg}");

    // Too many columns, and a huge cell.
    let wide = dir.path().join("wide.csv");
    std::fs::write(&wide, format!("客户编码,客户名称,客户类别{}\n", ",x".repeat(600))).expect("w");
    assert!(refused(&wide).contains("列"));
    let huge = dir.path().join("huge.csv");
    std::fs::write(&huge, format!("客户编码,客户名称,客户类别\nA,{},中小企业\n", "长".repeat(40_000))).expect("w");
    assert!(refused(&huge).contains("第 2 行"), "the line with the huge cell is named");

    // Not a client list at all.
    let junk = dir.path().join("junk.csv");
    std::fs::write(&junk, "a,b,c\n1,2,3\n").expect("w");
    assert!(refused(&junk).contains("找不到表头"));
    assert!(store.integrity_ok().expect("check"));
}

#[test]
fn an_unknown_header_can_be_mapped_by_the_planner() {
    use rampart_core::domain::fold_header;
    use rampart_core::import::header::Field;
    use rampart_core::import::inspect;
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open_in_memory().expect("store");
    let path = dir.path().join("odd.csv");
    std::fs::write(&path, "单位编号,客户名称,客户类别,客户等级\nU1,某单位,中小企业,C\n").expect("w");

    let first = inspect(&path, &HashMap::new()).expect("inspect");
    assert_eq!(first.header_line, 0, "without 客户编码 no row qualifies as the header");
    assert_eq!(first.columns[0].header, "单位编号");
    assert_eq!(first.columns[0].field, None);
    assert_eq!(first.columns[0].samples, ["U1"], "the values under an unknown header show what it holds");
    assert_eq!(first.columns[1].samples, ["某单位"]);
    assert_eq!(first.missing, [Field::ClientCode]);
    assert!(matches!(run(&store, &path, &options(None)), Err(Error::Unreadable { .. })));

    let mut mapped = options(None);
    mapped.mapping.insert(fold_header("单位编号"), Field::ClientCode);
    let second = inspect(&path, &mapped.mapping).expect("inspect");
    assert_eq!((second.header_line, second.missing.len()), (1, 0));
    assert_eq!(run(&store, &path, &mapped).expect("import").counts.clients_created, 1);
}

#[test]
fn contract_values_without_a_contract_number_are_reported_not_dropped() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open_in_memory().expect("store");
    let path = dir.path().join("nonumber.csv");
    std::fs::write(&path, "客户编码,客户名称,客户类别,客户等级,合同号,月费\nB1,甲,中小企业,C,,abc\n").expect("w");
    let report = run(&store, &path, &options(None)).expect("report");
    assert_eq!(report.problems.len(), 1);
    assert_eq!((report.problems[0].line, report.problems[0].column.as_str()), (2, "合同号"));
    assert_eq!(report.problems[0].message_zh, "不能为空：本行有月费“abc”");
}

#[test]
fn the_template_imports_as_it_comes_in_both_languages_without_mapping_a_column() {
    use rampart_core::domain::tracker::Lang;
    use rampart_core::export::import_template::write_import_template;
    for lang in [Lang::Zh, Lang::En] {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open_in_memory().expect("store");
        let path = dir.path().join("导入模板.xlsx");
        write_import_template(&path, lang).expect("template");
        let inspected = rampart_core::import::inspect(&path, &HashMap::new()).expect("inspect");
        assert_eq!(inspected.header_line, 1, "{lang:?}: the first row is the header");
        assert!(
            inspected.columns.iter().all(|c| c.field.is_some()),
            "{lang:?}: every template column is recognised: {:?}",
            inspected.columns
        );
        let report = run(&store, &path, &options(None)).expect("import");
        assert!(report.problems.is_empty(), "{lang:?}: the examples are valid: {:?}", report.problems);
        assert_eq!(
            (report.counts.clients_created, report.counts.contracts_created),
            (2, 2),
            "{lang:?}: two example clients with a contract each"
        );
        let clients = store.clients().page(&ClientQuery::default()).expect("clients").rows;
        assert!(clients.iter().any(|c| c.category == Category::Strategic), "{lang:?}: the category label was read");
    }
}
