//! A large dossier CSV file read in pieces by workers that share no memory
//! (Web Workers, each with its own wasm instance), as `io::parallel` reads
//! one on threads. The file is cut at fixed byte offsets ([`PieceReader::pieces`]);
//! a piece's worker takes the records that start in its piece, reading past
//! its end to finish the last one, parses them into a batch of its own and
//! hands it over as bytes ([`PieceReader::parse`]), its ids hashed with the
//! seed the pieces were cut with; [`PieceMerge`] appends the pieces in file
//! order, column by column, and at the end checks every id at once
//! ([`DatasetBuilder::merge_once`]), so that the data set, the rows
//! rejected, the repeated ids and every line number are those of a read on
//! one thread.
//!
//! Only what the fast path reads goes in pieces: UTF-8 text without a quote
//! character. A piece that holds a quote (or anything else the fast path
//! does not take) gives `None`, and the caller reads the file on one thread.

use serde::{Deserialize, Serialize};

use super::csv_read::blocks::{header, newlines};
use super::csv_read::{header_only, plain_text, Body, Header, Lines, Row};
use super::csv_records::{dossier, DOSSIER_SCHEMA};
use super::load::DatasetLoad;
use super::options::ReadOptions;
use super::text_input::open_text;
use crate::base::error::{DvcttError, Result};
use crate::base::sort;
use crate::data::builder::{Chunk, DatasetBuilder};
use crate::data::dict::Dict;
use crate::data::dossiers::DossierBatch;
use crate::data::ids::IdHasher;
use crate::model::records::{RecordKind, RejectedRow};
use encoding_rs::UTF_8;
use std::hash::BuildHasher;

/// Bytes a piece's worker reads past its piece to finish its last record
/// (a longer record sends the file to the one-thread reader).
pub const TAIL: u64 = 1 << 20;

/// Where one piece's worker reads: the file's bytes `start..end` (`eof`:
/// to the end of the file); the records it takes end at the first newline
/// at or after `own` (counted from `start`), or at `end` for the `last` piece.
/// Its ids are hashed with `seed`, the same for every piece of a file
/// (chosen at random when the file is cut).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Piece {
    pub start: u64,
    pub end: u64,
    pub own: u64,
    pub first: bool,
    pub last: bool,
    pub eof: bool,
    #[serde(default)]
    pub seed: u32,
}

/// A dossier file's header, read from its first bytes: what every piece's
/// worker needs to parse its records.
pub struct PieceReader {
    file: String,
    header: Header,
    /// Byte offset of the first record (after a byte-order mark, a `sep=`
    /// line and the header).
    body: u64,
    /// The file's line the header ends on.
    header_line: u32,
    /// The file's line the header starts on (2 after a `sep=` line).
    first_line: u32,
    absent: Vec<&'static str>,
}

impl PieceReader {
    /// The reader of a file of `kind` whose first bytes are `head` (64 KiB
    /// is plenty); `None` when the file is not read in pieces: not dossiers,
    /// not UTF-8, or a header longer than `head`.
    pub fn new(
        kind: RecordKind,
        head: &[u8],
        file: &str,
        opts: &ReadOptions,
    ) -> Result<Option<Self>> {
        if kind != RecordKind::Dossiers {
            return Ok(None);
        }
        let text = open_text(head, opts, &DOSSIER_SCHEMA, file)?;
        if text.encoding != UTF_8 {
            return Ok(None);
        }
        let mut input = text.reader;
        let block = head.len() + 1;
        let (header, rest, line) = header(
            &mut input,
            block,
            &DOSSIER_SCHEMA,
            file,
            opts,
            text.delimiter,
        )?;
        if rest.is_empty() && head.last() != Some(&b'\n') {
            return Ok(None); // the header may go on past `head`
        }
        let absent = header.columns.absent().collect();
        Ok(Some(PieceReader {
            file: file.to_string(),
            header,
            body: (head.len() - rest.len()) as u64,
            header_line: line + text.first_line - 1,
            first_line: text.first_line,
            absent,
        }))
    }

    /// The pieces of a file of `size` bytes, about `bytes` each.
    pub fn pieces(&self, size: u64, bytes: u64) -> Vec<Piece> {
        let bytes = bytes.max(1);
        let seed = IdHasher::default().seed() as u32;
        let mut out = Vec::new();
        let mut a = self.body;
        loop {
            let next = a.saturating_add(bytes);
            let (first, last) = (out.is_empty(), next >= size);
            let start = if first { a } else { a - 1 };
            let end = if last {
                size
            } else {
                (next - 1 + TAIL).min(size)
            };
            out.push(Piece {
                start,
                end,
                own: next.saturating_sub(1).saturating_sub(start),
                first,
                last,
                eof: end == size,
                seed,
            });
            if last {
                return out;
            }
            a = next;
        }
    }

