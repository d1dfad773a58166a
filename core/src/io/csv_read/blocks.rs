//! The records after a header read a block at a time (about [`BLOCK`]
//! bytes, cut at a record boundary): a block without a quote character by
//! the fast path ([`Body::read_plain`]), any other by the CSV reader. The
//! one-thread reader ([`read_rows_as`]) and the
//! parallel one (`io::parallel`, whose workers each take a block) share it.

use super::plain::plain_column;
use super::{
    csv_reader, header_only, io_error, plain_text, read_header, row_too_long, Body, Header, Lines,
    Row, Schema, MAX_ROW_BYTES,
};
use crate::base::error::Result;
use crate::io::options::ReadOptions;
use crate::io::text_input::open_text;
use crate::model::records::RejectedRow;
use std::io::Read;

/// Bytes read at a time; a block is about this size.
pub const BLOCK: usize = 4 << 20;

/// The record boundaries of `buf` (at a newline outside quotes): the
/// first, or the last; never at 0.
pub fn boundary(buf: &[u8], last: bool) -> Option<usize> {
    if memchr::memchr(b'"', buf).is_none() {
        let nl = if last {
            memchr::memrchr(b'\n', buf)
        } else {
            memchr::memchr(b'\n', buf)
        };
        return nl.map(|i| i + 1);
    }
    let (mut inside, mut found) = (false, None);
    for i in memchr::memchr2_iter(b'"', b'\n', buf) {
        if buf[i] == b'"' {
            inside = !inside;
        } else if !inside {
            found = Some(i + 1);
            if !last {
                break;
            }
        }
    }
    found
}

/// Reads up to `block` more bytes into `buf`; false at the end of input.
/// The bytes go into `buf`'s spare room as they are (a reused buffer is
/// not zeroed first).
pub fn fill<R: Read>(input: &mut R, buf: &mut Vec<u8>, block: usize, file: &str) -> Result<bool> {
    let start = buf.len();
    buf.reserve(block);
    input
        .by_ref()
        .take(block as u64)
        .read_to_end(buf)
        .map_err(|e| io_error(file, e))?;
    Ok(buf.len() > start)
}

/// Newlines in `b`.
pub fn newlines(b: &[u8]) -> u32 {
    memchr::memchr_iter(b'\n', b).count() as u32
}

/// Reads the header: the bytes up to the first record boundary.
pub fn header<R: Read>(
    input: &mut R,
    block: usize,
    schema: &Schema,
    file: &str,
    opts: &ReadOptions,
    delimiter: u8,
) -> Result<(Header, Vec<u8>, u32)> {
    let mut buf = Vec::new();
    let end = loop {
        if let Some(end) = boundary(&buf, false) {
            break end;
        }
        if buf.len() as u64 > MAX_ROW_BYTES {
            return Err(io_error(file, row_too_long(1)));
        }
        if !fill(input, &mut buf, block, file)? {
            break buf.len();
        }
    };
    let rest = buf.split_off(end);
    let mut reader = csv_reader(&buf[..], true, delimiter);
    let header = read_header(&mut reader, schema, file, opts.dates()?, delimiter)?;
    Ok((header, rest, newlines(&buf)))
}

/// Takes the block `buf[..cut]` out of `buf`, leaving the rest there (in
/// `spare`, a buffer kept for reuse, when given).
pub fn take_block(buf: &mut Vec<u8>, cut: usize, spare: Option<Vec<u8>>) -> Vec<u8> {
    let mut rest = spare.unwrap_or_default();
    rest.clear();
    rest.extend_from_slice(&buf[cut..]);
    buf.truncate(cut);
    std::mem::replace(buf, rest)
}

/// The blocks of an input after its header, each cut at a record
/// boundary, with the file line each starts on.
pub struct Blocks<'a, R> {
    input: R,
    /// Bytes read and not yet handed out (they start at a record boundary).
    buf: Vec<u8>,
    block: usize,
    /// Whether the input may have more bytes.
    more: bool,
    /// The file's last line handed out.
    line: u32,
    file: &'a str,
}

/// A block: its bytes, the file line it starts on, its newlines.
pub type Block = (Vec<u8>, u32, u32);

impl<'a, R: Read> Blocks<'a, R> {
    /// The blocks of `input` (about `block` bytes each), after `buf` (the
    /// bytes already read past the header, which ends on line `line`).
    pub fn new(input: R, buf: Vec<u8>, block: usize, line: u32, file: &'a str) -> Self {
        Blocks {
            input,
            buf,
            block,
            more: true,
            line,
            file,
        }
    }

