//! Dossier files folded straight into the counters of one cube, never held
//! whole: for a verdict on exports larger than memory. CSV files of up to
//! [`ONE_PASS_UP_TO`] bytes in all are read once, on every core: every id
//! is kept, each chunk counted as it comes and the repeated ids taken out
//! at the end ([`once`]). Larger files are read twice. The first pass hashes every id into a Bloom filter and keeps the
//! hashes it may have seen before (the suspects: every repeated id, and a
//! few false alarms). The second parses each row, checks the suspects'
//! ids exactly (the first occurrence is kept, as when the rows are held),
//! and counts chunks of rows into the cube; a large CSV file's second pass
//! is parsed on every core (`io::parallel`, the chunks counted in file
//! order). Memory: the filter (10 bits a row), the suspects' ids, a few
//! chunks of rows and the cube.

use crate::base::error::{DvcttError, Result};
use crate::data::batch::Batch;
use crate::data::builder::Chunk;
use crate::data::dossiers::DossierBatch;
use crate::data::ids::IdHasher;
use crate::engine::cube::{DossierCube, Grid};
use crate::io::cells::Cells;
use crate::io::csv_read::Row;
use crate::io::csv_records::{dossier, CsvInput, RowResult, RowSource, DOSSIER_SCHEMA};
use crate::io::load::CsvSource;
use crate::io::options::ReadOptions;
use crate::io::parallel::{self, ChunkSink, Split, Take, PARALLEL_FROM};
use crate::io::sheet::{is_workbook_path, sheet_rows};
use crate::model::dataset_records::AbsentColumn;
use crate::model::records::{RecordKind, RejectedRow};
use std::hash::BuildHasher;

mod once;
use once::Once;

/// Rows counted into the cube at a time.
pub const CHUNK_ROWS: usize = 1 << 20;

/// Dossier files (CSV, read in parallel) of up to this many bytes in all
/// are read once, their ids kept: about 25 bytes a row, at most ~200 MB.
pub const ONE_PASS_UP_TO: u64 = 512 << 20;

/// How dossier files are streamed.
#[derive(Debug, Clone, Copy)]
pub struct Streaming {
    /// How a large CSV file is read on every core.
    pub split: Split,
    /// CSV files of at least this many bytes are read in parallel (when
    /// not strict).
    pub parallel_from: u64,
    /// Files that are all read in parallel, of at most this many bytes in
    /// all, are read once (see the module documentation).
    pub one_pass_up_to: u64,
}

impl Default for Streaming {
    /// Every core, from [`PARALLEL_FROM`] bytes; one pass up to
    /// [`ONE_PASS_UP_TO`] bytes.
    fn default() -> Self {
        Streaming {
            split: Split {
                block: 2 << 20,
                ..Split::all_cores()
            },
            parallel_from: PARALLEL_FROM,
            one_pass_up_to: ONE_PASS_UP_TO,
        }
    }
}

/// What streaming the dossier files gave.
#[derive(Debug)]
pub struct StreamedDossiers {
    /// Every dossier read, counted.
    pub cube: DossierCube,
    /// Dossiers counted (rows read and kept).
    pub rows: usize,
    pub rejected: Vec<RejectedRow>,
    pub absent: Vec<AbsentColumn>,
}

/// A split-block Bloom filter over 64-bit hashes (as Parquet's): a hash
/// picks one block of eight words (a cache line) and sets one bit in each,
/// so an insert touches one line of memory.
struct Bloom {
    blocks: Vec<Block>,
    mask: u64,
}

/// A block of the filter: one cache line (aligned, so that an insert
/// reads one line, not two).
#[derive(Clone, Copy)]
#[repr(align(64))]
struct Block([u64; 8]);

/// Odd multipliers spreading a hash's low half over each word's 64 bits.
const SALT: [u32; 8] = [
    0x47b6_137b,
    0x4497_4d91,
    0x8824_ad5b,
    0xa2b7_289d,
    0x7054_95c7,
    0x2df1_424b,
    0x9efc_4947,
    0x5c6b_fb31,
];

impl Bloom {
    /// About 10 bits per expected row: about 1% false alarms.
    fn new(rows: u64) -> Self {
        let blocks = (rows.max(1 << 16) * 10 / 512).next_power_of_two();
        Bloom {
            blocks: vec![Block([0; 8]); blocks as usize],
            mask: blocks - 1,
        }
    }

