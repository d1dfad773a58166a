//! The dossier engine: columnar batches and a dense accumulator cube.
//!
//! Dossiers are held as a struct of arrays ([`DossierColumns`]) with unit,
//! sector and procedure codes dictionary-encoded once and dates as day
//! numbers. One pass over a batch fills a [`DossierCube`]: a dense array of
//! [`N_COUNTERS`] counters per (unit, time bucket, sector) cell, for every
//! dossier indicator at once — no per-indicator passes and no hashing per row.
//! Reception counters go to the bucket of `received_on`, completion counters
//! to the bucket of `completed_on`.
//!
//! Cubes merge (associative and commutative, matching dimensions by name), so
//! batches, threads and machines can each build one and combine them; a cube
//! serialises to a compact byte form and back.

use crate::base::error::{DvcttError, Result};
use crate::base::period::Period;
use crate::base::period::PeriodKind;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

pub use crate::base::day::{day_number, NO_DATE};
pub use crate::data::dict::Dict;
pub use crate::data::dossiers::{
    flags, DossierColumns, CHANNEL_SHIFT, FLAG_DIGITIZED, FLAG_FEE, FLAG_FULLY_ONLINE,
    FLAG_PAID_ONLINE,
};

mod arrays;
mod kernel;
pub use arrays::{Bitmap, Bools, DossierArrayInput, DossierArrays, Validity};
use kernel::{Counting, Rows, Strides};

/// One counter of a cube cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(usize)]
pub enum Counter {
    /// Dossiers received (tiếp nhận), by received date.
    Received,
    /// Received and processed fully online.
    FullyOnline,
    /// Received online (trực tuyến).
    ChannelOnline,
    /// Received in person (trực tiếp).
    ChannelDirect,
    /// Received by public postal service (bưu chính công ích).
    ChannelPostal,
    /// Received, of a procedure with a fee.
    FeeRequired,
    /// Received, fee paid online.
    PaidOnline,
    /// Received, components digitised.
    Digitized,
    /// Settled (đã giải quyết), by completion date.
    Completed,
    /// Settled before the due date (trước hạn).
    CompletedEarly,
    /// Settled on the due date (đúng hạn).
    CompletedOnTime,
    /// Settled after the due date (quá hạn).
    CompletedLate,
}

/// Counters per cell, as read.
pub const N_COUNTERS: usize = 12;

/// Counters stored per cell: `Received` and `Completed` are derived on read
/// (the sums of the channels and of early/on time/late), so each row writes
/// fewer counters and a cell is 40 bytes.
const N_STORED: usize = 10;
// Stored layout.
const S_FULLY_ONLINE: usize = 0;
const S_CHANNEL: usize = 1; // + 0 online, 1 direct, 2 postal
const S_FEE: usize = 4;
const S_PAID: usize = 5;
const S_DIGITIZED: usize = 6;
const S_EARLY: usize = 7; // + 0 early, 1 on time, 2 late

type Stored = [u32; N_STORED];

/// What a flag byte adds to the first 8 stored counters of its cell on
/// reception (lane 7, `S_EARLY`, gets 0; an invalid channel 3 counts nothing).
static DELTA: [[u32; 8]; 64] = deltas();

const fn deltas() -> [[u32; 8]; 64] {
    let mut t = [[0u32; 8]; 64];
    let mut f = 0;
    while f < 64 {
        let b = f as u8;
        t[f][S_FULLY_ONLINE] = (b & FLAG_FULLY_ONLINE != 0) as u32;
        let ch = (b >> CHANNEL_SHIFT) as usize;
        if ch < 3 {
            t[f][S_CHANNEL + ch] = 1;
        }
        t[f][S_FEE] = (b & FLAG_FEE != 0) as u32;
        t[f][S_PAID] = (b & FLAG_PAID_ONLINE != 0) as u32;
        t[f][S_DIGITIZED] = (b & FLAG_DIGITIZED != 0) as u32;
        f += 1;
    }
    t
}

