//! Client import from planners' own files (.xlsx, .xls, .csv in UTF-8 or GB18030): find the
//! header, read values as people write them, report every problem with its line and column,
//! and write all of it or nothing.

pub mod achievements;
pub mod cells;
mod client_rows;
pub mod green_requests;
pub mod header;
mod keys;
pub mod members;
pub mod snapshots;
pub mod switchboard_lines;
mod table;
pub mod team_tracker;
pub mod tracker;
pub mod values;

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use chrono::NaiveDateTime;
use serde::Serialize;

use self::cells::{read_rows, Cell, Flow};
use self::client_rows::{Check, Checked, Problems};
use self::header::{Columns, Field};
use crate::domain::ids::CampaignId;
use crate::error::{Error, Result};
use crate::store::imports::{ClientFields, ClientWrite, ContractWrite, ImportCounts, ImportWriter, Pace};
use crate::store::Store;

/// How many problems a report lists; the rest are counted.
pub(crate) const MAX_LISTED: usize = 1_000;
/// How far down a header may sit under title rows.
const HEADER_SEARCH_ROWS: u64 = 50;

#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub campaign_id: Option<CampaignId>,
    pub dry_run: bool,
    /// Extra header → field assignments the planner made (normalised headers).
    pub mapping: HashMap<String, Field>,
    pub author: String,
    pub now: NaiveDateTime,
}

/// One thing wrong with one cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct ImportProblem {
    pub line: u64,
    pub column: String,
    pub value: String,
    pub message_zh: String,
    pub message_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct ImportReport {
    pub file: String,
    /// The sheet that was read (the active one, or the first visible); None for CSV and text.
    pub sheet: Option<String>,
    pub header_line: u64,
    pub rows: u64,
    pub ignored_columns: Vec<String>,
    pub problems: Vec<ImportProblem>,
    /// Problems beyond those listed.
    pub more_problems: u64,
    pub counts: ImportCounts,
    pub dry_run: bool,
    /// True only when the rows are in the database now.
    pub written: bool,
}

/// The writing half: writes each checked row, remembering the id of each client by its
/// number in the file, and reports what only the database can tell (a new client missing a
/// required field, a contract number another client holds).
struct Write<'s> {
    writer: ImportWriter<'s>,
    columns: Columns,
    ids: Vec<Option<i64>>,
    problems: Problems,
}

impl Write<'_> {
    fn row(&mut self, row: &Checked) -> Result<()> {
        if self.ids.len() <= row.index {
            self.ids.resize(row.index + 1, None);
        }
        let id = match self.ids[row.index] {
            Some(id) => Some(id),
            None => self.write_client(row.line, &row.client)?,
        };
        self.ids[row.index] = id;
        if let (Some(id), Some(contract)) = (id, &row.contract) {
            if let ContractWrite::OwnedBy(owner) = self.writer.contract(id, contract)? {
                self.problems.add(
                    &self.columns,
                    row.line,
                    Field::ContractNo,
                    &contract.number,
                    format!("已属于客户 {owner}"),
                    format!("already belongs to client {owner}"),
                );
            }
        }
        Ok(())
    }

    /// Writes a client met for the first time; a new client missing a required field is a
    /// problem on each such field.
    fn write_client(&mut self, line: u64, client: &ClientFields) -> Result<Option<i64>> {
        match self.writer.client(client)? {
            ClientWrite::Written(id) => Ok(Some(id)),
            ClientWrite::Missing(fields) => {
                for name in fields {
                    let field = match name {
                        "client_name" => Field::ClientName,
                        "category" => Field::Category,
                        _ => Field::Tier,
                    };
                    self.problems.add(&self.columns, line, field, "", "新客户必须填写".into(), "is required for a new client".into());
                }
                Ok(None)
            }
        }
    }
}

/// What the reading thread sends the writer.
enum Message {
    /// The header was found: its columns.
    Header(Columns),
    /// Rows that passed their checks, and how many rows have been read so far.
    Rows(Vec<Checked>, u64),
}

/// Rows handed to the writer at a time (progress is told every thousand, so a divisor of it),
/// and batches in flight: enough to keep both threads busy,
/// little enough to keep memory flat whatever the file's size.
const BATCH: usize = 500;
const IN_FLIGHT: usize = 8;

/// Reads `path` and upserts its clients and contracts. Returns the report; the rows are
/// written only if there were no problems and this is not a dry run. `progress` is told the
/// rows read so far and may return false to cancel (nothing is written then).
pub fn import_clients(store: &Store, path: &Path, options: &ImportOptions, progress: &mut dyn FnMut(u64) -> bool) -> Result<ImportReport> {
    let file = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    store.checkpoint_after(|store| import_in_transaction(store, path, &file, options, progress))
}

