//! Streaming CSV reading: the row loop every record kind shares (header,
//! columns, line numbers, rejected rows, strict mode) and [`Row`], a row's
//! fields with the errors that name file, line and field.
//!
//! A row that cannot be read is never dropped silently: in strict mode the
//! first one is an error; otherwise every such row is returned with its
//! reason. Fields are read where the parser left them (no `String` per
//! field); a record is checked to be UTF-8 as a whole.

pub mod blocks;
mod plain;
mod stops;
pub use blocks::read_rows_as;
pub use plain::plain_text;

use super::cells::{Cells, Field};
use super::options::ReadOptions;
pub use super::schema::Schema;
use crate::base::date_text::{DateText, EXPECTED};
use crate::base::day::{date_of, NO_DATE};
use crate::base::error::{DvcttError, Result};
use crate::model::records::RejectedRow;
use chrono::NaiveDate;
use std::cell::RefCell;
use std::io::Read;
use std::rc::Rc;

/// Where a kind's columns are in a file: for each schema column (required,
/// then optional), its position, if present.
#[derive(Debug)]
pub struct Columns {
    names: Vec<&'static str>,
    pos: Vec<Option<usize>>,
    /// How the file's dates are written.
    dates: DateText,
}

impl Columns {
    /// The schema's optional columns the file does not have.
    pub fn absent(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.names
            .iter()
            .zip(&self.pos)
            .filter(|(_, p)| p.is_none())
            .map(|(n, _)| *n)
    }
}

/// One CSV row with its column positions, for field access with good errors.
pub struct Row<'a> {
    file: &'a str,
    line: u32,
    /// The last line the row covers (a quoted field may hold line breaks).
    last_line: u32,
    /// A line of nothing but spaces (not an empty quoted field `""`).
    blank: bool,
    record: Fields<'a>,
    columns: &'a Columns,
    /// Records read before this one, and their bytes.
    index: u64,
    bytes_before: u64,
    /// The input's size in bytes, when known.
    size: Option<u64>,
}

/// The fields of a row: a record of the CSV reader, or spans of a line
/// split by the fast path (see `plain.rs`).
#[derive(Clone, Copy)]
enum Fields<'a> {
    Record(&'a csv::StringRecord),
    Spans(&'a str, &'a [(u32, u32)]),
}

impl<'a> Fields<'a> {
    fn len(&self) -> usize {
        match self {
            Fields::Record(r) => r.len(),
            Fields::Spans(_, spans) => spans.len(),
        }
    }
    #[inline(always)]
    fn get(&self, i: usize) -> Option<&'a str> {
        match *self {
            Fields::Record(r) => r.get(i),
            Fields::Spans(text, spans) => match spans.get(i) {
                Some(&(a, b)) => text.get(a as usize..b as usize),
                None => None,
            },
        }
    }
    fn iter(self) -> impl Iterator<Item = &'a str> {
        (0..self.len()).filter_map(move |i| self.get(i))
    }
}

/// Rows read before the row count is estimated for reserving memory.
const ESTIMATE_AFTER: u64 = 1024;

/// `s` without surrounding whitespace; most fields have none, and plain
/// ASCII ends are checked without decoding.
#[inline(always)]
fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) if f > b' ' && f < 0x80 && l > b' ' && l < 0x80 => s,
        _ => s.trim(),
    }
}

impl<'a> Row<'a> {
    /// The row's 1-based line (the header is line 1).
    pub fn line(&self) -> u32 {
        self.line
    }

    /// Once, early in a file of known size: how many rows it holds, judged
    /// from the bytes of the rows read so far (to reserve memory once).
    pub fn estimated_rows(&self) -> Option<usize> {
        if self.index != ESTIMATE_AFTER || self.bytes_before == 0 {
            return None;
        }
        let size = self.size?;
        Some((size as f64 / self.bytes_before as f64 * self.index as f64 * 1.02) as usize)
    }

    /// [`Row::reject`] for a row whose shape suggests a quote never closed:
    /// also names the first field that holds line breaks.
    pub fn reject_unclosed(&self, field: &str, detail: impl Into<String>) -> RejectedRow {
        let mut detail = detail.into();
        let first = self
            .record
            .iter()
            .enumerate()
            .find(|(_, f)| f.contains('\n'));
        if let Some((i, f)) = first {
            let breaks = memchr::memchr_iter(b'\n', f.as_bytes()).count();
            detail.push_str(&format!(
                "; the quoted field `{}` opened on line {} holds {breaks} line break(s): \
                 is a closing quote missing?",
                self.header_name(i),
                self.line
            ));
        }
        self.reject(field, detail)
    }

