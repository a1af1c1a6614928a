//! The sample database: the demo campaign 长城计划 in a database file of its own, marked so
//! the app can say 示例 wherever it is open. The planner's own database never receives it.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::domain::ids::CampaignId;
use crate::error::{Error, Result};
use crate::store::{app_folder, Store};

/// The sample's file name. ASCII, so it reads the same in any locale's file manager, shell and
/// zip tool (a Chinese name turns to mojibake in GBK archives); the app labels it 示例 / Sample.
pub const FILE_NAME: &str = "sample.rampart.db";

/// Where the app keeps the sample: beside the default database, in the app's own folder.
pub fn default_path() -> PathBuf {
    app_folder().join(FILE_NAME)
}

/// Opens the sample database at `path`, making it on first use. A file there that is not a
/// Rampart database is refused rather than written into.
pub fn open(path: &Path, today: NaiveDate) -> Result<Store> {
    let store = if path.exists() { Store::open_existing(path)? } else { Store::open(path)? };
    if !store.settings().is_sample()? || demo_missing(&store)? {
        make(&store, today)?;
    }
    Ok(store)
}

/// Seeds the demo campaign into `store` (once) and marks the database as the sample. Refused for
/// a database that holds campaigns of its own: demonstration data never mixes with real data.
pub fn make(store: &Store, today: NaiveDate) -> Result<CampaignId> {
    let demo = crate::demo::existing(store)?;
    let own = store.campaigns().list()?.iter().any(|c| Some(c.id) != demo);
    if own {
        let file = store.path().map_or_else(|| ":memory:".into(), |p| p.display().to_string());
        return Err(Error::SampleNeedsOwnFile { file });
    }
    let id = crate::demo::seed_demo(store, today)?;
    store.settings().mark_sample()?;
    Ok(id)
}

fn demo_missing(store: &Store) -> Result<bool> {
    Ok(crate::demo::existing(store)?.is_none())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CampaignInput, CampaignStatus};
    use crate::money::Money;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).expect("date")
    }

    #[test]
    fn the_sample_file_is_made_once_marked_and_the_planners_database_is_not() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(FILE_NAME);
        let sample = open(&path, today()).expect("the sample is made");
        assert!(sample.settings().is_sample().expect("read"), "the file made for the sample says it is the sample");
        let campaigns = sample.campaigns().list().expect("list");
        assert_eq!(campaigns.len(), 1, "it holds the demo campaign");
        assert!(campaigns[0].is_demo, "and the campaign says it is the demo, so the app marks it 示例 wherever it is opened");
        drop(sample);
        let again = open(&path, today()).expect("reopened");
        assert_eq!(again.campaigns().list().expect("list").len(), 1, "opening it again seeds nothing twice");

        let own = Store::open(&dir.path().join("rampart.db")).expect("own");
        assert!(!own.settings().is_sample().expect("read"), "a planner's new database is not the sample");
        assert!(own.campaigns().list().expect("list").is_empty(), "and holds no demo data");
    }

    #[test]
    fn the_demo_is_refused_into_a_database_with_campaigns_of_its_own() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("2026.db")).expect("store");
        let input = CampaignInput {
            name: "2026 冬季攻坚".into(),
            theme: String::new(),
            start_date: today(),
            end_date: today() + chrono::Duration::days(90),
            status: CampaignStatus::Draft,
            subsidy_budget: Money::ZERO,
            goals: String::new(),
        };
        let own = store.campaigns().create(&input).expect("own campaign");
        assert!(!store.campaigns().get(own).expect("get").is_demo, "a planner's own campaign is not marked as the demo");
        let err = make(&store, today()).expect_err("the sample must not go into a planner's database");
        assert_eq!(err.code(), "sample_needs_own_file");
        assert!(err.message_zh().contains("2026.db") && err.message_en().contains("2026.db"), "names the file: {err}");
        assert_eq!(store.campaigns().list().expect("list").len(), 1, "nothing was added");
        assert!(!store.settings().is_sample().expect("read"), "nor was it marked as the sample");
    }
}
