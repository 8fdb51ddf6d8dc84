//! Each record's key list (key, half-counts per field), kept between builds for `serve`: keys
//! are numbered for good here (`KeyNumbers`), so that a record's list stays valid from one
//! build to the next while the keys of its words are as they were, and only the records of
//! changed words (a new record, a word that now splits into parts) are expanded again. The
//! index then maps these numbers to the keys' places in the client's order.
//!
//! Nothing here scores or orders keys; a list made here is the list `index` would make.

use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex};

/// A record's key list in lasting key numbers, by number; each key once.
pub type KeyList = Arc<[(u32, [u32; 3])]>;

/// A record's key list and the build it was made in.
#[derive(Debug, Default)]
pub struct Kept(Mutex<Option<(u64, KeyList)>>);

/// Every key the cache has seen, numbered for good; each word's weighted keys as the last build
/// made them, and the build in which they last changed.
#[derive(Default)]
pub struct KeyNumbers {
    ids: FxHashMap<Box<str>, u32>,
    pub names: Vec<Box<str>>,
    weights: Vec<Vec<(u32, u32)>>,
    changed_at: Vec<u64>,
    build: u64,
}

impl KeyNumbers {
    /// The lasting number of `key`.
    pub fn number(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(Box::from(key), id);
        self.names.push(Box::from(key));
        id
    }

    /// Starts a build with every word's weighted keys (by word number, in lasting key numbers):
    /// a word whose keys differ from the last build's is marked changed.
    pub fn start(&mut self, weights: Vec<Vec<(u32, u32)>>) {
        self.build += 1;
        self.changed_at.resize(weights.len(), 0);
        for (w, now) in weights.iter().enumerate() {
            if self.weights.get(w) != Some(now) {
                self.changed_at[w] = self.build;
            }
        }
        self.weights = weights;
    }

    /// The weighted keys of word `w` in this build.
    pub fn weights(&self, w: u32) -> &[(u32, u32)] {
        self.weights.get(w as usize).map_or(&[], Vec::as_slice)
    }

    /// The key list of a record of `words` (word number, counts per field): the one kept from
    /// an earlier build while none of its words changed since, else made and kept.
    pub fn list(&self, words: &[(u32, [u32; 3])], kept: &Kept) -> KeyList {
        let mut slot = kept.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((made, list)) = slot.as_ref() {
            if words
                .iter()
                .all(|(w, _)| self.changed_at.get(*w as usize).is_some_and(|c| c <= made))
            {
                return list.clone();
            }
        }
        let list = self.expand(words);
        *slot = Some((self.build, list.clone()));
        list
    }

    /// Each word's keys with its counts times the key's weight; two words with one key ("børn",
    /// "børnene") add up.
    fn expand(&self, words: &[(u32, [u32; 3])]) -> KeyList {
        let mut v: Vec<(u32, [u32; 3])> = Vec::with_capacity(words.len() * 2);
        for (w, c) in words {
            for &(k, m) in self.weights(*w) {
                v.push((k, c.map(|n| n.saturating_mul(m))));
            }
        }
        v.sort_unstable_by_key(|(k, _)| *k);
        v.dedup_by(|b, a| {
            if a.0 == b.0 {
                for f in 0..3 {
                    a.1[f] = a.1[f].saturating_add(b.1[f]);
                }
                true
            } else {
                false
            }
        });
        Arc::from(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_kept_until_one_of_its_words_changes() {
        let mut n = KeyNumbers::default();
        let (a, b) = (n.number("barn"), n.number("vaegt"));
        n.start(vec![vec![(a, 2)], vec![(b, 2)]]);
        let kept = Kept::default();
        let words = [(0, [1, 0, 0]), (1, [0, 0, 3])];
        let first = n.list(&words, &kept);
        assert_eq!(&*first, &[(a, [2, 0, 0]), (b, [0, 0, 6])]);
        // Nothing changed: the same list, not a new one.
        n.start(vec![vec![(a, 2)], vec![(b, 2)]]);
        assert!(Arc::ptr_eq(&first, &n.list(&words, &kept)));
        // Word 1 now also has a part's key: the list is made again.
        let c = n.number("tab");
        n.start(vec![vec![(a, 2)], vec![(b, 2), (c, 1)]]);
        let again = n.list(&words, &kept);
        assert_eq!(&*again, &[(a, [2, 0, 0]), (b, [0, 0, 6]), (c, [0, 0, 3])]);
    }
}
