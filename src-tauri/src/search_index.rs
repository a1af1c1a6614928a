//! Catching up after an import of a text file commits, and at start or on switching files for
//! work another program left (`Store::catch_up_step`): the indexes the import left to build, its
//! clients for search, the figures it made stale. A step at a time on a thread of its own, the
//! store's lock let go between steps, so the window answers meanwhile. Nothing waits on it: a
//! search indexes whatever is left before it looks, a change builds the indexes first.

use std::sync::atomic::Ordering;
use std::time::Duration;

use tauri::{AppHandle, Manager, Runtime};

use crate::AppState;

/// Catches up in the background until nothing is left.
/// One follower at a time (`AppState::indexing`): a second would only take turns with the first.
pub(crate) fn follow<R: Runtime>(app: &AppHandle<R>) {
    if app.state::<AppState>().indexing.swap(true, Ordering::SeqCst) {
        return;
    }
    let app = app.clone();
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        // A step that fails (a full disk, a file another program locks) leaves the rest to the
        // next search, which indexes them itself.
        while matches!(state.lock_store().catch_up_step(), Ok(true)) {
            // The lock is free for a moment here, so a command waiting for it goes first.
            std::thread::sleep(Duration::from_millis(2));
        }
        state.indexing.store(false, Ordering::SeqCst);
    });
}
