//! One large CSV file of dossiers, survey responses or staff read on every
//! core. The calling thread cuts the file into chunks at record boundaries
//! (a newline outside quotes), worker threads parse each chunk into a batch
//! of its own (ids hashed ahead), and the calling thread adds the chunks in
//! file order, checking duplicate ids in that order: the data set, the
//! rejected rows and their order are those of a sequential read.

use super::csv_read::blocks::{header, Blocks};
use super::csv_read::{header_only, io_error, Body, Header, Lines, Row, Schema};
use super::csv_records::{dossier, staff, survey, DOSSIER_SCHEMA, STAFF_SCHEMA, SURVEY_SCHEMA};
use super::options::ReadOptions;
use super::text_input::open_text;
use crate::base::error::Result;
use crate::data::batch::Batch;
use crate::data::builder::{Chunk, DatasetBuilder};
use crate::data::dossiers::DossierBatch;
use crate::data::ids::IdHasher;
use crate::data::staff::StaffBatch;
use crate::data::survey::SurveyBatch;
use crate::model::records::{RecordKind, RejectedRow};
use std::collections::BTreeMap;
use std::hash::BuildHasher;
use std::io::Read;
use std::sync::{mpsc, Mutex};

pub use super::csv_read::blocks::BLOCK;

/// Files smaller than this are read on one thread.
pub const PARALLEL_FROM: u64 = 2 << 20;

/// The smallest chunk a file is cut into to keep every worker busy.
const MIN_BALANCED: u64 = 256 << 10;

/// Whether `kind` can be read in parallel (the columnar kinds).
pub fn parallel_kind(kind: RecordKind) -> bool {
    matches!(
        kind,
        RecordKind::Dossiers | RecordKind::Survey | RecordKind::Staff
    )
}

/// A parser of one row into a batch (see `io::csv_records`).
pub type Parse<B> = fn(&Row<'_>, &mut B) -> std::result::Result<(), RejectedRow>;

/// What the workers take of each record: the row parsed into the batch, or
/// only the hash of its id (the schema's first column), without checking
/// the rest of the row (the first pass of a streamed read, which needs no
/// more; the rows a full read rejects may be among those hashed).
pub enum Take<B> {
    Rows(Parse<B>),
    IdHashes,
}

// Not derived: a derive would ask `B: Copy`.
impl<B> Clone for Take<B> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<B> Copy for Take<B> {}

/// What a worker made of one chunk: its rows and the rows it refused.
pub(crate) type Parsed<B> = Result<(Chunk<B>, Vec<RejectedRow>)>;

struct Job {
    seq: usize,
    bytes: Vec<u8>,
    /// The file's line the chunk starts on.
    first_line: u32,
    /// Newlines in the chunk: about its rows.
    lines: u32,
}

/// Parses one chunk into a batch of its own.
fn parse_chunk<B: Batch>(
    job: &Job,
    header: &Header,
    file: &str,
    parse: Take<B>,
    hasher: &IdHasher,
) -> Parsed<B> {
    let mut chunk = Chunk::<B>::default();
    let lines = Lines::starting_at(job.first_line);
    let body = Body {
        header,
        file,
        strict: false,
        size: None,
        first_line: job.first_line,
        lines: &lines,
    };
    let parse = match parse {
        Take::Rows(parse) => parse,
        Take::IdHashes => {
            chunk.hashes.reserve(job.lines as usize);
            body.read_column(&job.bytes, 0, |id| chunk.hashes.push(hasher.hash_one(id)))?;
            return Ok((chunk, Vec::new()));
        }
    };
    chunk.reserve(job.lines as usize);
    let take = |r: &Row<'_>| {
        parse(r, &mut chunk.batch)?;
        let ids = chunk.batch.ids();
        chunk.hashes.push(hasher.hash_one(ids.get(ids.len() - 1)));
        if r.last_line() > r.line() {
            chunk.spans.push((chunk.lines.len(), r.last_line()));
        }
        chunk.lines.push(r.line());
        Ok(())
    };
    let rejected = body.read_block(&job.bytes, take)?;
    Ok((chunk, rejected))
}

