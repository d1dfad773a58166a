//! Where a quote-free CSV text has a delimiter or a line break: the split
//! of the fast path ([`super::plain`]). Stops are dense (one every few
//! bytes), where `memchr2_iter` pays a vector search per hit; here each
//! 64-byte block is classified at once into a bit mask, eight bytes at a
//! time in plain integer arithmetic (SWAR), and the mask's bits are the
//! stops. About twice as fast as `memchr2_iter` on a dossier export.

const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// The high bit of each byte of `x` that is 0, and no other bit.
#[inline]
fn zero_bytes(x: u64) -> u64 {
    !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7)
}

/// Bit `i` set when `block[i]` is `a` or `b`.
#[inline]
fn block_mask(block: &[u8; 64], a: u64, b: u64) -> u64 {
    let mut mask = 0u64;
    for (k, word) in block.chunks_exact(8).enumerate() {
        let w = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
        let hits = (zero_bytes(w ^ a) | zero_bytes(w ^ b)) >> 7;
        // The eight bits (one per byte, at bits 0, 8, …, 56) gathered into
        // the top byte in order, by one multiplication.
        mask |= (hits.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (k * 8);
    }
    mask
}

/// The positions of `delimiter` and `\n` in `bytes`, in order.
pub(super) struct Stops<'a> {
    bytes: &'a [u8],
    a: u64,
    b: u64,
    base: usize,
    mask: u64,
}

impl<'a> Stops<'a> {
    pub(super) fn new(bytes: &'a [u8], delimiter: u8) -> Self {
        let mut s = Stops {
            bytes,
            a: u64::from_ne_bytes([delimiter; 8]),
            b: u64::from_ne_bytes([b'\n'; 8]),
            base: 0,
            mask: 0,
        };
        s.mask = s.mask_at(0);
        s
    }

    #[inline]
    fn mask_at(&self, base: usize) -> u64 {
        match self.bytes.get(base..base + 64) {
            Some(block) => block_mask(block.try_into().unwrap_or(&[0; 64]), self.a, self.b),
            None => {
                // The last, shorter block: padded with a byte that is
                // neither (the delimiter cannot be both it and `\n`).
                let pad = if self.a as u8 == 0 { 1 } else { 0 };
                let mut block = [pad; 64];
                let tail = self.bytes.get(base..).unwrap_or(&[]);
                block[..tail.len()].copy_from_slice(tail);
                block_mask(&block, self.a, self.b)
            }
        }
    }
}

impl Iterator for Stops<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        loop {
            if self.mask != 0 {
                let i = self.mask.trailing_zeros() as usize;
                self.mask &= self.mask - 1;
                return Some(self.base + i);
            }
            self.base += 64;
            if self.base >= self.bytes.len() {
                return None;
            }
            self.mask = self.mask_at(self.base);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Stops;
    use crate::synth::Rng;

    /// The same positions as `memchr2_iter`, on texts of every length up to
    /// a few blocks, made of the delimiter, `\n`, their neighbours, bytes
    /// with the high bit, and 0.
    #[test]
    fn the_stops_are_memchr2s() {
        let mut rng = Rng::new(7);
        for delimiter in [b',', b';', b'\t', b'|', 0u8, 0xff] {
            let alphabet = [
                delimiter,
                b'\n',
                b'a',
                0,
                0x80,
                0xff,
                b'\r',
                delimiter ^ 1,
                b'\n' + 1,
                b'\n' - 1,
            ];
            for len in 0..300 {
                let bytes: Vec<u8> = (0..len)
                    .map(|_| alphabet[rng.below(alphabet.len() as u64) as usize])
                    .collect();
                let want: Vec<usize> = memchr::memchr2_iter(delimiter, b'\n', &bytes).collect();
                let got: Vec<usize> = Stops::new(&bytes, delimiter).collect();
                assert_eq!(got, want, "delimiter {delimiter:#x}, {bytes:?}");
            }
        }
    }
}
