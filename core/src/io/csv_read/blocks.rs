//! The records after a header read a block at a time (about [`BLOCK`]
//! bytes, cut at a record boundary): a block without a quote character by
//! the fast path ([`Body::read_plain`]), any other by the CSV reader. The
//! one-thread reader ([`read_rows_as`](super::read_rows_as)) and the
//! parallel one (`io::parallel`, whose workers each take a block) share it.

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
pub fn fill<R: Read>(input: &mut R, buf: &mut Vec<u8>, block: usize, file: &str) -> Result<bool> {
    let start = buf.len();
    buf.resize(start + block, 0);
    let mut n = 0;
    while start + n < buf.len() {
        match input.read(&mut buf[start + n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io_error(file, e)),
        }
    }
    buf.truncate(start + n);
    Ok(n > 0)
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
}

/// [`read_rows_as`](super::read_rows_as): the header, then the records a
/// block at a time.
#[allow(clippy::too_many_arguments)]
pub fn read_rows_in_blocks<R: Read>(
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
    let (header, mut buf, mut line) =
        header(&mut input, block, schema, file, opts, text.delimiter)?;
    line += text.first_line - 1;
    let (mut rejected, mut rows, mut more, mut first) = (Vec::new(), 0u64, true, true);
    while more || !buf.is_empty() {
        if more {
            more = fill(&mut input, &mut buf, block, file)?;
        }
        let cut = if more {
            boundary(&buf, true)
        } else {
            Some(buf.len())
        };
        let Some(cut) = cut.filter(|&c| c > 0) else {
            if buf.len() as u64 > MAX_ROW_BYTES + block as u64 {
                return Err(io_error(file, row_too_long(line + 1)));
            }
            continue; // a record longer than the buffer: read on
        };
        let block = take_block(&mut buf, cut, None);
        let lines = Lines::starting_at(line + 1);
        let body = Body {
            header: &header,
            file,
            strict,
            // The row estimate is made once, in the first block.
            size: if first { size } else { None },
            first_line: line + 1,
            lines: &lines,
        };
        first = false;
        line += newlines(&block);
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