    /// The schema name of the file's column `i`, or its position.
    fn header_name(&self, i: usize) -> String {
        match self.columns.pos.iter().position(|p| *p == Some(i)) {
            Some(k) => self.columns.names[k].to_string(),
            None => format!("column {}", i + 1),
        }
    }

    /// The last line the row covers.
    pub fn last_line(&self) -> u32 {
        self.last_line
    }

    /// The trimmed value, `None` when the column is absent.
    #[inline(always)]
    pub fn raw(&self, f: impl Field) -> Option<&'a str> {
        // `?` rather than `and_then`/`map`: at the browser build's
        // opt-level "z" each combinator would stay a call.
        let k = f.index(&self.columns.names)?;
        let i = self.columns.pos[k]?;
        Some(trim(self.record.get(i)?))
    }

    #[inline]
    fn parse_day(&self, f: impl Field, v: &str) -> Result<i32, RejectedRow> {
        self.columns
            .dates
            .day(v)
            .map_err(|why| self.reject(self.name(f), why))
    }
}

impl<'a> Cells<'a> for Row<'a> {
    #[inline]
    fn reject(&self, field: &str, detail: impl Into<String>) -> RejectedRow {
        RejectedRow::spanning(self.file, self.line, self.last_line, field, detail.into())
    }

    #[inline]
    fn name(&self, f: impl Field) -> &'static str {
        f.name(&self.columns.names)
    }

    #[inline]
    fn text_ref(&self, f: impl Field) -> Result<&'a str, RejectedRow> {
        match self.raw(f) {
            Some(v) if !v.is_empty() => Ok(v),
            _ => Err(self.reject(self.name(f), "empty value")),
        }
    }

    /// Non-empty and on one line (a line break in a code is most often a
    /// quote never closed).
    #[inline]
    fn code_ref(&self, f: impl Field) -> Result<&'a str, RejectedRow> {
        let v = self.text_ref(f)?;
        if memchr::memchr(b'\n', v.as_bytes()).is_some() {
            return Err(self.reject_unclosed(self.name(f), "a code or id holds a line break"));
        }
        Ok(v)
    }

    #[inline]
    fn opt_text_ref(&self, f: impl Field) -> Result<Option<&'a str>, RejectedRow> {
        Ok(self.raw(f).filter(|v| !v.is_empty()))
    }

    #[inline]
    fn day(&self, f: impl Field) -> Result<i32, RejectedRow> {
        let v = self.raw(f).unwrap_or("");
        if v.is_empty() {
            return Err(self.reject(self.name(f), format!("empty date (expected {EXPECTED})")));
        }
        self.parse_day(f, v)
    }

    #[inline]
    fn opt_day(&self, f: impl Field) -> Result<i32, RejectedRow> {
        match self.raw(f) {
            None | Some("") => Ok(NO_DATE),
            Some(v) => self.parse_day(f, v),
        }
    }

    #[inline]
    fn date(&self, f: impl Field) -> Result<NaiveDate, RejectedRow> {
        let d = self.day(f)?;
        date_of(d).ok_or_else(|| {
            self.reject(
                self.name(f),
                format!(
                    "`{}` is past the calendar's range",
                    self.raw(f).unwrap_or("")
                ),
            )
        })
    }

    #[inline]
    fn opt_boolean(&self, f: impl Field) -> Result<Option<bool>, RejectedRow> {
        match self.raw(f) {
            None | Some("") => Ok(None),
            Some(_) => self.boolean(f).map(Some),
        }
    }

    #[inline]
    fn opt_u32(&self, f: impl Field) -> Result<Option<u32>, RejectedRow> {
        match self.raw(f) {
            None | Some("") => Ok(None),
            Some(v) => v
                .parse()
                .map(Some)
                .map_err(|_| self.reject(self.name(f), format!("`{v}` is not a whole number ≥ 0"))),
        }
    }

    #[inline]
    fn boolean(&self, f: impl Field) -> Result<bool, RejectedRow> {
        let v = self.raw(f).unwrap_or("");
        // `true` and `false`, told apart without a branch on which (they
        // come in no order a predictor could learn).
        if let Some(head) = v.as_bytes().first_chunk::<4>() {
            let (w, n) = (u32::from_le_bytes(*head), v.len());
            let t = (n == 4) & (w == u32::from_le_bytes(*b"true"));
            let f = (n == 5) & (w == u32::from_le_bytes(*b"fals")) & (v.as_bytes()[n - 1] == b'e');
            if t | f {
                return Ok(t);
            }
        }
        if v.eq_ignore_ascii_case("true") || v == "1" {
            Ok(true)
        } else if v.eq_ignore_ascii_case("false") || v == "0" {
            Ok(false)
        } else {
            Err(self.reject(
                self.name(f),
                format!("`{v}` is not a boolean (expected true or false)"),
            ))
        }
    }
}

