//! The database files opened lately, newest first, for the app's 最近打开 menu. Kept in a small
//! JSON file in the app's folder rather than in any database: it is about the files, and must
//! survive any one of them being moved or deleted.

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::store::app_folder;

/// How many files the menu offers.
pub const MAX: usize = 10;

/// The list's file name in the app's folder.
pub const FILE_NAME: &str = "recent.json";

/// Where the app keeps the list: beside the default database.
pub fn default_path() -> PathBuf {
    app_folder().join(FILE_NAME)
}

/// The files in the list at `list` that still exist, newest first. A missing or unreadable list
/// is an empty one: losing the menu's memory is no reason to stop the app.
pub fn load(list: &Path) -> Vec<PathBuf> {
    let Ok(text) = std::fs::read_to_string(list) else { return Vec::new() };
    let paths: Vec<PathBuf> = serde_json::from_str(&text).unwrap_or_default();
    paths.into_iter().filter(|p| p.is_file()).take(MAX).collect()
}

/// Puts `opened` at the top of the list at `list` (once, however it was spelled), drops files
/// that are gone, keeps at most [`MAX`], and returns the new list.
pub fn add(list: &Path, opened: &Path) -> Result<Vec<PathBuf>> {
    let opened = full(opened);
    let mut paths = load(list);
    paths.retain(|p| full(p) != opened);
    paths.insert(0, opened);
    paths.truncate(MAX);
    if let Some(dir) = list.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?;
    }
    // Written beside and renamed, so a crash mid-write never leaves a list cut short.
    let partial = list.with_extension("json.partial");
    let text = serde_json::to_string_pretty(&paths).unwrap_or_else(|_| "[]".into());
    std::fs::write(&partial, text).map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", partial.display())))?;
    std::fs::rename(&partial, list).map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", list.display())))?;
    Ok(paths)
}

/// Whether `path` is in the list at `list`: the app opens from the menu only what it offered.
pub fn contains(list: &Path, path: &Path) -> bool {
    let path = full(path);
    load(list).iter().any(|p| full(p) == path)
}

/// One spelling per file, so `./a.db` and `/home/x/a.db` are one entry.
fn full(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).or_else(|_| std::path::absolute(path)).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(dir: &Path, name: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, b"x").expect("file");
        path
    }

    #[test]
    fn newest_first_once_each_and_at_most_ten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let list = dir.path().join("app").join("recent.json");
        let files: Vec<PathBuf> = (0..12).map(|i| touch(dir.path(), &format!("{i}.db"))).collect();
        for f in &files {
            add(&list, f).expect("added");
        }
        let shown = add(&list, &files[5]).expect("added again");
        assert_eq!(shown.len(), MAX, "the menu keeps ten files");
        assert_eq!(shown[0], full(&files[5]), "the file opened last is first");
        assert_eq!(shown.iter().filter(|p| **p == full(&files[5])).count(), 1, "a file opened twice is listed once");
        assert_eq!(shown[1], full(&files[11]), "then the others, newest first");
        assert!(!shown.contains(&full(&files[0])), "the oldest fell off");
        assert_eq!(load(&list), shown, "the list is kept between runs");
    }

    #[test]
    fn files_that_are_gone_are_dropped_and_only_listed_files_are_offered() {
        let dir = tempfile::tempdir().expect("temp dir");
        let list = dir.path().join("recent.json");
        let kept = touch(dir.path(), "浙江-2026.db");
        let gone = touch(dir.path(), "old.db");
        add(&list, &gone).expect("added");
        add(&list, &kept).expect("added");
        std::fs::remove_file(&gone).expect("removed");
        assert_eq!(load(&list), vec![full(&kept)], "a file deleted since is not offered");
        assert!(contains(&list, &kept));
        assert!(!contains(&list, &dir.path().join("other.db")), "a path never opened is not in the list");
    }

    #[test]
    fn a_missing_or_damaged_list_is_an_empty_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let list = dir.path().join("recent.json");
        assert!(load(&list).is_empty(), "no list yet");
        std::fs::write(&list, "{not json").expect("w");
        assert!(load(&list).is_empty(), "a damaged list does not stop the app");
        let file = touch(dir.path(), "a.db");
        assert_eq!(add(&list, &file).expect("rewritten"), vec![full(&file)], "and is replaced on the next open");
    }
}
