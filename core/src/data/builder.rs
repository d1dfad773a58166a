//! The one way records enter a [`Dataset`]: readers (CSV now; Arrow, XLSX
//! and the field store later) push rows here. The builder rejects a repeated
//! id — within a file or across the files of one kind read together —
//! naming where it was first read.

use super::batch::Batch;
use super::dataset::Dataset;
use super::dossiers::DossierBatch;
use super::ids::{IdHasher, IdIndex, Ids};
use super::staff::{StaffBatch, StaffFields};
use super::survey::{SurveyBatch, SurveyFields};
use crate::model::dataset_records::AbsentColumn;
use crate::model::logs::{Feedback, OutreachSession, Procedure, Publication, UnitEntry};
use crate::model::records::{DossierFields, RecordKind};

/// Where the rows of one kind came from: each row's line, the files in
/// order, and the index of ids.
#[derive(Debug, Default)]
struct Seen {
    index: IdIndex,
    /// Line of each row read (rows pushed without a line get 0).
    line: Vec<u32>,
    /// (first row, file name) of each source, in reading order.
    files: Vec<(usize, String)>,
    /// Ids of the kinds kept as records (campaign logs), in row order.
    ids: Ids,
}

impl Seen {
    /// `Err(reason)` when `id` is already in `ids`.
    fn check(&self, ids: &Ids, id: &str) -> Result<(), String> {
        self.check_hashed(ids, id, self.index.hash(id))
    }

    /// [`Seen::check`] with the id's hash computed ahead.
    fn check_hashed(&self, ids: &Ids, id: &str, h: u64) -> Result<(), String> {
        match self.index.find_hashed(ids, id, h) {
            Some(first) => Err(self.duplicate(id, first)),
            None => Ok(()),
        }
    }

    /// Why `id` is refused: the row `first` already holds it.
    fn duplicate(&self, id: &str, first: u32) -> String {
        let row = first as usize;
        let line = self.line.get(row).copied().unwrap_or(0);
        let file_of = |r: usize| {
            let k = self.files.partition_point(|(start, _)| *start <= r);
            self.files.get(k.wrapping_sub(1)).map(|(_, f)| f.as_str())
        };
        let current = self.files.last().map(|(_, f)| f.as_str());
        let at = match file_of(row) {
            Some(f) if Some(f) != current => format!("{f} line {line}"),
            _ => format!("line {line}"),
        };
        format!("duplicate id `{id}` (first at {at})")
    }

    /// Claims `id` for the row about to be pushed at the end of `ids`,
    /// read at `line` (one probe of the index), or says why it is a
    /// duplicate.
    fn claim(&mut self, ids: &Ids, id: &str, line: u32) -> Result<(), String> {
        self.claim_hashed(ids, id, self.index.hash(id), line)
    }

    /// [`Seen::claim`] with the id's hash computed ahead.
    fn claim_hashed(&mut self, ids: &Ids, id: &str, h: u64, line: u32) -> Result<(), String> {
        let row = ids.len() as u32;
        match self.index.claim_hashed(ids, id, h, row) {
            Ok(()) => {
                self.line.push(line);
                Ok(())
            }
            Err(first) => Err(self.duplicate(id, first)),
        }
    }

    /// Notes the row just pushed at the end of `ids`.
    fn add(&mut self, ids: &Ids, line: u32) {
        let row = (ids.len() - 1) as u32;
        self.index.insert(ids, row);
        self.line.push(line);
    }
}

/// A campaign-log record kind, kept as records in the data set.
pub trait LogRecord: Sized {
    const KIND: RecordKind;
    fn id(&self) -> &str;
    fn list(data: &mut Dataset) -> &mut Vec<Self>;
}

macro_rules! log_record {
    ($t:ty, $kind:ident, $field:ident, $id:ident) => {
        impl LogRecord for $t {
            const KIND: RecordKind = RecordKind::$kind;
            fn id(&self) -> &str {
                &self.$id
            }
            fn list(data: &mut Dataset) -> &mut Vec<Self> {
                &mut data.$field
            }
        }
    };
}
log_record!(Procedure, Procedures, procedures, procedure_id);
log_record!(UnitEntry, Units, units, unit_code);
log_record!(Publication, Publications, publications, publication_id);
log_record!(OutreachSession, Outreach, outreach, session_id);
log_record!(Feedback, Feedback, feedback, feedback_id);

/// Rows of one kind read apart (a chunk of a file, on another thread),
/// with each row's id hash (by [`DatasetBuilder::id_hasher`]) and line.
#[derive(Debug, Default)]
pub struct Chunk<B> {
    pub batch: B,
    pub hashes: Vec<u64>,
    pub lines: Vec<u32>,
    /// (row, last line) of the rows that run over several lines.
    pub spans: Vec<(usize, u32)>,
}

impl<B: Batch> Chunk<B> {
    /// Makes room for `rows` rows.
    pub fn reserve(&mut self, rows: usize) {
        self.batch.reserve(rows);
        self.hashes.reserve(rows);
        self.lines.reserve(rows);
    }
}

