//! Dictionary encoding of codes (unit, sector, procedure): each distinct
//! code is stored once and rows hold its index.
//!
//! Codes are compared in Unicode composed form (NFC): "Hòa" typed with a
//! combining grave (NFD, as some Mac and web exports write it) and "Hòa"
//! with the precomposed letter are one code, stored as NFC. A code seen in
//! another form is kept in the index as an alias of its NFC entry, so the
//! usual case (the same bytes again) costs one hash lookup.

use hashbrown::{HashMap, HashTable};
use std::hash::BuildHasher;

/// A dictionary: code → index, index → code, in first-seen order.
#[derive(Debug, Clone, Default)]
pub struct Dict {
    /// The distinct codes, each in NFC.
    codes: Vec<String>,
    /// Every spelling seen of over 16 bytes (NFC and the other forms met) → index.
    index: HashMap<String, u32>,
    /// Every spelling seen of at most 16 bytes, its bytes held in the entry
    /// (most codes: `DV-023`, `1.001200`), so a lookup reads no other memory.
    short: HashTable<Short>,
    /// Seeds the hash of [`Short`] keys (random per dictionary).
    seed: u64,
}

/// A spelling of at most 16 bytes as two words (see [`short_key`]) and the
/// index of its code.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Short {
    key: [u64; 2],
    len: u32,
    code: u32,
}

/// A string of at most 16 bytes as two words and its length, which
/// together name it exactly: the first and last 8 bytes (overlapping when
/// shorter than 16), or the first and last 4, or each byte.
#[inline(always)]
fn short_key(b: &[u8]) -> Option<[u64; 2]> {
    let n = b.len();
    Some(match n {
        8..=16 => [word(&b[..8]), word(&b[n - 8..])],
        4..=7 => [half(&b[..4]), half(&b[n - 4..])],
        1..=3 => [
            u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16,
            0,
        ],
        0 => [0, 0],
        _ => return None,
    })
}

/// The 8 bytes from `s`'s start, little-endian (`s` holds at least 8).
#[inline(always)]
fn word(s: &[u8]) -> u64 {
    match s.first_chunk::<8>() {
        Some(w) => u64::from_le_bytes(*w),
        None => 0,
    }
}

/// The 4 bytes from `s`'s start, little-endian (`s` holds at least 4).
#[inline(always)]
fn half(s: &[u8]) -> u64 {
    match s.first_chunk::<4>() {
        Some(w) => u64::from(u32::from_le_bytes(*w)),
        None => 0,
    }
}

/// Multiplies and folds the 128-bit product (as foldhash does).
#[inline(always)]
fn fold(a: u64, b: u64) -> u64 {
    let m = u128::from(a) * u128::from(b);
    (m as u64) ^ ((m >> 64) as u64)
}

/// The hash of a short spelling's key and length.
#[inline(always)]
fn short_hash(seed: u64, key: [u64; 2], len: u64) -> u64 {
    fold(key[0] ^ seed, key[1] ^ len ^ 0x9e37_79b9_7f4a_7c15)
}

impl Dict {
    /// The index of the spelling `code` if seen before.
    #[inline(always)]
    fn lookup(&self, code: &str) -> Option<u32> {
        match short_key(code.as_bytes()) {
            Some(key) => {
                let len = code.len() as u32;
                let h = short_hash(self.seed, key, u64::from(len));
                self.short
                    .find(h, |e| e.key == key && e.len == len)
                    .map(|e| e.code)
            }
            None => self.index.get(code).copied(),
        }
    }

    /// Records the spelling `code` (not seen before) for the code at `i`.
    fn add_spelling(&mut self, code: &str, i: u32) {
        match short_key(code.as_bytes()) {
            Some(key) => {
                if self.short.is_empty() {
                    self.seed = std::collections::hash_map::RandomState::new().hash_one(0u64);
                }
                let (seed, len) = (self.seed, code.len() as u32);
                let entry = Short { key, len, code: i };
                self.short.insert_unique(
                    short_hash(seed, key, u64::from(len)),
                    entry,
                    |e: &Short| short_hash(seed, e.key, u64::from(e.len)),
                );
            }
            None => {
                self.index.insert(code.to_string(), i);
            }
        }
    }
}

