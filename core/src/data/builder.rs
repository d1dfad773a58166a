//! The one way records enter a [`Dataset`]: readers (CSV now; Arrow, XLSX
//! and the field store later) push rows here. The builder rejects a repeated
//! id — within a file or across the files of one kind read together —
//! naming where it was first read.

use super::batch::Batch;
use super::dataset::Dataset;
use super::dossiers::DossierBatch;
use super::ids::{repeated, IdHasher, IdIndex, Ids};
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
        // Rows added in bulk (`merge_once`) are indexed when a row follows them.
        self.index.catch_up(ids);
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

impl<B> Chunk<B> {
    /// The last line of row `i` (its first line unless it runs over several).
    pub fn last_line(&self, i: usize) -> u32 {
        self.spans
            .binary_search_by_key(&i, |s| s.0)
            .map_or(self.lines[i], |k| self.spans[k].1)
    }
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
        let rows = self.rows(kind);
        self.seen[slot(kind)].files.push((rows, file.to_string()));
    }

    /// Rows of `kind` held.
    fn rows(&self, kind: RecordKind) -> usize {
        match kind {
            RecordKind::Dossiers => self.data.dossiers.len(),
            RecordKind::Survey => self.data.survey.len(),
            RecordKind::Staff => self.data.staff.len(),
            _ => self.seen[slot(kind)].ids.len(),
        }
    }

    /// Hashes the ids of `kind` with `hasher` from now on, so that rows
    /// hashed apart with it (by workers given its seed) merge without
    /// hashing again. Only while no row of `kind` is held: `false` (and
    /// nothing changed) otherwise.
    pub fn use_id_hasher(&mut self, kind: RecordKind, hasher: IdHasher) -> bool {
        if self.rows(kind) > 0 {
            return false;
        }
        self.seen[slot(kind)].index = IdIndex::with_hasher(hasher);
        true
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

    /// Adds a whole file's rows read apart (its pieces appended into one
    /// chunk) with what [`DatasetBuilder::merge`] gives, but faster: the
    /// ids are checked all at once ([`repeated`]: no index of them is
    /// built, unless more rows of the kind follow) and the columns are
    /// copied in runs between the rows left out (the chunk is moved in
    /// when none is). For a kind with no row held yet; otherwise this is
    /// `merge`. `chunk.hashes` are by [`DatasetBuilder::id_hasher`].
    /// The chunk's batch and lines are taken (left empty) when no row is
    /// left out.
    pub fn merge_once<B: Batch>(&mut self, chunk: &mut Chunk<B>) -> Vec<(usize, String)> {
        if self.rows(B::KIND) > 0 {
            return self.merge(chunk);
        }
        let repeats = repeated(chunk.batch.ids(), &chunk.hashes);
        let seen = &mut self.seen[slot(B::KIND)];
        let batch = B::of(&mut self.data);
        if repeats.is_empty() {
            *batch = std::mem::take(&mut chunk.batch);
            seen.line = std::mem::take(&mut chunk.lines);
            return Vec::new();
        }
        let mut remap = batch.remap(&chunk.batch);
        let mut from = 0;
        let ends = repeats.iter().map(|r| r.0 as usize);
        for end in ends.chain([chunk.lines.len()]) {
            batch.extend_rows(&chunk.batch, from..end, &mut remap);
            seen.line.extend_from_slice(&chunk.lines[from..end]);
            from = end + 1;
        }
        // The first row of an id is never left out: it is that row of the
        // chunk less the rows left out before it.
        let ids = chunk.batch.ids();
        repeats
            .iter()
            .map(|&(row, first)| {
                let before = repeats.partition_point(|r| r.0 < first) as u32;
                let why = seen.duplicate(ids.get(row as usize), first - before);
                (row as usize, why)
            })
            .collect()
    }

    /// The data set built.
    pub fn finish(self) -> Dataset {
        self.data
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::Channel;
    use std::hash::BuildHasher;

    fn dossier<'a>(id: &'a str, unit: &'a str, day: i32) -> DossierFields<'a> {
        DossierFields {
            id,
            unit,
            procedure: "P1",
            sector: if day % 2 == 0 { "s0" } else { "s1" },
            received: day,
            channel: Channel::Online,
            fully_online: true,
            due: day + 10,
            completed: day + 5,
            paused: 0,
            fee_required: false,
            paid_online: false,
            digitized: true,
        }
    }

    /// A chunk of dossiers read apart, hashed by `b`'s hasher, lines from 2.
    fn chunk(b: &DatasetBuilder, rows: &[(&str, &str)]) -> Chunk<DossierBatch> {
        let hasher = b.id_hasher(RecordKind::Dossiers);
        let mut c = Chunk::<DossierBatch>::default();
        for (k, (id, unit)) in rows.iter().enumerate() {
            c.batch.push(&dossier(id, unit, k as i32));
            c.hashes.push(hasher.hash_one(id));
            c.lines.push(k as u32 + 2);
        }
        c
    }

    #[test]
    fn merge_once_adds_what_merge_adds() {
        // Repeats, a unit met only on a repeated row (not in the
        // dictionary after), and none.
        let cases: [&[(&str, &str)]; 3] = [
            &[
                ("a", "U1"),
                ("b", "U2"),
                ("a", "U9"),
                ("c", "U3"),
                ("b", "U1"),
                ("a", "U3"),
            ],
            &[("x", "U1"), ("x", "U2")],
            &[("a", "U1"), ("b", "U2")],
        ];
        for rows in cases {
            let mut one = DatasetBuilder::new();
            one.begin_file(RecordKind::Dossiers, "f.csv");
            let left_one = one.merge(&chunk(&one, rows));
            let mut once = DatasetBuilder::new();
            once.begin_file(RecordKind::Dossiers, "f.csv");
            let mut c = chunk(&once, rows);
            let left_once = once.merge_once(&mut c);
            assert_eq!(left_once, left_one, "{rows:?}");
            assert_eq!(once.seen[0].line, one.seen[0].line);
            assert_eq!(once.finish(), one.finish(), "{rows:?}");
        }
    }

    #[test]
    fn rows_after_merge_once_are_checked_against_it() {
        let mut b = DatasetBuilder::new();
        b.begin_file(RecordKind::Dossiers, "a.csv");
        let mut c = chunk(&b, &[("a", "U1"), ("b", "U2"), ("c", "U1")]);
        assert!(b.merge_once(&mut c).is_empty());
        b.begin_file(RecordKind::Dossiers, "b.csv");
        assert_eq!(
            b.push_dossier(&dossier("b", "U1", 1), 7),
            Err("duplicate id `b` (first at a.csv line 3)".to_string())
        );
        assert_eq!(b.push_dossier(&dossier("d", "U1", 1), 8), Ok(()));
        // Rows held: merge_once is merge.
        let mut c = chunk(&b, &[("d", "U1"), ("e", "U1")]);
        let left = b.merge_once(&mut c);
        assert_eq!(
            left,
            vec![(0, "duplicate id `d` (first at line 8)".to_string())]
        );
        assert_eq!(b.finish().dossiers.len(), 5);
    }
}
