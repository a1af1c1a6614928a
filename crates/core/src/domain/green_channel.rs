//! The green channel (绿色通道): key clients' requests (fault, installation, change, complaint)
//! answered and resolved within their tier's hours (e.g. A 2 h / 8 h), counted in working time
//! only. Working hours per weekday and dated exceptions (statutory holidays off, make-up days
//! on) are data: the campaign's service calendar.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

use super::ids::{ClientId, TeamId};
use super::text::check;
use crate::error::{Error, FieldError, Problem, Result};

pub const DESCRIPTION_CHARS: usize = 500;
pub const RESOLUTION_CHARS: usize = 500;
/// How far a deadline is looked for before a calendar is taken to have no working time.
const SEARCH_DAYS: i64 = 3 * 366;

coded_enum!(RequestKind {
    Fault = "fault", "故障", "Fault";
    Installation = "installation", "装机", "Installation";
    Change = "change", "变更", "Change";
    Complaint = "complaint", "投诉", "Complaint";
});

coded_enum!(RequestStatus {
    Open = "open", "待响应", "Open";
    InProgress = "in_progress", "处理中", "In progress";
    Resolved = "resolved", "已解决", "Resolved";
});

/// Working hours of one weekday, as minutes from midnight; `end` up to 24:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct DayHours {
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u32,
    pub start_minute: u32,
    pub end_minute: u32,
}

/// A dated exception: a holiday off (`working` false) or a make-up working day (调休).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct CalendarDay {
    pub day: NaiveDate,
    pub working: bool,
    #[serde(default)]
    pub name: String,
}

/// The campaign's service calendar. A weekday without hours is closed; a make-up day works
/// the hours of the weekday it stands in for, Monday's when its own weekday has none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct ServiceCalendar {
    pub hours: Vec<DayHours>,
    pub days: Vec<CalendarDay>,
}

impl ServiceCalendar {
    pub fn validate(&self) -> Result<()> {
        let mut errors = Vec::new();
        for h in &self.hours {
            if !(1..=7).contains(&h.weekday) {
                errors.push(FieldError::new("hours.weekday", Problem::OutOfRange { min: 1, max: 7 }));
            } else if h.end_minute > 24 * 60 || h.start_minute >= h.end_minute {
                errors.push(FieldError::new("hours", Problem::EndBeforeStart));
            }
        }
        let mut weekdays: Vec<u32> = self.hours.iter().map(|h| h.weekday).collect();
        weekdays.sort_unstable();
        if weekdays.windows(2).any(|w| w[0] == w[1]) {
            errors.push(FieldError::new("hours.weekday", Problem::AlreadyUsed));
        }
        let mut days: Vec<NaiveDate> = self.days.iter().map(|d| d.day).collect();
        days.sort_unstable();
        if days.windows(2).any(|w| w[0] == w[1]) {
            errors.push(FieldError::new("days.day", Problem::AlreadyUsed));
        }
        let mut names = Vec::new();
        for d in &self.days {
            check(&mut names, "days.name", &d.name, 20, false);
        }
        errors.extend(names);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(errors))
        }
    }

    /// The working span of a day, in minutes from midnight, if it is a working day.
    fn span(&self, day: NaiveDate) -> Option<(i64, i64)> {
        let of =
            |weekday: u32| self.hours.iter().find(|h| h.weekday == weekday).map(|h| (i64::from(h.start_minute), i64::from(h.end_minute)));
        match self.days.iter().find(|d| d.day == day) {
            Some(d) if !d.working => None,
            Some(_) => of(day.weekday().number_from_monday()).or_else(|| of(1)),
            None => of(day.weekday().number_from_monday()),
        }
    }

    /// The moment `hours` of working time after `from`: time out of hours does not count, so a
    /// request received on Friday evening starts counting on Monday morning. Refused when the
    /// calendar has no working time in the years ahead.
    pub fn deadline(&self, from: NaiveDateTime, hours: i64) -> Result<NaiveDateTime> {
        let mut left = hours.max(0) * 60;
        let mut day = from.date();
        let mut at = i64::from(from.time().num_seconds_from_midnight() / 60);
        for _ in 0..SEARCH_DAYS {
            if let Some((start, end)) = self.span(day) {
                let begin = at.max(start);
                if begin < end {
                    if left <= end - begin {
                        return Ok(day.and_time(NaiveTime::MIN) + Duration::minutes(begin + left));
                    }
                    left -= end - begin;
                }
            }
            day = day.succ_opt().ok_or_else(no_working_time)?;
            at = 0;
        }
        Err(no_working_time())
    }
}

