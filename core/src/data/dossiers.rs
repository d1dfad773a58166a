//! Dossiers (hồ sơ TTHC) as columns: ids in one buffer, codes
//! dictionary-encoded, dates as day numbers, booleans and channel in one
//! flag byte. What every dossier computation reads; built once per data set.

use super::dict::Dict;
use super::ids::Ids;
use crate::base::day::{date_of, day_number, NO_DATE};
use crate::model::records::{Channel, Dossier, DossierFields};
use std::ops::Range;

pub const FLAG_FULLY_ONLINE: u8 = 1;
pub const FLAG_FEE: u8 = 1 << 1;
pub const FLAG_PAID_ONLINE: u8 = 1 << 2;
pub const FLAG_DIGITIZED: u8 = 1 << 3;
/// Two bits from here: 0 online, 1 direct, 2 postal.
pub const CHANNEL_SHIFT: u8 = 4;

/// Packs a dossier's booleans and channel into one flag byte.
pub fn flags(
    fully_online: bool,
    channel: Channel,
    fee: bool,
    paid_online: bool,
    digitized: bool,
) -> u8 {
    let ch = match channel {
        Channel::Online => 0u8,
        Channel::Direct => 1,
        Channel::Postal => 2,
    };
    let bit = |on: bool, flag: u8| if on { flag } else { 0 };
    bit(fully_online, FLAG_FULLY_ONLINE)
        | bit(fee, FLAG_FEE)
        | bit(paid_online, FLAG_PAID_ONLINE)
        | bit(digitized, FLAG_DIGITIZED)
        | (ch << CHANNEL_SHIFT)
}

fn channel_of(flags: u8) -> Channel {
    match (flags >> CHANNEL_SHIFT) & 3 {
        0 => Channel::Online,
        1 => Channel::Direct,
        _ => Channel::Postal,
    }
}

/// The due date pushed back by the paused days, as a day number.
fn effective_due(due: i32, paused: u32) -> i32 {
    if due == NO_DATE {
        NO_DATE
    } else {
        due.saturating_add(i32::try_from(paused).unwrap_or(i32::MAX))
    }
}

/// The columns the dossier cube counts: unit, sector, dates, flags.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DossierColumns {
    pub units: Dict,
    pub sectors: Dict,
    pub unit: Vec<u32>,
    pub sector: Vec<u32>,
    /// Day number of `received_on`.
    pub received: Vec<i32>,
    /// Day number of `completed_on`, or [`NO_DATE`].
    pub completed: Vec<i32>,
    /// Day number of the due date pushed back by `paused_days`, or [`NO_DATE`].
    pub due: Vec<i32>,
    /// Bit flags: fully online, fee, paid online, digitised, channel.
    pub flags: Vec<u8>,
}

impl DossierColumns {
    pub fn len(&self) -> usize {
        self.unit.len()
    }
    pub fn is_empty(&self) -> bool {
        self.unit.is_empty()
    }

    /// Appends one dossier.
    pub fn push(&mut self, d: &Dossier) {
        self.unit.push(self.units.intern(&d.unit_code));
        self.sector.push(self.sectors.intern(&d.sector));
        self.received.push(day_number(d.received_on));
        self.completed
            .push(d.completed_on.map_or(NO_DATE, day_number));
        self.due.push(effective_due(
            d.due_on.map_or(NO_DATE, day_number),
            d.paused_days,
        ));
        self.flags.push(flags(
            d.fully_online,
            d.channel,
            d.fee_required,
            d.paid_online,
            d.digitized,
        ));
    }

    pub fn from_dossiers(ds: &[Dossier]) -> Self {
        let mut c = DossierColumns::default();
        for d in ds {
            c.push(d);
        }
        c
    }

    /// Bytes held by the row columns (dictionaries excluded).
    pub fn column_bytes(&self) -> usize {
        self.len() * (4 + 4 + 4 + 4 + 4 + 1)
    }
}

/// Every field of the dataset's dossiers, as columns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DossierBatch {
    pub ids: Ids,
    /// What the cube counts.
    pub cols: DossierColumns,
    pub procedures: Dict,
    pub procedure: Vec<u32>,
    /// Day number of `due_on` as given, or [`NO_DATE`].
    pub due_on: Vec<i32>,
    pub paused: Vec<u32>,
}

