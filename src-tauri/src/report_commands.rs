//! The weekly report (导出周报) from the app: pick where to save it in the native dialog, then
//! write it there as PDF or Excel.

use std::path::PathBuf;

use chrono::NaiveDate;
use rampart_core::domain::ids::{CampaignId, TeamId};
use rampart_core::domain::tracker::Lang;
use rampart_core::export::weekly_report::{suggested_file_name, write_report, ReportFormat, ReportOptions, ReportSummary};
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::commands::{with_store, Reply};
use crate::picked_files::{ask, stand_in, Picked, Use};
use crate::AppState;

fn language(store: &rampart_core::Store) -> rampart_core::Result<Lang> {
    Ok(Lang::from_code(&store.settings().get("language")?.unwrap_or_default()))
}

/// `path` with the format's extension unless it already names one of the report's formats (a
/// dialog on Linux adds none, whatever the filter).
fn with_extension(path: PathBuf, format: ReportFormat) -> PathBuf {
    if ReportFormat::of(&path).is_ok() {
        return path;
    }
    let mut name = path.into_os_string();
    name.push(".");
    name.push(format.extension());
    PathBuf::from(name)
}

/// Where to save the report, chosen in the native dialog offering `长城计划_周报_2026-11-22.pdf`;
/// the page gets a token for it. Debug builds take `RAMPART_SAVE_PATH` instead.
#[tauri::command]
#[specta::specta]
pub async fn report_pick_target<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    campaign_id: CampaignId,
    as_of: NaiveDate,
    team_id: Option<TeamId>,
    format: ReportFormat,
) -> Reply<Option<Picked>> {
    let default_name = with_store(&state, |s| {
        let campaign = s.campaigns().get(campaign_id)?;
        let team = team_id.map(|id| s.org().team(id).map(|t| t.name)).transpose()?;
        Ok(suggested_file_name(&campaign.name, team.as_deref(), as_of, language(s)?, format))
    })?;
    let paths = match stand_in("RAMPART_SAVE_PATH") {
        Some(path) => vec![PathBuf::from(path)],
        None => {
            let dialog = app.dialog().file().set_file_name(&default_name);
            // The chosen format's filter first, so the dialog starts on it.
            let dialog = match format {
                ReportFormat::Pdf => dialog.add_filter("PDF", &["pdf"]).add_filter("Excel", &["xlsx"]),
                ReportFormat::Xlsx => dialog.add_filter("Excel", &["xlsx"]).add_filter("PDF", &["pdf"]),
            };
            ask(dialog, |d| d.blocking_save_file().map(|p| vec![p])).await
        }
    };
    // The name shown and the file written agree.
    Ok(state.picked.remember(Use::Save, paths.into_iter().map(|p| with_extension(p, format)).collect()))
}

/// Writes the report to the picked file (its extension gives the format) on a blocking thread,
/// labelled in the app's language.
#[tauri::command]
#[specta::specta]
pub async fn report_export<R: Runtime>(
    app: AppHandle<R>,
    campaign_id: CampaignId,
    target: String,
    as_of: NaiveDate,
    team_id: Option<TeamId>,
) -> Reply<ReportSummary> {
    let path = app.state::<AppState>().picked.path(&target, Use::Save)?;
    let work = tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        with_store(&state, |s| {
            let opts = ReportOptions { campaign_id, as_of, team: team_id, lang: language(s)? };
            write_report(s, &path, &opts)
        })
    });
    work.await.unwrap_or_else(|e| Err(rampart_core::Error::Io(std::io::Error::other(e.to_string())).to_report()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picked_name_gets_the_chosen_format_unless_it_names_one() {
        assert_eq!(with_extension(PathBuf::from("/t/周报"), ReportFormat::Pdf), PathBuf::from("/t/周报.pdf"));
        assert_eq!(
            with_extension(PathBuf::from("/t/周报.xlsx"), ReportFormat::Pdf),
            PathBuf::from("/t/周报.xlsx"),
            "an explicit .xlsx stays"
        );
        assert_eq!(with_extension(PathBuf::from("/t/周报 v1.2"), ReportFormat::Xlsx), PathBuf::from("/t/周报 v1.2.xlsx"));
    }
}
