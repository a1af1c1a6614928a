//! The client list template (导入模板): every column the importer reads, headed as it reads
//! them, with two filled example rows and a sheet saying what each column takes. A planner who
//! fills it in imports it without mapping a single column.

use std::path::Path;

use rust_xlsxwriter::Workbook;

use super::file_name::{save_whole, with_xlsx_extension};
use super::layout::{self, Formats};
use crate::domain::client_field::Field;
use crate::domain::tracker::{Column, Label, Lang};
use crate::domain::{Category, ProductType, Tier};
use crate::error::Result;

/// The example rows, by field: a strategic client with a fibre bundle, an SME on broadband.
fn example(field: Field, row: usize, lang: Lang) -> String {
    let pick = |a: &str, b: &str| if row == 0 { a.to_string() } else { b.to_string() };
    match field {
        Field::ClientCode => pick("KH0001", "KH0002"),
        Field::ClientName => {
            lang.pick("徐州市示例物流有限公司", "Xuzhou Example Logistics Co.").to_string() + if row == 0 { "" } else { " 2" }
        }
        Field::Category => pick(
            lang.pick(Category::Strategic.label_zh(), Category::Strategic.label_en()),
            lang.pick(Category::Sme.label_zh(), Category::Sme.label_en()),
        ),
        Field::Tier => pick(Tier::A.code(), Tier::C.code()),
        Field::Industry => lang.pick("交通物流", "Logistics").to_string(),
        Field::District => lang.pick("鼓楼区", "Gulou").to_string(),
        Field::Team => lang.pick("鼓楼区政企客户部", "Gulou enterprise team").to_string(),
        Field::AccountManager => lang.pick("张三", "Zhang San").to_string(),
        Field::KeyPerson => lang.pick("李主任", "Director Li").to_string(),
        Field::KeyPersonPhone => pick("13800000001", "0516-83000000"),
        Field::ContractNo => pick("HT0001", "HT0002"),
        Field::ProductType => pick(
            lang.pick(ProductType::Bundle.label_zh(), ProductType::Bundle.label_en()),
            lang.pick(ProductType::Broadband.label_zh(), ProductType::Broadband.label_en()),
        ),
        Field::MonthlyFee => pick("1200.00", "300.00"),
        Field::DecFee => pick("1150.00", "300.00"),
        Field::TermMonths => pick("24", "12"),
        Field::EndDate => pick("2027-06-30", "2026-12-31"),
        Field::Fiber => pick(lang.pick("是", "yes"), lang.pick("否", "no")),
    }
}

/// What a column takes, for the notes sheet.
fn takes(field: Field, lang: Lang) -> String {
    let list = |labels: Vec<&str>| labels.join(lang.pick("、", ", "));
    match field {
        Field::ClientCode => lang.pick("必填；同一编码再次导入时更新该客户", "required; importing a code again updates that client").into(),
        Field::ClientName => lang.pick("必填", "required").into(),
        Field::Category => format!(
            "{}{}",
            lang.pick("必填，可填：", "required, one of: "),
            list(Category::ALL.iter().map(|c| lang.pick(c.label_zh(), c.label_en())).collect())
        ),
        Field::Tier => format!("{}A、B、C", lang.pick("必填，可填：", "required, one of: ")),
        Field::ProductType => format!(
            "{}{}",
            lang.pick("有合同时填写，可填：", "with a contract, one of: "),
            list(ProductType::ALL.iter().map(|p| lang.pick(p.label_zh(), p.label_en())).collect())
        ),
        Field::MonthlyFee | Field::DecFee => lang.pick("金额（元），可带千分位", "amount in CNY, thousands separators allowed").into(),
        Field::TermMonths => lang.pick("整数（月）", "whole months").into(),
        Field::EndDate => lang.pick("日期，例如 2027-06-30", "a date, e.g. 2027-06-30").into(),
        Field::Fiber => lang.pick("是 / 否", "yes / no").into(),
        Field::ContractNo => lang.pick("一行一份合同；同一客户可占多行", "one contract per row; a client may take several rows").into(),
        _ => lang.pick("选填", "optional").into(),
    }
}

/// Writes the template to `path` (.xlsx added when missing), headed in `lang`.
pub fn write_import_template(path: &Path, lang: Lang) -> Result<()> {
    let path = with_xlsx_extension(path);
    let f = Formats::new();
    let mut book = Workbook::new();
    let label = |field: Field| if lang == Lang::En { field.label_en() } else { field.label_zh() };
    let columns: Vec<Column> =
        Field::ALL.iter().map(|&field| Column { label: Label::new(field.label_zh(), field.label_en()), width: 12.0 }).collect();
    let ws = book.add_worksheet();
    ws.set_name(lang.pick("客户清单", "Clients"))?;
    layout::header(ws, 0, &columns, lang, &f)?;
    for row in 0..2 {
        for (col, &field) in Field::ALL.iter().enumerate() {
            layout::text(ws, row as u32 + 1, col as u16, &example(field, row, lang), &f)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    let notes = book.add_worksheet();
    notes.set_name(lang.pick("填写说明", "How to fill in"))?;
    let note_columns =
        [Column { label: Label::new("列", "Column"), width: 18.0 }, Column { label: Label::new("填写", "Takes"), width: 70.0 }];
    layout::header(notes, 0, &note_columns, lang, &f)?;
    for (i, &field) in Field::ALL.iter().enumerate() {
        layout::text(notes, i as u32 + 1, 0, label(field), &f)?;
        layout::text(notes, i as u32 + 1, 1, &takes(field, lang), &f)?;
    }
    save_whole(&mut book, &path)?;
    Ok(())
}
