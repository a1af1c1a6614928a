//! Types and rules of the campaign domain. No SQL here.

pub mod achievement;
pub mod awards;
pub mod campaign;
pub mod care;
pub mod client;
pub mod client_field;
pub mod contact;
pub mod dashboard;
pub mod fibre;
pub mod green_channel;
pub mod ids;
pub mod kpi;
pub mod limits;
pub mod org;
pub mod plan;
pub mod prizes;
pub mod ranking;
pub mod report_lists;
pub mod risk;
pub mod service_standard;
pub mod skeleton;
pub mod standings;
pub mod subsidy;
pub mod subsidy_tally;
mod text;
pub mod tie_break;
pub mod tracker;
pub mod visit;
pub mod warning;

pub use text::{fold_code, fold_header, fold_width, has_control};

pub use campaign::{Campaign, CampaignInput, CampaignStatus, CampaignSummary};
pub use client::{
    Category, ClientDetail, ClientInput, ClientQuery, ClientRow, ClientSort, Contract, Lacking, Page, ProductType, RiskFilter, Tier,
};
pub use org::{Person, Role, Team};
