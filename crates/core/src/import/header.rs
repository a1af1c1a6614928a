//! Finding the header row and matching headers to fields, tolerant of spacing, full-width
//! characters and case, in Chinese or English.

use std::collections::HashMap;

use super::cells::Cell;
use super::values::text;
use crate::domain::fold_header;

/// Also named here: the shell and the import code know it as `import::header::Field`.
pub use crate::domain::client_field::Field;

pub fn match_header(header: &str, extra: &HashMap<String, Field>) -> Option<Field> {
    let n = fold_header(header);
    if n.is_empty() {
        return None;
    }
    extra.get(&n).copied().or_else(|| Field::ALL.into_iter().find(|f| f.aliases().iter().any(|a| fold_header(a) == n)))
}

/// A header row matched against a fixed set of columns, each given by its spellings: every
/// column found at most once, as (index, column, the header as written). For the small
/// fixed-column files (achievements, billing snapshots).
pub fn find_columns<C: Copy + PartialEq>(cells: &[Cell], columns: &[(C, &[&str])]) -> Vec<(usize, C, String)> {
    let mut found: Vec<(usize, C, String)> = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        let header = text(cell);
        let n = fold_header(&header);
        if n.is_empty() {
            continue;
        }
        let matched = columns.iter().find(|(c, names)| names.iter().any(|a| fold_header(a) == n) && !found.iter().any(|(_, f, _)| f == c));
        if let Some((column, _)) = matched {
            found.push((i, *column, header));
        }
    }
    found
}

/// The file's columns: which field each index holds, and the headers nobody claimed.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    pub fields: Vec<(usize, Field, String)>,
    pub ignored: Vec<String>,
}

impl Columns {
    /// Reads a header row; `None` unless it names a client code and two other known fields.
    pub fn from_row(cells: &[Cell], extra: &HashMap<String, Field>) -> Option<Columns> {
        let mut columns = Columns::default();
        let has_team = cells.iter().any(|c| {
            let n = fold_header(&text(c));
            n != "区县" && match_header(&n, extra) == Some(Field::Team)
        });
        for (i, cell) in cells.iter().enumerate() {
            let header = text(cell);
            if header.is_empty() {
                continue;
            }
            let matched = match match_header(&header, extra) {
                Some(Field::Team) if has_team && fold_header(&header) == "区县" => Some(Field::District),
                other => other,
            };
            match matched {
                Some(field) if !columns.fields.iter().any(|(_, f, _)| *f == field) => columns.fields.push((i, field, header)),
                _ => columns.ignored.push(header),
            }
        }
        let has_code = columns.fields.iter().any(|(_, f, _)| *f == Field::ClientCode);
        (has_code && columns.fields.len() >= 3).then_some(columns)
    }

    pub fn index(&self, field: Field) -> Option<usize> {
        self.fields.iter().find(|(_, f, _)| *f == field).map(|(i, _, _)| *i)
    }

    pub fn header(&self, field: Field) -> &str {
        self.fields.iter().find(|(_, f, _)| *f == field).map_or(field.label_zh(), |(_, _, h)| h.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_across_width_spacing_and_case() {
        let none = HashMap::new();
        assert_eq!(match_header("协议期限（月）", &none), Some(Field::TermMonths));
        assert_eq!(match_header(" 客户 编码 ", &none), Some(Field::ClientCode));
        assert_eq!(match_header("Client_Code", &none), Some(Field::ClientCode));
        assert_eq!(match_header("ＣＬＩＥＮＴ＿ＣＯＤＥ", &none), Some(Field::ClientCode), "full-width Latin");
        assert_eq!(match_header("备注", &none), None);
        let extra = HashMap::from([(fold_header("单位编号"), Field::ClientCode)]);
        assert_eq!(match_header("单位编号", &extra), Some(Field::ClientCode), "a mapping the planner chose");
    }

    #[test]
    fn a_title_row_is_not_a_header() {
        let none = HashMap::new();
        let title = vec![Cell::Text("2026年长城计划目标客户清单".into())];
        assert!(Columns::from_row(&title, &none).is_none());
        let header: Vec<Cell> = ["客户编码", "客户名称", "客户类别", "备注"].iter().map(|s| Cell::Text((*s).into())).collect();
        let cols = Columns::from_row(&header, &none).expect("header");
        assert_eq!(cols.index(Field::Category), Some(2));
        assert_eq!(cols.ignored, ["备注"]);
    }

    #[test]
    fn district_is_the_team_unless_a_team_column_exists() {
        let none = HashMap::new();
        let row = |hs: &[&str]| -> Vec<Cell> { hs.iter().map(|s| Cell::Text((*s).into())).collect() };
        let alone = Columns::from_row(&row(&["客户编码", "客户名称", "区县"]), &none).expect("header");
        assert_eq!(alone.index(Field::Team), Some(2), "区县 / 团队 both name the owning team");
        let both = Columns::from_row(&row(&["客户编码", "区县", "团队"]), &none).expect("header");
        assert_eq!((both.index(Field::District), both.index(Field::Team)), (Some(1), Some(2)));
    }
}
