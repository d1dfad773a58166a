//! Borrowed dossier columns as they arrive from Arrow, numpy or JS typed
//! arrays: [`DossierArrays`] reads them in place (no copy of the rows), checks
//! every row and feeds the cube's one counting kernel chunk by chunk.

use super::{
    Dims, DossierCube, Grid, Rows, CHANNEL_SHIFT, FLAG_DIGITIZED, FLAG_FEE, FLAG_FULLY_ONLINE,
    FLAG_PAID_ONLINE, NO_DATE,
};
use crate::base::error::{DvcttError, Result};

/// A bitmap in Arrow's layout: row `i` is bit `offset + i`, least significant
/// bit first. Used for validity (set = present) and for Arrow booleans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bitmap<'a> {
    pub bits: &'a [u8],
    /// Bit offset of row 0 (Arrow arrays sliced at a non-multiple of 8).
    pub offset: usize,
}

/// Byte `k` of `SPREAD[b]` is bit `k` of `b`: eight bits become eight 0/1
/// bytes in one lookup.
static SPREAD: [u64; 256] = spread();

const fn spread() -> [u64; 256] {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let mut k = 0;
        while k < 8 {
            t[b] |= (((b >> k) & 1) as u64) << (8 * k);
            k += 1;
        }
        b += 1;
    }
    t
}

impl Bitmap<'_> {
    #[inline]
    fn bit(&self, i: usize) -> u8 {
        let j = self.offset + i;
        (self.bits.get(j >> 3).copied().unwrap_or(0) >> (j & 7)) & 1
    }
    /// The 8 bits from bit `s` of byte `j` on.
    #[inline]
    fn window(&self, j: usize, s: usize) -> u8 {
        let lo = self.bits.get(j).copied().unwrap_or(0) as u16;
        let hi = self.bits.get(j + 1).copied().unwrap_or(0) as u16;
        (((hi << 8) | lo) >> s) as u8
    }

    /// Writes bits `start..start + out.len()` to `out` as 0/1 bytes, 8 at a
    /// time through the [`SPREAD`] table.
    fn expand(&self, start: usize, out: &mut [u8]) {
        let first = self.offset + start;
        let (mut j, s) = (first >> 3, first & 7);
        let mut groups = out.chunks_exact_mut(8);
        for group in &mut groups {
            group.copy_from_slice(&SPREAD[self.window(j, s) as usize].to_le_bytes());
            j += 1;
        }
        let rest = groups.into_remainder();
        let n = rest.len();
        rest.copy_from_slice(&SPREAD[self.window(j, s) as usize].to_le_bytes()[..n]);
    }
    /// ORs bits `start..start + flags.len()` into `flags` as bit `shift`
    /// of each byte, 8 rows at a time.
    fn or_into(&self, start: usize, flags: &mut [u8], shift: u32) {
        let first = self.offset + start;
        let (mut j, s) = (first >> 3, first & 7);
        let mut groups = flags.chunks_exact_mut(8);
        for group in &mut groups {
            let f = u64::from_le_bytes(group.try_into().expect("8 bytes"));
            let v = f | (SPREAD[self.window(j, s) as usize] << shift);
            group.copy_from_slice(&v.to_le_bytes());
            j += 1;
        }
        let rest = groups.into_remainder();
        let bits = (SPREAD[self.window(j, s) as usize] << shift).to_le_bytes();
        for (f, b) in rest.iter_mut().zip(bits) {
            *f |= b;
        }
    }
    /// `dst[k]` = `src[k]` where bit `start + k` is set, else `none`.
    fn select(&self, start: usize, src: &[i32], dst: &mut [i32], none: i32) {
        let first = self.offset + start;
        let (mut j, s) = (first >> 3, first & 7);
        let mut groups = dst.chunks_exact_mut(8);
        let mut from = src.chunks_exact(8);
        for (d, x) in (&mut groups).zip(&mut from) {
            let w = self.window(j, s) as i32;
            for (k, (d, &x)) in d.iter_mut().zip(x).enumerate() {
                *d = if (w >> k) & 1 != 0 { x } else { none };
            }
            j += 1;
        }
        let w = self.window(j, s) as i32;
        let rest = groups.into_remainder().iter_mut().zip(from.remainder());
        for (k, (d, &x)) in rest.enumerate() {
            *d = if (w >> k) & 1 != 0 { x } else { none };
        }
    }
    fn covers(&self, n: usize) -> bool {
        self.offset
            .checked_add(n)
            .is_some_and(|end| end.div_ceil(8) <= self.bits.len())
    }
}