fn no_working_time() -> Error {
    Error::Validation(vec![FieldError::new("hours", Problem::Required)])
}

/// The sample calendar: Monday to Friday 08:30–17:30 (the operator's business hours), China's
/// statutory holidays of late 2026 and New Year 2027 with their make-up days, for the planner
/// to correct and extend.
pub fn sample_calendar() -> ServiceCalendar {
    let hours = (1..=5).map(|weekday| DayHours { weekday, start_minute: 8 * 60 + 30, end_minute: 17 * 60 + 30 }).collect();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
    let mut days = Vec::new();
    let mut off = |from: NaiveDate, count: i64, name: &str| {
        for i in 0..count {
            days.push(CalendarDay { day: from + Duration::days(i), working: false, name: name.into() });
        }
    };
    off(day(2026, 9, 25), 3, "中秋节");
    off(day(2026, 10, 1), 7, "国庆节");
    off(day(2027, 1, 1), 3, "元旦");
    days.push(CalendarDay { day: day(2026, 9, 20), working: true, name: "国庆调休".into() });
    days.push(CalendarDay { day: day(2026, 10, 10), working: true, name: "国庆调休".into() });
    days.sort_by_key(|d| d.day);
    ServiceCalendar { hours, days }
}

/// A request as it is received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct RequestInput {
    pub kind: RequestKind,
    pub received_at: NaiveDateTime,
    pub description: String,
}

impl RequestInput {
    /// The request tidied, or every problem: it is received by `now`.
    pub fn validate(&self, now: NaiveDateTime) -> Result<RequestInput> {
        let mut errors = Vec::new();
        let description = check(&mut errors, "description", &self.description, DESCRIPTION_CHARS, true);
        if self.received_at > now {
            errors.push(FieldError::new("received_at", Problem::AfterToday { today: now.date() }));
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        Ok(RequestInput { kind: self.kind, received_at: self.received_at, description })
    }
}

/// Where a request is moved: responded to (处理中) or resolved, at a moment, with the resolution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct RequestStep {
    pub status: RequestStatus,
    pub at: NaiveDateTime,
    #[serde(default)]
    pub resolution: String,
}

impl RequestStep {
    /// Checked against the request's receipt and `now`: a step happens after receipt and by
    /// now; resolving needs its resolution.
    pub fn validate(&self, received_at: NaiveDateTime, now: NaiveDateTime) -> Result<RequestStep> {
        let mut errors = Vec::new();
        let resolution = check(&mut errors, "resolution", &self.resolution, RESOLUTION_CHARS, self.status == RequestStatus::Resolved);
        if self.at > now {
            errors.push(FieldError::new("at", Problem::AfterToday { today: now.date() }));
        } else if self.at < received_at {
            errors.push(FieldError::new("at", Problem::EndBeforeStart));
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        Ok(RequestStep { status: self.status, at: self.at, resolution })
    }
}

/// A request with its deadlines and where it stands at a moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct GreenRequest {
    pub id: i64,
    pub client_id: ClientId,
    pub client_code: String,
    pub client: String,
    pub tier: String,
    pub team_id: Option<TeamId>,
    pub team_name: String,
    pub owner: String,
    pub vip_manager: String,
    pub kind: RequestKind,
    pub description: String,
    pub received_at: NaiveDateTime,
    pub response_due: NaiveDateTime,
    pub resolution_due: NaiveDateTime,
    pub responded_at: Option<NaiveDateTime>,
    pub resolved_at: Option<NaiveDateTime>,
    pub status: RequestStatus,
    pub resolution: String,
    /// Minutes of clock time to the resolution deadline (negative: past it); none once resolved.
    pub minutes_left: Option<i64>,
    /// Answered or resolved late, or still open past a deadline.
    pub breached: bool,
}

