//! Record ids: every id of a batch in one string (no allocation per row),
//! and, while a data set is built, an index of them to find duplicates.

use hashbrown::{DefaultHashBuilder, HashTable};
use std::hash::BuildHasher;

/// The ids of a batch, in row order, in one buffer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ids {
    text: String,
    /// End offset of each id in `text`.
    ends: Vec<u32>,
}

impl Ids {
    pub fn len(&self) -> usize {
        self.ends.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
    /// The id of row `i`.
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }
    /// Makes room for `rows` more ids of about the average length so far.
    pub fn reserve(&mut self, rows: usize) {
        let avg = self.text.len().checked_div(self.ends.len()).unwrap_or(8);
        self.text.reserve(rows * avg);
        self.ends.reserve(rows);
    }

    pub fn push(&mut self, id: &str) {
        self.text.push_str(id);
        self.ends.push(self.text.len() as u32);
    }
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.text.len() + 4 * self.ends.len()
    }
}

/// Which rows of an [`Ids`] hold which id: finds a repeated id in constant
/// time without a second copy of the ids.
#[derive(Debug, Clone, Default)]
pub struct IdIndex {
    rows: HashTable<u32>,
    hasher: DefaultHashBuilder,
}

impl IdIndex {
    /// The row already holding `id`, if any.
    pub fn find(&self, ids: &Ids, id: &str) -> Option<u32> {
        let h = self.hasher.hash_one(id);
        self.rows.find(h, |&r| ids.get(r as usize) == id).copied()
    }

    /// Makes room for `rows` more ids of `ids`.
    pub fn reserve(&mut self, ids: &Ids, rows: usize) {
        let hasher = &self.hasher;
        self.rows
            .reserve(rows, |&r| hasher.hash_one(ids.get(r as usize)));
    }

    /// Records that row `row` of `ids` (already pushed) holds its id.
    pub fn insert(&mut self, ids: &Ids, row: u32) {
        let h = self.hasher.hash_one(ids.get(row as usize));
        let hasher = &self.hasher;
        self.rows
            .insert_unique(h, row, |&r| hasher.hash_one(ids.get(r as usize)));
    }
}
