//! Excel out: the tracker workbook district teams fill in and send back. PDF out: reports.

pub mod client_list;
mod client_sheets;
mod fibre_sheet;
pub mod file_name;
pub mod import_template;
mod layout;
mod plan_sheet;
mod points_sheet;
pub mod points_statement;
pub mod report_pdf;
mod row_stream;
pub mod send_list;
mod splice;
mod standings_sheet;
pub mod team_tracker;
pub mod tracker;
mod visit_sheet;
mod warning_sheet;
pub mod weekly_report;

pub use tracker::{export_team_trackers, export_tracker, TrackerOptions, TrackerSummary};
