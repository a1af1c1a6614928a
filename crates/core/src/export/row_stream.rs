//! Rows of a worksheet written as spreadsheet XML by Rampart itself and compressed as they are
//! written, on a thread of their own, into a temporary file. The tracker's biggest sheets (a row
//! per target, a row per contract) go this way: rust_xlsxwriter spent about half a microsecond
//! a cell and compressed every sheet one after the other when saving; here a cell costs a few
//! byte copies and the compression runs beside the writing. `splice` puts the rows into the
//! workbook rust_xlsxwriter saved, without compressing them again.
//!
//! The cells are those rust_xlsxwriter writes for the same calls (inline strings, the column's
//! style, the same escapes), so readers see no difference.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::thread::JoinHandle;

use chrono::NaiveDate;
use flate2::{Compress, Compression, FlushCompress, Status};
use rust_xlsxwriter::{Format, XlsxError};

use super::layout::Formats;
use super::splice::SheetRows;
use crate::error::{Error, Result};

/// XML handed to the compressing thread at a time, and chunks in flight.
const CHUNK: usize = 1 << 20;
const IN_FLIGHT: usize = 4;
/// zlib-rs at level 2, as the rest of the workbook: about as fast as level 1, a little smaller.
const LEVEL: u32 = 2;

/// A number as it is written: whole, or a count of hundredths or ten-thousandths, written as the
/// exact decimal (which reads back as the same double as the division).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Num {
    Whole(i64),
    Hundredths(i64),
    TenThousandths(i64),
}

/// The compressed rows of one worksheet: a raw deflate stream that ends on a byte boundary but is
/// not final, so more can follow it.
pub(crate) struct Segment {
    pub file: File,
    pub crc: crc32fast::Hasher,
    /// Bytes of XML before compression, and after.
    pub len: u64,
    pub compressed: u64,
    /// The last sheet row (1-based) written; 0 when none.
    pub last_row: u32,
}

pub(crate) struct RowStream {
    xml: Vec<u8>,
    send: Option<SyncSender<Vec<u8>>>,
    worker: Option<JoinHandle<io::Result<Segment>>>,
    /// Each column's letters, style (0 for none; rust_xlsxwriter gives an unformatted cell its
    /// column's format) and the style of text there that would otherwise read as a formula.
    columns: Vec<(String, u32, u32)>,
    row: String,
    open: bool,
    last_row: u32,
    /// The last column written in the open row: spreadsheet programs want a row's cells in
    /// column order and "repair" a file whose cells are not, dropping the misplaced ones.
    last_col: Option<u16>,
}

/// Excel's longest text in a cell, in UTF-16 units.
const MAX_TEXT: usize = 32_767;

impl RowStream {
    /// A stream of rows whose columns have `formats`, compressed into an unnamed temporary file
    /// in `dir`.
    pub fn new(dir: &Path, formats: &[&Format], f: &Formats) -> io::Result<RowStream> {
        let file = tempfile::tempfile_in(dir)?;
        let (send, receive) = sync_channel::<Vec<u8>>(IN_FLIGHT);
        let worker = std::thread::Builder::new().name("tracker-deflate".into()).spawn(move || {
            let mut deflate = Deflate::new(BufWriter::with_capacity(CHUNK, file));
            for chunk in receive {
                deflate.write(&chunk, FlushCompress::None)?;
            }
            deflate.write(&[], FlushCompress::Sync)?;
            let (file, crc, len, compressed) = deflate.into_parts()?;
            Ok(Segment { file, crc, len, compressed, last_row: 0 })
        })?;
        let columns = formats
            .iter()
            .enumerate()
            .map(|(i, format)| (column_name(i as u16), f.style_of(format), f.style_of(f.quoted_in(format))))
            .collect();
        Ok(RowStream {
            xml: Vec::with_capacity(CHUNK + 64 * 1024),
            send: Some(send),
            worker: Some(worker),
            columns,
            row: String::new(),
            open: false,
            last_row: 0,
            last_col: None,
        })
    }

    /// Starts sheet row `row` (0-based, as rust_xlsxwriter counts), ending the one before.
    pub fn start_row(&mut self, row: u32) -> io::Result<()> {
        self.end_row();
        if self.xml.len() >= CHUNK {
            self.hand_over()?;
        }
        self.row.clear();
        self.row.push_str(itoa::Buffer::new().format(row + 1));
        self.xml.extend_from_slice(b"<row r=\"");
        self.xml.extend_from_slice(self.row.as_bytes());
        self.xml.extend_from_slice(b"\">");
        self.open = true;
        self.last_row = row + 1;
        self.last_col = None;
        Ok(())
    }

