//! Types and rules of the campaign domain. No SQL here.

/// Declares a closed set of codes with labels in both languages; the codes are what the
/// database stores, and `parse` reads a code or either label as a planner types it.
macro_rules! coded_enum {
    ($name:ident { $($variant:ident = $code:literal, $zh:literal, $en:literal;)+ }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "bindings", derive(specta::Type))]
        pub enum $name { $(#[serde(rename = $code)] $variant,)+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];
            pub fn code(self) -> &'static str { match self { $($name::$variant => $code,)+ } }
            pub fn label_zh(self) -> &'static str { match self { $($name::$variant => $zh,)+ } }
            pub fn label_en(self) -> &'static str { match self { $($name::$variant => $en,)+ } }
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
            pub fn parse(text: &str) -> Option<Self> {
                let text = text.trim();
                Self::ALL.iter().copied().find(|v| v.code() == text || v.label_zh() == text || v.label_en().eq_ignore_ascii_case(text))
            }
            pub fn codes() -> String {
                Self::ALL.iter().map(|v| v.code()).collect::<Vec<_>>().join(", ")
            }
        }
    };
}

pub mod access;
pub mod achievement;
pub mod awards;
pub mod campaign;
pub mod care;
pub mod client;
pub mod client_field;
pub mod contact;
pub mod dashboard;
pub mod district_progress;
pub mod fibre;
pub mod green_channel;
pub mod ids;
pub mod kpi;
pub mod limits;
pub mod org;
pub mod plan;
pub mod point_ledger;
pub mod points;
pub mod prizes;
pub mod ranking;
pub mod report_lists;
pub mod risk;
pub mod service_standard;
pub mod skeleton;
pub mod standings;
pub mod subsidy;
pub mod subsidy_tally;
pub mod team;
mod text;
pub mod tie_break;
pub mod tracker;
pub mod visit;
pub mod warning;

pub use text::{fold_code, fold_code_owned, fold_header, fold_width, has_control};

pub use campaign::{Campaign, CampaignInput, CampaignStatus, CampaignSummary};
pub use client::{
    Category, ClientDetail, ClientInput, ClientQuery, ClientRow, ClientSort, Contract, Lacking, Page, ProductType, RiskFilter, Tier,
};
pub use org::{Person, Role, Team};