    /// Parses the records of `piece` (`bytes` are the file's
    /// `piece.start..piece.end`) into bytes for [`PieceMerge::merge`];
    /// `None` when the piece is not for the fast path (see the module
    /// documentation) or its last record runs past `bytes`.
    pub fn parse(&self, bytes: &[u8], piece: &Piece) -> Result<Option<Vec<u8>>> {
        if bytes.len() as u64 != piece.end.saturating_sub(piece.start) {
            return Err(DvcttError::data(
                "bytes",
                format!(
                    "{} bytes given for a piece of {}",
                    bytes.len(),
                    piece.end.saturating_sub(piece.start)
                ),
            ));
        }
        let reaches_end = piece.last || piece.eof;
        let from = if piece.first {
            0
        } else {
            match memchr::memchr(b'\n', bytes) {
                Some(i) => i + 1,
                // No record starts here: all of it is the end of an earlier one.
                None if reaches_end => bytes.len(),
                None => return Ok(None),
            }
        };
        let own = (piece.own as usize).min(bytes.len());
        let to = if piece.last {
            bytes.len()
        } else {
            match memchr::memchr(b'\n', &bytes[own..]) {
                Some(i) => own + i + 1,
                None if reaches_end => bytes.len(),
                None => return Ok(None),
            }
        };
        let text = &bytes[from..to.max(from)];
        if plain_text(text).is_none() {
            return Ok(None);
        }
        let mut chunk = Chunk::<DossierBatch>::default();
        let text_lines = newlines(text);
        chunk.reserve(text_lines as usize);
        // Lines counted from the piece's first (1); the merge adds the lines before it.
        let lines = Lines::starting_at(1);
        let body = Body {
            header: &self.header,
            file: &self.file,
            strict: false,
            size: None,
            first_line: 1,
            lines: &lines,
        };
        let take = |r: &Row<'_>| {
            chunk.batch.push(&dossier(r)?);
            if r.last_line() > r.line() {
                chunk.spans.push((chunk.lines.len(), r.last_line()));
            }
            chunk.lines.push(r.line());
            Ok(())
        };
        let rejected = body.read_block(text, take)?;
        let hasher = IdHasher::with_seed(u64::from(piece.seed));
        chunk.hashes = chunk
            .batch
            .ids
            .iter()
            .map(|id| hasher.hash_one(id))
            .collect();
        let o = encode(&chunk, &rejected, text_lines, text.len(), piece.seed);
        Ok(Some(o))
    }
}

/// A piece's parse, as bytes: the seed of its ids' hashes, its newlines,
/// the lines of its rows, the rows spanning lines, its rows refused
/// (JSON), its batch, then its ids' hashes.
fn encode(
    chunk: &Chunk<DossierBatch>,
    rejected: &[RejectedRow],
    lines: u32,
    len: usize,
    seed: u32,
) -> Vec<u8> {
    let b = &chunk.batch;
    let mut o = Out(Vec::with_capacity(b.len() * 56 + 64));
    o.u32(seed);
    o.u32(lines);
    o.u32(len as u32);
    o.u32s(&chunk.lines);
    o.u32(chunk.spans.len() as u32);
    for &(row, last) in &chunk.spans {
        o.u32(row as u32);
        o.u32(last);
    }
    o.bytes(&serde_json::to_vec(rejected).unwrap_or_default());
    let (ids, ends) = b.ids.parts();
    o.u32s(ends);
    o.bytes(ids.as_bytes());
    let c = &b.cols;
    for d in [&c.units, &c.sectors, &b.procedures] {
        o.u32(d.len() as u32);
        d.codes().iter().for_each(|code| o.bytes(code.as_bytes()));
    }
    o.u32s(&c.unit);
    o.u32s(&c.sector);
    o.i32s(&c.received);
    o.i32s(&c.completed);
    o.i32s(&c.due);
    o.bytes(&c.flags);
    o.u32s(&b.procedure);
    o.i32s(&b.due_on);
    o.u32s(&b.paused);
    o.u32(chunk.hashes.len() as u32);
    for h in &chunk.hashes {
        o.0.extend_from_slice(&h.to_le_bytes());
    }
    o.0
}

