//! Rows out of CSV, text and spreadsheet files, as one kind of cell, streamed to a callback so a
//! million-row file never sits in memory. Whatever a file claims about itself (sizes, counts,
//! dimensions), memory stays bounded: inflated bytes are counted as they are read, nothing is
//! allocated from a claimed size, and a file past a limit is refused with a plain message. A
//! reader panic becomes a refusal instead of a crash.

mod ods;
mod text;
mod xls;
mod xlsx;
mod xml;
mod zipped;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use chrono::NaiveDate;

/// Limits past which a file is refused as broken or hostile.
pub const MAX_COLUMNS: usize = 512;
pub const MAX_CELL_CHARS: usize = 32_767;
/// Excel's own row limit; no spreadsheet a planner saves goes past it.
pub const MAX_ROWS: u64 = 1_048_576;

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
    pub(crate) fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Unreadable { zh: zh.into(), en: en.into() }
    }
}

/// What the row callback wants next.
pub enum Flow {
    Continue,
    Stop,
}

/// The callback rows are fed to: 1-based line as the spreadsheet shows it, and its cells.
pub type RowSink<'a> = dyn FnMut(u64, Vec<Cell>) -> Flow + 'a;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Xlsx,
    Xls,
    Ods,
}

fn kind_of(path: &Path) -> Result<Kind, Unreadable> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    match ext.as_str() {
        "csv" | "txt" => Ok(Kind::Text),
        "xlsx" | "xlsm" => Ok(Kind::Xlsx),
        "xls" => Ok(Kind::Xls),
        "ods" => Ok(Kind::Ods),
        _ => Err(Unreadable::new(
            format!("不支持的文件类型 .{ext}：请使用 .xlsx、.xls、.ods、.csv 或 .txt"),
            format!("unsupported file type .{ext}: use .xlsx, .xls, .ods, .csv or .txt"),
        )),
    }
}

/// Whether the file is plain text (CSV, TXT), which is read several times faster than a
/// workbook's XML.
pub fn is_text(path: &Path) -> bool {
    kind_of(path).is_ok_and(|k| k == Kind::Text)
}

/// Feeds each row of the sheet a planner sees on opening the file (the active sheet, or the
/// first visible one) to `row`. Returns that sheet's name (None for CSV and text files).
pub fn read_rows(path: &Path, row: &mut RowSink<'_>) -> Result<Option<String>, Unreadable> {
    read(path, None, row)
}

/// Feeds each row of the sheet named `sheet` to `row`, as `read_rows` does.
pub fn read_sheet(path: &Path, sheet: &str, row: &mut RowSink<'_>) -> Result<(), Unreadable> {
    read(path, Some(sheet), row).map(|_| ())
}

fn read(path: &Path, sheet: Option<&str>, row: &mut RowSink<'_>) -> Result<Option<String>, Unreadable> {
    regular_file(path)?;
    let kind = kind_of(path)?;
    guarded(|| match kind {
        Kind::Text => text::read(path, row).map(|()| None),
        Kind::Xlsx => xlsx::read(path, sheet, row).map(Some),
        Kind::Xls => xls::read(path, sheet, row).map(Some),
        Kind::Ods => ods::read(path, sheet, row).map(Some),
    })
}

/// The sheet names of a workbook, in order, hidden ones included (a returned tracker is read
/// sheet by sheet, and its hidden sheet says which export it is).
pub fn sheet_names(path: &Path) -> Result<Vec<String>, Unreadable> {
    regular_file(path)?;
    let kind = kind_of(path)?;
    guarded(|| match kind {
        Kind::Text => Ok(Vec::new()),
        Kind::Xlsx => xlsx::sheet_names(path),
        Kind::Xls => xls::sheet_names(path),
        Kind::Ods => ods::sheet_names(path),
    })
}

/// Pipes, devices and directories are refused: a pipe that never ends (or /dev/zero) would be
/// read for ever.
fn regular_file(path: &Path) -> Result<(), Unreadable> {
    let meta = std::fs::metadata(path).map_err(cannot_open)?;
    if meta.is_file() {
        Ok(())
    } else {
        Err(Unreadable::new("不是普通文件（可能是文件夹、管道或设备），已拒绝", "not a regular file (a folder, pipe or device); refused"))
    }
}

pub(crate) fn cannot_open(e: std::io::Error) -> Unreadable {
    Unreadable::new(format!("无法读取文件：{e}"), format!("cannot read the file: {e}"))
}

