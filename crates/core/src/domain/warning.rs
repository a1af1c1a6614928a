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

/// What a new reading raises against the previous one; nothing for the first (the baseline).
/// A tariff that falls by exactly the threshold raises; a rise or a smaller dip does not. One
/// churn is one warning: leaving the network wins over the tariff drop that comes with it.
pub fn detect(previous: Option<Reading>, current: Reading, drop_bp: i64) -> Vec<WarningReason> {
    let Some(before) = previous else { return Vec::new() };
    let mut reasons = Vec::new();
    if before.in_network && !current.in_network {
        return vec![WarningReason::Left];
    }
    let (was, now) = (i128::from(before.tariff.fen()), i128::from(current.tariff.fen()));
    if was > 0 && now < was && (was - now) * 10_000 >= i128::from(drop_bp) * was {
        reasons.push(WarningReason::Downgrade);
    }
    reasons
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
}

impl std::fmt::Display for BillingPeriod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
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
    pub previous_period: BillingPeriod,
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
    /// The evidence in a line: "2026-10 在网 500.00 元 → 2026-11 离网 0.00 元".
    pub fn evidence(&self, lang: Lang) -> String {
        let side = |period: &BillingPeriod, r: &Reading| {
            let state = if r.in_network { lang.pick("在网", "in") } else { lang.pick("离网", "out") };
            match lang {
                Lang::Zh => format!("{period} {state} {} 元", r.tariff),
                Lang::En => format!("{period} {state} ¥{}", r.tariff),
            }
        };
        format!("{} → {}", side(&self.previous_period, &self.before), side(&self.period, &self.after))
    }

    /// The dates a move to `to` on `on` records: the first contact stays as it was once set,
    /// and a closed warning has its closing date, which reopening clears.
    pub fn dates_after(&self, to: WarningStatus, on: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
        (Some(self.contacted_on.unwrap_or(on)), (!to.is_open()).then_some(on))
    }
}

/// Retained warnings as a share of the closed ones, in basis points; none until one is closed.
pub fn retention_bp(retained: i64, lost: i64) -> Option<i64> {
    let closed = retained + lost;
    (closed > 0).then(|| retained * 10_000 / closed)
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

    #[test]
    fn the_threshold_edges() {
        let before = Some(reading(true, 500));
        assert!(detect(None, reading(false, 0), 1_000).is_empty(), "the first snapshot is the baseline");
        assert_eq!(detect(before, reading(true, 450), 1_000), [WarningReason::Downgrade], "exactly 10 % raises");
        let just_under = Reading { in_network: true, tariff: Money::from_fen(45_001) };
        assert!(detect(before, just_under, 1_000).is_empty(), "a fen less than 10 % does not");
        assert!(detect(before, reading(true, 600), 1_000).is_empty(), "a rise raises nothing");
        assert_eq!(detect(before, reading(false, 500), 1_000), [WarningReason::Left]);
        assert_eq!(
            detect(before, reading(false, 0), 1_000),
            [WarningReason::Left],
            "leaving with tariff 0 is one churn, one warning: leaving wins over the drop"
        );
        assert!(detect(Some(reading(false, 0)), reading(false, 0), 1_000).is_empty(), "still out raises nothing new");
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
}
