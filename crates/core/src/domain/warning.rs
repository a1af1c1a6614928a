//! Broadband early warning (宽带预警监控): billing snapshots compared with the contract's
//! previous one. Leaving the network, or a tariff falling by at least the campaign's threshold,
//! raises a warning for the client's account manager to act on first.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::tracker::Lang;
use crate::basis_points::BasisPoints;
use crate::domain::ids::{PersonId, TeamId};
use crate::error::{Error, FieldError, Problem, Result};
use crate::money::Money;

/// The threshold a campaign starts with: a tariff falling by 10 % or more.
pub const DEFAULT_DROP_BP: i64 = 1_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum WarningReason {
    /// No longer in the network (离网).
    Left,
    /// The tariff went from high to low (资费由高变低).
    Downgrade,
}

impl WarningReason {
    pub const ALL: [WarningReason; 2] = [WarningReason::Left, WarningReason::Downgrade];

    pub fn code(self) -> &'static str {
        match self {
            WarningReason::Left => "left",
            WarningReason::Downgrade => "downgrade",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            WarningReason::Left => "离网",
            WarningReason::Downgrade => "资费下降",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            WarningReason::Left => "Left the network",
            WarningReason::Downgrade => "Tariff fell",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum WarningStatus {
    ToContact,
    Contacted,
    Retained,
    Lost,
}

impl WarningStatus {
    pub const ALL: [WarningStatus; 4] = [WarningStatus::ToContact, WarningStatus::Contacted, WarningStatus::Retained, WarningStatus::Lost];

    pub fn code(self) -> &'static str {
        match self {
            WarningStatus::ToContact => "to_contact",
            WarningStatus::Contacted => "contacted",
            WarningStatus::Retained => "retained",
            WarningStatus::Lost => "lost",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            WarningStatus::ToContact => "待联系",
            WarningStatus::Contacted => "已联系",
            WarningStatus::Retained => "已挽留",
            WarningStatus::Lost => "已流失",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            WarningStatus::ToContact => "To contact",
            WarningStatus::Contacted => "Contacted",
            WarningStatus::Retained => "Retained",
            WarningStatus::Lost => "Lost",
        }
    }

    /// A status as a returned tracker gives it: its label in either language, or its code.
    pub fn from_label(text: &str) -> Option<Self> {
        let t = text.trim();
        Self::ALL.into_iter().find(|s| s.label_zh() == t || s.label_en().eq_ignore_ascii_case(t) || s.code() == t)
    }

    pub fn is_open(self) -> bool {
        matches!(self, WarningStatus::ToContact | WarningStatus::Contacted)
    }

    /// Where a warning can go from here.
    pub fn next(self) -> &'static [WarningStatus] {
        use WarningStatus::*;
        match self {
            ToContact => &[Contacted, Retained, Lost],
            Contacted => &[Retained, Lost],
            Retained | Lost => &[Contacted],
        }
    }

    /// The workflow: 待联系 → 已联系 → 已挽留 / 已流失. A warning can be closed straight from
    /// 待联系 (the call and the outcome on one day), and a closed one reopened as 已联系 when
    /// it was closed by mistake; nothing goes back to 待联系. Lost needs a note saying why.
    pub fn check_change(self, to: WarningStatus, note: &str) -> Result<()> {
        let next = self.next();
        if !next.contains(&to) {
            let allowed = next.iter().map(|s| s.label_zh()).collect::<Vec<_>>().join("、");
            return Err(Error::Validation(vec![FieldError::new("status", Problem::NotOneOf { allowed })]));
        }
        if to == WarningStatus::Lost && note.trim().is_empty() {
            return Err(Error::Validation(vec![FieldError::new("note", Problem::Required)]));
        }
        Ok(())
    }
}

