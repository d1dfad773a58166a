//! Workbooks (XLSX, XLS, XLSB, ODS) through calamine: the sheet named, or
//! the first; the header row given, or the first row that names the id
//! column (rows above it are the form's title block); date cells and Excel
//! serial numbers in date columns read as dates. Rows are read by the same
//! row parsers as CSV, a row's line being its row number in the sheet.
//! Without the core's feature `workbooks` (the portal's web build leaves
//! calamine out) a workbook is an error that says so.

#[cfg(feature = "workbooks")]
use super::csv_read::read_cells;
use super::csv_read::Row;
use super::csv_records::RowResult;
#[cfg(feature = "workbooks")]
use super::csv_records::{read_kind_from, Read1, RowSource};
use super::options::ReadOptions;
use super::schema::Schema;
use crate::base::error::{DvcttError, Result};
use crate::data::builder::DatasetBuilder;
use crate::model::records::{RecordKind, RejectedRow};
#[cfg(feature = "workbooks")]
use calamine::{Data, Range, Reader};
#[cfg(feature = "workbooks")]
use std::io::Cursor;

#[cfg(feature = "workbooks")]
/// Rows searched for the header when it is not given.
const HEADER_SEARCH: usize = 50;

/// Whether `bytes` start like a workbook (a ZIP: XLSX, ODS; or an OLE
/// compound file: XLS) rather than text.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Whether a path names a workbook by its extension.
pub fn is_workbook_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"]
        .iter()
        .any(|e| lower.ends_with(e))
}

#[cfg(feature = "workbooks")]
/// A cell as the text a CSV export would hold.
fn cell_text(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => (*f as i64).to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(e) => e.to_string(),
    }
}

#[cfg(feature = "workbooks")]
fn record(cells: &[Data]) -> csv::StringRecord {
    cells.iter().map(cell_text).collect()
}

#[cfg(feature = "workbooks")]
/// One sheet's cells, read as rows of a kind (see [`open_sheet`]).
pub struct SheetInput<'a> {
    range: Range<Data>,
    file: &'a str,
    opts: &'a ReadOptions,
    strict: bool,
}

#[cfg(feature = "workbooks")]
impl<'a> SheetInput<'a> {
    /// The rows of `range` (a sheet from [`open_sheet`], labelled `file`).
    pub fn new(range: Range<Data>, file: &'a str, opts: &'a ReadOptions, strict: bool) -> Self {
        SheetInput {
            range,
            file,
            opts,
            strict,
        }
    }
}

#[cfg(feature = "workbooks")]
impl RowSource for SheetInput<'_> {
    fn rows(self, schema: &Schema, take: &mut dyn FnMut(&Row<'_>) -> RowResult) -> Read1 {
        let first = self.range.start().map_or(0, |(r, _)| r);
        let line = |i: usize| first + i as u32 + 1;
        let names = |cells: &[Data]| {
            cells
                .iter()
                .any(|c| cell_text(c).trim().eq_ignore_ascii_case(schema.id_column()))
        };
        let at = match self.opts.header_row {
            Some(h) if h > first => Some((h - first - 1) as usize),
            Some(h) => {
                return Err(DvcttError::data(
                    "header_row",
                    format!("{}: row {h} is above the sheet's first row", self.file),
                ))
            }
            None => self.range.rows().take(HEADER_SEARCH).position(names),
        };
        let Some(at) = at.filter(|&i| i < self.range.height()) else {
            return Err(DvcttError::MissingColumn {
                file: self.file.to_string(),
                column: schema.id_column().to_string(),
            });
        };
        let mut rows = self.range.rows().enumerate().skip(at);
        let header = rows.next().map(|(_, c)| record(c)).unwrap_or_default();
        let body = rows.map(|(i, cells)| (line(i), record(cells)));
        let dates = self.opts.dates()?.with_serials();
        read_cells(
            header,
            line(at),
            body,
            self.file,
            dates,
            self.strict,
            schema,
            |r: &Row<'_>| take(r),
        )
    }
}

#[cfg(feature = "workbooks")]
/// Reads one sheet of the workbook in `bytes` (named `file`) as records
/// of `kind` into the builder; errors and rows name `file[sheet]`.
pub fn read_sheet(
    b: &mut DatasetBuilder,
    kind: RecordKind,
    bytes: &[u8],
    file: &str,
    opts: &ReadOptions,
    strict: bool,
) -> Result<Vec<RejectedRow>> {
    let (label, range) = open_sheet(bytes, file, opts)?;
    let input = SheetInput {
        range,
        file: &label,
        opts,
        strict,
    };
    read_kind_from(b, kind, &label, input)
}

