//! High competition-risk clients (高竞争风险客户, strategy 1): an agreement about to expire,
//! high telecom spend, or a single product priced high. Thresholds are campaign settings.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{limits, Contract, ProductType};
use crate::error::{Error, FieldError, Problem, Result};
use crate::money::Money;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RiskFlag {
    /// An agreement ends before the campaign ends, or within the window after it.
    Expiring,
    /// The client's monthly fees together exceed the high-spend threshold.
    HighSpend,
    /// A broadband (AD) single-product contract costs more than the threshold a month: the
    /// "super AD" tariff that competitors undercut (strategy 3: 超级 AD 资费 500 元以上的单产品).
    HighPrice,
}

impl RiskFlag {
    pub const ALL: [RiskFlag; 3] = [RiskFlag::Expiring, RiskFlag::HighSpend, RiskFlag::HighPrice];

    pub fn label_zh(self) -> &'static str {
        match self {
            RiskFlag::Expiring => "协议到期",
            RiskFlag::HighSpend => "通信费用高",
            RiskFlag::HighPrice => "宽带单产品价格高",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            RiskFlag::Expiring => "Agreement expiring",
            RiskFlag::HighSpend => "High spend",
            RiskFlag::HighPrice => "High broadband price",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct RiskSettings {
    pub expiry_window_days: i64,
    /// Monthly fees of all a client's contracts together.
    pub high_spend: Money,
    /// Monthly fee of one broadband (AD) contract.
    pub high_price: Money,
}

impl Default for RiskSettings {
    fn default() -> Self {
        RiskSettings { expiry_window_days: 90, high_spend: Money::from_yuan(5_000), high_price: Money::from_yuan(500) }
    }
}

impl RiskSettings {
    pub fn validated(self) -> Result<RiskSettings> {
        let mut errors = Vec::new();
        if !(0..=3_650).contains(&self.expiry_window_days) {
            errors.push(FieldError::new("expiry_window_days", Problem::OutOfRange { min: 0, max: 3_650 }));
        }
        if !limits::HIGH_SPEND.contains(self.high_spend) {
            errors.push(FieldError::new("high_spend", limits::HIGH_SPEND.problem()));
        }
        if !limits::HIGH_PRICE.contains(self.high_price) {
            errors.push(FieldError::new("high_price", limits::HIGH_PRICE.problem()));
        }
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(Error::Validation(errors))
        }
    }

    /// The latest agreement end date that still counts as expiring.
    pub fn expiry_cutoff(&self, campaign_end: NaiveDate) -> NaiveDate {
        campaign_end + chrono::Duration::days(self.expiry_window_days)
    }
}

/// A flag with the reason a planner reads next to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct RiskReason {
    pub flag: RiskFlag,
    pub zh: String,
    pub en: String,
}

/// Every flag a client has, with why, in the order of `RiskFlag::ALL`.
pub fn assess(settings: &RiskSettings, campaign_end: NaiveDate, contracts: &[Contract]) -> Vec<RiskReason> {
    let mut reasons = Vec::new();
    let cutoff = settings.expiry_cutoff(campaign_end);
    if let Some((number, end)) =
        contracts.iter().filter_map(|k| k.end_date.map(|d| (k.number.as_str(), d))).filter(|(_, d)| *d <= cutoff).min_by_key(|(_, d)| *d)
    {
        let days = (end - campaign_end).num_days();
        let (zh, en) = if days >= 0 {
            (
                format!("协议 {end} 到期，距活动结束 {days} 天"),
                format!("agreement {number} ends {end}, {days} days after the campaign ends"),
            )
        } else {
            (
                format!("协议 {end} 到期，在活动结束前 {} 天", -days),
                format!("agreement {number} ends {end}, {} days before the campaign ends", -days),
            )
        };
        reasons.push(RiskReason { flag: RiskFlag::Expiring, zh, en });
    }
    let spend: Money = contracts.iter().map(|k| k.monthly_fee).sum();
    if spend > settings.high_spend {
        reasons.push(RiskReason {
            flag: RiskFlag::HighSpend,
            zh: format!("月通信费用合计 {spend} 元，超过 {} 元", settings.high_spend),
            en: format!("monthly fees total {spend}, above {}", settings.high_spend),
        });
    }
    if let Some(k) = contracts
        .iter()
        .filter(|k| k.product_type == ProductType::Broadband && k.monthly_fee > settings.high_price)
        .max_by_key(|k| k.monthly_fee)
    {
        reasons.push(RiskReason {
            flag: RiskFlag::HighPrice,
            zh: format!("宽带合同 {} 月费 {} 元，超过单产品 {} 元", k.number, k.monthly_fee, settings.high_price),
            en: format!("broadband contract {} costs {} a month, above {} for one product", k.number, k.monthly_fee, settings.high_price),
        });
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contract(number: &str, fee: i64, end: Option<(i32, u32, u32)>) -> Contract {
        Contract {
            id: 0,
            number: number.into(),
            product_type: ProductType::Broadband,
            monthly_fee: Money::from_yuan(fee),
            dec_fee: Money::ZERO,
            term_months: 12,
            end_date: end.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            fiber_to_premises: false,
        }
    }

    fn end() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 31).expect("date")
    }

    #[test]
    fn the_issue_example_reads_as_written() {
        let r = assess(&RiskSettings::default(), end(), &[contract("HT1", 100, Some((2027, 1, 15)))]);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].zh, "协议 2027-01-15 到期，距活动结束 15 天");
    }

    #[test]
    fn expiry_window_edges() {
        let s = RiskSettings { expiry_window_days: 15, ..RiskSettings::default() };
        assert_eq!(assess(&s, end(), &[contract("A", 1, Some((2027, 1, 15)))]).len(), 1, "exactly at the window's end counts");
        assert!(assess(&s, end(), &[contract("A", 1, Some((2027, 1, 16)))]).is_empty(), "one day later does not");
        let before = assess(&s, end(), &[contract("A", 1, Some((2026, 11, 30)))]);
        assert_eq!(before[0].zh, "协议 2026-11-30 到期，在活动结束前 31 天");
        assert!(assess(&s, end(), &[contract("A", 1, None)]).is_empty(), "no end date, no expiry flag");
    }

    #[test]
    fn spend_and_price_thresholds_are_strictly_above() {
        let s = RiskSettings::default();
        let at = assess(&s, end(), &[contract("A", 500, None), contract("B", 4_500, None)]);
        assert_eq!(at.iter().map(|r| r.flag).collect::<Vec<_>>(), [RiskFlag::HighPrice], "5,000 total is not above 5,000; 4,500 > 500");
        let over = assess(&s, end(), &[contract("A", 501, None), contract("B", 4_500, None)]);
        assert_eq!(over.iter().map(|r| r.flag).collect::<Vec<_>>(), [RiskFlag::HighSpend, RiskFlag::HighPrice]);
        assert_eq!(over[1].zh, "宽带合同 B 月费 4,500.00 元，超过单产品 500.00 元");
        let mut fibre = contract("F", 4_500, None);
        fibre.product_type = ProductType::FiberOnly;
        assert!(assess(&s, end(), &[fibre]).is_empty(), "only broadband single products count as high-priced");
    }
}