/// Physical line numbers. The CSV reader's own line count skips blank
/// lines and is one short after each CRLF, and the position it gives for a
/// record is where it started looking: before the blank lines and the `\n`
/// of a CRLF that precede the record. So the input's line-end bytes (`\r`,
/// `\n`) are noted as it is read, and a record's line is 1 + the newlines
/// before its first byte, the run of line ends at its position skipped.
#[derive(Debug, Default)]
pub struct LineIndex {
    /// Offsets of line-end bytes not yet passed, and whether each is `\n`.
    pending: std::collections::VecDeque<(u64, bool)>,
    /// Newlines passed.
    passed: u32,
    /// Bytes read so far.
    read: u64,
    /// Where the record being read starts, and its line.
    record_start: u64,
    record_line: u32,
    /// Lines of the file before the input's first line (an input that is
    /// a block of a file), added to the line a too-long row is named by.
    shift: u32,
}

/// The longest row read (1 MiB): a longer one, most often a quote never
/// closed running to the end of a large file, stops the reading with an
/// error naming its line instead of filling the memory.
pub const MAX_ROW_BYTES: u64 = 1 << 20;

/// The error for a row longer than [`MAX_ROW_BYTES`] that starts on `line`.
pub fn row_too_long(line: u32) -> String {
    format!(
        "the row that starts on line {line} is longer than {} MiB (a quote never closed?); \
         rows that long are refused",
        MAX_ROW_BYTES >> 20
    )
}

/// Shares a [`LineIndex`] between an input and the rows read from it.
#[derive(Debug, Default, Clone)]
pub struct Lines(Rc<RefCell<LineIndex>>);

impl Lines {
    /// Lines of an input whose first line is the file's line `first_line`.
    pub fn starting_at(first_line: u32) -> Self {
        let lines = Lines::default();
        lines.0.borrow_mut().shift = first_line.saturating_sub(1);
        lines
    }

    /// `input`, noting its line ends here as it is read.
    pub fn tap<R: Read>(&self, input: R) -> Tap<R> {
        Tap {
            input,
            lines: self.clone(),
        }
    }

    /// The line of the record the CSV reader placed at `offset` (offsets
    /// only grow between calls).
    pub fn line_at(&self, offset: u64) -> u32 {
        let mut ix = self.0.borrow_mut();
        let mut at = offset;
        while let Some(&(o, nl)) = ix.pending.front() {
            if o > at {
                break;
            }
            if o == at {
                at += 1; // a line end before the record's first byte
            }
            ix.pending.pop_front();
            ix.passed += u32::from(nl);
        }
        // Asked again for the same record (before and after reading it),
        // the line ends skipped the first time are gone: keep the start.
        ix.record_start = at.max(ix.record_start);
        ix.record_line = ix.passed + 1;
        ix.passed + 1
    }

    /// The bytes of the record placed by the last [`Lines::line_at`] that
    /// ends before `end`, line ends not counted: what its fields were
    /// written with, quotes included.
    pub fn content_bytes(&self, end: u64) -> u64 {
        let ix = self.0.borrow();
        let ends = ix.pending.iter().take_while(|&&(o, _)| o < end).count() as u64;
        end.saturating_sub(ix.record_start).saturating_sub(ends)
    }

    /// The last line of a record that starts on `line` (after
    /// [`Lines::line_at`] for it) and ends before byte `end`: the newlines
    /// inside it, not the one that ends it.
    pub fn last_line(&self, line: u32, end: u64) -> u32 {
        let ix = self.0.borrow();
        let inside = ix
            .pending
            .iter()
            .take_while(|&&(o, _)| o < end)
            .filter(|&&(o, nl)| nl && o + 1 < end)
            .count() as u32;
        line + inside
    }
}

/// An input whose line ends are noted in a [`Lines`].
pub struct Tap<R> {
    input: R,
    lines: Lines,
}

impl<R: Read> Read for Tap<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.input.read(buf)?;
        let mut ix = self.lines.0.borrow_mut();
        let base = ix.read;
        let ends = memchr::memchr2_iter(b'\n', b'\r', &buf[..n]);
        ix.pending
            .extend(ends.map(|i| (base + i as u64, buf[i] == b'\n')));
        ix.read += n as u64;
        if ix.read - ix.record_start > MAX_ROW_BYTES + (1 << 16) {
            let line = ix.record_line.max(1) + ix.shift;
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                row_too_long(line),
            ));
        }
        Ok(n)
    }
}

