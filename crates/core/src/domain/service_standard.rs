//! Star service standards (A、B、C类业务星级服务, seed 000): what each service tier is owed. A
//! tier's standard sets how often its clients are visited, how fast the green channel answers
//! and resolves their requests, whether they have a dedicated and a VIP account manager, how
//! long a key person's confirmation holds, and the services the tier is entitled to. Editable
//! per campaign; the sample's defaults are drawn from the seeds.

use serde::{Deserialize, Serialize};

use super::text::check;
use super::Tier;
use crate::error::{Error, FieldError, Problem, Result};

/// The longest gap between visits a standard can set: once a year.
pub const MAX_VISIT_MONTHS: i64 = 12;
/// The longest green-channel time a standard can set: 30 days, in hours.
pub const MAX_SLA_HOURS: i64 = 720;
/// The longest a key person's confirmation can hold: two years.
pub const MAX_CONFIRM_DAYS: i64 = 730;
/// At most this many entitlements per tier, each at most `ENTITLEMENT_CHARS` characters.
pub const MAX_ENTITLEMENTS: usize = 30;
pub const ENTITLEMENT_CHARS: usize = 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct ServiceStandard {
    pub tier: Tier,
    /// A client of this tier is visited at least once in this many months.
    pub visit_every_months: i64,
    /// The green channel answers a request within this many working hours…
    pub response_hours: i64,
    /// …and resolves it within this many.
    pub resolution_hours: i64,
    /// A dedicated account manager (专属客户经理) is assigned.
    pub dedicated_manager: bool,
    /// A VIP account manager serves the client's people alongside.
    pub vip_manager: bool,
    /// A key person's record counts as current for this many days after it was confirmed.
    pub key_person_confirm_days: i64,
    /// The services the tier is entitled to, in the planner's words.
    pub entitlements: Vec<String>,
}

impl ServiceStandard {
    /// Checks every field and returns all problems at once, each under its field's name.
    pub fn validate(&self) -> Result<()> {
        let mut errors = Vec::new();
        for (field, value, max) in [
            ("visit_every_months", self.visit_every_months, MAX_VISIT_MONTHS),
            ("response_hours", self.response_hours, MAX_SLA_HOURS),
            ("resolution_hours", self.resolution_hours, MAX_SLA_HOURS),
            ("key_person_confirm_days", self.key_person_confirm_days, MAX_CONFIRM_DAYS),
        ] {
            if !(1..=max).contains(&value) {
                errors.push(FieldError::new(field, Problem::OutOfRange { min: 1, max }));
            }
        }
        if self.response_hours > self.resolution_hours && errors.is_empty() {
            errors.push(FieldError::new("resolution_hours", Problem::MinAboveMax));
        }
        if self.entitlements.len() > MAX_ENTITLEMENTS {
            errors.push(FieldError::new("entitlements", Problem::OutOfRange { min: 0, max: MAX_ENTITLEMENTS as i64 }));
        }
        for text in &self.entitlements {
            check(&mut errors, "entitlements", text, ENTITLEMENT_CHARS, true);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(errors))
        }
    }
}

/// The sample standard of a tier, drawn from the seeds: A monthly visits and a 2 h / 8 h green
/// channel with both managers, B quarterly and 4 h / 24 h with a dedicated manager, C
/// half-yearly and 8 h / 48 h.
pub fn sample(tier: Tier) -> ServiceStandard {
    let entitlements = |items: &[&str]| items.iter().map(|s| s.to_string()).collect();
    match tier {
        Tier::A => ServiceStandard {
            tier,
            visit_every_months: 1,
            response_hours: 2,
            resolution_hours: 8,
            dedicated_manager: true,
            vip_manager: true,
            key_person_confirm_days: 90,
            entitlements: entitlements(&[
                "专属客户经理一对一负责",
                "项目经理制与技术项目组",
                "绿色通道优先受理、全程督办",
                "节日与生日关怀",
                "定期业务分析与解决方案",
                "资费优惠",
            ]),
        },
        Tier::B => ServiceStandard {
            tier,
            visit_every_months: 3,
            response_hours: 4,
            resolution_hours: 24,
            dedicated_manager: true,
            vip_manager: false,
            key_person_confirm_days: 180,
            entitlements: entitlements(&["专属客户经理", "绿色通道受理", "节日关怀", "资费优惠"]),
        },
        Tier::C => ServiceStandard {
            tier,
            visit_every_months: 6,
            response_hours: 8,
            resolution_hours: 48,
            dedicated_manager: false,
            vip_manager: false,
            key_person_confirm_days: 365,
            entitlements: entitlements(&["客户经理联系", "绿色通道受理"]),
        },
    }
}

/// The sample standards of every tier, in tier order.
pub fn defaults() -> Vec<ServiceStandard> {
    Tier::ALL.iter().map(|tier| sample(*tier)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(standard: &ServiceStandard) -> Vec<String> {
        match standard.validate() {
            Err(Error::Validation(errors)) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected validation errors, got {other:?}"),
        }
    }

    #[test]
    fn the_sample_standards_are_valid_and_slower_down_the_tiers() {
        let all = defaults();
        assert_eq!(all.iter().map(|s| s.tier).collect::<Vec<_>>(), Tier::ALL, "one standard per tier, in order");
        assert!(
            all.windows(2).all(|w| w[0].visit_every_months <= w[1].visit_every_months && w[0].response_hours <= w[1].response_hours),
            "a higher tier is visited at least as often and answered at least as fast"
        );
        for s in &all {
            assert!(s.validate().is_ok(), "the sample {:?} must pass its own checks", s.tier);
        }
    }

    #[test]
    fn out_of_range_times_and_a_response_slower_than_the_resolution_are_refused() {
        let mut s = defaults().remove(0);
        s.visit_every_months = 0;
        s.response_hours = 721;
        assert_eq!(fields(&s), ["visit_every_months", "response_hours"], "each bad field is named, all at once");
        let mut s = defaults().remove(0);
        s.response_hours = 10;
        s.resolution_hours = 8;
        assert_eq!(fields(&s), ["resolution_hours"], "resolving cannot take less time than answering");
        let mut s = defaults().remove(0);
        s.entitlements.push("  ".into());
        assert_eq!(fields(&s), ["entitlements"], "an empty entitlement is a mistake, not a service");
    }
}
