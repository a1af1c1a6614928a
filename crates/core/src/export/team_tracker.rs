//! Team mode's tracker: one sheet of the plan items an account may see, with the item and
//! version each line came from, for a district team to fill in and send back to the server.

use rust_xlsxwriter::{DataValidation, Format, Workbook};

use crate::domain::plan::ItemStatus;
use crate::domain::team::{TeamPlanItem, TRACKER_COLUMNS, TRACKER_SHEET};
use crate::domain::tracker::Lang;
use crate::error::Result;

/// The workbook as bytes, headers and statuses in `lang`.
pub fn team_tracker(items: &[TeamPlanItem], lang: Lang) -> Result<Vec<u8>> {
    let pick = |pair: (&'static str, &'static str)| if lang == Lang::En { pair.1 } else { pair.0 };
    let mut book = Workbook::new();
    let header = Format::new().set_bold().set_background_color("#F2F2F2");
    let sheet = book.add_worksheet().set_name(pick(TRACKER_SHEET))?;
    for (c, column) in TRACKER_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, pick(*column), &header)?;
    }
    let label = |s: ItemStatus| if lang == Lang::En { s.label_en() } else { s.label_zh() };
    for (i, item) in items.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_number(r, 0, item.id as f64)?;
        sheet.write_number(r, 1, item.version as f64)?;
        sheet.write_string(r, 2, &item.client_code)?;
        sheet.write_string(r, 3, &item.client)?;
        sheet.write_string(r, 4, &item.district)?;
        sheet.write_string(r, 5, &item.title)?;
        sheet.write_string(r, 6, item.owner.as_deref().unwrap_or(""))?;
        sheet.write_string(r, 7, item.due.to_string())?;
        sheet.write_string(r, 8, label(item.status))?;
        sheet.write_string(r, 9, item.done_on.map(|d| d.to_string()).unwrap_or_default())?;
        sheet.write_string(r, 10, &item.blocked_reason)?;
        sheet.write_string(r, 11, item.status.code())?;
        sheet.write_string(r, 12, item.done_on.map(|d| d.to_string()).unwrap_or_default())?;
        sheet.write_string(r, 13, &item.blocked_reason)?;
    }
    for hidden in 11..14 {
        sheet.set_column_hidden(hidden)?;
    }
    if !items.is_empty() {
        let labels: Vec<&str> = ItemStatus::ALL.iter().map(|s| label(*s)).collect();
        let list = DataValidation::new().allow_list_strings(&labels)?;
        sheet.add_data_validation(1, 8, items.len() as u32, 8, &list)?;
    }
    sheet.set_column_width(3, 28)?;
    sheet.set_column_width(5, 12)?;
    sheet.set_column_width(8, 12)?;
    sheet.set_column_width(10, 24)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(book.save_to_buffer()?)
}
