//! .xlsx read in one streaming pass with bounded memory. calamine holds shared strings as one
//! `String` each, reserved from the count the file claims, and inflates without a limit; here
//! every part is counted as it inflates, shared strings share one buffer (about the size of
//! their text), and the sheet a planner sees (active, else first visible) is the one read.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use quick_xml::events::Event;

use super::xml::{attr, excel_unescape, Xml};
use super::zipped::{inflates_past, Archive, Breach, PART_CAP, SHEET_CAP, STRINGS_CAP};
use super::{damaged, no_sheet, Cell, Fault, RowBuilder, RowSink, Unreadable, MAX_CELL_CHARS, MAX_ROWS};

/// Shared strings are held in memory: their text, and their number, are capped.
const STRINGS_TEXT_CAP: usize = 160 << 20;
const STRINGS_COUNT_CAP: usize = 8_000_000;

struct SheetEntry {
    name: String,
    visible: bool,
    part: Option<String>,
}

struct Book {
    dir: String,
    sheets: Vec<SheetEntry>,
    active: usize,
    date1904: bool,
}

pub(super) fn sheet_names(path: &Path) -> Result<Vec<String>, Unreadable> {
    let mut zip = Archive::open(path)?;
    let breach = Breach::default();
    Ok(book(&mut zip, &breach)?.sheets.into_iter().map(|s| s.name).collect())
}

pub(super) fn read(path: &Path, wanted: Option<&str>, sink: &mut RowSink<'_>) -> Result<String, Unreadable> {
    let mut zip = Archive::open(path)?;
    let breach = Breach::default();
    let book = book(&mut zip, &breach)?;
    let index = match wanted {
        Some(w) => book.sheets.iter().position(|s| s.name == w).ok_or_else(|| no_sheet(w))?,
        None => chosen(&book)?,
    };
    let sheet = &book.sheets[index];
    let part = sheet.part.clone().ok_or_else(|| damaged(format!("sheet {} has no worksheet part", sheet.name)))?;
    let dates = date_styles(&mut zip, &book.dir, &breach)?;
    let strings = shared_strings(&mut zip, &book.dir, &breach)?;
    let source = zip.entry(&part, SHEET_CAP, &breach)?.ok_or_else(|| damaged(format!("{part} is missing")))?;
    let mut xml = Xml::new(source, &breach);
    let mut rows = RowBuilder::new(sink);
    let ctx = Context { strings: &strings, dates: &dates, date1904: book.date1904 };
    read_cells(&mut xml, &ctx, &mut rows)?;
    rows.flush();
    Ok(sheet.name.clone())
}

/// The active sheet when it is a visible worksheet, else the first visible worksheet.
fn chosen(book: &Book) -> Result<usize, Unreadable> {
    let usable = |i: usize| book.sheets.get(i).is_some_and(|s| s.visible && s.part.is_some());
    if usable(book.active) {
        return Ok(book.active);
    }
    (0..book.sheets.len())
        .find(|&i| usable(i))
        .ok_or_else(|| Unreadable::new("工作簿中没有可见的工作表", "the workbook has no visible worksheet"))
}

