//! Files from twenty district companies, some broken, some hostile: each is read the way Excel
//! shows it or refused with a message naming what is wrong, and a refused import leaves the
//! database file byte for byte as it was. Peak memory is measured in the CLI tests, where each
//! file is read in a process of its own.

mod support;

use std::path::Path;

use rampart_core::import::cells::{read_rows, Cell, Fault, Flow};
use rampart_core::import::{import_clients, ImportOptions, ImportReport};
use rampart_core::{Error, Store};
use support::files::{self, Entry, Sheet};

const HEADER: [&str; 4] = ["客户编码", "客户名称", "客户类别", "客户等级"];

fn options() -> ImportOptions {
    support::import_options(None)
}

/// Imports into a real database file and returns the result, checking that a refusal or a
/// report with problems left the file's bytes unchanged.
fn import(db: &Path, path: &Path) -> Result<ImportReport, Error> {
    drop(Store::open(db).expect("open"));
    let before = std::fs::read(db).expect("db bytes");
    let store = Store::open(db).expect("open");
    let result = import_clients(&store, path, &options(), &mut |_| true);
    drop(store);
    if !matches!(&result, Ok(r) if r.written) {
        assert_eq!(std::fs::read(db).expect("db bytes"), before, "{}: a refused import must leave the database untouched", path.display());
    }
    result
}

fn refusal(db: &Path, path: &Path) -> String {
    match import(db, path) {
        Err(e @ Error::Unreadable { .. }) => format!("{} | {}", e.message_zh(), e.message_en()),
        other => panic!("{} must be refused as unreadable, got {other:?}", path.display()),
    }
}

fn rows_of(path: &Path) -> (Option<String>, Vec<(u64, Vec<Cell>)>) {
    let mut rows = Vec::new();
    let sheet = read_rows(path, &mut |line, cells| {
        rows.push((line, cells));
        Flow::Continue
    })
    .expect("readable");
    (sheet, rows)
}

#[test]
fn zip_bombs_and_lying_directories_are_refused_after_reading_at_most_a_cap() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db");
    let sheet = Sheet { name: "客户", hidden: false, rows: files::text_row(1, &HEADER) };
    let chunk = format!("<si><t>{}</t></si>", "长城".repeat(80_000));

    // Shared strings that honestly declare 1.5 GB: refused from the directory, nothing inflated.
    let mut parts = files::xlsx_parts(std::slice::from_ref(&sheet), 0, None);
    let times = 1_500_000_000 / chunk.len() as u64;
    parts.push(Entry::bomb("xl/sharedStrings.xml", b"<sst>", chunk.as_bytes(), times, b"</sst>", 1_500_000_000));
    let honest = dir.path().join("honest-bomb.xlsx");
    files::zip(&honest, &parts);
    let size = std::fs::metadata(&honest).expect("meta").len();
    assert!(size < 4 << 20, "the bomb itself is small on disk: {size}");
    let message = refusal(&db, &honest);
    assert!(message.contains("文件解压后超过") && message.contains("可能已损坏或被篡改"), "{message}");

    // The same strings with a directory that claims 2 KB: reading stops at the claim.
    let mut parts = files::xlsx_parts(std::slice::from_ref(&sheet), 0, None);
    parts.push(Entry::bomb("xl/sharedStrings.xml", b"<sst>", chunk.as_bytes(), times, b"</sst>", 2_048));
    let lying = dir.path().join("lying.xlsx");
    files::zip(&lying, &parts);
    let message = refusal(&db, &lying);
    assert!(message.contains("超过其声明的大小") && message.contains("sharedStrings.xml"), "{message}");

    // One cell whose text never ends: refused at the token limit, not buffered.
    let head = format!("{}<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>", r#"<worksheet><sheetData>"#);
    let mut book = files::xlsx_parts(std::slice::from_ref(&sheet), 0, None);
    book.retain(|p| p.name != "xl/worksheets/sheet1.xml");
    book.push(Entry::bomb(
        "xl/worksheets/sheet1.xml",
        head.as_bytes(),
        "长".repeat(10_000).as_bytes(),
        20_000,
        b"</t></is></c></row></sheetData></worksheet>",
        600_000_000,
    ));
    let endless = dir.path().join("endless-cell.xlsx");
    files::zip(&endless, &book);
    let message = refusal(&db, &endless);
    assert!(message.contains("可能已损坏或被篡改"), "{message}");
}