impl DossierBatch {
    pub fn len(&self) -> usize {
        self.ids.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Makes room for `rows` more dossiers.
    pub fn reserve(&mut self, rows: usize) {
        self.ids.reserve(rows);
        let c = &mut self.cols;
        c.unit.reserve(rows);
        c.sector.reserve(rows);
        c.received.reserve(rows);
        c.completed.reserve(rows);
        c.due.reserve(rows);
        c.flags.reserve(rows);
        self.procedure.reserve(rows);
        self.due_on.reserve(rows);
        self.paused.reserve(rows);
    }

    /// Appends one dossier (checked or not: the batch stores what it is given).
    pub fn push(&mut self, f: &DossierFields<'_>) {
        self.ids.push(f.id);
        let c = &mut self.cols;
        c.unit.push(c.units.intern(f.unit));
        c.sector.push(c.sectors.intern(f.sector));
        c.received.push(f.received);
        c.completed.push(f.completed);
        c.due.push(effective_due(f.due, f.paused));
        c.flags.push(flags(
            f.fully_online,
            f.channel,
            f.fee_required,
            f.paid_online,
            f.digitized,
        ));
        self.procedure.push(self.procedures.intern(f.procedure));
        self.due_on.push(f.due);
        self.paused.push(f.paused);
    }

    /// Appends a dossier given as a record.
    pub fn push_record(&mut self, d: &Dossier) {
        self.push(&d.fields());
    }

    pub fn from_records(ds: &[Dossier]) -> Self {
        let mut b = DossierBatch::default();
        for d in ds {
            b.push_record(d);
        }
        b
    }

    /// The fields of row `i`, borrowed.
    pub fn fields(&self, i: usize) -> DossierFields<'_> {
        let c = &self.cols;
        let f = c.flags[i];
        DossierFields {
            id: self.ids.get(i),
            unit: c.units.code(c.unit[i]),
            procedure: self.procedures.code(self.procedure[i]),
            sector: c.sectors.code(c.sector[i]),
            received: c.received[i],
            channel: channel_of(f),
            fully_online: f & FLAG_FULLY_ONLINE != 0,
            due: self.due_on[i],
            completed: c.completed[i],
            paused: self.paused[i],
            fee_required: f & FLAG_FEE != 0,
            paid_online: f & FLAG_PAID_ONLINE != 0,
            digitized: f & FLAG_DIGITIZED != 0,
        }
    }

    /// Row `i` as a record.
    pub fn record(&self, i: usize) -> Dossier {
        let f = self.fields(i);
        let date = |d: i32| date_of(d);
        Dossier {
            dossier_id: f.id.to_string(),
            unit_code: f.unit.to_string(),
            procedure_code: f.procedure.to_string(),
            sector: f.sector.to_string(),
            received_on: date(f.received).unwrap_or_default(),
            channel: f.channel,
            fully_online: f.fully_online,
            due_on: date(f.due),
            completed_on: date(f.completed),
            paused_days: f.paused,
            fee_required: f.fee_required,
            paid_online: f.paid_online,
            digitized: f.digitized,
        }
    }

    pub fn records(&self) -> Vec<Dossier> {
        (0..self.len()).map(|i| self.record(i)).collect()
    }

    /// Appends every row of `other` (column by column, its codes added to
    /// the dictionaries in the order its rows first use them).
    pub fn append(&mut self, other: &DossierBatch) {
        let unmapped = |d: &Dict| vec![u32::MAX; d.len()];
        let c = &other.cols;
        let mut remap = [
            unmapped(&c.units),
            unmapped(&c.sectors),
            unmapped(&other.procedures),
        ];
        self.extend_rows(other, 0..other.len(), &mut remap);
    }

    /// Appends `o`'s rows `r`, each column in one go; `remap` maps `o`'s
    /// units, sectors and procedures to this batch's (`u32::MAX`: not yet;
    /// a code is added when a row first uses it, as row by row).
    pub fn extend_rows(&mut self, o: &Self, r: Range<usize>, remap: &mut [Vec<u32>; 3]) {
        fn code(map: &mut [u32], to: &mut Dict, from: &Dict, i: u32) -> u32 {
            let slot = &mut map[i as usize];
            if *slot == u32::MAX {
                *slot = to.intern(from.code(i));
            }
            *slot
        }
        let [u, s, p] = remap;
        self.ids.extend_from(&o.ids, r.clone());
        let (c, oc) = (&mut self.cols, &o.cols);
        let units = oc.unit[r.clone()].iter();
        c.unit
            .extend(units.map(|&x| code(u, &mut c.units, &oc.units, x)));
        let sectors = oc.sector[r.clone()].iter();
        c.sector
            .extend(sectors.map(|&x| code(s, &mut c.sectors, &oc.sectors, x)));
        c.received.extend_from_slice(&oc.received[r.clone()]);
        c.completed.extend_from_slice(&oc.completed[r.clone()]);
        c.due.extend_from_slice(&oc.due[r.clone()]);
        c.flags.extend_from_slice(&oc.flags[r.clone()]);
        let procedures = o.procedure[r.clone()].iter();
        self.procedure
            .extend(procedures.map(|&x| code(p, &mut self.procedures, &o.procedures, x)));
        self.due_on.extend_from_slice(&o.due_on[r.clone()]);
        self.paused.extend_from_slice(&o.paused[r]);
    }
}