    /// Adds `h`; true when every bit was already set (maybe seen).
    #[inline]
    fn insert(&mut self, h: u64) -> bool {
        let block = &mut self.blocks[((h >> 32) & self.mask) as usize];
        let mut seen = true;
        for (word, salt) in block.0.iter_mut().zip(SALT) {
            let m = 1u64 << ((h as u32).wrapping_mul(salt) >> 26);
            seen &= *word & m != 0;
            *word |= m;
        }
        seen
    }
}

fn id_of<'r>(r: &'r Row<'_>) -> &'r str {
    r.raw(0usize).unwrap_or("")
}

/// One file's rows (CSV or a workbook) handed to `take`; returns its rows
/// not used, its absent optional columns and its label (`file[sheet]` for
/// a workbook).
fn each_row(
    s: &CsvSource,
    strict: bool,
    take: &mut dyn FnMut(&Row<'_>) -> RowResult,
) -> Result<(Vec<RejectedRow>, Vec<&'static str>, String)> {
    let detected = ReadOptions::default();
    let opts = s.options.as_ref().unwrap_or(&detected);
    if is_workbook_path(&s.path) {
        let bytes = std::fs::read(&s.path).map_err(|e| DvcttError::io(&s.path, e))?;
        return sheet_rows(&bytes, &s.path, opts, strict, &DOSSIER_SCHEMA, take);
    }
    let file = std::fs::File::open(&s.path).map_err(|e| DvcttError::io(&s.path, e))?;
    let size = file.metadata().map(|m| m.len()).ok();
    let input = CsvInput {
        input: file,
        size,
        file: &s.path,
        opts,
        strict,
    };
    let (r, a) = input.rows(&DOSSIER_SCHEMA, take)?;
    Ok((r, a, s.path.clone()))
}

/// The first pass's state: the filter and the hashes it may have seen.
struct Suspecting<'a> {
    bloom: Bloom,
    out: Vec<u64>,
    hasher: &'a IdHasher,
}

impl Suspecting<'_> {
    fn note(&mut self, h: u64) {
        if self.bloom.insert(h) {
            self.out.push(h);
        }
    }
}

impl ChunkSink<DossierBatch> for Suspecting<'_> {
    fn hasher(&self) -> IdHasher {
        self.hasher.clone()
    }
    fn take(&mut self, chunk: &Chunk<DossierBatch>) -> Result<Vec<(usize, String)>> {
        chunk.hashes.iter().for_each(|&h| self.note(h));
        Ok(Vec::new())
    }
}

/// The hashes of the ids that may repeat (every one that does, and a few
/// that do not), sorted; and each file's label. A large CSV file is read
/// on every core, only its ids taken (its rows are checked in the second
/// pass).
fn suspects(
    files: &[&CsvSource],
    hasher: &IdHasher,
    split: (Split, u64),
) -> Result<(Vec<u64>, Vec<String>)> {
    let total: u64 = files
        .iter()
        .map(|s| std::fs::metadata(&s.path).map_or(0, |m| m.len()))
        .sum();
    let mut state = Suspecting {
        // Rows of dossier exports take 80 to 300 bytes.
        bloom: Bloom::new(total / 64),
        out: Vec::new(),
        hasher,
    };
    let mut labels = Vec::new();
    for s in files {
        if let Some((file, size)) = in_parallel(s, false, split) {
            read_in_parallel(&mut state, s, (file, size), Take::IdHashes, split.0)?;
            labels.push(s.path.clone());
            continue;
        }
        let (_, _, label) = each_row(s, false, &mut |r| {
            state.note(hasher.hash_one(id_of(r)));
            Ok(())
        })?;
        labels.push(label);
    }
    let mut out = state.out;
    out.sort_unstable();
    out.dedup();
    Ok((out, labels))
}

/// The second pass's state: the suspects, the first row of each suspect
/// id met, and the counters.
struct Counting<'a> {
    suspects: &'a [u64],
    hasher: &'a IdHasher,
    labels: &'a [String],
    /// The suspects' ids read so far: (file, line) of their first row.
    first: hashbrown::HashMap<String, (usize, u32)>,
    /// The file being read.
    file: usize,
    /// The check of a read in one pass (instead of `suspects`).
    once: Option<Once>,
    grid: &'a Grid,
    out: StreamedDossiers,
}

