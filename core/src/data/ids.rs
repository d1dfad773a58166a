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
    /// Appends every id of `other`, in order.
    pub fn append(&mut self, other: &Ids) {
        let base = self.text.len() as u32;
        self.text.push_str(&other.text);
        self.ends.extend(other.ends.iter().map(|&e| base + e));
    }
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.text.len() + 4 * self.ends.len()
    }
}

/// The hasher of an [`IdIndex`] (see [`IdIndex::hasher`]).
pub type IdHasher = DefaultHashBuilder;

/// Which rows of an [`Ids`] hold which id: finds a repeated id in constant
/// time without a second copy of the ids.
#[derive(Debug, Clone, Default)]
pub struct IdIndex {
    rows: HashTable<u32>,
    hasher: DefaultHashBuilder,
}

impl IdIndex {
    /// A copy of the index's hasher: `hasher().hash_one(id)` is [`IdIndex::hash`].
    pub fn hasher(&self) -> IdHasher {
        self.hasher.clone()
    }

    /// The hash of `id` the index uses.
    pub fn hash(&self, id: &str) -> u64 {
        self.hasher.hash_one(id)
    }

    /// The row already holding `id`, if any.
    pub fn find(&self, ids: &Ids, id: &str) -> Option<u32> {
        self.find_hashed(ids, id, self.hash(id))
    }

    /// [`IdIndex::find`] with `h = self.hash(id)` computed ahead.
    pub fn find_hashed(&self, ids: &Ids, id: &str, h: u64) -> Option<u32> {
        self.rows.find(h, |&r| ids.get(r as usize) == id).copied()
    }

    /// Claims `id` (hash `h`) for `row`, the row about to be pushed at the
    /// end of `ids`: `Err(first)` when a row already holds it. One probe of
    /// the table where [`IdIndex::find_hashed`] then
    /// [`IdIndex::insert_hashed`] take two.
    pub fn claim_hashed(&mut self, ids: &Ids, id: &str, h: u64, row: u32) -> Result<(), u32> {
        let hasher = &self.hasher;
        match self.rows.entry(
            h,
            |&r| ids.get(r as usize) == id,
            |&r| hasher.hash_one(ids.get(r as usize)),
        ) {
            hashbrown::hash_table::Entry::Occupied(o) => Err(*o.get()),
            hashbrown::hash_table::Entry::Vacant(v) => {
                v.insert(row);
                Ok(())
            }
        }
    }

    /// Makes room for `rows` more ids of `ids`.
    pub fn reserve(&mut self, ids: &Ids, rows: usize) {
        let hasher = &self.hasher;
        self.rows
            .reserve(rows, |&r| hasher.hash_one(ids.get(r as usize)));
    }

    /// Records that row `row` of `ids` (already pushed) holds its id.
    pub fn insert(&mut self, ids: &Ids, row: u32) {
        let h = self.hash(ids.get(row as usize));
        self.insert_hashed(ids, row, h);
    }

    /// [`IdIndex::insert`] with the id's hash computed ahead.
    pub fn insert_hashed(&mut self, ids: &Ids, row: u32, h: u64) {
        let hasher = &self.hasher;
        self.rows
            .insert_unique(h, row, |&r| hasher.hash_one(ids.get(r as usize)));
    }
}