fn import_in_transaction(
    store: &Store,
    path: &Path,
    file: &str,
    options: &ImportOptions,
    progress: &mut dyn FnMut(u64) -> bool,
) -> Result<ImportReport> {
    let file = file.to_string();
    store.transaction_keep_if(|s| {
        // Reading and checking run on a thread of their own, writing on this one (the
        // database's): on two cores each keeps the other busy.
        let stop = AtomicBool::new(false);
        let (send, receive) = mpsc::sync_channel::<Message>(IN_FLIGHT);
        let (spent, spent_receive) = mpsc::channel::<Spent>();
        let writer_spent = spent.clone();
        std::thread::scope(|scope| {
            let reader = scope.spawn(|| read_and_check(path, &options.mapping, &stop, send, (spent, spent_receive)));
            // A text file comes faster than its rows can be written; a workbook slower.
            let pace = if cells::is_text(path) { Pace::WriterBound } else { Pace::ReaderBound };
            let written = write_checked(s, (&file, pace), options, (&receive, &writer_spent), &stop, progress);
            // The reader stops at the flag or at the closed channel; it is always joined.
            stop.store(true, Ordering::Relaxed);
            drop(receive);
            let read = reader.join().map_err(|_| Error::Unreadable {
                file: file.clone(),
                zh: "读取文件时出错".into(),
                en: "reading the file failed".into(),
            })?;
            let (write, cancelled) = written?;
            let read = read.map_err(|u| Error::Unreadable { file: file.clone(), zh: u.zh, en: u.en })?;
            if cancelled {
                return Err(Error::Cancelled);
            }
            let (Some(write), Some(check)) = (write, read.check) else {
                return Err(Error::Unreadable {
                    file: file.clone(),
                    zh: "找不到表头：表头行至少要有“客户编码”和另外两个可识别的列（如 客户名称、客户类别）".into(),
                    en: "no header row found: it needs 客户编码 (client_code) and two other known columns such as 客户名称, 客户类别"
                        .into(),
                });
            };
            let problems = check.problems.merge(write.problems);
            let ignored = check.columns.ignored;
            let keep = problems.listed.is_empty() && problems.more == 0 && !options.dry_run;
            let counts = if keep { write.writer.finish()? } else { write.writer.abandon() };
            progress(read.rows);
            Ok((
                ImportReport {
                    file: file.clone(),
                    sheet: read.sheet,
                    header_line: read.header_line,
                    rows: read.rows,
                    ignored_columns: ignored,
                    problems: problems.listed,
                    more_problems: problems.more,
                    counts,
                    dry_run: options.dry_run,
                    written: keep,
                },
                keep,
            ))
        })
    })
}

/// What the reading thread found.
struct Read {
    sheet: Option<String>,
    header_line: u64,
    rows: u64,
    check: Option<Check>,
}

/// What the reading thread sends the checking one: the header's columns, then rows as read
/// (with their line numbers) and how many rows have been read so far.
enum Raw {
    Header(Columns),
    Rows(Vec<(u64, Vec<Cell>)>, u64),
}

/// Batches done with, handed back to the reading thread to be freed there. Their values were
/// allocated on that thread, and the allocator frees a value far faster on the thread that
/// made it: freeing a million rows' values on the other two cost them a tenth of their time.
enum Spent {
    Raw(Vec<(u64, Vec<Cell>)>),
    Checked(Vec<Checked>),
}

/// Reads the file and finds its header on this thread; checks each row on a second one and
/// sends the good ones to the writer. Parsing a sheet's XML and checking its values take about
/// as long as writing them: on three threads the two cores are kept busy however the work falls.
fn read_and_check(
    path: &Path,
    mapping: &HashMap<String, Field>,
    stop: &AtomicBool,
    send: mpsc::SyncSender<Message>,
    (spent, spent_receive): (mpsc::Sender<Spent>, mpsc::Receiver<Spent>),
) -> std::result::Result<Read, cells::Unreadable> {
    let (raw_send, raw_receive) = mpsc::sync_channel::<Raw>(IN_FLIGHT);
    std::thread::scope(|scope| {
        // A text file's size tells how many rows to expect; a workbook's is compressed.
        let size = cells::is_text(path).then(|| std::fs::metadata(path).map(|m| m.len()).ok()).flatten();
        let checker = scope.spawn(move || check_rows(&raw_receive, (&send, &spent), size));
        let read = read_raw(path, mapping, stop, raw_send, &spent_receive);
        // The checker ends when the reader's channel closes (above, as read_raw returns).
        let check = checker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        read.map(|(sheet, header_line, rows)| Read { sheet, header_line, rows, check })
    })
}

