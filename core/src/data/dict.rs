//! Dictionary encoding of codes (unit, sector, procedure): each distinct
//! code is stored once and rows hold its index.
//!
//! Codes are compared in Unicode composed form (NFC): "Hòa" typed with a
//! combining grave (NFD, as some Mac and web exports write it) and "Hòa"
//! with the precomposed letter are one code, stored as NFC. A code seen in
//! another form is kept in the index as an alias of its NFC entry, so the
//! usual case (the same bytes again) costs one hash lookup.

use hashbrown::HashMap;

/// A dictionary: code → index, index → code, in first-seen order.
#[derive(Debug, Clone, Default)]
pub struct Dict {
    /// The distinct codes, each in NFC.
    codes: Vec<String>,
    /// Every spelling seen (NFC and the other forms met) → index.
    index: HashMap<String, u32>,
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
    pub fn intern(&mut self, code: &str) -> u32 {
        if let Some(&i) = self.index.get(code) {
            return i;
        }
        let composed = nfc(code);
        let i = match self.index.get(composed.as_ref()) {
            Some(&i) => i,
            None => {
                let i = self.codes.len() as u32;
                self.codes.push(composed.to_string());
                self.index.insert(composed.to_string(), i);
                i
            }
        };
        if composed != code {
            self.index.insert(code.to_string(), i);
        }
        i
    }
    /// The index of `code` (in any normal form), if present.
    pub fn get(&self, code: &str) -> Option<u32> {
        match self.index.get(code) {
            Some(&i) => Some(i),
            None => self.index.get(nfc(code).as_ref()).copied(),
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
}