/// An `Io` error reading `file` (see [`DvcttError::io`]).
pub fn io_error(file: &str, e: impl std::fmt::Display) -> DvcttError {
    DvcttError::io(file, e)
}

/// Finds the schema's columns in the header, or the missing or repeated column.
fn columns(
    headers: &csv::StringRecord,
    schema: &Schema,
    file: &str,
    dates: DateText,
) -> Result<Columns> {
    let names: Vec<&'static str> = schema
        .required
        .iter()
        .chain(schema.optional)
        .copied()
        .collect();
    let find = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let pos: Vec<Option<usize>> = names.iter().map(|n| find(n)).collect();
    for (n, p) in names.iter().zip(&pos) {
        let twice = p.and_then(|p| {
            (p + 1..headers.len()).find(|&q| headers[q].trim().eq_ignore_ascii_case(n))
        });
        if let (Some(p), Some(q)) = (p, twice) {
            return Err(DvcttError::Csv {
                file: file.to_string(),
                line: 1,
                field: n.to_string(),
                detail: format!(
                    "the header names `{n}` twice (columns {} and {}): which one to read is unclear",
                    p + 1,
                    q + 1
                ),
            });
        }
    }
    if let Some(k) = (0..schema.required.len()).find(|&k| pos[k].is_none()) {
        return Err(DvcttError::MissingColumn {
            file: file.to_string(),
            column: names[k].to_string(),
        });
    }
    for group in schema.one_of {
        if !group.iter().any(|c| find(c).is_some()) {
            return Err(DvcttError::MissingColumn {
                file: file.to_string(),
                column: group.join(" or "),
            });
        }
    }
    Ok(Columns { names, pos, dates })
}

/// A record whose bytes are not UTF-8, as a rejected row naming the field.
fn not_utf8(
    file: &str,
    line: u32,
    last_line: u32,
    headers: &csv::StringRecord,
    field: usize,
) -> RejectedRow {
    RejectedRow::spanning(
        file,
        line,
        last_line,
        headers.get(field).unwrap_or("").trim(),
        "not valid UTF-8 (is the file in another encoding? pass it, e.g. windows-1258)".into(),
    )
}

/// A file's header: its fields and where the schema's columns are.
pub struct Header {
    pub record: csv::StringRecord,
    pub columns: Columns,
    pub delimiter: u8,
}

/// A CSV reader over `input` as every record kind is read.
pub fn csv_reader<R: Read>(input: R, has_headers: bool, delimiter: u8) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .has_headers(has_headers)
        .delimiter(delimiter)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(input)
}

/// Reads the header and finds the schema's columns in it.
pub fn read_header<R: Read>(
    reader: &mut csv::Reader<R>,
    schema: &Schema,
    file: &str,
    dates: DateText,
    delimiter: u8,
) -> Result<Header> {
    let record = reader
        .headers()
        .map_err(|e| DvcttError::Csv {
            file: file.to_string(),
            line: 1,
            field: String::new(),
            detail: e.to_string(),
        })?
        .clone();
    let columns = columns(&record, schema, file, dates)?;
    Ok(Header {
        record,
        columns,
        delimiter,
    })
}