/// A boolean column: one byte per row (numpy `bool`, `Uint8Array`; 0 or 1)
/// or an Arrow boolean bitmap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bools<'a> {
    Bytes(&'a [u8]),
    Bits(Bitmap<'a>),
}

/// Arrow validity bitmaps of the columns that have one (`None`: no nulls).
/// Nulls are allowed only in `completed` (not settled) and `due` (no due
/// date); anywhere else a null is an error naming the column and row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Validity<'a> {
    pub unit: Option<Bitmap<'a>>,
    pub sector: Option<Bitmap<'a>>,
    pub channel: Option<Bitmap<'a>>,
    pub received: Option<Bitmap<'a>>,
    pub completed: Option<Bitmap<'a>>,
    pub due: Option<Bitmap<'a>>,
    pub paused_days: Option<Bitmap<'a>>,
    pub fully_online: Option<Bitmap<'a>>,
    pub fee_required: Option<Bitmap<'a>>,
    pub paid_online: Option<Bitmap<'a>>,
    pub digitized: Option<Bitmap<'a>>,
}

/// Dossiers (hồ sơ TTHC) as borrowed columns, one entry per row in each.
///
/// `unit`, `sector` and `channel` are dictionary indices (Arrow dictionary
/// indices are int32) into `units`, `sectors` and `channels`; dates are day
/// numbers (days since 1970-01-01, Arrow `date32`), a missing one given as
/// [`NO_DATE`] or by a validity bitmap. Rows are checked as they are
/// counted: a bad one is a [`DvcttError::Data`] whose path is `column[row]`,
/// with the column named as in `dossiers.csv` (`unit_code`, `received_on`,
/// `completed_on`, `due_on`, …).
#[derive(Debug, Clone, Copy)]
pub struct DossierArrays<'a> {
    /// Unit codes (đơn vị tiếp nhận); no code twice.
    pub units: &'a [String],
    /// Sector codes (lĩnh vực); no code twice.
    pub sectors: &'a [String],
    /// Channel labels (`online`, `direct`, `postal`); `None`: `channel`
    /// holds the codes 0 online, 1 direct, 2 postal.
    pub channels: Option<&'a [String]>,
    pub unit: &'a [i32],
    pub sector: &'a [i32],
    pub channel: &'a [i32],
    /// Day number of `received_on`.
    pub received: &'a [i32],
    /// Day number of `completed_on`; `None`: no dossier is settled.
    pub completed: Option<&'a [i32]>,
    /// Day number of `due_on`; `None`: no due dates.
    pub due: Option<&'a [i32]>,
    /// Days waiting for the applicant, pushing the due date back; `None`: 0.
    pub paused_days: Option<&'a [i32]>,
    pub fully_online: Bools<'a>,
    /// `None`: false for every row.
    pub fee_required: Option<Bools<'a>>,
    /// `None`: false for every row.
    pub paid_online: Option<Bools<'a>>,
    /// `None`: false for every row.
    pub digitized: Option<Bools<'a>>,
    pub validity: Validity<'a>,
}

/// Rows decoded per step: small enough that a chunk stays in L1.
const CHUNK: usize = 1024;

/// Channel index → code (0 online, 1 direct, 2 postal; 3 unknown).
fn channel_codes(labels: Option<&[String]>) -> Vec<u8> {
    match labels {
        None => vec![0, 1, 2],
        Some(l) => l
            .iter()
            .map(|s| match s.as_str() {
                "online" => 0,
                "direct" => 1,
                "postal" => 2,
                _ => 3,
            })
            .collect(),
    }
}

fn data(path: String, detail: String) -> DvcttError {
    DvcttError::Data { path, detail }
}