/// The share a tariff must fall by to raise a warning: 0.01 % to 100 %.
pub fn check_threshold(drop_bp: i64) -> Result<()> {
    if !(1..=10_000).contains(&drop_bp) {
        return Err(Error::Validation(vec![FieldError::new(
            "tariff_drop_bp",
            Problem::PercentOutOfRange { min_bp: BasisPoints(1), max_bp: BasisPoints::FULL },
        )]));
    }
    Ok(())
}

/// A key person's change names the new key person.
pub fn check_key_person(name: &str) -> Result<()> {
    if name.trim().is_empty() {
        return Err(Error::Validation(vec![FieldError::new("key_person", Problem::Required)]));
    }
    Ok(())
}

/// A contract's state in one billing period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Reading {
    pub in_network: bool,
    pub tariff: Money,
}

/// What a tariff is measured against besides the previous snapshot, so a slow erosion
/// (500 → 450.01 → 415 → …, each step under the threshold) is still caught.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ErosionBasis {
    /// The contract's monthly fee on record (合同资费); skipped while it is 0 (unknown).
    Baseline,
    /// The contract's highest tariff in the window of months before the period (近期最高).
    Peak,
}

impl ErosionBasis {
    pub const ALL: [ErosionBasis; 2] = [ErosionBasis::Baseline, ErosionBasis::Peak];

    pub fn code(self) -> &'static str {
        match self {
            ErosionBasis::Baseline => "baseline",
            ErosionBasis::Peak => "peak",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.code() == code)
    }
}

/// The months a peak is looked for in when a campaign has not chosen: half a year.
pub const DEFAULT_WINDOW_MONTHS: i64 = 6;

/// How far back a peak may lie: one month (only the previous one) to three years.
pub const WINDOW_MONTHS: std::ops::RangeInclusive<i64> = 1..=36;

/// The planner's erosion settings for a campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct ErosionSettings {
    pub basis: ErosionBasis,
    /// The months before a period whose snapshots its peak is taken from.
    pub window_months: i64,
}

impl Default for ErosionSettings {
    fn default() -> Self {
        ErosionSettings { basis: ErosionBasis::Peak, window_months: DEFAULT_WINDOW_MONTHS }
    }
}

impl ErosionSettings {
    pub fn check(&self) -> Result<()> {
        if !WINDOW_MONTHS.contains(&self.window_months) {
            return Err(Error::Validation(vec![FieldError::new(
                "window_months",
                Problem::OutOfRange { min: *WINDOW_MONTHS.start(), max: *WINDOW_MONTHS.end() },
            )]));
        }
        Ok(())
    }
}

/// Which comparison raised a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum WarningComparison {
    /// The contract's previous snapshot (上月).
    Previous,
    /// The contract's monthly fee on record (合同资费).
    Baseline,
    /// The contract's highest tariff in the window (近期最高).
    Peak,
}

impl WarningComparison {
    pub const ALL: [WarningComparison; 3] = [WarningComparison::Previous, WarningComparison::Baseline, WarningComparison::Peak];

    pub fn code(self) -> &'static str {
        match self {
            WarningComparison::Previous => "previous",
            WarningComparison::Baseline => "baseline",
            WarningComparison::Peak => "peak",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            WarningComparison::Previous => "较上月",
            WarningComparison::Baseline => "较合同资费",
            WarningComparison::Peak => "较近期最高",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            WarningComparison::Previous => "vs previous month",
            WarningComparison::Baseline => "vs contract fee",
            WarningComparison::Peak => "vs recent peak",
        }
    }
}

/// The tariff a snapshot is measured against besides the previous one: the contract's fee
/// (no period) or its peak in the window (the peak's period).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Basis {
    pub comparison: WarningComparison,
    pub period: Option<BillingPeriod>,
    pub tariff: Money,
}

/// A warning a snapshot raises, with the reading it was compared against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raised {
    pub reason: WarningReason,
    pub comparison: WarningComparison,
    /// The compared reading's period; None for the contract's fee.
    pub was_period: Option<BillingPeriod>,
    pub was: Reading,
}

