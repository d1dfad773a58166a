//! What the three columnar batches share, so that a batch read apart (a
//! chunk of a file parsed on another thread) can be added to the data set
//! row by row or in runs of rows, its dictionaries re-encoded.

use super::dataset::Dataset;
use super::dict::Dict;
use super::dossiers::DossierBatch;
use super::ids::Ids;
use super::staff::StaffBatch;
use super::survey::SurveyBatch;
use crate::model::records::RecordKind;
use std::ops::Range;

/// A columnar batch of one record kind.
pub trait Batch: Default + Send {
    const KIND: RecordKind;
    /// How another batch's dictionary codes map into this one's.
    type Remap;
    /// The data set's batch of this kind.
    fn of(data: &mut Dataset) -> &mut Self;
    fn ids(&self) -> &Ids;
    fn reserve(&mut self, rows: usize);
    /// An empty map from `other`'s dictionary codes to this batch's.
    fn remap(&self, other: &Self) -> Self::Remap;
    /// Appends row `i` of `other`; its codes are added to this batch's
    /// dictionaries when first met, as if the row were read here.
    fn push_row_of(&mut self, other: &Self, i: usize, remap: &mut Self::Remap);
    /// Appends `other`'s rows `rows`, as [`Batch::push_row_of`] of each
    /// would (the dossiers copy each column in one go).
    fn extend_rows(&mut self, other: &Self, rows: Range<usize>, remap: &mut Self::Remap) {
        for i in rows {
            self.push_row_of(other, i, remap);
        }
    }
}

const UNMAPPED: u32 = u32::MAX;

fn unmapped(d: &Dict) -> Vec<u32> {
    vec![UNMAPPED; d.len()]
}

/// Code `i` of `from`, in `to` (added when new).
fn code(remap: &mut [u32], to: &mut Dict, from: &Dict, i: u32) -> u32 {
    let slot = &mut remap[i as usize];
    if *slot == UNMAPPED {
        *slot = to.intern(from.code(i));
    }
    *slot
}

impl Batch for DossierBatch {
    const KIND: RecordKind = RecordKind::Dossiers;
    fn of(data: &mut Dataset) -> &mut Self {
        &mut data.dossiers
    }
    /// Units, sectors, procedures.
    type Remap = [Vec<u32>; 3];
    fn ids(&self) -> &Ids {
        &self.ids
    }
    fn reserve(&mut self, rows: usize) {
        DossierBatch::reserve(self, rows);
    }
    fn remap(&self, o: &Self) -> Self::Remap {
        [
            unmapped(&o.cols.units),
            unmapped(&o.cols.sectors),
            unmapped(&o.procedures),
        ]
    }
    fn push_row_of(&mut self, o: &Self, i: usize, [u, s, p]: &mut Self::Remap) {
        self.ids.push(o.ids.get(i));
        let (c, oc) = (&mut self.cols, &o.cols);
        let unit = code(u, &mut c.units, &oc.units, oc.unit[i]);
        c.unit.push(unit);
        let sector = code(s, &mut c.sectors, &oc.sectors, oc.sector[i]);
        c.sector.push(sector);
        c.received.push(oc.received[i]);
        c.completed.push(oc.completed[i]);
        c.due.push(oc.due[i]);
        c.flags.push(oc.flags[i]);
        let procedure = code(p, &mut self.procedures, &o.procedures, o.procedure[i]);
        self.procedure.push(procedure);
        self.due_on.push(o.due_on[i]);
        self.paused.push(o.paused[i]);
    }
    fn extend_rows(&mut self, o: &Self, rows: Range<usize>, remap: &mut Self::Remap) {
        DossierBatch::extend_rows(self, o, rows, remap);
    }
}

impl Batch for SurveyBatch {
    const KIND: RecordKind = RecordKind::Survey;
    fn of(data: &mut Dataset) -> &mut Self {
        &mut data.survey
    }
    /// Units, sectors.
    type Remap = [Vec<u32>; 2];
    fn ids(&self) -> &Ids {
        &self.ids
    }
    fn reserve(&mut self, rows: usize) {
        SurveyBatch::reserve(self, rows);
    }
    fn remap(&self, o: &Self) -> Self::Remap {
        [unmapped(&o.units), unmapped(&o.sectors)]
    }
    fn push_row_of(&mut self, o: &Self, i: usize, [u, s]: &mut Self::Remap) {
        self.ids.push(o.ids.get(i));
        let unit = code(u, &mut self.units, &o.units, o.unit[i]);
        self.unit.push(unit);
        self.responded.push(o.responded[i]);
        self.satisfied.push(o.satisfied[i]);
        self.rating.push(o.rating[i]);
        self.scale.push(o.scale[i]);
        let sector = match o.sector[i] {
            super::survey::NO_SECTOR => super::survey::NO_SECTOR,
            x => code(s, &mut self.sectors, &o.sectors, x),
        };
        self.sector.push(sector);
    }
}

impl Batch for StaffBatch {
    const KIND: RecordKind = RecordKind::Staff;
    fn of(data: &mut Dataset) -> &mut Self {
        &mut data.staff
    }
    /// Units.
    type Remap = Vec<u32>;
    fn ids(&self) -> &Ids {
        &self.ids
    }
    fn reserve(&mut self, rows: usize) {
        self.ids.reserve(rows);
        self.unit.reserve(rows);
        self.in_scope.reserve(rows);
        self.trained.reserve(rows);
        self.role.reserve(rows);
        self.communicated.reserve(rows);
    }
    fn remap(&self, o: &Self) -> Self::Remap {
        unmapped(&o.units)
    }
    fn push_row_of(&mut self, o: &Self, i: usize, u: &mut Self::Remap) {
        self.ids.push(o.ids.get(i));
        let unit = code(u, &mut self.units, &o.units, o.unit[i]);
        self.unit.push(unit);
        self.in_scope.push(o.in_scope[i]);
        self.trained.push(o.trained[i]);
        self.role.push(o.role[i]);
        self.communicated.push(o.communicated[i]);
    }
}