/// Expands stored counters to the [`Counter`] order.
fn expand(c: &Stored) -> [u32; N_COUNTERS] {
    let ch = c[S_CHANNEL] + c[S_CHANNEL + 1] + c[S_CHANNEL + 2];
    let done = c[S_EARLY] + c[S_EARLY + 1] + c[S_EARLY + 2];
    [
        ch,
        c[S_FULLY_ONLINE],
        c[S_CHANNEL],
        c[S_CHANNEL + 1],
        c[S_CHANNEL + 2],
        c[S_FEE],
        c[S_PAID],
        c[S_DIGITIZED],
        done,
        c[S_EARLY],
        c[S_EARLY + 1],
        c[S_EARLY + 2],
    ]
}

impl Counter {
    /// The counter's name in bindings' column labels (`completed_on_time`).
    pub fn name(self) -> &'static str {
        match self {
            Counter::Received => "received",
            Counter::FullyOnline => "fully_online",
            Counter::ChannelOnline => "channel_online",
            Counter::ChannelDirect => "channel_direct",
            Counter::ChannelPostal => "channel_postal",
            Counter::FeeRequired => "fee_required",
            Counter::PaidOnline => "paid_online",
            Counter::Digitized => "digitized",
            Counter::Completed => "completed",
            Counter::CompletedEarly => "completed_early",
            Counter::CompletedOnTime => "completed_on_time",
            Counter::CompletedLate => "completed_late",
        }
    }

    pub const ALL: [Counter; N_COUNTERS] = [
        Counter::Received,
        Counter::FullyOnline,
        Counter::ChannelOnline,
        Counter::ChannelDirect,
        Counter::ChannelPostal,
        Counter::FeeRequired,
        Counter::PaidOnline,
        Counter::Digitized,
        Counter::Completed,
        Counter::CompletedEarly,
        Counter::CompletedOnTime,
        Counter::CompletedLate,
    ];
}

/// Time buckets of a cube: consecutive periods, with a day → bucket table.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    buckets: Vec<Period>,
    day0: i32,
    /// Bucket of each day from `day0`; `u16::MAX` outside every bucket.
    bucket_of_day: Vec<u16>,
}

const OUTSIDE: u16 = u16::MAX;

impl Grid {
    /// A grid of consecutive, non-overlapping periods in increasing order.
    pub fn new(buckets: Vec<Period>) -> Result<Self> {
        if buckets.len() >= OUTSIDE as usize {
            return Err(DvcttError::Data {
                path: "grid".into(),
                detail: format!(
                    "{} buckets; at most {} are supported",
                    buckets.len(),
                    OUTSIDE - 1
                ),
            });
        }
        for w in buckets.windows(2) {
            if w[1].start() <= w[0].end() {
                return Err(DvcttError::Data {
                    path: "grid".into(),
                    detail: format!("buckets {} and {} overlap or are out of order", w[0], w[1]),
                });
            }
        }
        let (day0, day1) = match (buckets.first(), buckets.last()) {
            (Some(f), Some(l)) => (day_number(f.start()), day_number(l.end())),
            _ => (0, -1),
        };
        let mut bucket_of_day = vec![OUTSIDE; (day1 - day0 + 1).max(0) as usize];
        for (b, p) in buckets.iter().enumerate() {
            let (s, e) = (day_number(p.start()) - day0, day_number(p.end()) - day0);
            bucket_of_day[s as usize..=e as usize].fill(b as u16);
        }
        Ok(Grid {
            buckets,
            day0,
            bucket_of_day,
        })
    }

    /// Calendar months covering `span`.
    pub fn months(span: &Period) -> Self {
        let month_of = |d: NaiveDate| Period::month(d.year(), d.month()).expect("valid month");
        let mut out = Vec::new();
        let mut m = month_of(span.start());
        while m.start() <= span.end() {
            let next = m.end().succ_opt().expect("date in range");
            out.push(m);
            m = month_of(next);
        }
        Grid::new(out).expect("months are consecutive")
    }

