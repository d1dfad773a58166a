//! A large dossier CSV file read in pieces by workers that share no memory
//! (Web Workers, each with its own wasm instance), as `io::parallel` reads
//! one on threads. The file is cut at fixed byte offsets ([`PieceReader::pieces`]);
//! a piece's worker takes the records that start in its piece, reading past
//! its end to finish the last one, parses them into a batch of its own and
//! hands it over as bytes ([`PieceReader::parse`]); [`PieceMerge`] adds the
//! pieces in file order through the same merge as the threaded reader, so
//! the data set, the rows rejected, the repeated ids and every line number
//! are those of a read on one thread.
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
use super::parallel;
use super::text_input::open_text;
use crate::base::error::{DvcttError, Result};
use crate::data::builder::{Chunk, DatasetBuilder};
use crate::data::dict::Dict;
use crate::data::dossiers::{DossierBatch, DossierColumns};
use crate::data::ids::Ids;
use crate::model::records::{RecordKind, RejectedRow};
use encoding_rs::UTF_8;
use std::hash::BuildHasher;

/// Bytes a piece's worker reads past its piece to finish its last record
/// (a longer record sends the file to the one-thread reader).
pub const TAIL: u64 = 1 << 20;

/// Where one piece's worker reads: the file's bytes `start..end` (`eof`:
/// to the end of the file); the records it takes end at the first newline
/// at or after `own` (counted from `start`), or at `end` for the `last` piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Piece {
    pub start: u64,
    pub end: u64,
    pub own: u64,
    pub first: bool,
    pub last: bool,
    pub eof: bool,
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
        chunk.reserve(newlines(text) as usize);
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
        Ok(Some(encode(&chunk, &rejected, newlines(text), text.len())))
    }
}

/// A piece's parse, as bytes: its newlines, the lines of its rows, the
/// rows spanning lines, its rows refused (JSON), then its batch.
fn encode(
    chunk: &Chunk<DossierBatch>,
    rejected: &[RejectedRow],
    lines: u32,
    len: usize,
) -> Vec<u8> {
    let b = &chunk.batch;
    let mut o = Out(Vec::with_capacity(b.len() * 48 + 64));
    o.u32(lines);
    o.u32(len as u32);
    o.u32s(&chunk.lines);
    o.u32(chunk.spans.len() as u32);
    for &(row, last) in &chunk.spans {
        o.u32(row as u32);
        o.u32(last);
    }
    o.bytes(&serde_json::to_vec(rejected).unwrap_or_default());
    let ends: Vec<u32> = b
        .ids
        .iter()
        .scan(0u32, |end, id| {
            *end += id.len() as u32;
            Some(*end)
        })
        .collect();
    o.u32s(&ends);
    o.bytes(b.ids.iter().collect::<String>().as_bytes());
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
    o.0
}

/// A piece's parse read back: its newlines and bytes, rows (ids not
/// hashed yet) and rows refused.
type Decoded = ((u32, u32), Chunk<DossierBatch>, Vec<RejectedRow>);