/// Whether a tariff fell from `was` to `now` by at least `drop_bp`.
fn fell(was: Money, now: Money, drop_bp: i64) -> bool {
    let (was, now) = (i128::from(was.fen()), i128::from(now.fen()));
    was > 0 && now < was && (was - now) * 10_000 >= i128::from(drop_bp) * was
}

/// What a new reading raises; nothing for a contract's first snapshot, which starts its record.
/// A tariff that falls by exactly the threshold raises; a rise or a smaller dip does not. One
/// churn is one warning: leaving the network wins over the tariff drop that comes with it.
///
/// A tariff is compared with the previous snapshot and, while the contract is in the network,
/// with the basis (its fee or its recent peak). The basis raises in the month the cumulative
/// fall first reaches the threshold, not again each month the tariff stays down: a retained
/// client kept at the lower tariff is not raised anew every month. When both comparisons show
/// the fall, the warning names the previous month: that is the change the account manager can
/// see on the last two bills and ask about; the basis is there for the erosion month-by-month
/// comparison misses.
pub fn detect(previous: Option<(&BillingPeriod, Reading)>, basis: Option<&Basis>, current: Reading, drop_bp: i64) -> Option<Raised> {
    let (previous_period, before) = previous?;
    let against_previous =
        |reason| Raised { reason, comparison: WarningComparison::Previous, was_period: Some(previous_period.clone()), was: before };
    if before.in_network && !current.in_network {
        return Some(against_previous(WarningReason::Left));
    }
    if fell(before.tariff, current.tariff, drop_bp) {
        return Some(against_previous(WarningReason::Downgrade));
    }
    let basis = basis.filter(|b| current.in_network && b.comparison != WarningComparison::Previous)?;
    let crossed_before = before.in_network && fell(basis.tariff, before.tariff, drop_bp);
    (!crossed_before && fell(basis.tariff, current.tariff, drop_bp)).then(|| Raised {
        reason: WarningReason::Downgrade,
        comparison: basis.comparison,
        was_period: basis.period.clone(),
        was: Reading { in_network: true, tariff: basis.tariff },
    })
}

/// A billing period (账期), held as "2026-10" so periods sort as text. Made only by
/// [`BillingPeriod::parse`] and [`BillingPeriod::of`], so every one is a real month.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(transparent)]
pub struct BillingPeriod(String);

impl BillingPeriod {
    /// A period as planners write it: 202610, 2026-10, 2026/10, 2026年10月.
    pub fn parse(text: &str) -> Option<BillingPeriod> {
        let t = text.trim().trim_end_matches('月').replace(['年', '/', '.', '-'], "-");
        let (year, month) = match t.split_once('-') {
            Some((y, rest)) => (y.to_string(), rest.split('-').next().unwrap_or("").to_string()),
            None if t.len() == 6 && t.chars().all(|c| c.is_ascii_digit()) => (t[..4].to_string(), t[4..].to_string()),
            None => return None,
        };
        let (year, month): (i32, u32) = (year.parse().ok()?, month.parse().ok()?);
        ((2000..=2100).contains(&year) && (1..=12).contains(&month)).then(|| BillingPeriod(format!("{year}-{month:02}")))
    }

