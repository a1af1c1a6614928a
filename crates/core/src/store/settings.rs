//! Small key-value preferences kept in the database, so they follow the data file.

use rusqlite::{named_params, OptionalExtension};

use crate::domain::client_field::Field;
use crate::domain::fold_header;
use crate::error::Result;

impl super::Settings<'_> {
    pub fn get(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM app_settings WHERE key = :key", named_params! { ":key": key }, |r| r.get(0))
            .optional()?)
    }

    pub fn set(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO app_settings (key, value) VALUES (:key, :value)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            named_params! { ":key": key, ":value": value },
        )?;
        Ok(())
    }
}

const MAPPING_KEY: &str = "import.mapping";

impl super::Settings<'_> {
    /// The header → field assignments planners made in earlier imports (normalised headers).
    pub fn import_mapping(&self) -> Result<std::collections::HashMap<String, Field>> {
        match self.get(MAPPING_KEY)? {
            Some(json) => super::json_column(&json, "app_settings", MAPPING_KEY),
            None => Ok(Default::default()),
        }
    }

    /// Remembers (or, with `None`, forgets) which field a header means.
    pub fn set_import_mapping(&self, header: &str, field: Option<Field>) -> Result<()> {
        let mut mapping = self.import_mapping()?;
        let key = fold_header(header);
        match field {
            Some(f) => mapping.insert(key, f),
            None => mapping.remove(&key),
        };
        self.set(MAPPING_KEY, &serde_json::to_string(&mapping).unwrap_or_default())
    }
}

const TRACKER_SECRET_KEY: &str = "tracker.secret";

impl super::Settings<'_> {
    /// The secret this database signs tracker keys with, made on first use: 32 random bytes
    /// from the operating system, kept in the database so every tracker it exported stays
    /// readable, and no other database can sign for it.
    pub fn tracker_secret(&self) -> Result<Vec<u8>> {
        if let Some(secret) = self.existing_tracker_secret()? {
            return Ok(secret);
        }
        let mut fresh = [0u8; 32];
        getrandom::getrandom(&mut fresh)
            .map_err(|e| crate::error::Error::Io(std::io::Error::other(format!("no system randomness: {e}"))))?;
        let hex: String = fresh.iter().map(|b| format!("{b:02x}")).collect();
        // Two exports racing on a new database both keep whichever secret was stored first.
        self.conn.execute(
            "INSERT INTO app_settings (key, value) VALUES (:TRACKER_SECRET_KEY, :hex) ON CONFLICT (key) DO NOTHING",
            named_params! { ":TRACKER_SECRET_KEY": TRACKER_SECRET_KEY, ":hex": hex },
        )?;
        self.settings()
            .existing_tracker_secret()?
            .ok_or_else(|| crate::error::Error::Io(std::io::Error::other("the tracker secret was not stored")))
    }

    /// The secret, if a tracker was ever exported from this database; reading trackers back
    /// never creates one (a database that exported none can have signed none).
    pub fn existing_tracker_secret(&self) -> Result<Option<Vec<u8>>> {
        let Some(hex) = self.get(TRACKER_SECRET_KEY)? else { return Ok(None) };
        let bytes: Option<Vec<u8>> =
            (0..hex.len()).step_by(2).map(|i| hex.get(i..i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok())).collect();
        Ok(bytes.filter(|b| b.len() >= 16))
    }
}

/// Present in the sample database only (see `crate::sample`): the app and the title bar tell the
/// planner that what they see is demonstration data, not their own.
const SAMPLE_KEY: &str = "sample";

impl super::Settings<'_> {
    /// True in the database that holds the sample campaign.
    pub fn is_sample(&self) -> Result<bool> {
        Ok(self.get(SAMPLE_KEY)?.is_some())
    }

    pub(crate) fn mark_sample(&self) -> Result<()> {
        self.set(SAMPLE_KEY, "1")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::Store;

    #[test]
    fn a_mapping_that_cannot_be_read_is_an_error_naming_its_row_not_an_empty_mapping() {
        let store = Store::open_in_memory().expect("store");
        store.settings().set(MAPPING_KEY, "{\"客户编码\": ").expect("a mapping cut short");
        match store.settings().import_mapping() {
            Err(Error::CorruptRow { table, key, .. }) => {
                assert_eq!((table, key.as_str()), ("app_settings", MAPPING_KEY), "the error names the setting")
            }
            other => panic!("forgetting every remembered header without a word is not an answer: {other:?}"),
        }
    }
}