#[cfg(feature = "workbooks")]
/// The sheet of the workbook in `bytes` that `opts` name (or the first),
/// with its label `file[sheet]`; an empty sheet is an error.
pub fn open_sheet(bytes: &[u8], file: &str, opts: &ReadOptions) -> Result<(String, Range<Data>)> {
    // calamine panics on some malformed workbooks (found by fuzzing); that
    // is an error of the file, not of the program.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        open_sheet_inner(bytes, file, opts)
    }))
    .unwrap_or_else(|_| {
        Err(DvcttError::io(
            file,
            "not a workbook that can be read (a malformed part)",
        ))
    })
}

#[cfg(feature = "workbooks")]
fn open_sheet_inner(bytes: &[u8], file: &str, opts: &ReadOptions) -> Result<(String, Range<Data>)> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| DvcttError::io(file, format!("not a workbook that can be read: {e}")))?;
    let sheets = book.sheet_names();
    let name = match opts.sheet.as_deref() {
        Some(want) => sheets
            .iter()
            .find(|n| n.trim().eq_ignore_ascii_case(want.trim()))
            .ok_or_else(|| {
                DvcttError::data(
                    "sheet",
                    format!(
                        "{file} has no sheet `{want}` (its sheets: {})",
                        sheets.join(", ")
                    ),
                )
            })?,
        None => sheets
            .first()
            .ok_or_else(|| DvcttError::io(file, "the workbook has no sheet"))?,
    }
    .clone();
    let range = book
        .worksheet_range(&name)
        .map_err(|e| DvcttError::io(file, format!("sheet `{name}`: {e}")))?;
    let label = format!("{file}[{name}]");
    if range.is_empty() {
        return Err(DvcttError::Csv {
            file: label,
            line: 1,
            field: String::new(),
            detail: "the sheet is empty (expected a header row naming the columns)".into(),
        });
    }
    Ok((label, range))
}

/// The rows of the sheet that `opts` names in the workbook `bytes` (read
/// from `file`) handed to `take` as rows of `schema`; returns the rows
/// not used, the optional columns absent and the sheet's label `file[sheet]`.
#[cfg(feature = "workbooks")]
pub fn sheet_rows(
    bytes: &[u8],
    file: &str,
    opts: &ReadOptions,
    strict: bool,
    schema: &Schema,
    take: &mut dyn FnMut(&Row<'_>) -> RowResult,
) -> Result<(Vec<RejectedRow>, Vec<&'static str>, String)> {
    let (label, range) = open_sheet(bytes, file, opts)?;
    let (r, a) = SheetInput::new(range, &label, opts, strict).rows(schema, take)?;
    Ok((r, a, label))
}

/// Without the feature `workbooks`: a workbook is an error naming the file.
#[cfg(not(feature = "workbooks"))]
fn not_in_this_build(file: &str) -> DvcttError {
    DvcttError::io(
        file,
        "a workbook (XLSX, XLS, ODS) cannot be read by this build of dvctt (built without the \
         feature `workbooks`; in the browser, `dvctt/xlsx` reads workbooks): save it as CSV",
    )
}

/// Without the feature `workbooks`: an error (see [`not_in_this_build`]).
#[cfg(not(feature = "workbooks"))]
pub fn read_sheet(
    _b: &mut DatasetBuilder,
    _kind: RecordKind,
    _bytes: &[u8],
    file: &str,
    _opts: &ReadOptions,
    _strict: bool,
) -> Result<Vec<RejectedRow>> {
    Err(not_in_this_build(file))
}

/// Without the feature `workbooks`: an error (see [`not_in_this_build`]).
#[cfg(not(feature = "workbooks"))]
pub fn sheet_rows(
    _bytes: &[u8],
    file: &str,
    _opts: &ReadOptions,
    _strict: bool,
    _schema: &Schema,
    _take: &mut dyn FnMut(&Row<'_>) -> RowResult,
) -> Result<(Vec<RejectedRow>, Vec<&'static str>, String)> {
    Err(not_in_this_build(file))
}
