//! Values as planners write them in spreadsheets: amounts with 元 and commas, dates as Excel
//! serials or text in several shapes, Chinese labels for codes, 是/否, full-width digits. What
//! reads two ways (1.234,50; 27-3-31) is refused rather than guessed, every number has a range
//! a planner would believe (domain::limits), and an error value or a control character in a
//! cell is a problem, never data.

use std::borrow::Cow;
use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};
use rust_decimal::prelude::ToPrimitive;

use super::cells::Cell;
use crate::domain::limits::{self, AmountRange};
use crate::domain::{fold_code, fold_code_owned, fold_width, has_control, Category, ProductType, Tier};
use crate::error::Problem;
use crate::money::{parse_number, Money, Unparsed};

/// Why a value was refused, in both languages.
pub type Refusal = (Cow<'static, str>, Cow<'static, str>);

fn refusal(zh: &'static str, en: &'static str) -> Refusal {
    (Cow::Borrowed(zh), Cow::Borrowed(en))
}

fn owned((zh, en): (String, String)) -> Refusal {
    (Cow::Owned(zh), Cow::Owned(en))
}

/// How a cell reads in a problem list (never parsed as data: use the readers below).
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

/// The refusal for an error value or an uncached formula, if the cell holds one.
pub fn fault(cell: &Cell) -> Option<Refusal> {
    match cell {
        Cell::Fault(f) => Some((Cow::Owned(f.zh()), Cow::Owned(f.en()))),
        _ => None,
    }
}

fn control_refusal() -> Refusal {
    refusal(
        "含有控制字符（如 NUL 或换行），请在 Excel 中删除后再导入",
        "contains a control character (such as NUL or a line break); remove it in Excel first",
    )
}

/// A value as it reads, trimmed, borrowed from its cell where it can be.
fn checked_str(cell: &Cell, multiline: bool) -> Result<Cow<'_, str>, Refusal> {
    if let Some(refused) = fault(cell) {
        return Err(refused);
    }
    let value = match cell {
        Cell::Text(s) => Cow::Borrowed(s.trim()),
        other => Cow::Owned(text(other)),
    };
    if has_control(&value, multiline) {
        return Err(control_refusal());
    }
    Ok(value)
}

/// A one-line text field (name, team, contract number), trimmed; empty when the cell is.
pub fn line_text(cell: &Cell) -> Result<String, Refusal> {
    checked_str(cell, false).map(Cow::into_owned)
}

/// A one-line value to parse (a label, a code), read without a copy.
pub fn line_str(cell: &Cell) -> Result<Cow<'_, str>, Refusal> {
    checked_str(cell, false)
}

/// A one-line text field taken out of its cell, which is left empty: the reader's own string
/// when there is nothing to trim, so a million rows' values are not copied once more.
pub fn take_line_text(cell: &mut Cell) -> Result<String, Refusal> {
    if let Cell::Text(s) = cell {
        if s.trim().len() == s.len() {
            if has_control(s, false) {
                return Err(control_refusal());
            }
            return Ok(std::mem::take(s));
        }
    }
    line_text(cell)
}

/// A free-text note: line breaks and tabs are fine there, other control characters are not.
pub fn note_text(cell: &Cell) -> Result<String, Refusal> {
    checked_str(cell, true).map(Cow::into_owned)
}

/// A client code in its canonical spelling (see `domain::fold_code`); empty when the cell is.
pub fn client_code(cell: &Cell) -> Result<String, Refusal> {
    line_text(cell).map(|c| fold_code(&c))
}

/// A client code taken out of its cell (see `take_line_text`), in its canonical spelling.
pub fn take_client_code(cell: &mut Cell) -> Result<String, Refusal> {
    take_line_text(cell).map(fold_code_owned)
}

/// An amount inside `range`. Text goes through `Money::parse_text`; a number cell is rounded
/// to the fen.
pub fn amount(cell: &Cell, range: AmountRange) -> Result<Option<Money>, Refusal> {
    let value = match cell {
        Cell::Empty => return Ok(None),
        Cell::Number(n) => Money::from_f64(*n).ok_or(refusal("不是有效金额", "is not a valid amount"))?,
        Cell::Text(s) if s.trim().is_empty() => return Ok(None),
        Cell::Text(s) => match Money::parse_text(s) {
            Ok(m) => m,
            Err(Unparsed::Ambiguous) => {
                return Err(refusal(
                    "金额有歧义（小数点和千分位的写法可有两种读法），请写成 1234.50 或 1,234.50",
                    "is ambiguous (the point and commas read two ways); write 1234.50 or 1,234.50",
                ))
            }
            Err(Unparsed::Invalid) => return Err(refusal("不是有效金额（例如 1,234.50）", "is not a valid amount (e.g. 1,234.50)")),
        },
        Cell::Fault(f) => return Err((Cow::Owned(f.zh()), Cow::Owned(f.en()))),
        Cell::Date(_) | Cell::Bool(_) => return Err(refusal("不是有效金额", "is not a valid amount")),
    };
    if range.contains(value) {
        Ok(Some(value))
    } else {
        Err(owned(range.refusal()))
    }
}