impl Counting<'_> {
    /// `Err(reason)` when `id` (hash `h`, on `line`) was read before;
    /// notes a suspect's first row.
    fn check(&mut self, id: &str, h: u64, line: u32) -> std::result::Result<(), String> {
        if self.suspects.binary_search(&h).is_err() {
            return Ok(());
        }
        if let Some(&(at, first)) = self.first.get(id) {
            let at = if at == self.file {
                format!("line {first}")
            } else {
                format!("{} line {first}", self.labels[at])
            };
            return Err(format!("duplicate id `{id}` (first at {at})"));
        }
        self.first.insert(id.to_string(), (self.file, line));
        Ok(())
    }

    /// Counts `batch`'s rows into the cube.
    fn count(&mut self, batch: &DossierBatch) -> Result<()> {
        let part = DossierCube::build(&batch.cols, self.grid.clone());
        self.out.cube = self.out.cube.merge(&part)?;
        Ok(())
    }
}

impl ChunkSink<DossierBatch> for Counting<'_> {
    fn hasher(&self) -> IdHasher {
        self.hasher.clone()
    }
    fn reserve(&mut self, rows: usize) {
        if let Some(once) = &mut self.once {
            once.reserve(rows);
        }
    }
    fn take(&mut self, chunk: &Chunk<DossierBatch>) -> Result<Vec<(usize, String)>> {
        if let Some(once) = &mut self.once {
            // Counted whole; the repeats are taken out at the end.
            once.note(chunk);
            self.out.rows += chunk.hashes.len();
            self.count(&chunk.batch)?;
            return Ok(Vec::new());
        }
        let ids = &chunk.batch.ids;
        let mut left_out = Vec::new();
        for i in 0..ids.len() {
            if let Err(why) = self.check(ids.get(i), chunk.hashes[i], chunk.lines[i]) {
                left_out.push((i, why));
            }
        }
        self.out.rows += ids.len() - left_out.len();
        if left_out.is_empty() {
            self.count(&chunk.batch)?;
        } else {
            // Rare (a repeated id): the chunk's other rows, copied.
            let mut kept = DossierBatch::default();
            let mut remap = kept.remap(&chunk.batch);
            let mut out = left_out.iter().map(|l| l.0).peekable();
            for i in 0..ids.len() {
                if out.next_if_eq(&i).is_none() {
                    kept.push_row_of(&chunk.batch, i, &mut remap);
                }
            }
            self.count(&kept)?;
        }
        Ok(left_out)
    }
}

/// Reads the dossier files of `sources` (the other kinds are skipped; CSV
/// or workbooks) into one cube over `grid`, as [`StreamedDossiers`] says;
/// the rows rejected and the duplicate ids are those a read into a data
/// set gives.
pub fn stream_dossiers(
    sources: &[CsvSource],
    strict: bool,
    grid: &Grid,
    chunk_rows: usize,
) -> Result<StreamedDossiers> {
    stream_dossiers_split(sources, strict, grid, chunk_rows, Streaming::default())
}

/// [`stream_dossiers`], read as `how` says.
pub fn stream_dossiers_split(
    sources: &[CsvSource],
    strict: bool,
    grid: &Grid,
    chunk_rows: usize,
    how: Streaming,
) -> Result<StreamedDossiers> {
    let files: Vec<&CsvSource> = sources
        .iter()
        .filter(|s| s.kind == RecordKind::Dossiers)
        .collect();
    let split = (how.split, how.parallel_from);
    let hasher = crate::data::ids::IdHasher::default();
    let once = read_once(&files, strict, how);
    let (suspects, labels) = match once {
        Some(_) => (Vec::new(), files.iter().map(|s| s.path.clone()).collect()),
        None => suspects(&files, &hasher, split)?,
    };
    let mut state = Counting {
        suspects: &suspects,
        hasher: &hasher,
        labels: &labels,
        first: hashbrown::HashMap::new(),
        file: 0,
        once,
        grid,
        out: StreamedDossiers {
            cube: DossierCube::build(&Default::default(), grid.clone()),
            rows: 0,
            rejected: Vec::new(),
            absent: Vec::new(),
        },
    };
    let mut rejected_in = Vec::new();
    for (k, s) in files.iter().enumerate() {
        state.file = k;
        if let Some(once) = &mut state.once {
            once.begin_file();
        }
        let (rejected, absent, label) = match in_parallel(s, strict, split) {
            Some((file, size)) => {
                let rows: Take<DossierBatch> =
                    Take::Rows(|r, batch| dossier(r).map(|f| batch.push(&f)));
                let (r, a) = read_in_parallel(&mut state, s, (file, size), rows, split.0)?;
                (r, a, s.path.clone())
            }
            None => count_rows(&mut state, s, strict, chunk_rows)?,
        };
        rejected_in.push(rejected);
        state
            .out
            .absent
            .extend(absent.into_iter().map(|c| AbsentColumn {
                kind: RecordKind::Dossiers,
                column: c.to_string(),
                source: label.clone(),
            }));
    }
    if let Some(once) = state.once.take() {
        take_out_repeats(&mut state.out, &once, &labels, &mut rejected_in, grid)?;
    }
    state.out.rejected = rejected_in.into_iter().flatten().collect();
    Ok(state.out)
}