fn book(zip: &mut Archive, breach: &Breach) -> Result<Book, Unreadable> {
    let workbook = office_document(zip, breach)?;
    let dir = workbook.rsplit_once('/').map_or(String::new(), |(d, _)| format!("{d}/"));
    let rels_path = format!("{dir}_rels/{}.rels", workbook.rsplit('/').next().unwrap_or("workbook.xml"));
    let targets = relationships(zip, &rels_path, &dir, breach)?;
    let source = zip.entry(&workbook, PART_CAP, breach)?.ok_or_else(|| damaged("no workbook part"))?;
    let mut xml = Xml::new(source, breach);
    let mut book = Book { dir, sheets: Vec::new(), active: 0, date1904: false };
    loop {
        match xml.next()? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"sheet" => {
                    let name = attr(&e, b"name")?.unwrap_or_default();
                    let visible = attr(&e, b"state")?.is_none_or(|s| s == "visible");
                    let part = attr(&e, b"id")?.and_then(|id| targets.get(&id).cloned());
                    book.sheets.push(SheetEntry { name, visible, part });
                }
                b"workbookView" if book.sheets.is_empty() => {
                    book.active = attr(&e, b"activeTab")?.and_then(|t| t.parse().ok()).unwrap_or(0);
                }
                b"workbookPr" => {
                    book.date1904 = attr(&e, b"date1904")?.is_some_and(|v| v == "1" || v == "true");
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if book.sheets.is_empty() {
        return Err(damaged("no worksheet"));
    }
    Ok(book)
}

/// Where the workbook part is, from the package's root relationships.
fn office_document(zip: &mut Archive, breach: &Breach) -> Result<String, Unreadable> {
    let Some(source) = zip.entry("_rels/.rels", PART_CAP, breach)? else {
        return if zip.has("xl/workbook.xml") { Ok("xl/workbook.xml".into()) } else { Err(damaged("not an Excel workbook")) };
    };
    let mut xml = Xml::new(source, breach);
    loop {
        match xml.next()? {
            Event::Start(e) | Event::Empty(e)
                if e.local_name().as_ref() == b"Relationship" && attr(&e, b"Type")?.is_some_and(|t| t.ends_with("/officeDocument")) =>
            {
                if let Some(target) = attr(&e, b"Target")? {
                    return Ok(resolve("", &target));
                }
            }
            Event::Eof => return Err(damaged("not an Excel workbook")),
            _ => {}
        }
    }
}

/// Relationship id → part path, for worksheets only (chart sheets are not data).
fn relationships(zip: &mut Archive, path: &str, dir: &str, breach: &Breach) -> Result<HashMap<String, String>, Unreadable> {
    let mut out = HashMap::new();
    let Some(source) = zip.entry(path, PART_CAP, breach)? else { return Ok(out) };
    let mut xml = Xml::new(source, breach);
    loop {
        match xml.next()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Relationship" => {
                let worksheet = attr(&e, b"Type")?.is_some_and(|t| t.ends_with("/worksheet"));
                if let (true, Some(id), Some(target)) = (worksheet, attr(&e, b"Id")?, attr(&e, b"Target")?) {
                    out.insert(id, resolve(dir, &target));
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// A relationship target relative to `dir` (or absolute), as a zip entry name.
fn resolve(dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("{dir}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// For each cell style (index into cellXfs), whether its number format shows a date.
fn date_styles(zip: &mut Archive, dir: &str, breach: &Breach) -> Result<Vec<bool>, Unreadable> {
    let mut out = Vec::new();
    let Some(source) = zip.entry(&format!("{dir}styles.xml"), PART_CAP, breach)? else { return Ok(out) };
    let mut xml = Xml::new(source, breach);
    let mut custom: HashMap<u32, bool> = HashMap::new();
    let mut in_xfs = false;
    loop {
        match xml.next()? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"numFmt" => {
                    if let (Some(id), Some(code)) = (attr(&e, b"numFmtId")?, attr(&e, b"formatCode")?) {
                        if let Ok(id) = id.parse() {
                            custom.insert(id, is_date_format(&code));
                        }
                    }
                }
                b"cellXfs" => in_xfs = true,
                b"xf" if in_xfs => {
                    let id: u32 = attr(&e, b"numFmtId")?.and_then(|v| v.parse().ok()).unwrap_or(0);
                    out.push(custom.get(&id).copied().unwrap_or_else(|| builtin_date(id)));
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == b"cellXfs" => in_xfs = false,
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// Excel's built-in date formats, including the Chinese locale's (27–36, 50–58).
fn builtin_date(id: u32) -> bool {
    matches!(id, 14..=17 | 22 | 27..=36 | 50..=58 | 71..=76 | 78..=81)
}

/// A custom format shows a date when, outside quoted text and [colour] brackets, it has a
/// year, month or day part.
fn is_date_format(code: &str) -> bool {
    if code.eq_ignore_ascii_case("general") {
        return false;
    }
    let mut quoted = false;
    let mut bracket = false;
    let mut escaped = false;
    for c in code.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            'y' | 'Y' | 'm' | 'M' | 'd' | 'D' if !quoted && !bracket => return true,
            ';' if !quoted => return false,
            _ => {}
        }
    }
    false
}

/// Every shared string's text in one buffer, with where each ends.
struct Strings {
    text: String,
    ends: Vec<u32>,
}

impl Strings {
    fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.text.get(start..end)
    }
}

fn shared_strings(zip: &mut Archive, dir: &str, breach: &Breach) -> Result<Strings, Unreadable> {
    let mut out = Strings { text: String::new(), ends: Vec::new() };
    let name = format!("{dir}sharedStrings.xml");
    let Some(source) = zip.entry(&name, STRINGS_CAP, breach)? else { return Ok(out) };
    let mut xml = Xml::new(source, breach);
    loop {
        let si = match xml.next()? {
            Event::Start(e) => e.local_name().as_ref() == b"si",
            Event::Empty(e) => {
                if e.local_name().as_ref() == b"si" {
                    out.ends.push(out.text.len() as u32);
                }
                false
            }
            Event::Eof => return Ok(out),
            _ => false,
        };
        if si {
            let index = out.ends.len() + 1;
            let long = || {
                Unreadable::new(
                    format!("共享字符串第 {index} 项超过 {MAX_CELL_CHARS} 个字符（{name}），可能已损坏或被篡改，已拒绝"),
                    format!("shared string {index} is longer than {MAX_CELL_CHARS} characters ({name}); the file may be damaged or tampered with, refused"),
                )
            };
            let value = xml.text_until_end(b"si", &[b"rPh", b"phoneticPr"], &long)?;
            out.text.push_str(&excel_unescape(value));
            out.ends.push(out.text.len() as u32);
            if out.text.len() > STRINGS_TEXT_CAP {
                return Err(inflates_past(&name, STRINGS_TEXT_CAP as u64));
            }
            if out.ends.len() > STRINGS_COUNT_CAP {
                return Err(Unreadable::new(
                    format!("文件中的共享字符串超过 {STRINGS_COUNT_CAP} 个（{name}），可能已损坏或被篡改，已拒绝"),
                    format!(
                        "the file holds more than {STRINGS_COUNT_CAP} shared strings ({name}); it may be damaged or tampered with, refused"
                    ),
                ));
            }
        }
    }
}

struct Context<'a> {
    strings: &'a Strings,
    dates: &'a [bool],
    date1904: bool,
}

/// What a cell's `t` attribute says it holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Number,
    Shared,
    Formula,
    Inline,
    Bool,
    Error,
    Date,
}

impl Kind {
    fn of(t: &[u8]) -> Kind {
        match t {
            b"s" => Kind::Shared,
            b"str" => Kind::Formula,
            b"inlineStr" => Kind::Inline,
            b"b" => Kind::Bool,
            b"e" => Kind::Error,
            b"d" => Kind::Date,
            _ => Kind::Number,
        }
    }
}

/// One `<c>` element as read; its value, when it has one, is in the reader's `value` buffer.
struct RawCell {
    kind: Kind,
    style: usize,
    valued: bool,
    formula: bool,
}

/// The elements of a sheet's data that matter, told apart without allocating.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tag {
    SheetData,
    Row,
    C,
    V,
    Is,
    F,
    Other,
}

fn tag(local: &[u8]) -> Tag {
    match local {
        b"sheetData" => Tag::SheetData,
        b"row" => Tag::Row,
        b"c" => Tag::C,
        b"v" => Tag::V,
        b"is" => Tag::Is,
        b"f" => Tag::F,
        _ => Tag::Other,
    }
}

/// The `r`, `t` and `s` attributes of a `<row>` or `<c>`, read in one pass over plain ASCII.
#[derive(Default)]
struct Attrs {
    r: Option<Vec<u8>>,
    t: Option<Kind>,
    s: usize,
}

fn attrs(e: &quick_xml::events::BytesStart<'_>) -> Result<Attrs, Unreadable> {
    let mut out = Attrs::default();
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(damaged)?;
        match a.key.local_name().as_ref() {
            b"r" => out.r = Some(a.value.into_owned()),
            b"t" => out.t = Some(Kind::of(&a.value)),
            b"s" => out.s = std::str::from_utf8(&a.value).ok().and_then(|v| v.parse().ok()).unwrap_or(0),
            _ => {}
        }
    }
    Ok(out)
}

/// Where the reader is in the sheet: the 0-based row and column last entered. A `<row>` or
/// `<c>` without an `r` attribute follows the one before.
#[derive(Default)]
struct Position {
    row: Option<u64>,
    col: Option<u64>,
}

impl Position {
    fn enter_row(&mut self, found: &Attrs) -> Result<(), Unreadable> {
        let next = match &found.r {
            Some(r) => digits(r).filter(|n| *n >= 1).ok_or_else(|| damaged(format!("row number {:?}", String::from_utf8_lossy(r))))? - 1,
            None => self.row.map_or(0, |n| n + 1),
        };
        if next >= MAX_ROWS {
            return Err(super::too_many_rows(next + 1));
        }
        self.row = Some(next);
        self.col = None;
        Ok(())
    }

    /// The column of the cell entered; a reference outside the current row is damage.
    fn enter_cell(&mut self, found: &Attrs) -> Result<u64, Unreadable> {
        let current_row = self.row.unwrap_or(0);
        let c = match &found.r {
            Some(r) => {
                let shown = || String::from_utf8_lossy(r).into_owned();
                let (cr, cc) = cell_ref(r).ok_or_else(|| damaged(format!("cell reference {:?}", shown())))?;
                if self.row.is_some() && cr != current_row {
                    return Err(damaged(format!("cell {} outside its row {}", shown(), current_row + 1)));
                }
                cc
            }
            None => self.col.map_or(0, |n| n + 1),
        };
        self.col = Some(c);
        Ok(c)
    }
}

fn read_cells<R: Read>(xml: &mut Xml<R>, ctx: &Context<'_>, rows: &mut RowBuilder<'_, '_>) -> Result<(), Unreadable> {
    let mut at = Position::default();
    let mut cell: Option<(u64, RawCell)> = None;
    let mut value = String::new();
    let mut in_data = false;
    loop {
        if rows.stopped() {
            return Ok(());
        }
        let (start, which, found) = match xml.next()? {
            Event::Start(e) | Event::Empty(e) if !in_data => {
                in_data = e.local_name().as_ref() == b"sheetData";
                continue;
            }
            Event::Start(e) => {
                let which = tag(e.local_name().as_ref());
                let found = if matches!(which, Tag::C | Tag::Row) { attrs(&e)? } else { Attrs::default() };
                (true, which, found)
            }
            Event::Empty(e) => {
                let which = tag(e.local_name().as_ref());
                let found = if matches!(which, Tag::C | Tag::Row) { attrs(&e)? } else { Attrs::default() };
                (false, which, found)
            }
            Event::End(e) => {
                match tag(e.local_name().as_ref()) {
                    Tag::C => {
                        if let Some((c, raw)) = cell.take() {
                            let row = at.row.unwrap_or(0);
                            rows.put(row, c, convert(raw, &value, ctx, row + 1)?)?;
                        }
                    }
                    Tag::SheetData => return Ok(()),
                    _ => {}
                }
                continue;
            }
            Event::Eof => return Ok(()),
            _ => continue,
        };
        match which {
            Tag::Row => at.enter_row(&found)?,
            Tag::C => {
                let c = at.enter_cell(&found)?;
                if start {
                    cell = Some((c, RawCell { kind: found.t.unwrap_or(Kind::Number), style: found.s, valued: false, formula: false }));
                }
            }
            Tag::V | Tag::Is if start => {
                let line = at.row.unwrap_or(0) + 1;
                let long = || super::too_long(line);
                let kept = cell.as_ref().is_some_and(|(_, raw)| which == Tag::V || raw.kind == Kind::Inline);
                let mut scratch = String::new();
                // Text the cell does not keep is read past into a buffer of its own, so the
                // value already read stays.
                let into = if kept { &mut value } else { &mut scratch };
                if which == Tag::V {
                    xml.text_into(b"v", &[], &long, into)?;
                } else {
                    xml.text_into(b"is", &[b"rPh", b"phoneticPr"], &long, into)?;
                }
                if let Some((_, raw)) = cell.as_mut().filter(|_| kept) {
                    raw.valued = true;
                }
            }
            Tag::F => {
                if let Some((_, raw)) = cell.as_mut() {
                    raw.formula = true;
                }
                if start {
                    xml.skip_to_end(b"f")?;
                }
            }
            _ => {}
        }
    }
}

/// A whole number written in ASCII digits.
fn digits(bytes: &[u8]) -> Option<u64> {
    if bytes.is_empty() || bytes.len() > 12 {
        return None;
    }
    bytes.iter().try_fold(0u64, |acc, b| b.is_ascii_digit().then(|| acc * 10 + u64::from(b - b'0')))
}

fn convert(raw: RawCell, value: &str, ctx: &Context<'_>, line: u64) -> Result<Cell, Unreadable> {
    if !raw.valued {
        return Ok(if raw.formula { Cell::Fault(Fault::Uncached) } else { Cell::Empty });
    }
    Ok(match raw.kind {
        Kind::Inline | Kind::Formula => Cell::Text(excel_unescape(value.to_string())),
        Kind::Shared => {
            let index = digits(value.trim().as_bytes()).ok_or_else(|| damaged(format!("line {line}: shared string index {value:?}")))?;
            let text =
                ctx.strings.get(index as usize).ok_or_else(|| damaged(format!("line {line}: shared string {index} does not exist")))?;
            Cell::Text(text.to_string())
        }
        Kind::Bool => Cell::Bool(value.trim() == "1"),
        Kind::Error => Cell::Fault(Fault::Error(value.to_string())),
        Kind::Date => Cell::Text(value.to_string()),
        Kind::Number => {
            let n: f64 = value.trim().parse().map_err(|_| damaged(format!("line {line}: number {value:?}")))?;
            // A date-and-time keeps its time as a serial (in the 1900 system) for the readers
            // that want it; a date column reads the serial's day the same.
            if ctx.dates.get(raw.style).copied().unwrap_or(false) && n.fract() != 0.0 {
                Cell::Number(if ctx.date1904 { n + 1462.0 } else { n })
            } else if ctx.dates.get(raw.style).copied().unwrap_or(false) {
                serial_date(n, ctx.date1904).map_or(Cell::Number(n), Cell::Date)
            } else {
                Cell::Number(n)
            }
        }
    })
}

/// A date cell's serial as a day (the 1900 system counts from 1899-12-30 to absorb Excel's
/// leap-year quirk; the 1904 system from 1904-01-01).
fn serial_date(serial: f64, date1904: bool) -> Option<NaiveDate> {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return None;
    }
    let epoch = if date1904 { NaiveDate::from_ymd_opt(1904, 1, 1)? } else { NaiveDate::from_ymd_opt(1899, 12, 30)? };
    epoch.checked_add_days(chrono::Days::new(serial.trunc() as u64))
}

/// `B12` → (11, 1), 0-based; None past Excel's limits.
fn cell_ref(r: &[u8]) -> Option<(u64, u64)> {
    let split = r.iter().position(u8::is_ascii_digit)?;
    let (letters, numbers) = r.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let col = letters.iter().fold(0u64, |acc, b| acc * 26 + u64::from(b.to_ascii_uppercase() - b'A' + 1)) - 1;
    let row = digits(numbers).filter(|n| *n >= 1)?;
    (col < 16_384).then_some((row - 1, col))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_and_targets() {
        assert_eq!(cell_ref(b"A1"), Some((0, 0)));
        assert_eq!(cell_ref(b"AB12"), Some((11, 27)));
        assert_eq!(cell_ref(b"XFD1"), Some((0, 16_383)));
        assert_eq!(cell_ref(b"XFE1"), None, "past Excel's last column");
        assert_eq!(cell_ref(b"A0"), None);
        assert_eq!(resolve("xl/", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(resolve("xl/", "/xl/worksheets/sheet2.xml"), "xl/worksheets/sheet2.xml");
        assert_eq!(resolve("xl/", "../xl/worksheets/s.xml"), "xl/worksheets/s.xml");
    }

    #[test]
    fn date_formats() {
        for code in ["yyyy/m/d", "yyyy\"年\"m\"月\"d\"日\"", "[$-804]yyyy-mm-dd", "m/d/yy h:mm", "[Red]yyyy-mm-dd"] {
            assert!(is_date_format(code), "{code} shows a date");
        }
        for code in ["0.00", "#,##0.00\"元\"", "0%", "[Red]0.00", "\"days\" 0", "General"] {
            assert!(!is_date_format(code), "{code} shows a number");
        }
        assert!(builtin_date(14) && builtin_date(31) && builtin_date(57) && !builtin_date(2));
    }
}