/// Whether a request missed a deadline as of `now`.
pub fn breached(
    (response_due, resolution_due): (NaiveDateTime, NaiveDateTime),
    responded_at: Option<NaiveDateTime>,
    resolved_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> bool {
    let late = |done: Option<NaiveDateTime>, due: NaiveDateTime| done.map_or(now > due, |at| at > due);
    late(responded_at.or(resolved_at), response_due) || late(resolved_at, resolution_due)
}

/// On-time figures of one team or tier.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct OnTimeRate {
    pub name: String,
    pub resolved: i64,
    pub on_time: i64,
    /// Open requests already past their resolution deadline.
    pub open_overdue: i64,
    pub breached: i64,
    /// Resolved on time out of resolved, in percent; none before any is resolved.
    pub rate: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("a moment")
    }

    #[test]
    fn deadlines_count_working_time_only() {
        let cal = sample_calendar();
        assert_eq!(cal.deadline(at("2026-11-18 10:00"), 2).expect("d"), at("2026-11-18 12:00"), "within one working day");
        assert_eq!(cal.deadline(at("2026-11-18 16:30"), 2).expect("d"), at("2026-11-19 09:30"), "across the night: one hour each side");
        assert_eq!(cal.deadline(at("2026-11-20 17:00"), 8).expect("d"), at("2026-11-23 16:00"), "Friday's last half hour, then Monday");
        assert_eq!(
            cal.deadline(at("2026-11-21 09:00"), 2).expect("d"),
            at("2026-11-23 10:30"),
            "received on Saturday, counted from Monday's opening"
        );
        assert_eq!(
            cal.deadline(at("2026-11-18 17:30"), 2).expect("d"),
            at("2026-11-19 10:30"),
            "received at closing time counts from the next opening"
        );
        assert_eq!(cal.deadline(at("2026-11-18 06:00"), 0).expect("d"), at("2026-11-18 08:30"), "no hours: due when work starts");
    }

    #[test]
    fn holidays_stop_the_clock_and_make_up_days_run_it() {
        let cal = sample_calendar();
        assert_eq!(cal.deadline(at("2026-09-30 16:30"), 4).expect("d"), at("2026-10-08 11:30"), "国庆 1–7 Oct is off");
        assert_eq!(cal.deadline(at("2026-10-09 17:00"), 2).expect("d"), at("2026-10-10 10:00"), "Saturday 10 Oct is a make-up working day");
        let round_the_clock = ServiceCalendar {
            hours: (1..=7).map(|weekday| DayHours { weekday, start_minute: 0, end_minute: 24 * 60 }).collect(),
            days: Vec::new(),
        };
        assert_eq!(
            round_the_clock.deadline(at("2026-10-01 22:00"), 8).expect("d"),
            at("2026-10-02 06:00"),
            "a 24×7 calendar counts clock time"
        );
        let closed = ServiceCalendar { hours: Vec::new(), days: Vec::new() };
        assert!(closed.deadline(at("2026-10-01 22:00"), 8).is_err(), "a calendar with no working time has no deadline");
    }

    #[test]
    fn a_breach_is_a_late_answer_a_late_resolution_or_a_deadline_passed_while_open() {
        let due = (at("2026-11-18 12:00"), at("2026-11-19 10:00"));
        assert!(!breached(due, Some(at("2026-11-18 11:00")), Some(at("2026-11-19 09:00")), at("2026-11-30 00:00")));
        assert!(breached(due, Some(at("2026-11-18 13:00")), Some(at("2026-11-19 09:00")), at("2026-11-30 00:00")), "answered late");
        assert!(breached(due, Some(at("2026-11-18 11:00")), None, at("2026-11-19 10:01")), "still open past resolution");
        assert!(!breached(due, None, None, at("2026-11-18 11:59")), "open and within both");
        let bad = ServiceCalendar { hours: vec![DayHours { weekday: 1, start_minute: 600, end_minute: 500 }], days: Vec::new() };
        assert!(bad.validate().is_err(), "hours end after they start");
        assert!(sample_calendar().validate().is_ok());
    }
}
