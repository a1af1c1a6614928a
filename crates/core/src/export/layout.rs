//! What every data sheet of a tracker shares: formats, the header row, frozen panes, filter,
//! print setup, protection, and writing database text so that it can never become a formula.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, ExcelDateTime, Format, FormatBorder, ProtectionOptions, Workbook, Worksheet,
};

use crate::domain::tracker::{Column, Lang};
use crate::error::Result;
use crate::money::Money;

pub(crate) struct Formats {
    pub header: Format,
    pub text: Format,
    /// Text that starts like a formula: the quote prefix keeps Excel from evaluating it even
    /// after a user edits the cell.
    pub quoted: Format,
    pub money: Format,
    pub percent: Format,
    pub date: Format,
    pub whole: Format,
    pub title: Format,
    pub total_label: Format,
    pub total_money: Format,
    pub open_text: Format,
    pub open_quoted: Format,
    pub open_date: Format,
    pub open_percent: Format,
    pub open_money: Format,
}

impl Formats {
    pub fn new() -> Formats {
        let font = |f: Format| f.set_font_name("微软雅黑").set_font_size(10);
        let money = "#,##0.00";
        Formats {
            header: font(Format::new())
                .set_bold()
                .set_background_color(Color::RGB(0x1F4E79))
                .set_font_color(Color::White)
                .set_border(FormatBorder::Thin)
                .set_text_wrap(),
            text: font(Format::new()),
            quoted: font(Format::new()).set_quote_prefix(),
            money: font(Format::new()).set_num_format(money),
            percent: font(Format::new()).set_num_format("0.00%"),
            date: font(Format::new()).set_num_format("yyyy-mm-dd"),
            whole: font(Format::new()).set_num_format("0"),
            title: font(Format::new()).set_bold().set_font_size(14),
            total_label: font(Format::new()).set_bold().set_border_top(FormatBorder::Thin),
            total_money: font(Format::new()).set_bold().set_num_format(money).set_border_top(FormatBorder::Thin),
            open_text: font(Format::new()).set_unlocked().set_background_color(Color::RGB(0xFFF9E6)),
            open_quoted: font(Format::new()).set_unlocked().set_quote_prefix().set_background_color(Color::RGB(0xFFF9E6)),
            open_date: font(Format::new()).set_unlocked().set_num_format("yyyy-mm-dd").set_background_color(Color::RGB(0xFFF9E6)),
            open_percent: font(Format::new()).set_unlocked().set_num_format("0.00%").set_background_color(Color::RGB(0xFFF9E6)),
            open_money: font(Format::new()).set_unlocked().set_num_format(money).set_background_color(Color::RGB(0xFFF9E6)),
        }
    }

    /// Numbers every format in the workbook before sheets are written on two threads. The
    /// streaming sheets share one table of formats, and rust_xlsxwriter adds a format it has not
    /// seen without looking again under its lock: two threads meeting a new format at once can
    /// number it twice, which shifts every style after it in the saved file.
    pub fn register(&self, book: &mut Workbook) {
        for format in self.all() {
            book.register_format(format);
        }
    }

    fn all(&self) -> [&Format; 15] {
        [
            &self.header,
            &self.text,
            &self.quoted,
            &self.money,
            &self.percent,
            &self.date,
            &self.whole,
            &self.title,
            &self.total_label,
            &self.total_money,
            &self.open_text,
            &self.open_quoted,
            &self.open_date,
            &self.open_percent,
            &self.open_money,
        ]
    }

    /// The format for text in a column of `format` that would otherwise read as a formula.
    pub fn quoted_in(&self, format: &Format) -> &Format {
        if std::ptr::eq(format, &self.open_text) {
            &self.open_quoted
        } else {
            &self.quoted
        }
    }

    /// The workbook's style number of `format`, one of these: a new workbook holds only its
    /// default style (0), and `register` numbers these next, in order. Rows written outside
    /// rust_xlsxwriter refer to it; the splice checks it against the saved column formats.
    pub fn style_of(&self, format: &Format) -> u32 {
        self.all().iter().position(|f| std::ptr::eq(*f, format)).map_or(0, |i| i as u32 + 1)
    }
}

// The streaming sheets write cells without a format and let each column's format apply:
// looking a format up per cell (hashing it) was a third of the export's time.

