//! Rows out of CSV and spreadsheet files, as one kind of cell, streamed to a callback so a
//! million-row file never sits in memory. Hostile files are refused before the reader touches
//! them, and a reader panic becomes a clear refusal instead of a crash.

use std::fs::File;
use std::io::{BufReader, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use calamine::{open_workbook_auto, Data, DataRef, Reader, Xlsx};
use chrono::NaiveDate;

/// Limits past which a file is refused as broken or hostile.
pub const MAX_COLUMNS: usize = 512;
pub const MAX_CELL_CHARS: usize = 32_767;
const MAX_ENTRY_BYTES: u64 = 2 << 30;
const MAX_RATIO: u64 = 200;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
    /// What Excel shows instead of a value: an error (`#N/A`) or a formula never calculated.
    /// Never data: a reader that needs this cell refuses it with its line and column.
    Fault(Fault),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// An error value as Excel displays it, e.g. `#N/A`, `#VALUE!`.
    Error(String),
    /// A formula saved without its result (written by a program, never opened in Excel).
    Uncached,
}

impl Fault {
    pub fn zh(&self) -> String {
        match self {
            Fault::Error(e) => format!("单元格是错误值 {e}，请先在 Excel 中改正"),
            Fault::Uncached => "单元格是没有计算结果的公式，请在 Excel 中打开并保存后再导入".into(),
        }
    }
    pub fn en(&self) -> String {
        match self {
            Fault::Error(e) => format!("the cell holds the error value {e}; correct it in Excel first"),
            Fault::Uncached => "the cell is a formula with no calculated result; open and save the file in Excel first".into(),
        }
    }
    /// How the cell reads in a problem list.
    pub fn shown(&self) -> String {
        match self {
            Fault::Error(e) => e.clone(),
            Fault::Uncached => "=…".into(),
        }
    }
}

impl Cell {
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// Why a whole file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub zh: String,
    pub en: String,
}

impl Unreadable {
    fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Unreadable { zh: zh.into(), en: en.into() }
    }
}

/// What the row callback wants next.
pub enum Flow {
    Continue,
    Stop,
}

/// Feeds each row (1-based line as the spreadsheet shows it, and its cells) to `row`.
pub fn read_rows(path: &Path, row: &mut dyn FnMut(u64, Vec<Cell>) -> Flow) -> Result<(), Unreadable> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    guarded(|| match ext.as_str() {
        "csv" | "txt" => read_csv(path, row),
        "xlsx" | "xlsm" => {
            check_zip(path)?;
            read_xlsx(path, None, row)
        }
        "xls" | "ods" => {
            if ext == "ods" {
                check_zip(path)?;
            }
            read_whole_sheet(path, None, row)
        }
        _ => Err(Unreadable::new(
            format!("不支持的文件类型 .{ext}：请使用 .xlsx、.xls 或 .csv"),
            format!("unsupported file type .{ext}: use .xlsx, .xls or .csv"),
        )),
    })
}

/// The sheet names of a workbook, in order (a returned tracker is read sheet by sheet).
pub fn sheet_names(path: &Path) -> Result<Vec<String>, Unreadable> {
    guarded(|| {
        if is_zip_workbook(path) {
            check_zip(path)?;
        }
        let book = open_workbook_auto(path).map_err(damaged)?;
        Ok(book.sheet_names())
    })
}

/// Feeds each row of the sheet named `sheet` to `row`, as `read_rows` does for the first sheet.
pub fn read_sheet(path: &Path, sheet: &str, row: &mut dyn FnMut(u64, Vec<Cell>) -> Flow) -> Result<(), Unreadable> {
    guarded(|| {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
        if ext == "xlsx" || ext == "xlsm" {
            check_zip(path)?;
            read_xlsx(path, Some(sheet), row)
        } else {
            if is_zip_workbook(path) {
                check_zip(path)?;
            }
            read_whole_sheet(path, Some(sheet), row)
        }
    })
}

fn is_zip_workbook(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    matches!(ext.as_str(), "xlsx" | "xlsm" | "ods")
}

fn guarded<T>(f: impl FnOnce() -> Result<T, Unreadable>) -> Result<T, Unreadable> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(Unreadable::new("文件内容异常，无法读取（可能已损坏）", "the file's content is malformed and cannot be read (it may be damaged)"))
    })
}

fn damaged(detail: impl std::fmt::Display) -> Unreadable {
    Unreadable::new(
        format!("不是有效的 Excel 文件，可能已损坏或不完整（{detail}）"),
        format!("not a valid Excel file; it may be damaged or incomplete ({detail})"),
    )
}

/// Refuses zip archives whose entries claim absurd sizes (zip bombs) before any is inflated.
fn check_zip(path: &Path) -> Result<(), Unreadable> {
    let file = File::open(path).map_err(damaged)?;
    let mut archive = zip::ZipArchive::new(BufReader::new(file)).map_err(damaged)?;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(damaged)?;
        let (size, packed) = (entry.size(), entry.compressed_size().max(1));
        if size > MAX_ENTRY_BYTES || (size > (64 << 20) && size / packed > MAX_RATIO) {
            return Err(Unreadable::new(
                format!("文件中的 {} 声明解压后 {} MB，超出可处理范围，已拒绝", entry.name(), size >> 20),
                format!("{} declares {} MB uncompressed, beyond what can be handled; refused", entry.name(), size >> 20),
            ));
        }
    }
    Ok(())
}

fn too_wide(line: u64) -> Unreadable {
    Unreadable::new(
        format!("第 {line} 行超过 {MAX_COLUMNS} 列，不像客户清单，已拒绝"),
        format!("line {line} has more than {MAX_COLUMNS} columns; this is not a client list, refused"),
    )
}

