//! Small key-value preferences kept in the database, so they follow the data file.

use rusqlite::{params, OptionalExtension};

use super::Store;
use crate::error::Result;

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM app_settings WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO app_settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }
}

const MAPPING_KEY: &str = "import.mapping";

impl Store {
    /// The header → field assignments planners made in earlier imports (normalised headers).
    pub fn import_mapping(&self) -> Result<std::collections::HashMap<String, crate::import::header::Field>> {
        Ok(self.setting(MAPPING_KEY)?.and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default())
    }

    /// Remembers (or, with `None`, forgets) which field a header means.
    pub fn set_import_mapping(&self, header: &str, field: Option<crate::import::header::Field>) -> Result<()> {
        let mut mapping = self.import_mapping()?;
        let key = crate::import::header::normalize(header);
        match field {
            Some(f) => mapping.insert(key, f),
            None => mapping.remove(&key),
        };
        self.set_setting(MAPPING_KEY, &serde_json::to_string(&mapping).unwrap_or_default())
    }
}
