//! What a PDF report is made of, independent of what the report says: the weekly report
//! (and any later one) builds a `ReportDocument` and hands it to `write_pdf`.

use crate::Money;

#[derive(Debug, Clone, Default)]
pub struct ReportDocument {
    /// Lines of the cover page, the first one set large as the title.
    pub title_lines: Vec<String>,
    /// Set in every page's footer before the page number, e.g. the campaign's name.
    pub footer: String,
    pub blocks: Vec<Block>,
    /// English page numbers and document language; Chinese otherwise.
    pub english: bool,
}

#[derive(Debug, Clone)]
pub enum Block {
    Heading(String),
    Paragraph(String),
    Table(Table),
    BarChart(BarChart),
    LineChart(LineChart),
    PageBreak,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    pub align: Align,
    /// Share of the table's width, relative to the other columns' weights.
    pub weight: f32,
}

impl Column {
    pub fn new(header: impl Into<String>, align: Align, weight: f32) -> Column {
        Column { header: header.into(), align, weight }
    }
}

#[derive(Debug, Clone)]
pub enum Cell {
    Text(String),
    /// Set as "1,234.50" and always right-aligned, so the decimal points line up.
    Money(Money),
    Number(i64),
    Empty,
}

impl Cell {
    pub(crate) fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Money(m) => m.to_string(),
            Cell::Number(n) => n.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone)]
pub struct BarChart {
    pub title: String,
    /// (label, value); values below zero are drawn as zero-height bars.
    pub bars: Vec<(String, f64)>,
    /// Appended to each value label, e.g. "%" or "元".
    pub unit: String,
}

/// A line over evenly spaced points (weeks); drawn short and without axes it is a sparkline.
#[derive(Debug, Clone)]
pub struct LineChart {
    pub title: String,
    pub labels: Vec<String>,
    pub values: Vec<f64>,
    pub unit: String,
    /// Dashed horizontal line at a target, if the series has one.
    pub target: Option<f64>,
    pub sparkline: bool,
}