    fn end_row(&mut self) {
        if self.open {
            self.xml.extend_from_slice(b"</row>");
            self.open = false;
        }
    }

    /// `<c r="B2" s="3"` and the type, for column `col` of the open row, which must come after
    /// the row's cells written so far.
    fn cell(&mut self, col: u16, quoted: bool, kind: &[u8]) -> Result<()> {
        if self.last_col.is_some_and(|last| col <= last) || usize::from(col) >= self.columns.len() {
            return Err(Error::Io(io::Error::other(format!("tracker row {}: column {col} written out of order", self.last_row))));
        }
        self.last_col = Some(col);
        let (name, column_style, quoted_style) = &self.columns[usize::from(col)];
        self.xml.extend_from_slice(b"<c r=\"");
        self.xml.extend_from_slice(name.as_bytes());
        self.xml.extend_from_slice(self.row.as_bytes());
        self.xml.push(b'"');
        let style = if quoted { *quoted_style } else { *column_style };
        if style > 0 {
            self.xml.extend_from_slice(b" s=\"");
            self.xml.extend_from_slice(itoa::Buffer::new().format(style).as_bytes());
            self.xml.push(b'"');
        }
        self.xml.extend_from_slice(kind);
        Ok(())
    }

    /// Text from the database, never read as a formula; an empty value writes no cell. Text
    /// longer than a cell holds is refused, as rust_xlsxwriter refuses it, not cut.
    pub fn text(&mut self, col: u16, value: &str) -> Result<()> {
        if value.is_empty() {
            return Ok(());
        }
        if value.len() > MAX_TEXT && value.encode_utf16().count() > MAX_TEXT {
            return Err(XlsxError::MaxStringLengthExceeded.into());
        }
        self.cell(col, super::layout::looks_like_formula(value), b" t=\"inlineStr\"><is><t")?;
        let preserve = [' ', '\t', '\n'];
        if value.starts_with(preserve) || value.ends_with(preserve) {
            self.xml.extend_from_slice(b" xml:space=\"preserve\"");
        }
        self.xml.push(b'>');
        escape_text(&mut self.xml, value);
        self.xml.extend_from_slice(b"</t></is></c>");
        Ok(())
    }

    pub fn number(&mut self, col: u16, value: Num) -> Result<()> {
        self.cell(col, false, b"><v>")?;
        write_num(&mut self.xml, value);
        self.xml.extend_from_slice(b"</v></c>");
        Ok(())
    }

    /// A day as Excel's day number; the column's format shows it as a date. Days Excel cannot
    /// show (before 1900, after 9999) are refused, as rust_xlsxwriter refuses them.
    pub fn day(&mut self, col: u16, value: Option<NaiveDate>) -> Result<()> {
        match value {
            Some(d) => self.number(col, Num::Whole(excel_day(d)?)),
            None => Ok(()),
        }
    }

    /// A formula (without its `=`) and the result readers that do not calculate show.
    pub fn formula(&mut self, col: u16, formula: &str, result: Num) -> Result<()> {
        self.cell(col, false, b"><f>")?;
        escape_markup(&mut self.xml, formula);
        self.xml.extend_from_slice(b"</f><v>");
        write_num(&mut self.xml, result);
        self.xml.extend_from_slice(b"</v></c>");
        Ok(())
    }

    fn hand_over(&mut self) -> io::Result<()> {
        let chunk = std::mem::replace(&mut self.xml, Vec::with_capacity(CHUNK + 64 * 1024));
        let sent = self.send.as_ref().map(|s| s.send(chunk));
        match sent {
            Some(Ok(())) => Ok(()),
            // The compressing thread stopped: its own error says why.
            _ => Err(self.stop().err().unwrap_or_else(|| io::Error::other("the compressing thread stopped"))),
        }
    }

    fn stop(&mut self) -> io::Result<Segment> {
        drop(self.send.take());
        match self.worker.take() {
            Some(worker) => worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => Err(io::Error::other("the compressing thread already stopped")),
        }
    }

    /// Ends the last row and waits for the compression to finish; the rows are for the
    /// workbook's worksheet at position `sheet`.
    pub fn finish(mut self, sheet: usize) -> io::Result<SheetRows> {
        self.end_row();
        if !self.xml.is_empty() {
            self.hand_over()?;
        }
        let last_row = self.last_row;
        let mut segment = self.stop()?;
        segment.last_row = last_row;
        let styles = self.columns.iter().map(|(_, style, _)| *style).collect();
        Ok(SheetRows { sheet, segment, styles })
    }
}