/// Where the parsed chunks of a file go, in file order: the data set's
/// builder, or the counters of a streamed read (`engine::stream`).
pub trait ChunkSink<B> {
    /// The hasher the chunks' ids are hashed with (on the workers).
    fn hasher(&self) -> IdHasher;
    /// Makes room for about `rows` rows (once, after the first chunk).
    fn reserve(&mut self, _rows: usize) {}
    /// Takes a chunk's rows in order; returns the rows left out, as (row
    /// of the chunk, reason).
    fn take(&mut self, chunk: &Chunk<B>) -> Result<Vec<(usize, String)>>;
}

impl<B: Batch> ChunkSink<B> for DatasetBuilder {
    fn hasher(&self) -> IdHasher {
        self.id_hasher(B::KIND)
    }
    fn reserve(&mut self, rows: usize) {
        DatasetBuilder::reserve(self, B::KIND, rows);
    }
    fn take(&mut self, chunk: &Chunk<B>) -> Result<Vec<(usize, String)>> {
        Ok(self.merge(chunk))
    }
}

/// Hands a parsed chunk to the sink: its rows, then its rejected rows
/// and the rows the sink left out, in line order.
pub(crate) fn merge<B: Batch>(
    b: &mut impl ChunkSink<B>,
    parsed: Parsed<B>,
    schema: &Schema,
    file: &str,
    rejected: &mut Vec<RejectedRow>,
) -> Result<usize> {
    let (chunk, mut refused) = parsed?;
    let rows = chunk.hashes.len();
    for (i, why) in b.take(&chunk)? {
        let line = chunk.lines[i];
        let last = chunk.last_line(i);
        refused.push(RejectedRow::spanning(
            file,
            line,
            last,
            schema.id_column(),
            why,
        ));
    }
    refused.sort_by_key(|r| r.line);
    rejected.extend(refused);
    Ok(rows)
}

/// How a file is read in parallel: worker threads, and bytes per chunk.
#[derive(Debug, Clone, Copy)]
pub struct Split {
    pub threads: usize,
    pub block: usize,
}

impl Split {
    /// Every core, chunks of [`BLOCK`] bytes.
    pub fn all_cores() -> Self {
        Split {
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            block: BLOCK,
        }
    }
}

/// A chunk parsed: its number, its parse, and its bytes (for reuse).
type Done<B> = (usize, Parsed<B>, Vec<u8>);

/// A worker thread: parses the chunks it is sent until the senders close.
fn work<B: Batch>(
    jobs: &Mutex<mpsc::Receiver<Job>>,
    done: &mpsc::Sender<Done<B>>,
    header: &Header,
    file: &str,
    parse: Take<B>,
    hasher: &IdHasher,
) {
    loop {
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(job) = job else { return };
        let parsed = parse_chunk(&job, header, file, parse, hasher);
        if done.send((job.seq, parsed, job.bytes)).is_err() {
            return;
        }
    }
}

