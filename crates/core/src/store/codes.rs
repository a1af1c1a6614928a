//! The domain's closed sets of codes as SQLite stores them: one `ToSql`/`FromSql` pair per
//! enum, written once here, so no query spells a code or parses one by hand. A stored code
//! this build does not know (a file edited by hand, or written by a newer build) is an error
//! naming the column it came from, never a guess.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::basis_points::BasisPoints;
use crate::domain::awards::{AwardKind, Scope};
use crate::domain::campaign::CampaignStatus;
use crate::domain::contact::ContactAction;
use crate::domain::ids::{AwardId, CampaignId, ClientId, GoalId, KpiId, PartId, PersonId, PlanId, PlanItemId, TeamId, WarningId};
use crate::domain::org::Role;
use crate::domain::plan::{ItemKind, ItemStatus};
use crate::domain::subsidy::{RuleSetEvent, RuleSetKind};
use crate::domain::warning::{BillingPeriod, ErosionBasis, KeyPersonSource, WarningComparison, WarningReason, WarningStatus};
use crate::domain::{Category, ProductType, Tier};
use crate::timestamp::Timestamp;

/// A stored text that is not one of its column's codes.
#[derive(Debug, thiserror::Error)]
#[error("unknown code {code:?} in {column}")]
pub struct UnknownCode {
    /// `table.column` where the code is stored.
    pub column: &'static str,
    pub code: String,
}

macro_rules! sql_code {
    ($($name:ty => $column:literal,)+) => {$(
        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.code()))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                <$name>::from_code(text).ok_or_else(|| FromSqlError::Other(Box::new(UnknownCode { column: $column, code: text.to_string() })))
            }
        }
    )+};
}

sql_code! {
    Category => "clients.category",
    Tier => "clients.tier",
    ProductType => "contracts.product_type",
    CampaignStatus => "campaigns.status",
    ItemKind => "plan_items.kind",
    ItemStatus => "plan_items.status",
    WarningReason => "warnings.reason",
    WarningStatus => "warnings.status",
    WarningComparison => "warnings.comparison",
    ErosionBasis => "campaigns.erosion_basis",
    KeyPersonSource => "key_person_changes.source",
    ContactAction => "contact_changes.action",
    RuleSetKind => "rule_sets.kind",
    RuleSetEvent => "rule_sets.event",
    Scope => "award_targets.scope",
    AwardKind => "awards.kind",
    Role => "people.role",
}

macro_rules! sql_id {
    ($($name:ty,)+) => {$(
        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.0))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map(Self)
            }
        }
    )+};
}

sql_id! { CampaignId, ClientId, TeamId, PersonId, PlanId, PlanItemId, WarningId, AwardId, GoalId, PartId, KpiId, BasisPoints, }

impl ToSql for BillingPeriod {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl ToSql for Timestamp {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for Timestamp {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        Timestamp::parse(text)
            .ok_or_else(|| FromSqlError::Other(Box::new(UnknownCode { column: "a timestamp column", code: text.to_string() })))
    }
}

/// Periods are stored as "2026-10"; anything else in a period column is refused, not guessed.
impl FromSql for BillingPeriod {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        BillingPeriod::parse(text)
            .filter(|p| p.as_str() == text)
            .ok_or_else(|| FromSqlError::Other(Box::new(UnknownCode { column: "a billing period column", code: text.to_string() })))
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::*;

    #[test]
    fn every_code_reads_back_as_itself() {
        let conn = Connection::open_in_memory().expect("memory");
        let back = |v: &dyn ToSql| -> String { conn.query_row("SELECT ?1", [v], |r| r.get(0)).expect("round trip") };
        for status in ItemStatus::ALL {
            assert_eq!(back(&status), status.code(), "a status is stored as its code");
            let read: ItemStatus = conn.query_row("SELECT ?1", [status], |r| r.get(0)).expect("read");
            assert_eq!(read, status, "and read back as the same status");
        }
        for scope in [Scope::Team, Scope::Person] {
            let read: Scope = conn.query_row("SELECT ?1", [scope], |r| r.get(0)).expect("read");
            assert_eq!(read, scope, "a scope reads back as itself");
        }
    }

    #[test]
    fn an_unknown_code_is_an_error_naming_its_column() {
        let conn = Connection::open_in_memory().expect("memory");
        let err = conn.query_row("SELECT 'finished'", [], |r| r.get::<_, ItemStatus>(0)).expect_err("not a status");
        assert!(err.to_string().contains("plan_items.status") && err.to_string().contains("finished"), "{err}");
        let err = conn.query_row("SELECT 'league'", [], |r| r.get::<_, AwardKind>(0)).expect_err("not a kind");
        assert!(err.to_string().contains("awards.kind"), "an award's kind is not guessed: {err}");
    }

    #[test]
    fn a_billing_period_is_stored_as_year_and_month_and_nothing_else_reads_as_one() {
        let conn = Connection::open_in_memory().expect("memory");
        let period = BillingPeriod::parse("2026年3月").expect("a period");
        let back: String = conn.query_row("SELECT ?1", [&period], |r| r.get(0)).expect("round trip");
        assert_eq!(back, "2026-03", "stored in the sortable form");
        let read: BillingPeriod = conn.query_row("SELECT '2026-03'", [], |r| r.get(0)).expect("read");
        assert_eq!(read, period, "and read back as the same period");
        for stored in ["202603", "2026-3", "2026-13"] {
            conn.query_row("SELECT ?1", [stored], |r| r.get::<_, BillingPeriod>(0))
                .expect_err("a stored period must be in its one stored form, not a spelling the import accepts");
        }
    }
}