    /// Consecutive periods of `kind` covering `span` (the first and last may
    /// reach past it). `Range` gives `span` itself as the one bucket.
    pub fn tiling(span: &Period, kind: PeriodKind) -> Result<Self> {
        if kind == PeriodKind::Range {
            return Grid::new(vec![span.clone()]);
        }
        let err = || DvcttError::Period {
            value: span.id(),
            detail: format!("cannot be cut into periods of kind {kind:?}"),
        };
        let mut out = Vec::new();
        let mut day = span.start();
        while day <= span.end() {
            let p = Period::containing(day, kind).ok_or_else(err)?;
            day = p.end().succ_opt().ok_or_else(err)?;
            out.push(p);
            if out.len() >= OUTSIDE as usize {
                break;
            }
        }
        Grid::new(out)
    }

    /// The grid named by `buckets` over `span`: `months`, `quarters`,
    /// `years`, `weeks`, `days`, `vn_months`, `vn_quarters` (Vietnamese
    /// reporting periods), or `period` (one bucket, `span` itself).
    pub fn named(span: &Period, buckets: &str) -> Result<Self> {
        let kind = match buckets {
            "months" => PeriodKind::Month,
            "quarters" => PeriodKind::Quarter,
            "years" => PeriodKind::Year,
            "weeks" => PeriodKind::Week,
            "days" => PeriodKind::Day,
            "vn_months" => PeriodKind::VnMonth,
            "vn_quarters" => PeriodKind::VnQuarter,
            "period" => PeriodKind::Range,
            other => {
                return Err(DvcttError::Data {
                    path: "buckets".into(),
                    detail: format!(
                        "`{other}` is not months, quarters, years, weeks, days, vn_months, vn_quarters or period"
                    ),
                })
            }
        };
        Grid::tiling(span, kind)
    }

    pub fn buckets(&self) -> &[Period] {
        &self.buckets
    }

    /// The bucket holding `day`, or `None` outside every bucket.
    pub fn bucket_of(&self, day: i32) -> Option<usize> {
        let b = self.bucket(day);
        (b != OUTSIDE).then_some(b as usize)
    }

    /// Whether the buckets inside `p` cover it exactly (none straddles it
    /// and no day of it lies outside the grid).
    pub fn tiles(&self, p: &Period) -> bool {
        self.buckets_in(p).is_ok_and(|inside| {
            inside
                .iter()
                .filter_map(|&i| self.buckets.get(i))
                .map(Period::days)
                .sum::<i64>()
                == p.days()
        })
    }

    /// Day → slot table for a cube that keeps the time dimension (`keep`:
    /// the bucket) or sums over it (slot 0 for every day inside the grid).
    fn slots(&self, keep: bool) -> Vec<u16> {
        if keep {
            return self.bucket_of_day.clone();
        }
        self.bucket_of_day
            .iter()
            .map(|&b| if b == OUTSIDE { OUTSIDE } else { 0 })
            .collect()
    }

    #[inline]
    fn bucket(&self, day: i32) -> u16 {
        let i = day.wrapping_sub(self.day0) as u32 as usize;
        self.bucket_of_day.get(i).copied().unwrap_or(OUTSIDE)
    }

    /// Buckets lying inside `p`, or an error naming the first one that straddles it.
    pub fn buckets_in(&self, p: &Period) -> Result<Vec<usize>> {
        let mut out = Vec::new();
        for (i, b) in self.buckets.iter().enumerate() {
            if p.contains(b) {
                out.push(i);
            } else if b.start() <= p.end() && p.start() <= b.end() {
                return Err(DvcttError::Period {
                    value: p.id(),
                    detail: format!("does not align with the cube's bucket {b}"),
                });
            }
        }
        Ok(out)
    }
}

/// A whole cube, densely, for bindings: `values` holds every counter in
/// `[unit][bucket][sector][counter]` order (counter fastest), so the value of
/// counter `k` of cell (u, b, s) is at
/// `((u * buckets.len() + b) * sectors.len() + s) * counters.len() + k`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct CubeCounters {
    /// Unit codes, in cube order.
    pub units: Vec<String>,
    /// Bucket period ids (`202601`, …), in time order.
    pub buckets: Vec<String>,
    /// Sector codes, in cube order.
    pub sectors: Vec<String>,
    /// Counter names ([`Counter::name`]), in [`Counter::ALL`] order.
    pub counters: Vec<String>,
    pub values: Vec<u64>,
}