/// Reads `input` (a file of `size` bytes) of batch kind `B` as `split`
/// says; returns the rows not used, in line order.
#[allow(clippy::too_many_arguments)]
pub fn read<B: Batch, R: Read, S: ChunkSink<B>>(
    b: &mut S,
    input: R,
    size: u64,
    file: &str,
    opts: &ReadOptions,
    schema: &Schema,
    parse: Take<B>,
    split: Split,
) -> Result<(Vec<RejectedRow>, Vec<&'static str>)> {
    let Split { threads, block } = split;
    // At least two chunks a worker, so a file of a few blocks is shared.
    let balanced = (size / (2 * threads.max(1) as u64)).max(MIN_BALANCED);
    let block = block.min(balanced as usize);
    let text = open_text(input, opts, schema, file)?;
    let mut input = text.reader;
    let (header, buf, line) = header(&mut input, block, schema, file, opts, text.delimiter)?;
    let mut blocks = Blocks::new(input, buf, block, line + text.first_line - 1, file);
    let absent: Vec<&'static str> = header.columns.absent().collect();
    let hasher = b.hasher();
    let (jobs_tx, jobs_rx) = mpsc::sync_channel::<Job>(threads);
    let jobs_rx = Mutex::new(jobs_rx);
    // A worker hands back each chunk's parse and its byte buffer, kept for
    // the next chunk: reusing it spares the kernel zeroing fresh pages.
    let (done_tx, done_rx) = mpsc::channel::<Done<B>>();
    let mut spare: Vec<Vec<u8>> = Vec::new();
    let mut rejected = Vec::new();
    std::thread::scope(|s| -> Result<usize> {
        for _ in 0..threads {
            let (jobs_rx, done_tx, header, hasher) = (&jobs_rx, done_tx.clone(), &header, &hasher);
            s.spawn(move || work(jobs_rx, &done_tx, header, file, parse, hasher));
        }
        drop(done_tx);
        let (mut sent, mut merged) = (0usize, 0usize);
        let mut waiting: BTreeMap<usize, Parsed<B>> = BTreeMap::new();
        let mut reserved = false;
        let mut rows = 0usize;
        let first_len = std::cell::Cell::new(block);
        // Merges the chunks ready, in order (waiting for one when `block`);
        // returns how many are merged.
        let mut take_done = |b: &mut S, spare: &mut Vec<Vec<u8>>, block: bool| -> Result<usize> {
            let next = if block {
                done_rx
                    .recv()
                    .map_err(|_| io_error(file, "a reading thread stopped"))?
            } else {
                match done_rx.try_recv() {
                    Ok(next) => next,
                    Err(_) => return Ok(merged),
                }
            };
            waiting.insert(next.0, next.1);
            spare.push(next.2);
            while let Some(parsed) = waiting.remove(&merged) {
                if !reserved {
                    reserved = true;
                    if let Ok((c, _)) = &parsed {
                        let per_row = first_len.get() as u64 / c.lines.len().max(1) as u64;
                        b.reserve((size / per_row.max(1) + 1024) as usize);
                    }
                }
                rows += merge(b, parsed, schema, file, &mut rejected)?;
                merged += 1;
            }
            Ok(merged)
        };
        let mut done = 0;
        while let Some((bytes, first_line, lines)) = blocks.next_block(spare.pop())? {
            if sent == 0 {
                first_len.set(bytes.len());
            }
            let job = Job {
                seq: sent,
                bytes,
                first_line,
                lines,
            };
            sent += 1;
            if jobs_tx.send(job).is_err() {
                return Err(io_error(file, "the reading threads stopped"));
            }
            done = take_done(b, &mut spare, false)?;
            // Chunks parsed but not merged yet are memory: at most two a
            // worker wait (the merge, on this thread, sets the pace).
            while sent - done > 2 * threads {
                done = take_done(b, &mut spare, true)?;
            }
        }
        drop(jobs_tx);
        while done < sent {
            done = take_done(b, &mut spare, true)?;
        }
        Ok(rows)
    })
    .and_then(|rows| {
        if rows == 0 && rejected.is_empty() {
            Err(header_only(file, text.first_line))
        } else {
            Ok(())
        }
    })?;
    Ok((rejected, absent))
}

/// Reads a large CSV file of a columnar kind as `split` says (see the
/// module documentation); `None` for the other kinds.
pub fn read_kind_parallel<R: Read>(
    b: &mut DatasetBuilder,
    kind: RecordKind,
    input: R,
    size: u64,
    file: &str,
    opts: &ReadOptions,
    split: Split,
) -> Option<Result<(Vec<RejectedRow>, Vec<&'static str>)>> {
    Some(match kind {
        RecordKind::Dossiers => read::<DossierBatch, R, _>(
            b,
            input,
            size,
            file,
            opts,
            &DOSSIER_SCHEMA,
            Take::Rows(|r, batch| dossier(r).map(|f| batch.push(&f))),
            split,
        ),
        RecordKind::Survey => read::<SurveyBatch, R, _>(
            b,
            input,
            size,
            file,
            opts,
            &SURVEY_SCHEMA,
            Take::Rows(|r, batch| survey(r).map(|f| batch.push(&f))),
            split,
        ),
        RecordKind::Staff => read::<StaffBatch, R, _>(
            b,
            input,
            size,
            file,
            opts,
            &STAFF_SCHEMA,
            Take::Rows(|r, batch| staff(r).map(|f| batch.push(&f))),
            split,
        ),
        _ => return None,
    })
}