fn unique(dict: &[String], name: &str) -> Result<()> {
    let mut seen = std::collections::HashSet::with_capacity(dict.len());
    for (i, c) in dict.iter().enumerate() {
        if !seen.insert(c.as_str()) {
            return Err(data(
                format!("{name}[{i}]"),
                format!("`{c}` appears twice in the dictionary"),
            ));
        }
    }
    Ok(())
}

/// Decoded, checked rows of one chunk, in the kernel's layout.
struct Chunk {
    completed: [i32; CHUNK],
    due: [i32; CHUNK],
    flags: [u8; CHUNK],
    /// Scratch for bitmaps expanded to bytes.
    bits: [u8; CHUNK],
}

impl<'a> DossierArrays<'a> {
    /// Number of rows (the length of `unit`).
    pub fn len(&self) -> usize {
        self.unit.len()
    }
    pub fn is_empty(&self) -> bool {
        self.unit.is_empty()
    }

    /// Rows `start..start + n` (each column sliced, bitmaps by their bit
    /// offset), for cutting batches into runs of equal length. Call it on
    /// a batch whose shape passed [`DossierArrays::check_shape`] (columns
    /// are cut to what they hold, so a longer one would pass unseen).
    pub fn rows(&self, start: usize, n: usize) -> DossierArrays<'a> {
        fn within<T>(c: &[T], start: usize, n: usize) -> &[T] {
            &c[start.min(c.len())..(start + n).min(c.len())]
        }
        let cut = |c: &'a [i32]| within(c, start, n);
        let bits = |b: Bitmap<'a>| Bitmap {
            bits: b.bits,
            offset: b.offset + start,
        };
        let bools = |b: Bools<'a>| match b {
            Bools::Bytes(x) => Bools::Bytes(within(x, start, n)),
            Bools::Bits(m) => Bools::Bits(bits(m)),
        };
        let v = self.validity;
        DossierArrays {
            units: self.units,
            sectors: self.sectors,
            channels: self.channels,
            unit: cut(self.unit),
            sector: cut(self.sector),
            channel: cut(self.channel),
            received: cut(self.received),
            completed: self.completed.map(cut),
            due: self.due.map(cut),
            paused_days: self.paused_days.map(cut),
            fully_online: bools(self.fully_online),
            fee_required: self.fee_required.map(bools),
            paid_online: self.paid_online.map(bools),
            digitized: self.digitized.map(bools),
            validity: Validity {
                unit: v.unit.map(bits),
                sector: v.sector.map(bits),
                channel: v.channel.map(bits),
                received: v.received.map(bits),
                completed: v.completed.map(bits),
                due: v.due.map(bits),
                paused_days: v.paused_days.map(bits),
                fully_online: v.fully_online.map(bits),
                fee_required: v.fee_required.map(bits),
                paid_online: v.paid_online.map(bits),
                digitized: v.digitized.map(bits),
            },
        }
    }

    fn bools(&self) -> [(&'static str, Option<Bools<'a>>, u8); 4] {
        [
            ("fully_online", Some(self.fully_online), FLAG_FULLY_ONLINE),
            ("fee_required", self.fee_required, FLAG_FEE),
            ("paid_online", self.paid_online, FLAG_PAID_ONLINE),
            ("digitized", self.digitized, FLAG_DIGITIZED),
        ]
    }

    fn validities(&self) -> [(&'static str, Option<Bitmap<'a>>); 11] {
        let v = &self.validity;
        [
            ("unit_code", v.unit),
            ("sector", v.sector),
            ("channel", v.channel),
            ("received_on", v.received),
            ("completed_on", v.completed),
            ("due_on", v.due),
            ("paused_days", v.paused_days),
            ("fully_online", v.fully_online),
            ("fee_required", v.fee_required),
            ("paid_online", v.paid_online),
            ("digitized", v.digitized),
        ]
    }

    /// Column lengths, bitmap sizes and dictionaries, before any row.
    pub fn check_shape(&self) -> Result<()> {
        let n = self.len();
        let ints = [
            ("sector", Some(self.sector)),
            ("channel", Some(self.channel)),
            ("received_on", Some(self.received)),
            ("completed_on", self.completed),
            ("due_on", self.due),
            ("paused_days", self.paused_days),
        ];
        for (name, col) in ints {
            if let Some(c) = col {
                if c.len() != n {
                    return Err(data(
                        name.into(),
                        format!("{} values, expected {n} (the length of unit_code)", c.len()),
                    ));
                }
            }
        }
        for (name, col, _) in self.bools() {
            match col {
                Some(Bools::Bytes(b)) if b.len() != n => {
                    return Err(data(
                        name.into(),
                        format!("{} values, expected {n} (the length of unit_code)", b.len()),
                    ))
                }
                Some(Bools::Bits(bm)) if !bm.covers(n) => {
                    return Err(data(
                        name.into(),
                        format!("the bitmap holds fewer than {n} values"),
                    ))
                }
                _ => {}
            }
        }
        for (name, v) in self.validities() {
            if v.is_some_and(|bm| !bm.covers(n)) {
                return Err(data(
                    name.into(),
                    format!("the validity bitmap holds fewer than {n} values"),
                ));
            }
        }
        unique(self.units, "units")?;
        unique(self.sectors, "sectors")?;
        if let Some(c) = self.channels {
            unique(c, "channels")?;
        }
        Ok(())
    }

    /// Whether `completed` and `due` are read in place (no nulls by
    /// validity bitmap, no paused days to add) rather than copied into a chunk.
    fn dates_in_place(&self) -> (bool, bool) {
        (
            self.validity.completed.is_none(),
            self.validity.due.is_none() && self.paused_days.is_none(),
        )
    }

    /// The completed and due days of rows `start..start + m`: in place, or
    /// as decoded into `out` (a missing column: `out`'s [`NO_DATE`]s).
    fn dates<'s>(&'s self, start: usize, m: usize, out: &'s Chunk) -> (&'s [i32], &'s [i32]) {
        let (c_in_place, d_in_place) = self.dates_in_place();
        let pick = |col: Option<&'s [i32]>, in_place: bool, buf: &'s [i32; CHUNK]| match col {
            Some(c) if in_place => &c[start..start + m],
            _ => &buf[..m],
        };
        (
            pick(self.completed, c_in_place, &out.completed),
            pick(self.due, d_in_place, &out.due),
        )
    }

    /// Decodes rows `start..start + m` into `out`; `true` if any is bad.
    /// `direct`: channel index i is code i (no remap).
    ///
    /// Each pass reads columns of one width, so that it is vectorised: one
    /// over the `i32` columns (indices in range, received present, dates in
    /// order), one over the flag bytes (booleans consistent with the channel
    /// and fee).
    fn decode(&self, start: usize, m: usize, codes: &[u8], direct: bool, out: &mut Chunk) -> bool {
        let end = start + m;
        let (c_in_place, d_in_place) = self.dates_in_place();
        for (dst, col, valid, in_place) in [
            (
                &mut out.completed,
                self.completed,
                self.validity.completed,
                c_in_place,
            ),
            (&mut out.due, self.due, self.validity.due, d_in_place),
        ] {
            let Some(c) = col.filter(|_| !in_place) else {
                continue;
            };
            match valid {
                None => dst[..m].copy_from_slice(&c[start..end]),
                Some(v) => v.select(start, &c[start..end], &mut dst[..m], NO_DATE),
            }
        }
        let mut bad = self.ints_bad(start, m, codes, direct, out);
        let channel = &self.channel[start..end];
        if direct {
            for (f, &x) in out.flags[..m].iter_mut().zip(channel) {
                *f = ((x as u8) & 3) << CHANNEL_SHIFT;
            }
        } else {
            let nch = codes.len();
            for (f, &x) in out.flags[..m].iter_mut().zip(channel) {
                let i = x as u32 as usize;
                let code = if i < nch { codes[i] } else { 3 };
                bad |= code > 2;
                *f = (code & 3) << CHANNEL_SHIFT;
            }
        }
        for (_, col, flag) in self.bools() {
            let shift = flag.trailing_zeros();
            match col {
                None => {}
                Some(Bools::Bytes(b)) => {
                    for (f, &x) in out.flags[..m].iter_mut().zip(&b[start..end]) {
                        bad |= x > 1;
                        *f |= (x & 1) << shift;
                    }
                }
                Some(Bools::Bits(bm)) => bm.or_into(start, &mut out.flags[..m], shift),
            }
        }
        for &f in &out.flags[..m] {
            bad |= ((f & FLAG_FULLY_ONLINE != 0) & (f >> CHANNEL_SHIFT != 0))
                | ((f & FLAG_PAID_ONLINE != 0) & (f & FLAG_FEE == 0));
        }
        if let Some(p) = self.paused_days {
            for (d, &x) in out.due[..m].iter_mut().zip(&p[start..end]) {
                bad |= x < 0;
                if *d != NO_DATE {
                    *d = d.saturating_add(x);
                }
            }
        }
        for (name, v) in self.validities() {
            if name == "completed_on" || name == "due_on" {
                continue;
            }
            if let Some(v) = v {
                v.expand(start, &mut out.bits[..m]);
                bad |= out.bits[..m].contains(&0);
            }
        }
        bad
    }

    /// The checks of rows `start..start + m` that read only `i32` columns
    /// (the dates as decoded, before paused days are added), in one pass;
    /// `true` if any row fails. A channel that needs a remap is checked by
    /// the remap.
    fn ints_bad(&self, start: usize, m: usize, codes: &[u8], direct: bool, out: &Chunk) -> bool {
        let end = start + m;
        let (nu, ns) = (self.units.len() as u32, self.sectors.len() as u32);
        let nch = if direct { codes.len() as u32 } else { u32::MAX };
        let (completed, due) = self.dates(start, m, out);
        let rows = self.unit[start..end]
            .iter()
            .zip(&self.sector[start..end])
            .zip(&self.channel[start..end])
            .zip(&self.received[start..end])
            .zip(completed)
            .zip(due);
        let mut bad = false;
        for (((((&u, &s), &ch), &r), &c), &d) in rows {
            let (settled, has_due) = (c != NO_DATE, d != NO_DATE);
            bad |= (u as u32 >= nu)
                | (s as u32 >= ns)
                | (ch as u32 >= nch)
                | (r == NO_DATE)
                | (settled & (!has_due | (c < r)))
                | (has_due & (d < r));
        }
        bad
    }

    /// The first problem among rows `start..end` (known to hold one).
    fn problem(&self, start: usize, end: usize, codes: &[u8], row_offset: usize) -> DvcttError {
        for i in start..end {
            let found = self
                .code_problem(i, codes)
                .or_else(|| self.value_problem(i, codes));
            if let Some((col, detail)) = found {
                return data(format!("{col}[{}]", i + row_offset), detail);
            }
        }
        data(
            format!("rows {}..{}", start + row_offset, end + row_offset),
            "a row failed a check".into(),
        )
    }

    /// A problem of row `i`'s nulls, dictionary indices or channel code, as
    /// (column, reason).
    fn code_problem(&self, i: usize, codes: &[u8]) -> Option<(&'static str, String)> {
        for (name, v) in self.validities() {
            if name != "completed_on" && name != "due_on" && v.is_some_and(|v| v.bit(i) == 0) {
                return Some((name, "null where a value is required".into()));
            }
        }
        for (name, col, dict_name, dict) in [
            ("unit_code", self.unit, "units", self.units),
            ("sector", self.sector, "sectors", self.sectors),
        ] {
            let x = col[i];
            if x < 0 || x as usize >= dict.len() {
                return Some((
                    name,
                    format!(
                        "index {x} is outside the {dict_name} dictionary ({} entries)",
                        dict.len()
                    ),
                ));
            }
        }
        let x = self.channel[i];
        match codes.get(x as u32 as usize) {
            None => Some((
                "channel",
                match self.channels {
                    None => format!("code {x} is not 0 (online), 1 (direct) or 2 (postal)"),
                    Some(d) => format!(
                        "index {x} is outside the channels dictionary ({} entries)",
                        d.len()
                    ),
                },
            )),
            Some(3) => {
                let label = self
                    .channels
                    .and_then(|d| d.get(x as usize))
                    .map_or("", |s| s.as_str());
                Some((
                    "channel",
                    format!("`{label}` is not online, direct or postal"),
                ))
            }
            Some(_) => None,
        }
    }

    /// A problem of row `i`'s dates, booleans and their consistency (as for
    /// CSV rows, see `Dossier::check`), as (column, reason).
    fn value_problem(&self, i: usize, codes: &[u8]) -> Option<(&'static str, String)> {
        let bool_at = |col: Option<Bools>, i: usize| match col {
            None => Some(false),
            Some(Bools::Bytes(b)) => match b[i] {
                0 => Some(false),
                1 => Some(true),
                _ => None,
            },
            Some(Bools::Bits(bm)) => Some(bm.bit(i) == 1),
        };
        let date_at = |col: Option<&[i32]>, valid: Option<Bitmap>, i: usize| {
            col.map(|c| c[i])
                .filter(|&x| x != NO_DATE && valid.is_none_or(|v| v.bit(i) == 1))
        };
        let received = self.received[i];
        if received == NO_DATE {
            return Some(("received_on", "a received date is required".into()));
        }
        let mut b = [false; 4];
        for (k, (name, col, _)) in self.bools().into_iter().enumerate() {
            match bool_at(col, i) {
                Some(v) => b[k] = v,
                None => return Some((name, "a boolean byte must be 0 or 1".into())),
            }
        }
        let [fully_online, fee, paid, _] = b;
        if fully_online && codes.get(self.channel[i] as u32 as usize) != Some(&0) {
            return Some((
                "fully_online",
                "a dossier processed fully online must have channel online".into(),
            ));
        }
        if paid && !fee {
            return Some((
                "paid_online",
                "paid online but fee_required is false".into(),
            ));
        }
        let due = date_at(self.due, self.validity.due, i);
        if let Some(c) = date_at(self.completed, self.validity.completed, i) {
            if c < received {
                return Some((
                    "completed_on",
                    format!("day {c} is before the received day {received}"),
                ));
            }
            if due.is_none() {
                return Some((
                    "completed_on",
                    "a completed dossier needs its due date (due_on is missing)".into(),
                ));
            }
        }
        if let Some(d) = due {
            if d < received {
                return Some((
                    "due_on",
                    format!("day {d} is before the received day {received}"),
                ));
            }
        }
        match self.paused_days {
            Some(p) if p[i] < 0 => Some(("paused_days", format!("{} is negative", p[i]))),
            _ => None,
        }
    }
}

