//! Row ids by what they name, so a plan's id cannot be passed where a warning's is meant. Each
//! is an `i64` on the wire and in the database (`serde(transparent)`; SQL conversions in
//! `store/codes.rs`), so JSON and stored rows are the same as with bare integers.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)+) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "bindings", derive(specta::Type))]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl From<i64> for $name {
            fn from(id: i64) -> Self {
                $name(id)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )+};
}

ids! {
    /// A campaign (活动).
    CampaignId;
    /// A target client.
    ClientId;
    /// A team.
    TeamId;
    /// A person: account manager, item owner, award entrant.
    PersonId;
    /// A one-client-one-plan service plan.
    PlanId;
    /// One item of a plan.
    PlanItemId;
    /// A broadband early warning.
    WarningId;
    /// An award.
    AwardId;
    /// A campaign goal (活动目的).
    GoalId;
    /// A battle or workstream of the strategy skeleton.
    PartId;
    /// A KPI of a goal or of a battle or workstream.
    KpiId;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_a_bare_integer_in_json() {
        assert_eq!(serde_json::to_string(&PlanId(7)).expect("json"), "7", "the UI sees the same number as before");
        let back: WarningId = serde_json::from_str("12").expect("read");
        assert_eq!(back, WarningId(12));
    }
}
