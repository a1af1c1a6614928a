//! File names made from what planners typed. Campaign and team names become one tracker file
//! per team, so each name must be legal on Windows and Linux, short enough for the file system,
//! and no two teams may end up writing the same file (`北区/一组` and `北区:一组` both sanitise
//! to `北区_一组`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::domain::tracker::Lang;
use crate::domain::Team;

/// ext4 counts 255 bytes, NTFS 255 UTF-16 units; a UTF-8 character is never fewer bytes than
/// UTF-16 units, so 255 bytes bounds both. The tracker is first written as `NAME.partial`.
pub const MAX_NAME_BYTES: usize = 255 - ".partial".len();
/// The campaign part is the same in every team's file; the team part, which tells them apart,
/// gets whatever the campaign leaves.
const MAX_CAMPAIGN_BYTES: usize = 90;
/// `-` and the longest i64 team id, appended when two team names sanitise alike.
const MAX_DISAMBIGUATOR_BYTES: usize = 1 + 20;

/// Saves `book` as `path`, whole or not at all: written beside it as `.partial` and renamed into
/// place, so a failure never leaves half a workbook under the chosen name.
pub(crate) fn save_whole(book: &mut rust_xlsxwriter::Workbook, path: &Path) -> crate::error::Result<()> {
    let partial = path.with_extension("xlsx.partial");
    if let Err(e) = book.save(&partial) {
        let _ = std::fs::remove_file(&partial);
        return Err(e.into());
    }
    std::fs::rename(&partial, path)?;
    Ok(())
}

/// `path` with the `.xlsx` extension: kept when there, appended otherwise (appended rather than
/// swapped, so a chosen name like `跟踪表 v1.2` is not cut to `跟踪表 v1.xlsx`).
pub fn with_xlsx_extension(path: &Path) -> PathBuf {
    match path.extension() {
        Some(ext) if ext.eq_ignore_ascii_case("xlsx") => path.to_path_buf(),
        _ => {
            let mut name = path.as_os_str().to_owned();
            name.push(".xlsx");
            PathBuf::from(name)
        }
    }
}

/// One file name per team, in the order given: `活动-团队-跟踪表.xlsx`. Teams whose names come
/// out the same after sanitising (ignoring case, as Windows and macOS do) get their id added.
pub fn team_tracker_names(campaign: &str, teams: &[Team], lang: Lang) -> Vec<String> {
    let suffix = format!("-{}.xlsx", lang.pick("跟踪表", "tracker"));
    let campaign = safe_part(campaign, MAX_CAMPAIGN_BYTES);
    let team_bytes = MAX_NAME_BYTES - campaign.len() - 1 - MAX_DISAMBIGUATOR_BYTES - suffix.len();
    let parts: Vec<String> = teams.iter().map(|t| safe_part(&t.name, team_bytes)).collect();
    let name = |part: &str, id: Option<i64>| match id {
        Some(id) => format!("{campaign}-{part}-{id}{suffix}"),
        None => format!("{campaign}-{part}{suffix}"),
    };
    let mut uses: HashMap<String, usize> = HashMap::new();
    for part in &parts {
        *uses.entry(part.to_lowercase()).or_default() += 1;
    }
    let names: Vec<String> =
        teams.iter().zip(&parts).map(|(t, part)| name(part, (uses[&part.to_lowercase()] > 1).then_some(t.id.0))).collect();
    if distinct(&names) {
        return names;
    }
    // A team literally named like another's disambiguated name (`北区_一组-3`) can still clash.
    // With an id on every name none can: the id follows the last `-` and ids are unique.
    teams.iter().zip(&parts).map(|(t, part)| name(part, Some(t.id.0))).collect()
}

/// A report's file name, `活动[_团队]_标签_日期.扩展名`, each part made safe for a file name.
pub fn report_name(campaign: &str, team: Option<&str>, label: &str, day: chrono::NaiveDate, extension: &str) -> String {
    let campaign = safe_part(campaign, MAX_CAMPAIGN_BYTES);
    match team {
        Some(team) => format!("{campaign}_{}_{label}_{day}.{extension}", safe_part(team, MAX_CAMPAIGN_BYTES)),
        None => format!("{campaign}_{label}_{day}.{extension}"),
    }
}

fn distinct(names: &[String]) -> bool {
    let mut seen = std::collections::HashSet::new();
    names.iter().all(|n| seen.insert(n.to_lowercase()))
}

