//! Spreadsheet files written byte by byte, so tests can make what no honest program writes:
//! zip directories that lie, deflate bombs that are small on disk, hidden first sheets,
//! uncached formulas, cells at the far corner of a sheet. Shared by the core and CLI tests.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;

use flate2::{Compress, Compression, FlushCompress};

/// One zip entry: its name, its deflated bytes, the size the directory claims, and a CRC.
pub struct Entry {
    pub name: String,
    pub packed: Vec<u8>,
    pub claimed: u32,
    pub crc: u32,
}

impl Entry {
    /// An honest entry.
    pub fn new(name: &str, data: &[u8]) -> Entry {
        Entry { name: name.into(), packed: deflate(data), claimed: data.len() as u32, crc: crc32fast::hash(data) }
    }

    /// `chunk` repeated `times` times, deflated without ever holding the whole: a full flush
    /// resets the compressor, so one chunk's bytes can be repeated. The CRC is left wrong:
    /// readers must refuse such an entry before reaching its end.
    pub fn bomb(name: &str, head: &[u8], chunk: &[u8], times: u64, tail: &[u8], claimed: u32) -> Entry {
        let mut c = Compress::new(Compression::best(), false);
        let mut packed = Vec::new();
        let block = |c: &mut Compress, data: &[u8], flush: FlushCompress| {
            let mut out = Vec::with_capacity(data.len() + 1024);
            c.compress_vec(data, &mut out, flush).expect("deflate");
            out
        };
        packed.extend(block(&mut c, head, FlushCompress::Full));
        let repeated = block(&mut c, chunk, FlushCompress::Full);
        for _ in 0..times {
            packed.extend_from_slice(&repeated);
        }
        packed.extend(block(&mut c, tail, FlushCompress::Finish));
        Entry { name: name.into(), packed, claimed, crc: 0 }
    }
}

pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), Compression::default());
    e.write_all(data).expect("deflate");
    e.finish().expect("deflate")
}

/// A zip archive of `entries`, every one deflated, with the sizes each claims.
pub fn zip(path: &Path, entries: &[Entry]) {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes());
            h.extend(0x0800u16.to_le_bytes()); // names are UTF-8
            h.extend(8u16.to_le_bytes()); // deflate
            h.extend(0u32.to_le_bytes()); // time, date
            h.extend(e.crc.to_le_bytes());
            h.extend((e.packed.len() as u32).to_le_bytes());
            h.extend(e.claimed.to_le_bytes());
            h.extend((e.name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes());
            if central {
                h.extend([0u8; 6]); // comment length, disk, internal attributes
                h.extend(0u32.to_le_bytes());
                h.extend(offset.to_le_bytes());
            }
            h.extend(e.name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(&e.packed);
        central.extend(header(0x0201_4b50, true));
    }
    let start = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(start.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    std::fs::write(path, out).expect("write zip");
}

/// A sheet of an .xlsx: its name, whether hidden, and its `<sheetData>` rows.
pub struct Sheet<'a> {
    pub name: &'a str,
    pub hidden: bool,
    pub rows: String,
}

/// The parts of a workbook with `sheets`, the active tab, and optionally shared strings.
pub fn xlsx_parts(sheets: &[Sheet<'_>], active: usize, shared: Option<&[&str]>) -> Vec<Entry> {
    let mut parts = vec![
        Entry::new("[Content_Types].xml", br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
        Entry::new(
            "_rels/.rels",
            br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
    ];
    let mut book = format!(
        r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView activeTab="{active}"/></bookViews><sheets>"#
    );
    let mut rels =
        String::from(r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#);
    for (i, s) in sheets.iter().enumerate() {
        let state = if s.hidden { r#" state="hidden""# } else { "" };
        book.push_str(&format!(r#"<sheet name="{}" sheetId="{}"{state} r:id="rId{}"/>"#, s.name, i + 1, i + 1));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{}.xml"/>"#,
            i + 1,
            i + 1
        ));
        parts.push(Entry::new(&format!("xl/worksheets/sheet{}.xml", i + 1), worksheet(&s.rows).as_bytes()));
    }
    book.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    parts.push(Entry::new("xl/workbook.xml", book.as_bytes()));
    parts.push(Entry::new("xl/_rels/workbook.xml.rels", rels.as_bytes()));
    if let Some(strings) = shared {
        let items: String = strings.iter().map(|s| format!("<si><t>{s}</t></si>")).collect();
        let xml = format!(
            r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{0}" uniqueCount="{0}">{items}</sst>"#,
            strings.len()
        );
        parts.push(Entry::new("xl/sharedStrings.xml", xml.as_bytes()));
    }
    parts
}

pub fn worksheet(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    )
}

/// A row of inline-string cells starting at column A.
pub fn text_row(row: u32, values: &[&str]) -> String {
    let cells: String = values
        .iter()
        .enumerate()
        .map(|(i, v)| format!(r#"<c r="{}{row}" t="inlineStr"><is><t>{v}</t></is></c>"#, (b'A' + i as u8) as char))
        .collect();
    format!(r#"<row r="{row}">{cells}</row>"#)
}

/// An .ods whose content.xml is `body` inside one table named `name`.
pub fn ods(path: &Path, name: &str, body: &str) {
    let content = format!(
        r#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="{name}">{body}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip(path, &[Entry::new("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), Entry::new("content.xml", content.as_bytes())]);
}

/// An .xls (BIFF8 in a compound file) with one sheet holding numbers at (row, col).
pub fn xls(path: &Path, cells: &[(u16, u16, f64)]) {
    let record = |kind: u16, body: &[u8]| {
        let mut r = kind.to_le_bytes().to_vec();
        r.extend((body.len() as u16).to_le_bytes());
        r.extend(body);
        r
    };
    let bof = |dt: u16| {
        let mut b = 0x0600u16.to_le_bytes().to_vec();
        b.extend(dt.to_le_bytes());
        b.extend([0u8; 12]);
        b
    };
    let mut globals = record(0x0809, &bof(0x0005));
    globals.extend(record(0x0042, &1200u16.to_le_bytes())); // code page: UTF-16
    let name = b"Sheet1";
    let sheet_record_len = 4 + 8 + name.len();
    let sheet_offset = globals.len() + sheet_record_len + 4 /* EOF */;
    let mut boundsheet = (sheet_offset as u32).to_le_bytes().to_vec();
    boundsheet.extend([0u8, 0u8, name.len() as u8, 0u8]);
    boundsheet.extend(name);
    globals.extend(record(0x0085, &boundsheet));
    globals.extend(record(0x000A, &[]));
    let mut sheet = record(0x0809, &bof(0x0010));
    for &(row, col, value) in cells {
        let mut body = row.to_le_bytes().to_vec();
        body.extend(col.to_le_bytes());
        body.extend(0u16.to_le_bytes());
        body.extend(value.to_le_bytes());
        sheet.extend(record(0x0203, &body));
    }
    sheet.extend(record(0x000A, &[]));
    globals.extend(sheet);
    let mut cfb = cfb::create(path).expect("create xls");
    let mut stream = cfb.create_stream("/Workbook").expect("stream");
    stream.write_all(&globals).expect("write");
    stream.flush().expect("flush");
    drop(stream);
    cfb.flush().expect("flush");
}