/// Writes text from the database as text, never as a formula, whatever it starts with.
pub(crate) fn text(ws: &mut Worksheet, row: u32, col: u16, value: &str, f: &Formats) -> Result<()> {
    if looks_like_formula(value) {
        ws.write_string_with_format(row, col, value, &f.quoted)?;
    } else if !value.is_empty() {
        ws.write_string(row, col, value)?;
    }
    Ok(())
}

/// As `text`, in a column the district team may edit.
pub(crate) fn open_text(ws: &mut Worksheet, row: u32, col: u16, value: &str, f: &Formats) -> Result<()> {
    if looks_like_formula(value) {
        ws.write_string_with_format(row, col, value, &f.open_quoted)?;
    } else if !value.is_empty() {
        ws.write_string(row, col, value)?;
    }
    Ok(())
}

pub(crate) fn looks_like_formula(value: &str) -> bool {
    value.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

pub(crate) fn number(ws: &mut Worksheet, row: u32, col: u16, value: f64) -> Result<()> {
    ws.write_number(row, col, value)?;
    Ok(())
}

pub(crate) fn yuan(ws: &mut Worksheet, row: u32, col: u16, value: Money) -> Result<()> {
    number(ws, row, col, value.fen() as f64 / 100.0)
}

/// A date as Excel's day number; the column's format shows it as a date.
pub(crate) fn day(ws: &mut Worksheet, row: u32, col: u16, value: Option<NaiveDate>) -> Result<()> {
    if let Some(d) = value {
        let excel = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
        number(ws, row, col, excel.to_excel())?;
    }
    Ok(())
}

/// Display width of text in Excel's character units: a Chinese character takes two.
pub(crate) fn width_of(text: &str) -> f64 {
    text.chars().map(|c| if c.is_ascii() { 1.0 } else { 2.0 }).sum()
}

/// The header row, and column widths that fit both the header (with its filter button) and
/// the column's usual content.
/// Every column starts in the text format; sheets then set their number, date and open columns.
pub(crate) fn header(ws: &mut Worksheet, row: u32, columns: &[Column], lang: Lang, f: &Formats) -> Result<()> {
    for (i, c) in columns.iter().enumerate() {
        let label = c.label.get(lang);
        ws.set_column_format(i as u16, &f.text)?;
        ws.write_string_with_format(row, i as u16, label, &f.header)?;
        ws.set_column_width(i as u16, c.width.max(width_of(label) + 3.0))?;
    }
    ws.set_row_height(row, 30)?;
    Ok(())
}

/// Gives column `i` the format `formats[i]`.
pub(crate) fn column_formats(ws: &mut Worksheet, formats: &[&Format]) -> Result<()> {
    for (col, format) in formats.iter().enumerate() {
        ws.set_column_format(col as u16, format)?;
    }
    Ok(())
}

/// Frozen header, filter over the data, landscape pages one wide with the header repeated.
/// A keyed sheet's first column is hidden: it is for the way back, not for reading.
pub(crate) fn finish(ws: &mut Worksheet, header_row: u32, last_row: u32, last_col: u16, keyed: bool) -> Result<()> {
    if keyed {
        ws.set_column_hidden(0)?;
    }
    ws.set_freeze_panes(header_row + 1, 0)?;
    ws.autofilter(header_row, 0, last_row.max(header_row + 1), last_col)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, header_row)?;
    Ok(())
}

/// Locks everything but the unlocked cells, keeping filter and sort usable and the hidden
/// key columns hidden.
pub(crate) fn protect(ws: &mut Worksheet) {
    ws.protect_with_options(&ProtectionOptions { use_autofilter: true, sort: true, ..ProtectionOptions::default() });
}

/// A drop-down of `statuses` on rows 1..=`last` of column `col`, refusing anything else.
pub(crate) fn status_list(ws: &mut Worksheet, last: u32, col: u16, statuses: &[&str], lang: Lang) -> Result<()> {
    let validation = DataValidation::new()
        .allow_list_strings(statuses)?
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_error_title(lang.pick("状态无效", "Invalid status"))?
        .set_error_message(format!("{}{}", lang.pick("请从下拉列表选择：", "Pick one of: "), statuses.join(" / ")))?;
    ws.add_data_validation(1, col, last, col, &validation)?;
    Ok(())
}