impl DossierCube {
    /// Builds a cube from borrowed columns in one checked pass; the cube's
    /// units and sectors are the arrays' dictionaries, in their order.
    pub fn from_arrays(arrays: &DossierArrays, grid: Grid) -> Result<Self> {
        Self::from_array_batches_by(std::slice::from_ref(arrays), grid, Dims::ALL)
    }

    /// Builds one cube from several batches (e.g. the record batches of an
    /// Arrow table), merging by code where their dictionaries differ. Row
    /// numbers in errors count from the first batch.
    pub fn from_array_batches(batches: &[DossierArrays], grid: Grid) -> Result<Self> {
        Self::from_array_batches_by(batches, grid, Dims::ALL)
    }

    /// [`DossierCube::from_array_batches`] keeping only `dims` (the others
    /// summed over as rows are counted): the full cube rolled up, at less cost.
    pub fn from_array_batches_by(
        batches: &[DossierArrays],
        grid: Grid,
        dims: Dims,
    ) -> Result<Self> {
        let Some(first) = batches.first() else {
            return Ok(DossierCube::empty_by(Vec::new(), Vec::new(), grid, dims));
        };
        let mut cube =
            DossierCube::empty_by(first.units.to_vec(), first.sectors.to_vec(), grid, dims);
        let mut offset = 0;
        for b in batches {
            if cube.takes(b.units, b.sectors) {
                cube.add_arrays(b, offset)?;
            } else {
                let mut other = DossierCube::empty_by(
                    b.units.to_vec(),
                    b.sectors.to_vec(),
                    cube.grid.clone(),
                    dims,
                );
                other.add_arrays(b, offset)?;
                cube = cube.merge(&other)?;
            }
            offset += b.len();
        }
        Ok(cube)
    }