/// A contract's monthly or December fee.
pub fn fee(cell: &Cell) -> Result<Option<Money>, Refusal> {
    amount(cell, limits::FEE)
}

/// A whole number inside `range`: 12, "12", "12.0", "１２", "1,000". "12.5" and "1e3" are refused.
pub fn whole_number(cell: &Cell, range: RangeInclusive<i64>) -> Result<Option<i64>, Refusal> {
    let not_whole = refusal("不是整数（例如 12）", "is not a whole number (e.g. 12)");
    let value = match cell {
        Cell::Empty => return Ok(None),
        Cell::Number(n) if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 => *n as i64,
        Cell::Text(s) => {
            let folded = fold_width(s);
            if folded.trim().is_empty() {
                return Ok(None);
            }
            let number = parse_number(&folded).map_err(|_| not_whole.clone())?;
            if !number.fract().is_zero() {
                return Err(not_whole);
            }
            number.to_i64().ok_or(not_whole)?
        }
        Cell::Fault(f) => return Err((Cow::Owned(f.zh()), Cow::Owned(f.en()))),
        _ => return Err(not_whole),
    };
    if range.contains(&value) {
        Ok(Some(value))
    } else {
        let problem = Problem::OutOfRange { min: *range.start(), max: *range.end() };
        Err(owned((problem.zh(), problem.en())))
    }
}

/// An agreement term in months: "36", "36.0", "36个月".
pub fn term_months(cell: &Cell) -> Result<Option<i64>, Refusal> {
    match cell {
        Cell::Text(s) => {
            let folded = fold_width(s);
            let bare = folded.trim().trim_end_matches("个月").trim_end_matches('月');
            whole_number(&Cell::Text(bare.to_string()), limits::TERM_MONTHS)
        }
        other => whole_number(other, limits::TERM_MONTHS),
    }
}

/// How many of a thing one achievement row records.
pub fn quantity(cell: &Cell) -> Result<Option<i64>, Refusal> {
    whole_number(cell, limits::QUANTITY)
}

/// Excel's day zero for the 1900 system (serial 1 = 1900-01-01, with Excel's leap-year quirk
/// absorbed by counting from 1899-12-30). A fraction is the time of day, dropped.
fn from_serial(serial: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(serial.trunc() as u64))
}

fn in_years(date: NaiveDate) -> Result<Option<NaiveDate>, Refusal> {
    if limits::YEARS.contains(&date.year()) {
        Ok(Some(date))
    } else {
        Err(owned((
            format!("年份 {} 不在 {} 到 {} 之间", date.year(), limits::YEARS.start(), limits::YEARS.end()),
            format!("has the year {}, outside {} to {}", date.year(), limits::YEARS.start(), limits::YEARS.end()),
        )))
    }
}

