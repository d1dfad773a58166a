//! Record ids: every id of a batch in one string (no allocation per row),
//! and, while a data set is built, an index of them to find duplicates.

use foldhash::fast::{FixedState, RandomState};
use hashbrown::HashTable;
use std::hash::BuildHasher;
use std::ops::Range;

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
    /// Appends the ids of `other`'s rows `rows`, in one copy.
    pub fn extend_from(&mut self, other: &Ids, rows: Range<usize>) {
        if rows.is_empty() {
            return;
        }
        let start = if rows.start == 0 {
            0
        } else {
            other.ends[rows.start - 1]
        };
        let end = other.ends[rows.end - 1];
        let shift = self.text.len() as u32;
        self.text
            .push_str(&other.text[start as usize..end as usize]);
        self.ends
            .extend(other.ends[rows].iter().map(|&e| e - start + shift));
    }
    /// Appends ids given as their text, all together, and the end offset of
    /// each in it; `None` when an offset is out of order or not at a
    /// character boundary.
    pub fn extend_joined(&mut self, text: &str, ends: impl Iterator<Item = u32>) -> Option<()> {
        let shift = self.text.len() as u32;
        let rows = self.ends.len();
        let mut last = 0;
        for end in ends {
            if end < last || !text.is_char_boundary(end as usize) {
                self.ends.truncate(rows);
                return None;
            }
            last = end;
            self.ends.push(end + shift);
        }
        if last as usize != text.len() {
            self.ends.truncate(rows);
            return None;
        }
        self.text.push_str(text);
        Some(())
    }
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
    /// Every id in one text, and the end offset of each in it.
    pub fn parts(&self) -> (&str, &[u32]) {
        (&self.text, &self.ends)
    }
    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.text.len() + 4 * self.ends.len()
    }
}

/// The hasher of an [`IdIndex`] (see [`IdIndex::hasher`]): foldhash with a
/// seed, random by default. Given the same seed, workers that share no
/// memory (the portal's Web Workers) hash ids as the index does, so that
/// their hashes are merged without hashing again.
#[derive(Debug, Clone)]
pub struct IdHasher {
    seed: u64,
}

impl IdHasher {
    pub fn with_seed(seed: u64) -> Self {
        IdHasher { seed }
    }
    pub fn seed(&self) -> u64 {
        self.seed
    }
}

impl Default for IdHasher {
    /// A random seed: a file crafted for collisions cannot know it.
    fn default() -> Self {
        IdHasher::with_seed(RandomState::default().hash_one(0x1d5_u64))
    }
}

impl BuildHasher for IdHasher {
    type Hasher = <FixedState as BuildHasher>::Hasher;
    #[inline]
    fn build_hasher(&self) -> Self::Hasher {
        FixedState::with_seed(self.seed).build_hasher()
    }
}

/// Which rows of an [`Ids`] hold which id: finds a repeated id in constant
/// time without a second copy of the ids.
#[derive(Debug, Clone, Default)]
pub struct IdIndex {
    rows: HashTable<u32>,
    hasher: IdHasher,
}

impl IdIndex {
    /// An empty index hashing with `hasher`.
    pub fn with_hasher(hasher: IdHasher) -> Self {
        IdIndex {
            rows: HashTable::new(),
            hasher,
        }
    }