/// A piece's parse read back, its columns still bytes (little-endian
/// words), checked to be of one length and the codes to be in their
/// dictionaries.
struct Decoded<'a> {
    seed: u32,
    newlines: u32,
    len: u32,
    lines: &'a [u8],
    spans: Vec<(usize, u32)>,
    rejected: Vec<RejectedRow>,
    ends: &'a [u8],
    ids: &'a str,
    /// Units, sectors, procedures: the codes, and the rows' codes.
    dicts: [(Vec<&'a str>, &'a [u8]); 3],
    received: &'a [u8],
    completed: &'a [u8],
    due: &'a [u8],
    flags: &'a [u8],
    due_on: &'a [u8],
    paused: &'a [u8],
    hashes: &'a [u8],
}

fn decode(bytes: &[u8]) -> Result<Decoded<'_>> {
    let mut i = In(bytes);
    let (seed, newlines, len) = (i.u32()?, i.u32()?, i.u32()?);
    let lines = i.words(4)?;
    let mut spans = Vec::new();
    for _ in 0..i.u32()? {
        spans.push((i.u32()? as usize, i.u32()?));
    }
    let rejected: Vec<RejectedRow> = serde_json::from_slice(i.bytes()?).map_err(|e| cut(&e))?;
    let ends = i.words(4)?;
    let ids = std::str::from_utf8(i.bytes()?).map_err(|e| cut(&e))?;
    let mut codes: [Vec<&str>; 3] = Default::default();
    for d in &mut codes {
        for _ in 0..i.u32()? {
            d.push(std::str::from_utf8(i.bytes()?).map_err(|e| cut(&e))?);
        }
    }
    let [units, sectors, procedures] = codes;
    let (unit, sector) = (i.words(4)?, i.words(4)?);
    let (received, completed, due) = (i.words(4)?, i.words(4)?, i.words(4)?);
    let flags = i.bytes()?;
    let procedure = i.words(4)?;
    let (due_on, paused, hashes) = (i.words(4)?, i.words(4)?, i.words(8)?);
    let d = Decoded {
        seed,
        newlines,
        len,
        lines,
        spans,
        rejected,
        ends,
        ids,
        dicts: [(units, unit), (sectors, sector), (procedures, procedure)],
        received,
        completed,
        due,
        flags,
        due_on,
        paused,
        hashes,
    };
    let n = d.lines.len() / 4;
    let words = [d.ends, d.received, d.completed, d.due, d.due_on, d.paused];
    let coded = d.dicts.iter().map(|(_, rows)| *rows);
    if words.into_iter().chain(coded).any(|w| w.len() != 4 * n)
        || d.flags.len() != n
        || d.hashes.len() != 8 * n
        || d.spans.iter().any(|s| s.0 >= n)
    {
        return Err(cut(&"columns of different lengths"));
    }
    for (codes, rows) in &d.dicts {
        if u32s(rows).any(|c| c as usize >= codes.len()) {
            return Err(cut(&"a code not in its dictionary"));
        }
    }
    Ok(d)
}

/// Little-endian words as numbers.
fn u32s(words: &[u8]) -> impl Iterator<Item = u32> + '_ {
    words
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn i32s(words: &[u8]) -> impl Iterator<Item = i32> + '_ {
    u32s(words).map(|w| w as i32)
}

/// Appends a piece's codes to `out`, re-encoded in `to` (each code added
/// when first met, as if its rows were read here).
fn recode(out: &mut Vec<u32>, to: &mut Dict, codes: &[&str], rows: &[u8]) {
    let mut map = vec![u32::MAX; codes.len()];
    out.extend(u32s(rows).map(|c| {
        let slot = &mut map[c as usize];
        if *slot == u32::MAX {
            *slot = to.intern(codes[c as usize]);
        }
        *slot
    }));
}

fn cut(e: &dyn std::fmt::Display) -> DvcttError {
    DvcttError::data(
        "piece",
        format!("not a piece parsed by PieceReader::parse: {e}"),
    )
}

struct Out(Vec<u8>);

impl Out {
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u32s(&mut self, v: &[u32]) {
        self.u32(v.len() as u32);
        v.iter()
            .for_each(|x| self.0.extend_from_slice(&x.to_le_bytes()));
    }
    fn i32s(&mut self, v: &[i32]) {
        self.u32(v.len() as u32);
        v.iter()
            .for_each(|x| self.0.extend_from_slice(&x.to_le_bytes()));
    }
    fn bytes(&mut self, v: &[u8]) {
        self.u32(v.len() as u32);
        self.0.extend_from_slice(v);
    }
}

struct In<'a>(&'a [u8]);

impl<'a> In<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.0.len() < n {
            return Err(cut(&"cut short"));
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Ok(a)
    }
    fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    /// A count, then that many words of `size` bytes.
    fn words(&mut self, size: usize) -> Result<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n.checked_mul(size).ok_or_else(|| cut(&"a length"))?)
    }
    fn bytes(&mut self) -> Result<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }
}

