//! The shape every small import shares (green-channel requests, switchboard lines): a header
//! found under title rows by its column names, each row read by the caller, at most
//! `MAX_LISTED` problems listed and the rest counted, and the rows kept only when none has a
//! problem and it is no dry run.

use std::path::Path;

use super::cells::{read_rows, Cell, Flow};
use super::header::find_columns;
use super::{ImportProblem, MAX_LISTED};
use crate::error::{Error, Result};
use crate::store::Store;

/// What reading a table came to.
pub(crate) struct Table {
    pub file: String,
    pub sheet: Option<String>,
    pub header_line: u64,
    pub rows: u64,
    /// Rows the caller wrote.
    pub written_rows: u64,
    pub problems: Vec<ImportProblem>,
    pub more_problems: u64,
    /// True only when the rows are in the database now.
    pub written: bool,
}

/// One row's cells with the columns found: (index, column, header as the file wrote it).
pub(crate) type Columns<C> = [(usize, C, String)];

/// Reads one row: writes it and says whether it did, or adds its problems.
pub(crate) type ReadRow<'r, C> = dyn FnMut(&Store, u64, &[Cell], &Columns<C>, &mut Vec<ImportProblem>) -> Result<bool> + 'r;

/// Reads `path` under the header naming at least the `required` columns, hands each row to
/// `row` (which writes it and says whether it did, or adds its problems), and keeps it all or
/// nothing. `no_header` is the message when no header is found.
pub(crate) fn import_table<C: Copy + PartialEq>(
    store: &Store,
    path: &Path,
    (columns, required): (&[(C, &[&str])], &[C]),
    no_header: (&str, &str),
    dry_run: bool,
    row: &mut ReadRow<'_, C>,
) -> Result<Table> {
    let file = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    store.transaction_keep_if(|s| {
        let mut table = Table {
            file: file.clone(),
            sheet: None,
            header_line: 0,
            rows: 0,
            written_rows: 0,
            problems: Vec::new(),
            more_problems: 0,
            written: false,
        };
        let mut found: Option<Vec<(usize, C, String)>> = None;
        let mut failure: Option<Error> = None;
        table.sheet = read_rows(path, &mut |line, cells| {
            if cells.iter().all(Cell::is_blank) {
                return Flow::Continue;
            }
            let Some(cols) = &found else {
                let header = find_columns(&cells, columns);
                if required.iter().all(|c| header.iter().any(|(_, f, _)| f == c)) {
                    table.header_line = line;
                    found = Some(header);
                }
                return Flow::Continue;
            };
            table.rows += 1;
            let mut problems = Vec::new();
            match row(s, line, &cells, cols, &mut problems) {
                Ok(wrote) => table.written_rows += u64::from(wrote),
                Err(e) => {
                    failure = Some(e);
                    return Flow::Stop;
                }
            }
            for p in problems {
                if table.problems.len() < MAX_LISTED {
                    table.problems.push(p);
                } else {
                    table.more_problems += 1;
                }
            }
            Flow::Continue
        })
        .map_err(|u| Error::Unreadable { file: file.clone(), zh: u.zh, en: u.en })?;
        if let Some(e) = failure {
            return Err(e);
        }
        if table.header_line == 0 {
            return Err(Error::Unreadable { file: file.clone(), zh: no_header.0.into(), en: no_header.1.into() });
        }
        let keep = table.problems.is_empty() && table.more_problems == 0 && !dry_run;
        table.written = keep;
        Ok((table, keep))
    })
}

/// The cell under `column` and its header, when the file has that column.
pub(crate) fn cell<C: Copy + PartialEq>(cells: &[Cell], cols: &Columns<C>, column: C) -> Option<(Cell, String)> {
    cols.iter().find(|(_, c, _)| *c == column).map(|(i, _, h)| (cells.get(*i).cloned().unwrap_or(Cell::Empty), h.clone()))
}
