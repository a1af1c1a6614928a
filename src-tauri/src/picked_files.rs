//! Files the user chose in a native dialog. The webview never names a path: a pick hands it a
//! token and the file names to show, and every command that reads or writes a file takes the
//! token back. A page that misbehaves can so reach only what the user chose, and only for the
//! use it was chosen for (a file picked to read cannot be written over).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use rampart_core::error::ErrorReport;
use rampart_core::{Error, FieldError, Problem};
use serde::Serialize;
use tauri::Runtime;
use tauri_plugin_dialog::{FileDialogBuilder, FilePath};

/// What the user chose the file for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// One or more files to read.
    Open,
    /// A workbook to write.
    Save,
    /// A folder to write one workbook per team into.
    Folder,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct Picked {
    pub token: String,
    /// File names without their folders, for the page to show.
    pub names: Vec<String>,
}

/// Picks made this session. Kept for the session: one pick serves several steps (inspect, check,
/// import), and the map only grows by what a person clicks through.
#[derive(Default)]
pub struct PickedFiles {
    next: AtomicU64,
    picks: Mutex<HashMap<String, (Use, Vec<PathBuf>)>>,
}

impl PickedFiles {
    /// Remembers what the user chose and returns its token; nothing when they chose nothing.
    pub fn remember(&self, what: Use, paths: Vec<PathBuf>) -> Option<Picked> {
        if paths.is_empty() {
            return None;
        }
        // The token grants nothing the user did not choose, so it needs to be unique, not secret.
        let token = format!("pick-{}", self.next.fetch_add(1, Ordering::Relaxed) + 1);
        let names = paths
            .iter()
            .map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| p.display().to_string()))
            .collect();
        self.lock().insert(token.clone(), (what, paths));
        Some(Picked { token, names })
    }

    /// Every path picked under `token` for `what`.
    pub fn paths(&self, token: &str, what: Use) -> Result<Vec<PathBuf>, ErrorReport> {
        match self.lock().get(token) {
            Some((used_for, paths)) if *used_for == what => Ok(paths.clone()),
            _ => Err(refused()),
        }
    }

    /// The one path picked under `token` for `what`.
    pub fn path(&self, token: &str, what: Use) -> Result<PathBuf, ErrorReport> {
        let mut paths = self.paths(token, what)?;
        match (paths.pop(), paths.is_empty()) {
            (Some(path), true) => Ok(path),
            _ => Err(refused()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (Use, Vec<PathBuf>)>> {
        // Inserts and lookups cannot leave the map half-changed, so a poisoned lock is still sound.
        self.picks.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// What the e2e run (tests/e2e/run.sh) set in `var` in place of a native dialog, which
/// WebDriver cannot drive. Release builds never look.
pub fn stand_in(var: &str) -> Option<String> {
    if cfg!(debug_assertions) {
        std::env::var(var).ok()
    } else {
        None
    }
}

/// Shows a native file dialog and returns what the person chose (nothing when they cancel). It
/// waits for them, so it runs on a blocking thread rather than one of the async runtime's.
pub async fn ask<R: Runtime>(dialog: FileDialogBuilder<R>, show: fn(FileDialogBuilder<R>) -> Option<Vec<FilePath>>) -> Vec<PathBuf> {
    let chosen = tauri::async_runtime::spawn_blocking(move || show(dialog)).await.ok().flatten();
    // A dialog on a desktop answers with paths; the URL form is mobile's content URIs.
    chosen.unwrap_or_default().into_iter().filter_map(|p| p.into_path().ok()).collect()
}

/// An unknown token, or one picked for something else: the page asked for a file the user never
/// chose for this. Told as a stale choice, which is what an honest page would have.
fn refused() -> ErrorReport {
    Error::Validation(vec![FieldError::new("file", Problem::UnknownReference)]).to_report()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_gives_back_only_what_was_picked_for_that_use() {
        let picked = PickedFiles::default();
        let open = picked.remember(Use::Open, vec![PathBuf::from("/home/a/客户.xlsx")]).expect("a pick");
        assert_eq!(open.names, ["客户.xlsx"], "the page sees the name, not the folder");
        assert_eq!(picked.path(&open.token, Use::Open).expect("known"), PathBuf::from("/home/a/客户.xlsx"));
        let err = picked.path(&open.token, Use::Save).expect_err("a file picked to read must not be written over");
        assert_eq!(err.code, rampart_core::error::ErrorCode::Validation);
        let err = picked.paths(&open.token, Use::Folder).expect_err("nor used as an export folder");
        assert_eq!(err.code, rampart_core::error::ErrorCode::Validation);
    }

    #[test]
    fn an_unknown_token_or_a_path_in_its_place_is_refused() {
        let picked = PickedFiles::default();
        picked.remember(Use::Save, vec![PathBuf::from("/tmp/a.xlsx")]);
        for token in ["pick-999", "/etc/passwd", "", "/tmp/a.xlsx"] {
            assert!(picked.path(token, Use::Save).is_err(), "{token:?} was never handed out and must not reach a file");
        }
    }

    #[test]
    fn several_files_need_the_many_files_lookup_and_nothing_chosen_is_no_token() {
        let picked = PickedFiles::default();
        assert_eq!(picked.remember(Use::Open, vec![]), None, "a cancelled dialog hands out nothing");
        let two = picked.remember(Use::Open, vec![PathBuf::from("/t/东区.xlsx"), PathBuf::from("/t/西区.xlsx")]).expect("a pick");
        assert_eq!(picked.paths(&two.token, Use::Open).expect("known").len(), 2);
        assert!(picked.path(&two.token, Use::Open).is_err(), "a command reading one file must not silently take the last of several");
        let next = picked.remember(Use::Open, vec![PathBuf::from("/t/北区.xlsx")]).expect("a pick");
        assert_ne!(next.token, two.token, "each pick has its own token");
    }
}