#[test]
fn a_workbook_is_read_from_the_sheet_excel_shows() {
    let dir = tempfile::tempdir().expect("dir");
    let hidden = Sheet { name: "旧数据", hidden: true, rows: files::text_row(1, &["不是", "这一张"]) };
    let shown = Sheet {
        name: "客户清单",
        hidden: false,
        rows: format!("{}{}", files::text_row(1, &HEADER), files::text_row(2, &["GW001", "徐州市公安局", "战略客户", "A"])),
    };
    let other = Sheet { name: "备注", hidden: false, rows: files::text_row(1, &["备注"]) };

    let first_hidden = dir.path().join("first-hidden.xlsx");
    files::zip(&first_hidden, &files::xlsx_parts(&[hidden, shown, other], 0, None));
    let (sheet, rows) = rows_of(&first_hidden);
    assert_eq!(sheet.as_deref(), Some("客户清单"), "a hidden active sheet gives way to the first visible one");
    assert_eq!(rows[0].1[0], Cell::Text("客户编码".into()));

    let shown = Sheet { name: "客户清单", hidden: false, rows: files::text_row(1, &HEADER) };
    let other = Sheet { name: "备注", hidden: false, rows: files::text_row(1, &["备注"]) };
    let active_second = dir.path().join("active-second.xlsx");
    files::zip(&active_second, &files::xlsx_parts(&[shown, other], 1, None));
    assert_eq!(rows_of(&active_second).0.as_deref(), Some("备注"), "the sheet the file was saved on is the one read");

    let db = dir.path().join("r.db");
    let report = import(&db, &first_hidden).expect("import");
    assert_eq!((report.sheet.as_deref(), report.counts.clients_created), (Some("客户清单"), 1), "the report says which sheet was read");
}

#[test]
fn error_values_and_uncached_formulas_are_problems_with_their_cell() {
    let dir = tempfile::tempdir().expect("dir");
    let rows = format!(
        "{}{}{}",
        files::text_row(1, &["客户编码", "客户名称", "客户类别", "客户等级", "合同号", "产品类型", "月费"]),
        r#"<row r="2"><c r="A2" t="inlineStr"><is><t>GW001</t></is></c><c r="B2" t="e"><v>#N/A</v></c></row>"#,
        r#"<row r="3"><c r="A3" t="inlineStr"><is><t>GW002</t></is></c><c r="G3"><f>VLOOKUP(A3,X!A:B,2,0)</f></c></row>"#,
    );
    let path = dir.path().join("faults.xlsx");
    files::zip(&path, &files::xlsx_parts(&[Sheet { name: "S", hidden: false, rows }], 0, None));
    let (_, read) = rows_of(&path);
    assert_eq!(read[1].1[1], Cell::Fault(Fault::Error("#N/A".into())), "#N/A is not a blank");
    assert_eq!(read[2].1[6], Cell::Fault(Fault::Uncached), "a formula without a result is not a blank");
}

#[test]
fn far_corners_are_refused_without_allocating_the_range_between() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db");

    // .ods: one cell at row 199,001 after a run of repeated empty rows.
    let ods = dir.path().join("far.ods");
    let body = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>客户编码</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2000000000"/></table:table-row><table:table-row table:number-rows-repeated="198999"><table:table-cell table:number-columns-repeated="1024"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16000"/><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>"#;
    files::ods(&ods, "Sheet1", body);
    let message = refusal(&db, &ods);
    assert!(message.contains("第 199001 行") && message.contains("列"), "the far cell's line is named: {message}");

    // .xls: a cell at IV65536 beside one at A1.
    let xls = dir.path().join("far.xls");
    files::xls(&xls, &[(0, 0, 1.0), (65_535, 255, 2.0)]);
    let message = refusal(&db, &xls);
    assert!(message.contains("IV65536"), "the far cell is named: {message}");

    // .xls within limits is read.
    let small = dir.path().join("small.xls");
    files::xls(&small, &[(0, 0, 1.0), (1, 2, 2.0)]);
    let (sheet, rows) = rows_of(&small);
    assert_eq!(sheet.as_deref(), Some("Sheet1"));
    assert_eq!(rows.len(), 2);
}

