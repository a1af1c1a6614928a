//! Rampart's domain and storage. Knows nothing of Tauri or the UI: the desktop shell and the
//! CLI call into this crate and never touch SQL themselves.

pub mod basis_points;
pub mod campaign_copy;
pub mod campaign_defaults;
pub mod demo;
mod demo_points;
mod demo_visits;
pub mod domain;
pub mod error;
pub mod export;
pub mod import;
pub mod money;
pub mod recent;
pub mod sample;
pub mod store;
pub mod timestamp;

pub use error::{Error, FieldError, Problem, Result};
pub use money::Money;
pub use store::Store;
