//! Excel 97–2003 .xls. calamine reads it, but builds every sheet as a dense range at open, so
//! one cell at IV65536 costs a gigabyte. The workbook stream (BIFF records, read with the cfb
//! crate) is scanned first: each sheet's used area, which sheets are hidden, which is active
//! and whether the file is encrypted; a file past the limits is refused before calamine sees it.

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xls};

use super::{
    cannot_open, column_letters, damaged, no_sheet, password_protected, Cell, Fault, RowBuilder, RowSink, Unreadable, MAX_COLUMNS,
};

/// The BIFF stream is held in memory while it is scanned; an .xls is at most a few tens of MB.
const MAX_STREAM: u64 = 256 << 20;
/// calamine allocates width × height cells (values and formulas) for every sheet.
const MAX_AREA: u64 = 4_000_000;

struct Sheet {
    name: String,
    visible: bool,
    worksheet: bool,
    offset: u32,
}

struct Scan {
    sheets: Vec<Sheet>,
    active: usize,
}

pub(super) fn sheet_names(path: &Path) -> Result<Vec<String>, Unreadable> {
    scan(path)?;
    Ok(open(path)?.sheet_names())
}

fn open(path: &Path) -> Result<Xls<std::io::BufReader<std::fs::File>>, Unreadable> {
    calamine::open_workbook(path).map_err(|e: calamine::XlsError| match e {
        calamine::XlsError::Password => password_protected(),
        e => damaged(e),
    })
}

pub(super) fn read(path: &Path, wanted: Option<&str>, sink: &mut RowSink<'_>) -> Result<String, Unreadable> {
    let scan = scan(path)?;
    let mut book = open(path)?;
    // calamine decodes names with the workbook's code page; the scan's order is the same.
    let names = book.sheet_names();
    let name_of = |i: usize| names.get(i).cloned().unwrap_or_else(|| scan.sheets[i].name.clone());
    let name = match wanted {
        Some(w) => names.iter().find(|n| *n == w).cloned().ok_or_else(|| no_sheet(w))?,
        None => {
            let usable = |s: &Sheet| s.visible && s.worksheet;
            let index = match scan.sheets.get(scan.active).filter(|s| usable(s)) {
                Some(_) => scan.active,
                None => scan
                    .sheets
                    .iter()
                    .position(usable)
                    .ok_or_else(|| Unreadable::new("工作簿中没有可见的工作表", "the workbook has no visible worksheet"))?,
            };
            name_of(index)
        }
    };
    let range = book.worksheet_range(&name).map_err(damaged)?;
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut rows = RowBuilder::new(sink);
    for (i, cells) in range.rows().enumerate() {
        for (j, value) in cells.iter().enumerate() {
            rows.put(u64::from(first_row) + i as u64, u64::from(first_col) + j as u64, from_data(value))?;
        }
        if rows.stopped() {
            break;
        }
    }
    rows.flush();
    Ok(name)
}

fn from_data(value: &Data) -> Cell {
    match value {
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        // A time of day keeps the serial, as the xlsx reader does.
        Data::DateTime(d) if d.as_f64().fract() != 0.0 => Cell::Number(d.as_f64()),
        Data::DateTime(d) => d.as_datetime().map_or(Cell::Number(d.as_f64()), |dt| Cell::Date(dt.date())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Fault(Fault::Error(e.to_string())),
        Data::Empty => Cell::Empty,
    }
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*data.get(at)?, *data.get(at + 1)?]))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes([*data.get(at)?, *data.get(at + 1)?, *data.get(at + 2)?, *data.get(at + 3)?]))
}

/// The used area of one sheet's cell records.
#[derive(Default)]
struct Area {
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
    far: (u32, u32),
}

impl Area {
    fn add(&mut self, row: u32, first_col: u32, last_col: u32) {
        self.rows = Some(self.rows.map_or((row, row), |(a, b)| (a.min(row), b.max(row))));
        self.cols = Some(self.cols.map_or((first_col, last_col), |(a, b)| (a.min(first_col), b.max(last_col))));
        if (row, last_col) > self.far {
            self.far = (row, last_col);
        }
    }

    fn size(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1),
            _ => 0,
        }
    }
}

