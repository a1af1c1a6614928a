//! A returned tracker row read by column: the header row says where each column the tracker
//! wrote ended up (a planner may move or hide columns), and a row's cells are read through it.

use std::collections::HashMap;
use std::hash::Hash;
use std::path::Path;

use super::{missing_columns, ApplyReport, Place};
use crate::domain::tracker::{Column, Label, Lang};
use crate::error::{Error, Result};
use crate::import::cells::{read_sheet, Cell, Flow};
use crate::import::values;

/// Where each known column is in the sheet, with the header text found there.
pub(super) type Header<C> = HashMap<C, (usize, String)>;

/// The known columns found in a header row, matched by their labels in either language.
pub(super) fn header<C: Copy + Eq + Hash>(columns: &[(C, Column)], cells: &[Cell]) -> Header<C> {
    columns
        .iter()
        .filter_map(|(c, col)| {
            cells.iter().enumerate().find_map(|(i, x)| {
                let text = values::text(x);
                col.label.matches(&text).then_some((*c, (i, text)))
            })
        })
        .collect()
}

/// One row's cells and the sheet's header.
pub(super) struct SheetRow<'r, C> {
    pub cells: &'r [Cell],
    pub cols: &'r Header<C>,
}

impl<C: Copy + Eq + Hash> SheetRow<'_, C> {
    /// The cell under column `c`; empty when the sheet lacks the column or the row is short.
    pub fn cell(&self, c: C) -> Cell {
        self.cols.get(&c).and_then(|(i, _)| self.cells.get(*i)).cloned().unwrap_or(Cell::Empty)
    }

    /// The header text the sheet has for column `c`, as a message names the column.
    pub fn found_head(&self, c: C) -> Option<String> {
        self.cols.get(&c).map(|(_, h)| h.clone())
    }

    pub fn text(&self, c: C) -> String {
        values::text(&self.cell(c))
    }
}

/// What a keyed sheet of a returned tracker must look like.
pub(super) struct SheetSpec<'a, C: 'static> {
    pub columns: &'static [(C, Column)],
    /// The columns the way back reads; a header without them refuses the sheet.
    pub needed: &'a [C],
    /// A header written before the sheet could be returned: the sheet is read no further.
    pub legacy: fn(&Header<C>) -> bool,
    /// A sheet with no header row at all is refused (else it has nothing to apply).
    pub header_required: bool,
}

/// What is done with one row of a keyed sheet, at its place.
pub(super) type RowCheck<'f, C> = dyn FnMut(&Place, &SheetRow<'_, C>, &mut ApplyReport) -> Result<()> + 'f;

/// Reads a keyed sheet: its first non-blank row is the header, checked against `spec`, and
/// each later non-blank row goes to `on_row` with its place. The first database error stops
/// the reading and is returned.
pub(super) fn each_row<C: Copy + Eq + Hash>(
    path: &Path,
    at: &mut Place,
    spec: &SheetSpec<'_, C>,
    lang: Lang,
    report: &mut ApplyReport,
    on_row: &mut RowCheck<'_, C>,
) -> Result<()> {
    let mut cols: Option<Header<C>> = None;
    let mut refused = false;
    let mut failure: Option<Error> = None;
    let sheet = at.sheet.clone();
    read_sheet(path, &sheet, &mut |line, cells| {
        at.line = line;
        if cells.iter().all(Cell::is_blank) {
            return Flow::Continue;
        }
        let Some(found) = &cols else {
            let found = header(spec.columns, &cells);
            if (spec.legacy)(&found) {
                refused = true;
                return Flow::Stop;
            }
            let missing: Vec<Label> = spec.needed.iter().filter(|c| !found.contains_key(c)).map(|c| label_of(spec.columns, *c)).collect();
            if !missing.is_empty() {
                missing_columns(at, report, &missing, lang);
                refused = true;
                return Flow::Stop;
            }
            cols = Some(found);
            return Flow::Continue;
        };
        match on_row(at, &SheetRow { cells: &cells, cols: found }, report) {
            Ok(()) => Flow::Continue,
            Err(e) => {
                failure = Some(e);
                Flow::Stop
            }
        }
    })
    .map_err(|u| Error::Unreadable { file: at.file.clone(), zh: u.zh, en: u.en })?;
    if cols.is_none() && !refused && spec.header_required {
        at.line = 1;
        missing_columns(at, report, &spec.needed.iter().map(|c| label_of(spec.columns, *c)).collect::<Vec<_>>(), lang);
    }
    failure.map_or(Ok(()), Err)
}

fn label_of<C: Copy + Eq>(columns: &[(C, Column)], c: C) -> Label {
    columns.iter().find(|(x, _)| *x == c).map_or(Label::new("", ""), |(_, col)| col.label)
}