    /// Rows indexed.
    pub fn len(&self) -> usize {
        self.rows.len()
    }
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Indexes the rows of `ids` past the last one indexed (rows added in
    /// bulk, their ids already known to differ: see [`repeated`]).
    pub fn catch_up(&mut self, ids: &Ids) {
        let from = self.rows.len();
        if from >= ids.len() {
            return;
        }
        self.reserve(ids, ids.len() - from);
        for row in from..ids.len() {
            self.insert(ids, row as u32);
        }
    }

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

/// The rows of `ids` whose id an earlier row already holds, each with the
/// first row holding it, in row order: `(row, first)`. `hashes[i]` is the
/// hash of row `i`'s id (any one hasher: equal ids, equal hashes); the ids
/// themselves are compared only where hashes are equal, so the answer is
/// exact. The rows are first bucketed by the top bits of their hash, about
/// 2,000 a bucket, so that each bucket's table stays in the cache: a few
/// passes in order over the rows, where an [`IdIndex`] of a million ids
/// takes a probe at a random place of a large table per row.
pub fn repeated(ids: &Ids, hashes: &[u64]) -> Vec<(u32, u32)> {
    let bits = (usize::BITS - hashes.len().leading_zeros())
        .saturating_sub(11)
        .min(16);
    let bucket = |h: u64| h.checked_shr(64 - bits).unwrap_or(0) as usize;
    // Where each bucket starts, then the (hash, row) pairs bucket by bucket,
    // each bucket's rows in row order.
    let mut starts = vec![0usize; (1 << bits) + 1];
    for &h in hashes {
        starts[bucket(h) + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] += starts[b - 1];
    }
    let mut next = starts.clone();
    let mut pairs = vec![(0u64, 0u32); hashes.len()];
    for (row, &h) in hashes.iter().enumerate() {
        let at = &mut next[bucket(h)];
        pairs[*at] = (h, row as u32);
        *at += 1;
    }
    // The table's own hash: the bits that differ within a bucket on top
    // (hashbrown's tag) and at the bottom (the slot).
    let spread = |h: u64| h.rotate_left(32);
    let mut table: HashTable<u32> = HashTable::new();
    let mut out = Vec::new();
    for b in 0..1 << bits {
        let part = &pairs[starts[b]..starts[b + 1]];
        table.clear();
        table.reserve(part.len(), |&k| spread(part[k as usize].0));
        for (k, &(h, row)) in part.iter().enumerate() {
            let same = |&j: &u32| {
                let (hj, first) = part[j as usize];
                hj == h && ids.get(first as usize) == ids.get(row as usize)
            };
            match table.find(spread(h), same) {
                Some(&j) => out.push((row, part[j as usize].1)),
                None => {
                    table.insert_unique(spread(h), k as u32, |&j| spread(part[j as usize].0));
                }
            }
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids_of(list: &[&str]) -> Ids {
        let mut ids = Ids::default();
        list.iter().for_each(|id| ids.push(id));
        ids
    }

    /// Every row whose id an earlier row holds, with the first such row,
    /// found by comparing every pair (the definition).
    fn by_pairs(ids: &Ids) -> Vec<(u32, u32)> {
        (0..ids.len())
            .filter_map(|r| {
                (0..r)
                    .find(|&f| ids.get(f) == ids.get(r))
                    .map(|f| (r as u32, f as u32))
            })
            .collect()
    }

    #[test]
    fn repeated_ids_are_found_with_their_first_row() {
        let ids = ids_of(&["a", "b", "a", "c", "b", "a", "", ""]);
        let h = IdHasher::with_seed(7);
        let hashes: Vec<u64> = ids.iter().map(|id| h.hash_one(id)).collect();
        assert_eq!(
            repeated(&ids, &hashes),
            vec![(2, 0), (4, 1), (5, 0), (7, 6)]
        );
    }

    #[test]
    fn equal_hashes_of_different_ids_are_not_repeats() {
        // Every id hashed to one value, in many buckets' worth of rows:
        // only the ids' text tells the repeats.
        let list: Vec<String> = (0..20_000).map(|i| format!("HS{}", i % 7_919)).collect();
        let ids = ids_of(&list.iter().map(String::as_str).collect::<Vec<_>>());
        let flat = vec![42u64; ids.len()];
        let found = repeated(&ids, &flat);
        assert_eq!(found.len(), 20_000 - 7_919);
        assert!(found.iter().all(|&(r, f)| f == r % 7_919));
        // With a real hasher over more rows than one bucket holds.
        let h = IdHasher::default();
        let hashes: Vec<u64> = ids.iter().map(|id| h.hash_one(id)).collect();
        assert_eq!(repeated(&ids, &hashes), found);
    }

    #[test]
    fn repeated_agrees_with_comparing_every_pair() {
        let mut state = 11u64;
        let mut below = |m: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % m
        };
        for n in [0usize, 1, 2, 50, 3000, 9000] {
            let list: Vec<String> = (0..n)
                .map(|_| format!("x{}", below(n as u64 + 1)))
                .collect();
            let ids = ids_of(&list.iter().map(String::as_str).collect::<Vec<_>>());
            let h = IdHasher::with_seed(n as u64);
            let hashes: Vec<u64> = ids.iter().map(|id| h.hash_one(id)).collect();
            assert_eq!(repeated(&ids, &hashes), by_pairs(&ids), "{n} rows");
        }
    }

    #[test]
    fn ids_extend_from_a_range_and_from_joined_text() {
        let a = ids_of(&["HS1", "Hòa", "x", "HS22"]);
        let mut b = ids_of(&["z"]);
        b.extend_from(&a, 1..3);
        b.extend_from(&a, 3..3);
        assert_eq!(b, ids_of(&["z", "Hòa", "x"]));
        let mut c = ids_of(&["z"]);
        assert_eq!(c.extend_joined("Hòax", [4u32, 5].into_iter()), Some(()));
        assert_eq!(c, ids_of(&["z", "Hòa", "x"]));
        // Inside the ò, out of order, short of the text: refused, nothing added.
        assert_eq!(c.extend_joined("Hòa", [2u32, 4].into_iter()), None);
        assert_eq!(c.extend_joined("ab", [2u32, 1].into_iter()), None);
        assert_eq!(c.extend_joined("ab", [1u32].into_iter()), None);
        assert_eq!(c, ids_of(&["z", "Hòa", "x"]));
    }

    #[test]
    fn the_same_seed_hashes_alike_and_the_index_catches_up() {
        let (a, b) = (IdHasher::with_seed(3), IdHasher::with_seed(3));
        assert_eq!(a.hash_one("HS1"), b.hash_one("HS1"));
        assert_ne!(a.hash_one("HS1"), IdHasher::with_seed(4).hash_one("HS1"));
        let ids = ids_of(&["a", "b", "c"]);
        let mut index = IdIndex::with_hasher(a);
        index.catch_up(&ids);
        assert_eq!(index.len(), 3);
        assert_eq!(index.find(&ids, "b"), Some(1));
        assert_eq!(index.find(&ids, "d"), None);
    }
}