fn scan(path: &Path) -> Result<Scan, Unreadable> {
    let mut cfb = cfb::open(path).map_err(|e| damaged(format!("not an Excel 97–2003 workbook: {e}")))?;
    let stream = ["/Workbook", "/Book"].into_iter().find(|s| cfb.is_stream(s)).ok_or_else(|| damaged("no workbook stream"))?;
    let mut data = Vec::new();
    cfb.open_stream(stream).map_err(cannot_open)?.take(MAX_STREAM + 1).read_to_end(&mut data).map_err(cannot_open)?;
    if data.len() as u64 > MAX_STREAM {
        return Err(Unreadable::new(
            format!("工作簿数据超过 {} MB，已拒绝", MAX_STREAM >> 20),
            format!("the workbook's data is over {} MB; refused", MAX_STREAM >> 20),
        ));
    }
    let mut out = Scan { sheets: Vec::new(), active: 0 };
    let mut pos = 0usize;
    let mut current: Option<(usize, Area)> = None;
    let mut in_globals = false;
    let mut substreams = 0usize;
    while pos + 4 <= data.len() {
        let (Some(kind), Some(len)) = (u16_at(&data, pos), u16_at(&data, pos + 2)) else { break };
        let start = pos;
        let body = data.get(pos + 4..pos + 4 + len as usize).ok_or_else(|| damaged("a record runs past the end of the stream"))?;
        pos += 4 + len as usize;
        match kind {
            0x0809 => {
                substreams += 1;
                let dt = u16_at(body, 2).unwrap_or(0);
                in_globals = dt == 0x0005;
                current = (dt == 0x0010).then(|| {
                    let index = out.sheets.iter().position(|s| s.offset as usize == start).unwrap_or(substreams.saturating_sub(2));
                    (index, Area::default())
                });
            }
            0x000A => {
                if let Some((index, area)) = current.take() {
                    check_area(&out, index, &area)?;
                }
            }
            0x002F if in_globals => return Err(password_protected()),
            0x003D if in_globals => out.active = usize::from(u16_at(body, 10).unwrap_or(0)),
            0x0085 if in_globals => out.sheets.push(boundsheet(body)?),
            _ => {
                if let Some((_, area)) = current.as_mut() {
                    cell_record(kind, body, area);
                }
            }
        }
    }
    if let Some((index, area)) = current {
        check_area(&out, index, &area)?;
    }
    Ok(out)
}

/// Rows and columns a cell record covers (MULRK/MULBLANK cover a run of columns).
fn cell_record(kind: u16, body: &[u8], area: &mut Area) {
    let (Some(row), Some(col)) = (u16_at(body, 0), u16_at(body, 2)) else { return };
    let last = match kind {
        0x0203 | 0x027E | 0x00FD | 0x0204 | 0x0205 | 0x0006 | 0x0201 | 0x00D6 | 0x0207 => col,
        0x00BD | 0x00BE => u16_at(body, body.len().saturating_sub(2)).unwrap_or(col).max(col),
        _ => return,
    };
    area.add(u32::from(row), u32::from(col), u32::from(last));
}

fn check_area(scan: &Scan, index: usize, area: &Area) -> Result<(), Unreadable> {
    let name = scan.sheets.get(index).map_or("?", |s| s.name.as_str());
    let (row, col) = area.far;
    let cell = format!("{}{}", column_letters(col as usize), row + 1);
    if col as usize >= MAX_COLUMNS || area.size() > MAX_AREA {
        return Err(Unreadable::new(
            format!("工作表「{name}」的单元格 {cell} 超出可读取范围（最多 {MAX_COLUMNS} 列、{MAX_AREA} 个单元格），可能已损坏或被篡改，已拒绝"),
            format!("sheet \"{name}\" has cell {cell}, beyond what can be read (at most {MAX_COLUMNS} columns and {MAX_AREA} cells); it may be damaged or tampered with, refused"),
        ));
    }
    Ok(())
}

/// BOUNDSHEET8: stream offset, visibility, type, and name (8-bit or UTF-16).
fn boundsheet(body: &[u8]) -> Result<Sheet, Unreadable> {
    let offset = u32_at(body, 0).ok_or_else(|| damaged("short sheet record"))?;
    let state = body.get(4).copied().unwrap_or(0) & 0x03;
    let kind = body.get(5).copied().unwrap_or(0);
    let chars = usize::from(body.get(6).copied().unwrap_or(0));
    let wide = body.get(7).copied().unwrap_or(0) & 0x01 == 1;
    let raw = body.get(8..).unwrap_or(&[]);
    let name = if wide {
        let units: Vec<u16> = raw.chunks_exact(2).take(chars).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    } else {
        raw.iter().take(chars).map(|&b| char::from(b)).collect()
    };
    Ok(Sheet { name, visible: state == 0, worksheet: kind == 0, offset })
}
