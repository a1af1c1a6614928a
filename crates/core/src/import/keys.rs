//! What an import remembers of each key met in its file (client codes, contract numbers), so
//! a later row can be checked against the first. A million keys as a `HashMap<String, _>`
//! cost a heap string and a map entry apiece, hundreds of MiB in all; here the keys share one
//! text buffer and the table holds only indexes, a few dozen bytes a key.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

pub(crate) struct Keys<V> {
    text: String,
    /// Where each key sits in `text`, and its value, in the order met.
    entries: Vec<(usize, usize, V)>,
    /// Indexes into `entries`, found by the key's hash.
    table: HashTable<usize>,
    hasher: DefaultHashBuilder,
}

impl<V> Keys<V> {
    pub(crate) fn new() -> Self {
        Keys { text: String::new(), entries: Vec::new(), table: HashTable::new(), hasher: DefaultHashBuilder::default() }
    }

    fn key(&self, index: usize) -> &str {
        let (start, end, _) = &self.entries[index];
        &self.text[*start..*end]
    }

    /// Makes room for the keys of `rows` more rows, reckoning as many keys a row, and as many
    /// bytes a key, as the `seen` rows so far gave.
    pub(crate) fn reserve_like(&mut self, rows: usize, seen: usize) {
        let Keys { text, entries, table, hasher } = self;
        let more = rows.saturating_mul(entries.len()) / seen.max(1);
        text.reserve(more.saturating_mul(text.len()) / entries.len().max(1));
        entries.reserve(more);
        table.reserve(more, |&i| {
            let (start, end, _) = &entries[i];
            hasher.hash_one(&text[*start..*end])
        });
    }

    /// How many keys are held.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(crate) fn get(&self, key: &str) -> Option<&V> {
        let hash = self.hasher.hash_one(key);
        self.table.find(hash, |&i| self.key(i) == key).map(|&i| &self.entries[i].2)
    }

    /// The value stored for `key` when it was met before; otherwise stores `value` (made only
    /// then) and returns None.
    pub(crate) fn first_or_insert(&mut self, key: &str, value: impl FnOnce() -> V) -> Option<&V> {
        let hash = self.hasher.hash_one(key);
        let Keys { text, entries, table, hasher } = self;
        let found = table.find(hash, |&i| {
            let (start, end, _) = &entries[i];
            &text[*start..*end] == key
        });
        if let Some(&i) = found {
            return Some(&entries[i].2);
        }
        let start = text.len();
        text.push_str(key);
        entries.push((start, text.len(), value()));
        let index = entries.len() - 1;
        table.insert_unique(hash, index, |&i| {
            let (start, end, _) = &entries[i];
            hasher.hash_one(&text[*start..*end])
        });
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_value_of_each_key_and_tells_repeats() {
        let mut keys = Keys::new();
        for i in 0..10_000u64 {
            assert_eq!(keys.first_or_insert(&format!("KH{i:06}"), || i), None, "a key met for the first time is new");
        }
        assert_eq!(keys.first_or_insert("KH000042", || 99), Some(&42), "a repeat is told the first line, not stored again");
        assert_eq!(keys.get("KH009999"), Some(&9_999));
        assert_eq!(keys.get("KH010000"), None, "a key never met is not found");
        assert_eq!(keys.get("KH00004"), None, "a prefix of a key is another key");
    }
}