/// A date: a date cell, an Excel serial (as a number or as text), or text as 2027-03-31,
/// 2027/3/31, 2027.3.31, 2027年3月31日 or 20270331. The year must have four digits and fall in
/// `limits::YEARS`: "27-3-31" is refused, not read as the year 27.
pub fn date(cell: &Cell) -> Result<Option<NaiveDate>, Refusal> {
    let invalid = refusal(
        "不是有效日期（例如 2027-03-31、2027/3/31、2027年3月31日）",
        "is not a valid date (e.g. 2027-03-31, 2027/3/31, 2027年3月31日)",
    );
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) => in_years(*d),
        // 20270331 typed into a number cell: far past any serial in range, so it reads one way.
        Cell::Number(n) if (19_000_101.0..=29_991_231.0).contains(n) && n.fract() == 0.0 => {
            let n = *n as i64;
            let (y, m, d) = ((n / 10_000) as i32, (n / 100 % 100) as u32, (n % 100) as u32);
            NaiveDate::from_ymd_opt(y, m, d).ok_or(invalid).and_then(in_years)
        }
        Cell::Number(n) => from_serial(*n).ok_or(invalid).and_then(in_years),
        Cell::Text(s) => {
            let folded = fold_width(s);
            let t = folded.trim();
            if t.is_empty() {
                return Ok(None);
            }
            if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
                let (y, m, d) = (t[..4].parse().ok(), t[4..6].parse().ok(), t[6..].parse().ok());
                return match (y, m, d) {
                    (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d).ok_or(invalid).and_then(in_years),
                    _ => Err(invalid),
                };
            }
            // An Excel serial that reached the file as text (a column formatted as text).
            if t.bytes().all(|b| b.is_ascii_digit() || b == b'.') && t.bytes().filter(|b| *b == b'.').count() <= 1 {
                return t.parse::<f64>().ok().and_then(from_serial).ok_or(invalid).and_then(in_years);
            }
            let day = t.split([' ', 'T']).next().unwrap_or("").replace(['年', '月', '/', '.'], "-");
            let day = day.trim_end_matches('日');
            let parts: Vec<&str> = day.split('-').collect();
            let [y, m, d] = parts[..] else { return Err(invalid) };
            if ![y, m, d].iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) || m.len() > 2 || d.len() > 2 {
                return Err(invalid);
            }
            if y.len() != 4 {
                return Err(refusal(
                    "年份要写四位（例如 2027-03-31），两位年份有歧义",
                    "needs a four-digit year (e.g. 2027-03-31); a two-digit year is ambiguous",
                ));
            }
            let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse()) else { return Err(invalid) };
            NaiveDate::from_ymd_opt(y, m, d).ok_or(invalid).and_then(in_years)
        }
        Cell::Fault(f) => Err((Cow::Owned(f.zh()), Cow::Owned(f.en()))),
        Cell::Bool(_) => Err(invalid),
    }
}

/// A moment: an Excel date-time serial, a date cell (its start), or text as a date followed by
/// a time (2026-11-20 14:30, 2026/11/20 14:30:05, 2026年11月20日 14:30).
pub fn date_time(cell: &Cell) -> Result<Option<chrono::NaiveDateTime>, Refusal> {
    let invalid = refusal("不是有效时间（例如 2026-11-20 14:30）", "is not a valid time (e.g. 2026-11-20 14:30)");
    match cell {
        Cell::Number(n) if n.fract() != 0.0 => {
            let day = date(&Cell::Number(n.trunc()))?.ok_or(invalid.clone())?;
            let minutes = (n.fract() * 24.0 * 60.0).round() as i64;
            Ok(Some(day.and_time(chrono::NaiveTime::MIN) + chrono::Duration::minutes(minutes)))
        }
        Cell::Text(s) => {
            let folded = fold_width(s);
            let t = folded.trim();
            let Some((day_text, time_text)) = t.split_once([' ', 'T']) else {
                return Ok(date(cell)?.map(|d| d.and_time(chrono::NaiveTime::MIN)));
            };
            let day = date(&Cell::Text(day_text.into()))?.ok_or(invalid.clone())?;
            let time_text = time_text.trim().replace('：', ":");
            let time = chrono::NaiveTime::parse_from_str(&time_text, "%H:%M:%S")
                .or_else(|_| chrono::NaiveTime::parse_from_str(&time_text, "%H:%M"))
                .map_err(|_| invalid)?;
            Ok(Some(day.and_time(time)))
        }
        other => Ok(date(other)?.map(|d| d.and_time(chrono::NaiveTime::MIN))),
    }
}

/// 是/否, Y/N, true/false, 1/0 (as a number or as text), 有/无, √/×.
pub fn flag(cell: &Cell) -> Result<Option<bool>, Refusal> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Bool(b) => Ok(Some(*b)),
        Cell::Number(n) if *n == 1.0 => Ok(Some(true)),
        Cell::Number(n) if *n == 0.0 => Ok(Some(false)),
        Cell::Fault(f) => Err((Cow::Owned(f.zh()), Cow::Owned(f.en()))),
        _ => match fold_width(&text(cell)).trim().to_lowercase().as_str() {
            "" => Ok(None),
            "是" | "y" | "yes" | "true" | "有" | "√" | "1" => Ok(Some(true)),
            "否" | "n" | "no" | "false" | "无" | "×" | "0" => Ok(Some(false)),
            _ => Err(refusal("只能是 是/否、Y/N、1/0 或 true/false", "must be 是/否, Y/N, 1/0 or true/false")),
        },
    }
}

