//! A returned tracker row read by column: the header row says where each column the tracker
//! wrote ended up (a planner may move or hide columns), and a row's cells are read through it.

use std::collections::HashMap;
use std::hash::Hash;

use crate::domain::tracker::Column;
use crate::import::cells::Cell;
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