impl Drop for RowStream {
    /// An export that stops early (cancelled, or failed elsewhere) waits for its compressing
    /// thread, so the thread's temporary file is closed when the export returns.
    fn drop(&mut self) {
        drop(self.send.take());
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

/// A raw deflate stream into `sink`, with the CRC and length of what went in.
pub(crate) struct Deflate<W: Write> {
    compress: Compress,
    sink: W,
    out: Vec<u8>,
    crc: crc32fast::Hasher,
    len: u64,
}

impl<W: Write> Deflate<W> {
    pub fn new(sink: W) -> Deflate<W> {
        Deflate {
            compress: Compress::new(Compression::new(LEVEL), false),
            sink,
            out: Vec::with_capacity(256 * 1024),
            crc: crc32fast::Hasher::new(),
            len: 0,
        }
    }

    /// Compresses `input`; a sync flush ends on a byte boundary, a finish ends the stream.
    pub fn write(&mut self, mut input: &[u8], flush: FlushCompress) -> io::Result<()> {
        self.crc.update(input);
        self.len += input.len() as u64;
        loop {
            self.out.clear();
            let before = self.compress.total_in();
            let status = self.compress.compress_vec(input, &mut self.out, flush).map_err(io::Error::other)?;
            input = &input[(self.compress.total_in() - before) as usize..];
            self.sink.write_all(&self.out)?;
            let room_left = self.out.len() < self.out.capacity();
            let done = match flush {
                FlushCompress::Finish => status == Status::StreamEnd,
                FlushCompress::None => input.is_empty(),
                _ => input.is_empty() && room_left,
            };
            if done {
                return Ok(());
            }
        }
    }

    pub fn into_parts(self) -> io::Result<(W::Inner, crc32fast::Hasher, u64, u64)>
    where
        W: IntoInner,
    {
        let compressed = self.compress.total_out();
        Ok((self.sink.into_inner_checked()?, self.crc, self.len, compressed))
    }
}

/// A sink whose buffered bytes must be flushed before the inner writer is used.
pub(crate) trait IntoInner {
    type Inner;
    fn into_inner_checked(self) -> io::Result<Self::Inner>;
}

impl IntoInner for BufWriter<File> {
    type Inner = File;
    fn into_inner_checked(self) -> io::Result<File> {
        self.into_inner().map_err(|e| e.into_error())
    }
}

impl IntoInner for Vec<u8> {
    type Inner = Vec<u8>;
    fn into_inner_checked(self) -> io::Result<Vec<u8>> {
        Ok(self)
    }
}

pub(crate) fn column_name(col: u16) -> String {
    rust_xlsxwriter::utility::column_number_to_name(col)
}

/// Excel's day number: days since 1899-12-30, which holds from 1900-03-01 on (Excel counts a
/// 29 February 1900 that never was); earlier days go through rust_xlsxwriter's reckoning.
fn excel_day(d: NaiveDate) -> Result<i64> {
    use chrono::Datelike;
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    if d >= NaiveDate::from_ymd_opt(1900, 3, 1).unwrap_or_default() && d.year() <= 9999 {
        return Ok((d - epoch).num_days());
    }
    if !(1900..=9999).contains(&d.year()) {
        return Err(XlsxError::DateTimeRangeError(d.to_string()).into());
    }
    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    let excel = rust_xlsxwriter::ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)?;
    Ok(excel.to_excel() as i64)
}

fn write_num(xml: &mut Vec<u8>, value: Num) {
    let (n, places) = match value {
        Num::Whole(n) => (n, 0),
        Num::Hundredths(n) => (n, 2),
        Num::TenThousandths(n) => (n, 4),
    };
    if n < 0 {
        xml.push(b'-');
    }
    let n = n.unsigned_abs();
    let scale = 10u64.pow(places);
    let (whole, mut part) = (n / scale, n % scale);
    xml.extend_from_slice(itoa::Buffer::new().format(whole).as_bytes());
    if part > 0 {
        let mut digits = places;
        while part % 10 == 0 {
            part /= 10;
            digits -= 1;
        }
        xml.push(b'.');
        let text = itoa::Buffer::new().format(part).to_string();
        xml.extend(std::iter::repeat_n(b'0', digits as usize - text.len()));
        xml.extend_from_slice(text.as_bytes());
    }
}

/// Escapes text as rust_xlsxwriter (and Excel) do: a literal `_xHHHH_` gets its underscore
/// escaped, control characters and the two non-characters become `_xHHHH_`, and `&`, `<`, `>`
/// become entities.
fn escape_text(xml: &mut Vec<u8>, value: &str) {
    if !value.contains("_x") {
        return escape_markup(xml, value);
    }
    let mut rest = value;
    while let Some(at) = rest.find("_x") {
        escape_markup(xml, &rest[..at]);
        if is_escape_sequence(&rest[at..]) {
            xml.extend_from_slice(b"_x005F");
        }
        xml.push(b'_');
        rest = &rest[at + 1..];
    }
    escape_markup(xml, rest);
}

/// `_xHHHH_` at the start of `s`.
fn is_escape_sequence(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 7 && b[6] == b'_' && b[2..6].iter().all(u8::is_ascii_hexdigit)
}

fn escape_markup(xml: &mut Vec<u8>, value: &str) {
    let bytes = value.as_bytes();
    let mut from = 0;
    for (i, c) in value.char_indices() {
        let escaped: Option<&[u8]> = match c {
            '&' => Some(b"&amp;"),
            '<' => Some(b"&lt;"),
            '>' => Some(b"&gt;"),
            '\t' | '\n' => None,
            '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => {
                xml.extend_from_slice(&bytes[from..i]);
                xml.extend_from_slice(format!("_x{:04X}_", u32::from(c)).as_bytes());
                from = i + c.len_utf8();
                continue;
            }
            _ => None,
        };
        if let Some(e) = escaped {
            xml.extend_from_slice(&bytes[from..i]);
            xml.extend_from_slice(e);
            from = i + 1;
        }
    }
    xml.extend_from_slice(&bytes[from..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(value: Num) -> String {
        let mut xml = Vec::new();
        write_num(&mut xml, value);
        String::from_utf8(xml).expect("in a test")
    }

    fn text(value: &str) -> String {
        let mut xml = Vec::new();
        escape_text(&mut xml, value);
        String::from_utf8(xml).expect("in a test")
    }

    #[test]
    fn numbers_are_exact_decimals_that_read_back_as_the_divided_double() {
        assert_eq!(num(Num::Hundredths(123_450)), "1234.5");
        assert_eq!(num(Num::Hundredths(-5)), "-0.05");
        assert_eq!(num(Num::Hundredths(700)), "7");
        assert_eq!(num(Num::TenThousandths(1_234)), "0.1234");
        assert_eq!(num(Num::TenThousandths(500)), "0.05");
        assert_eq!(num(Num::Whole(36)), "36");
        for fen in [1, 7, 10, 99, 12_345, 100_001, 987_654_321] {
            assert_eq!(
                num(Num::Hundredths(fen)).parse::<f64>().expect("in a test"),
                fen as f64 / 100.0,
                "{fen} fen must read back as Rampart divides it"
            );
        }
    }

    #[test]
    fn days_are_the_day_numbers_rust_xlsxwriter_writes() {
        for (y, m, d) in [(2026, 12, 4), (2000, 2, 29), (1900, 3, 1), (1900, 1, 1), (1900, 2, 28), (9999, 12, 31)] {
            let day = NaiveDate::from_ymd_opt(y, m, d).expect("in a test");
            let theirs = rust_xlsxwriter::ExcelDateTime::from_ymd(y as u16, m as u8, d as u8).expect("in a test").to_excel();
            assert_eq!(excel_day(day).expect("in range") as f64, theirs, "{day} must be the day Excel shows");
        }
        for (y, m, d) in [(1899, 12, 31), (10_000, 1, 1)] {
            let outside = NaiveDate::from_ymd_opt(y, m, d).expect("in a test");
            assert!(excel_day(outside).is_err(), "{outside} cannot be shown by Excel: refused, not written as another day");
        }
    }

    #[test]
    fn cells_out_of_column_order_and_text_too_long_for_a_cell_are_refused() {
        let (dir, f) = (tempfile::tempdir().expect("in a test"), Formats::new());
        let mut out = RowStream::new(dir.path(), &[&f.text, &f.text, &f.text], &f).expect("in a test");
        out.start_row(1).expect("in a test");
        out.text(2, "C").expect("in a test");
        assert!(out.text(1, "B").is_err(), "B after C would make a file Excel repairs, dropping cells");
        out.start_row(2).expect("in a test");
        assert!(out.text(0, "A").is_ok(), "each row starts afresh");
        let long = "长".repeat(MAX_TEXT + 1);
        assert!(out.text(1, &long).is_err(), "text longer than a cell holds is refused, not cut");
        assert!(out.text(1, &"长".repeat(MAX_TEXT)).is_ok(), "text that fits is written");
    }

    #[test]
    fn text_is_escaped_as_excel_expects() {
        assert_eq!(text("A&B <c>"), "A&amp;B &lt;c&gt;");
        assert_eq!(text("鼓楼\u{1}区"), "鼓楼_x0001_区", "a control character cannot stand in XML");
        assert_eq!(text("a_x0041_b"), "a_x005F_x0041_b", "a literal escape must not be read as one");
        assert_eq!(text("a_xyz_ and _x12"), "a_xyz_ and _x12");
        assert_eq!(text("line\none\ttab"), "line\none\ttab");
    }
}