    /// The period a date falls in.
    pub fn of(date: NaiveDate) -> BillingPeriod {
        BillingPeriod(date.format("%Y-%m").to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The period `months` months before this one: the first period of a window that ends
    /// just before it.
    pub fn months_before(&self, months: i64) -> BillingPeriod {
        let (year, month) = self.0.split_once('-').unwrap_or(("2000", "01"));
        let index = year.parse::<i64>().unwrap_or(2000) * 12 + month.parse::<i64>().unwrap_or(1) - 1 - months;
        BillingPeriod(format!("{}-{:02}", index.div_euclid(12), index.rem_euclid(12) + 1))
    }
}

impl std::fmt::Display for BillingPeriod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Days a warning has been open: to `today`, or to the day it was closed (a closed warning's age
/// stops there).
pub fn age_days(raised_on: NaiveDate, closed_on: Option<NaiveDate>, today: NaiveDate) -> i64 {
    (closed_on.map_or(today, |c| c.min(today)) - raised_on).num_days()
}

/// A warning as the planner and the account manager see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Warning {
    pub id: super::ids::WarningId,
    pub contract: String,
    pub client_id: super::ids::ClientId,
    pub client_code: String,
    pub client: String,
    pub team: Option<String>,
    /// The client's account manager now: responsibility follows the client (一对一).
    pub owner_id: Option<PersonId>,
    pub owner: Option<String>,
    pub reason: WarningReason,
    /// What raised it: the previous snapshot, the contract's fee, or its recent peak.
    pub comparison: WarningComparison,
    /// The compared reading's period; None when it is the contract's fee (合同资费).
    pub previous_period: Option<BillingPeriod>,
    /// The compared reading: the previous snapshot, or the fee or peak it fell from.
    pub before: Reading,
    pub period: BillingPeriod,
    pub after: Reading,
    pub raised_on: NaiveDate,
    pub status: WarningStatus,
    pub contacted_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub note: String,
    /// Days since it was raised, as of the day asked about.
    pub age_days: i64,
    /// Where the workflow lets it go from its status, so the UI offers only those.
    pub next_statuses: Vec<WarningStatus>,
}

impl Warning {
    /// The evidence in a line, naming the comparison that raised it: "2026-10 在网 500.00 元 →
    /// 2026-11 离网 0.00 元" for a churn, "较上月 2026-10 500.00 元 → 2026-11 450.00 元",
    /// "较近期最高 2026-08 500.00 元 → 2026-11 415.00 元" or "较合同资费 500.00 元 → 2026-11
    /// 415.00 元" for a fall.
    pub fn evidence(&self, lang: Lang) -> String {
        let money = |m: Money| match lang {
            Lang::Zh => format!("{m} 元"),
            Lang::En => format!("¥{m}"),
        };
        let after = format!("{} {}", self.period, money(self.after.tariff));
        if self.reason == WarningReason::Left {
            let side = |period: Option<&BillingPeriod>, r: &Reading| {
                let state = if r.in_network { lang.pick("在网", "in") } else { lang.pick("离网", "out") };
                let period = period.map_or(String::new(), |p| format!("{p} "));
                format!("{period}{state} {}", money(r.tariff))
            };
            return format!("{} → {}", side(self.previous_period.as_ref(), &self.before), side(Some(&self.period), &self.after));
        }
        let label = lang.pick(self.comparison.label_zh(), self.comparison.label_en());
        let before = match &self.previous_period {
            Some(p) => format!("{p} {}", money(self.before.tariff)),
            None => money(self.before.tariff),
        };
        format!("{label} {before} → {after}")
    }

    /// The dates a move to `to` on `on` records: the first contact stays as it was once set,
    /// and a closed warning has its closing date, which reopening clears.
    pub fn dates_after(&self, to: WarningStatus, on: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
        dates_after(self.contacted_on, to, on)
    }
}

/// See [`Warning::dates_after`]: for a warning known only by its first contact date.
pub fn dates_after(contacted_on: Option<NaiveDate>, to: WarningStatus, on: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
    (Some(contacted_on.unwrap_or(on)), (!to.is_open()).then_some(on))
}

/// Retained warnings as a share of the closed ones, in basis points; none until one is closed.
pub fn retention_bp(retained: i64, lost: i64) -> Option<i64> {
    crate::basis_points::share_bp(retained, retained.saturating_add(lost))
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct WarningSummary {
    pub to_contact: i64,
    pub contacted: i64,
    pub retained: i64,
    pub lost: i64,
    /// Retained out of those closed, in basis points; None before any is closed.
    pub retention_bp: Option<i64>,
    /// Open warnings per account manager and per team, most first.
    pub open_by_owner: Vec<(String, i64)>,
    pub open_by_team: Vec<(String, i64)>,
}

/// One step of a warning's workflow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct WarningStep {
    pub at: crate::timestamp::Timestamp,
    pub author: String,
    pub from: WarningStatus,
    pub to: WarningStatus,
    pub note: String,
}

/// Which warnings to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct WarningFilter {
    #[serde(default)]
    pub status: Option<WarningStatus>,
    /// Only 待联系 and 已联系.
    #[serde(default)]
    pub open_only: bool,
    #[serde(default)]
    pub owner_id: Option<PersonId>,
    #[serde(default)]
    pub team_id: Option<TeamId>,
}

/// Where a key-person change came from: the form in the app, a client import, or a returned
/// tracker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum KeyPersonSource {
    Form,
    Import,
    Tracker,
}

