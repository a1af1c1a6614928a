//! .ods (LibreOffice, WPS) read as a stream of cells. Repeated rows and columns are counted,
//! never expanded into a dense range: calamine builds the whole table in memory, so one cell
//! at row 199,001 of a 1 KB file took gigabytes.

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use quick_xml::events::{BytesStart, Event};

use super::xml::{attr, push_reference, Xml};
use super::zipped::{Archive, Breach, PART_CAP, SHEET_CAP};
use super::{damaged, no_sheet, password_protected, Cell, Fault, RowBuilder, RowSink, Unreadable, MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS};

const CONTENT: &str = "content.xml";

pub(super) fn sheet_names(path: &Path) -> Result<Vec<String>, Unreadable> {
    let mut zip = open(path)?;
    let breach = Breach::default();
    let mut names = Vec::new();
    let mut xml = content(&mut zip, &breach)?;
    loop {
        match xml.next()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"table" => {
                names.push(attr(&e, b"name")?.unwrap_or_default());
            }
            Event::Eof => return Ok(names),
            _ => {}
        }
    }
}

pub(super) fn read(path: &Path, wanted: Option<&str>, sink: &mut RowSink<'_>) -> Result<String, Unreadable> {
    let mut zip = open(path)?;
    let breach = Breach::default();
    if let Some(name) = wanted {
        return read_table(&mut zip, &breach, &|n, _| n == name, sink)?.ok_or_else(|| no_sheet(name));
    }
    if let Some(active) = active_table(&mut zip, &breach)? {
        if let Some(name) = read_table(&mut zip, &breach, &|n, visible| visible && n == active, sink)? {
            return Ok(name);
        }
    }
    read_table(&mut zip, &breach, &|_, visible| visible, sink)?
        .ok_or_else(|| Unreadable::new("工作簿中没有可见的工作表", "the workbook has no visible worksheet"))
}

fn open(path: &Path) -> Result<Archive, Unreadable> {
    let mut zip = Archive::open(path)?;
    let breach = Breach::default();
    if let Some(source) = zip.entry("META-INF/manifest.xml", PART_CAP, &breach)? {
        let mut xml = Xml::new(source, &breach);
        loop {
            match xml.next()? {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"encryption-data" => return Err(password_protected()),
                Event::Eof => break,
                _ => {}
            }
        }
    }
    Ok(zip)
}

fn content<'z>(zip: &'z mut Archive, breach: &Breach) -> Result<Xml<impl Read + 'z>, Unreadable> {
    let source = zip.entry(CONTENT, SHEET_CAP, breach)?.ok_or_else(|| damaged("not an OpenDocument spreadsheet"))?;
    Ok(Xml::new(source, breach))
}

/// The table the file was saved with open, from settings.xml.
fn active_table(zip: &mut Archive, breach: &Breach) -> Result<Option<String>, Unreadable> {
    let Some(source) = zip.entry("settings.xml", PART_CAP, breach)? else { return Ok(None) };
    let mut xml = Xml::new(source, breach);
    loop {
        let active = match xml.next()? {
            Event::Start(e) => e.local_name().as_ref() == b"config-item" && attr(&e, b"name")?.as_deref() == Some("ActiveTable"),
            Event::Eof => return Ok(None),
            _ => false,
        };
        if active {
            return Ok(Some(xml.text_until_end(b"config-item", &[], &|| damaged("settings.xml: an over-long setting"))?));
        }
    }
}

/// Streams the first table for which `pick(name, visible)` holds; returns its name.
fn read_table(
    zip: &mut Archive,
    breach: &Breach,
    pick: &dyn Fn(&str, bool) -> bool,
    sink: &mut RowSink<'_>,
) -> Result<Option<String>, Unreadable> {
    let mut xml = content(zip, breach)?;
    let mut hidden_styles: HashSet<String> = HashSet::new();
    let mut style: Option<String> = None;
    loop {
        let table = match xml.next()? {
            // A table style hides its tables with `display="false"` on its properties.
            Event::Empty(e) | Event::Start(e) if e.local_name().as_ref() == b"table-properties" => {
                if attr(&e, b"display")?.as_deref() == Some("false") {
                    hidden_styles.extend(style.clone());
                }
                None
            }
            Event::Start(e) => match e.local_name().as_ref() {
                b"style" => {
                    style = attr(&e, b"name")?;
                    None
                }
                b"table" => Some((attr(&e, b"name")?.unwrap_or_default(), attr(&e, b"style-name")?)),
                _ => None,
            },
            Event::Eof => return Ok(None),
            _ => None,
        };
        if let Some((name, style_name)) = table {
            let visible = style_name.is_none_or(|s| !hidden_styles.contains(&s));
            if pick(&name, visible) {
                let mut rows = RowBuilder::new(sink);
                read_rows(&mut xml, &mut rows)?;
                rows.flush();
                return Ok(Some(name));
            }
            xml.skip_to_end(b"table")?;
        }
    }
}

fn repeat(e: &BytesStart<'_>, name: &[u8]) -> Result<u64, Unreadable> {
    Ok(attr(e, name)?.and_then(|v| v.parse::<u64>().ok()).unwrap_or(1).max(1))
}