fn too_long(line: u64) -> Unreadable {
    Unreadable::new(
        format!("第 {line} 行有单元格超过 {MAX_CELL_CHARS} 个字符，已拒绝"),
        format!("line {line} has a cell longer than {MAX_CELL_CHARS} characters; refused"),
    )
}

fn read_xlsx(path: &Path, sheet: Option<&str>, row: &mut dyn FnMut(u64, Vec<Cell>) -> Flow) -> Result<(), Unreadable> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).map_err(|e: calamine::XlsxError| damaged(e))?;
    let sheet = pick_sheet(book.sheet_names(), sheet)?;
    let mut cells = book.worksheet_cells_reader(&sheet).map_err(damaged)?;
    let mut current: Option<(u32, Vec<Cell>)> = None;
    while let Some(cell) = cells.next_cell().map_err(damaged)? {
        let (r, c) = cell.get_position();
        let value = from_ref(cell.get_value());
        if value == Cell::Empty {
            continue;
        }
        if c as usize >= MAX_COLUMNS {
            return Err(too_wide(u64::from(r) + 1));
        }
        if matches!(&value, Cell::Text(s) if s.chars().count() > MAX_CELL_CHARS) {
            return Err(too_long(u64::from(r) + 1));
        }
        if current.as_ref().is_some_and(|(cr, _)| *cr != r) {
            if let Some((cr, values)) = current.take() {
                if let Flow::Stop = row(u64::from(cr) + 1, values) {
                    return Ok(());
                }
            }
        }
        let (_, values) = current.get_or_insert_with(|| (r, Vec::new()));
        if values.len() <= c as usize {
            values.resize(c as usize + 1, Cell::Empty);
        }
        values[c as usize] = value;
    }
    if let Some((cr, values)) = current {
        row(u64::from(cr) + 1, values);
    }
    Ok(())
}

fn pick_sheet(names: Vec<String>, wanted: Option<&str>) -> Result<String, Unreadable> {
    match wanted {
        None => names.into_iter().next().ok_or_else(|| damaged("no worksheet")),
        Some(w) => names.into_iter().find(|n| n == w).ok_or_else(|| {
            Unreadable::new(format!("找不到工作表「{w}」"), format!("there is no sheet named \"{w}\""))
        }),
    }
}

fn from_ref(value: &DataRef<'_>) -> Cell {
    match value {
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_string()),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) => d.as_datetime().map_or(Cell::Number(d.as_f64()), |dt| Cell::Date(dt.date())),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Fault(Fault::Error(e.to_string())),
        DataRef::Empty => Cell::Empty,
    }
}

fn from_data(value: &Data) -> Cell {
    match value {
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) => d.as_datetime().map_or(Cell::Number(d.as_f64()), |dt| Cell::Date(dt.date())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Fault(Fault::Error(e.to_string())),
        Data::Empty => Cell::Empty,
    }
}

/// .xls and .ods have no streaming reader; .xls holds at most 65,536 rows anyway.
fn read_whole_sheet(path: &Path, sheet: Option<&str>, row: &mut dyn FnMut(u64, Vec<Cell>) -> Flow) -> Result<(), Unreadable> {
    let mut book = open_workbook_auto(path).map_err(damaged)?;
    let sheet = pick_sheet(book.sheet_names(), sheet)?;
    let range = book.worksheet_range(&sheet).map_err(damaged)?;
    if range.width() > MAX_COLUMNS {
        return Err(too_wide(u64::from(range.start().map_or(0, |s| s.0)) + 1));
    }
    let first = range.start().map_or(0, |s| s.0);
    for (i, cells) in range.rows().enumerate() {
        let values: Vec<Cell> = cells.iter().map(from_data).collect();
        let line = u64::from(first) + i as u64 + 1;
        if values.iter().any(|c| matches!(c, Cell::Text(s) if s.chars().count() > MAX_CELL_CHARS)) {
            return Err(too_long(line));
        }
        if let Flow::Stop = row(line, values) {
            break;
        }
    }
    Ok(())
}

/// UTF-8 (with or without BOM) or GB18030, which Chinese Excel writes for "CSV": decided from
/// the first 64 KiB, decoded as a stream by encoding_rs.
fn read_csv(path: &Path, row: &mut dyn FnMut(u64, Vec<Cell>) -> Flow) -> Result<(), Unreadable> {
    let cannot = |e: std::io::Error| Unreadable::new(format!("无法读取文件：{e}"), format!("cannot read the file: {e}"));
    let mut sample = Vec::with_capacity(65_536);
    File::open(path).map_err(cannot)?.take(65_536).read_to_end(&mut sample).map_err(cannot)?;
    let encoding = if sample.starts_with(&[0xEF, 0xBB, 0xBF]) || looks_utf8(&sample) {
        encoding_rs::UTF_8
    } else {
        encoding_rs::GB18030
    };
    let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(Some(encoding))
        .bom_override(true)
        .build(File::open(path).map_err(cannot)?);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(BufReader::new(decoded));
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                if record.len() > MAX_COLUMNS {
                    return Err(too_wide(line));
                }
                if record.iter().any(|f| f.chars().count() > MAX_CELL_CHARS) {
                    return Err(too_long(line));
                }
                let values = record.iter().map(|f| if f.is_empty() { Cell::Empty } else { Cell::Text(f.to_string()) }).collect();
                if let Flow::Stop = row(line, values) {
                    return Ok(());
                }
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(Unreadable::new(format!("第 {line} 行无法解析：{e}"), format!("line {line} cannot be parsed: {e}")));
            }
        }
    }
}

/// Valid UTF-8, allowing the sample to end inside a character.
fn looks_utf8(sample: &[u8]) -> bool {
    match std::str::from_utf8(sample) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && sample.len() - e.valid_up_to() < 4,
    }
}