impl KeyPersonSource {
    pub const ALL: [KeyPersonSource; 3] = [KeyPersonSource::Form, KeyPersonSource::Import, KeyPersonSource::Tracker];

    pub fn code(self) -> &'static str {
        match self {
            KeyPersonSource::Form => "form",
            KeyPersonSource::Import => "import",
            KeyPersonSource::Tracker => "tracker",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            KeyPersonSource::Form => "手工登记",
            KeyPersonSource::Import => "客户导入",
            KeyPersonSource::Tracker => "跟踪表导回",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            KeyPersonSource::Form => "Recorded by hand",
            KeyPersonSource::Import => "Client import",
            KeyPersonSource::Tracker => "Returned tracker",
        }
    }
}

/// A recorded change of a client's key person (关键人异动).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct KeyPersonChange {
    pub id: i64,
    pub client_id: super::ids::ClientId,
    pub client_code: String,
    pub client: String,
    pub owner: Option<String>,
    pub changed_on: NaiveDate,
    pub old_name: String,
    pub old_phone: String,
    pub new_name: String,
    pub new_phone: String,
    pub note: String,
    pub source: KeyPersonSource,
    /// Who recorded it: the planner at the form, or the author of the import.
    pub author: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(in_network: bool, yuan: i64) -> Reading {
        Reading { in_network, tariff: Money::from_yuan(yuan) }
    }

    #[test]
    fn retention_counts_only_closed_warnings() {
        assert_eq!(retention_bp(0, 0), None, "no rate before anything is closed");
        assert_eq!(retention_bp(3, 1), Some(7_500), "3 of 4 closed were kept");
    }

    fn period(text: &str) -> BillingPeriod {
        BillingPeriod::parse(text).expect("a period")
    }

    fn reasons(previous: Option<Reading>, current: Reading) -> Vec<WarningReason> {
        let oct = period("2026-10");
        detect(previous.map(|r| (&oct, r)), None, current, 1_000).into_iter().map(|r| r.reason).collect()
    }

    #[test]
    fn the_threshold_edges() {
        let before = Some(reading(true, 500));
        assert!(reasons(None, reading(false, 0)).is_empty(), "the first snapshot is the baseline");
        assert_eq!(reasons(before, reading(true, 450)), [WarningReason::Downgrade], "exactly 10 % raises");
        let just_under = Reading { in_network: true, tariff: Money::from_fen(45_001) };
        assert!(reasons(before, just_under).is_empty(), "a fen less than 10 % does not");
        assert!(reasons(before, reading(true, 600)).is_empty(), "a rise raises nothing");
        assert_eq!(reasons(before, reading(false, 500)), [WarningReason::Left]);
        assert_eq!(
            reasons(before, reading(false, 0)),
            [WarningReason::Left],
            "leaving with tariff 0 is one churn, one warning: leaving wins over the drop"
        );
        assert!(reasons(Some(reading(false, 0)), reading(false, 0)).is_empty(), "still out raises nothing new");
    }

    #[test]
    fn the_basis_catches_what_the_previous_month_misses() {
        let (sep, oct) = (period("2026-09"), period("2026-10"));
        let peak = Basis { comparison: WarningComparison::Peak, period: Some(sep.clone()), tariff: Money::from_yuan(500) };
        let eroded =
            detect(Some((&oct, Reading { in_network: true, tariff: Money::from_fen(45_001) })), Some(&peak), reading(true, 415), 1_000)
                .expect("415 is 17 % under the peak of 500 though only 7.8 % under 450.01");
        assert_eq!((eroded.reason, eroded.comparison), (WarningReason::Downgrade, WarningComparison::Peak));
        assert_eq!((eroded.was_period, eroded.was.tariff), (Some(sep), Money::from_yuan(500)), "the evidence is the peak it fell from");

        let both = detect(Some((&oct, reading(true, 500))), Some(&peak), reading(true, 300), 1_000).expect("a fall on both counts");
        assert_eq!(both.comparison, WarningComparison::Previous, "when both show the fall, the previous month names it");
        assert_eq!(both.was_period, Some(oct.clone()));

        let stays_down = detect(Some((&oct, reading(true, 415))), Some(&peak), reading(true, 400), 1_000);
        assert!(stays_down.is_none(), "already 10 % under the peak last month: the erosion was raised then, not again");

        let fee = Basis { comparison: WarningComparison::Baseline, period: None, tariff: Money::from_yuan(500) };
        let under_fee = detect(Some((&oct, reading(true, 460))), Some(&fee), reading(true, 420), 1_000)
            .expect("16 % under the fee, crossing the threshold this month");
        assert_eq!((under_fee.comparison, under_fee.was_period), (WarningComparison::Baseline, None), "the fee has no period");
        assert!(
            detect(Some((&oct, reading(false, 0))), Some(&fee), reading(false, 0), 1_000).is_none(),
            "a contract out of the network is not a tariff fall against its fee"
        );
        assert!(detect(None, Some(&fee), reading(true, 100), 1_000).is_none(), "a first snapshot starts the record");
    }

    #[test]
    fn a_window_starts_months_before() {
        assert_eq!(period("2026-05").months_before(6).as_str(), "2025-11");
        assert_eq!(period("2026-01").months_before(1).as_str(), "2025-12");
        assert_eq!(period("2026-12").months_before(36).as_str(), "2023-12");
        assert!(ErosionSettings { basis: ErosionBasis::Peak, window_months: 0 }.check().is_err(), "a window has at least a month");
        assert!(ErosionSettings { basis: ErosionBasis::Peak, window_months: 37 }.check().is_err(), "and at most three years");
        assert!(ErosionSettings::default().check().is_ok());
    }

    #[test]
    fn periods_as_planners_write_them() {
        for text in ["202610", "2026-10", "2026/10", "2026年10月", "2026.10", "2026-10-15"] {
            assert_eq!(BillingPeriod::parse(text).as_ref().map(BillingPeriod::as_str), Some("2026-10"), "{text}");
        }
        assert_eq!(BillingPeriod::parse("2026-13"), None);
        assert_eq!(BillingPeriod::parse("十月"), None);
    }

    #[test]
    fn the_status_workflow() {
        use WarningStatus::*;
        assert!(ToContact.check_change(Contacted, "").is_ok());
        assert!(Contacted.check_change(Retained, "").is_ok());
        assert!(Contacted.check_change(Lost, "").is_err(), "lost needs a reason");
        assert!(Contacted.check_change(Lost, "竞争对手低价").is_ok());
        assert!(Retained.check_change(ToContact, "").is_err(), "nothing goes back to 待联系");
        assert!(Retained.check_change(Contacted, "误关").is_ok(), "a closed warning can be reopened");
    }

    #[test]
    fn a_closed_warning_stops_ageing() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default();
        assert_eq!(age_days(day(1), None, day(20)), 19, "open: counts to today");
        assert_eq!(age_days(day(1), Some(day(5)), day(20)), 4, "closed on the 5th: four days, however late it is read");
    }
}
