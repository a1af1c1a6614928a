//! The weekly report (周报): the dashboard on a day, for the campaign or one team, with the
//! late plan items and open warnings it lists, written as an A4 PDF (`document.rs`, through
//! `report_pdf`) or as an Excel workbook with real numbers and native charts (`workbook.rs`).
//! Both carry the same sections in the same order; labels come in Chinese or English.

mod document;
mod figures;
mod workbook;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::file_name;
use super::report_pdf::{write_pdf, FontSource, ReportDocument};
use crate::domain::dashboard::Dashboard;
use crate::domain::ids::{CampaignId, TeamId};
use crate::domain::report_lists::{LateItem, OpenWarning};
use crate::domain::tracker::Lang;
use crate::error::{Entity, Error, Result};
use crate::store::Store;

/// The two files the report is written as, told apart by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Pdf,
    Xlsx,
}

impl ReportFormat {
    /// The format `path` names by its extension (any case); another extension, or none, is
    /// refused with the file named rather than guessed at.
    pub fn of(path: &Path) -> Result<ReportFormat> {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("pdf") => Ok(ReportFormat::Pdf),
            Some("xlsx") => Ok(ReportFormat::Xlsx),
            _ => Err(Error::ReportFormat { file: path.display().to_string() }),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "pdf",
            ReportFormat::Xlsx => "xlsx",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportOptions {
    pub campaign_id: CampaignId,
    pub as_of: NaiveDate,
    /// One team's report; the whole campaign's when none.
    pub team: Option<TeamId>,
    pub lang: Lang,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct ReportSummary {
    pub file: String,
    pub format: ReportFormat,
    /// The file's size in bytes.
    pub bytes: u32,
}

/// Everything the report shows, read once so both formats print the same figures.
#[derive(Debug, Clone)]
pub struct WeeklyReport {
    pub dashboard: Dashboard,
    pub late_items: Vec<LateItem>,
    pub open_warnings: Vec<OpenWarning>,
}

/// Reads the dashboard and the report's lists on the day, narrowed to the team when given.
pub fn gather(store: &Store, opts: &ReportOptions) -> Result<WeeklyReport> {
    let dashboards = store.dashboards();
    Ok(WeeklyReport {
        dashboard: dashboards.read(opts.campaign_id, opts.as_of, opts.team)?,
        late_items: dashboards.late_items(opts.campaign_id, opts.as_of, opts.team)?,
        open_warnings: dashboards.open_warnings(opts.campaign_id, opts.as_of, opts.team)?,
    })
}

/// The team called `name` (exactly, as typed on the command line); an unknown name is an
/// error naming it, never the whole campaign's report instead.
pub fn team_named(store: &Store, name: &str) -> Result<TeamId> {
    let teams = store.org().teams()?;
    teams.iter().find(|t| t.name == name).map(|t| t.id).ok_or_else(|| Error::NotFound { entity: Entity::Team, key: name.to_string() })
}

/// The report as a PDF document model (cover, sections, charts).
pub fn pdf_document(report: &WeeklyReport, lang: Lang) -> ReportDocument {
    document::build(report, lang)
}

/// The name the save dialog offers: `长城计划_周报_2026-11-22.pdf`, with the team when there is one.
pub fn suggested_file_name(campaign: &str, team: Option<&str>, as_of: NaiveDate, lang: Lang, format: ReportFormat) -> String {
    file_name::report_name(campaign, team, lang.pick("周报", "weekly-report"), as_of, format.extension())
}

/// Writes the report to `path` in the format its extension names. The file appears whole or
/// not at all: it is written beside its destination and moved into place.
pub fn write_report(store: &Store, path: &Path, opts: &ReportOptions) -> Result<ReportSummary> {
    let format = ReportFormat::of(path)?;
    let report = gather(store, opts)?;
    let bytes = match format {
        ReportFormat::Pdf => write_pdf(&document::build(&report, opts.lang), &FontSource::noto_sans_sc())?,
        ReportFormat::Xlsx => workbook::build(&report, opts.lang)?,
    };
    let partial = partial_path(path);
    let written = std::fs::write(&partial, &bytes).and_then(|()| std::fs::rename(&partial, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(std::io::Error::new(e.kind(), format!("{}: {e}", path.display())).into());
    }
    Ok(ReportSummary { file: path.display().to_string(), format, bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX) })
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_names_the_format_and_anything_else_names_the_file() {
        assert_eq!(ReportFormat::of(Path::new("/t/周报.PDF")).expect("pdf"), ReportFormat::Pdf, "any case");
        assert_eq!(ReportFormat::of(Path::new("/t/周报.xlsx")).expect("xlsx"), ReportFormat::Xlsx);
        for bad in ["/t/周报.docx", "/t/周报", "/t/周报.pdf.bak", "bad.txt"] {
            let err = ReportFormat::of(Path::new(bad)).expect_err("not a report format");
            assert!(err.message_zh().contains(bad) && err.message_en().contains(bad), "the message names {bad}: {}", err.message_en());
            assert!(err.is_user_error(), "a wrong extension is the user's to fix");
        }
    }

    #[test]
    fn the_offered_name_carries_campaign_team_and_day() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        assert_eq!(suggested_file_name("长城计划", None, day, Lang::Zh, ReportFormat::Pdf), "长城计划_周报_2026-11-22.pdf");
        assert_eq!(
            suggested_file_name("长城计划", Some("城东/一组"), day, Lang::En, ReportFormat::Xlsx),
            "长城计划_城东_一组_weekly-report_2026-11-22.xlsx",
            "a team name with a separator still makes one file name"
        );
    }
}
