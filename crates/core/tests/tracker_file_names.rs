//! Where trackers land on disk: one file per team however the teams are named, and a workbook
//! always ending in .xlsx. Written to a real folder from a real database and read back.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Reader, Xlsx};
use chrono::NaiveDate;
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::tracker::Lang;
use rampart_core::export::{export_team_trackers, export_tracker, TrackerOptions};
use rampart_core::{demo, Store};

fn options(campaign: CampaignId) -> TrackerOptions {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    TrackerOptions { campaign_id: campaign, team: None, lang: Lang::Zh, today, now: today.and_hms_opt(10, 0, 0).expect("time") }
}

/// The 范围 (scope) line of the overview sheet: which team the file was written for.
fn scope(path: &Path) -> String {
    let mut book: Xlsx<_> = open_workbook(path).expect("calamine opens the tracker");
    let overview = book.worksheet_range_at(0).expect("an overview sheet").expect("readable");
    let row = overview.rows().find(|r| r.first() == Some(&Data::String("范围".into()))).expect("a scope line");
    row[1].to_string()
}

#[test]
fn every_team_gets_its_own_file_even_when_names_clash_or_run_long() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("rampart.db")).expect("store");
    let campaign = demo::seed_demo(&store, NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")).expect("demo");
    let long = "北区城区网格服务团队".repeat(10);
    for name in ["北区/一组", "北区:一组", &long] {
        store.org().ensure_team(name).expect("team");
    }
    let out = dir.path().join("trackers");
    let written = export_team_trackers(&store, &out, &options(campaign), &mut |_| true).expect("every team's tracker is written");

    let teams = store.org().teams().expect("teams");
    assert_eq!(written.len(), teams.len(), "one tracker per team");
    let files: HashSet<PathBuf> = written.iter().map(|w| PathBuf::from(&w.file)).collect();
    assert_eq!(files.len(), teams.len(), "no two teams may share a file: {files:?}");
    assert_eq!(std::fs::read_dir(&out).expect("folder").count(), teams.len(), "and no file was overwritten or left half-written");
    for w in &written {
        let path = Path::new(&w.file);
        assert_eq!(path.parent(), Some(out.as_path()), "{} stays in the chosen folder", w.file);
        assert_eq!(path.extension().and_then(|e| e.to_str()), Some("xlsx"));
        let team = w.team.as_deref().expect("a team's tracker names its team");
        assert_eq!(scope(path), team, "{} holds {team}'s tracker, not another team's", w.file);
    }
    assert!(written.iter().any(|w| w.team.as_deref() == Some(long.as_str())), "the 100-character team was written too");
}

#[test]
fn a_tracker_saved_without_an_extension_gets_xlsx() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("rampart.db")).expect("store");
    let campaign = demo::seed_demo(&store, NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")).expect("demo");
    let summary = export_tracker(&store, &dir.path().join("长城计划-跟踪表"), &options(campaign), &mut |_| true).expect("written");
    let expected = dir.path().join("长城计划-跟踪表.xlsx");
    assert_eq!(PathBuf::from(&summary.file), expected, "the summary names the file actually written");
    assert!(expected.is_file(), "a spreadsheet program opens it by its extension");
    assert!(!dir.path().join("长城计划-跟踪表").exists(), "no extension-less copy is left");
}