/// Reads the rows, finds the header among the first ones, and hands the rows under it on in
/// batches; returns the sheet's name, the header's line and the rows read.
fn read_raw(
    path: &Path,
    mapping: &HashMap<String, Field>,
    stop: &AtomicBool,
    send: mpsc::SyncSender<Raw>,
    spent: &mpsc::Receiver<Spent>,
) -> std::result::Result<(Option<String>, u64, u64), cells::Unreadable> {
    let mut found = false;
    let (mut header_line, mut rows, mut lines_seen) = (0, 0u64, 0u64);
    let mut batch = Vec::with_capacity(BATCH);
    let sheet = read_rows(path, &mut |line, cells| {
        if stop.load(Ordering::Relaxed) {
            return Flow::Stop;
        }
        if cells.iter().all(Cell::is_blank) {
            return Flow::Continue;
        }
        lines_seen += 1;
        if !found {
            // Title rows may sit above the header; the first row that names known columns is it.
            match Columns::from_row(&cells, mapping) {
                Some(columns) => {
                    header_line = line;
                    found = true;
                    if send.send(Raw::Header(columns)).is_err() {
                        return Flow::Stop;
                    }
                }
                None if lines_seen > HEADER_SEARCH_ROWS => return Flow::Stop,
                None => {}
            }
            return Flow::Continue;
        }
        rows += 1;
        batch.push((line, cells));
        if batch.len() >= BATCH {
            if send.send(Raw::Rows(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)), rows)).is_err() {
                return Flow::Stop;
            }
            for done in spent.try_iter() {
                match done {
                    Spent::Raw(rows) => drop(rows),
                    Spent::Checked(rows) => drop(rows),
                }
            }
        }
        Flow::Continue
    })?;
    // The checker may have stopped listening (a failure, a cancel): then the rest goes unsent.
    let _ = send.send(Raw::Rows(batch, rows));
    Ok((sheet, header_line, rows))
}

/// Checks the rows the reader hands on and sends the good ones to the writer; returns the
/// checks (their problems) once the reader is done, None when no header came.
fn check_rows(
    receive: &mpsc::Receiver<Raw>,
    (send, spent): (&mpsc::SyncSender<Message>, &mpsc::Sender<Spent>),
    size: Option<u64>,
) -> Option<Check> {
    let mut check: Option<Check> = None;
    let mut sized = false;
    for raw in receive.iter() {
        match raw {
            Raw::Header(columns) => {
                if send.send(Message::Header(columns.clone())).is_err() {
                    break;
                }
                check = Some(Check::new(columns));
            }
            Raw::Rows(mut rows, read) => {
                let Some(c) = check.as_mut() else { continue };
                // Judged before the checks take the values out of their cells.
                let ahead = size.filter(|_| !sized).map(|size| rows_ahead(size, &rows));
                let checked: Vec<Checked> = rows.iter_mut().filter_map(|(line, cells)| c.row(*line, cells)).collect();
                if let Some(ahead) = ahead {
                    sized = true;
                    c.expect_rows(ahead, rows.len());
                }
                // The reader may be gone (done, or stopped): then the rows are freed here.
                let _ = spent.send(Spent::Raw(rows));
                if send.send(Message::Rows(checked, read)).is_err() {
                    break;
                }
            }
        }
    }
    check
}

/// The most rows a text file's key tables are sized for ahead: a million-row file's, and no
/// more whatever the file's size suggests (beyond it the tables grow as they must).
const MOST_ROWS_AHEAD: u64 = 2_000_000;

/// About how many rows follow the first `rows` of a text file of `size` bytes, judged by the
/// bytes those rows took (each value, and a separator after it).
fn rows_ahead(size: u64, rows: &[(u64, Vec<Cell>)]) -> usize {
    let bytes: usize = rows.iter().flat_map(|(_, cells)| cells).map(|c| if let Cell::Text(t) = c { t.len() + 1 } else { 1 }).sum();
    let per_row = (bytes / rows.len().max(1)).max(1) as u64;
    usize::try_from((size / per_row).min(MOST_ROWS_AHEAD)).unwrap_or(0)
}