/// The dimensions a cube keeps (nhóm theo: the `GROUP BY` of a report);
/// it sums over the others as it counts, so a cube per unit or per month
/// does not fill every (unit, bucket, sector) cell. Its counters equal the
/// full cube's rolled up over the dimensions left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Dims {
    /// Units (đơn vị), by `unit_code`.
    pub unit: bool,
    /// Time buckets of the grid (`period`); without it, every day of the
    /// grid counts in one slot.
    pub bucket: bool,
    /// Sectors (lĩnh vực).
    pub sector: bool,
}

impl Dims {
    /// Every dimension: the full cube.
    pub const ALL: Dims = Dims {
        unit: true,
        bucket: true,
        sector: true,
    };

    /// The dimensions named by the cube's label columns: `unit_code`,
    /// `period`, `sector` (any order, each at most once; none: the totals).
    pub fn from_names<S: AsRef<str>>(names: &[S]) -> Result<Dims> {
        let mut d = Dims {
            unit: false,
            bucket: false,
            sector: false,
        };
        for (i, n) in names.iter().enumerate() {
            let slot = match n.as_ref() {
                "unit_code" => &mut d.unit,
                "period" => &mut d.bucket,
                "sector" => &mut d.sector,
                other => {
                    return Err(DvcttError::Data {
                        path: format!("by[{i}]"),
                        detail: format!("`{other}` is not unit_code, period or sector"),
                    })
                }
            };
            if *slot {
                return Err(DvcttError::Data {
                    path: format!("by[{i}]"),
                    detail: format!("`{}` is given twice", n.as_ref()),
                });
            }
            *slot = true;
        }
        Ok(d)
    }

    /// The names of the kept dimensions, in cube order.
    pub fn names(self) -> Vec<&'static str> {
        [
            (self.unit, "unit_code"),
            (self.bucket, "period"),
            (self.sector, "sector"),
        ]
        .into_iter()
        .filter_map(|(k, n)| k.then_some(n))
        .collect()
    }

    /// One byte: unit 1, bucket 2, sector 4.
    fn bits(self) -> u8 {
        self.unit as u8 | (self.bucket as u8) << 1 | (self.sector as u8) << 2
    }
}

/// Counters per (unit, bucket, sector), or per the kept [`Dims`].
#[derive(Debug, Clone, PartialEq)]
pub struct DossierCube {
    /// Unit codes; empty when the cube sums over units.
    units: Vec<String>,
    /// Sector codes; empty when the cube sums over sectors.
    sectors: Vec<String>,
    grid: Grid,
    dims: Dims,
    /// Day → slot of the time dimension (see [`Grid::slots`]).
    slots: Vec<u16>,
    cells: Vec<Stored>,
}

impl DossierCube {
    /// An empty cube keeping `dims`; the labels of a dimension left out are dropped.
    fn empty_by(units: Vec<String>, sectors: Vec<String>, grid: Grid, dims: Dims) -> Self {
        let units = if dims.unit { units } else { Vec::new() };
        let sectors = if dims.sector { sectors } else { Vec::new() };
        let slots = grid.slots(dims.bucket);
        let mut cube = DossierCube {
            units,
            sectors,
            grid,
            dims,
            slots,
            cells: Vec::new(),
        };
        let (nu, nb, ns) = cube.extents();
        cube.cells = vec![[0; N_STORED]; nu * nb * ns];
        cube
    }

    /// Slots per dimension: 1 for a dimension the cube sums over.
    fn extents(&self) -> (usize, usize, usize) {
        let d = self.dims;
        (
            if d.unit { self.units.len() } else { 1 },
            if d.bucket { self.grid.buckets.len() } else { 1 },
            if d.sector { self.sectors.len() } else { 1 },
        )
    }

    #[inline]
    fn cell_index(&self, u: usize, b: usize, s: usize) -> usize {
        let (_, nb, ns) = self.extents();
        (u * nb + b) * ns + s
    }