    /// The next block, or `None` at the end; `spare` is a buffer to reuse.
    /// A record longer than [`MAX_ROW_BYTES`] is an error naming its line.
    pub fn next_block(&mut self, mut spare: Option<Vec<u8>>) -> Result<Option<Block>> {
        while self.more || !self.buf.is_empty() {
            if self.more {
                self.more = fill(&mut self.input, &mut self.buf, self.block, self.file)?;
            }
            let cut = if self.more {
                boundary(&self.buf, true)
            } else {
                Some(self.buf.len())
            };
            let Some(cut) = cut.filter(|&c| c > 0) else {
                if self.buf.len() as u64 > MAX_ROW_BYTES + self.block as u64 {
                    return Err(io_error(self.file, row_too_long(self.line + 1)));
                }
                continue; // a record longer than the buffer: read on
            };
            let bytes = take_block(&mut self.buf, cut, spare.take());
            let (first_line, lines) = (self.line + 1, newlines(&bytes));
            self.line += lines;
            return Ok(Some((bytes, first_line, lines)));
        }
        Ok(None)
    }
}

impl Body<'_> {
    /// Calls `take` on each row of `bytes`, whole records that start on
    /// this body's first line, as [`Body::read`] does.
    pub fn read_block(
        &self,
        bytes: &[u8],
        take: impl FnMut(&Row<'_>) -> std::result::Result<(), RejectedRow>,
    ) -> Result<Vec<RejectedRow>> {
        match plain_text(bytes) {
            Some(text) => self.read_plain(text, take),
            None => {
                let mut reader = csv_reader(self.lines.tap(bytes), false, self.header.delimiter);
                self.read(&mut reader, take)
            }
        }
    }

    /// The schema field `field` of each record of `bytes` (see
    /// [`Body::read_block`]), as [`Row::raw`] gives it, without checking
    /// the rest of the row: the records the full read rejects may be among
    /// them. A field the file lacks gives nothing.
    pub fn read_column(
        &self,
        bytes: &[u8],
        field: usize,
        mut take: impl FnMut(&str),
    ) -> Result<()> {
        let Some(col) = self.header.columns.pos.get(field).copied().flatten() else {
            return Ok(());
        };
        match plain_text(bytes) {
            Some(text) => plain_column(text, self.header.delimiter, col, take),
            // A block with quotes (rare): the whole rows, read as usual.
            None => {
                self.read_block(bytes, |r| {
                    take(r.raw(field).unwrap_or(""));
                    Ok(())
                })?;
            }
        }
        Ok(())
    }
}

/// [`read_rows`](super::read_rows) of an input read as `opts` says (see
/// [`open_text`]); also returns the schema's columns the file lacks. A
/// file with a header and no row is an error. The header, then the records
/// a block at a time.
#[allow(clippy::too_many_arguments)]
pub fn read_rows_as<R: Read>(
    input: R,
    size: Option<u64>,
    file: &str,
    opts: &ReadOptions,
    strict: bool,
    schema: &Schema,
    mut take: impl FnMut(&Row<'_>) -> std::result::Result<(), RejectedRow>,
) -> Result<(Vec<RejectedRow>, Vec<&'static str>)> {
    let text = open_text(input, opts, schema, file)?;
    let mut input = text.reader;
    // A small input of known size is read in one block of its size.
    let block = size.map_or(BLOCK, |n| (n as usize + 1).clamp(1 << 12, BLOCK));
    let (header, buf, line) = header(&mut input, block, schema, file, opts, text.delimiter)?;
    let mut blocks = Blocks::new(input, buf, block, line + text.first_line - 1, file);
    let (mut rejected, mut rows, mut first) = (Vec::new(), 0u64, true);
    while let Some((block, first_line, _)) = blocks.next_block(None)? {
        let lines = Lines::starting_at(first_line);
        let body = Body {
            header: &header,
            file,
            strict,
            // The row estimate is made once, in the first block.
            size: if first { size } else { None },
            first_line,
            lines: &lines,
        };
        first = false;
        rejected.extend(body.read_block(&block, |r| {
            rows += 1;
            take(r)
        })?);
    }
    if rows == 0 && rejected.is_empty() {
        return Err(header_only(file, text.first_line));
    }
    Ok((rejected, header.columns.absent().collect()))
}