    /// Adds a batch whose dictionaries are this cube's; `row_offset` is added
    /// to row numbers in errors. On error the cube holds the chunks before
    /// the bad row: callers discard it.
    fn add_arrays(&mut self, a: &DossierArrays, row_offset: usize) -> Result<()> {
        a.check_shape()?;
        let codes = channel_codes(a.channels);
        let direct = codes.iter().enumerate().all(|(i, &c)| c as usize == i);
        let mut chunk = Box::new(Chunk {
            completed: [NO_DATE; CHUNK],
            due: [NO_DATE; CHUNK],
            flags: [0; CHUNK],
            bits: [0; CHUNK],
        });
        let n = a.len();
        let mut counting = self.counting();
        let mut start = 0;
        while start < n {
            let m = CHUNK.min(n - start);
            if a.decode(start, m, &codes, direct, &mut chunk) {
                return Err(a.problem(start, start + m, &codes, row_offset));
            }
            let end = start + m;
            let (completed, due) = a.dates(start, m, &chunk);
            let next = end..n.min(end + CHUNK);
            let ahead = [
                Some(a.unit),
                Some(a.sector),
                Some(a.channel),
                Some(a.received),
                a.completed,
                a.due,
            ]
            .map(|c| c.map_or(&[][..], |c| &c[next.clone()]));
            counting.rows(Rows {
                unit: &a.unit[start..end],
                sector: &a.sector[start..end],
                received: &a.received[start..end],
                completed,
                due,
                flags: &chunk.flags[..m],
                ahead,
            });
            start += m;
        }
        counting.finish();
        Ok(())
    }
}

