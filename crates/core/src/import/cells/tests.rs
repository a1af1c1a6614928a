//! The readers never panic, whatever the bytes: random text files, and real workbooks with
//! random edits to their XML, are read or refused, never crash (a caught panic would show as
//! the "malformed" refusal, which these tests reject). Bounded case counts keep `make test` quick.

use std::io::Write;
use std::path::Path;

use proptest::prelude::*;

use super::{read_rows, sheet_names, Flow};

const CAUGHT_PANIC: &str = "文件内容异常";

fn read_all(path: &Path) -> Result<u64, String> {
    let mut cells = 0u64;
    let result = read_rows(path, &mut |_, row| {
        cells += row.len() as u64;
        Flow::Continue
    });
    match result {
        Ok(_) => Ok(cells),
        Err(e) => Err(e.zh),
    }
}

/// A minimal zip of deflated entries (the test support in tests/ writes hostile ones).
fn zip(path: &Path, entries: &[(&str, &[u8])]) {
    let file = std::fs::File::create(path).expect("create");
    let mut w = zip::ZipWriter::new(file);
    for (name, data) in entries {
        w.start_file(*name, zip::write::SimpleFileOptions::default()).expect("entry");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish");
}

const SHEET: &str = r#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>客户编码</t></is></c><c r="B1" t="s"><v>0</v></c><c r="C1" s="1"><v>46477</v></c><c r="D1" t="e"><v>#N/A</v></c><c r="E1"><f>A1</f></c></row><row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="str"><v>_x000D_x</v></c></row></sheetData></worksheet>"#;
const BOOK: &str = r#"<workbook xmlns:r="r"><bookViews><workbookView activeTab="0"/></bookViews><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const RELS: &str = r#"<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
const STRINGS: &str = r#"<sst><si><t>甲</t></si><si><r><t>乙</t></r><rPh><t>y</t></rPh></si></sst>"#;
const STYLES: &str = r#"<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy/m/d"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>"#;
const ODS: &str = r#"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row table:number-rows-repeated="3"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="2"><text:p>1</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2027-03-31"/><table:table-cell table:formula="of:=1"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;

fn mutate(base: &str, edits: &[(usize, u8)]) -> Vec<u8> {
    let mut bytes = base.as_bytes().to_vec();
    for &(at, b) in edits {
        let i = at % (bytes.len() + 1);
        if b % 3 == 0 && i < bytes.len() {
            bytes.remove(i);
        } else {
            bytes.insert(i, b"<>/\"=&;#0Axc9 "[usize::from(b) % 14]);
        }
    }
    bytes
}

#[test]
fn the_unmutated_workbooks_read_as_written() {
    let dir = tempfile::tempdir().expect("dir");
    let xlsx = dir.path().join("ok.xlsx");
    zip(
        &xlsx,
        &[
            ("_rels/.rels", br#"<Relationships><Relationship Id="r" Type="x/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
            ("xl/workbook.xml", BOOK.as_bytes()),
            ("xl/_rels/workbook.xml.rels", RELS.as_bytes()),
            ("xl/worksheets/sheet1.xml", SHEET.as_bytes()),
            ("xl/sharedStrings.xml", STRINGS.as_bytes()),
            ("xl/styles.xml", STYLES.as_bytes()),
        ],
    );
    let mut rows = Vec::new();
    read_rows(&xlsx, &mut |line, cells| {
        rows.push((line, cells));
        Flow::Continue
    })
    .expect("read");
    use super::{Cell, Fault};
    let date = chrono::NaiveDate::from_ymd_opt(2027, 3, 31).expect("date");
    assert_eq!(
        rows[0].1,
        vec![
            Cell::Text("客户编码".into()),
            Cell::Text("甲".into()),
            Cell::Date(date),
            Cell::Fault(Fault::Error("#N/A".into())),
            Cell::Fault(Fault::Uncached)
        ],
        "inline and shared strings, a date by its style, an error, a formula without a result"
    );
    assert_eq!(rows[1].1, vec![Cell::Bool(true), Cell::Text("\rx".into())]);
    assert_eq!(sheet_names(&xlsx).expect("names"), ["S"]);

    let ods = dir.path().join("ok.ods");
    zip(&ods, &[("content.xml", ODS.as_bytes())]);
    let mut rows = Vec::new();
    read_rows(&ods, &mut |line, cells| {
        rows.push((line, cells));
        Flow::Continue
    })
    .expect("read");
    assert_eq!(rows.len(), 3, "a repeated row is three rows");
    assert_eq!(rows[2], (3, vec![Cell::Number(1.0), Cell::Number(1.0), Cell::Date(date), Cell::Fault(Fault::Uncached)]));
}

#[test]
fn a_hidden_ods_table_gives_way_to_the_first_visible_one() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("hidden.ods");
    // LibreOffice may write the properties with a child element, not self-closed.
    let content = r#"<office:document-content xmlns:office="o" xmlns:style="s" xmlns:table="t" xmlns:text="x"><office:automatic-styles><style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"><style:x/></style:table-properties></style:style></office:automatic-styles><office:body><office:spreadsheet><table:table table:name="旧" table:style-name="ta2"><table:table-row><table:table-cell office:value-type="string"><text:p>不是这张</text:p></table:table-cell></table:table-row></table:table><table:table table:name="客户"><table:table-row><table:table-cell office:value-type="string"><text:p>客户编码</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    zip(&path, &[("content.xml", content.as_bytes())]);
    let mut first = None;
    let sheet = read_rows(&path, &mut |_, cells| {
        first.get_or_insert(cells);
        Flow::Continue
    })
    .expect("read");
    assert_eq!(sheet.as_deref(), Some("客户"), "a hidden table is not what a planner sees");
    assert_eq!(first, Some(vec![super::Cell::Text("客户编码".into())]));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_as_text_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096), bom in 0u8..4) {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join(if bom == 3 { "x.txt" } else { "x.csv" });
        let mut data = match bom { 1 => vec![0xEF, 0xBB, 0xBF], 2 => vec![0xFF, 0xFE], _ => Vec::new() };
        data.extend(bytes);
        std::fs::write(&path, data).expect("write");
        if let Err(message) = read_all(&path) {
            prop_assert!(!message.contains(CAUGHT_PANIC), "{message}");
        }
    }

    #[test]
    fn edited_xlsx_never_panics(edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..12), part in 0usize..4) {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("x.xlsx");
        let mut parts: Vec<(&str, Vec<u8>)> = vec![
            ("xl/workbook.xml", BOOK.as_bytes().to_vec()),
            ("xl/_rels/workbook.xml.rels", RELS.as_bytes().to_vec()),
            ("xl/worksheets/sheet1.xml", SHEET.as_bytes().to_vec()),
            ("xl/sharedStrings.xml", STRINGS.as_bytes().to_vec()),
        ];
        let base = String::from_utf8(parts[part].1.clone()).expect("utf8");
        parts[part].1 = mutate(&base, &edits);
        let entries: Vec<(&str, &[u8])> = parts.iter().map(|(n, d)| (*n, d.as_slice())).collect();
        zip(&path, &entries);
        if let Err(message) = read_all(&path) {
            prop_assert!(!message.contains(CAUGHT_PANIC), "{message}");
        }
    }

    #[test]
    fn edited_ods_never_panics(edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..12)) {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("x.ods");
        let content = mutate(ODS, &edits);
        zip(&path, &[("content.xml", content.as_slice())]);
        if let Err(message) = read_all(&path) {
            prop_assert!(!message.contains(CAUGHT_PANIC), "{message}");
        }
    }
}
