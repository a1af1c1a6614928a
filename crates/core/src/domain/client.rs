//! Target clients (目标客户), their contracts, and how the client table is queried.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::text::check;
use crate::domain::ids::{CampaignId, PersonId, TeamId};
use crate::error::{Error, FieldError, Problem, Result};
use crate::money::Money;

coded_enum!(Category {
    Strategic = "strategic", "战略客户", "Strategic";
    LocalKey = "local_key", "本地网重点客户", "Local-network key";
    Campus = "campus", "校园", "Campus";
    Sme = "sme", "中小企业", "SME";
});

coded_enum!(Tier {
    A = "A", "A级", "Tier A";
    B = "B", "B级", "Tier B";
    C = "C", "C级", "Tier C";
});

coded_enum!(ProductType {
    FiberOnly = "fiber_only", "纯光纤", "Fibre only";
    Bundle = "bundle", "综合业务（含光纤）", "Bundle with fibre";
    Broadband = "broadband", "宽带", "Broadband";
    Mobile = "mobile", "移动", "Mobile";
});

/// A new contract, as the demo seed and the importer write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContract {
    pub number: String,
    pub product_type: ProductType,
    pub monthly_fee: Money,
    pub dec_fee: Money,
    pub term_months: i64,
    pub end_date: Option<NaiveDate>,
    pub fiber_to_premises: bool,
}

impl NewContract {
    /// Fees and term inside the ranges every figure built on them assumes.
    pub fn validate(&self) -> Result<()> {
        let mut errors = Vec::new();
        for (field, fee) in [("monthly_fee", self.monthly_fee), ("dec_fee", self.dec_fee)] {
            if !super::limits::FEE.contains(fee) {
                errors.push(FieldError::new(field, super::limits::FEE.problem()));
            }
        }
        if !super::limits::TERM_MONTHS.contains(&self.term_months) {
            let (min, max) = (*super::limits::TERM_MONTHS.start(), *super::limits::TERM_MONTHS.end());
            errors.push(FieldError::new("term_months", Problem::OutOfRange { min, max }));
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Contract {
    pub id: i64,
    pub number: String,
    pub product_type: ProductType,
    pub monthly_fee: Money,
    /// What the contract produced last December: the cross-subsidy base.
    pub dec_fee: Money,
    pub term_months: i64,
    pub end_date: Option<NaiveDate>,
    pub fiber_to_premises: bool,
}

/// One line of the client table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct ClientRow {
    pub id: super::ids::ClientId,
    pub code: String,
    pub name: String,
    pub category: Category,
    pub tier: Tier,
    pub industry: String,
    pub district: String,
    pub team_id: Option<TeamId>,
    pub team: Option<String>,
    pub account_manager_id: Option<PersonId>,
    pub account_manager: Option<String>,
    pub contract_count: i64,
    pub monthly_fee: Money,
    /// High-risk flags against the queried campaign's thresholds (empty without a campaign).
    pub risks: Vec<super::risk::RiskFlag>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct ClientDetail {
    #[serde(flatten)]
    pub row: ClientRow,
    pub key_person: String,
    pub key_person_phone: String,
    pub notes: String,
    /// The VIP account manager told of the client's tasks beside its account manager.
    pub vip_manager_id: Option<PersonId>,
    pub vip_manager: Option<String>,
    pub contracts: Vec<Contract>,
    pub campaign_ids: Vec<CampaignId>,
}

impl ClientDetail {
    /// The client as its edit form holds it: change a field and save it back.
    pub fn to_input(&self) -> ClientInput {
        ClientInput {
            code: self.row.code.clone(),
            name: self.row.name.clone(),
            category: self.row.category.code().into(),
            tier: self.row.tier.code().into(),
            industry: self.row.industry.clone(),
            district: self.row.district.clone(),
            team_id: self.row.team_id,
            account_manager_id: self.row.account_manager_id,
            key_person: self.key_person.clone(),
            key_person_phone: self.key_person_phone.clone(),
            notes: self.notes.clone(),
        }
    }
}

/// A client as the planner creates or edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct ClientInput {
    pub code: String,
    pub name: String,
    pub category: String,
    pub tier: String,
    #[serde(default)]
    pub industry: String,
    #[serde(default)]
    pub district: String,
    #[serde(default)]
    pub team_id: Option<TeamId>,
    #[serde(default)]
    pub account_manager_id: Option<PersonId>,
    #[serde(default)]
    pub key_person: String,
    #[serde(default)]
    pub key_person_phone: String,
    #[serde(default)]
    pub notes: String,
}

/// A client input that passed validation, with its codes resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidClient {
    pub code: String,
    pub name: String,
    pub category: Category,
    pub tier: Tier,
    pub industry: String,
    pub district: String,
    pub team_id: Option<TeamId>,
    pub account_manager_id: Option<PersonId>,
    pub key_person: String,
    pub key_person_phone: String,
    pub notes: String,
}

impl ClientInput {
    pub fn validated(&self) -> Result<ValidClient> {
        let mut errors = Vec::new();
        let code = super::text::fold_code(&check(&mut errors, "code", &self.code, 40, true));
        let name = check(&mut errors, "name", &self.name, 100, true);
        let category = Category::from_code(self.category.trim());
        if category.is_none() {
            errors.push(FieldError::new("category", Problem::NotOneOf { allowed: Category::codes() }));
        }
        let tier = Tier::from_code(self.tier.trim());
        if tier.is_none() {
            errors.push(FieldError::new("tier", Problem::NotOneOf { allowed: Tier::codes() }));
        }
        let industry = check(&mut errors, "industry", &self.industry, 40, false);
        let district = check(&mut errors, "district", &self.district, 40, false);
        let key_person = check(&mut errors, "key_person", &self.key_person, 40, false);
        let key_person_phone = check(&mut errors, "key_person_phone", &self.key_person_phone, 30, false);
        if !key_person_phone.is_empty() && !key_person_phone.chars().all(|c| c.is_ascii_digit() || "-+ ()".contains(c)) {
            errors.push(FieldError::new("key_person_phone", Problem::NotAPhone));
        }
        let notes = check(&mut errors, "notes", &self.notes, 2000, false);
        match (category, tier, errors.is_empty()) {
            (Some(category), Some(tier), true) => Ok(ValidClient {
                code,
                name,
                category,
                tier,
                industry,
                district,
                team_id: self.team_id,
                account_manager_id: self.account_manager_id,
                key_person,
                key_person_phone,
                notes,
            }),
            _ => Err(Error::Validation(errors)),
        }
    }
}

/// Columns the client table can sort by; anything else is refused rather than spliced into SQL.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ClientSort {
    #[default]
    Code,
    Name,
    Category,
    Tier,
    Industry,
    District,
    Team,
    AccountManager,
}

