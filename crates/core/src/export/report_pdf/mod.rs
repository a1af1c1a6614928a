//! PDF out: a small document model (cover, headings, paragraphs, tables, charts) and a writer
//! that sets it on A4 pages in Chinese, embedding only the glyphs used.

mod font;
mod model;
mod writer;

pub use font::FontSource;
pub use model::{Align, BarChart, Block, Cell, Column, LineChart, ReportDocument, Table};
pub use writer::write_pdf;