    /// Starts counting a batch whose dictionaries are this cube's.
    fn counting(&mut self) -> Counting<'_> {
        let (_, nb, ns) = self.extents();
        let d = self.dims;
        let strides = Strides {
            unit: if d.unit { nb * ns } else { 0 },
            bucket: if d.bucket { ns } else { 0 },
            sector: if d.sector { 1 } else { 0 },
        };
        Counting::new(&mut self.cells, strides, self.grid.day0, &self.slots)
    }

    /// Whether a batch with these dictionaries counts into this cube as is.
    fn takes(&self, units: &[String], sectors: &[String]) -> bool {
        (!self.dims.unit || units == self.units.as_slice())
            && (!self.dims.sector || sectors == self.sectors.as_slice())
    }

    /// One pass over a batch fills every counter. Dossiers whose dates fall
    /// outside the grid are not counted in the buckets they miss.
    pub fn build(cols: &DossierColumns, grid: Grid) -> Self {
        Self::build_by(cols, grid, Dims::ALL)
    }

    /// [`DossierCube::build`] keeping only `dims`.
    pub fn build_by(cols: &DossierColumns, grid: Grid, dims: Dims) -> Self {
        let mut cube = DossierCube::empty_by(
            cols.units.codes().to_vec(),
            cols.sectors.codes().to_vec(),
            grid,
            dims,
        );
        cube.add(cols);
        cube
    }

    /// Adds a batch whose dictionaries are this cube's (see [`DossierCube::build`]).
    fn add(&mut self, cols: &DossierColumns) {
        let mut counting = self.counting();
        counting.rows(Rows {
            unit: &cols.unit,
            sector: &cols.sector,
            received: &cols.received,
            completed: &cols.completed,
            due: &cols.due,
            flags: &cols.flags,
            ahead: [&[]; kernel::AHEAD],
        });
        counting.finish();
    }

    /// The dimensions this cube keeps.
    pub fn dims(&self) -> Dims {
        self.dims
    }

    pub fn units(&self) -> &[String] {
        &self.units
    }
    pub fn sectors(&self) -> &[String] {
        &self.sectors
    }
    pub fn grid(&self) -> &Grid {
        &self.grid
    }

    /// Every counter densely, with the dimension labels (see [`CubeCounters`]).
    /// A dimension the cube sums over ([`DossierCube::dims`]) has no labels
    /// and one slot in `values`.
    pub fn counters(&self) -> CubeCounters {
        let mut values = Vec::with_capacity(self.cells.len() * N_COUNTERS);
        for c in &self.cells {
            values.extend(expand(c).iter().map(|&v| v as u64));
        }
        let buckets = if self.dims.bucket {
            self.grid.buckets.iter().map(Period::id).collect()
        } else {
            Vec::new()
        };
        CubeCounters {
            units: self.units.clone(),
            buckets,
            sectors: self.sectors.clone(),
            counters: Counter::ALL.iter().map(|c| c.name().to_string()).collect(),
            values,
        }
    }

    /// The counters of one cell (`None` for a cube that sums over a dimension).
    pub fn cell(&self, unit: &str, bucket: &Period, sector: &str) -> Option<[u32; N_COUNTERS]> {
        if self.dims != Dims::ALL {
            return None;
        }
        let u = self.units.iter().position(|x| x == unit)?;
        let b = self.grid.buckets.iter().position(|x| x == bucket)?;
        let s = self.sectors.iter().position(|x| x == sector)?;
        Some(expand(&self.cells[self.cell_index(u, b, s)]))
    }

    /// Sums counters over the buckets inside `period`, the sectors accepted by
    /// `sector` and the units accepted by `unit`, per unit (in cube order).
    pub fn sum_by_unit(
        &self,
        period: &Period,
        unit: impl Fn(&str) -> bool,
        sector: impl Fn(&str) -> bool,
    ) -> Result<Vec<(String, [u64; N_COUNTERS])>> {
        if self.dims != Dims::ALL {
            return Err(DvcttError::Data {
                path: "cube".into(),
                detail: format!(
                    "this cube keeps only {:?}; sums per unit need the full cube",
                    self.dims.names()
                ),
            });
        }
        let buckets = self.grid.buckets_in(period)?;
        let sectors: Vec<usize> = (0..self.sectors.len())
            .filter(|&s| sector(&self.sectors[s]))
            .collect();
        let mut out = Vec::new();
        for (u, code) in self.units.iter().enumerate() {
            if !unit(code) {
                continue;
            }
            let mut acc = [0u64; N_COUNTERS];
            for &b in &buckets {
                for &s in &sectors {
                    let c = expand(&self.cells[self.cell_index(u, b, s)]);
                    for (a, v) in acc.iter_mut().zip(c) {
                        *a += v as u64;
                    }
                }
            }
            out.push((code.clone(), acc));
        }
        Ok(out)
    }

    /// Combines two cubes over the same grid and dimensions; units and
    /// sectors are matched by code (the result lists them sorted).
    /// Associative and commutative.
    pub fn merge(&self, other: &DossierCube) -> Result<DossierCube> {
        self.same_shape(other, "merged")?;
        let union = |a: &[String], b: &[String]| {
            let mut v: Vec<String> = a.iter().chain(b).cloned().collect();
            v.sort();
            v.dedup();
            v
        };
        let mut out = DossierCube::empty_by(
            union(&self.units, &other.units),
            union(&self.sectors, &other.sectors),
            self.grid.clone(),
            self.dims,
        );
        for src in [self, other] {
            out.fold(src, u32::checked_add, "a counter exceeds 2^32 - 1")?;
        }
        Ok(out)
    }

    /// This cube less `other`'s counts: rows counted in this cube and in
    /// `other` (built from them alone), taken out again. Every unit and
    /// sector of `other` must be in this cube, and no counter may fall
    /// below 0.
    pub fn subtract(&self, other: &DossierCube) -> Result<DossierCube> {
        self.same_shape(other, "subtracted")?;
        let mut out = self.canonical();
        out.fold(
            other,
            u32::checked_sub,
            "a counter to subtract exceeds the cube's",
        )?;
        Ok(out)
    }

    /// An error unless `other` has this cube's time buckets and dimensions.
    fn same_shape(&self, other: &DossierCube, verb: &str) -> Result<()> {
        if self.grid.buckets != other.grid.buckets {
            return Err(DvcttError::Data {
                path: "grid".into(),
                detail: format!("cubes with different time buckets cannot be {verb}"),
            });
        }
        if self.dims != other.dims {
            return Err(DvcttError::Data {
                path: "dims".into(),
                detail: format!(
                    "a cube by {:?} cannot be {verb} with one by {:?}",
                    self.dims.names(),
                    other.dims.names()
                ),
            });
        }
        Ok(())
    }

    /// Applies `op` (add or take away) to each of this cube's counters and
    /// `src`'s counter of the same unit, bucket and sector, matched by code.
    /// This cube's units and sectors are sorted and hold `src`'s; `src` has
    /// this cube's buckets and dimensions. `overflow`: the error when `op`
    /// gives no value.
    fn fold(
        &mut self,
        src: &DossierCube,
        op: fn(u32, u32) -> Option<u32>,
        overflow: &str,
    ) -> Result<()> {
        let error = |detail: &str| DvcttError::Data {
            path: "cells".into(),
            detail: detail.into(),
        };
        // Slot here of each slot of `src` (slot 0 of a summed dimension).
        let place = |of: &[String], keep: bool, codes: &[String]| -> Result<Vec<usize>> {
            if !keep {
                return Ok(vec![0]);
            }
            of.iter()
                .map(|c| {
                    codes
                        .binary_search(c)
                        .map_err(|_| error("a unit or sector of the other cube is not in this one"))
                })
                .collect()
        };
        let um = place(&src.units, src.dims.unit, &self.units)?;
        let sm = place(&src.sectors, src.dims.sector, &self.sectors)?;
        let nb = src.extents().1;
        for (u, &ou) in um.iter().enumerate() {
            for b in 0..nb {
                for (s, &os) in sm.iter().enumerate() {
                    let from = src.cells[src.cell_index(u, b, s)];
                    let i = self.cell_index(ou, b, os);
                    for (t, v) in self.cells[i].iter_mut().zip(from) {
                        *t = op(*t, v).ok_or_else(|| error(overflow))?;
                    }
                }
            }
        }
        Ok(())
    }

    /// The same cube with units and sectors sorted by code, so equal contents
    /// compare equal whatever order the records came in.
    pub fn canonical(&self) -> DossierCube {
        let empty = DossierCube::empty_by(Vec::new(), Vec::new(), self.grid.clone(), self.dims);
        self.merge(&empty)
            .expect("merging an empty cube cannot overflow")
    }
}