/// Reads CSV from `input`, calling `take` on every row that has the
/// header's number of fields; `file` names the source in errors. Unusable
/// rows (a CSV error, a wrong number of fields, what `take` refuses) are
/// returned, or the first is an error when `strict`. A missing required
/// column is always an error.
pub fn read_rows<R: Read>(
    input: R,
    size: Option<u64>,
    file: &str,
    strict: bool,
    schema: &Schema,
    take: impl FnMut(&Row<'_>) -> Result<(), RejectedRow>,
) -> Result<Vec<RejectedRow>> {
    let opts = ReadOptions::default();
    read_rows_as(input, size, file, &opts, strict, schema, take).map(|(r, _)| r)
}

/// Reads rows given as cells (a sheet of a workbook): `header` (on line
/// `header_line`) names the columns, each row comes with its line; rows of
/// empty cells are blank. Otherwise as [`read_rows_as`].
#[allow(clippy::too_many_arguments)]
pub fn read_cells(
    header: csv::StringRecord,
    header_line: u32,
    rows: impl Iterator<Item = (u32, csv::StringRecord)>,
    file: &str,
    dates: DateText,
    strict: bool,
    schema: &Schema,
    mut take: impl FnMut(&Row<'_>) -> Result<(), RejectedRow>,
) -> Result<(Vec<RejectedRow>, Vec<&'static str>)> {
    let columns = columns(&header, schema, file, dates)?;
    let width = header.len();
    let (mut rejected, mut used) = (Vec::new(), 0u64);
    for (index, (line, record)) in rows.enumerate() {
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let row = Row {
            file,
            line,
            last_line: line,
            blank: false,
            record: Fields::Record(&record),
            columns: &columns,
            index: index as u64,
            bytes_before: 0,
            size: None,
        };
        used += 1;
        match one_row(&row, width, &mut take) {
            Ok(()) => {}
            Err(r) if strict => return Err(r.into()),
            Err(r) => rejected.push(r),
        }
    }
    if used == 0 {
        return Err(header_only(file, header_line));
    }
    Ok((rejected, columns.absent().collect()))
}

/// The error for a file with a header (on `line`) and no row.
pub fn header_only(file: &str, line: u32) -> DvcttError {
    DvcttError::Csv {
        file: file.to_string(),
        line,
        field: String::new(),
        detail: "the file has a header and no rows (was the export cut short?)".into(),
    }
}

/// The records after a header: the whole rest of a file, or a chunk of it
/// that starts at line `first_line`.
pub struct Body<'a> {
    pub header: &'a Header,
    pub file: &'a str,
    pub strict: bool,
    /// The input's size in bytes, when known.
    pub size: Option<u64>,
    /// The line the reader's line 1 is in the file.
    pub first_line: u32,
    /// The newlines of the reader's input (see [`Lines::tap`]).
    pub lines: &'a Lines,
}

impl Body<'_> {
    /// Calls `take` on each row, as [`read_rows`].
    pub fn read<R: Read>(
        &self,
        reader: &mut csv::Reader<R>,
        mut take: impl FnMut(&Row<'_>) -> Result<(), RejectedRow>,
    ) -> Result<Vec<RejectedRow>> {
        let (file, header) = (self.file, self.header);
        let width = header.record.len();
        let shift = self.first_line - 1;
        let line_at = |p: Option<&csv::Position>, fallback: u32| {
            p.map_or(fallback, |p| self.lines.line_at(p.byte()) + shift)
        };
        let mut rejected = Vec::new();
        let mut bytes = csv::ByteRecord::new();
        let mut index = 0u64;
        loop {
            let line = line_at(Some(reader.position()), 0);
            let outcome = match reader.read_byte_record(&mut bytes) {
                Ok(false) => break,
                Ok(true) => {
                    let line = line_at(bytes.position(), line);
                    let bytes_before = bytes.position().map_or(0, |p| p.byte());
                    let end = reader.position().byte();
                    let last_line = self.lines.last_line(line, end);
                    let blank = bytes.len() == 1
                        && bytes[0].iter().all(u8::is_ascii_whitespace)
                        && self.lines.content_bytes(end) == bytes[0].len() as u64;
                    match csv::StringRecord::from_byte_record(std::mem::take(&mut bytes)) {
                        Ok(record) => {
                            let row = Row {
                                file,
                                line,
                                last_line,
                                blank,
                                record: Fields::Record(&record),
                                columns: &header.columns,
                                index,
                                bytes_before,
                                size: self.size,
                            };
                            index += 1;
                            let r = one_row(&row, width, &mut take);
                            bytes = record.into_byte_record();
                            r
                        }
                        Err(e) => {
                            let field = e.utf8_error().field();
                            bytes = e.into_byte_record();
                            Err(not_utf8(file, line, last_line, &header.record, field))
                        }
                    }
                }
                Err(e) if matches!(e.kind(), csv::ErrorKind::Io(_)) => {
                    return Err(io_error(file, e));
                }
                Err(e) => Err(RejectedRow {
                    file: file.to_string(),
                    line: line_at(e.position(), line),
                    last_line: None,
                    field: String::new(),
                    detail: e.to_string(),
                }),
            };
            match outcome {
                Ok(()) => {}
                Err(r) if self.strict => return Err(r.into()),
                Err(r) => rejected.push(r),
            }
        }
        Ok(rejected)
    }
}

/// One record: a blank line is skipped, a wrong number of fields refused,
/// anything else handed to `take`.
fn one_row(
    row: &Row<'_>,
    width: usize,
    take: &mut impl FnMut(&Row<'_>) -> Result<(), RejectedRow>,
) -> Result<(), RejectedRow> {
    let record = row.record;
    if row.blank {
        return Ok(()); // a blank line carries no record
    }
    if record.len() != width {
        return Err(row.reject_unclosed(
            "",
            format!("row has {} fields, the header has {width}", record.len()),
        ));
    }
    take(row)
}