/// A one-pass read's state when `files` can be read once (see
/// [`Streaming::one_pass_up_to`]).
fn read_once(files: &[&CsvSource], strict: bool, how: Streaming) -> Option<Once> {
    let mut bytes = 0u64;
    for s in files {
        let (_, size) = in_parallel(s, strict, (how.split, how.parallel_from))?;
        bytes += size;
    }
    (bytes <= how.one_pass_up_to).then(|| Once::new(bytes))
}

/// Takes the repeated ids that a one-pass read counted out of `out`, and
/// adds them to each file's rows refused (`rejected`, in line order).
fn take_out_repeats(
    out: &mut StreamedDossiers,
    once: &Once,
    labels: &[String],
    rejected: &mut [Vec<RejectedRow>],
    grid: &Grid,
) -> Result<()> {
    let repeats = once.repeats(labels)?;
    if repeats.rows.is_empty() {
        return Ok(());
    }
    out.cube = out
        .cube
        .subtract(&DossierCube::build(&repeats.rows.cols, grid.clone()))?;
    out.rows -= repeats.rows.len();
    for (file, refused) in rejected.iter_mut().zip(repeats.rejected) {
        file.extend(refused);
        file.sort_by_key(|r| r.line);
    }
    Ok(())
}

/// Reads the open file of `s` (and its size) on every core into `sink`.
fn read_in_parallel<S: ChunkSink<DossierBatch>>(
    sink: &mut S,
    s: &CsvSource,
    (file, size): (std::fs::File, u64),
    parse: Take<DossierBatch>,
    split: Split,
) -> Result<(Vec<RejectedRow>, Vec<&'static str>)> {
    let opts = s.options.clone().unwrap_or_default();
    parallel::read(
        sink,
        file,
        size,
        &s.path,
        &opts,
        &DOSSIER_SCHEMA,
        parse,
        split,
    )
}

/// The open file and its size when `s`'s second pass is read in parallel.
fn in_parallel(s: &CsvSource, strict: bool, split: (Split, u64)) -> Option<(std::fs::File, u64)> {
    if strict || split.0.threads < 2 || is_workbook_path(&s.path) {
        return None;
    }
    let file = std::fs::File::open(&s.path).ok()?;
    let size = file.metadata().ok()?.len();
    (size >= split.1).then_some((file, size))
}

/// The second pass over one file on this thread: rows counted a chunk of
/// `chunk_rows` at a time.
fn count_rows(
    state: &mut Counting<'_>,
    s: &CsvSource,
    strict: bool,
    chunk_rows: usize,
) -> Result<(Vec<RejectedRow>, Vec<&'static str>, String)> {
    let mut chunk = DossierBatch::default();
    let mut flush_error = None;
    let hasher = state.hasher.clone();
    let read = each_row(s, strict, &mut |r| {
        let f = dossier(r)?;
        if let Err(why) = state.check(f.id, hasher.hash_one(f.id), r.line()) {
            return Err(r.reject(DOSSIER_SCHEMA.id_column(), why));
        }
        chunk.push(&f);
        state.out.rows += 1;
        if chunk.len() >= chunk_rows {
            if let Err(e) = state.count(&std::mem::take(&mut chunk)) {
                flush_error = Some(e);
            }
        }
        Ok(())
    })?;
    if let Some(e) = flush_error {
        return Err(e);
    }
    state.count(&chunk)?;
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bloom_filter_flags_every_repeat() {
        let mut b = Bloom::new(1000);
        let hashes: Vec<u64> = (0..1000u64)
            .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .collect();
        let false_alarms = hashes.iter().filter(|&&h| b.insert(h)).count();
        assert!(false_alarms < 20, "{false_alarms}");
        assert!(hashes.iter().all(|&h| b.insert(h)));
    }
}