// --- compact serialisation -------------------------------------------------

const MAGIC: &[u8; 4] = b"DVC1";
/// A cube that keeps only some dimensions: the magic, then one byte of [`Dims::bits`].
const MAGIC_BY: &[u8; 4] = b"DVC2";

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn err(&self, what: &str) -> DvcttError {
        DvcttError::Data {
            path: format!("cube[byte {}]", self.at),
            detail: what.to_string(),
        }
    }
    fn varint(&mut self) -> Result<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self
                .bytes
                .get(self.at)
                .ok_or_else(|| self.err("truncated"))?;
            self.at += 1;
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.err("varint too long"))
    }
    fn len(&mut self, max: usize) -> Result<usize> {
        let v = self.varint()?;
        if v > max as u64 {
            return Err(self.err("length out of range"));
        }
        Ok(v as usize)
    }
    fn string(&mut self) -> Result<String> {
        let n = self.len(self.bytes.len())?;
        let s = self
            .bytes
            .get(self.at..self.at + n)
            .ok_or_else(|| self.err("truncated"))?;
        self.at += n;
        String::from_utf8(s.to_vec()).map_err(|_| self.err("not UTF-8"))
    }
}

impl DossierCube {
    /// Compact bytes: a header, the dimension codes, then every counter as a
    /// LEB128 varint (zeros take one byte).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = if self.dims == Dims::ALL {
            MAGIC.to_vec()
        } else {
            let mut m = MAGIC_BY.to_vec();
            m.push(self.dims.bits());
            m
        };
        for dim in [&self.units, &self.sectors] {
            put_varint(&mut out, dim.len() as u64);
            for c in dim.iter() {
                put_str(&mut out, c);
            }
        }
        put_varint(&mut out, self.grid.buckets.len() as u64);
        for b in &self.grid.buckets {
            put_str(&mut out, &b.id());
        }
        put_varint(&mut out, N_STORED as u64);
        for cell in &self.cells {
            for &v in cell {
                put_varint(&mut out, v as u64);
            }
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let mut r = Reader { bytes, at: 0 };
        let by = match bytes.get(..4) {
            Some(m) if m == MAGIC => Dims::ALL,
            Some(m) if m == MAGIC_BY => {
                let bits = bytes.get(4).copied().ok_or_else(|| r.err("truncated"))?;
                r.at = 4;
                if bits > 7 {
                    return Err(r.err("dimension byte out of range"));
                }
                Dims {
                    unit: bits & 1 != 0,
                    bucket: bits & 2 != 0,
                    sector: bits & 4 != 0,
                }
            }
            _ => return Err(r.err("not a dvctt cube (bad magic)")),
        };
        r.at = if by == Dims::ALL { 4 } else { 5 };
        let mut dims = Vec::new();
        for _ in 0..2 {
            let n = r.len(bytes.len())?;
            let mut v = Vec::with_capacity(n);
            for _ in 0..n {
                v.push(r.string()?);
            }
            dims.push(v);
        }
        let nb = r.len(bytes.len())?;
        let mut buckets = Vec::with_capacity(nb);
        for _ in 0..nb {
            let id = r.string()?;
            buckets.push(id.parse::<Period>().map_err(|e| r.err(&e.to_string()))?);
        }
        if r.varint()? != N_STORED as u64 {
            return Err(r.err("unexpected number of counters"));
        }
        let sectors = dims.pop().expect("two dims");
        let units = dims.pop().expect("two dims");
        if (!by.unit && !units.is_empty()) || (!by.sector && !sectors.is_empty()) {
            return Err(r.err("labels given for a dimension the cube sums over"));
        }
        let mut cube = DossierCube::empty_by(units, sectors, Grid::new(buckets)?, by);
        for i in 0..cube.cells.len() {
            for k in 0..N_STORED {
                let v = r.varint()?;
                cube.cells[i][k] = u32::try_from(v).map_err(|_| r.err("counter out of range"))?;
            }
        }
        if r.at != bytes.len() {
            return Err(r.err("trailing bytes"));
        }
        Ok(cube)
    }
}
