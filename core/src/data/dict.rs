//! Dictionary encoding of codes (unit, sector, procedure): each distinct
//! code is stored once and rows hold its index.

use hashbrown::HashMap;

/// A dictionary: code → index, index → code, in first-seen order.
#[derive(Debug, Clone, Default)]
pub struct Dict {
    codes: Vec<String>,
    index: HashMap<String, u32>,
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
        let i = self.codes.len() as u32;
        self.codes.push(code.to_string());
        self.index.insert(code.to_string(), i);
        i
    }
    pub fn get(&self, code: &str) -> Option<u32> {
        self.index.get(code).copied()
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