#[test]
fn text_files_are_decoded_exactly() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db");
    let line = "GW001,徐州市公安局,战略客户,A\n";

    // GBK for the first 64 KiB, then a UTF-8 line: refused, naming a line of each.
    let mut bytes = encoding_rs::GB18030.encode("客户编码,客户名称,客户类别,客户等级\n").0.into_owned();
    let gbk_line = encoding_rs::GB18030.encode(line).0.into_owned();
    while bytes.len() < 70_000 {
        bytes.extend(&gbk_line);
    }
    let gbk_lines = bytes.iter().filter(|&&b| b == b'\n').count();
    bytes.extend("GW999,南京市某某有限公司,中小企业,C\n".as_bytes());
    let mixed = dir.path().join("mixed.csv");
    std::fs::write(&mixed, &bytes).expect("w");
    let message = refusal(&db, &mixed);
    assert!(message.contains(&format!("第 {} 行的文字编码（UTF-8）与前面的行", gbk_lines + 1)), "the odd line is named: {message}");

    // The reverse: UTF-8 first, then GBK bytes.
    let mut bytes = "客户编码,客户名称,客户类别,客户等级\n".as_bytes().to_vec();
    while bytes.len() < 70_000 {
        bytes.extend(line.as_bytes());
    }
    bytes.extend(&gbk_line);
    let reverse = dir.path().join("reverse.csv");
    std::fs::write(&reverse, &bytes).expect("w");
    let message = refusal(&db, &reverse);
    assert!(message.contains("（GBK）与前面的行（如第 1 行，UTF-8）"), "the GBK line is the odd one: {message}");

    // A UTF-8 file (BOM) with one broken byte: refused at its line, no replacement character.
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend("客户编码,客户名称,客户类别,客户等级\n".as_bytes());
    bytes.extend(b"GW001,\xFF\xFE,\xE6\x88,A\n");
    let broken = dir.path().join("broken.csv");
    std::fs::write(&broken, &bytes).expect("w");
    let message = refusal(&db, &broken);
    assert!(message.contains("第 2 行"), "{message}");

    // Excel's "Unicode 文本": UTF-16 LE with BOM, tab-separated.
    let text = "客户编码\t客户名称\t客户类别\t客户等级\r\nGW001\t徐州市公安局\t战略客户\tA\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let unicode = dir.path().join("客户清单.txt");
    std::fs::write(&unicode, &bytes).expect("w");
    let report = import(&db, &unicode).expect("import");
    assert_eq!((report.problems.len(), report.counts.clients_created), (0, 1), "{report:?}");
}

#[test]
fn records_are_bounded_and_only_regular_files_are_read() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db");

    // A single line of 8 MB: refused at the record limit.
    let long = dir.path().join("long.csv");
    std::fs::write(&long, format!("客户编码,{}\n", "x".repeat(8 << 20))).expect("w");
    let message = refusal(&db, &long);
    assert!(message.contains("第 1 行") && message.contains("MB"), "{message}");

    // A quoted field that spans lines but never closes is one endless record.
    let open_quote = dir.path().join("quote.csv");
    std::fs::write(&open_quote, format!("客户编码,客户名称,客户类别,客户等级\nA,\"{}\n", "x\n".repeat(3 << 20))).expect("w");
    let message = refusal(&db, &open_quote);
    assert!(message.contains("第 2 行"), "the record is named by its first line: {message}");

    // A device that never ends.
    #[cfg(unix)]
    {
        let zero = dir.path().join("zero.csv");
        std::os::unix::fs::symlink("/dev/zero", &zero).expect("link");
        let message = refusal(&db, &zero);
        assert!(message.contains("不是普通文件"), "{message}");
    }

    // An encrypted workbook says so.
    let encrypted = dir.path().join("locked.xlsx");
    {
        let mut cfb = cfb::create(&encrypted).expect("cfb");
        cfb.create_stream("/EncryptionInfo").expect("s");
        cfb.create_stream("/EncryptedPackage").expect("s");
        cfb.flush().expect("flush");
    }
    let message = refusal(&db, &encrypted);
    assert!(message.contains("密码"), "{message}");
}