/// Builds a [`Dataset`] row by row.
#[derive(Debug, Default)]
pub struct DatasetBuilder {
    data: Dataset,
    seen: [Seen; 9],
}

fn slot(kind: RecordKind) -> usize {
    RecordKind::ALL
        .iter()
        .position(|k| *k == kind)
        .expect("every kind is listed")
}

impl DatasetBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts a source (file) of `kind`: duplicates found later name it.
    /// Notes the optional columns of `kind` that `file` does not have.
    pub fn absent_columns(&mut self, kind: RecordKind, file: &str, columns: &[&str]) {
        for c in columns {
            self.data.absent.push(AbsentColumn {
                kind,
                column: c.to_string(),
                source: file.to_string(),
            });
        }
    }

    pub fn begin_file(&mut self, kind: RecordKind, file: &str) {
        self.data.give(kind);
        let rows = match kind {
            RecordKind::Dossiers => self.data.dossiers.len(),
            RecordKind::Survey => self.data.survey.len(),
            RecordKind::Staff => self.data.staff.len(),
            _ => self.seen[slot(kind)].ids.len(),
        };
        self.seen[slot(kind)].files.push((rows, file.to_string()));
    }

    /// Makes room for about `rows` more rows of `kind`.
    pub fn reserve(&mut self, kind: RecordKind, rows: usize) {
        let seen = &mut self.seen[slot(kind)];
        let d = &mut self.data;
        match kind {
            RecordKind::Dossiers => {
                seen.index.reserve(&d.dossiers.ids, rows);
                d.dossiers.reserve(rows);
            }
            RecordKind::Survey => {
                seen.index.reserve(&d.survey.ids, rows);
                d.survey.reserve(rows);
            }
            RecordKind::Staff => seen.index.reserve(&d.staff.ids, rows),
            _ => {}
        }
        seen.line.reserve(rows);
    }

    /// Adds a dossier read at `line`, or says why it is a duplicate.
    pub fn push_dossier(&mut self, f: &DossierFields<'_>, line: u32) -> Result<(), String> {
        let seen = &mut self.seen[slot(RecordKind::Dossiers)];
        let batch: &mut DossierBatch = &mut self.data.dossiers;
        seen.claim(&batch.ids, f.id, line)?;
        batch.push(f);
        Ok(())
    }

    /// Adds a survey response read at `line`, or says why it is a duplicate.
    pub fn push_survey(&mut self, f: &SurveyFields<'_>, line: u32) -> Result<(), String> {
        let seen = &mut self.seen[slot(RecordKind::Survey)];
        let batch: &mut SurveyBatch = &mut self.data.survey;
        seen.claim(&batch.ids, f.id, line)?;
        batch.push(f);
        Ok(())
    }

    /// Adds a staff member read at `line`, or says why it is a duplicate.
    pub fn push_staff(&mut self, f: &StaffFields<'_>, line: u32) -> Result<(), String> {
        let seen = &mut self.seen[slot(RecordKind::Staff)];
        let batch: &mut StaffBatch = &mut self.data.staff;
        seen.claim(&batch.ids, f.id, line)?;
        batch.push(f);
        Ok(())
    }

    /// Adds a campaign-log record read at `line`, or says why it is a duplicate.
    pub fn push_log<T: LogRecord>(&mut self, rec: T, line: u32) -> Result<(), String> {
        let seen = &mut self.seen[slot(T::KIND)];
        let mut ids = std::mem::take(&mut seen.ids);
        let ok = seen.check(&ids, rec.id());
        if ok.is_ok() {
            ids.push(rec.id());
            seen.add(&ids, line);
            T::list(&mut self.data).push(rec);
        }
        seen.ids = ids;
        ok
    }

    /// Hashes ids as the duplicate check of `kind` does, on any thread.
    pub fn id_hasher(&self, kind: RecordKind) -> IdHasher {
        self.seen[slot(kind)].index.hasher()
    }

    /// Adds a chunk's rows in order. A row whose id is already in the data
    /// set (or earlier in the chunk) is left out and returned with the
    /// reason, as (row of the chunk, reason).
    pub fn merge<B: Batch>(&mut self, chunk: &Chunk<B>) -> Vec<(usize, String)> {
        let seen = &mut self.seen[slot(B::KIND)];
        let batch = B::of(&mut self.data);
        let mut remap = batch.remap(&chunk.batch);
        let mut left_out = Vec::new();
        let rows = chunk.batch.ids().len();
        seen.line.reserve(rows);
        for i in 0..rows {
            let (id, h) = (chunk.batch.ids().get(i), chunk.hashes[i]);
            if let Err(why) = seen.claim_hashed(batch.ids(), id, h, chunk.lines[i]) {
                left_out.push((i, why));
                continue;
            }
            batch.push_row_of(&chunk.batch, i, &mut remap);
        }
        left_out
    }

    /// The data set built.
    pub fn finish(self) -> Dataset {
        self.data
    }
}
