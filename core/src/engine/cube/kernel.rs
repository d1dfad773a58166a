//! The one counting kernel of the dossier cube, in two forms chosen by the
//! cube's size:
//!
//! - **histogram** (cubes of at most [`HIST_MAX_CELLS`] cells: a cube over
//!   a few grouped dimensions, e.g. units × months or months alone): one
//!   `u32` per (cell, reception flag byte), one increment per row; turned
//!   into counters when the batch ends ([`Counting::finish`]). Its table
//!   stays in L2, and a row writes one word instead of eight.
//! - **dense** (larger cubes, e.g. units × months × sectors): the eight
//!   reception counters of the cell get the flag byte's [`DELTA`] row in
//!   one vector add.
//!
//! Completion counters (early / on time / late) are one increment per
//! settled row in both forms.

use super::{Stored, DELTA, NO_DATE, OUTSIDE, S_EARLY};

/// Largest cube counted as a histogram: 2048 cells × 64 flag bytes × 4
/// bytes = 512 KiB.
pub(super) const HIST_MAX_CELLS: usize = 2048;

/// Reception flag bytes: fully online, channel (2 bits), fee, paid, digitised.
const FLAG_VALUES: usize = 64;

/// A dictionary index as a column holds it: `u32` in owned columns, `i32`
/// in borrowed Arrow or numpy arrays (checked to be in range before counting).
pub(super) trait Code: Copy {
    fn at(self) -> usize;
}

impl Code for u32 {
    #[inline]
    fn at(self) -> usize {
        self as usize
    }
}

impl Code for i32 {
    #[inline]
    fn at(self) -> usize {
        self as u32 as usize
    }
}

/// Row columns as the counting kernel reads them (checked, equal lengths).
pub(super) struct Rows<'r, C: Code> {
    pub unit: &'r [C],
    pub sector: &'r [C],
    pub received: &'r [i32],
    pub completed: &'r [i32],
    pub due: &'r [i32],
    pub flags: &'r [u8],
    /// Columns of the rows counted next, read one cache line every 16
    /// rows while these rows are counted, so that their first reads (the
    /// checks of borrowed arrays) find them in cache. Empty: none.
    pub ahead: [&'r [i32]; AHEAD],
}

/// Columns [`Rows::ahead`] can name.
pub(super) const AHEAD: usize = 6;

/// Where a row's cell lies: `unit × unit_stride + slot × bucket_stride +
/// sector × sector_stride`, a stride 0 for a dimension the cube sums over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Strides {
    pub unit: usize,
    pub bucket: usize,
    pub sector: usize,
}

/// Counting rows into a cube's cells; call [`Counting::finish`] when the
/// batch is done (a histogram is added to the cells then).
pub(super) struct Counting<'c> {
    cells: &'c mut [Stored],
    strides: Strides,
    day0: i32,
    /// Slot of each day from `day0` ([`OUTSIDE`]: not counted).
    slots: &'c [u16],
    /// (cell, flag byte) counts; empty for the dense form.
    hist: Vec<u32>,
    /// Settled rows per (cell, early / on time / late), then one slot for
    /// the rows not counted (not settled, or settled outside the grid), so
    /// that a row's completion is counted without a branch; only the slot
    /// for the dense form (which counts into the cell it already touches).
    done: Vec<u32>,
}

impl<'c> Counting<'c> {
    pub(super) fn new(
        cells: &'c mut [Stored],
        strides: Strides,
        day0: i32,
        slots: &'c [u16],
    ) -> Self {
        let hist = if cells.len() <= HIST_MAX_CELLS {
            vec![0; cells.len() * FLAG_VALUES]
        } else {
            Vec::new()
        };
        let done = if cells.len() <= HIST_MAX_CELLS {
            vec![0; cells.len() * 3 + 1]
        } else {
            vec![0]
        };
        Counting {
            done,
            cells,
            strides,
            day0,
            slots,
            hist,
        }
    }

    /// Counts checked rows.
    pub(super) fn rows<C: Code>(&mut self, rows: Rows<'_, C>) {
        // One loop per kept unit / sector dimension, so a summed one costs
        // neither a load nor a multiply per row.
        match (
            self.hist.is_empty(),
            self.strides.unit != 0,
            self.strides.sector != 0,
        ) {
            (false, true, true) => self.rows_by::<C, true, true, true>(rows),
            (false, true, false) => self.rows_by::<C, true, true, false>(rows),
            (false, false, true) => self.rows_by::<C, true, false, true>(rows),
            (false, false, false) => self.rows_by::<C, true, false, false>(rows),
            (true, true, true) => self.rows_by::<C, false, true, true>(rows),
            (true, true, false) => self.rows_by::<C, false, true, false>(rows),
            (true, false, true) => self.rows_by::<C, false, false, true>(rows),
            (true, false, false) => self.rows_by::<C, false, false, false>(rows),
        }
    }

