//! 移动维挽's care calendar: new switchboard (总机) users get a greeting on each holiday while
//! they are new, with publicity of the 18 switchboard functions and the 100009 hotline. Holidays
//! with their dates per year, the "new" window and the message templates are data per campaign.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::ids::ClientId;
use super::text::check;
use crate::error::{Error, FieldError, Problem, Result};

pub const NAME_CHARS: usize = 20;
/// A long SMS is sent in parts; past this many characters it is no longer a greeting.
pub const TEMPLATE_CHARS: usize = 300;
/// The template used for a holiday without its own.
pub const DEFAULT_TEMPLATE: &str = "";

/// A holiday's date in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Holiday {
    pub name: String,
    pub day: NaiveDate,
}

/// A greeting for one holiday (`holiday` empty: every holiday without its own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Template {
    pub holiday: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct CareSettings {
    /// A line is new for this many days after its activation.
    pub new_within_days: i64,
    pub holidays: Vec<Holiday>,
    pub templates: Vec<Template>,
}

/// What a template may name, in Chinese or English.
const PLACEHOLDERS: [(&str, &str); 4] = [("客户名称", "client"), ("客户经理", "manager"), ("节日", "holiday"), ("号码", "line")];

/// The values a greeting is written with.
pub struct Fields<'a> {
    pub client: &'a str,
    pub manager: &'a str,
    pub holiday: &'a str,
    pub line: &'a str,
}

/// The template's text with its placeholders filled; an unknown placeholder is an error.
pub fn render(template: &str, fields: &Fields<'_>) -> std::result::Result<String, String> {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| rest[open..].to_string())?;
        let name = after[..close].trim();
        let value = match PLACEHOLDERS.iter().position(|(zh, en)| *zh == name || en.eq_ignore_ascii_case(name)) {
            Some(0) => fields.client,
            Some(1) => fields.manager,
            Some(2) => fields.holiday,
            Some(3) => fields.line,
            _ => return Err(format!("{{{name}}}")),
        };
        out.push_str(value);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

impl CareSettings {
    /// Every problem at once: names, one date per holiday and year, templates that render.
    pub fn validate(&self) -> Result<CareSettings> {
        let mut errors = Vec::new();
        if !(1..=3650).contains(&self.new_within_days) {
            errors.push(FieldError::new("new_within_days", Problem::OutOfRange { min: 1, max: 3650 }));
        }
        let mut holidays = Vec::new();
        for h in &self.holidays {
            let name = check(&mut errors, "holidays.name", &h.name, NAME_CHARS, true);
            if holidays.iter().any(|o: &Holiday| o.name == name && o.day.year() == h.day.year()) {
                errors.push(FieldError::new("holidays.day", Problem::AlreadyUsed));
            }
            holidays.push(Holiday { name, day: h.day });
        }
        let mut templates: Vec<Template> = Vec::new();
        let sample = Fields { client: "", manager: "", holiday: "", line: "" };
        for t in &self.templates {
            let holiday = check(&mut errors, "templates.holiday", &t.holiday, NAME_CHARS, false);
            let text = check(&mut errors, "templates.text", &t.text, TEMPLATE_CHARS, true);
            if let Err(unknown) = render(&text, &sample) {
                let allowed = PLACEHOLDERS.iter().map(|(zh, en)| format!("{{{zh}}}/{{{en}}}")).collect::<Vec<_>>().join(", ");
                errors.push(FieldError::new("templates.text", Problem::NotOneOf { allowed: format!("{unknown} → {allowed}") }));
            }
            if templates.iter().any(|o| o.holiday == holiday) {
                errors.push(FieldError::new("templates.holiday", Problem::AlreadyUsed));
            }
            templates.push(Template { holiday, text });
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        holidays.sort_by(|a, b| a.day.cmp(&b.day).then_with(|| a.name.cmp(&b.name)));
        Ok(CareSettings { new_within_days: self.new_within_days, holidays, templates })
    }

    /// The holiday of this name in `year`.
    pub fn holiday(&self, name: &str, year: i32) -> Option<&Holiday> {
        self.holidays.iter().find(|h| h.name == name.trim() && h.day.year() == year)
    }

    /// The template for a holiday: its own, else the default greeting.
    pub fn template(&self, holiday: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.holiday == holiday).or_else(|| self.templates.iter().find(|t| t.holiday == DEFAULT_TEMPLATE))
    }
}

/// Whether a line activated on `activated_on` is still new on `day`: activated by then and no
/// longer ago than the window.
pub fn is_new(activated_on: NaiveDate, day: NaiveDate, within_days: i64) -> bool {
    activated_on <= day && (day - activated_on).num_days() <= within_days
}

/// The sample: a year's window, the statutory and traditional holidays of 2026 and 2027, and a
/// greeting that carries the campaign's publicity (18 switchboard functions, hotline 100009).
pub fn sample() -> CareSettings {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
    let dated: [(&str, [(u32, u32); 2]); 8] = [
        ("元旦", [(1, 1), (1, 1)]),
        ("春节", [(2, 17), (2, 6)]),
        ("元宵", [(3, 3), (2, 20)]),
        ("清明", [(4, 5), (4, 5)]),
        ("劳动节", [(5, 1), (5, 1)]),
        ("端午", [(6, 19), (6, 9)]),
        ("中秋", [(9, 25), (9, 15)]),
        ("国庆", [(10, 1), (10, 1)]),
    ];
    let mut holidays = Vec::new();
    for (i, year) in [2026, 2027].into_iter().enumerate() {
        for (name, days) in &dated {
            holidays.push(Holiday { name: (*name).into(), day: day(year, days[i].0, days[i].1) });
        }
    }
    holidays.sort_by_key(|h| h.day);
    CareSettings {
        new_within_days: 365,
        holidays,
        templates: vec![Template {
            holiday: DEFAULT_TEMPLATE.into(),
            text: "尊敬的{客户名称}：{节日}将至，中国电信祝您节日快乐！您的总机{号码}已开通18项总机功能，使用问题请联系客户经理{客户经理}或拨打100009服务热线。".into(),
        }],
    }
}

/// One switchboard line as imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct SwitchboardLine {
    pub id: i64,
    pub line: String,
    pub name: String,
    pub client_id: ClientId,
    pub client_code: String,
    pub client: String,
    pub manager: String,
    pub vip_manager: String,
    pub activated_on: NaiveDate,
}