fn read_rows<R: Read>(xml: &mut Xml<R>, rows: &mut RowBuilder<'_, '_>) -> Result<(), Unreadable> {
    let mut row: u64 = 0;
    let mut row_repeat: u64 = 1;
    let mut col: u64 = 0;
    let mut cells: Vec<(u64, Cell)> = Vec::new();
    loop {
        if rows.stopped() {
            return Ok(());
        }
        let (start, e_local, details) = match xml.next()? {
            Event::Start(e) => (true, e.local_name().as_ref().to_vec(), details(&e)?),
            Event::Empty(e) => (false, e.local_name().as_ref().to_vec(), details(&e)?),
            Event::End(e) => {
                match e.local_name().as_ref() {
                    b"table" => return Ok(()),
                    b"table-row" => {
                        if !cells.is_empty() {
                            if row.saturating_add(row_repeat) > MAX_ROWS {
                                return Err(super::too_many_rows(row.saturating_add(row_repeat)));
                            }
                            for r in row..row + row_repeat {
                                for (c, cell) in &cells {
                                    rows.put(r, *c, cell.clone())?;
                                }
                                if rows.stopped() {
                                    return Ok(());
                                }
                            }
                            cells.clear();
                        }
                        row = row.saturating_add(row_repeat);
                    }
                    _ => {}
                }
                continue;
            }
            Event::Eof => return Err(damaged("the table does not end")),
            _ => continue,
        };
        match e_local.as_slice() {
            b"table-row" => {
                row_repeat = details.rows_repeated;
                col = 0;
                cells.clear();
                if !start {
                    row = row.saturating_add(row_repeat);
                }
            }
            b"table-cell" | b"covered-table-cell" => {
                let line = row + 1;
                let text = if start { cell_text(xml, line)? } else { String::new() };
                let cell = details.cell(text);
                let n = details.cols_repeated;
                if !matches!(cell, Cell::Empty) {
                    if col.saturating_add(n) > MAX_COLUMNS as u64 {
                        return Err(super::too_wide(line));
                    }
                    for c in col..col + n {
                        cells.push((c, cell.clone()));
                    }
                }
                col = col.saturating_add(n);
            }
            _ => {}
        }
    }
}

/// What a cell's attributes say, before its text is read.
#[derive(Default)]
struct Details {
    rows_repeated: u64,
    cols_repeated: u64,
    kind: Option<String>,
    calc_kind: Option<String>,
    value: Option<String>,
    date: Option<String>,
    boolean: Option<String>,
    formula: bool,
}

fn details(e: &BytesStart<'_>) -> Result<Details, Unreadable> {
    let mut d = Details { rows_repeated: 1, cols_repeated: 1, ..Details::default() };
    let local = e.local_name();
    if local.as_ref() != b"table-cell" && local.as_ref() != b"covered-table-cell" && local.as_ref() != b"table-row" {
        return Ok(d);
    }
    // One pass over the attributes: this runs for every cell of the table.
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(damaged)?;
        let key = a.key;
        let value = || std::str::from_utf8(&a.value).map(str::to_string).map_err(damaged);
        let count = || std::str::from_utf8(&a.value).ok().and_then(|v| v.parse::<u64>().ok()).unwrap_or(1).max(1);
        match (key.prefix().map(|p| p.into_inner().to_vec()), key.local_name().as_ref()) {
            (_, b"number-rows-repeated") => d.rows_repeated = count(),
            (_, b"number-columns-repeated") => d.cols_repeated = count(),
            (Some(p), b"value-type") if p == b"calcext" => d.calc_kind = Some(value()?),
            (_, b"value-type") => d.kind = Some(value()?),
            (_, b"value") => d.value = Some(value()?),
            (_, b"date-value") => d.date = Some(value()?),
            (_, b"boolean-value") => d.boolean = Some(value()?),
            (_, b"formula") => d.formula = true,
            _ => {}
        }
    }
    Ok(d)
}

impl Details {
    fn cell(&self, text: String) -> Cell {
        if self.calc_kind.as_deref() == Some("error") {
            return Cell::Fault(Fault::Error(text));
        }
        match self.kind.as_deref() {
            Some("float" | "percentage" | "currency") => {
                self.value.as_deref().and_then(|v| v.trim().parse::<f64>().ok()).map_or(Cell::Text(text), Cell::Number)
            }
            Some("date") => self
                .date
                .as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d.get(..10).unwrap_or(d), "%Y-%m-%d").ok())
                .map_or(Cell::Text(text), Cell::Date),
            Some("boolean") => Cell::Bool(matches!(self.boolean.as_deref(), Some("true" | "1"))),
            Some(_) => Cell::Text(text),
            None if self.formula => Cell::Fault(Fault::Uncached),
            None if text.is_empty() => Cell::Empty,
            None => Cell::Text(text),
        }
    }
}

/// A cell's paragraphs joined by line breaks; `text:s` stands for spaces, `text:tab` for a tab.
fn cell_text<R: Read>(xml: &mut Xml<R>, line: u64) -> Result<String, Unreadable> {
    let mut out = String::new();
    let mut paragraphs = 0usize;
    let mut depth = 0usize;
    loop {
        match xml.next()? {
            Event::Start(e) => {
                depth += 1;
                if e.local_name().as_ref() == b"p" {
                    if paragraphs > 0 {
                        out.push('\n');
                    }
                    paragraphs += 1;
                }
            }
            Event::Empty(e) => match e.local_name().as_ref() {
                b"s" => {
                    let n = repeat(&e, b"c")?.min(MAX_CELL_CHARS as u64 + 1);
                    out.extend(std::iter::repeat_n(' ', n as usize));
                }
                b"tab" => out.push('\t'),
                b"line-break" => out.push('\n'),
                _ => {}
            },
            Event::End(e) => {
                let local = e.local_name();
                if depth == 0 && (local.as_ref() == b"table-cell" || local.as_ref() == b"covered-table-cell") {
                    return Ok(out);
                }
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) => out.push_str(&t.xml10_content().map_err(damaged)?),
            Event::GeneralRef(r) => push_reference(&r, &mut out)?,
            Event::Eof => return Err(damaged("the document ends inside a cell")),
            _ => {}
        }
        if out.len() > MAX_CELL_CHARS * 4 {
            return Err(super::too_long(line));
        }
    }
}