    #[inline(always)]
    fn rows_by<C: Code, const HIST: bool, const UNIT: bool, const SECTOR: bool>(
        &mut self,
        rows: Rows<'_, C>,
    ) {
        let at = Tables {
            strides: self.strides,
            day0: self.day0,
            slots: self.slots,
        };
        count_rows::<C, HIST, UNIT, SECTOR>(at, self.cells, &mut self.hist, &mut self.done, rows);
    }

    /// Adds the completions and the histogram (if any) to the cells.
    pub(super) fn finish(self) {
        for (cell, done) in self.cells.iter_mut().zip(self.done.chunks_exact(3)) {
            for (c, &d) in cell[S_EARLY..].iter_mut().zip(done) {
                *c += d;
            }
        }
        for (cell, counts) in self
            .cells
            .iter_mut()
            .zip(self.hist.chunks_exact(FLAG_VALUES))
        {
            for (f, &h) in counts.iter().enumerate() {
                if h != 0 {
                    for (c, d) in cell[..8].iter_mut().zip(&DELTA[f]) {
                        *c += d * h;
                    }
                }
            }
        }
    }
}

/// Where rows are counted: the cube's strides and day → slot table.
#[derive(Clone, Copy)]
struct Tables<'t> {
    strides: Strides,
    day0: i32,
    slots: &'t [u16],
}

impl Tables<'_> {
    #[inline(always)]
    fn slot(&self, day: i32) -> u16 {
        let i = day.wrapping_sub(self.day0) as u32 as usize;
        self.slots.get(i).copied().unwrap_or(OUTSIDE)
    }
}

/// The counting loop, a function of its own (not inlined) so that the
/// tables it writes are arguments the compiler knows apart, held in
/// registers across the loop.
#[inline(never)]
fn count_rows<C: Code, const HIST: bool, const UNIT: bool, const SECTOR: bool>(
    at: Tables<'_>,
    cells: &mut [Stored],
    hist: &mut [u32],
    done_at: &mut [u32],
    rows: Rows<'_, C>,
) {
    let st = at.strides;
    let zipped = rows
        .unit
        .iter()
        .zip(rows.sector)
        .zip(rows.received)
        .zip(rows.completed)
        .zip(rows.due)
        .zip(rows.flags);
    let mut sink = 0i32;
    let trash = done_at.len() - 1;
    for (i, (((((&u, &s), &rec), &done), &due), &f)) in zipped.enumerate() {
        if i % 16 == 0 {
            for a in rows.ahead {
                sink ^= a.get(i).copied().unwrap_or(0);
            }
        }
        let base =
            if UNIT { u.at() * st.unit } else { 0 } + if SECTOR { s.at() * st.sector } else { 0 };
        let b = at.slot(rec);
        if b != OUTSIDE {
            let cell = base + b as usize * st.bucket;
            if HIST {
                hist[cell * FLAG_VALUES + (f as usize & (FLAG_VALUES - 1))] += 1;
            } else {
                // Every reception counter in one add of a [u32; 8] from
                // the table (vectorised).
                let d = &DELTA[(f as usize) & (FLAG_VALUES - 1)];
                for (c, d) in cells[cell][..8].iter_mut().zip(d) {
                    *c += d;
                }
            }
        }
        // Early, on time or late; a day that is not settled (NO_DATE)
        // or lies outside the grid has no slot.
        if HIST {
            // Without a branch: such a row goes to the last, unread entry.
            let b = at.slot(done);
            let k = (done >= due) as usize + (done > due) as usize;
            let to = if b != OUTSIDE {
                (base + b as usize * st.bucket) * 3 + k
            } else {
                trash
            };
            done_at[to] += 1;
        } else if done != NO_DATE {
            let b = at.slot(done);
            if b != OUTSIDE {
                let k = S_EARLY + (done >= due) as usize + (done > due) as usize;
                cells[base + b as usize * st.bucket][k] += 1;
            }
        }
    }
    std::hint::black_box(sink);
}