pub fn category(value: &str) -> Result<Category, Refusal> {
    let folded = fold_width(value);
    let v = folded.trim();
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
        .ok_or(refusal(
            "只能是 战略客户、本地网重点客户、校园、中小企业",
            "must be 战略客户, 本地网重点客户, 校园 or 中小企业 (or strategic, local_key, campus, sme)",
        ))
}

pub fn tier(value: &str) -> Result<Tier, Refusal> {
    let v = fold_width(value).trim().trim_end_matches('级').trim_end_matches("类").to_uppercase();
    Tier::from_code(&v).ok_or(refusal("只能是 A、B、C", "must be A, B or C"))
}

/// The app's own product labels, in either language, folded as a cell is: read once, as every
/// contract row of an import asks.
static PRODUCT_LABELS: std::sync::LazyLock<Vec<(String, ProductType)>> = std::sync::LazyLock::new(|| {
    ProductType::ALL.iter().flat_map(|&p| [p.code(), p.label_zh(), p.label_en()].map(|l| (fold_width(l).to_lowercase(), p))).collect()
});

pub fn product(value: &str) -> Result<ProductType, Refusal> {
    let lower = fold_width(value).trim().to_lowercase();
    // The app's own labels, in either language and either width of brackets (综合业务（含光纤）).
    if let Some((_, p)) = PRODUCT_LABELS.iter().find(|(label, _)| *label == lower) {
        return Ok(*p);
    }
    match lower.as_str() {
        "纯光纤" | "光纤" | "fiber_only" | "fibre only" | "fiber only" => Ok(ProductType::FiberOnly),
        "综合" | "综合业务" | "融合" | "综合业务（含光纤）" | "bundle" => Ok(ProductType::Bundle),
        "宽带" | "ad" | "broadband" => Ok(ProductType::Broadband),
        "移动" | "mobile" => Ok(ProductType::Mobile),
        _ => Err(refusal(
            "只能是 纯光纤/光纤、综合/综合业务/融合、宽带/AD、移动",
            "must be 纯光纤/光纤, 综合/综合业务/融合, 宽带/AD or 移动",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::cells::Fault;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn yuan(y: i64) -> Option<Money> {
        Some(Money::from_yuan(y))
    }

    #[test]
    fn amounts_in_the_shapes_planners_type() {
        assert_eq!(fee(&t("1,234.50")), Ok(Money::parse("1234.50")));
        assert_eq!(fee(&t("1234.5元")), Ok(Money::parse("1234.50")));
        assert_eq!(fee(&t("¥1,234")), Ok(Money::parse("1234")));
        assert_eq!(fee(&t("１２３")), Ok(yuan(123)), "full-width digits are digits");
        assert_eq!(fee(&Cell::Number(99.999)), Ok(Some(Money::from_fen(10_000))));
        assert!(fee(&t("一千")).is_err());
    }

    #[test]
    fn the_found_amounts_are_refused() {
        let refused = |cell: Cell, why: &str| {
            let result = fee(&cell);
            assert!(result.is_err(), "{cell:?} must be refused ({why}), got {result:?}");
            result.err().map(|(_, en)| en.into_owned()).unwrap_or_default()
        };
        let huge = refused(t("92,233,720,368,547,758"), "92 quadrillion yuan is no fee");
        assert!(huge.contains("10,000,000.00"), "the message names the range: {huge}");
        refused(Cell::Number(92e15), "a number cell past the range");
        refused(t("-500"), "a negative fee would give a negative subsidy");
        refused(Cell::Number(-0.01), "even one fen below zero");
        let ambiguous = refused(t("1.234,50"), "European grouping reads two ways");
        assert!(ambiguous.contains("ambiguous"), "{ambiguous}");
        refused(t("1e10"), "no planner writes an exponent");
        refused(t("10,000,000.01"), "one fen past the top");
        assert_eq!(fee(&t("10,000,000")), Ok(yuan(10_000_000)), "the top itself is in range");
        assert_eq!(fee(&t("0")), Ok(Some(Money::ZERO)), "and so is zero");
    }

    #[test]
    fn dates_as_serials_and_text() {
        let d = NaiveDate::from_ymd_opt(2027, 3, 31);
        assert_eq!(date(&Cell::Number(46477.0)), Ok(d), "Excel serial 46477 is 2027-03-31");
        assert_eq!(date(&Cell::Number(20270331.0)), Ok(d), "20270331 typed as a number");
        for s in [
            "2027-03-31",
            "2027/3/31",
            "2027年3月31日",
            "2027.3.31",
            "20270331",
            "2027-03-31 00:00:00",
            "2027-03-31T00:00:00",
            "46477",
            "46477.0",
            "46477.75",
            "２０２７年３月３１日",
        ] {
            assert_eq!(date(&t(s)), Ok(d), "{s}");
        }
        assert!(date(&t("2027-02-30")).is_err(), "no such day");
        assert!(date(&t("下个月")).is_err());
    }

    #[test]
    fn two_digit_and_far_years_are_refused() {
        let (_, en) = date(&t("27-3-31")).expect_err("27-3-31 is not the year 27");
        assert!(en.contains("four-digit"), "{en}");
        for s in ["1989-12-31", "2101-01-01", "0027-03-31", "3/31/2027", "31/3/2027", "2027-3", "100"] {
            assert!(date(&t(s)).is_err(), "{s} must be refused");
        }
        assert!(date(&Cell::Date(NaiveDate::from_ymd_opt(1900, 1, 1).expect("d"))).is_err(), "a date cell is range-checked too");
        assert!(date(&Cell::Number(1.0)).is_err(), "serial 1 is 1900");
        assert_eq!(date(&t("1990-01-01")), Ok(NaiveDate::from_ymd_opt(1990, 1, 1)), "the first year in range");
    }

    #[test]
    fn whole_numbers_and_terms() {
        assert_eq!(term_months(&t("12.0")), Ok(Some(12)), "12.0 is twelve");
        assert_eq!(term_months(&t("３６个月")), Ok(Some(36)));
        assert_eq!(term_months(&Cell::Number(48.0)), Ok(Some(48)));
        assert!(term_months(&t("12.5")).is_err(), "half a month is no term");
        assert!(term_months(&t("1e3")).is_err());
        assert!(term_months(&t("241")).is_err(), "past twenty years");
        assert!(term_months(&Cell::Number(f64::NAN)).is_err());
        assert_eq!(quantity(&t("1,000")), Ok(Some(1_000)));
        assert!(quantity(&t("-1")).is_err(), "quantities are not negative");
        assert!(quantity(&Cell::Number(1e18)).is_err());
    }

    #[test]
    fn labels_and_flags() {
        assert_eq!(category("本地网重点客户"), Ok(Category::LocalKey));
        assert_eq!(category("SME"), Ok(Category::Sme));
        assert_eq!(tier("b级"), Ok(Tier::B));
        assert_eq!(tier("Ａ"), Ok(Tier::A));
        assert_eq!(product("AD"), Ok(ProductType::Broadband));
        assert_eq!(product("ａｄ"), Ok(ProductType::Broadband));
        assert_eq!(product("融合"), Ok(ProductType::Bundle));
        assert_eq!(product("光纤"), Ok(ProductType::FiberOnly));
        assert_eq!(product("综合业务（含光纤）"), Ok(ProductType::Bundle), "the app's own label, full-width brackets and all");
        assert_eq!(product("Bundle with fibre"), Ok(ProductType::Bundle), "and its English one");
        assert_eq!(flag(&t("Y")), Ok(Some(true)));
        assert_eq!(flag(&t("否")), Ok(Some(false)));
        assert_eq!(flag(&t("1")), Ok(Some(true)), "1 typed as text");
        assert_eq!(flag(&t("０")), Ok(Some(false)));
        assert!(flag(&t("也许")).is_err());
        assert!(flag(&t("2")).is_err());
        assert_eq!(text(&Cell::Number(320301.0)), "320301", "a numeric code keeps no decimal tail");
    }

    #[test]
    fn faults_and_control_characters_are_problems() {
        let na = Cell::Fault(Fault::Error("#N/A".into()));
        let uncached = Cell::Fault(Fault::Uncached);
        for cell in [&na, &uncached] {
            assert!(line_text(cell).is_err(), "an error value is not a name");
            assert!(fee(cell).is_err() && date(cell).is_err() && flag(cell).is_err() && term_months(cell).is_err());
        }
        let (zh, en) = line_text(&na).expect_err("refused");
        assert!(zh.contains("#N/A") && en.contains("#N/A"), "the fault's own message: {zh} / {en}");
        assert!(line_text(&t("徐州\0公司")).is_err(), "a NUL is a problem, not data");
        assert!(line_text(&t("a\u{1b}b")).is_err());
        assert_eq!(note_text(&t("第一行\n第二行")), Ok("第一行\n第二行".into()), "a note may span lines");
        assert_eq!(client_code(&t(" ａｂ01 ")), Ok("AB01".into()));
    }
}