/// Writes what the reader sends, inside the import's transaction; tells `progress` the rows
/// read every thousand or so. Returns the writing side (None when no header came) and whether
/// the planner cancelled.
fn write_checked<'s>(
    s: &'s Store,
    (file, pace): (&str, Pace),
    options: &ImportOptions,
    (receive, spent): (&mpsc::Receiver<Message>, &mpsc::Sender<Spent>),
    stop: &AtomicBool,
    progress: &mut dyn FnMut(u64) -> bool,
) -> Result<(Option<Write<'s>>, bool)> {
    let mut write: Option<Write<'s>> = None;
    let mut told = 0u64;
    for message in receive.iter() {
        match message {
            Message::Header(columns) => {
                let writer = s.imports().begin(file, options.campaign_id, &options.author, options.now, pace)?;
                write = Some(Write { writer, columns, ids: Vec::new(), problems: Problems::default() });
            }
            Message::Rows(rows, read) => {
                let Some(w) = write.as_mut() else { continue };
                for row in &rows {
                    w.row(row)?;
                }
                let _ = spent.send(Spent::Checked(rows));
                // A dry run is rolled back whatever it finds: its clients need not be searchable.
                if !options.dry_run {
                    w.writer.keep_searchable()?;
                }
                if read / 1_000 > told / 1_000 {
                    told = read;
                    if !progress(read) {
                        stop.store(true, Ordering::Relaxed);
                        return Ok((write, true));
                    }
                }
            }
        }
    }
    Ok((write, false))
}

/// A file's header as the importer reads it, before anything is written: for the mapping step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Inspection {
    pub file: String,
    pub sheet: Option<String>,
    /// 0 when no row qualifies as a header yet; `columns` then holds the likeliest row.
    pub header_line: u64,
    pub columns: Vec<InspectedColumn>,
    /// Required fields no column provides.
    pub missing: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct InspectedColumn {
    pub header: String,
    pub field: Option<Field>,
    /// The column's first few values under the header, so the planner can see what it holds
    /// while choosing how to read it.
    pub samples: Vec<String>,
}

/// How many rows under the header the mapping step shows values from.
const SAMPLE_ROWS: usize = 3;

/// Finds the header row (or the likeliest candidate) and how each column would be read.
pub fn inspect(path: &Path, mapping: &HashMap<String, Field>) -> Result<Inspection> {
    let file = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let mut found: Option<(u64, Vec<Cell>)> = None;
    let mut candidate: Option<(u64, Vec<Cell>)> = None;
    let mut seen = 0u64;
    // The rows read (a bounded few), so the chosen header's next rows can be shown as samples.
    let mut read: Vec<(u64, Vec<Cell>)> = Vec::new();
    let mut after_header = 0;
    let sheet = read_rows(path, &mut |line, cells| {
        if cells.iter().all(Cell::is_blank) {
            return Flow::Continue;
        }
        if found.is_some() {
            read.push((line, cells));
            after_header += 1;
            return if after_header >= SAMPLE_ROWS { Flow::Stop } else { Flow::Continue };
        }
        seen += 1;
        read.push((line, cells.clone()));
        if Columns::from_row(&cells, mapping).is_some() {
            found = Some((line, cells));
            return Flow::Continue;
        }
        let filled = cells.iter().filter(|c| !c.is_blank()).count();
        if candidate.as_ref().is_none_or(|(_, c)| c.iter().filter(|x| !x.is_blank()).count() < filled) {
            candidate = Some((line, cells));
        }
        if seen >= HEADER_SEARCH_ROWS {
            Flow::Stop
        } else {
            Flow::Continue
        }
    })
    .map_err(|u| Error::Unreadable { file: file.clone(), zh: u.zh, en: u.en })?;
    let (header_line, chosen_line, cells) = match (found, candidate) {
        (Some((line, cells)), _) => (line, line, cells),
        (None, Some((line, cells))) => (0, line, cells),
        (None, None) => (0, 0, Vec::new()),
    };
    let below: Vec<&Vec<Cell>> = read.iter().filter(|(line, _)| *line > chosen_line).map(|(_, c)| c).take(SAMPLE_ROWS).collect();
    let mut used = Vec::new();
    let columns: Vec<InspectedColumn> = cells
        .iter()
        .map(values::text)
        .enumerate()
        .filter(|(_, h)| !h.is_empty())
        .map(|(i, header)| {
            let field = header::match_header(&header, mapping).filter(|f| !used.contains(f));
            if let Some(f) = field {
                used.push(f);
            }
            let samples = below.iter().filter_map(|row| row.get(i)).map(values::text).filter(|v| !v.is_empty()).collect();
            InspectedColumn { header, field, samples }
        })
        .collect();
    let missing = [Field::ClientCode, Field::ClientName, Field::Category, Field::Tier].into_iter().filter(|f| !used.contains(f)).collect();
    Ok(Inspection { file, sheet, header_line, columns, missing })
}