/// One greeting to send (or sent): the line, its client, both managers and the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Greeting {
    pub line_id: i64,
    pub line: String,
    pub client_code: String,
    pub client: String,
    /// The account manager, and the VIP account manager after a 、 when there is one.
    pub managers: String,
    pub text: String,
}

/// A line's greeting already sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct SentGreeting {
    pub line: String,
    pub client_code: String,
    pub holiday: String,
    pub year: i32,
    pub sent_at: String,
    pub sent_by: String,
    pub batch: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_their_placeholders_and_refuse_unknown_ones() {
        let fields = Fields { client: "徐州市人民医院", manager: "张丽华、郑文博", holiday: "春节", line: "0516-83880000" };
        assert_eq!(
            render("{客户名称}{节日}快乐，{manager} {line}", &fields).expect("renders"),
            "徐州市人民医院春节快乐，张丽华、郑文博 0516-83880000"
        );
        assert_eq!(render("{生日}", &fields), Err("{生日}".to_string()), "an unknown placeholder is named");
        let mut settings = sample();
        settings.templates.push(Template { holiday: "春节".into(), text: "{客户} 新年好".into() });
        assert!(settings.validate().is_err(), "a template naming an unknown placeholder is refused");
        assert!(sample().validate().is_ok());
    }

    #[test]
    fn a_line_is_new_from_activation_through_the_window() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).expect("d");
        assert!(is_new(d(10, 1), d(10, 1), 30), "activated on the holiday itself");
        assert!(is_new(d(9, 1), d(10, 1), 30), "30 days before is within 30");
        assert!(!is_new(d(8, 31), d(10, 1), 30), "31 days before is not");
        assert!(!is_new(d(10, 2), d(10, 1), 30), "not yet active");
        let s = sample();
        assert_eq!(s.holiday("春节", 2027).map(|h| h.day), Some(NaiveDate::from_ymd_opt(2027, 2, 6).expect("d")));
        assert!(s.template("国庆").is_some(), "holidays without their own greeting use the default");
    }
}