/// Owned dossier columns for bindings that cannot lend slices (uniffi):
/// the fields of [`DossierArrays`], with missing dates as `None` and
/// booleans as `bool`s.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct DossierArrayInput {
    pub units: Vec<String>,
    pub sectors: Vec<String>,
    /// `None`: `channel` holds the codes 0 online, 1 direct, 2 postal.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub channels: Option<Vec<String>>,
    pub unit: Vec<i32>,
    pub sector: Vec<i32>,
    pub channel: Vec<i32>,
    /// Days since 1970-01-01.
    pub received: Vec<i32>,
    pub completed: Vec<Option<i32>>,
    pub due: Vec<Option<i32>>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub paused_days: Option<Vec<i32>>,
    pub fully_online: Vec<bool>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub fee_required: Option<Vec<bool>>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub paid_online: Option<Vec<bool>>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub digitized: Option<Vec<bool>>,
}

impl DossierArrayInput {
    /// Builds the cube over `grid`.
    pub fn cube(&self, grid: Grid) -> Result<DossierCube> {
        let dates =
            |v: &[Option<i32>]| -> Vec<i32> { v.iter().map(|d| d.unwrap_or(NO_DATE)).collect() };
        let bytes = |v: &[bool]| -> Vec<u8> { v.iter().map(|&b| b as u8).collect() };
        let (completed, due) = (dates(&self.completed), dates(&self.due));
        let fully_online = bytes(&self.fully_online);
        let fee = self.fee_required.as_deref().map(bytes);
        let paid = self.paid_online.as_deref().map(bytes);
        let digitized = self.digitized.as_deref().map(bytes);
        let arrays = DossierArrays {
            units: &self.units,
            sectors: &self.sectors,
            channels: self.channels.as_deref(),
            unit: &self.unit,
            sector: &self.sector,
            channel: &self.channel,
            received: &self.received,
            completed: Some(&completed),
            due: Some(&due),
            paused_days: self.paused_days.as_deref(),
            fully_online: Bools::Bytes(&fully_online),
            fee_required: fee.as_deref().map(Bools::Bytes),
            paid_online: paid.as_deref().map(Bools::Bytes),
            digitized: digitized.as_deref().map(Bools::Bytes),
            validity: Validity::default(),
        };
        DossierCube::from_arrays(&arrays, grid)
    }
}