fn guarded<T>(f: impl FnOnce() -> Result<T, Unreadable>) -> Result<T, Unreadable> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(Unreadable::new(
            "文件内容异常，无法读取（可能已损坏）",
            "the file's content is malformed and cannot be read (it may be damaged)",
        ))
    })
}

pub(crate) fn damaged(detail: impl std::fmt::Display) -> Unreadable {
    Unreadable::new(
        format!("不是有效的表格文件，可能已损坏或不完整（{detail}）"),
        format!("not a valid spreadsheet file; it may be damaged or incomplete ({detail})"),
    )
}

pub(crate) fn password_protected() -> Unreadable {
    Unreadable::new(
        "工作簿设置了打开密码（已加密），请在 Excel 中取消密码后另存再导入",
        "the workbook is password-protected (encrypted); remove the password in Excel, save, and import again",
    )
}

pub(crate) fn too_wide(line: u64) -> Unreadable {
    Unreadable::new(
        format!("第 {line} 行超过 {MAX_COLUMNS} 列，不像客户清单，已拒绝"),
        format!("line {line} has more than {MAX_COLUMNS} columns; this is not a client list, refused"),
    )
}

pub(crate) fn too_long(line: u64) -> Unreadable {
    Unreadable::new(
        format!("第 {line} 行有单元格超过 {MAX_CELL_CHARS} 个字符，已拒绝"),
        format!("line {line} has a cell longer than {MAX_CELL_CHARS} characters; refused"),
    )
}

pub(crate) fn too_many_rows(line: u64) -> Unreadable {
    Unreadable::new(
        format!("第 {line} 行超出表格的最大行数 {MAX_ROWS}，可能已损坏或被篡改，已拒绝"),
        format!("line {line} is past a sheet's last row ({MAX_ROWS}); the file may be damaged or tampered with, refused"),
    )
}

pub(crate) fn no_sheet(wanted: &str) -> Unreadable {
    Unreadable::new(format!("找不到工作表「{wanted}」"), format!("there is no sheet named \"{wanted}\""))
}

/// A column index as Excel letters: 0 → A, 27 → AB.
pub fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Gathers one row's cells by column, refusing past the column and length limits, and hands
/// finished rows (those with anything in them) to the sink.
pub(crate) struct RowBuilder<'s, 'a> {
    sink: &'s mut RowSink<'a>,
    line: u64,
    cells: Vec<Cell>,
    stopped: bool,
}

impl<'s, 'a> RowBuilder<'s, 'a> {
    pub(crate) fn new(sink: &'s mut RowSink<'a>) -> Self {
        RowBuilder { sink, line: 0, cells: Vec::new(), stopped: false }
    }

    pub(crate) fn stopped(&self) -> bool {
        self.stopped
    }

    /// Puts a cell at 0-based (row, column); rows must come in order.
    pub(crate) fn put(&mut self, row: u64, col: u64, cell: Cell) -> Result<(), Unreadable> {
        if matches!(cell, Cell::Empty) {
            return Ok(());
        }
        let line = row + 1;
        if line > MAX_ROWS {
            return Err(too_many_rows(line));
        }
        if col >= MAX_COLUMNS as u64 {
            return Err(too_wide(line));
        }
        // A text of no more bytes than the limit has no more characters either: counted only
        // when it might be over.
        if matches!(&cell, Cell::Text(s) if s.len() > MAX_CELL_CHARS && s.chars().count() > MAX_CELL_CHARS) {
            return Err(too_long(line));
        }
        if line != self.line {
            if line < self.line {
                return Err(damaged(format!("row {line} after row {}", self.line)));
            }
            self.flush();
            self.line = line;
        }
        let col = col as usize;
        if self.cells.len() <= col {
            self.cells.resize(col + 1, Cell::Empty);
        }
        self.cells[col] = cell;
        Ok(())
    }

    /// Hands the row gathered so far to the sink.
    pub(crate) fn flush(&mut self) {
        if self.cells.is_empty() || self.stopped {
            self.cells.clear();
            return;
        }
        // The next row is likely as wide: its cells are put without growing the list one by one.
        let width = self.cells.len();
        let cells = std::mem::replace(&mut self.cells, Vec::with_capacity(width));
        if let Flow::Stop = (self.sink)(self.line, cells) {
            self.stopped = true;
        }
    }
}

#[cfg(test)]
mod tests;