/// The pieces of one file added in file order into a data set.
pub struct PieceMerge {
    reader: PieceReader,
    /// The file's size in bytes (for the one reservation of room).
    size: u64,
    /// The file's last line of the pieces merged so far.
    line: u32,
    /// The rows of the pieces merged so far, their ids not checked yet,
    /// hashed by `hasher` (the first piece's seed).
    rows: Chunk<DossierBatch>,
    hasher: Option<IdHasher>,
    /// The rows refused while parsing the pieces.
    rejected: Vec<RejectedRow>,
}

impl PieceMerge {
    /// Starts the file of `size` bytes that `reader` read the header of.
    pub fn new(reader: PieceReader, size: u64) -> Self {
        PieceMerge {
            line: reader.header_line,
            reader,
            size,
            rows: Chunk::default(),
            hasher: None,
            rejected: Vec::new(),
        }
    }

    /// Adds the next piece's parse (from [`PieceReader::parse`]): its
    /// columns appended to those of the pieces before it, codes re-encoded,
    /// lines counted from the file's start.
    pub fn merge(&mut self, piece: &[u8]) -> Result<()> {
        let d = decode(piece)?;
        let (shift, all) = (self.line, &mut self.rows);
        let n = d.lines.len() / 4;
        if all.lines.is_empty() && n > 0 {
            // Room for the whole file, estimated from the first piece's rows.
            let per_row = (u64::from(d.len) / n as u64).max(1);
            all.reserve((self.size / per_row) as usize + 1024);
        }
        let start = all.lines.len();
        all.batch
            .ids
            .extend_joined(d.ids, u32s(d.ends))
            .ok_or_else(|| cut(&"ids out of order"))?;
        all.lines.extend(u32s(d.lines).map(|l| l + shift));
        let spans = d
            .spans
            .iter()
            .map(|&(row, last)| (row + start, last + shift));
        all.spans.extend(spans);
        let hasher = self
            .hasher
            .get_or_insert(IdHasher::with_seed(u64::from(d.seed)))
            .clone();
        if u64::from(d.seed) == hasher.seed() {
            let words = d.hashes.chunks_exact(8);
            all.hashes
                .extend(words.map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default())));
        } else {
            // A piece cut with another seed (pieces of two cuts mixed).
            let ids = &all.batch.ids;
            all.hashes
                .extend((start..ids.len()).map(|r| hasher.hash_one(ids.get(r))));
        }
        let b = &mut all.batch;
        let [(units, unit), (sectors, sector), (procedures, procedure)] = &d.dicts;
        let c = &mut b.cols;
        recode(&mut c.unit, &mut c.units, units, unit);
        recode(&mut c.sector, &mut c.sectors, sectors, sector);
        c.received.extend(i32s(d.received));
        c.completed.extend(i32s(d.completed));
        c.due.extend(i32s(d.due));
        c.flags.extend_from_slice(d.flags);
        recode(&mut b.procedure, &mut b.procedures, procedures, procedure);
        b.due_on.extend(i32s(d.due_on));
        b.paused.extend(u32s(d.paused));
        self.rejected.extend(d.rejected.into_iter().map(|mut r| {
            r.line += shift;
            r.last_line = r.last_line.map(|l| l + shift);
            r
        }));
        self.line += d.newlines;
        Ok(())
    }

    /// The records and rows refused of the file: every id checked at once,
    /// a repeated one refused with the line of its first row, as on one
    /// thread; a file with a header and no row is an error, as there.
    pub fn finish(mut self) -> Result<DatasetLoad> {
        let file = self.reader.file.clone();
        if self.rows.lines.is_empty() && self.rejected.is_empty() {
            return Err(header_only(&file, self.reader.first_line));
        }
        let mut builder = DatasetBuilder::new();
        if let Some(hasher) = self.hasher {
            builder.use_id_hasher(RecordKind::Dossiers, hasher);
        }
        builder.begin_file(RecordKind::Dossiers, &file);
        let rows = &mut self.rows;
        for (i, why) in builder.merge_once(rows) {
            let line = rows.lines[i];
            let last = rows
                .spans
                .binary_search_by_key(&i, |s| s.0)
                .map_or(line, |k| rows.spans[k].1);
            let id = DOSSIER_SCHEMA.id_column();
            let refused = RejectedRow::spanning(&file, line, last, id, why);
            self.rejected.push(refused);
        }
        sort::sort_by_key(&mut self.rejected, |r| r.line);
        builder.absent_columns(RecordKind::Dossiers, &file, &self.reader.absent);
        Ok(DatasetLoad {
            dataset: builder.finish(),
            rejected: self.rejected,
        })
    }
}