/// Filters, sort and page of the client table, all applied in SQL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(default)]
pub struct ClientQuery {
    pub campaign_id: Option<CampaignId>,
    /// Matches the client code or name anywhere.
    pub search: Option<String>,
    pub category: Option<Category>,
    pub tier: Option<Tier>,
    pub team_id: Option<TeamId>,
    pub account_manager_id: Option<PersonId>,
    /// Only high-risk targets (needs `campaign_id`): any flag, or one.
    pub risk: Option<RiskFilter>,
    /// Only targets still without this (needs `campaign_id`): with `risk`, the gaps the
    /// dashboard counts.
    pub lacking: Option<Lacking>,
    pub sort: ClientSort,
    pub descending: bool,
    pub offset: i64,
    /// Zero means the default page of 50.
    pub limit: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RiskFilter {
    Any,
    Expiring,
    HighSpend,
    HighPrice,
}

/// What a target may still lack in a campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Lacking {
    /// No cross-subsidy above zero in the campaign.
    Subsidy,
    /// No live plan (一户一案) in the campaign.
    Plan,
    /// No fibre-to-the-premises contract.
    Fibre,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Page<T> {
    pub total: i64,
    pub rows: Vec<T>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ClientInput {
        ClientInput {
            code: " GW000001 ".into(),
            name: "徐州市公安局".into(),
            category: "strategic".into(),
            tier: "A".into(),
            industry: "政府机关".into(),
            district: "鼓楼区".into(),
            team_id: None,
            account_manager_id: None,
            key_person: "王主任".into(),
            key_person_phone: "0516-83001234".into(),
            notes: String::new(),
        }
    }

    #[test]
    fn accepts_and_resolves_codes() {
        let ok = input().validated().expect("valid");
        assert_eq!(ok.code, "GW000001", "codes are compared exactly, so stray spaces must go");
        let folded = ClientInput { code: "ｇｗ000001".into(), ..input() }.validated().expect("valid");
        assert_eq!(folded.code, "GW000001", "a full-width, lower-case code is stored in its one canonical spelling");
        assert_eq!(ok.category, Category::Strategic);
        assert_eq!(ok.tier, Tier::A);
    }

    #[test]
    fn refuses_unknown_category_tier_and_bad_phone() {
        let mut bad = input();
        bad.category = "vip".into();
        bad.tier = "D".into();
        bad.key_person_phone = "call me".into();
        bad.name = "徐州\0公安局".into();
        let Err(Error::Validation(fields)) = bad.validated() else { panic!("must be refused") };
        let names: Vec<_> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["name", "category", "tier", "key_person_phone"], "a NUL in a name is a problem, not data");
    }

    #[test]
    fn codes_round_trip_and_labels_are_chinese() {
        for c in Category::ALL {
            assert_eq!(Category::from_code(c.code()), Some(*c));
        }
        assert_eq!(Category::LocalKey.label_zh(), "本地网重点客户");
        assert_eq!(ProductType::from_code("fiber_only"), Some(ProductType::FiberOnly));
    }
}
