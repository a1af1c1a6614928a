//! Finding the header row and matching headers to fields, tolerant of spacing, full-width
//! characters and case, in Chinese or English.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::cells::Cell;
use super::values::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    ClientCode,
    ClientName,
    Category,
    Tier,
    Industry,
    District,
    Team,
    AccountManager,
    KeyPerson,
    KeyPersonPhone,
    ContractNo,
    ProductType,
    MonthlyFee,
    DecFee,
    TermMonths,
    EndDate,
    Fiber,
}

impl Field {
    pub const ALL: [Field; 17] = [
        Field::ClientCode,
        Field::ClientName,
        Field::Category,
        Field::Tier,
        Field::Industry,
        Field::District,
        Field::Team,
        Field::AccountManager,
        Field::KeyPerson,
        Field::KeyPersonPhone,
        Field::ContractNo,
        Field::ProductType,
        Field::MonthlyFee,
        Field::DecFee,
        Field::TermMonths,
        Field::EndDate,
        Field::Fiber,
    ];

    /// Header spellings, already normalised (see `normalize`).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::ClientCode => &["客户编码", "客户编号", "客户代码", "client_code", "clientcode", "code"],
            Field::ClientName => &["客户名称", "客户名", "单位名称", "client_name", "clientname", "name"],
            Field::Category => &["客户类别", "客户类型", "类别", "category"],
            Field::Tier => &["客户等级", "星级", "等级", "服务等级", "tier"],
            Field::Industry => &["行业", "所属行业", "industry"],
            Field::District => &["区域", "所属区县", "district"],
            // 区县 names the owning district company (a team) unless the file also has 团队.
            Field::Team => &["团队", "所属团队", "责任部门", "部门", "区县/团队", "区县", "team"],
            Field::AccountManager => &["客户经理", "责任客户经理", "account_manager", "accountmanager", "manager"],
            Field::KeyPerson => &["关键人", "关健人", "key_person", "keyperson"],
            Field::KeyPersonPhone => &["关键人电话", "关键人联系电话", "联系电话", "key_person_phone", "keypersonphone", "phone"],
            Field::ContractNo => &["合同号", "合同编号", "关联合同号", "contract_no", "contractno", "contract"],
            Field::ProductType => &["产品类型", "业务类型", "产品", "product_type", "producttype", "product"],
            Field::MonthlyFee => &["月费", "月租", "月费(元)", "monthly_fee", "monthlyfee"],
            Field::DecFee => &["去年12月费用", "去年12月费用(元)", "12月费用", "上年12月费用", "dec_fee", "decfee"],
            Field::TermMonths => &["协议期限(月)", "协议期限", "期限(月)", "合同期限(月)", "term_months", "termmonths", "term"],
            Field::EndDate => &["协议到期日", "到期日", "协议到期日期", "end_date", "enddate"],
            Field::Fiber => &["光纤到户", "是否光纤到户", "fiber", "fibre", "ftth"],
        }
    }

    pub fn label_zh(self) -> &'static str {
        self.aliases()[0]
    }
}

/// Full-width to half-width, no spaces, lower case: "协议期限（月）" = "协议期限 (月)".
pub fn normalize(header: &str) -> String {
    header
        .chars()
        .filter_map(|c| match c {
            '\u{3000}' => None,
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
            c if c.is_whitespace() => None,
            c => Some(c),
        })
        .flat_map(char::to_lowercase)
        .collect()
}

pub fn match_header(header: &str, extra: &HashMap<String, Field>) -> Option<Field> {
    let n = normalize(header);
    if n.is_empty() {
        return None;
    }
    extra
        .get(&n)
        .copied()
        .or_else(|| Field::ALL.into_iter().find(|f| f.aliases().iter().any(|a| normalize(a) == n)))
}

/// A header row matched against a fixed set of columns, each given by its spellings: every
/// column found at most once, as (index, column, the header as written). For the small
/// fixed-column files (achievements, billing snapshots).
pub fn find_columns<C: Copy + PartialEq>(cells: &[Cell], columns: &[(C, &[&str])]) -> Vec<(usize, C, String)> {
    let mut found: Vec<(usize, C, String)> = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        let header = text(cell);
        let n = normalize(&header);
        if n.is_empty() {
            continue;
        }
        let matched = columns
            .iter()
            .find(|(c, names)| names.iter().any(|a| normalize(a) == n) && !found.iter().any(|(_, f, _)| f == c));
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
            let n = normalize(&text(c));
            n != "区县" && match_header(&n, extra) == Some(Field::Team)
        });
        for (i, cell) in cells.iter().enumerate() {
            let header = text(cell);
            if header.is_empty() {
                continue;
            }
            let matched = match match_header(&header, extra) {
                Some(Field::Team) if has_team && normalize(&header) == "区县" => Some(Field::District),
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
        let extra = HashMap::from([(normalize("单位编号"), Field::ClientCode)]);
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