/// `code` in NFC, borrowed when it already is (always for ASCII).
fn nfc(code: &str) -> std::borrow::Cow<'_, str> {
    crate::base::nfc::nfc(code)
}

impl PartialEq for Dict {
    fn eq(&self, other: &Self) -> bool {
        self.codes == other.codes
    }
}

impl Dict {
    /// The index of `code`, added when new.
    #[inline]
    pub fn intern(&mut self, code: &str) -> u32 {
        if let Some(i) = self.lookup(code) {
            return i;
        }
        self.intern_new(code)
    }

    /// [`Dict::intern`] of a spelling not seen before.
    #[cold]
    fn intern_new(&mut self, code: &str) -> u32 {
        let composed = nfc(code);
        let i = match self.lookup(composed.as_ref()) {
            Some(i) => i,
            None => {
                let i = self.codes.len() as u32;
                self.codes.push(composed.to_string());
                self.add_spelling(&composed, i);
                i
            }
        };
        if composed != code {
            self.add_spelling(code, i);
        }
        i
    }
    /// The index of `code` (in any normal form), if present.
    pub fn get(&self, code: &str) -> Option<u32> {
        match self.lookup(code) {
            Some(i) => Some(i),
            None => self.lookup(nfc(code).as_ref()),
        }
    }
    pub fn codes(&self) -> &[String] {
        &self.codes
    }
    /// The code at `i`.
    pub fn code(&self, i: u32) -> &str {
        &self.codes[i as usize]
    }
    pub fn len(&self) -> usize {
        self.codes.len()
    }
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::Dict;

    #[test]
    fn composed_and_decomposed_spellings_are_one_code_stored_composed() {
        let composed = "X\u{e3} H\u{f2}a B\u{ec}nh"; // xã Hòa Bình, precomposed
        let decomposed = "X\u{61}\u{303} H\u{6f}\u{300}a B\u{69}\u{300}nh";
        assert_ne!(composed, decomposed);
        let mut d = Dict::default();
        let a = d.intern(decomposed);
        let b = d.intern(composed);
        let c = d.intern(decomposed);
        assert_eq!((a, b, c), (0, 0, 0));
        assert_eq!(d.len(), 1);
        assert_eq!(d.code(0), composed);
        assert_eq!(d.get(decomposed), Some(0));
        assert_eq!(d.get(composed), Some(0));
        assert_eq!(d.intern("U01"), 1);
        assert_eq!(d.get("U02"), None);
    }

    /// Codes of every length from 0 to 40 bytes that share their first and
    /// last bytes, as the two words of a short key do: each is its own code.
    #[test]
    fn codes_of_every_length_are_told_apart() {
        let mut codes = Vec::new();
        for n in 0..=40usize {
            for middle in ["a", "b", "\u{1ec7}"] {
                let mut c: String = "x".repeat(n);
                if n >= 3 {
                    c.replace_range(n / 2..n / 2 + 1, middle);
                }
                codes.push(c);
            }
        }
        codes.sort();
        codes.dedup();
        let mut d = Dict::default();
        let first: Vec<u32> = codes.iter().map(|c| d.intern(c)).collect();
        assert_eq!(first, (0..codes.len() as u32).collect::<Vec<_>>());
        for (i, c) in codes.iter().enumerate() {
            assert_eq!(d.intern(c), i as u32, "{c:?}");
            assert_eq!(d.get(c), Some(i as u32), "{c:?}");
            assert_eq!(d.code(i as u32), c);
        }
        assert_eq!(d.get("y"), None);
        assert_eq!(d.get(&"x".repeat(41)), None);
    }
}