/// `text` as part of a file name, at most `max_bytes` long and still whole characters. The
/// character rules (separators and `<>:"|?*`, control characters, `.`/`..`, Windows device
/// names, trailing dots and spaces) come from the sanitize-filename crate.
fn safe_part(text: &str, max_bytes: usize) -> String {
    let options = || sanitize_filename::Options { windows: true, truncate: false, replacement: "_" };
    let mut part = sanitize_filename::sanitize_with_options(text.trim(), options());
    if part.len() > max_bytes {
        let mut end = max_bytes;
        while !part.is_char_boundary(end) {
            end -= 1;
        }
        part.truncate(end);
        // The cut may leave a trailing space or dot; replacing it never makes the part longer.
        part = sanitize_filename::sanitize_with_options(part, options());
    }
    if part.is_empty() {
        part.push('_');
    }
    part
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team(id: i64, name: &str) -> Team {
        Team { id: crate::domain::ids::TeamId(id), name: name.into(), active: true }
    }

    #[test]
    fn names_that_sanitise_alike_get_the_team_id_and_others_stay_plain() {
        let teams = [team(3, "北区/一组"), team(4, "北区:一组"), team(5, "东区")];
        let names = team_tracker_names("长城计划", &teams, Lang::Zh);
        assert_eq!(
            names,
            ["长城计划-北区_一组-3-跟踪表.xlsx", "长城计划-北区_一组-4-跟踪表.xlsx", "长城计划-东区-跟踪表.xlsx"],
            "two teams must never share a file, and a team with a unique name keeps a plain one"
        );
    }

    #[test]
    fn names_differing_only_in_case_are_told_apart_for_windows_and_macos() {
        let names = team_tracker_names("Campaign", &[team(1, "East"), team(2, "east")], Lang::En);
        assert_eq!(
            names,
            ["Campaign-East-1-tracker.xlsx", "Campaign-east-2-tracker.xlsx"],
            "case-insensitive file systems would merge them"
        );
    }

    #[test]
    fn a_team_named_like_a_disambiguated_name_still_gets_its_own_file() {
        let teams = [team(3, "北区/一组"), team(4, "北区:一组"), team(9, "北区_一组-3")];
        let names = team_tracker_names("长城计划", &teams, Lang::Zh);
        assert!(distinct(&names), "every team needs its own file: {names:?}");
        assert_eq!(names[2], "长城计划-北区_一组-3-9-跟踪表.xlsx");
    }

    #[test]
    fn a_100_character_team_name_is_cut_to_fit_at_a_character_boundary() {
        let long = "北".repeat(60) + &"区".repeat(40);
        assert_eq!(long.chars().count(), 100);
        for campaign in ["长城计划", &"活".repeat(100)] {
            let names = team_tracker_names(campaign, &[team(i64::MAX, &long), team(2, &long.replace('区', "/"))], Lang::Zh);
            for name in &names {
                assert!(name.len() <= MAX_NAME_BYTES, "{} bytes do not fit a file name with .partial after it", name.len());
                assert!(name.ends_with("-跟踪表.xlsx"), "the cut must spare the extension: {name}");
                assert!(name.contains(&"北".repeat(20)), "the team's name must still be recognisable: {name}");
            }
            assert_ne!(names[0], names[1]);
        }
    }

    #[test]
    fn characters_windows_or_linux_refuse_are_replaced() {
        let names = team_tracker_names("a\\b*c?", &[team(1, "<x>|\"y\"\n"), team(2, ".."), team(3, "CON"), team(4, "末尾. ")], Lang::En);
        assert_eq!(names[0], "a_b_c_-_x___y_-tracker.xlsx");
        assert!(!names[1].contains(".."), "a team called .. must not name the parent folder: {}", names[1]);
        assert!(!names[2].contains("-CON-"), "CON is a device on Windows: {}", names[2]);
        assert_eq!(names[3], "a_b_c_-末尾_-tracker.xlsx", "Windows drops a trailing dot or space, so two names would meet");
    }

    #[test]
    fn an_export_path_keeps_or_gets_the_xlsx_extension() {
        assert_eq!(with_xlsx_extension(Path::new("/t/东区.xlsx")), Path::new("/t/东区.xlsx"));
        assert_eq!(with_xlsx_extension(Path::new("/t/东区.XLSX")), Path::new("/t/东区.XLSX"));
        assert_eq!(with_xlsx_extension(Path::new("/t/东区")), Path::new("/t/东区.xlsx"));
        assert_eq!(with_xlsx_extension(Path::new("/t/跟踪表 v1.2")), Path::new("/t/跟踪表 v1.2.xlsx"), "the chosen name is kept whole");
        assert_eq!(with_xlsx_extension(Path::new("/t/东区.csv")), Path::new("/t/东区.csv.xlsx"));
    }
}