fn decode(bytes: &[u8]) -> Result<Decoded> {
    let mut i = In(bytes);
    let newlines = (i.u32()?, i.u32()?);
    let mut chunk = Chunk::<DossierBatch> {
        lines: i.u32s()?,
        ..Default::default()
    };
    for _ in 0..i.u32()? {
        chunk.spans.push((i.u32()? as usize, i.u32()?));
    }
    let rejected: Vec<RejectedRow> = serde_json::from_slice(i.bytes()?).map_err(|e| cut(&e))?;
    let ends = i.u32s()?;
    let text = std::str::from_utf8(i.bytes()?).map_err(|e| cut(&e))?;
    let mut ids = Ids::default();
    let mut start = 0usize;
    for &end in &ends {
        ids.push(text.get(start..end as usize).ok_or_else(|| cut(&"an id"))?);
        start = end as usize;
    }
    let mut dicts = [Dict::default(), Dict::default(), Dict::default()];
    for d in &mut dicts {
        for _ in 0..i.u32()? {
            d.intern(std::str::from_utf8(i.bytes()?).map_err(|e| cut(&e))?);
        }
    }
    let [units, sectors, procedures] = dicts;
    let cols = DossierColumns {
        units,
        sectors,
        unit: i.u32s()?,
        sector: i.u32s()?,
        received: i.i32s()?,
        completed: i.i32s()?,
        due: i.i32s()?,
        flags: i.bytes()?.to_vec(),
    };
    chunk.batch = DossierBatch {
        ids,
        cols,
        procedures,
        procedure: i.u32s()?,
        due_on: i.i32s()?,
        paused: i.u32s()?,
    };
    let n = chunk.lines.len();
    let c = &chunk.batch.cols;
    let lens = [
        c.unit.len(),
        c.sector.len(),
        c.received.len(),
        c.completed.len(),
        c.due.len(),
    ];
    let more = [
        c.flags.len(),
        chunk.batch.procedure.len(),
        chunk.batch.due_on.len(),
    ];
    if chunk.batch.ids.len() != n
        || chunk.batch.paused.len() != n
        || lens.iter().chain(&more).any(|&l| l != n)
    {
        return Err(cut(&"columns of different lengths"));
    }
    Ok((newlines, chunk, rejected))
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
    fn words(&mut self) -> Result<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n.checked_mul(4).ok_or_else(|| cut(&"a length"))?)
    }
    fn u32s(&mut self) -> Result<Vec<u32>> {
        Ok(self
            .words()?
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }
    fn i32s(&mut self) -> Result<Vec<i32>> {
        Ok(self
            .words()?
            .chunks_exact(4)
            .map(|b| i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }
    fn bytes(&mut self) -> Result<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }
}

/// The pieces of one file added in file order into a data set.
pub struct PieceMerge {
    builder: DatasetBuilder,
    reader: PieceReader,
    /// The file's size in bytes (for the one reservation of room).
    size: u64,
    /// The file's last line of the pieces merged so far.
    line: u32,
    rows: usize,
    rejected: Vec<RejectedRow>,
}

impl PieceMerge {
    /// Starts the file of `size` bytes that `reader` read the header of.
    pub fn new(reader: PieceReader, size: u64) -> Self {
        let mut builder = DatasetBuilder::new();
        builder.begin_file(RecordKind::Dossiers, &reader.file);
        PieceMerge {
            builder,
            line: reader.header_line,
            reader,
            size,
            rows: 0,
            rejected: Vec::new(),
        }
    }

    /// Adds the next piece's parse (from [`PieceReader::parse`]).
    pub fn merge(&mut self, piece: &[u8]) -> Result<()> {
        let ((newlines, len), mut chunk, mut refused) = decode(piece)?;
        let shift = self.line;
        let hasher = self.builder.id_hasher(RecordKind::Dossiers);
        chunk.hashes = chunk
            .batch
            .ids
            .iter()
            .map(|id| hasher.hash_one(id))
            .collect();
        chunk.lines.iter_mut().for_each(|l| *l += shift);
        chunk.spans.iter_mut().for_each(|s| s.1 += shift);
        for r in &mut refused {
            r.line += shift;
            r.last_line = r.last_line.map(|l| l + shift);
        }
        if self.rows == 0 && !chunk.lines.is_empty() {
            // Room for the whole file, estimated from the first piece's rows.
            let per_row = (u64::from(len) / chunk.lines.len() as u64).max(1);
            let rows = (self.size / per_row) as usize + 1024;
            self.builder.reserve(RecordKind::Dossiers, rows);
        }
        self.rows += parallel::merge(
            &mut self.builder,
            Ok((chunk, refused)),
            &DOSSIER_SCHEMA,
            &self.reader.file,
            &mut self.rejected,
        )?;
        self.line += newlines;
        Ok(())
    }

    /// The records and rows refused of the file; a file with a header and
    /// no row is an error, as when it is read on one thread.
    pub fn finish(mut self) -> Result<DatasetLoad> {
        if self.rows == 0 && self.rejected.is_empty() {
            return Err(header_only(&self.reader.file, self.reader.first_line));
        }
        let absent = std::mem::take(&mut self.reader.absent);
        self.builder
            .absent_columns(RecordKind::Dossiers, &self.reader.file, &absent);
        Ok(DatasetLoad {
            dataset: self.builder.finish(),
            rejected: self.rejected,
        })
    }
}
