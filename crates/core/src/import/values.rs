//! Values as planners write them in spreadsheets: amounts with 元 and commas, dates as Excel
//! serials or text in several shapes, Chinese labels for codes, 是/否.

use chrono::NaiveDate;

use super::cells::Cell;
use crate::domain::{Category, ProductType, Tier};
use crate::money::Money;

/// Why a value was refused, in both languages.
pub type Refusal = (&'static str, &'static str);

pub fn text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.trim().to_string(),
        // Codes typed as numbers (客户编码 320301) come back as floats: no ".0" tail.
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        Cell::Number(n) => n.to_string(),
        Cell::Date(d) => d.to_string(),
        Cell::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Cell::Fault(f) => f.shown(),
    }
}

pub fn amount(cell: &Cell) -> Result<Option<Money>, Refusal> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) => Money::from_f64(*n).map(Some).ok_or(("不是有效金额", "is not a valid amount")),
        Cell::Text(s) if s.trim().is_empty() => Ok(None),
        Cell::Text(s) => Money::parse(s).map(Some).ok_or(("不是有效金额（例如 1,234.50）", "is not a valid amount (e.g. 1,234.50)")),
        _ => Err(("不是有效金额", "is not a valid amount")),
    }
}

pub fn whole_number(cell: &Cell) -> Result<Option<i64>, Refusal> {
    let refusal = ("不是有效的整数月数", "is not a whole number of months");
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n < 10_000.0 => Ok(Some(*n as i64)),
        Cell::Text(s) => {
            let t = s.trim().trim_end_matches("个月").trim_end_matches('月').trim();
            if t.is_empty() {
                return Ok(None);
            }
            t.parse::<i64>().ok().filter(|n| (0..10_000).contains(n)).map(Some).ok_or(refusal)
        }
        _ => Err(refusal),
    }
}

/// Excel's day zero for the 1900 system (serial 1 = 1900-01-01, with Excel's leap-year quirk
/// absorbed by counting from 1899-12-30).
fn from_serial(serial: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(serial.trunc() as u64))
}

pub fn date(cell: &Cell) -> Result<Option<NaiveDate>, Refusal> {
    let refusal = ("不是有效日期（例如 2027-03-31、2027/3/31、2027年3月31日）", "is not a valid date (e.g. 2027-03-31, 2027/3/31, 2027年3月31日)");
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Number(n) => from_serial(*n).map(Some).ok_or(refusal),
        Cell::Text(s) => {
            let t = s.trim();
            if t.is_empty() {
                return Ok(None);
            }
            let normalized: String = t
                .replace(['年', '月', '/', '.'], "-")
                .trim_end_matches('日')
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string();
            NaiveDate::parse_from_str(&normalized, "%Y-%m-%d")
                .ok()
                .or_else(|| NaiveDate::parse_from_str(t, "%Y%m%d").ok())
                .map(Some)
                .ok_or(refusal)
        }
        Cell::Bool(_) | Cell::Fault(_) => Err(refusal),
    }
}

pub fn flag(cell: &Cell) -> Result<Option<bool>, Refusal> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Bool(b) => Ok(Some(*b)),
        Cell::Number(n) if *n == 1.0 => Ok(Some(true)),
        Cell::Number(n) if *n == 0.0 => Ok(Some(false)),
        _ => match text(cell).to_lowercase().as_str() {
            "" => Ok(None),
            "是" | "y" | "yes" | "true" | "有" | "√" => Ok(Some(true)),
            "否" | "n" | "no" | "false" | "无" | "×" => Ok(Some(false)),
            _ => Err(("只能是 是/否、Y/N 或 true/false", "must be 是/否, Y/N or true/false")),
        },
    }
}

pub fn category(value: &str) -> Result<Category, Refusal> {
    let v = value.trim();
    Category::ALL
        .iter()
        .copied()
        .find(|c| c.label_zh() == v || c.code().eq_ignore_ascii_case(v) || c.label_en().eq_ignore_ascii_case(v))
        .or(match v {
            "战略" => Some(Category::Strategic),
            "本地网重点" | "重点客户" => Some(Category::LocalKey),
            "校园客户" => Some(Category::Campus),
            "中小" | "中小企业客户" => Some(Category::Sme),
            _ => None,
        })
        .ok_or(("只能是 战略客户、本地网重点客户、校园、中小企业", "must be 战略客户, 本地网重点客户, 校园 or 中小企业 (or strategic, local_key, campus, sme)"))
}

pub fn tier(value: &str) -> Result<Tier, Refusal> {
    let v = value.trim().trim_end_matches('级').trim_end_matches("类").to_uppercase();
    Tier::from_code(&v).ok_or(("只能是 A、B、C", "must be A, B or C"))
}

pub fn product(value: &str) -> Result<ProductType, Refusal> {
    let v = value.trim();
    let lower = v.to_lowercase();
    match lower.as_str() {
        "纯光纤" | "光纤" | "fiber_only" | "fibre only" | "fiber only" => Ok(ProductType::FiberOnly),
        "综合" | "综合业务" | "融合" | "综合业务（含光纤）" | "bundle" => Ok(ProductType::Bundle),
        "宽带" | "ad" | "broadband" => Ok(ProductType::Broadband),
        "移动" | "mobile" => Ok(ProductType::Mobile),
        _ => Err(("只能是 纯光纤/光纤、综合/综合业务/融合、宽带/AD、移动", "must be 纯光纤/光纤, 综合/综合业务/融合, 宽带/AD or 移动")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn amounts_in_the_shapes_planners_type() {
        assert_eq!(amount(&t("1,234.50")), Ok(Money::parse("1234.50")));
        assert_eq!(amount(&t("1234.5元")), Ok(Money::parse("1234.50")));
        assert_eq!(amount(&t("¥1,234")), Ok(Money::parse("1234")));
        assert_eq!(amount(&Cell::Number(99.999)), Ok(Some(Money::from_fen(10_000))));
        assert!(amount(&t("一千")).is_err());
    }

    #[test]
    fn dates_as_serials_and_text() {
        let d = NaiveDate::from_ymd_opt(2027, 3, 31);
        assert_eq!(date(&Cell::Number(46477.0)), Ok(d), "Excel serial 46477 is 2027-03-31");
        for s in ["2027-03-31", "2027/3/31", "2027年3月31日", "2027.3.31", "20270331", "2027-03-31 00:00:00"] {
            assert_eq!(date(&t(s)), Ok(d), "{s}");
        }
        assert!(date(&t("2027-02-30")).is_err(), "no such day");
        assert!(date(&t("下个月")).is_err());
    }

    #[test]
    fn labels_and_flags() {
        assert_eq!(category("本地网重点客户"), Ok(Category::LocalKey));
        assert_eq!(category("SME"), Ok(Category::Sme));
        assert_eq!(tier("b级"), Ok(Tier::B));
        assert_eq!(product("AD"), Ok(ProductType::Broadband));
        assert_eq!(product("融合"), Ok(ProductType::Bundle));
        assert_eq!(product("光纤"), Ok(ProductType::FiberOnly));
        assert_eq!(flag(&t("Y")), Ok(Some(true)));
        assert_eq!(flag(&t("否")), Ok(Some(false)));
        assert!(flag(&t("也许")).is_err());
        assert_eq!(text(&Cell::Number(320301.0)), "320301", "a numeric code keeps no decimal tail");
    }
}
